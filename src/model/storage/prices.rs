//! EBS prices per volume type and for snapshots, with their source.
//!
//! The one place for EBS prices (`cost vpc` asks here too). GB-month of gp3, gp2, st1 and
//! sc1, of io1 and of snapshots comes from the per-region data every cost uses
//! (`data/vpc_prices.csv`, each row with its source; io1 and snapshots for the regions a
//! source was found for). What that data leaves out — io1/io2 IOPS, io2 storage, gp3 IOPS
//! and throughput above the baseline, magnetic `standard` — is known here for us-east-1
//! only, from the Amazon EBS pricing page's us-east-1 list prices
//! (https://aws.amazon.com/ebs/pricing/, not re-read from a stored copy). As everywhere in
//! the cost model, a price is never borrowed from another region: a missing one is an
//! `Err` naming it.

use super::types::{VolumeType, GP3_BASELINE_IOPS, GP3_BASELINE_THROUGHPUT};
use crate::model::pricing::components::Item;
use crate::model::pricing::estimate::{unit_price, UnitPrice};

const BASIS: &str = "Amazon EBS pricing page, us-east-1 list price (https://aws.amazon.com/ebs/pricing/)";

/// A us-east-1 list price; elsewhere the sentence naming what is missing.
fn us_east_1(usd: f64, unit: &str, what: &str, region: &str) -> Result<UnitPrice, String> {
    if region == "us-east-1" {
        Ok(UnitPrice { usd, unit: unit.into(), basis: BASIS.into(), assumption: None })
    } else {
        Err(format!("no EBS {what} price for {region} in the data (data/vpc_prices.csv has none for it; the built-in list price is us-east-1's)"))
    }
}

/// The region's row of the data, else the built-in us-east-1 list price.
fn data_or_us_east_1(item: Item, usd: f64, unit: &str, what: &str, region: &str) -> Result<UnitPrice, String> {
    unit_price(item, region).or_else(|_| us_east_1(usd, unit, what, region))
}

/// Storage, USD per GB-month.
pub fn gb_month(t: VolumeType, region: &str) -> Result<UnitPrice, String> {
    match t {
        VolumeType::Gp3 | VolumeType::Gp2 | VolumeType::St1 | VolumeType::Sc1 => unit_price(Item::Ebs(t), region),
        VolumeType::Io1 | VolumeType::Io2 => data_or_us_east_1(Item::Ebs(t), 0.125, "GB-month", &format!("{} GB-month", t.as_str()), region),
        VolumeType::Standard => us_east_1(0.05, "GB-month", "standard GB-month", region),
    }
}

/// Provisioned IOPS, USD per IOPS-month: gp3 above its free 3,000; io1 all; io2 its first
/// tier (up to 32,000; then $0.0455 up to 64,000 and $0.032 above). None: not billed.
pub fn iops_month(t: VolumeType, region: &str) -> Option<Result<UnitPrice, String>> {
    match t {
        VolumeType::Gp3 => Some(us_east_1(0.005, "IOPS-month", "gp3 IOPS-month", region)),
        VolumeType::Io1 | VolumeType::Io2 => Some(us_east_1(0.065, "IOPS-month", &format!("{} IOPS-month", t.as_str()), region)),
        _ => None,
    }
}

/// gp3 throughput above its free 125 MiB/s, USD per MiB/s-month.
pub fn throughput_month(t: VolumeType, region: &str) -> Option<Result<UnitPrice, String>> {
    (t == VolumeType::Gp3).then(|| us_east_1(0.04, "MiB/s-month", "gp3 throughput", region))
}

/// Snapshots in the standard tier, USD per GB-month of data stored.
pub fn snapshot_gb_month(region: &str) -> Result<UnitPrice, String> {
    data_or_us_east_1(Item::EbsSnapshot, 0.05, "GB-month", "snapshot GB-month", region)
}

/// The monthly price of a volume, USD: storage plus billed IOPS and throughput; `Err`
/// names the first price the data lacks for the region.
pub fn volume_month(t: VolumeType, size_gib: u32, iops: Option<u32>, throughput: Option<u32>, region: &str) -> Result<f64, String> {
    let mut usd = gb_month(t, region)?.usd * size_gib as f64;
    match t {
        VolumeType::Gp3 => {
            let extra_iops = iops.unwrap_or(GP3_BASELINE_IOPS).saturating_sub(GP3_BASELINE_IOPS);
            if extra_iops > 0 {
                usd += iops_month(t, region).expect("gp3 bills IOPS")?.usd * extra_iops as f64;
            }
            let extra_tp = throughput.unwrap_or(GP3_BASELINE_THROUGHPUT).saturating_sub(GP3_BASELINE_THROUGHPUT);
            if extra_tp > 0 {
                usd += throughput_month(t, region).expect("gp3 bills throughput")?.usd * extra_tp as f64;
            }
        }
        VolumeType::Io1 => usd += iops_month(t, region).expect("io1 bills IOPS")?.usd * iops.unwrap_or(0) as f64,
        VolumeType::Io2 => {
            let first = iops_month(t, region).expect("io2 bills IOPS")?.usd;
            let i = iops.unwrap_or(0) as f64;
            usd += first * i.min(32_000.0) + 0.0455 * (i.min(64_000.0) - 32_000.0).max(0.0) + 0.032 * (i - 64_000.0).max(0.0);
        }
        _ => {}
    }
    Ok(usd)
}
