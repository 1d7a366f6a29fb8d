//! `simulate replication`, `simulate failover` and `simulate storage-loss`: the RDS-versus-
//! Aurora simulations as tables, charts and documented JSON.

use crate::model::codes;
use serde_json::{json, Value};

use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::database::engine::InstanceClass;
use crate::model::database::failover::{self, FailoverParams, FailoverTimeline, Topology};
use crate::model::database::instances::ec2_type_known;
use crate::model::database::quorum::{self, ClusterVolume};
use crate::model::database::replication::{simulate, Burst, ReplicationParams, RunResult, SimEngine};
use crate::model::database::sources;

/// The paper's Table 4 as numbers for the chart (MySQL at 1,000 writes/s is only "< 1 s",
/// so it has no point).
const PAPER_LAG_MS: &[(SimEngine, f64, f64)] = &[
    (SimEngine::AuroraMySql, 1_000.0, 2.62),
    (SimEngine::AuroraMySql, 2_000.0, 3.42),
    (SimEngine::AuroraMySql, 5_000.0, 3.94),
    (SimEngine::AuroraMySql, 10_000.0, 5.38),
    (SimEngine::RdsMySql, 2_000.0, 1_000.0),
    (SimEngine::RdsMySql, 5_000.0, 60_000.0),
    (SimEngine::RdsMySql, 10_000.0, 300_000.0),
];
use crate::render::chart::{self, ChartSpec, Series, TimelineBar};
use crate::tables::database as t;

const REPLICATION_FLAGS: &[Flag] = &[
    Flag::many("engines", "rds-mysql, rds-postgres, rds-mariadb, rds-mysql-multi-az, rds-postgres-multi-az, rds-multi-az-cluster, aurora-mysql, aurora-postgresql"),
    Flag::many("write-rate", "writes per second, one run per value (default 1000,2000,5000,10000: the paper's rates)"),
    Flag::value("duration", "simulated time: 90s, 10m, 1h (default 10m)"),
    Flag::value("replicas", "read replicas / Aurora Replicas per engine, 0–15 (default 2)"),
    Flag::value("seed", "random seed; same seed, same numbers (default 7)"),
    Flag::value("parallel-workers", "binlog appliers on each MySQL/MariaDB replica (default 1, MySQL 5.6; MySQL 8.0.27+ uses 4)"),
    Flag::value("worker-dependency", "share of writes that wait for an earlier one, 0–1 (default 0.1)"),
    Flag::value("instance-class", "replica class, sets replica_vcpus (default 32 vCPUs, the paper's r3.8xlarge)"),
    Flag::value("apply-ms-per-write", "binlog applier's in-line work per write, ms (default 0.0222)"),
    Flag::value("flush-ms-per-write", "replica page write-back per write, ms (default 0.205)"),
    Flag::value("checkpoint-writes", "writes a MySQL replica applies between write-back bursts (default 20000)"),
    Flag::value("physical-apply-factor", "PostgreSQL WAL replay speed vs the binlog applier (default 1.5)"),
    Flag::choice("burst", "write-rate profile", &["steady", "sine", "spikes"]),
    Flag::value("burst-factor", "sine: amplitude (0.5 = ±50%); spikes: multiplier (default 0.5 / 3)"),
    Flag::value("burst-period", "seconds between burst peaks (default 60)"),
    Flag::value("burst-length", "spikes: seconds each spike lasts (default 5)"),
    Flag::value("reads-per-write", "reads served by replicas per write (default 0: write-only)"),
    Flag::value("read-apply-cost", "share of a write's apply time one read costs a replica (default 0.1)"),
    Flag::value("same-az-rtt-ms", "round trip within an AZ, ms (default 0.1)"),
    Flag::value("cross-az-rtt-ms", "round trip between AZs, ms (default 1.0)"),
    Flag::value("ebs-write-ms", "median EBS write + flush, ms (default 1.0)"),
    Flag::value("ebs-write-sigma", "log-normal spread of the EBS write (default 0.4)"),
    Flag::value("storage-node-ms", "median Aurora storage-node persist time at no load, ms (default 1.3)"),
    Flag::value("storage-node-sigma", "log-normal spread of storage-node latency (default 0.5)"),
    Flag::value("storage-node-capacity-wps", "writes/s that would saturate Aurora's storage nodes (default 16000)"),
    Flag::value("write-quorum", "Aurora: copies a write waits for, 1–6 (default 4)"),
    Flag::value("aurora-replica-apply-ms", "median Aurora replica apply to a cached page, ms (default 0.05)"),
    Flag::value("aurora-replica-apply-wps", "Aurora replica apply rate, records/s (default 500000)"),
    Flag::value("writer-capacity-wps", "writes/s the writer commits before queueing (default 50000)"),
    Flag::value("lost-storage-copies", "Aurora: storage copies lost before the run, 0–6 (writes need 4)"),
    Flag::value("report-window-s", "lag_mean_ms averages the run's last this-many seconds (default 60)"),
    Flag::value("tick-ms", "simulation step in ms (default 1)"),
    Flag::value("series-points", "points per time series (default 240; at most 5,000, and 50,000 over all runs)"),
];

