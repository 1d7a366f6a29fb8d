//! `cost vpc`'s answer as tables: every priced line, the totals per component and region,
//! and the NAT options (one gateway versus one per AZ).

use polars::prelude::*;

use super::round;
use crate::model::pricing::estimate::{Component, Estimate, NatOption};

/// Every line of every region's estimate.
pub fn cost_lines_df(estimates: &[Estimate]) -> PolarsResult<DataFrame> {
    let rows: Vec<(&str, _)> =
        estimates.iter().flat_map(|e| e.lines.iter().map(move |l| (e.region.as_str(), l))).collect();
    df!(
        "region" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "component" => rows.iter().map(|r| r.1.component.as_str()).collect::<Vec<_>>(),
        "item" => rows.iter().map(|r| r.1.item.clone()).collect::<Vec<_>>(),
        "quantity" => rows.iter().map(|r| round(r.1.quantity, 3)).collect::<Vec<_>>(),
        "unit" => rows.iter().map(|r| r.1.unit).collect::<Vec<_>>(),
        "unit_price_usd" => rows.iter().map(|r| r.1.unit_price_usd).collect::<Vec<_>>(),
        "monthly_usd" => rows.iter().map(|r| r.1.monthly_usd.map(|v| round(v, 2))).collect::<Vec<_>>(),
        "assumption" => rows.iter().map(|r| r.1.assumption.clone().unwrap_or_default()).collect::<Vec<_>>(),
    )
}

/// Totals per component (rows, `present` ones then `total`) and region (one column each).
pub fn cost_totals_df(estimates: &[Estimate], present: &[Component]) -> PolarsResult<DataFrame> {
    let names = present.iter().map(|c| c.as_str().to_string()).chain(std::iter::once("total".to_string()));
    let mut cols = vec![Column::new("component".into(), names.collect::<Vec<_>>())];
    for e in estimates {
        let vals: Vec<f64> = present
            .iter()
            .map(|c| round(e.by_component(*c), 2))
            .chain(std::iter::once(round(e.total_usd(), 2)))
            .collect();
        cols.push(Column::new(e.region.as_str().into(), vals));
    }
    DataFrame::new_infer_height(cols)
}

/// The NAT options of each region, with what an AZ failure breaks.
pub fn nat_options_df(rows: &[(String, NatOption)]) -> PolarsResult<DataFrame> {
    df!(
        "region" => rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        "option" => rows.iter().map(|r| r.1.option.clone()).collect::<Vec<_>>(),
        "nat_gateways" => rows.iter().map(|r| r.1.nat_gateways as u32).collect::<Vec<_>>(),
        "nat_hours_usd" => rows.iter().map(|r| round(r.1.hours_usd, 2)).collect::<Vec<_>>(),
        "nat_data_usd" => rows.iter().map(|r| round(r.1.processing_usd, 2)).collect::<Vec<_>>(),
        "cross_az_gb" => rows.iter().map(|r| round(r.1.cross_az_gb, 1)).collect::<Vec<_>>(),
        "cross_az_usd" => rows.iter().map(|r| round(r.1.cross_az_usd, 2)).collect::<Vec<_>>(),
        "total_usd" => rows.iter().map(|r| round(r.1.total_usd, 2)).collect::<Vec<_>>(),
        "if_an_az_fails" => rows.iter().map(|r| r.1.if_an_az_fails.clone()).collect::<Vec<_>>(),
    )
}
