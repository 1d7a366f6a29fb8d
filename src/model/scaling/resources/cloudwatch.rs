//! CloudWatch metric alarms and the samples `get-metric-statistics` reads.

use crate::model::{codes, AwsError, AwsResult};

use super::{Scaling, ACCOUNT};

#[derive(Clone, Debug, PartialEq)]
pub struct MetricAlarm {
    pub name: String,
    pub arn: String,
    pub region: String,
    pub namespace: String,
    pub metric_name: String,
    pub statistic: String,
    pub period_s: u64,
    pub evaluation_periods: u32,
    pub threshold: f64,
    pub comparison: String,
    pub dimensions: Vec<(String, String)>,
    pub alarm_actions: Vec<String>,
    pub state: String,
}

/// One recorded sample: (t_s, average CPU %, requests per second).
pub type MetricSample = (u64, f64, f64);

impl Scaling {
    /// `put-metric-alarm` (creates or replaces).
    pub fn put_metric_alarm(&mut self, mut alarm: MetricAlarm) -> AwsResult<()> {
        let p = alarm.period_s;
        if !(p == 10 || p == 30 || (p >= 60 && p.is_multiple_of(60))) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The parameter Period must be 10, 30 or a multiple of 60 (got {}).", alarm.period_s),
            ));
        }
        if alarm.evaluation_periods == 0 {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                "The parameter EvaluationPeriods must be at least 1.",
            ));
        }
        for a in &alarm.alarm_actions {
            if a.starts_with("arn:aws:autoscaling") && !self.policies.iter().any(|p| &p.arn == a) {
                return Err(AwsError::new(
                    codes::VALIDATION_ERROR,
                    format!("Invalid alarm action: policy {} does not exist", a),
                ));
            }
        }
        alarm.arn = format!("arn:aws:cloudwatch:{}:{}:alarm:{}", alarm.region, ACCOUNT, alarm.name);
        self.alarms.retain(|a| !(a.region == alarm.region && a.name == alarm.name));
        self.alarms.push(alarm);
        Ok(())
    }
}
