//! `simulate autoscaling`: the course's load test on an ALB + Auto Scaling group, with
//! CloudWatch alarms and a scaling policy, as charts, an activity table and JSON.

use crate::model::codes;
use serde_json::{json, Value};

use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::scaling::autoscaling::{
    self, iso, Algorithm, CreditMode, Monitoring, PolicyKind, SimParams, SimResult,
};
use crate::model::scaling::instance;
use crate::model::scaling::load::{parse_duration, LoadProfile};
use crate::render::chart::{line_chart, small_multiples, ChartSpec, Panel, Series, StateSpan};
use crate::tables::round;
use crate::tables::scaling as t;

const FLAGS: &[Flag] = &[
    Flag::value("instance-type", "instance type (default t3.micro)"),
    Flag::value("auto-scaling-group-name", "simulate a group made with create-auto-scaling-group"),
    Flag::value("min", "minimum size (default 2)"),
    Flag::value("max", "maximum size (default 6)"),
    Flag::value("desired", "desired capacity at the start (default: min)"),
    Flag::value("target-cpu", "target average CPU % (default 50)"),
    Flag::value("load", "load profile: ramp:0-3000rps:10m,steady:20m,drop:10m, cpu-script:30m, …"),
    Flag::choice(
        "metrics",
        "CloudWatch monitoring: basic (5 min, the default for a new group) or detailed (1 min)",
        &["basic", "detailed"],
    ),
    Flag::choice("policy", "scaling policy", &["target-tracking", "step", "simple"]),
    Flag::value("warmup", "instance warm-up, seconds (default 300)"),
    Flag::value("cooldown", "cooldown for simple scaling, seconds (default 300)"),
    Flag::value("boot-time", "pending → running, seconds (default 45, assumption)"),
    Flag::value("cpu-ms-per-request", "CPU time one request costs, ms (default 1.5, assumption)"),
    Flag::choice("algorithm", "ALB routing", &["round-robin", "least-outstanding-requests"]),
    Flag::choice("credit-specification", "burstable credit mode", &["standard", "unlimited"]),
    Flag::value("scale-in-protected", "the first N instances are protected from scale in"),
    Flag::value("health-check-grace-period", "seconds (default 0, as from the CLI)"),
    Flag::value("tail", "time simulated after the load test ends, with no load (default 20m)"),
    Flag::switch("cold-start", "launch the group's instances at t = 0 instead of starting warm"),
    Flag::value("seed", "random seed (default 1)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "simulate autoscaling",
        service: "lab",
        summary: "ALB + Auto Scaling + CloudWatch under a load test: load, CPU, instances, alarms, cost",
        usage: "simulate autoscaling [--instance-type T] [--min N] [--max N] [--target-cpu PCT] --load PROFILE \
[--metrics basic|detailed] [--policy target-tracking|step|simple] [--warmup S] [--cooldown S] [--seed N]",
        help: "Second by second: the ALB spreads the load over healthy targets, each instance's CPU follows \
its share and its vCPUs (burstable types spend CPU credits), CloudWatch averages CPU over 1- or 5-minute \
periods (warming-up instances left out), alarms fire after their datapoints, and the policy changes the \
desired capacity; instances boot, pass health checks, warm up, drain and are billed per running second.\n\
Load profiles: ramp:A-Brps:DUR, steady:DUR, steady:Nrps:DUR, drop:DUR, spike:Nrps:DUR, idle:DUR, \
cpu-script:DUR (the course's script on every instance). After the profile, --tail (default 20m) more is \
simulated with no load, so the scale-in shows.\n\
Example: simulate autoscaling --instance-type t3.micro --min 2 --max 6 --target-cpu 50 \
--load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1\n\
Keeps tables `autoscaling_timeline`, `autoscaling_events` and `autoscaling_assumptions`.",
        flags: FLAGS,
        run: Run::Write(run),
    }]
}

