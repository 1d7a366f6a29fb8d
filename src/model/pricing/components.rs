//! Prices of what a design costs besides its instances — NAT gateway hours and GB
//! processed, public IPv4 addresses, EBS volumes, data transfer out and across AZs — per
//! region, from the shipped `data/vpc_prices.csv` (each row with its source and date;
//! data/SOURCES.md). A (item, region) pair that is not in the data has no price: callers
//! say so by name, never substitute another region's.

use std::sync::OnceLock;

const CSV: &str = include_str!("../../../data/vpc_prices.csv");

/// A priced item, as the data file names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    NatGatewayHour,
    NatGatewayGb,
    PublicIpv4Hour,
    /// GB-month of an EBS volume type.
    Ebs(VolumeType),
    /// GB-month of EBS snapshot data stored (standard tier).
    EbsSnapshot,
    /// Provisioned IOPS-month of gp3 (above its free 3,000), io1, and io2's first tier
    /// (up to 32,000 IOPS).
    EbsIops(VolumeType),
    /// io2's provisioned IOPS-month from 32,001 to 64,000 (2) and above 64,000 (3).
    EbsIo2IopsTier(u8),
    /// gp3 throughput above its free 125 MiB/s, per MiB/s-month.
    EbsGp3Throughput,
    /// GB out to the internet, first 10 TB/month after the free 100 GB.
    TransferOutGb,
    /// GB between AZs of a region, charged on each side.
    CrossAzGb,
}

/// EBS volume types: the storage model's (the data prices gp3, gp2, st1 and sc1; the
/// others are named as missing).
pub use crate::model::storage::VolumeType;

impl Item {
    /// What a reader calls it.
    pub fn describe(self) -> String {
        match self {
            Item::NatGatewayHour => "NAT gateway hour".into(),
            Item::NatGatewayGb => "NAT gateway GB processed".into(),
            Item::PublicIpv4Hour => "public IPv4 address hour".into(),
            Item::Ebs(v) => format!("EBS {} GB-month", v.as_str()),
            Item::EbsSnapshot => "EBS snapshot GB-month".into(),
            Item::EbsIops(v) => format!(
                "EBS {} provisioned IOPS-month{}",
                v.as_str(),
                if v == VolumeType::Io2 { " (up to 32,000 IOPS)" } else { "" }
            ),
            Item::EbsIo2IopsTier(2) => "EBS io2 provisioned IOPS-month (32,001 to 64,000 IOPS)".into(),
            Item::EbsIo2IopsTier(_) => "EBS io2 provisioned IOPS-month (above 64,000 IOPS)".into(),
            Item::EbsGp3Throughput => "EBS gp3 provisioned throughput MiB/s-month".into(),
            Item::TransferOutGb => "data transfer out to the internet per GB".into(),
            Item::CrossAzGb => "data transfer between AZs per GB".into(),
        }
    }

    fn from_key(k: &str) -> Option<Item> {
        Some(match k {
            "nat_gateway_hour" => Item::NatGatewayHour,
            "nat_gateway_gb" => Item::NatGatewayGb,
            "public_ipv4_hour" => Item::PublicIpv4Hour,
            "transfer_out_gb" => Item::TransferOutGb,
            "cross_az_gb" => Item::CrossAzGb,
            "ebs_snapshot_gb_month" => Item::EbsSnapshot,
            "ebs_io2_iops_tier2_month" => Item::EbsIo2IopsTier(2),
            "ebs_io2_iops_tier3_month" => Item::EbsIo2IopsTier(3),
            "ebs_gp3_throughput_month" => Item::EbsGp3Throughput,
            _ => {
                let t = k.strip_prefix("ebs_")?;
                if let Some(t) = t.strip_suffix("_iops_month") {
                    let v = VolumeType::parse(t).ok()?;
                    // Only these bill provisioned IOPS.
                    if !matches!(v, VolumeType::Gp3 | VolumeType::Io1 | VolumeType::Io2) {
                        return None;
                    }
                    Item::EbsIops(v)
                } else {
                    Item::Ebs(VolumeType::parse(t.strip_suffix("_gb_month")?).ok()?)
                }
            }
        })
    }
}

