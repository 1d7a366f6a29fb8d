//! `price TYPES… --regions R1,R2`: hourly, monthly (× 730) and yearly on-demand prices,
//! one column per region, and a bar chart. Missing prices are said, never estimated.

use crate::model::codes;

use super::{regions_of, type_list, usd, with_chart};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::pricing::estimate::HOURS_PER_MONTH;
use crate::render::chart::{bar_chart, ChartSpec};
use crate::tables::compute::{prices_long_df, prices_wide_df, PriceRecord, HOURS_PER_YEAR};

const FLAGS_PRICE: &[Flag] = &[
    Flag::many("regions", "regions, e.g. us-east-1,ap-northeast-2 (default: the lab's region)"),
    Flag::many("instance-types", "instance types (also accepted as positional words)"),
    Flag::choice("per", "the chart's period: hour, month (default) or year", &["hour", "month", "year"]),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "price",
        service: "lab",
        summary: "on-demand prices of instance types per region: hourly, monthly, yearly",
        usage: "price TYPE… [--regions R1,R2,…] [--per hour|month|year]",
        help: "On-demand Linux prices in USD from the lab's pricebook (the shipped snapshot of \
2026-11-24, or what `pricing load` read). One column per region; rows per type and period \
(hour; month = hour × 730, the AWS Pricing Calculator's convention; year = hour × 8,760). \
A (type, region) pair the data has no price for shows n/a and is listed below the table: \
it is never estimated. The chart shows `--per` (default month).\n\
Example: `price m5.large c7g.xlarge --regions us-east-1,ap-northeast-2`",
        flags: FLAGS_PRICE,
        run: Run::Read(price),
    }]
}

