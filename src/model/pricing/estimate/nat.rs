//! One NAT gateway versus one per AZ: what each costs and what an AZ failure breaks.

use super::unit_prices::{cross_az_gb, nat_gateway_gb, nat_gateway_hour};
use super::Usage;

/// One way to give private subnets internet access through NAT.
#[derive(Clone, Debug, PartialEq)]
pub struct NatOption {
    pub option: String,
    pub nat_gateways: usize,
    pub hours_usd: f64,
    pub processing_usd: f64,
    /// GB that cross AZs to reach a NAT gateway in another AZ.
    pub cross_az_gb: f64,
    pub cross_az_usd: f64,
    pub total_usd: f64,
    pub if_an_az_fails: String,
}

/// One NAT gateway for the VPC versus one per AZ (AWS's recommendation,
/// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html), for `azs` AZs
/// with private subnets and traffic spread evenly across them. Err names the prices the
/// data lacks for `region`.
pub fn nat_tradeoff(azs: usize, region: &str, usage: &Usage) -> Result<Vec<NatOption>, String> {
    let azs = azs.max(1);
    let (hour, gb, cross) = (nat_gateway_hour(region), nat_gateway_gb(region), cross_az_gb(region));
    let missing: Vec<String> = [&hour, &gb, &cross].iter().filter_map(|p| p.as_ref().err().cloned()).collect();
    if !missing.is_empty() {
        return Err(missing.join("; "));
    }
    let (hour, gb, cross) = (hour?.usd, gb?.usd, cross?.usd * 2.0);
    let option = |label: &str, n: usize, cross_gb: f64, fail: &str| {
        let hours_usd = n as f64 * usage.hours * hour;
        let processing_usd = usage.nat_gb * gb;
        let cross_az_usd = cross_gb * cross;
        NatOption {
            option: label.to_string(),
            nat_gateways: n,
            hours_usd,
            processing_usd,
            cross_az_gb: cross_gb,
            cross_az_usd,
            total_usd: hours_usd + processing_usd + cross_az_usd,
            if_an_az_fails: fail.to_string(),
        }
    };
    let shared = usage.nat_gb * (azs - 1) as f64 / azs as f64;
    Ok(vec![
        option("one NAT gateway", 1, shared, "if the NAT's AZ fails, every private subnet loses internet access"),
        option("one NAT gateway per AZ", azs, 0.0, "only the failed AZ's subnets lose internet access"),
    ])
}
