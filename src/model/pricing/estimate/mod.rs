//! Monthly cost of what a VPC holds, per region: instances (from the pricebook), NAT
//! gateway hours and GB processed, public IPv4 addresses, EBS volumes and snapshots, data transfer
//! out — each non-instance price read from `data/vpc_prices.csv` for that region, with its
//! source and date. A price the data does not have for a region is never borrowed from
//! another region: the line names what is missing and stays out of the total.

mod inventory;
mod nat;
mod unit_prices;

use std::collections::BTreeMap;

use super::components::VolumeType;
use super::Pricebook;
pub use inventory::{inventory, Inventory};
pub use nat::{nat_tradeoff, NatOption};
#[cfg(test)]
pub use unit_prices::ebs_gb_month;
use unit_prices::{nat_gateway_gb, nat_gateway_hour, public_ipv4_hour, transfer_out_gb};
pub use unit_prices::{unit_price, UnitPrice};

/// Hours in a month, the AWS Pricing Calculator's convention.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Data transfer out to the internet free each month, aggregated over the account
/// (https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer).
pub const FREE_TRANSFER_OUT_GB: f64 = 100.0;

/// Usage the model cannot know, stated in the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Usage {
    /// Hours each running resource runs in the month.
    pub hours: f64,
    /// GB processed by the VPC's NAT gateways in the month (all together).
    pub nat_gb: f64,
    /// GB sent to the internet in the month.
    pub transfer_out_gb: f64,
    /// GB of EBS assumed for each instance whose volumes are not known (its root volume).
    pub ebs_gb_per_instance: f64,
    /// The root volumes' type (gp3 unless said).
    pub ebs_volume_type: VolumeType,
}

impl Default for Usage {
    /// A full month (730 h), 100 GB through NAT, 100 GB out, 8 GiB root volumes
    /// (assumptions: the Amazon Linux AMIs' default root volume is 8 GiB).
    fn default() -> Usage {
        Usage {
            hours: HOURS_PER_MONTH,
            nat_gb: 100.0,
            transfer_out_gb: 100.0,
            ebs_gb_per_instance: 8.0,
            ebs_volume_type: VolumeType::Gp3,
        }
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
            format!(
                "{} GB of EBS {} per instance whose volumes the lab does not know (root volume), billed even while stopped; the lab's own volumes are priced as they are, and an instance-store root has no EBS root",
                num(self.ebs_gb_per_instance),
                self.ebs_volume_type.as_str()
            ),
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

/// What a line is about (the stacked bar's groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    Instances,
    NatGatewayHours,
    NatGatewayData,
    PublicIpv4,
    Ebs,
    EbsSnapshots,
    DataTransferOut,
}

impl Component {
    pub const ALL: [Component; 7] = [
        Component::Instances,
        Component::NatGatewayHours,
        Component::NatGatewayData,
        Component::PublicIpv4,
        Component::Ebs,
        Component::EbsSnapshots,
        Component::DataTransferOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Component::Instances => "instances",
            Component::NatGatewayHours => "NAT gateway hours",
            Component::NatGatewayData => "NAT gateway data",
            Component::PublicIpv4 => "public IPv4",
            Component::Ebs => "EBS",
            Component::EbsSnapshots => "EBS snapshots",
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
    /// Why this line needs a reader's care: a source not read from AWS, or no price.
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
        // `+ 0.0`: an empty f64 sum is -0.0, which would print as "-0".
        self.lines.iter().filter_map(|l| l.monthly_usd).sum::<f64>() + 0.0
    }

    /// Sum per component.
    pub fn by_component(&self, c: Component) -> f64 {
        self.lines.iter().filter(|l| l.component == c).filter_map(|l| l.monthly_usd).sum::<f64>() + 0.0
    }

