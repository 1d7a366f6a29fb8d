//! Replication simulation: a write workload against RDS (single-AZ, Multi-AZ DB instance,
//! Multi-AZ DB cluster, read replicas) and Aurora, measuring commit latency and replica lag.
//! Deterministic for a seed (`model::seeded`, the same stream on every platform); no clock is read.
//!
//! What it reproduces: the replica lag Verbitski et al. measured under SysBench write-only
//! (SIGMOD 2017, Table 4, [`sources::AURORA_PAPER`]): Aurora 2.62 / 3.42 / 3.94 / 5.38 ms
//! at 1,000 / 2,000 / 5,000 / 10,000 writes/s; MySQL 5.6 binlog replication < 1 s / 1 s /
//! 60 s / 300 s. The default parameters give that shape for a 10-minute run
//! (`tests::the_default_run_reproduces_the_papers_table`).
//!
//! Why the two differ, as modelled here:
//! - MySQL / MariaDB read replica ([`sources::RDS_MYSQL_REPLICAS`]): the primary writes
//!   each transaction to its binlog at commit; the replica's I/O thread receives it (one
//!   way across AZs) and writes it to its relay log (an EBS write); an applier then replays
//!   the transactions one after another. In MySQL 5.6, which the paper measured, that is a
//!   single SQL thread ([`sources::MYSQL56_PARALLEL_WORKERS`]): it redoes, alone, the
//!   work the primary did on many connections, and pays the replica's own commit and I/O
//!   for each transaction. Its in-line work is `apply_ms_per_write`; the pages it dirties
//!   are written back in a burst each time its redo log fills (every `checkpoint_writes`
//!   transactions, `flush_ms_per_write` each), during which the applier waits
//!   ([`sources::MYSQL56_ADAPTIVE_FLUSHING`]). Below its
//!   capacity the backlog built during a burst drains in time (lag under a second); above
//!   it the backlog, and so the lag, grows for as long as the load lasts: lag after T
//!   seconds is T·(1 − capacity/rate). `parallel_workers` (MySQL 8.0's
//!   `replica_parallel_workers`, [`sources::MYSQL80_PARALLEL_WORKERS`]) divides both by
//!   the workers that can run at once.
//! - PostgreSQL read replicas replay WAL (physical, one startup process) at
//!   `physical_apply_factor` times the binlog applier's speed.
//! - Aurora ([`sources::AURORA_STORAGE`], [`sources::AURORA_REPLICATION`]): the writer
//!   sends only redo log records, to six storage copies (two per AZ) and to its replicas. A
//!   commit is durable at the 4th acknowledgement ([`sources::AURORA_QUORUM`]). A replica
//!   applies a record only to a page it has cached, and shows it once the volume's durable
//!   point has passed it (paper §4.2.4): its lag is the quorum time, one network hop and a
//!   small apply, milliseconds that rise only as the storage nodes get busier.
//! - Multi-AZ DB instance ([`sources::RDS_MULTI_AZ`]): the commit also waits for the
//!   synchronous write on the standby in another AZ. Multi-AZ DB cluster
//!   ([`sources::RDS_MULTI_AZ_CLUSTER`]): the commit waits for one of two readers.
//!
//! Approach (an hour at 10,000 writes/s in well under a second in a release build): time
//! advances in fixed ticks (`tick_ms`, 1 ms by default) instead of one event per write. Each
//! tick draws the number of writes (Poisson), commits up to the writer's capacity (the
//! rest queues), draws one commit latency for the tick from the topology's path, and moves
//! each replica's FIFO of (commit tick, writes) forward at its apply rate. Latency draws
//! come from precomputed log-normal quantile tables indexed by a random number, and
//! percentiles from a log-linear histogram (≈0.8% resolution). Limits of that choice: one
//! latency draw per tick stands for all of the tick's commits, and the tables stop at
//! their 1/8192 and 8191/8192 quantiles (no rarer outliers). The cancel flag is polled
//! every 4,096 ticks.

use crate::model::codes;
use std::collections::VecDeque;

use crate::model::seeded::SeededRng;
use rand::{Rng, SeedableRng};

use super::quorum;
use super::sources;
use super::DbError;

/// A topology the simulation knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimEngine {
    RdsMySql,
    RdsPostgres,
    RdsMariaDb,
    RdsMySqlMultiAz,
    RdsPostgresMultiAz,
    RdsMultiAzCluster,
    AuroraMySql,
    AuroraPostgres,
}

