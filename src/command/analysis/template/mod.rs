//! `export vpc NAME PATH --format cloudformation|terraform`: a template that would build the
//! same VPC — CIDRs, subnets, route tables, routes and associations, internet and
//! egress-only gateways, Elastic IPs and NAT gateways, security groups and their rules,
//! custom network ACLs, gateway endpoints and peering requested by this VPC, its instances
//! (AMI, type, subnet, security groups, root block device) and the EBS data volumes
//! attached to them with their attachments.
//!
//! Things a template cannot or need not create are left to AWS and named in a note: the
//! default security group and default network ACL (AWS creates them with the VPC), and
//! the implicit 32767 NACL rules. Resources outside the VPC (peer VPCs, transit gateways,
//! the AMIs) are referred to by their IDs. Instances an Auto Scaling group launched are left
//! to the group (named in a note), as are terminated ones.
//!
//! One file per format: this one gathers what both emit ([`Parts`]) and the helpers they
//! share; `cloudformation` and `terraform` write it out.

mod cloudformation;
mod terraform;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::model::network::{Instance, InstanceState, Network, Protocol, Vpc};
use crate::model::storage::{is_root_device, Snapshot, Storage, Volume};

use terraform::hcl_str;

pub use cloudformation::cloudformation;
pub use terraform::terraform;

/// How one resource of the VPC is referred to: its CloudFormation logical ID and its
/// Terraform address.
struct Names {
    cfn: BTreeMap<String, String>,
    tf: BTreeMap<String, String>,
}

