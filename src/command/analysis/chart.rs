//! `chart line|bar|scatter|hist X [Y] … from (TABLE | _ | sql …)`: a table plotted as SVG
//! (render/chart.rs), axis labels in words from the column names (or --x-label/--y-label),
//! one legend entry per --color group.

use crate::kernel::ename;
use crate::model::codes;
use polars::prelude::*;

use super::{export::find_table, sql};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::render::chart::{self, ChartSpec, Series as ChartSeries};
use crate::render::table::cell_text;

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "chart",
        service: "lab",
        summary: "plot a table: line, bar, scatter or histogram (SVG)",
        usage: "chart line|bar|scatter|hist X [Y] [--color COL] [--log-x] [--log-y] [--title T] [--bins N] \
                from (TABLE | _ | sql SELECT …)",
        help: "X and Y are column names; the axis labels say them in words, a unit suffix in parentheses \
               (price_per_hour_usd reads `price per hour (USD)`), or --x-label/--y-label say it yourself. --color COL draws one series (and legend entry) per value of COL. \
               `line` sorts by X; `bar` takes X as categories (summing Y per category); `hist` bins X \
               (--bins, default 20). The data comes from a table `tables` lists, `_` (the last table \
               shown), or a query.\nExamples:\n  \
               chart bar instance_type price_per_hour_usd --color region from _\n  \
               chart scatter vcpus memory_gib --log-y from sql SELECT * FROM instance_types",
        flags: FLAGS,
        run: Run::Read(chart_cmd),
    }]
}

const FLAGS: &[Flag] = &[
    Flag::value("color", "a column: one series per value"),
    Flag::switch("log-x", "logarithmic x axis"),
    Flag::switch("log-y", "logarithmic y axis"),
    Flag::value("title", "the chart's title"),
    Flag::value("x-label", "the x axis label (default: X in words)"),
    Flag::value("y-label", "the y axis label (default: Y in words, or `count`)"),
    Flag::value("bins", "hist: number of bins (default 20)"),
];

const KINDS: &[&str] = &["line", "bar", "scatter", "hist"];

fn usage_err(msg: impl Into<String>) -> CommandError {
    CommandError::new(ename::USAGE_ERROR, msg)
        .with_hint("usage: chart line|bar|scatter|hist X [Y] [--color COL] from (TABLE | _ | sql SELECT …)")
}

/// The data a chart's `from` part names.
fn source(lab: &Lab, words: &[String]) -> Result<(DataFrame, String), CommandError> {
    match words {
        [] => Err(usage_err("`from` needs a table, `_` or `sql SELECT …`")),
        [first, rest @ ..] if first.eq_ignore_ascii_case("sql") => {
            let q = sql::query_text(rest);
            Ok((sql::run_query(lab, &q)?, format!("sql {}", q)))
        }
        [name] => Ok((find_table(lab, name)?, name.clone())),
        [name, more @ ..] => Err(usage_err(format!("unexpected `{}` after the table `{}`", more.join(" "), name))),
    }
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column, CommandError> {
    df.column(name).map_err(|_| {
        let cols: Vec<String> = df.get_column_names().iter().map(|c| c.to_string()).collect();
        CommandError::new("NoSuchColumn", format!("no column `{}`", name))
            .with_hint(format!("columns: {}", cols.join(", ")))
    })
}

/// A column as numbers (nulls and non-numbers become NaN, which the charts drop).
fn numbers(df: &DataFrame, name: &str) -> Result<Vec<f64>, CommandError> {
    let c = column(df, name)?;
    let s = c.as_materialized_series();
    if !(s.dtype().is_primitive_numeric() || s.dtype().is_temporal() || s.dtype() == &DataType::Boolean) {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("column `{}` is {} — this chart needs numbers there", name, s.dtype()),
        )
        .with_hint("use `chart bar` for text categories"));
    }
    let f = s.cast(&DataType::Float64)?;
    let ca = f.f64()?;
    Ok((0..ca.len()).map(|i| ca.get(i).unwrap_or(f64::NAN)).collect())
}

fn texts(df: &DataFrame, name: &str) -> Result<Vec<String>, CommandError> {
    let c = column(df, name)?;
    Ok((0..df.height()).map(|i| c.get(i).map(|v| cell_text(&v)).unwrap_or_default()).collect())
}

