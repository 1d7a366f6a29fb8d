//! ec2 EBS operations (volumes, snapshots, encryption by default) and the storage lab
//! commands (`disk write`, `survives`, `compare-volumes`, `instance-store`, `clock advance`).

mod image;
mod lab;
mod snapshot;
mod volume;

#[cfg(test)]
mod tests;

use crate::model::codes;
use serde_json::Value;

use super::{shapes, shorthand, Args, CommandError, CommandSpec};
use crate::lab::Lab;
use crate::model::database::fmt_time;
use crate::model::storage::volumes::{Mapping, VolumeSpec};
use crate::model::storage::{Snapshot, Volume, VolumeType, ACCOUNT};

use crate::command::network::{name_tag, one, opt, region, Filters};

pub fn commands() -> Vec<CommandSpec> {
    let mut v = volume::commands();
    v.extend(snapshot::commands());
    v.extend(image::commands());
    v.extend(lab::commands());
    v
}

/// An attachment of volume `vol` in `state` (`attached`, or `attaching` and `detaching` in
/// AttachVolume's and DetachVolume's answers).
fn attachment_shape(vol: &str, a: &crate::model::storage::Attachment, state: &str) -> shapes::VolumeAttachment {
    shapes::VolumeAttachment {
        attach_time: Some(fmt_time(a.attached_at)),
        device: Some(a.device.clone()),
        instance_id: Some(a.instance_id.clone()),
        state: Some(state.into()),
        volume_id: Some(vol.into()),
        delete_on_termination: None,
    }
}

/// A `Volume` in the AWS CLI's JSON shape (DescribeVolumes).
fn volume_shape(v: &Volume) -> shapes::Volume {
    let attachment = |a: &crate::model::storage::Attachment| shapes::VolumeAttachment {
        delete_on_termination: Some(a.delete_on_termination),
        ..attachment_shape(&v.id, a, "attached")
    };
    shapes::Volume {
        attachments: Some(shapes::List(v.attachments.iter().map(attachment).collect())),
        availability_zone: Some(v.availability_zone.clone()),
        create_time: Some(fmt_time(v.created_at)),
        encrypted: Some(v.encrypted),
        size: Some(v.size_gib.into()),
        snapshot_id: Some(v.snapshot_id.clone().unwrap_or_default()),
        state: Some(v.state().into()),
        volume_id: Some(v.id.clone()),
        volume_type: Some(v.volume_type.as_str().into()),
        multi_attach_enabled: Some(v.multi_attach),
        kms_key_id: v.kms_key_id.clone(),
        iops: v.reported_iops().map(u64::from),
        throughput: v.reported_throughput().map(u64::from),
        tags: shapes::name_tags(&v.name),
    }
}

/// A `Snapshot` in the AWS CLI's JSON shape (DescribeSnapshots).
fn snapshot_shape(s: &Snapshot) -> shapes::Snapshot {
    shapes::Snapshot {
        description: Some(s.description.clone()),
        encrypted: Some(s.encrypted),
        owner_id: Some(ACCOUNT.into()),
        progress: Some("100%".into()),
        snapshot_id: Some(s.id.clone()),
        start_time: Some(fmt_time(s.started_at)),
        state: Some("completed".into()),
        volume_id: Some(s.volume_id.clone()),
        volume_size: Some(s.volume_size_gib.into()),
        storage_tier: Some("standard".into()),
        kms_key_id: s.kms_key_id.clone(),
        tags: shapes::name_tags(&s.name),
    }
}

/// ModifyVolume's and DescribeVolumesModifications' entry: a finished modification.
fn modification_shape(vol: &str, m: &crate::model::storage::Modification) -> shapes::VolumeModification {
    let (to, from) = (&m.target, &m.original);
    shapes::VolumeModification {
        volume_id: Some(vol.into()),
        modification_state: Some("completed".into()),
        target_size: Some(to.1.into()),
        target_iops: Some(to.2.map(u64::from)),
        target_volume_type: Some(to.0.as_str().into()),
        target_throughput: Some(to.3.map(u64::from)),
        target_multi_attach_enabled: Some(to.4),
        original_size: Some(from.1.into()),
        original_iops: Some(from.2.map(u64::from)),
        original_volume_type: Some(from.0.as_str().into()),
        original_throughput: Some(from.3.map(u64::from)),
        original_multi_attach_enabled: Some(from.4),
        progress: Some(100),
        start_time: Some(fmt_time(m.started_at)),
    }
}

