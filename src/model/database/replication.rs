//! Replication simulation: a write workload against RDS (single-AZ, Multi-AZ DB instance,
//! Multi-AZ DB cluster) and Aurora, measuring commit latency and replica lag.
//! Deterministic for a seed (rand `SmallRng`).
//!
//! Approach (fast enough for an hour at 10,000 writes/s in well under a second in a
//! release build): time advances in fixed ticks (`tick_ms`, 1 ms by default) instead of
//! one heap event per write. Each tick draws the number of writes (Poisson), commits up to
//! the writer's capacity (the rest queues), draws one commit latency for the tick (its
//! weight is the tick's commit count) from the topology's path, and moves each replica's
//! FIFO of (commit tick, writes) forward at its apply rate. Latency draws come from
//! precomputed log-normal quantile tables indexed by a random number, and percentiles from
//! a log-linear histogram (≈0.8% resolution), so a tick costs a few tens of nanoseconds.
//! Limits of that choice: one latency draw per tick stands for all of the tick's commits,
//! and the tables stop at their 1/8192 and 8191/8192 quantiles (no rarer outliers).
//! Measured: a simulated hour at 10,000 writes/s, rds-mysql + aurora-mysql with two
//! replicas each, takes ≈0.5 s in a release build, ≈6 s in a debug build.
//!
//! What the topologies do (aws-facts §6):
//! - RDS: the primary commits after its log flush; Multi-AZ DB instance adds the
//!   synchronous round trip and write on the standby [D1]; a Multi-AZ DB cluster commits
//!   when one of two readers acknowledges (semisynchronous) [D2]; read replicas receive
//!   the log asynchronously and apply it at a limited rate [D3], so their lag grows
//!   without bound once writes outpace it.
//! - Aurora: the writer sends log records to the six storage copies and commits at the
//!   4th acknowledgement [U2]; replicas only refresh cached pages from the log stream, so
//!   their lag stays small and flat, "usually much less than 100 ms" [U3].

use std::collections::VecDeque;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::quorum;
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
                    "InvalidParameterValue",
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

    /// PostgreSQL replicas replay physical WAL; MySQL/MariaDB apply logical binlog [D3].
    fn physical(self) -> bool {
        matches!(self, SimEngine::RdsPostgres | SimEngine::RdsPostgresMultiAz)
    }
}

/// How the write rate varies over time (a multiplier on `--write-rate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Burst {
    Steady,
    /// rate × (1 + amplitude·sin(2πt/period)).
    Sine { amplitude: f64, period_s: f64 },
    /// rate × factor for `length_s` at the start of every `every_s`.
    Spikes { factor: f64, every_s: f64, length_s: f64 },
}

impl Burst {
    pub fn factor(&self, t_s: f64) -> f64 {
        match *self {
            Burst::Steady => 1.0,
            Burst::Sine { amplitude, period_s } => (1.0 + amplitude * (std::f64::consts::TAU * t_s / period_s.max(1e-9)).sin()).max(0.0),
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
            Burst::Spikes { factor, every_s, length_s } => format!("{}× for {} s every {} s", factor, length_s, every_s),
        }
    }
}

