//! ec2 networking and instance operations, and the network lab commands
//! (`vpc wizard`, `show`, `diagram`, `reach`, `subnet-calc`).

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    Vec::new()
}
