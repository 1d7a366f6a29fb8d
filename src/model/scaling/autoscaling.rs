//! The load-test simulation: an ALB spreading requests over an Auto Scaling group's
//! instances, CloudWatch turning their CPU into alarm datapoints, and a scaling policy
//! changing the desired capacity — second by second, deterministic for a seed.
//!
//! Every number the simulation uses is in [`SimParams`] and listed by
//! [`SimParams::assumptions`] with its source (an AWS documentation URL) or "assumption".

use crate::model::seeded::SeededRng;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rand::{Rng, SeedableRng};

use super::instance::{BurstSpec, SURPLUS_USD_PER_VCPU_HOUR};
use super::load::LoadProfile;

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
    pub fn validate(&self) -> Result<(), String> {
        if self.min_size > self.max_size {
            return Err(format!("min size {} is larger than max size {}", self.min_size, self.max_size));
        }
        if self.desired_capacity < self.min_size || self.desired_capacity > self.max_size {
            return Err(format!(
                "desired capacity {} must be between min size {} and max size {}",
                self.desired_capacity, self.min_size, self.max_size
            ));
        }
        if !(self.target_cpu_pct > 0.0 && self.target_cpu_pct < 100.0) {
            return Err(format!("target CPU {} % must be above 0 and below 100", self.target_cpu_pct));
        }
        if self.cpu_ms_per_request <= 0.0 || !self.cpu_ms_per_request.is_finite() {
            return Err("CPU cost per request must be above 0 ms".into());
        }
        if self.max_size > 10_000 {
            return Err(format!("max size {} is more than this simulation handles (10000)", self.max_size));
        }
        if self.duration_s == 0 {
            return Err("the simulation must last at least 1 s".into());
        }
        if self.duration_s > 31 * 86400 {
            return Err("the simulation lasts at most 31 days".into());
        }
        if self.availability_zones.is_empty() {
            return Err("the group needs at least one availability zone".into());
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

/// A CloudWatch alarm state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlarmState {
    Ok,
    Alarm,
    InsufficientData,
}

impl AlarmState {
    /// A new alarm's state until its first evaluation with data.
    pub const INITIAL: AlarmState = AlarmState::InsufficientData;

    pub fn name(self) -> &'static str {
        match self {
            AlarmState::Ok => "OK",
            AlarmState::Alarm => "ALARM",
            AlarmState::InsufficientData => "INSUFFICIENT_DATA",
        }
    }
}

/// One timeline record (averages over the sample interval ending at `t_s`).
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub t_s: u64,
    pub load_rps: f64,
    /// Mean CPU of in-service instances, as the instances see it.
    pub cpu_avg_pct: f64,
    /// The last ASG-average datapoint CloudWatch had (None before the first).
    pub cpu_metric_pct: Option<f64>,
    pub desired: u32,
    pub in_service: u32,
    pub healthy: u32,
    pub alarm_state: AlarmState,
    pub alarm_low_state: AlarmState,
    pub unserved_rps: f64,
    /// Mean credit balance of the in-service instances (burstable types).
    pub credit_balance: Option<f64>,
    pub cost_usd: f64,
}

/// One row of the activity history (or an alarm state change).
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    pub t_s: u64,
    /// `Launch`, `Terminate`, `Alarm` or `Policy`.
    pub kind: &'static str,
    pub instance_id: Option<String>,
    pub description: String,
    pub cause: String,
    pub desired_from: u32,
    pub desired_to: u32,
    /// When the activity finished (instance in service / terminated).
    pub end_t_s: Option<u64>,
}

/// What the simulation produced.
#[derive(Clone, Debug)]
pub struct SimResult {
    pub timeline: Vec<Sample>,
    pub events: Vec<Activity>,
    pub total_cost_usd: f64,
    pub surplus_credit_cost_usd: f64,
    pub max_in_service: u32,
    pub unserved_requests: f64,
    pub served_requests: f64,
}

impl SimResult {
    /// The time of the first launch after t = 0 (the first scale-out), if any.
    pub fn first_scale_out_s(&self) -> Option<u64> {
        self.events.iter().find(|e| e.kind == "Launch" && e.t_s > 0).map(|e| e.t_s)
    }
    pub fn first_scale_in_s(&self) -> Option<u64> {
        self.events.iter().find(|e| e.kind == "Terminate").map(|e| e.t_s)
    }
}

/// Why the simulation stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    Invalid(String),
    Interrupted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Pending,
    InService,
    Draining,
    Terminated,
}

#[derive(Clone, Debug)]
struct Inst {
    id: String,
    az: usize,
    phase: Phase,
    launched_at: u64,
    running_at: u64,
    healthy_at: u64,
    /// From this second the instance's metrics count (warm-up over).
    warm_at: u64,
    drain_until: u64,
    protected: bool,
    credits: f64,
    surplus: f64,
    billed_s: u64,
    // CloudWatch accumulation for the current period.
    cpu_sum: f64,
    cpu_n: u32,
    launch_event: usize,
    /// Marked unhealthy by the load balancer's checks (gets no requests).
    unhealthy: bool,
    fails: u32,
    oks: u32,
    overloaded: bool,
}

