//! The instance catalog and prices: `describe-instance-types`, `instance-types`,
//! `explain-type`, `compare families`, `price`, `cost`, `pricing load`.

mod compare;
mod cost;
mod describe;
mod price;
mod pricing;
mod types;

use super::{Args, CommandError, CommandSpec, Reply};
use crate::model::codes;
use crate::model::compute::{catalog, InstanceType};
use crate::render::chart::ChartError;

pub fn commands() -> Vec<CommandSpec> {
    let mut v = Vec::new();
    v.extend(describe::commands());
    v.extend(types::commands());
    v.extend(compare::commands());
    v.extend(price::commands());
    v.extend(cost::commands());
    v.extend(pricing::commands());
    v
}

/// AWS's error for an unknown instance type, suggesting the closest known name.
pub(crate) fn unknown_type(name: &str) -> CommandError {
    let e = CommandError::new(
        "InvalidInstanceType",
        format!("The following supplied instance types do not exist: [{name}]"),
    );
    match catalog::closest(name) {
        Some(c) => e.with_hint(format!("did you mean `{c}`? (`instance-types` lists the catalog)")),
        None => e.with_hint("`instance-types` lists the catalog"),
    }
}

pub(crate) fn instance_type(name: &str) -> Result<&'static InstanceType, CommandError> {
    catalog::find(name).ok_or_else(|| unknown_type(name))
}

pub(crate) use super::region::{code as known_region, list as regions_of, of as region_of};

/// Instance type names from the positional words and `--instance-types`, split on
/// commas; each checked against the catalog.
pub(crate) fn type_list(a: &Args, what: &str) -> Result<Vec<&'static InstanceType>, CommandError> {
    let mut names = a.positional_list();
    names.extend(a.list("instance-types"));
    if names.is_empty() {
        return Err(CommandError::new(codes::MISSING_PARAMETER, format!("missing {what}")));
    }
    let mut out: Vec<&'static InstanceType> = Vec::new();
    for n in names {
        let t = instance_type(&n)?;
        if !out.iter().any(|o| o.name == t.name) {
            out.push(t);
        }
    }
    Ok(out)
}

/// Add a chart to a reply; no data means no chart, a drawing failure is said plainly.
pub(crate) fn with_chart(reply: Reply, chart: Result<String, ChartError>, alt: String) -> Reply {
    match chart {
        Ok(svg) => reply.with_svg(svg, alt),
        Err(ChartError::NoData) => reply,
        Err(e) => reply.with_text(format!("(chart not drawn: {e})")),
    }
}

pub(crate) use crate::tables::round;

/// `0.096` → `$0.096`; None → `n/a`.
pub(crate) fn usd(v: Option<f64>) -> String {
    match v {
        Some(v) if v.abs() >= 100.0 => format!("${v:.2}"),
        Some(v) => format!("${}", crate::render::chart::format_number(round(v, 4))),
        None => "n/a".to_string(),
    }
}

/// EC2 filter values: `*` and `?` wildcards.
pub(crate) use crate::glob::matches as glob;

/// `--filters Name=instance-type,Values=m5.large,m5.xlarge Name=…` as (name, values).
pub(crate) use crate::command::shorthand::filters as parse_filters;

#[cfg(test)]
pub(crate) mod test_util {
    use crate::command::publish::RunCell;
    use crate::kernel::{Event, Outcome};
    use crate::lab::Lab;

    /// Run one cell; the text/plain of every output and the outcome.
    pub fn run(s: &mut Lab, cell: &str) -> (Vec<String>, Outcome) {
        let (events, outcome) = s.run_cell(cell);
        let texts = events
            .iter()
            .filter_map(|e| match e {
                Event::Stream { text, .. } => Some(text.clone()),
                Event::Display { data, .. } => data.get("text/plain").and_then(|v| v.as_str()).map(str::to_string),
                Event::Live { .. } => None,
            })
            .collect();
        (texts, outcome)
    }

    /// Whether any output carries an SVG.
    pub fn has_svg(s: &mut Lab, cell: &str) -> bool {
        let (events, _) = s.run_cell(cell);
        events.iter().any(|e| matches!(e, Event::Display { data, .. } if data.contains_key("image/svg+xml")))
    }

    /// The JSON printed by `--output json`.
    pub fn json(s: &mut Lab, cell: &str) -> serde_json::Value {
        let (texts, outcome) = run(s, cell);
        assert!(matches!(outcome, Outcome::Ok), "{cell}: {outcome:?}");
        let all = texts.join("");
        serde_json::from_str(all.trim()).unwrap_or_else(|e| panic!("{cell}: not JSON ({e}): {all}"))
    }

    /// The error value of a failing cell.
    pub fn error(s: &mut Lab, cell: &str) -> (String, String) {
        let (_, outcome) = run(s, cell);
        match outcome {
            Outcome::Error { ename, evalue, .. } => (ename, evalue),
            other => panic!("{cell}: expected an error, got {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_filters() {
        assert!(glob("m5.*", "m5.large"));
        assert!(!glob("m5.*", "m5a.large"));
        assert!(glob("c?g.large", "c7g.large"));
        let a = Args::from_pairs(&[], &[("filters", "Name=instance-type,Values=m5.large,c5.*")]);
        let f = parse_filters(&a).unwrap();
        assert_eq!(f, vec![("instance-type".to_string(), vec!["m5.large".to_string(), "c5.*".to_string()])]);
        let bad = Args::from_pairs(&[], &[("filters", "instance-type=m5.large")]);
        assert_eq!(parse_filters(&bad).unwrap_err().code, "InvalidParameterValue");
    }

    #[test]
    fn unknown_type_suggests_the_closest() {
        let e = instance_type("m5.larg").unwrap_err();
        assert_eq!(e.code, "InvalidInstanceType");
        assert!(e.message.contains("[m5.larg]"));
        assert!(e.hint.unwrap().contains("m5.large"));
    }
}
