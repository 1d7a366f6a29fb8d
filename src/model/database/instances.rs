//! DB instance operations: create (standalone, Multi-AZ, Aurora member), read replicas,
//! promotion, reboot with failover, delete — each checked before it changes anything.

use super::engine::{check_identifier, Engine, InstanceClass};
use super::failover::{self, FailoverParams, Topology};
use super::{Databases, DbCluster, DbInstance};
use crate::model::codes;
use crate::model::{AwsError, AwsResult};

/// Aurora: up to 15 Aurora Replicas besides the writer (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html).
pub const MAX_AURORA_REPLICAS: usize = 15;
/// Storage range (GiB) for gp2/gp3 RDS storage (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html).
pub const MIN_STORAGE_GIB: u32 = 20;
pub const MAX_STORAGE_GIB: u32 = 65_536;
/// `--allocated-storage` when not given (the smallest gp2/gp3 size).
pub const DEFAULT_STORAGE_GIB: u32 = 20;

/// What `create-db-instance` asks for.
#[derive(Clone, Debug, Default)]
pub struct CreateInstance {
    pub identifier: String,
    pub engine: Option<String>,
    pub class: String,
    pub multi_az: bool,
    pub allocated_storage_gib: Option<u32>,
    pub cluster_identifier: Option<String>,
    pub availability_zone: Option<String>,
    pub promotion_tier: Option<u8>,
    /// Place it in this DB subnet group's AZs (and VPC).
    pub subnet_group: Option<String>,
    pub region: String,
}

/// The EC2 catalog's answer for `m5.large` (see [`super::engine::Ec2Lookup`]).
pub fn ec2_type_known(name: &str) -> super::engine::Ec2Lookup {
    if crate::model::compute::instance_type_names().is_empty() {
        None
    } else {
        Some(crate::model::compute::find(name).map(|t| t.vcpus))
    }
}

fn region_azs(region: &str) -> AwsResult<Vec<String>> {
    let azs = crate::model::regions::availability_zones(region);
    if azs.is_empty() {
        return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("Unknown region: {}", region)));
    }
    Ok(azs.to_vec())
}

fn check_az(azs: &[String], az: &str) -> AwsResult<()> {
    if azs.iter().any(|a| a == az) {
        Ok(())
    } else {
        Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("Invalid availability zone: {} (this region has {})", az, azs.join(", ")),
        ))
    }
}

impl Databases {
    fn check_new_instance_id(&self, id: &str) -> AwsResult<String> {
        let id = check_identifier("DBInstanceIdentifier", id)?;
        if self.instances.iter().any(|i| i.identifier == id) {
            return Err(AwsError::new(codes::DB_INSTANCE_ALREADY_EXISTS, "DB instance already exists"));
        }
        Ok(id)
    }

    pub(super) fn endpoint_for(id: &str, region: &str) -> String {
        format!("{}.{}.{}.rds.amazonaws.com", id, Databases::endpoint_hash(), region)
    }

    /// A cluster's writer (`cluster-`) and reader (`cluster-ro-`) endpoints.
    pub(super) fn cluster_endpoints(id: &str, region: &str) -> (String, String) {
        let hash = Databases::endpoint_hash();
        (
            format!("{}.cluster-{}.{}.rds.amazonaws.com", id, hash, region),
            format!("{}.cluster-ro-{}.{}.rds.amazonaws.com", id, hash, region),
        )
    }

    /// The AZ for a new standalone instance: spread instances of the region round-robin.
    fn next_az(&self, azs: &[String], avoid: Option<&str>) -> String {
        let n = self.instances.iter().filter(|i| azs.contains(&i.availability_zone)).count();
        let pick = azs[n % azs.len()].clone();
        match avoid {
            Some(a) if a == pick && azs.len() > 1 => azs[(n + 1) % azs.len()].clone(),
            _ => pick,
        }
    }

