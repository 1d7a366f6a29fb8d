//! Route tables: the main table and `local` routes, custom tables, associations, routes
//! and their targets, and longest-prefix-match route selection (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html).

use crate::model::codes;
use std::net::Ipv4Addr;

use ipnet::IpNet;

use super::cidr;
use super::*;

/// Non-propagated routes per table (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const ROUTES_PER_TABLE: usize = 50;
/// Route tables per VPC, main included (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const ROUTE_TABLES_PER_VPC: usize = 200;

impl Network {
    pub fn create_route_table(&mut self, region: &str, vpc: &str, name: Option<String>) -> AwsResult<String> {
        let v = self.vpc(Some(region), vpc)?.clone();
        if self.route_tables.iter().filter(|t| t.vpc_id == v.id).count() >= ROUTE_TABLES_PER_VPC {
            return Err(AwsError::new(
                codes::ROUTE_TABLE_LIMIT_EXCEEDED,
                "The maximum number of route tables has been reached.",
            ));
        }
        let id = self.next_id("rtb");
        let routes = v
            .cidrs
            .iter()
            .map(|c| Route {
                destination: Destination::Cidr(IpNet::V4(*c)),
                target: "local".into(),
                origin: "CreateRouteTable",
            })
            .collect();
        self.route_tables.push(RouteTable {
            id: id.clone(),
            region: region.into(),
            vpc_id: v.id,
            main: false,
            main_association_id: None,
            routes,
            associations: vec![],
            name,
        });
        Ok(id)
    }