/// Every parameter of the simulation, with its default's source in the doc comment;
/// [`ReplicationParams::describe`] lists them for the output.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicationParams {
    /// Simulation step; writes within a tick are aggregated (model choice).
    pub tick_ms: f64,
    /// Round trip within one AZ. Assumption (AWS quotes no figure; sub-millisecond).
    pub same_az_rtt_ms: f64,
    /// Round trip between AZs. Assumption: AWS describes AZs as close enough for
    /// synchronous replication with single-digit-ms latency; 1 ms chosen.
    pub cross_az_rtt_ms: f64,
    /// Median EBS log-flush (write + fsync) latency on RDS. Assumption.
    pub ebs_write_median_ms: f64,
    /// Log-normal spread (σ of ln) of the EBS write latency. Assumption.
    pub ebs_write_sigma: f64,
    /// Median Aurora storage-node persist latency (log record to SSD). Assumption.
    pub storage_node_median_ms: f64,
    /// Log-normal spread of the storage-node latency. Assumption.
    pub storage_node_sigma: f64,
    /// Writes per second one vCPU of an RDS replica can apply. Assumption (the apply
    /// rate is what makes lag grow without bound above it [D3]).
    pub replica_apply_wps_per_vcpu: f64,
    /// vCPUs of each replica (from `--instance-class`, default db.r6g.large → 2).
    pub replica_vcpus: f64,
    /// Apply-rate multiplier for physical (PostgreSQL WAL) replay vs logical binlog. Assumption.
    pub physical_apply_factor: f64,
    /// Log records per second an Aurora replica can apply to cached pages. Assumption:
    /// it only refreshes cached pages [U3], so this is far above any simulated rate.
    pub aurora_replica_apply_wps: f64,
    /// Median delay for an Aurora replica to receive and process a log batch.
    /// Assumption consistent with lag "usually much less than 100 ms" [U3].
    pub aurora_replica_median_ms: f64,
    /// Log-normal spread of that delay. Assumption.
    pub aurora_replica_sigma: f64,
    /// Writes per second the writer can commit before writes queue. Assumption.
    pub writer_capacity_wps: f64,
    /// Reads per write served by the replicas (the read/write mix). Assumption.
    pub reads_per_write: f64,
    /// Share of one write's apply time a read costs a replica. Assumption.
    pub read_apply_cost: f64,
    /// Aurora storage copies lost before the run (0–6); writes need 4 of 6 [U2].
    pub lost_storage_copies: usize,
    pub burst: Burst,
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
            storage_node_median_ms: 0.6,
            storage_node_sigma: 0.5,
            replica_apply_wps_per_vcpu: 3_000.0,
            replica_vcpus: 2.0,
            physical_apply_factor: 1.5,
            aurora_replica_apply_wps: 500_000.0,
            aurora_replica_median_ms: 5.0,
            aurora_replica_sigma: 0.5,
            writer_capacity_wps: 50_000.0,
            reads_per_write: 1.0,
            read_apply_cost: 0.1,
            lost_storage_copies: 0,
            burst: Burst::Steady,
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
    pub source: &'static str,
}

const ASSUMPTION: &str = "assumption";

impl ReplicationParams {
    /// Every parameter, its value and its source (aws-facts section) or "assumption".
    pub fn describe(&self) -> Vec<ParamInfo> {
        let p = |name, value: f64, source| ParamInfo { name, value: format!("{}", value), source };
        vec![
            p("tick_ms", self.tick_ms, "model choice"),
            p("same_az_rtt_ms", self.same_az_rtt_ms, ASSUMPTION),
            p("cross_az_rtt_ms", self.cross_az_rtt_ms, ASSUMPTION),
            p("ebs_write_median_ms", self.ebs_write_median_ms, ASSUMPTION),
            p("ebs_write_sigma", self.ebs_write_sigma, ASSUMPTION),
            p("storage_node_median_ms", self.storage_node_median_ms, ASSUMPTION),
            p("storage_node_sigma", self.storage_node_sigma, ASSUMPTION),
            p("replica_apply_wps_per_vcpu", self.replica_apply_wps_per_vcpu, "assumption (apply-rate limit: aws-facts §6 RDS read replicas [D3])"),
            p("replica_vcpus", self.replica_vcpus, "from --instance-class size (aws-facts §4 naming)"),
            p("physical_apply_factor", self.physical_apply_factor, "assumption (logical vs physical: aws-facts §6 [D3])"),
            p("aurora_replica_apply_wps", self.aurora_replica_apply_wps, "assumption (replicas refresh cached pages: aws-facts §6 [U3])"),
            p("aurora_replica_median_ms", self.aurora_replica_median_ms, "assumption within \"usually much less than 100 ms\" (aws-facts §6 [U3])"),
            p("aurora_replica_sigma", self.aurora_replica_sigma, ASSUMPTION),
            p("writer_capacity_wps", self.writer_capacity_wps, ASSUMPTION),
            p("reads_per_write", self.reads_per_write, ASSUMPTION),
            p("read_apply_cost", self.read_apply_cost, ASSUMPTION),
            ParamInfo {
                name: "storage_copies / write quorum / read quorum",
                value: format!("{} / {} / {}", quorum::COPIES, quorum::WRITE_QUORUM, quorum::READ_QUORUM),
                source: "aws-facts §6 Aurora Quorums [U2]",
            },
            ParamInfo { name: "lost_storage_copies", value: self.lost_storage_copies.to_string(), source: "scenario" },
            ParamInfo { name: "burst", value: self.burst.describe(), source: "scenario" },
        ]
    }

