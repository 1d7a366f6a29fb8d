//! rds operations and the database simulations (`simulate replication`, `simulate failover`,
//! `simulate storage-loss`).

mod cluster;
mod instance;
mod simulate;
mod subnet_group;

use serde_json::Value;

use super::shapes::{self, to_value, List};
use super::CommandSpec;
use crate::model::database::{fmt_time, CloneKind, ClusterKind, Databases, DbCluster, DbInstance};

pub fn commands() -> Vec<CommandSpec> {
    let mut v = instance::commands();
    v.extend(cluster::commands());
    v.extend(subnet_group::commands());
    v.extend(simulate::commands());
    v
}

/// The AWS account in ARNs (AWS's documentation example account; the lab has none).
const ACCOUNT: &str = "123456789012";

/// The region a command works in.
/// The region a database command works in (one resolver for every service).
pub(crate) use crate::command::region::of as region;

/// A `DBInstance` in the AWS CLI's JSON shape.
pub(crate) fn instance_json(db: &Databases, i: &DbInstance) -> Value {
    to_value(&shapes::DBInstance {
        db_instance_identifier: Some(i.identifier.clone()),
        db_instance_class: Some(i.class.name()),
        engine: Some(i.engine.name().into()),
        db_instance_status: Some(i.status.clone()),
        endpoint: Some(shapes::Endpoint {
            address: Some(i.endpoint.clone()),
            port: Some(i.engine.port()),
            hosted_zone_id: Some("Z2R2ITUGPM61AM".into()),
        }),
        allocated_storage: Some(i.allocated_storage_gib),
        instance_create_time: Some(fmt_time(i.created_at)),
        availability_zone: Some(i.availability_zone.clone()),
        multi_az: Some(i.multi_az),
        engine_version: Some(i.engine_version.clone()),
        read_replica_db_instance_identifiers: Some(
            db.replicas_of(&i.identifier).map(|r| r.identifier.clone()).collect(),
        ),
        storage_type: Some(
            if i.cluster_identifier.is_some() && i.engine.is_aurora() { "aurora" } else { "gp2" }.into(),
        ),
        dbi_resource_id: Some(i.resource_id.clone()),
        db_instance_arn: Some(format!("arn:aws:rds:{}:{}:db:{}", i.region, ACCOUNT, i.identifier)),
        publicly_accessible: Some(false),
        promotion_tier: Some(i.promotion_tier),
        secondary_availability_zone: i.secondary_availability_zone.clone(),
        read_replica_source_db_instance_identifier: i.replica_source.clone(),
        db_cluster_identifier: i.cluster_identifier.clone(),
        db_subnet_group: i.db_subnet_group.as_ref().map(|g| shapes::DBSubnetGroup {
            db_subnet_group_name: Some(g.clone()),
            vpc_id: Some(i.vpc_id.clone()),
            ..Default::default()
        }),
    })
}

/// A `DBCluster` in the AWS CLI's JSON shape.
pub(crate) fn cluster_json(db: &Databases, c: &DbCluster) -> Value {
    let members = c
        .members
        .iter()
        .map(|m| shapes::DBClusterMember {
            db_instance_identifier: Some(m.clone()),
            is_cluster_writer: Some(c.writer.as_deref() == Some(m.as_str())),
            db_cluster_parameter_group_status: Some("in-sync".into()),
            promotion_tier: Some(db.instance(m).map(|i| i.promotion_tier).unwrap_or(1)),
        })
        .collect();
    let aurora = c.kind == ClusterKind::Aurora;
    let backtrack = c.backtrack_window_s > 0;
    to_value(&shapes::DBCluster {
        allocated_storage: Some(if aurora { 1 } else { c.allocated_storage_gib }),
        availability_zones: Some(c.availability_zones.clone()),
        db_cluster_identifier: Some(c.identifier.clone()),
        status: Some(c.status.clone()),
        earliest_restorable_time: Some(fmt_time(c.created_at)),
        endpoint: Some(c.endpoint.clone()),
        reader_endpoint: Some(c.reader_endpoint.clone()),
        multi_az: Some(c.members.len() > 1 || !aurora),
        engine: Some(c.engine.name().into()),
        engine_version: Some(c.engine_version.clone()),
        latest_restorable_time: Some(fmt_time(db.now())),
        port: Some(c.engine.port()),
        db_cluster_members: Some(List(members)),
        db_cluster_resource_id: Some(c.resource_id.clone()),
        db_cluster_arn: Some(format!("arn:aws:rds:{}:{}:cluster:{}", c.region, ACCOUNT, c.identifier)),
        cluster_create_time: Some(fmt_time(c.created_at)),
        storage_type: Some(if aurora { "aurora" } else { "io1" }.into()),
        db_subnet_group: c.db_subnet_group.clone(),
        backtrack_window: backtrack.then_some(c.backtrack_window_s),
        earliest_backtrack_time: db.earliest_backtrack_time(c).map(fmt_time),
        clone_group_id: c.clone.as_ref().map(|k| match k {
            CloneKind::CopyOnWrite { source } | CloneKind::FullCopy { source } => format!("clone-group-{}", source),
        }),
        db_cluster_instance_class: c
            .members
            .first()
            .and_then(|m| db.instance(m).ok())
            .filter(|_| !aurora)
            .map(|i| i.class.name()),
    })
}

#[cfg(test)]
mod tests;
