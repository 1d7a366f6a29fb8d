//! On-demand Linux prices per (instance type, region): the shipped snapshot
//! (`data/ec2_prices.csv`) or a price file the user loads (same layout, or the AWS Price
//! List bulk CSV for EC2). A missing pair has no price: nothing is ever estimated.

mod load;
mod own_layout;
mod price_list;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, OnceLock};

use own_layout::parse_own_layout;

const PRICES_CSV: &str = include_str!("../../../../data/ec2_prices.csv");
/// Regions the snapshot above lacks, from another source and date (data/SOURCES.md).
const MORE_PRICES_CSV: &str = include_str!("../../../../data/ec2_prices_price_list.csv");

/// When the shipped prices were read (data/SOURCES.md).
pub const SNAPSHOT_DATE: &str = "2026-11-24";
/// Where they come from.
pub const SNAPSHOT_SOURCE: &str =
    "SkyPilot catalog vms.csv (skypilot-org/skypilot-catalog 001367d2), from the AWS Price List API";

/// When the prices of `ec2_prices_price_list.csv` (regions the snapshot lacks) were
/// generated from the AWS Price List.
pub const MORE_DATE: &str = "2026-09-04";
/// Where they come from.
pub const MORE_SOURCE: &str = "AWS Price List bulk offer for AmazonEC2 (on-demand, Linux, shared tenancy), \
     as trimmed in github.com/ChaseFreeman17/ec2-cheaper-finder data/regions/<region>.json (commit 104f716e)";

/// One price row.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceEntry {
    pub instance_type: String,
    pub region: String,
    /// On-demand Linux, shared tenancy, USD per hour.
    pub on_demand_usd_per_hour: f64,
    /// One spot price sample (moves every few minutes), when the file has one.
    pub spot_usd_per_hour: Option<f64>,
    /// The AZ ID of the spot sample, e.g. `use1-az1`.
    pub spot_az_id: Option<String>,
}

struct PriceTable {
    date: String,
    source: String,
    entries: Vec<PriceEntry>,
    index: HashMap<(String, String), usize>,
    /// Regions priced from a second source, with its date and name (the shipped data only).
    more: Option<(BTreeSet<String>, &'static str, &'static str)>,
}

impl PriceTable {
    fn new(date: String, source: String, mut entries: Vec<PriceEntry>) -> PriceTable {
        entries.sort_by(|a, b| (&a.instance_type, &a.region).cmp(&(&b.instance_type, &b.region)));
        let index = entries.iter().enumerate().map(|(i, e)| ((e.instance_type.clone(), e.region.clone()), i)).collect();
        PriceTable { date, source, entries, index, more: None }
    }
}

/// The shared table behind a [`Pricebook`]; cloning a lab copies a pointer. `None` is
/// the shipped snapshot, parsed on first use: a kernel that never asks a price never
/// holds the table (idle RSS is a goal).
#[derive(Clone, Default)]
struct Shared(Option<Arc<PriceTable>>);

impl Shared {
    fn snapshot() -> &'static Arc<PriceTable> {
        static SNAPSHOT: OnceLock<Arc<PriceTable>> = OnceLock::new();
        SNAPSHOT.get_or_init(|| {
            // The embedded file is checked by tests; a bad row would be skipped.
            let mut entries = parse_own_layout(PRICES_CSV, false).map(|(e, _)| e).unwrap_or_default();
            let known: BTreeSet<String> = entries.iter().map(|e| e.region.clone()).collect();
            // Only regions the snapshot lacks: one source per region.
            let more: Vec<PriceEntry> = parse_own_layout(MORE_PRICES_CSV, false)
                .map(|(e, _)| e)
                .unwrap_or_default()
                .into_iter()
                .filter(|e| !known.contains(&e.region))
                .collect();
            let more_regions = more.iter().map(|e| e.region.clone()).collect();
            entries.extend(more);
            let mut t = PriceTable::new(SNAPSHOT_DATE.into(), SNAPSHOT_SOURCE.into(), entries);
            t.more = Some((more_regions, MORE_DATE, MORE_SOURCE));
            Arc::new(t)
        })
    }

    fn table(&self) -> &PriceTable {
        match &self.0 {
            Some(t) => t,
            None => Shared::snapshot(),
        }
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.table();
        write!(f, "{} prices of {} from {}", t.entries.len(), t.date, t.source)
    }
}

