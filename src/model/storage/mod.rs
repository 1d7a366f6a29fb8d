//! EBS: volumes, snapshots and encryption by default, plus the instance store of each
//! instance type. Plain data and AWS's documented rules; no rendering.
//!
//! [`Storage`] holds every volume and snapshot of one lab (all regions). Each operation
//! checks AWS's rules before it changes anything, so an `Err` leaves it as it was.
//! Instances live in the network model; operations that need one read it from there.
//!
//! The lab has no wall clock: the storage clock starts at 2025-01-01T00:00:00Z, moves one
//! minute with every change and jumps with `clock advance` — enough for ModifyVolume's
//! rolling 24-hour limit to mean something.
//!
//! What is written to a disk is modelled as a list of file names (`disk write`), so a
//! notebook can show what a stop, a terminate, a snapshot or a restore keeps.

pub mod choose;
pub mod images;
pub mod instance_store;
pub mod prices;
pub mod snapshots;
pub mod survival;
pub mod types;
pub mod volumes;

#[cfg(test)]
mod tests;

use crate::model::codes;
use crate::model::{AwsError, AwsResult};
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, TimeZone, Utc};

pub use types::VolumeType;

/// The account that owns every snapshot (the lab's one account).
pub const ACCOUNT: &str = "123456789012";
/// Lab minutes each storage change takes on the storage clock (a lab convention).
pub const OP_MINUTES: i64 = 1;
/// ModifyVolume: up to four modifications of a volume in a rolling 24-hour period, each
/// after the previous one completed (ModifyVolume in the EC2 API reference,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html; it
/// replaced the earlier "wait at least 6 hours between modifications").
pub const MODIFICATIONS_PER_WINDOW: usize = 4;
pub const MODIFICATION_WINDOW_HOURS: i64 = 24;

/// A volume attached to an instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub instance_id: String,
    pub device: String,
    pub attached_at: DateTime<Utc>,
    pub delete_on_termination: bool,
}

/// The last ModifyVolume of a volume (DescribeVolumesModifications' shape).
#[derive(Clone, Debug, PartialEq)]
pub struct Modification {
    pub original: (VolumeType, u32, Option<u32>, Option<u32>, bool),
    pub target: (VolumeType, u32, Option<u32>, Option<u32>, bool),
    pub started_at: DateTime<Utc>,
}

/// An EBS volume: lives in one AZ, independent of any instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    pub id: String,
    pub region: String,
    pub availability_zone: String,
    pub volume_type: VolumeType,
    pub size_gib: u32,
    /// Provisioned IOPS (gp3, io1, io2); gp2's is derived from the size.
    pub iops: Option<u32>,
    /// Provisioned throughput, MiB/s (gp3).
    pub throughput: Option<u32>,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub snapshot_id: Option<String>,
    pub multi_attach: bool,
    pub attachments: Vec<Attachment>,
    pub created_at: DateTime<Utc>,
    pub last_modification: Option<Modification>,
    /// When each ModifyVolume of it started, oldest first (the rolling 24-hour limit).
    pub modified_at: Vec<DateTime<Utc>>,
    pub name: Option<String>,
    /// What has been written to it (`disk write`), oldest first.
    pub files: Vec<String>,
}

impl Volume {
    /// `in-use` while attached, else `available`.
    pub fn state(&self) -> &'static str {
        if self.attachments.is_empty() {
            "available"
        } else {
            "in-use"
        }
    }

    /// The IOPS as DescribeVolumes reports them (gp2 from size; none for HDD types).
    pub fn reported_iops(&self) -> Option<u32> {
        match self.volume_type {
            VolumeType::Gp2 => Some(types::gp2_iops(self.size_gib)),
            VolumeType::Gp3 => Some(self.iops.unwrap_or(types::GP3_BASELINE_IOPS)),
            VolumeType::Io1 | VolumeType::Io2 => self.iops,
            _ => None,
        }
    }

    pub fn reported_throughput(&self) -> Option<u32> {
        match self.volume_type {
            VolumeType::Gp3 => Some(self.throughput.unwrap_or(types::GP3_BASELINE_THROUGHPUT)),
            _ => None,
        }
    }

    /// The attachment as the root device (`/dev/xvda`, `/dev/sda1`), if it is one.
    pub fn root_of(&self) -> Option<&Attachment> {
        self.attachments.iter().find(|a| is_root_device(&a.device))
    }
}

/// An EBS snapshot: regional, incremental after the first of a volume.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub id: String,
    pub region: String,
    pub volume_id: String,
    pub volume_size_gib: u32,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub description: String,
    pub started_at: DateTime<Utc>,
    pub name: Option<String>,
    /// The volume's files at the time of the snapshot.
    pub files: Vec<String>,
    /// Files stored by this snapshot itself: those not in the volume's previous snapshot
    /// (EBS stores only changed blocks after the first snapshot).
    pub new_files: usize,
    /// For a copy: the source snapshot and its region.
    pub source: Option<(String, String)>,
}

/// Every EBS resource in one lab.
#[derive(Clone, Debug)]
pub struct Storage {
    pub volumes: Vec<Volume>,
    pub snapshots: Vec<Snapshot>,
    /// Regions with EBS encryption by default turned on (off by default, per region).
    pub encryption_by_default: BTreeSet<String>,
    /// Files on each instance's instance store disks: (instance ID, disk index) → files.
    pub instance_store_files: BTreeMap<(String, u32), Vec<String>>,
    /// Volumes deleted with their instance (DeleteOnTermination), for explanations.
    pub deleted_with_instance: Vec<(String, String)>,
    /// The block device mappings of the lab's AMIs (CreateImage).
    pub images: Vec<images::ImageDisks>,
    pub now: DateTime<Utc>,
    seq: u64,
}

