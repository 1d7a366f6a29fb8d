//! Charts as SVG (plotters): line, scatter, bar, histogram, timeline, small multiples; one
//! file per kind, sharing `theme` (colours, fonts), `axis`, `frame` (title, legend) and `points`.
//!
//! Every function returns SVG text or a `ChartError`; none panics on empty or degenerate
//! data. Non-finite values are dropped, and so are non-positive values on a log axis.
//! A range of one value is widened so it can be drawn. Text is laid out with plotters'
//! naive width estimate (no font backend here), so labels that might not fit are
//! shortened or turned on their side rather than left to overlap.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod axis;
mod bar;
mod frame;
mod histogram;
mod line;
mod points;
mod scatter;
mod small_multiples;
mod theme;
mod timeline;

pub use axis::format_number;
use axis::*;
pub use bar::bar_chart;
use frame::*;
pub use histogram::histogram;
pub use line::line_chart;
use points::*;
pub use points::{MAX_CHART_POINTS, MAX_LINE_POINTS};
pub use scatter::scatter_chart;
pub use small_multiples::{small_multiples, Panel, StateSpan};
use theme::*;
pub use timeline::timeline;

/// One named series of (x, y) points.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

impl Series {
    pub fn new(name: impl Into<String>, points: Vec<(f64, f64)>) -> Series {
        Series { name: name.into(), points }
    }
}

/// Title, axis labels (with units), scales and size of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub log_x: bool,
    pub log_y: bool,
    pub width: u32,
    pub height: u32,
    /// The y values are milliseconds: ticks read `5 ms`, `2 s`, `10 min`.
    pub y_millis: bool,
}

impl ChartSpec {
    /// A linear 720×420 chart.
    pub fn new(title: impl Into<String>, x_label: impl Into<String>, y_label: impl Into<String>) -> ChartSpec {
        ChartSpec {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            log_x: false,
            log_y: false,
            width: 720,
            height: 420,
            y_millis: false,
        }
    }

    pub fn with_y_millis(mut self, on: bool) -> ChartSpec {
        self.y_millis = on;
        self
    }

    pub fn with_log_x(mut self, on: bool) -> ChartSpec {
        self.log_x = on;
        self
    }

    pub fn with_log_y(mut self, on: bool) -> ChartSpec {
        self.log_y = on;
        self
    }

    pub fn with_size(mut self, width: u32, height: u32) -> ChartSpec {
        self.width = width;
        self.height = height;
        self
    }
}

/// One bar of a timeline: a lane (row), a start and end on the x axis, and a label.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineBar {
    pub lane: String,
    pub start: f64,
    pub end: f64,
    pub label: String,
    /// What the bar's colour tells, named in a legend (a failover phase); when every
    /// bar's is empty, each lane has its colour and there is no legend.
    pub category: String,
}

#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ChartError {
    #[error("nothing to draw: no finite values (log axes also drop values <= 0)")]
    NoData,
    #[error("chart drawing failed: {0}")]
    Draw(String),
}

fn draw_err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Draw(format!("{e:?}"))
}

/// What the tests of every chart kind check an SVG with.
#[cfg(test)]
mod testing {
    /// plotters writes each text on its own line between the tags.
    pub(super) fn has_text(svg: &str, t: &str) -> bool {
        svg.contains(&format!(">\n{t}\n</text>"))
    }

