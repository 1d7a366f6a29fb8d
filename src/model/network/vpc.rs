//! VPCs, their CIDR blocks, the default VPC, subnets and private IP allocation.

use crate::model::codes;
use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::cidr::{self, overlaps, MAX_PREFIX, MIN_PREFIX};
use super::*;
use crate::model::regions;

/// VPCs per region (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const VPCS_PER_REGION: usize = 5;
/// IPv4 CIDR blocks per VPC, the primary included (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const CIDRS_PER_VPC: usize = 5;
/// Subnets per VPC (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const SUBNETS_PER_VPC: usize = 200;
/// The default VPC's block (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
pub const DEFAULT_VPC_CIDR: &str = "172.31.0.0/16";

fn check_vpc_range(c: Ipv4Net, raw: &str) -> AwsResult<()> {
    let link_local: Ipv4Net = "169.254.0.0/16".parse().unwrap_or_default();
    if c.prefix_len() < MIN_PREFIX || c.prefix_len() > MAX_PREFIX || overlaps(c, link_local) {
        return Err(AwsError::new(codes::VPC_RANGE, format!("The CIDR '{}' is invalid.", raw)));
    }
    Ok(())
}

impl Network {
    /// CreateVpc: a VPC with its main route table (`local` only), default NACL (allow
    /// all) and default security group.
    pub fn create_vpc(&mut self, region: &str, cidr_block: &str, name: Option<String>) -> AwsResult<String> {
        if regions::find(region).is_none() {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown region '{}'", region)));
        }
        let c = cidr::parse_v4(cidr_block)?;
        check_vpc_range(c, cidr_block)?;
        if self.vpcs_in(region).count() >= VPCS_PER_REGION {
            return Err(AwsError::new(codes::VPC_LIMIT_EXCEEDED, "The maximum number of VPCs has been reached."));
        }
        Ok(self.insert_vpc(region, c, false, name))
    }

    fn insert_vpc(&mut self, region: &str, c: Ipv4Net, is_default: bool, name: Option<String>) -> String {
        let id = self.next_id("vpc");
        let assoc = self.next_id("vpc-cidr-assoc");
        self.vpcs.push(Vpc {
            id: id.clone(),
            region: region.into(),
            cidrs: vec![c],
            cidr_associations: vec![assoc],
            is_default,
            name,
        });
        let rtb = self.next_id("rtb");
        let main_assoc = self.next_id("rtbassoc");
        self.route_tables.push(RouteTable {
            id: rtb,
            region: region.into(),
            vpc_id: id.clone(),
            main: true,
            main_association_id: Some(main_assoc),
            routes: vec![Route {
                destination: Destination::Cidr(IpNet::V4(c)),
                target: "local".into(),
                origin: "CreateRouteTable",
            }],
            associations: vec![],
            name: None,
        });
        let acl = self.next_id("acl");
        let all: IpNet = IpNet::V4(Ipv4Net::default());
        let entries = [false, true]
            .iter()
            .map(|&egress| NaclEntry {
                rule_number: 100,
                egress,
                protocol: Protocol::All,
                ports: None,
                cidr: all,
                allow: true,
            })
            .collect();
        self.network_acls.push(NetworkAcl {
            id: acl,
            region: region.into(),
            vpc_id: id.clone(),
            is_default: true,
            entries,
            associations: vec![],
            name: None,
        });
        let sg = self.next_id("sg");
        let r_in = self.next_id("sgr");
        let r_out = self.next_id("sgr");
        self.security_groups.push(SecurityGroup {
            id: sg.clone(),
            region: region.into(),
            vpc_id: id.clone(),
            group_name: "default".into(),
            description: "default VPC security group".into(),
            ingress: vec![SgRule {
                id: r_in,
                protocol: Protocol::All,
                ports: None,
                peer: Peer::Group(sg),
                description: None,
            }],
            egress: vec![SgRule {
                id: r_out,
                protocol: Protocol::All,
                ports: None,
                peer: Peer::Cidr(all),
                description: None,
            }],
            name: None,
        });
        id
    }

