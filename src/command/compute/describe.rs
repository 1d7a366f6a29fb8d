//! `describe-instance-types` and `describe-instance-type-offerings`: the EC2 API's view
//! of the catalog, with the AWS CLI's JSON shape.

use crate::model::codes;
use polars::prelude::*;
use serde_json::{json, Map, Value};

use super::{glob, instance_type, parse_filters, region_of};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::compute::{catalog, InstanceType, CATALOG_DATE};
use crate::model::regions;
use crate::tables::compute::instance_types_df;

const FLAGS_DESCRIBE_INSTANCE_TYPES: &[Flag] = &[
    Flag::many("instance-types", "instance type names"),
    Flag::many("filters", "Name=NAME,Values=V1,V2 (several allowed)"),
];

const FLAGS_DESCRIBE_INSTANCE_TYPE_OFFERINGS: &[Flag] = &[
    Flag::choice("location-type", "region (default) or availability-zone", &["region", "availability-zone"]),
    Flag::many("filters", "Name=instance-type|location,Values=V1,V2"),
    Flag::switch("all-regions", "every region of the data, not just one"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "describe-instance-types",
            service: "ec2",
            summary: "facts of instance types (vCPUs, memory, processor, network, storage, GPUs)",
            usage: "describe-instance-types [--instance-types T1 T2 …] [--filters Name=NAME,Values=V1,V2 …]",
            help: "The EC2 DescribeInstanceTypes operation over the shipped catalog (1,395 types, \
DescribeInstanceTypes data of 2026-10-27). `--output json` gives the AWS CLI's shape: \
InstanceTypes[].InstanceType, VCpuInfo.DefaultVCpus, MemoryInfo.SizeInMiB, \
ProcessorInfo.SupportedArchitectures, NetworkInfo, EbsInfo, GpuInfo, …\n\
Filters: instance-type, current-generation, burstable-performance-supported, bare-metal, \
free-tier-eligible, hibernation-supported, hypervisor, processor-info.supported-architecture, \
vcpu-info.default-vcpus, vcpu-info.default-cores, memory-info.size-in-mib, \
network-info.network-performance, instance-storage-supported, supported-usage-class \
(values may use * and ?).\n\
Example: `aws ec2 describe-instance-types --instance-types m5.large c7g.xlarge --output json`",
            flags: FLAGS_DESCRIBE_INSTANCE_TYPES,
            run: Run::Read(describe_instance_types),
        },
        CommandSpec {
            name: "describe-instance-type-offerings",
            service: "ec2",
            summary: "which instance types are offered in the region or its availability zones",
            usage: "describe-instance-type-offerings [--location-type region|availability-zone] \
[--filters Name=instance-type,Values=… Name=location,Values=…] [--region R] [--all-regions]",
            help: "The EC2 DescribeInstanceTypeOfferings operation for the region (`--region` or the \
lab's): with `--location-type region` one row per type offered in the region, with \
`availability-zone` one row per type and AZ. `--all-regions` (a lab addition) looks at \
every region of the data at once. Data: DescribeInstanceTypeOfferings of 2026-10-27.\n\
Example: `describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=c7gn.xlarge --region ap-northeast-2`",
            flags: FLAGS_DESCRIBE_INSTANCE_TYPE_OFFERINGS,
            run: Run::Read(describe_offerings),
        },
    ]
}