const SIMULATE_FAILOVER_FLAGS: &[Flag] = &[
    Flag::many("engines", "rds-multi-az, rds-multi-az-cluster, aurora, aurora-no-replica"),
    Flag::value("seed", "random seed (default 1)"),
    Flag::value("runs", "seeds to sample for the spread (default 200)"),
    Flag::value("detection-s", "fixed detection time for every topology"),
    Flag::value("dns-s", "fixed DNS-change time for every topology"),
];

const SIMULATE_STORAGE_LOSS_FLAGS: &[Flag] = &[
    Flag::value("lost", "only this many lost copies (0–6)"),
    Flag::value("write-rate", "also simulate writes at this rate for each case"),
    Flag::value("seed", "random seed (default 7)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "simulate replication",
            service: "lab",
            summary: "replica lag and commit latency of RDS vs Aurora under a write workload (tables + charts)",
            usage: "simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,2000,5000,10000 --duration 10m --replicas 2 --seed 7 [--parallel-workers 8]",
            help: "A deterministic simulation (same --seed, same numbers) in 1 ms ticks. Its defaults reproduce the replica lag \
Verbitski et al. measured under SysBench write-only (SIGMOD 2017, Table 4): Aurora 2.62 / 3.42 / 3.94 / 5.38 ms at \
1,000 / 2,000 / 5,000 / 10,000 writes/s; MySQL 5.6 binlog replication under 1 s / 1 s / 60 s / 300 s. \
MySQL read replica: the binlog is shipped to the replica, written to its relay log and replayed by one applier \
(MySQL 5.6's single SQL thread) that also writes back the pages it dirties; above that applier's capacity \
(about 4,400 writes/s by default) the backlog, and the lag, grow for as long as the load lasts. \
--parallel-workers 8 shows MySQL 8.0's replica_parallel_workers. Aurora: the writer sends redo records to six \
storage copies (two per AZ) and commits at the 4th acknowledgement; replicas apply records only to cached pages, \
so their lag stays in milliseconds. Multi-AZ DB instance: the commit also waits for the standby's synchronous write; \
Multi-AZ DB cluster: for one of two readers. Every parameter is listed with its unit and source (an AWS page, \
the paper, or 'assumption') and can be set with a flag.\n\
--output json: {\"summary\": [{engine, write_rate, replicas, lag_mean_ms, paper_lag, lag_p50_ms, lag_p99_ms, \
lag_max_ms, lag_final_ms, commit_p50_ms, commit_p99_ms, throughput_wps, apply_capacity_wps}], \"series\": [{engine, \
write_rate, time_s, lag_ms, commit_mean_ms, throughput_wps}], \"parameters\": [{parameter, value, unit, source}]}. \
Tables kept for sql: replication_summary, replication_series, replication_params.",
            flags: REPLICATION_FLAGS,
            run: Run::Read(simulate_replication),
        },
        CommandSpec {
            name: "simulate failover",
            service: "lab",
            summary: "failover timeline and write downtime: RDS Multi-AZ, Multi-AZ DB cluster, Aurora",
            usage: "simulate failover --engines rds-multi-az,rds-multi-az-cluster,aurora [--seed 1] [--runs 200]",
            help: "Detection, promotion and DNS change per topology, drawn within ranges whose sums equal AWS's documented \
typical totals: Multi-AZ DB instance 60–120 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html), \
Multi-AZ DB cluster under 35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html), \
Aurora with a replica under 60 s (often under 30 s), without one a new instance in under 10 min \
(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html). Topologies: \
rds-multi-az, rds-multi-az-cluster, aurora, aurora-no-replica. --runs repeats with seeds seed..seed+runs for the \
spread.\n--output json: {\"failovers\": [{engine, detection_s, promotion_s, dns_s, write_unavailable_s, \
read_unavailable_s, documented_min_s, documented_max_s, source, phases: [{phase, start_s, end_s}]}], \
\"ranges\": [{engine, runs, write_unavailable_min_s, write_unavailable_p50_s, write_unavailable_max_s}]}.",
            flags: SIMULATE_FAILOVER_FLAGS,
            run: Run::Read(simulate_failover),
        },
        CommandSpec {
            name: "simulate storage-loss",
            service: "lab",
            summary: "Aurora's 4/6 write and 3/6 read quorums as storage copies are lost",
            usage: "simulate storage-loss [--lost N] [--write-rate 2000]",
            help: "Each 10 GB segment of an Aurora volume has six copies, two per AZ; a write needs 4, a read or repair \
3 (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/). Without --lost: every case from 0 to 6 lost copies plus 'one AZ' and 'one AZ + one copy'. With \
--write-rate, each case also runs the replication simulation (10 s) to show commit latency and throughput.\n\
--output json: {\"cases\": [{case, lost_copies, alive_copies, writes_available, reads_available, commit_p50_ms, \
throughput_wps}]}.",
            flags: SIMULATE_STORAGE_LOSS_FLAGS,
            run: Run::Read(simulate_storage_loss),
        },
    ]
}