    /// `create-db-instance`: a standalone (optionally Multi-AZ) instance, or, with a
    /// cluster identifier, a member of an Aurora cluster (the first is the writer).
    pub fn create_db_instance(&mut self, req: &CreateInstance) -> AwsResult<&DbInstance> {
        let id = self.check_new_instance_id(&req.identifier)?;
        let class = InstanceClass::parse(&req.class, &ec2_type_known)?;
        let mut azs = region_azs(&req.region)?;
        let mut vpc = None;
        if let Some(g) = &req.subnet_group {
            let g = self.subnet_group(g)?;
            azs = g.availability_zones();
            vpc = Some((g.name.clone(), g.vpc_id.clone()));
        }
        if let Some(az) = &req.availability_zone {
            check_az(&azs, az)?;
        }
        let inst = match &req.cluster_identifier {
            Some(cid) => self.new_cluster_member(&id, req, class, &azs, cid)?,
            None => self.new_standalone(&id, req, class, &azs)?,
        };
        let created_at = self.tick();
        let mut inst = inst;
        inst.created_at = created_at;
        if let Some((g, v)) = vpc {
            inst.db_subnet_group = Some(g);
            inst.vpc_id = Some(v);
        }
        inst.resource_id = self.resource_id("db", &id);
        if let Some(cid) = &inst.cluster_identifier {
            let ci = self.cluster_idx(cid)?;
            let c = &mut self.clusters[ci];
            c.members.push(id.clone());
            if c.writer.is_none() {
                c.writer = Some(id.clone());
            }
        }
        let msg = match (&inst.cluster_identifier, inst.multi_az) {
            (Some(c), _) => format!("DB instance created in cluster {} ({})", c, inst.availability_zone),
            (None, true) => format!(
                "Multi-AZ DB instance created: primary in {}, synchronous standby in {}",
                inst.availability_zone,
                inst.secondary_availability_zone.clone().unwrap_or_default()
            ),
            (None, false) => format!("DB instance created in {}", inst.availability_zone),
        };
        self.instances.push(inst);
        self.event("db-instance", &id, "creation", msg, 0.0);
        Ok(&self.instances[self.instances.len() - 1])
    }

