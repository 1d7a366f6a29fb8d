//! The EC2 instance catalog: DescribeInstanceTypes facts for every type in the shipped
//! `data/instance_types.csv`, and where each type is offered (`data/offerings.csv`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::csv;
use super::naming::{self, Category};
use crate::model::regions;

const INSTANCE_TYPES_CSV: &str = include_str!("../../../data/instance_types.csv");
const OFFERINGS_CSV: &str = include_str!("../../../data/offerings.csv");

/// Date of the DescribeInstanceTypes data (data/SOURCES.md).
pub const CATALOG_DATE: &str = "2026-10-27";

/// One instance type's facts, as DescribeInstanceTypes gives them.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceType {
    pub name: String,
    pub vcpus: u32,
    pub default_cores: Option<u32>,
    pub threads_per_core: Option<u32>,
    pub memory_mib: u64,
    /// `x86_64`, `arm64`, `i386`, `x86_64_mac`, `arm64_mac`.
    pub architectures: Vec<String>,
    pub manufacturer: Option<String>,
    pub sustained_clock_ghz: Option<f64>,
    pub current_generation: bool,
    pub burstable: bool,
    pub bare_metal: bool,
    pub hypervisor: Option<String>,
    pub network_performance: String,
    pub baseline_bandwidth_gbps: Option<f64>,
    pub peak_bandwidth_gbps: Option<f64>,
    pub max_network_interfaces: Option<u32>,
    pub ipv4_per_interface: Option<u32>,
    pub instance_storage_gb: Option<u64>,
    pub instance_storage_type: Option<String>,
    pub ebs_baseline_mbps: Option<f64>,
    pub ebs_max_mbps: Option<f64>,
    pub gpu_count: Option<u32>,
    pub gpu_manufacturer: Option<String>,
    pub gpu_name: Option<String>,
    pub gpu_memory_mib: Option<u64>,
    pub free_tier_eligible: bool,
    pub hibernation_supported: bool,
    /// `on-demand`, `spot`, `capacity-block`.
    pub usage_classes: Vec<String>,
}

impl InstanceType {
    pub fn memory_gib(&self) -> f64 {
        self.memory_mib as f64 / 1024.0
    }

    /// Memory per vCPU, the "core-to-memory ratio" the families are built around.
    pub fn gib_per_vcpu(&self) -> f64 {
        if self.vcpus == 0 {
            0.0
        } else {
            self.memory_gib() / self.vcpus as f64
        }
    }

    /// `c7gn` of `c7gn.xlarge`.
    pub fn family(&self) -> &str {
        self.name.split_once('.').map_or(self.name.as_str(), |(f, _)| f)
    }

    /// `xlarge` of `c7gn.xlarge`.
    pub fn size(&self) -> &str {
        self.name.split_once('.').map_or("", |(_, s)| s)
    }

    pub fn category(&self) -> Option<Category> {
        naming::explain(&self.name).ok().map(|t| t.category)
    }

    pub fn has_gpu(&self) -> bool {
        self.gpu_count.unwrap_or(0) > 0
    }

    /// Reserved Instance normalization factor; `metal` takes its family's largest size.
    pub fn normalization_factor(&self) -> Option<f64> {
        naming::size_factor(self.size()).or_else(|| {
            if self.size() == "metal" {
                naming::metal_factor(family_members(self.family()).iter().map(|t| t.size()))
            } else {
                None
            }
        })
    }
}

fn opt<T: std::str::FromStr>(s: &str) -> Option<T> {
    let s = s.trim();
    if s.is_empty() {
        None
    } else {
        s.parse().ok()
    }
}

