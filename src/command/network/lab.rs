//! Network lab commands: `vpc wizard`, `show KIND`, `subnet-calc`, `diagram`.

use crate::model::codes;
use polars::prelude::*;
use serde::Serialize;

use super::region;
use crate::command::shapes::to_value;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::wizard::{NatPlan, WizardSpec};
use crate::model::network::{cidr, Network};
use crate::render::diagram;
use crate::tables::network as tbl;

const WIZARD: &[Flag] = &[
    Flag::value("name", "name prefix of every resource (prod → prod-vpc, prod-subnet-public1-…)"),
    Flag::value("cidr", "the VPC block (default 10.0.0.0/16)"),
    Flag::value("azs", "number of AZs (default 2)"),
    Flag::value("public-subnets", "0, one or two per AZ (default: one per AZ)"),
    Flag::value("private-subnets", "0, one or two per AZ (default: one per AZ)"),
    Flag::choice("nat-gateways", "none (default), 1 (in one AZ) or per-az", &["none", "1", "per-az"]),
    Flag::switch("s3-endpoint", "add an S3 gateway endpoint to the private route tables"),
];
const SHOW: &[Flag] = &[Flag::value("vpc", "only this VPC (ID or Name)")];
const CALC: &[Flag] = &[
    Flag::value("prefix", "split the block into /N pieces"),
    Flag::value("limit", "show at most N pieces (default 64)"),
];
const KINDS: &[&str] = &[
    "vpc",
    "vpcs",
    "subnets",
    "route-tables",
    "routes",
    "security-groups",
    "network-acls",
    "instances",
    "gateways",
    "peering",
    "endpoints",
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "vpc wizard",
            service: "lab",
            summary: "the console's \"VPC and more\": VPC, subnets per AZ, IGW, NAT gateways, route tables, S3 endpoint",
            usage: "vpc wizard --name N --cidr C [--azs 2] [--public-subnets 2] [--private-subnets 2] [--nat-gateways none|1|per-az] [--s3-endpoint]",
            help: "Creates real model resources, named as the console names them: subnets are 4 bits longer than the VPC \
                   (/16 → /20), public ones from the start of the block and private ones from its second half; one public \
                   route table (0.0.0.0/0 → IGW) and one private route table per private subnet (0.0.0.0/0 → its AZ's NAT \
                   gateway when there is one). Each NAT gateway gets an Elastic IP (5 per region).\n\
                   Example: `vpc wizard --name prod --cidr 10.0.0.0/16 --azs 2 --nat-gateways per-az --s3-endpoint`",
            flags: WIZARD,
            run: Run::Write(wizard),
        },
        CommandSpec {
            name: "show",
            service: "lab",
            summary: "tables of the network model: show vpc NAME | subnets | route-tables | security-groups | network-acls | instances | gateways",
            usage: "show KIND [NAME] [--vpc VPC]",
            help: "Kinds: vpc NAME (everything in one VPC), vpcs, subnets, route-tables, routes, security-groups, network-acls, \
                   instances, gateways (IGWs, NAT gateways, EIPs, VPN gateways, TGWs), peering, endpoints. \
                   `--vpc` narrows any kind to one VPC.",
            flags: SHOW,
            run: Run::Read(show),
        },
        CommandSpec {
            name: "subnet-calc",
            service: "lab",
            summary: "CIDR arithmetic: range, usable addresses (5 reserved per subnet), splits",
            usage: "subnet-calc CIDR [--prefix N] [--limit ROWS]",
            help: "Usable = 2^(32−prefix) − 5 in AWS (network, router, DNS, future, broadcast). \
                   --limit shows at most ROWS of the split (default 64, at most 65,536). \
                   Example: `subnet-calc 10.0.0.0/16 --prefix 20` (16 subnets of 4,091 usable addresses).",
            flags: CALC,
            run: Run::Read(subnet_calc),
        },
        CommandSpec {
            name: "diagram",
            service: "lab",
            summary: "an SVG picture of a VPC: AZs, public/private subnets, gateways, routes, instances",
            usage: "diagram VPC",
            help: "Region box, VPC box with its CIDRs, one column per AZ; public subnets green, private blue (public = routed \
                   to an IGW); the IGW on top, NAT gateways and instances inside their subnets with their IPs, each subnet's \
                   default route target, gateway endpoints, peering and transit gateways at the side.",
            flags: &[],
            run: Run::Read(diagram_cmd),
        },
    ]
}

