//! Phase 2: instances' lifecycle (pending → in service, draining → terminated, billing
//! closed), the load balancer's health checks, and simple scaling's cooldown start.

use super::run::{Phase, Run};
use super::{iso, Activity, PolicyKind};

impl Run<'_> {
    /// Pending instances come into service; drained ones terminate and close their bill.
    pub(super) fn lifecycle(&mut self, t: u64) {
        let p = self.p;
        // 2. Lifecycle: pending → running (InService), draining → terminated.
        for inst in self.insts.iter_mut() {
            match inst.phase {
                Phase::Pending if t >= inst.running_at => {
                    inst.phase = Phase::InService;
                    self.events[inst.launch_event].end_t_s = Some(t);
                }
                Phase::Draining if t >= inst.drain_until => {
                    inst.phase = Phase::Terminated;
                    let billed = if inst.billed_s > 0 { inst.billed_s.max(p.min_billed_s) } else { 0 };
                    self.cost_closed += billed as f64 * self.price_per_s;
                    self.surplus_closed += inst.surplus * self.surplus_price;
                    inst.surplus = 0.0;
                    inst.billed_s = 0;
                }
                _ => {}
            }
        }
    }

    /// The target group's health checks; with ELB health checks the group replaces failing targets.
    pub(super) fn health_checks(&mut self, t: u64) {
        let p = self.p;
        // Load balancer health checks; with ELB health checks the group replaces targets
        // that fail once their grace period is over.
        let iv = p.health_check_interval_s.max(1);
        if t.is_multiple_of(iv) {
            for k in 0..self.insts.len() {
                let inst = &mut self.insts[k];
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
                    let n = self.insts.iter().filter(|x| matches!(x.phase, Phase::Pending | Phase::InService)).count();
                    let id = self.insts[k].id.clone();
                    self.events.push(Activity {
                        t_s: t,
                        kind: "Terminate",
                        instance_id: Some(id.clone()),
                        description: format!("Terminating EC2 instance: {}", id),
                        cause: format!(
                            "At {} an instance was taken out of service in response to an ELB system health check failure.",
                            iso(p.start, t)
                        ),
                        desired_from: self.desired,
                        desired_to: self.desired,
                        end_t_s: Some(t + p.drain_s.min(p.deregistration_delay_s)),
                    });
                    self.cause = format!(
                        "At {} instance {} was taken out of service in response to an ELB system health check failure ({} of {} instances left).",
                        iso(p.start, t),
                        id,
                        n,
                        self.desired
                    );
                    self.desired_from = self.desired;
                }
            }
        }
    }

    /// Simple scaling: the cooldown starts once the activity's instances are in service.
    pub(super) fn start_simple_cooldown(&mut self, t: u64) {
        let p = self.p;
        if p.policy == PolicyKind::Simple && !self.simple_pending.is_empty() {
            // The cooldown starts once every launched instance is in service.
            if self.simple_pending.iter().all(|&i| self.insts[i].phase != Phase::Pending) {
                self.cooldown_until = self.cooldown_until.max(t + p.cooldown_s);
                self.simple_pending.clear();
            }
        }
    }
}
