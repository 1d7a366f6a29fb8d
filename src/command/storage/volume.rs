//! create-volume, attach-volume, detach-volume, delete-volume, modify-volume,
//! describe-volumes, describe-volumes-modifications.

use serde_json::json;

use super::*;
use crate::command::{Ctx, Flag, Reply, Run};
use crate::model::storage::prices;
use crate::tables::storage as tbl;

const TYPES: &[&str] = &["gp3", "gp2", "io2", "io1", "st1", "sc1", "standard"];

const CREATE: &[Flag] = &[
    Flag::value("availability-zone", "the AZ it lives in, e.g. us-east-1a (required)"),
    Flag::value("size", "GiB (gp2/gp3 1–16,384; io1 4–16,384; io2 4–65,536; st1/sc1 125–16,384; standard 1–1,024)"),
    Flag::choice("volume-type", "default gp2 (the API's default)", TYPES),
    Flag::value("iops", "gp3 3,000–80,000 (≤500/GiB); io1 100–64,000 (≤50/GiB); io2 100–256,000 (≤1,000/GiB)"),
    Flag::value("throughput", "gp3 only: 125–2,000 MiB/s (≤0.25 MiB/s per IOPS)"),
    Flag::value("snapshot-id", "restore from a snapshot of this region (any AZ)"),
    Flag::switch("encrypted", "encrypt (on by default where enable-ebs-encryption-by-default was run)"),
    Flag::value("kms-key-id", "a KMS key (default: alias/aws/ebs)"),
    Flag::switch("multi-attach-enabled", "io1/io2 only: attach to up to 16 instances in the AZ"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "ResourceType=volume,Tags=[{Key=Name,Value=N}]"),
];
const ATTACH: &[Flag] = &[
    Flag::value("volume-id", "volume ID or Name"),
    Flag::value("instance-id", "instance ID or Name (same AZ)"),
    Flag::value("device", "e.g. /dev/sdf (Linux: /dev/sd[f-p] recommended)"),
];
const DETACH: &[Flag] = &[
    Flag::value("volume-id", "volume ID or Name"),
    Flag::value("instance-id", "needed when a Multi-Attach volume has several"),
    Flag::value("device", "accepted"),
    Flag::switch("force", "detach even a running instance's root volume (data may be lost)"),
];
const DELETE: &[Flag] = &[Flag::value("volume-id", "volume ID or Name")];
const MODIFY: &[Flag] = &[
    Flag::value("volume-id", "volume ID or Name"),
    Flag::value("size", "GiB, at least the current size"),
    Flag::choice("volume-type", "the new type", TYPES),
    Flag::value("iops", "new IOPS (gp3/io1/io2)"),
    Flag::value("throughput", "new MiB/s (gp3)"),
    Flag::switch("multi-attach-enabled", "io1/io2, while detached"),
];
const DESCRIBE: &[Flag] = &[
    Flag::many("volume-ids", "only these (IDs or Names)"),
    Flag::many(
        "filters",
        "Name=availability-zone|status|volume-type|attachment.instance-id|encrypted|snapshot-id|tag:Name,Values=…",
    ),
];
const DESCRIBE_MODS: &[Flag] = &[Flag::many("volume-ids", "only these (IDs or Names)")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-volume", service: "ec2", summary: "create an EBS volume in one availability zone",
            usage: "create-volume --availability-zone AZ (--size GiB | --snapshot-id SNAP) [--volume-type gp3] [--iops N] [--throughput MiB/s] [--encrypted] [--multi-attach-enabled] [--name NAME]",
            help: "A volume lives in one AZ, independent of any instance, and attaches only to instances in that AZ. \
                   Each type has AWS's size, IOPS and throughput ranges (InvalidParameterValue with AWS's text when out of range). \
                   gp3 includes 3,000 IOPS and 125 MiB/s at any size. From a snapshot: any AZ of the snapshot's region; \
                   an encrypted snapshot gives an encrypted volume. The answer says `creating`; the model's volume is `available` at once.\n\
                   Example: `create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data`",
            flags: CREATE, run: Run::Write(create) },
        CommandSpec { name: "attach-volume", service: "ec2", summary: "attach a volume to an instance in its AZ",
            usage: "attach-volume --volume-id VOL --instance-id I --device /dev/sdf",
            help: "Refused: another AZ (InvalidVolume.ZoneMismatch), a volume already attached without Multi-Attach (VolumeInUse), \
                   a device name in use, an instance that is not running or stopped (IncorrectState).",
            flags: ATTACH, run: Run::Write(attach) },
        CommandSpec { name: "detach-volume", service: "ec2", summary: "detach a volume (its data stays on it)",
            usage: "detach-volume --volume-id VOL [--instance-id I] [--force]",
            help: "A running instance's root volume cannot be detached (OperationNotPermitted) unless --force.", flags: DETACH, run: Run::Write(detach) },
        CommandSpec { name: "delete-volume", service: "ec2", summary: "delete an available volume",
            usage: "delete-volume --volume-id VOL", help: "An attached volume is refused (VolumeInUse): detach it first. Its snapshots stay.",
            flags: DELETE, run: Run::Write(delete) },
        CommandSpec { name: "modify-volume", service: "ec2", summary: "grow a volume or change its type, IOPS or throughput",
            usage: "modify-volume --volume-id VOL [--size GiB] [--volume-type T] [--iops N] [--throughput MiB/s]",
            help: "Elastic Volumes: while attached and in use. Size only grows (InvalidParameterValue: New size cannot be smaller than existing size); \
                   up to four modifications of a volume in a rolling 24 hours, each after the previous one completed (a fifth is VolumeModificationRateExceeded) — \
                   `clock advance 24` lets lab time pass. \
                   The file system must then be extended inside the OS.",
            flags: MODIFY, run: Run::Write(modify) },
        CommandSpec { name: "describe-volumes", service: "ec2", summary: "EBS volumes with their attachments", usage: "describe-volumes [--volume-ids V…] [--filters Name=status,Values=available]",
            help: "", flags: DESCRIBE, run: Run::Read(describe) },
        CommandSpec { name: "describe-volumes-modifications", service: "ec2", summary: "the last modification of each volume", usage: "describe-volumes-modifications [--volume-ids V…]",
            help: "", flags: DESCRIBE_MODS, run: Run::Read(describe_mods) },
    ]
}