fn opt_str(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn list(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

fn parse_catalog(text: &str) -> Vec<InstanceType> {
    let Ok(recs) = csv::records(text) else { return Vec::new() };
    let Some((header, rows)) = recs.split_first() else { return Vec::new() };
    let col = |name: &str| csv::column(&header.fields, name);
    let idx: Vec<Option<usize>> = [
        "instance_type",
        "vcpus",
        "default_cores",
        "threads_per_core",
        "memory_mib",
        "architectures",
        "manufacturer",
        "sustained_clock_ghz",
        "current_generation",
        "burstable",
        "bare_metal",
        "hypervisor",
        "network_performance",
        "baseline_bandwidth_gbps",
        "peak_bandwidth_gbps",
        "max_network_interfaces",
        "ipv4_per_interface",
        "instance_storage_gb",
        "instance_storage_type",
        "ebs_baseline_mbps",
        "ebs_max_mbps",
        "gpu_count",
        "gpu_manufacturer",
        "gpu_name",
        "gpu_memory_mib",
        "free_tier_eligible",
        "hibernation_supported",
        "usage_classes",
    ]
    .iter()
    .map(|n| col(n))
    .collect();
    rows.iter()
        .filter_map(|r| {
            let f = |i: usize| idx[i].and_then(|c| r.fields.get(c)).map(String::as_str).unwrap_or("");
            let b = |i: usize| f(i).trim() == "true";
            Some(InstanceType {
                name: opt_str(f(0))?,
                vcpus: opt(f(1))?,
                default_cores: opt(f(2)),
                threads_per_core: opt(f(3)),
                memory_mib: opt(f(4))?,
                architectures: list(f(5)),
                manufacturer: opt_str(f(6)),
                sustained_clock_ghz: opt(f(7)),
                current_generation: b(8),
                burstable: b(9),
                bare_metal: b(10),
                hypervisor: opt_str(f(11)),
                network_performance: f(12).trim().to_string(),
                baseline_bandwidth_gbps: opt(f(13)),
                peak_bandwidth_gbps: opt(f(14)),
                max_network_interfaces: opt(f(15)),
                ipv4_per_interface: opt(f(16)),
                instance_storage_gb: opt(f(17)),
                instance_storage_type: opt_str(f(18)),
                ebs_baseline_mbps: opt(f(19)),
                ebs_max_mbps: opt(f(20)),
                gpu_count: opt(f(21)),
                gpu_manufacturer: opt_str(f(22)),
                gpu_name: opt_str(f(23)),
                gpu_memory_mib: opt(f(24)),
                free_tier_eligible: b(25),
                hibernation_supported: b(26),
                usage_classes: list(f(27)),
            })
        })
        .collect()
}

struct Catalog {
    types: Vec<InstanceType>,
    by_name: HashMap<String, usize>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut types = parse_catalog(INSTANCE_TYPES_CSV);
        types.sort_by_key(|a| natural_key(&a.name));
        let by_name = types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        Catalog { types, by_name }
    })
}

/// Every instance type, sorted by family then size (nano … metal).
pub fn all() -> &'static [InstanceType] {
    &catalog().types
}

/// Every type name (for completion and suggestions).
pub fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| all().iter().map(|t| t.name.as_str()).collect())
}

/// The type called `name` (exact, case-insensitive).
pub fn find(name: &str) -> Option<&'static InstanceType> {
    let c = catalog();
    c.by_name.get(name).or_else(|| c.by_name.get(&name.trim().to_ascii_lowercase())).map(|i| &c.types[*i])
}

/// Every size of a family (`m7g` → m7g.medium … m7g.metal), smallest first.
pub fn family_members(family: &str) -> Vec<&'static InstanceType> {
    all().iter().filter(|t| t.family() == family).collect()
}

/// Every family name in the catalog, sorted.
pub fn families() -> Vec<&'static str> {
    let mut f: Vec<&str> = all().iter().map(|t| t.family()).collect();
    f.sort_unstable();
    f.dedup();
    f
}

/// Sort key putting sizes in order: family, then normalization factor, then name.
fn natural_key(name: &str) -> (String, u64, String) {
    let (fam, size) = name.split_once('.').unwrap_or((name, ""));
    let f = naming::size_factor(size).map_or(u64::MAX - 1, |f| (f * 100.0) as u64);
    (fam.to_string(), f, size.to_string())
}

/// The known name closest to `name` (edit distance), to suggest after a typo.
pub fn closest(name: &str) -> Option<&'static str> {
    closest_in(name, names().iter().copied())
}

/// The candidate closest to `word` by edit distance, if reasonably close.
pub fn closest_in<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    crate::suggest::closest(word, candidates)
}

/// Where one type is offered in one region.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionOffering {
    pub region: String,
    /// Full AZ names, e.g. `us-east-1a`.
    pub availability_zones: Vec<String>,
}

fn parse_offerings(text: &str) -> HashMap<String, Vec<RegionOffering>> {
    let mut out = HashMap::new();
    let Ok(recs) = csv::records(text) else { return out };
    for r in recs.iter().skip(1) {
        let (Some(t), Some(list)) = (r.fields.first(), r.fields.get(1)) else { continue };
        let offers = list
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|entry| match entry.split_once(':') {
                Some((region, letters)) => RegionOffering {
                    region: region.to_string(),
                    availability_zones: letters.chars().map(|l| format!("{region}{l}")).collect(),
                },
                None => RegionOffering {
                    region: entry.to_string(),
                    availability_zones: regions::availability_zones(entry).to_vec(),
                },
            })
            .collect();
        out.insert(t.clone(), offers);
    }
    out
}

