//! cloudlab: a Jupyter kernel whose cells build and question an offline model of AWS.
//!
//! Layers (see `docs/architecture.md`): `kernel` speaks the Jupyter protocol and
//! knows only the [`kernel::Interpreter`] trait; `session` implements it over one [`lab::Lab`];
//! `command` turns cell text into calls on `model`, which is plain data and rules;
//! `tables` and `render` turn model results into DataFrames, HTML, SVG and JSON.

pub mod cell;
pub mod clock;
pub mod command;
#[cfg(test)]
mod cost_scaling;
pub mod duration;
pub mod glob;
pub mod i18n;
#[cfg(feature = "kernel")]
pub mod install;
pub mod kernel;
pub mod lab;
pub mod model;
pub mod notebook;
pub mod render;
pub mod rust_cell;
pub mod session;
pub mod suggest;
pub mod tables;

pub use lab::Lab;
pub use session::Session;