    fn new_standalone(
        &self,
        id: &str,
        req: &CreateInstance,
        class: InstanceClass,
        azs: &[String],
    ) -> AwsResult<DbInstance> {
        let engine_name = req.engine.as_deref().ok_or_else(|| {
            AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                "The parameter Engine must be provided and must not be blank.",
            )
        })?;
        let engine = Engine::parse(engine_name)?;
        if engine.is_aurora() {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                format!("DB instances of engine {} must belong to a DB cluster: give --db-cluster-identifier (create it with create-db-cluster first).", engine.name()),
            ));
        }
        let storage = req.allocated_storage_gib.unwrap_or(DEFAULT_STORAGE_GIB);
        if !(MIN_STORAGE_GIB..=MAX_STORAGE_GIB).contains(&storage) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid storage size for engine name {} and storage type gp2: {}", engine.name(), storage),
            ));
        }
        if req.multi_az && azs.len() < 2 {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                "Multi-AZ needs a region with at least two availability zones.",
            ));
        }
        let az = req.availability_zone.clone().unwrap_or_else(|| self.next_az(azs, None));
        if req.multi_az && req.availability_zone.is_some() {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                "Requesting a specific availability zone is not valid for Multi-AZ instances.",
            ));
        }
        let secondary = req.multi_az.then(|| {
            let i = azs.iter().position(|a| *a == az).unwrap_or(0);
            azs[(i + 1) % azs.len()].clone()
        });
        Ok(DbInstance {
            identifier: id.to_string(),
            engine,
            engine_version: engine.default_version().to_string(),
            class,
            status: "available".into(),
            multi_az: req.multi_az,
            allocated_storage_gib: storage,
            region: req.region.clone(),
            availability_zone: az,
            secondary_availability_zone: secondary,
            replica_source: None,
            cluster_identifier: None,
            db_subnet_group: None,
            vpc_id: None,
            promotion_tier: 1,
            resource_id: String::new(),
            created_at: super::epoch(),
            endpoint: Databases::endpoint_for(id, &req.region),
        })
    }

    fn new_cluster_member(
        &self,
        id: &str,
        req: &CreateInstance,
        class: InstanceClass,
        azs: &[String],
        cid: &str,
    ) -> AwsResult<DbInstance> {
        let c = self.cluster(cid)?;
        check_cluster_member(c, req)?;
        // Members spread over the cluster's placement AZs (its subnet group's, or the
        // volume's); a given AZ must be one of them.
        let placement: Vec<String> = match &c.db_subnet_group {
            Some(g) => self.subnet_group(g)?.availability_zones(),
            None => azs.to_vec(),
        };
        if let Some(a) = &req.availability_zone {
            check_az(&placement, a)?;
        }
        let spread = if c.db_subnet_group.is_some() { &placement } else { &c.availability_zones };
        let az = match &req.availability_zone {
            Some(a) => a.clone(),
            None => spread[c.members.len() % spread.len().max(1)].clone(),
        };
        let vpc = c.db_subnet_group.as_deref().and_then(|g| self.subnet_group(g).ok()).map(|g| g.vpc_id.clone());
        Ok(DbInstance {
            identifier: id.to_string(),
            engine: c.engine,
            engine_version: c.engine_version.clone(),
            class,
            status: "available".into(),
            multi_az: false,
            allocated_storage_gib: 1,
            region: req.region.clone(),
            availability_zone: az,
            secondary_availability_zone: None,
            replica_source: None,
            cluster_identifier: Some(c.identifier.clone()),
            db_subnet_group: c.db_subnet_group.clone(),
            vpc_id: vpc,
            promotion_tier: req.promotion_tier.unwrap_or(1).min(15),
            resource_id: String::new(),
            created_at: super::epoch(),
            endpoint: Databases::endpoint_for(id, &req.region),
        })
    }

    /// `create-db-instance-read-replica`: an asynchronous copy of an existing instance (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html).
    pub fn create_read_replica(
        &mut self,
        id: &str,
        source: &str,
        class: Option<&str>,
        az: Option<&str>,
    ) -> AwsResult<&DbInstance> {
        let id = self.check_new_instance_id(id)?;
        let src = self.instance(source)?.clone();
        if src.cluster_identifier.is_some() {
            return Err(AwsError::new(
                codes::INVALID_DB_INSTANCE_STATE,
                format!("DB instance {} is a member of DB cluster {}: Aurora Replicas are added with create-db-instance --db-cluster-identifier.", src.identifier, src.cluster_identifier.clone().unwrap_or_default()),
            ));
        }
        if src.replica_source.is_some() && !matches!(src.engine, Engine::MySql | Engine::MariaDb | Engine::Postgres) {
            return Err(AwsError::new(
                codes::INVALID_DB_INSTANCE_STATE,
                format!(
                    "DB instance {} is a read replica; engine {} does not support cascading replicas.",
                    src.identifier,
                    src.engine.name()
                ),
            ));
        }
        let max = src.engine.max_read_replicas();
        // AWS's text for this case was not found (searched GitHub issues, public pages, SDK
        // docs); the code is the one CreateDBInstanceReadReplica documents for a quota:
        // "InstanceQuotaExceeded: The request would result in the user exceeding the allowed
        // number of DB instances" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html#API_CreateDBInstanceReadReplica_Errors).
        // The message quotes the per-engine limit from the same page's SourceDBInstanceIdentifier.
        if self.replicas_of(&src.identifier).count() >= max {
            return Err(AwsError::new(
                codes::INSTANCE_QUOTA_EXCEEDED,
                format!(
                    "Each DB instance can have up to {} read replicas for engine {}: DB instance {} already has {}.",
                    max,
                    src.engine.name(),
                    src.identifier,
                    max
                ),
            ));
        }
        let class = match class {
            Some(c) => InstanceClass::parse(c, &ec2_type_known)?,
            None => src.class.clone(),
        };
        let azs = match &src.db_subnet_group {
            Some(g) => self.subnet_group(g)?.availability_zones(),
            None => region_azs(&src.region)?,
        };
        if let Some(a) = az {
            check_az(&azs, a)?;
        }
        let az = az.map(String::from).unwrap_or_else(|| self.next_az(&azs, Some(&src.availability_zone)));
        let created_at = self.tick();
        let inst = DbInstance {
            identifier: id.clone(),
            engine: src.engine,
            engine_version: src.engine_version.clone(),
            class,
            status: "available".into(),
            multi_az: false,
            allocated_storage_gib: src.allocated_storage_gib,
            region: src.region.clone(),
            availability_zone: az.clone(),
            secondary_availability_zone: None,
            replica_source: Some(src.identifier.clone()),
            cluster_identifier: None,
            db_subnet_group: src.db_subnet_group.clone(),
            vpc_id: src.vpc_id.clone(),
            promotion_tier: 1,
            resource_id: self.resource_id("db", &id),
            created_at,
            endpoint: Databases::endpoint_for(&id, &src.region),
        };
        self.instances.push(inst);
        self.event(
            "db-instance",
            &id,
            "read replica",
            format!(
                "Read replica of {} created from a snapshot in {}; {} replication is asynchronous",
                src.identifier,
                az,
                src.engine.replication_kind()
            ),
            0.0,
        );
        Ok(&self.instances[self.instances.len() - 1])
    }

    /// `promote-read-replica`: the replica becomes a standalone instance (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html).
    pub fn promote_read_replica(&mut self, id: &str) -> AwsResult<&DbInstance> {
        let i = self.instance_idx(id)?;
        let Some(src) = self.instances[i].replica_source.clone() else {
            return Err(AwsError::new(
                codes::INVALID_DB_INSTANCE_STATE,
                format!("DB Instance {} is not a read replica.", self.instances[i].identifier),
            ));
        };
        self.tick();
        self.instances[i].replica_source = None;
        let ident = self.instances[i].identifier.clone();
        self.event(
            "db-instance",
            &ident,
            "promotion",
            format!("Read replica promoted to a standalone instance; replication from {} stopped", src),
            0.0,
        );
        Ok(&self.instances[i])
    }

    /// `reboot-db-instance [--force-failover]`: with failover, a Multi-AZ instance's
    /// standby becomes primary (the AZs swap) after the documented failover window (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html).
    pub fn reboot_db_instance(&mut self, id: &str, force_failover: bool) -> AwsResult<&DbInstance> {
        let i = self.instance_idx(id)?;
        let inst = &self.instances[i];
        if force_failover && !inst.multi_az {
            return Err(AwsError::new(
                codes::INVALID_DB_INSTANCE_STATE,
                format!(
                    "Cannot reboot with failover DB instance {}: it is not a Multi-AZ DB instance.",
                    inst.identifier
                ),
            ));
        }
        if force_failover && inst.cluster_identifier.is_some() {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                "Aurora DB instances fail over with failover-db-cluster.",
            ));
        }
        self.tick();
        let ident = self.instances[i].identifier.clone();
        if force_failover {
            let inst = &mut self.instances[i];
            let old = inst.availability_zone.clone();
            if let Some(sec) = inst.secondary_availability_zone.take() {
                inst.availability_zone = sec;
                inst.secondary_availability_zone = Some(old.clone());
            }
            let t = failover::timeline(Topology::RdsMultiAz, &FailoverParams::default(), 0);
            let new_az = self.instances[i].availability_zone.clone();
            self.event(
                "db-instance",
                &ident,
                "failover",
                format!(
                    "Multi-AZ failover: standby in {} promoted, DNS now points to it; writes unavailable ≈{:.0} s (typically 60–120 s: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html)",
                    new_az, t.write_unavailable_s
                ),
                t.write_unavailable_s,
            );
        } else {
            self.event("db-instance", &ident, "reboot", "DB instance restarted".into(), 0.0);
        }
        Ok(&self.instances[i])
    }

    /// `delete-db-instance`: removes it; its read replicas are promoted to standalone
    /// instances (RDS does so for replicas in the same region (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html)); deleting an Aurora
    /// writer fails over to a replica.
    pub fn delete_db_instance(&mut self, id: &str) -> AwsResult<DbInstance> {
        let i = self.instance_idx(id)?;
        self.tick();
        let inst = self.instances.remove(i);
        let ident = inst.identifier.clone();
        let promoted: Vec<String> = self.replicas_of(&ident).map(|r| r.identifier.clone()).collect();
        for r in &promoted {
            if let Ok(ri) = self.instance_idx(r) {
                self.instances[ri].replica_source = None;
            }
            self.event(
                "db-instance",
                r,
                "promotion",
                format!("Source {} deleted: read replica promoted to a standalone instance", ident),
                0.0,
            );
        }
        if let Some(cid) = &inst.cluster_identifier {
            if let Ok(ci) = self.cluster_idx(cid) {
                let next_writer = {
                    let c = &self.clusters[ci];
                    let others: Vec<&str> = c.members.iter().filter(|m| **m != ident).map(String::as_str).collect();
                    self.pick_failover_target(&others)
                };
                let c = &mut self.clusters[ci];
                c.members.retain(|m| *m != ident);
                if c.writer.as_deref() == Some(ident.as_str()) {
                    c.writer = next_writer.clone();
                    if let Some(w) = next_writer {
                        let cid = c.identifier.clone();
                        self.event(
                            "db-cluster",
                            &cid,
                            "failover",
                            format!("Writer {} deleted: {} promoted to writer", ident, w),
                            0.0,
                        );
                    }
                }
            }
        }
        self.event("db-instance", &ident, "deletion", "DB instance deleted".into(), 0.0);
        Ok(inst)
    }

    /// Aurora's failover choice: lowest promotion tier first, then the first created (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html).
    pub(crate) fn pick_failover_target(&self, candidates: &[&str]) -> Option<String> {
        candidates
            .iter()
            .filter_map(|c| self.instances.iter().find(|i| i.identifier == *c))
            .min_by_key(|i| i.promotion_tier)
            .map(|i| i.identifier.clone())
    }
}