fn wizard(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let azs: usize = a.parse_or("azs", 2)?;
    let spec = WizardSpec {
        name: a.required("name")?.to_string(),
        cidr: a.get("cidr").unwrap_or("10.0.0.0/16").to_string(),
        azs,
        public_subnets: a.parse_or("public-subnets", azs)?,
        private_subnets: a.parse_or("private-subnets", azs)?,
        nat: match a.get("nat-gateways").unwrap_or("none") {
            "none" | "0" => NatPlan::None,
            "1" | "one" => NatPlan::One,
            "per-az" => NatPlan::PerAz,
            x => {
                return Err(CommandError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("--nat-gateways must be none, 1 or per-az, not '{}'", x),
                ))
            }
        },
        s3_endpoint: a.switch("s3-endpoint"),
    };
    let res = lab.network.vpc_wizard(&r, &spec)?;
    let c = &res.created;
    let df = tbl::wizard_df(c)?;
    let created = c.iter().map(|(resource, id, name, detail)| Created { resource, id, name, detail }).collect();
    let json = to_value(&WizardJson { vpc_id: &res.vpc_id, region: &r, created });
    Ok(Reply::new()
        .with_text(format!(
            "created {} resources for {} in {} (`diagram {}-vpc` draws it)",
            c.len(),
            spec.name,
            r,
            spec.name
        ))
        .with_table(df, Some(format!("vpc wizard: {}", spec.name)), None)
        .with_json(json))
}

/// `vpc wizard --output json` (lab JSON: snake_case).
#[derive(Serialize)]
struct WizardJson<'a> {
    vpc_id: &'a str,
    region: &'a str,
    created: Vec<Created<'a>>,
}

#[derive(Serialize)]
struct Created<'a> {
    resource: &'a str,
    id: &'a str,
    name: &'a str,
    detail: &'a str,
}

fn show(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let kind = a.required_pos(0, &format!("what to show ({})", KINDS.join(", ")))?;
    let vpc_key = if kind == "vpc" { Some(a.required_pos(1, "the VPC (ID or Name)")?) } else { a.get("vpc") };
    let vpc = match vpc_key {
        Some(k) => Some(lab.network.vpc(Some(&r), k)?.id.clone()),
        None => None,
    };
    let mut reply = Reply::new();
    let mut json = serde_json::Map::new();
    for (name, df) in shown(&lab.network, &r, vpc.as_deref(), kind)? {
        json.insert(name.to_string(), table_json(&df));
        let title = format!("{} ({})", name, df.height());
        reply = reply.with_table(df.clone(), Some(title), None).keep(name, df);
    }
    Ok(reply.with_json(serde_json::Value::Object(json)))
}