fn hex_id(rng: &mut SeededRng, prefix: &str) -> String {
    format!("{}-0{:016x}", prefix, rng.gen::<u64>())
}

fn uuid_like(rng: &mut SeededRng) -> String {
    let a: u128 = rng.gen();
    let h = format!("{:032x}", a);
    format!("{}-{}-4{}-a{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

/// Formats a simulated second as the ISO time AWS prints.
pub fn iso(start: DateTime<Utc>, t_s: u64) -> String {
    (start + Duration::seconds(t_s as i64)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Runs the simulation; `check` is called every 256 simulated seconds with the seconds
/// simulated so far (for progress) and stops it when it returns false (a Jupyter interrupt).
pub fn simulate(p: &SimParams, load: &LoadProfile, check: &mut dyn FnMut(u64) -> bool) -> Result<SimResult, SimError> {
    p.validate().map_err(SimError::Invalid)?;
    let mut rng = SeededRng::seed_from_u64(p.seed);
    let alarm_high = format!("TargetTracking-{}-AlarmHigh-{}", p.group_name, uuid_like(&mut rng));
    let alarm_low = format!("TargetTracking-{}-AlarmLow-{}", p.group_name, uuid_like(&mut rng));
    let (alarm_high, alarm_low) = match p.policy {
        PolicyKind::TargetTracking => (alarm_high, alarm_low),
        _ => (format!("{}-cpu-high", p.group_name), format!("{}-cpu-low", p.group_name)),
    };
    let period = p.monitoring.period_s();
    let cap_ms = p.vcpus as f64 * 1000.0;
    let price_per_s = p.price_per_hour_usd / 3600.0;
    let surplus_price = SURPLUS_USD_PER_VCPU_HOUR / 60.0; // one credit = one vCPU-minute

    let mut insts: Vec<Inst> = Vec::new();
    let mut events: Vec<Activity> = Vec::new();
    let mut timeline = Vec::new();
    let mut desired = p.desired_capacity;
    let mut datapoints: Vec<Option<f64>> = Vec::new();
    let mut high = AlarmState::INITIAL;
    let mut low = AlarmState::INITIAL;
    let mut last_metric: Option<f64> = None;
    let mut cooldown_until: u64 = 0;
    // Simple scaling waits for its activity to finish before the cooldown starts.
    let mut simple_pending: Vec<usize> = Vec::new();
    let mut last_change_t: Option<u64> = None;
    let mut cost_closed = 0.0; // billed seconds of terminated instances, in USD
    let mut surplus_closed = 0.0;
    let mut unserved_total = 0.0;
    let mut served_total = 0.0;
    let mut max_in_service = 0;
    let mut launched = 0u32;
    // Sample accumulators.
    let (mut acc_load, mut acc_cpu, mut acc_cpu_n, mut acc_unserved) = (0.0, 0.0, 0u32, 0.0);
    let mut cause = format!(
        "At {} a user request created an AutoScalingGroup changing the desired capacity from 0 to {}.",
        iso(p.start, 0),
        desired
    );
    let mut desired_from = 0;

    let mut shares: Vec<f64> = Vec::new();
    let mut blocked_at: Option<u32> = None;
    for t in 0..p.duration_s {
        // Often enough that an interrupt stops even a 10,000-instance group within 100 ms.
        if t % 256 == 0 && !check(t) {
            return Err(SimError::Interrupted);
        }
        // 1. The group's capacity follows the desired capacity.
        let active: Vec<usize> =
            (0..insts.len()).filter(|&i| matches!(insts[i].phase, Phase::Pending | Phase::InService)).collect();
        let n_active = active.len() as u32;
        if n_active < desired {
            let from = n_active;
            for _ in 0..(desired - n_active) {
                let az = (0..p.availability_zones.len())
                    .min_by_key(|&z| (insts.iter().filter(|x| x.az == z && x.phase != Phase::Terminated).count(), z))
                    .unwrap_or(0);
                let jitter = 1.0 + p.boot_jitter_pct / 100.0 * (rng.gen::<f64>() * 2.0 - 1.0);
                let boot = (p.boot_s as f64 * jitter).round().max(1.0) as u64;
                let ready = t == 0 && p.start_warm;
                let running_at = if ready { 0 } else { t + boot };
                let answers_at = running_at + p.app_start_s;
                // The first check after the app answers, then healthy_threshold in a row.
                let iv = p.health_check_interval_s.max(1);
                let first_ok = running_at + (answers_at - running_at).div_ceil(iv) * iv;
                let healthy_at = if ready { 0 } else { first_ok + (p.healthy_threshold.max(1) as u64 - 1) * iv };
                let drawn = hex_id(&mut rng, "i");
                let id = p.initial_instance_ids.get(insts.len()).cloned().unwrap_or(drawn);
                let credits = match (p.burst, p.credit_mode) {
                    // T2 standard gets 30 launch credits per vCPU (assumption, EC2 User Guide).
                    (Some(_), CreditMode::Standard) if p.instance_type.starts_with("t2.") => 30.0 * p.vcpus as f64,
                    _ => 0.0,
                };
                launched += 1;
                events.push(Activity {
                    t_s: t,
                    kind: "Launch",
                    instance_id: Some(id.clone()),
                    description: format!("Launching a new EC2 instance: {}", id),
                    cause: format!(
                        "{} At {} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from {} to {}.",
                        cause,
                        iso(p.start, t),
                        from,
                        desired
                    ),
                    desired_from,
                    desired_to: desired,
                    end_t_s: None,
                });
                if p.policy == PolicyKind::Simple {
                    simple_pending.push(insts.len());
                }
                insts.push(Inst {
                    id,
                    az,
                    phase: Phase::Pending,
                    launched_at: t,
                    running_at,
                    healthy_at,
                    warm_at: if ready { 0 } else { running_at + p.warmup_s },
                    drain_until: 0,
                    protected: launched <= p.protected_instances,
                    credits,
                    surplus: 0.0,
                    billed_s: 0,
                    cpu_sum: 0.0,
                    cpu_n: 0,
                    launch_event: events.len() - 1,
                    unhealthy: false,
                    fails: 0,
                    oks: 0,
                    overloaded: false,
                });
            }
        } else if n_active > desired {
            let from = n_active;
            let mut excess = n_active - desired;
            while excess > 0 {
                let candidates: Vec<usize> = (0..insts.len())
                    .filter(|&i| matches!(insts[i].phase, Phase::Pending | Phase::InService) && !insts[i].protected)
                    .collect();
                if candidates.is_empty() {
                    // AWS lowers the desired capacity but cannot terminate protected
                    // instances; say so once per decision.
                    if blocked_at != Some(desired) {
                        blocked_at = Some(desired);
                        events.push(Activity {
                            t_s: t,
                            kind: "Policy",
                            instance_id: None,
                            description: format!(
                                "Could not terminate {} instance(s): the remaining instances are protected from scale in",
                                excess
                            ),
                            cause: cause.clone(),
                            desired_from,
                            desired_to: desired,
                            end_t_s: None,
                        });
                    }
                    break;
                }
                // Default termination policy: the AZ with the most instances, then the
                // instance closest to its next billing hour.
                let count = |z: usize| {
                    insts.iter().filter(|x| x.az == z && matches!(x.phase, Phase::Pending | Phase::InService)).count()
                };
                let Some(&victim) = candidates.iter().max_by_key(|&&i| {
                    let age = t - insts[i].launched_at;
                    (count(insts[i].az), age % 3600, std::cmp::Reverse(i))
                }) else {
                    break;
                };
                let inst = &mut insts[victim];
                let was_serving = inst.phase == Phase::InService && t >= inst.healthy_at;
                inst.phase = Phase::Draining;
                inst.drain_until = t + if was_serving { p.drain_s.min(p.deregistration_delay_s) } else { 0 };
                events.push(Activity {
                    t_s: t,
                    kind: "Terminate",
                    instance_id: Some(inst.id.clone()),
                    description: format!("Terminating EC2 instance: {}", inst.id),
                    cause: format!(
                        "{} At {} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from {} to {}. At {} instance {} was selected for termination.",
                        cause,
                        iso(p.start, t),
                        from,
                        desired,
                        iso(p.start, t),
                        inst.id
                    ),
                    desired_from,
                    desired_to: desired,
                    end_t_s: Some(inst.drain_until),
                });
                excess -= 1;
            }
        }

        // 2. Lifecycle: pending → running (InService), draining → terminated.
        for inst in insts.iter_mut() {
            match inst.phase {
                Phase::Pending if t >= inst.running_at => {
                    inst.phase = Phase::InService;
                    events[inst.launch_event].end_t_s = Some(t);
                }
                Phase::Draining if t >= inst.drain_until => {
                    inst.phase = Phase::Terminated;
                    let billed = if inst.billed_s > 0 { inst.billed_s.max(p.min_billed_s) } else { 0 };
                    cost_closed += billed as f64 * price_per_s;
                    surplus_closed += inst.surplus * surplus_price;
                    inst.surplus = 0.0;
                    inst.billed_s = 0;
                }
                _ => {}
            }
        }
        // Load balancer health checks; with ELB health checks the group replaces targets
        // that fail once their grace period is over.
        let iv = p.health_check_interval_s.max(1);
        if t % iv == 0 {
            for k in 0..insts.len() {
                let inst = &mut insts[k];
                if inst.phase != Phase::InService || t < inst.healthy_at {
                    continue;
                }
                if inst.overloaded {
                    inst.fails += 1;
                    inst.oks = 0;
                    if inst.fails >= p.unhealthy_threshold.max(1) {
                        inst.unhealthy = true;
                    }
                } else {
                    inst.oks += 1;
                    inst.fails = 0;
                    if inst.unhealthy && inst.oks >= p.healthy_threshold.max(1) {
                        inst.unhealthy = false;
                    }
                }
                if inst.unhealthy && p.elb_health_check && t >= inst.running_at + p.health_check_grace_s {
                    inst.phase = Phase::Draining;
                    inst.drain_until = t + p.drain_s.min(p.deregistration_delay_s);
                    let n = insts.iter().filter(|x| matches!(x.phase, Phase::Pending | Phase::InService)).count();
                    let id = insts[k].id.clone();
                    events.push(Activity {
                        t_s: t,
                        kind: "Terminate",
                        instance_id: Some(id.clone()),
                        description: format!("Terminating EC2 instance: {}", id),
                        cause: format!(
                            "At {} an instance was taken out of service in response to an ELB system health check failure.",
                            iso(p.start, t)
                        ),
                        desired_from: desired,
                        desired_to: desired,
                        end_t_s: Some(t + p.drain_s.min(p.deregistration_delay_s)),
                    });
                    cause = format!(
                        "At {} instance {} was taken out of service in response to an ELB system health check failure ({} of {} instances left).",
                        iso(p.start, t),
                        id,
                        n,
                        desired
                    );
                    desired_from = desired;
                }
            }
        }
        if p.policy == PolicyKind::Simple && !simple_pending.is_empty() {
            // The cooldown starts once every launched instance is in service.
            if simple_pending.iter().all(|&i| insts[i].phase != Phase::Pending) {
                cooldown_until = cooldown_until.max(t + p.cooldown_s);
                simple_pending.clear();
            }
        }

        // 3. The ALB spreads this second's requests over healthy targets.
        let (rate, script) = load.at(t);
        let noise = 1.0 + p.load_noise_pct / 100.0 * (rng.gen::<f64>() * 2.0 - 1.0);
        let rps = (rate * noise).max(0.0);
        let registered: Vec<usize> =
            (0..insts.len()).filter(|&i| insts[i].phase == Phase::InService && t >= insts[i].healthy_at).collect();
        let healthy_n = registered.iter().filter(|&&i| !insts[i].unhealthy).count();
        // With no healthy target the ALB fails open and routes to every registered one.
        let healthy: Vec<usize> =
            if healthy_n == 0 { registered } else { registered.into_iter().filter(|&i| !insts[i].unhealthy).collect() };
        let capacity_of = |inst: &Inst| -> f64 {
            match (p.burst, p.credit_mode) {
                (Some(b), CreditMode::Standard) if inst.credits <= 0.0 => b.baseline_pct / 100.0,
                _ => 1.0,
            }
        };
        shares.clear();
        shares.resize(insts.len(), 0.0);
        if !healthy.is_empty() {
            match p.algorithm {
                Algorithm::RoundRobin => {
                    let each = rps / healthy.len() as f64;
                    for &i in &healthy {
                        shares[i] = each;
                    }
                }
                Algorithm::LeastOutstandingRequests => {
                    // Slower (throttled) targets hold requests longer and so get fewer.
                    let w: Vec<f64> = healthy.iter().map(|&i| capacity_of(&insts[i])).collect();
                    let total: f64 = w.iter().sum();
                    for (k, &i) in healthy.iter().enumerate() {
                        shares[i] = rps * w[k] / total.max(1e-9);
                    }
                }
            }
        } else {
            unserved_total += rps;
            acc_unserved += rps;
        }
        acc_load += rps;

        // 4. Each running instance: CPU, credits, billing, CloudWatch accumulation.
        let mut in_service = 0;
        for (i, inst) in insts.iter_mut().enumerate() {
            if !matches!(inst.phase, Phase::InService | Phase::Draining) {
                continue;
            }
            inst.billed_s += 1;
            let cap = capacity_of(inst);
            let req = if inst.phase == Phase::InService { shares[i] } else { 0.0 };
            let mut demand = p.idle_cpu_pct / 100.0 + req * p.cpu_ms_per_request / cap_ms;
            if script && t >= inst.running_at + p.app_start_s {
                demand = demand.max(p.script_busy_pct / 100.0);
            }
            let util = demand.min(cap);
            inst.overloaded = demand > cap * (1.0 + p.overload_fail_pct / 100.0);
            if demand > cap && req > 0.0 {
                let lost = ((demand - cap) * cap_ms / p.cpu_ms_per_request).min(req);
                unserved_total += lost;
                acc_unserved += lost;
                served_total += req - lost;
            } else {
                served_total += req;
            }
            if let Some(b) = p.burst {
                let earn = b.credits_per_hour / 3600.0;
                let spend = p.vcpus as f64 * util / 60.0;
                let mut bal = inst.credits + earn - spend;
                if bal < 0.0 {
                    if p.credit_mode == CreditMode::Unlimited {
                        inst.surplus += -bal;
                    }
                    bal = 0.0;
                } else if inst.surplus > 0.0 {
                    let pay = inst.surplus.min(bal);
                    inst.surplus -= pay;
                    bal -= pay;
                }
                inst.credits = bal.min(b.max_balance());
            }
            if inst.phase == Phase::InService {
                in_service += 1;
                acc_cpu += util * 100.0;
                acc_cpu_n += 1;
                // While warming up, an instance's metrics stay out of the aggregate.
                if t >= inst.warm_at {
                    inst.cpu_sum += util * 100.0;
                    inst.cpu_n += 1;
                }
            }
        }
        max_in_service = max_in_service.max(in_service);

        // 5. At each period's end CloudWatch gets a datapoint; alarms and policy act.
        let now = t + 1;
        if now % period == 0 {
            let mut sum = 0.0;
            let mut n = 0;
            for inst in insts.iter_mut() {
                if inst.phase == Phase::InService && inst.cpu_n > 0 {
                    sum += inst.cpu_sum / inst.cpu_n as f64;
                    n += 1;
                }
                inst.cpu_sum = 0.0;
                inst.cpu_n = 0;
            }
            let dp = (n > 0).then(|| sum / n as f64);
            datapoints.push(dp);
            if dp.is_some() {
                last_metric = dp;
            }
            let eval = |k: u32, pred: &dyn Fn(f64) -> bool| -> AlarmState {
                let k = k.max(1) as usize;
                match datapoints.last() {
                    None | Some(None) => AlarmState::InsufficientData,
                    Some(Some(_)) => {
                        if datapoints.len() >= k
                            && datapoints[datapoints.len() - k..].iter().all(|d| d.is_some_and(pred))
                        {
                            AlarmState::Alarm
                        } else {
                            AlarmState::Ok
                        }
                    }
                }
            };
            let target = p.target_cpu_pct;
            let low_thr = p.scale_in_cpu_pct;
            let new_high = eval(p.alarm_high_datapoints, &|v| v > target);
            let new_low = eval(p.alarm_low_datapoints, &|v| v < low_thr);
            for (name, old, new, thr, k, dir) in [
                (&alarm_high, high, new_high, target, p.alarm_high_datapoints, "greater than"),
                (&alarm_low, low, new_low, low_thr, p.alarm_low_datapoints, "less than"),
            ] {
                if old != new {
                    events.push(Activity {
                        t_s: now,
                        kind: "Alarm",
                        instance_id: None,
                        description: format!("Alarm {} changed state from {} to {}", name, old.name(), new.name()),
                        cause: match (new, dp) {
                            (AlarmState::Alarm, Some(v)) => format!(
                                "Threshold Crossed: {} datapoints were {} the threshold ({:.1}). The most recent datapoint: {:.2} (CPUUtilization, Average, period {} s).",
                                k, dir, thr, v, period
                            ),
                            (AlarmState::InsufficientData, _) => "Insufficient Data: no datapoint from an instance that has finished warming up.".into(),
                            (_, Some(v)) => format!("Threshold no longer crossed: the most recent datapoint is {:.2}.", v),
                            (_, None) => String::new(),
                        },
                        desired_from: desired,
                        desired_to: desired,
                        end_t_s: None,
                    });
                }
            }
            high = new_high;
            low = new_low;

            let warming =
                insts.iter().any(|x| x.phase == Phase::Pending || (x.phase == Phase::InService && now < x.warm_at));
            let n_metric = n as u32;
            let drain = p.drain_s.min(p.deregistration_delay_s);
            let fresh = last_change_t.is_none_or(|c| c + drain + period <= now);
            let mut proposed = desired;
            let mut via = &alarm_high;
            if let (AlarmState::Alarm, Some(v)) = (high, dp) {
                proposed = match p.policy {
                    PolicyKind::TargetTracking => desired.max((n_metric as f64 * v / target).ceil() as u32),
                    PolicyKind::Step => {
                        let d = v - target;
                        let adj = if d < 10.0 {
                            p.step_adjustments[0]
                        } else if d < 20.0 {
                            p.step_adjustments[1]
                        } else {
                            p.step_adjustments[2]
                        };
                        // Warming instances count: only the difference is added.
                        desired.max(n_metric + adj)
                    }
                    PolicyKind::Simple if now >= cooldown_until && simple_pending.is_empty() => desired + 1,
                    PolicyKind::Simple => desired,
                };
            } else if let (AlarmState::Alarm, Some(v)) = (low, dp) {
                via = &alarm_low;
                proposed = match p.policy {
                    // Scales in gradually: only on a datapoint that saw the current capacity,
                    // never while instances warm up.
                    PolicyKind::TargetTracking if fresh && !warming => {
                        desired.min(((n_metric as f64 * v / target).ceil() as u32).max(desired.saturating_sub(1)))
                    }
                    PolicyKind::Step if fresh && !warming => desired.saturating_sub(1),
                    PolicyKind::Simple if now >= cooldown_until && simple_pending.is_empty() => {
                        desired.saturating_sub(1)
                    }
                    _ => desired,
                };
            }
            let proposed = proposed.clamp(p.min_size, p.max_size);
            if proposed != desired {
                cause = format!(
                    "At {} a monitor alarm {} in state ALARM triggered policy {} changing the desired capacity from {} to {}.",
                    iso(p.start, now),
                    via,
                    p.policy_name,
                    desired,
                    proposed
                );
                if proposed < desired && p.policy == PolicyKind::Simple {
                    cooldown_until = now + p.cooldown_s;
                }
                desired_from = desired;
                desired = proposed;
                last_change_t = Some(now);
            }
        }

        // 6. One timeline record per sample interval.
        if now % p.sample_s.max(1) == 0 || now == p.duration_s {
            let len = (now - timeline.last().map_or(0, |s: &Sample| s.t_s)) as f64;
            let running_cost: f64 = insts
                .iter()
                .filter(|x| x.billed_s > 0)
                .map(|x| x.billed_s.max(p.min_billed_s) as f64 * price_per_s + x.surplus * surplus_price)
                .sum();
            let balances: Vec<f64> = insts.iter().filter(|x| x.phase == Phase::InService).map(|x| x.credits).collect();
            timeline.push(Sample {
                t_s: now,
                load_rps: acc_load / len,
                cpu_avg_pct: if acc_cpu_n > 0 { acc_cpu / acc_cpu_n as f64 } else { 0.0 },
                cpu_metric_pct: last_metric,
                desired,
                in_service,
                healthy: healthy_n as u32,
                alarm_state: high,
                alarm_low_state: low,
                unserved_rps: acc_unserved / len,
                credit_balance: (p.burst.is_some() && !balances.is_empty())
                    .then(|| balances.iter().sum::<f64>() / balances.len() as f64),
                cost_usd: cost_closed + surplus_closed + running_cost,
            });
            acc_load = 0.0;
            acc_cpu = 0.0;
            acc_cpu_n = 0;
            acc_unserved = 0.0;
        }
    }
    let total = timeline.last().map_or(0.0, |s| s.cost_usd);
    let surplus: f64 = surplus_closed + insts.iter().map(|x| x.surplus * surplus_price).sum::<f64>();
    Ok(SimResult {
        timeline,
        events,
        total_cost_usd: total,
        surplus_credit_cost_usd: surplus,
        max_in_service,
        unserved_requests: unserved_total,
        served_requests: served_total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scaling::instance;

    /// The tests' group: detailed (1-minute) monitoring, so alarms count minutes.
    fn params(ty: &str) -> SimParams {
        let mut p = new_group(ty);
        p.monitoring = Monitoring::Detailed;
        p
    }

    /// A group as created, with AWS's defaults.
    fn new_group(ty: &str) -> SimParams {
        let s = instance::lookup(ty).unwrap();
        SimParams::new(ty, s.vcpus, s.price_per_hour_usd.unwrap(), s.burst)
    }

    fn run(p: &SimParams, load: &str) -> SimResult {
        let l = LoadProfile::parse(load).unwrap();
        simulate(p, &l, &mut |_| true).unwrap()
    }

    #[test]
    fn scale_out_waits_for_warmup_and_the_breaching_datapoints() {
        let mut p = params("t3.micro");
        p.start_warm = false;
        p.duration_s = 1800;
        let r = run(&p, "steady:3000rps:30m");
        let first = r.first_scale_out_s().expect("the group scales out");
        // Initial instances boot (≥ 80 % of 45 s) and warm up 300 s; the first datapoint
        // with warmed instances closes at the next minute, and the alarm needs 3 of them.
        let warm = (p.boot_s as f64 * 0.8) as u64 + p.warmup_s;
        let earliest = warm.div_ceil(60) * 60 + 2 * 60;
        assert!(first >= earliest, "scaled out at {} s, before {} s", first, earliest);
        let launch = r.events.iter().find(|e| e.kind == "Launch" && e.t_s > 0).unwrap();
        assert!(launch.cause.contains("in state ALARM triggered policy cpu-target-tracking"), "{}", launch.cause);
        assert!(launch.description.starts_with("Launching a new EC2 instance: i-0"));
        // The alarm went to ALARM before the launch, after 3 datapoints over the target.
        let alarm = r.events.iter().find(|e| e.kind == "Alarm" && e.description.ends_with("to ALARM")).unwrap();
        assert!(alarm.t_s <= first && alarm.cause.contains("3 datapoints were greater than the threshold (50.0)"));
        // With no warm-up it happens sooner.
        p.warmup_s = 0;
        let r0 = run(&p, "steady:3000rps:30m");
        assert!(r0.first_scale_out_s().unwrap() < first);
    }

    #[test]
    fn never_beyond_max_and_never_below_min() {
        let mut p = params("t3.micro");
        p.duration_s = 7200;
        let r = run(&p, "ramp:0-20000rps:10m,steady:40m,drop:1h");
        assert_eq!(r.max_in_service, p.max_size);
        assert!(r.timeline.iter().all(|s| s.desired <= p.max_size && s.desired >= p.min_size));
        assert!(r.timeline.iter().all(|s| s.in_service <= p.max_size));
        // 20000 rps is more than 6 t3.micro can take: the rest is unserved.
        assert!(r.unserved_requests > 0.0);
    }

    #[test]
    fn target_tracking_scales_in_only_after_fifteen_low_datapoints() {
        let mut p = params("t3.micro");
        p.duration_s = 5400;
        let r = run(&p, "ramp:0-3000rps:10m,steady:20m,drop:1h");
        let drop_at = 1800;
        let first_in = r.first_scale_in_s().expect("scales in after the drop");
        assert!(first_in >= drop_at + 15 * 60, "scaled in at {}", first_in);
        let t = r.events.iter().find(|e| e.kind == "Terminate").unwrap();
        assert!(t.cause.contains("AlarmLow") && t.cause.contains("was selected for termination"), "{}", t.cause);
        // Back to min by the end, gradually (one instance per decision).
        assert_eq!(r.timeline.last().unwrap().desired, p.min_size);
        for w in r.events.iter().filter(|e| e.kind == "Terminate").collect::<Vec<_>>().windows(2) {
            assert!(w[0].desired_from - w[0].desired_to <= 1);
            assert!(w[1].t_s >= w[0].t_s);
        }
    }

    #[test]
    fn simple_scaling_scales_in_only_after_the_cooldown() {
        let mut p = params("t3.micro");
        p.set_policy(PolicyKind::Simple);
        p.duration_s = 7200;
        let r = run(&p, "steady:3000rps:40m,idle:80m");
        let acts: Vec<&Activity> = r.events.iter().filter(|e| e.kind == "Launch" || e.kind == "Terminate").collect();
        let first_in = acts.iter().position(|e| e.kind == "Terminate").expect("scales in");
        // The cooldown starts when the last scale-out's instances are in service.
        let last_out_done = acts[..first_in].iter().filter_map(|e| e.end_t_s).max().unwrap();
        assert!(acts[first_in].t_s >= last_out_done + p.cooldown_s);
        // Successive scale-ins are a cooldown apart.
        let ins: Vec<u64> = acts.iter().filter(|e| e.kind == "Terminate").map(|e| e.t_s).collect();
        assert!(ins.len() >= 2);
        for w in ins.windows(2) {
            assert!(w[1] - w[0] >= p.cooldown_s, "{:?}", ins);
        }
        // Simple scaling adds one instance at a time.
        let outs: Vec<&&Activity> = acts.iter().filter(|e| e.kind == "Launch" && e.t_s > 0).collect();
        assert!(outs.iter().all(|e| e.desired_to == e.desired_from + 1));
    }

    #[test]
    fn more_vcpus_per_instance_means_fewer_instances() {
        let mut small = params("m5.large");
        let mut big = params("m5.2xlarge");
        for p in [&mut small, &mut big] {
            p.max_size = 40;
            p.duration_s = 3600;
        }
        let load = "ramp:0-8000rps:10m,steady:50m";
        let (rs, rb) = (run(&small, load), run(&big, load));
        assert!(rb.max_in_service < rs.max_in_service, "{} vs {}", rb.max_in_service, rs.max_in_service);
    }

    #[test]
    fn detailed_monitoring_reacts_sooner_than_basic() {
        // A new group's instances have basic monitoring
        // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html).
        let mut b = new_group("t3.micro");
        b.duration_s = 3600;
        assert_eq!(b.monitoring, Monitoring::Basic, "a new group has basic monitoring");
        let mut d = b.clone();
        d.monitoring = Monitoring::Detailed;
        let load = "ramp:0-3000rps:10m,steady:50m";
        let (td, tb) = (run(&d, load).first_scale_out_s().unwrap(), run(&b, load).first_scale_out_s().unwrap());
        assert!(td < tb, "detailed {} s, basic {} s", td, tb);
    }

    #[test]
    fn the_same_seed_gives_the_same_run() {
        let mut p = params("t3.micro");
        p.duration_s = 2400;
        let load = "ramp:0-3000rps:10m,steady:20m,drop:10m";
        let (a, b) = (run(&p, load), run(&p, load));
        assert_eq!(a.timeline, b.timeline);
        assert_eq!(a.events, b.events);
        p.seed = 2;
        let c = run(&p, load);
        assert_ne!(a.timeline, c.timeline);
    }

    #[test]
    fn the_cpu_script_drives_every_instance_so_the_group_climbs_to_max() {
        let mut p = params("t3.micro");
        p.duration_s = 3600;
        let r = run(&p, "cpu-script:1h");
        assert_eq!(r.max_in_service, p.max_size);
        assert!(r.timeline.last().unwrap().cpu_avg_pct >= p.script_busy_pct - 1.0);
    }

    #[test]
    fn standard_burstable_instances_fall_to_baseline_when_credits_run_out() {
        let mut p = params("t2.micro");
        assert_eq!(p.credit_mode, CreditMode::Standard);
        p.min_size = 1;
        p.max_size = 1;
        p.desired_capacity = 1;
        p.duration_s = 4 * 3600;
        let r = run(&p, "steady:400rps:4h");
        let last = r.timeline.last().unwrap();
        assert!(last.credit_balance.unwrap() < 1.0);
        assert!((last.cpu_avg_pct - 10.0).abs() < 1.5, "cpu {}", last.cpu_avg_pct);
        assert!(r.unserved_requests > 0.0);
        // Unlimited mode keeps serving and pays for surplus credits instead.
        p.credit_mode = CreditMode::Unlimited;
        let u = run(&p, "steady:400rps:4h");
        assert!(u.surplus_credit_cost_usd > 0.0 && u.unserved_requests < r.unserved_requests);
    }

    #[test]
    fn billing_is_per_running_second_with_a_minute_minimum() {
        let mut p = params("m5.large");
        p.min_size = 1;
        p.max_size = 1;
        p.desired_capacity = 1;
        p.load_noise_pct = 0.0;
        p.boot_jitter_pct = 0.0;
        p.start_warm = false;
        p.duration_s = 3600 + p.boot_s;
        let r = run(&p, "idle:2h");
        assert!((r.total_cost_usd - 0.096).abs() < 1e-9, "{}", r.total_cost_usd);
    }

    #[test]
    fn scale_in_protection_keeps_protected_instances() {
        let mut p = params("t3.micro");
        p.protected_instances = 3;
        p.duration_s = 7200;
        let r = run(&p, "steady:3000rps:40m,idle:80m");
        let first_three: Vec<&String> =
            r.events.iter().filter(|e| e.kind == "Launch").take(3).filter_map(|e| e.instance_id.as_ref()).collect();
        for e in r.events.iter().filter(|e| e.kind == "Terminate") {
            assert!(!first_three.contains(&e.instance_id.as_ref().unwrap()));
        }
        assert!(r.timeline.last().unwrap().in_service >= 3);
        // The desired capacity still went down to min; the protected instances stay.
        assert_eq!(r.timeline.last().unwrap().desired, p.min_size);
        assert_eq!(r.events.iter().filter(|e| e.kind == "Policy").count(), 1);
    }

    #[test]
    fn an_interrupt_stops_the_run_and_bad_numbers_are_refused() {
        let p = params("t3.micro");
        let l = LoadProfile::parse("steady:10rps:1h").unwrap();
        assert_eq!(simulate(&p, &l, &mut |_| false).unwrap_err(), SimError::Interrupted);
        let mut bad = p.clone();
        bad.min_size = 7;
        assert!(matches!(simulate(&bad, &l, &mut |_| true), Err(SimError::Invalid(m)) if m.contains("min size 7")));
    }

    #[test]
    fn elb_health_checks_replace_overloaded_targets_after_the_grace_period() {
        let mut p = params("m5.large");
        p.min_size = 2;
        p.max_size = 2;
        p.desired_capacity = 2;
        p.duration_s = 1800;
        let load = "steady:5000rps:30m";
        // EC2 health checks: the overloaded instances stay (and serve what they can).
        let ec2 = run(&p, load);
        assert!(!ec2.events.iter().any(|e| e.kind == "Terminate"));
        p.elb_health_check = true;
        let elb = run(&p, load);
        let first = elb.events.iter().find(|e| e.kind == "Terminate").expect("replaced");
        assert!(first.cause.contains("ELB system health check failure"), "{}", first.cause);
        // A replacement follows at once, and the group never exceeds max.
        assert!(elb.events.iter().any(|e| e.kind == "Launch" && e.t_s >= first.t_s && e.t_s <= first.t_s + 1));
        assert!(elb.max_in_service <= 2);
        // A long grace period delays the first replacement.
        p.health_check_grace_s = 900;
        let graced = run(&p, load);
        let g = graced.events.iter().find(|e| e.kind == "Terminate").map_or(u64::MAX, |e| e.t_s);
        assert!(g >= 900 && g > first.t_s);
    }

    #[test]
    fn a_cli_made_group_keeps_its_instance_ids() {
        let mut p = params("t3.micro");
        p.initial_instance_ids = vec!["i-0aaaaaaaaaaaaaaaa".into(), "i-0bbbbbbbbbbbbbbbb".into()];
        p.duration_s = 600;
        let r = run(&p, "steady:10rps:10m");
        let ids: Vec<_> = r.events.iter().filter_map(|e| e.instance_id.clone()).collect();
        assert_eq!(ids, p.initial_instance_ids);
    }

    #[test]
    #[ignore]
    fn bench_one_hour_and_one_day() {
        for (label, secs, load) in [
            ("1 h", 3600, "ramp:0-3000rps:10m,steady:20m,drop:30m"),
            ("24 h", 86400, "ramp:0-3000rps:6h,steady:6h,ramp:3000-0rps:6h,idle:6h"),
        ] {
            let mut p = params("t3.micro");
            p.duration_s = secs;
            let l = LoadProfile::parse(load).unwrap();
            let t0 = crate::clock::instant();
            let r = simulate(&p, &l, &mut |_| true).unwrap();
            let took = t0.elapsed();
            println!(
                "simulate autoscaling {}: {:?} ({} samples, {} events; {:.0}× real time)",
                label,
                took,
                r.timeline.len(),
                r.events.len(),
                secs as f64 / took.as_secs_f64()
            );
        }
    }
}