fn invalid(msg: impl Into<String>) -> CommandError {
    CommandError::new(codes::INVALID_PARAMETER_VALUE, msg)
}

/// Builds the parameters from the flags (and a CLI-made group, when named).
pub fn params_from_args(lab: &Lab, a: &Args) -> Result<(SimParams, LoadProfile), CommandError> {
    let region = crate::command::region::of(lab, a)?;
    let group = match a.get("auto-scaling-group-name") {
        Some(name) => Some(lab.scaling.group_sim_defaults(&region, name)?),
        None => None,
    };
    let ty = a
        .get("instance-type")
        .map(String::from)
        .or_else(|| group.as_ref().map(|g| g.instance_type.clone()))
        .unwrap_or_else(|| "t3.micro".into());
    // vCPUs (and the snapshot's us-east-1 price) from the instance catalog.
    let own = instance::lookup(&ty);
    let vcpus = match &own {
        Some(o) => o.vcpus,
        None => {
            let mut e = invalid(format!("The instance type '{}' does not exist in the instance catalog", ty));
            if let Some(c) = crate::model::compute::catalog::closest(&ty) {
                e = e.with_hint(format!("did you mean {}?", c));
            }
            return Err(e);
        }
    };
    // A price is the price book's for this region; a missing pair is said, never estimated.
    let (price, source) = match (lab.pricing.price(&ty, &region), own.as_ref().and_then(|o| o.price_per_hour_usd)) {
        (Some(p), _) => (Some(p), format!("{} ({})", lab.pricing.label(), region)),
        (None, Some(p)) if region == "us-east-1" => {
            (Some(p), "us-east-1 on-demand Linux, snapshot read 2026-11-24".to_string())
        }
        _ => (None, format!("no price known for {} in {}: cost not estimated", ty, region)),
    };
    let mut p = SimParams::new(&ty, vcpus.max(1), price.unwrap_or(0.0), instance::burst_spec(&ty));
    p.price_source = source;
    let zones = crate::model::regions::availability_zones(&region);
    if zones.len() >= 2 {
        p.availability_zones = zones[..2].to_vec();
    }
    if let Some(g) = &group {
        p.group_name = g.group_name.clone();
        p.min_size = g.min_size;
        p.max_size = g.max_size;
        p.desired_capacity = g.desired_capacity;
        p.availability_zones = g.availability_zones.clone();
        p.initial_instance_ids = g.instance_ids.clone();
        p.health_check_grace_s = g.health_check_grace_s;
        p.protected_instances = if g.protect_new_instances { g.max_size } else { 0 };
        if let Some(c) = g.cooldown_s {
            p.cooldown_s = c;
        }
        if let Some((kind, name, target, warmup)) = &g.policy {
            p.set_policy(*kind);
            p.policy_name = name.clone();
            if let Some(t) = target {
                p.target_cpu_pct = *t;
            }
            if let Some(w) = warmup {
                p.warmup_s = *w;
            }
        }
        if let Some((interval, threshold, algorithm)) = g.health_check {
            p.health_check_interval_s = interval;
            p.healthy_threshold = threshold;
            p.algorithm = algorithm;
        }
        if p.credit_mode == CreditMode::Unlimited && g.credit_standard {
            p.credit_mode = CreditMode::Standard;
        }
    }
    if let Some(v) = a.value::<u32>("min")? {
        p.min_size = v;
    }
    if let Some(v) = a.value::<u32>("max")? {
        p.max_size = v;
    }
    p.desired_capacity = match a.value::<u32>("desired")? {
        Some(v) => v,
        None if group.is_some() => p.desired_capacity.clamp(p.min_size, p.max_size.max(p.min_size)),
        None => p.min_size,
    };
    if let Some(v) = a.value::<f64>("target-cpu")? {
        p.target_cpu_pct = v;
    }
    if let Some(v) = a.get("policy") {
        p.set_policy(PolicyKind::parse(v).ok_or_else(|| invalid(format!("unknown policy '{}'", v)))?);
    } else {
        p.reset_scale_in_alarm();
    }
    match a.get("metrics") {
        Some("basic") => p.monitoring = Monitoring::Basic,
        Some("detailed") => p.monitoring = Monitoring::Detailed,
        _ => {}
    }
    if let Some(v) = a.value::<u64>("warmup")? {
        p.warmup_s = v;
    }
    if let Some(v) = a.value::<u64>("cooldown")? {
        p.cooldown_s = v;
    }
    if let Some(v) = a.value::<u64>("boot-time")? {
        p.boot_s = v;
    }
    if let Some(v) = a.value::<f64>("cpu-ms-per-request")? {
        p.cpu_ms_per_request = v;
    }
    if let Some(v) = a.value::<u64>("health-check-grace-period")? {
        p.health_check_grace_s = v;
    }
    if let Some(v) = a.value::<u32>("scale-in-protected")? {
        p.protected_instances = v;
    }
    if let Some(v) = a.get("algorithm") {
        p.algorithm = Algorithm::parse(v).ok_or_else(|| invalid(format!("unknown algorithm '{}'", v)))?;
    }
    match a.get("credit-specification") {
        Some("standard") if p.burst.is_some() => p.credit_mode = CreditMode::Standard,
        Some("unlimited") if p.burst.is_some() => p.credit_mode = CreditMode::Unlimited,
        Some(_) if p.burst.is_none() => {
            return Err(invalid(format!("{} is not a burstable type: it has no CPU credits", ty)));
        }
        _ => {}
    }
    p.start_warm = !a.switch("cold-start");
    p.seed = a.parse_or("seed", 1u64)?;
    let load_text = a.required("load")?;
    let load = LoadProfile::parse(load_text).map_err(|e| invalid(format!("--load: {}", e)))?;
    let tail = match a.get("tail") {
        Some(t) => parse_duration(t).map_err(|e| invalid(format!("--tail: {}", e)))?,
        None => 1200,
    };
    p.duration_s = load.duration_s().saturating_add(tail);
    p.validate()?;
    Ok((p, load))
}

