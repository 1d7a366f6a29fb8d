//! rds operations and the database simulations (`simulate replication`, `simulate failover`).

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    Vec::new()
}
