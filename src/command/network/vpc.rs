//! VPC operations: create-vpc, associate-vpc-cidr-block, delete-vpc, describe-vpcs,
//! create-default-vpc.

use crate::model::codes;
use serde_json::json;

use super::{json as j, name_tag, one, opt, region, Filters};
use crate::command::shapes::{self, member, to_value};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::Vpc;
use crate::tables::network as tbl;

const CREATE: &[Flag] = &[
    Flag::value("cidr-block", "the IPv4 block, /16 to /28 (e.g. 10.0.0.0/16)"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=N}]"),
    Flag::value("instance-tenancy", "accepted (default)"),
];
const ASSOC: &[Flag] =
    &[Flag::value("vpc-id", "VPC ID or Name"), Flag::value("cidr-block", "the secondary IPv4 block")];
const DELETE: &[Flag] = &[Flag::value("vpc-id", "VPC ID or Name")];
const DESCRIBE: &[Flag] = &[
    Flag::many("vpc-ids", "only these VPCs (IDs or Names)"),
    Flag::many("filters", "Name=vpc-id|cidr|is-default|tag:Name,Values=…"),
];

const DHCP: &[Flag] = &[
    Flag::many("dhcp-options-ids", "only these option sets"),
    Flag::many("filters", "Name=dhcp-options-id|key|value,Values=…"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "describe-dhcp-options",
            service: "ec2",
            summary: "the DHCP option set the region's VPCs use (domain name, Amazon DNS)",
            usage: "describe-dhcp-options [--dhcp-options-ids DOPT…]",
            help: "Every VPC here uses its region's default option set: domain-name `REGION.compute.internal` \
(`ec2.internal` in us-east-1) and domain-name-servers `AmazonProvidedDNS` \
(https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html). Custom option sets are not modelled.",
            flags: DHCP,
            run: Run::Read(describe_dhcp_options),
        },
        CommandSpec {
            name: "create-vpc",
            service: "ec2",
            summary: "create a VPC (with its main route table, default NACL and default security group)",
            usage: "create-vpc --cidr-block CIDR [--name NAME]",
            help: "AWS rules: the block is /16 to /28 and is rewritten to canonical form (10.0.0.5/16 → 10.0.0.0/16); \
                   169.254.0.0/16 is refused; 5 VPCs per region (VpcLimitExceeded). The new VPC has a main route table \
                   with only the `local` route, a default NACL that allows all traffic, and a default security group.\n\
                   Example: `create-vpc --cidr-block 10.0.0.0/16 --name prod`",
            flags: CREATE,
            run: Run::Write(create_vpc),
        },
        CommandSpec {
            name: "associate-vpc-cidr-block",
            service: "ec2",
            summary: "add a secondary IPv4 block to a VPC",
            usage: "associate-vpc-cidr-block --vpc-id VPC --cidr-block CIDR",
            help: "Up to 5 IPv4 blocks per VPC (CidrLimitExceeded); no overlap with the VPC's blocks; RFC 1918 ranges \
                   may not be mixed (a 10/8 VPC cannot add 172.16/12 or 192.168/16). Adds a `local` route to every route table.",
            flags: ASSOC,
            run: Run::Write(associate),
        },
        CommandSpec {
            name: "delete-vpc",
            service: "ec2",
            summary: "delete a VPC that has nothing left in it",
            usage: "delete-vpc --vpc-id VPC",
            help: "Refused with DependencyViolation while subnets, gateways, custom route tables/NACLs/security groups, \
                   endpoints or peering connections remain.",
            flags: DELETE,
            run: Run::Write(delete_vpc),
        },
        CommandSpec {
            name: "describe-vpcs",
            service: "ec2",
            summary: "the region's VPCs",
            usage: "describe-vpcs [--vpc-ids VPC…] [--filters Name=cidr,Values=10.0.0.0/16]",
            help: "Filters: vpc-id, cidr, cidr-block-association.cidr-block, is-default, state, tag:Name.",
            flags: DESCRIBE,
            run: Run::Read(describe_vpcs),
        },
        CommandSpec {
            name: "create-default-vpc",
            service: "ec2",
            summary: "create the region's default VPC (172.31.0.0/16, a /20 default subnet per AZ, IGW)",
            usage: "create-default-vpc",
            help: "One default VPC per region (DefaultVpcAlreadyExists). Its subnets auto-assign public IPv4 addresses \
                   and its main route table sends 0.0.0.0/0 to the attached internet gateway.",
            flags: &[],
            run: Run::Write(create_default_vpc),
        },
    ]
}

