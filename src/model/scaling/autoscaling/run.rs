//! The simulation's state and its loop: each simulated second runs the phases in order
//! (capacity, lifecycle and health checks, traffic, CloudWatch and the policy, the timeline
//! sample). One seeded random generator draws in that order, so a seed gives one run.

use rand::{Rng, SeedableRng};

use super::instance::SURPLUS_USD_PER_VCPU_HOUR;
use super::load::LoadProfile;
use super::{iso, Activity, AlarmState, PolicyKind, Sample, SimParams, SimResult};
use crate::model::seeded::SeededRng;
use crate::model::SimError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    Pending,
    InService,
    Draining,
    Terminated,
}

#[derive(Clone, Debug)]
pub(super) struct Inst {
    pub(super) id: String,
    pub(super) az: usize,
    pub(super) phase: Phase,
    pub(super) launched_at: u64,
    pub(super) running_at: u64,
    pub(super) healthy_at: u64,
    /// From this second the instance's metrics count (warm-up over).
    pub(super) warm_at: u64,
    pub(super) drain_until: u64,
    pub(super) protected: bool,
    pub(super) credits: f64,
    pub(super) surplus: f64,
    pub(super) billed_s: u64,
    // CloudWatch accumulation for the current period.
    pub(super) cpu_sum: f64,
    pub(super) cpu_n: u32,
    pub(super) launch_event: usize,
    /// Marked unhealthy by the load balancer's checks (gets no requests).
    pub(super) unhealthy: bool,
    pub(super) fails: u32,
    pub(super) oks: u32,
    pub(super) overloaded: bool,
}

pub(super) fn hex_id(rng: &mut SeededRng, prefix: &str) -> String {
    format!("{}-0{:016x}", prefix, rng.gen::<u64>())
}

