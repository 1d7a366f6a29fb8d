//! Route tables: create/delete, routes, associations, describe-route-tables.

use crate::model::codes;
use serde_json::json;

use super::{json as j, name_tag, one, opt, region, Filters};
use crate::command::shapes::{self, member, to_value};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::TargetParam;
use crate::tables::network as tbl;

const CREATE: &[Flag] = &[
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const RTB: &[Flag] = &[Flag::value("route-table-id", "route table ID or Name")];
const ROUTE: &[Flag] = &[
    Flag::value("route-table-id", "route table ID or Name"),
    Flag::value("destination-cidr-block", "IPv4 destination, e.g. 0.0.0.0/0"),
    Flag::value("destination-ipv6-cidr-block", "IPv6 destination, e.g. ::/0"),
    Flag::value("gateway-id", "igw- or vgw- (ID or Name)"),
    Flag::value("nat-gateway-id", "nat- (ID or Name)"),
    Flag::value("vpc-peering-connection-id", "pcx- (ID or Name)"),
    Flag::value("transit-gateway-id", "tgw- (ID or Name)"),
    Flag::value("network-interface-id", "eni-"),
    Flag::value("instance-id", "i- (ID or Name)"),
    Flag::value("egress-only-internet-gateway-id", "eigw- (IPv6 only)"),
    Flag::switch("local-target", "replace-route: give a VPC block's local route back its target `local`"),
];
const DEL_ROUTE: &[Flag] = &[
    Flag::value("route-table-id", "route table ID or Name"),
    Flag::value("destination-cidr-block", "the route's destination"),
    Flag::value("destination-ipv6-cidr-block", "the route's IPv6 destination"),
];
const ASSOC: &[Flag] =
    &[Flag::value("route-table-id", "route table ID or Name"), Flag::value("subnet-id", "subnet ID or Name")];
const REPLACE_ASSOC: &[Flag] =
    &[Flag::value("association-id", "rtbassoc- ID (the main one too)"), Flag::value("route-table-id", "the new table")];
const DISASSOC: &[Flag] = &[Flag::value("association-id", "rtbassoc- ID")];
const DESCRIBE: &[Flag] = &[
    Flag::many("route-table-ids", "only these tables (IDs or Names)"),
    Flag::many("filters", "Name=vpc-id|association.subnet-id|association.main|route-table-id|tag:Name,Values=…"),
];

const TARGET_FLAGS: &[&str] = &[
    "gateway-id",
    "nat-gateway-id",
    "vpc-peering-connection-id",
    "transit-gateway-id",
    "network-interface-id",
    "instance-id",
    "egress-only-internet-gateway-id",
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-route-table", service: "ec2", summary: "create a custom route table (with the local routes)", usage: "create-route-table --vpc-id VPC [--name NAME]",
            help: "Subnets use the VPC's main table until associated with another one.", flags: CREATE, run: Run::Write(create_rtb) },
        CommandSpec { name: "delete-route-table", service: "ec2", summary: "delete a custom route table with no associations", usage: "delete-route-table --route-table-id RTB",
            help: "The main table cannot be deleted (DependencyViolation).", flags: RTB, run: Run::Write(delete_rtb) },
        CommandSpec { name: "create-route", service: "ec2", summary: "add a route",
            usage: "create-route --route-table-id RTB --destination-cidr-block CIDR (--gateway-id|--nat-gateway-id|--vpc-peering-connection-id|--transit-gateway-id|--network-interface-id|--instance-id) TARGET",
            help: "AWS rules: one route per destination (RouteAlreadyExists); the target must belong to (or connect) the \
                   table's VPC; a route more specific than `local` must equal a subnet CIDR and target a NAT gateway or ENI \
                   (not an instance ID). A target that does not exist is InvalidGatewayID.NotFound, \
                   InvalidNatGatewayID.NotFound, … by its flag. Selection is longest prefix match.\n\
                   Example: `create-route --route-table-id public-rt --destination-cidr-block 0.0.0.0/0 --gateway-id igw1`",
            flags: ROUTE, run: Run::Write(create_route) },
        CommandSpec { name: "replace-route", service: "ec2", summary: "change the target of an existing route", usage: "replace-route --route-table-id RTB --destination-cidr-block CIDR --TARGET-FLAG TARGET",
            help: "InvalidRoute.NotFound when there is no route with that destination. A VPC block's `local` route may be \
                   retargeted to a NAT gateway or ENI (a middlebox) and restored with `--local-target`.", flags: ROUTE, run: Run::Write(replace_route) },
        CommandSpec { name: "delete-route", service: "ec2", summary: "remove a route", usage: "delete-route --route-table-id RTB --destination-cidr-block CIDR",
            help: "The local routes cannot be removed.", flags: DEL_ROUTE, run: Run::Write(delete_route) },
        CommandSpec { name: "associate-route-table", service: "ec2", summary: "make a subnet use a route table", usage: "associate-route-table --route-table-id RTB --subnet-id SUBNET",
            help: "A subnet has one explicit association (Resource.AlreadyAssociated: use replace-route-table-association).", flags: ASSOC, run: Run::Write(associate) },
        CommandSpec { name: "replace-route-table-association", service: "ec2", summary: "move an association (or the main one) to another table",
            usage: "replace-route-table-association --association-id RTBASSOC --route-table-id RTB", help: "Replacing the main association makes the new table the VPC's main table.",
            flags: REPLACE_ASSOC, run: Run::Write(replace_assoc) },
        CommandSpec { name: "disassociate-route-table", service: "ec2", summary: "the subnet goes back to the main table", usage: "disassociate-route-table --association-id RTBASSOC",
            help: "", flags: DISASSOC, run: Run::Write(disassociate) },
        CommandSpec { name: "describe-route-tables", service: "ec2", summary: "route tables and their routes", usage: "describe-route-tables [--filters Name=vpc-id,Values=VPC]",
            help: "Routes show `blackhole` when their target is gone or detached. The `routes` table is kept for sql.", flags: DESCRIBE, run: Run::Read(describe_rtbs) },
    ]
}

