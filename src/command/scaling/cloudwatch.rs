//! cloudwatch: alarms, and metric statistics from the last `simulate autoscaling` run.

use crate::model::codes;
use serde_json::json;

use super::shorthand;
use crate::command::shapes::{self, List};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::scaling::resources::{MetricAlarm, MetricSample};
use crate::tables::scaling as t;

const ALARM_FLAGS: &[Flag] = &[
    Flag::value("alarm-name", "name"),
    Flag::value("metric-name", "CPUUtilization"),
    Flag::value("namespace", "AWS/EC2"),
    Flag::choice("statistic", "Average", &["Average", "Maximum", "Minimum", "Sum", "SampleCount"]),
    Flag::value("period", "seconds (60 detailed, 300 basic)"),
    Flag::value("evaluation-periods", "datapoints"),
    Flag::value("threshold", "value"),
    Flag::choice(
        "comparison-operator",
        "comparison",
        &["GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"],
    ),
    Flag::many("dimensions", "Name=AutoScalingGroupName,Value=web-asg"),
    Flag::many("alarm-actions", "policy ARNs"),
    Flag::value("alarm-description", "accepted"),
];
const DESC_FLAGS: &[Flag] = &[Flag::many("alarm-names", "names")];
const STATS_FLAGS: &[Flag] = &[
    Flag::value("namespace", "AWS/EC2 or AWS/ApplicationELB"),
    Flag::value("metric-name", "CPUUtilization or RequestCount"),
    Flag::many("dimensions", "Name=AutoScalingGroupName,Value=web-asg"),
    Flag::value("period", "seconds"),
    Flag::many("statistics", "Average, Maximum, Minimum"),
    Flag::value("start-time", "accepted (the whole last run is used)"),
    Flag::value("end-time", "accepted"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "put-metric-alarm", service: "cloudwatch", summary: "a CloudWatch alarm (e.g. CPU > 50 for 3 periods)",
            usage: "put-metric-alarm --alarm-name N --metric-name CPUUtilization --namespace AWS/EC2 --statistic Average --period 60 --evaluation-periods 3 --threshold 50 --comparison-operator GreaterThanThreshold --dimensions Name=AutoScalingGroupName,Value=web-asg [--alarm-actions POLICY_ARN]",
            help: "Period must be 10, 30 or a multiple of 60 s.", flags: ALARM_FLAGS, run: Run::Write(put_alarm) },
        CommandSpec { name: "describe-alarms", service: "cloudwatch", summary: "CloudWatch alarms", usage: "describe-alarms [--alarm-names N…]",
            help: "", flags: DESC_FLAGS, run: Run::Read(describe_alarms) },
        CommandSpec { name: "get-metric-statistics", service: "cloudwatch", summary: "a group's CPU or request count from its last simulation",
            usage: "get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=AutoScalingGroupName,Value=web-asg --period 300 --statistics Average",
            help: "Datapoints come from the last `simulate autoscaling` run for that group.", flags: STATS_FLAGS, run: Run::Read(get_stats) },
    ]
}

fn put_alarm(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let region = crate::command::region::of(lab, a)?;
    let dims = a
        .raw_values("dimensions")
        .iter()
        .map(|d| shorthand(d))
        .filter_map(|kv| {
            let n = kv.iter().find(|(k, _)| k == "Name")?.1.clone();
            let v = kv.iter().find(|(k, _)| k == "Value")?.1.clone();
            Some((n, v))
        })
        .collect();
    let alarm = MetricAlarm {
        name: a.required("alarm-name")?.into(),
        arn: String::new(),
        region,
        namespace: a.required("namespace")?.into(),
        metric_name: a.required("metric-name")?.into(),
        statistic: a.get("statistic").unwrap_or("Average").into(),
        period_s: a.value("period")?.ok_or_else(|| {
            CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --period")
        })?,
        evaluation_periods: a.value("evaluation-periods")?.ok_or_else(|| {
            CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --evaluation-periods")
        })?,
        threshold: a.value("threshold")?.ok_or_else(|| {
            CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --threshold")
        })?,
        comparison: a.required("comparison-operator")?.into(),
        dimensions: dims,
        alarm_actions: a.list("alarm-actions"),
        state: "INSUFFICIENT_DATA".into(),
    };
    let name = alarm.name.clone();
    lab.scaling.put_metric_alarm(alarm)?;
    Ok(Reply::text(format!("alarm {} created", name)).with_json(json!({})))
}

fn describe_alarms(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let names = a.list("alarm-names");
    let al: Vec<_> = lab.scaling.alarms.iter().filter(|x| names.is_empty() || names.contains(&x.name)).collect();
    let df = t::alarms_df(&al)?;
    let json = json!({ "MetricAlarms": shapes::to_value(&al.iter().map(|x| alarm_json(x)).collect::<Vec<_>>()) });
    Ok(Reply::new().with_table(df, Some("CloudWatch alarms".into()), None).with_json(json))
}

