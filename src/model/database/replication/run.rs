//! The simulation's state and its loop: each tick draws the writes, commits them along the
//! topology's path, and moves every replica's queue forward at its apply rate.

use std::collections::VecDeque;

use rand::SeedableRng;

use super::stats::{poisson, QuantileTable};
use super::{paper_replica_lag, quorum, Histogram, ReplicationParams, RunResult, RunSummary, SeriesPoint, SimEngine};
use crate::model::codes;
use crate::model::seeded::SeededRng;
use crate::model::{AwsError, SimError};

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

/// What every replica of a run applies per tick, after what delay, and what it writes back.
struct Applier {
    tick_ms: f64,
    apply_per_tick: f64,
    /// Ticks before a commit reaches the replica (shipped, and for RDS written to the relay log).
    delay_ticks: u64,
    /// Write-back per applied write at each checkpoint, ms (0 for Aurora).
    flush_ms: f64,
    checkpoint_writes: f64,
}

impl Replica {
    /// Queues this tick's commits, merged into the last entry once the queue is long.
    fn enqueue(&mut self, t: u64, commits: f64, coalesce_ticks: u64) {
        let long = self.queue.len() > COALESCE_AFTER;
        match self.queue.back_mut() {
            Some(back) if long && back.0 + coalesce_ticks > t => back.1 += commits,
            _ => self.queue.push_back((t, commits)),
        }
    }

    /// Applies what tick `t` allows; returns the commit tick of the oldest write that has
    /// arrived and is still waiting, if any.
    fn apply(&mut self, t: u64, a: &Applier) -> Option<u64> {
        // Write-back first; the applier gets what is left of the tick.
        let stalled = self.stall_ms.min(a.tick_ms);
        self.stall_ms -= stalled;
        self.credit += a.apply_per_tick * (1.0 - stalled / a.tick_ms);
        while self.credit > 0.0 {
            let Some(front) = self.queue.front_mut() else { break };
            if front.0 + a.delay_ticks > t {
                break;
            }
            let take = front.1.min(self.credit);
            front.1 -= take;
            self.credit -= take;
            self.dirty += take;
            if front.1 <= 1e-9 {
                self.queue.pop_front();
            }
        }
        // The redo log is full: the pages dirtied since the last checkpoint are
        // written back before the applier goes on (from the next tick).
        if self.dirty >= a.checkpoint_writes && a.flush_ms > 0.0 {
            self.stall_ms += self.dirty * a.flush_ms;
            self.dirty = 0.0;
            self.credit = 0.0;
        }
        let backlogged = self.queue.front().filter(|f| f.0 + a.delay_ticks <= t).map(|f| f.0);
        if backlogged.is_none() {
            // Idle capacity is not banked.
            self.credit = self.credit.min(a.apply_per_tick);
        }
        backlogged
    }
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
pub fn too_many_steps(steps: f64) -> AwsError {
    AwsError::new(
        codes::INVALID_PARAMETER_VALUE,
        format!("the simulation would take {steps:.3e} steps (ticks × (writer + replicas), over all runs); the limit is {MAX_STEPS:e} steps (MAX_STEPS)"),
    )
}

/// Storage-node utilisation is capped here; above it the writer's queue takes the excess.
const MAX_NODE_LOAD: f64 = 0.95;

/// The checks before a run, in the order a user meets them: the parameters, the rate, the
/// duration, the replicas, then the work. Returns the replicas the topology has and the ticks.
fn check_run(
    engine: SimEngine,
    write_rate: f64,
    duration_s: f64,
    replicas: usize,
    p: &ReplicationParams,
) -> Result<(usize, u64), SimError> {
    p.check()?;
    if !(write_rate.is_finite() && write_rate >= 0.0) {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("write rate must be zero or more, not {}", write_rate),
        )
        .into());
    }
    if !(duration_s.is_finite() && duration_s > 0.0 && duration_s <= 7.0 * 86_400.0) {
        return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "duration must be between 1 ms and 7 days").into());
    }
    let aurora = engine.is_aurora();
    let max_replicas = if aurora { super::instances::MAX_AURORA_REPLICAS } else { 15 };
    if replicas > max_replicas {
        let what = if aurora { "Aurora Replicas per DB cluster" } else { "read replicas per source DB instance" };
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("{} allows up to {} {}, not {}", engine.name(), max_replicas, what, replicas),
        )
        .into());
    }
    // A Multi-AZ DB cluster always has its two readable standbys.
    let replicas = if engine == SimEngine::RdsMultiAzCluster { 2 } else { replicas };
    let ticks_f = ((duration_s * 1000.0) / p.tick_ms).ceil().max(1.0);
    if ticks_f > MAX_TICKS {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("{} s in {} ms ticks is too many steps (at most {:e})", duration_s, p.tick_ms, MAX_TICKS),
        )
        .into());
    }
    if let Some(n) = steps(engine, duration_s, replicas, p).filter(|n| *n > MAX_STEPS) {
        return Err(too_many_steps(n).into());
    }
    Ok((replicas, ticks_f as u64))
}

