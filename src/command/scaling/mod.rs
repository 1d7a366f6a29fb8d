//! The compute lab: elbv2, autoscaling and cloudwatch operations, `simulate autoscaling`.

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    Vec::new()
}