fn create_vpc(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let cidr = a.required("cidr-block")?;
    let id = lab.network.create_vpc(&r, cidr, name_tag(a))?;
    let v = lab.network.vpc(None, &id)?;
    let mut text = format!("created {} {} in {}", lab.network.label(&id), v.primary_cidr(), r);
    if v.primary_cidr().to_string() != cidr.trim() {
        text.push_str(&format!(" (canonical form of {})", cidr));
    }
    // CreateVpc answers while the VPC is still `pending` (https://docs.aws.amazon.com/cli/latest/reference/ec2/create-vpc.html).
    let mut vpc = j::vpc(v);
    vpc["State"] = "pending".into();
    Ok(Reply::text(text).with_json(member("Vpc", vpc)))
}

fn associate(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let vpc = a.required("vpc-id")?;
    let cidr = a.required("cidr-block")?;
    let assoc = lab.network.associate_vpc_cidr(&r, vpc, cidr)?;
    let v = lab.network.vpc(Some(&r), vpc)?;
    let c = v.cidrs.last().map(|c| c.to_string()).unwrap_or_default();
    Ok(Reply::text(format!(
        "associated {} with {} ({}); blocks now: {}",
        c,
        lab.network.label(&v.id),
        assoc,
        v.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
    ))
    .with_json(to_value(&shapes::AssociateVpcCidrBlockResult {
        cidr_block_association: Some(shapes::CidrBlockAssociation {
            association_id: Some(assoc),
            cidr_block: Some(c),
            cidr_block_state: Some(shapes::StateOf { state: Some("associating".into()) }),
        }),
        vpc_id: Some(v.id.clone()),
    })))
}

fn delete_vpc(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_vpc(&r, a.required("vpc-id")?)?;
    Ok(Reply::text(format!("deleted {}", id)).with_json(json!({})))
}

fn create_default_vpc(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_default_vpc(&r)?;
    let v = lab.network.vpc(None, &id)?;
    let n = lab.network.subnets.iter().filter(|s| s.vpc_id == id).count();
    Ok(Reply::text(format!("created default {} 172.31.0.0/16 in {}: {} default subnets (/20, one per AZ), internet gateway attached, 0.0.0.0/0 → igw", id, r, n))
        .with_json(member("Vpc", j::vpc(v))))
}

pub(crate) fn select_vpcs<'a>(lab: &'a Lab, a: &Args) -> Result<Vec<&'a Vpc>, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("vpc-ids");
    let mut wanted = Vec::new();
    for k in &ids {
        wanted.push(lab.network.vpc(Some(&r), k)?.id.clone());
    }
    let mut out = Vec::new();
    for v in lab.network.vpcs.iter().filter(|v| v.region == r) {
        if !wanted.is_empty() && !wanted.contains(&v.id) {
            continue;
        }
        let cidrs: Vec<String> = v.cidrs.iter().map(|c| c.to_string()).collect();
        if f.keep(&[
            ("vpc-id", one(&v.id)),
            ("cidr", one(v.primary_cidr().to_string())),
            ("cidr-block-association.cidr-block", cidrs),
            ("is-default", one(v.is_default.to_string())),
            ("state", one("available")),
            ("tag:Name", opt(&v.name)),
            ("owner-id", one(j::OWNER_ID)),
        ])? {
            out.push(v);
        }
    }
    Ok(out)
}

fn describe_vpcs(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let rows = select_vpcs(lab, a)?;
    let df = tbl::vpcs_df(&lab.network, &rows)?;
    let json = member("Vpcs", rows.iter().map(|v| j::vpc(v)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} VPCs in {}", rows.len(), region(lab, a)?)), None)
        .with_json(json)
        .keep("vpcs", df))
}

fn describe_dhcp_options(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let d = crate::model::network::dns::default_dhcp_options(&r);
    let f = Filters::parse(a)?;
    let ids = a.list("dhcp-options-ids");
    if let Some(bad) = ids.iter().find(|i| **i != d.id) {
        return Err(CommandError::new(
            codes::DHCP_OPTION_ID_NOT_FOUND,
            format!("The dhcpOption ID '{}' does not exist", bad),
        ));
    }
    let mut values = vec![d.domain_name.clone()];
    values.extend(d.domain_name_servers.iter().cloned());
    let keep = f.keep(&[
        ("dhcp-options-id", one(&d.id)),
        ("key", vec!["domain-name".into(), "domain-name-servers".into()]),
        ("value", values),
        ("owner-id", one(j::OWNER_ID)),
    ])?;
    let rows: Vec<_> = if keep { vec![&d] } else { vec![] };
    let vpcs = lab.network.vpcs.iter().filter(|v| v.region == r).count() as u32;
    let df = tbl::dhcp_options_df(&rows, vpcs)?;
    let json = member("DhcpOptions", rows.iter().map(|d| j::dhcp_options(d)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} DHCP option set(s) in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("dhcp_options", df))
}
