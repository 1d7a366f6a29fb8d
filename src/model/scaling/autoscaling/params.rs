//! What a simulation run takes: the group, its policy, the load balancer's algorithm, the
//! instance type and every timing, each with its source ([`SimParams::assumptions`]).

use chrono::{DateTime, Utc};

use super::instance::{BurstSpec, SURPLUS_USD_PER_VCPU_HOUR};
use crate::model::{codes, AwsError, AwsResult};

/// Which scaling policy the group has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    TargetTracking,
    Step,
    Simple,
}

impl PolicyKind {
    pub fn parse(s: &str) -> Option<PolicyKind> {
        match s {
            "target-tracking" | "TargetTrackingScaling" => Some(PolicyKind::TargetTracking),
            "step" | "StepScaling" => Some(PolicyKind::Step),
            "simple" | "SimpleScaling" => Some(PolicyKind::Simple),
            _ => None,
        }
    }
    /// AWS's PolicyType name.
    pub fn aws_name(self) -> &'static str {
        match self {
            PolicyKind::TargetTracking => "TargetTrackingScaling",
            PolicyKind::Step => "StepScaling",
            PolicyKind::Simple => "SimpleScaling",
        }
    }
}

/// CloudWatch monitoring of the instances: basic (5-minute) or detailed (1-minute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Monitoring {
    Basic,
    Detailed,
}

impl Monitoring {
    pub fn period_s(self) -> u64 {
        match self {
            Monitoring::Basic => 300,
            Monitoring::Detailed => 60,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Monitoring::Basic => "basic",
            Monitoring::Detailed => "detailed",
        }
    }
}

/// The target group's `load_balancing.algorithm.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    RoundRobin,
    LeastOutstandingRequests,
}

impl Algorithm {
    pub fn parse(s: &str) -> Option<Algorithm> {
        match s {
            "round-robin" | "round_robin" => Some(Algorithm::RoundRobin),
            "least-outstanding-requests" | "least_outstanding_requests" => Some(Algorithm::LeastOutstandingRequests),
            _ => None,
        }
    }
    pub fn aws_name(self) -> &'static str {
        match self {
            Algorithm::RoundRobin => "round_robin",
            Algorithm::LeastOutstandingRequests => "least_outstanding_requests",
        }
    }
}

/// Burstable credit mode (`CreditSpecification.CpuCredits`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditMode {
    Standard,
    Unlimited,
}

