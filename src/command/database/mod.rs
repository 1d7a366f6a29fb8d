//! rds operations and the database simulations (`simulate replication`, `simulate failover`,
//! `simulate storage-loss`).

mod cluster;
mod instance;
mod simulate;
mod subnet_group;

use serde_json::{json, Value};

use super::CommandSpec;
use crate::model::database::{fmt_time, ClusterKind, Databases, DbCluster, DbInstance};

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
    let mut v = json!({
        "DBInstanceIdentifier": i.identifier,
        "DBInstanceClass": i.class.name(),
        "Engine": i.engine.name(),
        "DBInstanceStatus": i.status,
        "Endpoint": {
            "Address": i.endpoint,
            "Port": i.engine.port(),
            "HostedZoneId": "Z2R2ITUGPM61AM"
        },
        "AllocatedStorage": i.allocated_storage_gib,
        "InstanceCreateTime": fmt_time(i.created_at),
        "AvailabilityZone": i.availability_zone,
        "MultiAZ": i.multi_az,
        "EngineVersion": i.engine_version,
        "ReadReplicaDBInstanceIdentifiers": db.replicas_of(&i.identifier).map(|r| r.identifier.clone()).collect::<Vec<_>>(),
        "StorageType": if i.cluster_identifier.is_some() && i.engine.is_aurora() { "aurora" } else { "gp2" },
        "DbiResourceId": i.resource_id,
        "DBInstanceArn": format!("arn:aws:rds:{}:{}:db:{}", i.region, ACCOUNT, i.identifier),
        "PubliclyAccessible": false,
        "PromotionTier": i.promotion_tier,
    });
    if let Some(s) = &i.secondary_availability_zone {
        v["SecondaryAvailabilityZone"] = json!(s);
    }
    if let Some(s) = &i.replica_source {
        v["ReadReplicaSourceDBInstanceIdentifier"] = json!(s);
    }
    if let Some(c) = &i.cluster_identifier {
        v["DBClusterIdentifier"] = json!(c);
    }
    if let Some(g) = &i.db_subnet_group {
        v["DBSubnetGroup"] = json!({ "DBSubnetGroupName": g, "VpcId": i.vpc_id });
    }
    v
}

/// A `DBCluster` in the AWS CLI's JSON shape.
pub(crate) fn cluster_json(db: &Databases, c: &DbCluster) -> Value {
    let members: Vec<Value> = c
        .members
        .iter()
        .map(|m| {
            let tier = db.instance(m).map(|i| i.promotion_tier).unwrap_or(1);
            json!({
                "DBInstanceIdentifier": m,
                "IsClusterWriter": c.writer.as_deref() == Some(m.as_str()),
                "DBClusterParameterGroupStatus": "in-sync",
                "PromotionTier": tier,
            })
        })
        .collect();
    let aurora = c.kind == ClusterKind::Aurora;
    let mut v = json!({
        "AllocatedStorage": if aurora { 1 } else { c.allocated_storage_gib },
        "AvailabilityZones": c.availability_zones,
        "DBClusterIdentifier": c.identifier,
        "Status": c.status,
        "EarliestRestorableTime": fmt_time(c.created_at),
        "Endpoint": c.endpoint,
        "ReaderEndpoint": c.reader_endpoint,
        "MultiAZ": c.members.len() > 1 || !aurora,
        "Engine": c.engine.name(),
        "EngineVersion": c.engine_version,
        "LatestRestorableTime": fmt_time(db.now()),
        "Port": c.engine.port(),
        "DBClusterMembers": members,
        "DbClusterResourceId": c.resource_id,
        "DBClusterArn": format!("arn:aws:rds:{}:{}:cluster:{}", c.region, ACCOUNT, c.identifier),
        "ClusterCreateTime": fmt_time(c.created_at),
        "StorageType": if aurora { "aurora" } else { "io1" },
    });
    if let Some(g) = &c.db_subnet_group {
        v["DBSubnetGroup"] = json!(g);
    }
    if c.backtrack_window_s > 0 {
        v["BacktrackWindow"] = json!(c.backtrack_window_s);
        if let Some(t) = db.earliest_backtrack_time(c) {
            v["EarliestBacktrackTime"] = json!(fmt_time(t));
        }
    }
    if let Some(k) = &c.clone {
        let src = match k {
            crate::model::database::CloneKind::CopyOnWrite { source }
            | crate::model::database::CloneKind::FullCopy { source } => source,
        };
        v["CloneGroupId"] = json!(format!("clone-group-{}", src));
    }
    if let Some(cls) = c.members.first().and_then(|m| db.instance(m).ok()).filter(|_| !aurora) {
        v["DBClusterInstanceClass"] = json!(cls.class.name());
    }
    v
}

#[cfg(test)]
mod tests;