fn bad(msg: impl Into<String>) -> CommandError {
    CommandError::new(codes::INVALID_PARAMETER_VALUE, msg)
}

/// `90s`, `10m`, `1h`, `500ms` or plain seconds; more than zero.
pub fn parse_duration(s: &str) -> Result<f64, CommandError> {
    match crate::duration::seconds(s) {
        Ok(v) if v > 0.0 => Ok(v),
        _ => Err(bad(format!("invalid duration '{}' (e.g. 90s, 10m, 1h)", s.trim()))),
    }
}

fn f(a: &Args, name: &str) -> Result<Option<f64>, CommandError> {
    a.value::<f64>(name)
}

/// The parameters as the flags set them.
fn replication_params(a: &Args) -> Result<ReplicationParams, CommandError> {
    let mut p = ReplicationParams::default();
    let set = |target: &mut f64, name: &str| -> Result<(), CommandError> {
        if let Some(v) = f(a, name)? {
            *target = v;
        }
        Ok(())
    };
    set(&mut p.reads_per_write, "reads-per-write")?;
    set(&mut p.read_apply_cost, "read-apply-cost")?;
    set(&mut p.same_az_rtt_ms, "same-az-rtt-ms")?;
    set(&mut p.cross_az_rtt_ms, "cross-az-rtt-ms")?;
    set(&mut p.ebs_write_median_ms, "ebs-write-ms")?;
    set(&mut p.ebs_write_sigma, "ebs-write-sigma")?;
    set(&mut p.apply_ms_per_write, "apply-ms-per-write")?;
    set(&mut p.flush_ms_per_write, "flush-ms-per-write")?;
    set(&mut p.checkpoint_writes, "checkpoint-writes")?;
    set(&mut p.worker_dependency, "worker-dependency")?;
    set(&mut p.physical_apply_factor, "physical-apply-factor")?;
    set(&mut p.storage_node_median_ms, "storage-node-ms")?;
    set(&mut p.storage_node_sigma, "storage-node-sigma")?;
    set(&mut p.storage_node_capacity_wps, "storage-node-capacity-wps")?;
    set(&mut p.aurora_replica_apply_ms, "aurora-replica-apply-ms")?;
    set(&mut p.aurora_replica_apply_wps, "aurora-replica-apply-wps")?;
    set(&mut p.writer_capacity_wps, "writer-capacity-wps")?;
    set(&mut p.report_window_s, "report-window-s")?;
    set(&mut p.tick_ms, "tick-ms")?;
    if let Some(n) = a.value::<usize>("parallel-workers")? {
        p.parallel_workers = n;
    }
    if let Some(n) = a.value::<usize>("write-quorum")? {
        p.write_quorum = n;
    }
    if let Some(c) = a.get("instance-class") {
        let class = InstanceClass::parse(c, &ec2_type_known)?;
        p.replica_vcpus = f64::from(class.vcpus());
    }
    if let Some(n) = a.value::<usize>("lost-storage-copies")? {
        p.lost_storage_copies = n;
    }
    if let Some(n) = a.value::<usize>("series-points")? {
        p.series_points = n.clamp(2, 5_000);
    }
    let period = f(a, "burst-period")?.unwrap_or(60.0);
    p.burst = match a.get("burst").unwrap_or("steady") {
        "steady" => Burst::Steady,
        "sine" => Burst::Sine { amplitude: f(a, "burst-factor")?.unwrap_or(0.5), period_s: period },
        "spikes" => Burst::Spikes {
            factor: f(a, "burst-factor")?.unwrap_or(3.0),
            every_s: period,
            length_s: f(a, "burst-length")?.unwrap_or(5.0),
        },
        other => return Err(bad(format!("unknown burst profile '{}' (steady, sine, spikes)", other))),
    };
    if let Burst::Sine { amplitude, period_s } | Burst::Spikes { factor: amplitude, every_s: period_s, .. } = p.burst {
        if !(amplitude.is_finite() && amplitude >= 0.0 && period_s.is_finite() && period_s > 0.0) {
            return Err(bad("--burst-factor must be ≥ 0 and --burst-period > 0"));
        }
    }
    Ok(p)
}