/// Every number and choice the simulation uses.
#[derive(Clone, Debug)]
pub struct SimParams {
    pub group_name: String,
    pub policy_name: String,
    pub instance_type: String,
    pub vcpus: u32,
    pub price_per_hour_usd: f64,
    /// Where the price came from (shown with the result).
    pub price_source: String,
    pub burst: Option<BurstSpec>,
    pub credit_mode: CreditMode,
    pub min_size: u32,
    pub max_size: u32,
    /// Desired capacity at t = 0 (the group launches it at the start).
    pub desired_capacity: u32,
    pub target_cpu_pct: f64,
    pub policy: PolicyKind,
    pub monitoring: Monitoring,
    /// Datapoints over the threshold before the scale-out alarm fires.
    pub alarm_high_datapoints: u32,
    /// Datapoints under the scale-in threshold before the scale-in alarm fires.
    pub alarm_low_datapoints: u32,
    /// The scale-in alarm's threshold, CPU %.
    pub scale_in_cpu_pct: f64,
    /// Step scaling: instances added for a breach below 10, 20 and above 20 points.
    pub step_adjustments: [u32; 3],
    pub warmup_s: u64,
    pub cooldown_s: u64,
    /// pending → running.
    pub boot_s: u64,
    /// ± share of the boot time drawn per instance from the seed.
    pub boot_jitter_pct: f64,
    /// running → the web server answers (user data installs and starts it).
    pub app_start_s: u64,
    pub health_check_interval_s: u64,
    pub healthy_threshold: u32,
    pub health_check_grace_s: u64,
    /// The group's HealthCheckType is ELB: targets the load balancer finds unhealthy are
    /// replaced once the grace period is over. With EC2 (the default) they are not.
    pub elb_health_check: bool,
    /// Failed checks in a row before a target is unhealthy.
    pub unhealthy_threshold: u32,
    /// A health check fails when CPU demand exceeds capacity by this share (requests
    /// queue past the 5 s check timeout).
    pub overload_fail_pct: f64,
    pub deregistration_delay_s: u64,
    /// How long in-flight requests take to finish when an instance deregisters.
    pub drain_s: u64,
    pub cpu_ms_per_request: f64,
    /// CPU an idle instance uses (OS, agents), % of all vCPUs.
    pub idle_cpu_pct: f64,
    /// The course's script keeps each instance at least this busy (idle above 30 % → work).
    pub script_busy_pct: f64,
    /// ± per-second random variation of the request rate.
    pub load_noise_pct: f64,
    pub algorithm: Algorithm,
    pub min_billed_s: u64,
    /// The first N instances launched are protected from scale in.
    pub protected_instances: u32,
    /// Seconds simulated (the profile, then a tail with no load so scale-in shows).
    pub duration_s: u64,
    /// One timeline record per this many seconds.
    pub sample_s: u64,
    pub start: DateTime<Utc>,
    pub seed: u64,
    /// True when the group's first instances are already in service, healthy and warmed
    /// up at t = 0 (a load test on a running group); false launches them at t = 0.
    pub start_warm: bool,
    /// Availability zones of the group's subnets, in order.
    pub availability_zones: Vec<String>,
    /// IDs for the first instances (a CLI-made group's); later ones are drawn from the seed.
    pub initial_instance_ids: Vec<String>,
}

impl SimParams {
    /// The defaults for an instance type with `vcpus` vCPUs and a price.
    pub fn new(instance_type: &str, vcpus: u32, price_per_hour_usd: f64, burst: Option<BurstSpec>) -> SimParams {
        let credit_mode = match burst {
            Some(b) if !b.unlimited_by_default => CreditMode::Standard,
            _ => CreditMode::Unlimited,
        };
        SimParams {
            group_name: "web-asg".into(),
            policy_name: "cpu-target-tracking".into(),
            instance_type: instance_type.into(),
            vcpus: vcpus.max(1),
            price_per_hour_usd,
            price_source: "given".into(),
            burst,
            credit_mode,
            min_size: 2,
            max_size: 6,
            desired_capacity: 2,
            target_cpu_pct: 50.0,
            policy: PolicyKind::TargetTracking,
            // A new group's instances have basic (5-minute) monitoring unless detailed
            // monitoring is turned on (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html).
            monitoring: Monitoring::Basic,
            alarm_high_datapoints: 3,
            alarm_low_datapoints: 15,
            scale_in_cpu_pct: 45.0,
            step_adjustments: [1, 2, 3],
            warmup_s: 300,
            cooldown_s: 300,
            boot_s: 45,
            boot_jitter_pct: 20.0,
            app_start_s: 20,
            health_check_interval_s: 30,
            healthy_threshold: 5,
            health_check_grace_s: 0,
            elb_health_check: false,
            unhealthy_threshold: 2,
            overload_fail_pct: 20.0,
            deregistration_delay_s: 300,
            drain_s: 5,
            cpu_ms_per_request: 1.5,
            idle_cpu_pct: 2.0,
            script_busy_pct: 70.0,
            load_noise_pct: 5.0,
            algorithm: Algorithm::RoundRobin,
            min_billed_s: 60,
            protected_instances: 0,
            duration_s: 3600,
            sample_s: 60,
            start: DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
                .map(|d| d.with_timezone(&Utc))
                .unwrap_or_default(),
            seed: 1,
            start_warm: true,
            availability_zones: vec!["us-east-1a".into(), "us-east-1b".into()],
            initial_instance_ids: Vec::new(),
        }
    }