fn offering_map() -> &'static HashMap<String, Vec<RegionOffering>> {
    static OFFERINGS: OnceLock<HashMap<String, Vec<RegionOffering>>> = OnceLock::new();
    OFFERINGS.get_or_init(|| parse_offerings(OFFERINGS_CSV))
}

/// The regions (with AZs) where a type is offered; empty for unknown types.
pub fn offerings(instance_type: &str) -> &'static [RegionOffering] {
    offering_map().get(instance_type).map(Vec::as_slice).unwrap_or(&[])
}

/// Is the type offered in the region?
pub fn offered_in(instance_type: &str, region: &str) -> bool {
    offerings(instance_type).iter().any(|o| o.region == region)
}

/// Is the type offered in the availability zone (e.g. `us-east-1a`)?
pub fn offered_in_az(instance_type: &str, az: &str) -> bool {
    offerings(instance_type).iter().any(|o| o.availability_zones.iter().any(|z| z == az))
}

/// Regions that appear in the offerings data, sorted.
pub fn offering_regions() -> Vec<&'static str> {
    let mut r: Vec<&str> = offering_map().values().flatten().map(|o| o.region.as_str()).collect();
    r.sort_unstable();
    r.dedup();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(name: &str) -> f64 {
        find(name).unwrap().gib_per_vcpu()
    }

    #[test]
    fn every_row_of_the_shipped_catalog_parses() {
        assert_eq!(all().len(), 1395);
        assert_eq!(names().len(), 1395);
        assert_eq!(offering_map().len(), 1395);
    }

    #[test]
    fn gib_per_vcpu_ratios_of_the_classic_families() {
        assert_eq!(ratio("m5.large"), 4.0);
        assert_eq!(ratio("c5.large"), 2.0);
        assert_eq!(ratio("r5.large"), 8.0);
        assert_eq!(ratio("t3.micro"), 0.5);
        assert_eq!(ratio("x2iedn.xlarge"), 32.0);
    }

    #[test]
    fn facts_of_m5_large_and_c7gn_xlarge() {
        let m5 = find("m5.large").unwrap();
        assert_eq!(m5.vcpus, 2);
        assert_eq!(m5.memory_mib, 8192);
        assert_eq!(m5.architectures, vec!["x86_64"]);
        // The 2026 data lists m5 among the previous generation; m7g is current.
        assert!(!m5.current_generation);
        assert!(find("m7g.large").unwrap().current_generation);
        assert_eq!(m5.category(), Some(Category::GeneralPurpose));
        let c = find("C7GN.XLARGE").unwrap();
        assert_eq!(c.architectures, vec!["arm64"]);
        assert_eq!(c.normalization_factor(), Some(8.0));
        assert!(find("t3.micro").unwrap().burstable);
        assert!(find("g5.xlarge").unwrap().has_gpu());
        assert!(find("m9.mega").is_none());
    }

    #[test]
    fn metal_takes_the_largest_size_factor() {
        assert_eq!(find("m5.metal").unwrap().normalization_factor(), Some(192.0));
        // r6g's largest size is 16xlarge (128).
        assert_eq!(find("r6g.metal").unwrap().normalization_factor(), Some(128.0));
    }

    #[test]
    fn sizes_are_in_order_within_a_family() {
        let sizes: Vec<&str> = family_members("m5").iter().map(|t| t.size()).collect();
        assert_eq!(sizes.first(), Some(&"large"));
        assert_eq!(sizes.last(), Some(&"metal"));
        let pos = |s: &str| sizes.iter().position(|x| *x == s).unwrap();
        assert!(pos("xlarge") < pos("2xlarge") && pos("2xlarge") < pos("12xlarge"));
    }

    #[test]
    fn suggestions_for_typos() {
        assert_eq!(closest("m5.larg"), Some("m5.large"));
        assert_eq!(closest("c7gn.xlrge"), Some("c7gn.xlarge"));
        assert_eq!(closest("zzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn offerings_per_region_and_az() {
        assert!(offered_in("m5.large", "us-east-1"));
        assert!(offered_in("m5.large", "ap-northeast-2"));
        assert!(offered_in_az("m5.large", "ap-northeast-2a"));
        let a1 = offerings("a1.2xlarge");
        let use1 = a1.iter().find(|o| o.region == "us-east-1").unwrap();
        assert_eq!(use1.availability_zones, vec!["us-east-1a", "us-east-1b", "us-east-1c"]);
        assert!(!offered_in("a1.2xlarge", "sa-east-1"));
        assert_eq!(offering_regions().len(), 30);
        assert!(offerings("m9.mega").is_empty());
    }
}
