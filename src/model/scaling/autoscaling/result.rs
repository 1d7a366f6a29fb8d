//! What a simulation run produces: the timeline, the activity history and the totals.

use chrono::{DateTime, Duration, SecondsFormat, Utc};

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

/// Formats a simulated second as the ISO time AWS prints.
pub fn iso(start: DateTime<Utc>, t_s: u64) -> String {
    (start + Duration::seconds(t_s as i64)).to_rfc3339_opts(SecondsFormat::Secs, true)
}