    /// Lines whose price is not in the data (left out of the total).
    pub fn unpriced(&self) -> Vec<&CostLine> {
        self.lines.iter().filter(|l| l.monthly_usd.is_none()).collect()
    }
}

fn line(
    component: Component,
    item: String,
    quantity: f64,
    unit: &'static str,
    p: &Result<UnitPrice, String>,
) -> CostLine {
    match p {
        Ok(p) => CostLine {
            component,
            item,
            quantity,
            unit,
            unit_price_usd: Some(p.usd),
            monthly_usd: Some(quantity * p.usd),
            basis: p.basis.clone(),
            assumption: p.assumption.clone(),
        },
        // Nothing is billed for a zero quantity, priced or not.
        Err(_) if quantity == 0.0 => CostLine {
            component,
            item,
            quantity,
            unit,
            unit_price_usd: None,
            monthly_usd: Some(0.0),
            basis: String::new(),
            assumption: None,
        },
        Err(missing) => CostLine {
            component,
            item,
            quantity,
            unit,
            unit_price_usd: None,
            monthly_usd: None,
            basis: String::new(),
            assumption: Some(format!("{missing}: left out of the total")),
        },
    }
}

/// Price `inv` in `region` for one month of `usage`.
pub fn estimate(inv: &Inventory, region: &str, prices: &Pricebook, usage: &Usage) -> Estimate {
    let mut lines = Vec::new();
    price_instances(&mut lines, inv, region, prices, usage);
    price_nat_gateways(&mut lines, inv, region, usage);
    price_public_ipv4(&mut lines, inv, region, usage);
    price_volumes(&mut lines, inv, region, usage);
    price_snapshots(&mut lines, inv, region, usage);
    price_assumed_roots(&mut lines, inv, region, usage);
    price_transfer_out(&mut lines, region, usage);
    Estimate { region: region.to_string(), lines }
}

/// Instances, one line per (type, state).
fn price_instances(lines: &mut Vec<CostLine>, inv: &Inventory, region: &str, prices: &Pricebook, usage: &Usage) {
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
                basis: prices.label_for(region),
                assumption: None,
            }),
            None => lines.push(CostLine {
                component: Component::Instances,
                item,
                quantity: qty,
                unit: "instance-hours",
                unit_price_usd: None,
                monthly_usd: if running { None } else { Some(0.0) },
                basis: prices.label_for(region),
                assumption: running.then(|| format!("no price for {t} in {region} in the data: left out of the total")),
            }),
        }
    }
}

/// NAT gateways: their hours and the GB they process.
fn price_nat_gateways(lines: &mut Vec<CostLine>, inv: &Inventory, region: &str, usage: &Usage) {
    if inv.nat_gateways > 0 {
        let p = nat_gateway_hour(region);
        lines.push(hourly(Component::NatGatewayHours, inv.nat_gateways, "NAT gateway", "s", "hours", usage, &p));
        let p = nat_gateway_gb(region);
        lines.push(line(
            Component::NatGatewayData,
            format!("{} GB processed", num(usage.nat_gb)),
            usage.nat_gb,
            "GB",
            &p,
        ));
    }
}

/// Public IPv4 addresses, by the hour.
fn price_public_ipv4(lines: &mut Vec<CostLine>, inv: &Inventory, region: &str, usage: &Usage) {
    if inv.public_ipv4 > 0 {
        let p = public_ipv4_hour(region);
        lines.push(hourly(Component::PublicIpv4, inv.public_ipv4, "public IPv4 address", "es", "IP-hours", usage, &p));
    }
}

/// The line of `n` resources billed by the hour for the month: "2 NAT gateways".
fn hourly(
    component: Component,
    n: usize,
    what: &str,
    plural: &str,
    unit: &'static str,
    usage: &Usage,
    p: &Result<UnitPrice, String>,
) -> CostLine {
    let item = format!("{n} {what}{}", if n == 1 { "" } else { plural });
    line(component, item, n as f64 * usage.hours, unit, p)
}

/// The lab's own EBS volumes.
fn price_volumes(lines: &mut Vec<CostLine>, inv: &Inventory, region: &str, usage: &Usage) {
    if !inv.volumes.is_empty() {
        // The lab's own volumes, one line per type: storage plus provisioned IOPS/throughput.
        let mut by_type: BTreeMap<VolumeType, (usize, f64, Result<f64, String>)> = BTreeMap::new();
        for v in &inv.volumes {
            let e = by_type.entry(v.volume_type).or_insert((0, 0.0, Ok(0.0)));
            e.0 += 1;
            e.1 += v.size_gib as f64;
            let m =
                crate::model::storage::prices::volume_month(v.volume_type, v.size_gib, v.iops, v.throughput, region);
            e.2 = match (e.2.clone(), m) {
                (Ok(a), Ok(b)) => Ok(a + b),
                (Err(x), _) | (_, Err(x)) => Err(x),
            };
        }
        let frac = usage.hours / HOURS_PER_MONTH;
        for (t, (n, gb, usd)) in by_type {
            let p = crate::model::storage::prices::gb_month(t, region);
            let missing = usd.as_ref().err().cloned();
            lines.push(CostLine {
                component: Component::Ebs,
                item: format!(
                    "{} GB {} ({n} volume{}, from the lab's volumes)",
                    num(gb),
                    t.as_str(),
                    if n == 1 { "" } else { "s" }
                ),
                quantity: gb * frac,
                unit: "GB-months",
                unit_price_usd: p.as_ref().ok().map(|p| p.usd),
                monthly_usd: usd.ok().map(|u| u * frac),
                basis: p.as_ref().map(|p| p.basis.clone()).unwrap_or_default(),
                assumption: missing
                    .map(|m| format!("{m}: left out of the total"))
                    .or_else(|| p.ok().and_then(|p| p.assumption)),
            });
        }
    }
}

