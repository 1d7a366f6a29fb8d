//! ec2 EBS operations (volumes, snapshots, encryption by default) and the storage lab
//! commands (`disk write`, `survives`, `compare-volumes`, `instance-store`, `clock advance`).

mod lab;
mod snapshot;
mod volume;

#[cfg(test)]
mod tests;

use serde_json::{json, Value};

use super::{Args, CommandError, CommandSpec};
use crate::lab::Lab;
use crate::model::database::fmt_time;
use crate::model::storage::volumes::{Mapping, VolumeSpec};
use crate::model::storage::{Snapshot, StorageError, Volume, VolumeType, ACCOUNT};

use crate::command::network::{name_tag, one, opt, region, Filters};

pub fn commands() -> Vec<CommandSpec> {
    let mut v = volume::commands();
    v.extend(snapshot::commands());
    v.extend(lab::commands());
    v
}

/// The model's AWS error as a command error (same code and message).
pub(crate) fn se(e: StorageError) -> CommandError {
    CommandError::new(e.code, e.message)
}

fn tags(name: &Option<String>) -> Option<Value> {
    name.as_ref().map(|n| json!([{"Key": "Name", "Value": n}]))
}

/// A `Volume` in the AWS CLI's JSON shape (DescribeVolumes).
pub(crate) fn volume_json(v: &Volume) -> Value {
    let mut o = json!({
        "Attachments": v.attachments.iter().map(|a| json!({
            "AttachTime": fmt_time(a.attached_at),
            "Device": a.device,
            "InstanceId": a.instance_id,
            "State": "attached",
            "VolumeId": v.id,
            "DeleteOnTermination": a.delete_on_termination,
        })).collect::<Vec<_>>(),
        "AvailabilityZone": v.availability_zone,
        "CreateTime": fmt_time(v.created_at),
        "Encrypted": v.encrypted,
        "Size": v.size_gib,
        "SnapshotId": v.snapshot_id.clone().unwrap_or_default(),
        "State": v.state(),
        "VolumeId": v.id,
        "VolumeType": v.volume_type.as_str(),
        "MultiAttachEnabled": v.multi_attach,
    });
    if let Some(k) = &v.kms_key_id {
        o["KmsKeyId"] = json!(k);
    }
    if let Some(i) = v.reported_iops() {
        o["Iops"] = json!(i);
    }
    if let Some(t) = v.reported_throughput() {
        o["Throughput"] = json!(t);
    }
    if let Some(t) = tags(&v.name) {
        o["Tags"] = t;
    }
    o
}

/// A `Snapshot` in the AWS CLI's JSON shape (DescribeSnapshots).
pub(crate) fn snapshot_json(s: &Snapshot) -> Value {
    let mut o = json!({
        "Description": s.description,
        "Encrypted": s.encrypted,
        "OwnerId": ACCOUNT,
        "Progress": "100%",
        "SnapshotId": s.id,
        "StartTime": fmt_time(s.started_at),
        "State": "completed",
        "VolumeId": s.volume_id,
        "VolumeSize": s.volume_size_gib,
        "StorageTier": "standard",
    });
    if let Some(k) = &s.kms_key_id {
        o["KmsKeyId"] = json!(k);
    }
    if let Some(t) = tags(&s.name) {
        o["Tags"] = t;
    }
    o
}

/// `--volume-type`, checked with AWS's error.
fn volume_type(a: &Args) -> Result<Option<VolumeType>, CommandError> {
    a.get("volume-type").map(VolumeType::parse).transpose().map_err(se)
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
        let v: Value = serde_json::from_str(&joined).map_err(|e| CommandError::new("InvalidParameterValue", format!("--block-device-mappings is not valid JSON: {e}")))?;
        if v.is_array() { v.as_array().cloned().unwrap_or_default() } else { vec![v] }
    } else {
        raw.iter().map(|r| shorthand(r)).collect::<Result<_, _>>()?
    };
    let mut out = Vec::new();
    for e in entries {
        let device = e.get("DeviceName").and_then(|d| d.as_str()).ok_or_else(|| CommandError::new("MissingParameter", "The request must contain the parameter BlockDeviceMapping.DeviceName"))?.to_string();
        let Some(ebs) = e.get("Ebs") else { continue };
        let num = |k: &str| -> Result<Option<u32>, CommandError> {
            match ebs.get(k) {
                None => Ok(None),
                Some(v) => v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).map(|n| Some(n as u32)).ok_or_else(|| CommandError::new("InvalidParameterValue", format!("Invalid value '{v}' for {k}"))),
            }
        };
        let boolean = |k: &str| ebs.get(k).and_then(|v| v.as_bool().or_else(|| v.as_str().map(|s| s.eq_ignore_ascii_case("true"))));
        let t = ebs.get("VolumeType").and_then(|v| v.as_str()).map(VolumeType::parse).transpose().map_err(se)?;
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

/// `DeviceName=/dev/sdf,Ebs={VolumeSize=100,DeleteOnTermination=false}` → JSON object.
fn shorthand(s: &str) -> Result<Value, CommandError> {
    let bad = || CommandError::new("InvalidParameterValue", format!("--block-device-mappings entry '{s}' is not DeviceName=…,Ebs={{VolumeSize=…}}"));
    let mut o = serde_json::Map::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let (k, after) = rest.split_once('=').ok_or_else(bad)?;
        let k = k.trim().trim_start_matches(',');
        if let Some(inner) = after.strip_prefix('{') {
            let end = inner.find('}').ok_or_else(bad)?;
            let mut m = serde_json::Map::new();
            for kv in inner[..end].split(',').filter(|x| !x.is_empty()) {
                let (ik, iv) = kv.split_once('=').ok_or_else(bad)?;
                m.insert(ik.trim().to_string(), json!(iv.trim()));
            }
            o.insert(k.to_string(), Value::Object(m));
            rest = inner[end + 1..].trim_start_matches(',');
        } else {
            let end = after.find(',').unwrap_or(after.len());
            o.insert(k.to_string(), json!(after[..end].trim()));
            rest = after[end..].trim_start_matches(',');
        }
    }
    Ok(Value::Object(o))
}

/// After RunInstances: each new instance's root volume and mapped data volumes.
pub(crate) fn after_run(lab: &mut Lab, ids: &[String], a: &Args) -> Result<(), CommandError> {
    let maps = block_device_mappings(a)?;
    lab.storage.launch(&lab.network, ids, &maps).map_err(se)
}

/// After StopInstances: instance store data is gone.
pub(crate) fn after_stop(lab: &mut Lab, ids: &[String]) {
    lab.storage.on_stop(ids);
}

/// After TerminateInstances: DeleteOnTermination volumes are deleted, others detached.
pub(crate) fn after_terminate(lab: &mut Lab, ids: &[String]) {
    lab.storage.on_terminate(ids);
}
