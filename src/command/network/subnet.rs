//! Subnet operations: create-subnet, modify-subnet-attribute, delete-subnet, describe-subnets.

use crate::model::codes;
use serde_json::json;

use super::{json as j, name_tag, one, opt, region, Filters};
use crate::command::shapes::member;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::cidr;
use crate::tables::network as tbl;

const CREATE: &[Flag] = &[
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::value("cidr-block", "the subnet's block, /16 to /28, inside the VPC"),
    Flag::value("availability-zone", "e.g. us-east-1a (default: the region's AZs in turn)"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "ResourceType=subnet,Tags=[{Key=Name,Value=N}]"),
];
const MODIFY: &[Flag] = &[
    Flag::value("subnet-id", "subnet ID or Name"),
    Flag::switch(
        "map-public-ip-on-launch",
        "auto-assign public IPv4 to new instances (--no-map-public-ip-on-launch to stop)",
    ),
];
const DELETE: &[Flag] = &[Flag::value("subnet-id", "subnet ID or Name")];
const DESCRIBE: &[Flag] = &[
    Flag::many("subnet-ids", "only these subnets (IDs or Names)"),
    Flag::many("filters", "Name=vpc-id|availability-zone|cidr-block|default-for-az|tag:Name,Values=…"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "create-subnet",
            service: "ec2",
            summary: "create a subnet in one AZ of a VPC",
            usage: "create-subnet --vpc-id VPC --cidr-block CIDR [--availability-zone AZ] [--name NAME]",
            help: "AWS rules: /16 to /28 and inside one of the VPC's blocks (InvalidSubnet.Range), no overlap with \
                   another subnet (InvalidSubnet.Conflict), an AZ of the region (InvalidParameterValue). 5 addresses \
                   are reserved: network, VPC router (+1), DNS (+2), future use (+3), broadcast (last). The subnet \
                   starts with the VPC's main route table and default NACL.\n\
                   Example: `create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name web-a`",
            flags: CREATE,
            run: Run::Write(create_subnet),
        },
        CommandSpec {
            name: "modify-subnet-attribute",
            service: "ec2",
            summary: "turn auto-assigned public IPv4 on or off for a subnet",
            usage: "modify-subnet-attribute --subnet-id SUBNET --map-public-ip-on-launch | --no-map-public-ip-on-launch",
            help: "Affects instances launched afterwards (and their next start).",
            flags: MODIFY,
            run: Run::Write(modify_subnet),
        },
        CommandSpec {
            name: "delete-subnet",
            service: "ec2",
            summary: "delete an empty subnet",
            usage: "delete-subnet --subnet-id SUBNET",
            help: "Refused with DependencyViolation while network interfaces (instances, NAT gateways, TGW attachments) are in it.",
            flags: DELETE,
            run: Run::Write(delete_subnet),
        },
        CommandSpec {
            name: "describe-subnets",
            service: "ec2",
            summary: "the region's subnets, with usable and free addresses",
            usage: "describe-subnets [--subnet-ids S…] [--filters Name=vpc-id,Values=VPC]",
            help: "`public` is true when the subnet's route table sends traffic to an internet gateway.",
            flags: DESCRIBE,
            run: Run::Read(describe_subnets),
        },
    ]
}

fn create_subnet(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_subnet(
        &r,
        a.required("vpc-id")?,
        a.required("cidr-block")?,
        a.get("availability-zone"),
        name_tag(a),
    )?;
    let s = lab.network.subnet(None, &id)?;
    let b = cidr::block(s.cidr);
    Ok(Reply::text(format!(
        "created {} {} in {} ({} addresses, {} usable: {}–{})",
        lab.network.label(&id),
        s.cidr,
        s.availability_zone,
        b.addresses,
        b.usable,
        b.first_usable,
        b.last_usable
    ))
    .with_json(member("Subnet", j::subnet(&lab.network, s))))
}

fn modify_subnet(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let s = a.required("subnet-id")?;
    if !a.has("map-public-ip-on-launch") {
        return Err(CommandError::new(
            codes::MISSING_PARAMETER,
            "give --map-public-ip-on-launch or --no-map-public-ip-on-launch",
        ));
    }
    let on = a.switch("map-public-ip-on-launch");
    lab.network.set_map_public_ip(&r, s, on)?;
    Ok(Reply::text(format!("{}: map-public-ip-on-launch = {}", s, on)).with_json(json!({})))
}

fn delete_subnet(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_subnet(&r, a.required("subnet-id")?)?;
    Ok(Reply::text(format!("deleted {}", id)).with_json(json!({})))
}

fn describe_subnets(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("subnet-ids") {
        wanted.push(lab.network.subnet(Some(&r), &k)?.id.clone());
    }
    let mut rows = Vec::new();
    for s in lab.network.subnets.iter().filter(|s| s.region == r) {
        if !wanted.is_empty() && !wanted.contains(&s.id) {
            continue;
        }
        if f.keep(&[
            ("subnet-id", one(&s.id)),
            ("vpc-id", one(&s.vpc_id)),
            ("availability-zone", one(&s.availability_zone)),
            ("cidr-block", one(s.cidr.to_string())),
            ("cidr", one(s.cidr.to_string())),
            ("default-for-az", one(s.default_for_az.to_string())),
            ("map-public-ip-on-launch", one(s.map_public_ip_on_launch.to_string())),
            ("state", one("available")),
            ("tag:Name", opt(&s.name)),
        ])? {
            rows.push(s);
        }
    }
    let df = tbl::subnets_df(&lab.network, &rows)?;
    let json = member("Subnets", rows.iter().map(|s| j::subnet(&lab.network, s)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(
            df.clone(),
            Some(format!("{} subnets in {}", rows.len(), r)),
            Some(
                "usable = size − 5 reserved (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html)"
                    .into(),
            ),
        )
        .with_json(json)
        .keep("subnets", df))
}