impl SimEngine {
    pub const NAMES: &'static [&'static str] = &[
        "rds-mysql",
        "rds-postgres",
        "rds-mariadb",
        "rds-mysql-multi-az",
        "rds-postgres-multi-az",
        "rds-multi-az-cluster",
        "aurora-mysql",
        "aurora-postgresql",
    ];

    pub fn parse(s: &str) -> Result<SimEngine, DbError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "rds-mysql" | "mysql" => SimEngine::RdsMySql,
            "rds-postgres" | "rds-postgresql" | "postgres" => SimEngine::RdsPostgres,
            "rds-mariadb" | "mariadb" => SimEngine::RdsMariaDb,
            "rds-mysql-multi-az" | "rds-multi-az" => SimEngine::RdsMySqlMultiAz,
            "rds-postgres-multi-az" => SimEngine::RdsPostgresMultiAz,
            "rds-multi-az-cluster" | "multi-az-cluster" => SimEngine::RdsMultiAzCluster,
            "aurora-mysql" | "aurora" => SimEngine::AuroraMySql,
            "aurora-postgresql" | "aurora-postgres" => SimEngine::AuroraPostgres,
            _ => {
                return Err(DbError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("unknown engine '{}' (one of {})", s, SimEngine::NAMES.join(", ")),
                ))
            }
        })
    }

    pub fn name(self) -> &'static str {
        SimEngine::NAMES[self as usize]
    }

    pub fn is_aurora(self) -> bool {
        matches!(self, SimEngine::AuroraMySql | SimEngine::AuroraPostgres)
    }

    /// PostgreSQL replicas replay physical WAL; MySQL/MariaDB apply the logical binlog
    /// ([`sources::RDS_READ_REPLICAS`]).
    fn physical(self) -> bool {
        matches!(self, SimEngine::RdsPostgres | SimEngine::RdsPostgresMultiAz)
    }
}

/// How the write rate varies over time (a multiplier on `--write-rate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Burst {
    Steady,
    /// rate × (1 + amplitude·sin(2πt/period)).
    Sine {
        amplitude: f64,
        period_s: f64,
    },
    /// rate × factor for `length_s` at the start of every `every_s`.
    Spikes {
        factor: f64,
        every_s: f64,
        length_s: f64,
    },
}

impl Burst {
    pub fn factor(&self, t_s: f64) -> f64 {
        match *self {
            Burst::Steady => 1.0,
            Burst::Sine { amplitude, period_s } => {
                (1.0 + amplitude * (std::f64::consts::TAU * t_s / period_s.max(1e-9)).sin()).max(0.0)
            }
            Burst::Spikes { factor, every_s, length_s } => {
                if t_s.rem_euclid(every_s.max(1e-9)) < length_s {
                    factor
                } else {
                    1.0
                }
            }
        }
    }

    pub fn describe(&self) -> String {
        match *self {
            Burst::Steady => "steady".into(),
            Burst::Sine { amplitude, period_s } => format!("sine ±{:.0}% every {} s", amplitude * 100.0, period_s),
            Burst::Spikes { factor, every_s, length_s } => {
                format!("{}× for {} s every {} s", factor, length_s, every_s)
            }
        }
    }
}

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

    fn check(&self) -> Result<(), DbError> {
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
                return Err(DbError::new(
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
                return Err(DbError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("{} must be zero or more, not {}", n, v),
                ));
            }
        }
        if !(self.worker_dependency.is_finite() && (0.0..=1.0).contains(&self.worker_dependency)) {
            return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, "worker_dependency must be between 0 and 1"));
        }
        if self.parallel_workers > 1024 {
            // MySQL's own limit for replica_parallel_workers.
            return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, "parallel_workers must be between 0 and 1024"));
        }
        if self.tick_ms > 100.0 {
            return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, "tick_ms must be at most 100"));
        }
        if self.lost_storage_copies > quorum::COPIES {
            return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, "an Aurora volume has only 6 copies to lose"));
        }
        if !(1..=quorum::COPIES).contains(&self.write_quorum) {
            return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, "write_quorum must be between 1 and 6 copies"));
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

/// The replica lag the paper measured for this engine at this rate (Table 4), as it is
/// written there; `None` off the table's engines and rates.
pub fn paper_replica_lag(engine: SimEngine, write_rate: f64) -> Option<&'static str> {
    let i = [1_000.0, 2_000.0, 5_000.0, 10_000.0].iter().position(|r| *r == write_rate)?;
    match engine {
        SimEngine::AuroraMySql => Some(["2.62 ms", "3.42 ms", "3.94 ms", "5.38 ms"][i]),
        SimEngine::RdsMySql => Some(["< 1 s", "1 s", "60 s", "300 s"][i]),
        _ => None,
    }
}

/// The per-engine, per-rate result.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    pub engine: &'static str,
    pub write_rate: f64,
    pub replicas: usize,
    /// Mean replica lag over the last `report_window_s` of the run (what a one-minute
    /// `ReplicaLag` / `AuroraReplicaLag` datapoint would show at the end).
    pub lag_mean_ms: f64,
    pub lag_p50_ms: f64,
    pub lag_p99_ms: f64,
    pub lag_max_ms: f64,
    /// Lag at the end of the run (shows unbounded growth).
    pub lag_final_ms: f64,
    /// The paper's Table 4 value for this engine and rate, when it has one.
    pub paper_lag: Option<&'static str>,
    pub commit_p50_ms: f64,
    pub commit_p99_ms: f64,
    pub throughput_wps: f64,
    /// Writes/s one replica applies while it has a backlog (write-back bursts included,
    /// after read interference).
    pub apply_capacity_wps: f64,
    pub writes_available: bool,
}

