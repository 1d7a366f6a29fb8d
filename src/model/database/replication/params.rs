//! Every parameter of the simulation, its default, unit and source, and the checks a run
//! makes before it starts.

use super::{quorum, sources, Burst};
use crate::model::codes;
use crate::model::AwsError;

/// Every parameter of the simulation: unit in the name, default and source in the doc
/// comment; [`ReplicationParams::describe`] lists them for the output. "Calibrated" means
/// the paper reports the effect, not the parameter: the value is the one that reproduces
/// its Table 4 with the others at their defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicationParams {
    /// Simulation step, ms (default 1). Writes within a tick are aggregated (model choice).
    pub tick_ms: f64,
    /// Round trip within one AZ, ms (default 0.1). AWS quotes no figure; AZs are linked
    /// by low-latency networking ([`sources::AWS_AZS`]).
    pub same_az_rtt_ms: f64,
    /// Round trip between AZs, ms (default 1.0): AWS describes AZs as close enough for
    /// synchronous replication with low latency ([`sources::AWS_AZS`]).
    pub cross_az_rtt_ms: f64,
    /// Median EBS write + flush latency, ms (default 1.0; "single-digit millisecond"
    /// volumes, [`sources::EBS_VOLUME_TYPES`]). RDS commits and relay-log writes pay it.
    pub ebs_write_median_ms: f64,
    /// Log-normal spread (σ of ln) of the EBS write latency (default 0.4). Assumption.
    pub ebs_write_sigma: f64,
    /// Binlog applier's in-line work per transaction on the replica (replay + its own
    /// commit), ms (default 0.0222). Calibrated to the paper's Table 4.
    pub apply_ms_per_write: f64,
    /// Page write-back per applied transaction, ms (default 0.205), paid in a burst at each
    /// checkpoint while the applier waits. Calibrated to Table 4; with `apply_ms_per_write`
    /// it caps one applier at 1000 / (0.0222 + 0.205) ≈ 4,400 writes/s.
    pub flush_ms_per_write: f64,
    /// Transactions the replica applies between two write-back bursts (default 20,000):
    /// MySQL 5.6 flushes dirty pages in a burst when its redo log fills
    /// ([`sources::MYSQL56_ADAPTIVE_FLUSHING`]); 20,000 is its default redo log (2 × 48 MiB)
    /// at ≈5 KB of redo per SysBench write transaction. Assumption, calibrated with the two
    /// above (a burst lasts 20,000 × 0.205 ms ≈ 4 s).
    pub checkpoint_writes: f64,
    /// Appliers replaying the binlog in parallel (default 1: MySQL 5.6's single SQL
    /// thread, [`sources::MYSQL56_PARALLEL_WORKERS`], as in the paper). MySQL 8.0's
    /// `replica_parallel_workers` is 4 by default from 8.0.27
    /// ([`sources::MYSQL80_PARALLEL_WORKERS`]). Capped at `replica_vcpus`.
    pub parallel_workers: usize,
    /// Share of transactions that must wait for an earlier one still being applied
    /// (row conflicts), 0–1 (default 0.1). Assumption; it makes N workers worth
    /// N / (1 + (N − 1) × share) single appliers.
    pub worker_dependency: f64,
    /// vCPUs of each replica (default 32: the paper's r3.8xlarge; `--instance-class`
    /// sets it from the class size).
    pub replica_vcpus: f64,
    /// How much faster PostgreSQL's physical WAL replay is than the binlog applier
    /// (default 1.5). Assumption (physical replication: [`sources::RDS_READ_REPLICAS`]).
    pub physical_apply_factor: f64,
    /// Median time an Aurora storage node takes to persist a log record and acknowledge,
    /// ms, at no load (default 1.3). Calibrated to Table 4.
    pub storage_node_median_ms: f64,
    /// Log-normal spread of the storage-node latency (default 0.5). Assumption.
    pub storage_node_sigma: f64,
    /// Writes/s at which Aurora's storage nodes would be saturated (default 16,000): node
    /// latency is the median × 1 / (1 − rate / this). Calibrated to Table 4 (lag rises
    /// from 2.62 to 5.38 ms between 1,000 and 10,000 writes/s).
    pub storage_node_capacity_wps: f64,
    /// Copies whose acknowledgement a write waits for (default 4 of 6,
    /// [`sources::AURORA_QUORUM`]); set 6 to see what waiting for every copy would cost.
    pub write_quorum: usize,
    /// Median time an Aurora replica takes to apply a record to a cached page, ms
    /// (default 0.05). Calibrated to Table 4; replicas only refresh cached pages
    /// ([`sources::AURORA_REPLICATION`]).
    pub aurora_replica_apply_ms: f64,
    /// Log-normal spread of that apply time (default 0.5). Assumption.
    pub aurora_replica_sigma: f64,
    /// Log records per second an Aurora replica can apply (default 500,000): far above
    /// any simulated rate, as it only touches cached pages. Assumption.
    pub aurora_replica_apply_wps: f64,
    /// Writes/s the writer commits before writes queue (default 50,000). Assumption.
    pub writer_capacity_wps: f64,
    /// Reads per write served by the replicas (default 0: the paper's workload is
    /// SysBench write-only).
    pub reads_per_write: f64,
    /// Share of one write's apply time a read costs a replica (default 0.1). Assumption.
    pub read_apply_cost: f64,
    /// Aurora storage copies lost before the run (0–6; default 0).
    pub lost_storage_copies: usize,
    pub burst: Burst,
    /// Lag is also averaged over the last this-many seconds of the run, s (default 60:
    /// RDS publishes `ReplicaLag` per minute, [`sources::RDS_METRICS`]).
    pub report_window_s: f64,
    /// Points in each time series (model choice).
    pub series_points: usize,
    /// Commit latencies kept per run for the distribution chart (model choice).
    pub latency_samples: usize,
}