fn rates(a: &Args, default: &[f64]) -> Result<Vec<f64>, CommandError> {
    let raw = a.list("write-rate");
    if raw.is_empty() {
        return Ok(default.to_vec());
    }
    raw.iter()
        .map(|r| match r.replace('_', "").parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(bad(format!("invalid write rate '{}'", r))),
        })
        .collect()
}

fn run_label(r: &RunResult) -> String {
    format!("{} @ {} w/s", r.summary.engine, r.summary.write_rate)
}

fn simulate_replication(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let engines: Vec<SimEngine> = {
        let names = a.list("engines");
        let names = if names.is_empty() { vec!["rds-mysql".to_string(), "aurora-mysql".to_string()] } else { names };
        names.iter().map(|n| SimEngine::parse(n)).collect::<Result<_, _>>()?
    };
    let rates = rates(a, &[1_000.0, 2_000.0, 5_000.0, 10_000.0])?;
    let duration = parse_duration(a.get("duration").unwrap_or("10m"))?;
    let replicas = a.parse_or("replicas", 2usize)?;
    let seed = a.parse_or("seed", 7u64)?;
    let p = replication_params(a)?;
    if engines.len() * rates.len() > 64 {
        return Err(bad("at most 64 engine × rate runs at once"));
    }
    // The series of all runs together stay under MAX_SERIES_ROWS (table, JSON and chart):
    // 64 runs of 5,000 points grew the kernel by 600 MB building their JSON.
    let mut p = p;
    let asked_points = p.series_points;
    p.series_points = p.series_points.min((MAX_SERIES_ROWS / (engines.len() * rates.len()).max(1)).max(2));

    // The whole command's work, checked before the first run.
    let work: f64 = engines
        .iter()
        // Over 15 replicas is refused by the run itself, with that reason.
        .filter_map(|e| crate::model::database::replication::steps(*e, duration, replicas.min(15), &p))
        .sum::<f64>()
        * rates.len() as f64;
    if work > crate::model::database::replication::MAX_STEPS {
        let d = crate::model::database::replication::too_many_steps(work);
        return Err(CommandError::from(d)
            .with_hint("shorten --duration, raise --tick-ms (e.g. --tick-ms 10 for runs of hours), or run fewer engines, rates or replicas"));
    }

    let cancelled = || ctx.cancelled();
    let mut runs = Vec::new();
    let total = (engines.len() * rates.len()) as f64;
    for e in &engines {
        for r in &rates {
            ctx.check()?;
            ctx.progress(
                &format!("simulating replication: {} at {} writes/s", e.name(), r),
                runs.len() as f64,
                total,
                "runs",
            );
            runs.push(simulate(*e, *r, duration, replicas, &p, seed, &cancelled)?);
        }
    }

    replication_reply(&Setup { engines, rates, duration, replicas, seed, p, asked_points }, &runs, ctx)
}

/// What `simulate replication` ran, for its tables and charts.
struct Setup {
    engines: Vec<SimEngine>,
    rates: Vec<f64>,
    duration: f64,
    replicas: usize,
    seed: u64,
    p: ReplicationParams,
    /// `--series-points` as asked, before MAX_SERIES_ROWS.
    asked_points: usize,
}

