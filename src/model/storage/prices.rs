//! EBS prices per volume type and for snapshots, with their source.
//!
//! The one place for EBS prices (`cost vpc` asks here too). Every number comes from the
//! per-region data every cost uses (`data/vpc_prices.csv`, each row with its source and
//! date; data/SOURCES.md): GB-month of each type, provisioned IOPS-month (gp3 above its
//! free 3,000, io1, io2 in its three tiers), gp3 throughput above its free 125 MiB/s, and
//! snapshot GB-month. As everywhere in the cost model, a price is never borrowed from
//! another region: a missing one is an `Err` naming it.

use super::types::{VolumeType, GP3_BASELINE_IOPS, GP3_BASELINE_THROUGHPUT};
use crate::model::pricing::components::Item;
use crate::model::pricing::estimate::{unit_price, UnitPrice};

/// io2's IOPS tiers (per volume): the first price up to 32,000 IOPS, the second from
/// 32,001 to 64,000, the third above (https://aws.amazon.com/ebs/pricing/).
pub const IO2_TIER2_FROM: u32 = 32_000;
pub const IO2_TIER3_FROM: u32 = 64_000;

/// Storage, USD per GB-month.
pub fn gb_month(t: VolumeType, region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::Ebs(t), region)
}

/// Provisioned IOPS, USD per IOPS-month: gp3 above its free 3,000; io1 all; io2 its first
/// tier (see [`volume_month`] for the others). None: the type does not bill IOPS.
pub fn iops_month(t: VolumeType, region: &str) -> Option<Result<UnitPrice, String>> {
    matches!(t, VolumeType::Gp3 | VolumeType::Io1 | VolumeType::Io2).then(|| unit_price(Item::EbsIops(t), region))
}

/// gp3 throughput above its free 125 MiB/s, USD per MiB/s-month.
pub fn throughput_month(t: VolumeType, region: &str) -> Option<Result<UnitPrice, String>> {
    (t == VolumeType::Gp3).then(|| unit_price(Item::EbsGp3Throughput, region))
}

/// Snapshots in the standard tier, USD per GB-month of data stored.
pub fn snapshot_gb_month(region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::EbsSnapshot, region)
}

/// The monthly price of a volume, USD: storage plus billed IOPS and throughput; `Err`
/// names the first price the data lacks for the region.
pub fn volume_month(
    t: VolumeType,
    size_gib: u32,
    iops: Option<u32>,
    throughput: Option<u32>,
    region: &str,
) -> Result<f64, String> {
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
            let i = iops.unwrap_or(0);
            let t1 = i.min(IO2_TIER2_FROM);
            let t2 = i.min(IO2_TIER3_FROM).saturating_sub(IO2_TIER2_FROM);
            let t3 = i.saturating_sub(IO2_TIER3_FROM);
            usd += iops_month(t, region).expect("io2 bills IOPS")?.usd * t1 as f64;
            if t2 > 0 {
                usd += unit_price(Item::EbsIo2IopsTier(2), region)?.usd * t2 as f64;
            }
            if t3 > 0 {
                usd += unit_price(Item::EbsIo2IopsTier(3), region)?.usd * t3 as f64;
            }
        }
        _ => {}
    }
    Ok(usd)
}
