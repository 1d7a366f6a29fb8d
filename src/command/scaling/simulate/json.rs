//! The run as the lab's documented JSON (`--output json`): parameters, timeline, events.

use serde_json::{json, Value};

use super::priced;
use crate::model::scaling::autoscaling::{iso, SimParams, SimResult};
use crate::tables::round;

pub(super) fn to_json(p: &SimParams, r: &SimResult) -> Value {
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
        "timeline": r.timeline.iter().map(|s| json!({
            "t_s": s.t_s,
            "load_rps": round(s.load_rps, 1),
            "cpu_avg_pct": round(s.cpu_avg_pct, 2),
            "cpu_metric_pct": s.cpu_metric_pct.map(|v| round(v, 2)),
            "desired": s.desired,
            "in_service": s.in_service,
            "healthy": s.healthy,
            "alarm_state": s.alarm_state.name(),
            "alarm_low_state": s.alarm_low_state.name(),
            "unserved_rps": round(s.unserved_rps, 1),
            "cpu_credit_balance": s.credit_balance.map(|v| round(v, 2)),
            "cost_usd": round(s.cost_usd, 6),
        })).collect::<Vec<_>>(),
        "events": r.events.iter().map(|e| json!({
            "t_s": e.t_s,
            "start_time": iso(p.start, e.t_s),
            "end_time": e.end_t_s.map(|t| iso(p.start, t)),
            "activity": e.kind,
            "instance_id": e.instance_id,
            "description": e.description,
            "cause": e.cause,
            "desired_from": e.desired_from,
            "desired_to": e.desired_to,
        })).collect::<Vec<_>>(),
        "assumptions": p.assumptions().iter().map(|(n, v, s)| json!({"parameter": n, "value": v, "source": s})).collect::<Vec<_>>(),
    })
}