/// Values in order of first appearance.
fn distinct(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

fn chart_cmd(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let (kind, x, y, df, src) = parse(lab, a.positional())?;
    let color = a.get("color").map(String::from);
    let groups: Option<Vec<String>> = match &color {
        Some(c) => Some(texts(&df, c)?),
        None => None,
    };
    let x_label = a.get("x-label").map(String::from).unwrap_or_else(|| words(&x));
    let y_label = a.get("y-label").map(String::from).unwrap_or_else(|| y.as_deref().map_or("count".into(), words));
    let title = a.get("title").map(String::from).unwrap_or_else(|| match &y {
        Some(_) => format!("{} by {}", y_label, x_label),
        None => format!("distribution of {}", x_label),
    });
    let spec = ChartSpec::new(title.clone(), x_label.clone(), y_label.clone())
        .with_log_x(a.switch("log-x"))
        .with_log_y(a.switch("log-y"));
    let group_names: Vec<String> = groups.as_deref().map(distinct).unwrap_or_else(|| vec![y_label.clone()]);
    let plot = Plot {
        df: &df,
        x: &x,
        y: y.as_deref().unwrap_or_default(),
        groups: groups.as_deref(),
        group_names: &group_names,
    };
    let svg = match kind {
        "line" | "scatter" => plot.points(&spec, kind == "line"),
        "bar" => plot.bars(&spec),
        _ => plot.histogram(&spec, a.parse_or("bins", 20usize)?),
    }?;
    let alt = format!(
        "{} chart \"{}\": {} against {} from {} ({} rows{})",
        kind,
        title,
        y_label,
        x_label,
        src,
        df.height(),
        color.as_ref().map(|c| format!(", one series per {}", c)).unwrap_or_default()
    );
    Ok(Reply::new().with_svg(svg, alt).with_json(serde_json::json!({
        "chart": kind, "x": x, "y": y, "color": color, "source": src, "row_count": df.height(), "series": group_names,
    })))
}

/// The positional words `KIND X [Y] from SOURCE`: the kind, the columns and the data.
fn parse<'a>(
    lab: &Lab,
    pos: &'a [String],
) -> Result<(&'a str, String, Option<String>, DataFrame, String), CommandError> {
    let kind =
        pos.first().map(String::as_str).ok_or_else(|| usage_err("chart needs a kind: line, bar, scatter or hist"))?;
    if !KINDS.contains(&kind) {
        return Err(usage_err(format!("unknown chart kind `{}` (line, bar, scatter, hist)", kind)));
    }
    let from = pos
        .iter()
        .position(|w| w.eq_ignore_ascii_case("from"))
        .ok_or_else(|| usage_err("say where the data comes from: `… from TABLE`"))?;
    let cols = &pos[1..from];
    let (df, src) = source(lab, &pos[from + 1..])?;
    let (x, y) = match (kind, cols) {
        ("hist", [x]) => (x.clone(), None),
        ("hist", [x, y]) => return Err(usage_err(format!("a histogram takes one column, not `{}` and `{}`", x, y))),
        (_, [x, y]) => (x.clone(), Some(y.clone())),
        _ => {
            return Err(usage_err(format!(
                "`chart {}` needs {}",
                kind,
                if kind == "hist" { "one column X" } else { "two columns, X and Y" }
            )))
        }
    };
    Ok((kind, x, y, df, src))
}

/// The data of one chart split into its series: one per `--color` group (or one, named
/// for Y, without it).
struct Plot<'a> {
    df: &'a DataFrame,
    x: &'a str,
    y: &'a str,
    groups: Option<&'a [String]>,
    group_names: &'a [String],
}

