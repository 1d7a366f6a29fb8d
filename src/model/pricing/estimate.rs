//! Monthly cost of what a VPC holds, per region: instances (from the pricebook), NAT
//! gateway hours and GB processed, public IPv4 addresses, EBS gp3, data transfer out —
//! the non-instance prices with their source, region and date. Where a
//! region's own price is unknown, the stated fallback is used and the line says so.

use std::collections::BTreeMap;

use super::Pricebook;

/// Hours in a month, the AWS Pricing Calculator's convention.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Data transfer out to the internet free each month, aggregated over the account
/// (https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer).
pub const FREE_TRANSFER_OUT_GB: f64 = 100.0;

/// A unit price and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitPrice {
    pub usd: f64,
    /// `hour`, `GB`, `GB-month`, `IP-hour`.
    pub unit: &'static str,
    /// Source key and date, e.g. "https://aws.amazon.com/vpc/pricing/, read 2026-09".
    pub basis: &'static str,
    /// Set when this region's own price is not known (a fallback is used) or the source
    /// is unofficial: the output flags the line as an assumption.
    pub assumption: Option<String>,
}

fn known(usd: f64, unit: &'static str, basis: &'static str) -> UnitPrice {
    UnitPrice { usd, unit, basis, assumption: None }
}

fn fallback(usd: f64, unit: &'static str, basis: &'static str, region: &str, from: &str) -> UnitPrice {
    UnitPrice {
        usd,
        unit,
        basis,
        assumption: Some(format!("{region}'s own price is not in the data: {from} price used")),
    }
}

/// NAT gateway, per hour: $0.045 in us-east-1/us-east-2 (VPC pricing page); ⚠ $0.059 in
/// ap-northeast-2 (unofficial); elsewhere the us-east-1 price as a fallback.
pub fn nat_gateway_hour(region: &str) -> UnitPrice {
    const B: &str = "https://aws.amazon.com/vpc/pricing/, read 2026-09";
    match region {
        "us-east-1" | "us-east-2" => known(0.045, "hour", B),
        "ap-northeast-2" => UnitPrice {
            usd: 0.059,
            unit: "hour",
            basis: "APN2-NatGateway-Hours from public code, as of 2026-08",
            assumption: Some("⚠ unofficial source for the Seoul price".into()),
        },
        _ => fallback(0.045, "hour", B, region, "us-east-1"),
    }
}

/// NAT gateway, per GB processed (both directions, on top of data transfer).
pub fn nat_gateway_gb(region: &str) -> UnitPrice {
    const B: &str = "https://aws.amazon.com/vpc/pricing/, read 2026-09";
    match region {
        "us-east-1" | "us-east-2" => known(0.045, "GB", B),
        "ap-northeast-2" => UnitPrice {
            usd: 0.059,
            unit: "GB",
            basis: "APN2-NatGateway-Bytes from public code, as of 2026-08",
            assumption: Some("⚠ unofficial source for the Seoul price".into()),
        },
        _ => fallback(0.045, "GB", B, region, "us-east-1"),
    }
}

/// Public IPv4 address, in use or idle: $0.005 per IP-hour in all regions since
/// 1 Feb 2024 (AWS News Blog).
pub fn public_ipv4_hour(_region: &str) -> UnitPrice {
    known(0.005, "IP-hour", "https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/: all regions, since 2024-02-01")
}

/// EBS gp3 storage: $0.08 per GB-month in us-east-1 (early 2026).
pub fn ebs_gp3_gb_month(region: &str) -> UnitPrice {
    const B: &str = "AWS agent toolkit's EBS constants (github.com/aws/agent-toolkit-for-aws): us-east-1, early 2026";
    match region {
        "us-east-1" => known(0.08, "GB-month", B),
        _ => fallback(0.08, "GB-month", B, region, "us-east-1"),
    }
}

/// Data transfer out to the internet: $0.09 per GB (first 10 TB/month) in US regions,
/// after the first 100 GB/month free.
pub fn transfer_out_gb(region: &str) -> UnitPrice {
    const B: &str = "https://repost.aws/questions/QUAT1NfOeZSAK5z8KXXO9jgA (bill line): US regions, 2023";
    if region.starts_with("us-") && !region.starts_with("us-gov") {
        known(0.09, "GB", B)
    } else {
        fallback(0.09, "GB", B, region, "US regions'")
    }
}

