//! Phases 3 and 4: the ALB spreads each second's requests over healthy targets, and each
//! running instance turns its share into CPU, spends or earns CPU credits, and is billed.

use rand::Rng;

use super::load::LoadProfile;
use super::run::{Inst, Phase, Run};
use super::{Algorithm, CreditMode, SimParams};

impl Run<'_> {
    /// Spreads second `t`'s requests; returns the healthy targets and whether the CPU script runs.
    pub(super) fn spread_requests(&mut self, t: u64, load: &LoadProfile) -> (usize, bool) {
        let p = self.p;
        // 3. The ALB spreads this second's requests over healthy targets.
        let (rate, script) = load.at(t);
        let noise = 1.0 + p.load_noise_pct / 100.0 * (self.rng.gen::<f64>() * 2.0 - 1.0);
        let rps = (rate * noise).max(0.0);
        let registered: Vec<usize> = (0..self.insts.len())
            .filter(|&i| self.insts[i].phase == Phase::InService && t >= self.insts[i].healthy_at)
            .collect();
        let healthy_n = registered.iter().filter(|&&i| !self.insts[i].unhealthy).count();
        // With no healthy target the ALB fails open and routes to every registered one.
        let healthy: Vec<usize> = if healthy_n == 0 {
            registered
        } else {
            registered.into_iter().filter(|&i| !self.insts[i].unhealthy).collect()
        };
        self.shares.clear();
        self.shares.resize(self.insts.len(), 0.0);
        if !healthy.is_empty() {
            match p.algorithm {
                Algorithm::RoundRobin => {
                    let each = rps / healthy.len() as f64;
                    for &i in &healthy {
                        self.shares[i] = each;
                    }
                }
                Algorithm::LeastOutstandingRequests => {
                    // Slower (throttled) targets hold requests longer and so get fewer.
                    let w: Vec<f64> = healthy.iter().map(|&i| capacity_of(p, &self.insts[i])).collect();
                    let total: f64 = w.iter().sum();
                    for (k, &i) in healthy.iter().enumerate() {
                        self.shares[i] = rps * w[k] / total.max(1e-9);
                    }
                }
            }
        } else {
            self.unserved_total += rps;
            self.acc_unserved += rps;
        }
        self.acc_load += rps;
        (healthy_n, script)
    }

    /// Each running instance's second: CPU, credits, billing, CloudWatch accumulation; returns how many are in service.
    pub(super) fn run_instances(&mut self, t: u64, script: bool) -> u32 {
        let p = self.p;
        // 4. Each running instance: CPU, credits, billing, CloudWatch accumulation.
        let mut in_service = 0;
        for (i, inst) in self.insts.iter_mut().enumerate() {
            if !matches!(inst.phase, Phase::InService | Phase::Draining) {
                continue;
            }
            inst.billed_s += 1;
            let cap = capacity_of(p, inst);
            let req = if inst.phase == Phase::InService { self.shares[i] } else { 0.0 };
            let mut demand = p.idle_cpu_pct / 100.0 + req * p.cpu_ms_per_request / self.cap_ms;
            if script && t >= inst.running_at + p.app_start_s {
                demand = demand.max(p.script_busy_pct / 100.0);
            }
            let util = demand.min(cap);
            inst.overloaded = demand > cap * (1.0 + p.overload_fail_pct / 100.0);
            if demand > cap && req > 0.0 {
                let lost = ((demand - cap) * self.cap_ms / p.cpu_ms_per_request).min(req);
                self.unserved_total += lost;
                self.acc_unserved += lost;
                self.served_total += req - lost;
            } else {
                self.served_total += req;
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
                self.acc_cpu += util * 100.0;
                self.acc_cpu_n += 1;
                // While warming up, an instance's metrics stay out of the aggregate.
                if t >= inst.warm_at {
                    inst.cpu_sum += util * 100.0;
                    inst.cpu_n += 1;
                }
            }
        }
        self.max_in_service = self.max_in_service.max(in_service);
        in_service
    }
}

/// The share of its vCPUs an instance can use: a standard burstable instance out of
/// credits runs at its baseline.
fn capacity_of(p: &SimParams, inst: &Inst) -> f64 {
    match (p.burst, p.credit_mode) {
        (Some(b), CreditMode::Standard) if inst.credits <= 0.0 => b.baseline_pct / 100.0,
        _ => 1.0,
    }
}
