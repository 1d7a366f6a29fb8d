//! Load balancers, target groups, Auto Scaling groups, policies and alarms as tables.

use polars::prelude::*;

use super::round;
use crate::model::scaling::autoscaling::{iso, SimParams, SimResult};
use crate::model::scaling::resources::{AutoScalingGroup, LoadBalancer, MetricAlarm, TargetGroup};
use crate::model::scaling::Scaling;

pub fn tables(s: &Scaling) -> Vec<(String, DataFrame)> {
    let mut v = Vec::new();
    let mut add = |name: &str, df: PolarsResult<DataFrame>| {
        if let Ok(df) = df {
            v.push((name.to_string(), df));
        }
    };
    add(
        "launch_templates",
        df!(
            "launch_template_id" => s.launch_templates.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
            "launch_template_name" => s.launch_templates.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            "region" => s.launch_templates.iter().map(|t| t.region.clone()).collect::<Vec<_>>(),
            "image_id" => s.launch_templates.iter().map(|t| t.image_id.clone()).collect::<Vec<_>>(),
            "instance_type" => s.launch_templates.iter().map(|t| t.instance_type.clone()).collect::<Vec<_>>(),
        ),
    );
    add(
        "images",
        df!(
            "image_id" => s.images.iter().map(|t| t.image_id.clone()).collect::<Vec<_>>(),
            "name" => s.images.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            "source_instance_id" => s.images.iter().map(|t| t.source_instance_id.clone()).collect::<Vec<_>>(),
        ),
    );
    add(
        "load_balancers",
        df!(
            "load_balancer_name" => s.load_balancers.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            "region" => s.load_balancers.iter().map(|t| t.region.clone()).collect::<Vec<_>>(),
            "vpc_id" => s.load_balancers.iter().map(|t| t.vpc_id.clone()).collect::<Vec<_>>(),
            "dns_name" => s.load_balancers.iter().map(|t| t.dns_name.clone()).collect::<Vec<_>>(),
            "az_count" => s.load_balancers.iter().map(|t| t.subnets.len() as u32).collect::<Vec<_>>(),
        ),
    );
    add(
        "target_groups",
        df!(
            "target_group_name" => s.target_groups.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            "region" => s.target_groups.iter().map(|t| t.region.clone()).collect::<Vec<_>>(),
            "vpc_id" => s.target_groups.iter().map(|t| t.vpc_id.clone()).collect::<Vec<_>>(),
            "port" => s.target_groups.iter().map(|t| t.port as u32).collect::<Vec<_>>(),
            "targets" => s.target_groups.iter().map(|t| t.targets.len() as u32).collect::<Vec<_>>(),
        ),
    );
    add(
        "auto_scaling_groups",
        df!(
            "auto_scaling_group_name" => s.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
            "region" => s.groups.iter().map(|g| g.region.clone()).collect::<Vec<_>>(),
            "vpc_id" => s.groups.iter().map(|g| g.vpc_id.clone()).collect::<Vec<_>>(),
            "min_size" => s.groups.iter().map(|g| g.min_size).collect::<Vec<_>>(),
            "max_size" => s.groups.iter().map(|g| g.max_size).collect::<Vec<_>>(),
            "desired_capacity" => s.groups.iter().map(|g| g.desired_capacity).collect::<Vec<_>>(),
            "instances" => s.groups.iter().map(|g| g.instances.len() as u32).collect::<Vec<_>>(),
        ),
    );
    add(
        "scaling_policies",
        df!(
            "policy_name" => s.policies.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
            "auto_scaling_group_name" => s.policies.iter().map(|p| p.group_name.clone()).collect::<Vec<_>>(),
            "policy_type" => s.policies.iter().map(|p| p.kind.aws_name()).collect::<Vec<_>>(),
            "target_value" => s.policies.iter().map(|p| p.target_value).collect::<Vec<_>>(),
        ),
    );
    add(
        "alarms",
        df!(
            "alarm_name" => s.alarms.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
            "metric_name" => s.alarms.iter().map(|a| a.metric_name.clone()).collect::<Vec<_>>(),
            "threshold" => s.alarms.iter().map(|a| a.threshold).collect::<Vec<_>>(),
            "evaluation_periods" => s.alarms.iter().map(|a| a.evaluation_periods).collect::<Vec<_>>(),
            "period_s" => s.alarms.iter().map(|a| a.period_s).collect::<Vec<_>>(),
        ),
    );
    v
}