impl Default for ReplicationParams {
    fn default() -> Self {
        ReplicationParams {
            tick_ms: 1.0,
            same_az_rtt_ms: 0.1,
            cross_az_rtt_ms: 1.0,
            ebs_write_median_ms: 1.0,
            ebs_write_sigma: 0.4,
            apply_ms_per_write: 0.0222,
            flush_ms_per_write: 0.205,
            checkpoint_writes: 20_000.0,
            parallel_workers: 1,
            worker_dependency: 0.1,
            replica_vcpus: 32.0,
            physical_apply_factor: 1.5,
            storage_node_median_ms: 1.3,
            storage_node_sigma: 0.5,
            storage_node_capacity_wps: 16_000.0,
            write_quorum: quorum::WRITE_QUORUM,
            aurora_replica_apply_ms: 0.05,
            aurora_replica_sigma: 0.5,
            aurora_replica_apply_wps: 500_000.0,
            writer_capacity_wps: 50_000.0,
            reads_per_write: 0.0,
            read_apply_cost: 0.1,
            lost_storage_copies: 0,
            burst: Burst::Steady,
            report_window_s: 60.0,
            series_points: 240,
            latency_samples: 2_000,
        }
    }
}

/// One parameter as the output lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamInfo {
    pub name: &'static str,
    pub value: String,
    pub unit: &'static str,
    pub source: String,
}

const ASSUMPTION: &str = "assumption";

impl ReplicationParams {
    /// Every parameter, its value, unit and source (a page or the paper), "calibrated to"
    /// the paper's table, or "assumption".
    pub fn describe(&self) -> Vec<ParamInfo> {
        let calibrated = format!("calibrated to {}", sources::AURORA_PAPER_TABLE4);
        let p = |name, value: f64, unit, source: &str| ParamInfo {
            name,
            value: format!("{}", value),
            unit,
            source: source.to_string(),
        };
        vec![
            p("tick_ms", self.tick_ms, "ms", "model choice"),
            p("same_az_rtt_ms", self.same_az_rtt_ms, "ms", &format!("assumption; AZs: {}", sources::AWS_AZS)),
            p("cross_az_rtt_ms", self.cross_az_rtt_ms, "ms", &format!("assumption; AZs: {}", sources::AWS_AZS)),
            p(
                "ebs_write_median_ms",
                self.ebs_write_median_ms,
                "ms",
                &format!("assumption within single-digit ms: {}", sources::EBS_VOLUME_TYPES),
            ),
            p("ebs_write_sigma", self.ebs_write_sigma, "σ of ln", ASSUMPTION),
            p("apply_ms_per_write", self.apply_ms_per_write, "ms per write", &calibrated),
            p("flush_ms_per_write", self.flush_ms_per_write, "ms per write", &calibrated),
            p(
                "checkpoint_writes",
                self.checkpoint_writes,
                "writes",
                &format!(
                    "assumption (redo log fills, dirty pages flushed in a burst): {}",
                    sources::MYSQL56_ADAPTIVE_FLUSHING
                ),
            ),
            ParamInfo {
                name: "parallel_workers",
                value: self.parallel_workers.to_string(),
                unit: "appliers",
                source: format!(
                    "MySQL 5.6 single SQL thread (the paper's): {}; 8.0: {}",
                    sources::MYSQL56_PARALLEL_WORKERS,
                    sources::MYSQL80_PARALLEL_WORKERS
                ),
            },
            p("worker_dependency", self.worker_dependency, "share of writes", ASSUMPTION),
            p("replica_vcpus", self.replica_vcpus, "vCPUs", "the paper's r3.8xlarge, or --instance-class"),
            p(
                "physical_apply_factor",
                self.physical_apply_factor,
                "×",
                &format!("assumption; physical replication: {}", sources::RDS_READ_REPLICAS),
            ),
            p("storage_node_median_ms", self.storage_node_median_ms, "ms", &calibrated),
            p("storage_node_sigma", self.storage_node_sigma, "σ of ln", ASSUMPTION),
            p("storage_node_capacity_wps", self.storage_node_capacity_wps, "writes/s", &calibrated),
            ParamInfo {
                name: "storage copies / write quorum / read quorum",
                value: format!("{} / {} / {}", quorum::COPIES, self.write_quorum, quorum::READ_QUORUM),
                unit: "copies",
                source: format!("{} ; {}", sources::AURORA_QUORUM, sources::AURORA_STORAGE),
            },
            p(
                "aurora_replica_apply_ms",
                self.aurora_replica_apply_ms,
                "ms",
                &format!("{}; cached pages only: {}", calibrated, sources::AURORA_REPLICATION),
            ),
            p("aurora_replica_sigma", self.aurora_replica_sigma, "σ of ln", ASSUMPTION),
            p("aurora_replica_apply_wps", self.aurora_replica_apply_wps, "writes/s", ASSUMPTION),
            p("writer_capacity_wps", self.writer_capacity_wps, "writes/s", ASSUMPTION),
            p("reads_per_write", self.reads_per_write, "reads", "the paper's SysBench write-only workload"),
            p("read_apply_cost", self.read_apply_cost, "writes", ASSUMPTION),
            ParamInfo {
                name: "lost_storage_copies",
                value: self.lost_storage_copies.to_string(),
                unit: "copies",
                source: "scenario".into(),
            },
            ParamInfo { name: "burst", value: self.burst.describe(), unit: "", source: "scenario".into() },
            p(
                "report_window_s",
                self.report_window_s,
                "s",
                &format!("ReplicaLag is published per minute: {}", sources::RDS_METRICS),
            ),
        ]
    }