/// Aurora's durable point for one tick: each live storage copy's acknowledgement (copies 0
/// and 1 in the writer's AZ), slowed by the nodes' load; the write quorum's slowest one.
fn durable_quorum_ms(
    p: &ReplicationParams,
    rate_now: f64,
    node: &QuantileTable,
    rng: &mut SeededRng,
    live: &mut [f64],
) -> f64 {
    let load = 1.0 / (1.0 - (rate_now / p.storage_node_capacity_wps).min(MAX_NODE_LOAD));
    for (i, a) in live.iter_mut().enumerate() {
        let rtt = if i < 2 { p.same_az_rtt_ms } else { p.cross_az_rtt_ms };
        *a = rtt + node.draw(rng) * load;
    }
    live.sort_unstable_by(|x, y| x.total_cmp(y));
    live[p.write_quorum - 1]
}

/// One commit's latency along the topology's path, before any queueing at the writer.
fn commit_path_ms(
    engine: SimEngine,
    p: &ReplicationParams,
    ebs: &QuantileTable,
    rng: &mut SeededRng,
    quorum_ms: f64,
) -> f64 {
    match engine {
        SimEngine::RdsMySql | SimEngine::RdsPostgres | SimEngine::RdsMariaDb => ebs.draw(rng),
        SimEngine::RdsMySqlMultiAz | SimEngine::RdsPostgresMultiAz => ebs.draw(rng) + p.cross_az_rtt_ms + ebs.draw(rng),
        SimEngine::RdsMultiAzCluster => {
            let a = p.cross_az_rtt_ms + ebs.draw(rng);
            let b = p.cross_az_rtt_ms + ebs.draw(rng);
            ebs.draw(rng) + a.min(b)
        }
        SimEngine::AuroraMySql | SimEngine::AuroraPostgres => quorum_ms,
    }
}

/// A run's fixed rates: what the writer and each replica can do per tick, and the delays
/// on the way.
struct Rates {
    tick_ms: f64,
    tick_s: f64,
    one_way_ms: f64,
    /// A replica's in-line time per write, ms.
    service_ms: f64,
    apply_capacity_wps: f64,
    writer_per_tick: f64,
    applier: Applier,
}

impl Rates {
    fn new(engine: SimEngine, write_rate: f64, replicas: usize, p: &ReplicationParams) -> Rates {
        let aurora = engine.is_aurora();
        let tick_ms = p.tick_ms;
        let tick_s = tick_ms / 1000.0;
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
        let applier =
            Applier { tick_ms, apply_per_tick, delay_ticks, flush_ms, checkpoint_writes: p.checkpoint_writes };
        Rates { tick_ms, tick_s, one_way_ms, service_ms, apply_capacity_wps, writer_per_tick, applier }
    }
}

/// What a run records as it goes: the commit latency and lag distributions, the mean lag
/// over the report window, the series (one point per `every` ticks) and sampled latencies.
struct Record {
    commit_hist: Histogram,
    lag_hist: Histogram,
    committed_total: f64,
    lag_final: f64,
    window_from: u64,
    window_sum: f64,
    window_n: f64,
    every: u64,
    series: Vec<SeriesPoint>,
    /// The current series interval: largest lag, commit latency sum, commits, ticks.
    iv_lag: f64,
    iv_commit_sum: f64,
    iv_commits: f64,
    iv_ticks: u64,
    sample_every: u64,
    samples: Vec<f64>,
    max_samples: usize,
}

