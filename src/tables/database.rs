//! DB instances, clusters, events and simulation results as tables.

use polars::prelude::*;

use super::round;
use crate::model::database::failover::FailoverTimeline;
use crate::model::database::quorum::QuorumState;
use crate::model::database::replication::{ParamInfo, RunResult};
use crate::model::database::{fmt_time, ClusterKind, Databases, DbCluster, DbInstance, DbSubnetGroup};

/// The model's tables: `db_instances`, `db_clusters`, `db_events`.
pub fn tables(db: &Databases) -> Vec<(String, DataFrame)> {
    let mut v = Vec::new();
    let all_instances: Vec<&DbInstance> = db.instances.iter().collect();
    let all_clusters: Vec<&DbCluster> = db.clusters.iter().collect();
    if let Ok(df) = instances_df(db, &all_instances) {
        v.push(("db_instances".to_string(), df));
    }
    if let Ok(df) = clusters_df(db, &all_clusters) {
        v.push(("db_clusters".to_string(), df));
    }
    if let Ok(df) = events_df(db) {
        v.push(("db_events".to_string(), df));
    }
    let groups: Vec<&DbSubnetGroup> = db.subnet_groups.iter().collect();
    let g = subnet_groups_base(&groups).and_then(|mut df| {
        df.with_column(Column::new("region".into(), groups.iter().map(|g| g.region.clone()).collect::<Vec<_>>()))?;
        Ok(df)
    });
    if let Ok(df) = g {
        v.push(("db_subnet_groups".to_string(), df));
    }
    v
}