/// The prices a lab uses: the shipped snapshot unless `pricing load` replaced it.
#[derive(Clone, Debug, Default)]
pub struct Pricebook {
    table: Shared,
}

impl Pricebook {
    /// The shipped snapshot.
    pub fn snapshot() -> Pricebook {
        Pricebook::default()
    }

    /// The prices' date (snapshot date, or the loaded file's publication/load date).
    pub fn date(&self) -> &str {
        &self.table.table().date
    }

    pub fn source(&self) -> String {
        let t = self.table.table();
        match &t.more {
            Some((regions, date, source)) if !regions.is_empty() => {
                format!("{}; {} as of {date}: {source}", t.source, join_regions(regions))
            }
            _ => t.source.clone(),
        }
    }

    /// What every price output says: "on-demand Linux, USD, snapshot of 2026-11-24", and
    /// the other date for the regions priced from the second source.
    pub fn label(&self) -> String {
        let t = self.table.table();
        match &t.more {
            Some((regions, date, _)) if !regions.is_empty() => format!(
                "on-demand Linux, USD, snapshot of {} ({}: AWS Price List of {date})",
                self.date(),
                join_regions(regions)
            ),
            _ => self.label_of_snapshot(),
        }
    }

    /// The label of the prices of these regions: one date when they share it, else the
    /// snapshot date with the regions priced from the second source named.
    pub fn label_for_regions<S: AsRef<str>>(&self, regions: &[S]) -> String {
        let t = self.table.table();
        let Some((more, date, _)) = &t.more else { return self.label_of_snapshot() };
        let from_more: BTreeSet<String> =
            regions.iter().map(|r| r.as_ref().to_string()).filter(|r| more.contains(r)).collect();
        if from_more.is_empty() {
            self.label_of_snapshot()
        } else if from_more.len() == regions.len() {
            format!("on-demand Linux, USD, AWS Price List of {date}")
        } else {
            format!("{} ({}: AWS Price List of {date})", self.label_of_snapshot(), join_regions(&from_more))
        }
    }

    fn label_of_snapshot(&self) -> String {
        format!("on-demand Linux, USD, snapshot of {}", self.date())
    }

    /// The date of one region's prices.
    pub fn date_for(&self, region: &str) -> &str {
        let t = self.table.table();
        match &t.more {
            Some((regions, date, _)) if regions.contains(region) => date,
            _ => &t.date,
        }
    }

    /// The label of one region's prices.
    pub fn label_for(&self, region: &str) -> String {
        match &self.table.table().more {
            Some((regions, date, _)) if regions.contains(region) => {
                format!("on-demand Linux, USD, AWS Price List of {date}")
            }
            _ => self.label_of_snapshot(),
        }
    }

    /// On-demand USD per hour; None when the data has no price for the pair.
    pub fn price(&self, instance_type: &str, region: &str) -> Option<f64> {
        self.entry(instance_type, region).map(|e| e.on_demand_usd_per_hour)
    }

    pub fn entry(&self, instance_type: &str, region: &str) -> Option<&PriceEntry> {
        let t = self.table.table();
        t.index.get(&(instance_type.to_string(), region.to_string())).map(|i| &t.entries[*i])
    }

    /// Every price, sorted by type then region.
    pub fn entries(&self) -> &[PriceEntry] {
        &self.table.table().entries
    }

    pub fn len(&self) -> usize {
        self.table.table().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.table().entries.is_empty()
    }

    /// Regions with at least one price, sorted.
    pub fn regions(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.entries().iter().map(|e| e.region.as_str()).collect();
        set.into_iter().collect()
    }

    /// Families with at least one price, sorted.
    pub fn families(&self) -> Vec<&str> {
        let set: BTreeSet<&str> =
            self.entries().iter().map(|e| e.instance_type.split('.').next().unwrap_or("")).collect();
        set.into_iter().collect()
    }

    pub fn has_region(&self, region: &str) -> bool {
        self.entries().iter().any(|e| e.region == region)
    }

    pub fn has_type(&self, instance_type: &str) -> bool {
        self.entries().iter().any(|e| e.instance_type == instance_type)
    }
}