    /// Sets the policy and the scale-in alarm that goes with it (threshold, datapoints).
    pub fn set_policy(&mut self, policy: PolicyKind) {
        self.policy = policy;
        self.policy_name = match policy {
            PolicyKind::TargetTracking => "cpu-target-tracking",
            PolicyKind::Step => "cpu-step-scaling",
            PolicyKind::Simple => "cpu-simple-scaling",
        }
        .into();
        self.reset_scale_in_alarm();
    }

    /// Recomputes the scale-in alarm from the target and policy.
    pub fn reset_scale_in_alarm(&mut self) {
        match self.policy {
            PolicyKind::TargetTracking => {
                self.scale_in_cpu_pct = self.target_cpu_pct * 0.9;
                self.alarm_low_datapoints = 15;
            }
            PolicyKind::Step | PolicyKind::Simple => {
                self.scale_in_cpu_pct = self.target_cpu_pct * 0.5;
                self.alarm_low_datapoints = 3;
            }
        }
    }

    /// Checks the numbers a user can set; the message says which one is wrong.
    pub fn validate(&self) -> AwsResult<()> {
        let bad = |m: String| Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, m));
        if self.min_size > self.max_size {
            return bad(format!("min size {} is larger than max size {}", self.min_size, self.max_size));
        }
        if self.desired_capacity < self.min_size || self.desired_capacity > self.max_size {
            return bad(format!(
                "desired capacity {} must be between min size {} and max size {}",
                self.desired_capacity, self.min_size, self.max_size
            ));
        }
        if !(self.target_cpu_pct > 0.0 && self.target_cpu_pct < 100.0) {
            return bad(format!("target CPU {} % must be above 0 and below 100", self.target_cpu_pct));
        }
        if self.cpu_ms_per_request <= 0.0 || !self.cpu_ms_per_request.is_finite() {
            return bad("CPU cost per request must be above 0 ms".into());
        }
        if self.max_size > 10_000 {
            return bad(format!("max size {} is more than this simulation handles (10000)", self.max_size));
        }
        if self.duration_s == 0 {
            return bad("the simulation must last at least 1 s".into());
        }
        if self.duration_s > 31 * 86400 {
            return bad("the simulation lasts at most 31 days".into());
        }
        if self.availability_zones.is_empty() {
            return bad("the group needs at least one availability zone".into());
        }
        Ok(())
    }

    /// Each parameter: name, value, and its source or "assumption".
    pub fn assumptions(&self) -> Vec<(String, String, String)> {
        let a = || "assumption".to_string();
        let mut v = vec![
            ("instance_type".into(), self.instance_type.clone(), "given".into()),
            ("vcpus".into(), self.vcpus.to_string(), "instance catalog (DescribeInstanceTypes)".into()),
            ("price_per_hour_usd".into(), format!("{}", self.price_per_hour_usd), self.price_source.clone()),
            ("billing".into(), format!("per running second, {} s minimum", self.min_billed_s), "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html".into()),
            ("min / max / desired".into(), format!("{} / {} / {}", self.min_size, self.max_size, self.desired_capacity), "given".into()),
            ("policy".into(), self.policy.aws_name().into(), "given".into()),
            ("target_cpu_pct".into(), format!("{}", self.target_cpu_pct), "given".into()),
            (
                "metric period".into(),
                format!("{} s ({} monitoring)", self.monitoring.period_s(), self.monitoring.name()),
                "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html".into(),
            ),
            (
                "scale-out alarm".into(),
                format!("CPU > {} % for {} datapoints", self.target_cpu_pct, self.alarm_high_datapoints),
                "assumption (3 datapoints is widely cited; no AWS text found, docs/aws-facts.md#5-auto-scaling-elb-cloudwatch)".into(),
            ),
            (
                "scale-in alarm".into(),
                format!("CPU < {:.1} % for {} datapoints", self.scale_in_cpu_pct, self.alarm_low_datapoints),
                match self.policy {
                    PolicyKind::TargetTracking => "assumption (15 datapoints is widely cited, no AWS text found; threshold 90 % of target)".into(),
                    _ => "assumption (a user-made alarm at half the target)".into(),
                },
            ),
            ("warmup_s".into(), self.warmup_s.to_string(), "https://docs.aws.amazon.com/autoscaling/ec2/userguide/consolidated-view-of-warm-up-and-cooldown-settings.html (EstimatedInstanceWarmup falls back to DefaultCooldown 300 s)".into()),
            ("cooldown_s".into(), self.cooldown_s.to_string(), "https://docs.aws.amazon.com/autoscaling/ec2/userguide/consolidated-view-of-warm-up-and-cooldown-settings.html (DefaultCooldown 300 s, simple scaling only)".into()),
            ("boot_s".into(), format!("{} ± {} %", self.boot_s, self.boot_jitter_pct), a()),
            ("app_start_s".into(), self.app_start_s.to_string(), "assumption (user data starts the web server)".into()),
            (
                "health check".into(),
                format!("every {} s, healthy after {} successes", self.health_check_interval_s, self.healthy_threshold),
                "assumption (ALB target group health check defaults)".into(),
            ),
            ("health_check_grace_s".into(), self.health_check_grace_s.to_string(), "https://docs.aws.amazon.com/autoscaling/ec2/userguide/consolidated-view-of-warm-up-and-cooldown-settings.html (0 s from the CLI)".into()),
            (
                "health check type".into(),
                if self.elb_health_check { "ELB: unhealthy targets are replaced after the grace period".into() } else { "EC2: only instance status counts".into() },
                "given (EC2 is the group default)".into(),
            ),
            (
                "unhealthy target".into(),
                format!("{} failed checks; a check fails when CPU demand exceeds capacity by {} %", self.unhealthy_threshold, self.overload_fail_pct),
                "assumption (ALB default threshold 2; overload rule)".into(),
            ),
            (
                "deregistration".into(),
                format!("delay up to {} s; in-flight requests end in {} s", self.deregistration_delay_s, self.drain_s),
                "https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-enter-exit-standby.html (300 s delay); drain time assumption".into(),
            ),
            ("cpu_ms_per_request".into(), format!("{}", self.cpu_ms_per_request), a()),
            ("idle_cpu_pct".into(), format!("{}", self.idle_cpu_pct), a()),
            ("script_busy_pct".into(), format!("{}", self.script_busy_pct), "course load script (works while idle > 30 %)".into()),
            ("load_noise_pct".into(), format!("± {}", self.load_noise_pct), a()),
            ("algorithm".into(), self.algorithm.aws_name().into(), "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html (round_robin default)".into()),
            ("protected_instances".into(), self.protected_instances.to_string(), "given".into()),
            (
                "start".into(),
                if self.start_warm { "group already in service and warmed up".into() } else { "group launches its instances at t = 0".into() },
                "given".into(),
            ),
        ];
        if let Some(b) = self.burst {
            v.push((
                "cpu credits".into(),
                format!(
                    "{} credits/h, baseline {} % per vCPU, max {} credits, {} mode",
                    b.credits_per_hour,
                    b.baseline_pct,
                    b.max_balance(),
                    if self.credit_mode == CreditMode::Standard { "standard" } else { "unlimited" }
                ),
                "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html".into(),
            ));
            if self.credit_mode == CreditMode::Unlimited {
                v.push((
                    "surplus credits".into(),
                    format!("{} USD per vCPU-hour", SURPLUS_USD_PER_VCPU_HOUR),
                    "assumption (EC2 burstable pricing, Linux)".into(),
                ));
            }
        }
        v
    }
}
