//! `simulate failover`: each topology's detect → promote → DNS timeline, and the spread of
//! the write-unavailable window over many seeds.

use serde_json::{json, Value};

use super::{bad, charts, f, records};
use crate::command::{Args, CommandError, Ctx, Reply};
use crate::lab::Lab;
use crate::model::database::failover::{self, FailoverParams, FailoverTimeline, Topology};
use crate::tables::database as t;

pub(super) fn simulate_failover(_: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
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

    let ranges = spread(&topologies, &p, seed, runs, ctx)?;
    let ranges_df = t::failover_ranges_df(&ranges)?;

    let mut reply = Reply::new().with_table(
        df.clone(),
        Some(format!("Failover downtime (seed {})", seed)),
        Some(
            "Phase splits are assumptions; their sums stay within AWS's documented typical totals (source column)."
                .into(),
        ),
    );
    ctx.check()?;
    if let Some(svg) = charts::failover(&lines) {
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

/// Each topology's write-unavailable window over `runs` seeds from `seed`: its minimum,
/// median and maximum.
fn spread(
    topologies: &[Topology],
    p: &FailoverParams,
    seed: u64,
    runs: u32,
    ctx: &Ctx,
) -> Result<Vec<t::FailoverRange>, CommandError> {
    let mut ranges = Vec::new();
    let total = topologies.len() as f64 * f64::from(runs);
    for (ti, topo) in topologies.iter().enumerate() {
        let mut w: Vec<f64> = Vec::with_capacity(runs as usize);
        for s in 0..runs {
            if s % 4096 == 0 {
                ctx.check()?;
                ctx.progress("simulating failover", ti as f64 * f64::from(runs) + f64::from(s), total, "runs");
            }
            w.push(failover::timeline(*topo, p, seed.wrapping_add(u64::from(s))).write_unavailable_s);
        }
        w.sort_by(|a, b| a.total_cmp(b));
        let q = |f: f64| w[((w.len() - 1) as f64 * f).round() as usize];
        ranges.push(t::FailoverRange { engine: topo.name(), runs, min_s: q(0.0), p50_s: q(0.5), max_s: q(1.0) });
    }
    Ok(ranges)
}