/// The tables `show KIND` prints, of region `r` and, given one, of one VPC.
fn shown(n: &Network, r: &str, vpc: Option<&str>, kind: &str) -> Result<Vec<(&'static str, DataFrame)>, CommandError> {
    let inv = |v: &str| vpc.is_none_or(|x| x == v);
    let subnets: Vec<_> = n.subnets.iter().filter(|s| s.region == r && inv(&s.vpc_id)).collect();
    let rtbs: Vec<_> = n.route_tables.iter().filter(|t| t.region == r && inv(&t.vpc_id)).collect();
    let sgs: Vec<_> = n.security_groups.iter().filter(|g| g.region == r && inv(&g.vpc_id)).collect();
    let acls: Vec<_> = n.network_acls.iter().filter(|g| g.region == r && inv(&g.vpc_id)).collect();
    let insts: Vec<_> = n.instances.iter().filter(|i| i.region == r && inv(&i.vpc_id)).collect();
    let vpcs: Vec<_> = n.vpcs_in(r).filter(|v| inv(&v.id)).collect();
    Ok(match kind {
        "vpc" => {
            let mut v = vec![("vpcs", tbl::vpcs_df(n, &vpcs)?), ("subnets", tbl::subnets_df(n, &subnets)?)];
            v.push(("routes", tbl::routes_df(n, &rtbs)?));
            v.extend(gateways(n, r, vpc)?);
            v.push(("security_groups", tbl::security_groups_df(&sgs)?));
            v.push(("network_acl_entries", tbl::network_acl_entries_df(&acls)?));
            v.push(("instances", tbl::instances_df(n, &insts)?));
            v
        }
        "vpcs" => vec![("vpcs", tbl::vpcs_df(n, &vpcs)?)],
        "subnets" => vec![("subnets", tbl::subnets_df(n, &subnets)?)],
        "route-tables" => {
            vec![("route_tables", tbl::route_tables_df(n, &rtbs)?), ("routes", tbl::routes_df(n, &rtbs)?)]
        }
        "routes" => vec![("routes", tbl::routes_df(n, &rtbs)?)],
        "security-groups" => vec![
            ("security_groups", tbl::security_groups_df(&sgs)?),
            ("security_group_rules", tbl::security_group_rules_df(&sgs)?),
        ],
        "network-acls" => vec![
            ("network_acls", tbl::network_acls_df(&acls)?),
            ("network_acl_entries", tbl::network_acl_entries_df(&acls)?),
        ],
        "instances" => vec![("instances", tbl::instances_df(n, &insts)?)],
        "gateways" => gateways(n, r, vpc)?,
        "peering" => {
            let p: Vec<_> = n
                .peerings
                .iter()
                .filter(|p| {
                    (p.region == r || p.accepter_region == r) && (inv(&p.requester_vpc) || inv(&p.accepter_vpc))
                })
                .collect();
            vec![("vpc_peering_connections", tbl::peerings_df(&p)?)]
        }
        "endpoints" => {
            let e: Vec<_> = n.endpoints.iter().filter(|e| e.region == r && inv(&e.vpc_id)).collect();
            vec![("vpc_endpoints", tbl::endpoints_df(&e)?)]
        }
        other => {
            let mut e = CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("cannot show '{}'", other))
                .with_hint(format!("kinds: {}", KINDS.join(", ")));
            if let Some(c) = crate::command::closest(other, KINDS.iter().copied()) {
                e = e.with_hint(format!("did you mean `show {}`? (kinds: {})", c, KINDS.join(", ")));
            }
            return Err(e);
        }
    })
}

/// `show gateways`: IGWs and NAT gateways (of the VPC), Elastic IPs, and the VPN and transit
/// gateways when there are any. A detached gateway shows only without a VPC.
fn gateways(n: &Network, r: &str, vpc: Option<&str>) -> Result<Vec<(&'static str, DataFrame)>, CommandError> {
    let inv = |v: &str| vpc.is_none_or(|x| x == v);
    let attached = |v: &Option<String>| v.as_deref().map_or(vpc.is_none(), inv);
    let igws: Vec<_> = n.internet_gateways.iter().filter(|g| g.region == r && attached(&g.vpc_id)).collect();
    let nats: Vec<_> = n.nat_gateways.iter().filter(|g| g.region == r && inv(&g.vpc_id)).collect();
    let eips: Vec<_> = n.elastic_ips.iter().filter(|g| g.region == r).collect();
    let mut v = vec![
        ("internet_gateways", tbl::internet_gateways_df(&igws)?),
        ("nat_gateways", tbl::nat_gateways_df(n, &nats)?),
        ("elastic_ips", tbl::elastic_ips_df(n, &eips)?),
    ];
    let vgws: Vec<_> = n.vpn_gateways.iter().filter(|g| g.region == r && attached(&g.vpc_id)).collect();
    if !vgws.is_empty() {
        v.push(("vpn_gateways", tbl::vpn_gateways_df(&vgws)?));
    }
    let tgws: Vec<_> = n.transit_gateways.iter().filter(|g| g.region == r).collect();
    if !tgws.is_empty() {
        v.push(("transit_gateways", tbl::transit_gateways_df(n, &tgws)?));
    }
    Ok(v)
}

/// A DataFrame as a list of snake_case records (lab JSON).
pub(crate) fn table_json(df: &DataFrame) -> serde_json::Value {
    let mut rows = vec![serde_json::Map::new(); df.height()];
    for col in df.columns() {
        let name = col.name().to_string();
        for (i, row) in rows.iter_mut().enumerate() {
            let v = match col.get(i) {
                Ok(AnyValue::Null) | Err(_) => serde_json::Value::Null,
                Ok(AnyValue::Boolean(b)) => b.into(),
                Ok(AnyValue::String(s)) => s.into(),
                Ok(AnyValue::StringOwned(s)) => s.as_str().into(),
                Ok(AnyValue::UInt32(x)) => x.into(),
                Ok(AnyValue::UInt64(x)) => x.into(),
                Ok(AnyValue::Int32(x)) => x.into(),
                Ok(AnyValue::Int64(x)) => x.into(),
                Ok(AnyValue::Float64(x)) => x.into(),
                Ok(other) => other.to_string().into(),
            };
            row.insert(name.clone(), v);
        }
    }
    serde_json::Value::Array(rows.into_iter().map(serde_json::Value::Object).collect())
}