    fn check(&self) -> Result<(), DbError> {
        let positive = [
            ("tick_ms", self.tick_ms),
            ("replica_apply_wps_per_vcpu", self.replica_apply_wps_per_vcpu),
            ("replica_vcpus", self.replica_vcpus),
            ("physical_apply_factor", self.physical_apply_factor),
            ("aurora_replica_apply_wps", self.aurora_replica_apply_wps),
            ("writer_capacity_wps", self.writer_capacity_wps),
        ];
        for (n, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(DbError::new("InvalidParameterValue", format!("{} must be a positive number, not {}", n, v)));
            }
        }
        let non_negative = [
            ("same_az_rtt_ms", self.same_az_rtt_ms),
            ("cross_az_rtt_ms", self.cross_az_rtt_ms),
            ("ebs_write_median_ms", self.ebs_write_median_ms),
            ("ebs_write_sigma", self.ebs_write_sigma),
            ("storage_node_median_ms", self.storage_node_median_ms),
            ("storage_node_sigma", self.storage_node_sigma),
            ("aurora_replica_median_ms", self.aurora_replica_median_ms),
            ("aurora_replica_sigma", self.aurora_replica_sigma),
            ("reads_per_write", self.reads_per_write),
            ("read_apply_cost", self.read_apply_cost),
        ];
        for (n, v) in non_negative {
            if !(v.is_finite() && v >= 0.0) {
                return Err(DbError::new("InvalidParameterValue", format!("{} must be zero or more, not {}", n, v)));
            }
        }
        if self.tick_ms > 100.0 {
            return Err(DbError::new("InvalidParameterValue", "tick_ms must be at most 100"));
        }
        if self.lost_storage_copies > quorum::COPIES {
            return Err(DbError::new("InvalidParameterValue", "an Aurora volume has only 6 copies to lose"));
        }
        Ok(())
    }
}

/// The per-engine, per-rate result.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    pub engine: &'static str,
    pub write_rate: f64,
    pub replicas: usize,
    pub lag_p50_ms: f64,
    pub lag_p99_ms: f64,
    pub lag_max_ms: f64,
    /// Lag at the end of the run (shows unbounded growth).
    pub lag_final_ms: f64,
    pub commit_p50_ms: f64,
    pub commit_p99_ms: f64,
    pub throughput_wps: f64,
    /// Replica apply capacity per replica (writes/s), after read interference.
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
    fn draw(&self, rng: &mut SmallRng) -> f64 {
        self.0[(rng.gen::<u32>() as usize) & 4095]
    }
}

/// Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
#[allow(clippy::excessive_precision)]
fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.383577518672690e2, -3.066479806614716e1, 2.506628277459239];
    const B: [f64; 5] = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// Poisson draw: Knuth's product method for small means, normal approximation above 30.