impl Default for Storage {
    fn default() -> Self {
        Storage {
            volumes: Vec::new(),
            snapshots: Vec::new(),
            encryption_by_default: BTreeSet::new(),
            instance_store_files: BTreeMap::new(),
            deleted_with_instance: Vec::new(),
            images: Vec::new(),
            now: Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().unwrap_or_default(),
            seq: 0,
        }
    }
}

/// SplitMix64 (as the network model's IDs): well-spread, repeatable ID digits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Root device names the model uses (`/dev/xvda` for Amazon Linux, `/dev/sda1` others).
pub fn is_root_device(d: &str) -> bool {
    d == "/dev/xvda" || d == "/dev/sda1"
}

/// The AWS-managed EBS key's ARN in a region (`alias/aws/ebs`).
pub fn default_kms_key(region: &str) -> String {
    format!("arn:aws:kms:{region}:{ACCOUNT}:alias/aws/ebs")
}

impl Storage {
    /// A fresh AWS-shaped ID: `vol-0` + 16 hex digits (17 after the dash).
    fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        let salt = prefix.bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
        format!("{}-0{:016x}", prefix, mix(self.seq ^ (salt << 40) ^ 0x5EB5))
    }

    /// Moves the storage clock one operation on.
    fn tick(&mut self) -> DateTime<Utc> {
        // Saturates instead of overflowing at chrono's far end (reachable only by many `clock advance`).
        self.now = self.now.checked_add_signed(Duration::minutes(OP_MINUTES)).unwrap_or(self.now);
        self.now
    }

    /// `clock advance`: lets lab time pass (hours, at most 10 years).
    pub fn advance(&mut self, hours: f64) -> AwsResult<()> {
        if !(hours.is_finite() && hours > 0.0 && hours <= 87_600.0) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("hours must be between 0 and 87600, not {hours}"),
            ));
        }
        self.now = self
            .now
            .checked_add_signed(Duration::seconds((hours * 3600.0).round() as i64))
            .ok_or_else(|| AwsError::new(codes::INVALID_PARAMETER_VALUE, "the lab clock cannot go that far"))?;
        Ok(())
    }

    pub fn volume_idx(&self, region: &str, key: &str) -> AwsResult<usize> {
        self.volumes
            .iter()
            .position(|v| v.id == key && v.region == region)
            .or_else(|| self.volumes.iter().position(|v| v.name.as_deref() == Some(key) && v.region == region))
            .ok_or_else(|| AwsError::new(codes::VOLUME_NOT_FOUND, format!("The volume '{}' does not exist.", key)))
    }

    pub fn snapshot_idx(&self, region: &str, key: &str) -> AwsResult<usize> {
        self.snapshots
            .iter()
            .position(|s| s.id == key && s.region == region)
            .or_else(|| self.snapshots.iter().position(|s| s.name.as_deref() == Some(key) && s.region == region))
            .ok_or_else(|| AwsError::new(codes::SNAPSHOT_NOT_FOUND, format!("The snapshot '{}' does not exist.", key)))
    }

    pub fn volume(&self, region: &str, key: &str) -> AwsResult<&Volume> {
        Ok(&self.volumes[self.volume_idx(region, key)?])
    }

    pub fn snapshot(&self, region: &str, key: &str) -> AwsResult<&Snapshot> {
        Ok(&self.snapshots[self.snapshot_idx(region, key)?])
    }

    /// EnableEbsEncryptionByDefault / DisableEbsEncryptionByDefault: per region; only
    /// volumes created afterwards are affected.
    pub fn set_encryption_by_default(&mut self, region: &str, on: bool) {
        if on {
            self.encryption_by_default.insert(region.to_string());
        } else {
            self.encryption_by_default.remove(region);
        }
    }

    pub fn encryption_by_default(&self, region: &str) -> bool {
        self.encryption_by_default.contains(region)
    }

    /// Volumes attached to an instance, in device order.
    pub fn volumes_of(&self, instance_id: &str) -> Vec<&Volume> {
        let mut v: Vec<&Volume> =
            self.volumes.iter().filter(|v| v.attachments.iter().any(|a| a.instance_id == instance_id)).collect();
        v.sort_by_key(|v| {
            v.attachments
                .iter()
                .find(|a| a.instance_id == instance_id)
                .map(|a| (!is_root_device(&a.device), a.device.clone()))
        });
        v
    }
}

impl Storage {
    /// Adds volumes and snapshots read from an account (`import aws-cli`) with their own
    /// IDs; an ID the lab already has is refused and nothing is added.
    pub fn import(&mut self, volumes: Vec<Volume>, snapshots: Vec<Snapshot>) -> AwsResult<()> {
        for v in &volumes {
            if self.volumes.iter().any(|x| x.id == v.id) || volumes.iter().filter(|x| x.id == v.id).count() > 1 {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("The volume ID '{}' is already in the lab.", v.id),
                ));
            }
        }
        for s in &snapshots {
            if self.snapshots.iter().any(|x| x.id == s.id) || snapshots.iter().filter(|x| x.id == s.id).count() > 1 {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("The snapshot ID '{}' is already in the lab.", s.id),
                ));
            }
        }
        self.volumes.extend(volumes);
        self.snapshots.extend(snapshots);
        Ok(())
    }
}
