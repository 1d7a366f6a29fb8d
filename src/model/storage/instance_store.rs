//! The instance store of each instance type: temporary block storage on disks physically
//! attached to the host, fixed by the type (count, size, SSD/HDD, NVMe), with no snapshots.
//! Data survives a reboot and is lost on stop, hibernate or terminate
//! (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html).
//!
//! The disks come from `data/instance_store.csv` (DescribeInstanceTypes'
//! `InstanceStorageInfo`, see data/SOURCES.md).

use crate::model::codes;
use std::sync::OnceLock;

use super::*;
use crate::model::network::Network;

const CSV: &str = include_str!("../../../data/instance_store.csv");

/// A type's instance store.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceStore {
    pub instance_type: String,
    pub disk_count: u32,
    pub disk_size_gb: u32,
    /// `ssd` or `hdd`.
    pub disk_type: String,
    /// `required`, `supported` or `unsupported`: whether the disks are NVMe devices.
    pub nvme: String,
}

impl InstanceStore {
    pub fn total_gb(&self) -> u64 {
        self.disk_count as u64 * self.disk_size_gb as u64
    }

    pub fn is_nvme(&self) -> bool {
        self.nvme != "unsupported"
    }

    /// The disk's name inside the OS: `/dev/nvme1n1`… for NVMe (after the EBS root at
    /// nvme0n1, on Nitro), else the block-device mapping's `ephemeralN` virtual name.
    pub fn device(&self, disk: u32) -> String {
        if self.is_nvme() {
            format!("/dev/nvme{}n1", disk + 1)
        } else {
            format!("ephemeral{disk}")
        }
    }
}

/// Every type with instance store, sorted by type name.
pub fn all() -> &'static [InstanceStore] {
    static ALL: OnceLock<Vec<InstanceStore>> = OnceLock::new();
    ALL.get_or_init(|| {
        CSV.lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Some(InstanceStore {
                    instance_type: f.first()?.to_string(),
                    disk_count: f.get(1)?.parse().ok()?,
                    disk_size_gb: f.get(2)?.parse().ok()?,
                    disk_type: f.get(3)?.to_string(),
                    nvme: f.get(4)?.to_string(),
                })
            })
            .collect()
    })
}

/// The instance store of a type; None when it has only EBS.
pub fn of_type(instance_type: &str) -> Option<&'static InstanceStore> {
    all().iter().find(|s| s.instance_type == instance_type)
}

impl Storage {
    /// `disk write INSTANCE:N FILE`: records a file on disk N of an instance's store (the
    /// instance must be running; its type must have that disk).
    pub fn write_instance_store(
        &mut self,
        net: &Network,
        region: &str,
        instance: &str,
        disk: u32,
        file: &str,
    ) -> AwsResult<String> {
        let i = &net.instances[net.instance_idx(Some(region), instance)?];
        let Some(store) = of_type(&i.instance_type) else {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Instance type {} has no instance store (EBS only).", i.instance_type),
            ));
        };
        if disk >= store.disk_count {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!(
                    "Instance type {} has {} instance store disk(s): 0 to {}.",
                    i.instance_type,
                    store.disk_count,
                    store.disk_count - 1
                ),
            ));
        }
        if i.state != crate::model::network::InstanceState::Running {
            return Err(AwsError::new(
                codes::INCORRECT_INSTANCE_STATE,
                format!("The instance '{}' is not running: nothing can write to its instance store.", i.id),
            ));
        }
        let id = i.id.clone();
        self.tick();
        self.instance_store_files.entry((id.clone(), disk)).or_default().push(file.to_string());
        Ok(id)
    }
}
