//! EBS prices per volume type and for snapshots, with their source.
//!
//! us-east-1 list prices from the Amazon EBS pricing page, https://aws.amazon.com/ebs/pricing/
//! (gp3 $0.08/GB-month agrees with the project's [P4] constant, `ebs_gp3_gb_month`). Other
//! regions use the us-east-1 price and say so. Monthly = per GB-month × GiB provisioned
//! (a GiB billed as a GB, as the page's examples do).

use super::types::{VolumeType, GP3_BASELINE_IOPS, GP3_BASELINE_THROUGHPUT};
use crate::model::pricing::estimate::UnitPrice;

const BASIS: &str = "Amazon EBS pricing page, us-east-1 (https://aws.amazon.com/ebs/pricing/)";

fn price(usd: f64, unit: &'static str, region: &str) -> UnitPrice {
    UnitPrice {
        usd,
        unit: unit.into(),
        basis: BASIS.into(),
        assumption: if region == "us-east-1" { None } else { Some(format!("{region}'s own price is not in the data: us-east-1 price used")) },
    }
}

/// Storage, USD per GB-month.
pub fn gb_month(t: VolumeType, region: &str) -> UnitPrice {
    let usd = match t {
        VolumeType::Gp3 => 0.08,
        VolumeType::Gp2 => 0.10,
        VolumeType::Io1 | VolumeType::Io2 => 0.125,
        VolumeType::St1 => 0.045,
        VolumeType::Sc1 => 0.015,
        VolumeType::Standard => 0.05,
    };
    price(usd, "GB-month", region)
}

/// Provisioned IOPS, USD per IOPS-month: gp3 above its free 3,000; io1 all; io2 its first
/// tier (up to 32,000; then $0.0455 up to 64,000 and $0.032 above).
pub fn iops_month(t: VolumeType, region: &str) -> Option<UnitPrice> {
    match t {
        VolumeType::Gp3 => Some(price(0.005, "IOPS-month", region)),
        VolumeType::Io1 | VolumeType::Io2 => Some(price(0.065, "IOPS-month", region)),
        _ => None,
    }
}

/// gp3 throughput above its free 125 MiB/s, USD per MiB/s-month.
pub fn throughput_month(t: VolumeType, region: &str) -> Option<UnitPrice> {
    (t == VolumeType::Gp3).then(|| price(0.04, "MiB/s-month", region))
}

/// Snapshots in the standard tier, USD per GB-month of data stored.
pub fn snapshot_gb_month(region: &str) -> UnitPrice {
    price(0.05, "GB-month", region)
}

/// The monthly price of a volume, USD: storage plus billed IOPS and throughput.
pub fn volume_month(t: VolumeType, size_gib: u32, iops: Option<u32>, throughput: Option<u32>, region: &str) -> f64 {
    let mut usd = gb_month(t, region).usd * size_gib as f64;
    let p = iops_month(t, region).map(|p| p.usd).unwrap_or(0.0);
    match t {
        VolumeType::Gp3 => {
            usd += p * iops.unwrap_or(GP3_BASELINE_IOPS).saturating_sub(GP3_BASELINE_IOPS) as f64;
            let tp = throughput_month(t, region).map(|p| p.usd).unwrap_or(0.0);
            usd += tp * throughput.unwrap_or(GP3_BASELINE_THROUGHPUT).saturating_sub(GP3_BASELINE_THROUGHPUT) as f64;
        }
        VolumeType::Io1 => usd += p * iops.unwrap_or(0) as f64,
        VolumeType::Io2 => {
            let i = iops.unwrap_or(0) as f64;
            usd += 0.065 * i.min(32_000.0) + 0.0455 * (i.min(64_000.0) - 32_000.0).max(0.0) + 0.032 * (i - 64_000.0).max(0.0);
        }
        _ => {}
    }
    usd
}
