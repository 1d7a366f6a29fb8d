//! The run as the lab's documented JSON (`--output json`): the parameters and totals, then
//! the timeline, events and assumptions tables as records (the same rows `sql` sees).

use polars::prelude::DataFrame;
use serde_json::{json, Value};

use super::priced;
use crate::model::scaling::autoscaling::{SimParams, SimResult};
use crate::render::table::to_records;
use crate::tables::round;

/// The tables of one run, as `run` keeps them.
pub(super) struct Tables<'a> {
    pub timeline: &'a DataFrame,
    pub events: &'a DataFrame,
    pub assumptions: &'a DataFrame,
}

pub(super) fn to_json(p: &SimParams, r: &SimResult, t: &Tables) -> Value {
    json!({
        "group_name": p.group_name,
        "instance_type": p.instance_type,
        "policy": p.policy.aws_name(),
        "metrics": p.monitoring.name(),
        "period_s": p.monitoring.period_s(),
        "target_cpu_pct": p.target_cpu_pct,
        "seed": p.seed,
        "total_cost_usd": priced(p).then(|| round(r.total_cost_usd, 6)),
        "price_per_hour_usd": priced(p).then_some(p.price_per_hour_usd),
        "price_source": p.price_source,
        "max_in_service": r.max_in_service,
        "served_requests": r.served_requests.round(),
        "unserved_requests": r.unserved_requests.round(),
        "timeline": to_records(t.timeline),
        "events": to_records(t.events),
        "assumptions": to_records(t.assumptions),
    })
}
