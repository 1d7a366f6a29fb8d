//! The charts of `simulate replication`: lag over time, lag against write rate beside the
//! paper's measurements, and the commit latency distribution; and the failover timeline.

use super::replication::Setup;
use crate::command::{CommandError, Ctx};
use crate::model::database::failover::{FailoverTimeline, Topology};
use crate::model::database::replication::{RunResult, SimEngine};
use crate::render::chart::{self, ChartSpec, Series, TimelineBar};

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

pub(super) fn run_label(r: &RunResult) -> String {
    format!("{} @ {} w/s", r.summary.engine, r.summary.write_rate)
}

/// The charts, each as (SVG, alt text); the interrupt is checked before each is drawn and a
/// chart that cannot be drawn is left out.
pub(super) fn replication(s: &Setup, runs: &[RunResult], ctx: &Ctx) -> Result<Vec<(String, String)>, CommandError> {
    let (engines, rates) = (&s.engines, &s.rates);
    let mut out = Vec::new();
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
        out.push((svg, "replica lag over time per engine and write rate".to_string()));
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
        out.push((
            svg,
            "replica lag against write rate per engine (log scale), with the paper's measurements".to_string(),
        ));
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
        out.push((svg, "commit latency distribution per engine".to_string()));
    }
    Ok(out)
}

/// The failover timeline: one lane per topology with its phases; None if it cannot be drawn.
pub(super) fn failover(lines: &[FailoverTimeline]) -> Option<String> {
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
    chart::timeline(&spec, &bars).ok()
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
