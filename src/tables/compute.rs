//! The instance catalog, offerings and prices as tables: `instance_types`,
//! `region_offerings`, `prices`, and the shapes of the compute commands' answers (AMIs,
//! offerings, price lists, family comparisons). The `*_df` builders take the rows to show,
//! so commands reuse them for filtered sets.

use std::sync::OnceLock;

use polars::prelude::*;

use crate::lab::Lab;
use crate::model::compute::{catalog, InstanceType};
use crate::model::pricing::estimate::HOURS_PER_MONTH;
use crate::model::pricing::families::FamilyPrices;
use crate::model::pricing::Pricebook;
use crate::model::storage::images::ImageDisks;

pub fn tables(lab: &Lab) -> Vec<(String, DataFrame)> {
    let mut v = Vec::new();
    if let Some(df) = all_instance_types() {
        v.push(("instance_types".to_string(), df));
    }
    if let Some(df) = all_offerings() {
        v.push(("region_offerings".to_string(), df));
    }
    if let Ok(df) = prices_df(&lab.pricing) {
        v.push(("prices".to_string(), df));
    }
    v
}

pub use super::round;

fn all_instance_types() -> Option<DataFrame> {
    static DF: OnceLock<Option<DataFrame>> = OnceLock::new();
    DF.get_or_init(|| {
        let rows: Vec<&InstanceType> = catalog::all().iter().collect();
        instance_types_df(&rows).ok()
    })
    .clone()
}

fn all_offerings() -> Option<DataFrame> {
    static DF: OnceLock<Option<DataFrame>> = OnceLock::new();
    DF.get_or_init(|| {
        let mut t = Vec::new();
        let mut r = Vec::new();
        let mut n = Vec::new();
        let mut z = Vec::new();
        for it in catalog::all() {
            for o in catalog::offerings(&it.name) {
                t.push(it.name.as_str());
                r.push(o.region.as_str());
                n.push(o.availability_zones.len() as u32);
                z.push(o.availability_zones.join(", "));
            }
        }
        df!("instance_type" => t, "region" => r, "az_count" => n, "availability_zones" => z).ok()
    })
    .clone()
}

/// One row per instance type with every fact the catalog has.
pub fn instance_types_df(rows: &[&InstanceType]) -> PolarsResult<DataFrame> {
    let s = |f: fn(&InstanceType) -> String| rows.iter().map(|t| f(t)).collect::<Vec<String>>();
    let os = |f: fn(&InstanceType) -> Option<String>| rows.iter().map(|t| f(t)).collect::<Vec<Option<String>>>();
    let u = |f: fn(&InstanceType) -> Option<u32>| rows.iter().map(|t| f(t)).collect::<Vec<Option<u32>>>();
    let fl = |f: fn(&InstanceType) -> Option<f64>| rows.iter().map(|t| f(t)).collect::<Vec<Option<f64>>>();
    let b = |f: fn(&InstanceType) -> bool| rows.iter().map(|t| f(t)).collect::<Vec<bool>>();
    df!(
        "instance_type" => s(|t| t.name.clone()),
        "family" => s(|t| t.family().to_string()),
        "category" => s(|t| t.category().map(|c| c.as_str().to_string()).unwrap_or_default()),
        "size" => s(|t| t.size().to_string()),
        "vcpus" => rows.iter().map(|t| t.vcpus).collect::<Vec<u32>>(),
        "default_cores" => u(|t| t.default_cores),
        "threads_per_core" => u(|t| t.threads_per_core),
        "memory_mib" => rows.iter().map(|t| t.memory_mib).collect::<Vec<u64>>(),
        "memory_gib" => rows.iter().map(|t| round(t.memory_gib(), 3)).collect::<Vec<f64>>(),
        "gib_per_vcpu" => rows.iter().map(|t| round(t.gib_per_vcpu(), 3)).collect::<Vec<f64>>(),
        "architectures" => s(|t| t.architectures.join(", ")),
        "manufacturer" => os(|t| t.manufacturer.clone()),
        "sustained_clock_ghz" => fl(|t| t.sustained_clock_ghz),
        "current_generation" => b(|t| t.current_generation),
        "burstable" => b(|t| t.burstable),
        "bare_metal" => b(|t| t.bare_metal),
        "hypervisor" => os(|t| t.hypervisor.clone()),
        "network_performance" => s(|t| t.network_performance.clone()),
        "baseline_bandwidth_gbps" => fl(|t| t.baseline_bandwidth_gbps),
        "peak_bandwidth_gbps" => fl(|t| t.peak_bandwidth_gbps),
        "max_network_interfaces" => u(|t| t.max_network_interfaces),
        "ipv4_per_interface" => u(|t| t.ipv4_per_interface),
        "instance_storage_gb" => rows.iter().map(|t| t.instance_storage_gb).collect::<Vec<Option<u64>>>(),
        "instance_storage_type" => os(|t| t.instance_storage_type.clone()),
        "ebs_baseline_mbps" => fl(|t| t.ebs_baseline_mbps),
        "ebs_max_mbps" => fl(|t| t.ebs_max_mbps),
        "gpu_count" => u(|t| t.gpu_count),
        "gpu_name" => os(|t| t.gpu_name.clone()),
        "gpu_memory_mib" => rows.iter().map(|t| t.gpu_memory_mib).collect::<Vec<Option<u64>>>(),
        "normalization_factor" => fl(|t| t.normalization_factor()),
        "free_tier_eligible" => b(|t| t.free_tier_eligible),
        "hibernation_supported" => b(|t| t.hibernation_supported),
        "usage_classes" => s(|t| t.usage_classes.join(", ")),
    )
}

