//! `pricing load FILE`, `pricing show`, `pricing reset`: which prices the lab uses.

use crate::model::codes;
use serde_json::json;

use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::pricing::Pricebook;

const FLAGS_PRICING_LOAD: &[Flag] =
    &[Flag::value("date", "the prices' date when the file does not say (default: today)")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "pricing load",
            service: "lab",
            summary: "use a newer price file instead of the shipped snapshot",
            usage: "pricing load FILE [--date YYYY-MM-DD]",
            help: "Reads on-demand Linux prices from FILE: either cloudlab's layout (a CSV header with \
InstanceType, Region, Price and optionally SpotPrice, AvailabilityZone — the layout of \
data/ec2_prices.csv) or the AWS Price List bulk CSV for EC2 \
(https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/<region>/index.csv), \
told apart by the header. From the bulk file only OnDemand, Linux, Shared-tenancy, \
no-pre-installed-software, hourly USD rows are used. The prices' date is the bulk file's \
Publication Date, else `--date`, else today. A malformed file is an error and nothing is loaded. \
FILE must be a regular file of at most 1 GiB.",
            flags: FLAGS_PRICING_LOAD,
            run: Run::WriteFromFile(load),
        },
        CommandSpec {
            name: "pricing show",
            service: "lab",
            summary: "which prices the lab uses: source, date, coverage",
            usage: "pricing show",
            help: "The pricebook's source, date, and how many types and regions it prices.",
            flags: &[],
            run: Run::Read(show),
        },
        CommandSpec {
            name: "pricing reset",
            service: "lab",
            summary: "go back to the shipped price snapshot",
            usage: "pricing reset",
            help: "Drops prices read by `pricing load`; the shipped snapshot (2026-11-24) is used again.",
            flags: &[],
            run: Run::Write(reset),
        },
    ]
}

fn load(lab: &mut Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let path = a.required_pos(0, "the price file, e.g. `pricing load prices.csv`")?;
    let date = match a.get("date") {
        Some(d) => {
            if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                return Err(CommandError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("--date '{d}' is not YYYY-MM-DD"),
                ));
            }
            d.to_string()
        }
        None => crate::clock::today(),
    };
    let text = crate::command::files::read_text(path, crate::command::files::MAX_PRICE_FILE, "pricing load")?;
    let name = std::path::Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path);
    let (book, summary) = Pricebook::from_csv(&text, name, &date, &mut || !ctx.cancelled()).map_err(|e| {
        if ctx.cancelled() {
            CommandError::interrupted()
        } else {
            CommandError::new("InvalidPriceFile", format!("{path}: {e}; nothing was loaded"))
        }
    })?;
    lab.pricing = book;
    let mut msg = format!(
        "loaded {} prices ({} instance types, {} regions) from {path} ({} format); prices are now \"{}\"",
        summary.prices,
        summary.instance_types,
        summary.regions,
        summary.format,
        lab.pricing.label()
    );
    if summary.rows_skipped > 0 {
        msg.push_str(&format!(
            "\n{} rows not used (other OS, tenancy, term, unit or duplicates)",
            summary.rows_skipped
        ));
    }
    if !summary.unknown_types.is_empty() {
        let shown: Vec<&str> = summary.unknown_types.iter().take(8).map(String::as_str).collect();
        msg.push_str(&format!(
            "\n{} priced type(s) are not in the instance catalog: {}{}",
            summary.unknown_types.len(),
            shown.join(", "),
            if summary.unknown_types.len() > 8 { ", …" } else { "" }
        ));
    }
    Ok(Reply::text(msg).with_json(json!({
        "file": path,
        "format": summary.format,
        "prices": summary.prices,
        "instance_types": summary.instance_types,
        "regions": summary.regions,
        "rows_skipped": summary.rows_skipped,
        "unknown_types": summary.unknown_types,
        "snapshot_date": summary.date,
    })))
}

fn show(lab: &Lab, _: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let p = &lab.pricing;
    let regions = p.regions();
    let families = p.families();
    Ok(Reply::text(format!(
        "{}\nsource: {}\n{} prices, {} families, {} regions: {}",
        p.label(),
        p.source(),
        p.len(),
        families.len(),
        regions.len(),
        regions.join(", ")
    ))
    .with_json(json!({
        "snapshot_date": p.date(),
        "source": p.source(),
        "prices": p.len(),
        "families": families,
        "regions": regions,
    })))
}

fn reset(lab: &mut Lab, _: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    lab.pricing = Pricebook::snapshot();
    Ok(Reply::text(format!("prices: the shipped snapshot ({})", lab.pricing.label())))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::super::test_util::{error, json, run};
    use crate::kernel::Outcome;
    use crate::lab::Lab;

    #[test]
    fn load_a_newer_file_then_reset() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        writeln!(f, "InstanceType,Region,Price\nm5.large,us-east-1,0.1\nm5.large,ap-northeast-2,0.12").unwrap();
        let path = f.path().to_str().unwrap().to_string();
        let mut s = Lab::default();
        let (_, outcome) = run(&mut s, &format!("pricing load {path} --date 2027-01-15"));
        assert_eq!(outcome, Outcome::Ok);
        let v = json(&mut s, "price m5.large --regions us-east-1 --output json");
        assert_eq!(v[0]["price_per_hour_usd"], 0.1);
        assert_eq!(v[0]["snapshot_date"], "2027-01-15");
        let v = json(&mut s, "price c5.large --regions us-east-1 --output json");
        assert!(v[0]["price_per_hour_usd"].is_null());
        run(&mut s, "pricing reset");
        let v = json(&mut s, "price m5.large --regions us-east-1 --output json");
        assert_eq!(v[0]["price_per_hour_usd"], 0.096);
    }

    #[test]
    fn a_malformed_file_loads_nothing() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        writeln!(f, "InstanceType,Region,Price\nm5.large,us-east-1,0.1\nm5.large,us-east-1,free").unwrap();
        let path = f.path().to_str().unwrap().to_string();
        let mut s = Lab::default();
        let (ename, evalue) = error(&mut s, &format!("pricing load {path}"));
        assert_eq!(ename, "InvalidPriceFile");
        assert!(evalue.contains("line 3") && evalue.contains("nothing was loaded"), "{evalue}");
        let v = json(&mut s, "price m5.large --regions us-east-1 --output json");
        assert_eq!(v[0]["price_per_hour_usd"], 0.096);
        let (ename, _) = error(&mut s, "pricing load /no/such/file.csv");
        assert_eq!(ename, "IOError");
        let (ename, _) = error(&mut s, &format!("pricing load {path} --date yesterday"));
        assert_eq!(ename, "InvalidParameterValue");
        let v = json(&mut s, "pricing show --output json");
        assert_eq!(v["snapshot_date"], "2026-11-24");
    }
}