fn join_regions(regions: &BTreeSet<String>) -> String {
    regions.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_has_the_anchor_prices() {
        let p = Pricebook::default();
        assert_eq!(p.len(), 3115 + 2092, "ec2_prices.csv and ec2_prices_price_list.csv");
        assert_eq!(p.date(), "2026-11-24");
        assert_eq!(p.price("m5.large", "us-east-1"), Some(0.096));
        assert_eq!(p.price("m5.large", "ap-northeast-2"), Some(0.118));
        assert_eq!(p.price("t3.micro", "us-east-1"), Some(0.0104));
        assert_eq!(p.price("c5.large", "us-east-1"), Some(0.085));
        assert_eq!(p.price("r5.large", "us-east-1"), Some(0.126));
        assert_eq!(p.price("g5.xlarge", "us-east-1"), Some(1.006));
        assert_eq!(p.regions().len(), 30);
        assert_eq!(p.families().len(), 25);
        // Not in the data: no price, never a guess.
        assert_eq!(p.price("m8g.large", "us-east-1"), None);
        assert_eq!(p.price("g5.xlarge", "sa-east-1"), None, "the Price List trim leaves GPU types out");
        assert_eq!(p.price("m5.metal", "sa-east-1"), None, "and bare metal");
        assert_eq!(p.price("m5.large", "ap-southeast-5"), None, "not offered there: no row");
        assert_eq!(p.price("m6g.large", "af-south-1"), Some(0.1016));
        assert_eq!(p.price("m6g.4xlarge", "af-south-1"), Some(0.8128));
        assert_eq!(p.label(), "on-demand Linux, USD, snapshot of 2026-11-24 (af-south-1, ap-east-1, ap-south-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ca-west-1, eu-central-2, eu-south-1, eu-south-2, eu-west-3, il-central-1, me-central-1, me-south-1, sa-east-1: AWS Price List of 2026-09-04)");
        assert_eq!(p.label_for("us-east-1"), "on-demand Linux, USD, snapshot of 2026-11-24");
        assert_eq!(p.label_for("sa-east-1"), "on-demand Linux, USD, AWS Price List of 2026-09-04");
        assert_eq!((p.date_for("sa-east-1"), p.date_for("us-east-1")), ("2026-09-04", "2026-11-24"));
        assert_eq!(
            p.label_for_regions(&["us-east-1", "sa-east-1"]),
            "on-demand Linux, USD, snapshot of 2026-11-24 (sa-east-1: AWS Price List of 2026-09-04)"
        );
        assert_eq!(p.label_for_regions(&["eu-west-1"]), "on-demand Linux, USD, snapshot of 2026-11-24");
        let spot = p.entry("m5.large", "us-east-1").unwrap();
        assert!(spot.spot_usd_per_hour.is_some() && spot.spot_az_id.is_some());
    }

    /// `ec2_prices_price_list.csv` prices only regions the snapshot lacks, every row is a
    /// type the catalog offers in that region, and per vCPU a fixed-size family costs the
    /// same at every size (a transcription slip would break that).
    #[test]
    fn more_regions_file_is_consistent() {
        let (more, skipped) = parse_own_layout(MORE_PRICES_CSV, true).expect("strict parse");
        assert_eq!(skipped, 0);
        let (main, _) = parse_own_layout(PRICES_CSV, true).expect("strict parse");
        let main_regions: BTreeSet<&str> = main.iter().map(|e| e.region.as_str()).collect();
        let mut per_vcpu: HashMap<(String, String), (f64, f64)> = HashMap::new();
        for e in &more {
            assert!(!main_regions.contains(e.region.as_str()), "{} is already in ec2_prices.csv", e.region);
            let t =
                crate::model::compute::find(&e.instance_type).unwrap_or_else(|| panic!("{} unknown", e.instance_type));
            assert!(
                crate::model::compute::catalog::offered_in(&e.instance_type, &e.region),
                "{} not offered in {}",
                e.instance_type,
                e.region
            );
            if !t.burstable {
                let v = e.on_demand_usd_per_hour / t.vcpus as f64;
                let fam = e.instance_type.split('.').next().unwrap_or("").to_string();
                let r = per_vcpu.entry((fam, e.region.clone())).or_insert((v, v));
                *r = (r.0.min(v), r.1.max(v));
            }
        }
        for ((fam, region), (lo, hi)) in per_vcpu {
            assert!(hi / lo < 1.01, "{fam} in {region}: {lo}..{hi} per vCPU");
        }
        // Anchors checked by hand against the source file.
        let p = Pricebook::snapshot();
        assert_eq!(p.price("m5.large", "sa-east-1"), Some(0.153));
        assert_eq!(p.price("c5.large", "sa-east-1"), Some(0.131));
        assert_eq!(p.price("t3.micro", "sa-east-1"), Some(0.0168));
        assert_eq!(p.price("r5.large", "sa-east-1"), Some(0.201));
        assert_eq!(p.price("m5.large", "me-south-1"), Some(0.118));
        assert_eq!(p.price("t3.micro", "me-south-1"), Some(0.0125));
        assert_eq!(p.price("c7i.large", "me-central-1"), Some(0.10725));
        // ec2-cheaper-finder@104f716 data/regions/ap-east-1.json and eu-west-3.json.
        assert_eq!(p.price("m5.large", "ap-east-1"), Some(0.132));
        assert_eq!(p.price("t3.micro", "ap-east-1"), Some(0.0146));
        assert_eq!(p.price("c7i.48xlarge", "ap-east-1"), Some(10.8864));
        assert_eq!(p.price("m5.large", "eu-west-3"), Some(0.112));
        assert_eq!(p.price("t2.micro", "eu-west-3"), Some(0.0132));
        assert_eq!(p.price("x2iedn.xlarge", "eu-west-3"), Some(1.05038));
        assert_eq!(p.price("i4i.8xlarge", "eu-west-3"), Some(3.186));
        assert_eq!(p.price("m5.large", "ca-west-1"), Some(0.107));
        assert_eq!(p.price("t4g.micro", "ca-west-1"), Some(0.0092));
        assert_eq!(p.price("r6i.32xlarge", "ca-west-1"), Some(8.832));
        // The source prices i4i.12xlarge there too; offerings.csv does not list it: left out.
        assert_eq!(p.price("i4i.12xlarge", "ca-west-1"), None);
        // ec2-cheaper-finder@104f716 data/regions/ap-south-2.json.
        assert_eq!(p.price("m5.large", "ap-south-2"), Some(0.101));
        assert_eq!(p.price("t3.micro", "ap-south-2"), Some(0.0112));
        assert_eq!(p.price("c7i.48xlarge", "ap-south-2"), Some(8.568));
        assert_eq!(p.price("i4i.24xlarge", "ap-south-2"), Some(9.3456));
        // The same source's ap-southeast-3, -4, -5, eu-central-2, eu-south-1, -2, il-central-1.
        assert_eq!(p.price("m5.large", "ap-southeast-3"), Some(0.12));
        assert_eq!(p.price("t3.micro", "ap-southeast-3"), Some(0.0132));
        assert_eq!(p.price("r7i.48xlarge", "ap-southeast-3"), Some(15.3216));
        assert_eq!(p.price("m5.large", "ap-southeast-4"), Some(0.12));
        assert_eq!(p.price("t4g.micro", "ap-southeast-4"), Some(0.0106));
        assert_eq!(p.price("i4i.32xlarge", "ap-southeast-4"), Some(13.1648));
        assert_eq!(p.price("m6i.large", "ap-southeast-5"), Some(0.102));
        assert_eq!(p.price("t4g.micro", "ap-southeast-5"), Some(0.0095));
        assert_eq!(p.price("x2iedn.32xlarge", "ap-southeast-5"), Some(34.8138));
        assert_eq!(p.price("m5.large", "eu-central-2"), Some(0.127));
        assert_eq!(p.price("c6g.large", "eu-central-2"), Some(0.0854));
        assert_eq!(p.price("r6i.32xlarge", "eu-central-2"), Some(10.7008));
        assert_eq!(p.price("m5.large", "eu-south-1"), Some(0.112));
        assert_eq!(p.price("t3a.micro", "eu-south-1"), Some(0.0108));
        assert_eq!(p.price("c7i.48xlarge", "eu-south-1"), Some(10.1808));
        assert_eq!(p.price("m5.large", "eu-south-2"), Some(0.107));
        assert_eq!(p.price("m7g.large", "eu-south-2"), Some(0.0909));
        assert_eq!(p.price("x2iedn.32xlarge", "eu-south-2"), Some(32.012));
        assert_eq!(p.price("m5.large", "il-central-1"), Some(0.112));
        assert_eq!(p.price("t3a.micro", "il-central-1"), Some(0.0107));
        assert_eq!(p.price("m6i.32xlarge", "il-central-1"), Some(7.1904));
    }

    #[test]
    fn cloning_shares_the_table() {
        let a = Pricebook::default();
        let b = a.clone();
        assert!(std::ptr::eq(a.table.table(), b.table.table()));
        assert!(std::ptr::eq(a.table.table(), Pricebook::default().table.table()));
    }
}
