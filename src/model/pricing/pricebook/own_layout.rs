//! cloudlab's own price layout: the shipped files, and a user's file in the same layout.

use std::collections::HashMap;

use super::load::{file_err, PriceFileError};
use super::PriceEntry;
use crate::model::compute::csv;

fn looks_like_region(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        && parts.last().is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

pub(super) fn parse_price(s: &str, line: usize, what: &str) -> Result<f64, PriceFileError> {
    let v: f64 = s.trim().parse().map_err(|_| file_err(format!("line {line}: {what} '{s}' is not a number")))?;
    if !v.is_finite() || v < 0.0 {
        return Err(file_err(format!("line {line}: {what} '{s}' is not a price")));
    }
    Ok(v)
}

/// `InstanceType,Region,Price[,SpotPrice,AvailabilityZone]` (other columns ignored).
/// Strict (for user files): any bad row is an error. Returns the entries and the count
/// of rows skipped (none when strict).
pub(super) fn parse_own_layout(text: &str, strict: bool) -> Result<(Vec<PriceEntry>, usize), PriceFileError> {
    let mut rows = csv::Reader::new(text);
    let header = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(file_err(format!("not a CSV file: {e}"))),
        None => return Err(file_err("the file is empty")),
    };
    let col = |n: &str| csv::column(&header.fields, n);
    let (Some(ti), Some(ri), Some(pi)) = (col("InstanceType"), col("Region"), col("Price")) else {
        return Err(file_err("the header needs InstanceType, Region and Price columns"));
    };
    let (si, zi) = (col("SpotPrice"), col("AvailabilityZone"));
    let mut seen: HashMap<(String, String), (f64, usize)> = HashMap::new();
    let mut out = Vec::new();
    let mut skipped = 0;
    for rec in rows {
        let rec = rec.map_err(|e| file_err(format!("not a CSV file: {e}")))?;
        let row = (|| -> Result<PriceEntry, PriceFileError> {
            let get = |i: usize| rec.fields.get(i).map(|s| s.trim()).unwrap_or("");
            let line = rec.line;
            if rec.fields.len() != header.fields.len() {
                return Err(file_err(format!(
                    "line {line}: {} fields where the header has {}",
                    rec.fields.len(),
                    header.fields.len()
                )));
            }
            let t = get(ti);
            if !t.contains('.') {
                return Err(file_err(format!("line {line}: '{t}' is not an instance type")));
            }
            let r = get(ri);
            if !looks_like_region(r) {
                return Err(file_err(format!("line {line}: '{r}' is not a region code")));
            }
            let price = parse_price(get(pi), line, "price")?;
            let spot = match si.map(get) {
                Some(s) if !s.is_empty() => Some(parse_price(s, line, "spot price")?),
                _ => None,
            };
            let az = zi.map(get).filter(|s| !s.is_empty()).map(str::to_string);
            Ok(PriceEntry {
                instance_type: t.to_string(),
                region: r.to_string(),
                on_demand_usd_per_hour: price,
                spot_usd_per_hour: spot,
                spot_az_id: az,
            })
        })();
        match row {
            Ok(e) => {
                let key = (e.instance_type.clone(), e.region.clone());
                if let Some((p, l)) = seen.get(&key) {
                    if strict && *p != e.on_demand_usd_per_hour {
                        return Err(file_err(format!(
                            "line {}: {} in {} is priced twice ({} on line {l}, {})",
                            rec.line, key.0, key.1, p, e.on_demand_usd_per_hour
                        )));
                    }
                    skipped += 1;
                    continue;
                }
                seen.insert(key, (e.on_demand_usd_per_hour, rec.line));
                out.push(e);
            }
            Err(e) if strict => return Err(e),
            Err(_) => skipped += 1,
        }
    }
    Ok((out, skipped))
}