/// One point of a run's time series (the interval ending at `time_s`).
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesPoint {
    pub time_s: f64,
    /// The largest lag of any replica during the interval.
    pub lag_ms: f64,
    pub commit_mean_ms: f64,
    pub throughput_wps: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    pub summary: RunSummary,
    pub series: Vec<SeriesPoint>,
    /// Sampled commit latencies (ms) for the distribution chart.
    pub commit_samples: Vec<f64>,
}

/// Why a run stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    Invalid(DbError),
    Cancelled,
}

impl From<DbError> for SimError {
    fn from(e: DbError) -> Self {
        SimError::Invalid(e)
    }
}

/// Log-linear histogram over f64 bit patterns: 128 sub-buckets per power of two.
#[derive(Clone, Debug)]
pub struct Histogram {
    counts: Vec<f64>,
    total: f64,
    max: f64,
}

const HIST_SHIFT: u32 = 45;
// Values from 2^-16 ms up to 2^40 ms are resolved; others clamp to the ends.
const HIST_LO: u64 = (1023 - 16) << 7;
const HIST_HI: u64 = (1023 + 40) << 7;

impl Default for Histogram {
    fn default() -> Self {
        Histogram { counts: vec![0.0; (HIST_HI - HIST_LO) as usize + 1], total: 0.0, max: 0.0 }
    }
}

impl Histogram {
    #[inline]
    pub fn add(&mut self, v: f64, weight: f64) {
        let v = v.max(0.0);
        let b = (v.to_bits() >> HIST_SHIFT).clamp(HIST_LO, HIST_HI);
        self.counts[(b - HIST_LO) as usize] += weight;
        self.total += weight;
        if v > self.max {
            self.max = v;
        }
    }

    /// The value below which `q` (0–1) of the weight lies (bucket midpoint).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let target = q * self.total;
        let mut acc = 0.0;
        for (i, c) in self.counts.iter().enumerate() {
            acc += c;
            if acc >= target && *c > 0.0 {
                let lo = f64::from_bits((i as u64 + HIST_LO) << HIST_SHIFT);
                let hi = f64::from_bits((i as u64 + HIST_LO + 1) << HIST_SHIFT);
                return ((lo + hi) / 2.0).min(self.max);
            }
        }
        self.max
    }

    pub fn max(&self) -> f64 {
        self.max
    }
}

/// Log-normal quantiles (median·e^(σ·z)) at 4096 evenly spaced probabilities: a draw is
/// one random index.
struct QuantileTable(Vec<f64>);

impl QuantileTable {
    fn lognormal(median: f64, sigma: f64) -> QuantileTable {
        const N: usize = 4096;
        QuantileTable(
            (0..N)
                .map(|i| {
                    let p = (i as f64 + 0.5) / N as f64;
                    median * (sigma * inverse_normal(p)).exp()
                })
                .collect(),
        )
    }

    /// The table of ln(values): a log-normal(1, σ) table becomes a normal(0, σ) one.
    fn ln(self) -> QuantileTable {
        QuantileTable(self.0.into_iter().map(f64::ln).collect())
    }

    #[inline]
    fn draw(&self, rng: &mut SeededRng) -> f64 {
        self.0[(rng.gen::<u32>() as usize) & 4095]
    }
}

/// Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
#[allow(clippy::excessive_precision)]
fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383577518672690e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] =
        [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// Poisson draw: Knuth's product method for small means, normal approximation above 30.
#[inline]
fn poisson(rng: &mut SeededRng, mean: f64, normal: &QuantileTable) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    if mean > 30.0 {
        return (mean + mean.sqrt() * normal.draw(rng)).round().max(0.0);
    }
    let limit = (-mean).exp();
    let mut k = 0.0;
    let mut p: f64 = rng.gen();
    while p > limit {
        k += 1.0;
        p *= rng.gen::<f64>();
    }
    k
}

/// One replica: a FIFO of (commit tick, writes) not yet applied, and (binlog replicas)
/// the write-back it owes at the next checkpoint.
struct Replica {
    queue: VecDeque<(u64, f64)>,
    credit: f64,
    /// Writes applied since the last checkpoint.
    dirty: f64,
    /// Write-back still to do before the applier can go on, ms.
    stall_ms: f64,
}