/// Cross-AZ transfer: ⚠ $0.01 per GB each way (third-party); a GB that crosses
/// AZs is charged on both sides.
pub fn cross_az_gb(_region: &str) -> UnitPrice {
    UnitPrice {
        usd: 0.01,
        unit: "GB each way",
        basis: "third-party guides (no AWS page found)",
        assumption: Some("⚠ third-party figure: $0.01/GB each way, so $0.02 per GB crossing".into()),
    }
}

/// Usage the model cannot know, stated in the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Usage {
    /// Hours each running resource runs in the month.
    pub hours: f64,
    /// GB processed by the VPC's NAT gateways in the month (all together).
    pub nat_gb: f64,
    /// GB sent to the internet in the month.
    pub transfer_out_gb: f64,
    /// gp3 GB attached to each instance (the root volume).
    pub ebs_gb_per_instance: f64,
}

impl Default for Usage {
    /// A full month (730 h), 100 GB through NAT, 100 GB out, 8 GiB root volumes
    /// (assumptions: the Amazon Linux AMIs' default root volume is 8 GiB).
    fn default() -> Usage {
        Usage { hours: HOURS_PER_MONTH, nat_gb: 100.0, transfer_out_gb: 100.0, ebs_gb_per_instance: 8.0 }
    }
}

impl Usage {
    /// Every assumption, as sentences for the output.
    pub fn describe(&self) -> Vec<String> {
        vec![
            format!("{} hours in the month for every running resource (730 = a full month)", num(self.hours)),
            format!("{} GB processed by NAT gateways per month", num(self.nat_gb)),
            format!(
                "{} GB out to the internet per month; the first {} GB/month are free per account (assumed unused elsewhere)",
                num(self.transfer_out_gb),
                num(FREE_TRANSFER_OUT_GB)
            ),
            format!("{} GB of EBS gp3 per instance (root volume), billed even while stopped", num(self.ebs_gb_per_instance)),
        ]
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// One instance as the cost model sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedInstance {
    pub instance_type: String,
    /// Only running instances are billed for compute (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html).
    pub running: bool,
}

/// What a VPC holds that costs money.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Inventory {
    pub instances: Vec<PricedInstance>,
    pub nat_gateways: usize,
    /// Public IPv4 addresses: Elastic IPs (attached or idle) and auto-assigned ones.
    pub public_ipv4: usize,
}

/// What a line is about (the stacked bar's groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    Instances,
    NatGatewayHours,
    NatGatewayData,
    PublicIpv4,
    Ebs,
    DataTransferOut,
}

impl Component {
    pub const ALL: [Component; 6] = [
        Component::Instances,
        Component::NatGatewayHours,
        Component::NatGatewayData,
        Component::PublicIpv4,
        Component::Ebs,
        Component::DataTransferOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Component::Instances => "instances",
            Component::NatGatewayHours => "NAT gateway hours",
            Component::NatGatewayData => "NAT gateway data",
            Component::PublicIpv4 => "public IPv4",
            Component::Ebs => "EBS gp3",
            Component::DataTransferOut => "data transfer out",
        }
    }
}

/// One line of an estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct CostLine {
    pub component: Component,
    /// e.g. `2 × m5.large`, `1 NAT gateway`.
    pub item: String,
    pub quantity: f64,
    /// Unit of the quantity: `instance-hours`, `GB`, `IP-hours`, `GB-months`.
    pub unit: &'static str,
    /// None when the price is not in the data (the line is then left out of the total).
    pub unit_price_usd: Option<f64>,
    pub monthly_usd: Option<f64>,
    /// Where the unit price comes from.
    pub basis: String,
    /// Why this line is an assumption (fallback price, unofficial source, no price).
    pub assumption: Option<String>,
}

/// A VPC's monthly cost in one region.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub region: String,
    pub lines: Vec<CostLine>,
}

impl Estimate {
    /// Sum of the lines with a known price.
    pub fn total_usd(&self) -> f64 {
        self.lines.iter().filter_map(|l| l.monthly_usd).sum()
    }

    /// Sum per component.
    pub fn by_component(&self, c: Component) -> f64 {
        self.lines.iter().filter(|l| l.component == c).filter_map(|l| l.monthly_usd).sum()
    }

