//! DB subnet groups: the VPC subnets (and so the AZs) an RDS instance or cluster may use.
//! The command resolves subnet IDs through the network model and passes their VPC and AZ,
//! so this module stays free of the network model.

use super::engine::check_identifier;
use super::Databases;
use crate::model::codes;
use crate::model::{AwsError, AwsResult};

/// A DB subnet group: subnets of one VPC covering at least two AZs.
#[derive(Clone, Debug, PartialEq)]
pub struct DbSubnetGroup {
    pub name: String,
    pub description: String,
    pub vpc_id: String,
    pub region: String,
    /// (subnet ID, its AZ), in the order given.
    pub subnets: Vec<(String, String)>,
}

impl DbSubnetGroup {
    /// The distinct AZs the group covers, in order.
    pub fn availability_zones(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for (_, az) in &self.subnets {
            if !v.contains(az) {
                v.push(az.clone());
            }
        }
        v
    }
}

/// One subnet as the network model describes it.
#[derive(Clone, Debug)]
pub struct SubnetRef {
    pub id: String,
    pub vpc_id: String,
    pub availability_zone: String,
}

impl Databases {
    /// `create-db-subnet-group`: subnets of one VPC, in at least two AZs (as RDS requires).
    pub fn create_db_subnet_group(
        &mut self,
        name: &str,
        description: &str,
        subnets: &[SubnetRef],
        region: &str,
    ) -> AwsResult<&DbSubnetGroup> {
        let name = check_identifier("DBSubnetGroupName", name)?;
        if self.subnet_groups.iter().any(|g| g.name == name) {
            return Err(AwsError::new(
                codes::DB_SUBNET_GROUP_ALREADY_EXISTS,
                format!("The DB subnet group '{}' already exists.", name),
            ));
        }
        let first = subnets.first().ok_or_else(|| {
            AwsError::new(codes::INVALID_PARAMETER_VALUE, "The parameter SubnetIds must contain at least one subnet.")
        })?;
        if let Some(other) = subnets.iter().find(|s| s.vpc_id != first.vpc_id) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!(
                    "Subnets {} and {} are in different VPCs; a DB subnet group's subnets must all be in one VPC.",
                    first.id, other.id
                ),
            ));
        }
        let group = DbSubnetGroup {
            name: name.clone(),
            description: description.to_string(),
            vpc_id: first.vpc_id.clone(),
            region: region.to_string(),
            subnets: subnets.iter().map(|s| (s.id.clone(), s.availability_zone.clone())).collect(),
        };
        let azs = group.availability_zones().len();
        if azs < 2 {
            return Err(AwsError::new(
                codes::DB_SUBNET_GROUP_DOES_NOT_COVER_ENOUGH_AZS,
                format!("The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: {}. Add subnets to cover at least 2 AZs.", azs),
            ));
        }
        self.tick();
        self.subnet_groups.push(group);
        Ok(&self.subnet_groups[self.subnet_groups.len() - 1])
    }

    pub fn subnet_group(&self, name: &str) -> AwsResult<&DbSubnetGroup> {
        let name = name.to_ascii_lowercase();
        self.subnet_groups.iter().find(|g| g.name == name).ok_or_else(|| {
            AwsError::new(codes::DB_SUBNET_GROUP_NOT_FOUND_FAULT, format!("DBSubnetGroup '{}' not found.", name))
        })
    }
}
