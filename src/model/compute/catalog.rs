//! The EC2 instance catalog: DescribeInstanceTypes facts for every type in the shipped
//! `data/instance_types.csv`, and where each type is offered (`data/offerings.csv`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer};

use super::csv;
use super::naming::{self, Category};
use crate::model::regions;

const INSTANCE_TYPES_CSV: &str = include_str!("../../../data/instance_types.csv");
const OFFERINGS_CSV: &str = include_str!("../../../data/offerings.csv");

/// Date of the DescribeInstanceTypes data (data/SOURCES.md).
pub const CATALOG_DATE: &str = "2026-10-27";

/// One instance type's facts, as DescribeInstanceTypes gives them; read from
/// `data/instance_types.csv` by column name. A row without a name, vCPUs or memory is
/// skipped; other empty or unreadable cells are absent (`None`, `false`, empty).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct InstanceType {
    #[serde(rename = "instance_type", deserialize_with = "required")]
    pub name: String,
    #[serde(deserialize_with = "required")]
    pub vcpus: u32,
    #[serde(default, deserialize_with = "opt")]
    pub default_cores: Option<u32>,
    #[serde(default, deserialize_with = "opt")]
    pub threads_per_core: Option<u32>,
    #[serde(deserialize_with = "required")]
    pub memory_mib: u64,
    /// `x86_64`, `arm64`, `i386`, `x86_64_mac`, `arm64_mac`.
    #[serde(default, deserialize_with = "list")]
    pub architectures: Vec<String>,
    #[serde(default, deserialize_with = "opt")]
    pub manufacturer: Option<String>,
    #[serde(default, deserialize_with = "opt")]
    pub sustained_clock_ghz: Option<f64>,
    #[serde(default, deserialize_with = "flag")]
    pub current_generation: bool,
    #[serde(default, deserialize_with = "flag")]
    pub burstable: bool,
    #[serde(default, deserialize_with = "flag")]
    pub bare_metal: bool,
    #[serde(default, deserialize_with = "opt")]
    pub hypervisor: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    pub network_performance: String,
    #[serde(default, deserialize_with = "opt")]
    pub baseline_bandwidth_gbps: Option<f64>,
    #[serde(default, deserialize_with = "opt")]
    pub peak_bandwidth_gbps: Option<f64>,
    #[serde(default, deserialize_with = "opt")]
    pub max_network_interfaces: Option<u32>,
    #[serde(default, deserialize_with = "opt")]
    pub ipv4_per_interface: Option<u32>,
    #[serde(default, deserialize_with = "opt")]
    pub instance_storage_gb: Option<u64>,
    #[serde(default, deserialize_with = "opt")]
    pub instance_storage_type: Option<String>,
    #[serde(default, deserialize_with = "opt")]
    pub ebs_baseline_mbps: Option<f64>,
    #[serde(default, deserialize_with = "opt")]
    pub ebs_max_mbps: Option<f64>,
    #[serde(default, deserialize_with = "opt")]
    pub gpu_count: Option<u32>,
    #[serde(default, deserialize_with = "opt")]
    pub gpu_manufacturer: Option<String>,
    #[serde(default, deserialize_with = "opt")]
    pub gpu_name: Option<String>,
    #[serde(default, deserialize_with = "opt")]
    pub gpu_memory_mib: Option<u64>,
    #[serde(default, deserialize_with = "flag")]
    pub free_tier_eligible: bool,
    #[serde(default, deserialize_with = "flag")]
    pub hibernation_supported: bool,
    /// `on-demand`, `spot`, `capacity-block`.
    #[serde(default, deserialize_with = "list")]
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

/// A cell, trimmed.
fn trimmed<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(String::deserialize(d)?.trim().to_string())
}

/// A cell that must hold a `T`.
fn required<'de, D: Deserializer<'de>, T: std::str::FromStr>(d: D) -> Result<T, D::Error> {
    opt(d)?.ok_or_else(|| serde::de::Error::custom("an empty or unreadable required cell"))
}

/// An empty or unreadable cell is absent.
fn opt<'de, D: Deserializer<'de>, T: std::str::FromStr>(d: D) -> Result<Option<T>, D::Error> {
    let s = trimmed(d)?;
    Ok(if s.is_empty() { None } else { s.parse().ok() })
}

/// `true`, or else false.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(trimmed(d)? == "true")
}

/// A `;`-separated list.
fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect())
}

fn parse_catalog(text: &str) -> Vec<InstanceType> {
    let Ok(recs) = csv::records(text) else { return Vec::new() };
    let Some((header, rows)) = recs.split_first() else { return Vec::new() };
    rows.iter().filter_map(|r| csv::deserialize(header, r).ok()).collect()
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

/// A row of `data/offerings.csv`: `region:zone letters` (or a bare region: all its zones),
/// `;`-separated.
#[derive(Deserialize)]
struct OfferingRow {
    instance_type: String,
    offerings: String,
}

fn parse_offerings(text: &str) -> HashMap<String, Vec<RegionOffering>> {
    let mut out = HashMap::new();
    let Ok(recs) = csv::records(text) else { return out };
    let Some((header, rows)) = recs.split_first() else { return out };
    for r in rows {
        let Ok(OfferingRow { instance_type, offerings }) = csv::deserialize(header, r) else { continue };
        let offers = offerings
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
        out.insert(instance_type, offers);
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
#[cfg(test)]
pub fn offered_in_az(instance_type: &str, az: &str) -> bool {
    offerings(instance_type).iter().any(|o| o.availability_zones.iter().any(|z| z == az))
}

/// Regions that appear in the offerings data, sorted.
#[cfg(test)]
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

    #[test]
    fn columns_are_found_by_name_and_incomplete_rows_skipped() {
        let t = parse_catalog(
            "memory_mib,burstable,instance_type,vcpus,architectures,unknown\n\
             8192, true ,t9.large,2,arm64; x86_64,?\n\
             8192,true,,2,arm64,\n\
             x,true,t9.xlarge,4,arm64,\n",
        );
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!((t[0].name.as_str(), t[0].vcpus, t[0].memory_mib, t[0].burstable), ("t9.large", 2, 8192, true));
        assert_eq!(t[0].architectures, ["arm64", "x86_64"]);
        assert_eq!((t[0].gpu_count, t[0].current_generation), (None, false));
        let o = parse_offerings("offerings,instance_type\nus-east-1:ab,t9.large\n");
        assert_eq!(o["t9.large"][0].availability_zones, ["us-east-1a", "us-east-1b"]);
    }
}
