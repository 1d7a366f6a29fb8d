//! The load-test simulation: an ALB spreading requests over an Auto Scaling group's
//! instances, CloudWatch turning their CPU into alarm datapoints, and a scaling policy
//! changing the desired capacity — second by second, deterministic for a seed.
//!
//! Every number the simulation uses is in [`SimParams`] and listed by
//! [`SimParams::assumptions`] with its source (an AWS documentation URL) or "assumption".
//!
//! One file per job: `params` and `result` hold the data, `run` the state and the
//! second-by-second loop, whose phases are in `capacity`, `lifecycle`, `traffic` and `alarms`.

mod alarms;
mod capacity;
mod lifecycle;
mod params;
mod result;
mod run;
#[cfg(test)]
mod tests;
mod traffic;

use super::{instance, load};

pub use params::{Algorithm, CreditMode, Monitoring, PolicyKind, SimParams};
pub use result::{iso, Activity, AlarmState, Sample, SimResult};
pub use run::simulate;
