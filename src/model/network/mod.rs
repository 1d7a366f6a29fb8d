//! VPC networking: VPCs, subnets, route tables, gateways, security groups, network ACLs,
//! peering, endpoints, instances' network interfaces, and reachability.
//!
//! [`Network`] holds every resource of one lab (all regions) in creation order. Each
//! operation checks AWS's rules (docs/aws-facts.md, sections 1–3) before it changes anything, so an
//! `Err` leaves the network as it was.

pub mod cidr;
pub mod dns;
pub mod gateways;
pub mod instances;
pub mod reach;
pub mod routing;
pub mod security;
pub mod types;
pub mod vpc;
pub mod vpn;
pub mod wizard;

use crate::model::codes;
use std::net::Ipv4Addr;

pub use routing::TargetParam;
pub use types::*;

/// An AWS-style error: the API's error code and a message in AWS's wording.
#[derive(Clone, Debug, PartialEq)]
pub struct NetError {
    pub code: &'static str,
    pub message: String,
}

impl NetError {
    pub fn new(code: &'static str, message: impl Into<String>) -> NetError {
        NetError { code, message: message.into() }
    }
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for NetError {}

pub type NetResult<T> = Result<T, NetError>;

/// Every network resource in one lab (all regions).
#[derive(Clone, Debug, Default)]
pub struct Network {
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub egress_only_igws: Vec<EgressOnlyIgw>,
    pub elastic_ips: Vec<ElasticIp>,
    pub nat_gateways: Vec<NatGateway>,
    pub security_groups: Vec<SecurityGroup>,
    pub network_acls: Vec<NetworkAcl>,
    pub instances: Vec<Instance>,
    pub network_interfaces: Vec<NetworkInterface>,
    pub peerings: Vec<VpcPeering>,
    pub transit_gateways: Vec<TransitGateway>,
    pub tgw_attachments: Vec<TgwAttachment>,
    pub vpn_gateways: Vec<VpnGateway>,
    pub endpoints: Vec<VpcEndpoint>,
    pub customer_gateways: Vec<vpn::CustomerGateway>,
    pub vpn_connections: Vec<vpn::VpnConnection>,
    /// Counter behind every generated ID (deterministic within a session).
    seq: u64,
    /// Counters behind auto-assigned public IPs and Elastic IPs.
    public_ip_seq: u32,
    eip_seq: u32,
}

/// Anything with an ID, an optional Name tag and a region.
pub trait Resource {
    fn id(&self) -> &str;
    fn name(&self) -> Option<&str>;
    fn region(&self) -> &str;
}

macro_rules! resource {
    ($t:ty, $id:ident) => {
        impl Resource for $t {
            fn id(&self) -> &str {
                &self.$id
            }
            fn name(&self) -> Option<&str> {
                self.name.as_deref()
            }
            fn region(&self) -> &str {
                &self.region
            }
        }
    };
}
resource!(Vpc, id);
resource!(Subnet, id);
resource!(RouteTable, id);
resource!(InternetGateway, id);
resource!(EgressOnlyIgw, id);
resource!(ElasticIp, allocation_id);
resource!(NatGateway, id);
resource!(SecurityGroup, id);
resource!(NetworkAcl, id);
resource!(Instance, id);
resource!(NetworkInterface, id);
resource!(VpcPeering, id);
resource!(TransitGateway, id);
resource!(TgwAttachment, id);
resource!(VpnGateway, id);
resource!(VpcEndpoint, id);
resource!(vpn::CustomerGateway, id);
resource!(vpn::VpnConnection, id);

/// SplitMix64: turns the counter into well-spread, repeatable ID digits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Index of the resource whose ID or Name tag is `key`, within `region` when given.
pub fn position<T: Resource>(list: &[T], region: Option<&str>, key: &str) -> Option<usize> {
    let in_region = |r: &T| region.is_none_or(|g| r.region() == g);
    list.iter()
        .position(|r| r.id() == key && in_region(r))
        .or_else(|| list.iter().position(|r| r.name() == Some(key) && in_region(r)))
}

/// AWS's NotFound error for an unknown ID or name of the given kind.
pub fn not_found(code: &'static str, kind: &str, key: &str) -> NetError {
    NetError::new(code, format!("The {} ID '{}' does not exist", kind, key))
}

impl Network {
    /// A fresh, deterministic AWS-shaped ID: `vpc-0` + 16 hex digits (17 in all).
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        let salt = prefix.bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
        format!("{}-0{:016x}", prefix, mix(self.seq ^ (salt << 32)))
    }