    pub(super) fn check(&self) -> Result<(), AwsError> {
        let positive = [
            ("tick_ms", self.tick_ms),
            ("apply_ms_per_write", self.apply_ms_per_write),
            ("checkpoint_writes", self.checkpoint_writes),
            ("replica_vcpus", self.replica_vcpus),
            ("physical_apply_factor", self.physical_apply_factor),
            ("storage_node_capacity_wps", self.storage_node_capacity_wps),
            ("aurora_replica_apply_wps", self.aurora_replica_apply_wps),
            ("writer_capacity_wps", self.writer_capacity_wps),
            ("report_window_s", self.report_window_s),
        ];
        for (n, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("{} must be a positive number, not {}", n, v),
                ));
            }
        }
        let non_negative = [
            ("same_az_rtt_ms", self.same_az_rtt_ms),
            ("cross_az_rtt_ms", self.cross_az_rtt_ms),
            ("ebs_write_median_ms", self.ebs_write_median_ms),
            ("ebs_write_sigma", self.ebs_write_sigma),
            ("flush_ms_per_write", self.flush_ms_per_write),
            ("storage_node_median_ms", self.storage_node_median_ms),
            ("storage_node_sigma", self.storage_node_sigma),
            ("aurora_replica_apply_ms", self.aurora_replica_apply_ms),
            ("aurora_replica_sigma", self.aurora_replica_sigma),
            ("reads_per_write", self.reads_per_write),
            ("read_apply_cost", self.read_apply_cost),
        ];
        for (n, v) in non_negative {
            if !(v.is_finite() && v >= 0.0) {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("{} must be zero or more, not {}", n, v),
                ));
            }
        }
        if !(self.worker_dependency.is_finite() && (0.0..=1.0).contains(&self.worker_dependency)) {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "worker_dependency must be between 0 and 1"));
        }
        if self.parallel_workers > 1024 {
            // MySQL's own limit for replica_parallel_workers.
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "parallel_workers must be between 0 and 1024"));
        }
        if self.tick_ms > 100.0 {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "tick_ms must be at most 100"));
        }
        if self.lost_storage_copies > quorum::COPIES {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "an Aurora volume has only 6 copies to lose"));
        }
        if !(1..=quorum::COPIES).contains(&self.write_quorum) {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "write_quorum must be between 1 and 6 copies"));
        }
        Ok(())
    }

    /// Binlog appliers that effectively run at once: the workers (at most one per vCPU),
    /// less the time they wait for each other.
    pub fn effective_workers(&self) -> f64 {
        let n = (self.parallel_workers.max(1) as f64).min(self.replica_vcpus.max(1.0));
        n / (1.0 + (n - 1.0) * self.worker_dependency)
    }
}