impl Plot<'_> {
    fn in_group(&self, i: usize, g: &str) -> bool {
        self.groups.is_none_or(|gs| gs[i] == g)
    }

    /// `line` (points sorted by X, so the line runs left to right) or `scatter`.
    fn points(&self, spec: &ChartSpec, line: bool) -> Result<String, CommandError> {
        let xs = numbers(self.df, self.x)?;
        let ys = numbers(self.df, self.y)?;
        let series: Vec<ChartSeries> = self
            .group_names
            .iter()
            .map(|g| {
                let mut pts: Vec<(f64, f64)> =
                    (0..self.df.height()).filter(|i| self.in_group(*i, g)).map(|i| (xs[i], ys[i])).collect();
                if line {
                    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
                }
                ChartSeries::new(g.clone(), pts)
            })
            .collect();
        drawn(if line { chart::line_chart(spec, &series) } else { chart::scatter_chart(spec, &series, &[]) })
    }

    /// `bar`: X as categories in order of first appearance, Y summed per category and group
    /// (NaN, drawn as no bar, where a group has no finite value).
    fn bars(&self, spec: &ChartSpec) -> Result<String, CommandError> {
        let xs = texts(self.df, self.x)?;
        let ys = numbers(self.df, self.y)?;
        let categories = distinct(&xs);
        let data: Vec<(String, Vec<f64>)> = self
            .group_names
            .iter()
            .map(|g| {
                let vals = categories
                    .iter()
                    .map(|c| {
                        let hits: Vec<f64> = (0..self.df.height())
                            .filter(|i| &xs[*i] == c && self.in_group(*i, g))
                            .map(|i| ys[i])
                            .filter(|v| v.is_finite())
                            .collect();
                        if hits.is_empty() {
                            f64::NAN
                        } else {
                            hits.iter().sum()
                        }
                    })
                    .collect();
                (g.clone(), vals)
            })
            .collect();
        drawn(chart::bar_chart(spec, &categories, &data, false))
    }

    /// `hist`: X's values per group, binned by the renderer.
    fn histogram(&self, spec: &ChartSpec, bins: usize) -> Result<String, CommandError> {
        if bins == 0 || bins > 1000 {
            return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, "--bins must be between 1 and 1000"));
        }
        let xs = numbers(self.df, self.x)?;
        let data: Vec<(String, Vec<f64>)> = self
            .group_names
            .iter()
            .map(|g| (g.clone(), (0..self.df.height()).filter(|i| self.in_group(*i, g)).map(|i| xs[i]).collect()))
            .collect();
        drawn(chart::histogram(spec, &data, bins))
    }
}

/// A renderer's error as the command's: the usual cause is the data, not the chart.
fn drawn(svg: Result<String, chart::ChartError>) -> Result<String, CommandError> {
    svg.map_err(|e| {
        CommandError::new(ename::CHART_ERROR, e.to_string())
            .with_hint("check that the columns hold numbers (and positive ones on a log axis)")
    })
}