fn create(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let spec = VolumeSpec {
        availability_zone: a.required("availability-zone")?.to_string(),
        volume_type: volume_type(a)?,
        size_gib: a.value("size")?,
        iops: a.value("iops")?,
        throughput: a.value("throughput")?,
        snapshot: a.get("snapshot-id").map(String::from),
        encrypted: if a.has("encrypted") { Some(a.switch("encrypted")) } else { None },
        kms_key_id: a.get("kms-key-id").map(String::from),
        multi_attach: a.switch("multi-attach-enabled"),
        name: name_tag(a),
    };
    let id = lab.storage.create_volume(&r, &spec)?;
    let v = lab.storage.volume(&r, &id)?;
    // CreateVolume answers while the volume is `creating`, with no attachments yet.
    let j = shapes::Volume { state: Some("creating".into()), attachments: None, ..volume_shape(v) };
    let (iops, tp) = v.volume_type.performance(v.size_gib, v.iops, v.throughput);
    Ok(Reply::text(format!(
        "created {} {} {} GiB in {} ({} IOPS, {} MiB/s{}{}), {}",
        v.name.as_deref().map(|n| format!("{n} ({})", v.id)).unwrap_or_else(|| v.id.clone()),
        v.volume_type.as_str(),
        v.size_gib,
        v.availability_zone,
        iops,
        tp,
        if v.encrypted { ", encrypted" } else { "" },
        v.snapshot_id.as_deref().map(|s| format!(", from {s}")).unwrap_or_default(),
        match prices::volume_month(v.volume_type, v.size_gib, v.iops, v.throughput, &r) {
            Ok(u) => format!("${u:.2}/month"),
            Err(m) => m,
        },
    ))
    .with_json(shapes::to_value(&j)))
}

fn attach(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let vol = a.required("volume-id")?;
    let at = lab.storage.attach_volume(&lab.network, &r, vol, a.required("instance-id")?, a.required("device")?)?;
    let vid = lab.storage.volume(&r, vol)?.id.clone();
    Ok(Reply::text(format!("attached {} to {} as {}", vid, lab.network.label(&at.instance_id), at.device))
        .with_json(shapes::to_value(&attachment_shape(&vid, &at, "attaching"))))
}

fn detach(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let vol = a.required("volume-id")?;
    let at = lab.storage.detach_volume(&lab.network, &r, vol, a.get("instance-id"), a.switch("force"))?;
    let vid = lab.storage.volume(&r, vol)?.id.clone();
    Ok(Reply::text(format!(
        "detached {} from {} ({}); its data stays on the volume",
        vid,
        lab.network.label(&at.instance_id),
        at.device
    ))
    .with_json(shapes::to_value(&attachment_shape(&vid, &at, "detaching"))))
}

