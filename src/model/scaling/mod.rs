//! The compute lab: launch templates, AMIs, load balancers, Auto Scaling groups, CloudWatch.

/// Every scaling resource in one lab.
#[derive(Clone, Debug, Default)]
pub struct Scaling {}