fn create_rtb(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_route_table(&r, a.required("vpc-id")?, name_tag(a))?;
    let t = &lab.network.route_tables[lab.network.route_table_idx(None, &id)?];
    Ok(Reply::text(format!("created {} in {} (local routes only)", lab.network.label(&id), t.vpc_id))
        .with_json(member("RouteTable", j::route_table(&lab.network, t))))
}

fn delete_rtb(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_route_table(&r, a.required("route-table-id")?)?;
    Ok(Reply::text(format!("deleted {}", id)).with_json(json!({})))
}

fn destination(a: &Args) -> Result<&str, CommandError> {
    a.get("destination-cidr-block").or(a.get("destination-ipv6-cidr-block")).ok_or_else(|| {
        CommandError::new(
            codes::MISSING_PARAMETER,
            "the request must contain --destination-cidr-block or --destination-ipv6-cidr-block",
        )
    })
}

fn target(a: &Args) -> Result<(TargetParam, &str), CommandError> {
    if a.switch("local-target") {
        return Ok((TargetParam::Any, "local"));
    }
    let given: Vec<(TargetParam, &str)> =
        TARGET_FLAGS.iter().filter_map(|f| a.get(f).map(|v| (TargetParam::from_flag(f), v))).collect();
    match given.as_slice() {
        [one] => Ok(*one),
        [] => Err(CommandError::new(codes::MISSING_PARAMETER, "a route needs one target: --gateway-id, --nat-gateway-id, --vpc-peering-connection-id, --transit-gateway-id, --network-interface-id or --instance-id")),
        _ => Err(CommandError::new(codes::INVALID_PARAMETER_COMBINATION, "only one route target may be given")),
    }
}

fn create_route(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (t, d, (p, g)) = (a.required("route-table-id")?, destination(a)?, target(a)?);
    lab.network.create_route_by(&r, t, d, p, g)?;
    let tbl_ = &lab.network.route_tables[lab.network.route_table_idx(Some(&r), t)?];
    let last = tbl_.routes.last().map(|x| format!("{} → {}", x.destination, x.target)).unwrap_or_default();
    Ok(Reply::text(format!("{}: added {}", lab.network.label(&tbl_.id), last)).with_json(json!({"Return": true})))
}

fn replace_route(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (t, d, (p, g)) = (a.required("route-table-id")?, destination(a)?, target(a)?);
    lab.network.replace_route_by(&r, t, d, p, g)?;
    Ok(Reply::text(format!("{}: {} now → {}", t, d, g)).with_json(json!({})))
}

fn delete_route(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (t, d) = (a.required("route-table-id")?, destination(a)?);
    lab.network.delete_route(&r, t, d)?;
    Ok(Reply::text(format!("{}: removed the route to {}", t, d)).with_json(json!({})))
}

fn associate(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (t, s) = (a.required("route-table-id")?, a.required("subnet-id")?);
    let id = lab.network.associate_route_table(&r, t, s)?;
    Ok(Reply::text(format!("{} now uses {} ({})", s, t, id)).with_json(to_value(
        &shapes::RouteTableAssociationResult {
            association_id: Some(id),
            association_state: Some(j::associated()),
            ..Default::default()
        },
    )))
}

fn replace_assoc(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.replace_route_table_association(
        &r,
        a.required("association-id")?,
        a.required("route-table-id")?,
    )?;
    Ok(Reply::text(format!("association replaced: {}", id)).with_json(to_value(&shapes::RouteTableAssociationResult {
        new_association_id: Some(id),
        association_state: Some(j::associated()),
        ..Default::default()
    })))
}

fn disassociate(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let k = a.required("association-id")?;
    lab.network.disassociate_route_table(k)?;
    Ok(Reply::text(format!("disassociated {}: the subnet uses the main route table", k)).with_json(json!({})))
}

fn describe_rtbs(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("route-table-ids") {
        wanted.push(lab.network.route_tables[lab.network.route_table_idx(Some(&r), &k)?].id.clone());
    }
    let mut rows = Vec::new();
    for t in lab.network.route_tables.iter().filter(|t| t.region == r) {
        if !wanted.is_empty() && !wanted.contains(&t.id) {
            continue;
        }
        if f.keep(&[
            ("route-table-id", one(&t.id)),
            ("vpc-id", one(&t.vpc_id)),
            ("association.subnet-id", t.associations.iter().map(|x| x.subnet_id.clone()).collect()),
            ("association.main", one(t.main.to_string())),
            ("route.destination-cidr-block", t.routes.iter().map(|x| x.destination.to_string()).collect()),
            ("tag:Name", opt(&t.name)),
        ])? {
            rows.push(t);
        }
    }
    let df = tbl::route_tables_df(&lab.network, &rows)?;
    let routes = tbl::routes_df(&lab.network, &rows)?;
    let json = member("RouteTables", rows.iter().map(|t| j::route_table(&lab.network, t)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} route tables in {}", rows.len(), r)), None)
        .with_table(
            routes.clone(),
            Some("routes".into()),
            Some("longest prefix match wins; blackhole = target gone or detached".into()),
        )
        .with_json(json)
        .keep("route_tables", df)
        .keep("routes", routes))
}
