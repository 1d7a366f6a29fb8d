//! autoscaling: groups, scaling policies, desired capacity.

use crate::model::codes;
use serde_json::{json, Value};

use super::shorthand;
use crate::command::shapes::{self, List};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::instances::RunSpec;
use crate::model::network::InstanceState;
use crate::model::scaling::autoscaling::PolicyKind;
use crate::model::scaling::resources::{AutoScalingGroup, GroupInstance, GroupSpec};
use crate::tables::scaling as t;

const ASG_FLAGS: &[Flag] = &[
    Flag::value("auto-scaling-group-name", "the group's name"),
    Flag::value("launch-template", "LaunchTemplateName=…,Version=… (or LaunchTemplateId=…)"),
    Flag::value("min-size", "minimum size"),
    Flag::value("max-size", "maximum size"),
    Flag::value("desired-capacity", "desired capacity (default: min size)"),
    Flag::many("vpc-zone-identifier", "subnet IDs, comma-separated"),
    Flag::many("target-group-arns", "target groups (in the subnets' VPC)"),
    Flag::choice("health-check-type", "EC2 or ELB", &["EC2", "ELB"]),
    Flag::value("health-check-grace-period", "seconds (0 from the CLI)"),
    Flag::value("default-cooldown", "seconds (300)"),
    Flag::switch("new-instances-protected-from-scale-in", "protect new instances from scale in"),
];
const POLICY_FLAGS: &[Flag] = &[
    Flag::value("auto-scaling-group-name", "the group"),
    Flag::value("policy-name", "the policy's name"),
    Flag::choice("policy-type", "policy type", &["TargetTrackingScaling", "StepScaling", "SimpleScaling"]),
    Flag::value("target-tracking-configuration", "JSON with TargetValue and PredefinedMetricSpecification"),
    Flag::value("scaling-adjustment", "simple scaling: instances to add (negative removes)"),
    Flag::value("step-adjustments", "step scaling: MetricIntervalLowerBound=0,ScalingAdjustment=1 …"),
    Flag::value("adjustment-type", "ChangeInCapacity"),
    Flag::value("estimated-instance-warmup", "seconds"),
    Flag::value("cooldown", "seconds (simple scaling)"),
];
const DESIRED_FLAGS: &[Flag] = &[
    Flag::value("auto-scaling-group-name", "the group"),
    Flag::value("desired-capacity", "new desired capacity"),
    Flag::switch("honor-cooldown", "accepted"),
];
const DESC_FLAGS: &[Flag] = &[Flag::many("auto-scaling-group-names", "names")];
const ACT_FLAGS: &[Flag] = &[Flag::value("auto-scaling-group-name", "the group")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-auto-scaling-group", service: "autoscaling", summary: "an Auto Scaling group from a launch template",
            usage: "create-auto-scaling-group --auto-scaling-group-name N --launch-template LaunchTemplateName=LT,Version='$Latest' --min-size 2 --max-size 6 [--desired-capacity 2] --vpc-zone-identifier SUBNETS [--target-group-arns ARN]",
            help: "Subnets must exist and be in one VPC; target groups must be in that VPC. The group launches its desired capacity at once, balanced over the subnets' AZs.",
            flags: ASG_FLAGS, run: Run::Write(create_group) },
        CommandSpec { name: "put-scaling-policy", service: "autoscaling", summary: "a target tracking, step or simple scaling policy",
            usage: "put-scaling-policy --auto-scaling-group-name N --policy-name P --policy-type TargetTrackingScaling --target-tracking-configuration '{\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":\"ASGAverageCPUUtilization\"},\"TargetValue\":50}'",
            help: "Target tracking creates its two managed CloudWatch alarms (AlarmHigh, AlarmLow).",
            flags: POLICY_FLAGS, run: Run::Write(put_policy) },
        CommandSpec { name: "set-desired-capacity", service: "autoscaling", summary: "change a group's desired capacity",
            usage: "set-desired-capacity --auto-scaling-group-name N --desired-capacity K", help: "",
            flags: DESIRED_FLAGS, run: Run::Write(set_desired) },
        CommandSpec { name: "describe-scaling-activities", service: "autoscaling", summary: "a group's activity history (launches, terminations)",
            usage: "describe-scaling-activities --auto-scaling-group-name N", help: "What the CLI-made group did; `simulate autoscaling` shows the activities of a load test.",
            flags: ACT_FLAGS, run: Run::Read(describe_activities) },
        CommandSpec { name: "describe-auto-scaling-groups", service: "autoscaling", summary: "groups and their instances",
            usage: "describe-auto-scaling-groups [--auto-scaling-group-names N…]", help: "",
            flags: DESC_FLAGS, run: Run::Read(describe_groups) },
    ]
}

use crate::command::region::of as region;

