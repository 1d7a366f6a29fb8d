//! `simulate replication`: the flags as parameters, the runs, and their tables and JSON.

use serde_json::json;

use super::summary::ReplicationNote;
use super::{bad, charts, f, parse_duration, records};
use crate::command::{Args, CommandError, Ctx, Reply};
use crate::lab::Lab;
use crate::model::database::engine::InstanceClass;
use crate::model::database::instances::ec2_type_known;
use crate::model::database::replication::{simulate, Burst, ReplicationParams, RunResult, SimEngine};
use crate::model::database::sources;
use crate::tables::database as t;

/// The parameters as the flags set them.
pub(super) fn replication_params(a: &Args) -> Result<ReplicationParams, CommandError> {
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

pub(super) fn simulate_replication(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
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
pub(super) struct Setup {
    pub engines: Vec<SimEngine>,
    pub rates: Vec<f64>,
    pub duration: f64,
    pub replicas: usize,
    pub seed: u64,
    pub p: ReplicationParams,
    /// `--series-points` as asked, before MAX_SERIES_ROWS.
    pub asked_points: usize,
}

/// The runs as tables, charts and JSON. The interrupt is checked before each piece:
/// rendering many runs is not instant either.
pub(super) fn replication_reply(s: &Setup, runs: &[RunResult], ctx: &Ctx) -> Result<Reply, CommandError> {
    let p = &s.p;
    ctx.check()?;
    let summary = t::replication_summary_df(runs)?;
    let series = t::replication_series_df(runs)?;
    let params = t::params_df(&p.describe())?;
    let note = ReplicationNote { setup: s, runs }.to_string();
    let mut reply = Reply::new().with_table(
        summary.clone(),
        Some("Replication: replica lag and commit latency".into()),
        Some(note),
    );

    for (svg, alt) in charts::replication(s, runs, ctx)? {
        reply = reply.with_svg(svg, alt);
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
