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
        // An infracost breakdown of an eu-central-1 project quoted in public code.
        let fra = price(Item::NatGatewayGb, "eu-central-1").unwrap();
        assert_eq!((fra.usd, fra.unit.as_str(), fra.official), (0.052, "GB", false));
        assert!(fra.source.contains("sucounix/xpov") && fra.source.contains("ac308171"));
        assert!(price(Item::NatGatewayGb, "eu-north-1").is_none());
        assert!(price(Item::CrossAzGb, "eu-west-2").is_none());
    }

    /// Every row is in its item's unit and inside the band AWS's prices for that item span
    /// (US to São Paulo), so a slip of a decimal place or a per-GiBps figure left undivided
    /// fails here.
    #[test]
    fn units_and_bands_per_item() {
        for p in all() {
            let (unit, lo, hi) = match p.item {
                Item::NatGatewayHour => ("hour", 0.045, 0.1),
                Item::NatGatewayGb => ("GB", 0.045, 0.1),
                Item::PublicIpv4Hour => ("IP-hour", 0.005, 0.005),
                Item::Ebs(VolumeType::Gp3) => ("GB-month", 0.08, 0.16),
                Item::Ebs(_) | Item::EbsSnapshot => ("GB-month", 0.015, 0.3),
                Item::EbsIops(VolumeType::Gp3) => ("IOPS-month", 0.005, 0.01),
                Item::EbsIops(_) | Item::EbsIo2IopsTier(_) => ("IOPS-month", 0.03, 0.15),
                Item::EbsGp3Throughput => ("MiB/s-month", 0.04, 0.08),
                Item::TransferOutGb => ("GB", 0.09, 0.16),
                Item::CrossAzGb => ("GB each way", 0.0, 0.02),
            };
            assert_eq!(p.unit, unit, "{} {:?}", p.region, p.item);
            assert!((lo..=hi).contains(&p.usd), "{} {:?}: {} outside {lo}..{hi}", p.region, p.item, p.usd);
            // A date (YYYY, YYYY-MM or YYYY-MM-DD), and a source that says where it was read.
            assert!(p.as_of.len() >= 4 && p.as_of[..4].parse::<u16>().is_ok(), "{:?}", p);
            assert!(p.official || p.source.contains("not read from AWS directly"), "{} {:?}", p.region, p.item);
        }
    }

    /// docs/prices.md shows, per region, which prices the data holds: each cell is the
    /// data's (✓ read from AWS, ⚠ not, — none), so the page cannot drift from the data.
    #[test]
    fn docs_prices_table_matches_the_data() {
        let page = include_str!("../../../docs/prices.md");
        let mut lines = page.lines().skip_while(|l| !l.starts_with("| region | EC2 instances |"));
        let cells = |l: &str| l.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect::<Vec<_>>();
        let header = cells(lines.next().expect("the table"));
        let items: Vec<Item> =
            header[2..].iter().map(|h| Item::from_key(h.trim_matches('`')).unwrap_or_else(|| panic!("{h}"))).collect();
        let mut regions = 0;
        for l in lines.skip(1).take_while(|l| l.starts_with('|')) {
            let row = cells(l);
            for (item, cell) in items.iter().zip(&row[2..]) {
                let want = match price(*item, &row[0]) {
                    None => "—".to_string(),
                    Some(p) => format!("{} {}", if p.official { "✓" } else { "⚠" }, p.usd),
                };
                assert_eq!(cell, &want, "{} {:?}", row[0], item);
            }
            regions += 1;
        }
        assert_eq!(regions, crate::model::regions::all().len());
    }

    #[test]
    fn one_row_per_region_and_item() {
        let mut seen = std::collections::BTreeSet::new();
        for p in all() {
            assert!(seen.insert((p.region.as_str(), p.item)), "duplicate row: {} {:?}", p.region, p.item);
        }
    }
}
