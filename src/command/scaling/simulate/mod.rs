//! `simulate autoscaling`: the course's load test on an ALB + Auto Scaling group, with
//! CloudWatch alarms and a scaling policy, as charts, an activity table and JSON. One file per
//! job: the flags into parameters (`params`), the charts, the summary text and the JSON.

mod charts;
mod json;
mod params;
mod summary;

use crate::model::codes;

use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::scaling::autoscaling::{self, SimParams};
use crate::tables::scaling as t;
use charts::charts;
pub use params::params_from_args;
use summary::Summary;

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
    let json = json::to_json(&p, &r, &json::Tables { timeline: &timeline, events: &events, assumptions: &assumptions });
    let mut reply = Reply::new().with_markdown(Summary { params: &p, load: &load, result: &r }.to_string());
    for (svg, alt) in charts(&p, &r, ctx)? {
        reply = reply.with_svg(svg, alt);
    }
    let note = "Times are simulated (t = 0 at 2026-01-05T09:00:00Z); causes are worded like the ASG activity history.";
    Ok(reply
        .with_table(events.clone(), Some("Scaling activities and alarm changes".into()), Some(note.into()))
        .with_table(assumptions.clone(), Some("Parameters (source or assumption)".into()), None)
        .with_json(json)
        .keep("autoscaling_timeline", timeline)
        .keep("autoscaling_events", events)
        .keep("autoscaling_assumptions", assumptions))
}

/// False when the price book has no price for the type in the region.
fn priced(p: &SimParams) -> bool {
    !p.price_source.starts_with("no price known")
}

#[cfg(test)]
mod tests;
