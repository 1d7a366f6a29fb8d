//! The compute lab: launch templates, AMIs, load balancers, Auto Scaling groups, CloudWatch,
//! and the load-test simulation that runs them.

pub mod autoscaling;
pub mod instance;
pub mod load;
pub mod resources;

pub use resources::{Scaling, ScalingError};