/// `instance-types`: the lesson's columns of each type, with its price (`prices`, one per row).
pub fn instance_type_list_df(rows: &[&InstanceType], prices: &[Option<f64>]) -> PolarsResult<DataFrame> {
    let mut df = instance_types_df(rows)?.select([
        "instance_type",
        "family",
        "category",
        "vcpus",
        "memory_gib",
        "gib_per_vcpu",
        "architectures",
        "current_generation",
        "burstable",
        "gpu_count",
        "network_performance",
    ])?;
    df.with_column(Column::new("price_per_hour_usd".into(), prices.to_vec()))?;
    Ok(df)
}

/// One part of an instance type name (`explain-type`): its letters, what kind of part, and
/// what it means.
pub struct NamePartRow {
    pub code: String,
    pub kind: &'static str,
    pub meaning: String,
}

pub fn name_parts_df(parts: &[NamePartRow]) -> PolarsResult<DataFrame> {
    df!(
        "part" => parts.iter().map(|p| p.code.clone()).collect::<Vec<_>>(),
        "kind" => parts.iter().map(|p| p.kind).collect::<Vec<_>>(),
        "meaning" => parts.iter().map(|p| p.meaning.clone()).collect::<Vec<_>>(),
    )
}

/// Every price of the pricebook, with the type's size (from the catalog), monthly
/// (× 730), per vCPU, and the spot sample.
pub fn prices_df(p: &Pricebook) -> PolarsResult<DataFrame> {
    let e = p.entries();
    let facts: Vec<Option<&InstanceType>> = e.iter().map(|x| catalog::find(&x.instance_type)).collect();
    df!(
        "instance_type" => e.iter().map(|x| x.instance_type.as_str()).collect::<Vec<_>>(),
        "family" => e.iter().map(|x| x.instance_type.split('.').next().unwrap_or("")).collect::<Vec<_>>(),
        "region" => e.iter().map(|x| x.region.as_str()).collect::<Vec<_>>(),
        "vcpus" => facts.iter().map(|f| f.map(|t| t.vcpus)).collect::<Vec<_>>(),
        "memory_gib" => facts.iter().map(|f| f.map(|t| round(t.memory_gib(), 3))).collect::<Vec<_>>(),
        "gib_per_vcpu" => facts.iter().map(|f| f.map(|t| round(t.gib_per_vcpu(), 3))).collect::<Vec<_>>(),
        "price_per_vcpu_hour_usd" => e.iter().zip(&facts).map(|(x, f)| f.filter(|t| t.vcpus > 0).map(|t| round(x.on_demand_usd_per_hour / t.vcpus as f64, 6))).collect::<Vec<_>>(),
        "price_per_hour_usd" => e.iter().map(|x| x.on_demand_usd_per_hour).collect::<Vec<_>>(),
        "price_per_month_usd" => e.iter().map(|x| round(x.on_demand_usd_per_hour * HOURS_PER_MONTH, 4)).collect::<Vec<_>>(),
        "spot_sample_per_hour_usd" => e.iter().map(|x| x.spot_usd_per_hour).collect::<Vec<_>>(),
        "spot_sample_az_id" => e.iter().map(|x| x.spot_az_id.clone()).collect::<Vec<_>>(),
        "snapshot_date" => e.iter().map(|x| p.date_for(&x.region)).collect::<Vec<_>>(),
    )
}