/// Queue entries merge once the backlog is long, bounding memory: an hour above the apply
/// rate keeps ~360k entries instead of 3.6M (lag then is seconds, so 10 ticks is fine);
/// longer runs merge wider windows so a replica never holds more than ~100k entries.
const COALESCE_AFTER: usize = 64;
const COALESCE_TICKS: u64 = 10;
const MAX_QUEUE_ENTRIES: u64 = 100_000;
/// Longest run in ticks (a week at 1 ms is 6e8).
const MAX_TICKS: f64 = 1e9;
/// Most steps (ticks × the writer and each replica) one `simulate replication` runs, over
/// all its engines and rates: 7 days at 1 ms ticks with 15 replicas was 9.7 billion steps,
/// hours of work. At ~42 million steps/s (README's benchmark: a simulated hour, 2 runs with
/// 2 replicas, 21.6 million steps in 0.51 s, release build) this is about 2.4 s; the
/// defaults (10 min, 8 runs) take 14.4 million.
pub const MAX_STEPS: f64 = 1e8;

/// The steps one run takes: each tick moves the writer and every replica. `None` when the
/// parameters are not a run (`simulate` says why).
pub fn steps(engine: SimEngine, duration_s: f64, replicas: usize, p: &ReplicationParams) -> Option<f64> {
    let replicas = if engine == SimEngine::RdsMultiAzCluster { 2 } else { replicas };
    let ticks = ((duration_s * 1000.0) / p.tick_ms).ceil().max(1.0);
    let n = ticks * (1 + replicas) as f64;
    (n.is_finite() && p.tick_ms > 0.0).then_some(n)
}

/// The error for work over [`MAX_STEPS`], with what would bring it under.
pub fn too_many_steps(steps: f64) -> DbError {
    DbError::new(
        codes::INVALID_PARAMETER_VALUE,
        format!("the simulation would take {steps:.3e} steps (ticks × (writer + replicas), over all runs); the limit is {MAX_STEPS:e} steps (MAX_STEPS)"),
    )
}

/// Storage-node utilisation is capped here; above it the writer's queue takes the excess.
const MAX_NODE_LOAD: f64 = 0.95;