/// The EBS encryption-by-default setting, as the three commands about it answer.
fn encryption_by_default(on: bool) -> shapes::EbsEncryptionByDefault {
    shapes::EbsEncryptionByDefault { ebs_encryption_by_default: Some(on), sse_type: None }
}

/// `--volume-type`, checked with AWS's error.
fn volume_type(a: &Args) -> Result<Option<VolumeType>, CommandError> {
    Ok(a.get("volume-type").map(VolumeType::parse).transpose()?)
}

/// `--block-device-mappings` of run-instances, shorthand
/// (`DeviceName=/dev/sdf,Ebs={VolumeSize=100,VolumeType=gp3,DeleteOnTermination=false}`)
/// or JSON (`[{"DeviceName":"/dev/sdf","Ebs":{"VolumeSize":100}}]`). Entries with a
/// `VirtualName` (instance store) or `NoDevice` are accepted and need no volume.
pub(crate) fn block_device_mappings(a: &Args) -> Result<Vec<Mapping>, CommandError> {
    let raw = a.raw_values("block-device-mappings");
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    let joined = raw.join(" ");
    let entries: Vec<Value> = if joined.trim_start().starts_with('[') || joined.trim_start().starts_with('{') {
        shorthand::value("block-device-mappings", &joined)?
    } else {
        shorthand::values(a, "block-device-mappings")?
    };
    let mut out = Vec::new();
    for e in entries {
        let device = e
            .get("DeviceName")
            .and_then(|d| d.as_str())
            .ok_or_else(|| {
                CommandError::new(
                    codes::MISSING_PARAMETER,
                    "The request must contain the parameter BlockDeviceMapping.DeviceName",
                )
            })?
            .to_string();
        let Some(ebs) = e.get("Ebs") else { continue };
        let num = |k: &str| -> Result<Option<u32>, CommandError> {
            match ebs.get(k) {
                None => Ok(None),
                Some(v) => {
                    v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).map(|n| Some(n as u32)).ok_or_else(
                        || CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid value '{v}' for {k}")),
                    )
                }
            }
        };
        let boolean = |k: &str| {
            ebs.get(k).and_then(|v| v.as_bool().or_else(|| v.as_str().map(|s| s.eq_ignore_ascii_case("true"))))
        };
        let t = ebs.get("VolumeType").and_then(|v| v.as_str()).map(VolumeType::parse).transpose()?;
        out.push(Mapping {
            device,
            spec: VolumeSpec {
                volume_type: t,
                size_gib: num("VolumeSize")?,
                iops: num("Iops")?,
                throughput: num("Throughput")?,
                snapshot: ebs.get("SnapshotId").and_then(|v| v.as_str()).map(String::from),
                encrypted: boolean("Encrypted"),
                kms_key_id: ebs.get("KmsKeyId").and_then(|v| v.as_str()).map(String::from),
                ..Default::default()
            },
            delete_on_termination: boolean("DeleteOnTermination").unwrap_or(true),
        });
    }
    Ok(out)
}

/// After RunInstances: each new instance's root volume and mapped data volumes.
pub(crate) fn after_run(lab: &mut Lab, ids: &[String], a: &Args) -> Result<(), CommandError> {
    let maps = block_device_mappings(a)?;
    Ok(lab.storage.launch(&lab.network, ids, &maps)?)
}

/// Before StopInstances: an instance with an instance store root cannot be stopped (AWS
/// refuses the whole call).
pub(crate) fn before_stop(lab: &Lab, region: &str, keys: &[String]) -> Result<(), CommandError> {
    for k in keys {
        if let Ok(i) = lab.network.instance_idx(Some(region), k) {
            lab.storage.check_stoppable(&lab.network, &lab.network.instances[i].id)?;
        }
    }
    Ok(())
}

