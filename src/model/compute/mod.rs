//! The EC2 instance catalog (DescribeInstanceTypes data), instance type names, lifecycle.

pub mod catalog;
pub mod csv;
pub mod naming;

pub use catalog::{find, InstanceType, CATALOG_DATE};

/// Every instance type name in the shipped catalog (for completion).
pub fn instance_type_names() -> &'static [&'static str] {
    catalog::names()
}