fn run(lab: &mut Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let (p, load) = params_from_args(lab, a)?;
    let total_min = p.duration_s as f64 / 60.0;
    let mut check = |t: u64| {
        ctx.progress(
            &format!("simulating autoscaling: {} × {}", p.group_name, p.instance_type),
            (t as f64 / 60.0).floor(),
            total_min,
            "simulated min",
        );
        !ctx.cancelled()
    };
    let r = autoscaling::simulate(&p, &load, &mut check)?;
    ctx.check()?;
    // Kept for `get-metric-statistics` on this group.
    lab.scaling.metrics.retain(|(g, _)| *g != p.group_name);
    lab.scaling
        .metrics
        .push((p.group_name.clone(), r.timeline.iter().map(|s| (s.t_s, s.cpu_avg_pct, s.load_rps)).collect()));
    let timeline = t::autoscaling_timeline_df(&r)?;
    let events = t::autoscaling_events_df(&p, &r)?;
    let assumptions = t::autoscaling_assumptions_df(&p)?;
    let mut reply = Reply::new().with_markdown(summary(&p, &load, &r));
    for (svg, alt) in charts(&p, &r, ctx)? {
        reply = reply.with_svg(svg, alt);
    }
    let note = "Times are simulated (t = 0 at 2026-01-05T09:00:00Z); causes are worded like the ASG activity history.";
    Ok(reply
        .with_table(events.clone(), Some("Scaling activities and alarm changes".into()), Some(note.into()))
        .with_table(assumptions.clone(), Some("Parameters (source or assumption)".into()), None)
        .with_json(to_json(&p, &r))
        .keep("autoscaling_timeline", timeline)
        .keep("autoscaling_events", events)
        .keep("autoscaling_assumptions", assumptions))
}

