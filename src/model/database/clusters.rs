//! DB cluster operations: Aurora clusters and Multi-AZ DB clusters, failover, Backtrack,
//! copy-on-write clones, zero-downtime patching and volume growth.

use crate::model::codes;
use chrono::{DateTime, Duration, Utc};

use super::engine::{check_identifier, Engine, InstanceClass};
use super::failover::{self, FailoverParams, Topology};
use super::instances::{ec2_type_known, MAX_STORAGE_GIB, MIN_STORAGE_GIB};
use super::quorum::{self, ClusterVolume};
use super::{fmt_time, CloneKind, ClusterKind, Databases, DbCluster, DbInstance};
use crate::model::{AwsError, AwsResult};

/// Backtrack window limit: 72 hours (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html).
pub const MAX_BACKTRACK_WINDOW_S: u64 = 72 * 3600;
/// Copy-on-write clones per source before a clone becomes a full copy (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html).
pub const MAX_COW_CLONES: usize = 15;
/// Zero-downtime patching: throughput dip from seconds to about a minute (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Updates.Patching.html); the
/// model's typical dip (assumption within that range).
pub const ZDP_DIP_S: f64 = 30.0;

/// What `create-db-cluster` asks for.
#[derive(Clone, Debug, Default)]
pub struct CreateCluster {
    pub identifier: String,
    pub engine: String,
    pub backtrack_window_s: Option<u64>,
    pub availability_zones: Vec<String>,
    /// Multi-AZ DB clusters only: the class of the three instances, and storage.
    pub instance_class: Option<String>,
    pub allocated_storage_gib: Option<u32>,
    /// Place instances in this DB subnet group's AZs.
    pub subnet_group: Option<String>,
    pub region: String,
}

/// How `restore-db-cluster-to-point-in-time` copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreType {
    CopyOnWrite,
    FullCopy,
}

/// Aurora for the aurora engines, a Multi-AZ DB cluster for mysql and postgres.
fn cluster_kind(engine: Engine) -> AwsResult<ClusterKind> {
    if engine.is_aurora() {
        Ok(ClusterKind::Aurora)
    } else if engine.supports_multi_az_cluster() {
        Ok(ClusterKind::MultiAzCluster)
    } else {
        Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("DB clusters are for aurora-mysql, aurora-postgresql, or (Multi-AZ DB clusters) mysql and postgres, not {}.", engine.name()),
        ))
    }
}

/// The Backtrack window asked for (0 = none): Aurora MySQL only, at most 72 hours.
fn backtrack_window(req: &CreateCluster, engine: Engine) -> AwsResult<u64> {
    let window = req.backtrack_window_s.unwrap_or(0);
    if window > 0 && engine != Engine::AuroraMySql {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_COMBINATION,
            format!("Backtrack is not supported for engine {}: it is available for Aurora MySQL only.", engine.name()),
        ));
    }
    if window > MAX_BACKTRACK_WINDOW_S {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("The backtrack window must be between 0 and {} seconds (72 hours).", MAX_BACKTRACK_WINDOW_S),
        ));
    }
    Ok(window)
}

/// The instance class and storage: none for Aurora (its volume grows by itself); for a
/// Multi-AZ DB cluster a class, storage in range, and three AZs.
fn cluster_class(
    req: &CreateCluster,
    kind: ClusterKind,
    engine: Engine,
    azs: &[String],
    group_azs: &Option<Vec<String>>,
) -> AwsResult<(Option<InstanceClass>, u32)> {
    match kind {
        ClusterKind::Aurora => {
            if req.instance_class.is_some() || req.allocated_storage_gib.is_some() {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_COMBINATION,
                    format!("DBClusterInstanceClass and AllocatedStorage aren't supported for DB engine {}: Aurora storage grows automatically.", engine.name()),
                ));
            }
            Ok((None, 0))
        }
        ClusterKind::MultiAzCluster => {
            let c = req.instance_class.as_deref().ok_or_else(|| {
                AwsError::new(
                    codes::INVALID_PARAMETER_COMBINATION,
                    "A Multi-AZ DB cluster needs --db-cluster-instance-class (and --allocated-storage).",
                )
            })?;
            let class = InstanceClass::parse(c, &ec2_type_known)?;
            let storage = req.allocated_storage_gib.unwrap_or(100);
            if !(MIN_STORAGE_GIB..=MAX_STORAGE_GIB).contains(&storage) {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Invalid storage size for engine name {}: {}", engine.name(), storage),
                ));
            }
            if azs.len() < 3 || group_azs.as_ref().is_some_and(|g| g.len() < 3) {
                return Err(AwsError::new(
                    codes::DB_SUBNET_GROUP_DOES_NOT_COVER_ENOUGH_AZS,
                    "A Multi-AZ DB cluster needs subnets in three Availability Zones.",
                ));
            }
            Ok((Some(class), storage))
        }
    }
}