/// One instance type offered in a location (a region or an availability zone) of a region.
pub struct Offering {
    pub instance_type: &'static str,
    pub location: String,
    pub region: String,
}

/// DescribeInstanceTypeOfferings as a table, every row of the one `location_type`.
pub fn offerings_df(rows: &[Offering], location_type: &str) -> PolarsResult<DataFrame> {
    df!(
        "instance_type" => rows.iter().map(|o| o.instance_type).collect::<Vec<_>>(),
        "location_type" => rows.iter().map(|_| location_type).collect::<Vec<_>>(),
        "location" => rows.iter().map(|o| o.location.as_str()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|o| o.region.as_str()).collect::<Vec<_>>(),
    )
}

/// Hours in a year (365 × 24 = 12 × 730).
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// `price`: one row per type and period (hour; month = × 730; year = × 8,760), one column
/// per region; null where the data has no price.
pub fn prices_wide_df(types: &[&InstanceType], regions: &[String], pb: &Pricebook) -> PolarsResult<DataFrame> {
    let periods = [("hour", 1.0, 6), ("month", HOURS_PER_MONTH, 2), ("year", HOURS_PER_YEAR, 2)];
    let mut type_col = Vec::new();
    let mut period_col = Vec::new();
    let mut cols: Vec<Vec<Option<f64>>> = vec![Vec::new(); regions.len()];
    for t in types {
        for (name, hours, digits) in periods {
            type_col.push(t.name.clone());
            period_col.push(format!("per {name}"));
            for (i, r) in regions.iter().enumerate() {
                cols[i].push(pb.price(&t.name, r).map(|p| round(p * hours, digits)));
            }
        }
    }
    let mut columns = vec![Column::new("instance_type".into(), type_col), Column::new("usd".into(), period_col)];
    for (r, c) in regions.iter().zip(cols) {
        columns.push(Column::new(r.as_str().into(), c));
    }
    DataFrame::new_infer_height(columns)
}

/// One type's on-demand price in one region, as `price --output json` gives it.
#[derive(serde::Serialize)]
pub struct PriceRecord {
    pub instance_type: String,
    pub region: String,
    pub vcpus: u32,
    pub memory_gib: f64,
    pub price_per_hour_usd: Option<f64>,
    pub price_per_month_usd: Option<f64>,
    pub price_per_year_usd: Option<f64>,
    pub price_basis: &'static str,
    pub snapshot_date: String,
    pub note: Option<&'static str>,
}

impl PriceRecord {
    pub fn of(t: &InstanceType, region: &str, pb: &Pricebook) -> PriceRecord {
        let p = pb.price(&t.name, region);
        PriceRecord {
            instance_type: t.name.clone(),
            region: region.to_string(),
            vcpus: t.vcpus,
            memory_gib: round(t.memory_gib(), 3),
            price_per_hour_usd: p,
            price_per_month_usd: p.map(|p| round(p * HOURS_PER_MONTH, 4)),
            price_per_year_usd: p.map(|p| round(p * HOURS_PER_YEAR, 2)),
            price_basis: "on-demand Linux, USD",
            snapshot_date: pb.date_for(region).to_string(),
            note: p.is_none().then_some("no price in the data for this type and region (not estimated)"),
        }
    }
}

/// `price`'s records as the table kept for `sql`.
pub fn prices_long_df(rows: &[PriceRecord]) -> PolarsResult<DataFrame> {
    df!(
        "instance_type" => rows.iter().map(|r| r.instance_type.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|r| r.region.clone()).collect::<Vec<_>>(),
        "price_per_hour_usd" => rows.iter().map(|r| r.price_per_hour_usd).collect::<Vec<_>>(),
        "price_per_month_usd" => rows.iter().map(|r| r.price_per_month_usd).collect::<Vec<_>>(),
        "price_per_year_usd" => rows.iter().map(|r| r.price_per_year_usd).collect::<Vec<_>>(),
    )
}

