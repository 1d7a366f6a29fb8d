//! The unit prices of what a VPC holds besides instances, from `data/vpc_prices.csv`.

#[cfg(test)]
use crate::model::pricing::components::VolumeType;
use crate::model::pricing::components::{self, Item};

/// A unit price and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitPrice {
    pub usd: f64,
    /// `hour`, `GB`, `GB-month`, `IP-hour`.
    pub unit: String,
    /// Source and date, e.g. "AWS Price List … SKU …, 2026-09-04".
    pub basis: String,
    /// Set when the source is not AWS itself (a bill line, a third-party quote): the
    /// output flags the line.
    pub assumption: Option<String>,
}

/// The price of `item` in `region` from the shipped data, or the sentence naming what is
/// missing.
pub fn unit_price(item: Item, region: &str) -> Result<UnitPrice, String> {
    match components::price(item, region) {
        Some(p) => Ok(UnitPrice {
            usd: p.usd,
            unit: p.unit.clone(),
            basis: format!("{} (as of {})", p.source, p.as_of),
            assumption: (!p.official).then(|| format!("⚠ not read from AWS directly: {}", p.source)),
        }),
        None => Err(format!("no {} price for {} in data/vpc_prices.csv", item.describe(), region)),
    }
}

/// NAT gateway, per hour.
pub fn nat_gateway_hour(region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::NatGatewayHour, region)
}

/// NAT gateway, per GB processed (both directions, on top of data transfer).
pub fn nat_gateway_gb(region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::NatGatewayGb, region)
}

/// Public IPv4 address, in use or idle, per IP-hour.
pub fn public_ipv4_hour(region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::PublicIpv4Hour, region)
}

/// EBS storage of a volume type, per GB-month (the storage model's prices, from this data).
#[cfg(test)]
pub fn ebs_gb_month(volume: VolumeType, region: &str) -> Result<UnitPrice, String> {
    crate::model::storage::prices::gb_month(volume, region)
}

/// Data transfer out to the internet, per GB (first 10 TB/month after the free 100 GB).
pub fn transfer_out_gb(region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::TransferOutGb, region)
}

/// Data transfer between AZs, per GB each way (a GB that crosses AZs is charged on both
/// sides).
pub fn cross_az_gb(region: &str) -> Result<UnitPrice, String> {
    unit_price(Item::CrossAzGb, region)
}
