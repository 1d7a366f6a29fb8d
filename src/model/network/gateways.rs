//! Gateways and connections: internet gateways, egress-only IGWs, Elastic IPs, NAT
//! gateways, VPN gateways, VPC peering, transit gateways and gateway endpoints.

use crate::model::codes;
use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::cidr::overlaps;
use super::*;

/// Elastic IPs per region (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const EIPS_PER_REGION: usize = 5;
/// NAT gateways per AZ (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const NAT_GATEWAYS_PER_AZ: usize = 5;

impl Network {
    /// Places a network interface with `ip` in a subnet.
    pub(crate) fn add_eni(
        &mut self,
        subnet_id: &str,
        ip: Ipv4Addr,
        sgs: Vec<String>,
        interface_type: &'static str,
        owner: &str,
        description: String,
    ) -> String {
        let id = self.next_id("eni");
        let (region, vpc_id, az) = self
            .subnets
            .iter()
            .find(|s| s.id == subnet_id)
            .map(|s| (s.region.clone(), s.vpc_id.clone(), s.availability_zone.clone()))
            .unwrap_or_default();
        self.network_interfaces.push(NetworkInterface {
            id: id.clone(),
            region,
            vpc_id,
            subnet_id: subnet_id.into(),
            availability_zone: az,
            private_ip: ip,
            public_ip: None,
            eip_allocation: None,
            security_groups: sgs,
            interface_type,
            owner: owner.into(),
            description,
            name: None,
        });
        id
    }

    pub fn create_internet_gateway(&mut self, region: &str, name: Option<String>) -> String {
        let id = self.next_id("igw");
        self.internet_gateways.push(InternetGateway { id: id.clone(), region: region.into(), vpc_id: None, name });
        id
    }

    /// AttachInternetGateway: one IGW per VPC, one VPC per IGW.
    pub fn attach_internet_gateway(&mut self, region: &str, igw: &str, vpc: &str) -> NetResult<()> {
        let gi = self.igw_idx(Some(region), igw)?;
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        let g = &self.internet_gateways[gi];
        if let Some(v) = &g.vpc_id {
            return Err(NetError::new(
                "Resource.AlreadyAssociated",
                format!("resource {} is already attached to network {}", g.id, v),
            ));
        }
        if let Some(other) = self.igw_of_vpc(&vpc_id) {
            return Err(NetError::new(
                "Resource.AlreadyAssociated",
                format!("resource {} is already attached to network {}", other.id, vpc_id),
            ));
        }
        self.internet_gateways[gi].vpc_id = Some(vpc_id);
        Ok(())
    }