fn bool_value(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Does the type pass one DescribeInstanceTypes filter? Err for an unknown filter name.
fn passes(t: &InstanceType, name: &str, values: &[String]) -> Result<bool, CommandError> {
    let any = |s: &str| values.iter().any(|v| glob(v, s));
    let flag = |b: bool| values.iter().any(|v| bool_value(v) == Some(b));
    Ok(match name {
        "instance-type" => any(&t.name),
        "current-generation" => flag(t.current_generation),
        "burstable-performance-supported" => flag(t.burstable),
        "bare-metal" => flag(t.bare_metal),
        "free-tier-eligible" => flag(t.free_tier_eligible),
        "hibernation-supported" => flag(t.hibernation_supported),
        "instance-storage-supported" => flag(t.instance_storage_gb.is_some()),
        "hypervisor" => any(t.hypervisor.as_deref().unwrap_or("")),
        "processor-info.supported-architecture" => t.architectures.iter().any(|a| any(a)),
        "vcpu-info.default-vcpus" => any(&t.vcpus.to_string()),
        "vcpu-info.default-cores" => t.default_cores.is_some_and(|c| any(&c.to_string())),
        "memory-info.size-in-mib" => any(&t.memory_mib.to_string()),
        "network-info.network-performance" => any(&t.network_performance),
        "supported-usage-class" => t.usage_classes.iter().any(|u| any(u)),
        _ => return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("The filter '{name}' is invalid"))),
    })
}

/// One type in the AWS CLI's DescribeInstanceTypes JSON shape (only the facts we have).
pub fn aws_json(t: &InstanceType) -> Value {
    let mut o = Map::new();
    o.insert("InstanceType".into(), json!(t.name));
    o.insert("CurrentGeneration".into(), json!(t.current_generation));
    o.insert("FreeTierEligible".into(), json!(t.free_tier_eligible));
    o.insert("SupportedUsageClasses".into(), json!(t.usage_classes));
    o.insert("BareMetal".into(), json!(t.bare_metal));
    if let Some(h) = &t.hypervisor {
        o.insert("Hypervisor".into(), json!(h));
    }
    let mut p = Map::new();
    p.insert("SupportedArchitectures".into(), json!(t.architectures));
    if let Some(c) = t.sustained_clock_ghz {
        p.insert("SustainedClockSpeedInGhz".into(), json!(c));
    }
    if let Some(m) = &t.manufacturer {
        p.insert("Manufacturer".into(), json!(m));
    }
    o.insert("ProcessorInfo".into(), Value::Object(p));
    let mut v = Map::new();
    v.insert("DefaultVCpus".into(), json!(t.vcpus));
    if let Some(c) = t.default_cores {
        v.insert("DefaultCores".into(), json!(c));
    }
    if let Some(th) = t.threads_per_core {
        v.insert("DefaultThreadsPerCore".into(), json!(th));
    }
    o.insert("VCpuInfo".into(), Value::Object(v));
    o.insert("MemoryInfo".into(), json!({ "SizeInMiB": t.memory_mib }));
    o.insert("InstanceStorageSupported".into(), json!(t.instance_storage_gb.is_some()));
    if let Some(gb) = t.instance_storage_gb {
        let mut s = Map::new();
        s.insert("TotalSizeInGB".into(), json!(gb));
        if let Some(ty) = &t.instance_storage_type {
            s.insert("Disks".into(), json!([{ "Type": ty }]));
        }
        o.insert("InstanceStorageInfo".into(), Value::Object(s));
    }
    let mut ebs = Map::new();
    if let (Some(b), Some(m)) = (t.ebs_baseline_mbps, t.ebs_max_mbps) {
        ebs.insert("EbsOptimizedInfo".into(), json!({ "BaselineBandwidthInMbps": b, "MaximumBandwidthInMbps": m }));
    }
    o.insert("EbsInfo".into(), Value::Object(ebs));
    let mut n = Map::new();
    n.insert("NetworkPerformance".into(), json!(t.network_performance));
    if let Some(m) = t.max_network_interfaces {
        n.insert("MaximumNetworkInterfaces".into(), json!(m));
    }
    if let Some(i) = t.ipv4_per_interface {
        n.insert("Ipv4AddressesPerInterface".into(), json!(i));
    }
    let mut card = Map::new();
    if let Some(b) = t.baseline_bandwidth_gbps {
        card.insert("BaselineBandwidthInGbps".into(), json!(b));
    }
    if let Some(p) = t.peak_bandwidth_gbps {
        card.insert("PeakBandwidthInGbps".into(), json!(p));
    }
    if !card.is_empty() {
        n.insert("NetworkCards".into(), json!([Value::Object(card)]));
    }
    o.insert("NetworkInfo".into(), Value::Object(n));
    if let Some(count) = t.gpu_count.filter(|c| *c > 0) {
        let mut g = Map::new();
        g.insert("Count".into(), json!(count));
        if let Some(name) = &t.gpu_name {
            g.insert("Name".into(), json!(name));
        }
        if let Some(m) = &t.gpu_manufacturer {
            g.insert("Manufacturer".into(), json!(m));
        }
        let mut info = Map::new();
        if let Some(mem) = t.gpu_memory_mib {
            g.insert("MemoryInfo".into(), json!({ "SizeInMiB": mem / count.max(1) as u64 }));
            info.insert("TotalGpuMemoryInMiB".into(), json!(mem));
        }
        info.insert("Gpus".into(), json!([Value::Object(g)]));
        o.insert("GpuInfo".into(), Value::Object(info));
    }
    o.insert("HibernationSupported".into(), json!(t.hibernation_supported));
    o.insert("BurstablePerformanceSupported".into(), json!(t.burstable));
    Value::Object(o)
}

