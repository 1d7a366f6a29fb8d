//! EBS volumes, their attachments and snapshots as tables: `volumes`, `volume_attachments`,
//! `snapshots`. The `*_df` builders take the rows to show, so describe commands reuse them.

use polars::prelude::*;

use crate::model::database::fmt_time;
use crate::model::storage::choose::Fit;
use crate::model::storage::instance_store::InstanceStore;
use crate::model::storage::survival::DiskFate;
use crate::model::storage::{prices, Snapshot, Storage, Volume};

pub fn tables(s: &Storage) -> Vec<(String, DataFrame)> {
    let mut v = Vec::new();
    let vols: Vec<&Volume> = s.volumes.iter().collect();
    if let Ok(df) = volumes_df(&vols) {
        v.push(("volumes".to_string(), df));
    }
    if let Ok(df) = attachments_df(&vols) {
        v.push(("volume_attachments".to_string(), df));
    }
    let snaps: Vec<&Snapshot> = s.snapshots.iter().collect();
    if let Ok(df) = snapshots_df(&snaps) {
        v.push(("snapshots".to_string(), df));
    }
    v
}

/// One row per volume, with its monthly price (see `model::storage::prices`; null when the
/// data has no price for its region).
pub fn volumes_df(rows: &[&Volume]) -> PolarsResult<DataFrame> {
    df!(
        "volume_id" => rows.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|v| v.name.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|v| v.region.clone()).collect::<Vec<_>>(),
        "availability_zone" => rows.iter().map(|v| v.availability_zone.clone()).collect::<Vec<_>>(),
        "volume_type" => rows.iter().map(|v| v.volume_type.as_str()).collect::<Vec<_>>(),
        "size_gib" => rows.iter().map(|v| v.size_gib).collect::<Vec<_>>(),
        "iops" => rows.iter().map(|v| v.reported_iops()).collect::<Vec<_>>(),
        "throughput_mibps" => rows.iter().map(|v| v.reported_throughput()).collect::<Vec<_>>(),
        "state" => rows.iter().map(|v| v.state()).collect::<Vec<_>>(),
        "attached_to" => rows.iter().map(|v| (!v.attachments.is_empty()).then(|| v.attachments.iter().map(|a| format!("{} {}", a.instance_id, a.device)).collect::<Vec<_>>().join(", "))).collect::<Vec<_>>(),
        "encrypted" => rows.iter().map(|v| v.encrypted).collect::<Vec<_>>(),
        "multi_attach" => rows.iter().map(|v| v.multi_attach).collect::<Vec<_>>(),
        "snapshot_id" => rows.iter().map(|v| v.snapshot_id.clone()).collect::<Vec<_>>(),
        "files" => rows.iter().map(|v| v.files.len() as u32).collect::<Vec<_>>(),
        "usd_per_month" => rows.iter().map(|v| prices::volume_month(v.volume_type, v.size_gib, v.iops, v.throughput, &v.region).ok().map(|u| crate::tables::round(u, 2))).collect::<Vec<_>>(),
        "created" => rows.iter().map(|v| fmt_time(v.created_at)).collect::<Vec<_>>(),
    )
}

/// One row per (volume, instance) attachment.
pub fn attachments_df(rows: &[&Volume]) -> PolarsResult<DataFrame> {
    let at: Vec<_> = rows.iter().flat_map(|v| v.attachments.iter().map(move |a| (v, a))).collect();
    df!(
        "volume_id" => at.iter().map(|(v, _)| v.id.clone()).collect::<Vec<_>>(),
        "instance_id" => at.iter().map(|(_, a)| a.instance_id.clone()).collect::<Vec<_>>(),
        "device" => at.iter().map(|(_, a)| a.device.clone()).collect::<Vec<_>>(),
        "delete_on_termination" => at.iter().map(|(_, a)| a.delete_on_termination).collect::<Vec<_>>(),
        "attach_time" => at.iter().map(|(_, a)| fmt_time(a.attached_at)).collect::<Vec<_>>(),
    )
}