/// A `MetricAlarm` in the AWS CLI's JSON shape.
fn alarm_json(x: &MetricAlarm) -> shapes::MetricAlarm {
    let dimension = |(n, v): &(String, String)| shapes::Dimension { name: Some(n.clone()), value: Some(v.clone()) };
    shapes::MetricAlarm {
        alarm_name: Some(x.name.clone()),
        alarm_arn: Some(x.arn.clone()),
        state_value: Some(x.state.clone()),
        metric_name: Some(x.metric_name.clone()),
        namespace: Some(x.namespace.clone()),
        statistic: Some(x.statistic.clone()),
        period: Some(x.period_s),
        evaluation_periods: Some(x.evaluation_periods),
        threshold: Some(x.threshold),
        comparison_operator: Some(x.comparison.clone()),
        alarm_actions: Some(x.alarm_actions.clone()),
        dimensions: Some(List(x.dimensions.iter().map(dimension).collect())),
    }
}

fn get_stats(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let metric = a.required("metric-name")?;
    let period: u64 = a.value("period")?.ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --period")
    })?;
    if period == 0 || !period.is_multiple_of(60) {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("The parameter Period must be a multiple of 60 (got {}).", period),
        ));
    }
    let stats = a.list("statistics");
    let stat = stats.first().map(String::as_str).unwrap_or("Average");
    if shapes::Datapoint::of(String::new(), stat, 0.0, "").is_none() {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("The statistic {} is not valid: use SampleCount, Average, Sum, Minimum or Maximum.", stat),
        ));
    }
    let group = a
        .raw_values("dimensions")
        .iter()
        .map(|d| shorthand(d))
        .find_map(|kv| kv.iter().find(|(k, _)| k == "Value").map(|(_, v)| v.clone()))
        .ok_or_else(|| {
            CommandError::new(
                codes::MISSING_PARAMETER,
                "--dimensions Name=AutoScalingGroupName,Value=GROUP is required",
            )
        })?;
    let Some((_, series)) = lab.scaling.metrics.iter().find(|(g, _)| *g == group) else {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("no datapoints for {}: run `simulate autoscaling` for it first", group),
        ));
    };
    let use_cpu = match metric {
        "CPUUtilization" => true,
        "RequestCount" => false,
        m => {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("the lab records CPUUtilization and RequestCount, not {}", m),
            ))
        }
    };
    let points = periods(series, period, stat, use_cpu);
    let base = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    let iso = |t: u64| crate::model::scaling::autoscaling::iso(base, t);
    let stamped: Vec<(String, f64)> = points.iter().map(|(t, v)| (iso(*t), *v)).collect();
    let df = t::datapoints_df(stat, &stamped)?;
    let unit = if use_cpu { "Percent" } else { "Count" };
    let datapoints = points.iter().filter_map(|(t, v)| shapes::Datapoint::of(iso(*t), stat, *v, unit)).collect();
    let json = shapes::to_value(&shapes::GetMetricStatisticsOutput {
        label: Some(metric.into()),
        datapoints: Some(List(datapoints)),
    });
    Ok(Reply::new()
        .with_table(df, Some(format!("{} of {} ({} s periods)", metric, group, period)), None)
        .with_json(json))
}

/// The samples (one a minute) as one datapoint per period: (period start, the statistic
/// over the CPU % or the requests in it).
fn periods(series: &[MetricSample], period: u64, stat: &str, use_cpu: bool) -> Vec<(u64, f64)> {
    let mut points = Vec::new();
    let mut bucket: Vec<f64> = Vec::new();
    let mut start = 0;
    for (t, cpu, rps) in series {
        let b = (t - 1) / period * period;
        if b != start && !bucket.is_empty() {
            points.push((start, agg(stat, &bucket)));
            bucket.clear();
        }
        start = b;
        bucket.push(if use_cpu { *cpu } else { *rps * 60.0 });
    }
    if !bucket.is_empty() {
        points.push((start, agg(stat, &bucket)));
    }
    points
}

fn agg(stat: &str, v: &[f64]) -> f64 {
    match stat {
        "Maximum" => v.iter().cloned().fold(f64::MIN, f64::max),
        "Minimum" => v.iter().cloned().fold(f64::MAX, f64::min),
        "Sum" => v.iter().sum(),
        "SampleCount" => v.len() as f64,
        _ => v.iter().sum::<f64>() / v.len() as f64,
    }
}

#[cfg(test)]
mod tests {
    use crate::command::publish::RunCell;
    use crate::kernel::Outcome;
    use crate::lab::Lab;

    #[test]
    fn a_statistic_cloudwatch_does_not_have_is_refused() {
        let mut lab = Lab::default();
        let (_, out) = lab.run_cell(
            "get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=AutoScalingGroupName,Value=web --period 60 --statistics p99",
        );
        let Outcome::Error { evalue, .. } = out else { panic!("{:?}", out) };
        assert!(
            evalue.contains("(InvalidParameterValue)") && evalue.contains("The statistic p99 is not valid"),
            "{evalue}"
        );
    }
}
