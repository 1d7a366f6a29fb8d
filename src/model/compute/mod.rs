//! The EC2 instance catalog (DescribeInstanceTypes data), instance type names, lifecycle.

/// Every instance type name in the shipped catalog (for completion).
pub fn instance_type_names() -> &'static [&'static str] {
    &[]
}