/// After CreateImage: the AMI's snapshots of the instance's EBS volumes.
pub(crate) fn after_create_image(
    lab: &mut Lab,
    region: &str,
    image_id: &str,
    name: &str,
    instance: &str,
) -> Result<(), CommandError> {
    Ok(lab.storage.image_from_instance(&lab.network, region, image_id, name, instance)?)
}

/// After StopInstances: instance store data is gone.
pub(crate) fn after_stop(lab: &mut Lab, ids: &[String]) {
    lab.storage.on_stop(ids);
}

/// After TerminateInstances: DeleteOnTermination volumes are deleted, others detached.
pub(crate) fn after_terminate(lab: &mut Lab, ids: &[String]) {
    lab.storage.on_terminate(ids);
}

/// One line for the `diagram`: an instance's EBS volumes and instance store, e.g.
/// `EBS 8 gp3 + 20 io2 · store 1×75 NVMe SSD` (GiB for EBS, GB for instance store).
pub(crate) fn disk_summary(lab: &Lab, instance_id: &str) -> Option<String> {
    let vols = lab.storage.volumes_of(instance_id);
    let mut parts = Vec::new();
    if !vols.is_empty() {
        parts.push(format!(
            "EBS {}",
            vols.iter().map(|v| format!("{} {}", v.size_gib, v.volume_type.as_str())).collect::<Vec<_>>().join(" + ")
        ));
    }
    let itype = lab.network.instances.iter().find(|i| i.id == instance_id).map(|i| i.instance_type.as_str())?;
    if let Some(st) = crate::model::storage::instance_store::of_type(itype) {
        parts.push(format!(
            "store {}×{} {}{}",
            st.disk_count,
            st.disk_size_gb,
            if st.is_nvme() { "NVMe " } else { "" },
            st.disk_type.to_uppercase()
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// `import aws-cli`: the `Volumes` and `Snapshots` of saved `describe-volumes` /
/// `describe-snapshots` JSON, (file, entry) pairs. Attachments must name instances the
/// network has (imported or not). Returns the counts; on error nothing is added.
pub(crate) fn import_aws_cli(
    lab_storage: &mut crate::model::storage::Storage,
    net: &crate::model::network::Network,
    volumes: &[(String, shapes::Volume)],
    snapshots: &[(String, shapes::Snapshot)],
    region: &str,
) -> Result<Vec<(&'static str, usize)>, CommandError> {
    use crate::model::storage::{Attachment, Snapshot, Volume};
    let bad = |file: &str, msg: String| {
        CommandError::new("InvalidImportFile", format!("{file}: {msg}"))
            .with_hint("nothing was imported; save the output of `aws ec2 describe-… --output json` unchanged")
    };
    let u32_of = |n: Option<u64>| n.map(|n| n.min(u32::MAX as u64) as u32);
    let now = lab_storage.now;
    let mut vols = Vec::new();
    for (file, v) in volumes {
        let id = v.volume_id.clone().ok_or_else(|| bad(file, "a volume has no \"VolumeId\"".into()))?;
        let az =
            v.availability_zone.clone().ok_or_else(|| bad(file, format!("volume {id} has no \"AvailabilityZone\"")))?;
        let vregion = crate::model::regions::region_of_az(&az)
            .map(|r| r.code.clone())
            .ok_or_else(|| bad(file, format!("volume {id}: unknown availability zone '{az}'")))?;
        let t = VolumeType::parse(v.volume_type.as_deref().unwrap_or("gp2"))
            .map_err(|e| bad(file, format!("volume {id}: {}", e.message)))?;
        let size = u32_of(v.size).ok_or_else(|| bad(file, format!("volume {id} has no \"Size\"")))?;
        let mut atts = Vec::new();
        for a in shapes::each(&v.attachments) {
            let inst = a
                .instance_id
                .clone()
                .ok_or_else(|| bad(file, format!("volume {id}: an attachment has no \"InstanceId\"")))?;
            if !net.instances.iter().any(|i| i.id == inst) {
                return Err(bad(file, format!("volume {id} is attached to {inst}, which is in neither the files nor the lab (add describe-instances)")));
            }
            atts.push(Attachment {
                instance_id: inst,
                device: a.device.clone().unwrap_or_default(),
                attached_at: now,
                delete_on_termination: a.delete_on_termination.unwrap_or(false),
            });
        }
        vols.push(Volume {
            id,
            region: vregion,
            availability_zone: az,
            volume_type: t,
            size_gib: size,
            iops: if matches!(t, VolumeType::Gp3 | VolumeType::Io1 | VolumeType::Io2) { u32_of(v.iops) } else { None },
            throughput: if t == VolumeType::Gp3 { u32_of(v.throughput) } else { None },
            encrypted: v.encrypted.unwrap_or(false),
            kms_key_id: v.kms_key_id.clone(),
            snapshot_id: v.snapshot_id.clone().filter(|s| !s.is_empty()),
            multi_attach: v.multi_attach_enabled.unwrap_or(false),
            attachments: atts,
            created_at: now,
            last_modification: None,
            modified_at: Vec::new(),
            name: shapes::tag(&v.tags, "Name"),
            files: Vec::new(),
        });
    }
    let mut snaps = Vec::new();
    for (file, s) in snapshots {
        let id = s.snapshot_id.clone().ok_or_else(|| bad(file, "a snapshot has no \"SnapshotId\"".into()))?;
        snaps.push(Snapshot {
            volume_id: s.volume_id.clone().unwrap_or_default(),
            region: region.to_string(),
            volume_size_gib: u32_of(s.volume_size)
                .ok_or_else(|| bad(file, format!("snapshot {id} has no \"VolumeSize\"")))?,
            encrypted: s.encrypted.unwrap_or(false),
            kms_key_id: s.kms_key_id.clone(),
            description: s.description.clone().unwrap_or_default(),
            started_at: now,
            name: shapes::tag(&s.tags, "Name"),
            files: Vec::new(),
            new_files: 0,
            source: None,
            id,
        });
    }
    let counts = vec![("volumes", vols.len()), ("snapshots", snaps.len())];
    lab_storage.import(vols, snaps).map_err(|e| bad("import", e.message))?;
    Ok(counts)
}

/// describe-instances / run-instances JSON: each instance's `BlockDeviceMappings` from the
/// lab's volumes (so its volume IDs are those `describe-volumes` shows). Instances the
/// storage model has no volume for (Auto Scaling launches, imports) keep what they had.
pub(crate) fn with_block_device_mappings(
    lab: &Lab,
    mut reservations: Vec<shapes::Reservation>,
) -> Vec<shapes::Reservation> {
    for r in &mut reservations {
        for i in shapes::each_mut(&mut r.instances) {
            let Some(id) = i.instance_id.clone() else { continue };
            if let Some(inst) = lab.network.instances.iter().find(|x| x.id == id) {
                let img = lab.storage.image_disks(&inst.image_id);
                i.root_device_type = Some(img.root_device_type.as_str().into());
                i.root_device_name = Some(img.root_device_name.clone());
                if img.root_device_type == crate::model::storage::images::RootDeviceType::InstanceStore {
                    // DescribeInstances lists EBS volumes only.
                    i.block_device_mappings = Some(shapes::List(Vec::new()));
                }
            }
            let vols = lab.storage.volumes_of(&id);
            if vols.is_empty() {
                continue;
            }
            let maps = vols
                .iter()
                .filter_map(|v| v.attachments.iter().find(|a| a.instance_id == id).map(|a| (v, a)))
                .map(|(v, a)| shapes::InstanceBlockDeviceMapping {
                    device_name: Some(a.device.clone()),
                    ebs: Some(shapes::EbsInstanceBlockDevice {
                        attach_time: Some(Some(fmt_time(a.attached_at))),
                        delete_on_termination: Some(a.delete_on_termination),
                        status: Some("attached".into()),
                        volume_id: Some(v.id.clone()),
                    }),
                })
                .collect();
            i.block_device_mappings = Some(shapes::List(maps));
        }
    }
    reservations
}
