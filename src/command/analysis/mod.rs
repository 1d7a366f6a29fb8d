//! Exploratory analysis: `tables`, `sql`, `chart`, `export`, `save`, `load`, `assert`.
//!
//! Every part of the model is a table (`crate::tables::all`); these commands query, chart,
//! export and check those tables, and save or restore the whole session as its journal.

pub mod assert;
pub mod chart;
pub mod export;
pub mod import;
pub mod saved;
pub mod sql;
pub mod template;

pub use saved::replay;

use super::CommandSpec;

pub fn commands() -> Vec<CommandSpec> {
    let mut v = sql::commands();
    v.extend(chart::commands());
    v.extend(export::commands());
    v.extend(import::commands());
    v.extend(saved::commands());
    v.extend(assert::commands());
    v
}
