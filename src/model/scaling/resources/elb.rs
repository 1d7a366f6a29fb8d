//! Elastic Load Balancing: target groups, Application Load Balancers and their listeners.

use crate::model::network::Network;
use crate::model::{codes, AwsError, AwsResult};

use super::{Scaling, ACCOUNT};
use crate::model::scaling::autoscaling::Algorithm;

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

impl Scaling {
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
}