    /// Lines whose price is not in the data (left out of the total).
    pub fn unpriced(&self) -> Vec<&CostLine> {
        self.lines.iter().filter(|l| l.monthly_usd.is_none()).collect()
    }
}

fn line(component: Component, item: String, quantity: f64, unit: &'static str, p: &UnitPrice) -> CostLine {
    CostLine {
        component,
        item,
        quantity,
        unit,
        unit_price_usd: Some(p.usd),
        monthly_usd: Some(quantity * p.usd),
        basis: p.basis.to_string(),
        assumption: p.assumption.clone(),
    }
}

/// Price `inv` in `region` for one month of `usage`.
pub fn estimate(inv: &Inventory, region: &str, prices: &Pricebook, usage: &Usage) -> Estimate {
    let mut lines = Vec::new();
    // Instances, one line per (type, state).
    let mut groups: BTreeMap<(&str, bool), usize> = BTreeMap::new();
    for i in &inv.instances {
        *groups.entry((i.instance_type.as_str(), i.running)).or_default() += 1;
    }
    for ((t, running), n) in groups {
        let hours = if running { usage.hours } else { 0.0 };
        let item = format!("{n} × {t}{}", if running { "" } else { " (stopped: not billed)" });
        let qty = n as f64 * hours;
        match prices.price(t, region) {
            Some(p) => lines.push(CostLine {
                component: Component::Instances,
                item,
                quantity: qty,
                unit: "instance-hours",
                unit_price_usd: Some(p),
                monthly_usd: Some(qty * p),
                basis: prices.label(),
                assumption: None,
            }),
            None => lines.push(CostLine {
                component: Component::Instances,
                item,
                quantity: qty,
                unit: "instance-hours",
                unit_price_usd: None,
                monthly_usd: if running { None } else { Some(0.0) },
                basis: prices.label(),
                assumption: running.then(|| format!("no price for {t} in {region} in the data: left out of the total")),
            }),
        }
    }
    if inv.nat_gateways > 0 {
        let n = inv.nat_gateways;
        let p = nat_gateway_hour(region);
        let item = format!("{n} NAT gateway{}", if n == 1 { "" } else { "s" });
        lines.push(line(Component::NatGatewayHours, item, n as f64 * usage.hours, "hours", &p));
        let p = nat_gateway_gb(region);
        lines.push(line(Component::NatGatewayData, format!("{} GB processed", num(usage.nat_gb)), usage.nat_gb, "GB", &p));
    }
    if inv.public_ipv4 > 0 {
        let n = inv.public_ipv4;
        let p = public_ipv4_hour(region);
        let item = format!("{n} public IPv4 address{}", if n == 1 { "" } else { "es" });
        lines.push(line(Component::PublicIpv4, item, n as f64 * usage.hours, "IP-hours", &p));
    }
    if !inv.instances.is_empty() && usage.ebs_gb_per_instance > 0.0 {
        let gb = inv.instances.len() as f64 * usage.ebs_gb_per_instance;
        // GB-months: prorated when the month is shorter than 730 h.
        let gb_months = gb * (usage.hours / HOURS_PER_MONTH);
        let p = ebs_gp3_gb_month(region);
        let item = format!("{} GB gp3 ({} × {} GB)", num(gb), inv.instances.len(), num(usage.ebs_gb_per_instance));
        lines.push(line(Component::Ebs, item, gb_months, "GB-months", &p));
    }
    if usage.transfer_out_gb > 0.0 {
        let billed = (usage.transfer_out_gb - FREE_TRANSFER_OUT_GB).max(0.0);
        let p = transfer_out_gb(region);
        let item = format!("{} GB out ({} GB free)", num(usage.transfer_out_gb), num(usage.transfer_out_gb.min(FREE_TRANSFER_OUT_GB)));
        lines.push(line(Component::DataTransferOut, item, billed, "GB", &p));
    }
    Estimate { region: region.to_string(), lines }
}

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
/// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html), for `azs` AZs with private subnets and traffic spread evenly across them.
pub fn nat_tradeoff(azs: usize, region: &str, usage: &Usage) -> Vec<NatOption> {
    let azs = azs.max(1);
    let hour = nat_gateway_hour(region).usd;
    let gb = nat_gateway_gb(region).usd;
    let cross = cross_az_gb(region).usd * 2.0;
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
    vec![
        option(
            "one NAT gateway",
            1,
            shared,
            "if the NAT's AZ fails, every private subnet loses internet access",
        ),
        option(
            "one NAT gateway per AZ",
            azs,
            0.0,
            "only the failed AZ's subnets lose internet access",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inv() -> Inventory {
        Inventory {
            instances: vec![
                PricedInstance { instance_type: "m5.large".into(), running: true },
                PricedInstance { instance_type: "m5.large".into(), running: true },
                PricedInstance { instance_type: "t3.micro".into(), running: false },
            ],
            nat_gateways: 1,
            public_ipv4: 2,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn us_east_1_month_line_by_line() {
        let e = estimate(&inv(), "us-east-1", &Pricebook::default(), &Usage::default());
        // 2 × 0.096 × 730
        assert!(close(e.by_component(Component::Instances), 140.16));
        assert!(close(e.by_component(Component::NatGatewayHours), 32.85));
        assert!(close(e.by_component(Component::NatGatewayData), 4.5));
        assert!(close(e.by_component(Component::PublicIpv4), 7.3));
        // 3 instances × 8 GB × 0.08 (stopped instances keep their volumes)
        assert!(close(e.by_component(Component::Ebs), 1.92));
        // 100 GB out, all within the free 100 GB
        assert!(close(e.by_component(Component::DataTransferOut), 0.0));
        assert!(close(e.total_usd(), 140.16 + 32.85 + 4.5 + 7.3 + 1.92));
        assert!(e.lines.iter().all(|l| l.assumption.is_none()));
        assert!(e.unpriced().is_empty());
    }

    #[test]
    fn other_regions_use_fallbacks_and_say_so() {
        let e = estimate(&inv(), "eu-west-1", &Pricebook::default(), &Usage::default());
        let nat = e.lines.iter().find(|l| l.component == Component::NatGatewayHours).unwrap();
        assert!(nat.assumption.as_deref().unwrap().contains("us-east-1 price used"));
        let ipv4 = e.lines.iter().find(|l| l.component == Component::PublicIpv4).unwrap();
        assert!(ipv4.assumption.is_none());
        let seoul = estimate(&inv(), "ap-northeast-2", &Pricebook::default(), &Usage::default());
        assert!(close(seoul.by_component(Component::Instances), 2.0 * 0.118 * 730.0));
        assert!(close(seoul.by_component(Component::NatGatewayHours), 0.059 * 730.0));
        assert!(seoul.lines.iter().any(|l| l.assumption.as_deref().is_some_and(|a| a.contains("unofficial"))));
    }

    #[test]
    fn a_missing_instance_price_is_not_guessed() {
        let e = estimate(&inv(), "sa-east-1", &Pricebook::default(), &Usage::default());
        let m5 = e.lines.iter().find(|l| l.item.contains("m5.large")).unwrap();
        assert_eq!(m5.monthly_usd, None);
        assert!(m5.assumption.as_deref().unwrap().contains("no price for m5.large in sa-east-1"));
        assert_eq!(e.unpriced().len(), 1);
    }

    #[test]
    fn transfer_beyond_the_free_tier_and_short_months() {
        let u = Usage { hours: 365.0, transfer_out_gb: 600.0, ..Usage::default() };
        let e = estimate(&inv(), "us-east-1", &Pricebook::default(), &u);
        assert!(close(e.by_component(Component::DataTransferOut), 500.0 * 0.09));
        assert!(close(e.by_component(Component::Ebs), 1.92 / 2.0));
        assert!(close(e.by_component(Component::Instances), 2.0 * 0.096 * 365.0));
    }

    #[test]
    fn one_nat_versus_one_per_az() {
        let u = Usage { nat_gb: 300.0, ..Usage::default() };
        let t = nat_tradeoff(3, "us-east-1", &u);
        assert_eq!(t[0].nat_gateways, 1);
        assert_eq!(t[1].nat_gateways, 3);
        assert!(close(t[0].cross_az_gb, 200.0));
        assert!(close(t[0].cross_az_usd, 4.0));
        assert!(close(t[1].cross_az_gb, 0.0));
        assert!(close(t[1].hours_usd, 3.0 * 32.85));
        assert!(t[0].total_usd < t[1].total_usd);
        assert!(close(t[0].processing_usd, t[1].processing_usd));
    }
}
