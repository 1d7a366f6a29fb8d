//! `compare families m7g,c7g,r7g`: core-to-memory ratio (GiB per vCPU) and prices of
//! whole families side by side — tables, a vCPU-vs-memory scatter with the 2/4/8
//! GiB-per-vCPU lines, and bar charts.

use crate::model::codes;
use polars::prelude::*;
use serde_json::json;

use super::{region_of, with_chart};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::compute::catalog;
use crate::model::compute::naming::Category;
use crate::model::pricing::families::FamilyPrices;
use crate::model::pricing::Pricebook;
use crate::render::chart::{bar_chart, scatter_chart, ChartError, ChartSpec, Series};
use crate::tables::compute::{family_sizes_df, family_summary_df};

const FLAGS_COMPARE_FAMILIES: &[Flag] = &[
    Flag::choice(
        "by",
        "order and price chart: ratio (default), price, price-per-vcpu, price-per-gib",
        &["ratio", "price", "price-per-vcpu", "price-per-gib"],
    ),
    Flag::many("families", "families (also accepted as positional words)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "compare families",
        service: "lab",
        summary: "families side by side: GiB per vCPU and prices, tables and charts",
        usage: "compare families F1,F2,… [--region R] [--by ratio|price|price-per-vcpu|price-per-gib]",
        help: "For each family: its sizes with vCPUs, memory, GiB per vCPU (the core-to-memory \
ratio), on-demand price, price per vCPU-hour and per GiB-hour in the region (`--region` or \
the lab's), plus a summary per family against its category's usual ratio (general purpose \
≈ 4, compute ≈ 2, memory ≈ 8 GiB per vCPU in AWS's instance specification tables). `--by` orders the families \
and adds a price chart. Charts: vCPUs against memory with the 2/4/8 GiB-per-vCPU lines \
(log scales), and the ratio per family coloured by category.\n\
Example: `compare families m7g,c7g,r7g --region ap-northeast-2 --by price-per-vcpu`",
        flags: FLAGS_COMPARE_FAMILIES,
        run: Run::Read(compare),
    }]
}

fn compare(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let mut names = a.positional_list();
    names.extend(a.list("families"));
    if names.is_empty() {
        return Err(CommandError::new(
            codes::MISSING_PARAMETER,
            "missing families, e.g. `compare families m7g,c7g,r7g`",
        ));
    }
    let region = region_of(lab, a)?;
    let by = a.get("by").unwrap_or("ratio");
    if !matches!(by, "ratio" | "price" | "price-per-vcpu" | "price-per-gib") {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("--by must be ratio, price, price-per-vcpu or price-per-gib, not '{by}'"),
        ));
    }
    let pb = &lab.pricing;
    let fams = ordered(priced_families(names, &region, pb)?, by);
    let label = pb.label_for(&region);
    let (summary, detail) = (family_summary_df(&fams)?, family_sizes_df(&fams)?);
    let unpriced: Vec<&str> = fams.iter().filter(|f| f.unpriced()).map(|f| f.name.as_str()).collect();
    let mut note = format!(
        "prices in {region}: {label}; GiB per vCPU = memory ÷ vCPUs (family value = median over sizes); typical ratios from AWS's specification tables (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html)"
    );
    if !unpriced.is_empty() {
        note.push_str(&format!(
            "\nNo prices in the data for {} in {region} (n/a, not estimated).",
            unpriced.join(", ")
        ));
    }
    let reply = Reply::new().with_table(summary.clone(), Some(format!("Families by {by}")), Some(note)).with_table(
        detail.clone(),
        Some("Every size".into()),
        Some(format!("{label}; region {region}")),
    );
    let reply = with_charts(reply, &fams, by, &region, &label);
    let records = |df: &DataFrame| crate::render::table::to_records(df);
    let json = json!({
        "region": region,
        "by": by,
        "price_basis": "on-demand Linux, USD",
        "snapshot_date": pb.date_for(&region),
        "families": records(&summary),
        "instance_types": records(&detail),
    });
    Ok(reply.with_json(json).keep("compare_families", summary).keep("compare_sizes", detail))
}

/// Each named family once (lower case), priced in `region`; an unknown one is an error.
fn priced_families(names: Vec<String>, region: &str, pb: &Pricebook) -> Result<Vec<FamilyPrices>, CommandError> {
    let mut fams: Vec<FamilyPrices> = Vec::new();
    for n in names {
        let n = n.to_ascii_lowercase();
        if fams.iter().any(|f| f.name == n) {
            continue;
        }
        let Some(f) = FamilyPrices::of(&n, region, pb) else {
            let mut e = CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown instance family '{n}'"));
            let all = catalog::families();
            if let Some(c) = catalog::closest_in(&n, all.iter().copied()) {
                e = e.with_hint(format!("did you mean `{c}`?"));
            }
            return Err(e);
        };
        fams.push(f);
    }
    Ok(fams)
}

