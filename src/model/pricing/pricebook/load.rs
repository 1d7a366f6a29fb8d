//! `pricing load`: a price file the user brings, in either layout, checked before it
//! replaces the lab's prices.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::own_layout::parse_own_layout;
use super::price_list::parse_price_list;
use super::{PriceTable, Pricebook, Shared};
use crate::model::compute::csv;

/// Why a price file was not loaded (nothing is loaded then).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct PriceFileError {
    pub message: String,
}

pub(super) fn file_err(message: impl Into<String>) -> PriceFileError {
    PriceFileError { message: message.into() }
}

/// What a load found.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadSummary {
    /// `cloudlab` (InstanceType,Region,Price,… layout) or `aws-price-list`.
    pub format: &'static str,
    pub prices: usize,
    pub regions: usize,
    pub instance_types: usize,
    /// Data rows not used (other OS, tenancy, term, unit, …).
    pub rows_skipped: usize,
    /// Instance types priced in the file that the catalog does not know.
    pub unknown_types: Vec<String>,
    pub date: String,
}

impl Pricebook {
    /// A pricebook from a price file's text: the cloudlab layout (header with
    /// `InstanceType`, `Region`, `Price`, optional `SpotPrice`, `AvailabilityZone`) or
    /// the AWS Price List bulk CSV for EC2 (detected by its `FormatVersion` preamble or
    /// `SKU`…`PricePerUnit` header; only OnDemand, Linux, Shared, no pre-installed
    /// software, hourly, USD rows are used). `date` is used when the file has no
    /// publication date. `keep_going` is asked every few thousand rows; returning
    /// false stops with an "interrupted" error.
    pub fn from_csv(
        text: &str,
        origin: &str,
        date: &str,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Result<(Pricebook, LoadSummary), PriceFileError> {
        let first = csv::Reader::new(text)
            .next()
            .ok_or_else(|| file_err("the file is empty"))?
            .map_err(|e| file_err(format!("not a CSV file: {e}")))?;
        let head: Vec<&str> = first.fields.iter().map(|s| s.trim()).collect();
        let (entries, mut summary) =
            if head.first() == Some(&"FormatVersion") || (head.contains(&"SKU") && head.contains(&"PricePerUnit")) {
                parse_price_list(text, date, keep_going)?
            } else if head.contains(&"InstanceType") && head.contains(&"Price") && head.contains(&"Region") {
                let (entries, skipped) = parse_own_layout(text, true)?;
                let summary = LoadSummary {
                    format: "cloudlab",
                    prices: 0,
                    regions: 0,
                    instance_types: 0,
                    rows_skipped: skipped,
                    unknown_types: Vec::new(),
                    date: date.to_string(),
                };
                (entries, summary)
            } else {
                return Err(file_err(format!(
                    "unrecognised header `{}`: expected the cloudlab layout \
                 (InstanceType,Region,Price[,SpotPrice,AvailabilityZone]) or an AWS Price List \
                 bulk CSV for EC2",
                    shorten(&first.fields.join(","), 120)
                )));
            };
        if entries.is_empty() {
            return Err(file_err("the file has no usable on-demand Linux prices"));
        }
        let types: BTreeSet<&str> = entries.iter().map(|e| e.instance_type.as_str()).collect();
        let regions: BTreeSet<&str> = entries.iter().map(|e| e.region.as_str()).collect();
        summary.prices = entries.len();
        summary.instance_types = types.len();
        summary.regions = regions.len();
        summary.unknown_types =
            types.iter().filter(|t| crate::model::compute::find(t).is_none()).map(|t| t.to_string()).collect();
        let source = format!("{origin} ({})", summary.format);
        let table = PriceTable::new(summary.date.clone(), source, entries);
        Ok((Pricebook { table: Shared(Some(Arc::new(table))) }, summary))
    }
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn never_stop() -> impl FnMut() -> bool {
        || true
    }

    #[test]
    fn loads_the_own_layout() {
        let text =
            "InstanceType,Region,Price\nm5.large,us-east-1,0.1\nm5.large,eu-west-1,0.107\nzz9.large,us-east-1,1\n";
        let (p, s) = Pricebook::from_csv(text, "new.csv", "2027-01-01", &mut never_stop()).unwrap();
        assert_eq!(p.price("m5.large", "us-east-1"), Some(0.1));
        assert_eq!(p.date(), "2027-01-01");
        assert_eq!(s.format, "cloudlab");
        assert_eq!((s.prices, s.regions, s.instance_types), (3, 2, 2));
        assert_eq!(s.unknown_types, vec!["zz9.large"]);
        assert!(p.source().starts_with("new.csv"));
    }

    #[test]
    fn malformed_files_are_errors() {
        let bad = |t: &str| Pricebook::from_csv(t, "f", "d", &mut never_stop()).unwrap_err().message;
        assert!(bad("").contains("empty"));
        assert!(bad("a,b\n1,2\n").contains("unrecognised header"));
        assert!(bad("InstanceType,Region,Price\nm5.large,us-east-1,cheap\n").contains("line 2"));
        assert!(bad("InstanceType,Region,Price\nm5.large,us-east-1,-1\n").contains("not a price"));
        assert!(bad("InstanceType,Region,Price\nm5.large,Virginia,0.1\n").contains("region code"));
        assert!(bad("InstanceType,Region,Price\nm5.large,us-east-1\n").contains("fields"));
        assert!(bad("InstanceType,Region,Price\n").contains("no usable"));
        assert!(
            bad("InstanceType,Region,Price\nm5.large,us-east-1,0.1\nm5.large,us-east-1,0.2\n").contains("priced twice")
        );
        assert!(bad("InstanceType,Region,Price\n\"m5.large,us-east-1,0.1\n").contains("never closed"));
    }
}