fn summary(p: &SimParams, load: &LoadProfile, r: &SimResult) -> String {
    let mins = |t: Option<u64>| t.map_or("never".to_string(), |t| format!("t = {} min {} s", t / 60, t % 60));
    let mut s = format!(
        "**simulate autoscaling** — {} × {} ({} vCPU), {} policy, target CPU {} %, {} monitoring ({} s periods), load `{}`, seed {}\n\n",
        p.group_name, p.instance_type, p.vcpus, p.policy.aws_name(), p.target_cpu_pct, p.monitoring.name(),
        p.monitoring.period_s(), load.text, p.seed
    );
    s.push_str(&format!(
        "- first scale-out: {}; first scale-in: {}; most instances in service: {} (max {})\n",
        mins(r.first_scale_out_s()),
        mins(r.first_scale_in_s()),
        r.max_in_service,
        p.max_size
    ));
    let total = r.served_requests + r.unserved_requests;
    s.push_str(&format!(
        "- requests: {:.0} served, {:.0} not served ({:.2} %: no healthy target or CPU saturated)\n",
        r.served_requests,
        r.unserved_requests,
        if total > 0.0 { 100.0 * r.unserved_requests / total } else { 0.0 }
    ));
    if p.price_source.starts_with("no price known") {
        s.push_str(&format!("- cost: {}\n", p.price_source));
    } else {
        s.push_str(&format!(
            "- cost over {} min: ${:.4} (instances billed per running second",
            p.duration_s / 60,
            r.total_cost_usd
        ));
        if r.surplus_credit_cost_usd > 0.0 {
            s.push_str(&format!("; includes ${:.4} of surplus CPU credits", r.surplus_credit_cost_usd));
        }
        s.push_str(")\n");
    }
    s.push_str(&format!(
        "- assumption: one request costs {} CPU-ms; boot {} s; the parameters table gives every number's source\n",
        p.cpu_ms_per_request, p.boot_s
    ));
    s
}

