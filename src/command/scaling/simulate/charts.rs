//! The run's charts: load, CPU, alarm states and instances on one time axis, and the cost.

use super::priced;
use crate::command::{CommandError, Ctx};
use crate::model::scaling::autoscaling::{self, SimParams, SimResult};
use crate::render::chart::{line_chart, small_multiples, ChartSpec, Panel, Series, StateSpan};

/// The run's charts; the interrupt is checked before each is drawn.
pub(super) fn charts(p: &SimParams, r: &SimResult, ctx: &Ctx) -> Result<Vec<(String, String)>, CommandError> {
    let x = |t: u64| t as f64 / 60.0;
    let pts = |f: &dyn Fn(&autoscaling::Sample) -> Option<f64>| -> Vec<(f64, f64)> {
        r.timeline.iter().filter_map(|s| f(s).map(|v| (x(s.t_s), v))).collect()
    };
    let mut load = vec![Series::new("arriving", pts(&|s| Some(s.load_rps)))];
    if r.timeline.iter().any(|s| s.unserved_rps > 0.0) {
        load.push(Series::new("not served", pts(&|s| Some(s.unserved_rps))));
    }
    let alarms = [
        ("scale-out alarm", alarm_spans(r, |s| s.alarm_state)),
        ("scale-in alarm", alarm_spans(r, |s| s.alarm_low_state)),
    ];
    let spans: Vec<StateSpan> = alarms
        .iter()
        .flat_map(|(lane, spans)| {
            spans.iter().map(|(a, b, st)| StateSpan {
                lane: lane.to_string(),
                start: x(*a),
                end: x(*b),
                state: st.name().into(),
            })
        })
        .collect();
    let panels = vec![
        Panel::Lines {
            heading: "Load at the load balancer (requests per second)".into(),
            series: load,
            guides: vec![],
            steps: false,
        },
        Panel::Lines {
            heading: "Average CPU utilization of the instances in service (%)".into(),
            series: vec![
                Series::new("average CPU", pts(&|s| Some(s.cpu_avg_pct))),
                Series::new("CloudWatch datapoint", pts(&|s| s.cpu_metric_pct)),
            ],
            guides: vec![(format!("target {} %", p.target_cpu_pct), p.target_cpu_pct)],
            steps: false,
        },
        Panel::States { heading: "CloudWatch alarm state".into(), spans },
        Panel::Lines {
            heading: "Instances".into(),
            series: vec![
                Series::new("in service", pts(&|s| Some(s.in_service as f64))),
                Series::new("desired", pts(&|s| Some(s.desired as f64))),
            ],
            guides: vec![],
            steps: true,
        },
    ];
    // Summed from +0: an empty f64 `sum()` is -0, which printed "in ALARM for -0 min".
    let in_alarm = |spans: &[(u64, u64, autoscaling::AlarmState)]| -> f64 {
        spans
            .iter()
            .filter(|s| s.2 == autoscaling::AlarmState::Alarm)
            .map(|s| (s.1 - s.0) as f64 / 60.0)
            .fold(0.0, |a, b| a + b)
    };
    let peak = r.timeline.iter().map(|s| s.load_rps).fold(0.0, f64::max);
    let (lo, hi) = r.timeline.iter().fold((u32::MAX, 0), |(lo, hi), s| (lo.min(s.in_service), hi.max(s.in_service)));
    let alt = format!(
        "Autoscaling over {} min on one time axis: load at the load balancer (peak {:.0} requests/s), average CPU against \
the {} % target, the alarms' states (scale-out alarm in ALARM for {} min, scale-in alarm for {} min), and instances in service \
({} to {})",
        p.duration_s / 60,
        peak,
        p.target_cpu_pct,
        in_alarm(&alarms[0].1),
        in_alarm(&alarms[1].1),
        lo.min(hi),
        hi
    );
    let spec = ChartSpec::new(
        format!("Load test: {} × {}, {} policy", p.group_name, p.instance_type, p.policy.aws_name()),
        "time since the load test started (minutes)",
        "",
    )
    .with_size(760, 640);
    ctx.check()?;
    let mut out: Vec<(String, String)> =
        small_multiples(&spec, &panels).ok().map(|svg| (svg, alt)).into_iter().collect();
    if priced(p) {
        ctx.check()?;
        let spec = ChartSpec::new("Cost so far", "time since the load test started (minutes)", "US dollars")
            .with_size(760, 300);
        if let Ok(svg) = line_chart(&spec, &[Series::new("cost", pts(&|s| Some(s.cost_usd)))]) {
            out.push((svg, format!("Cumulative cost of the instances: ${:.4} at the end", r.total_cost_usd)));
        }
    }
    ctx.check()?;
    Ok(out)
}

/// One alarm's states as (from, to, state) spans in seconds, neighbours in the same state
/// merged. Alarms change only at period ends, which are sample times, so a sample's state
/// holds from its time to the next sample's; before the first, the alarm has no data yet.
pub(super) fn alarm_spans(
    r: &SimResult,
    of: impl Fn(&autoscaling::Sample) -> autoscaling::AlarmState,
) -> Vec<(u64, u64, autoscaling::AlarmState)> {
    let mut out: Vec<(u64, u64, autoscaling::AlarmState)> = Vec::new();
    let mut from = (0u64, autoscaling::AlarmState::INITIAL);
    for s in &r.timeline {
        if s.t_s > from.0 {
            match out.last_mut() {
                Some(last) if last.2 == from.1 && last.1 == from.0 => last.1 = s.t_s,
                _ => out.push((from.0, s.t_s, from.1)),
            }
        }
        from = (s.t_s, of(s));
    }
    out
}
