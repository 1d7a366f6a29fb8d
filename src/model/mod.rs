//! The AWS model: plain data and AWS's documented rules. No I/O, no rendering, no Jupyter;
//! usable from plain Rust and from evcxr.

pub mod codes;
pub mod compute;
pub mod database;
mod error;
pub mod network;
pub mod pricing;
pub mod regions;
pub mod scaling;
pub mod seeded;
pub mod storage;

pub use error::{AwsError, AwsResult, SimError};
