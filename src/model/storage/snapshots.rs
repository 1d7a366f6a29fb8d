//! CreateSnapshot, CopySnapshot, DeleteSnapshot.
//!
//! - Snapshots are regional: a volume can be created from one in any AZ of its region,
//!   which is how data moves between AZs; CopySnapshot moves it to another region
//!   (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html).
//! - They are incremental: after a volume's first snapshot, only changed blocks are stored
//!   (https://docs.aws.amazon.com/ebs/latest/userguide/how_snapshots_work.html).
//! - A snapshot of an encrypted volume is encrypted, and so is every volume made from it;
//!   a copy can add encryption, never remove it
//!   (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html).

use super::*;
use crate::model::codes;

impl Snapshot {
    /// GiB of data this snapshot stores, as the model can tell: a full snapshot (a volume's
    /// first, or a copy) at most the volume's size — EBS stores only written blocks, which
    /// the model does not track, so this is an upper bound; a later one the volume's size ×
    /// the share of its files that are new since the previous snapshot (EBS stores only
    /// changed blocks, https://docs.aws.amazon.com/ebs/latest/userguide/how_snapshots_work.html).
    pub fn stored_gib(&self) -> f64 {
        let size = self.volume_size_gib as f64;
        if self.files.is_empty() || self.new_files >= self.files.len() {
            size
        } else {
            size * self.new_files as f64 / self.files.len() as f64
        }
    }
}

impl Storage {
    /// CreateSnapshot of a volume (attached or not; AWS recommends pausing writes).
    pub fn create_snapshot(
        &mut self,
        region: &str,
        volume: &str,
        description: Option<&str>,
        name: Option<String>,
    ) -> AwsResult<String> {
        let vol = self.volume(region, volume)?.clone();
        let previous: Vec<String> = self
            .snapshots
            .iter()
            .rev()
            .find(|s| s.volume_id == vol.id && s.source.is_none())
            .map(|s| s.files.clone())
            .unwrap_or_default();
        let new_files = vol.files.iter().filter(|f| !previous.contains(f)).count();
        let now = self.tick();
        let id = self.next_id("snap");
        self.snapshots.push(Snapshot {
            id: id.clone(),
            region: region.to_string(),
            volume_id: vol.id.clone(),
            volume_size_gib: vol.size_gib,
            encrypted: vol.encrypted,
            kms_key_id: vol.kms_key_id.clone(),
            description: description.unwrap_or("").to_string(),
            started_at: now,
            name,
            files: vol.files.clone(),
            new_files,
            source: None,
        });
        Ok(id)
    }

    /// CopySnapshot from `source_region` into `dest_region` (the call's region). An
    /// encrypted source gives an encrypted copy; `encrypted` (or encryption by default in
    /// the destination) encrypts a copy of an unencrypted one. The first copy is full.
    pub fn copy_snapshot(
        &mut self,
        dest_region: &str,
        source_region: &str,
        source: &str,
        encrypted: bool,
        kms_key_id: Option<&str>,
        description: Option<&str>,
    ) -> AwsResult<String> {
        if crate::model::regions::find(source_region).is_none() {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid value '{}' for SourceRegion.", source_region),
            ));
        }
        let src = self.snapshot(source_region, source)?.clone();
        if kms_key_id.is_some() && !encrypted && !src.encrypted {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_DEPENDENCY,
                "The parameter KmsKeyId requires the parameter Encrypted to be set.",
            ));
        }
        let enc = src.encrypted || encrypted || self.encryption_by_default(dest_region);
        // A KMS key is regional: the copy uses the destination's key.
        let kms =
            if enc { Some(kms_key_id.map(String::from).unwrap_or_else(|| default_kms_key(dest_region))) } else { None };
        let now = self.tick();
        let id = self.next_id("snap");
        let n = src.files.len();
        self.snapshots.push(Snapshot {
            id: id.clone(),
            region: dest_region.to_string(),
            volume_id: src.volume_id.clone(),
            volume_size_gib: src.volume_size_gib,
            encrypted: enc,
            kms_key_id: kms,
            description: description
                .map(String::from)
                .unwrap_or_else(|| format!("[Copied {} from {}]", src.id, source_region)),
            started_at: now,
            name: None,
            files: src.files.clone(),
            new_files: n,
            source: Some((src.id.clone(), source_region.to_string())),
        });
        Ok(id)
    }

    /// DeleteSnapshot. Volumes made from it are independent and stay; a snapshot an AMI
    /// uses cannot be deleted.
    pub fn delete_snapshot(&mut self, region: &str, snapshot: &str) -> AwsResult<String> {
        let i = self.snapshot_idx(region, snapshot)?;
        if let Some(img) = self.image_using_snapshot(&self.snapshots[i].id) {
            // AWS's code and text (as moto's ec2 exceptions give them).
            return Err(AwsError::new(
                codes::SNAPSHOT_IN_USE,
                format!("The snapshot {} is currently in use by {}", self.snapshots[i].id, img.image_id),
            ));
        }
        self.tick();
        Ok(self.snapshots.remove(i).id)
    }
}