impl Record {
    fn new(ticks: u64, tick_ms: f64, p: &ReplicationParams) -> Record {
        let window_from = ticks.saturating_sub(((p.report_window_s * 1000.0 / tick_ms).round() as u64).max(1));
        let points = p.series_points.max(1) as u64;
        // Rounded up, so a run never has more than `points` points.
        let every = ticks.div_ceil(points).max(1);
        Record {
            commit_hist: Histogram::default(),
            lag_hist: Histogram::default(),
            committed_total: 0.0,
            lag_final: 0.0,
            window_from,
            window_sum: 0.0,
            window_n: 0.0,
            every,
            series: Vec::with_capacity(points as usize + 1),
            iv_lag: 0.0,
            iv_commit_sum: 0.0,
            iv_commits: 0.0,
            iv_ticks: 0,
            sample_every: (ticks / p.latency_samples.max(1) as u64).max(1),
            samples: Vec::with_capacity(p.latency_samples.min(ticks as usize) + 1),
            max_samples: p.latency_samples,
        }
    }

    fn commit(&mut self, t: u64, latency: f64, commits: f64) {
        self.commit_hist.add(latency, commits);
        self.iv_commit_sum += latency * commits;
        self.iv_commits += commits;
        self.committed_total += commits;
        if t.is_multiple_of(self.sample_every) && self.samples.len() < self.max_samples {
            self.samples.push(latency);
        }
    }

    fn lag(&mut self, t: u64, lag: f64) {
        self.lag_hist.add(lag, 1.0);
        if t >= self.window_from {
            self.window_sum += lag;
            self.window_n += 1.0;
        }
    }

    /// Closes tick `t` (its largest replica lag `tick_lag`), and the series interval when
    /// it is full or the run ends.
    fn end_tick(&mut self, t: u64, ticks: u64, tick_lag: f64, tick_s: f64) {
        self.iv_lag = self.iv_lag.max(tick_lag);
        self.iv_ticks += 1;
        if t + 1 == ticks {
            self.lag_final = tick_lag;
        }
        if (t + 1).is_multiple_of(self.every) || t + 1 == ticks {
            self.series.push(SeriesPoint {
                time_s: (t + 1) as f64 * tick_s,
                lag_ms: self.iv_lag,
                commit_mean_ms: if self.iv_commits > 0.0 { self.iv_commit_sum / self.iv_commits } else { 0.0 },
                throughput_wps: self.iv_commits / (self.iv_ticks as f64 * tick_s),
            });
            self.iv_lag = 0.0;
            self.iv_commit_sum = 0.0;
            self.iv_commits = 0.0;
            self.iv_ticks = 0;
        }
    }

    fn result(
        self,
        engine: SimEngine,
        write_rate: f64,
        replicas: usize,
        run_s: f64,
        rates: &Rates,
        writes_available: bool,
    ) -> RunResult {
        let summary = RunSummary {
            engine: engine.name(),
            write_rate,
            replicas,
            lag_mean_ms: if self.window_n > 0.0 { self.window_sum / self.window_n } else { 0.0 },
            lag_p50_ms: self.lag_hist.quantile(0.50),
            lag_p99_ms: self.lag_hist.quantile(0.99),
            lag_max_ms: self.lag_hist.max(),
            lag_final_ms: self.lag_final,
            paper_lag: paper_replica_lag(engine, write_rate),
            commit_p50_ms: self.commit_hist.quantile(0.50),
            commit_p99_ms: self.commit_hist.quantile(0.99),
            throughput_wps: self.committed_total / run_s,
            apply_capacity_wps: rates.apply_capacity_wps,
            writes_available,
        };
        RunResult { summary, series: self.series, commit_samples: self.samples }
    }
}

/// A run's random source, seeded from the seed, the engine and the rate (so each run of a
/// sweep draws its own numbers), and the distributions it draws from.
struct Draws {
    rng: SeededRng,
    normal: QuantileTable,
    ebs: QuantileTable,
    node: QuantileTable,
    replica_apply: QuantileTable,
}

