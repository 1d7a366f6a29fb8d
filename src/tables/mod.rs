//! The model as polars tables, for `tables`, `sql`, exports and charts. Each group's
//! file turns its part of the model into named DataFrames.

pub mod compute;
pub mod database;
pub mod network;
pub mod scaling;
pub mod storage;

use polars::prelude::DataFrame;

use crate::lab::Lab;

/// Rounded for display: prices keep 2–6 decimals, ratios 3, lags 2.
pub fn round(v: f64, digits: i32) -> f64 {
    let m = 10f64.powi(digits);
    (v * m).round() / m
}

/// Every table the lab holds, by name: the model's resources, the catalogs, and the
/// result tables kept by earlier commands (`_` is the last one shown).
pub fn all(lab: &Lab) -> Vec<(String, DataFrame)> {
    let mut v = network::tables(&lab.network);
    v.extend(compute::tables(lab));
    v.extend(database::tables(&lab.databases));
    v.extend(scaling::tables(&lab.scaling));
    v.extend(storage::tables(&lab.storage));
    for (name, df) in &lab.results {
        if !v.iter().any(|(n, _)| n == name) {
            v.push((name.clone(), df.clone()));
        }
    }
    v
}
