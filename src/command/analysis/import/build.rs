//! The model's resources built from the documents, one kind at a time in the order their
//! references need: VPCs, subnets, gateways, security groups, network ACLs, route tables,
//! instances. Each checks its IDs are new and that the VPC or subnet it names exists.

use std::collections::HashSet;

use super::bad;
use super::docs::Docs;
use super::fields::*;
use crate::command::shapes::{self, each, tag};
use crate::command::CommandError;
use crate::model::network::security::DEFAULT_DENY_RULE;
use crate::model::network::*;

/// Adds every resource of `d` to `net` (a copy: the caller keeps it only when this
/// succeeds), and says how many of each kind the files listed.
pub(super) fn build(net: &mut Network, d: &Docs, region: &str) -> Result<Vec<(&'static str, usize)>, CommandError> {
    let mut b = Importer::new(net, region);
    let mut counts = vec![
        ("VPCs", b.add(&d.vpcs, Importer::vpc)?),
        ("subnets", b.add(&d.subnets, Importer::subnet)?),
        ("internet gateways", b.add(&d.internet_gateways, Importer::internet_gateway)?),
        ("NAT gateways", b.add(&d.nat_gateways, Importer::nat_gateway)?),
        ("security groups", b.add(&d.security_groups, Importer::security_group)?),
        ("network ACLs", b.add(&d.network_acls, Importer::network_acl)?),
        ("route tables", b.add(&d.route_tables, Importer::route_table)?),
    ];
    for (file, reservation, v) in &d.instances {
        b.instance(file, reservation, v)?;
    }
    counts.push(("instances", d.instances.len()));
    Ok(counts)
}

/// Adds one resource of a kind from its file.
type AddOne<'n, T> = fn(&mut Importer<'n>, &str, &T) -> Result<(), CommandError>;

/// The network being added to, with the IDs it holds.
struct Importer<'a> {
    net: &'a mut Network,
    region: &'a str,
    /// Every ID in the lab, and the VPCs and subnets resources may refer to, as sets: the
    /// linear scans they replace made importing 30,000 VPCs take 17.7 s (issue 19).
    ids: HashSet<String>,
    vpc_ids: HashSet<String>,
    subnet_ids: HashSet<String>,
}

impl<'a> Importer<'a> {
    fn new(net: &'a mut Network, region: &'a str) -> Self {
        let ids: HashSet<String> = net
            .vpcs
            .iter()
            .map(|x| &x.id)
            .chain(net.subnets.iter().map(|x| &x.id))
            .chain(net.route_tables.iter().map(|x| &x.id))
            .chain(net.security_groups.iter().map(|x| &x.id))
            .chain(net.network_acls.iter().map(|x| &x.id))
            .chain(net.internet_gateways.iter().map(|x| &x.id))
            .chain(net.nat_gateways.iter().map(|x| &x.id))
            .chain(net.instances.iter().map(|x| &x.id))
            .cloned()
            .collect();
        let vpc_ids: HashSet<String> = net.vpcs.iter().map(|x| x.id.clone()).collect();
        let subnet_ids: HashSet<String> = net.subnets.iter().map(|x| x.id.clone()).collect();
        Importer { net, region, ids, vpc_ids, subnet_ids }
    }

    /// Adds each resource of one kind with `one`; how many the files list.
    fn add<T>(&mut self, list: &[(String, T)], one: AddOne<'a, T>) -> Result<usize, CommandError> {
        for (file, v) in list {
            one(self, file, v)?;
        }
        Ok(list.len())
    }

    fn fresh(&mut self, file: &str, id: &str) -> Result<(), CommandError> {
        if !self.ids.insert(id.to_string()) {
            Err(CommandError::new("InvalidImportFile", format!("{}: {} is already in the lab", file, id))
                .with_hint("nothing was imported; `reset` first to import into an empty lab"))
        } else {
            Ok(())
        }
    }