impl Draws {
    fn new(engine: SimEngine, write_rate: f64, seed: u64, p: &ReplicationParams) -> Draws {
        let salt = engine.name().bytes().fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
        Draws {
            rng: SeededRng::seed_from_u64(seed ^ salt.rotate_left(17) ^ write_rate.to_bits()),
            normal: QuantileTable::lognormal(1.0, 1.0).ln(),
            ebs: QuantileTable::lognormal(p.ebs_write_median_ms, p.ebs_write_sigma),
            node: QuantileTable::lognormal(p.storage_node_median_ms, p.storage_node_sigma),
            replica_apply: QuantileTable::lognormal(p.aurora_replica_apply_ms, p.aurora_replica_sigma),
        }
    }
}

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
    let (replicas, ticks) = check_run(engine, write_rate, duration_s, replicas, p)?;
    let aurora = engine.is_aurora();

    let Draws { mut rng, normal, ebs, node, replica_apply } = Draws::new(engine, write_rate, seed, p);
    let rates = Rates::new(engine, write_rate, replicas, p);
    let (tick_ms, tick_s, one_way_ms, service_ms) = (rates.tick_ms, rates.tick_s, rates.one_way_ms, rates.service_ms);
    let coalesce_ticks = COALESCE_TICKS.max(ticks / MAX_QUEUE_ENTRIES);

    // Aurora: storage copies 0,1 in the writer's AZ; 2–5 across AZs; losses hit AZ c first.
    let alive_copies = quorum::COPIES - p.lost_storage_copies.min(quorum::COPIES);
    let writes_available = !aurora || alive_copies >= p.write_quorum;

    let mut reps: Vec<Replica> =
        (0..replicas).map(|_| Replica { queue: VecDeque::new(), credit: 0.0, dirty: 0.0, stall_ms: 0.0 }).collect();
    let mut rec = Record::new(ticks, tick_ms, p);
    let mut backlog = 0.0f64;
    let mut acks = [0.0f64; quorum::COPIES];

    for t in 0..ticks {
        if t & 4095 == 0 && cancelled() {
            return Err(SimError::Interrupted);
        }
        let t_s = t as f64 * tick_s;
        let rate_now = write_rate * p.burst.factor(t_s);
        let offered = poisson(&mut rng, rate_now * tick_s, &normal);
        let commits = if writes_available {
            backlog += offered;
            let c = backlog.min(rates.writer_per_tick);
            backlog -= c;
            c
        } else {
            0.0
        };
        // Aurora's durable point: the write quorum's slowest acknowledgement. Storage
        // nodes slow down as they fill (queueing: 1 / (1 − load)).
        let quorum_ms = if aurora && writes_available {
            durable_quorum_ms(p, rate_now, &node, &mut rng, &mut acks[..alive_copies])
        } else {
            0.0
        };
        if commits > 0.0 {
            let queue_ms = backlog / rates.writer_per_tick * tick_ms;
            let path_ms = commit_path_ms(engine, p, &ebs, &mut rng, quorum_ms);
            rec.commit(t, path_ms + queue_ms, commits);
        }

        let mut tick_lag: f64 = 0.0;
        for r in reps.iter_mut() {
            if commits > 0.0 {
                r.enqueue(t, commits, coalesce_ticks);
            }
            let backlogged = r.apply(t, &rates.applier);
            let lag = match backlogged {
                Some(since) => (t - since) as f64 * tick_ms + service_ms,
                // Visible once durable at the quorum, sent one way, applied to cached pages.
                None if aurora => quorum_ms + one_way_ms + replica_apply.draw(&mut rng),
                // Binlog/WAL shipped, written to the relay log, then applied.
                None => one_way_ms + ebs.draw(&mut rng) + service_ms,
            };
            rec.lag(t, lag);
            tick_lag = tick_lag.max(lag);
        }
        rec.end_tick(t, ticks, tick_lag, tick_s);
    }
    Ok(rec.result(engine, write_rate, replicas, ticks as f64 * tick_s, &rates, writes_available))
}
