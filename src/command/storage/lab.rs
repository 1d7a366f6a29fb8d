//! Storage lab commands: `disk write` (put a file on a disk), `survives` (what a stop or
//! terminate keeps), `compare-volumes` (choose a type for a workload), `instance-store`
//! (the disks a type comes with), `clock advance` (let lab time pass).

use crate::model::codes;
use serde::Serialize;

use super::*;
use crate::command::compute::with_chart;
use crate::command::{Ctx, Flag, Reply, Run};
use crate::model::storage::survival::DiskFate;
use crate::model::storage::{choose, instance_store};
use crate::render::chart::{bar_chart, ChartSpec};
use crate::tables::storage as tbl;

const WRITE: &[Flag] = &[];
const SURVIVES: &[Flag] = &[];
const COMPARE: &[Flag] = &[
    Flag::value("size", "GiB the workload needs (default 500)"),
    Flag::value("iops", "IOPS it needs (default 3,000)"),
    Flag::value("throughput", "MiB/s it needs (default 125)"),
    Flag::switch("boot", "it is a boot volume (st1/sc1 cannot be)"),
];
const STORE: &[Flag] = &[];
const CLOCK: &[Flag] = &[];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "disk write", service: "lab", summary: "write a file to a volume or to an instance store disk",
            usage: "disk write VOLUME FILE | disk write INSTANCE:N FILE",
            help: "A stand-in for writing data inside the OS: the file name is recorded on the disk, so `survives`, snapshots \
                   and restores show what persists. VOLUME (ID or Name) must be attached to a running instance; INSTANCE:N is \
                   disk N (from 0) of the instance's instance store.\nExample: `disk write data orders.db`, `disk write web1:0 cache.tmp`",
            flags: WRITE, run: Run::Write(write) },
        CommandSpec { name: "survives", service: "lab", summary: "what each disk of an instance keeps on reboot, stop and terminate",
            usage: "survives INSTANCE",
            help: "EBS volumes live independently of the instance: kept on stop, and on terminate deleted only with \
                   DeleteOnTermination (the root's default). Instance store disks are on the host: kept on reboot, lost on stop, \
                   hibernate and terminate.",
            flags: SURVIVES, run: Run::Read(survives) },
        CommandSpec { name: "compare-volumes", service: "lab", summary: "choose an EBS volume type for a workload: performance and monthly price",
            usage: "compare-volumes [--size GiB] [--iops N] [--throughput MiB/s] [--boot] [--region R]",
            help: "For each type, the cheapest settings that meet the workload at that size (gp3: IOPS and throughput above \
                   the 3,000/125 baseline; io1/io2: provisioned IOPS; gp2 and the HDDs: what the size gives), or why it cannot; \
                   latency class and list prices per GB-month and per provisioned IOPS-month. Table and chart.\n\
                   Example: `compare-volumes --size 500 --iops 12000 --throughput 500`",
            flags: COMPARE, run: Run::Read(compare) },
        CommandSpec { name: "instance-store", service: "lab", summary: "the instance store disks of instance types",
            usage: "instance-store TYPE…",
            help: "Count, size, SSD/HDD and NVMe of each type's instance store (DescribeInstanceTypes' InstanceStorageInfo). \
                   Types without one are EBS-only.", flags: STORE, run: Run::Read(store) },
        CommandSpec { name: "clock advance", service: "lab", summary: "let lab time pass (hours), e.g. the rolling 24 hours of volume modifications",
            usage: "clock advance HOURS", help: "The storage clock also moves one minute with every storage change.", flags: CLOCK, run: Run::Write(advance) },
    ]
}

fn write(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let target = a.required_pos(0, "VOLUME or INSTANCE:N")?.to_string();
    let file = a.required_pos(1, "FILE")?.to_string();
    if let Some((inst, disk)) = target.rsplit_once(':') {
        let n: u32 = disk.parse().map_err(|_| {
            CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("'{disk}' is not a disk number (INSTANCE:0, INSTANCE:1…)"),
            )
        })?;
        let id = lab.storage.write_instance_store(&lab.network, &r, inst, n, &file)?;
        return Ok(Reply::text(format!(
            "wrote {file} to instance store disk {n} of {} (lost on stop or terminate)",
            lab.network.label(&id)
        )));
    }
    let id = lab.storage.write_volume(&lab.network, &r, &target, &file)?;
    Ok(Reply::text(format!("wrote {file} to EBS volume {id}")))
}

