//! The compute lab's AWS resources and their rules: AMIs, launch templates, target
//! groups, load balancers, listeners, Auto Scaling groups, scaling policies and
//! CloudWatch alarms. Subnets, VPCs, security groups and instances come from the network
//! model and are checked against it.

use crate::model::codes;
use crate::model::network::Network;
use crate::model::{AwsError, AwsResult};

use super::autoscaling::{Algorithm, PolicyKind};

/// The account every ARN names (the lab has no real account).
pub const ACCOUNT: &str = "123456789012";

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub image_id: String,
    pub region: String,
    pub name: String,
    pub source_instance_id: String,
    pub instance_type: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LaunchTemplate {
    pub id: String,
    pub region: String,
    pub name: String,
    pub image_id: String,
    pub instance_type: String,
    pub user_data: Option<String>,
    pub security_group_ids: Vec<String>,
    /// `CreditSpecification.CpuCredits` = standard.
    pub credit_standard: bool,
    pub version: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TargetGroup {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub protocol: String,
    pub port: u16,
    pub vpc_id: String,
    pub health_check_path: String,
    pub health_check_interval_s: u64,
    pub healthy_threshold: u32,
    pub unhealthy_threshold: u32,
    pub algorithm: Algorithm,
    /// Registered instance IDs (by hand or by an Auto Scaling group).
    pub targets: Vec<String>,
    pub load_balancer_arns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub arn: String,
    pub region: String,
    pub name: String,
    pub dns_name: String,
    pub scheme: String,
    pub vpc_id: String,
    pub subnets: Vec<(String, String)>,
    pub security_groups: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    pub arn: String,
    pub load_balancer_arn: String,
    pub protocol: String,
    pub port: u16,
    pub target_group_arn: String,
}

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

#[derive(Clone, Debug, PartialEq)]
pub struct MetricAlarm {
    pub name: String,
    pub arn: String,
    pub region: String,
    pub namespace: String,
    pub metric_name: String,
    pub statistic: String,
    pub period_s: u64,
    pub evaluation_periods: u32,
    pub threshold: f64,
    pub comparison: String,
    pub dimensions: Vec<(String, String)>,
    pub alarm_actions: Vec<String>,
    pub state: String,
}

/// One recorded sample: (t_s, average CPU %, requests per second).
pub type MetricSample = (u64, f64, f64);

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

/// Every scaling resource in one lab.
#[derive(Clone, Debug, Default)]
pub struct Scaling {
    pub images: Vec<Image>,
    pub launch_templates: Vec<LaunchTemplate>,
    pub target_groups: Vec<TargetGroup>,
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    pub groups: Vec<AutoScalingGroup>,
    pub policies: Vec<ScalingPolicy>,
    pub alarms: Vec<MetricAlarm>,
    /// Per group: its last simulation's samples, for `get-metric-statistics`.
    pub metrics: Vec<(String, Vec<MetricSample>)>,
    counter: u64,
}

impl Scaling {
    /// A deterministic hex string of `n` digits (IDs within a session are reproducible).
    fn hex(&mut self, n: usize) -> String {
        self.counter += 1;
        let mut x = self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        let mut y = x.wrapping_mul(0x94D0_49BB_1331_11EB) ^ (x >> 31);
        y ^= self.counter;
        let s = format!("{:016x}{:016x}", x, y);
        s[..n].to_string()
    }

    fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!("{}-{}-4{}-a{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
    }

    /// `create-image`: an AMI from an instance of the network model.
    pub fn create_image(&mut self, net: &Network, region: &str, instance: &str, name: &str) -> AwsResult<String> {
        let i = net.instance_idx(Some(region), instance)?;
        let inst = &net.instances[i];
        if self.images.iter().any(|m| m.region == region && m.name == name) {
            return Err(AwsError::new(
                codes::AMI_NAME_DUPLICATE,
                format!(
                    "AMI name {} is already in use by AMI {}",
                    name,
                    self.images.iter().find(|m| m.name == name).map_or("", |m| m.image_id.as_str())
                ),
            ));
        }
        let id = format!("ami-0{}", self.hex(16));
        self.images.push(Image {
            image_id: id.clone(),
            region: region.into(),
            name: name.into(),
            source_instance_id: inst.id.clone(),
            instance_type: inst.instance_type.clone(),
        });
        Ok(id)
    }

    /// `create-launch-template`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_launch_template(
        &mut self,
        net: &Network,
        region: &str,
        name: &str,
        image_id: &str,
        instance_type: &str,
        user_data: Option<String>,
        security_groups: &[String],
        credit_standard: bool,
    ) -> AwsResult<String> {
        if name.len() < 3
            || name.len() > 128
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || "()./_-".contains(c))
        {
            return Err(AwsError::new(codes::LAUNCH_TEMPLATE_NAME_MALFORMED_EXCEPTION, format!("A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.' ({})", name)));
        }
        if self.launch_templates.iter().any(|t| t.region == region && t.name == name) {
            return Err(AwsError::new(
                codes::LAUNCH_TEMPLATE_NAME_ALREADY_EXISTS_EXCEPTION,
                format!("Launch template name already in use. ({})", name),
            ));
        }
        // An AMI of this lab by ID or name, or any AMI ID (AWS's public images).
        let image_id =
            match self.images.iter().find(|m| m.region == region && (m.image_id == image_id || m.name == image_id)) {
                Some(m) => m.image_id.clone(),
                None if image_id.starts_with("ami-") => image_id.to_string(),
                None => {
                    return Err(AwsError::new(
                        codes::AMI_ID_MALFORMED,
                        format!("Invalid id: \"{}\" (expecting \"ami-...\")", image_id),
                    ));
                }
            };
        let mut sgs = Vec::new();
        for g in security_groups {
            let k = net.sg_idx(Some(region), None, g)?;
            sgs.push(net.security_groups[k].id.clone());
        }
        let id = format!("lt-0{}", self.hex(16));
        self.launch_templates.push(LaunchTemplate {
            id: id.clone(),
            region: region.into(),
            name: name.into(),
            image_id,
            instance_type: instance_type.into(),
            user_data,
            security_group_ids: sgs,
            credit_standard,
            version: 1,
        });
        Ok(id)
    }

    /// `create-target-group`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_target_group(
        &mut self,
        net: &Network,
        region: &str,
        name: &str,
        protocol: &str,
        port: u16,
        vpc: &str,
        health_check_path: &str,
        interval_s: u64,
        healthy_threshold: u32,
        algorithm: Algorithm,
    ) -> AwsResult<String> {
        if name.is_empty()
            || name.len() > 32
            || name.starts_with('-')
            || name.ends_with('-')
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(AwsError::new(codes::VALIDATION_ERROR, format!("Target group name '{}' can only contain characters that are alphanumeric characters or hyphens(-), must be at most 32 characters, and must not begin or end with a hyphen", name)));
        }
        if !matches!(protocol, "HTTP" | "HTTPS") {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!(
                    "Protocol '{}' must be one of 'HTTP, HTTPS' for an Application Load Balancer target group",
                    protocol
                ),
            ));
        }
        if !(5..=300).contains(&interval_s) || !(2..=10).contains(&healthy_threshold) {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                "Health check interval must be 5–300 seconds and the healthy threshold 2–10",
            ));
        }
        let v = net
            .vpc(Some(region), vpc)
            .map_err(|_| AwsError::new(codes::VALIDATION_ERROR, format!("The VPC ID '{}' is not found", vpc)))?;
        if self.target_groups.iter().any(|t| t.region == region && t.name == name) {
            return Err(AwsError::new(
                codes::DUPLICATE_TARGET_GROUP_NAME,
                format!("A target group with the same name '{}' exists, but with different settings", name),
            ));
        }
        let arn = format!("arn:aws:elasticloadbalancing:{}:{}:targetgroup/{}/{}", region, ACCOUNT, name, self.hex(16));
        self.target_groups.push(TargetGroup {
            arn: arn.clone(),
            region: region.into(),
            name: name.into(),
            protocol: protocol.into(),
            port,
            vpc_id: v.id.clone(),
            health_check_path: health_check_path.into(),
            health_check_interval_s: interval_s,
            healthy_threshold,
            unhealthy_threshold: 2,
            algorithm,
            targets: Vec::new(),
            load_balancer_arns: Vec::new(),
        });
        Ok(arn)
    }

    /// A target group by ARN or name.
    pub fn target_group_idx(&self, region: &str, key: &str) -> AwsResult<usize> {
        self.target_groups.iter().position(|t| t.arn == key || (t.region == region && t.name == key)).ok_or_else(|| {
            AwsError::new(codes::TARGET_GROUP_NOT_FOUND, format!("One or more target groups not found ({})", key))
        })
    }

    /// A load balancer by ARN or name.
    pub fn load_balancer_idx(&self, region: &str, key: &str) -> AwsResult<usize> {
        self.load_balancers.iter().position(|l| l.arn == key || (l.region == region && l.name == key)).ok_or_else(
            || AwsError::new(codes::LOAD_BALANCER_NOT_FOUND, format!("One or more load balancers not found ({})", key)),
        )
    }

    /// `create-load-balancer` (Application Load Balancer).
    pub fn create_load_balancer(
        &mut self,
        net: &Network,
        region: &str,
        name: &str,
        subnets: &[String],
        security_groups: &[String],
        scheme: &str,
    ) -> AwsResult<String> {
        if name.is_empty()
            || name.len() > 32
            || name.starts_with("internal-")
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(AwsError::new(codes::VALIDATION_ERROR, format!("Load balancer name '{}' must be at most 32 alphanumeric characters or hyphens and must not begin with 'internal-'", name)));
        }
        if self.load_balancers.iter().any(|l| l.region == region && l.name == name) {
            return Err(AwsError::new(
                codes::DUPLICATE_LOAD_BALANCER_NAME,
                format!("A load balancer with the same name '{}' exists", name),
            ));
        }
        let mut subs = Vec::new();
        let mut vpc: Option<String> = None;
        for s in subnets {
            let sub = net
                .subnet(Some(region), s)
                .map_err(|_| AwsError::new(codes::SUBNET_NOT_FOUND, format!("The subnet ID '{}' is not valid", s)))?;
            if let Some(v) = &vpc {
                if *v != sub.vpc_id {
                    return Err(AwsError::new(
                        codes::INVALID_CONFIGURATION_REQUEST,
                        format!("Subnets must all be in the same VPC: '{}' is in {}, not {}", sub.id, sub.vpc_id, v),
                    ));
                }
            }
            vpc = Some(sub.vpc_id.clone());
            if subs.iter().any(|(_, az): &(String, String)| *az == sub.availability_zone) {
                return Err(AwsError::new(
                    codes::INVALID_CONFIGURATION_REQUEST,
                    format!(
                        "A load balancer cannot be attached to multiple subnets in the same Availability Zone ({})",
                        sub.availability_zone
                    ),
                ));
            }
            subs.push((sub.id.clone(), sub.availability_zone.clone()));
        }
        if subs.len() < 2 {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                "At least two subnets in two different Availability Zones must be specified",
            ));
        }
        let vpc = vpc.unwrap_or_default();
        let mut sgs = Vec::new();
        for g in security_groups {
            let k = net.sg_idx(Some(region), Some(&vpc), g).map_err(|_| {
                AwsError::new(codes::INVALID_SECURITY_GROUP, format!("One or more security groups are invalid ({})", g))
            })?;
            if net.security_groups[k].vpc_id != vpc {
                return Err(AwsError::new(
                    codes::INVALID_SECURITY_GROUP,
                    format!("Security group '{}' is not in the load balancer's VPC {}", g, vpc),
                ));
            }
            sgs.push(net.security_groups[k].id.clone());
        }
        let h = self.hex(16);
        let arn = format!("arn:aws:elasticloadbalancing:{}:{}:loadbalancer/app/{}/{}", region, ACCOUNT, name, h);
        let n: u64 = u64::from_str_radix(&h[..9], 16).unwrap_or(0) % 1_000_000_000;
        let prefix = if scheme == "internal" { "internal-" } else { "" };
        self.load_balancers.push(LoadBalancer {
            arn: arn.clone(),
            region: region.into(),
            name: name.into(),
            dns_name: format!("{}{}-{}.{}.elb.amazonaws.com", prefix, name, n, region),
            scheme: scheme.into(),
            vpc_id: vpc,
            subnets: subs,
            security_groups: sgs,
        });
        Ok(arn)
    }

    /// `create-listener` with a forward default action.
    pub fn create_listener(
        &mut self,
        region: &str,
        lb: &str,
        protocol: &str,
        port: u16,
        target_group: &str,
    ) -> AwsResult<String> {
        let li = self.load_balancer_idx(region, lb)?;
        let ti = self.target_group_idx(region, target_group)?;
        let (lb_arn, lb_vpc) = (self.load_balancers[li].arn.clone(), self.load_balancers[li].vpc_id.clone());
        if self.target_groups[ti].vpc_id != lb_vpc {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                format!(
                    "The target group '{}' is in VPC {}, not the load balancer's VPC {}",
                    self.target_groups[ti].name, self.target_groups[ti].vpc_id, lb_vpc
                ),
            ));
        }
        if self.listeners.iter().any(|l| l.load_balancer_arn == lb_arn && l.port == port) {
            return Err(AwsError::new(
                codes::DUPLICATE_LISTENER,
                "A listener already exists on this port for this load balancer",
            ));
        }
        let tail = lb_arn.split_once(":loadbalancer/").map_or(String::new(), |(_, t)| t.to_string());
        let arn = format!("arn:aws:elasticloadbalancing:{}:{}:listener/{}/{}", region, ACCOUNT, tail, self.hex(16));
        let tg_arn = self.target_groups[ti].arn.clone();
        if !self.target_groups[ti].load_balancer_arns.contains(&lb_arn) {
            self.target_groups[ti].load_balancer_arns.push(lb_arn.clone());
        }
        self.listeners.push(Listener {
            arn: arn.clone(),
            load_balancer_arn: lb_arn,
            protocol: protocol.into(),
            port,
            target_group_arn: tg_arn,
        });
        Ok(arn)
    }

    /// `register-targets`: instances of the network model, in the target group's VPC.
    pub fn register_targets(&mut self, net: &Network, region: &str, tg: &str, instances: &[String]) -> AwsResult<()> {
        let ti = self.target_group_idx(region, tg)?;
        let mut ids = Vec::new();
        for k in instances {
            let i = net.instance_idx(Some(region), k).map_err(|_| {
                AwsError::new(codes::INVALID_TARGET, format!("The following targets are not valid instances: '{}'", k))
            })?;
            let inst = &net.instances[i];
            if inst.vpc_id != self.target_groups[ti].vpc_id {
                return Err(AwsError::new(
                    codes::INVALID_TARGET,
                    format!(
                        "The following targets are not in the target group VPC '{}': '{}'",
                        self.target_groups[ti].vpc_id, inst.id
                    ),
                ));
            }
            ids.push(inst.id.clone());
        }
        for id in ids {
            if !self.target_groups[ti].targets.contains(&id) {
                self.target_groups[ti].targets.push(id);
            }
        }
        Ok(())
    }

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
        if spec.subnets.is_empty() {
            return Err(AwsError::new(
                codes::VALIDATION_ERROR,
                "At least one Availability Zone or VPC Subnet is required.",
            ));
        }
        let mut subnets = Vec::new();
        let mut vpc: Option<String> = None;
        for s in &spec.subnets {
            let sub = net
                .subnet(Some(region), s)
                .map_err(|_| AwsError::new(codes::VALIDATION_ERROR, format!("The subnet ID '{}' does not exist", s)))?;
            if let Some(v) = &vpc {
                if *v != sub.vpc_id {
                    return Err(AwsError::new(codes::VALIDATION_ERROR, format!("The subnets '{}' and '{}' are in different VPCs ({} and {}); a group's subnets must be in one VPC", subnets.first().map_or("", |x: &(String, String)| x.0.as_str()), sub.id, v, sub.vpc_id)));
                }
            }
            vpc = Some(sub.vpc_id.clone());
            subnets.push((sub.id.clone(), sub.availability_zone.clone()));
        }
        let vpc = vpc.unwrap_or_default();
        let mut tgs = Vec::new();
        for t in &spec.target_group_arns {
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

    /// `put-metric-alarm` (creates or replaces).
    pub fn put_metric_alarm(&mut self, mut alarm: MetricAlarm) -> AwsResult<()> {
        let p = alarm.period_s;
        if !(p == 10 || p == 30 || (p >= 60 && p.is_multiple_of(60))) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The parameter Period must be 10, 30 or a multiple of 60 (got {}).", alarm.period_s),
            ));
        }
        if alarm.evaluation_periods == 0 {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                "The parameter EvaluationPeriods must be at least 1.",
            ));
        }
        for a in &alarm.alarm_actions {
            if a.starts_with("arn:aws:autoscaling") && !self.policies.iter().any(|p| &p.arn == a) {
                return Err(AwsError::new(
                    codes::VALIDATION_ERROR,
                    format!("Invalid alarm action: policy {} does not exist", a),
                ));
            }
        }
        alarm.arn = format!("arn:aws:cloudwatch:{}:{}:alarm:{}", alarm.region, ACCOUNT, alarm.name);
        self.alarms.retain(|a| !(a.region == alarm.region && a.name == alarm.name));
        self.alarms.push(alarm);
        Ok(())
    }

    /// Names and ARNs a user may type (for tab completion).
    /// Names, IDs and ARNs with their kind, for tab completion.
    pub fn completion_items(&self) -> Vec<(String, &'static str)> {
        let mut v: Vec<(String, &'static str)> = Vec::new();
        v.extend(self.launch_templates.iter().map(|t| (t.name.clone(), "launch template")));
        v.extend(self.images.iter().map(|m| (m.image_id.clone(), "image")));
        v.extend(
            self.target_groups.iter().flat_map(|t| [(t.name.clone(), "target group"), (t.arn.clone(), "target group")]),
        );
        v.extend(
            self.load_balancers
                .iter()
                .flat_map(|l| [(l.name.clone(), "load balancer"), (l.arn.clone(), "load balancer")]),
        );
        v.extend(self.groups.iter().map(|g| (g.name.clone(), "auto scaling group")));
        v.extend(self.alarms.iter().map(|a| (a.name.clone(), "alarm")));
        v
    }

    pub fn completion_words(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        v.extend(self.launch_templates.iter().map(|t| t.name.clone()));
        v.extend(self.images.iter().map(|m| m.image_id.clone()));
        v.extend(self.target_groups.iter().flat_map(|t| [t.name.clone(), t.arn.clone()]));
        v.extend(self.load_balancers.iter().flat_map(|l| [l.name.clone(), l.arn.clone()]));
        v.extend(self.groups.iter().map(|g| g.name.clone()));
        v.extend(self.alarms.iter().map(|a| a.name.clone()));
        v
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

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "us-east-1";

    /// Two VPCs: `prod` with subnets in two AZs and a web security group, `other` with one subnet.
    fn net() -> Network {
        let mut n = Network::default();
        n.create_vpc(R, "10.0.0.0/16", Some("prod".into())).unwrap();
        n.create_subnet(R, "prod", "10.0.1.0/24", Some("us-east-1a"), Some("pub-a".into())).unwrap();
        n.create_subnet(R, "prod", "10.0.2.0/24", Some("us-east-1b"), Some("pub-b".into())).unwrap();
        n.create_security_group(R, "prod", "web-sg", "web", None).unwrap();
        n.create_vpc(R, "10.1.0.0/16", Some("other".into())).unwrap();
        n.create_subnet(R, "other", "10.1.1.0/24", Some("us-east-1a"), Some("other-a".into())).unwrap();
        n
    }

    fn lab(n: &Network) -> (Scaling, String) {
        let mut s = Scaling::default();
        s.create_launch_template(n, R, "web-lt", "ami-0123456789abcdef0", "t3.micro", None, &["web-sg".into()], false)
            .unwrap();
        let tg = s.create_target_group(n, R, "web-tg", "HTTP", 80, "prod", "/", 30, 5, Algorithm::RoundRobin).unwrap();
        (s, tg)
    }

    fn spec(subnets: &[&str], tg: &str) -> GroupSpec {
        GroupSpec {
            name: "web-asg".into(),
            launch_template: "web-lt".into(),
            min_size: 2,
            max_size: 6,
            desired_capacity: Some(2),
            subnets: subnets.iter().map(|s| s.to_string()).collect(),
            target_group_arns: vec![tg.into()],
            ..Default::default()
        }
    }

    #[test]
    fn the_web_tier_of_the_compute_lab() {
        let n = net();
        let (mut s, tg) = lab(&n);
        assert!(tg.starts_with("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/"));
        let lb = s
            .create_load_balancer(
                &n,
                R,
                "web-alb",
                &["pub-a".into(), "pub-b".into()],
                &["web-sg".into()],
                "internet-facing",
            )
            .unwrap();
        assert!(lb.contains(":loadbalancer/app/web-alb/"));
        let l = s.create_listener(R, &lb, "HTTP", 80, &tg).unwrap();
        assert!(l.contains(":listener/app/web-alb/"));
        assert_eq!(s.create_listener(R, &lb, "HTTP", 80, &tg).unwrap_err().code, "DuplicateListener");
        s.create_auto_scaling_group(&n, R, &spec(&["pub-a", "pub-b"], &tg)).unwrap();
        let g = &s.groups[0];
        assert_eq!(g.instances.len(), 2);
        // One instance per AZ, both registered with the target group.
        assert_ne!(g.instances[0].availability_zone, g.instances[1].availability_zone);
        assert_eq!(s.target_groups[0].targets.len(), 2);
        s.set_desired_capacity(&n, R, "web-asg", 4).unwrap();
        assert_eq!(s.groups[0].instances.len(), 4);
        assert_eq!(s.target_groups[0].targets.len(), 4);
        let e = s.set_desired_capacity(&n, R, "web-asg", 7).unwrap_err();
        assert_eq!(e.message, "New SetDesiredCapacity value 7 is above max value 6 for the AutoScalingGroup.");
        let (arn, alarms) = s
            .put_scaling_policy(R, "web-asg", "cpu50", PolicyKind::TargetTracking, Some(50.0), None, Some(300))
            .unwrap();
        assert!(arn.contains(":scalingPolicy:") && arn.ends_with("autoScalingGroupName/web-asg:policyName/cpu50"));
        assert_eq!(alarms.len(), 2);
        assert!(alarms[0].starts_with("TargetTracking-web-asg-AlarmHigh-"));
        let sim = s.group_sim_defaults(R, "web-asg").unwrap();
        assert_eq!(sim.instance_type, "t3.micro");
        assert_eq!(sim.desired_capacity, 4);
        assert_eq!(sim.policy.unwrap().2, Some(50.0));
    }

    #[test]
    fn a_group_whose_subnets_are_in_another_vpc_than_its_target_group_is_refused() {
        let n = net();
        let (mut s, tg) = lab(&n);
        let e = s.create_auto_scaling_group(&n, R, &spec(&["other-a"], &tg)).unwrap_err();
        assert_eq!(e.code, "ValidationError");
        assert!(
            e.message.contains("is in VPC vpc-") && e.message.contains("the group's subnets are in VPC"),
            "{}",
            e.message
        );
        assert!(s.groups.is_empty() && s.target_groups[0].targets.is_empty());
    }

    #[test]
    fn every_group_error_code() {
        let n = net();
        let (mut s, tg) = lab(&n);
        let cases: Vec<(GroupSpec, &str, &str)> = vec![
            (
                spec(&["subnet-0000000000000dead"], &tg),
                "ValidationError",
                "The subnet ID 'subnet-0000000000000dead' does not exist",
            ),
            (spec(&["pub-a", "other-a"], &tg), "ValidationError", "different VPCs"),
            (
                GroupSpec { launch_template: "nope".into(), ..spec(&["pub-a"], &tg) },
                "ValidationError",
                "with template name nope, does not exist",
            ),
            (
                GroupSpec { min_size: 7, ..spec(&["pub-a"], &tg) },
                "ValidationError",
                "Max bound, 6, must be greater than or equal to min bound, 7",
            ),
            (
                GroupSpec { desired_capacity: Some(9), ..spec(&["pub-a"], &tg) },
                "ValidationError",
                "Desired capacity:9 must be between",
            ),
            (
                spec(&["pub-a"], "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"),
                "ValidationError",
                "Provided Target Groups may not be valid",
            ),
        ];
        for (sp, code, needle) in cases {
            let e = s.create_auto_scaling_group(&n, R, &sp).unwrap_err();
            assert_eq!(e.code, code);
            assert!(e.message.contains(needle), "{}", e.message);
        }
        s.create_auto_scaling_group(&n, R, &spec(&["pub-a"], &tg)).unwrap();
        assert_eq!(s.create_auto_scaling_group(&n, R, &spec(&["pub-a"], &tg)).unwrap_err().code, "AlreadyExists");
        assert_eq!(
            s.put_scaling_policy(R, "web-asg", "p", PolicyKind::TargetTracking, None, None, None).unwrap_err().code,
            "ValidationError"
        );
    }

    #[test]
    fn images_targets_listeners_and_alarms_errors() {
        let mut n = net();
        let run = |n: &mut Network, subnet: &str, name: &str| {
            let spec = crate::model::network::instances::RunSpec {
                instance_type: "t3.micro".into(),
                image_id: "ami-0123456789abcdef0".into(),
                subnet: Some(subnet.into()),
                count: 1,
                name: Some(name.into()),
                ..Default::default()
            };
            n.run_instances(R, &spec).unwrap()[0].clone()
        };
        let web1 = run(&mut n, "pub-a", "web1");
        let stray = run(&mut n, "other-a", "stray");
        let (mut s, tg) = lab(&n);
        // create-image: from a known instance, names unique.
        let ami = s.create_image(&n, R, "web1", "web-ami").unwrap();
        assert!(ami.starts_with("ami-0") && ami.len() == 21);
        assert_eq!(s.create_image(&n, R, "web1", "web-ami").unwrap_err().code, "InvalidAMIName.Duplicate");
        assert_eq!(s.create_image(&n, R, "i-0nope", "x").unwrap_err().code, "InvalidInstanceID.NotFound");
        // Launch templates: the AMI by name, bad names and IDs refused.
        s.create_launch_template(&n, R, "web-lt2", "web-ami", "t3.small", None, &[], true).unwrap();
        assert_eq!(s.launch_templates[1].image_id, ami);
        assert_eq!(
            s.create_launch_template(&n, R, "x", &ami, "t3.small", None, &[], false).unwrap_err().code,
            "InvalidLaunchTemplateName.MalformedException"
        );
        assert_eq!(
            s.create_launch_template(&n, R, "lt3", "img-1", "t3.small", None, &[], false).unwrap_err().code,
            "InvalidAMIID.Malformed"
        );
        // register-targets: instances in the target group's VPC only.
        s.register_targets(&n, R, &tg, std::slice::from_ref(&web1)).unwrap();
        let e = s.register_targets(&n, R, &tg, std::slice::from_ref(&stray)).unwrap_err();
        assert_eq!(e.code, "InvalidTarget");
        assert!(e.message.contains("not in the target group VPC"), "{}", e.message);
        assert_eq!(s.register_targets(&n, R, &tg, &["i-0nope".into()]).unwrap_err().code, "InvalidTarget");
        assert_eq!(s.target_groups[0].targets, vec![web1]);
        // A listener cannot forward to a target group in another VPC.
        let other_tg =
            s.create_target_group(&n, R, "other-tg", "HTTP", 80, "other", "/", 30, 5, Algorithm::RoundRobin).unwrap();
        let lb = s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "pub-b".into()], &[], "internal").unwrap();
        assert!(s.load_balancers[0].dns_name.starts_with("internal-alb-"));
        assert_eq!(s.create_listener(R, &lb, "HTTP", 80, &other_tg).unwrap_err().code, "ValidationError");
        assert_eq!(
            s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "pub-b".into()], &[], "internal").unwrap_err().code,
            "DuplicateLoadBalancerName"
        );
        // Alarms: CloudWatch's period rule and actions that name a real policy.
        let alarm = |period: u64, actions: Vec<String>| MetricAlarm {
            name: "cpu-high".into(),
            arn: String::new(),
            region: R.into(),
            namespace: "AWS/EC2".into(),
            metric_name: "CPUUtilization".into(),
            statistic: "Average".into(),
            period_s: period,
            evaluation_periods: 3,
            threshold: 70.0,
            comparison: "GreaterThanThreshold".into(),
            dimensions: vec![("AutoScalingGroupName".into(), "web-asg".into())],
            alarm_actions: actions,
            state: "INSUFFICIENT_DATA".into(),
        };
        assert_eq!(s.put_metric_alarm(alarm(90, vec![])).unwrap_err().code, "InvalidParameterValue");
        assert_eq!(s.put_metric_alarm(alarm(20, vec![])).unwrap_err().code, "InvalidParameterValue");
        assert_eq!(
            s.put_metric_alarm(alarm(60, vec!["arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x".into()]))
                .unwrap_err()
                .code,
            "ValidationError"
        );
        s.put_metric_alarm(alarm(60, vec![])).unwrap();
        s.put_metric_alarm(alarm(300, vec![])).unwrap();
        assert_eq!(s.alarms.len(), 1, "put-metric-alarm replaces an alarm of the same name");
        assert_eq!(s.alarms[0].period_s, 300);
        s.create_auto_scaling_group(&n, R, &spec(&["pub-a", "pub-b"], &tg)).unwrap();
        let e = s.set_desired_capacity(&n, R, "web-asg", 1).unwrap_err();
        assert_eq!(e.message, "New SetDesiredCapacity value 1 is below min value 2 for the AutoScalingGroup.");
        assert_eq!(s.set_desired_capacity(&n, R, "nope", 3).unwrap_err().code, "ValidationError");
    }

    #[test]
    fn protected_instances_stay_when_the_group_shrinks() {
        let n = net();
        let (mut s, tg) = lab(&n);
        let mut sp = spec(&["pub-a", "pub-b"], &tg);
        sp.new_instances_protected = true;
        s.create_auto_scaling_group(&n, R, &sp).unwrap();
        s.set_desired_capacity(&n, R, "web-asg", 4).unwrap();
        s.set_desired_capacity(&n, R, "web-asg", 2).unwrap();
        // Every instance is protected: the desired capacity drops, no instance is terminated.
        assert_eq!(s.groups[0].instances.len(), 4);
        assert_eq!(s.groups[0].desired_capacity, 2);
    }

    #[test]
    fn load_balancer_and_target_group_errors() {
        let n = net();
        let (mut s, _) = lab(&n);
        let one = s.create_load_balancer(&n, R, "alb", &["pub-a".into()], &[], "internet-facing").unwrap_err();
        assert!(one.message.contains("At least two subnets"));
        assert_eq!(
            s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "subnet-0bad".into()], &[], "internet-facing")
                .unwrap_err()
                .code,
            "SubnetNotFound"
        );
        assert_eq!(
            s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "other-a".into()], &[], "internet-facing")
                .unwrap_err()
                .code,
            "InvalidConfigurationRequest"
        );
        assert_eq!(
            s.create_load_balancer(
                &n,
                R,
                "alb",
                &["pub-a".into(), "pub-b".into()],
                &["sg-0nope".into()],
                "internet-facing"
            )
            .unwrap_err()
            .code,
            "InvalidSecurityGroup"
        );
        assert_eq!(
            s.create_target_group(&n, R, "web-tg", "HTTP", 80, "prod", "/", 30, 5, Algorithm::RoundRobin)
                .unwrap_err()
                .code,
            "DuplicateTargetGroupName"
        );
        assert_eq!(
            s.create_target_group(&n, R, "tg2", "HTTP", 80, "vpc-0nope", "/", 30, 5, Algorithm::RoundRobin)
                .unwrap_err()
                .code,
            "ValidationError"
        );
        assert_eq!(s.create_listener(R, "nope", "HTTP", 80, "web-tg").unwrap_err().code, "LoadBalancerNotFound");
        assert_eq!(
            s.create_launch_template(&n, R, "web-lt", "ami-0123", "t3.micro", None, &[], false).unwrap_err().code,
            "InvalidLaunchTemplateName.AlreadyExistsException"
        );
    }
}
