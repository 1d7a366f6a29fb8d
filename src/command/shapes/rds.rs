//! `aws rds describe-*` shapes (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Types.html).
//! RDS spells `DB` in capitals, which `PascalCase` does not, so those fields are renamed.

use super::{lenient, List};
use serde::{Deserialize, Serialize};

shape!(
    /// A DB instance's connection endpoint (`Endpoint`).
    Endpoint { address: String, port: u16, hosted_zone_id: String }
);

shape!(
    /// RDS's `AvailabilityZone` (EC2's is another shape).
    RdsAvailabilityZone { name: String }
);

shape!(
    /// RDS's `Subnet`: one subnet of a DB subnet group.
    RdsSubnet { subnet_identifier: String, subnet_availability_zone: RdsAvailabilityZone, subnet_status: String }
);

shape!(
    /// `DBSubnetGroup`. Inside a `DBInstance` it carries only the name and the VPC, which may
    /// be unknown (`null`).
    DBSubnetGroup {
        #[serde(rename = "DBSubnetGroupName")]
        db_subnet_group_name: String,
        #[serde(rename = "DBSubnetGroupDescription")]
        db_subnet_group_description: String,
        vpc_id: Option<String>,
        subnet_group_status: String,
        subnets: List<RdsSubnet>,
        #[serde(rename = "DBSubnetGroupArn")]
        db_subnet_group_arn: String,
    }
);

shape!(DBInstance {
    #[serde(rename = "DBInstanceIdentifier")]
    db_instance_identifier: String,
    #[serde(rename = "DBInstanceClass")]
    db_instance_class: String,
    engine: String,
    #[serde(rename = "DBInstanceStatus")]
    db_instance_status: String,
    endpoint: Endpoint,
    allocated_storage: u32,
    instance_create_time: String,
    availability_zone: String,
    #[serde(rename = "MultiAZ")]
    multi_az: bool,
    engine_version: String,
    #[serde(rename = "ReadReplicaDBInstanceIdentifiers")]
    read_replica_db_instance_identifiers: Vec<String>,
    storage_type: String,
    dbi_resource_id: String,
    #[serde(rename = "DBInstanceArn")]
    db_instance_arn: String,
    publicly_accessible: bool,
    promotion_tier: u8,
    secondary_availability_zone: String,
    #[serde(rename = "ReadReplicaSourceDBInstanceIdentifier")]
    read_replica_source_db_instance_identifier: String,
    #[serde(rename = "DBClusterIdentifier")]
    db_cluster_identifier: String,
    #[serde(rename = "DBSubnetGroup")]
    db_subnet_group: DBSubnetGroup,
});

shape!(DBClusterMember {
    #[serde(rename = "DBInstanceIdentifier")]
    db_instance_identifier: String,
    is_cluster_writer: bool,
    #[serde(rename = "DBClusterParameterGroupStatus")]
    db_cluster_parameter_group_status: String,
    promotion_tier: u8,
});

shape!(DBCluster {
    allocated_storage: u32,
    availability_zones: Vec<String>,
    #[serde(rename = "DBClusterIdentifier")]
    db_cluster_identifier: String,
    status: String,
    earliest_restorable_time: String,
    endpoint: String,
    reader_endpoint: String,
    #[serde(rename = "MultiAZ")]
    multi_az: bool,
    engine: String,
    engine_version: String,
    latest_restorable_time: String,
    port: u16,
    #[serde(rename = "DBClusterMembers")]
    db_cluster_members: List<DBClusterMember>,
    db_cluster_resource_id: String,
    #[serde(rename = "DBClusterArn")]
    db_cluster_arn: String,
    cluster_create_time: String,
    storage_type: String,
    /// A DB cluster names its subnet group (a `DBInstance` nests it).
    #[serde(rename = "DBSubnetGroup")]
    db_subnet_group: String,
    backtrack_window: u64,
    earliest_backtrack_time: String,
    clone_group_id: String,
    #[serde(rename = "DBClusterInstanceClass")]
    db_cluster_instance_class: String,
});

shape!(
    /// What `backtrack-db-cluster` returns (`BacktrackDBClusterResult`).
    DBClusterBacktrack {
        #[serde(rename = "DBClusterIdentifier")]
        db_cluster_identifier: String,
        backtrack_identifier: String,
        backtrack_to: String,
        backtracked_from: String,
        backtrack_request_creation_time: String,
        status: String,
    }
);

shape!(
    /// One entry of `describe-events`.
    Event {
        source_identifier: String,
        source_type: String,
        message: String,
        event_categories: Vec<String>,
        date: String,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aws_cli_db_instance_reads_back_and_prints_the_same() {
        // As `aws rds describe-db-instances` prints one (a subset of its fields).
        let text = r#"{"AllocatedStorage":100,"AvailabilityZone":"us-east-1a","DBInstanceClass":"db.r6g.large","DBInstanceIdentifier":"app-db","DBSubnetGroup":{"DBSubnetGroupName":"g","VpcId":"vpc-1"},"Endpoint":{"Address":"app-db.x.us-east-1.rds.amazonaws.com","Port":3306},"Engine":"mysql","MultiAZ":true,"ReadReplicaDBInstanceIdentifiers":["app-db-ro"]}"#;
        let i: DBInstance = serde_json::from_str(text).unwrap();
        assert_eq!(i.db_instance_identifier.as_deref(), Some("app-db"));
        assert_eq!(i.endpoint.as_ref().and_then(|e| e.port), Some(3306));
        assert_eq!(i.db_subnet_group.as_ref().and_then(|g| g.vpc_id.clone()), Some(Some("vpc-1".into())));
        assert_eq!(i.multi_az, Some(true));
        assert_eq!(serde_json::to_value(&i).unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
        // A field of the wrong type reads as absent.
        let c: DBCluster = serde_json::from_str(r#"{"DBClusterIdentifier":"c","Port":"x"}"#).unwrap();
        assert_eq!((c.db_cluster_identifier.as_deref(), c.port), (Some("c"), None));
    }
}