fn describe_instance_types(_: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let filters = parse_filters(a)?;
    let mut rows: Vec<&'static InstanceType> = match a.list("instance-types") {
        names if names.is_empty() => catalog::all().iter().collect(),
        names => {
            let mut v: Vec<&'static InstanceType> = Vec::new();
            for n in names {
                let t = instance_type(&n)?;
                if !v.iter().any(|x| x.name == t.name) {
                    v.push(t);
                }
            }
            v
        }
    };
    for (name, values) in &filters {
        let mut kept = Vec::new();
        for t in rows {
            if passes(t, name, values)? {
                kept.push(t);
            }
        }
        rows = kept;
    }
    let json = json!({ "InstanceTypes": rows.iter().map(|t| aws_json(t)).collect::<Vec<_>>() });
    let full = instance_types_df(&rows)?;
    let df = full.select([
        "instance_type",
        "vcpus",
        "memory_mib",
        "memory_gib",
        "gib_per_vcpu",
        "architectures",
        "manufacturer",
        "sustained_clock_ghz",
        "current_generation",
        "burstable",
        "hypervisor",
        "network_performance",
        "instance_storage_gb",
        "gpu_count",
    ])?;
    Ok(Reply::new()
        .with_table(
            df,
            Some(format!("{} instance type{}", rows.len(), if rows.len() == 1 { "" } else { "s" })),
            Some(format!("DescribeInstanceTypes data of {CATALOG_DATE} (data/SOURCES.md)")),
        )
        .with_json(json)
        .keep("described_instance_types", full))
}