/// `compare families`: one row per family, its GiB per vCPU against its category's usual
/// one, and its prices per vCPU-hour and GiB-hour (medians over its sizes).
pub fn family_summary_df(fams: &[FamilyPrices]) -> PolarsResult<DataFrame> {
    df!(
        "family" => fams.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        "category" => fams.iter().map(category_of).collect::<Vec<_>>(),
        "sizes" => fams.iter().map(|f| f.members.len() as u32).collect::<Vec<_>>(),
        "vcpus" => fams.iter().map(|f| {
            let lo = f.members.iter().map(|t| t.vcpus).min().unwrap_or(0);
            let hi = f.members.iter().map(|t| t.vcpus).max().unwrap_or(0);
            format!("{lo}–{hi}")
        }).collect::<Vec<_>>(),
        "gib_per_vcpu" => fams.iter().map(|f| f.ratio().map(|r| round(r, 3))).collect::<Vec<_>>(),
        "typical_gib_per_vcpu" => fams.iter().map(|f| f.category.and_then(|c| c.typical_gib_per_vcpu())).collect::<Vec<_>>(),
        "price_per_vcpu_hour_usd" => fams.iter().map(|f| f.per_vcpu().map(|v| round(v, 6))).collect::<Vec<_>>(),
        "price_per_gib_hour_usd" => fams.iter().map(|f| f.per_gib().map(|v| round(v, 6))).collect::<Vec<_>>(),
        "cheapest_size" => fams.iter().map(|f| f.cheapest().map(|c| c.0.name.clone())).collect::<Vec<_>>(),
        "cheapest_price_per_hour_usd" => fams.iter().map(|f| f.cheapest().map(|c| c.1)).collect::<Vec<_>>(),
    )
}

/// `compare families`: every size of every family, with its prices.
pub fn family_sizes_df(fams: &[FamilyPrices]) -> PolarsResult<DataFrame> {
    let rows: Vec<(&FamilyPrices, &InstanceType, Option<f64>)> =
        fams.iter().flat_map(|f| f.members.iter().zip(&f.prices).map(move |(t, p)| (f, *t, *p))).collect();
    df!(
        "family" => rows.iter().map(|r| r.0.name.clone()).collect::<Vec<_>>(),
        "category" => rows.iter().map(|r| category_of(r.0)).collect::<Vec<_>>(),
        "instance_type" => rows.iter().map(|r| r.1.name.clone()).collect::<Vec<_>>(),
        "vcpus" => rows.iter().map(|r| r.1.vcpus).collect::<Vec<_>>(),
        "memory_gib" => rows.iter().map(|r| round(r.1.memory_gib(), 3)).collect::<Vec<_>>(),
        "gib_per_vcpu" => rows.iter().map(|r| round(r.1.gib_per_vcpu(), 3)).collect::<Vec<_>>(),
        "price_per_hour_usd" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "price_per_vcpu_hour_usd" => rows.iter().map(|r| r.2.map(|p| round(p / r.1.vcpus.max(1) as f64, 6))).collect::<Vec<_>>(),
        "price_per_gib_hour_usd" => rows.iter().map(|r| r.2.filter(|_| r.1.memory_gib() > 0.0).map(|p| round(p / r.1.memory_gib(), 6))).collect::<Vec<_>>(),
    )
}

fn category_of(f: &FamilyPrices) -> String {
    f.category.map_or("?".to_string(), |c| c.as_str().to_string())
}

/// One row per AMI with its owner: the root device and how many EBS volumes it maps.
pub fn images_df(rows: &[(ImageDisks, &str)]) -> PolarsResult<DataFrame> {
    df!(
        "image_id" => rows.iter().map(|(i, _)| i.image_id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|(i, _)| i.name.clone()).collect::<Vec<_>>(),
        "owner" => rows.iter().map(|(_, o)| o.to_string()).collect::<Vec<_>>(),
        "root_device_type" => rows.iter().map(|(i, _)| i.root_device_type.as_str()).collect::<Vec<_>>(),
        "root_device_name" => rows.iter().map(|(i, _)| i.root_device_name.clone()).collect::<Vec<_>>(),
        "root_snapshot_id" => rows.iter().map(|(i, _)| i.root().and_then(|m| m.snapshot_id.clone())).collect::<Vec<_>>(),
        "volumes" => rows.iter().map(|(i, _)| i.mappings.iter().filter(|m| m.virtual_name.is_none()).count() as u32).collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_offerings_and_prices_as_tables() {
        let lab = Lab::new();
        let t = tables(&lab);
        let get = |n: &str| t.iter().find(|(name, _)| name == n).map(|(_, df)| df.clone()).unwrap();
        assert_eq!(get("instance_types").height(), 1395);
        assert_eq!(get("prices").height(), 3115 + 2092);
        assert_eq!(get("region_offerings").height(), 21255);
        let it = get("instance_types");
        assert!(it.column("gib_per_vcpu").is_ok() && it.column("normalization_factor").is_ok());
    }
}
