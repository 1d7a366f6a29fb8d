//! VPC networking: VPCs, subnets, route tables, gateways, security groups, network ACLs,
//! peering, endpoints, instances' network interfaces, and reachability.

/// Every network resource in one lab (all regions).
#[derive(Clone, Debug, Default)]
pub struct Network {}

impl Network {
    /// IDs and Name tags of every resource, offered by tab completion.
    pub fn completion_words(&self) -> Vec<String> {
        Vec::new()
    }
}