/// The families ordered by `by`, those without a value last, ties by name.
fn ordered(mut fams: Vec<FamilyPrices>, by: &str) -> Vec<FamilyPrices> {
    let key = |f: &FamilyPrices| match by {
        "price" => f.cheapest().map(|c| c.1),
        "price-per-vcpu" => f.per_vcpu(),
        "price-per-gib" => f.per_gib(),
        _ => f.ratio(),
    };
    fams.sort_by(|x, y| match (key(x), key(y)) {
        (Some(a), Some(b)) => a.total_cmp(&b).then(x.name.cmp(&y.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.name.cmp(&y.name),
    });
    fams
}

/// The scatter of vCPUs against memory, the ratio per family, and the price view `by` asks for.
fn with_charts(reply: Reply, fams: &[FamilyPrices], by: &str, region: &str, label: &str) -> Reply {
    let names: Vec<&str> = fams.iter().map(|f| f.name.as_str()).collect();
    let series: Vec<Series> = fams
        .iter()
        .map(|f| Series::new(f.name.clone(), f.members.iter().map(|t| (t.vcpus as f64, t.memory_gib())).collect()))
        .collect();
    let guides: Vec<Series> = [2.0, 4.0, 8.0]
        .iter()
        .map(|k| Series::new(format!("{k} GiB/vCPU"), vec![(0.01, 0.01 * k), (100_000.0, 100_000.0 * k)]))
        .collect();
    let spec = ChartSpec::new("vCPUs against memory", "vCPUs (log scale)", "memory, GiB (log scale)")
        .with_log_x(true)
        .with_log_y(true);
    let mut reply = with_chart(
        reply,
        scatter_chart(&spec, &series, &guides),
        format!("scatter: vCPUs against memory for {}, with 2, 4 and 8 GiB-per-vCPU lines", names.join(", ")),
    );
    let groups = ByCategory::of(fams);
    let spec = ChartSpec::new("GiB per vCPU by family, grouped by category", "family", "GiB per vCPU");
    reply = with_chart(
        reply,
        bar_chart(&spec, &groups.names(), &groups.bars(&|f| f.ratio()), false),
        format!("bar chart: GiB per vCPU of {}", names.join(", ")),
    );
    match by {
        "price" => with_chart(
            reply,
            price_by_size_chart(fams, region, label),
            format!("bar chart: hourly price per size in {region}"),
        ),
        "price-per-vcpu" | "price-per-gib" => {
            let (title, unit, bars) = if by == "price-per-vcpu" {
                ("Price per vCPU-hour", "USD per vCPU-hour", groups.bars(&|f| f.per_vcpu()))
            } else {
                ("Price per GiB-hour", "USD per GiB-hour", groups.bars(&|f| f.per_gib()))
            };
            let spec = ChartSpec::new(format!("{title} in {region} ({label})"), "family", unit);
            with_chart(
                reply,
                bar_chart(&spec, &groups.names(), &bars, false),
                format!("bar chart: {title} in {region}"),
            )
        }
        _ => reply,
    }
}

/// The families ordered by category, for bars coloured by category.
struct ByCategory<'a> {
    families: Vec<&'a FamilyPrices>,
    categories: Vec<Option<Category>>,
}

impl<'a> ByCategory<'a> {
    fn of(fams: &'a [FamilyPrices]) -> ByCategory<'a> {
        let mut families: Vec<&FamilyPrices> = fams.iter().collect();
        families.sort_by_key(|f| (f.category, f.name.clone()));
        let mut categories: Vec<Option<Category>> = families.iter().map(|f| f.category).collect();
        categories.dedup();
        ByCategory { families, categories }
    }

    fn names(&self) -> Vec<String> {
        self.families.iter().map(|f| f.name.clone()).collect()
    }

    /// One group per category (named with its usual ratio), NaN for other categories' families.
    fn bars(&self, value: &dyn Fn(&FamilyPrices) -> Option<f64>) -> Vec<(String, Vec<f64>)> {
        self.categories
            .iter()
            .map(|c| {
                let vals = self
                    .families
                    .iter()
                    .map(|f| if f.category == *c { value(f).unwrap_or(f64::NAN) } else { f64::NAN })
                    .collect();
                let name = match c {
                    Some(c) => match c.typical_gib_per_vcpu() {
                        Some(t) => format!("{} (≈{t})", c.as_str()),
                        None => c.as_str().to_string(),
                    },
                    None => "?".to_string(),
                };
                (name, vals)
            })
            .collect()
    }
}

/// Each family's hourly price per size, sizes from small to large.
fn price_by_size_chart(fams: &[FamilyPrices], region: &str, label: &str) -> Result<String, ChartError> {
    let mut sizes: Vec<&str> = Vec::new();
    for t in fams.iter().flat_map(|f| &f.members) {
        if !sizes.contains(&t.size()) {
            sizes.push(t.size());
        }
    }
    sizes.sort_by(|a, b| {
        let k = |s: &str| crate::model::compute::naming::size_factor(s).unwrap_or(f64::MAX);
        k(a).total_cmp(&k(b))
    });
    let price_of = |f: &FamilyPrices, s: &str| {
        f.members.iter().zip(&f.prices).find(|(t, _)| t.size() == s).and_then(|(_, p)| *p).unwrap_or(f64::NAN)
    };
    let groups: Vec<(String, Vec<f64>)> =
        fams.iter().map(|f| (f.name.clone(), sizes.iter().map(|s| price_of(f, s)).collect())).collect();
    let cats: Vec<String> = sizes.iter().map(|s| s.to_string()).collect();
    let spec =
        ChartSpec::new(format!("Price per hour by size in {region} ({label})"), "size", "USD per hour (log scale)")
            .with_log_y(true);
    bar_chart(&spec, &cats, &groups, false)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{error, json, run};
    use crate::command::publish::RunCell;
    use crate::kernel::Event;
    use crate::lab::Lab;

    #[test]
    fn general_compute_memory_ratios() {
        let mut s = Lab::default();
        let v = json(&mut s, "compare families m7g,c7g,r7g --region us-east-1 --output json");
        let fams = v["families"].as_array().unwrap();
        let order: Vec<&str> = fams.iter().map(|f| f["family"].as_str().unwrap()).collect();
        assert_eq!(order, vec!["c7g", "m7g", "r7g"]);
        let ratio: Vec<f64> = fams.iter().map(|f| f["gib_per_vcpu"].as_f64().unwrap()).collect();
        assert_eq!(ratio, vec![2.0, 4.0, 8.0]);
        assert_eq!(fams[0]["category"], "compute optimized");
        assert_eq!(fams[0]["typical_gib_per_vcpu"], 2.0);
        assert!(fams.iter().all(|f| f["price_per_vcpu_hour_usd"].as_f64().is_some()));
        let sizes = v["instance_types"].as_array().unwrap();
        let m7g_large = sizes.iter().find(|r| r["instance_type"] == "m7g.large").unwrap();
        assert_eq!(m7g_large["vcpus"], 2);
        assert_eq!(m7g_large["memory_gib"], 8.0);
        assert_eq!(v["snapshot_date"], "2026-11-24");
    }

    #[test]
    fn charts_and_price_ordering() {
        let mut s = Lab::default();
        let (events, _) = s.run_cell("compare families m7g c7g r7g --by price-per-vcpu");
        let svgs: Vec<&str> = events
            .iter()
            .filter_map(|e| match e {
                Event::Display { data, .. } => data.get("image/svg+xml").and_then(|v| v.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(svgs.len(), 3);
        assert!(svgs[0].contains("8 GiB/vCPU") && svgs[0].contains("m7g"));
        assert!(svgs[1].contains("compute optimized"));
        let v = json(&mut s, "compare families m7g,c7g,r7g --by price-per-vcpu --output json");
        let per: Vec<f64> =
            v["families"].as_array().unwrap().iter().map(|f| f["price_per_vcpu_hour_usd"].as_f64().unwrap()).collect();
        assert!(per.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn unpriced_families_and_errors() {
        let mut s = Lab::default();
        let (texts, _) = run(&mut s, "compare families m8g,m7g --region us-east-1");
        assert!(texts.join("\n").contains("No prices in the data for m8g"));
        let (ename, evalue) = error(&mut s, "compare families m7gg");
        assert_eq!(ename, "InvalidParameterValue");
        assert!(evalue.contains("m7gg"));
        let (ename, _) = error(&mut s, "compare families");
        assert_eq!(ename, "MissingParameter");
        let (ename, _) = error(&mut s, "compare families m7g --region xx-nowhere-1");
        assert_eq!(ename, "InvalidParameterValue");
    }
}