impl Names {
    fn add(&mut self, id: &str, cfn_prefix: &str, tf_type: &str) {
        let tail: String =
            id.split_once('-').map(|(_, t)| t).unwrap_or(id).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        self.cfn.insert(id.to_string(), format!("{}{}", cfn_prefix, tail));
        self.tf
            .insert(id.to_string(), format!("{}.{}", tf_type, id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")));
    }
    /// `{"Ref": logical}` for a resource in the template, else the literal ID.
    fn cfn_ref(&self, id: &str) -> Value {
        match self.cfn.get(id) {
            Some(l) => json!({ "Ref": l }),
            None => Value::String(id.to_string()),
        }
    }
    /// `aws_x.y.id` for a resource in the template, else the quoted literal ID.
    fn tf_ref(&self, id: &str) -> String {
        match self.tf.get(id) {
            Some(a) => format!("{}.id", a),
            None => hcl_str(id),
        }
    }
}

/// An instance a template launches and its EBS root volume (the volume, its device, and
/// DeleteOnTermination); none for an instance-store root.
type Launched<'a> = (&'a Instance, Option<(&'a Volume, String, bool)>);

/// Everything of one VPC the templates need, gathered once.
struct Parts<'a> {
    names: Names,
    notes: Vec<String>,
    /// The VPC's instances the template launches, each with its EBS root volume (none for
    /// an instance-store root).
    instances: Vec<Launched<'a>>,
    /// EBS data volumes attached to the VPC's instances, with the (instance, device) pairs.
    volumes: Vec<(&'a Volume, Vec<(String, String)>)>,
    /// Snapshots, in the VPC's region, of those volumes and of the instances' roots.
    snapshots: Vec<&'a Snapshot>,
}

/// The VPC's instances a template launches (not terminated, not an Auto Scaling group's),
/// their root volumes, and the data volumes attached to any of the VPC's instances.
#[allow(clippy::type_complexity)]
fn vpc_instances<'a>(
    net: &'a Network,
    storage: &'a Storage,
    vid: &str,
) -> (Vec<Launched<'a>>, Vec<(&'a Volume, Vec<(String, String)>)>, Vec<String>) {
    let all: Vec<&Instance> =
        net.instances.iter().filter(|i| i.vpc_id == vid && i.state != InstanceState::Terminated).collect();
    let ids: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
    let mut left = Vec::new();
    let mut instances = Vec::new();
    for i in &all {
        if i.auto_scaling_group.is_some() {
            left.push(i.id.clone());
            continue;
        }
        let root = storage.volumes_of(&i.id).into_iter().find_map(|v| {
            v.attachments
                .iter()
                .find(|a| a.instance_id == i.id && is_root_device(&a.device))
                .map(|a| (v, a.device.clone(), a.delete_on_termination))
        });
        instances.push((*i, root));
    }
    let mut data = Vec::new();
    for v in &storage.volumes {
        let atts: Vec<(String, String)> = v
            .attachments
            .iter()
            .filter(|a| ids.contains(&a.instance_id.as_str()))
            .map(|a| (a.instance_id.clone(), a.device.clone()))
            .collect();
        if !atts.is_empty() && !atts.iter().any(|(_, d)| is_root_device(d)) {
            data.push((v, atts));
        }
    }
    (instances, data, left)
}

fn gather<'a>(net: &'a Network, storage: &'a Storage, vpc: &Vpc) -> Parts<'a> {
    let mut names = Names { cfn: BTreeMap::new(), tf: BTreeMap::new() };
    let vid = vpc.id.as_str();
    names.add(vid, "Vpc", "aws_vpc");
    for s in net.subnets.iter().filter(|s| s.vpc_id == vid) {
        names.add(&s.id, "Subnet", "aws_subnet");
    }
    for rt in net.route_tables.iter().filter(|r| r.vpc_id == vid) {
        names.add(&rt.id, "RouteTable", "aws_route_table");
    }
    for g in net.internet_gateways.iter().filter(|g| g.vpc_id.as_deref() == Some(vid)) {
        names.add(&g.id, "InternetGateway", "aws_internet_gateway");
    }
    for g in net.egress_only_igws.iter().filter(|g| g.vpc_id == vid) {
        names.add(&g.id, "EgressOnlyIgw", "aws_egress_only_internet_gateway");
    }
    for n in net.nat_gateways.iter().filter(|n| n.vpc_id == vid && n.state != "deleted") {
        names.add(&n.id, "NatGateway", "aws_nat_gateway");
        if let Some(a) = &n.allocation_id {
            names.add(a, "Eip", "aws_eip");
        }
    }
    for g in net.security_groups.iter().filter(|g| g.vpc_id == vid && g.group_name != "default") {
        names.add(&g.id, "SecurityGroup", "aws_security_group");
    }
    for a in net.network_acls.iter().filter(|a| a.vpc_id == vid && !a.is_default) {
        names.add(&a.id, "NetworkAcl", "aws_network_acl");
    }
    for e in net.endpoints.iter().filter(|e| e.vpc_id == vid) {
        names.add(&e.id, "VpcEndpoint", "aws_vpc_endpoint");
    }
    for p in net.peerings.iter().filter(|p| p.requester_vpc == vid && p.status != "deleted" && p.status != "rejected") {
        names.add(&p.id, "Peering", "aws_vpc_peering_connection");
    }
    let mut notes = vec![
        "The default security group and default network ACL are created by AWS with the VPC; their rules are not in the template."
            .to_string(),
    ];
    if net.peerings.iter().any(|p| p.accepter_vpc == vid) {
        notes.push("Peerings requested by other VPCs are not included; accept them from the requester's side.".into());
    }
    let (instances, volumes, left) = vpc_instances(net, storage, vid);
    for (i, _) in &instances {
        names.add(&i.id, "Instance", "aws_instance");
    }
    for (v, _) in &volumes {
        names.add(&v.id, "Volume", "aws_ebs_volume");
    }
    if !left.is_empty() {
        notes.push(format!(
            "Instances launched by Auto Scaling are left to their group and referred to by ID: {}.",
            left.join(", ")
        ));
    }
    let exported: Vec<&str> = volumes
        .iter()
        .map(|(v, _)| v.id.as_str())
        .chain(instances.iter().filter_map(|(_, r)| r.as_ref().map(|(v, _, _)| v.id.as_str())))
        .collect();
    let snapshots: Vec<&Snapshot> = storage
        .snapshots
        .iter()
        .filter(|s| s.region == vpc.region && exported.contains(&s.volume_id.as_str()))
        .collect();
    if !snapshots.is_empty() {
        // A snapshot resource takes a new snapshot of the new volume: the data of these
        // ones is not in any template (a volume made from one keeps its SnapshotId).
        notes.push(format!(
            "Snapshots ({}) hold the lab's data, which no template carries: Terraform's aws_ebs_snapshot takes a new snapshot of the new volume; CloudFormation has no snapshot resource.",
            snapshots.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    Parts { names, notes, instances, volumes, snapshots }
}

fn name_of(name: &Option<String>) -> Option<&str> {
    name.as_deref()
}

/// The route target's CloudFormation property and Terraform argument, by ID prefix.
fn target_kind(target: &str) -> Option<(&'static str, &'static str)> {
    let prefix = target.split('-').next().unwrap_or("");
    Some(match prefix {
        "igw" | "vgw" => ("GatewayId", "gateway_id"),
        "eigw" => ("EgressOnlyInternetGatewayId", "egress_only_gateway_id"),
        "nat" => ("NatGatewayId", "nat_gateway_id"),
        "pcx" => ("VpcPeeringConnectionId", "vpc_peering_connection_id"),
        "tgw" => ("TransitGatewayId", "transit_gateway_id"),
        "eni" => ("NetworkInterfaceId", "network_interface_id"),
        "vpce" => ("VpcEndpointId", "vpc_endpoint_id"),
        _ => return None,
    })
}

/// An instance route target becomes its primary network interface (both formats take one).
fn route_target(net: &Network, target: &str) -> String {
    if target.starts_with("i-") {
        if let Some(i) = net.instances.iter().find(|i| i.id == target) {
            return i.eni_id.clone();
        }
    }
    target.to_string()
}

fn ports_of(r_protocol: Protocol, ports: Option<(u16, u16)>) -> (i64, i64) {
    match (r_protocol, ports) {
        (Protocol::All, _) => (-1, -1),
        (Protocol::Icmp, _) => (-1, -1),
        (_, Some((a, b))) => (a as i64, b as i64),
        (_, None) => (0, 65535),
    }
}
