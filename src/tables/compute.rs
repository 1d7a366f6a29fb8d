//! The instance catalog, offerings and prices as tables.

use polars::prelude::DataFrame;

use crate::lab::Lab;

pub fn tables(_lab: &Lab) -> Vec<(String, DataFrame)> {
    Vec::new()
}