/// The columns every DB subnet group table has.
fn subnet_groups_base(list: &[&DbSubnetGroup]) -> PolarsResult<DataFrame> {
    df!(
        "db_subnet_group_name" => list.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
        "vpc_id" => list.iter().map(|g| g.vpc_id.clone()).collect::<Vec<_>>(),
        "subnets" => list.iter().map(|g| g.subnets.iter().map(|s| s.0.clone()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
        "availability_zones" => list.iter().map(|g| g.availability_zones().join(", ")).collect::<Vec<_>>(),
    )
}

/// `describe-db-subnet-groups`: each group's VPC, subnets, AZs and description.
pub fn subnet_groups_df(list: &[&DbSubnetGroup]) -> PolarsResult<DataFrame> {
    let mut df = subnet_groups_base(list)?;
    df.with_column(Column::new("description".into(), list.iter().map(|g| g.description.clone()).collect::<Vec<_>>()))?;
    Ok(df)
}

/// The instance's role: primary, read replica, writer, reader.
pub fn role(db: &Databases, i: &DbInstance) -> &'static str {
    if let Some(c) = i.cluster_identifier.as_deref().and_then(|c| db.cluster(c).ok()) {
        return if c.writer.as_deref() == Some(i.identifier.as_str()) { "writer" } else { "reader" };
    }
    if i.replica_source.is_some() {
        "read replica"
    } else {
        "primary"
    }
}

pub fn instances_df(db: &Databases, list: &[&DbInstance]) -> PolarsResult<DataFrame> {
    df!(
        "db_instance_identifier" => list.iter().map(|i| i.identifier.clone()).collect::<Vec<_>>(),
        "engine" => list.iter().map(|i| i.engine.name()).collect::<Vec<_>>(),
        "db_instance_class" => list.iter().map(|i| i.class.name()).collect::<Vec<_>>(),
        "vcpus" => list.iter().map(|i| i.class.vcpus()).collect::<Vec<_>>(),
        "role" => list.iter().map(|i| role(db, i)).collect::<Vec<_>>(),
        "status" => list.iter().map(|i| i.status.clone()).collect::<Vec<_>>(),
        "multi_az" => list.iter().map(|i| i.multi_az).collect::<Vec<_>>(),
        "availability_zone" => list.iter().map(|i| i.availability_zone.clone()).collect::<Vec<_>>(),
        "standby_az" => list.iter().map(|i| i.secondary_availability_zone.clone()).collect::<Vec<_>>(),
        "replica_source" => list.iter().map(|i| i.replica_source.clone()).collect::<Vec<_>>(),
        "db_cluster_identifier" => list.iter().map(|i| i.cluster_identifier.clone()).collect::<Vec<_>>(),
        "allocated_storage_gib" => list.iter().map(|i| i.allocated_storage_gib).collect::<Vec<_>>(),
        "db_subnet_group" => list.iter().map(|i| i.db_subnet_group.clone()).collect::<Vec<_>>(),
        "vpc_id" => list.iter().map(|i| i.vpc_id.clone()).collect::<Vec<_>>(),
        "region" => list.iter().map(|i| i.region.clone()).collect::<Vec<_>>(),
        "endpoint" => list.iter().map(|i| i.endpoint.clone()).collect::<Vec<_>>(),
    )
}

pub fn clusters_df(_db: &Databases, list: &[&DbCluster]) -> PolarsResult<DataFrame> {
    df!(
        "db_cluster_identifier" => list.iter().map(|c| c.identifier.clone()).collect::<Vec<_>>(),
        "engine" => list.iter().map(|c| c.engine.name()).collect::<Vec<_>>(),
        "kind" => list.iter().map(|c| match c.kind { ClusterKind::Aurora => "aurora", ClusterKind::MultiAzCluster => "multi-az-db-cluster" }).collect::<Vec<_>>(),
        "status" => list.iter().map(|c| c.status.clone()).collect::<Vec<_>>(),
        "writer" => list.iter().map(|c| c.writer.clone()).collect::<Vec<_>>(),
        "readers" => list.iter().map(|c| c.members.len().saturating_sub(usize::from(c.writer.is_some())) as u32).collect::<Vec<_>>(),
        "availability_zones" => list.iter().map(|c| c.availability_zones.join(", ")).collect::<Vec<_>>(),
        "storage_copies_alive" => list.iter().map(|c| c.volume.state().alive as u32).collect::<Vec<_>>(),
        "volume_gib" => list.iter().map(|c| Databases::volume_size_gib(c)).collect::<Vec<_>>(),
        "shared_gib" => list.iter().map(|c| c.shared_gib).collect::<Vec<_>>(),
        "max_volume_tib" => list.iter().map(|c| c.max_volume_tib).collect::<Vec<_>>(),
        "backtrack_window_s" => list.iter().map(|c| c.backtrack_window_s).collect::<Vec<_>>(),
        "clone_of" => list.iter().map(|c| c.clone.as_ref().map(|k| match k {
            crate::model::database::CloneKind::CopyOnWrite { source } => format!("{} (copy-on-write)", source),
            crate::model::database::CloneKind::FullCopy { source } => format!("{} (full copy)", source),
        })).collect::<Vec<_>>(),
        "engine_version" => list.iter().map(|c| c.engine_version.clone()).collect::<Vec<_>>(),
        "region" => list.iter().map(|c| c.region.clone()).collect::<Vec<_>>(),
        "endpoint" => list.iter().map(|c| c.endpoint.clone()).collect::<Vec<_>>(),
        "reader_endpoint" => list.iter().map(|c| c.reader_endpoint.clone()).collect::<Vec<_>>(),
    )
}

pub fn events_df(db: &Databases) -> PolarsResult<DataFrame> {
    let e = &db.events;
    df!(
        "time" => e.iter().map(|e| fmt_time(e.time)).collect::<Vec<_>>(),
        "source_type" => e.iter().map(|e| e.source_type).collect::<Vec<_>>(),
        "source" => e.iter().map(|e| e.source.clone()).collect::<Vec<_>>(),
        "category" => e.iter().map(|e| e.category).collect::<Vec<_>>(),
        "duration_s" => e.iter().map(|e| e.duration_s).collect::<Vec<_>>(),
        "message" => e.iter().map(|e| e.message.clone()).collect::<Vec<_>>(),
    )
}

/// `replication_summary`: one row per engine and write rate.
pub fn replication_summary_df(runs: &[RunResult]) -> PolarsResult<DataFrame> {
    let s: Vec<_> = runs.iter().map(|r| &r.summary).collect();
    df!(
        "engine" => s.iter().map(|s| s.engine).collect::<Vec<_>>(),
        "write_rate" => s.iter().map(|s| s.write_rate).collect::<Vec<_>>(),
        "replicas" => s.iter().map(|s| s.replicas as u32).collect::<Vec<_>>(),
        "lag_mean_ms" => s.iter().map(|s| round(s.lag_mean_ms, 2)).collect::<Vec<_>>(),
        "paper_lag" => s.iter().map(|s| s.paper_lag).collect::<Vec<_>>(),
        "lag_p50_ms" => s.iter().map(|s| round(s.lag_p50_ms, 2)).collect::<Vec<_>>(),
        "lag_p99_ms" => s.iter().map(|s| round(s.lag_p99_ms, 2)).collect::<Vec<_>>(),
        "lag_max_ms" => s.iter().map(|s| round(s.lag_max_ms, 2)).collect::<Vec<_>>(),
        "lag_final_ms" => s.iter().map(|s| round(s.lag_final_ms, 2)).collect::<Vec<_>>(),
        "commit_p50_ms" => s.iter().map(|s| round(s.commit_p50_ms, 3)).collect::<Vec<_>>(),
        "commit_p99_ms" => s.iter().map(|s| round(s.commit_p99_ms, 3)).collect::<Vec<_>>(),
        "throughput_wps" => s.iter().map(|s| round(s.throughput_wps, 1)).collect::<Vec<_>>(),
        "apply_capacity_wps" => s.iter().map(|s| round(s.apply_capacity_wps, 0)).collect::<Vec<_>>(),
    )
}

/// `replication_series`: the time series of every run.
pub fn replication_series_df(runs: &[RunResult]) -> PolarsResult<DataFrame> {
    let rows: Vec<(&str, f64, &crate::model::database::replication::SeriesPoint)> =
        runs.iter().flat_map(|r| r.series.iter().map(move |p| (r.summary.engine, r.summary.write_rate, p))).collect();
    df!(
        "engine" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "write_rate" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "time_s" => rows.iter().map(|r| round(r.2.time_s, 3)).collect::<Vec<_>>(),
        "lag_ms" => rows.iter().map(|r| round(r.2.lag_ms, 3)).collect::<Vec<_>>(),
        "commit_mean_ms" => rows.iter().map(|r| round(r.2.commit_mean_ms, 3)).collect::<Vec<_>>(),
        "throughput_wps" => rows.iter().map(|r| round(r.2.throughput_wps, 1)).collect::<Vec<_>>(),
    )
}

/// The parameters a simulation used, with their sources.
pub fn params_df(params: &[ParamInfo]) -> PolarsResult<DataFrame> {
    df!(
        "parameter" => params.iter().map(|p| p.name).collect::<Vec<_>>(),
        "value" => params.iter().map(|p| p.value.clone()).collect::<Vec<_>>(),
        "unit" => params.iter().map(|p| p.unit).collect::<Vec<_>>(),
        "source" => params.iter().map(|p| p.source.clone()).collect::<Vec<_>>(),
    )
}

/// `failover_summary`: one row per topology.
pub fn failover_df(runs: &[FailoverTimeline]) -> PolarsResult<DataFrame> {
    let phase = |t: &FailoverTimeline, i: usize| t.phases.get(i).map(|p| round(p.end_s - p.start_s, 1)).unwrap_or(0.0);
    df!(
        "engine" => runs.iter().map(|t| t.topology.name()).collect::<Vec<_>>(),
        "detection_s" => runs.iter().map(|t| phase(t, 0)).collect::<Vec<_>>(),
        "promotion_s" => runs.iter().map(|t| phase(t, 1)).collect::<Vec<_>>(),
        "dns_s" => runs.iter().map(|t| phase(t, 2)).collect::<Vec<_>>(),
        "write_unavailable_s" => runs.iter().map(|t| round(t.write_unavailable_s, 1)).collect::<Vec<_>>(),
        "read_unavailable_s" => runs.iter().map(|t| round(t.read_unavailable_s, 1)).collect::<Vec<_>>(),
        "documented_min_s" => runs.iter().map(|t| t.documented_lo_s).collect::<Vec<_>>(),
        "documented_max_s" => runs.iter().map(|t| t.documented_hi_s).collect::<Vec<_>>(),
        "source" => runs.iter().map(|t| t.source).collect::<Vec<_>>(),
    )
}

/// One topology's write-unavailable window over many seeds.
pub struct FailoverRange {
    pub engine: &'static str,
    pub runs: u32,
    pub min_s: f64,
    pub p50_s: f64,
    pub max_s: f64,
}

/// `failover_ranges`: the spread of the write-unavailable window per topology.
pub fn failover_ranges_df(ranges: &[FailoverRange]) -> PolarsResult<DataFrame> {
    df!(
        "engine" => ranges.iter().map(|r| r.engine).collect::<Vec<_>>(),
        "runs" => ranges.iter().map(|r| r.runs).collect::<Vec<_>>(),
        "write_unavailable_min_s" => ranges.iter().map(|r| round(r.min_s, 1)).collect::<Vec<_>>(),
        "write_unavailable_p50_s" => ranges.iter().map(|r| round(r.p50_s, 1)).collect::<Vec<_>>(),
        "write_unavailable_max_s" => ranges.iter().map(|r| round(r.max_s, 1)).collect::<Vec<_>>(),
    )
}

/// One case of `simulate storage-loss`: the volume's quorums and, with a write rate, the
/// commit latency and throughput the replication run measured.
pub struct StorageLossCase {
    pub case: String,
    pub state: QuorumState,
    pub commit_p50_ms: Option<f64>,
    pub throughput_wps: Option<f64>,
}

/// `storage_loss`: one row per case.
pub fn storage_loss_df(cases: &[StorageLossCase]) -> PolarsResult<DataFrame> {
    use crate::model::database::quorum::COPIES;
    df!(
        "case" => cases.iter().map(|c| c.case.clone()).collect::<Vec<_>>(),
        "lost_copies" => cases.iter().map(|c| (COPIES - c.state.alive) as u32).collect::<Vec<_>>(),
        "alive_copies" => cases.iter().map(|c| c.state.alive as u32).collect::<Vec<_>>(),
        "writes_available" => cases.iter().map(|c| c.state.writes_available).collect::<Vec<_>>(),
        "reads_available" => cases.iter().map(|c| c.state.reads_available).collect::<Vec<_>>(),
        "commit_p50_ms" => cases.iter().map(|c| c.commit_p50_ms).collect::<Vec<_>>(),
        "throughput_wps" => cases.iter().map(|c| c.throughput_wps).collect::<Vec<_>>(),
    )
}
