//! Site-to-Site VPN commands: customer gateways and VPN connections.

use crate::model::codes;
use serde_json::json;

use super::{json as j, missing, name_tag, region};
use crate::command::shapes::member;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::tables::network as tbl;

const CGW: &[Flag] = &[
    Flag::value("bgp-asn", "the on-premises router's BGP ASN (default 65000)"),
    Flag::value("public-ip", "the router's public IPv4 address"),
    Flag::value("ip-address", "same as --public-ip"),
    Flag::value("type", "ipsec.1"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "accepted (use --name)"),
];
const VPN: &[Flag] = &[
    Flag::value("type", "ipsec.1"),
    Flag::value("customer-gateway-id", "CGW ID or Name"),
    Flag::value("vpn-gateway-id", "VGW ID or Name"),
    Flag::value("options", "StaticRoutesOnly=true for static routing (default: BGP)"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "accepted (use --name)"),
];
const VPN_ROUTE: &[Flag] = &[
    Flag::value("vpn-connection-id", "VPN connection ID or Name"),
    Flag::value("destination-cidr-block", "the on-premises network"),
];
const DESCRIBE: &[Flag] = &[Flag::many("vpn-connection-ids", "only these")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-customer-gateway", service: "ec2", summary: "the on-premises router of a Site-to-Site VPN (public IP, BGP ASN)",
            usage: "create-customer-gateway --type ipsec.1 --public-ip IP [--bgp-asn 65000] [--name NAME]",
            help: "The IP must be a public IPv4 address (InvalidParameterValue otherwise).", flags: CGW, run: Run::Write(create_cgw) },
        CommandSpec { name: "create-vpn-connection", service: "ec2", summary: "a Site-to-Site VPN: two IPsec tunnels from a virtual private gateway to a customer gateway",
            usage: "create-vpn-connection --type ipsec.1 --customer-gateway-id CGW --vpn-gateway-id VGW [--options StaticRoutesOnly=true]",
            help: "Traffic enters the VPN through a route to the VGW in a subnet's route table (or route propagation). \
                   `reach` follows it to the VGW; on-premises networks are outside the model.", flags: VPN, run: Run::Write(create_vpn) },
        CommandSpec { name: "create-vpn-connection-route", service: "ec2", summary: "a static route to an on-premises network over a VPN connection",
            usage: "create-vpn-connection-route --vpn-connection-id VPN --destination-cidr-block CIDR",
            help: "Only for a connection made with StaticRoutesOnly=true.", flags: VPN_ROUTE, run: Run::Write(create_route) },
        CommandSpec { name: "describe-vpn-connections", service: "ec2", summary: "Site-to-Site VPN connections, their gateways, tunnels and static routes",
            usage: "describe-vpn-connections [--vpn-connection-ids VPN…]", help: "", flags: DESCRIBE, run: Run::Read(describe) },
    ]
}

fn check_type(a: &Args) -> Result<(), CommandError> {
    match a.get("type") {
        None | Some("ipsec.1") => Ok(()),
        Some(t) => Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("Invalid value '{}' for type; the only type is ipsec.1", t),
        )),
    }
}

fn create_cgw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    check_type(a)?;
    let ip_text = a.get("public-ip").or_else(|| a.get("ip-address")).ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "The request must contain the parameter PublicIp (--public-ip)")
    })?;
    let ip = ip_text.parse().map_err(|_| {
        CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid IPv4 address '{}'", ip_text))
    })?;
    let asn: u32 = a.parse_or("bgp-asn", 65000u32)?;
    let id = lab.network.create_customer_gateway(&r, asn, ip, name_tag(a))?;
    let g = lab.network.customer_gateways.iter().find(|g| g.id == id).ok_or_else(|| missing("customer gateway"))?;
    Ok(Reply::text(format!("created customer gateway {}: {} (BGP ASN {})", lab.network.label(&id), ip, asn))
        .with_json(member("CustomerGateway", j::customer_gateway(g))))
}

fn create_vpn(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    check_type(a)?;
    let (cgw, vgw) = (a.required("customer-gateway-id")?, a.required("vpn-gateway-id")?);
    let static_only = match a.get("options").map(|o| o.replace(' ', "").to_ascii_lowercase()) {
        None => false,
        Some(o) if o.contains("staticroutesonly=true") || o.contains("\"staticroutesonly\":true") => true,
        Some(o) if o.contains("staticroutesonly=false") || o.contains("\"staticroutesonly\":false") => false,
        Some(o) => {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("--options: expected StaticRoutesOnly=true|false, got '{}'", o),
            ))
        }
    };
    let id = lab.network.create_vpn_connection(&r, cgw, vgw, static_only, name_tag(a))?;
    let c =
        lab.network.vpn_connections.iter().find(|c| c.id == id).cloned().ok_or_else(|| missing("VPN connection"))?;
    Ok(Reply::text(format!(
        "created VPN connection {}: {} ↔ {}, two IPsec tunnels (AWS ends {} and {}), {} routing",
        lab.network.label(&id),
        lab.network.label(&c.vpn_gateway_id),
        lab.network.label(&c.customer_gateway_id),
        c.tunnel_outside_ips[0],
        c.tunnel_outside_ips[1],
        if static_only { "static" } else { "BGP" }
    ))
    .with_json(member("VpnConnection", j::vpn_connection(&lab.network, &c))))
}

fn create_route(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (vpn, cidr) = (a.required("vpn-connection-id")?, a.required("destination-cidr-block")?);
    lab.network.create_vpn_connection_route(&r, vpn, cidr)?;
    Ok(Reply::text(format!("{}: static route {} to on-premises", vpn, cidr)).with_json(json!({})))
}

fn describe(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let ids = a.list("vpn-connection-ids");
    let n = &lab.network;
    let rows: Vec<_> = n
        .vpn_connections
        .iter()
        .filter(|c| {
            c.region == r && (ids.is_empty() || ids.iter().any(|k| *k == c.id || Some(k.as_str()) == c.name.as_deref()))
        })
        .collect();
    let df = tbl::vpn_connections_df(n, &rows)?;
    let json = member("VpnConnections", rows.iter().map(|c| j::vpn_connection(n, c)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(
            df.clone(),
            Some(format!("{} VPN connections in {}", rows.len(), r)),
            Some("Tunnel addresses are documentation addresses (RFC 5737): the model has no real endpoints.".into()),
        )
        .with_json(json)
        .keep("vpn_connections", df))
}