fn describe_offerings(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let location_type = a.get("location-type").unwrap_or("region");
    if !matches!(location_type, "region" | "availability-zone") {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("Value ({location_type}) for parameter locationType is invalid. Valid values: region, availability-zone"),
        ));
    }
    let regions_list: Vec<String> = if a.switch("all-regions") {
        regions::all().iter().map(|r| r.code.clone()).collect()
    } else {
        vec![region_of(lab, a)?]
    };
    let filters = parse_filters(a)?;
    for (name, _) in &filters {
        if !matches!(name.as_str(), "instance-type" | "location") {
            return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("The filter '{name}' is invalid")));
        }
    }
    let want = |name: &str, s: &str| {
        filters.iter().filter(|(n, _)| n == name).all(|(_, vals)| vals.iter().any(|v| glob(v, s)))
    };
    let mut types = Vec::new();
    let mut locations = Vec::new();
    let mut regs = Vec::new();
    for t in catalog::all() {
        if !want("instance-type", &t.name) {
            continue;
        }
        for o in catalog::offerings(&t.name) {
            if !regions_list.contains(&o.region) {
                continue;
            }
            if location_type == "region" {
                if want("location", &o.region) {
                    types.push(t.name.as_str());
                    locations.push(o.region.clone());
                    regs.push(o.region.clone());
                }
            } else {
                for az in &o.availability_zones {
                    if want("location", az) {
                        types.push(t.name.as_str());
                        locations.push(az.clone());
                        regs.push(o.region.clone());
                    }
                }
            }
        }
    }
    let json = json!({
        "InstanceTypeOfferings": types.iter().zip(&locations).map(|(t, l)| json!({
            "InstanceType": t,
            "LocationType": location_type,
            "Location": l,
        })).collect::<Vec<_>>()
    });
    let df = df!(
        "instance_type" => &types,
        "location_type" => types.iter().map(|_| location_type).collect::<Vec<_>>(),
        "location" => &locations,
        "region" => &regs,
    )?;
    let scope = if regions_list.len() == 1 {
        format!("in {}", regions_list[0])
    } else {
        format!("(all {} regions searched)", regions_list.len())
    };
    Ok(Reply::new()
        .with_table(
            df.clone(),
            Some(format!("{} offering{} {scope}", types.len(), if types.len() == 1 { "" } else { "s" })),
            Some(format!("DescribeInstanceTypeOfferings data of {CATALOG_DATE} (data/SOURCES.md)")),
        )
        .with_json(json)
        .keep("instance_type_offerings", df))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{error, json};
    use crate::lab::Lab;

    #[test]
    fn describe_instance_types_in_the_aws_cli_shape() {
        let mut s = Lab::default();
        let v = json(&mut s, "aws ec2 describe-instance-types --instance-types m5.large c7g.xlarge --output json");
        let list = v["InstanceTypes"].as_array().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0]["InstanceType"], "m5.large");
        assert_eq!(list[0]["VCpuInfo"]["DefaultVCpus"], 2);
        assert_eq!(list[0]["MemoryInfo"]["SizeInMiB"], 8192);
        assert_eq!(list[0]["ProcessorInfo"]["SupportedArchitectures"][0], "x86_64");
        assert_eq!(list[1]["ProcessorInfo"]["SupportedArchitectures"][0], "arm64");
        assert_eq!(list[1]["NetworkInfo"]["NetworkPerformance"], "Up to 12.5 Gigabit");
        let g5 = json(&mut s, "describe-instance-types --instance-types g5.xlarge --output json");
        assert_eq!(g5["InstanceTypes"][0]["GpuInfo"]["Gpus"][0]["Count"], 1);
    }

    #[test]
    fn filters_and_errors() {
        let mut s = Lab::default();
        let v = json(
            &mut s,
            "describe-instance-types --filters Name=instance-type,Values=c7g.* Name=vcpu-info.default-vcpus,Values=4 --output json",
        );
        let names: Vec<&str> =
            v["InstanceTypes"].as_array().unwrap().iter().map(|t| t["InstanceType"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["c7g.xlarge"]);
        let (ename, evalue) = error(&mut s, "describe-instance-types --instance-types m5.larg");
        assert_eq!(ename, "InvalidInstanceType");
        assert!(evalue.contains("DescribeInstanceTypes") && evalue.contains("[m5.larg]"), "{evalue}");
        let (ename, _) = error(&mut s, "describe-instance-types --filters Name=colour,Values=red");
        assert_eq!(ename, "InvalidParameterValue");
    }

    #[test]
    fn offerings_per_region_and_az() {
        let mut s = Lab::default();
        let v = json(
            &mut s,
            "describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=m5.large --region ap-northeast-2 --output json",
        );
        let locs: Vec<&str> =
            v["InstanceTypeOfferings"].as_array().unwrap().iter().map(|o| o["Location"].as_str().unwrap()).collect();
        assert_eq!(locs, vec!["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"]);
        assert_eq!(v["InstanceTypeOfferings"][0]["LocationType"], "availability-zone");
        let v = json(
            &mut s,
            "describe-instance-type-offerings --all-regions --filters Name=instance-type,Values=a1.2xlarge --output json",
        );
        assert_eq!(v["InstanceTypeOfferings"].as_array().unwrap().len(), 9);
        let (ename, _) = error(&mut s, "describe-instance-type-offerings --region mars-1");
        assert_eq!(ename, "InvalidParameterValue");
    }
}