    pub(super) fn valid(svg: &str, needles: &[&str]) {
        assert!(svg.starts_with("<svg"), "not svg: {}", &svg[..svg.len().min(80)]);
        assert!(svg.trim_end().ends_with("</svg>"));
        for n in needles {
            assert!(svg.contains(n), "missing {n:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::{has_text, valid};

    #[test]
    fn one_series_has_no_legend_and_a_category_keeps_its_colour() {
        let spec = ChartSpec::new("cost", "month", "USD");
        let nat = Series::new("NAT hours", vec![(1.0, 1.0), (2.0, 3.0)]);
        let alone = line_chart(&spec, std::slice::from_ref(&nat)).unwrap();
        assert!(!has_text(&alone, "NAT hours"), "no legend for a single series");
        let ec2 = Series::new("EC2 hours", vec![(1.0, 2.0), (2.0, 2.5)]);
        let both = line_chart(&spec, &[ec2.clone(), nat.clone()]).unwrap();
        assert!(has_text(&both, "NAT hours") && has_text(&both, "EC2 hours"));
        let swapped = line_chart(&spec, &[nat, ec2]).unwrap();
        // The same name gets the same colour whatever its position.
        let stroke = |svg: &str, name: &str| {
            let c = colors_for([name, if name == "NAT hours" { "EC2 hours" } else { "NAT hours" }].into_iter())[0];
            let hex = format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
            svg.contains(&hex)
        };
        assert!(stroke(&both, "NAT hours") && stroke(&swapped, "NAT hours"));
        assert_eq!(
            colors_for(["NAT hours", "EC2 hours"].into_iter())[0],
            colors_for(["EC2 hours", "NAT hours"].into_iter())[1]
        );
    }

    #[test]
    fn empty_and_degenerate_data_never_panic() {
        let spec = ChartSpec::new("t", "x", "y");
        assert_eq!(line_chart(&spec, &[]), Err(ChartError::NoData));
        assert_eq!(line_chart(&spec, &[Series::new("a", vec![])]), Err(ChartError::NoData));
        let nan = Series::new("a", vec![(f64::NAN, 1.0), (1.0, f64::INFINITY)]);
        assert_eq!(scatter_chart(&spec, &[nan], &[]), Err(ChartError::NoData));
        // One point, all-equal values, zero values: drawn with a widened range.
        valid(&line_chart(&spec, &[Series::new("one", vec![(3.0, 3.0)])]).unwrap(), &[">\nt\n<"]);
        let flat = Series::new("flat", vec![(1.0, 5.0), (2.0, 5.0), (3.0, 5.0)]);
        valid(&line_chart(&spec, &[flat]).unwrap(), &[">\nt\n<"]);
        valid(&scatter_chart(&spec, &[Series::new("z", vec![(0.0, 0.0)])], &[]).unwrap(), &[">\nt\n<"]);
        assert_eq!(bar_chart(&spec, &[], &[], false), Err(ChartError::NoData));
        assert_eq!(histogram(&spec, &[("a".into(), vec![])], 10), Err(ChartError::NoData));
        valid(&histogram(&spec, &[("same".into(), vec![2.0; 5])], 0).unwrap(), &[">\nt\n<"]);
        assert_eq!(timeline(&spec, &[]), Err(ChartError::NoData));
        // Tiny canvas is enlarged rather than failing.
        let tiny = ChartSpec::new("tiny", "x", "y").with_size(1, 1);
        valid(&line_chart(&tiny, &[Series::new("s", vec![(1.0, 1.0), (2.0, 2.0)])]).unwrap(), &["tiny"]);
    }

    fn any_f64() -> impl proptest::strategy::Strategy<Value = f64> {
        use proptest::prelude::*;
        prop_oneof![
            Just(0.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-1e300),
            Just(1e300),
            Just(f64::MIN_POSITIVE),
            -1e6..1e6f64,
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn no_chart_panics_on_any_numbers(
            pts in proptest::collection::vec((any_f64(), any_f64()), 0..12),
            log_x: bool,
            log_y: bool,
            stacked: bool,
            bins in 0usize..40,
        ) {
            let spec = ChartSpec::new("p", "x", "y").with_log_x(log_x).with_log_y(log_y);
            let s = [Series::new("s", pts.clone())];
            let _ = line_chart(&spec, &s);
            let _ = scatter_chart(&spec, &s, &s);
            let cats: Vec<String> = (0..pts.len()).map(|i| format!("c{i}")).collect();
            let groups = vec![("a".to_string(), pts.iter().map(|p| p.0).collect()), ("b".to_string(), pts.iter().map(|p| p.1).collect())];
            let _ = bar_chart(&spec, &cats, &groups, stacked);
            let _ = histogram(&spec, &groups, bins);
            let bars: Vec<TimelineBar> = pts
                .iter()
                .map(|p| TimelineBar { lane: "l".into(), start: p.0, end: p.1, label: "x".into(), category: String::new() })
                .collect();
            let _ = timeline(&spec, &bars);
            let spans = pts.iter().map(|p| StateSpan { lane: "l".into(), start: p.0, end: p.1, state: "OK".into() }).collect();
            let panels = [
                Panel::Lines { heading: "h".into(), series: s.to_vec(), guides: vec![("g".into(), pts.first().map_or(0.0, |p| p.1))], steps: stacked },
                Panel::States { heading: "s".into(), spans },
            ];
            let _ = small_multiples(&spec, &panels);
        }
    }
}
