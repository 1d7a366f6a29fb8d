//! Load balancers, target groups, Auto Scaling groups, policies and alarms as tables.

use polars::prelude::*;

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
