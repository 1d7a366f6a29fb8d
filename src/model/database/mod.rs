//! RDS and Aurora: DB instances, clusters, replicas, and the replication/failover simulations.

/// Every database resource in one lab.
#[derive(Clone, Debug, Default)]
pub struct Databases {}

impl Databases {
    /// DB instance and cluster identifiers, offered by tab completion.
    pub fn completion_words(&self) -> Vec<String> {
        Vec::new()
    }
}
