//! Auto Scaling groups, their instances and scaling policies, and what the simulation
//! takes from a CLI-made group.

use crate::model::network::Network;
use crate::model::{codes, AwsError, AwsResult};

use super::{MetricAlarm, Scaling, ACCOUNT};
use crate::model::scaling::autoscaling::{Algorithm, PolicyKind};

/// One instance an Auto Scaling group launched (kept in the group).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupInstance {
    pub instance_id: String,
    pub availability_zone: String,
    pub subnet_id: String,
    pub protected_from_scale_in: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AutoScalingGroup {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub launch_template_id: String,
    pub launch_template_name: String,
    pub launch_template_version: String,
    pub min_size: u32,
    pub max_size: u32,
    pub desired_capacity: u32,
    pub subnet_ids: Vec<String>,
    pub vpc_id: String,
    pub target_group_arns: Vec<String>,
    pub health_check_type: String,
    pub health_check_grace_s: u64,
    pub default_cooldown_s: u64,
    pub new_instances_protected: bool,
    pub instances: Vec<GroupInstance>,
    pub activities: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScalingPolicy {
    pub arn: String,
    pub name: String,
    pub group_name: String,
    pub kind: PolicyKind,
    pub target_value: Option<f64>,
    pub scaling_adjustment: Option<i32>,
    pub estimated_warmup_s: Option<u64>,
    pub alarm_names: Vec<String>,
}

/// What `simulate autoscaling --auto-scaling-group-name` takes from a CLI-made group.
#[derive(Clone, Debug)]
pub struct GroupSim {
    pub group_name: String,
    pub instance_type: String,
    pub min_size: u32,
    pub max_size: u32,
    pub desired_capacity: u32,
    pub availability_zones: Vec<String>,
    pub health_check_grace_s: u64,
    pub protect_new_instances: bool,
    pub cooldown_s: Option<u64>,
    /// (kind, policy name, target value, estimated warm-up).
    pub policy: Option<(PolicyKind, String, Option<f64>, Option<u64>)>,
    /// (interval, healthy threshold, algorithm) of the first target group.
    pub health_check: Option<(u64, u32, Algorithm)>,
    pub credit_standard: bool,
    pub instance_ids: Vec<String>,
}

/// Inputs of `create-auto-scaling-group`.
#[derive(Clone, Debug, Default)]
pub struct GroupSpec {
    pub name: String,
    pub launch_template: String,
    pub version: Option<String>,
    pub min_size: u32,
    pub max_size: u32,
    pub desired_capacity: Option<u32>,
    pub subnets: Vec<String>,
    pub target_group_arns: Vec<String>,
    pub health_check_type: Option<String>,
    pub health_check_grace_s: Option<u64>,
    pub default_cooldown_s: Option<u64>,
    pub new_instances_protected: bool,
}

/// A group's subnets as (subnet ID, AZ), all known and in one VPC, and that VPC.
fn group_subnets(net: &Network, region: &str, ids: &[String]) -> AwsResult<(Vec<(String, String)>, String)> {
    if ids.is_empty() {
        return Err(AwsError::new(
            codes::VALIDATION_ERROR,
            "At least one Availability Zone or VPC Subnet is required.",
        ));
    }
    let mut subnets: Vec<(String, String)> = Vec::new();
    let mut vpc: Option<String> = None;
    for s in ids {
        let sub = net
            .subnet(Some(region), s)
            .map_err(|_| AwsError::new(codes::VALIDATION_ERROR, format!("The subnet ID '{}' does not exist", s)))?;
        if let Some(v) = &vpc {
            if *v != sub.vpc_id {
                return Err(AwsError::new(codes::VALIDATION_ERROR, format!("The subnets '{}' and '{}' are in different VPCs ({} and {}); a group's subnets must be in one VPC", subnets.first().map_or("", |x| x.0.as_str()), sub.id, v, sub.vpc_id)));
            }
        }
        vpc = Some(sub.vpc_id.clone());
        subnets.push((sub.id.clone(), sub.availability_zone.clone()));
    }
    Ok((subnets, vpc.unwrap_or_default()))
}

impl Scaling {
    pub fn group_idx(&self, region: &str, name: &str) -> AwsResult<usize> {
        self.groups.iter().position(|g| g.region == region && g.name == name).ok_or_else(|| {
            AwsError::new(codes::VALIDATION_ERROR, format!("AutoScalingGroup name not found - no group named {}", name))
        })
    }

    /// `create-auto-scaling-group`: checks the template, subnets (one VPC, known IDs) and
    /// that every target group is in the subnets' VPC, then launches the desired capacity.
    pub fn create_auto_scaling_group(&mut self, net: &Network, region: &str, spec: &GroupSpec) -> AwsResult<String> {
        if self.groups.iter().any(|g| g.region == region && g.name == spec.name) {
            return Err(AwsError::new(
                codes::ALREADY_EXISTS,
                format!(
                    "AutoScalingGroup by this name already exists - A group with the name {} already exists",
                    spec.name
                ),
            ));
        }
        let lt = self
            .launch_templates
            .iter()
            .find(|t| t.region == region && (t.name == spec.launch_template || t.id == spec.launch_template))
            .cloned()
            .ok_or_else(|| AwsError::new(codes::VALIDATION_ERROR, format!("You must use a valid fully-formed launch template. The specified launch template, with template name {}, does not exist.", spec.launch_template)))?;
        let version = spec.version.clone().unwrap_or_else(|| "$Default".into());
        if !matches!(version.as_str(), "$Default" | "$Latest" | "1") {
            return Err(AwsError::new(codes::VALIDATION_ERROR, format!("You must use a valid fully-formed launch template. The specified launch template version {} does not exist.", version)));
        }
        if spec.min_size > spec.max_size {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!("Max bound, {}, must be greater than or equal to min bound, {}", spec.max_size, spec.min_size),
            ));
        }
        let desired = spec.desired_capacity.unwrap_or(spec.min_size);
        if desired < spec.min_size || desired > spec.max_size {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!(
                    "Desired capacity:{} must be between the specified min size:{} and max size:{}",
                    desired, spec.min_size, spec.max_size
                ),
            ));
        }
        let (subnets, vpc) = group_subnets(net, region, &spec.subnets)?;
        let tgs = self.group_target_groups(region, &spec.target_group_arns, &vpc)?;
        let arn = format!(
            "arn:aws:autoscaling:{}:{}:autoScalingGroup:{}:autoScalingGroupName/{}",
            region,
            ACCOUNT,
            self.uuid(),
            spec.name
        );
        let mut g = AutoScalingGroup {
            arn: arn.clone(),
            region: region.into(),
            name: spec.name.clone(),
            launch_template_id: lt.id.clone(),
            launch_template_name: lt.name.clone(),
            launch_template_version: version,
            min_size: spec.min_size,
            max_size: spec.max_size,
            desired_capacity: 0,
            subnet_ids: subnets.iter().map(|s| s.0.clone()).collect(),
            vpc_id: vpc,
            target_group_arns: tgs,
            health_check_type: spec.health_check_type.clone().unwrap_or_else(|| "EC2".into()),
            health_check_grace_s: spec.health_check_grace_s.unwrap_or(0),
            default_cooldown_s: spec.default_cooldown_s.unwrap_or(300),
            new_instances_protected: spec.new_instances_protected,
            instances: Vec::new(),
            activities: Vec::new(),
        };
        self.resize(&mut g, desired, "a user request created an AutoScalingGroup", &subnets);
        self.groups.push(g);
        Ok(arn)
    }

    /// The ARNs of a group's target groups, each known and in the group's VPC.
    fn group_target_groups(&self, region: &str, arns: &[String], vpc: &str) -> AwsResult<Vec<String>> {
        let mut tgs = Vec::new();
        for t in arns {
            let ti = self.target_group_idx(region, t).map_err(|_| {
                AwsError::new(
                    codes::VALIDATION_ERROR,
                    format!("Provided Target Groups may not be valid. Please ensure they exist and try again. ({})", t),
                )
            })?;
            let tg = &self.target_groups[ti];
            if tg.vpc_id != vpc {
                return Err(AwsError::new(
                    codes::VALIDATION_ERROR,
                    format!("The target group {} is in VPC {}, but the group's subnets are in VPC {}: instances must be in the target group's VPC", tg.arn, tg.vpc_id, vpc),
                ));
            }
            tgs.push(tg.arn.clone());
        }
        Ok(tgs)
    }

    /// Launches or terminates instances so the group holds `desired`, AZ-balanced.
    fn resize(&mut self, g: &mut AutoScalingGroup, desired: u32, why: &str, subnets: &[(String, String)]) {
        let from = g.desired_capacity;
        g.desired_capacity = desired;
        while (g.instances.len() as u32) < desired {
            let Some((sid, az)) = subnets
                .iter()
                .min_by_key(|(_, az)| g.instances.iter().filter(|i| &i.availability_zone == az).count())
                .cloned()
            else {
                break;
            };
            let id = format!("i-0{}", self.hex(16));
            g.activities.push(format!(
                "Launching a new EC2 instance: {}. At {} changing the desired capacity from {} to {}.",
                id, why, from, desired
            ));
            g.instances.push(GroupInstance {
                instance_id: id.clone(),
                availability_zone: az,
                subnet_id: sid,
                protected_from_scale_in: g.new_instances_protected,
            });
            for t in &g.target_group_arns {
                if let Some(tg) = self.target_groups.iter_mut().find(|x| &x.arn == t) {
                    tg.targets.push(id.clone());
                }
            }
        }
        while (g.instances.len() as u32) > desired {
            // The AZ with the most instances loses one; protected instances stay.
            let mut best: Option<usize> = None;
            for (k, i) in g.instances.iter().enumerate() {
                if i.protected_from_scale_in {
                    continue;
                }
                let n = g.instances.iter().filter(|x| x.availability_zone == i.availability_zone).count();
                if best.is_none_or(|b| {
                    n > g.instances.iter().filter(|x| x.availability_zone == g.instances[b].availability_zone).count()
                }) {
                    best = Some(k);
                }
            }
            // AWS lowers the desired capacity but cannot terminate protected instances.
            let Some(k) = best else {
                g.activities.push(format!(
                    "Could not terminate instances: the remaining {} are protected from scale in (desired {}).",
                    g.instances.len(),
                    desired
                ));
                break;
            };
            let gone = g.instances.remove(k);
            g.activities.push(format!(
                "Terminating EC2 instance: {}. At {} changing the desired capacity from {} to {}.",
                gone.instance_id, why, from, desired
            ));
            for tg in self.target_groups.iter_mut() {
                tg.targets.retain(|t| *t != gone.instance_id);
            }
        }
    }

    /// `set-desired-capacity`.
    pub fn set_desired_capacity(&mut self, net: &Network, region: &str, name: &str, desired: u32) -> AwsResult<()> {
        let gi = self.group_idx(region, name)?;
        let g = &self.groups[gi];
        if desired > g.max_size {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!(
                    "New SetDesiredCapacity value {} is above max value {} for the AutoScalingGroup.",
                    desired, g.max_size
                ),
            ));
        }
        if desired < g.min_size {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!(
                    "New SetDesiredCapacity value {} is below min value {} for the AutoScalingGroup.",
                    desired, g.min_size
                ),
            ));
        }
        let subnets: Vec<(String, String)> = g
            .subnet_ids
            .iter()
            .filter_map(|s| net.subnet(Some(region), s).ok().map(|x| (x.id.clone(), x.availability_zone.clone())))
            .collect();
        let mut g = self.groups[gi].clone();
        self.resize(&mut g, desired, "a user request explicitly set group desired capacity", &subnets);
        self.groups[gi] = g;
        Ok(())
    }

    /// `put-scaling-policy`; target tracking also creates its two managed alarms.
    #[allow(clippy::too_many_arguments)]
    pub fn put_scaling_policy(
        &mut self,
        region: &str,
        group: &str,
        name: &str,
        kind: PolicyKind,
        target: Option<f64>,
        adjustment: Option<i32>,
        warmup: Option<u64>,
    ) -> AwsResult<(String, Vec<String>)> {
        let gi = self.group_idx(region, group)?;
        if kind == PolicyKind::TargetTracking && target.is_none() {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                "TargetTrackingConfiguration with a TargetValue is required for a TargetTrackingScaling policy",
            ));
        }
        if kind != PolicyKind::TargetTracking && adjustment.is_none() {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!("ScalingAdjustment (or StepAdjustments) is required for a {} policy", kind.aws_name()),
            ));
        }
        let id = self.uuid();
        let gname = self.groups[gi].name.clone();
        let arn = format!(
            "arn:aws:autoscaling:{}:{}:scalingPolicy:{}:autoScalingGroupName/{}:policyName/{}",
            region, ACCOUNT, id, gname, name
        );
        let mut alarms = Vec::new();
        if let (PolicyKind::TargetTracking, Some(t)) = (kind, target) {
            for (which, cmp, thr, n) in
                [("AlarmHigh", "GreaterThanThreshold", t, 3), ("AlarmLow", "LessThanThreshold", t * 0.9, 15)]
            {
                let an = format!("TargetTracking-{}-{}-{}", gname, which, self.uuid());
                self.alarms.retain(|a| a.name != an);
                self.alarms.push(MetricAlarm {
                    arn: format!("arn:aws:cloudwatch:{}:{}:alarm:{}", region, ACCOUNT, an),
                    name: an.clone(),
                    region: region.into(),
                    namespace: "AWS/EC2".into(),
                    metric_name: "CPUUtilization".into(),
                    statistic: "Average".into(),
                    period_s: 60,
                    evaluation_periods: n,
                    threshold: thr,
                    comparison: cmp.into(),
                    dimensions: vec![("AutoScalingGroupName".into(), gname.clone())],
                    alarm_actions: vec![arn.clone()],
                    state: "INSUFFICIENT_DATA".into(),
                });
                alarms.push(an);
            }
        }
        if let Some(old) = self.policies.iter().position(|p| p.group_name == gname && p.name == name) {
            let gone = self.policies.remove(old);
            self.alarms.retain(|a| !gone.alarm_names.contains(&a.name));
        }
        self.policies.push(ScalingPolicy {
            arn: arn.clone(),
            name: name.into(),
            group_name: gname,
            kind,
            target_value: target,
            scaling_adjustment: adjustment,
            estimated_warmup_s: warmup,
            alarm_names: alarms.clone(),
        });
        Ok((arn, alarms))
    }

    /// What the simulation takes from a CLI-made group.
    pub fn group_sim_defaults(&self, region: &str, name: &str) -> AwsResult<GroupSim> {
        let g = &self.groups[self.group_idx(region, name)?];
        let lt = self.launch_templates.iter().find(|t| t.id == g.launch_template_id);
        let policy = self.policies.iter().rev().find(|p| p.group_name == g.name);
        let mut zones: Vec<String> = g.instances.iter().map(|i| i.availability_zone.clone()).collect();
        zones.sort();
        zones.dedup();
        let tg = g.target_group_arns.first().and_then(|a| self.target_groups.iter().find(|t| &t.arn == a));
        Ok(GroupSim {
            group_name: g.name.clone(),
            instance_type: lt.map_or("t3.micro".into(), |t| t.instance_type.clone()),
            min_size: g.min_size,
            max_size: g.max_size,
            desired_capacity: g.desired_capacity,
            availability_zones: if zones.is_empty() { vec!["a".into()] } else { zones },
            health_check_grace_s: g.health_check_grace_s,
            protect_new_instances: g.new_instances_protected,
            cooldown_s: Some(g.default_cooldown_s),
            policy: policy.map(|p| (p.kind, p.name.clone(), p.target_value, p.estimated_warmup_s)),
            health_check: tg.map(|t| (t.health_check_interval_s, t.healthy_threshold, t.algorithm)),
            credit_standard: lt.is_some_and(|t| t.credit_standard),
            instance_ids: g.instances.iter().map(|i| i.instance_id.clone()).collect(),
        })
    }
}
