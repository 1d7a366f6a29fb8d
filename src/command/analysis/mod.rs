//! Exploratory analysis: `tables`, `sql`, `chart`, `export`, `import`, `save`, `load`, `assert`.

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    Vec::new()
}
