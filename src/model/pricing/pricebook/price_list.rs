//! The AWS Price List bulk CSV for EC2, as `pricing load` reads it.

use std::collections::HashMap;

use super::load::{file_err, LoadSummary, PriceFileError};
use super::own_layout::parse_price;
use super::PriceEntry;
use crate::model::compute::csv;
use crate::model::regions;

/// The AWS Price List bulk CSV for EC2 (`…/offers/v1.0/aws/AmazonEC2/current/<region>/index.csv`).
pub(super) fn parse_price_list(
    text: &str,
    fallback_date: &str,
    keep_going: &mut dyn FnMut() -> bool,
) -> Result<(Vec<PriceEntry>, LoadSummary), PriceFileError> {
    let mut rows = csv::Reader::new(text);
    let mut date = fallback_date.to_string();
    let header = read_header(&mut rows, &mut date)?;
    let col = |n: &str| csv::column(&header.fields, n);
    let need = |n: &str| col(n).ok_or_else(|| file_err(format!("the Price List header has no '{n}' column")));
    let term = need("TermType")?;
    let unit = need("Unit")?;
    let ppu = need("PricePerUnit")?;
    let currency = need("Currency")?;
    let itype = need("Instance Type")?;
    let os = need("Operating System")?;
    let tenancy = need("Tenancy")?;
    let family = col("Product Family");
    let sw = col("Pre Installed S/W");
    let license = col("License Model");
    let capacity = col("CapacityStatus");
    let region_code = col("Region Code");
    let location = col("Location");
    if region_code.is_none() && location.is_none() {
        return Err(file_err("the Price List header has neither 'Region Code' nor 'Location'"));
    }
    let mut out = Vec::new();
    let mut seen: HashMap<(String, String), f64> = HashMap::new();
    let mut skipped = 0usize;
    for (n, rec) in rows.enumerate() {
        if n % 4096 == 0 && !keep_going() {
            return Err(file_err("interrupted"));
        }
        let rec = rec.map_err(|e| file_err(format!("not a CSV file: {e}")))?;
        let get = |i: usize| rec.fields.get(i).map(|s| s.trim()).unwrap_or("");
        let is = |c: Option<usize>, v: &str| c.is_none_or(|i| get(i) == v);
        let wanted = get(term) == "OnDemand"
            && get(unit) == "Hrs"
            && get(currency) == "USD"
            && get(os) == "Linux"
            && get(tenancy) == "Shared"
            && is(family, "Compute Instance")
            && is(sw, "NA")
            && is(license, "No License required")
            && is(capacity, "Used")
            && !get(itype).is_empty();
        if !wanted {
            skipped += 1;
            continue;
        }
        let region = match region_code.map(get).filter(|s| !s.is_empty()) {
            Some(r) => r.to_string(),
            None => match location.map(get).and_then(region_of_location) {
                Some(r) => r,
                None => {
                    skipped += 1;
                    continue;
                }
            },
        };
        let price = parse_price(get(ppu), rec.line, "PricePerUnit")?;
        let key = (get(itype).to_string(), region);
        if seen.contains_key(&key) {
            skipped += 1;
            continue;
        }
        seen.insert(key.clone(), price);
        out.push(PriceEntry {
            instance_type: key.0,
            region: key.1,
            on_demand_usd_per_hour: price,
            spot_usd_per_hour: None,
            spot_az_id: None,
        });
    }
    let summary = LoadSummary {
        format: "aws-price-list",
        prices: 0,
        regions: 0,
        instance_types: 0,
        rows_skipped: skipped,
        unknown_types: Vec::new(),
        date,
    };
    Ok((out, summary))
}

/// Reads the preamble up to the `SKU,…` header row: the header, and the prices' date
/// into `date` when the preamble has a Publication Date.
fn read_header(rows: &mut csv::Reader, date: &mut String) -> Result<csv::Record, PriceFileError> {
    loop {
        let rec = match rows.next() {
            Some(r) => r.map_err(|e| file_err(format!("not a CSV file: {e}")))?,
            None => return Err(file_err("the Price List file has no header row (SKU,…)")),
        };
        match rec.fields.first().map(|s| s.trim()) {
            Some("SKU") => return Ok(rec),
            Some("Publication Date") => {
                if let Some(d) = rec.fields.get(1) {
                    *date = d.trim().chars().take(10).collect();
                }
            }
            _ if rec.line > 20 => return Err(file_err("the Price List file has no header row (SKU,…)")),
            _ => {}
        }
    }
}