/// Most rows `subnet-calc --limit` may ask for: `0.0.0.0/0 --prefix 32 --limit 99999999999`
/// allocated until the kernel died (issue 19).
pub const MAX_SPLIT_ROWS: usize = 65_536;

fn subnet_calc(_: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let raw = a.required_pos(0, "a CIDR, e.g. 10.0.0.0/16")?;
    let c = cidr::parse_v4(raw)?;
    let b = cidr::block(c);
    let aws_ok = (cidr::MIN_PREFIX..=cidr::MAX_PREFIX).contains(&c.prefix_len());
    let mut text = format!(
        "{}{}: {} – {}, {} addresses, {} usable in an AWS subnet ({} – {}; reserved: {} network, {} router, {} DNS, {} future, {} broadcast){}",
        c,
        if c.to_string() != raw.trim() { format!(" (canonical form of {})", raw) } else { String::new() },
        b.first,
        b.last,
        b.addresses,
        b.usable,
        b.first_usable,
        b.last_usable,
        cidr::nth(c, 0),
        cidr::nth(c, 1),
        cidr::nth(c, 2),
        cidr::nth(c, 3),
        b.last,
        if aws_ok { String::new() } else { format!("\nnote: AWS VPCs and subnets must be /{} to /{}", cidr::MIN_PREFIX, cidr::MAX_PREFIX) }
    );
    let prefix: Option<u8> = a.value("prefix")?;
    // u64, not usize: the same answer on 32-bit wasm as natively.
    let limit: u64 = a.parse_or("limit", 64u64)?.max(1);
    if limit > MAX_SPLIT_ROWS as u64 {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("--limit {limit} is over the limit of {MAX_SPLIT_ROWS} rows (a /16 split into /32s)"),
        ));
    }
    let limit = limit as usize;
    let (blocks, count) = match prefix {
        Some(p) => cidr::split(c, p, limit)?,
        None => (vec![b.clone()], 1),
    };
    if let Some(p) = prefix {
        text.push_str(&format!(
            "\nsplit into /{}: {} subnets of {} addresses ({} usable each)",
            p,
            count,
            cidr::size(blocks[0].cidr),
            cidr::usable(blocks[0].cidr)
        ));
        if count as usize > blocks.len() {
            text.push_str(&format!(" — first {} shown (--limit)", blocks.len()));
        }
    }
    let df = tbl::cidr_blocks_df(&blocks)?;
    let json = to_value(&SubnetCalcJson {
        cidr: c.to_string(),
        addresses: b.addresses,
        usable_addresses: b.usable,
        split_count: count,
        blocks: table_json(&df),
    });
    Ok(Reply::new()
        .with_text(text)
        .with_table(
            df.clone(),
            Some(format!("{} → {} blocks", c, count)),
            Some("usable = addresses − 5 (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html)".into()),
        )
        .with_json(json)
        .keep("subnet_calc", df))
}

/// `subnet-calc --output json`: the block, then its split as table rows.
#[derive(Serialize)]
struct SubnetCalcJson {
    cidr: String,
    addresses: u64,
    usable_addresses: u64,
    split_count: u64,
    blocks: serde_json::Value,
}

fn diagram_cmd(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let key = a.required_pos(0, "the VPC to draw (ID or Name)")?;
    let v = lab.network.vpc(Some(&r), key).or_else(|_| lab.network.vpc(None, key))?;
    let svg = diagram::vpc_diagram_with_disks(&lab.network, &v.id, &|i| crate::command::storage::disk_summary(lab, i));
    let subnets = lab.network.subnets.iter().filter(|s| s.vpc_id == v.id).count();
    let alt = format!("diagram of {}: {} subnets", lab.network.label(&v.id), subnets);
    let json = to_value(&DiagramJson { vpc_id: &v.id, svg: &svg });
    Ok(Reply::new().with_svg(svg, alt.clone()).with_json(json))
}

/// `diagram --output json`: the picture itself.
#[derive(Serialize)]
struct DiagramJson<'a> {
    vpc_id: &'a str,
    svg: &'a str,
}