fn uuid_like(rng: &mut SeededRng) -> String {
    let a: u128 = rng.gen();
    let h = format!("{:032x}", a);
    format!("{}-{}-4{}-a{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

/// One run in progress: the parameters, every instance, and what has been recorded so far.
pub(super) struct Run<'a> {
    pub(super) p: &'a SimParams,
    pub(super) rng: SeededRng,
    /// The two alarms' names (target tracking names them as AWS does).
    pub(super) alarm_high: String,
    pub(super) alarm_low: String,
    /// CloudWatch's period, one vCPU's milliseconds per second, and prices per second.
    pub(super) period: u64,
    pub(super) cap_ms: f64,
    pub(super) price_per_s: f64,
    pub(super) surplus_price: f64,
    pub(super) insts: Vec<Inst>,
    pub(super) events: Vec<Activity>,
    pub(super) timeline: Vec<Sample>,
    pub(super) desired: u32,
    pub(super) datapoints: Vec<Option<f64>>,
    pub(super) high: AlarmState,
    pub(super) low: AlarmState,
    pub(super) last_metric: Option<f64>,
    pub(super) cooldown_until: u64,
    /// Simple scaling waits for its activity to finish before the cooldown starts.
    pub(super) simple_pending: Vec<usize>,
    pub(super) last_change_t: Option<u64>,
    /// Billed seconds of terminated instances, in USD.
    pub(super) cost_closed: f64,
    pub(super) surplus_closed: f64,
    pub(super) unserved_total: f64,
    pub(super) served_total: f64,
    pub(super) max_in_service: u32,
    pub(super) launched: u32,
    /// Accumulators of the current sample interval.
    pub(super) acc_load: f64,
    pub(super) acc_cpu: f64,
    pub(super) acc_cpu_n: u32,
    pub(super) acc_unserved: f64,
    /// The cause the next activities cite, and the desired capacity before the last change.
    pub(super) cause: String,
    pub(super) desired_from: u32,
    /// Each instance's requests this second (kept to reuse its allocation).
    pub(super) shares: Vec<f64>,
    /// The desired capacity whose "protected from scale in" note was last recorded (one per decision).
    pub(super) blocked_at: Option<u32>,
}

/// Runs the simulation; `check` is called every 256 simulated seconds with the seconds
/// simulated so far (for progress) and stops it when it returns false (a Jupyter interrupt).
pub fn simulate(p: &SimParams, load: &LoadProfile, check: &mut dyn FnMut(u64) -> bool) -> Result<SimResult, SimError> {
    p.validate()?;
    let mut run = Run::new(p);
    for t in 0..p.duration_s {
        // Often enough that an interrupt stops even a 10,000-instance group within 100 ms.
        if t % 256 == 0 && !check(t) {
            return Err(SimError::Interrupted);
        }
        run.follow_desired(t);
        run.lifecycle(t);
        run.health_checks(t);
        run.start_simple_cooldown(t);
        let (healthy_n, script) = run.spread_requests(t, load);
        let in_service = run.run_instances(t, script);
        let now = t + 1;
        if now % run.period == 0 {
            run.evaluate_alarms(now);
        }
        if now % p.sample_s.max(1) == 0 || now == p.duration_s {
            run.sample(now, healthy_n, in_service);
        }
    }
    Ok(run.finish())
}

impl<'a> Run<'a> {
    fn new(p: &'a SimParams) -> Run<'a> {
        let mut rng = SeededRng::seed_from_u64(p.seed);
        let alarm_high = format!("TargetTracking-{}-AlarmHigh-{}", p.group_name, uuid_like(&mut rng));
        let alarm_low = format!("TargetTracking-{}-AlarmLow-{}", p.group_name, uuid_like(&mut rng));
        let (alarm_high, alarm_low) = match p.policy {
            PolicyKind::TargetTracking => (alarm_high, alarm_low),
            _ => (format!("{}-cpu-high", p.group_name), format!("{}-cpu-low", p.group_name)),
        };
        Run {
            p,
            rng,
            alarm_high,
            alarm_low,
            period: p.monitoring.period_s(),
            cap_ms: p.vcpus as f64 * 1000.0,
            price_per_s: p.price_per_hour_usd / 3600.0,
            surplus_price: SURPLUS_USD_PER_VCPU_HOUR / 60.0, // one credit = one vCPU-minute
            insts: Vec::new(),
            events: Vec::new(),
            timeline: Vec::new(),
            desired: p.desired_capacity,
            datapoints: Vec::new(),
            high: AlarmState::INITIAL,
            low: AlarmState::INITIAL,
            last_metric: None,
            cooldown_until: 0,
            simple_pending: Vec::new(),
            last_change_t: None,
            cost_closed: 0.0,
            surplus_closed: 0.0,
            unserved_total: 0.0,
            served_total: 0.0,
            max_in_service: 0,
            launched: 0,
            acc_load: 0.0,
            acc_cpu: 0.0,
            acc_cpu_n: 0,
            acc_unserved: 0.0,
            cause: format!(
                "At {} a user request created an AutoScalingGroup changing the desired capacity from 0 to {}.",
                iso(p.start, 0),
                p.desired_capacity
            ),
            desired_from: 0,
            shares: Vec::new(),
            blocked_at: None,
        }
    }

    /// 6. One timeline record per sample interval (averages over it, ending at `now`).
    fn sample(&mut self, now: u64, healthy_n: usize, in_service: u32) {
        let p = self.p;
        let len = (now - self.timeline.last().map_or(0, |s: &Sample| s.t_s)) as f64;
        let running_cost: f64 = self
            .insts
            .iter()
            .filter(|x| x.billed_s > 0)
            .map(|x| x.billed_s.max(p.min_billed_s) as f64 * self.price_per_s + x.surplus * self.surplus_price)
            .sum();
        let balances: Vec<f64> = self.insts.iter().filter(|x| x.phase == Phase::InService).map(|x| x.credits).collect();
        self.timeline.push(Sample {
            t_s: now,
            load_rps: self.acc_load / len,
            cpu_avg_pct: if self.acc_cpu_n > 0 { self.acc_cpu / self.acc_cpu_n as f64 } else { 0.0 },
            cpu_metric_pct: self.last_metric,
            desired: self.desired,
            in_service,
            healthy: healthy_n as u32,
            alarm_state: self.high,
            alarm_low_state: self.low,
            unserved_rps: self.acc_unserved / len,
            credit_balance: (p.burst.is_some() && !balances.is_empty())
                .then(|| balances.iter().sum::<f64>() / balances.len() as f64),
            cost_usd: self.cost_closed + self.surplus_closed + running_cost,
        });
        self.acc_load = 0.0;
        self.acc_cpu = 0.0;
        self.acc_cpu_n = 0;
        self.acc_unserved = 0.0;
    }

    fn finish(self) -> SimResult {
        let total = self.timeline.last().map_or(0.0, |s| s.cost_usd);
        let surplus: f64 = self.surplus_closed + self.insts.iter().map(|x| x.surplus * self.surplus_price).sum::<f64>();
        SimResult {
            timeline: self.timeline,
            events: self.events,
            total_cost_usd: total,
            surplus_credit_cost_usd: surplus,
            max_in_service: self.max_in_service,
            unserved_requests: self.unserved_total,
            served_requests: self.served_total,
        }
    }
}