/// Runs one engine at one write rate. `cancelled` is polled every 4,096 ticks.
pub fn simulate(
    engine: SimEngine,
    write_rate: f64,
    duration_s: f64,
    replicas: usize,
    p: &ReplicationParams,
    seed: u64,
    cancelled: &dyn Fn() -> bool,
) -> Result<RunResult, SimError> {
    p.check()?;
    if !(write_rate.is_finite() && write_rate >= 0.0) {
        return Err(DbError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("write rate must be zero or more, not {}", write_rate),
        )
        .into());
    }
    if !(duration_s.is_finite() && duration_s > 0.0 && duration_s <= 7.0 * 86_400.0) {
        return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, "duration must be between 1 ms and 7 days").into());
    }
    let aurora = engine.is_aurora();
    let max_replicas = if aurora { super::instances::MAX_AURORA_REPLICAS } else { 15 };
    if replicas > max_replicas {
        let what = if aurora { "Aurora Replicas per DB cluster" } else { "read replicas per source DB instance" };
        return Err(DbError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("{} allows up to {} {}, not {}", engine.name(), max_replicas, what, replicas),
        )
        .into());
    }
    // A Multi-AZ DB cluster always has its two readable standbys.
    let replicas = if engine == SimEngine::RdsMultiAzCluster { 2 } else { replicas };

    let salt = engine.name().bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
    let mut rng = SeededRng::seed_from_u64(seed ^ salt.rotate_left(17) ^ write_rate.to_bits());
    let normal = QuantileTable::lognormal(1.0, 1.0).ln();
    let ebs = QuantileTable::lognormal(p.ebs_write_median_ms, p.ebs_write_sigma);
    let node = QuantileTable::lognormal(p.storage_node_median_ms, p.storage_node_sigma);
    let replica_apply = QuantileTable::lognormal(p.aurora_replica_apply_ms, p.aurora_replica_sigma);

    let tick_ms = p.tick_ms;
    let tick_s = tick_ms / 1000.0;
    let ticks_f = ((duration_s * 1000.0) / tick_ms).ceil().max(1.0);
    if ticks_f > MAX_TICKS {
        return Err(DbError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("{} s in {} ms ticks is too many steps (at most {:e})", duration_s, tick_ms, MAX_TICKS),
        )
        .into());
    }
    if let Some(n) = steps(engine, duration_s, replicas, p).filter(|n| *n > MAX_STEPS) {
        return Err(too_many_steps(n).into());
    }
    let ticks = ticks_f as u64;
    let coalesce_ticks = COALESCE_TICKS.max(ticks / MAX_QUEUE_ENTRIES);
    let one_way_ms = p.cross_az_rtt_ms / 2.0;
    // RDS replicas write the shipped log to a relay log before applying it; Aurora
    // replicas get the log stream straight into memory.
    let pipeline_ms = if aurora { one_way_ms } else { one_way_ms + p.ebs_write_median_ms };
    let delay_ticks = (pipeline_ms / tick_ms).ceil() as u64;

    // Replica apply: in-line work per write and write-back owed at each checkpoint.
    let (inline_wps, flush_ms) = if aurora {
        (p.aurora_replica_apply_wps, 0.0)
    } else {
        // PostgreSQL replays WAL in one process; binlog appliers may run in parallel.
        let (speed, workers) =
            if engine.physical() { (p.physical_apply_factor, 1.0) } else { (1.0, p.effective_workers()) };
        (1000.0 * speed * workers / p.apply_ms_per_write, p.flush_ms_per_write / (speed * workers))
    };
    let reads_per_replica = if replicas > 0 { write_rate * p.reads_per_write / replicas as f64 } else { 0.0 };
    let inline_wps = (inline_wps - reads_per_replica * p.read_apply_cost).max(inline_wps * 0.05);
    let apply_per_tick = inline_wps * tick_s;
    let service_ms = 1000.0 / inline_wps;
    let apply_capacity_wps = 1000.0 / (service_ms + flush_ms);
    let writer_per_tick = p.writer_capacity_wps * tick_s;

    // Aurora: storage copies 0,1 in the writer's AZ; 2–5 across AZs; losses hit AZ c first.
    let alive_copies = quorum::COPIES - p.lost_storage_copies.min(quorum::COPIES);
    let writes_available = !aurora || alive_copies >= p.write_quorum;

    let mut reps: Vec<Replica> =
        (0..replicas).map(|_| Replica { queue: VecDeque::new(), credit: 0.0, dirty: 0.0, stall_ms: 0.0 }).collect();
    let mut commit_hist = Histogram::default();
    let mut lag_hist = Histogram::default();
    let mut backlog = 0.0f64;
    let mut committed_total = 0.0f64;
    let mut lag_final = 0.0;
    let window_from = ticks.saturating_sub(((p.report_window_s * 1000.0 / tick_ms).round() as u64).max(1));
    let (mut window_sum, mut window_n) = (0.0f64, 0.0f64);

    let points = p.series_points.max(1) as u64;
    // Rounded up, so a run never has more than `points` points.
    let every = ticks.div_ceil(points).max(1);
    let mut series = Vec::with_capacity(points as usize + 1);
    let (mut iv_lag, mut iv_commit_sum, mut iv_commits, mut iv_ticks) = (0.0f64, 0.0f64, 0.0f64, 0u64);
    let sample_every = (ticks / p.latency_samples.max(1) as u64).max(1);
    let mut samples = Vec::with_capacity(p.latency_samples.min(ticks as usize) + 1);
    let mut acks = [0.0f64; quorum::COPIES];

    for t in 0..ticks {
        if t & 4095 == 0 && cancelled() {
            return Err(SimError::Cancelled);
        }
        let t_s = t as f64 * tick_s;
        let rate_now = write_rate * p.burst.factor(t_s);
        let offered = poisson(&mut rng, rate_now * tick_s, &normal);
        let commits = if writes_available {
            backlog += offered;
            let c = backlog.min(writer_per_tick);
            backlog -= c;
            c
        } else {
            0.0
        };
        // Aurora's durable point: the write quorum's slowest acknowledgement. Storage
        // nodes slow down as they fill (queueing: 1 / (1 − load)).
        let quorum_ms = if aurora && writes_available {
            let load = 1.0 / (1.0 - (rate_now / p.storage_node_capacity_wps).min(MAX_NODE_LOAD));
            for (i, a) in acks.iter_mut().enumerate().take(alive_copies) {
                let rtt = if i < 2 { p.same_az_rtt_ms } else { p.cross_az_rtt_ms };
                *a = rtt + node.draw(&mut rng) * load;
            }
            let live = &mut acks[..alive_copies];
            live.sort_unstable_by(|x, y| x.total_cmp(y));
            live[p.write_quorum - 1]
        } else {
            0.0
        };
        if commits > 0.0 {
            let queue_ms = backlog / writer_per_tick * tick_ms;
            let path_ms = match engine {
                SimEngine::RdsMySql | SimEngine::RdsPostgres | SimEngine::RdsMariaDb => ebs.draw(&mut rng),
                SimEngine::RdsMySqlMultiAz | SimEngine::RdsPostgresMultiAz => {
                    ebs.draw(&mut rng) + p.cross_az_rtt_ms + ebs.draw(&mut rng)
                }
                SimEngine::RdsMultiAzCluster => {
                    let a = p.cross_az_rtt_ms + ebs.draw(&mut rng);
                    let b = p.cross_az_rtt_ms + ebs.draw(&mut rng);
                    ebs.draw(&mut rng) + a.min(b)
                }
                SimEngine::AuroraMySql | SimEngine::AuroraPostgres => quorum_ms,
            };
            let latency = path_ms + queue_ms;
            commit_hist.add(latency, commits);
            iv_commit_sum += latency * commits;
            iv_commits += commits;
            committed_total += commits;
            if t % sample_every == 0 && samples.len() < p.latency_samples {
                samples.push(latency);
            }
        }

        let mut tick_lag: f64 = 0.0;
        for r in reps.iter_mut() {
            if commits > 0.0 {
                let long = r.queue.len() > COALESCE_AFTER;
                match r.queue.back_mut() {
                    Some(back) if long && back.0 + coalesce_ticks > t => back.1 += commits,
                    _ => r.queue.push_back((t, commits)),
                }
            }
            // Write-back first; the applier gets what is left of the tick.
            let stalled = r.stall_ms.min(tick_ms);
            r.stall_ms -= stalled;
            r.credit += apply_per_tick * (1.0 - stalled / tick_ms);
            while r.credit > 0.0 {
                let Some(front) = r.queue.front_mut() else { break };
                if front.0 + delay_ticks > t {
                    break;
                }
                let take = front.1.min(r.credit);
                front.1 -= take;
                r.credit -= take;
                r.dirty += take;
                if front.1 <= 1e-9 {
                    r.queue.pop_front();
                }
            }
            // The redo log is full: the pages dirtied since the last checkpoint are
            // written back before the applier goes on (from the next tick).
            if r.dirty >= p.checkpoint_writes && flush_ms > 0.0 {
                r.stall_ms += r.dirty * flush_ms;
                r.dirty = 0.0;
                r.credit = 0.0;
            }
            let backlogged = r.queue.front().filter(|f| f.0 + delay_ticks <= t);
            if backlogged.is_none() {
                // Idle capacity is not banked.
                r.credit = r.credit.min(apply_per_tick);
            }
            let lag = match backlogged {
                Some(f) => (t - f.0) as f64 * tick_ms + service_ms,
                // Visible once durable at the quorum, sent one way, applied to cached pages.
                None if aurora => quorum_ms + one_way_ms + replica_apply.draw(&mut rng),
                // Binlog/WAL shipped, written to the relay log, then applied.
                None => one_way_ms + ebs.draw(&mut rng) + service_ms,
            };
            lag_hist.add(lag, 1.0);
            tick_lag = tick_lag.max(lag);
            if t >= window_from {
                window_sum += lag;
                window_n += 1.0;
            }
        }
        iv_lag = iv_lag.max(tick_lag);
        iv_ticks += 1;
        if t + 1 == ticks {
            lag_final = tick_lag;
        }
        if (t + 1) % every == 0 || t + 1 == ticks {
            series.push(SeriesPoint {
                time_s: (t + 1) as f64 * tick_s,
                lag_ms: iv_lag,
                commit_mean_ms: if iv_commits > 0.0 { iv_commit_sum / iv_commits } else { 0.0 },
                throughput_wps: iv_commits / (iv_ticks as f64 * tick_s),
            });
            iv_lag = 0.0;
            iv_commit_sum = 0.0;
            iv_commits = 0.0;
            iv_ticks = 0;
        }
    }

    let summary = RunSummary {
        engine: engine.name(),
        write_rate,
        replicas,
        lag_mean_ms: if window_n > 0.0 { window_sum / window_n } else { 0.0 },
        lag_p50_ms: lag_hist.quantile(0.50),
        lag_p99_ms: lag_hist.quantile(0.99),
        lag_max_ms: lag_hist.max(),
        lag_final_ms: lag_final,
        paper_lag: paper_replica_lag(engine, write_rate),
        commit_p50_ms: commit_hist.quantile(0.50),
        commit_p99_ms: commit_hist.quantile(0.99),
        throughput_wps: committed_total / (ticks as f64 * tick_s),
        apply_capacity_wps,
        writes_available,
    };
    Ok(RunResult { summary, series, commit_samples: samples })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(e: SimEngine, rate: f64, secs: f64, replicas: usize, p: &ReplicationParams, seed: u64) -> RunResult {
        simulate(e, rate, secs, replicas, p, seed, &|| false).expect("runs")
    }

    /// The paper's Table 4 (SysBench write-only, lag in ms) against a default 10-minute
    /// run with one replica: Aurora within ±25% of each value; MySQL within the order of
    /// magnitude the table gives (under a second; about a second; about a minute; minutes).
    #[test]
    fn the_default_run_reproduces_the_papers_table() {
        let p = ReplicationParams::default();
        let aurora = [(1_000.0, 2.62), (2_000.0, 3.42), (5_000.0, 3.94), (10_000.0, 5.38)];
        for (rate, paper_ms) in aurora {
            let s = run(SimEngine::AuroraMySql, rate, 600.0, 1, &p, 7).summary;
            assert!(
                (s.lag_mean_ms / paper_ms - 1.0).abs() <= 0.25,
                "Aurora at {}: {} ms vs {} ms",
                rate,
                s.lag_mean_ms,
                paper_ms
            );
            assert!(s.lag_p99_ms < 100.0, "\"usually much less than 100 ms\": {:?}", s);
        }
        let mysql = [(1_000.0, 0.02, 1.0), (2_000.0, 0.3, 3.0), (5_000.0, 20.0, 120.0), (10_000.0, 180.0, 600.0)];
        for (rate, lo_s, hi_s) in mysql {
            let s = run(SimEngine::RdsMySql, rate, 600.0, 1, &p, 7).summary;
            let lag_s = s.lag_mean_ms / 1000.0;
            assert!(
                lag_s > lo_s && lag_s < hi_s,
                "MySQL at {}: {} s, expected between {} and {} s",
                rate,
                lag_s,
                lo_s,
                hi_s
            );
        }
    }

    #[test]
    fn parallel_workers_keep_a_current_mysql_replica_within_seconds() {
        let p = ReplicationParams { parallel_workers: 8, ..ReplicationParams::default() };
        let s = run(SimEngine::RdsMySql, 10_000.0, 600.0, 1, &p, 7).summary;
        assert!(s.apply_capacity_wps > 10_000.0, "{:?}", s);
        assert!(s.lag_mean_ms < 5_000.0 && s.lag_final_ms < 10_000.0, "{:?}", s);
        // Workers beyond the vCPUs do not help.
        let few_cpus = ReplicationParams { replica_vcpus: 2.0, ..p.clone() };
        assert!(few_cpus.effective_workers() < 2.0);
        let s2 = run(SimEngine::RdsMySql, 10_000.0, 120.0, 1, &few_cpus, 7).summary;
        assert!(s2.lag_final_ms > 10_000.0, "{:?}", s2);
    }

    #[test]
    fn same_seed_same_numbers_other_seed_other_numbers() {
        let p = ReplicationParams::default();
        for e in [SimEngine::RdsMySql, SimEngine::AuroraMySql] {
            let a = run(e, 5_000.0, 20.0, 2, &p, 7);
            let b = run(e, 5_000.0, 20.0, 2, &p, 7);
            assert_eq!(a, b);
            let c = run(e, 5_000.0, 20.0, 2, &p, 8);
            assert_ne!(a.commit_samples, c.commit_samples);
        }
    }

    #[test]
    fn mysql_lag_grows_without_bound_above_the_appliers_capacity() {
        let p = ReplicationParams::default();
        let capacity = run(SimEngine::RdsMySql, 10_000.0, 30.0, 1, &p, 7).summary.apply_capacity_wps;
        assert!((capacity - 4_400.0).abs() < 100.0, "one applier: {}", capacity);
        let short = run(SimEngine::RdsMySql, 10_000.0, 60.0, 1, &p, 7).summary.lag_final_ms;
        let long = run(SimEngine::RdsMySql, 10_000.0, 240.0, 1, &p, 7).summary.lag_final_ms;
        assert!(long > 3.0 * short, "short {} long {}", short, long);
        // The oldest unapplied write was committed when `capacity × T` writes had been
        // made: lag = T (1 − capacity / rate).
        let expected_s = 240.0 * (1.0 - capacity / 10_000.0);
        assert!((long / 1000.0 - expected_s).abs() < 0.1 * expected_s, "lag {} ms vs {} s", long, expected_s);
    }

    #[test]
    fn aurora_4_of_6_costs_a_cross_az_round_trip_and_hides_the_two_slowest_copies() {
        let p = ReplicationParams::default();
        let four = run(SimEngine::AuroraMySql, 2_000.0, 20.0, 0, &p, 3).summary;
        // At least two of the four acknowledgements come from other AZs.
        assert!(four.commit_p50_ms > p.cross_az_rtt_ms, "{:?}", four);
        let all = ReplicationParams { write_quorum: 6, ..p.clone() };
        let six = run(SimEngine::AuroraMySql, 2_000.0, 20.0, 0, &all, 3).summary;
        assert!(
            six.commit_p50_ms > four.commit_p50_ms && six.commit_p99_ms > 1.3 * four.commit_p99_ms,
            "4/6 {:?} 6/6 {:?}",
            four,
            six
        );
    }

    #[test]
    fn multi_az_commits_slower_than_single_az() {
        let p = ReplicationParams::default();
        let single = run(SimEngine::RdsMySql, 2_000.0, 10.0, 0, &p, 3).summary;
        let multi = run(SimEngine::RdsMySqlMultiAz, 2_000.0, 10.0, 0, &p, 3).summary;
        let cluster = run(SimEngine::RdsMultiAzCluster, 2_000.0, 10.0, 0, &p, 3).summary;
        assert!(multi.commit_p50_ms > single.commit_p50_ms + 0.9 * p.cross_az_rtt_ms);
        assert!(multi.commit_p99_ms > single.commit_p99_ms);
        assert!(cluster.commit_p50_ms > single.commit_p50_ms && cluster.commit_p50_ms < multi.commit_p50_ms);
        assert_eq!(cluster.replicas, 2);
    }

    #[test]
    fn aurora_quorum_two_lost_keeps_writes_three_lost_stops_them() {
        let mut p = ReplicationParams::default();
        let healthy = run(SimEngine::AuroraMySql, 2_000.0, 10.0, 1, &p, 5).summary;
        p.lost_storage_copies = 2;
        let two = run(SimEngine::AuroraMySql, 2_000.0, 10.0, 1, &p, 5).summary;
        assert!(two.writes_available && two.throughput_wps > 1_900.0);
        assert!(two.commit_p50_ms >= healthy.commit_p50_ms, "4 of 4 is slower than 4 of 6");
        p.lost_storage_copies = 3;
        let three = run(SimEngine::AuroraMySql, 2_000.0, 10.0, 1, &p, 5).summary;
        assert!(!three.writes_available);
        assert_eq!(three.throughput_wps, 0.0);
        assert!(quorum::quorum(3).reads_available);
    }

    #[test]
    fn impossible_runs_are_errors() {
        let p = ReplicationParams::default();
        let e = simulate(SimEngine::AuroraMySql, 1.0, 1.0, 16, &p, 1, &|| false).err();
        assert!(matches!(e, Some(SimError::Invalid(ref d)) if d.code == "InvalidParameterValue"));
        for bad in [
            ReplicationParams { tick_ms: 0.0, ..ReplicationParams::default() },
            ReplicationParams { write_quorum: 7, ..ReplicationParams::default() },
            ReplicationParams { worker_dependency: 1.5, ..ReplicationParams::default() },
            ReplicationParams { parallel_workers: 5_000, ..ReplicationParams::default() },
        ] {
            assert!(simulate(SimEngine::RdsMySql, 1.0, 1.0, 1, &bad, 1, &|| false).is_err());
        }
        assert_eq!(simulate(SimEngine::RdsMySql, 1.0, 10.0, 1, &p, 1, &|| true).err(), Some(SimError::Cancelled));
        // A week at 1 ms with 15 replicas: 9.7e9 steps, refused before the first tick.
        match simulate(SimEngine::AuroraMySql, 1e9, 7.0 * 86_400.0, 15, &p, 1, &|| false).err() {
            Some(SimError::Invalid(d)) => assert!(d.message.contains("MAX_STEPS"), "{}", d.message),
            other => panic!("{other:?}"),
        }
        assert_eq!(steps(SimEngine::RdsMultiAzCluster, 1.0, 0, &p), Some(3_000.0));
        assert!(SimEngine::parse("dynamo").is_err());
    }

    #[test]
    fn every_parameter_has_a_unit_and_a_source() {
        for info in ReplicationParams::default().describe() {
            assert!(!info.source.is_empty(), "{}", info.name);
            assert!(!info.source.contains("aws-facts") && !info.source.contains("[D"), "{}", info.source);
        }
        assert_eq!(paper_replica_lag(SimEngine::AuroraMySql, 10_000.0), Some("5.38 ms"));
        assert_eq!(paper_replica_lag(SimEngine::RdsPostgres, 10_000.0), None);
    }

    #[test]
    fn histogram_quantiles_are_close() {
        let mut h = Histogram::default();
        for i in 1..=1000 {
            h.add(i as f64, 1.0);
        }
        assert!((h.quantile(0.5) - 500.0).abs() < 10.0);
        assert!((h.quantile(0.99) - 990.0).abs() < 10.0);
        assert_eq!(h.max(), 1000.0);
        assert!((inverse_normal(0.975) - 1.959964).abs() < 1e-5);
    }

    /// Timing, not correctness: run with
    /// `cargo test --release --no-default-features --lib replication_benchmark -- --ignored --nocapture`
    /// (benches/run_all.sh does).
    #[test]
    #[ignore]
    fn replication_benchmark() {
        let p = ReplicationParams::default();
        let time = |secs: f64, rate: f64| {
            let start = crate::clock::instant();
            for e in [SimEngine::RdsMySql, SimEngine::AuroraMySql] {
                run(e, rate, secs, 2, &p, 7);
            }
            start.elapsed().as_secs_f64()
        };
        // Two engines simulated per run, so simulated time is 2 × secs.
        let hour = time(3600.0, 10_000.0);
        println!(
            "simulated hour, 10,000 writes/s, 2 replicas, rds-mysql + aurora-mysql: {:.3} s ({:.0}× real time)",
            hour,
            2.0 * 3600.0 / hour
        );
        let base = time(60.0, 10_000.0);
        for secs in [60.0, 600.0, 1800.0, 3600.0] {
            let t = time(secs, 10_000.0);
            println!(
                "duration {:>6} s at 10,000 w/s: {:.3} s ({:.1}× the 60 s run for {:.0}× the time)",
                secs,
                t,
                t / base,
                secs / 60.0
            );
        }
        let base = time(600.0, 1_000.0);
        for rate in [1_000.0, 10_000.0, 25_000.0, 100_000.0] {
            let t = time(600.0, rate);
            println!(
                "rate {:>7} w/s for 600 s: {:.3} s ({:.1}× the 1,000 w/s run for {:.0}× the writes)",
                rate,
                t,
                t / base,
                rate / 1_000.0
            );
        }
    }
}
