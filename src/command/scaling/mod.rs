//! The compute lab: elbv2, autoscaling and cloudwatch operations, `simulate autoscaling`.

mod cloudwatch;
mod elb;
mod group;
mod simulate;
mod template;

use super::{CommandError, CommandSpec};
use crate::model::scaling::ScalingError;

pub fn commands() -> Vec<CommandSpec> {
    let mut v = template::commands();
    v.extend(elb::commands());
    v.extend(group::commands());
    v.extend(cloudwatch::commands());
    v.extend(simulate::commands());
    v
}

/// A model error as the AWS CLI shows it.
fn err(e: ScalingError) -> CommandError {
    CommandError::new(e.code, e.message)
}

/// AWS CLI shorthand `Key=Value,Key2=Value2` → pairs (values may not contain commas).
fn shorthand(s: &str) -> Vec<(String, String)> {
    s.split(',')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}