/// EBS snapshots, by GB stored.
fn price_snapshots(lines: &mut Vec<CostLine>, inv: &Inventory, region: &str, usage: &Usage) {
    if !inv.snapshot_gb.is_empty() {
        let n = inv.snapshot_gb.len();
        let gb: f64 = inv.snapshot_gb.iter().sum();
        let p = crate::model::storage::prices::snapshot_gb_month(region);
        let item = format!(
            "{n} snapshot{}, {} GB stored (a full one at its volume's size: an upper bound)",
            if n == 1 { "" } else { "s" },
            num((gb * 100.0).round() / 100.0)
        );
        lines.push(line(Component::EbsSnapshots, item, gb * (usage.hours / HOURS_PER_MONTH), "GB-months", &p));
    }
}

/// Root volumes assumed for instances whose volumes the lab does not know.
fn price_assumed_roots(lines: &mut Vec<CostLine>, inv: &Inventory, region: &str, usage: &Usage) {
    let assumed = inv.instances.iter().filter(|i| i.assumed_root).count();
    if assumed > 0 && usage.ebs_gb_per_instance > 0.0 {
        let gb = assumed as f64 * usage.ebs_gb_per_instance;
        // GB-months: prorated when the month is shorter than 730 h.
        let gb_months = gb * (usage.hours / HOURS_PER_MONTH);
        let v = usage.ebs_volume_type;
        let p = crate::model::storage::prices::gb_month(v, region);
        let item = format!(
            "{} GB {} ({} × {} GB, assumed root volumes)",
            num(gb),
            v.as_str(),
            assumed,
            num(usage.ebs_gb_per_instance)
        );
        lines.push(line(Component::Ebs, item, gb_months, "GB-months", &p));
    }
}