    /// A new ID `id` in the VPC `vpc` names (one in the files or the lab): that VPC.
    fn fresh_in_vpc<'v>(&mut self, file: &str, id: &str, vpc: &'v Option<String>) -> Result<&'v str, CommandError> {
        self.fresh(file, id)?;
        let vpc = req(file, vpc, "VpcId", id)?;
        self.need_vpc(file, vpc, id)?;
        Ok(vpc)
    }

    fn need_vpc(&self, file: &str, vpc: &str, what: &str) -> Result<(), CommandError> {
        if self.vpc_ids.contains(vpc) {
            Ok(())
        } else {
            Err(bad(
                file,
                format!("{} is in {}, which is in neither the files nor the lab (add describe-vpcs output)", what, vpc),
            ))
        }
    }

    fn need_subnet(&self, file: &str, subnet: &str, what: &str) -> Result<(), CommandError> {
        if self.subnet_ids.contains(subnet) {
            Ok(())
        } else {
            Err(bad(
                file,
                format!(
                    "{} refers to {}, which is in neither the files nor the lab (add describe-subnets output)",
                    what, subnet
                ),
            ))
        }
    }

    /// A VPC, its associated CIDR blocks first (the primary `CidrBlock` when none is listed).
    fn vpc(&mut self, file: &str, v: &shapes::Vpc) -> Result<(), CommandError> {
        let id = req(file, &v.vpc_id, "VpcId", "a VPC")?;
        self.fresh(file, id)?;
        let mut cidrs = Vec::new();
        let mut assocs = Vec::new();
        for a in each(&v.cidr_block_association_set) {
            let state = a.cidr_block_state.as_ref().and_then(|s| s.state.as_deref());
            if state.is_none_or(|st| st == "associated") {
                cidrs.push(ipv4net(file, req(file, &a.cidr_block, "CidrBlock", id)?, id)?);
                assocs.push(a.association_id.clone().unwrap_or_default());
            }
        }
        if cidrs.is_empty() {
            cidrs.push(ipv4net(file, req(file, &v.cidr_block, "CidrBlock", id)?, id)?);
            assocs.push(String::new());
        }
        self.vpc_ids.insert(id.to_string());
        self.net.vpcs.push(Vpc {
            id: id.into(),
            region: self.region.into(),
            cidrs,
            cidr_associations: assocs,
            is_default: v.is_default.unwrap_or(false),
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// A subnet of a VPC in the files or the lab.
    fn subnet(&mut self, file: &str, v: &shapes::Subnet) -> Result<(), CommandError> {
        let id = req(file, &v.subnet_id, "SubnetId", "a subnet")?;
        let vpc = self.fresh_in_vpc(file, id, &v.vpc_id)?;
        self.subnet_ids.insert(id.to_string());
        self.net.subnets.push(Subnet {
            id: id.into(),
            region: self.region.into(),
            vpc_id: vpc.into(),
            availability_zone: req(file, &v.availability_zone, "AvailabilityZone", id)?.into(),
            cidr: ipv4net(file, req(file, &v.cidr_block, "CidrBlock", id)?, id)?,
            map_public_ip_on_launch: v.map_public_ip_on_launch.unwrap_or(false),
            default_for_az: v.default_for_az.unwrap_or(false),
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// An internet gateway, attached or not.
    fn internet_gateway(&mut self, file: &str, v: &shapes::InternetGateway) -> Result<(), CommandError> {
        let id = req(file, &v.internet_gateway_id, "InternetGatewayId", "an internet gateway")?;
        self.fresh(file, id)?;
        let vpc = each(&v.attachments).first().and_then(|a| a.vpc_id.clone());
        if let Some(vpc) = &vpc {
            self.need_vpc(file, vpc, id)?;
        }
        self.net.internet_gateways.push(InternetGateway {
            id: id.into(),
            region: self.region.into(),
            vpc_id: vpc,
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// A NAT gateway with its Elastic IP and network interface; deleted and failed ones are skipped.
    fn nat_gateway(&mut self, file: &str, v: &shapes::NatGateway) -> Result<(), CommandError> {
        let id = req(file, &v.nat_gateway_id, "NatGatewayId", "a NAT gateway")?;
        let state = v.state.as_deref().unwrap_or("available");
        if state == "deleted" || state == "failed" {
            return Ok(());
        }
        let vpc = self.fresh_in_vpc(file, id, &v.vpc_id)?;
        let subnet = req(file, &v.subnet_id, "SubnetId", id)?;
        self.need_subnet(file, subnet, id)?;
        let addr = each(&v.nat_gateway_addresses)
            .first()
            .ok_or_else(|| bad(file, format!("{} has no NatGatewayAddresses", id)))?;
        let private_ip = ip(file, req(file, &addr.private_ip, "PrivateIp", id)?, id)?;
        let eni = addr.network_interface_id.clone().unwrap_or_default();
        let public_ip = opt_ip(file, &addr.public_ip, id)?;
        let allocation = addr.allocation_id.clone();
        let connectivity = if v.connectivity_type.as_deref() == Some("private") {
            Connectivity::Private
        } else {
            Connectivity::Public
        };
        if let (Some(a), Some(pip)) = (&allocation, public_ip) {
            if !self.net.elastic_ips.iter().any(|e| &e.allocation_id == a) {
                self.net.elastic_ips.push(ElasticIp {
                    allocation_id: a.clone(),
                    region: self.region.into(),
                    public_ip: pip,
                    association_id: addr.association_id.clone(),
                    eni_id: Some(eni.clone()).filter(|e| !e.is_empty()),
                    name: None,
                });
            }
        }
        let az =
            self.net.subnets.iter().find(|x| x.id == subnet).map(|x| x.availability_zone.clone()).unwrap_or_default();
        if !eni.is_empty() {
            self.net.network_interfaces.push(NetworkInterface {
                id: eni.clone(),
                region: self.region.into(),
                vpc_id: vpc.into(),
                subnet_id: subnet.into(),
                availability_zone: az,
                private_ip,
                public_ip,
                eip_allocation: allocation.clone(),
                security_groups: Vec::new(),
                interface_type: "nat_gateway",
                owner: id.into(),
                description: format!("Interface for NAT Gateway {}", id),
                name: None,
            });
        }
        self.net.nat_gateways.push(NatGateway {
            id: id.into(),
            region: self.region.into(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            connectivity,
            allocation_id: allocation,
            public_ip,
            private_ip,
            eni_id: eni,
            state: "available",
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// A security group and its rules, within the quota.
    fn security_group(&mut self, file: &str, v: &shapes::SecurityGroup) -> Result<(), CommandError> {
        let id = req(file, &v.group_id, "GroupId", "a security group")?;
        let vpc = self.fresh_in_vpc(file, id, &v.vpc_id)?;
        let ingress = sg_rules(file, &v.ip_permissions, id, "ingress")?;
        let egress = sg_rules(file, &v.ip_permissions_egress, id, "egress")?;
        within_quota(file, id, "inbound rules", ingress.len(), MAX_RULES_PER_SG_DIRECTION)?;
        within_quota(file, id, "outbound rules", egress.len(), MAX_RULES_PER_SG_DIRECTION)?;
        self.net.security_groups.push(SecurityGroup {
            id: id.into(),
            region: self.region.into(),
            vpc_id: vpc.into(),
            group_name: req(file, &v.group_name, "GroupName", id)?.into(),
            description: v.description.clone().unwrap_or_default(),
            ingress,
            egress,
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// A network ACL, its entries (without the implicit `*` rules) and subnet associations.
    fn network_acl(&mut self, file: &str, v: &shapes::NetworkAcl) -> Result<(), CommandError> {
        let id = req(file, &v.network_acl_id, "NetworkAclId", "a network ACL")?;
        let vpc = self.fresh_in_vpc(file, id, &v.vpc_id)?;
        let mut entries = Vec::new();
        for e in each(&v.entries) {
            let proto = protocol(file, &e.protocol, "Protocol", id)?;
            let cidr = match e.cidr_block.as_deref().or(e.ipv6_cidr_block.as_deref()) {
                Some(c) => ipnet(file, c, id)?,
                None => return Err(bad(file, format!("an entry of {} has no CidrBlock", id))),
            };
            let ports = e.port_range.as_ref().and_then(|r| Some((r.from? as u16, r.to? as u16)));
            entries.push(NaclEntry {
                rule_number: e.rule_number.ok_or_else(|| bad(file, format!("an entry of {} has no RuleNumber", id)))?
                    as u32,
                egress: e.egress.unwrap_or(false),
                protocol: proto,
                ports: if proto.has_ports() { ports } else { None },
                cidr,
                allow: req(file, &e.rule_action, "RuleAction", id)? == "allow",
            });
        }
        // AWS lists each direction's `*` rule (32767, deny); the model's ACLs end with it
        // already, and describe-network-acls prints it, so keeping it would show it twice.
        entries.retain(|e| e.rule_number != DEFAULT_DENY_RULE || e.allow);
        for egress in [false, true] {
            // The default rule (*, 32767) is not counted by the quota.
            let n = entries.iter().filter(|e| e.egress == egress && e.rule_number < 32767).count();
            within_quota(
                file,
                id,
                if egress { "outbound rules" } else { "inbound rules" },
                n,
                MAX_NACL_RULES_PER_DIRECTION,
            )?;
        }
        let mut associations = Vec::new();
        for a in each(&v.associations) {
            let subnet = req(file, &a.subnet_id, "SubnetId", id)?;
            self.need_subnet(file, subnet, id)?;
            associations.push(Association {
                id: a.network_acl_association_id.clone().unwrap_or_default(),
                subnet_id: subnet.into(),
            });
        }
        self.net.network_acls.push(NetworkAcl {
            id: id.into(),
            region: self.region.into(),
            vpc_id: vpc.into(),
            is_default: v.is_default.unwrap_or(false),
            entries,
            associations,
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// A route table, its routes (blackholes left out) and associations.
    fn route_table(&mut self, file: &str, v: &shapes::RouteTable) -> Result<(), CommandError> {
        let id = req(file, &v.route_table_id, "RouteTableId", "a route table")?;
        let vpc = self.fresh_in_vpc(file, id, &v.vpc_id)?;
        let mut routes = Vec::new();
        for r in each(&v.routes) {
            if r.state.as_deref() == Some("blackhole") {
                continue;
            }
            let destination =
                if let Some(c) = r.destination_cidr_block.as_deref().or(r.destination_ipv6_cidr_block.as_deref()) {
                    Destination::Cidr(ipnet(file, c, id)?)
                } else if let Some(p) = &r.destination_prefix_list_id {
                    Destination::PrefixList(p.clone())
                } else {
                    return Err(bad(file, format!("a route of {} has no destination", id)));
                };
            let target = r.target().ok_or_else(|| bad(file, format!("a route of {} has no target", id)))?;
            let origin = match target {
                "local" => "CreateRouteTable",
                t if t.starts_with("vpce-") => "CreateVpcEndpoint",
                _ => "CreateRoute",
            };
            routes.push(Route { destination, target: target.into(), origin });
        }
        let mut main = false;
        let mut main_association_id = None;
        let mut associations = Vec::new();
        for a in each(&v.associations) {
            if a.main == Some(true) {
                main = true;
                main_association_id = a.route_table_association_id.clone();
            } else if let Some(subnet) = &a.subnet_id {
                self.need_subnet(file, subnet, id)?;
                associations.push(Association {
                    id: a.route_table_association_id.clone().unwrap_or_default(),
                    subnet_id: subnet.clone(),
                });
            }
        }
        within_quota(file, id, "routes", routes.len(), MAX_ROUTES_PER_TABLE)?;
        self.net.route_tables.push(RouteTable {
            id: id.into(),
            region: self.region.into(),
            vpc_id: vpc.into(),
            main,
            main_association_id,
            routes,
            associations,
            name: tag(&v.tags, "Name"),
        });
        Ok(())
    }

    /// An instance and its primary network interface; terminated ones are skipped.
    fn instance(&mut self, file: &str, reservation: &str, v: &shapes::Instance) -> Result<(), CommandError> {
        let id = req(file, &v.instance_id, "InstanceId", "an instance")?;
        let state = v.state.as_ref().and_then(|s| s.name.as_deref()).unwrap_or("running");
        if state == "terminated" {
            return Ok(());
        }
        let vpc = self.fresh_in_vpc(file, id, &v.vpc_id)?;
        let subnet = req(file, &v.subnet_id, "SubnetId", id)?;
        self.need_subnet(file, subnet, id)?;
        let private_ip = ip(file, req(file, &v.private_ip_address, "PrivateIpAddress", id)?, id)?;
        let public_ip = opt_ip(file, &v.public_ip_address, id)?;
        let groups: Vec<String> = each(&v.security_groups).iter().filter_map(|g| g.group_id.clone()).collect();
        within_quota(file, id, "security groups", groups.len(), MAX_SGS_PER_ENI)?;
        let eni = each(&v.network_interfaces)
            .first()
            .and_then(|n| n.network_interface_id.clone())
            .unwrap_or_else(|| format!("eni-{}", id.trim_start_matches("i-")));
        let az = v
            .placement
            .as_ref()
            .and_then(|p| p.availability_zone.clone())
            .or_else(|| self.net.subnets.iter().find(|x| x.id == subnet).map(|x| x.availability_zone.clone()))
            .unwrap_or_default();
        let st = match state {
            "pending" => InstanceState::Pending,
            "stopping" => InstanceState::Stopping,
            "stopped" => InstanceState::Stopped,
            "shutting-down" => InstanceState::ShuttingDown,
            _ => InstanceState::Running,
        };
        self.net.network_interfaces.push(NetworkInterface {
            id: eni.clone(),
            region: self.region.into(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            availability_zone: az.clone(),
            private_ip,
            public_ip,
            // describe-instances does not say which Elastic IP allocation an address is.
            eip_allocation: None,
            security_groups: groups.clone(),
            interface_type: "interface",
            owner: id.into(),
            description: String::new(),
            name: None,
        });
        self.net.instances.push(Instance {
            id: id.into(),
            region: self.region.into(),
            instance_type: req(file, &v.instance_type, "InstanceType", id)?.into(),
            image_id: v.image_id.clone().unwrap_or_default(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            availability_zone: az,
            state: st,
            eni_id: eni,
            security_groups: groups,
            reservation_id: reservation.to_string(),
            launch_index: v.ami_launch_index.unwrap_or(0) as u32,
            last_private_ip: Some(private_ip),
            hibernated: false,
            hibernation_configured: v.hibernation_options.as_ref().and_then(|h| h.configured).unwrap_or(false),
            auto_public_ip: public_ip.is_some(),
            name: tag(&v.tags, "Name"),
            auto_scaling_group: tag(&v.tags, "aws:autoscaling:groupName"),
            launch_time: v
                .launch_time
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&chrono::Utc)),
        });
        Ok(())
    }
}