/// The run's charts; the interrupt is checked before each is drawn.
fn charts(p: &SimParams, r: &SimResult, ctx: &Ctx) -> Result<Vec<(String, String)>, CommandError> {
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
    let in_alarm = |spans: &[(u64, u64, autoscaling::AlarmState)]| -> f64 {
        spans.iter().filter(|s| s.2 == autoscaling::AlarmState::Alarm).map(|s| (s.1 - s.0) as f64 / 60.0).sum()
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
fn alarm_spans(
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

/// False when the price book has no price for the type in the region.
fn priced(p: &SimParams) -> bool {
    !p.price_source.starts_with("no price known")
}

fn to_json(p: &SimParams, r: &SimResult) -> Value {
    json!({
        "group_name": p.group_name,
        "instance_type": p.instance_type,
        "policy": p.policy.aws_name(),
        "metrics": p.monitoring.name(),
        "period_s": p.monitoring.period_s(),
        "target_cpu_pct": p.target_cpu_pct,
        "seed": p.seed,
        "total_cost_usd": priced(p).then(|| round(r.total_cost_usd, 6)),
        "price_per_hour_usd": priced(p).then_some(p.price_per_hour_usd),
        "price_source": p.price_source,
        "max_in_service": r.max_in_service,
        "served_requests": r.served_requests.round(),
        "unserved_requests": r.unserved_requests.round(),
        "timeline": r.timeline.iter().map(|s| json!({
            "t_s": s.t_s,
            "load_rps": round(s.load_rps, 1),
            "cpu_avg_pct": round(s.cpu_avg_pct, 2),
            "cpu_metric_pct": s.cpu_metric_pct.map(|v| round(v, 2)),
            "desired": s.desired,
            "in_service": s.in_service,
            "healthy": s.healthy,
            "alarm_state": s.alarm_state.name(),
            "alarm_low_state": s.alarm_low_state.name(),
            "unserved_rps": round(s.unserved_rps, 1),
            "cpu_credit_balance": s.credit_balance.map(|v| round(v, 2)),
            "cost_usd": round(s.cost_usd, 6),
        })).collect::<Vec<_>>(),
        "events": r.events.iter().map(|e| json!({
            "t_s": e.t_s,
            "start_time": iso(p.start, e.t_s),
            "end_time": e.end_t_s.map(|t| iso(p.start, t)),
            "activity": e.kind,
            "instance_id": e.instance_id,
            "description": e.description,
            "cause": e.cause,
            "desired_from": e.desired_from,
            "desired_to": e.desired_to,
        })).collect::<Vec<_>>(),
        "assumptions": p.assumptions().iter().map(|(n, v, s)| json!({"parameter": n, "value": v, "source": s})).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use crate::command::publish::RunCell;
    use crate::kernel::{Event, Outcome};
    use crate::lab::Lab;
    use crate::model::network::InstanceState;
    use serde_json::Value;

    fn json_of(events: &[Event]) -> serde_json::Value {
        for e in events {
            if let Event::Stream { text, .. } = e {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
                    return v;
                }
            }
            if let Event::Display { data, .. } = e {
                if let Some(t) = data.get("text/plain").and_then(|v| v.as_str()) {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
                        return v;
                    }
                }
            }
        }
        panic!("no JSON output in {:?}", events.len());
    }

    #[test]
    fn the_issue_example_gives_a_timeline_and_events_as_json() {
        let mut s = Lab::default();
        let (ev, out) = s.run_cell(
            "simulate autoscaling --instance-type t3.micro --min 2 --max 6 --target-cpu 50 --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1 --output json",
        );
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let v = json_of(&ev);
        let tl = v["timeline"].as_array().unwrap();
        assert_eq!(tl.len(), 60); // 40 min of profile + 20 min tail, one record a minute
        for k in ["t_s", "load_rps", "cpu_avg_pct", "desired", "in_service", "alarm_state", "cost_usd"] {
            assert!(tl[0].get(k).is_some(), "missing {}", k);
        }
        assert!(tl.iter().all(|r| r["desired"].as_u64().unwrap() <= 6));
        let events = v["events"].as_array().unwrap();
        assert!(events
            .iter()
            .any(|e| e["description"].as_str().unwrap().starts_with("Launching a new EC2 instance: i-0")));
        assert!(s.results.contains_key("autoscaling_timeline") && s.results.contains_key("autoscaling_events"));
        // The same seed gives the same JSON.
        let mut s2 = Lab::default();
        let (ev2, _) = s2.run_cell(
            "simulate autoscaling --instance-type t3.micro --min 2 --max 6 --target-cpu 50 --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1 --output json",
        );
        assert_eq!(json_of(&ev2), v);
    }

    #[test]
    fn an_interrupt_stops_the_charts() {
        use crate::command::{Args, Ctx};
        use std::sync::atomic::AtomicBool;
        use std::sync::Arc;
        let lab = crate::lab::Lab::new();
        let a = Args::from_pairs(&[], &[("load", "steady:1500rps:2d")]);
        let (p, load) = super::params_from_args(&lab, &a).expect("valid");
        let r = super::autoscaling::simulate(&p, &load, &mut |_| true).expect("runs");
        // The small multiples, and the cost when the type is priced.
        assert!(!super::charts(&p, &r, &Ctx::detached()).expect("drawn").is_empty());
        let stopped = Ctx::new(Arc::new(AtomicBool::new(true)));
        assert_eq!(super::charts(&p, &r, &stopped).err().map(|e| e.code).as_deref(), Some("KeyboardInterrupt"));
    }

    #[test]
    fn charts_and_tables_are_shown() {
        let mut s = Lab::default();
        let (ev, out) =
            s.run_cell("simulate autoscaling --load ramp:0-3000rps:10m,steady:20m --policy step --metrics basic");
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let svgs: Vec<&str> = ev
            .iter()
            .filter_map(|e| match e {
                Event::Display { data, .. } => data.get("image/svg+xml").and_then(|v| v.as_str()),
                _ => None,
            })
            .collect();
        // Load, CPU, alarm state and instances in one SVG over one time axis; cost apart.
        assert_eq!(svgs.len(), 2);
        let text = |t: &str| format!(">\n{t}\n</text>");
        for heading in ["Load at the load balancer (requests per second)", "CloudWatch alarm state", "Instances"] {
            assert!(svgs[0].contains(&text(heading)), "{heading}");
        }
        assert_eq!(svgs[0].matches(&text("time since the load test started (minutes)")).count(), 1);
        // The alarms' states are bands with a legend, not a line over 0 / 0.5 / 1.
        for state in ["OK", "ALARM", "INSUFFICIENT_DATA"] {
            assert!(svgs[0].contains(&text(state)), "{state}");
        }
        assert!(!svgs.iter().any(|s| s.contains("0.5 = INSUFFICIENT_DATA")));
    }

    #[test]
    fn alarm_spans_cover_the_run_and_change_when_the_alarm_does() {
        use crate::model::scaling::autoscaling::{self, AlarmState, SimParams};
        use crate::model::scaling::load::LoadProfile;
        let mut p = SimParams::new("t3.micro", 2, 0.0104, None);
        let load = LoadProfile::parse("ramp:0-3000rps:10m,steady:20m,drop:10m").unwrap();
        p.duration_s = load.duration_s() + 1200;
        let r = autoscaling::simulate(&p, &load, &mut |_| true).unwrap();
        let spans = super::alarm_spans(&r, |s| s.alarm_state);
        assert_eq!((spans[0].0, spans[0].2), (0, AlarmState::INITIAL));
        assert!(spans.windows(2).all(|w| w[0].1 == w[1].0 && w[0].2 != w[1].2), "contiguous, merged: {spans:?}");
        assert_eq!(spans.last().unwrap().1, p.duration_s);
        // Each boundary is a state change of the scale-out alarm in the activity history.
        let changes: Vec<u64> = r
            .events
            .iter()
            .filter(|e| e.kind == "Alarm" && e.description.contains("AlarmHigh"))
            .map(|e| e.t_s)
            .collect();
        let bounds: Vec<u64> = spans[1..].iter().map(|s| s.0).collect();
        assert_eq!(bounds, changes);
        assert!(spans.iter().any(|s| s.2 == AlarmState::Alarm), "the ramp sets the alarm off");
    }

    #[test]
    fn bad_input_is_an_error_and_leaves_the_lab_unchanged() {
        let mut s = Lab::default();
        for (cell, needle) in [
            ("simulate autoscaling --load ramp:0-3000rps", "cannot read segment"),
            ("simulate autoscaling --load steady:1m --instance-type x9.huge", "does not exist in the instance catalog"),
            ("simulate autoscaling --load steady:1m --min 5 --max 2", "min size 5 is larger than max size 2"),
            (
                "simulate autoscaling --load steady:1m --instance-type m5.large --credit-specification standard",
                "not a burstable type",
            ),
            ("simulate autoscaling --load steady:1m --auto-scaling-group-name nope", "AutoScalingGroup name not found"),
        ] {
            let (_, out) = s.run_cell(cell);
            match out {
                Outcome::Error { evalue, .. } => assert!(evalue.contains(needle), "{}: {}", cell, evalue),
                _ => panic!("{} should fail", cell),
            }
            assert!(s.results.is_empty() && s.scaling.metrics.is_empty());
        }
    }

    #[test]
    fn a_cli_made_group_can_be_simulated_and_a_failing_create_changes_nothing() {
        let mut s = Lab::default();
        let n = &mut s.network;
        n.create_vpc("us-east-1", "10.0.0.0/16", Some("prod".into())).unwrap();
        n.create_subnet("us-east-1", "prod", "10.0.1.0/24", Some("us-east-1a"), Some("pub-a".into())).unwrap();
        n.create_subnet("us-east-1", "prod", "10.0.2.0/24", Some("us-east-1b"), Some("pub-b".into())).unwrap();
        n.create_vpc("us-east-1", "10.1.0.0/16", Some("other".into())).unwrap();
        n.create_subnet("us-east-1", "other", "10.1.1.0/24", Some("us-east-1a"), Some("other-a".into())).unwrap();
        let (_, out) = s.run_cell(
            "aws ec2 create-launch-template --launch-template-name web-lt --launch-template-data '{\"ImageId\":\"ami-0123456789abcdef0\",\"InstanceType\":\"t3.small\"}'\n\
             aws elbv2 create-target-group --name web-tg --protocol HTTP --port 80 --vpc-id prod --health-check-path /",
        );
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let tg = s.scaling.target_groups[0].arn.clone();
        let before = format!("{:?}", s.scaling);
        let (_, out) = s.run_cell(&format!(
            "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 2 --max-size 4 --vpc-zone-identifier other-a --target-group-arns {}",
            tg
        ));
        match out {
            Outcome::Error { evalue, .. } => {
                assert!(
                    evalue.contains("(ValidationError) when calling the CreateAutoScalingGroup operation"),
                    "{}",
                    evalue
                )
            }
            _ => panic!("must fail"),
        }
        assert_eq!(format!("{:?}", s.scaling), before);
        let (_, out) = s.run_cell(&format!(
            "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 2 --max-size 4 --vpc-zone-identifier pub-a,pub-b --target-group-arns {}\n\
             aws autoscaling put-scaling-policy --auto-scaling-group-name web-asg --policy-name cpu40 --policy-type TargetTrackingScaling --target-tracking-configuration '{{\"PredefinedMetricSpecification\":{{\"PredefinedMetricType\":\"ASGAverageCPUUtilization\"}},\"TargetValue\":40.0}}'\n\
             simulate autoscaling --auto-scaling-group-name web-asg --load ramp:0-3000rps:10m,steady:20m --output json\n\
             aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=AutoScalingGroupName,Value=web-asg --period 300 --statistics Average --output json",
            tg
        ));
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        assert_eq!(s.scaling.alarms.len(), 2);
        assert!(s.scaling.metrics.iter().any(|(g, _)| g == "web-asg"));
        // The ALB in front, and every describe in the AWS CLI's JSON shape.
        let (_, out) = s.run_cell(&format!(
            "aws elbv2 create-load-balancer --name web-alb --subnets pub-a pub-b\n\
             aws elbv2 create-listener --load-balancer-arn web-alb --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn={}\n\
             aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 3",
            tg
        ));
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        for (cell, key, len) in [
            ("aws elbv2 describe-load-balancers --output json", "LoadBalancers", 1),
            ("aws elbv2 describe-target-groups --names web-tg --output json", "TargetGroups", 1),
            ("aws elbv2 describe-target-health --target-group-arn web-tg --output json", "TargetHealthDescriptions", 3),
            ("aws autoscaling describe-auto-scaling-groups --output json", "AutoScalingGroups", 1),
            (
                "aws autoscaling describe-scaling-activities --auto-scaling-group-name web-asg --output json",
                "Activities",
                3,
            ),
            ("aws cloudwatch describe-alarms --output json", "MetricAlarms", 2),
        ] {
            let (ev, out) = s.run_cell(cell);
            assert!(matches!(out, Outcome::Ok), "{}: {:?}", cell, out);
            let v = json_of(&ev);
            assert_eq!(v[key].as_array().map(|a| a.len()), Some(len), "{}: {}", cell, v);
        }
        let (ev, _) = s.run_cell("aws autoscaling describe-auto-scaling-groups --output json");
        let g = &json_of(&ev)["AutoScalingGroups"][0];
        assert_eq!(g["DesiredCapacity"], 3);
        assert_eq!(g["Instances"][0]["LifecycleState"], "InService");
        let (ev, _) = s.run_cell("aws elbv2 describe-target-health --target-group-arn web-tg --output json");
        assert_eq!(json_of(&ev)["TargetHealthDescriptions"][0]["TargetHealth"]["State"], "healthy");
        // A stopped target is not in service.
        let first = s.scaling.target_groups[0].targets[0].clone();
        let (_, out) = s.run_cell(&format!("stop-instances --instance-ids {}", first));
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let (ev, _) = s.run_cell("aws elbv2 describe-target-health --target-group-arn web-tg --output json");
        let h = &json_of(&ev)["TargetHealthDescriptions"][0]["TargetHealth"];
        assert_eq!((h["State"].as_str(), h["Reason"].as_str()), (Some("unused"), Some("Target.InvalidState")), "{}", h);
    }

    #[test]
    fn group_instances_run_in_ec2_and_scale_in_terminates_them() {
        let mut s = Lab::default();
        let (_, out) = s.run_cell(
            "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 0\n\
             create-security-group --group-name web --description web --vpc-id shop-vpc\n\
             authorize-security-group-ingress --group-id web --protocol tcp --port 80 --cidr 0.0.0.0/0\n\
             aws ec2 create-launch-template --launch-template-name web-lt --launch-template-data '{\"ImageId\":\"ami-0123456789abcdef0\",\"InstanceType\":\"t3.small\",\"SecurityGroupIds\":[\"web\"]}'",
        );
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let subnets: Vec<String> = s
            .network
            .subnets
            .iter()
            .filter(|x| x.name.as_deref().is_some_and(|n| n.contains("public")))
            .map(|x| x.id.clone())
            .collect();
        let (_, out) = s.run_cell(&format!(
            "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt --min-size 1 --max-size 4 --desired-capacity 3 --vpc-zone-identifier {}",
            subnets.join(",")
        ));
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let held: Vec<String> = s.scaling.groups[0].instances.iter().map(|i| i.instance_id.clone()).collect();
        assert_eq!(held.len(), 3);
        let (ev, out) =
            s.run_cell("describe-instances --filters Name=tag:aws:autoscaling:groupName,Values=web-asg --output json");
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let v = json_of(&ev);
        let listed: Vec<&Value> = v["Reservations"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["Instances"].as_array().into_iter().flatten())
            .collect();
        let ids: Vec<&str> = listed.iter().filter_map(|i| i["InstanceId"].as_str()).collect();
        for id in &held {
            assert!(ids.contains(&id.as_str()), "{} not in {:?}", id, ids);
        }
        let i = listed.iter().find(|i| i["InstanceId"] == held[0].as_str()).expect("listed");
        assert_eq!(i["InstanceType"], "t3.small");
        assert_eq!(i["SecurityGroups"][0]["GroupName"], "web");
        assert!(
            i["Tags"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t["Key"] == "aws:autoscaling:groupName" && t["Value"] == "web-asg")),
            "{}",
            i
        );
        // The launch template's security group lets HTTP in from the VPC.
        let (_, out) = s.run_cell(&format!("reach 10.0.0.200 {} --port 80", held[0]));
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        // Scale in: the instances the group let go are terminated in EC2.
        let (_, out) =
            s.run_cell("aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 1");
        assert!(matches!(out, Outcome::Ok), "{:?}", out);
        let kept = &s.scaling.groups[0].instances[0].instance_id;
        for id in &held {
            let inst = s.network.instances.iter().find(|i| &i.id == id).expect("still described");
            let want = if id == kept { InstanceState::Running } else { InstanceState::Terminated };
            assert_eq!(inst.state, want, "{}", id);
        }
    }
}