/// Data transfer out to the internet, past the free tier.
fn price_transfer_out(lines: &mut Vec<CostLine>, region: &str, usage: &Usage) {
    if usage.transfer_out_gb > 0.0 {
        let billed = (usage.transfer_out_gb - FREE_TRANSFER_OUT_GB).max(0.0);
        let p = transfer_out_gb(region);
        let item = format!(
            "{} GB out ({} GB free)",
            num(usage.transfer_out_gb),
            num(usage.transfer_out_gb.min(FREE_TRANSFER_OUT_GB))
        );
        lines.push(line(Component::DataTransferOut, item, billed, "GB", &p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::inventory::PricedInstance;
    fn inv() -> Inventory {
        Inventory {
            instances: vec![
                PricedInstance {
                    instance_type: "m5.large".into(),
                    running: true,
                    instance_id: "i-1".into(),
                    assumed_root: true,
                },
                PricedInstance {
                    instance_type: "m5.large".into(),
                    running: true,
                    instance_id: "i-2".into(),
                    assumed_root: true,
                },
                PricedInstance {
                    instance_type: "t3.micro".into(),
                    running: false,
                    instance_id: "i-3".into(),
                    assumed_root: true,
                },
            ],
            nat_gateways: 1,
            public_ipv4: 2,
            private_subnet_azs: 2,
            subnet_azs: 2,
            volumes: Vec::new(),
            snapshot_gb: Vec::new(),
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
    fn each_region_uses_its_own_prices() {
        // Frankfurt: NAT hour 0.052 (Price List), NAT GB 0.052 (a quote), gp3 0.0952.
        let e = estimate(&inv(), "eu-central-1", &Pricebook::default(), &Usage::default());
        assert!(close(e.by_component(Component::NatGatewayHours), 0.052 * 730.0));
        assert!(close(e.by_component(Component::NatGatewayData), 0.052 * 100.0));
        assert!(close(e.by_component(Component::Ebs), 24.0 * 0.0952));
        // Stockholm: NAT hour 0.046; no NAT GB price in the data.
        let e = estimate(&inv(), "eu-north-1", &Pricebook::default(), &Usage::default());
        assert!(close(e.by_component(Component::NatGatewayHours), 0.046 * 730.0));
        let data = e.lines.iter().find(|l| l.component == Component::NatGatewayData).unwrap();
        assert_eq!(data.monthly_usd, None, "never borrowed from another region");
        assert!(data.assumption.as_deref().unwrap().contains("no NAT gateway GB processed price for eu-north-1"));
        let seoul = estimate(&inv(), "ap-northeast-2", &Pricebook::default(), &Usage::default());
        assert!(close(seoul.by_component(Component::Instances), 2.0 * 0.118 * 730.0));
        assert!(close(seoul.by_component(Component::NatGatewayHours), 0.059 * 730.0));
        assert!(close(seoul.by_component(Component::Ebs), 24.0 * 0.0912));
        assert!(seoul
            .lines
            .iter()
            .any(|l| l.assumption.as_deref().is_some_and(|a| a.contains("not read from AWS directly"))));
        assert!(seoul.unpriced().is_empty());
    }

    #[test]
    fn a_missing_instance_price_is_not_guessed() {
        // m5.large is not offered in Malaysia, so the data has no price for it there.
        let e = estimate(&inv(), "ap-southeast-5", &Pricebook::default(), &Usage::default());
        let m5 = e.lines.iter().find(|l| l.item.contains("m5.large")).unwrap();
        assert_eq!(m5.monthly_usd, None);
        assert!(m5.assumption.as_deref().unwrap().contains("no price for m5.large in ap-southeast-5"));
        assert!(!e.unpriced().is_empty());
    }

    #[test]
    fn sao_paulo_instances_are_priced_from_the_price_list() {
        let e = estimate(&inv(), "sa-east-1", &Pricebook::default(), &Usage::default());
        let m5 = e.lines.iter().find(|l| l.item.contains("m5.large")).unwrap();
        assert_eq!(m5.unit_price_usd, Some(0.153));
        assert_eq!(m5.basis, "on-demand Linux, USD, AWS Price List of 2026-09-04");
        assert!(close(e.by_component(Component::Instances), 2.0 * 0.153 * 730.0));
        assert!(close(e.by_component(Component::NatGatewayHours), 0.093 * 730.0));
        assert!(close(e.by_component(Component::Ebs), 24.0 * 0.152));
    }

    #[test]
    fn transfer_beyond_the_free_tier_and_short_months() {
        let u = Usage { hours: 365.0, transfer_out_gb: 600.0, ..Usage::default() };
        let e = estimate(&inv(), "us-east-1", &Pricebook::default(), &u);
        assert!(close(e.by_component(Component::DataTransferOut), 500.0 * 0.09));
        assert!(close(e.by_component(Component::Ebs), 1.92 / 2.0));
        assert!(close(e.by_component(Component::Instances), 2.0 * 0.096 * 365.0));
        let seoul = estimate(&inv(), "ap-northeast-2", &Pricebook::default(), &u);
        assert!(close(seoul.by_component(Component::DataTransferOut), 500.0 * 0.126));
        // São Paulo's own rate (AWSDataTransfer first 10 TB), not the US one.
        let sao_paulo = estimate(&inv(), "sa-east-1", &Pricebook::default(), &u);
        assert!(close(sao_paulo.by_component(Component::DataTransferOut), 500.0 * 0.15));
    }

    #[test]
    fn one_nat_versus_one_per_az() {
        let u = Usage { nat_gb: 300.0, ..Usage::default() };
        let t = nat_tradeoff(3, "us-east-1", &u).unwrap();
        assert_eq!(t[0].nat_gateways, 1);
        assert_eq!(t[1].nat_gateways, 3);
        assert!(close(t[0].cross_az_gb, 200.0));
        assert!(close(t[0].cross_az_usd, 4.0));
        assert!(close(t[1].cross_az_gb, 0.0));
        assert!(close(t[1].hours_usd, 3.0 * 32.85));
        assert!(t[0].total_usd < t[1].total_usd);
        assert!(close(t[0].processing_usd, t[1].processing_usd));
        // Stockholm has a cross-AZ price but no NAT GB price; Zurich has neither.
        let missing = nat_tradeoff(3, "eu-north-1", &u).unwrap_err();
        assert!(missing.contains("NAT gateway GB processed") && !missing.contains("between AZs"), "{missing}");
        let missing = nat_tradeoff(3, "eu-central-2", &u).unwrap_err();
        assert!(missing.contains("NAT gateway GB processed") && missing.contains("between AZs"), "{missing}");
    }

    #[test]
    fn the_inventory_says_what_it_priced() {
        let mut i = inv();
        assert!(i.describe().contains("private subnets in 2 AZs"));
        i.private_subnet_azs = 0;
        assert!(i.describe().contains("no private subnets (subnets in 2 AZs)"), "{}", i.describe());
        i.subnet_azs = 0;
        assert!(i.describe().contains("no subnets"));
    }
}