    pub fn delete_route_table(&mut self, region: &str, table: &str) -> AwsResult<String> {
        let ti = self.route_table_idx(Some(region), table)?;
        let t = &self.route_tables[ti];
        if t.main || !t.associations.is_empty() {
            return Err(AwsError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("The routeTable '{}' has dependencies and cannot be deleted.", t.id),
            ));
        }
        Ok(self.route_tables.remove(ti).id)
    }

    /// Resolves a route target given by ID or Name to its ID, checking it is in `vpc_id`.
    pub fn resolve_target(&self, region: &str, vpc_id: &str, table_id: &str, key: &str) -> AwsResult<String> {
        self.resolve_target_by(region, vpc_id, table_id, TargetParam::Any, key)
    }

    /// Like [`Network::resolve_target`], looking only where `param` points: AWS answers a
    /// target that does not exist with that parameter's NotFound code
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
    pub fn resolve_target_by(
        &self,
        region: &str,
        vpc_id: &str,
        table_id: &str,
        param: TargetParam,
        key: &str,
    ) -> AwsResult<String> {
        use TargetParam as P;
        let wrong = |id: &str| {
            AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("route table {} and network gateway {} belong to different networks", table_id, id),
            )
        };
        let looks = |p: TargetParam| param == P::Any || param == p;
        if looks(P::Gateway) {
            if let Some(g) = position(&self.internet_gateways, Some(region), key).map(|i| &self.internet_gateways[i]) {
                return if g.vpc_id.as_deref() == Some(vpc_id) { Ok(g.id.clone()) } else { Err(wrong(&g.id)) };
            }
            if let Some(g) = position(&self.vpn_gateways, Some(region), key).map(|i| &self.vpn_gateways[i]) {
                return if g.vpc_id.as_deref() == Some(vpc_id) { Ok(g.id.clone()) } else { Err(wrong(&g.id)) };
            }
        }
        if looks(P::NatGateway) {
            if let Some(g) = position(&self.nat_gateways, Some(region), key).map(|i| &self.nat_gateways[i]) {
                return if g.vpc_id == vpc_id { Ok(g.id.clone()) } else { Err(wrong(&g.id)) };
            }
        }
        if looks(P::EgressOnlyInternetGateway) {
            if let Some(g) = position(&self.egress_only_igws, Some(region), key).map(|i| &self.egress_only_igws[i]) {
                return if g.vpc_id == vpc_id { Ok(g.id.clone()) } else { Err(wrong(&g.id)) };
            }
        }
        if looks(P::VpcPeeringConnection) {
            if let Some(p) = position(&self.peerings, None, key).map(|i| &self.peerings[i]) {
                return if p.other(vpc_id).is_some() { Ok(p.id.clone()) } else { Err(wrong(&p.id)) };
            }
        }
        if looks(P::TransitGateway) {
            if let Some(t) = position(&self.transit_gateways, Some(region), key).map(|i| &self.transit_gateways[i]) {
                return if self.tgw_attachments.iter().any(|a| a.tgw_id == t.id && a.vpc_id == vpc_id) {
                    Ok(t.id.clone())
                } else {
                    Err(AwsError::new(
                        codes::TRANSIT_GATEWAY_ID_NOT_FOUND,
                        format!("Transit Gateway {} has no attachment in {}", t.id, vpc_id),
                    ))
                };
            }
        }
        if looks(P::NetworkInterface) {
            if let Some(e) = position(&self.network_interfaces, Some(region), key).map(|i| &self.network_interfaces[i])
            {
                return if e.vpc_id == vpc_id { Ok(e.id.clone()) } else { Err(wrong(&e.id)) };
            }
        }
        if looks(P::Instance) {
            if let Ok(ii) = self.instance_idx(Some(region), key) {
                let i = &self.instances[ii];
                return if i.vpc_id == vpc_id { Ok(i.id.clone()) } else { Err(wrong(&i.id)) };
            }
        }
        Err(param.not_found(key))
    }

    /// The route table a route request names (its index) and its destination, parsed (the
    /// table first: an unknown table is the error even when the CIDR is bad too).
    fn route_request(&self, region: &str, table: &str, destination: &str) -> AwsResult<(usize, IpNet)> {
        Ok((self.route_table_idx(Some(region), table)?, cidr::parse_any(destination)?))
    }

    fn check_route(&self, ti: usize, dest: IpNet, target: &str) -> AwsResult<()> {
        let forbidden: IpNet = "169.254.168.0/22".parse().unwrap_or(IpNet::V4(Default::default()));
        if dest == forbidden || forbidden.contains(&dest) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The destination CIDR block {} is reserved and cannot be used.", dest),
            ));
        }
        let t = &self.route_tables[ti];
        let vpc = self.vpcs.iter().find(|v| v.id == t.vpc_id);
        if let (IpNet::V4(d), Some(v)) = (dest, vpc) {
            if v.cidrs.iter().any(|c| c.contains(&d) && *c != d) {
                let is_subnet = self.subnets.iter().any(|s| s.vpc_id == v.id && s.cidr == d);
                // Since 2021 a route more specific than `local` must equal a subnet's CIDR and
                // target a NAT gateway, a network interface or a Gateway Load Balancer endpoint
                // (not modelled), never an instance ID
                // (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes).
                if !(is_subnet && middlebox_target(target)) {
                    return Err(AwsError::new(
                        codes::INVALID_PARAMETER_VALUE,
                        format!("The destination CIDR block {} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only a NAT gateway, a network interface or a Gateway Load Balancer endpoint.", d),
                    ));
                }
            }
        }
        Ok(())
    }

    /// CreateRoute: a static route to a target in (or connected to) the table's VPC.
    pub fn create_route(&mut self, region: &str, table: &str, destination: &str, target: &str) -> AwsResult<()> {
        self.create_route_by(region, table, destination, TargetParam::Any, target)
    }

    /// CreateRoute with the target named by one parameter (`--nat-gateway-id nat-…`).
    pub fn create_route_by(
        &mut self,
        region: &str,
        table: &str,
        destination: &str,
        param: TargetParam,
        target: &str,
    ) -> AwsResult<()> {
        let (ti, dest) = self.route_request(region, table, destination)?;
        let (tid, vpc_id) = (self.route_tables[ti].id.clone(), self.route_tables[ti].vpc_id.clone());
        if self.route_tables[ti].routes.iter().any(|r| r.destination == Destination::Cidr(dest)) {
            return Err(AwsError::new(
                codes::ROUTE_ALREADY_EXISTS,
                format!("The route identified by {} already exists.", dest),
            ));
        }
        let target = self.resolve_target_by(region, &vpc_id, &tid, param, target)?;
        self.check_route(ti, dest, &target)?;
        let t = &mut self.route_tables[ti];
        if t.routes.iter().filter(|r| r.target != "local" && r.origin == "CreateRoute").count() >= ROUTES_PER_TABLE {
            return Err(AwsError::new(codes::ROUTE_LIMIT_EXCEEDED, "The maximum number of routes has been reached."));
        }
        t.routes.push(Route { destination: Destination::Cidr(dest), target, origin: "CreateRoute" });
        Ok(())
    }

    /// ReplaceRoute: same destination, new target.
    pub fn replace_route(&mut self, region: &str, table: &str, destination: &str, target: &str) -> AwsResult<()> {
        self.replace_route_by(region, table, destination, TargetParam::Any, target)
    }

    /// ReplaceRoute with the target named by one parameter. The `local` route of a VPC
    /// block may be retargeted to a NAT gateway or network interface (a middlebox) and
    /// restored with the target `local` (`--local-target`)
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes).
    pub fn replace_route_by(
        &mut self,
        region: &str,
        table: &str,
        destination: &str,
        param: TargetParam,
        target: &str,
    ) -> AwsResult<()> {
        let (ti, dest) = self.route_request(region, table, destination)?;
        let (tid, vpc_id) = (self.route_tables[ti].id.clone(), self.route_tables[ti].vpc_id.clone());
        let ri =
            self.route_tables[ti].routes.iter().position(|r| r.destination == Destination::Cidr(dest)).ok_or_else(
                || {
                    AwsError::new(
                        codes::ROUTE_NOT_FOUND,
                        format!("no route with destination-cidr-block {} in route table {}", dest, tid),
                    )
                },
            )?;
        let vpc_block = match dest {
            IpNet::V4(d) => self.vpcs.iter().find(|v| v.id == vpc_id).is_some_and(|v| v.cidrs.contains(&d)),
            IpNet::V6(_) => false,
        };
        if target == "local" {
            if !vpc_block {
                return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("The route {} in route table {} is not a local route of the VPC: only a VPC CIDR block can target local.", dest, tid)));
            }
            self.route_tables[ti].routes[ri].target = "local".into();
            self.route_tables[ti].routes[ri].origin = "CreateRouteTable";
            return Ok(());
        }
        let target = self.resolve_target_by(region, &vpc_id, &tid, param, target)?;
        if vpc_block {
            if !middlebox_target(&target) {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("The local route {} in route table {} can target only a NAT gateway, a network interface or a Gateway Load Balancer endpoint.", dest, tid),
                ));
            }
        } else {
            self.check_route(ti, dest, &target)?;
        }
        self.route_tables[ti].routes[ri].target = target;
        self.route_tables[ti].routes[ri].origin = "CreateRoute";
        Ok(())
    }

    pub fn delete_route(&mut self, region: &str, table: &str, destination: &str) -> AwsResult<()> {
        let (ti, dest) = self.route_request(region, table, destination)?;
        let t = &mut self.route_tables[ti];
        let ri = t.routes.iter().position(|r| r.destination == Destination::Cidr(dest)).ok_or_else(|| {
            AwsError::new(
                codes::ROUTE_NOT_FOUND,
                format!("no route with destination-cidr-block {} in route table {}", dest, t.id),
            )
        })?;
        if t.routes[ri].target == "local" {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("cannot remove local route {} in route table {}", dest, t.id),
            ));
        }
        t.routes.remove(ri);
        Ok(())
    }

    /// AssociateRouteTable: a subnet may have one explicit association.
    pub fn associate_route_table(&mut self, region: &str, table: &str, subnet: &str) -> AwsResult<String> {
        let ti = self.route_table_idx(Some(region), table)?;
        let s = self.subnet(Some(region), subnet)?.clone();
        let t = &self.route_tables[ti];
        if t.vpc_id != s.vpc_id {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Route table {} and subnet {} belong to different networks", t.id, s.id),
            ));
        }
        if let Some(other) = self.route_tables.iter().find(|o| o.associations.iter().any(|a| a.subnet_id == s.id)) {
            return Err(AwsError::new(
                codes::RESOURCE_ALREADY_ASSOCIATED,
                format!(
                    "the specified association for route table {} conflicts with an existing association",
                    other.id
                ),
            ));
        }
        let id = self.next_id("rtbassoc");
        self.route_tables[ti].associations.push(Association { id: id.clone(), subnet_id: s.id });
        Ok(id)
    }

    fn find_rtb_association(&self, assoc: &str) -> AwsResult<(usize, Option<usize>)> {
        for (ti, t) in self.route_tables.iter().enumerate() {
            if t.main_association_id.as_deref() == Some(assoc) {
                return Ok((ti, None));
            }
            if let Some(ai) = t.associations.iter().position(|a| a.id == assoc) {
                return Ok((ti, Some(ai)));
            }
        }
        Err(AwsError::new(codes::ASSOCIATION_ID_NOT_FOUND, format!("The association ID '{}' does not exist", assoc)))
    }

    /// ReplaceRouteTableAssociation: moves a subnet (or the main association) to a table.
    pub fn replace_route_table_association(&mut self, region: &str, assoc: &str, table: &str) -> AwsResult<String> {
        let (from, ai) = self.find_rtb_association(assoc)?;
        let to = self.route_table_idx(Some(region), table)?;
        if self.route_tables[from].vpc_id != self.route_tables[to].vpc_id {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                "The route table and the association belong to different networks",
            ));
        }
        let new_id = self.next_id("rtbassoc");
        match ai {
            None => {
                self.route_tables[from].main = false;
                self.route_tables[from].main_association_id = None;
                self.route_tables[to].main = true;
                self.route_tables[to].main_association_id = Some(new_id.clone());
            }
            Some(ai) => {
                let a = self.route_tables[from].associations.remove(ai);
                self.route_tables[to].associations.push(Association { id: new_id.clone(), subnet_id: a.subnet_id });
            }
        }
        Ok(new_id)
    }

    /// DisassociateRouteTable: the subnet falls back to the main table.
    pub fn disassociate_route_table(&mut self, assoc: &str) -> AwsResult<()> {
        let (ti, ai) = self.find_rtb_association(assoc)?;
        match ai {
            None => Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                "cannot disassociate the main route table association",
            )),
            Some(ai) => {
                self.route_tables[ti].associations.remove(ai);
                Ok(())
            }
        }
    }

    /// `active`, or `blackhole` when the target is gone, detached or stopped.
    pub fn target_state(&self, target: &str) -> &'static str {
        let ok = if target == "local" {
            true
        } else if target.starts_with("igw-") {
            self.internet_gateways.iter().any(|g| g.id == target && g.vpc_id.is_some())
        } else if target.starts_with("nat-") {
            self.nat_gateways.iter().any(|g| g.id == target && g.state == "available")
        } else if target.starts_with("pcx-") {
            self.peerings.iter().any(|p| p.id == target && p.status == "active")
        } else if target.starts_with("vgw-") {
            self.vpn_gateways.iter().any(|g| g.id == target && g.vpc_id.is_some())
        } else if target.starts_with("i-") {
            self.instances.iter().any(|i| i.id == target && i.state == InstanceState::Running)
        } else if target.starts_with("eni-") {
            self.network_interfaces.iter().any(|e| e.id == target)
        } else if target.starts_with("tgw-") {
            self.transit_gateways.iter().any(|g| g.id == target)
        } else if target.starts_with("eigw-") {
            self.egress_only_igws.iter().any(|g| g.id == target)
        } else {
            self.endpoints.iter().any(|e| e.id == target)
        };
        if ok {
            "active"
        } else {
            "blackhole"
        }
    }

    /// The route a table uses for `ip`: longest prefix wins; a static CIDR route beats a
    /// prefix-list route of the same length (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html, "Route priority").
    pub fn select_route<'a>(&self, table: &'a RouteTable, ip: Ipv4Addr) -> Option<&'a Route> {
        let mut best: Option<(u8, bool, &Route)> = None;
        for r in &table.routes {
            let (net, is_pl) = match &r.destination {
                Destination::Cidr(c) => (*c, false),
                Destination::PrefixList(pl) => match self.prefix_list_cidr(&table.region, pl) {
                    Some(c) => (c, true),
                    None => continue,
                },
            };
            if !net.contains(&std::net::IpAddr::V4(ip)) {
                continue;
            }
            let better = match best {
                None => true,
                Some((len, pl, _)) => net.prefix_len() > len || (net.prefix_len() == len && pl && !is_pl),
            };
            if better {
                best = Some((net.prefix_len(), is_pl, r));
            }
        }
        best.map(|(_, _, r)| r)
    }
}

