//! Phase 1 of each simulated second: the group launches or terminates instances until it
//! holds the desired capacity (AZ-balanced; AWS's default termination policy).

use rand::Rng;

use super::run::{hex_id, Inst, Phase, Run};
use super::{iso, Activity, CreditMode, PolicyKind};

impl Run<'_> {
    /// Launches or terminates instances so the group holds the desired capacity.
    pub(super) fn follow_desired(&mut self, t: u64) {
        // 1. The group's capacity follows the desired capacity.
        let active: Vec<usize> = (0..self.insts.len())
            .filter(|&i| matches!(self.insts[i].phase, Phase::Pending | Phase::InService))
            .collect();
        let n_active = active.len() as u32;
        if n_active < self.desired {
            self.launch(t, n_active);
        } else if n_active > self.desired {
            self.terminate(t, n_active);
        }
    }

    /// Scale out: launches the missing instances, each in the AZ with the fewest.
    fn launch(&mut self, t: u64, n_active: u32) {
        let p = self.p;
        let from = n_active;
        for _ in 0..(self.desired - n_active) {
            let az = (0..p.availability_zones.len())
                .min_by_key(|&z| (self.insts.iter().filter(|x| x.az == z && x.phase != Phase::Terminated).count(), z))
                .unwrap_or(0);
            let jitter = 1.0 + p.boot_jitter_pct / 100.0 * (self.rng.gen::<f64>() * 2.0 - 1.0);
            let boot = (p.boot_s as f64 * jitter).round().max(1.0) as u64;
            let ready = t == 0 && p.start_warm;
            let running_at = if ready { 0 } else { t + boot };
            let answers_at = running_at + p.app_start_s;
            // The first check after the app answers, then healthy_threshold in a row.
            let iv = p.health_check_interval_s.max(1);
            let first_ok = running_at + (answers_at - running_at).div_ceil(iv) * iv;
            let healthy_at = if ready { 0 } else { first_ok + (p.healthy_threshold.max(1) as u64 - 1) * iv };
            let drawn = hex_id(&mut self.rng, "i");
            let id = p.initial_instance_ids.get(self.insts.len()).cloned().unwrap_or(drawn);
            let credits = match (p.burst, p.credit_mode) {
                // T2 standard gets 30 launch credits per vCPU (assumption, EC2 User Guide).
                (Some(_), CreditMode::Standard) if p.instance_type.starts_with("t2.") => 30.0 * p.vcpus as f64,
                _ => 0.0,
            };
            self.launched += 1;
            self.events.push(Activity {
                t_s: t,
                kind: "Launch",
                instance_id: Some(id.clone()),
                description: format!("Launching a new EC2 instance: {}", id),
                cause: format!(
                    "{} At {} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from {} to {}.",
                    self.cause,
                    iso(p.start, t),
                    from,
                    self.desired
                ),
                desired_from: self.desired_from,
                desired_to: self.desired,
                end_t_s: None,
            });
            if p.policy == PolicyKind::Simple {
                self.simple_pending.push(self.insts.len());
            }
            self.insts.push(Inst {
                id,
                az,
                phase: Phase::Pending,
                launched_at: t,
                running_at,
                healthy_at,
                warm_at: if ready { 0 } else { running_at + p.warmup_s },
                drain_until: 0,
                protected: self.launched <= p.protected_instances,
                credits,
                surplus: 0.0,
                billed_s: 0,
                cpu_sum: 0.0,
                cpu_n: 0,
                launch_event: self.events.len() - 1,
                unhealthy: false,
                fails: 0,
                oks: 0,
                overloaded: false,
            });
        }
    }

    /// Scale in: drains the excess unprotected instances (AWS's default termination policy).
    fn terminate(&mut self, t: u64, n_active: u32) {
        let p = self.p;
        let from = n_active;
        let mut excess = n_active - self.desired;
        while excess > 0 {
            let candidates: Vec<usize> = (0..self.insts.len())
                .filter(|&i| {
                    matches!(self.insts[i].phase, Phase::Pending | Phase::InService) && !self.insts[i].protected
                })
                .collect();
            if candidates.is_empty() {
                // AWS lowers the desired capacity but cannot terminate protected
                // instances; say so once per decision.
                if self.blocked_at != Some(self.desired) {
                    self.blocked_at = Some(self.desired);
                    self.events.push(Activity {
                        t_s: t,
                        kind: "Policy",
                        instance_id: None,
                        description: format!(
                            "Could not terminate {} instance(s): the remaining instances are protected from scale in",
                            excess
                        ),
                        cause: self.cause.clone(),
                        desired_from: self.desired_from,
                        desired_to: self.desired,
                        end_t_s: None,
                    });
                }
                break;
            }
            // Default termination policy: the AZ with the most instances, then the
            // instance closest to its next billing hour.
            let count = |z: usize| {
                self.insts.iter().filter(|x| x.az == z && matches!(x.phase, Phase::Pending | Phase::InService)).count()
            };
            let Some(&victim) = candidates.iter().max_by_key(|&&i| {
                let age = t - self.insts[i].launched_at;
                (count(self.insts[i].az), age % 3600, std::cmp::Reverse(i))
            }) else {
                break;
            };
            let inst = &mut self.insts[victim];
            let was_serving = inst.phase == Phase::InService && t >= inst.healthy_at;
            inst.phase = Phase::Draining;
            inst.drain_until = t + if was_serving { p.drain_s.min(p.deregistration_delay_s) } else { 0 };
            self.events.push(Activity {
                t_s: t,
                kind: "Terminate",
                instance_id: Some(inst.id.clone()),
                description: format!("Terminating EC2 instance: {}", inst.id),
                cause: format!(
                    "{} At {} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from {} to {}. At {} instance {} was selected for termination.",
                    self.cause,
                    iso(p.start, t),
                    from,
                    self.desired,
                    iso(p.start, t),
                    inst.id
                ),
                desired_from: self.desired_from,
                desired_to: self.desired,
                end_t_s: Some(inst.drain_until),
            });
            excess -= 1;
        }
    }
}