fn create_group(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let lt = shorthand(a.required("launch-template")?);
    let get = |k: &str| lt.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let template = get("LaunchTemplateName").or_else(|| get("LaunchTemplateId")).ok_or_else(|| {
        CommandError::new(codes::VALIDATION_ERROR, "--launch-template needs LaunchTemplateName=… or LaunchTemplateId=…")
    })?;
    let min: u32 = a.value("min-size")?.ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --min-size")
    })?;
    let max: u32 = a.value("max-size")?.ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --max-size")
    })?;
    let spec = GroupSpec {
        name: a.required("auto-scaling-group-name")?.to_string(),
        launch_template: template,
        version: get("Version"),
        min_size: min,
        max_size: max,
        desired_capacity: a.value("desired-capacity")?,
        subnets: a.list("vpc-zone-identifier"),
        target_group_arns: a.list("target-group-arns"),
        health_check_type: a.get("health-check-type").map(String::from),
        health_check_grace_s: a.value("health-check-grace-period")?,
        default_cooldown_s: a.value("default-cooldown")?,
        new_instances_protected: a.switch("new-instances-protected-from-scale-in"),
    };
    lab.scaling.create_auto_scaling_group(&lab.network, &r, &spec)?;
    sync_instances(lab, &r)?;
    let g = &lab.scaling.groups[lab.scaling.group_idx(&r, &spec.name)?];
    Ok(Reply::text(format!(
        "{}: {} instance(s) launching from {} in {}",
        g.name,
        g.desired_capacity,
        g.launch_template_name,
        g.subnet_ids.join(", ")
    ))
    .with_json(json!({})))
}

fn put_policy(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let group = a.required("auto-scaling-group-name")?;
    let name = a.required("policy-name")?;
    let kind = PolicyKind::parse(a.get("policy-type").unwrap_or("SimpleScaling"))
        .ok_or_else(|| CommandError::new(codes::VALIDATION_ERROR, "unknown --policy-type"))?;
    let target = match a.get("target-tracking-configuration") {
        Some(t) => {
            let v: Value = serde_json::from_str(t).map_err(|e| {
                CommandError::new(
                    codes::VALIDATION_ERROR,
                    format!("--target-tracking-configuration is not valid JSON: {}", e),
                )
            })?;
            let metric = v.pointer("/PredefinedMetricSpecification/PredefinedMetricType").and_then(Value::as_str);
            if metric.is_some_and(|m| m != "ASGAverageCPUUtilization") {
                return Err(CommandError::new(
                    codes::VALIDATION_ERROR,
                    format!("the lab models ASGAverageCPUUtilization only (got {})", metric.unwrap_or("")),
                ));
            }
            v.get("TargetValue").and_then(Value::as_f64)
        }
        None => None,
    };
    let adjustment: Option<i32> = match (a.value::<i32>("scaling-adjustment")?, a.get("step-adjustments")) {
        (Some(x), _) => Some(x),
        (None, Some(s)) => {
            shorthand(s).iter().find(|(k, _)| k == "ScalingAdjustment").and_then(|(_, v)| v.parse().ok())
        }
        _ => None,
    };
    let warmup: Option<u64> = a.value("estimated-instance-warmup")?;
    let (arn, alarms) = lab.scaling.put_scaling_policy(&r, group, name, kind, target, adjustment, warmup)?;
    let alarm = |n: &String| shapes::Alarm {
        alarm_name: Some(n.clone()),
        alarm_arn: Some(format!("arn:aws:cloudwatch:{}:{}:alarm:{}", r, crate::model::scaling::resources::ACCOUNT, n)),
    };
    let reply =
        shapes::PolicyArnType { policy_arn: Some(arn.clone()), alarms: Some(List(alarms.iter().map(alarm).collect())) };
    Ok(Reply::text(arn).with_json(shapes::to_value(&reply)))
}

fn set_desired(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let group = a.required("auto-scaling-group-name")?;
    let d: u32 = a.value("desired-capacity")?.ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --desired-capacity")
    })?;
    lab.scaling.set_desired_capacity(&lab.network, &r, group, d)?;
    sync_instances(lab, &r)?;
    Ok(Reply::text(format!("{}: desired capacity {}", group, d)).with_json(json!({})))
}