/// One row of the data: a unit price in a region (or `*`, every region).
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentPrice {
    pub region: String,
    pub item: Item,
    pub usd: f64,
    pub unit: String,
    /// When the source stated it (a date or a month).
    pub as_of: String,
    /// False when the number was not read from AWS (a bill line or a third-party quote):
    /// outputs flag it.
    pub official: bool,
    /// Where it comes from (URLs, Price List versions and SKUs).
    pub source: String,
}

/// Every row of the shipped data.
pub fn all() -> &'static [ComponentPrice] {
    static ROWS: OnceLock<Vec<ComponentPrice>> = OnceLock::new();
    ROWS.get_or_init(|| {
        CSV.lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let f: Vec<&str> = line.splitn(7, ',').collect();
                // The file is part of the build; a malformed row is a bug its test catches.
                fn bad<T>(line: &str) -> T {
                    panic!("data/vpc_prices.csv: malformed row: {line}")
                }
                if f.len() != 7 {
                    bad::<()>(line);
                }
                ComponentPrice {
                    region: f[0].to_string(),
                    item: Item::from_key(f[1]).unwrap_or_else(|| bad(line)),
                    usd: f[2].parse().unwrap_or_else(|_| bad(line)),
                    unit: f[3].to_string(),
                    as_of: f[4].to_string(),
                    official: f[5] == "yes",
                    source: f[6].to_string(),
                }
            })
            .collect()
    })
}

/// The price of `item` in `region`: the region's own row, else an every-region (`*`) row.
pub fn price(item: Item, region: &str) -> Option<&'static ComponentPrice> {
    let rows = all();
    rows.iter()
        .find(|p| p.item == item && p.region == region)
        .or_else(|| rows.iter().find(|p| p.item == item && p.region == "*"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses_and_names_a_known_region() {
        assert!(all().len() > 100);
        for p in all() {
            assert!(p.region == "*" || crate::model::regions::find(&p.region).is_some(), "{}", p.region);
            assert!(p.usd >= 0.0 && p.usd < 1.0, "{:?}", p);
            assert!(!p.source.is_empty() && !p.as_of.is_empty());
        }
    }

    #[test]
    fn nat_gateway_hours_per_region_from_the_price_list() {
        // AWS Price List AmazonEC2 20260904231117: Seoul, São Paulo, N. Virginia.
        assert_eq!(price(Item::NatGatewayHour, "ap-northeast-2").unwrap().usd, 0.059);
        assert_eq!(price(Item::NatGatewayHour, "sa-east-1").unwrap().usd, 0.093);
        assert_eq!(price(Item::NatGatewayHour, "us-east-1").unwrap().usd, 0.045);
        assert!(price(Item::NatGatewayHour, "ap-southeast-5").is_none(), "no source: no price");
        assert_eq!(price(Item::PublicIpv4Hour, "eu-north-1").unwrap().usd, 0.005);
        assert_eq!(price(Item::Ebs(VolumeType::Gp3), "eu-central-1").unwrap().usd, 0.0952);
        assert!(!price(Item::NatGatewayGb, "ap-northeast-2").unwrap().official);
    }

    #[test]
    fn transfer_and_nat_data_per_region() {
        // AWSDataTransfer first-10-TB rates differ by region (infracost golden, 2024-09-25).
        assert_eq!(price(Item::TransferOutGb, "sa-east-1").unwrap().usd, 0.15);
        assert_eq!(price(Item::TransferOutGb, "ap-south-1").unwrap().usd, 0.1093);
        assert_eq!(price(Item::TransferOutGb, "eu-west-1").unwrap().usd, 0.09);
        assert_eq!(price(Item::CrossAzGb, "ap-southeast-2").unwrap().usd, 0.01);
        // A bill line, flagged as not read from AWS directly.
        let sg = price(Item::NatGatewayGb, "ap-southeast-1").unwrap();
        assert_eq!(sg.usd, 0.059);
        assert!(!sg.official);
        // No source found: no price, never another region's.
        assert!(price(Item::TransferOutGb, "eu-central-2").is_none());
        assert!(price(Item::NatGatewayGb, "eu-central-1").is_none());
        assert!(price(Item::CrossAzGb, "eu-west-2").is_none());
    }

    #[test]
    fn one_row_per_region_and_item() {
        let mut seen = std::collections::BTreeSet::new();
        for p in all() {
            assert!(seen.insert((p.region.as_str(), p.item)), "duplicate row: {} {:?}", p.region, p.item);
        }
    }
}