/// `describe-load-balancers`.
pub fn load_balancers_df(lbs: &[&LoadBalancer]) -> PolarsResult<DataFrame> {
    df!(
        "name" => lbs.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
        "dns_name" => lbs.iter().map(|l| l.dns_name.clone()).collect::<Vec<_>>(),
        "scheme" => lbs.iter().map(|l| l.scheme.clone()).collect::<Vec<_>>(),
        "vpc_id" => lbs.iter().map(|l| l.vpc_id.clone()).collect::<Vec<_>>(),
        "availability_zones" => lbs.iter().map(|l| l.subnets.iter().map(|s| s.1.clone()).collect::<Vec<_>>().join(", ")).collect::<Vec<_>>(),
    )
}

/// `describe-target-groups`.
pub fn target_groups_df(tgs: &[&TargetGroup]) -> PolarsResult<DataFrame> {
    df!(
        "name" => tgs.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "protocol" => tgs.iter().map(|t| t.protocol.clone()).collect::<Vec<_>>(),
        "port" => tgs.iter().map(|t| t.port as u32).collect::<Vec<_>>(),
        "vpc_id" => tgs.iter().map(|t| t.vpc_id.clone()).collect::<Vec<_>>(),
        "health_check_path" => tgs.iter().map(|t| t.health_check_path.clone()).collect::<Vec<_>>(),
        "targets" => tgs.iter().map(|t| t.targets.len() as u32).collect::<Vec<_>>(),
    )
}