#[inline]
fn poisson(rng: &mut SmallRng, mean: f64, normal: &QuantileTable) -> f64 {
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

/// One replica: a FIFO of (commit tick, writes) not yet applied.
struct Replica {
    queue: VecDeque<(u64, f64)>,
    credit: f64,
}

/// Queue entries merge once the backlog is long, bounding memory: an hour above the apply
/// rate keeps ~360k entries instead of 3.6M (lag then is seconds, so 10 ticks is fine);
/// longer runs merge wider windows so a replica never holds more than ~100k entries.
const COALESCE_AFTER: usize = 64;
const COALESCE_TICKS: u64 = 10;
const MAX_QUEUE_ENTRIES: u64 = 100_000;
/// Longest run in ticks (a week at 1 ms is 6e8).
const MAX_TICKS: f64 = 1e9;

/// Runs one engine at one write rate. `cancelled` is polled every few thousand ticks.
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
        return Err(DbError::new("InvalidParameterValue", format!("write rate must be zero or more, not {}", write_rate)).into());
    }
    if !(duration_s.is_finite() && duration_s > 0.0 && duration_s <= 7.0 * 86_400.0) {
        return Err(DbError::new("InvalidParameterValue", "duration must be between 1 ms and 7 days").into());
    }
    let max_replicas = if engine.is_aurora() { super::instances::MAX_AURORA_REPLICAS } else { 15 };
    if replicas > max_replicas {
        return Err(DbError::new(
            "InvalidParameterValue",
            format!("{} supports at most {} replicas (aws-facts §6 [D3][D4][U3]), not {}", engine.name(), max_replicas, replicas),
        )
        .into());
    }
    // A Multi-AZ DB cluster always has its two readable standbys [D2].
    let replicas = if engine == SimEngine::RdsMultiAzCluster { 2 } else { replicas };

    let salt = engine.name().bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
    let mut rng = SmallRng::seed_from_u64(seed ^ salt.rotate_left(17) ^ write_rate.to_bits());
    let normal = QuantileTable::lognormal(1.0, 1.0).ln();
    let ebs = QuantileTable::lognormal(p.ebs_write_median_ms, p.ebs_write_sigma);
    let node = QuantileTable::lognormal(p.storage_node_median_ms, p.storage_node_sigma);
    let aurora_delay = QuantileTable::lognormal(p.aurora_replica_median_ms, p.aurora_replica_sigma);

    let tick_ms = p.tick_ms;
    let tick_s = tick_ms / 1000.0;
    let ticks_f = ((duration_s * 1000.0) / tick_ms).ceil().max(1.0);
    if ticks_f > MAX_TICKS {
        return Err(DbError::new("InvalidParameterValue", format!("{} s in {} ms ticks is too many steps (at most {:e})", duration_s, tick_ms, MAX_TICKS)).into());
    }
    let ticks = ticks_f as u64;
    let coalesce_ticks = COALESCE_TICKS.max(ticks / MAX_QUEUE_ENTRIES);
    let one_way_ms = p.cross_az_rtt_ms / 2.0;
    // RDS replicas write the shipped log to a relay log before applying it; Aurora
    // replicas apply the stream to cached pages directly.
    let pipeline_ms = if engine.is_aurora() { one_way_ms } else { one_way_ms + p.ebs_write_median_ms };
    let delay_ticks = (pipeline_ms / tick_ms).ceil() as u64;

    let apply_wps = if engine.is_aurora() {
        p.aurora_replica_apply_wps
    } else {
        let f = if engine.physical() { p.physical_apply_factor } else { 1.0 };
        p.replica_apply_wps_per_vcpu * p.replica_vcpus * f
    };
    let reads_per_replica = if replicas > 0 { write_rate * p.reads_per_write / replicas as f64 } else { 0.0 };
    let apply_capacity_wps = (apply_wps - reads_per_replica * p.read_apply_cost).max(apply_wps * 0.05);
    let apply_per_tick = apply_capacity_wps * tick_s;
    let service_ms = 1000.0 / apply_capacity_wps;
    let writer_per_tick = p.writer_capacity_wps * tick_s;

    // Aurora: storage copies 0,1 in the writer's AZ; 2–5 across AZs; losses hit AZ c first.
    let alive_copies = quorum::COPIES - p.lost_storage_copies.min(quorum::COPIES);
    let writes_available = !engine.is_aurora() || quorum::quorum(alive_copies).writes_available;

    let mut reps: Vec<Replica> = (0..replicas).map(|_| Replica { queue: VecDeque::new(), credit: 0.0 }).collect();
    let mut commit_hist = Histogram::default();
    let mut lag_hist = Histogram::default();
    let mut backlog = 0.0f64;
    let mut committed_total = 0.0f64;
    let mut lag_final = 0.0;

    let points = p.series_points.max(1) as u64;
    let every = (ticks / points).max(1);
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
        let offered = poisson(&mut rng, write_rate * p.burst.factor(t_s) * tick_s, &normal);
        let commits = if writes_available {
            backlog += offered;
            let c = backlog.min(writer_per_tick);
            backlog -= c;
            c
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
                SimEngine::AuroraMySql | SimEngine::AuroraPostgres => {
                    for (i, a) in acks.iter_mut().enumerate().take(alive_copies) {
                        let rtt = if i < 2 { p.same_az_rtt_ms } else { p.cross_az_rtt_ms };
                        *a = rtt + node.draw(&mut rng);
                    }
                    let live = &mut acks[..alive_copies];
                    live.sort_unstable_by(|x, y| x.total_cmp(y));
                    live[quorum::WRITE_QUORUM - 1]
                }
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
            r.credit += apply_per_tick;
            while r.credit > 0.0 {
                let Some(front) = r.queue.front_mut() else { break };
                if front.0 + delay_ticks > t {
                    break;
                }
                let take = front.1.min(r.credit);
                front.1 -= take;
                r.credit -= take;
                if front.1 <= 1e-9 {
                    r.queue.pop_front();
                }
            }
            let backlogged = r.queue.front().filter(|f| f.0 + delay_ticks <= t);
            if backlogged.is_none() {
                // Idle capacity is not banked.
                r.credit = r.credit.min(apply_per_tick);
            }
            let lag = match backlogged {
                Some(f) => (t - f.0) as f64 * tick_ms + service_ms,
                None if engine.is_aurora() => one_way_ms + aurora_delay.draw(&mut rng) + service_ms,
                // Binlog/WAL shipped, written to the relay log, then applied.
                None => one_way_ms + ebs.draw(&mut rng) + service_ms,
            };
            let lag = if engine.is_aurora() && backlogged.is_some() { lag + aurora_delay.draw(&mut rng) } else { lag };
            lag_hist.add(lag, 1.0);
            tick_lag = tick_lag.max(lag);
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
        lag_p50_ms: lag_hist.quantile(0.50),
        lag_p99_ms: lag_hist.quantile(0.99),
        lag_max_ms: lag_hist.max(),
        lag_final_ms: lag_final,
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

    #[test]
    fn same_seed_same_numbers_other_seed_other_numbers() {
        let p = ReplicationParams::default();
        for e in [SimEngine::RdsMySql, SimEngine::AuroraMySql] {
            let a = run(e, 5_000.0, 20.0, 2, &p, 7);
            let b = run(e, 5_000.0, 20.0, 2, &p, 7);
            assert_eq!(a, b);
            let c = run(e, 5_000.0, 20.0, 2, &p, 8);
            assert_ne!(a.summary.commit_p99_ms, f64::NAN);
            assert_ne!(a.commit_samples, c.commit_samples);
        }
    }

    #[test]
    fn rds_lag_grows_with_write_rate_and_without_bound_above_the_apply_rate() {
        let p = ReplicationParams::default();
        let rates = [1_000.0, 5_000.0, 10_000.0];
        let lags: Vec<RunSummary> = rates.iter().map(|r| run(SimEngine::RdsMySql, *r, 60.0, 2, &p, 7).summary).collect();
        for w in lags.windows(2) {
            assert!(w[0].lag_p99_ms < w[1].lag_p99_ms, "{:?}", lags);
        }
        assert!(lags[1].lag_max_ms < lags[2].lag_max_ms, "{:?}", lags);
        assert!(lags[0].lag_p99_ms < 20.0, "well below the apply rate lag stays small: {:?}", lags[0]);
        // Above the apply rate the backlog grows by (rate - capacity) per second: lag at
        // the end is proportional to run length.
        let capacity = lags[2].apply_capacity_wps;
        assert!(10_000.0 > capacity);
        let short = run(SimEngine::RdsMySql, 10_000.0, 30.0, 2, &p, 7).summary.lag_final_ms;
        let long = run(SimEngine::RdsMySql, 10_000.0, 120.0, 2, &p, 7).summary.lag_final_ms;
        assert!(long > 3.0 * short, "short {} long {}", short, long);
        // The oldest unapplied write was committed when `capacity × T` writes had been
        // made: lag = T (1 − capacity / rate).
        let expected_s = 120.0 * (1.0 - capacity / 10_000.0);
        assert!((long / 1000.0 - expected_s).abs() < 0.2 * expected_s, "lag {} ms vs {} s", long, expected_s);
    }

    #[test]
    fn aurora_lag_is_small_and_flat() {
        let p = ReplicationParams::default();
        let lags: Vec<RunSummary> =
            [1_000.0, 5_000.0, 10_000.0, 40_000.0].iter().map(|r| run(SimEngine::AuroraMySql, *r, 30.0, 2, &p, 7).summary).collect();
        for s in &lags {
            assert!(s.lag_p99_ms < 100.0, "much less than 100 ms [U3]: {:?}", s);
        }
        let (lo, hi) = (lags[0].lag_p50_ms, lags[3].lag_p50_ms);
        assert!((hi - lo).abs() < 0.25 * lo, "flat: {} vs {}", lo, hi);
        let rds = run(SimEngine::RdsMySql, 10_000.0, 30.0, 2, &p, 7).summary;
        assert!(rds.lag_p99_ms > 100.0 * lags[2].lag_p99_ms);
    }

    #[test]
    fn multi_az_commits_slower_than_single_az_and_aurora_in_between() {
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
        let bad = ReplicationParams { tick_ms: 0.0, ..ReplicationParams::default() };
        assert!(simulate(SimEngine::RdsMySql, 1.0, 1.0, 1, &bad, 1, &|| false).is_err());
        assert_eq!(simulate(SimEngine::RdsMySql, 1.0, 10.0, 1, &p, 1, &|| true).err(), Some(SimError::Cancelled));
        assert!(SimEngine::parse("dynamo").is_err());
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
    /// `cargo test --lib replication_benchmark -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn replication_benchmark() {
        let p = ReplicationParams::default();
        let time = |secs: f64, rate: f64| {
            let start = std::time::Instant::now();
            for e in [SimEngine::RdsMySql, SimEngine::AuroraMySql] {
                run(e, rate, secs, 2, &p, 7);
            }
            start.elapsed().as_secs_f64()
        };
        // Two engines simulated per run, so simulated time is 2 × secs.
        let hour = time(3600.0, 10_000.0);
        println!("simulated hour, 10,000 writes/s, 2 replicas, rds-mysql + aurora-mysql: {:.3} s ({:.0}× real time)", hour, 2.0 * 3600.0 / hour);
        let base = time(60.0, 10_000.0);
        for secs in [60.0, 600.0, 1800.0, 3600.0] {
            let t = time(secs, 10_000.0);
            println!("duration {:>6} s at 10,000 w/s: {:.3} s ({:.1}× the 60 s run for {:.0}× the time)", secs, t, t / base, secs / 60.0);
        }
        let base = time(600.0, 1_000.0);
        for rate in [1_000.0, 10_000.0, 25_000.0, 100_000.0] {
            let t = time(600.0, rate);
            println!("rate {:>7} w/s for 600 s: {:.3} s ({:.1}× the 1,000 w/s run for {:.0}× the writes)", rate, t, t / base, rate / 1_000.0);
        }
    }
}
