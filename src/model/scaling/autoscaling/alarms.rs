//! Phase 5, at each period's end: CloudWatch aggregates the warmed-up instances' CPU into a
//! datapoint, the two alarms evaluate it, and the scaling policy proposes a new desired
//! capacity.

use super::run::{Phase, Run};
use super::{iso, Activity, AlarmState, PolicyKind};

impl Run<'_> {
    /// The period ending at `now` (in seconds) closes.
    pub(super) fn evaluate_alarms(&mut self, now: u64) {
        // 5. CloudWatch gets the period's datapoint; alarms and policy act.
        let mut sum = 0.0;
        let mut n = 0;
        for inst in self.insts.iter_mut() {
            if inst.phase == Phase::InService && inst.cpu_n > 0 {
                sum += inst.cpu_sum / inst.cpu_n as f64;
                n += 1;
            }
            inst.cpu_sum = 0.0;
            inst.cpu_n = 0;
        }
        let dp = (n > 0).then(|| sum / n as f64);
        self.datapoints.push(dp);
        if dp.is_some() {
            self.last_metric = dp;
        }
        self.update_alarms(now, dp);
        self.apply_policy(now, dp, n as u32);
    }

    /// The two alarms evaluate the datapoints; each state change is recorded.
    fn update_alarms(&mut self, now: u64, dp: Option<f64>) {
        let p = self.p;
        let eval = |k: u32, pred: &dyn Fn(f64) -> bool| -> AlarmState {
            let k = k.max(1) as usize;
            match self.datapoints.last() {
                None | Some(None) => AlarmState::InsufficientData,
                Some(Some(_)) => {
                    if self.datapoints.len() >= k
                        && self.datapoints[self.datapoints.len() - k..].iter().all(|d| d.is_some_and(pred))
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
            (&self.alarm_high, self.high, new_high, target, p.alarm_high_datapoints, "greater than"),
            (&self.alarm_low, self.low, new_low, low_thr, p.alarm_low_datapoints, "less than"),
        ] {
            if old != new {
                self.events.push(Activity {
                    t_s: now,
                    kind: "Alarm",
                    instance_id: None,
                    description: format!("Alarm {} changed state from {} to {}", name, old.name(), new.name()),
                    cause: match (new, dp) {
                        (AlarmState::Alarm, Some(v)) => format!(
                            "Threshold Crossed: {} datapoints were {} the threshold ({:.1}). The most recent datapoint: {:.2} (CPUUtilization, Average, period {} s).",
                            k, dir, thr, v, self.period
                        ),
                        (AlarmState::InsufficientData, _) => "Insufficient Data: no datapoint from an instance that has finished warming up.".into(),
                        (_, Some(v)) => format!("Threshold no longer crossed: the most recent datapoint is {:.2}.", v),
                        (_, None) => String::new(),
                    },
                    desired_from: self.desired,
                    desired_to: self.desired,
                    end_t_s: None,
                });
            }
        }
        self.high = new_high;
        self.low = new_low;
    }

    /// The policy proposes a desired capacity from the alarm in ALARM and the datapoint
    /// (`n_metric` instances contributed to it).
    fn apply_policy(&mut self, now: u64, dp: Option<f64>, n_metric: u32) {
        let p = self.p;
        let target = p.target_cpu_pct;
        let warming =
            self.insts.iter().any(|x| x.phase == Phase::Pending || (x.phase == Phase::InService && now < x.warm_at));
        let drain = p.drain_s.min(p.deregistration_delay_s);
        let fresh = self.last_change_t.is_none_or(|c| c + drain + self.period <= now);
        let mut proposed = self.desired;
        let mut via = &self.alarm_high;
        if let (AlarmState::Alarm, Some(v)) = (self.high, dp) {
            proposed = match p.policy {
                PolicyKind::TargetTracking => self.desired.max((n_metric as f64 * v / target).ceil() as u32),
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
                    self.desired.max(n_metric + adj)
                }
                PolicyKind::Simple if now >= self.cooldown_until && self.simple_pending.is_empty() => self.desired + 1,
                PolicyKind::Simple => self.desired,
            };
        } else if let (AlarmState::Alarm, Some(v)) = (self.low, dp) {
            via = &self.alarm_low;
            proposed = match p.policy {
                // Scales in gradually: only on a datapoint that saw the current capacity,
                // never while instances warm up.
                PolicyKind::TargetTracking if fresh && !warming => {
                    self.desired.min(((n_metric as f64 * v / target).ceil() as u32).max(self.desired.saturating_sub(1)))
                }
                PolicyKind::Step if fresh && !warming => self.desired.saturating_sub(1),
                PolicyKind::Simple if now >= self.cooldown_until && self.simple_pending.is_empty() => {
                    self.desired.saturating_sub(1)
                }
                _ => self.desired,
            };
        }
        let proposed = proposed.clamp(p.min_size, p.max_size);
        if proposed != self.desired {
            self.cause = format!(
                "At {} a monitor alarm {} in state ALARM triggered policy {} changing the desired capacity from {} to {}.",
                iso(p.start, now),
                via,
                p.policy_name,
                self.desired,
                proposed
            );
            if proposed < self.desired && p.policy == PolicyKind::Simple {
                self.cooldown_until = now + p.cooldown_s;
            }
            self.desired_from = self.desired;
            self.desired = proposed;
            self.last_change_t = Some(now);
        }
    }
}
