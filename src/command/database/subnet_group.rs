//! DB subnet groups: create-db-subnet-group, describe-db-subnet-groups. Subnet IDs (or
//! Name tags) are resolved through the network model, so DB instances land in the AZs of
//! subnets the lab has built.

use crate::model::codes;
use serde_json::json;

use super::region;
use crate::command::shapes::{self, List};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::database::subnet_groups::SubnetRef;
use crate::model::database::DbSubnetGroup;

const CREATE_FLAGS: &[Flag] = &[
    Flag::value("db-subnet-group-name", "the group's name"),
    Flag::value("db-subnet-group-description", "a description"),
    Flag::many("subnet-ids", "subnets (IDs or Name tags) of one VPC in at least two AZs"),
];
const DESCRIBE_FLAGS: &[Flag] = &[Flag::value("db-subnet-group-name", "only this group")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "create-db-subnet-group",
            service: "rds",
            summary: "name the VPC subnets (at least two AZs) DB instances may be placed in",
            usage: "create-db-subnet-group --db-subnet-group-name NAME --db-subnet-group-description TEXT --subnet-ids SUBNET…",
            help: "Subnets come from the network model (create-subnet / vpc wizard). Then use \
--db-subnet-group-name on create-db-instance or create-db-cluster: instances (and Multi-AZ standbys) are placed \
in the group's AZs. A Multi-AZ DB cluster needs three AZs.",
            flags: CREATE_FLAGS,
            run: Run::Write(create_db_subnet_group),
        },
        CommandSpec {
            name: "describe-db-subnet-groups",
            service: "rds",
            summary: "DB subnet groups as a table (and the AWS CLI's JSON)",
            usage: "describe-db-subnet-groups [--db-subnet-group-name NAME]",
            help: "Each group's VPC, subnets and AZs.",
            flags: DESCRIBE_FLAGS,
            run: Run::Read(describe_db_subnet_groups),
        },
    ]
}

/// A `DBSubnetGroup` in the AWS CLI's JSON shape.
fn group_json(g: &DbSubnetGroup) -> serde_json::Value {
    let subnet = |(id, az): &(String, String)| shapes::RdsSubnet {
        subnet_identifier: Some(id.clone()),
        subnet_availability_zone: Some(shapes::RdsAvailabilityZone { name: Some(az.clone()) }),
        subnet_status: Some("Active".into()),
    };
    shapes::to_value(&shapes::DBSubnetGroup {
        db_subnet_group_name: Some(g.name.clone()),
        db_subnet_group_description: Some(g.description.clone()),
        vpc_id: Some(Some(g.vpc_id.clone())),
        subnet_group_status: Some("Complete".into()),
        subnets: Some(List(g.subnets.iter().map(subnet).collect())),
        db_subnet_group_arn: Some(format!("arn:aws:rds:{}:{}:subgrp:{}", g.region, super::ACCOUNT, g.name)),
    })
}

fn create_db_subnet_group(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let name = a.required("db-subnet-group-name")?.to_string();
    let desc = a.get("db-subnet-group-description").unwrap_or("").to_string();
    let r = region(lab, a)?;
    let ids = a.list("subnet-ids");
    let mut subnets = Vec::new();
    for id in &ids {
        let s = lab.network.subnet(Some(&r), id).map_err(|_| {
            CommandError::new(codes::INVALID_SUBNET, format!("Some input subnets in :[{}] are invalid.", id))
        })?;
        subnets.push(SubnetRef {
            id: s.id.clone(),
            vpc_id: s.vpc_id.clone(),
            availability_zone: s.availability_zone.clone(),
        });
    }
    let g = lab.databases.create_db_subnet_group(&name, &desc, &subnets, &r)?.clone();
    let text =
        format!("created DB subnet group {} in {} covering {}", g.name, g.vpc_id, g.availability_zones().join(", "));
    Ok(Reply::text(text).with_json(json!({ "DBSubnetGroup": group_json(&g) })))
}

fn describe_db_subnet_groups(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let db = &lab.databases;
    let list: Vec<&DbSubnetGroup> = match a.get("db-subnet-group-name") {
        Some(n) => vec![db.subnet_group(n)?],
        None => {
            let r = region(lab, a)?;
            db.subnet_groups.iter().filter(|g| g.region == r).collect()
        }
    };
    let df = crate::tables::database::subnet_groups_df(&list)?;
    let json = json!({ "DBSubnetGroups": list.iter().map(|g| group_json(g)).collect::<Vec<_>>() });
    Ok(Reply::new().with_table(df, Some(format!("{} DB subnet group(s)", list.len())), None).with_json(json))
}
