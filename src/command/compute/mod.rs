//! The instance catalog and prices: `describe-instance-types`, `instance-types`,
//! `explain-type`, `compare families`, `price`, `cost`, `pricing load`.

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    Vec::new()
}
