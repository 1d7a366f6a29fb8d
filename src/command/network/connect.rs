//! Connections between networks: VPC peering, transit gateways, gateway endpoints.

use crate::kernel::ename;
use crate::model::codes;
use serde_json::json;

use super::{json as j, name_tag, one, opt, region, Filters};
use crate::command::shapes::member;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::tables::network as tbl;

const PCX: &[Flag] = &[
    Flag::value("vpc-id", "the requester VPC"),
    Flag::value("peer-vpc-id", "the accepter VPC"),
    Flag::value("peer-region", "the accepter's region (inter-region peering)"),
    Flag::value("peer-owner-id", "accepted (one account is modelled)"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const PCX_ID: &[Flag] = &[Flag::value("vpc-peering-connection-id", "pcx- ID or Name")];
const DESCRIBE_PCX: &[Flag] = &[
    Flag::many("vpc-peering-connection-ids", "only these"),
    Flag::many("filters", "Name=status-code|requester-vpc-info.vpc-id|accepter-vpc-info.vpc-id|tag:Name,Values=…"),
];
const TGW: &[Flag] = &[
    Flag::value("description", "accepted"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const TGW_ATT: &[Flag] = &[
    Flag::value("transit-gateway-id", "TGW ID or Name"),
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::many("subnet-ids", "one subnet per AZ for the TGW's network interfaces"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const DESCRIBE_TGW: &[Flag] = &[Flag::many("transit-gateway-ids", "only these")];
const DESCRIBE_TGW_ATT: &[Flag] = &[
    Flag::many("transit-gateway-attachment-ids", "only these"),
    Flag::many("filters", "Name=transit-gateway-id|vpc-id,Values=…"),
];
const ENDPOINT: &[Flag] = &[
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::value("service-name", "com.amazonaws.REGION.s3 or com.amazonaws.REGION.dynamodb"),
    Flag::choice("vpc-endpoint-type", "Gateway (the only type modelled)", &["Gateway", "Interface"]),
    Flag::many("route-table-ids", "route tables that get the prefix-list route"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const DESCRIBE_EP: &[Flag] = &[
    Flag::many("vpc-endpoint-ids", "only these"),
    Flag::many("filters", "Name=vpc-id|service-name|tag:Name,Values=…"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-vpc-peering-connection", service: "ec2", summary: "request peering between two VPCs",
            usage: "create-vpc-peering-connection --vpc-id VPC --peer-vpc-id VPC [--peer-region R] [--name NAME]",
            help: "The request is pending-acceptance until accept-vpc-peering-connection. Overlapping CIDRs (any block) \
                   make it `failed`. At most one connection per pair. Peering is not transitive and gives no edge-to-edge \
                   routing; each side needs a route to the other's CIDR via the pcx-.", flags: PCX, run: Run::Write(create_pcx) },
        CommandSpec { name: "accept-vpc-peering-connection", service: "ec2", summary: "accept a pending peering request", usage: "accept-vpc-peering-connection --vpc-peering-connection-id PCX",
            help: "InvalidStateTransition unless it is pending-acceptance.", flags: PCX_ID, run: Run::Write(accept_pcx) },
        CommandSpec { name: "delete-vpc-peering-connection", service: "ec2", summary: "delete a peering connection", usage: "delete-vpc-peering-connection --vpc-peering-connection-id PCX",
            help: "Routes to it become blackholes.", flags: PCX_ID, run: Run::Write(delete_pcx) },
        CommandSpec { name: "describe-vpc-peering-connections", service: "ec2", summary: "peering connections", usage: "describe-vpc-peering-connections",
            help: "", flags: DESCRIBE_PCX, run: Run::Read(describe_pcx) },
        CommandSpec { name: "create-transit-gateway", service: "ec2", summary: "create a transit gateway (a regional router)", usage: "create-transit-gateway [--name NAME]",
            help: "Attachments associate with and propagate into its default route table, so routing through it is transitive.", flags: TGW, run: Run::Write(create_tgw) },
        CommandSpec { name: "create-transit-gateway-vpc-attachment", service: "ec2", summary: "attach a VPC to a transit gateway",
            usage: "create-transit-gateway-vpc-attachment --transit-gateway-id TGW --vpc-id VPC --subnet-ids S…",
            help: "Places a TGW network interface in each subnet (one per AZ). VPC route tables still need routes to the tgw-.", flags: TGW_ATT, run: Run::Write(create_tgw_att) },
        CommandSpec { name: "describe-transit-gateways", service: "ec2", summary: "transit gateways", usage: "describe-transit-gateways",
            help: "", flags: DESCRIBE_TGW, run: Run::Read(describe_tgws) },
        CommandSpec { name: "describe-transit-gateway-vpc-attachments", service: "ec2", summary: "VPC attachments of transit gateways", usage: "describe-transit-gateway-vpc-attachments [--filters Name=transit-gateway-id,Values=TGW]",
            help: "", flags: DESCRIBE_TGW_ATT, run: Run::Read(describe_tgw_atts) },
        CommandSpec { name: "create-vpc-endpoint", service: "ec2", summary: "create a gateway endpoint for S3 or DynamoDB",
            usage: "create-vpc-endpoint --vpc-id VPC --vpc-endpoint-type Gateway --service-name com.amazonaws.REGION.s3 --route-table-ids RTB…",
            help: "Adds `pl-… → vpce-…` to each route table: more specific than 0.0.0.0/0, so the service is reached privately \
                   (no NAT, no public IP). Same region only; not usable across peering, VPN or TGW. Interface endpoints are not modelled.",
            flags: ENDPOINT, run: Run::Write(create_endpoint) },
        CommandSpec { name: "describe-vpc-endpoints", service: "ec2", summary: "VPC endpoints", usage: "describe-vpc-endpoints",
            help: "", flags: DESCRIBE_EP, run: Run::Read(describe_endpoints) },
    ]
}

fn create_pcx(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_peering(
        &r,
        a.required("vpc-id")?,
        a.required("peer-vpc-id")?,
        a.get("peer-region"),
        name_tag(a),
    )?;
    let p = &lab.network.peerings[lab.network.peering_idx(None, &id)?];
    Ok(Reply::text(format!(
        "created {}: {} ↔ {} — {} ({})",
        lab.network.label(&id),
        p.requester_vpc,
        p.accepter_vpc,
        p.status,
        p.message
    ))
    .with_json(member("VpcPeeringConnection", j::peering(&lab.network, p))))
}

fn accept_pcx(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let k = a.required("vpc-peering-connection-id")?;
    lab.network.accept_peering(&r, k)?;
    let p = &lab.network.peerings[lab.network.peering_idx(None, k)?];
    Ok(Reply::text(format!(
        "{} is active: add routes to the peer's CIDR via it on both sides",
        lab.network.label(&p.id)
    ))
    .with_json(member("VpcPeeringConnection", j::peering(&lab.network, p))))
}

fn delete_pcx(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let k = a.required("vpc-peering-connection-id")?;
    lab.network.delete_peering(&r, k)?;
    Ok(Reply::text(format!("deleted {}", k)).with_json(json!({"Return": true})))
}

fn describe_pcx(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("vpc-peering-connection-ids");
    let mut rows = Vec::new();
    for p in lab.network.peerings.iter().filter(|p| p.region == r || p.accepter_region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == p.id || Some(k.as_str()) == p.name.as_deref()) {
            continue;
        }
        if f.keep(&[
            ("vpc-peering-connection-id", one(&p.id)),
            ("status-code", one(p.status)),
            ("requester-vpc-info.vpc-id", one(&p.requester_vpc)),
            ("accepter-vpc-info.vpc-id", one(&p.accepter_vpc)),
            ("tag:Name", opt(&p.name)),
        ])? {
            rows.push(p);
        }
    }
    let df = tbl::peerings_df(&rows)?;
    let json = member("VpcPeeringConnections", rows.iter().map(|p| j::peering(&lab.network, p)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} peering connections", rows.len())), None)
        .with_json(json)
        .keep("vpc_peering_connections", df))
}

fn create_tgw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_transit_gateway(&r, name_tag(a));
    let t = &lab.network.transit_gateways[lab.network.tgw_idx(None, &id)?];
    Ok(Reply::text(format!("created {} in {}", lab.network.label(&id), r))
        .with_json(member("TransitGateway", j::transit_gateway(t))))
}

fn create_tgw_att(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let subnets = a.list("subnet-ids");
    let id = lab.network.create_tgw_attachment(
        &r,
        a.required("transit-gateway-id")?,
        a.required("vpc-id")?,
        &subnets,
        name_tag(a),
    )?;
    let att = lab
        .network
        .tgw_attachments
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| CommandError::new(ename::INTERNAL_ERROR, "attachment vanished"))?;
    Ok(Reply::text(format!("created {}: {} ↔ {} ({} subnets)", id, att.tgw_id, att.vpc_id, att.subnet_ids.len()))
        .with_json(member("TransitGatewayVpcAttachment", j::tgw_attachment(att))))
}

fn describe_tgws(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let ids = a.list("transit-gateway-ids");
    let rows: Vec<_> = lab
        .network
        .transit_gateways
        .iter()
        .filter(|t| {
            t.region == r && (ids.is_empty() || ids.iter().any(|k| *k == t.id || Some(k.as_str()) == t.name.as_deref()))
        })
        .collect();
    let df = tbl::transit_gateways_df(&lab.network, &rows)?;
    let json = member("TransitGateways", rows.iter().map(|t| j::transit_gateway(t)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} transit gateways in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("transit_gateways", df))
}

fn create_endpoint(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    if a.get("vpc-endpoint-type").is_some_and(|t| t != "Gateway") {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            "only Gateway endpoints (S3, DynamoDB) are modelled; interface endpoints are not",
        ));
    }
    let tables = a.list("route-table-ids");
    let id = lab.network.create_gateway_endpoint(
        &r,
        a.required("vpc-id")?,
        a.required("service-name")?,
        &tables,
        name_tag(a),
    )?;
    let e = &lab.network.endpoints[lab.network.endpoint_idx(None, &id)?];
    Ok(Reply::text(format!(
        "created {} for {}: {} → {} added to {} route tables",
        lab.network.label(&id),
        e.service_name,
        e.prefix_list_id,
        e.id,
        e.route_table_ids.len()
    ))
    .with_json(member("VpcEndpoint", j::endpoint(e))))
}

fn describe_endpoints(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("vpc-endpoint-ids");
    let mut rows = Vec::new();
    for e in lab.network.endpoints.iter().filter(|e| e.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == e.id || Some(k.as_str()) == e.name.as_deref()) {
            continue;
        }
        if f.keep(&[
            ("vpc-endpoint-id", one(&e.id)),
            ("vpc-id", one(&e.vpc_id)),
            ("service-name", one(&e.service_name)),
            ("tag:Name", opt(&e.name)),
        ])? {
            rows.push(e);
        }
    }
    let df = tbl::endpoints_df(&rows)?;
    let json = member("VpcEndpoints", rows.iter().map(|e| j::endpoint(e)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} VPC endpoints in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("vpc_endpoints", df))
}

fn describe_tgw_atts(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("transit-gateway-attachment-ids");
    let mut rows = Vec::new();
    for x in lab.network.tgw_attachments.iter().filter(|x| x.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == x.id || Some(k.as_str()) == x.name.as_deref()) {
            continue;
        }
        if f.keep(&[
            ("transit-gateway-attachment-id", one(&x.id)),
            ("transit-gateway-id", one(&x.tgw_id)),
            ("vpc-id", one(&x.vpc_id)),
            ("tag:Name", opt(&x.name)),
        ])? {
            rows.push(x);
        }
    }
    let df = tbl::tgw_attachments_df(&rows)?;
    let json = member("TransitGatewayVpcAttachments", rows.iter().map(|x| j::tgw_attachment(x)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} transit gateway VPC attachments in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("transit_gateway_attachments", df))
}