/// What CreateDBInstance may ask of a member of an existing cluster: an Aurora cluster (a
/// Multi-AZ DB cluster makes its own three), its engine, no Multi-AZ or storage of its own,
/// room for one more replica, the cluster's region and DB subnet group.
fn check_cluster_member(c: &DbCluster, req: &CreateInstance) -> AwsResult<()> {
    if c.kind != super::ClusterKind::Aurora {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_COMBINATION,
            format!("DB cluster {} is a Multi-AZ DB cluster; its three instances are created with it.", c.identifier),
        ));
    }
    if let Some(e) = req.engine.as_deref() {
        let engine = Engine::parse(e)?;
        if engine != c.engine {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                format!("The engine name requested for your DB instance ({}) doesn't match the engine name of your DB cluster ({}).", engine.name(), c.engine.name()),
            ));
        }
    }
    if req.multi_az {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_COMBINATION,
            "Aurora DB instances don't use Multi-AZ: add Aurora Replicas in other AZs to the cluster instead.",
        ));
    }
    if req.allocated_storage_gib.is_some() {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_COMBINATION,
            "The requested DB Instance will be a member of a DB Cluster. You don't need to set storage size.",
        ));
    }
    if c.members.len() > MAX_AURORA_REPLICAS {
        return Err(AwsError::new(
            codes::INSTANCE_QUOTA_EXCEEDED,
            format!(
                "DB cluster {} already has a writer and {} Aurora Replicas, the maximum.",
                c.identifier, MAX_AURORA_REPLICAS
            ),
        ));
    }
    if c.region != req.region {
        return Err(AwsError::new(codes::DB_CLUSTER_NOT_FOUND_FAULT, format!("DBCluster {} not found.", c.identifier)));
    }
    if req.subnet_group.is_some() && req.subnet_group != c.db_subnet_group {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_COMBINATION,
            "An Aurora DB instance uses its DB cluster's DB subnet group; set --db-subnet-group-name on create-db-cluster.",
        ));
    }
    Ok(())
}