/// The runs as tables, charts and JSON. The interrupt is checked before each piece:
/// rendering many runs is not instant either.
fn replication_reply(s: &Setup, runs: &[RunResult], ctx: &Ctx) -> Result<Reply, CommandError> {
    let Setup { engines, rates, duration, replicas, seed, p, asked_points } = s;
    let (duration, replicas, seed, asked_points) = (*duration, *replicas, *seed, *asked_points);
    let runs_n = runs.len();
    ctx.check()?;
    let summary = t::replication_summary_df(runs)?;
    let series = t::replication_series_df(runs)?;
    let params = t::params_df(&p.describe())?;
    let caps: Vec<String> = runs
        .iter()
        .filter(|r| !r.summary.engine.starts_with("aurora") && r.summary.replicas > 0)
        .map(|r| r.summary.engine)
        .zip(runs.iter().map(|r| r.summary.apply_capacity_wps))
        .map(|(e, c)| format!("{} {:.0} writes/s", e, c))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let note = format!(
        "{} simulated, seed {}, {} replica(s), burst {}, {} binlog applier(s). lag_mean_ms = mean lag over the last {} s \
(a one-minute ReplicaLag datapoint at the end of the run); paper_lag = {}. Lag = time since the oldest write a replica \
has not applied; lag_final_ms shows growth. Replica apply capacity with a backlog: {}. Parameters marked \
'assumption' or 'calibrated' in replication_params are not AWS figures.",
        fmt_duration(duration),
        seed,
        replicas,
        p.burst.describe(),
        p.parallel_workers.max(1),
        p.report_window_s,
        sources::AURORA_PAPER_TABLE4,
        if caps.is_empty() { "n/a".into() } else { caps.join("; ") }
    );
    let note = if p.series_points < asked_points {
        format!(
            "{note} Series: {} points per run ({} runs; at most {MAX_SERIES_ROWS} points in all, MAX_SERIES_ROWS).",
            p.series_points, runs_n
        )
    } else {
        note
    };
    let mut reply = Reply::new().with_table(
        summary.clone(),
        Some("Replication: replica lag and commit latency".into()),
        Some(note),
    );

    // Lag over time: one line per engine and rate, log y (ms to minutes).
    let lag_series: Vec<Series> = runs
        .iter()
        .map(|r| Series::new(run_label(r), r.series.iter().map(|pt| (pt.time_s, pt.lag_ms.max(1e-3))).collect()))
        .collect();
    let spec = ChartSpec::new(
        "Replica lag over time (largest replica lag per interval)",
        "time (s)",
        "replica lag (log scale)",
    )
    .with_log_y(true)
    .with_y_millis(true);
    ctx.check()?;
    if let Ok(svg) = chart::line_chart(&spec, &lag_series) {
        reply = reply.with_svg(svg, "replica lag over time per engine and write rate");
    }
    // Lag against write rate: the model's end-of-run mean per engine (dots) and the
    // paper's Table 4 (dashed), log y.
    let by_rate: Vec<Series> = engines
        .iter()
        .map(|e| {
            Series::new(
                e.name(),
                runs.iter()
                    .filter(|r| r.summary.engine == e.name())
                    .map(|r| (r.summary.write_rate, r.summary.lag_mean_ms.max(1e-3)))
                    .collect(),
            )
        })
        .collect();
    let paper: Vec<Series> = engines
        .iter()
        .filter_map(|e| {
            let pts: Vec<(f64, f64)> =
                PAPER_LAG_MS.iter().filter(|(engine, _, _)| *engine == *e).map(|(_, rate, ms)| (*rate, *ms)).collect();
            (!pts.is_empty()).then(|| Series::new(format!("paper: {}", e.name()), pts))
        })
        .collect();
    let spec = ChartSpec::new(
        "Replica lag against write rate (mean of the last minute; dashed: Verbitski et al. 2017, Table 4)",
        "write rate (writes/s)",
        "replica lag (log scale)",
    )
    .with_log_y(true)
    .with_y_millis(true);
    ctx.check()?;
    if let Ok(svg) = chart::scatter_chart(&spec, &by_rate, &paper) {
        reply =
            reply.with_svg(svg, "replica lag against write rate per engine (log scale), with the paper's measurements");
    }
    // Commit latency distribution at the highest rate of each engine.
    let top = rates.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let dists: Vec<(String, Vec<f64>)> = runs
        .iter()
        .filter(|r| r.summary.write_rate == top && !r.commit_samples.is_empty())
        .map(|r| (run_label(r), r.commit_samples.clone()))
        .collect();
    let spec = ChartSpec::new(
        format!("Commit latency distribution at {} writes/s", top),
        "commit latency (ms)",
        "sampled commits",
    );
    ctx.check()?;
    if let Ok(svg) = chart::histogram(&spec, &dists, 60) {
        reply = reply.with_svg(svg, "commit latency distribution per engine");
    }
    reply = reply.with_table(
        params.clone(),
        Some("Parameters, units and sources".into()),
        Some(format!(
            "Commit: Aurora waits for 4 of 6 storage copies across 3 AZs, so every commit pays a cross-AZ round trip but not the two slowest copies; \
writes survive the loss of an AZ, reads and repair an AZ plus one more copy ({} ; {}).",
            sources::AURORA_QUORUM,
            sources::AURORA_STORAGE
        )),
    );

    ctx.check()?;
    let json = json!({
        "summary": records(&summary),
        "series": records(&series),
        "parameters": records(&params),
    });
    Ok(reply
        .with_json(json)
        .keep("replication_summary", summary)
        .keep("replication_series", series)
        .keep("replication_params", params))
}

