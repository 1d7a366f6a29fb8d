//! create-snapshot, describe-snapshots, copy-snapshot, delete-snapshot, and EBS encryption
//! by default (enable-/disable-/get-ebs-encryption-by-default).

use serde_json::json;

use super::*;
use crate::command::{Ctx, Flag, Reply, Run};
use crate::model::storage::prices;
use crate::tables::storage as tbl;

const CREATE: &[Flag] = &[
    Flag::value("volume-id", "volume ID or Name"),
    Flag::value("description", "free text"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "ResourceType=snapshot,Tags=[{Key=Name,Value=N}]"),
];
const DESCRIBE: &[Flag] = &[
    Flag::many("snapshot-ids", "only these (IDs or Names)"),
    Flag::many("owner-ids", "`self` (the lab has one account)"),
    Flag::many("filters", "Name=volume-id|status|encrypted|tag:Name,Values=…"),
];
const COPY: &[Flag] = &[
    Flag::value("source-region", "the region the snapshot is in"),
    Flag::value("source-snapshot-id", "its ID there"),
    Flag::switch("encrypted", "encrypt the copy (a copy of an encrypted snapshot is always encrypted)"),
    Flag::value("kms-key-id", "a key of the destination region (default alias/aws/ebs)"),
    Flag::value("description", "free text"),
];
const DELETE: &[Flag] = &[Flag::value("snapshot-id", "snapshot ID or Name")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-snapshot", service: "ec2", summary: "point-in-time snapshot of a volume, stored regionally",
            usage: "create-snapshot --volume-id VOL [--description TEXT] [--name NAME]",
            help: "A snapshot belongs to the region, not the AZ: create-volume --snapshot-id restores it in any AZ of the region. \
                   After a volume's first snapshot, later ones store only what changed (incremental). \
                   A snapshot of an encrypted volume is encrypted. The answer says `pending`; the model's snapshot is `completed` at once.",
            flags: CREATE, run: Run::Write(create) },
        CommandSpec { name: "describe-snapshots", service: "ec2", summary: "EBS snapshots of this region", usage: "describe-snapshots [--owner-ids self] [--snapshot-ids S…]",
            help: "", flags: DESCRIBE, run: Run::Read(describe) },
        CommandSpec { name: "copy-snapshot", service: "ec2", summary: "copy a snapshot, e.g. to another region",
            usage: "copy-snapshot --source-region R --source-snapshot-id SNAP [--region DEST] [--encrypted]",
            help: "Run in the destination region (`--region`, or the lab's). Copying is how a volume's data moves between regions; \
                   it can add encryption, never remove it. The first copy is a full copy.",
            flags: COPY, run: Run::Write(copy) },
        CommandSpec { name: "delete-snapshot", service: "ec2", summary: "delete a snapshot", usage: "delete-snapshot --snapshot-id SNAP",
            help: "Volumes restored from it are independent and stay.", flags: DELETE, run: Run::Write(delete) },
        CommandSpec { name: "enable-ebs-encryption-by-default", service: "ec2", summary: "encrypt every new EBS volume in this region",
            usage: "enable-ebs-encryption-by-default [--region R]", help: "Per region; existing volumes are not changed.", flags: &[], run: Run::Write(enable) },
        CommandSpec { name: "disable-ebs-encryption-by-default", service: "ec2", summary: "stop encrypting new volumes by default in this region",
            usage: "disable-ebs-encryption-by-default [--region R]", help: "", flags: &[], run: Run::Write(disable) },
        CommandSpec { name: "get-ebs-encryption-by-default", service: "ec2", summary: "whether new volumes are encrypted by default here",
            usage: "get-ebs-encryption-by-default [--region R]", help: "", flags: &[], run: Run::Read(get) },
    ]
}

fn create(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.storage.create_snapshot(&r, a.required("volume-id")?, a.get("description"), name_tag(a))?;
    let s = lab.storage.snapshot(&r, &id)?;
    // CreateSnapshot answers while the snapshot is `pending`.
    let j = shapes::Snapshot { state: Some("pending".into()), progress: Some(String::new()), ..snapshot_shape(s) };
    Ok(Reply::text(format!(
        "snapshot {} of {} ({} GiB{}) in {}: {} file(s), {} new since the volume's last snapshot (incremental); {}",
        s.id,
        s.volume_id,
        s.volume_size_gib,
        if s.encrypted { ", encrypted" } else { "" },
        r,
        s.files.len(),
        s.new_files,
        prices::snapshot_gb_month(&r).map(|p| format!("${:.3}/GB-month stored", p.usd)).unwrap_or_else(|m| m),
    ))
    .with_json(shapes::to_value(&j)))
}

fn describe(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    for o in a.list("owner-ids") {
        if o != "self" && o != ACCOUNT {
            return Ok(Reply::text("0 snapshots (only the lab's own account has snapshots)")
                .with_json(shapes::member("Snapshots", Vec::<shapes::Snapshot>::new())));
        }
    }
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("snapshot-ids") {
        wanted.push(lab.storage.snapshot(&r, &k)?.id.clone());
    }
    let mut rows = Vec::new();
    for s in lab.storage.snapshots.iter().filter(|s| s.region == r) {
        if !wanted.is_empty() && !wanted.contains(&s.id) {
            continue;
        }
        if f.keep(&[
            ("snapshot-id", one(&s.id)),
            ("volume-id", one(&s.volume_id)),
            ("status", one("completed")),
            ("encrypted", one(s.encrypted.to_string())),
            ("owner-id", one(ACCOUNT)),
            ("tag:Name", opt(&s.name)),
        ])? {
            rows.push(s);
        }
    }
    let df = tbl::snapshots_df(&rows)?;
    let json = shapes::member("Snapshots", rows.iter().map(|s| snapshot_shape(s)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} snapshots in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("snapshots", df))
}

fn copy(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let dest = region(lab, a)?;
    let src_region = a.required("source-region")?.to_string();
    let src = a.required("source-snapshot-id")?;
    let id = lab.storage.copy_snapshot(
        &dest,
        &src_region,
        src,
        a.switch("encrypted"),
        a.get("kms-key-id"),
        a.get("description"),
    )?;
    let s = lab.storage.snapshot(&dest, &id)?;
    Ok(Reply::text(format!(
        "copied {} from {} to {}: {}{}",
        src,
        src_region,
        dest,
        id,
        if s.encrypted { " (encrypted)" } else { "" }
    ))
    .with_json(shapes::member("SnapshotId", id)))
}

fn delete(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.storage.delete_snapshot(&r, a.required("snapshot-id")?)?;
    Ok(Reply::text(format!("deleted {id}")).with_json(json!({})))
}

fn enable(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    lab.storage.set_encryption_by_default(&r, true);
    Ok(Reply::text(format!("EBS encryption by default is on in {r}: new volumes and snapshot copies are encrypted (existing volumes unchanged)")).with_json(shapes::to_value(&encryption_by_default(true))))
}

fn disable(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    lab.storage.set_encryption_by_default(&r, false);
    Ok(Reply::text(format!("EBS encryption by default is off in {r}"))
        .with_json(shapes::to_value(&encryption_by_default(false))))
}

fn get(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let on = lab.storage.encryption_by_default(&r);
    Ok(Reply::text(format!("EBS encryption by default in {r}: {}", if on { "on" } else { "off" })).with_json(
        shapes::to_value(&shapes::EbsEncryptionByDefault {
            sse_type: Some("sse-ebs".into()),
            ..encryption_by_default(on)
        }),
    ))
}