    /// The next auto-assigned public IPv4 address (Amazon's pool; sequential here).
    pub(crate) fn next_public_ip(&mut self) -> Ipv4Addr {
        self.public_ip_seq += 1;
        Ipv4Addr::from(u32::from(Ipv4Addr::new(3, 34, 0, 0)) + self.public_ip_seq)
    }

    /// The next Elastic IP address.
    pub(crate) fn next_eip(&mut self) -> Ipv4Addr {
        self.eip_seq += 1;
        Ipv4Addr::from(u32::from(Ipv4Addr::new(52, 78, 0, 0)) + self.eip_seq)
    }

    /// IDs and Name tags of every resource with its kind and region, for tab completion.
    pub fn completion_items(&self) -> Vec<(String, &'static str, &str)> {
        let mut w = Vec::new();
        fn add<'a, T: Resource>(w: &mut Vec<(String, &'static str, &'a str)>, list: &'a [T], kind: &'static str) {
            for r in list {
                w.push((r.id().to_string(), kind, r.region()));
                if let Some(n) = r.name() {
                    w.push((n.to_string(), kind, r.region()));
                }
            }
        }
        add(&mut w, &self.vpcs, "vpc");
        add(&mut w, &self.subnets, "subnet");
        add(&mut w, &self.route_tables, "route table");
        add(&mut w, &self.internet_gateways, "internet gateway");
        add(&mut w, &self.egress_only_igws, "egress-only internet gateway");
        add(&mut w, &self.elastic_ips, "elastic ip");
        add(&mut w, &self.nat_gateways, "nat gateway");
        add(&mut w, &self.security_groups, "security group");
        add(&mut w, &self.network_acls, "network acl");
        add(&mut w, &self.instances, "instance");
        add(&mut w, &self.network_interfaces, "network interface");
        add(&mut w, &self.peerings, "peering connection");
        add(&mut w, &self.transit_gateways, "transit gateway");
        add(&mut w, &self.tgw_attachments, "transit gateway attachment");
        add(&mut w, &self.vpn_gateways, "vpn gateway");
        add(&mut w, &self.endpoints, "vpc endpoint");
        for sg in &self.security_groups {
            w.push((sg.group_name.clone(), "security group", sg.region()));
        }
        w
    }

    /// IDs and Name tags of every resource, offered by tab completion.
    pub fn completion_words(&self) -> Vec<String> {
        let mut w = Vec::new();
        fn add<T: Resource>(w: &mut Vec<String>, list: &[T]) {
            for r in list {
                w.push(r.id().to_string());
                if let Some(n) = r.name() {
                    w.push(n.to_string());
                }
            }
        }
        add(&mut w, &self.vpcs);
        add(&mut w, &self.subnets);
        add(&mut w, &self.route_tables);
        add(&mut w, &self.internet_gateways);
        add(&mut w, &self.egress_only_igws);
        add(&mut w, &self.elastic_ips);
        add(&mut w, &self.nat_gateways);
        add(&mut w, &self.security_groups);
        add(&mut w, &self.network_acls);
        add(&mut w, &self.instances);
        add(&mut w, &self.network_interfaces);
        add(&mut w, &self.peerings);
        add(&mut w, &self.transit_gateways);
        add(&mut w, &self.tgw_attachments);
        add(&mut w, &self.vpn_gateways);
        add(&mut w, &self.endpoints);
        add(&mut w, &self.customer_gateways);
        add(&mut w, &self.vpn_connections);
        for sg in &self.security_groups {
            w.push(sg.group_name.clone());
        }
        w.sort();
        w.dedup();
        w
    }

    // ---- lookups: by ID or Name tag, in a region (None = any region) ----

    pub fn vpc_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.vpcs, region, key).ok_or_else(|| not_found(codes::VPC_ID_NOT_FOUND, "vpc", key))
    }
    pub fn vpc(&self, region: Option<&str>, key: &str) -> NetResult<&Vpc> {
        self.vpc_idx(region, key).map(|i| &self.vpcs[i])
    }
    pub fn subnet_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.subnets, region, key).ok_or_else(|| not_found(codes::SUBNET_ID_NOT_FOUND, "subnet", key))
    }
    pub fn subnet(&self, region: Option<&str>, key: &str) -> NetResult<&Subnet> {
        self.subnet_idx(region, key).map(|i| &self.subnets[i])
    }
    pub fn route_table_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.route_tables, region, key)
            .ok_or_else(|| not_found(codes::ROUTE_TABLE_ID_NOT_FOUND, "routeTable", key))
    }
    pub fn igw_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.internet_gateways, region, key)
            .ok_or_else(|| not_found(codes::INTERNET_GATEWAY_ID_NOT_FOUND, "internetGateway", key))
    }
    pub fn eip_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.elastic_ips, region, key)
            .or_else(|| self.elastic_ips.iter().position(|e| e.public_ip.to_string() == key))
            .ok_or_else(|| not_found(codes::ALLOCATION_ID_NOT_FOUND, "allocation", key))
    }
    pub fn nat_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.nat_gateways, region, key).ok_or_else(|| {
            NetError::new(codes::NAT_GATEWAY_NOT_FOUND, format!("The Nat Gateway {} was not found", key))
        })
    }
    pub fn nacl_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.network_acls, region, key)
            .ok_or_else(|| not_found(codes::NETWORK_ACL_ID_NOT_FOUND, "networkAcl", key))
    }
    pub fn instance_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        let in_region = |i: &Instance| region.is_none_or(|g| i.region == g);
        self.instances
            .iter()
            .position(|i| i.id == key && in_region(i))
            .or_else(|| {
                // A Name may be reused after termination: prefer the live instance.
                self.instances.iter().position(|i| {
                    i.name.as_deref() == Some(key) && i.state != InstanceState::Terminated && in_region(i)
                })
            })
            .or_else(|| self.instances.iter().position(|i| i.name.as_deref() == Some(key) && in_region(i)))
            .ok_or_else(|| {
                NetError::new(codes::INSTANCE_ID_NOT_FOUND, format!("The instance ID '{}' does not exist", key))
            })
    }
    pub fn eni_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.network_interfaces, region, key)
            .ok_or_else(|| not_found(codes::NETWORK_INTERFACE_ID_NOT_FOUND, "networkInterface", key))
    }
    pub fn peering_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.peerings, region, key)
            .or_else(|| position(&self.peerings, None, key))
            .ok_or_else(|| not_found(codes::VPC_PEERING_CONNECTION_ID_NOT_FOUND, "vpcPeeringConnection", key))
    }
    pub fn tgw_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.transit_gateways, region, key).ok_or_else(|| {
            NetError::new(
                codes::TRANSIT_GATEWAY_ID_NOT_FOUND,
                format!("Transit Gateway {} was deleted or does not exist.", key),
            )
        })
    }
    pub fn vgw_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.vpn_gateways, region, key)
            .ok_or_else(|| not_found(codes::VPN_GATEWAY_ID_NOT_FOUND, "vpnGateway", key))
    }
    pub fn eigw_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.egress_only_igws, region, key)
            .ok_or_else(|| not_found(codes::GATEWAY_ID_NOT_FOUND, "egressOnlyInternetGateway", key))
    }
    pub fn endpoint_idx(&self, region: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.endpoints, region, key).ok_or_else(|| {
            NetError::new(codes::VPC_ENDPOINT_ID_NOT_FOUND, format!("The Vpc Endpoint Id '{}' does not exist", key))
        })
    }

    /// A security group by ID, Name tag, or group name (within `vpc_id` when given).
    pub fn sg_idx(&self, region: Option<&str>, vpc_id: Option<&str>, key: &str) -> NetResult<usize> {
        position(&self.security_groups, region, key)
            .or_else(|| {
                self.security_groups.iter().position(|g| {
                    g.group_name == key && vpc_id.is_none_or(|v| g.vpc_id == v) && region.is_none_or(|r| g.region == r)
                })
            })
            .ok_or_else(|| {
                NetError::new(codes::GROUP_NOT_FOUND, format!("The security group '{}' does not exist", key))
            })
    }

    /// The VPC's main route table.
    pub fn main_route_table(&self, vpc_id: &str) -> Option<&RouteTable> {
        self.route_tables.iter().find(|t| t.vpc_id == vpc_id && t.main)
    }

    /// The route table that decides for this subnet: its explicit association, else main.
    pub fn route_table_for_subnet(&self, subnet_id: &str) -> Option<&RouteTable> {
        self.route_tables
            .iter()
            .find(|t| t.associations.iter().any(|a| a.subnet_id == subnet_id))
            .or_else(|| self.subnets.iter().find(|s| s.id == subnet_id).and_then(|s| self.main_route_table(&s.vpc_id)))
    }

    /// The network ACL associated with this subnet.
    pub fn nacl_for_subnet(&self, subnet_id: &str) -> Option<&NetworkAcl> {
        self.network_acls.iter().find(|n| n.associations.iter().any(|a| a.subnet_id == subnet_id))
    }

    /// The IGW attached to this VPC, if any.
    pub fn igw_of_vpc(&self, vpc_id: &str) -> Option<&InternetGateway> {
        self.internet_gateways.iter().find(|g| g.vpc_id.as_deref() == Some(vpc_id))
    }

    /// Network interfaces that hold an address in this subnet.
    pub fn enis_in_subnet<'a>(&'a self, subnet_id: &'a str) -> impl Iterator<Item = &'a NetworkInterface> + 'a {
        self.network_interfaces.iter().filter(move |e| e.subnet_id == subnet_id)
    }

    /// The primary network interface of an instance.
    pub fn instance_eni(&self, instance: &Instance) -> Option<&NetworkInterface> {
        self.network_interfaces.iter().find(|e| e.id == instance.eni_id)
    }

    /// An instance's current private IP, public IP, and whether the public one is an EIP.
    pub fn instance_addresses(&self, instance: &Instance) -> (Option<Ipv4Addr>, Option<Ipv4Addr>, bool) {
        match self.instance_eni(instance) {
            Some(e) => (Some(e.private_ip), e.public_ip, e.eip_allocation.is_some()),
            None => (instance.last_private_ip, None, false),
        }
    }

    /// Whether the subnet's route table sends 0.0.0.0/0 (or any route) to an IGW: AWS's
    /// definition of a public subnet.
    pub fn subnet_is_public(&self, subnet_id: &str) -> bool {
        self.route_table_for_subnet(subnet_id)
            .map(|t| t.routes.iter().any(|r| r.target.starts_with("igw-") && self.target_state(&r.target) == "active"))
            .unwrap_or(false)
    }

    /// VPCs of a region, in creation order.
    pub fn vpcs_in<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a Vpc> + 'a {
        self.vpcs.iter().filter(move |v| v.region == region)
    }

    /// A resource's Name tag, or its ID when it has none (subnets, route tables, …).
    pub fn short_name(&self, id: &str) -> String {
        self.subnets
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.name.clone())
            .or_else(|| self.route_tables.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    /// A short label for a resource ID: `Name (id)` when named, else the ID.
    pub fn label(&self, id: &str) -> String {
        let name = self
            .vpcs
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.name.clone())
            .or_else(|| self.subnets.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.instances.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.security_groups.iter().find(|r| r.id == id).map(|r| r.group_name.clone()))
            .or_else(|| self.route_tables.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.network_acls.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.nat_gateways.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.internet_gateways.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.peerings.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.transit_gateways.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.vpn_gateways.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.endpoints.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.customer_gateways.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.vpn_connections.iter().find(|r| r.id == id).and_then(|r| r.name.clone()))
            .or_else(|| self.elastic_ips.iter().find(|r| r.allocation_id == id).and_then(|r| r.name.clone()));
        match name {
            Some(n) if n != id => format!("{} ({})", n, id),
            _ => id.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
