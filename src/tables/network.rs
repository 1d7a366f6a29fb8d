//! Network resources as tables: vpcs, subnets, route_tables, routes, security_groups, …

use polars::prelude::DataFrame;

use crate::model::network::Network;

pub fn tables(_network: &Network) -> Vec<(String, DataFrame)> {
    Vec::new()
}