fn survives(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let key = a.required_pos(0, "INSTANCE")?;
    let (id, disks) = lab.storage.disk_fates(&lab.network, &r, key)?;
    let inst = lab.network.instances.iter().find(|i| i.id == id).expect("found");
    let df = tbl::disk_fates_df(&disks)?;
    let mut md = format!("**{}** ({}, {}): ", lab.network.label(&id), inst.instance_type, inst.state.as_str());
    let ebs = disks.iter().filter(|d| d.volume_id.is_some()).count();
    let store = disks.len() - ebs;
    md.push_str(&format!("{ebs} EBS volume(s), {store} instance store disk(s).\n\n"));
    if lab.storage.root_device_type(&lab.network, &id) == crate::model::storage::images::RootDeviceType::InstanceStore {
        md.push_str(&format!(
            "- Its AMI ({}) is instance-store-backed: the root device is on the instance store, so the instance cannot be stopped (UnsupportedOperation), only rebooted or terminated — and terminating it loses everything on it. Use an EBS-backed AMI for anything that must persist.\n",
            inst.image_id
        ));
    }
    if store == 0 {
        md.push_str(&format!(
            "- {} has no instance store: everything is on EBS and survives a stop.\n",
            inst.instance_type
        ));
    } else {
        md.push_str("- Instance store data survives a reboot only: a stop or terminate moves the instance off its host and the disks are wiped.\n");
    }
    md.push_str("- EBS volumes survive a stop; on terminate, those with DeleteOnTermination=true (the root, by default) are deleted — snapshot first to keep them.\n");
    let gone: Vec<_> =
        lab.storage.deleted_with_instance.iter().filter(|(_, i)| i == &id).map(|(v, _)| v.clone()).collect();
    if !gone.is_empty() {
        md.push_str(&format!("- Deleted when it terminated: {}.\n", gone.join(", ")));
    }
    let json = shapes::to_value(&Survival {
        instance_id: &id,
        instance_type: &inst.instance_type,
        state: inst.state.as_str(),
        disks: disks.iter().map(DiskSurvival::of).collect(),
        deleted_with_instance: &gone,
    });
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("what survives on {}", lab.network.label(&id))), None)
        .with_markdown(md)
        .with_json(json)
        .keep("survives", df))
}

/// `survives --output json`: the lab's answer, named in the AWS CLI's PascalCase.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Survival<'a> {
    instance_id: &'a str,
    instance_type: &'a str,
    state: &'a str,
    disks: Vec<DiskSurvival<'a>>,
    deleted_with_instance: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DiskSurvival<'a> {
    device: &'a str,
    storage: &'a str,
    volume_id: &'a Option<String>,
    files: &'a [String],
    on_reboot: &'a str,
    on_stop: &'a str,
    on_terminate: &'a str,
}

impl<'a> DiskSurvival<'a> {
    fn of(d: &'a DiskFate) -> Self {
        DiskSurvival {
            device: &d.device,
            storage: &d.storage,
            volume_id: &d.volume_id,
            files: &d.files,
            on_reboot: d.on_reboot,
            on_stop: d.on_stop,
            on_terminate: d.on_terminate,
        }
    }
}

/// `compare-volumes --output json`: the workload and each type's fit.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VolumeChoice<'a> {
    region: &'a str,
    #[serde(rename = "SizeGiB")]
    size_gib: u32,
    iops: u32,
    #[serde(rename = "ThroughputMiBps")]
    throughput_mibps: u32,
    types: Vec<VolumeFit<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VolumeFit<'a> {
    volume_type: &'a str,
    meets: bool,
    why_not: &'a Option<String>,
    iops: u32,
    #[serde(rename = "ThroughputMiBps")]
    throughput_mibps: u32,
    usd_per_month: Option<f64>,
}

impl<'a> VolumeFit<'a> {
    fn of(f: &'a choose::Fit) -> Self {
        VolumeFit {
            volume_type: f.volume_type.as_str(),
            meets: f.why_not.is_none(),
            why_not: &f.why_not,
            iops: f.iops,
            throughput_mibps: f.throughput,
            usd_per_month: f.usd_per_month.as_ref().ok().map(|u| crate::tables::round(*u, 2)),
        }
    }
}

