//! What a VPC holds that is billed, read off the lab's network and storage.

use std::collections::BTreeSet;

use crate::model::network::{InstanceState, Network, Vpc};
use crate::model::pricing::components::VolumeType;
use crate::model::storage::images::RootDeviceType;
use crate::model::storage::{Storage, Volume};

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
