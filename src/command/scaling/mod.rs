//! The compute lab: elbv2, autoscaling and cloudwatch operations, `simulate autoscaling`.

mod cloudwatch;
mod elb;
mod group;
mod simulate;
mod template;

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    let mut v = template::commands();
    v.extend(elb::commands());
    v.extend(group::commands());
    v.extend(cloudwatch::commands());
    v.extend(simulate::commands());
    v
}

/// AWS CLI shorthand `Key=Value,Key2=Value2` → (key, value) pairs; unreadable text
/// gives none, and the caller reports the missing key.
fn shorthand(s: &str) -> Vec<(String, String)> {
    let v = super::shorthand::parse(s).unwrap_or_default();
    v.as_object().into_iter().flatten().filter_map(|(k, _)| Some((k.clone(), super::shorthand::text(&v, k)?))).collect()
}