/// A target that may take traffic meant for the VPC itself: a NAT gateway or a network
/// interface (Gateway Load Balancer endpoints are not modelled).
fn middlebox_target(id: &str) -> bool {
    id.starts_with("nat-") || id.starts_with("eni-")
}

/// The CreateRoute/ReplaceRoute parameter that names a route's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetParam {
    /// `--gateway-id`: an internet gateway or virtual private gateway.
    Gateway,
    NatGateway,
    VpcPeeringConnection,
    TransitGateway,
    NetworkInterface,
    Instance,
    EgressOnlyInternetGateway,
    /// Any kind (the model's own callers and Name lookups).
    Any,
}

impl TargetParam {
    /// The parameter a CLI flag stands for (`nat-gateway-id` → `NatGateway`).
    pub fn from_flag(flag: &str) -> TargetParam {
        match flag {
            "gateway-id" => TargetParam::Gateway,
            "nat-gateway-id" => TargetParam::NatGateway,
            "vpc-peering-connection-id" => TargetParam::VpcPeeringConnection,
            "transit-gateway-id" => TargetParam::TransitGateway,
            "network-interface-id" => TargetParam::NetworkInterface,
            "instance-id" => TargetParam::Instance,
            "egress-only-internet-gateway-id" => TargetParam::EgressOnlyInternetGateway,
            _ => TargetParam::Any,
        }
    }

    /// AWS's error for a target that does not exist, in AWS's words.
    pub fn not_found(self, key: &str) -> AwsError {
        let (code, what) = match self {
            TargetParam::Gateway | TargetParam::EgressOnlyInternetGateway => (codes::GATEWAY_ID_NOT_FOUND, "gateway"),
            TargetParam::NatGateway => (codes::NAT_GATEWAY_ID_NOT_FOUND, "natGateway"),
            TargetParam::VpcPeeringConnection => (codes::VPC_PEERING_CONNECTION_ID_NOT_FOUND, "vpcPeeringConnection"),
            TargetParam::TransitGateway => (codes::TRANSIT_GATEWAY_ID_NOT_FOUND, "transitGateway"),
            TargetParam::NetworkInterface => (codes::NETWORK_INTERFACE_ID_NOT_FOUND, "networkInterface"),
            TargetParam::Instance => (codes::INSTANCE_ID_NOT_FOUND, "instance"),
            TargetParam::Any => {
                return AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("The route target '{}' does not exist (expected an igw-, nat-, pcx-, tgw-, vgw-, eigw-, eni- or i- ID or Name)", key),
                )
            }
        };
        AwsError::new(code, format!("The {} ID '{}' does not exist", what, key))
    }
}