    /// DetachInternetGateway: refused while public addresses are mapped in the VPC.
    pub fn detach_internet_gateway(&mut self, region: &str, igw: &str, vpc: &str) -> NetResult<()> {
        let gi = self.igw_idx(Some(region), igw)?;
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        let g = &self.internet_gateways[gi];
        if g.vpc_id.as_deref() != Some(vpc_id.as_str()) {
            return Err(NetError::new(
                "Gateway.NotAttached",
                format!("resource {} is not attached to network {}", g.id, vpc_id),
            ));
        }
        if self.network_interfaces.iter().any(|e| e.vpc_id == vpc_id && e.public_ip.is_some()) {
            return Err(NetError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("Network {} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.", vpc_id),
            ));
        }
        self.internet_gateways[gi].vpc_id = None;
        Ok(())
    }

    pub fn delete_internet_gateway(&mut self, region: &str, igw: &str) -> NetResult<String> {
        let gi = self.igw_idx(Some(region), igw)?;
        let g = &self.internet_gateways[gi];
        if g.vpc_id.is_some() {
            return Err(NetError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("The internetGateway '{}' has dependencies and cannot be deleted.", g.id),
            ));
        }
        Ok(self.internet_gateways.remove(gi).id)
    }

    pub fn create_egress_only_igw(&mut self, region: &str, vpc: &str, name: Option<String>) -> NetResult<String> {
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        if self.egress_only_igws.iter().any(|g| g.vpc_id == vpc_id) {
            return Err(NetError::new(
                "EgressOnlyInternetGatewayLimitExceeded",
                "The maximum number of egress-only internet gateways for this VPC has been reached.",
            ));
        }
        let id = self.next_id("eigw");
        self.egress_only_igws.push(EgressOnlyIgw { id: id.clone(), region: region.into(), vpc_id, name });
        Ok(id)
    }

    /// AllocateAddress: an Elastic IP (5 per region).
    pub fn allocate_address(&mut self, region: &str, name: Option<String>) -> NetResult<String> {
        if self.elastic_ips.iter().filter(|e| e.region == region).count() >= EIPS_PER_REGION {
            return Err(NetError::new("AddressLimitExceeded", "The maximum number of addresses has been reached."));
        }
        let id = self.next_id("eipalloc");
        let ip = self.next_eip();
        self.elastic_ips.push(ElasticIp {
            allocation_id: id.clone(),
            region: region.into(),
            public_ip: ip,
            association_id: None,
            eni_id: None,
            name,
        });
        Ok(id)
    }

    /// AssociateAddress: the EIP replaces the instance's auto-assigned public IP.
    pub fn associate_address(
        &mut self,
        region: &str,
        allocation: &str,
        instance: Option<&str>,
        eni: Option<&str>,
    ) -> NetResult<String> {
        let ei = self.eip_idx(Some(region), allocation)?;
        let eni_id = match (instance, eni) {
            (_, Some(e)) => self.network_interfaces[self.eni_idx(Some(region), e)?].id.clone(),
            (Some(i), None) => {
                let ii = self.instance_idx(Some(region), i)?;
                let inst = &self.instances[ii];
                if inst.state == InstanceState::Terminated {
                    return Err(NetError::new(
                        "IncorrectInstanceState",
                        format!("The instance '{}' is not in a valid state for this operation.", inst.id),
                    ));
                }
                inst.eni_id.clone()
            }
            (None, None) => {
                return Err(NetError::new(
                    codes::MISSING_PARAMETER,
                    "Either instance ID or network interface ID must be specified.",
                ))
            }
        };
        let e = &self.elastic_ips[ei];
        if e.eni_id.is_some() {
            return Err(NetError::new(
                "Resource.AlreadyAssociated",
                format!("Elastic IP address [{}] is already associated", e.allocation_id),
            ));
        }
        let (alloc, ip) = (e.allocation_id.clone(), e.public_ip);
        let vpc = self.network_interfaces.iter().find(|n| n.id == eni_id).map(|n| n.vpc_id.clone()).unwrap_or_default();
        if self.igw_of_vpc(&vpc).is_none() {
            return Err(NetError::new(
                "Gateway.NotAttached",
                format!("Network {} is not attached to any internet gateway", vpc),
            ));
        }
        let assoc = self.next_id("eipassoc");
        self.elastic_ips[ei].association_id = Some(assoc.clone());
        self.elastic_ips[ei].eni_id = Some(eni_id.clone());
        if let Some(n) = self.network_interfaces.iter_mut().find(|n| n.id == eni_id) {
            n.public_ip = Some(ip);
            n.eip_allocation = Some(alloc);
        }
        Ok(assoc)
    }

    /// DisassociateAddress (by allocation ID, association ID or public IP).
    pub fn disassociate_address(&mut self, region: &str, key: &str) -> NetResult<()> {
        let ei = self
            .elastic_ips
            .iter()
            .position(|e| e.association_id.as_deref() == Some(key))
            .map(Ok)
            .unwrap_or_else(|| self.eip_idx(Some(region), key))?;
        if self
            .nat_gateways
            .iter()
            .any(|n| n.allocation_id.as_deref() == Some(&self.elastic_ips[ei].allocation_id) && n.state != "deleted")
        {
            return Err(NetError::new("InvalidIPAddress.InUse", "The address is in use by a NAT gateway."));
        }
        let Some(eni) = self.elastic_ips[ei].eni_id.take() else {
            return Err(NetError::new(
                codes::ASSOCIATION_ID_NOT_FOUND,
                format!("The association ID '{}' does not exist", key),
            ));
        };
        self.elastic_ips[ei].association_id = None;
        if let Some(n) = self.network_interfaces.iter_mut().find(|n| n.id == eni) {
            n.public_ip = None;
            n.eip_allocation = None;
        }
        Ok(())
    }

    pub fn release_address(&mut self, region: &str, allocation: &str) -> NetResult<()> {
        let ei = self.eip_idx(Some(region), allocation)?;
        if self.elastic_ips[ei].eni_id.is_some() {
            return Err(NetError::new(
                "InvalidIPAddress.InUse",
                "The address is currently associated and cannot be released.",
            ));
        }
        self.elastic_ips.remove(ei);
        Ok(())
    }

    /// CreateNatGateway: public (needs an unassociated EIP) or private; it takes a private
    /// IP in its subnet. A public NAT is only useful in a subnet routed to an IGW — that
    /// is checked by `reach`, as AWS does not refuse the call.
    pub fn create_nat_gateway(
        &mut self,
        region: &str,
        subnet: &str,
        allocation: Option<&str>,
        connectivity: Connectivity,
        name: Option<String>,
    ) -> NetResult<String> {
        let si = self.subnet_idx(Some(region), subnet)?;
        let s = self.subnets[si].clone();
        let per_az = self
            .nat_gateways
            .iter()
            .filter(|n| {
                n.state != "deleted"
                    && self.subnets.iter().any(|x| x.id == n.subnet_id && x.availability_zone == s.availability_zone)
            })
            .count();
        if per_az >= NAT_GATEWAYS_PER_AZ {
            return Err(NetError::new(
                "NatGatewayLimitExceeded",
                "The maximum number of NAT gateways has been reached.",
            ));
        }
        let alloc = match (connectivity, allocation) {
            (Connectivity::Public, None) => {
                return Err(NetError::new(
                    codes::MISSING_PARAMETER,
                    "The request must contain the parameter AllocationId for a public NAT gateway.",
                ))
            }
            (Connectivity::Private, Some(_)) => {
                return Err(NetError::new(
                    codes::INVALID_PARAMETER_COMBINATION,
                    "A private NAT gateway cannot have an Elastic IP address.",
                ))
            }
            (_, Some(a)) => {
                let ei = self.eip_idx(Some(region), a)?;
                let e = &self.elastic_ips[ei];
                if e.eni_id.is_some() {
                    return Err(NetError::new(
                        "Resource.AlreadyAssociated",
                        format!("Elastic IP address [{}] is already associated", e.allocation_id),
                    ));
                }
                Some(ei)
            }
            (_, None) => None,
        };
        if connectivity == Connectivity::Public && self.igw_of_vpc(&s.vpc_id).is_none() {
            return Err(NetError::new(
                "Gateway.NotAttached",
                format!("Network {} has no Internet gateway attached", s.vpc_id),
            ));
        }
        let ip = self.allocate_private_ip(&s.id, None, &[])?;
        let id = self.next_id("nat");
        let eni = self.add_eni(&s.id, ip, vec![], "nat_gateway", &id, format!("Interface for NAT Gateway {}", id));
        let (alloc_id, public_ip) = match alloc {
            Some(ei) => {
                let assoc = self.next_id("eipassoc");
                let e = &mut self.elastic_ips[ei];
                e.eni_id = Some(eni.clone());
                e.association_id = Some(assoc);
                (Some(e.allocation_id.clone()), Some(e.public_ip))
            }
            None => (None, None),
        };
        if let Some(n) = self.network_interfaces.iter_mut().find(|n| n.id == eni) {
            n.public_ip = public_ip;
            n.eip_allocation = alloc_id.clone();
        }
        self.nat_gateways.push(NatGateway {
            id: id.clone(),
            region: region.into(),
            vpc_id: s.vpc_id,
            subnet_id: s.id,
            connectivity,
            allocation_id: alloc_id,
            public_ip,
            private_ip: ip,
            eni_id: eni,
            state: "available",
            name,
        });
        Ok(id)
    }

    /// DeleteNatGateway: state `deleted`; its EIP and private IP are released.
    pub fn delete_nat_gateway(&mut self, region: &str, nat: &str) -> NetResult<String> {
        let ni = self.nat_idx(Some(region), nat)?;
        let n = self.nat_gateways[ni].clone();
        self.nat_gateways[ni].state = "deleted";
        self.network_interfaces.retain(|e| e.id != n.eni_id);
        for e in &mut self.elastic_ips {
            if e.eni_id.as_deref() == Some(n.eni_id.as_str()) {
                e.eni_id = None;
                e.association_id = None;
            }
        }
        Ok(n.id)
    }

    pub fn create_vpn_gateway(&mut self, region: &str, name: Option<String>) -> String {
        let id = self.next_id("vgw");
        self.vpn_gateways.push(VpnGateway { id: id.clone(), region: region.into(), vpc_id: None, name });
        id
    }

    pub fn attach_vpn_gateway(&mut self, region: &str, vgw: &str, vpc: &str) -> NetResult<()> {
        let gi = self.vgw_idx(Some(region), vgw)?;
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        if let Some(v) = &self.vpn_gateways[gi].vpc_id {
            return Err(NetError::new(
                "Resource.AlreadyAssociated",
                format!("resource {} is already attached to network {}", self.vpn_gateways[gi].id, v),
            ));
        }
        if self.vpn_gateways.iter().any(|g| g.vpc_id.as_deref() == Some(vpc_id.as_str())) {
            return Err(NetError::new(
                "VpnGatewayAttachmentLimitExceeded",
                format!("The VPC {} already has a virtual private gateway attached.", vpc_id),
            ));
        }
        self.vpn_gateways[gi].vpc_id = Some(vpc_id);
        Ok(())
    }

    /// CreateVpcPeeringConnection: `pending-acceptance`, or `failed` when the CIDRs
    /// overlap (AWS records the request as failed rather than refusing the call).
    pub fn create_peering(
        &mut self,
        region: &str,
        vpc: &str,
        peer_vpc: &str,
        peer_region: Option<&str>,
        name: Option<String>,
    ) -> NetResult<String> {
        let a = self.vpc(Some(region), vpc)?.clone();
        let peer_region = peer_region.unwrap_or(region);
        let b = self.vpc(Some(peer_region), peer_vpc)?.clone();
        if a.id == b.id {
            return Err(NetError::new(codes::INVALID_PARAMETER_VALUE, "A VPC cannot be peered with itself."));
        }
        if self
            .peerings
            .iter()
            .any(|p| p.other(&a.id) == Some(b.id.as_str()) && matches!(p.status, "active" | "pending-acceptance"))
        {
            return Err(NetError::new(
                "VpcPeeringConnectionAlreadyExists",
                format!("A VPC peering connection already exists between {} and {}.", a.id, b.id),
            ));
        }
        let overlap = a.cidrs.iter().find_map(|x| b.cidrs.iter().find(|y| overlaps(*x, **y)).map(|y| (*x, *y)));
        let (status, message) = match overlap {
            Some((x, y)) => ("failed", format!("Overlapping CIDRs: {} ({}) and {} ({})", x, a.id, y, b.id)),
            None => ("pending-acceptance", format!("Pending Acceptance by {}", b.id)),
        };
        let id = self.next_id("pcx");
        self.peerings.push(VpcPeering {
            id: id.clone(),
            region: region.into(),
            requester_vpc: a.id,
            accepter_vpc: b.id,
            accepter_region: peer_region.into(),
            status,
            message,
            name,
        });
        Ok(id)
    }

    pub fn accept_peering(&mut self, region: &str, pcx: &str) -> NetResult<()> {
        let pi = self.peering_idx(Some(region), pcx)?;
        let p = &mut self.peerings[pi];
        if p.status != "pending-acceptance" {
            return Err(NetError::new(
                "InvalidStateTransition",
                format!("Invalid state transition for {}, attempted to transition from {} to active", p.id, p.status),
            ));
        }
        p.status = "active";
        p.message = "Active".into();
        Ok(())
    }

    pub fn delete_peering(&mut self, region: &str, pcx: &str) -> NetResult<()> {
        let pi = self.peering_idx(Some(region), pcx)?;
        self.peerings[pi].status = "deleted";
        self.peerings[pi].message = "Deleted".into();
        Ok(())
    }

    pub fn create_transit_gateway(&mut self, region: &str, name: Option<String>) -> String {
        let id = self.next_id("tgw");
        self.transit_gateways.push(TransitGateway { id: id.clone(), region: region.into(), name });
        id
    }

    /// CreateTransitGatewayVpcAttachment: an ENI in each given subnet (one per AZ);
    /// associated with and propagating to the TGW's default route table.
    pub fn create_tgw_attachment(
        &mut self,
        region: &str,
        tgw: &str,
        vpc: &str,
        subnets: &[String],
        name: Option<String>,
    ) -> NetResult<String> {
        let tgw_id = self.transit_gateways[self.tgw_idx(Some(region), tgw)?].id.clone();
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        if subnets.is_empty() {
            return Err(NetError::new(codes::MISSING_PARAMETER, "The request must contain the parameter SubnetIds"));
        }
        if self.tgw_attachments.iter().any(|a| a.tgw_id == tgw_id && a.vpc_id == vpc_id) {
            return Err(NetError::new(
                "DuplicateTransitGatewayAttachment",
                format!("{} already has an attachment for {}", tgw_id, vpc_id),
            ));
        }
        let mut ids = Vec::new();
        let mut azs: Vec<String> = Vec::new();
        for s in subnets {
            let sub = self.subnet(Some(region), s)?;
            if sub.vpc_id != vpc_id {
                return Err(NetError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Subnet {} does not belong to {}", sub.id, vpc_id),
                ));
            }
            if azs.contains(&sub.availability_zone) {
                return Err(NetError::new(
                    "DuplicateSubnetsInSameZone",
                    format!("Duplicate Subnets for same AZ: {}", sub.availability_zone),
                ));
            }
            azs.push(sub.availability_zone.clone());
            ids.push(sub.id.clone());
        }
        let id = self.next_id("tgw-attach");
        let mut ips = Vec::new();
        for s in &ids {
            ips.push((s.clone(), self.allocate_private_ip(s, None, &[])?));
        }
        for (s, ip) in ips {
            self.add_eni(
                &s,
                ip,
                vec![],
                "transit_gateway",
                &id,
                format!("Network Interface for Transit Gateway Attachment {}", id),
            );
        }
        self.tgw_attachments.push(TgwAttachment {
            id: id.clone(),
            region: region.into(),
            tgw_id,
            vpc_id,
            subnet_ids: ids,
            name,
        });
        Ok(id)
    }

    /// The TGW default route table: every attached VPC's CIDRs (propagated), as
    /// (destination, attachment ID, VPC ID).
    pub fn tgw_routes(&self, tgw_id: &str) -> Vec<(Ipv4Net, String, String)> {
        let mut out = Vec::new();
        for a in self.tgw_attachments.iter().filter(|a| a.tgw_id == tgw_id) {
            if let Some(v) = self.vpcs.iter().find(|v| v.id == a.vpc_id) {
                for c in &v.cidrs {
                    out.push((*c, a.id.clone(), v.id.clone()));
                }
            }
        }
        out
    }

    /// CreateVpcEndpoint (Gateway, S3 or DynamoDB): adds `pl-… → vpce-…` to each table.
    pub fn create_gateway_endpoint(
        &mut self,
        region: &str,
        vpc: &str,
        service_name: &str,
        tables: &[String],
        name: Option<String>,
    ) -> NetResult<String> {
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        let short = service_name.rsplit('.').next().unwrap_or("");
        let service = AwsService::parse(short)
            .filter(|s| s.service_name(region) == service_name || service_name == s.short())
            .ok_or_else(|| {
                NetError::new(
                    "InvalidServiceName",
                    format!("The Vpc Endpoint Service '{}' does not exist", service_name),
                )
            })?;
        let pl = service.prefix_list(region);
        let mut rtbs = Vec::new();
        for t in tables {
            let ti = self.route_table_idx(Some(region), t)?;
            let rt = &self.route_tables[ti];
            if rt.vpc_id != vpc_id {
                return Err(NetError::new(
                    "InvalidParameter",
                    format!("Route table {} does not belong to {}", rt.id, vpc_id),
                ));
            }
            if rt.routes.iter().any(|r| r.destination == Destination::PrefixList(pl.clone())) {
                return Err(NetError::new(
                    "RouteAlreadyExists",
                    format!("route table {} already has a route with destination-prefix-list-id {}", rt.id, pl),
                ));
            }
            rtbs.push(ti);
        }
        let id = self.next_id("vpce");
        for ti in &rtbs {
            self.route_tables[*ti].routes.push(Route {
                destination: Destination::PrefixList(pl.clone()),
                target: id.clone(),
                origin: "CreateVpcEndpoint",
            });
        }
        let route_table_ids = rtbs.iter().map(|i| self.route_tables[*i].id.clone()).collect();
        self.endpoints.push(VpcEndpoint {
            id: id.clone(),
            region: region.into(),
            vpc_id,
            service,
            service_name: service.service_name(region),
            prefix_list_id: pl,
            route_table_ids,
            name,
        });
        Ok(id)
    }

    /// The service whose prefix list this is, in a region.
    pub fn prefix_list_service(&self, region: &str, pl: &str) -> Option<AwsService> {
        [AwsService::S3, AwsService::DynamoDb].into_iter().find(|s| s.prefix_list(region) == pl)
    }

    /// The CIDR a prefix list stands for (IPv4, representative).
    pub fn prefix_list_cidr(&self, region: &str, pl: &str) -> Option<IpNet> {
        self.prefix_list_service(region, pl).map(|s| IpNet::V4(s.representative_cidr()))
    }
}