/// EC2's side of the groups: every instance a group holds runs in the network (so
/// describe-instances lists it with its `aws:autoscaling:groupName` tag, and `reach` and
/// `cost` see it); every one a group let go is terminated. Launch failures (no free
/// address, a security group of another VPC) fail the command, which then changes nothing.
fn sync_instances(lab: &mut Lab, region: &str) -> Result<(), CommandError> {
    let mut launch = Vec::new();
    for g in lab.scaling.groups.iter().filter(|g| g.region == region) {
        let Some(lt) = lab.scaling.launch_templates.iter().find(|t| t.id == g.launch_template_id) else {
            return Err(CommandError::new(
                codes::VALIDATION_ERROR,
                format!("the launch template {} of {} does not exist", g.launch_template_id, g.name),
            ));
        };
        for gi in g.instances.iter().filter(|gi| !lab.network.instances.iter().any(|i| i.id == gi.instance_id)) {
            launch.push(RunSpec {
                instance_type: lt.instance_type.clone(),
                image_id: lt.image_id.clone(),
                subnet: Some(gi.subnet_id.clone()),
                security_groups: lt.security_group_ids.clone(),
                instance_ids: vec![gi.instance_id.clone()],
                auto_scaling_group: Some(g.name.clone()),
                launch_time: Some(crate::command::network::instance_now()),
                ..Default::default()
            });
        }
    }
    for spec in launch {
        let ids = lab.network.run_instances(region, &spec).map_err(|mut e| {
            e.message = format!("the Auto Scaling group could not launch an instance: {}", e.message);
            e
        })?;
        // Each instance gets its root volume, as run-instances does.
        lab.storage.launch(&lab.network, &ids, &[])?;
    }
    let held: Vec<&str> =
        lab.scaling.groups.iter().flat_map(|g| g.instances.iter().map(|i| i.instance_id.as_str())).collect();
    let gone: Vec<String> = lab
        .network
        .instances
        .iter()
        .filter(|i| i.region == region && i.auto_scaling_group.is_some() && !held.contains(&i.id.as_str()))
        .filter(|i| !matches!(i.state, InstanceState::Terminated | InstanceState::ShuttingDown))
        .map(|i| i.id.clone())
        .collect();
    if !gone.is_empty() {
        lab.network.terminate_instances(region, &gone)?;
        lab.storage.on_terminate(&gone);
    }
    Ok(())
}

fn describe_activities(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let name = a.required("auto-scaling-group-name")?;
    let g = &lab.scaling.groups[lab.scaling.group_idx(&r, name)?];
    // Newest first, as the CLI lists them.
    let acts: Vec<&String> = g.activities.iter().rev().collect();
    let df = t::activities_df(&acts)?;
    let activity = |d: &&String| shapes::Activity {
        auto_scaling_group_name: Some(g.name.clone()),
        description: Some(d.to_string()),
        status_code: Some("Successful".into()),
        progress: Some(100),
    };
    let json = json!({ "Activities": shapes::to_value(&acts.iter().map(activity).collect::<Vec<_>>()) });
    Ok(Reply::new().with_table(df, Some(format!("Activities of {}", g.name)), None).with_json(json))
}

fn describe_groups(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let names = a.list("auto-scaling-group-names");
    let gs: Vec<_> =
        lab.scaling.groups.iter().filter(|g| g.region == r && (names.is_empty() || names.contains(&g.name))).collect();
    let df = t::auto_scaling_groups_df(&gs)?;
    let json = json!({ "AutoScalingGroups": shapes::to_value(&gs.iter().map(|g| group_json(g)).collect::<Vec<_>>()) });
    Ok(Reply::new().with_table(df, Some("Auto Scaling groups".into()), None).with_json(json))
}

/// An `AutoScalingGroup` in the AWS CLI's JSON shape: every instance in service and healthy.
fn group_json(g: &AutoScalingGroup) -> shapes::AutoScalingGroup {
    let template = |version: &str| shapes::LaunchTemplateSpecification {
        launch_template_id: Some(g.launch_template_id.clone()),
        launch_template_name: Some(g.launch_template_name.clone()),
        version: Some(version.into()),
    };
    let instance = |i: &GroupInstance| shapes::AsgInstance {
        instance_id: Some(i.instance_id.clone()),
        availability_zone: Some(i.availability_zone.clone()),
        lifecycle_state: Some("InService".into()),
        health_status: Some("Healthy".into()),
        protected_from_scale_in: Some(i.protected_from_scale_in),
        launch_template: Some(template("1")),
    };
    shapes::AutoScalingGroup {
        auto_scaling_group_name: Some(g.name.clone()),
        auto_scaling_group_arn: Some(g.arn.clone()),
        launch_template: Some(template(&g.launch_template_version)),
        min_size: Some(g.min_size),
        max_size: Some(g.max_size),
        desired_capacity: Some(g.desired_capacity),
        default_cooldown: Some(g.default_cooldown_s),
        health_check_type: Some(g.health_check_type.clone()),
        health_check_grace_period: Some(g.health_check_grace_s),
        vpc_zone_identifier: Some(g.subnet_ids.join(",")),
        target_group_arns: Some(g.target_group_arns.clone()),
        new_instances_protected_from_scale_in: Some(g.new_instances_protected),
        availability_zones: Some(zones(g)),
        instances: Some(List(g.instances.iter().map(instance).collect())),
    }
}

fn zones(g: &AutoScalingGroup) -> Vec<String> {
    let mut z: Vec<String> = g.instances.iter().map(|i| i.availability_zone.clone()).collect();
    z.sort();
    z.dedup();
    z
}