/// One target's health as `describe-target-health` gives it: its state and, unless it is
/// healthy, AWS's reason code and description.
pub struct TargetHealth {
    pub state: &'static str,
    pub reason: Option<(&'static str, String)>,
}

/// `describe-target-health`: the targets of one group, in its order.
pub fn target_health_df(tg: &TargetGroup, health: &[TargetHealth]) -> PolarsResult<DataFrame> {
    df!(
        "target_id" => tg.targets.clone(),
        "port" => vec![tg.port as u32; tg.targets.len()],
        "state" => health.iter().map(|h| h.state).collect::<Vec<_>>(),
        "reason" => health.iter().map(|h| h.reason.as_ref().map(|r| r.0)).collect::<Vec<_>>(),
    )
}

/// `describe-auto-scaling-groups`.
pub fn auto_scaling_groups_df(gs: &[&AutoScalingGroup]) -> PolarsResult<DataFrame> {
    df!(
        "auto_scaling_group_name" => gs.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
        "launch_template" => gs.iter().map(|g| g.launch_template_name.clone()).collect::<Vec<_>>(),
        "min_size" => gs.iter().map(|g| g.min_size).collect::<Vec<_>>(),
        "max_size" => gs.iter().map(|g| g.max_size).collect::<Vec<_>>(),
        "desired_capacity" => gs.iter().map(|g| g.desired_capacity).collect::<Vec<_>>(),
        "instances" => gs.iter().map(|g| g.instances.len() as u32).collect::<Vec<_>>(),
        "vpc_id" => gs.iter().map(|g| g.vpc_id.clone()).collect::<Vec<_>>(),
        "subnets" => gs.iter().map(|g| g.subnet_ids.join(",")).collect::<Vec<_>>(),
    )
}

/// `describe-scaling-activities`: the descriptions, in the order given.
pub fn activities_df(descriptions: &[&String]) -> PolarsResult<DataFrame> {
    df!("description" => descriptions.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

/// `describe-alarms`.
pub fn alarms_df(al: &[&MetricAlarm]) -> PolarsResult<DataFrame> {
    df!(
        "alarm_name" => al.iter().map(|x| x.name.clone()).collect::<Vec<_>>(),
        "metric" => al.iter().map(|x| format!("{}/{}", x.namespace, x.metric_name)).collect::<Vec<_>>(),
        "condition" => al.iter().map(|x| format!("{} {} {} for {} × {} s", x.statistic, x.comparison, x.threshold, x.evaluation_periods, x.period_s)).collect::<Vec<_>>(),
        "state" => al.iter().map(|x| x.state.clone()).collect::<Vec<_>>(),
    )
}

/// `get-metric-statistics`: (timestamp, value) datapoints under the statistic's name.
pub fn datapoints_df(stat: &str, points: &[(String, f64)]) -> PolarsResult<DataFrame> {
    df!(
        "timestamp" => points.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(),
        stat => points.iter().map(|(_, v)| round(*v, 2)).collect::<Vec<_>>(),
    )
}

/// `autoscaling_timeline`: one row per sample of `simulate autoscaling`.
pub fn autoscaling_timeline_df(r: &SimResult) -> PolarsResult<DataFrame> {
    let t = &r.timeline;
    df!(
        "t_s" => t.iter().map(|s| s.t_s).collect::<Vec<_>>(),
        "load_rps" => t.iter().map(|s| round(s.load_rps, 1)).collect::<Vec<_>>(),
        "cpu_avg_pct" => t.iter().map(|s| round(s.cpu_avg_pct, 2)).collect::<Vec<_>>(),
        "cpu_metric_pct" => t.iter().map(|s| s.cpu_metric_pct.map(|v| round(v, 2))).collect::<Vec<_>>(),
        "desired" => t.iter().map(|s| s.desired).collect::<Vec<_>>(),
        "in_service" => t.iter().map(|s| s.in_service).collect::<Vec<_>>(),
        "healthy" => t.iter().map(|s| s.healthy).collect::<Vec<_>>(),
        "alarm_state" => t.iter().map(|s| s.alarm_state.name()).collect::<Vec<_>>(),
        "alarm_low_state" => t.iter().map(|s| s.alarm_low_state.name()).collect::<Vec<_>>(),
        "unserved_rps" => t.iter().map(|s| round(s.unserved_rps, 1)).collect::<Vec<_>>(),
        "cpu_credit_balance" => t.iter().map(|s| s.credit_balance.map(|v| round(v, 2))).collect::<Vec<_>>(),
        "cost_usd" => t.iter().map(|s| round(s.cost_usd, 6)).collect::<Vec<_>>(),
    )
}

/// `autoscaling_events`: the run's scaling activities and alarm changes.
pub fn autoscaling_events_df(p: &SimParams, r: &SimResult) -> PolarsResult<DataFrame> {
    let e = &r.events;
    df!(
        "t_s" => e.iter().map(|x| x.t_s).collect::<Vec<_>>(),
        "start_time" => e.iter().map(|x| iso(p.start, x.t_s)).collect::<Vec<_>>(),
        "end_time" => e.iter().map(|x| x.end_t_s.map(|t| iso(p.start, t))).collect::<Vec<_>>(),
        "activity" => e.iter().map(|x| x.kind).collect::<Vec<_>>(),
        "instance_id" => e.iter().map(|x| x.instance_id.clone()).collect::<Vec<_>>(),
        "description" => e.iter().map(|x| x.description.clone()).collect::<Vec<_>>(),
        "cause" => e.iter().map(|x| x.cause.clone()).collect::<Vec<_>>(),
        "desired_from" => e.iter().map(|x| x.desired_from).collect::<Vec<_>>(),
        "desired_to" => e.iter().map(|x| x.desired_to).collect::<Vec<_>>(),
    )
}

/// `autoscaling_assumptions`: every parameter with its source or "assumption".
pub fn autoscaling_assumptions_df(p: &SimParams) -> PolarsResult<DataFrame> {
    let a = p.assumptions();
    df!(
        "parameter" => a.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
        "value" => a.iter().map(|x| x.1.clone()).collect::<Vec<_>>(),
        "source" => a.iter().map(|x| x.2.clone()).collect::<Vec<_>>(),
    )
}