    /// AssociateVpcCidrBlock: a secondary IPv4 block, with a `local` route in every table.
    pub fn associate_vpc_cidr(&mut self, region: &str, vpc: &str, cidr_block: &str) -> AwsResult<String> {
        let vi = self.vpc_idx(Some(region), vpc)?;
        let c = cidr::parse_v4(cidr_block)?;
        check_vpc_range(c, cidr_block)?;
        let v = &self.vpcs[vi];
        if v.cidrs.len() >= CIDRS_PER_VPC {
            return Err(AwsError::new(
                codes::CIDR_LIMIT_EXCEEDED,
                format!("This network '{}' has met its maximum number of allowed CIDRs: {}", v.id, CIDRS_PER_VPC),
            ));
        }
        if let Some(o) = v.cidrs.iter().find(|o| overlaps(**o, c)) {
            return Err(AwsError::new(
                codes::VPC_RANGE,
                format!("The CIDR '{}' conflicts with the VPC's CIDR '{}'.", c, o),
            ));
        }
        // AWS's table of restricted secondary blocks by primary range
        // (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
        if cidr::secondary_restricted(v.primary_cidr(), c) {
            return Err(AwsError::new(
                codes::VPC_RANGE,
                format!(
                    "The CIDR '{}' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR.",
                    c
                ),
            ));
        }
        let vpc_id = v.id.clone();
        for t in self.route_tables.iter().filter(|t| t.vpc_id == vpc_id) {
            for r in &t.routes {
                if let Destination::Cidr(IpNet::V4(d)) = r.destination {
                    if r.target != "local" && c.contains(&d) {
                        return Err(AwsError::new(
                            codes::VPC_RANGE,
                            format!("The CIDR '{}' is the same size as or larger than the route {} in {}.", c, d, t.id),
                        ));
                    }
                }
            }
        }
        let assoc = self.next_id("vpc-cidr-assoc");
        let v = &mut self.vpcs[vi];
        v.cidrs.push(c);
        v.cidr_associations.push(assoc.clone());
        for t in self.route_tables.iter_mut().filter(|t| t.vpc_id == vpc_id) {
            t.routes.push(Route {
                destination: Destination::Cidr(IpNet::V4(c)),
                target: "local".into(),
                origin: "CreateRouteTable",
            });
        }
        Ok(assoc)
    }

