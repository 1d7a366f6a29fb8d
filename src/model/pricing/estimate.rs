//! Monthly cost of what a VPC holds, per region: instances (from the pricebook), NAT
//! gateway hours and GB processed, public IPv4 addresses, EBS volumes and snapshots, data transfer
//! out — each non-instance price read from `data/vpc_prices.csv` for that region, with its
//! source and date. A price the data does not have for a region is never borrowed from
//! another region: the line names what is missing and stays out of the total.

use std::collections::{BTreeMap, BTreeSet};

use super::components::{self, Item, VolumeType};
use super::Pricebook;
use crate::model::network::{InstanceState, Network, Vpc};
use crate::model::storage::images::RootDeviceType;
use crate::model::storage::{Storage, Volume};

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

/// One instance as the cost model sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedInstance {
    pub instance_type: String,
    /// Only running instances are billed for compute (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html).
    pub running: bool,
    pub instance_id: String,
    /// Its disks are not known (no volume in `Inventory::volumes` and no instance-store
    /// root): priced with the usage's assumed EBS root volume.
    pub assumed_root: bool,
}

/// What a VPC holds that costs money.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Inventory {
    pub instances: Vec<PricedInstance>,
    pub nat_gateways: usize,
    /// Public IPv4 addresses: Elastic IPs (attached or idle) and auto-assigned ones.
    pub public_ipv4: usize,
    /// AZs with a private subnet (no route to an internet gateway).
    pub private_subnet_azs: usize,
    /// AZs with any subnet.
    pub subnet_azs: usize,
    /// EBS volumes attached to its instances, when the lab has them (priced as they are;
    /// the `ebs_gb_per_instance` assumption covers only instances with `assumed_root`).
    pub volumes: Vec<PricedVolume>,
    /// GB each snapshot of those volumes stores (the storage model's estimate; snapshots
    /// are billed per GB-month of data stored).
    pub snapshot_gb: Vec<f64>,
}

/// One EBS volume as the cost model sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedVolume {
    pub volume_type: VolumeType,
    pub size_gib: u32,
    pub iops: Option<u32>,
    pub throughput: Option<u32>,
}

impl Inventory {
    /// The AZs whose private subnets need NAT: those with private subnets, else every AZ
    /// with a subnet (a design still to be split).
    pub fn nat_azs(&self) -> usize {
        if self.private_subnet_azs > 0 {
            self.private_subnet_azs
        } else {
            self.subnet_azs
        }
    }

    /// One sentence of what was priced: "2 instances (2 running), 1 NAT gateway, …".
    pub fn describe(&self) -> String {
        let n = self.instances.len();
        let running = self.instances.iter().filter(|i| i.running).count();
        let plural = |k: usize, one: &str, many: &str| if k == 1 { one.to_string() } else { many.to_string() };
        let subnets = match (self.private_subnet_azs, self.subnet_azs) {
            (_, 0) => "no subnets".to_string(),
            (0, a) => format!("no private subnets (subnets in {a} AZ{})", plural(a, "", "s")),
            (p, _) => format!("private subnets in {p} AZ{}", plural(p, "", "s")),
        };
        format!(
            "{n} instance{} ({running} running), {} NAT gateway{}, {} public IPv4 address{}, {subnets}",
            plural(n, "", "s"),
            self.nat_gateways,
            plural(self.nat_gateways, "", "s"),
            self.public_ipv4,
            plural(self.public_ipv4, "", "es"),
        )
    }
}

/// What `vpc` holds that is billed: instances not terminated (running ones billed for
/// compute), available NAT gateways, public IPv4 addresses on its interfaces plus idle
/// Elastic IPs of its region, where its subnets are, and the EBS volumes and snapshots of
/// its instances.
pub fn inventory(net: &Network, storage: &Storage, vpc: &Vpc) -> Inventory {
    let instances: Vec<PricedInstance> = net
        .instances
        .iter()
        .filter(|i| i.vpc_id == vpc.id && i.state != InstanceState::Terminated)
        .map(|i| PricedInstance {
            instance_type: i.instance_type.clone(),
            // Billed while running, and while stopping to hibernate
            // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html).
            running: i.state == InstanceState::Running || (i.state == InstanceState::Stopping && i.hibernated),
            instance_id: i.id.clone(),
            assumed_root: !disks_known(net, storage, &i.id),
        })
        .collect();
    let nat_gateways = net.nat_gateways.iter().filter(|n| n.vpc_id == vpc.id && n.state == "available").count();
    // Public IPv4 addresses are billed in use or idle
    // (https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/).
    let attached = net.network_interfaces.iter().filter(|e| e.vpc_id == vpc.id && e.public_ip.is_some()).count();
    let idle_eips = net.elastic_ips.iter().filter(|e| e.region == vpc.region && e.association_id.is_none()).count();
    let subnets: Vec<_> = net.subnets.iter().filter(|s| s.vpc_id == vpc.id).collect();
    let private: BTreeSet<&str> =
        subnets.iter().filter(|s| !net.subnet_is_public(&s.id)).map(|s| s.availability_zone.as_str()).collect();
    let all: BTreeSet<&str> = subnets.iter().map(|s| s.availability_zone.as_str()).collect();
    let volumes = attached_volumes(net, storage, &vpc.id);
    Inventory {
        instances,
        nat_gateways,
        public_ipv4: attached + idle_eips,
        private_subnet_azs: private.len(),
        subnet_azs: all.len(),
        volumes: volumes.iter().map(|v| priced_volume(v)).collect(),
        snapshot_gb: snapshots_stored(storage, &volumes, &vpc.region),
    }
}

/// The volumes attached to a VPC's instances (terminated ones have none left attached).
fn attached_volumes<'a>(net: &Network, storage: &'a Storage, vpc_id: &str) -> Vec<&'a Volume> {
    let ids: Vec<&str> = net.instances.iter().filter(|i| i.vpc_id == vpc_id).map(|i| i.id.as_str()).collect();
    storage.volumes.iter().filter(|v| v.attachments.iter().any(|a| ids.contains(&a.instance_id.as_str()))).collect()
}

fn priced_volume(v: &Volume) -> PricedVolume {
    PricedVolume { volume_type: v.volume_type, size_gib: v.size_gib, iops: v.iops, throughput: v.throughput }
}

/// GB stored by each snapshot, in the VPC's region, of those volumes (snapshots are billed
/// per GB-month of data stored).
fn snapshots_stored(storage: &Storage, volumes: &[&Volume], region: &str) -> Vec<f64> {
    storage
        .snapshots
        .iter()
        .filter(|s| s.region == region && volumes.iter().any(|v| v.id == s.volume_id))
        .map(|s| s.stored_gib())
        .collect()
}

/// Whether the lab knows an instance's disks: it has an EBS volume attached, or its root is
/// on the instance store (then it has no EBS root). Otherwise the cost assumes a root volume.
fn disks_known(net: &Network, storage: &Storage, instance_id: &str) -> bool {
    !storage.volumes_of(instance_id).is_empty()
        || storage.root_device_type(net, instance_id) == RootDeviceType::InstanceStore
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
        let n = inv.nat_gateways;
        let p = nat_gateway_hour(region);
        let item = format!("{n} NAT gateway{}", if n == 1 { "" } else { "s" });
        lines.push(line(Component::NatGatewayHours, item, n as f64 * usage.hours, "hours", &p));
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
        let n = inv.public_ipv4;
        let p = public_ipv4_hour(region);
        let item = format!("{n} public IPv4 address{}", if n == 1 { "" } else { "es" });
        lines.push(line(Component::PublicIpv4, item, n as f64 * usage.hours, "IP-hours", &p));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
