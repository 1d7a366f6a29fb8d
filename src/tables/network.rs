//! Network resources as tables: vpcs, subnets, route_tables, routes, security_groups, …
//! Each `*_df` takes the rows to show, so `describe-*` can reuse it for a filtered set.

use polars::prelude::*;

use crate::model::network::security::DEFAULT_DENY_RULE;
use crate::model::network::*;
use crate::model::network::{cidr, dns, reach, vpn};
use crate::model::regions::Region;

fn s(v: &Option<String>) -> Option<String> {
    v.clone()
}

fn target_type(t: &str) -> &'static str {
    match t.split('-').next().unwrap_or("") {
        "local" => "local",
        "igw" => "internet-gateway",
        "eigw" => "egress-only-internet-gateway",
        "nat" => "nat-gateway",
        "pcx" => "vpc-peering-connection",
        "tgw" => "transit-gateway",
        "vgw" => "vpn-gateway",
        "eni" => "network-interface",
        "i" => "instance",
        "vpce" => "vpc-endpoint",
        _ => "other",
    }
}

pub fn vpcs_df(net: &Network, rows: &[&Vpc]) -> PolarsResult<DataFrame> {
    df!(
        "vpc_id" => rows.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|v| s(&v.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|v| v.region.clone()).collect::<Vec<_>>(),
        "cidr_block" => rows.iter().map(|v| v.primary_cidr().to_string()).collect::<Vec<_>>(),
        "cidr_blocks" => rows.iter().map(|v| v.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
        "is_default" => rows.iter().map(|v| v.is_default).collect::<Vec<_>>(),
        "subnets" => rows.iter().map(|v| net.subnets.iter().filter(|s| s.vpc_id == v.id).count() as u32).collect::<Vec<_>>(),
        "internet_gateway_id" => rows.iter().map(|v| net.igw_of_vpc(&v.id).map(|g| g.id.clone())).collect::<Vec<_>>(),
        "state" => rows.iter().map(|_| "available").collect::<Vec<_>>(),
    )
}

pub fn subnets_df(net: &Network, rows: &[&Subnet]) -> PolarsResult<DataFrame> {
    df!(
        "subnet_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "availability_zone" => rows.iter().map(|x| x.availability_zone.clone()).collect::<Vec<_>>(),
        "cidr_block" => rows.iter().map(|x| x.cidr.to_string()).collect::<Vec<_>>(),
        "public" => rows.iter().map(|x| net.subnet_is_public(&x.id)).collect::<Vec<_>>(),
        "map_public_ip_on_launch" => rows.iter().map(|x| x.map_public_ip_on_launch).collect::<Vec<_>>(),
        "route_table_id" => rows.iter().map(|x| net.route_table_for_subnet(&x.id).map(|t| t.id.clone())).collect::<Vec<_>>(),
        "network_acl_id" => rows.iter().map(|x| net.nacl_for_subnet(&x.id).map(|t| t.id.clone())).collect::<Vec<_>>(),
        "total_addresses" => rows.iter().map(|x| crate::model::network::cidr::size(x.cidr)).collect::<Vec<_>>(),
        "usable_addresses" => rows.iter().map(|x| x.usable_addresses()).collect::<Vec<_>>(),
        "available_ip_address_count" => rows.iter().map(|x| net.available_ip_count(x)).collect::<Vec<_>>(),
        "default_for_az" => rows.iter().map(|x| x.default_for_az).collect::<Vec<_>>(),
    )
}

pub fn route_tables_df(_net: &Network, rows: &[&RouteTable]) -> PolarsResult<DataFrame> {
    df!(
        "route_table_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "main" => rows.iter().map(|x| x.main).collect::<Vec<_>>(),
        "subnet_ids" => rows.iter().map(|x| x.associations.iter().map(|a| a.subnet_id.clone()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
        "routes" => rows.iter().map(|x| x.routes.iter().map(|r| format!("{} → {}", r.destination, r.target)).collect::<Vec<_>>().join("; ")).collect::<Vec<_>>(),
    )
}

pub fn routes_df(net: &Network, rows: &[&RouteTable]) -> PolarsResult<DataFrame> {
    let mut t = Vec::new();
    let (mut d, mut g, mut ty, mut st, mut o) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for rt in rows {
        for r in &rt.routes {
            t.push(rt.id.clone());
            d.push(r.destination.to_string());
            g.push(r.target.clone());
            ty.push(target_type(&r.target));
            st.push(net.target_state(&r.target));
            o.push(r.origin);
        }
    }
    df!("route_table_id" => t, "destination" => d, "target" => g, "target_type" => ty, "state" => st, "origin" => o)
}

pub fn internet_gateways_df(rows: &[&InternetGateway]) -> PolarsResult<DataFrame> {
    df!(
        "internet_gateway_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "state" => rows.iter().map(|x| if x.vpc_id.is_some() { "attached" } else { "detached" }).collect::<Vec<_>>(),
    )
}

pub fn nat_gateways_df(net: &Network, rows: &[&NatGateway]) -> PolarsResult<DataFrame> {
    df!(
        "nat_gateway_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "subnet_id" => rows.iter().map(|x| x.subnet_id.clone()).collect::<Vec<_>>(),
        "availability_zone" => rows.iter().map(|x| net.subnets.iter().find(|s| s.id == x.subnet_id).map(|s| s.availability_zone.clone())).collect::<Vec<_>>(),
        "connectivity_type" => rows.iter().map(|x| x.connectivity.as_str()).collect::<Vec<_>>(),
        "public_ip" => rows.iter().map(|x| x.public_ip.map(|i| i.to_string())).collect::<Vec<_>>(),
        "private_ip" => rows.iter().map(|x| x.private_ip.to_string()).collect::<Vec<_>>(),
        "allocation_id" => rows.iter().map(|x| x.allocation_id.clone()).collect::<Vec<_>>(),
        "state" => rows.iter().map(|x| x.state).collect::<Vec<_>>(),
    )
}

pub fn elastic_ips_df(net: &Network, rows: &[&ElasticIp]) -> PolarsResult<DataFrame> {
    let owner = |e: &ElasticIp| {
        e.eni_id.as_ref().and_then(|id| net.network_interfaces.iter().find(|n| &n.id == id)).map(|n| n.owner.clone())
    };
    df!(
        "allocation_id" => rows.iter().map(|x| x.allocation_id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "public_ip" => rows.iter().map(|x| x.public_ip.to_string()).collect::<Vec<_>>(),
        "association_id" => rows.iter().map(|x| x.association_id.clone()).collect::<Vec<_>>(),
        "network_interface_id" => rows.iter().map(|x| x.eni_id.clone()).collect::<Vec<_>>(),
        "associated_with" => rows.iter().map(|x| owner(x)).collect::<Vec<_>>(),
    )
}

pub fn security_groups_df(rows: &[&SecurityGroup]) -> PolarsResult<DataFrame> {
    df!(
        "group_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "group_name" => rows.iter().map(|x| x.group_name.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "description" => rows.iter().map(|x| x.description.clone()).collect::<Vec<_>>(),
        "inbound" => rows.iter().map(|x| x.ingress.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("; ")).collect::<Vec<_>>(),
        "outbound" => rows.iter().map(|x| x.egress.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("; ")).collect::<Vec<_>>(),
    )
}

pub fn security_group_rules_df(rows: &[&SecurityGroup]) -> PolarsResult<DataFrame> {
    let (mut id, mut g, mut gn, mut dir, mut p, mut f, mut t, mut peer, mut desc) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for sg in rows {
        for (d, list) in [("inbound", &sg.ingress), ("outbound", &sg.egress)] {
            for r in list {
                id.push(r.id.clone());
                g.push(sg.id.clone());
                gn.push(sg.group_name.clone());
                dir.push(d);
                p.push(r.protocol.name());
                f.push(r.ports.map(|x| x.0 as i32).unwrap_or(-1));
                t.push(r.ports.map(|x| x.1 as i32).unwrap_or(-1));
                peer.push(r.peer.to_string());
                desc.push(r.description.clone());
            }
        }
    }
    df!("rule_id" => id, "group_id" => g, "group_name" => gn, "direction" => dir, "protocol" => p, "from_port" => f, "to_port" => t, "peer" => peer, "description" => desc)
}

pub fn network_acls_df(rows: &[&NetworkAcl]) -> PolarsResult<DataFrame> {
    df!(
        "network_acl_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "is_default" => rows.iter().map(|x| x.is_default).collect::<Vec<_>>(),
        "subnet_ids" => rows.iter().map(|x| x.associations.iter().map(|a| a.subnet_id.clone()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
        "entries" => rows.iter().map(|x| x.entries.len() as u32 + 2).collect::<Vec<_>>(),
    )
}

/// Entries in evaluation order, with the final `*` deny of each direction as 32767.
pub fn network_acl_entries_df(rows: &[&NetworkAcl]) -> PolarsResult<DataFrame> {
    let (mut id, mut dir, mut num, mut p, mut f, mut t, mut c, mut act) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for acl in rows {
        for egress in [false, true] {
            for e in acl.entries.iter().filter(|e| e.egress == egress) {
                id.push(acl.id.clone());
                dir.push(if egress { "outbound" } else { "inbound" });
                num.push(e.rule_number as i64);
                p.push(e.protocol.number());
                f.push(e.ports.map(|x| x.0 as i32));
                t.push(e.ports.map(|x| x.1 as i32));
                c.push(e.cidr.to_string());
                act.push(if e.allow { "allow" } else { "deny" });
            }
            id.push(acl.id.clone());
            dir.push(if egress { "outbound" } else { "inbound" });
            num.push(DEFAULT_DENY_RULE as i64);
            p.push("-1".into());
            f.push(None);
            t.push(None);
            c.push("0.0.0.0/0".into());
            act.push("deny");
        }
    }
    df!("network_acl_id" => id, "direction" => dir, "rule_number" => num, "protocol" => p, "from_port" => f, "to_port" => t, "cidr_block" => c, "action" => act)
}

pub fn instances_df(net: &Network, rows: &[&Instance]) -> PolarsResult<DataFrame> {
    let addr = |i: &Instance| net.instance_addresses(i);
    df!(
        "instance_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "instance_type" => rows.iter().map(|x| x.instance_type.clone()).collect::<Vec<_>>(),
        "state" => rows.iter().map(|x| x.state.as_str()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "availability_zone" => rows.iter().map(|x| x.availability_zone.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "subnet_id" => rows.iter().map(|x| x.subnet_id.clone()).collect::<Vec<_>>(),
        "private_ip" => rows.iter().map(|x| addr(x).0.map(|i| i.to_string())).collect::<Vec<_>>(),
        "private_dns_name" => rows.iter().map(|x| addr(x).0.map(|i| crate::model::network::dns::private_dns_name(&x.region, i))).collect::<Vec<_>>(),
        "public_ip" => rows.iter().map(|x| addr(x).1.map(|i| i.to_string())).collect::<Vec<_>>(),
        "public_ip_kind" => rows.iter().map(|x| { let a = addr(x); if a.1.is_none() { "none" } else if a.2 { "elastic" } else { "auto-assigned" } }).collect::<Vec<_>>(),
        "security_groups" => rows.iter().map(|x| x.security_groups.join(", ")).collect::<Vec<_>>(),
        "auto_scaling_group" => rows.iter().map(|x| s(&x.auto_scaling_group)).collect::<Vec<_>>(),
    )
}

pub fn network_interfaces_df(rows: &[&NetworkInterface]) -> PolarsResult<DataFrame> {
    df!(
        "network_interface_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "interface_type" => rows.iter().map(|x| x.interface_type).collect::<Vec<_>>(),
        "owner" => rows.iter().map(|x| x.owner.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "subnet_id" => rows.iter().map(|x| x.subnet_id.clone()).collect::<Vec<_>>(),
        "availability_zone" => rows.iter().map(|x| x.availability_zone.clone()).collect::<Vec<_>>(),
        "private_ip" => rows.iter().map(|x| x.private_ip.to_string()).collect::<Vec<_>>(),
        "public_ip" => rows.iter().map(|x| x.public_ip.map(|i| i.to_string())).collect::<Vec<_>>(),
        "security_groups" => rows.iter().map(|x| x.security_groups.join(", ")).collect::<Vec<_>>(),
    )
}

pub fn peerings_df(rows: &[&VpcPeering]) -> PolarsResult<DataFrame> {
    df!(
        "vpc_peering_connection_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "requester_vpc_id" => rows.iter().map(|x| x.requester_vpc.clone()).collect::<Vec<_>>(),
        "accepter_vpc_id" => rows.iter().map(|x| x.accepter_vpc.clone()).collect::<Vec<_>>(),
        "accepter_region" => rows.iter().map(|x| x.accepter_region.clone()).collect::<Vec<_>>(),
        "status" => rows.iter().map(|x| x.status).collect::<Vec<_>>(),
        "message" => rows.iter().map(|x| x.message.clone()).collect::<Vec<_>>(),
    )
}

pub fn endpoints_df(rows: &[&VpcEndpoint]) -> PolarsResult<DataFrame> {
    df!(
        "vpc_endpoint_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "service_name" => rows.iter().map(|x| x.service_name.clone()).collect::<Vec<_>>(),
        "vpc_endpoint_type" => rows.iter().map(|_| "Gateway").collect::<Vec<_>>(),
        "prefix_list_id" => rows.iter().map(|x| x.prefix_list_id.clone()).collect::<Vec<_>>(),
        "route_table_ids" => rows.iter().map(|x| x.route_table_ids.join(", ")).collect::<Vec<_>>(),
    )
}

pub fn transit_gateways_df(net: &Network, rows: &[&TransitGateway]) -> PolarsResult<DataFrame> {
    df!(
        "transit_gateway_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "attached_vpcs" => rows.iter().map(|x| net.tgw_attachments.iter().filter(|a| a.tgw_id == x.id).map(|a| a.vpc_id.clone()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
        "state" => rows.iter().map(|_| "available").collect::<Vec<_>>(),
    )
}

pub fn tgw_attachments_df(rows: &[&TgwAttachment]) -> PolarsResult<DataFrame> {
    df!(
        "transit_gateway_attachment_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "transit_gateway_id" => rows.iter().map(|x| x.tgw_id.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "subnet_ids" => rows.iter().map(|x| x.subnet_ids.join(", ")).collect::<Vec<_>>(),
    )
}

pub fn vpn_gateways_df(rows: &[&VpnGateway]) -> PolarsResult<DataFrame> {
    df!(
        "vpn_gateway_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
        "type" => rows.iter().map(|_| "ipsec.1").collect::<Vec<_>>(),
    )
}

pub fn egress_only_igws_df(rows: &[&EgressOnlyIgw]) -> PolarsResult<DataFrame> {
    df!(
        "egress_only_internet_gateway_id" => rows.iter().map(|x| x.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|x| s(&x.name)).collect::<Vec<_>>(),
        "region" => rows.iter().map(|x| x.region.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|x| x.vpc_id.clone()).collect::<Vec<_>>(),
    )
}

fn all<T>(v: &[T]) -> Vec<&T> {
    v.iter().collect()
}

pub fn tables(network: &Network) -> Vec<(String, DataFrame)> {
    let n = network;
    let list: Vec<(&str, PolarsResult<DataFrame>)> = vec![
        ("vpcs", vpcs_df(n, &all(&n.vpcs))),
        ("subnets", subnets_df(n, &all(&n.subnets))),
        ("route_tables", route_tables_df(n, &all(&n.route_tables))),
        ("routes", routes_df(n, &all(&n.route_tables))),
        ("internet_gateways", internet_gateways_df(&all(&n.internet_gateways))),
        ("egress_only_internet_gateways", egress_only_igws_df(&all(&n.egress_only_igws))),
        ("nat_gateways", nat_gateways_df(n, &all(&n.nat_gateways))),
        ("elastic_ips", elastic_ips_df(n, &all(&n.elastic_ips))),
        ("security_groups", security_groups_df(&all(&n.security_groups))),
        ("security_group_rules", security_group_rules_df(&all(&n.security_groups))),
        ("network_acls", network_acls_df(&all(&n.network_acls))),
        ("network_acl_entries", network_acl_entries_df(&all(&n.network_acls))),
        ("instances", instances_df(n, &all(&n.instances))),
        ("network_interfaces", network_interfaces_df(&all(&n.network_interfaces))),
        ("vpc_peering_connections", peerings_df(&all(&n.peerings))),
        ("vpc_endpoints", endpoints_df(&all(&n.endpoints))),
        ("transit_gateways", transit_gateways_df(n, &all(&n.transit_gateways))),
        ("transit_gateway_attachments", tgw_attachments_df(&all(&n.tgw_attachments))),
        ("vpn_gateways", vpn_gateways_df(&all(&n.vpn_gateways))),
    ];
    list.into_iter().filter_map(|(k, df)| df.ok().map(|d| (k.to_string(), d))).collect()
}

pub fn vpn_connections_df(net: &Network, rows: &[&vpn::VpnConnection]) -> PolarsResult<DataFrame> {
    let cgw = |c: &&vpn::VpnConnection| net.customer_gateways.iter().find(|g| g.id == c.customer_gateway_id);
    df!(
        "vpn_connection_id" => rows.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|c| c.name.clone().unwrap_or_default()).collect::<Vec<_>>(),
        "vpn_gateway_id" => rows.iter().map(|c| c.vpn_gateway_id.clone()).collect::<Vec<_>>(),
        "vpc_id" => rows.iter().map(|c| net.vpn_gateways.iter().find(|g| g.id == c.vpn_gateway_id).and_then(|g| g.vpc_id.clone()).unwrap_or_default()).collect::<Vec<_>>(),
        "customer_gateway_id" => rows.iter().map(|c| c.customer_gateway_id.clone()).collect::<Vec<_>>(),
        "customer_gateway_ip" => rows.iter().map(|c| cgw(c).map(|g| g.ip_address.to_string()).unwrap_or_default()).collect::<Vec<_>>(),
        "bgp_asn" => rows.iter().map(|c| cgw(c).map(|g| g.bgp_asn as i64).unwrap_or(0)).collect::<Vec<_>>(),
        "routing" => rows.iter().map(|c| if c.static_routes_only { "static" } else { "BGP" }.to_string()).collect::<Vec<_>>(),
        "static_routes" => rows.iter().map(|c| c.routes.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
        "tunnels" => rows.iter().map(|c| format!("{}, {}", c.tunnel_outside_ips[0], c.tunnel_outside_ips[1])).collect::<Vec<_>>(),
    )
}

/// The DHCP option sets shown, each with the number of VPCs of its region (all use it).
pub fn dhcp_options_df(rows: &[&dns::DhcpOptions], vpcs: u32) -> PolarsResult<DataFrame> {
    df!(
        "dhcp_options_id" => rows.iter().map(|d| d.id.clone()).collect::<Vec<_>>(),
        "domain_name" => rows.iter().map(|d| d.domain_name.clone()).collect::<Vec<_>>(),
        "domain_name_servers" => rows.iter().map(|d| d.domain_name_servers.join(", ")).collect::<Vec<_>>(),
        "vpcs" => rows.iter().map(|_| vpcs).collect::<Vec<_>>(),
    )
}

/// `(zone name, zone ID)` rows of one region.
pub fn availability_zones_df(region: &str, rows: &[(String, String)]) -> PolarsResult<DataFrame> {
    df!(
        "zone_name" => rows.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
        "zone_id" => rows.iter().map(|x| x.1.clone()).collect::<Vec<_>>(),
        "region" => rows.iter().map(|_| region.to_string()).collect::<Vec<_>>(),
        "state" => rows.iter().map(|_| "available").collect::<Vec<_>>(),
    )
}

/// describe-regions' table: each region with its endpoint.
pub fn region_endpoints_df(rows: &[&Region]) -> PolarsResult<DataFrame> {
    df!(
        "region" => rows.iter().map(|r| r.code.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
        "endpoint" => rows.iter().map(|r| r.ec2_endpoint()).collect::<Vec<_>>(),
        "az_count" => rows.iter().map(|r| r.availability_zones.len() as u32).collect::<Vec<_>>(),
    )
}

/// `regions`' table: each region with its AZ names.
pub fn regions_df(rows: &[Region]) -> PolarsResult<DataFrame> {
    df!(
        "region" => rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        "az_count" => rows.iter().map(|r| r.availability_zones.len() as u32).collect::<Vec<_>>(),
        "availability_zones" => rows.iter().map(|r| r.availability_zones.join(", ")).collect::<Vec<_>>(),
    )
}

/// What `vpc wizard` created: (kind, ID, name, detail) in creation order.
pub fn wizard_df(created: &[(String, String, String, String)]) -> PolarsResult<DataFrame> {
    df!(
        "resource" => created.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
        "id" => created.iter().map(|x| x.1.clone()).collect::<Vec<_>>(),
        "name" => created.iter().map(|x| x.2.clone()).collect::<Vec<_>>(),
        "detail" => created.iter().map(|x| x.3.clone()).collect::<Vec<_>>(),
    )
}

/// `subnet-calc`'s blocks: range and address counts of each.
pub fn cidr_blocks_df(blocks: &[cidr::Block]) -> PolarsResult<DataFrame> {
    df!(
        "cidr" => blocks.iter().map(|x| x.cidr.to_string()).collect::<Vec<_>>(),
        "first_ip" => blocks.iter().map(|x| x.first.to_string()).collect::<Vec<_>>(),
        "last_ip" => blocks.iter().map(|x| x.last.to_string()).collect::<Vec<_>>(),
        "first_usable" => blocks.iter().map(|x| x.first_usable.to_string()).collect::<Vec<_>>(),
        "last_usable" => blocks.iter().map(|x| x.last_usable.to_string()).collect::<Vec<_>>(),
        "addresses" => blocks.iter().map(|x| x.addresses).collect::<Vec<_>>(),
        "usable_addresses" => blocks.iter().map(|x| x.usable).collect::<Vec<_>>(),
    )
}

/// The checks of a `reach` analysis, there and back.
pub fn hops_df(rep: &reach::ReachReport) -> PolarsResult<DataFrame> {
    let h = &rep.hops;
    df!(
        "step" => h.iter().map(|x| x.step).collect::<Vec<_>>(),
        "leg" => h.iter().map(|x| x.leg).collect::<Vec<_>>(),
        "check" => h.iter().map(|x| x.check.clone()).collect::<Vec<_>>(),
        "component" => h.iter().map(|x| x.component.clone()).collect::<Vec<_>>(),
        "decision" => h.iter().map(|x| x.decision).collect::<Vec<_>>(),
        "rule" => h.iter().map(|x| x.rule.clone()).collect::<Vec<_>>(),
        "detail" => h.iter().map(|x| x.detail.clone()).collect::<Vec<_>>(),
    )
}