/// Most points in the series of all runs of one `simulate replication` together.
pub const MAX_SERIES_ROWS: usize = 50_000;

fn fmt_duration(s: f64) -> String {
    if s >= 3600.0 && (s / 3600.0).fract() == 0.0 {
        format!("{} h", s / 3600.0)
    } else if s >= 60.0 && (s / 60.0).fract() == 0.0 {
        format!("{} min", s / 60.0)
    } else {
        format!("{} s", s)
    }
}

/// A DataFrame as a list of JSON records (the lab's JSON shape for tables).
fn records(df: &polars::prelude::DataFrame) -> Value {
    crate::render::table::to_records(df)
}

fn simulate_failover(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let names = a.list("engines");
    let names = if names.is_empty() {
        vec!["rds-multi-az".into(), "rds-multi-az-cluster".into(), "aurora".into()]
    } else {
        names
    };
    let topologies: Vec<Topology> = names.iter().map(|n| Topology::parse(n)).collect::<Result<_, _>>()?;
    let seed = a.parse_or("seed", 1u64)?;
    let runs = a.parse_or("runs", 200u32)?.clamp(1, 100_000);
    let p = FailoverParams {
        detection_override_s: f(a, "detection-s")?,
        dns_override_s: f(a, "dns-s")?,
        ..FailoverParams::default()
    };
    for v in [p.detection_override_s, p.dns_override_s].into_iter().flatten() {
        if !(v.is_finite() && v >= 0.0) {
            return Err(bad("--detection-s and --dns-s must be zero or more seconds"));
        }
    }
    let lines: Vec<FailoverTimeline> = topologies.iter().map(|t| failover::timeline(*t, &p, seed)).collect();
    let df = t::failover_df(&lines)?;

    let mut ranges = Vec::new();
    let total = topologies.len() as f64 * f64::from(runs);
    for (ti, topo) in topologies.iter().enumerate() {
        let mut w: Vec<f64> = Vec::with_capacity(runs as usize);
        for s in 0..runs {
            if s % 4096 == 0 {
                ctx.check()?;
                ctx.progress("simulating failover", ti as f64 * f64::from(runs) + f64::from(s), total, "runs");
            }
            w.push(failover::timeline(*topo, &p, seed.wrapping_add(u64::from(s))).write_unavailable_s);
        }
        w.sort_by(|a, b| a.total_cmp(b));
        let q = |f: f64| w[((w.len() - 1) as f64 * f).round() as usize];
        ranges.push(t::FailoverRange { engine: topo.name(), runs, min_s: q(0.0), p50_s: q(0.5), max_s: q(1.0) });
    }
    let ranges_df = t::failover_ranges_df(&ranges)?;

    // One row per topology, its phases in order (detect → promote → DNS) with a small
    // gap between them; the table names each phase.
    let longest = lines.iter().map(|l| l.write_unavailable_s).fold(0.0, f64::max);
    let gap = longest * 0.004;
    let bars: Vec<TimelineBar> = lines
        .iter()
        .flat_map(|l| {
            l.phases.iter().map(move |ph| TimelineBar {
                lane: display_name(l.topology).to_string(),
                start: ph.start_s,
                end: (ph.end_s - gap).max(ph.start_s),
                label: format!("{:.0} s", ph.end_s - ph.start_s),
                // One colour per kind of phase; the promotion's wording differs by topology.
                category: match ph.name.as_str() {
                    "failure detected" => "detection",
                    n if n.starts_with("DNS") => "DNS change",
                    _ => "promotion",
                }
                .to_string(),
            })
        })
        .collect();
    let spec = ChartSpec::new(
        "Failover: detect → promote → DNS change (writes unavailable throughout)",
        "seconds since the failure",
        "",
    );
    let mut reply = Reply::new().with_table(
        df.clone(),
        Some(format!("Failover downtime (seed {})", seed)),
        Some(
            "Phase splits are assumptions; their sums stay within AWS's documented typical totals (source column)."
                .into(),
        ),
    );
    ctx.check()?;
    if let Ok(svg) = chart::timeline(&spec, &bars) {
        reply = reply.with_svg(svg, "failover timeline per topology: detection, promotion, DNS change");
    }
    reply = reply.with_table(ranges_df.clone(), Some(format!("Write-unavailable window over {} seeds", runs)), None);
    let mut failovers = records(&df);
    if let Value::Array(items) = &mut failovers {
        for (item, l) in items.iter_mut().zip(&lines) {
            item["phases"] = json!(l
                .phases
                .iter()
                .map(|p| json!({"phase": p.name, "start_s": p.start_s, "end_s": p.end_s}))
                .collect::<Vec<_>>());
        }
    }
    let json = json!({ "failovers": failovers, "ranges": records(&ranges_df) });
    Ok(reply.with_json(json).keep("failover_summary", df).keep("failover_ranges", ranges_df))
}

