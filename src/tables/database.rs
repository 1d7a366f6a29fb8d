//! DB instances, clusters and simulation results as tables.

use polars::prelude::DataFrame;

use crate::model::database::Databases;

pub fn tables(_db: &Databases) -> Vec<(String, DataFrame)> {
    Vec::new()
}