    /// DeleteVpc: only when nothing but its defaults is left.
    pub fn delete_vpc(&mut self, region: &str, vpc: &str) -> AwsResult<String> {
        let vi = self.vpc_idx(Some(region), vpc)?;
        let id = self.vpcs[vi].id.clone();
        let in_use = self.subnets.iter().any(|s| s.vpc_id == id)
            || self.igw_of_vpc(&id).is_some()
            || self.vpn_gateways.iter().any(|g| g.vpc_id.as_deref() == Some(&id))
            || self.egress_only_igws.iter().any(|g| g.vpc_id == id)
            || self.security_groups.iter().any(|g| g.vpc_id == id && g.group_name != "default")
            || self.route_tables.iter().any(|t| t.vpc_id == id && !t.main)
            || self.network_acls.iter().any(|n| n.vpc_id == id && !n.is_default)
            || self.endpoints.iter().any(|e| e.vpc_id == id)
            || self.tgw_attachments.iter().any(|a| a.vpc_id == id)
            || self
                .peerings
                .iter()
                .any(|p| p.other(&id).is_some() && matches!(p.status, "active" | "pending-acceptance"));
        if in_use {
            return Err(AwsError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("The vpc '{}' has dependencies and cannot be deleted.", id),
            ));
        }
        self.vpcs.remove(vi);
        self.route_tables.retain(|t| t.vpc_id != id);
        self.network_acls.retain(|n| n.vpc_id != id);
        self.security_groups.retain(|g| g.vpc_id != id);
        Ok(id)
    }

    /// CreateDefaultVpc: 172.31.0.0/16, a /20 default subnet per AZ (moto's order), an
    /// attached IGW and `0.0.0.0/0 → igw` in the main table; subnets auto-assign public IPs.
    pub fn create_default_vpc(&mut self, region: &str) -> AwsResult<String> {
        if self.vpcs_in(region).any(|v| v.is_default) {
            return Err(AwsError::new(
                codes::DEFAULT_VPC_ALREADY_EXISTS,
                "A Default VPC already exists for this account in this region.",
            ));
        }
        if self.vpcs_in(region).count() >= VPCS_PER_REGION {
            return Err(AwsError::new(codes::VPC_LIMIT_EXCEEDED, "The maximum number of VPCs has been reached."));
        }
        let azs = regions::availability_zones(region);
        if azs.is_empty() {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown region '{}'", region)));
        }
        let c = cidr::parse_v4(DEFAULT_VPC_CIDR)?;
        let vpc_id = self.insert_vpc(region, c, true, None);
        let igw = self.create_internet_gateway(region, None);
        self.attach_internet_gateway(region, &igw, &vpc_id)?;
        let main = self.main_route_table(&vpc_id).map(|t| t.id.clone()).unwrap_or_default();
        self.create_route(region, &main, "0.0.0.0/0", &igw)?;
        for (k, az) in azs.iter().enumerate().take(16) {
            let block = Ipv4Net::new(cidr::nth(c, (k as u64) << 12), 20)
                .map_err(|e| AwsError::new(codes::INVALID_PARAMETER_VALUE, e.to_string()))?;
            let sid = self.create_subnet(region, &vpc_id, &block.to_string(), Some(az), None)?;
            if let Some(s) = self.subnets.iter_mut().find(|s| s.id == sid) {
                s.map_public_ip_on_launch = true;
                s.default_for_az = true;
            }
        }
        Ok(vpc_id)
    }

    /// CreateSubnet: inside one of the VPC's blocks, no overlap, an AZ of the region.
    pub fn create_subnet(
        &mut self,
        region: &str,
        vpc: &str,
        cidr_block: &str,
        az: Option<&str>,
        name: Option<String>,
    ) -> AwsResult<String> {
        let vi = self.vpc_idx(Some(region), vpc)?;
        let c = cidr::parse_v4(cidr_block)?;
        let v = &self.vpcs[vi];
        let invalid = || AwsError::new(codes::SUBNET_RANGE, format!("The CIDR '{}' is invalid.", cidr_block));
        if c.prefix_len() < MIN_PREFIX || c.prefix_len() > MAX_PREFIX {
            return Err(invalid());
        }
        if !v.cidrs.iter().any(|b| b.contains(&c)) {
            return Err(invalid());
        }
        let siblings: Vec<&Subnet> = self.subnets.iter().filter(|s| s.vpc_id == v.id).collect();
        if siblings.iter().any(|s| overlaps(s.cidr, c)) {
            return Err(AwsError::new(
                codes::SUBNET_CONFLICT,
                format!("The CIDR '{}' conflicts with another subnet", cidr_block),
            ));
        }
        if siblings.len() >= SUBNETS_PER_VPC {
            return Err(AwsError::new(codes::SUBNET_LIMIT_EXCEEDED, "The maximum number of subnets has been reached."));
        }
        let azs = regions::availability_zones(region);
        let az = match az {
            Some(a) if azs.iter().any(|z| z == a) => a.to_string(),
            Some(a) => {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!(
                        "Value ({}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {}.",
                        a,
                        azs.join(", ")
                    ),
                ))
            }
            // AWS picks an AZ; here, round-robin over the region's AZs (deterministic).
            None => azs.get(siblings.len() % azs.len().max(1)).cloned().unwrap_or_else(|| format!("{}a", region)),
        };
        let vpc_id = v.id.clone();
        let id = self.next_id("subnet");
        self.subnets.push(Subnet {
            id: id.clone(),
            region: region.into(),
            vpc_id: vpc_id.clone(),
            availability_zone: az,
            cidr: c,
            map_public_ip_on_launch: false,
            default_for_az: false,
            name,
        });
        let assoc = self.next_id("aclassoc");
        if let Some(acl) = self.network_acls.iter_mut().find(|n| n.vpc_id == vpc_id && n.is_default) {
            acl.associations.push(Association { id: assoc, subnet_id: id.clone() });
        }
        Ok(id)
    }

    /// ModifySubnetAttribute --map-public-ip-on-launch.
    pub fn set_map_public_ip(&mut self, region: &str, subnet: &str, on: bool) -> AwsResult<()> {
        let i = self.subnet_idx(Some(region), subnet)?;
        self.subnets[i].map_public_ip_on_launch = on;
        Ok(())
    }

    /// DeleteSubnet: refused while any network interface (instance, NAT, TGW) is in it.
    pub fn delete_subnet(&mut self, region: &str, subnet: &str) -> AwsResult<String> {
        let i = self.subnet_idx(Some(region), subnet)?;
        let id = self.subnets[i].id.clone();
        if self.enis_in_subnet(&id).next().is_some() {
            return Err(AwsError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("The subnet '{}' has dependencies and cannot be deleted.", id),
            ));
        }
        self.subnets.remove(i);
        for t in &mut self.route_tables {
            t.associations.retain(|a| a.subnet_id != id);
        }
        for n in &mut self.network_acls {
            n.associations.retain(|a| a.subnet_id != id);
        }
        Ok(id)
    }

    /// The first free private IP of a subnet after the 4 reserved at its start (as DHCP
    /// hands them out), or the requested one if it is in range, unreserved and free.
    pub fn allocate_private_ip(
        &self,
        subnet_id: &str,
        requested: Option<Ipv4Addr>,
        taken_extra: &[Ipv4Addr],
    ) -> AwsResult<Ipv4Addr> {
        let s = self
            .subnets
            .iter()
            .find(|s| s.id == subnet_id)
            .ok_or_else(|| not_found(codes::SUBNET_ID_NOT_FOUND, "subnet", subnet_id))?;
        // A set: the search below asks it once per candidate (a Vec made
        // `run-instances --count 1000` quadratic per address, issue 19).
        let used: std::collections::HashSet<Ipv4Addr> =
            self.enis_in_subnet(subnet_id).map(|e| e.private_ip).chain(taken_extra.iter().copied()).collect();
        if let Some(ip) = requested {
            if !s.cidr.contains(&ip) {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Address {} does not fall within the subnet's address range", ip),
                ));
            }
            if cidr::reserved_role(s.cidr, ip).is_some() {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Address {} is in subnet's reserved address range", ip),
                ));
            }
            if used.contains(&ip) {
                return Err(AwsError::new(codes::IP_ADDRESS_IN_USE, format!("Address {} is in use.", ip)));
            }
            return Ok(ip);
        }
        let n = cidr::size(s.cidr);
        (4..n.saturating_sub(1)).map(|k| cidr::nth(s.cidr, k)).find(|ip| !used.contains(ip)).ok_or_else(|| {
            AwsError::new(
                codes::INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET,
                format!(
                    "There are not enough free addresses in subnet '{}' to satisfy the requested number of instances.",
                    s.id
                ),
            )
        })
    }

    /// `count` free private addresses of a subnet for one launch (the first may be
    /// requested), found in one pass: linear in the subnet's interfaces and addresses.
    pub fn allocate_private_ips(
        &self,
        subnet_id: &str,
        requested: Option<Ipv4Addr>,
        count: usize,
    ) -> AwsResult<Vec<Ipv4Addr>> {
        let mut ips = Vec::with_capacity(count);
        if count == 0 {
            return Ok(ips);
        }
        ips.push(self.allocate_private_ip(subnet_id, requested, &[])?);
        if count == 1 {
            return Ok(ips);
        }
        let s = self
            .subnets
            .iter()
            .find(|s| s.id == subnet_id)
            .ok_or_else(|| not_found(codes::SUBNET_ID_NOT_FOUND, "subnet", subnet_id))?;
        let used: std::collections::HashSet<Ipv4Addr> =
            self.enis_in_subnet(subnet_id).map(|e| e.private_ip).chain(ips.iter().copied()).collect();
        let n = cidr::size(s.cidr);
        ips.extend(
            (4..n.saturating_sub(1)).map(|k| cidr::nth(s.cidr, k)).filter(|ip| !used.contains(ip)).take(count - 1),
        );
        if ips.len() < count {
            return Err(AwsError::new(
                codes::INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET,
                format!(
                    "There are not enough free addresses in subnet '{}' to satisfy the requested number of instances.",
                    s.id
                ),
            ));
        }
        Ok(ips)
    }

    /// Free private addresses left in a subnet.
    pub fn available_ip_count(&self, subnet: &Subnet) -> u64 {
        subnet.usable_addresses().saturating_sub(self.enis_in_subnet(&subnet.id).count() as u64)
    }
}