pub fn snapshots_df(rows: &[&Snapshot]) -> PolarsResult<DataFrame> {
    df!(
        "snapshot_id" => rows.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|s| s.region.clone()).collect::<Vec<_>>(),
        "volume_id" => rows.iter().map(|s| s.volume_id.clone()).collect::<Vec<_>>(),
        "volume_size_gib" => rows.iter().map(|s| s.volume_size_gib).collect::<Vec<_>>(),
        "encrypted" => rows.iter().map(|s| s.encrypted).collect::<Vec<_>>(),
        "files" => rows.iter().map(|s| s.files.len() as u32).collect::<Vec<_>>(),
        "new_files" => rows.iter().map(|s| s.new_files as u32).collect::<Vec<_>>(),
        "copied_from" => rows.iter().map(|s| s.source.as_ref().map(|(id, r)| format!("{r}/{id}"))).collect::<Vec<_>>(),
        "description" => rows.iter().map(|s| s.description.clone()).collect::<Vec<_>>(),
        "start_time" => rows.iter().map(|s| fmt_time(s.started_at)).collect::<Vec<_>>(),
    )
}

/// `survives`: what each disk of an instance keeps on reboot, stop and terminate.
pub fn disk_fates_df(disks: &[DiskFate]) -> PolarsResult<DataFrame> {
    df!(
        "device" => disks.iter().map(|d| d.device.clone()).collect::<Vec<_>>(),
        "storage" => disks.iter().map(|d| d.storage.clone()).collect::<Vec<_>>(),
        "volume_id" => disks.iter().map(|d| d.volume_id.clone()).collect::<Vec<_>>(),
        "files" => disks.iter().map(|d| d.files.join(", ")).collect::<Vec<_>>(),
        "reboot" => disks.iter().map(|d| d.on_reboot).collect::<Vec<_>>(),
        "stop" => disks.iter().map(|d| d.on_stop).collect::<Vec<_>>(),
        "terminate" => disks.iter().map(|d| d.on_terminate).collect::<Vec<_>>(),
    )
}

/// `compare-volumes`: each volume type's fit for a workload, with its list prices in `region`.
pub fn volume_fits_df(fits: &[Fit], region: &str) -> PolarsResult<DataFrame> {
    df!(
        "volume_type" => fits.iter().map(|f| f.volume_type.as_str()).collect::<Vec<_>>(),
        "family" => fits.iter().map(|f| f.volume_type.family()).collect::<Vec<_>>(),
        "meets" => fits.iter().map(|f| f.why_not.is_none()).collect::<Vec<_>>(),
        "why_not" => fits.iter().map(|f| f.why_not.clone()).collect::<Vec<_>>(),
        "iops" => fits.iter().map(|f| f.iops).collect::<Vec<_>>(),
        "throughput_mibps" => fits.iter().map(|f| f.throughput).collect::<Vec<_>>(),
        "latency" => fits.iter().map(|f| f.volume_type.latency()).collect::<Vec<_>>(),
        "usd_per_gb_month" => fits.iter().map(|f| prices::gb_month(f.volume_type, region).ok().map(|p| p.usd)).collect::<Vec<_>>(),
        "usd_per_iops_month" => fits.iter().map(|f| prices::iops_month(f.volume_type, region).and_then(|p| p.ok()).map(|p| p.usd)).collect::<Vec<_>>(),
        "usd_per_month" => fits.iter().map(|f| f.usd_per_month.as_ref().ok().map(|u| crate::tables::round(*u, 2))).collect::<Vec<_>>(),
        "use_case" => fits.iter().map(|f| f.volume_type.use_case()).collect::<Vec<_>>(),
    )
}

/// `instance-store`: each instance type's instance store disks (none: EBS only).
pub fn instance_stores_df(rows: &[(String, Option<&InstanceStore>)]) -> PolarsResult<DataFrame> {
    df!(
        "instance_type" => rows.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        "disks" => rows.iter().map(|(_, s)| s.map_or(0, |s| s.disk_count)).collect::<Vec<_>>(),
        "disk_size_gb" => rows.iter().map(|(_, s)| s.map(|s| s.disk_size_gb)).collect::<Vec<_>>(),
        "total_gb" => rows.iter().map(|(_, s)| s.map(|s| s.total_gb())).collect::<Vec<_>>(),
        "disk_type" => rows.iter().map(|(_, s)| s.map(|s| s.disk_type.to_uppercase())).collect::<Vec<_>>(),
        "nvme" => rows.iter().map(|(_, s)| s.map(|s| s.nvme.clone())).collect::<Vec<_>>(),
        "devices" => rows.iter().map(|(_, s)| s.map_or("EBS only".to_string(), |s| (0..s.disk_count).map(|d| s.device(d)).collect::<Vec<_>>().join(", "))).collect::<Vec<_>>(),
    )
}