/// A column name as an axis label in words: `price_per_hour_usd` → `price per hour (USD)`,
/// `az_count` → `AZ count`, `memory_gib` → `memory (GiB)`. A name that is not snake case
/// (capitals or spaces: already words) is kept.
pub fn words(column: &str) -> String {
    if column.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
        return column.to_string();
    }
    let parts: Vec<&str> = column.split('_').filter(|p| !p.is_empty()).collect();
    let unit = |p: &str| -> Option<&'static str> {
        Some(match p {
            "usd" => "USD",
            "gib" => "GiB",
            "mib" => "MiB",
            "gb" => "GB",
            "mb" => "MB",
            "tb" => "TB",
            "pct" | "percent" => "%",
            "ms" => "ms",
            "s" | "sec" | "secs" => "s",
            "min" | "mins" => "min",
            "rps" => "requests/s",
            "mbps" => "MB/s",
            _ => return None,
        })
    };
    let word = |p: &str| -> String {
        match p {
            "az" | "cpu" | "ebs" | "nat" | "aas" | "id" | "ip" | "alb" | "asg" | "rds" | "sql" | "aws" | "vpc"
            | "ec2" | "s3" | "iops" | "tps" | "qps" => p.to_uppercase(),
            "ids" => "IDs".into(),
            "azs" => "AZs".into(),
            "vcpu" => "vCPU".into(),
            "vcpus" => "vCPUs".into(),
            "ipv4" => "IPv4".into(),
            _ => p.to_string(),
        }
    };
    match parts.split_last() {
        None => column.to_string(),
        Some((last, rest)) if !rest.is_empty() && unit(last).is_some() => {
            format!(
                "{} ({})",
                rest.iter().map(|p| word(p)).collect::<Vec<_>>().join(" "),
                unit(last).unwrap_or_default()
            )
        }
        _ => parts.iter().map(|p| word(p)).collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::publish::RunCell;
    use crate::kernel::{Event, Outcome};
    use crate::lab::Lab;

    fn session() -> Lab {
        let mut s = Lab::default();
        let df = df!(
            "instance_type" => ["m7g.large", "c7g.large", "m7g.large", "c7g.large"],
            "region" => ["us-east-1", "us-east-1", "ap-northeast-2", "ap-northeast-2"],
            "vcpus" => [2i64, 2, 2, 2],
            "price_per_hour_usd" => [0.0816f64, 0.0725, 0.1, 0.0888],
        )
        .unwrap();
        s.results.insert("prices".into(), df);
        s
    }

    fn svg(ev: &[Event]) -> Option<String> {
        ev.iter().find_map(|e| match e {
            Event::Display { data, .. } => data.get("image/svg+xml").and_then(|v| v.as_str()).map(String::from),
            _ => None,
        })
    }

    #[test]
    fn bar_chart_with_a_legend_per_color_group() {
        let mut s = session();
        let (ev, out) = s.run_cell("chart bar instance_type price_per_hour_usd --color region from prices");
        assert_eq!(out, Outcome::Ok);
        let svg = svg(&ev).expect("an SVG");
        assert!(svg.contains("<svg") && svg.contains("ap-northeast-2"));
        // Axis labels in words, not column names.
        assert!(svg.contains(">\nprice per hour (USD)\n</text>") && svg.contains(">\ninstance type\n</text>"));
        assert!(!svg.contains("price_per_hour_usd"));
        let (ev, _) = s.run_cell("chart bar instance_type price_per_hour_usd --x-label 'instance size' --y-label 'on-demand $/h' from prices");
        let svg = super::tests::svg(&ev).unwrap();
        assert!(svg.contains(">\ninstance size\n</text>") && svg.contains(">\non-demand $/h\n</text>"));
    }

    #[test]
    fn column_names_in_words() {
        assert_eq!(words("price_per_hour_usd"), "price per hour (USD)");
        assert_eq!(words("az_count"), "AZ count");
        assert_eq!(words("memory_gib"), "memory (GiB)");
        assert_eq!(words("vcpus"), "vCPUs");
        assert_eq!(words("cpu_avg_pct"), "CPU avg (%)");
        assert_eq!(words("load_aas"), "load AAS");
        assert_eq!(words("t_s"), "t (s)");
        assert_eq!(words("usd"), "usd");
        assert_eq!(words("Monthly cost"), "Monthly cost");
        assert_eq!(words("_"), "_");
    }

    #[test]
    fn charts_from_sql_and_from_the_last_table() {
        let mut s = session();
        let (ev, out) =
            s.run_cell("chart scatter vcpus price_per_hour_usd --log-y from sql SELECT * FROM prices WHERE vcpus = 2");
        assert_eq!(out, Outcome::Ok, "{:?}", ev);
        assert!(svg(&ev).is_some());
        assert_eq!(
            s.run_cell("sql SELECT * FROM prices\nchart hist price_per_hour_usd --bins 4 from _").1,
            Outcome::Ok
        );
        assert_eq!(s.run_cell("chart line vcpus price_per_hour_usd --title 'Price' from prices").1, Outcome::Ok);
    }

    #[test]
    fn chart_errors_name_the_problem() {
        let mut s = session();
        let code = |o: Outcome| match o {
            Outcome::Error { ename, .. } => ename,
            Outcome::Ok => "Ok".into(),
        };
        assert_eq!(code(s.run_cell("chart pie a b from prices").1), "UsageError");
        assert_eq!(code(s.run_cell("chart line vcpus price_per_hour_usd").1), "UsageError");
        assert_eq!(code(s.run_cell("chart line vcpus nope from prices").1), "NoSuchColumn");
        assert_eq!(code(s.run_cell("chart line region vcpus from prices").1), "InvalidParameterValue");
        assert_eq!(code(s.run_cell("chart line vcpus vcpus from nowhere").1), "NoSuchTable");
    }
}
