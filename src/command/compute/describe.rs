//! `describe-instance-types` and `describe-instance-type-offerings`: the EC2 API's view
//! of the catalog, with the AWS CLI's JSON shape.

use crate::model::codes;

use super::{glob, instance_type, parse_filters, region_of};
use crate::command::shapes::{self, to_value, List};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::compute::{catalog, InstanceType, CATALOG_DATE};
use crate::model::regions;
use crate::tables::compute::{instance_types_df, offerings_df, Offering};

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

/// One type in the AWS CLI's DescribeInstanceTypes shape (only the facts we have).
fn type_info(t: &InstanceType) -> shapes::InstanceTypeInfo {
    shapes::InstanceTypeInfo {
        instance_type: Some(t.name.clone()),
        current_generation: Some(t.current_generation),
        free_tier_eligible: Some(t.free_tier_eligible),
        supported_usage_classes: Some(t.usage_classes.clone()),
        bare_metal: Some(t.bare_metal),
        hypervisor: t.hypervisor.clone(),
        processor_info: Some(shapes::ProcessorInfo {
            supported_architectures: Some(t.architectures.clone()),
            sustained_clock_speed_in_ghz: t.sustained_clock_ghz,
            manufacturer: t.manufacturer.clone(),
        }),
        v_cpu_info: Some(shapes::VCpuInfo {
            default_v_cpus: Some(t.vcpus),
            default_cores: t.default_cores,
            default_threads_per_core: t.threads_per_core,
        }),
        memory_info: Some(shapes::MemoryInfo { size_in_mib: Some(t.memory_mib) }),
        instance_storage_supported: Some(t.instance_storage_gb.is_some()),
        instance_storage_info: t.instance_storage_gb.map(|gb| shapes::InstanceStorageInfo {
            total_size_in_gb: Some(gb),
            disks: t
                .instance_storage_type
                .as_ref()
                .map(|ty| List(vec![shapes::DiskInfo { kind: Some(ty.clone()), ..Default::default() }])),
            ..Default::default()
        }),
        ebs_info: Some(shapes::EbsInfo {
            ebs_optimized_info: t.ebs_baseline_mbps.zip(t.ebs_max_mbps).map(|(b, m)| shapes::EbsOptimizedInfo {
                baseline_bandwidth_in_mbps: Some(b),
                maximum_bandwidth_in_mbps: Some(m),
            }),
        }),
        network_info: Some(network_info(t)),
        gpu_info: gpu_info(t),
        hibernation_supported: Some(t.hibernation_supported),
        burstable_performance_supported: Some(t.burstable),
    }
}

fn network_info(t: &InstanceType) -> shapes::NetworkInfo {
    let card = shapes::NetworkCardInfo {
        baseline_bandwidth_in_gbps: t.baseline_bandwidth_gbps,
        peak_bandwidth_in_gbps: t.peak_bandwidth_gbps,
    };
    shapes::NetworkInfo {
        network_performance: Some(t.network_performance.clone()),
        maximum_network_interfaces: t.max_network_interfaces,
        ipv4_addresses_per_interface: t.ipv4_per_interface,
        // Only when the catalog knows a bandwidth of the card.
        network_cards: (card != shapes::NetworkCardInfo::default()).then(|| List(vec![card])),
    }
}

/// The GPUs, for a type that has any; the per-GPU memory is the total split evenly.
fn gpu_info(t: &InstanceType) -> Option<shapes::GpuInfo> {
    let count = t.gpu_count.filter(|c| *c > 0)?;
    let gpu = shapes::GpuDeviceInfo {
        count: Some(count),
        name: t.gpu_name.clone(),
        manufacturer: t.gpu_manufacturer.clone(),
        memory_info: t.gpu_memory_mib.map(|mem| shapes::MemoryInfo { size_in_mib: Some(mem / count.max(1) as u64) }),
    };
    Some(shapes::GpuInfo { gpus: Some(List(vec![gpu])), total_gpu_memory_in_mib: t.gpu_memory_mib })
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
    let json = to_value(&shapes::DescribeInstanceTypes {
        instance_types: Some(List(rows.iter().map(|t| type_info(t)).collect())),
    });
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
    let rows = offerings(&regions_list, location_type, &filters);
    let json = to_value(&shapes::DescribeInstanceTypeOfferings {
        instance_type_offerings: Some(List(
            rows.iter()
                .map(|o| shapes::InstanceTypeOffering {
                    instance_type: Some(o.instance_type.into()),
                    location_type: Some(location_type.into()),
                    location: Some(o.location.clone()),
                })
                .collect(),
        )),
    });
    let df = offerings_df(&rows, location_type)?;
    let scope = if regions_list.len() == 1 {
        format!("in {}", regions_list[0])
    } else {
        format!("(all {} regions searched)", regions_list.len())
    };
    Ok(Reply::new()
        .with_table(
            df.clone(),
            Some(format!("{} offering{} {scope}", rows.len(), if rows.len() == 1 { "" } else { "s" })),
            Some(format!("DescribeInstanceTypeOfferings data of {CATALOG_DATE} (data/SOURCES.md)")),
        )
        .with_json(json)
        .keep("instance_type_offerings", df))
}

/// The offerings of the catalog's types in `regions` that pass the filters: one per region,
/// or per availability zone.
fn offerings(regions: &[String], location_type: &str, filters: &[(String, Vec<String>)]) -> Vec<Offering> {
    let want = |name: &str, s: &str| {
        filters.iter().filter(|(n, _)| n == name).all(|(_, vals)| vals.iter().any(|v| glob(v, s)))
    };
    let mut rows = Vec::new();
    for t in catalog::all().iter().filter(|t| want("instance-type", &t.name)) {
        for o in catalog::offerings(&t.name).iter().filter(|o| regions.contains(&o.region)) {
            let locations =
                if location_type == "region" { std::slice::from_ref(&o.region) } else { &o.availability_zones[..] };
            for l in locations.iter().filter(|l| want("location", l)) {
                rows.push(Offering { instance_type: &t.name, location: l.clone(), region: o.region.clone() });
            }
        }
    }
    rows
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