/// `US East (N. Virginia)` → `us-east-1`; the Price List writes `EU (Ireland)` where the
/// console writes `Europe (Ireland)`.
fn region_of_location(loc: &str) -> Option<String> {
    let norm = |s: &str| s.replace("Europe (", "EU (").to_ascii_lowercase();
    let l = norm(loc);
    regions::all().iter().find(|r| norm(&r.name) == l).map(|r| r.code.clone())
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pricing::Pricebook;

    fn never_stop() -> impl FnMut() -> bool {
        || true
    }

    const PRICE_LIST: &str = r#""FormatVersion","v1.0"
"Disclaimer","This pricing list is for informational purposes only."
"Publication Date","2027-02-03T18:00:00Z"
"Version","20270203180000"
"OfferCode","AmazonEC2"
"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","Product Family","Location","Instance Type","Tenancy","Operating System","License Model","Pre Installed S/W","CapacityStatus","Region Code"
"A1","JRTCKXETXF","A1.JRTCKXETXF.6YS6EN2CT7","OnDemand","$0.096 per On Demand Linux m5.large Instance Hour","2027-02-01","0","Inf","Hrs","0.0960000000","USD","Compute Instance","US East (N. Virginia)","m5.large","Shared","Linux","No License required","NA","Used","us-east-1"
"A2","JRTCKXETXF","A2.JRTCKXETXF.6YS6EN2CT7","OnDemand","Windows","2027-02-01","0","Inf","Hrs","0.1880000000","USD","Compute Instance","US East (N. Virginia)","m5.large","Shared","Windows","No License required","NA","Used","us-east-1"
"A3","4NA7Y494T4","A3.4NA7Y494T4.6YS6EN2CT7","Reserved","1yr","2027-02-01","0","Inf","Hrs","0.0600000000","USD","Compute Instance","US East (N. Virginia)","m5.large","Shared","Linux","No License required","NA","Used","us-east-1"
"A4","JRTCKXETXF","A4.JRTCKXETXF.6YS6EN2CT7","OnDemand","dedicated","2027-02-01","0","Inf","Hrs","0.1010000000","USD","Compute Instance","US East (N. Virginia)","m5.large","Dedicated","Linux","No License required","NA","Used","us-east-1"
"A5","JRTCKXETXF","A5.JRTCKXETXF.6YS6EN2CT7","OnDemand","Seoul","2027-02-01","0","Inf","Hrs","0.1180000000","USD","Compute Instance","Asia Pacific (Seoul)","m5.large","Shared","Linux","No License required","NA","Used",""
"A6","JRTCKXETXF","A6.JRTCKXETXF.6YS6EN2CT7","OnDemand","unused reservation","2027-02-01","0","Inf","Hrs","0.0960000000","USD","Compute Instance","US East (N. Virginia)","c5.large","Shared","Linux","No License required","NA","UnusedCapacityReservation","us-east-1"
"#;

    #[test]
    fn loads_the_aws_price_list_bulk_csv() {
        let (p, s) = Pricebook::from_csv(PRICE_LIST, "index.csv", "2027-01-01", &mut never_stop()).unwrap();
        assert_eq!(s.format, "aws-price-list");
        assert_eq!(p.date(), "2027-02-03");
        assert_eq!(p.len(), 2);
        assert_eq!(p.price("m5.large", "us-east-1"), Some(0.096));
        // Region from the Location name when Region Code is empty.
        assert_eq!(p.price("m5.large", "ap-northeast-2"), Some(0.118));
        assert_eq!(p.price("c5.large", "us-east-1"), None);
        assert_eq!(s.rows_skipped, 4);
    }

    #[test]
    fn price_list_errors_and_interrupts() {
        let no_header = "\"FormatVersion\",\"v1.0\"\n\"Publication Date\",\"2027\"\n";
        let e = Pricebook::from_csv(no_header, "f", "d", &mut never_stop()).unwrap_err();
        assert!(e.message.contains("no header"));
        let mut stop = || false;
        let e = Pricebook::from_csv(PRICE_LIST, "f", "d", &mut stop).unwrap_err();
        assert_eq!(e.message, "interrupted");
        assert_eq!(region_of_location("EU (Ireland)").as_deref(), Some("eu-west-1"));
    }
}
