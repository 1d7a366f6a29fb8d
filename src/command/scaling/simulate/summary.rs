//! The run in a few lines for people: when it scaled, what it served, what it cost.

use std::fmt;

use super::priced;
use crate::model::scaling::autoscaling::{SimParams, SimResult};
use crate::model::scaling::load::LoadProfile;

/// The Markdown summary above the charts.
pub struct Summary<'a> {
    pub params: &'a SimParams,
    pub load: &'a LoadProfile,
    pub result: &'a SimResult,
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, r) = (self.params, self.result);
        let mins = |t: Option<u64>| t.map_or("never".to_string(), |t| format!("t = {} min {} s", t / 60, t % 60));
        write!(
            f,
            "**simulate autoscaling** — {} × {} ({} vCPU), {} policy, target CPU {} %, {} monitoring ({} s periods), load `{}`, seed {}\n\n",
            p.group_name,
            p.instance_type,
            p.vcpus,
            p.policy.aws_name(),
            p.target_cpu_pct,
            p.monitoring.name(),
            p.monitoring.period_s(),
            self.load.text,
            p.seed
        )?;
        writeln!(
            f,
            "- first scale-out: {}; first scale-in: {}; most instances in service: {} (max {})",
            mins(r.first_scale_out_s()),
            mins(r.first_scale_in_s()),
            r.max_in_service,
            p.max_size
        )?;
        let total = r.served_requests + r.unserved_requests;
        writeln!(
            f,
            "- requests: {:.0} served, {:.0} not served ({:.2} %: no healthy target or CPU saturated)",
            r.served_requests,
            r.unserved_requests,
            if total > 0.0 { 100.0 * r.unserved_requests / total } else { 0.0 }
        )?;
        if priced(p) {
            write!(
                f,
                "- cost over {} min: ${:.4} (instances billed per running second",
                p.duration_s / 60,
                r.total_cost_usd
            )?;
            if r.surplus_credit_cost_usd > 0.0 {
                write!(f, "; includes ${:.4} of surplus CPU credits", r.surplus_credit_cost_usd)?;
            }
            writeln!(f, ")")?;
        } else {
            writeln!(f, "- cost: {}", p.price_source)?;
        }
        writeln!(
            f,
            "- assumption: one request costs {} CPU-ms; boot {} s; the parameters table gives every number's source",
            p.cpu_ms_per_request, p.boot_s
        )
    }
}