fn delete(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.storage.delete_volume(&r, a.required("volume-id")?)?;
    Ok(Reply::text(format!("deleted {id}")).with_json(json!({})))
}

fn modify(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let vol = a.required("volume-id")?;
    let ma = if a.has("multi-attach-enabled") { Some(a.switch("multi-attach-enabled")) } else { None };
    let m = lab.storage.modify_volume(
        &r,
        vol,
        a.value("size")?,
        volume_type(a)?,
        a.value("iops")?,
        a.value("throughput")?,
        ma,
    )?;
    let vid = lab.storage.volume(&r, vol)?.id.clone();
    let show = |t: &(VolumeType, u32, Option<u32>, Option<u32>, bool)| {
        format!(
            "{} {} GiB{}{}",
            t.0.as_str(),
            t.1,
            t.2.map(|i| format!(", {i} IOPS")).unwrap_or_default(),
            t.3.map(|x| format!(", {x} MiB/s")).unwrap_or_default()
        )
    };
    // ModifyVolume answers while the modification is under way.
    let j = shapes::VolumeModification {
        modification_state: Some("modifying".into()),
        progress: Some(0),
        ..modification_shape(&vid, &m)
    };
    let v = lab.storage.volume(&r, &vid)?;
    let window = chrono::Duration::hours(crate::model::storage::MODIFICATION_WINDOW_HOURS);
    let used = v.modified_at.iter().filter(|t| **t + window > lab.storage.now).count();
    let next = match lab.storage.next_modification_at(v) {
        Some(t) => format!("the next is allowed after {}", fmt_time(t)),
        None => "the next is allowed now".to_string(),
    };
    Ok(Reply::text(format!(
        "modified {}: {} → {}\n{} of {} modifications in the rolling {} hours; {}",
        vid,
        show(&m.original),
        show(&m.target),
        used,
        crate::model::storage::MODIFICATIONS_PER_WINDOW,
        crate::model::storage::MODIFICATION_WINDOW_HOURS,
        next
    ))
    .with_json(shapes::member("VolumeModification", j)))
}

fn describe(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("volume-ids") {
        wanted.push(lab.storage.volume(&r, &k)?.id.clone());
    }
    let mut rows = Vec::new();
    for v in lab.storage.volumes.iter().filter(|v| v.region == r) {
        if !wanted.is_empty() && !wanted.contains(&v.id) {
            continue;
        }
        if f.keep(&[
            ("volume-id", one(&v.id)),
            ("availability-zone", one(&v.availability_zone)),
            ("status", one(v.state())),
            ("volume-type", one(v.volume_type.as_str())),
            ("size", one(v.size_gib.to_string())),
            ("encrypted", one(v.encrypted.to_string())),
            ("snapshot-id", opt(&v.snapshot_id)),
            ("multi-attach-enabled", one(v.multi_attach.to_string())),
            ("attachment.instance-id", v.attachments.iter().map(|x| x.instance_id.clone()).collect()),
            ("attachment.device", v.attachments.iter().map(|x| x.device.clone()).collect()),
            (
                "attachment.delete-on-termination",
                v.attachments.iter().map(|x| x.delete_on_termination.to_string()).collect(),
            ),
            ("tag:Name", opt(&v.name)),
        ])? {
            rows.push(v);
        }
    }
    let df = tbl::volumes_df(&rows)?;
    let json = shapes::member("Volumes", rows.iter().map(|v| volume_shape(v)).collect::<Vec<_>>());
    let note = "usd_per_month: storage, provisioned IOPS and gp3 throughput from data/vpc_prices.csv per region; empty where the data has no price".to_string();
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} volumes in {}", rows.len(), r)), Some(note))
        .with_json(json)
        .keep("volumes", df))
}

fn describe_mods(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let ids = a.list("volume-ids");
    let mut out = Vec::new();
    for v in lab.storage.volumes.iter().filter(|v| v.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| k == &v.id || Some(k.as_str()) == v.name.as_deref()) {
            continue;
        }
        if let Some(m) = &v.last_modification {
            // As values, so the text lists the fields in the JSON's (sorted) order.
            out.push(shapes::to_value(&modification_shape(&v.id, m)));
        }
    }
    let text = if out.is_empty() {
        "no volume modifications".to_string()
    } else {
        serde_json::to_string_pretty(&out).unwrap_or_default()
    };
    Ok(Reply::text(text).with_json(shapes::member("VolumesModifications", out)))
}
