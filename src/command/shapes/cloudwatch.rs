//! `aws cloudwatch` shapes (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Types.html).

use super::{lenient, List};
use serde::{Deserialize, Serialize};

shape!(Dimension { name: String, value: String });

shape!(MetricAlarm {
    alarm_name: String,
    alarm_arn: String,
    state_value: String,
    metric_name: String,
    namespace: String,
    statistic: String,
    period: u64,
    evaluation_periods: u32,
    threshold: f64,
    comparison_operator: String,
    alarm_actions: Vec<String>,
    dimensions: List<Dimension>,
});

shape!(
    /// One period of `get-metric-statistics`: the statistics asked for, and the unit.
    Datapoint {
        timestamp: String,
        sample_count: f64,
        average: f64,
        sum: f64,
        minimum: f64,
        maximum: f64,
        unit: String,
    }
);

shape!(GetMetricStatisticsOutput { label: String, datapoints: List<Datapoint> });

impl Datapoint {
    /// A datapoint of one statistic (`Average`, `Sum`, …); None for a name CloudWatch
    /// does not have.
    pub fn of(timestamp: String, statistic: &str, value: f64, unit: &str) -> Option<Datapoint> {
        let mut d = Datapoint { timestamp: Some(timestamp), unit: Some(unit.into()), ..Default::default() };
        *match statistic {
            "SampleCount" => &mut d.sample_count,
            "Average" => &mut d.average,
            "Sum" => &mut d.sum,
            "Minimum" => &mut d.minimum,
            "Maximum" => &mut d.maximum,
            _ => return None,
        } = Some(value);
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datapoint_carries_the_statistic_asked_for() {
        let d = Datapoint::of("2026-01-05T09:00:00Z".into(), "Maximum", 71.5, "Percent").unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"Timestamp":"2026-01-05T09:00:00Z","Maximum":71.5,"Unit":"Percent"}"#
        );
        assert!(Datapoint::of(String::new(), "p99", 1.0, "Percent").is_none());
    }
}
