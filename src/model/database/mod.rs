//! RDS and Aurora: DB instances, clusters, replicas, and the replication/failover simulations.
//!
//! [`Databases`] holds every DB instance and cluster of one lab. Each operation checks
//! RDS's rules (the pages listed in [`sources`]) before it changes anything, so an `Err` leaves the
//! model as it was. The lab has no wall clock: the RDS clock starts at
//! 2025-01-01T00:00:00Z and moves [`OP_MINUTES`] with every change, so point-in-time
//! requests (Backtrack, restore) have a past to refer to.

pub mod clusters;
pub mod engine;
pub mod failover;
pub mod instances;
pub mod quorum;
pub mod replication;
pub mod sources;
pub mod subnet_groups;

use crate::model::codes;
use crate::model::{AwsError, AwsResult};
use chrono::{DateTime, Duration, TimeZone, Utc};

pub use engine::{Engine, InstanceClass};
pub use quorum::ClusterVolume;
pub use subnet_groups::DbSubnetGroup;

/// Lab minutes each rds change takes on the lab's RDS clock (a lab convention).
pub const OP_MINUTES: i64 = 10;

/// One DB instance: a standalone RDS instance, a read replica, or a member of a cluster.
#[derive(Clone, Debug)]
pub struct DbInstance {
    pub identifier: String,
    pub engine: Engine,
    pub engine_version: String,
    pub class: InstanceClass,
    pub status: String,
    /// Multi-AZ DB instance: one synchronous standby in `secondary_az`, not readable (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html).
    pub multi_az: bool,
    /// GiB of EBS storage (Aurora members report 1: storage belongs to the cluster).
    pub allocated_storage_gib: u32,
    pub region: String,
    pub availability_zone: String,
    pub secondary_availability_zone: Option<String>,
    /// For a read replica: the instance it replicates from (asynchronously) (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html).
    pub replica_source: Option<String>,
    pub cluster_identifier: Option<String>,
    /// The DB subnet group (and so VPC) it was placed with, if any.
    pub db_subnet_group: Option<String>,
    pub vpc_id: Option<String>,
    /// Aurora failover priority (0 first) (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html).
    pub promotion_tier: u8,
    pub resource_id: String,
    pub created_at: DateTime<Utc>,
    pub endpoint: String,
}

/// What kind of DB cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterKind {
    /// Aurora: one shared cluster volume, six copies across three AZs (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html, https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
    Aurora,
    /// Multi-AZ DB cluster: a writer and two readable standbys, semi-synchronous (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html).
    MultiAzCluster,
}

/// How a cluster came to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CloneKind {
    /// Copy-on-write clone: shares the source's pages until they change (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html).
    CopyOnWrite { source: String },
    /// A full copy (the 16th and later clones of one source) (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html).
    FullCopy { source: String },
}

/// One DB cluster.
#[derive(Clone, Debug)]
pub struct DbCluster {
    pub identifier: String,
    pub engine: Engine,
    pub engine_version: String,
    pub kind: ClusterKind,
    pub status: String,
    pub region: String,
    /// The three AZs holding the cluster volume (Aurora) or the three instances.
    pub availability_zones: Vec<String>,
    /// Member instance identifiers, in the order they joined.
    pub members: Vec<String>,
    /// The member that takes writes.
    pub writer: Option<String>,
    pub volume: ClusterVolume,
    /// GiB of data written; the volume grows with it in 10 GB segments (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html, https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
    pub used_gib: u64,
    /// GiB this cluster shares with its clone source (copy-on-write) (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html).
    pub shared_gib: u64,
    pub max_volume_tib: u64,
    /// Multi-AZ DB clusters: provisioned storage and the instance class of all three.
    pub allocated_storage_gib: u32,
    /// Backtrack target window in seconds (0 = Backtrack off) (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html).
    pub backtrack_window_s: u64,
    pub clone: Option<CloneKind>,
    /// The DB subnet group its instances are placed in, if any.
    pub db_subnet_group: Option<String>,
    pub resource_id: String,
    pub created_at: DateTime<Utc>,
    pub endpoint: String,
    pub reader_endpoint: String,
}

/// Something that happened to a resource, on the lab's RDS clock (timeline material).
#[derive(Clone, Debug, PartialEq)]
pub struct DbEvent {
    pub time: DateTime<Utc>,
    /// `db-instance` or `db-cluster`.
    pub source_type: &'static str,
    pub source: String,
    /// failover, backtrack, patching, reboot, creation, deletion, promotion, clone.
    pub category: &'static str,
    pub message: String,
    /// Seconds of the event's effect (e.g. write-unavailable window); 0 when instant.
    pub duration_s: f64,
}