/// A topology's name on the chart (short enough for the lane labels).
fn display_name(t: Topology) -> &'static str {
    match t {
        Topology::RdsMultiAz => "Multi-AZ instance",
        Topology::RdsMultiAzCluster => "Multi-AZ cluster",
        Topology::Aurora => "Aurora",
        Topology::AuroraNoReplica => "Aurora, no replica",
    }
}

fn simulate_storage_loss(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let azs: Vec<String> = ["az-a", "az-b", "az-c"].iter().map(|s| s.to_string()).collect();
    let mut cases: Vec<(String, ClusterVolume)> = Vec::new();
    match a.value::<usize>("lost")? {
        Some(n) if n > quorum::COPIES => return Err(bad("an Aurora volume has 6 copies; --lost must be 0–6")),
        Some(n) => {
            let mut v = ClusterVolume::new(&azs);
            v.lose(n);
            cases.push((format!("{} {} lost", n, if n == 1 { "copy" } else { "copies" }), v));
        }
        None => {
            for n in 0..=quorum::COPIES {
                let mut v = ClusterVolume::new(&azs);
                v.lose(n);
                cases.push((format!("{} {} lost", n, if n == 1 { "copy" } else { "copies" }), v));
            }
            let mut v = ClusterVolume::new(&azs);
            v.lose_az("az-c");
            cases.push(("one AZ lost".into(), v));
            let mut az1 = ClusterVolume::new(&azs);
            az1.lose_az("az-c");
            az1.lose(1);
            cases.push(("one AZ + one copy lost".into(), az1));
        }
    }
    let rate = f(a, "write-rate")?;
    let seed = a.parse_or("seed", 7u64)?;
    let mut rows = Vec::new();
    for (case, v) in cases {
        let (mut commit_p50_ms, mut throughput_wps) = (None, None);
        if let Some(r) = rate {
            let p = ReplicationParams {
                lost_storage_copies: quorum::COPIES - v.state().alive,
                ..ReplicationParams::default()
            };
            let run = simulate(SimEngine::AuroraMySql, r, 10.0, 1, &p, seed, &|| ctx.cancelled())?;
            commit_p50_ms =
                run.summary.writes_available.then_some((run.summary.commit_p50_ms * 1000.0).round() / 1000.0);
            throughput_wps = Some(run.summary.throughput_wps.round());
        }
        rows.push(t::StorageLossCase { case, state: v.state(), commit_p50_ms, throughput_wps });
    }
    let df = t::storage_loss_df(&rows)?;
    let reply = Reply::new()
        .with_table(
            df.clone(),
            Some("Aurora storage quorum: 6 copies, 2 per AZ; writes need 4, reads 3".into()),
            Some(format!(
                "Writes survive losing an AZ (4 copies left); reads and repair survive an AZ plus one more copy (3 left): {}",
                sources::AURORA_QUORUM
            )),
        )
        .with_json(json!({ "cases": records(&df) }))
        .keep("storage_loss", df);
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;

    use super::*;

    #[test]
    fn durations_parse_like_the_usage_line() {
        assert_eq!(parse_duration("10m").ok(), Some(600.0));
        assert_eq!(parse_duration("1h").ok(), Some(3600.0));
        assert_eq!(parse_duration("500ms").ok(), Some(0.5));
        assert_eq!(parse_duration("90").ok(), Some(90.0));
        assert!(parse_duration("soon").is_err() && parse_duration("-5m").is_err());
    }

    #[test]
    fn an_interrupt_stops_the_simulation() {
        let ctx = Ctx::new(Arc::new(AtomicBool::new(true)));
        let a = Args::from_pairs(&[], &[("engines", "rds-mysql"), ("duration", "1h")]);
        let e = simulate_replication(&Lab::new(), &a, &ctx).err().map(|e| e.code);
        assert_eq!(e.as_deref(), Some("KeyboardInterrupt"));
    }

    #[test]
    fn an_interrupt_stops_the_rendering_and_series_are_bounded() {
        // 64 runs asking 5,000 points each: 320,000 series rows grew the kernel by 600 MB.
        let rates: Vec<String> = (1..=32).map(|r| (r * 1000).to_string()).collect();
        let a = Args::from_pairs(
            &[],
            &[
                ("engines", "rds-mysql,aurora-mysql"),
                ("write-rate", &rates.join(",")),
                ("duration", "10s"),
                ("series-points", "5000"),
            ],
        );
        let reply = simulate_replication(&Lab::new(), &a, &Ctx::detached()).expect("runs");
        let series = &reply.kept.iter().find(|(n, _)| n == "replication_series").expect("series").1;
        assert!(series.height() <= MAX_SERIES_ROWS, "{} rows", series.height());
        let note = format!("{:?}", reply.outputs[0]);
        assert!(note.contains("MAX_SERIES_ROWS"), "{note}");
        // Interrupted once the runs are done: the tables and charts are not drawn.
        let setup = Setup {
            engines: vec![SimEngine::RdsMySql],
            rates: vec![1000.0],
            duration: 1.0,
            replicas: 1,
            seed: 7,
            p: ReplicationParams::default(),
            asked_points: 240,
        };
        let runs = vec![simulate(SimEngine::RdsMySql, 1000.0, 1.0, 1, &setup.p, 7, &|| false).expect("run")];
        assert!(replication_reply(&setup, &runs, &Ctx::detached()).is_ok());
        let stopped = Ctx::new(Arc::new(AtomicBool::new(true)));
        let e = replication_reply(&setup, &runs, &stopped).err().map(|e| e.code);
        assert_eq!(e.as_deref(), Some("KeyboardInterrupt"));
    }

    #[test]
    fn flags_reach_the_parameters() {
        let a = Args::from_pairs(
            &[],
            &[
                ("cross-az-rtt-ms", "2.5"),
                ("instance-class", "db.r6g.4xlarge"),
                ("burst", "spikes"),
                ("lost-storage-copies", "2"),
            ],
        );
        let p = replication_params(&a).expect("valid");
        assert_eq!(p.cross_az_rtt_ms, 2.5);
        let q = replication_params(&Args::from_pairs(
            &[],
            &[("parallel-workers", "8"), ("write-quorum", "6"), ("checkpoint-writes", "5000")],
        ))
        .expect("valid");
        assert_eq!((q.parallel_workers, q.write_quorum, q.checkpoint_writes), (8, 6, 5000.0));
        assert_eq!(p.replica_vcpus, 16.0);
        assert_eq!(p.lost_storage_copies, 2);
        assert!(matches!(p.burst, Burst::Spikes { factor, .. } if factor == 3.0));
        assert!(replication_params(&Args::from_pairs(&[], &[("burst", "chaos")])).is_err());
    }
}