fn compare(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let size: u32 = a.parse_or("size", 500)?;
    let iops: u32 = a.parse_or("iops", 3_000)?;
    let tp: u32 = a.parse_or("throughput", 125)?;
    if size == 0 {
        return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, "--size must be at least 1 GiB"));
    }
    let fits = choose::compare(size, iops, tp, a.switch("boot"), &r);
    let df = tbl::volume_fits_df(&fits, &r)?;
    let missing: Vec<String> = fits.iter().filter_map(|f| f.usd_per_month.as_ref().err().cloned()).collect();
    let note = format!(
        "{} GiB, ≥{} IOPS, ≥{} MiB/s in {}. Prices: GB-month, provisioned IOPS-month and gp3 throughput from data/vpc_prices.csv for the region (each row with its source), never borrowed from another region{}. Monthly = storage + provisioned IOPS/throughput (gp3 above 3,000/125; io2 IOPS tiered at 32,000 and 64,000).",
        size, iops, tp, r, if missing.is_empty() { String::new() } else { format!(" — no price: {}", missing.join("; ")) }
    );
    let ok: Vec<_> = fits.iter().filter(|f| f.why_not.is_none()).collect();
    let priced: Vec<(&str, f64)> =
        ok.iter().filter_map(|f| f.usd_per_month.as_ref().ok().map(|u| (f.volume_type.as_str(), *u))).collect();
    let cats: Vec<String> = priced.iter().map(|(t, _)| t.to_string()).collect();
    let spec = ChartSpec::new(
        format!("EBS monthly price for {size} GiB, {iops} IOPS, {tp} MiB/s ({r})"),
        "volume type (those that meet the workload, with a price)",
        "USD per month",
    );
    let alt = format!(
        "bar chart of monthly price: {}",
        priced.iter().map(|(t, u)| format!("{t} ${u:.2}")).collect::<Vec<_>>().join(", ")
    );
    let best = match (ok.is_empty(), priced.first()) {
        (true, _) => "no single EBS volume type meets this workload".to_string(),
        (false, Some((t, u))) => format!("cheapest that meets it: {t} at ${u:.2}/month"),
        (false, None) => format!(
            "{} meet it; no price in {r} for them",
            ok.iter().map(|f| f.volume_type.as_str()).collect::<Vec<_>>().join(", ")
        ),
    };
    let json = shapes::to_value(&VolumeChoice {
        region: &r,
        size_gib: size,
        iops,
        throughput_mibps: tp,
        types: fits.iter().map(VolumeFit::of).collect(),
    });
    let reply = Reply::new()
        .with_table(df.clone(), Some(format!("EBS volume types for the workload — {best}")), Some(note))
        .with_json(json)
        .keep("volume_types", df);
    Ok(with_chart(
        reply,
        bar_chart(&spec, &cats, &[("USD/month".to_string(), priced.iter().map(|(_, u)| *u).collect())], false),
        alt,
    ))
}

fn store(_lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let names = a.positional_list();
    if names.is_empty() {
        return Err(CommandError::new(
            codes::MISSING_PARAMETER,
            "give one or more instance types, e.g. `instance-store i4i.large m5d.large t3.micro`",
        ));
    }
    let mut rows = Vec::new();
    for n in &names {
        if crate::model::compute::catalog::find(n).is_none() {
            return Err(CommandError::new(
                codes::INVALID_INSTANCE_TYPE,
                format!("The following supplied instance types do not exist: [{n}]"),
            ));
        }
        rows.push((n.clone(), instance_store::of_type(n)));
    }
    let df = tbl::instance_stores_df(&rows)?;
    let info = |s: &instance_store::InstanceStore| shapes::InstanceStorageInfo {
        total_size_in_gb: Some(s.total_gb()),
        disks: Some(shapes::List(vec![shapes::DiskInfo {
            size_in_gb: Some(s.disk_size_gb.into()),
            count: Some(s.disk_count.into()),
            kind: Some(s.disk_type.clone()),
        }])),
        nvme_support: Some(s.nvme.clone()),
    };
    // AWS leaves InstanceStorageInfo out for a type without instance store.
    let entry = |(n, s): &(String, Option<&instance_store::InstanceStore>)| shapes::InstanceTypeInfo {
        instance_type: Some(n.clone()),
        instance_storage_supported: Some(s.is_some()),
        instance_storage_info: s.map(info),
        ..Default::default()
    };
    let json = shapes::member("InstanceTypes", rows.iter().map(entry).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some("instance store by type".into()), Some("DescribeInstanceTypes InstanceStorageInfo (moto 5.2.5 data, 2026-10-27). Data on these disks is lost on stop, hibernate and terminate.".into()))
        .with_json(json)
        .keep("instance_store", df))
}

fn advance(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let h: f64 = a.required_pos(0, "HOURS")?.trim_end_matches('h').parse().map_err(|_| {
        CommandError::new(codes::INVALID_PARAMETER_VALUE, "HOURS must be a number, e.g. `clock advance 6`")
    })?;
    lab.storage.advance(h)?;
    Ok(Reply::text(format!("lab clock: {}", fmt_time(lab.storage.now))))
}