/// Every database resource in one lab.
#[derive(Clone, Debug, Default)]
pub struct Databases {
    pub instances: Vec<DbInstance>,
    pub clusters: Vec<DbCluster>,
    pub events: Vec<DbEvent>,
    pub subnet_groups: Vec<DbSubnetGroup>,
    /// Changes made so far: drives the RDS clock and the generated IDs.
    seq: u64,
}

/// The start of the lab's RDS clock.
pub fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().unwrap_or_default()
}

/// SplitMix64: turns the counter into well-spread, repeatable ID characters.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn base36(mut v: u64, len: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = Vec::with_capacity(len);
    for _ in 0..len {
        s.push(DIGITS[(v % 36) as usize]);
        v /= 36;
        if v == 0 {
            v = mix(s.len() as u64);
        }
    }
    String::from_utf8(s).unwrap_or_default()
}

impl Databases {
    /// The lab's RDS clock now.
    pub fn now(&self) -> DateTime<Utc> {
        epoch() + Duration::minutes(OP_MINUTES * self.seq as i64)
    }

    /// Moves the clock one step (every successful change calls it once).
    pub(crate) fn tick(&mut self) -> DateTime<Utc> {
        self.seq += 1;
        self.now()
    }

    /// A resource ID as RDS shapes it: `db-` or `cluster-` + 26 characters.
    pub(crate) fn resource_id(&self, prefix: &str, ident: &str) -> String {
        let h = ident.bytes().fold(self.seq, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
        format!("{}-{}", prefix, base36(mix(h), 26))
    }

    /// The account/region hash in endpoints (`.c1a2b3c4d5e6.`), fixed per lab.
    pub fn endpoint_hash() -> &'static str {
        "c9lab0example"
    }

    /// DB instance and cluster identifiers, offered by tab completion.
    /// Identifiers with their kind, for tab completion.
    pub fn completion_items(&self) -> Vec<(String, &'static str)> {
        let mut v: Vec<(String, &'static str)> =
            self.instances.iter().map(|i| (i.identifier.clone(), "db instance")).collect();
        v.extend(self.clusters.iter().map(|c| (c.identifier.clone(), "db cluster")));
        v.extend(self.subnet_groups.iter().map(|g| (g.name.clone(), "db subnet group")));
        v
    }

    pub fn completion_words(&self) -> Vec<String> {
        let mut v: Vec<String> = self.instances.iter().map(|i| i.identifier.clone()).collect();
        v.extend(self.clusters.iter().map(|c| c.identifier.clone()));
        v.extend(self.subnet_groups.iter().map(|g| g.name.clone()));
        v.sort();
        v.dedup();
        v
    }

    pub fn instance(&self, id: &str) -> AwsResult<&DbInstance> {
        let id = id.to_ascii_lowercase();
        self.instances
            .iter()
            .find(|i| i.identifier == id)
            .ok_or_else(|| AwsError::new(codes::DB_INSTANCE_NOT_FOUND, format!("DBInstance {} not found.", id)))
    }

    pub(crate) fn instance_idx(&self, id: &str) -> AwsResult<usize> {
        let id = id.to_ascii_lowercase();
        self.instances
            .iter()
            .position(|i| i.identifier == id)
            .ok_or_else(|| AwsError::new(codes::DB_INSTANCE_NOT_FOUND, format!("DBInstance {} not found.", id)))
    }

    pub fn cluster(&self, id: &str) -> AwsResult<&DbCluster> {
        self.cluster_idx(id).map(|i| &self.clusters[i])
    }

    pub(crate) fn cluster_idx(&self, id: &str) -> AwsResult<usize> {
        let id = id.to_ascii_lowercase();
        self.clusters
            .iter()
            .position(|c| c.identifier == id)
            .ok_or_else(|| AwsError::new(codes::DB_CLUSTER_NOT_FOUND_FAULT, format!("DBCluster {} not found.", id)))
    }

    /// Read replicas of an instance, in creation order.
    pub fn replicas_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a DbInstance> + 'a {
        self.instances.iter().filter(move |i| i.replica_source.as_deref() == Some(id))
    }

    pub(crate) fn event(
        &mut self,
        source_type: &'static str,
        source: &str,
        category: &'static str,
        message: String,
        duration_s: f64,
    ) {
        let time = self.now();
        self.events.push(DbEvent { time, source_type, source: source.to_string(), category, message, duration_s });
    }
}

/// Parses an ISO 8601 time (`2025-01-01T01:00:00Z`) as RDS takes it.
pub fn parse_time(s: &str, param: &str) -> AwsResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").map(|n| Utc.from_utc_datetime(&n)))
        .map_err(|_| {
            AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid value for {}: {} (expected ISO 8601, e.g. 2025-01-01T01:00:00Z)", param, s),
            )
        })
}

/// The time as RDS prints it.
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests;