fn price(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let types = type_list(a, "instance types, e.g. `price m5.large c7g.xlarge --regions us-east-1`")?;
    let regions = regions_of(lab, a)?;
    let per = a.get("per").unwrap_or("month");
    let hours_per = match per {
        "hour" => 1.0,
        "month" => HOURS_PER_MONTH,
        "year" => HOURS_PER_YEAR,
        other => {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("--per must be hour, month or year, not '{other}'"),
            ))
        }
    };
    let pb = &lab.pricing;
    let label = pb.label_for_regions(&regions);
    let df = prices_wide_df(&types, &regions, pb)?;
    let records: Vec<PriceRecord> =
        types.iter().flat_map(|t| regions.iter().map(|r| PriceRecord::of(t, r, pb))).collect();
    let missing: Vec<String> = records
        .iter()
        .filter(|r| r.price_per_hour_usd.is_none())
        .map(|r| format!("{} in {}", r.instance_type, r.region))
        .collect();
    let long = prices_long_df(&records)?;
    let mut note = format!("{label}; month = hour × 730, year = hour × 8,760");
    if !missing.is_empty() {
        note.push_str(&format!(
            "\nNo price in the data (n/a, not estimated): {}. The snapshot covers {} families in {} regions.",
            missing.join(", "),
            pb.families().len(),
            pb.regions().len()
        ));
    }
    let mut reply = Reply::new().with_table(df, Some(format!("On-demand prices ({label})")), Some(note));
    // Bar chart: regions on the x axis, one bar per type.
    let categories: Vec<String> = regions.clone();
    let groups: Vec<(String, Vec<f64>)> = types
        .iter()
        .map(|t| {
            let vals = regions.iter().map(|r| pb.price(&t.name, r).map_or(f64::NAN, |p| p * hours_per)).collect();
            (t.name.clone(), vals)
        })
        .collect();
    let spec = ChartSpec::new(format!("Price per {per} ({label})"), "region", format!("USD per {per}"));
    let alt = format!(
        "bar chart: price per {per} of {} in {}",
        types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
        regions.join(", ")
    );
    reply = with_chart(reply, bar_chart(&spec, &categories, &groups, false), alt);
    if types.len() == 1 && regions.len() == 1 {
        let t = &types[0];
        let line = match pb.price(&t.name, &regions[0]) {
            Some(p) => format!(
                "{} in {}: {}/hour = {}/month ({label})",
                t.name,
                regions[0],
                usd(Some(p)),
                usd(Some(p * HOURS_PER_MONTH))
            ),
            None => format!("{} in {}: no price in the data ({label}); not estimated", t.name, regions[0]),
        };
        reply = reply.with_text(line);
    }
    Ok(reply.with_json(serde_json::to_value(&records).unwrap_or_default()).keep("price", long))
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{error, has_svg, json, run};
    use crate::kernel::Outcome;
    use crate::lab::Lab;

    #[test]
    fn m5_large_in_virginia_and_seoul() {
        let mut s = Lab::default();
        let v = json(&mut s, "price m5.large --regions us-east-1,ap-northeast-2 --output json");
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["instance_type"], "m5.large");
        assert_eq!(rows[0]["region"], "us-east-1");
        assert_eq!(rows[0]["price_per_hour_usd"], 0.096);
        assert_eq!(rows[1]["price_per_hour_usd"], 0.118);
        // monthly = hourly × 730
        assert_eq!(rows[0]["price_per_month_usd"], 70.08);
        assert_eq!(rows[1]["price_per_month_usd"], 86.14);
        assert_eq!(rows[0]["price_per_year_usd"], 840.96);
        assert_eq!(rows[0]["snapshot_date"], "2026-11-24");
        assert!(has_svg(&mut s, "price m5.large c5.large --regions us-east-1,ap-northeast-2"));
    }

    #[test]
    fn every_price_output_names_its_basis() {
        let mut s = Lab::default();
        let (texts, outcome) = run(&mut s, "price m5.large,c7g.xlarge --regions us-east-1 ap-northeast-2");
        assert_eq!(outcome, Outcome::Ok);
        let all = texts.join("\n");
        assert!(all.contains("on-demand Linux, USD, snapshot of 2026-11-24"), "{all}");
        assert!(all.contains("70.08"));
    }

    #[test]
    fn monthly_is_hourly_times_730_for_every_snapshot_price() {
        let mut s = Lab::default();
        let v = json(
            &mut s,
            "price t3.micro r5.large g5.xlarge c7gn.xlarge --regions us-east-1,eu-west-1,ap-south-1 --output json",
        );
        let mut priced = 0;
        for r in v.as_array().unwrap() {
            let Some(h) = r["price_per_hour_usd"].as_f64() else { continue };
            let m = r["price_per_month_usd"].as_f64().unwrap();
            assert!((m - h * 730.0).abs() < 1e-3, "{r}");
            priced += 1;
        }
        assert!(priced >= 10, "{priced}");
    }

    #[test]
    fn missing_prices_are_said_not_guessed() {
        let mut s = Lab::default();
        let (texts, outcome) = run(&mut s, "price m8g.large --regions us-east-1,sa-east-1");
        assert_eq!(outcome, Outcome::Ok);
        let all = texts.join("\n");
        assert!(all.contains("No price in the data"), "{all}");
        assert!(all.contains("m8g.large in us-east-1") && all.contains("m8g.large in sa-east-1"));
        // m5.large is not offered in Malaysia: the data has no price for it there.
        let v = json(&mut s, "price m5.large --regions ap-southeast-5 --output json");
        assert!(v[0]["price_per_hour_usd"].is_null());
        assert!(v[0]["note"].as_str().unwrap().contains("not estimated"));
    }

    #[test]
    fn sao_paulo_is_priced_from_the_price_list() {
        let mut s = Lab::default();
        let v = json(&mut s, "price m5.large --regions sa-east-1 --output json");
        assert_eq!(v[0]["price_per_hour_usd"].as_f64(), Some(0.153));
        let (texts, _) = run(&mut s, "price m5.large --regions us-east-1,sa-east-1");
        assert!(texts.join("\n").contains("sa-east-1: AWS Price List of 2026-09-04"));
    }

    #[test]
    fn unknown_type_or_region_is_an_error() {
        let mut s = Lab::default();
        let (ename, evalue) = error(&mut s, "price m5.larg --regions us-east-1");
        assert_eq!(ename, "InvalidInstanceType");
        assert!(evalue.contains("m5.larg"));
        let (_, outcome) = run(&mut s, "price m5.larg");
        match outcome {
            Outcome::Error { traceback, .. } => assert!(traceback.join("\n").contains("did you mean `m5.large`")),
            Outcome::Ok => panic!("expected an error"),
        }
        let (ename, evalue) = error(&mut s, "price m5.large --regions us-east-9");
        assert_eq!(ename, "InvalidParameterValue");
        assert!(evalue.contains("us-east-9"));
        let (ename, _) = error(&mut s, "price");
        assert_eq!(ename, "MissingParameter");
    }
}