impl Databases {
    /// `create-db-cluster`: an Aurora cluster (volume in three AZs, no instances yet) or,
    /// for mysql/postgres with `--db-cluster-instance-class`, a Multi-AZ DB cluster with
    /// its writer and two readable standbys (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html).
    pub fn create_db_cluster(&mut self, req: &CreateCluster) -> AwsResult<&DbCluster> {
        let id = self.new_cluster_id(&req.identifier)?;
        let engine = Engine::parse(&req.engine)?;
        let kind = cluster_kind(engine)?;
        let window = backtrack_window(req, engine)?;
        let (azs, group_azs) = self.cluster_azs(req)?;
        let (class, storage) = cluster_class(req, kind, engine, &azs, &group_azs)?;
        if class.is_some() {
            for n in 1..=azs.len() {
                let iid = format!("{}-instance-{}", id, n);
                if self.instances.iter().any(|i| i.identifier == iid) {
                    return Err(AwsError::new(
                        codes::DB_INSTANCE_ALREADY_EXISTS,
                        format!("DB instance already exists: {}", iid),
                    ));
                }
            }
        }
        let created_at = self.tick();
        let (endpoint, reader_endpoint) = Databases::cluster_endpoints(&id, &req.region);
        let cluster = DbCluster {
            identifier: id.clone(),
            engine,
            engine_version: engine.default_version().to_string(),
            kind,
            status: "available".into(),
            region: req.region.clone(),
            volume: ClusterVolume::new(&azs),
            availability_zones: azs.clone(),
            members: Vec::new(),
            writer: None,
            used_gib: 0,
            shared_gib: 0,
            max_volume_tib: quorum::MAX_VOLUME_TIB,
            allocated_storage_gib: storage,
            backtrack_window_s: window,
            clone: None,
            db_subnet_group: req.subnet_group.as_ref().map(|g| g.to_ascii_lowercase()),
            resource_id: self.resource_id("cluster", &id),
            created_at,
            endpoint,
            reader_endpoint,
        };
        let msg = match kind {
            ClusterKind::Aurora => format!("Aurora cluster volume created: 6 copies, 2 in each of {}", azs.join(", ")),
            ClusterKind::MultiAzCluster => format!(
                "Multi-AZ DB cluster created: writer in {}, readable standbys in {} and {}",
                azs[0], azs[1], azs[2]
            ),
        };
        self.clusters.push(cluster);
        if let Some(class) = class {
            self.place_cluster_instances(req, class, storage, created_at);
        }
        self.event("db-cluster", &id, "creation", msg, 0.0);
        Ok(&self.clusters[self.clusters.len() - 1])
    }

    /// The cluster's three AZs: the request's (checked against the region and the DB
    /// subnet group), else the subnet group's, then the region's first ones; and the subnet
    /// group's AZs when it names one.
    fn cluster_azs(&self, req: &CreateCluster) -> AwsResult<(Vec<String>, Option<Vec<String>>)> {
        let region_azs = crate::model::regions::availability_zones(&req.region);
        if region_azs.is_empty() {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("Unknown region: {}", req.region)));
        }
        for a in &req.availability_zones {
            if !region_azs.contains(a) {
                return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid availability zone: {}", a)));
            }
        }
        // Aurora always copies the volume across three AZs (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html); the region's first three
        // unless the request names some.
        let group_azs = match &req.subnet_group {
            Some(g) => Some(self.subnet_group(g)?.availability_zones()),
            None => None,
        };
        let mut azs: Vec<String> = req.availability_zones.clone();
        if let Some(g) = &group_azs {
            if !req.availability_zones.is_empty() {
                if let Some(bad) = req.availability_zones.iter().find(|a| !g.contains(a)) {
                    return Err(AwsError::new(
                        codes::INVALID_PARAMETER_VALUE,
                        format!("Availability zone {} is not covered by the DB subnet group.", bad),
                    ));
                }
            } else {
                azs = g.clone();
            }
        }
        for a in region_azs {
            if azs.len() >= 3 {
                break;
            }
            if !azs.contains(a) {
                azs.push(a.clone());
            }
        }
        azs.truncate(3);
        Ok((azs, group_azs))
    }

    /// A Multi-AZ DB cluster's writer and two readable standbys, one per AZ of the cluster
    /// just added (the last one).
    fn place_cluster_instances(
        &mut self,
        req: &CreateCluster,
        class: InstanceClass,
        storage: u32,
        created_at: DateTime<Utc>,
    ) {
        let last = self.clusters.len() - 1;
        let id = self.clusters[last].identifier.clone();
        let azs = self.clusters[last].availability_zones.clone();
        let engine = self.clusters[last].engine;
        for (n, az) in azs.iter().enumerate() {
            let iid = format!("{}-instance-{}", id, n + 1);
            let inst = DbInstance {
                identifier: iid.clone(),
                engine,
                engine_version: engine.default_version().to_string(),
                class: class.clone(),
                status: "available".into(),
                multi_az: false,
                allocated_storage_gib: storage,
                region: req.region.clone(),
                availability_zone: az.clone(),
                secondary_availability_zone: None,
                replica_source: None,
                cluster_identifier: Some(id.clone()),
                db_subnet_group: req.subnet_group.as_ref().map(|g| g.to_ascii_lowercase()),
                vpc_id: req.subnet_group.as_deref().and_then(|g| self.subnet_group(g).ok()).map(|g| g.vpc_id.clone()),
                promotion_tier: 1,
                resource_id: self.resource_id("db", &iid),
                created_at,
                endpoint: Databases::endpoint_for(&iid, &req.region),
            };
            self.instances.push(inst);
            self.clusters[last].members.push(iid.clone());
            if n == 0 {
                self.clusters[last].writer = Some(iid);
            }
        }
    }

    /// `failover-db-cluster [--target-db-instance-identifier]`: a reader becomes the writer.
    pub fn failover_db_cluster(&mut self, id: &str, target: Option<&str>) -> AwsResult<&DbCluster> {
        let ci = self.cluster_idx(id)?;
        let c = &self.clusters[ci];
        let writer = c.writer.clone().ok_or_else(|| {
            AwsError::new(
                codes::INVALID_DB_CLUSTER_STATE_FAULT,
                format!("DB cluster {} has no DB instances.", c.identifier),
            )
        })?;
        let readers: Vec<&str> = c.members.iter().filter(|m| **m != writer).map(String::as_str).collect();
        let new_writer = match target {
            Some(t) => {
                let t = t.to_ascii_lowercase();
                if !c.members.contains(&t) {
                    return Err(AwsError::new(
                        codes::INVALID_DB_INSTANCE_STATE,
                        format!("DB instance {} is not a member of DB cluster {}.", t, c.identifier),
                    ));
                }
                if t == writer {
                    return Err(AwsError::new(
                        codes::INVALID_PARAMETER_VALUE,
                        format!("DB instance {} is already the writer.", t),
                    ));
                }
                t
            }
            None => self.pick_failover_target(&readers).ok_or_else(|| {
                AwsError::new(
                    codes::INVALID_DB_CLUSTER_STATE_FAULT,
                    format!("DB cluster {} has no reader to fail over to; add an Aurora Replica first.", c.identifier),
                )
            })?,
        };
        let topo = match c.kind {
            ClusterKind::Aurora => Topology::Aurora,
            ClusterKind::MultiAzCluster => Topology::RdsMultiAzCluster,
        };
        self.tick();
        let tl = failover::timeline(topo, &FailoverParams::default(), self.seq);
        let c = &mut self.clusters[ci];
        c.writer = Some(new_writer.clone());
        let cid = c.identifier.clone();
        self.event(
            "db-cluster",
            &cid,
            "failover",
            format!(
                "Failover: {} promoted to writer (was {}); writes unavailable ≈{:.0} s ({})",
                new_writer, writer, tl.write_unavailable_s, tl.source
            ),
            tl.write_unavailable_s,
        );
        Ok(&self.clusters[ci])
    }

    /// The earliest time a cluster can be backtracked to now.
    pub fn earliest_backtrack_time(&self, c: &DbCluster) -> Option<DateTime<Utc>> {
        (c.backtrack_window_s > 0).then(|| {
            let by_window = self.now() - Duration::seconds(c.backtrack_window_s as i64);
            by_window.max(c.created_at)
        })
    }

    /// `backtrack-db-cluster --backtrack-to TIME`: rewinds the whole cluster in place,
    /// with a brief outage (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html). Aurora MySQL only, on clusters with Backtrack enabled.
    pub fn backtrack_db_cluster(&mut self, id: &str, to: DateTime<Utc>) -> AwsResult<&DbCluster> {
        let ci = self.cluster_idx(id)?;
        let c = &self.clusters[ci];
        if c.engine != Engine::AuroraMySql {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!(
                    "Backtrack is not supported for engine {}: it is available for Aurora MySQL only.",
                    c.engine.name()
                ),
            ));
        }
        let Some(earliest) = self.earliest_backtrack_time(c) else {
            return Err(AwsError::new(
                codes::INVALID_DB_CLUSTER_STATE_FAULT,
                format!("Backtrack is not enabled for DB cluster {}: create it with --backtrack-window.", c.identifier),
            ));
        };
        let now = self.now();
        if to < earliest || to > now {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!(
                    "The backtrack time {} is outside the backtrack window: {} to {}.",
                    fmt_time(to),
                    fmt_time(earliest),
                    fmt_time(now)
                ),
            ));
        }
        let cid = c.identifier.clone();
        self.tick();
        self.event(
            "db-cluster",
            &cid,
            "backtrack",
            format!("Cluster rewound in place to {} (brief outage; all instances)", fmt_time(to)),
            // "a brief outage" (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html): the model shows a few seconds (assumption).
            5.0,
        );
        Ok(&self.clusters[ci])
    }

    /// `restore-db-cluster-to-point-in-time --restore-type copy-on-write`: a clone that
    /// shares the source's pages until either side changes them; the 16th and later
    /// clones of one source are full copies (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html). The new cluster has no instances yet.
    pub fn restore_cluster(
        &mut self,
        new_id: &str,
        source: &str,
        kind: RestoreType,
        to: Option<DateTime<Utc>>,
    ) -> AwsResult<&DbCluster> {
        let id = self.new_cluster_id(new_id)?;
        let src = self.cluster(source)?.clone();
        if src.kind != ClusterKind::Aurora && kind == RestoreType::CopyOnWrite {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                "The copy-on-write restore type is supported for Aurora DB clusters only.",
            ));
        }
        self.check_restore_time(&src, to)?;
        let clone = self.clone_kind(&src, kind);
        let created_at = self.tick();
        let (endpoint, reader_endpoint) = Databases::cluster_endpoints(&id, &src.region);
        let (shared, own) = match &clone {
            CloneKind::CopyOnWrite { .. } => (src.used_gib + src.shared_gib, 0),
            CloneKind::FullCopy { .. } => (0, src.used_gib + src.shared_gib),
        };
        let msg = match &clone {
            CloneKind::CopyOnWrite { source } => {
                format!("Copy-on-write clone of {}: {} GiB shared, nothing copied until pages change", source, shared)
            }
            CloneKind::FullCopy { source } => format!(
                "Full copy of {} ({} GiB copied; copy-on-write limit of {} clones reached or full copy requested)",
                source, own, MAX_COW_CLONES
            ),
        };
        let cluster = DbCluster {
            identifier: id.clone(),
            engine: src.engine,
            engine_version: src.engine_version.clone(),
            kind: src.kind,
            status: "available".into(),
            region: src.region.clone(),
            availability_zones: src.availability_zones.clone(),
            members: Vec::new(),
            writer: None,
            volume: ClusterVolume::new(&src.availability_zones),
            used_gib: own,
            shared_gib: shared,
            max_volume_tib: src.max_volume_tib,
            allocated_storage_gib: src.allocated_storage_gib,
            backtrack_window_s: src.backtrack_window_s,
            clone: Some(clone),
            db_subnet_group: src.db_subnet_group.clone(),
            resource_id: self.resource_id("cluster", &id),
            created_at,
            endpoint,
            reader_endpoint,
        };
        self.clusters.push(cluster);
        self.event("db-cluster", &id, "clone", msg, 0.0);
        Ok(&self.clusters[self.clusters.len() - 1])
    }

    /// The identifier of a new cluster: valid, and not one the lab has.
    fn new_cluster_id(&self, requested: &str) -> AwsResult<String> {
        let id = check_identifier("DBClusterIdentifier", requested)?;
        if self.clusters.iter().any(|c| c.identifier == id) {
            return Err(AwsError::new(codes::DB_CLUSTER_ALREADY_EXISTS_FAULT, "DB Cluster already exists"));
        }
        Ok(id)
    }

    /// A point-in-time restore's time must lie between the source's creation and now.
    fn check_restore_time(&self, src: &DbCluster, to: Option<DateTime<Utc>>) -> AwsResult<()> {
        let now = self.now();
        if let Some(t) = to {
            if t < src.created_at || t > now {
                return Err(AwsError::new(
                    codes::INVALID_RESTORE_FAULT,
                    format!(
                        "The restore time {} is outside the restorable window: {} to {}.",
                        fmt_time(t),
                        fmt_time(src.created_at),
                        fmt_time(now)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Copy-on-write while the source has fewer than [`MAX_COW_CLONES`] such clones, else
    /// a full copy.
    fn clone_kind(&self, src: &DbCluster, kind: RestoreType) -> CloneKind {
        let cow_clones = self
            .clusters
            .iter()
            .filter(|c| matches!(&c.clone, Some(CloneKind::CopyOnWrite { source }) if *source == src.identifier))
            .count();
        match kind {
            RestoreType::CopyOnWrite if cow_clones < MAX_COW_CLONES => {
                CloneKind::CopyOnWrite { source: src.identifier.clone() }
            }
            _ => CloneKind::FullCopy { source: src.identifier.clone() },
        }
    }

    /// `delete-db-cluster`: only once its instances are gone (as RDS requires).
    pub fn delete_db_cluster(&mut self, id: &str) -> AwsResult<DbCluster> {
        let ci = self.cluster_idx(id)?;
        let c = &self.clusters[ci];
        if c.kind == ClusterKind::Aurora && !c.members.is_empty() {
            return Err(AwsError::new(
                codes::INVALID_DB_CLUSTER_STATE_FAULT,
                "Cluster cannot be deleted, it still contains DB instances in non-deleting state.",
            ));
        }
        self.tick();
        let c = self.clusters.remove(ci);
        // A Multi-AZ DB cluster's instances go with it.
        self.instances.retain(|i| i.cluster_identifier.as_deref() != Some(c.identifier.as_str()));
        self.event("db-cluster", &c.identifier, "deletion", "DB cluster deleted".into(), 0.0);
        Ok(c)
    }

    /// `modify-db-cluster --engine-version V --apply-immediately`: on Aurora MySQL the
    /// patch uses zero-downtime patching (best effort: sessions kept, a throughput dip
    /// of seconds to about a minute (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Updates.Patching.html)); elsewhere it restarts the instances.
    pub fn patch_db_cluster(&mut self, id: &str, version: &str) -> AwsResult<&DbCluster> {
        let ci = self.cluster_idx(id)?;
        if version.trim().is_empty() {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "The engine version must not be empty."));
        }
        self.tick();
        let c = &mut self.clusters[ci];
        let old = std::mem::replace(&mut c.engine_version, version.to_string());
        let zdp = c.engine == Engine::AuroraMySql;
        let cid = c.identifier.clone();
        let members = c.members.clone();
        for m in &members {
            if let Ok(i) = self.instance_idx(m) {
                self.instances[i].engine_version = version.to_string();
            }
        }
        let (msg, dip) = if zdp {
            (format!("Zero-downtime patching {} → {}: connections kept (best effort), throughput dips for seconds to ~1 min (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Updates.Patching.html)", old, version), ZDP_DIP_S)
        } else {
            (
                format!(
                    "Engine upgraded {} → {}: instances restarted (no zero-downtime patching for this engine)",
                    old, version
                ),
                60.0,
            )
        };
        self.event("db-cluster", &cid, "patching", msg, dip);
        Ok(&self.clusters[ci])
    }

    /// Writes `gib` more data into an Aurora volume, which grows by itself in 10 GB
    /// segments up to the maximum volume size (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html, https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
    pub fn add_cluster_data(&mut self, id: &str, gib: u64) -> AwsResult<u64> {
        let ci = self.cluster_idx(id)?;
        let c = &self.clusters[ci];
        let want = c.used_gib + c.shared_gib + gib;
        let size = quorum::grow_to(want, c.max_volume_tib).ok_or_else(|| {
            AwsError::new(
                codes::STORAGE_QUOTA_EXCEEDED,
                format!(
                    "The cluster volume of {} would exceed its maximum size of {} TiB.",
                    c.identifier, c.max_volume_tib
                ),
            )
        })?;
        self.clusters[ci].used_gib += gib;
        Ok(size)
    }

    /// The cluster volume's size: used data rounded up to 10 GB segments.
    pub fn volume_size_gib(c: &DbCluster) -> u64 {
        quorum::grow_to(c.used_gib + c.shared_gib, u64::MAX / 2048).unwrap_or(0)
    }
}
