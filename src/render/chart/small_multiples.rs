//! Small multiples: panels stacked over one shared x axis.

use super::*;

/// One panel of [`small_multiples`], its heading saying what it shows, in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    /// Lines over x. `guides` are labelled dashed horizontal lines (a target); with
    /// `steps` each value holds until the next point (counts change in steps, not ramps).
    Lines { heading: String, series: Vec<Series>, guides: Vec<(String, f64)>, steps: bool },
    /// A state timeline: one lane per name (top to bottom in order of first appearance),
    /// a band per span in its state's colour, and a legend of the states.
    States { heading: String, spans: Vec<StateSpan> },
}

/// A lane's state from `start` to `end`.
#[derive(Clone, Debug, PartialEq)]
pub struct StateSpan {
    pub lane: String,
    pub start: f64,
    pub end: f64,
    pub state: String,
}

/// States whose colour means the same in every chart: a CloudWatch alarm's (OK green,
/// ALARM red, INSUFFICIENT_DATA grey); any other state gets its category colour.
fn state_colors(states: &[&str]) -> Vec<RGBColor> {
    let fixed = |s: &str| match s {
        "OK" => Some(color(4)),
        "ALARM" => Some(color(2)),
        "INSUFFICIENT_DATA" => Some(color(9)),
        _ => None,
    };
    states.iter().zip(colors_for(states.iter().copied())).map(|(s, c)| fixed(s).unwrap_or(c)).collect()
}

/// Pixels above each panel's plot for its heading.
const HEADING_H: u32 = 24;
/// Pixels below the last panel for the shared x axis (ticks and title).
const X_AXIS_H: u32 = 46;
/// Height of one state lane.
const LANE_H: u32 = 26;

/// A panel ready to draw: its data cleaned, its y axis and legend.
enum Prepared {
    Lines { pts: Vec<(String, Vec<(f64, f64)>)>, guides: Vec<(String, f64)>, steps: bool, colors: Vec<RGBColor> },
    States { lanes: usize, spans: Vec<(usize, f64, f64, usize)>, colors: Vec<RGBColor> },
}

struct PanelPlan {
    heading: String,
    y: Axis,
    legend: Vec<(String, RGBColor, LegendMark)>,
    body: Prepared,
}

/// The layout every panel shares: one x axis, the same left (y labels) and right
/// (legends) widths, so each panel's plot spans the same pixels; and each panel's height.
struct Layout {
    x: Axis,
    left: u32,
    legend_w: f64,
    heights: Vec<u32>,
    plans: Vec<PanelPlan>,
}

fn small_multiples_layout(spec: &ChartSpec, panels: &[Panel]) -> Result<Layout, ChartError> {
    let (w, h) = dims(spec);
    let mut plans = Vec::new();
    let mut xs: Vec<f64> = Vec::new();
    for panel in panels {
        let plan = match panel {
            Panel::Lines { heading, series, guides, steps } => plan_lines(heading, series, guides, *steps, &mut xs)?,
            Panel::States { heading, spans } => plan_states(heading, spans, &mut xs),
        };
        plans.extend(plan);
    }
    if plans.is_empty() {
        return Err(ChartError::NoData);
    }
    let x = Axis::numeric(&xs, spec.log_x, 0.0, false).ok_or(ChartError::NoData)?;
    let left = plans.iter().map(|p| y_area(&p.y)).max().unwrap_or(46);
    let legend_w =
        plans.iter().filter(|p| !p.legend.is_empty()).map(|p| legend_width(&p.legend, w)).fold(0.0, f64::max);
    let heights = panel_heights(&plans, h);
    Ok(Layout { x, left, legend_w, heights, plans })
}

/// A lines panel's finite points (None when it has none), its y axis and legend; its x
/// values added to `xs`.
fn plan_lines(
    heading: &str,
    series: &[Series],
    guides: &[(String, f64)],
    steps: bool,
    xs: &mut Vec<f64>,
) -> Result<Option<PanelPlan>, ChartError> {
    let pts: Vec<(String, Vec<(f64, f64)>)> = series
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.points.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, p)| !p.is_empty())
        .collect();
    if pts.is_empty() {
        return Ok(None);
    }
    let guides: Vec<(String, f64)> = guides.iter().filter(|g| g.1.is_finite()).cloned().collect();
    xs.extend(pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)));
    let ys: Vec<f64> = pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).chain(guides.iter().map(|g| g.1)).collect();
    let y = Axis::numeric(&ys, false, 0.08, true).ok_or(ChartError::NoData)?;
    let colors = colors_for(pts.iter().map(|(n, _)| n.as_str()));
    // One series needs no legend: the heading says what it is.
    let legend = if pts.len() > 1 {
        pts.iter().zip(&colors).map(|((n, _), c)| (n.clone(), *c, LegendMark::Line)).collect()
    } else {
        Vec::new()
    };
    Ok(Some(PanelPlan {
        heading: heading.to_string(),
        y,
        legend,
        body: Prepared::Lines { pts, guides, steps, colors },
    }))
}

/// A state panel's lanes and spans (None when no span is drawable) and its legend of
/// states; its x values added to `xs`.
fn plan_states(heading: &str, spans: &[StateSpan], xs: &mut Vec<f64>) -> Option<PanelPlan> {
    let spans: Vec<&StateSpan> =
        spans.iter().filter(|s| s.start.is_finite() && s.end.is_finite() && s.end >= s.start).collect();
    if spans.is_empty() {
        return None;
    }
    let mut lanes: Vec<&str> = Vec::new();
    let mut states: Vec<&str> = Vec::new();
    for s in &spans {
        if !lanes.contains(&s.lane.as_str()) {
            lanes.push(&s.lane);
        }
        if !states.contains(&s.state.as_str()) {
            states.push(&s.state);
        }
    }
    xs.extend(spans.iter().flat_map(|s| [s.start, s.end]));
    let colors = state_colors(&states);
    let n = lanes.len();
    // Category 0 is drawn at the bottom; the first lane belongs on top.
    let body = spans
        .iter()
        .map(|s| {
            let lane = lanes.iter().position(|l| *l == s.lane).unwrap_or(0);
            let state = states.iter().position(|t| *t == s.state).unwrap_or(0);
            (n - 1 - lane, s.start, s.end, state)
        })
        .collect();
    let legend = states.iter().zip(&colors).map(|(s, c)| (s.to_string(), *c, LegendMark::Box)).collect();
    let y = Axis::category(lanes.iter().rev().map(|l| fit_text(l, TICK_PX, 200.0)).collect());
    Some(PanelPlan {
        heading: heading.to_string(),
        y,
        legend,
        body: Prepared::States { lanes: n, spans: body, colors },
    })
}

/// Each panel's height: state panels as tall as their lanes, line panels share the rest;
/// the last also holds the shared x axis.
fn panel_heights(plans: &[PanelPlan], h: u32) -> Vec<u32> {
    // State panels are as tall as their lanes; line panels share the rest.
    let title_h = 40;
    // A state panel also fits its legend (one row per state).
    let state_h = |p: &PanelPlan, lanes: usize| {
        (HEADING_H + 12 + LANE_H * lanes as u32).max(HEADING_H + 14 + 20 * p.legend.len() as u32)
    };
    let fixed: u32 = plans
        .iter()
        .map(|p| match &p.body {
            Prepared::States { lanes, .. } => state_h(p, *lanes),
            Prepared::Lines { .. } => 0,
        })
        .sum();
    let n_lines = plans.iter().filter(|p| matches!(p.body, Prepared::Lines { .. })).count() as u32;
    let line_h =
        h.saturating_sub(title_h + X_AXIS_H + fixed).checked_div(n_lines).map_or(0, |each| each.max(HEADING_H + 60));
    let mut heights: Vec<u32> = plans
        .iter()
        .map(|p| match &p.body {
            Prepared::States { lanes, .. } => state_h(p, *lanes),
            Prepared::Lines { .. } => line_h,
        })
        .collect();
    if let Some(last) = heights.last_mut() {
        *last += X_AXIS_H;
    }
    heights
}

/// Panels stacked over one shared x axis (aligned small multiples): every panel has the
/// same x range and plot width, only the bottom one labels the x axis (`spec.x_label`),
/// and each has its heading above it and its own legend on the right when it has more
/// than one series (a state panel's legend names the states).
pub fn small_multiples(spec: &ChartSpec, panels: &[Panel]) -> Result<String, ChartError> {
    let layout = small_multiples_layout(spec, panels)?;
    let total: u32 = layout.heights.iter().sum::<u32>() + 40;
    let spec = ChartSpec { height: total.max(dims(spec).1), ..spec.clone() };
    svg_of(&spec, |root| {
        let area = frame(root, &spec, &[])?;
        let (aw, _) = area.dim_in_pixel();
        let mut breaks = Vec::new();
        let mut at = 0i32;
        for h in &layout.heights[..layout.heights.len() - 1] {
            at += *h as i32;
            breaks.push(at);
        }
        let areas = area.split_by_breakpoints::<i32, i32, _, _>([], breaks);
        let n = layout.plans.len();
        for (i, (plan, panel)) in layout.plans.iter().zip(&areas).enumerate() {
            let last = i + 1 == n;
            let (plot_area, side) = panel.split_horizontally(aw.saturating_sub(layout.legend_w as u32));
            let (_, ph) = plot_area.dim_in_pixel();
            // The heading may run on over the legend column, which starts below it.
            let heading = fit_text(&plan.heading, LABEL_PX, aw as f64 - layout.left as f64 - 16.0);
            plot_area
                .draw(&Text::new(
                    heading,
                    (6 + layout.left as i32, 6),
                    style(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Top)),
                ))
                .map_err(draw_err)?;
            let states = matches!(plan.body, Prepared::States { .. });
            let mut chart = ChartBuilder::on(&plot_area)
                .margin_top(HEADING_H)
                .margin_right(18)
                .margin_left(6)
                .margin_bottom(if last { 6 } else { 4 })
                .x_label_area_size(if last { X_AXIS_H } else { 0 })
                .y_label_area_size(layout.left)
                .build_cartesian_2d(layout.x.clone(), plan.y.clone())
                .map_err(draw_err)?;
            panel_mesh(&mut chart, &spec, states, last, ph)?;
            match &plan.body {
                Prepared::Lines { pts, guides, steps, colors } => {
                    draw_lines(&mut chart, root, &layout.x, pts, guides, *steps, colors)?
                }
                Prepared::States { spans, colors, .. } => draw_states(&mut chart, spans, colors)?,
            }
            if !plan.legend.is_empty() {
                let (_, sh) = side.dim_in_pixel();
                draw_legend(&side, &plan.legend, layout.legend_w, HEADING_H as i32 + 8, sh as i32 - 4)?;
            }
        }
        Ok(())
    })
}

/// A panel's mesh: y labels per lane (states) or by height, the x axis labelled only on
/// the last panel, no horizontal grid over state lanes.
fn panel_mesh(chart: &mut Chart, spec: &ChartSpec, states: bool, last: bool, ph: u32) -> Result<(), ChartError> {
    let blank = |_: &f64| String::new();
    let mut m = chart.configure_mesh();
    m.x_labels(8)
        .y_labels(if states { 40 } else { ((ph as f64 / 30.0) as usize).clamp(3, 6) })
        .max_light_lines(1)
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(215, 215, 215))
        .label_style(style(TICK_PX))
        .axis_desc_style(style(LABEL_PX));
    if last {
        m.x_desc(spec.x_label.as_str());
    } else {
        m.x_label_formatter(&blank);
    }
    if states {
        m.disable_y_mesh();
    }
    m.draw().map_err(draw_err)?;
    Ok(())
}

/// A lines panel: its guides, dashed and labelled at the right, then its series (as
/// steps when `steps`).
fn draw_lines(
    chart: &mut Chart,
    root: &Area,
    x: &Axis,
    pts: &[(String, Vec<(f64, f64)>)],
    guides: &[(String, f64)],
    steps: bool,
    colors: &[RGBColor],
) -> Result<(), ChartError> {
    let grey = RGBColor(110, 110, 110);
    let (xlo, xhi) = (x.lo, x.hi);
    for (label, v) in guides {
        chart
            .draw_series(DashedLineSeries::new([(xlo, *v), (xhi, *v)], 6, 4, grey.stroke_width(1)))
            .map_err(draw_err)?;
        let (px, py) = chart.backend_coord(&(xhi, *v));
        let s = TextStyle::from(font(TICK_PX)).color(&grey).pos(Pos::new(HPos::Right, VPos::Bottom));
        root.draw(&Text::new(label.clone(), (px - 4, py - 3), s)).map_err(draw_err)?;
    }
    // The first series is drawn last, on top.
    for ((_, p), c) in pts.iter().zip(colors).rev() {
        let mut p = p.clone();
        p.sort_by(|a, b| a.0.total_cmp(&b.0));
        let path: Vec<(f64, f64)> = if steps {
            let mut out = Vec::with_capacity(p.len() * 2);
            for (k, q) in p.iter().enumerate() {
                if k > 0 {
                    out.push((q.0, p[k - 1].1));
                }
                out.push(*q);
            }
            out
        } else {
            p
        };
        chart.draw_series(LineSeries::new(path, c.stroke_width(2))).map_err(draw_err)?;
    }
    Ok(())
}

/// A state panel: a band per span in its state's colour.
fn draw_states(chart: &mut Chart, spans: &[(usize, f64, f64, usize)], colors: &[RGBColor]) -> Result<(), ChartError> {
    for (row, start, end, state) in spans {
        let r = *row as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(*start, r + 0.15), (*end, r + 0.85)],
                colors[*state].filled(),
            )))
            .map_err(draw_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::{has_text, valid};

    fn small_multiples_example() -> Vec<Panel> {
        let t: Vec<f64> = (1..=60).map(f64::from).collect();
        let span =
            |lane: &str, a: f64, b: f64, st: &str| StateSpan { lane: lane.into(), start: a, end: b, state: st.into() };
        vec![
            Panel::Lines {
                heading: "Load (requests per second)".into(),
                series: vec![Series::new("arriving", t.iter().map(|x| (*x, x * 50.0)).collect())],
                guides: vec![],
                steps: false,
            },
            Panel::Lines {
                heading: "Average CPU (%)".into(),
                series: vec![
                    Series::new("average CPU", t.iter().map(|x| (*x, 30.0 + x)).collect()),
                    Series::new("CloudWatch datapoint", t.iter().map(|x| (*x, 29.0 + x)).collect()),
                ],
                guides: vec![("target 50 %".into(), 50.0)],
                steps: false,
            },
            Panel::States {
                heading: "Alarm state".into(),
                spans: vec![
                    span("scale-out alarm", 0.0, 1.0, "INSUFFICIENT_DATA"),
                    span("scale-out alarm", 1.0, 20.0, "OK"),
                    span("scale-out alarm", 20.0, 60.0, "ALARM"),
                    span("scale-in alarm", 0.0, 1.0, "INSUFFICIENT_DATA"),
                    span("scale-in alarm", 1.0, 60.0, "OK"),
                ],
            },
            Panel::Lines {
                heading: "Instances".into(),
                series: vec![Series::new("in service", t.iter().map(|x| (*x, (x / 15.0).floor() + 2.0)).collect())],
                guides: vec![],
                steps: true,
            },
        ]
    }

    /// Vertical grid lines (x1 == x2) as (x, y1, y2).
    fn vertical_lines(svg: &str) -> Vec<(i32, i32, i32)> {
        let attr = |l: &str, k: &str| -> Option<i32> {
            let i = l.find(&format!(" {k}=\""))? + k.len() + 3;
            l[i..].split('"').next()?.parse().ok()
        };
        svg.lines()
            .filter(|l| l.starts_with("<line"))
            .filter_map(|l| Some((attr(l, "x1")?, attr(l, "x2")?, attr(l, "y1")?, attr(l, "y2")?)))
            .filter(|(x1, x2, _, _)| x1 == x2)
            .map(|(x, _, y1, y2)| (x, y1.min(y2), y1.max(y2)))
            .collect()
    }

    #[test]
    fn small_multiples_stack_panels_over_one_shared_x_axis() {
        let spec = ChartSpec::new("Load test", "time since the start (minutes)", "").with_size(760, 640);
        let svg = small_multiples(&spec, &small_multiples_example()).unwrap();
        valid(&svg, &["Load test"]);
        // Four panels, each headed in words.
        for h in ["Load (requests per second)", "Average CPU (%)", "Alarm state", "Instances"] {
            assert!(has_text(&svg, h), "heading {h}");
        }
        // One x-axis title, at the bottom, for all of them.
        assert_eq!(svg.matches(">\ntime since the start (minutes)\n</text>").count(), 1);
        // Every panel's vertical grid lines are at the same x pixels: one x range.
        let mut panels: std::collections::BTreeMap<(i32, i32), Vec<i32>> = Default::default();
        for (x, y1, y2) in vertical_lines(&svg) {
            panels.entry((y1, y2)).or_default().push(x);
        }
        let grids: Vec<Vec<i32>> = panels.into_values().filter(|xs| xs.len() >= 3).collect();
        assert_eq!(grids.len(), 4, "{grids:?}");
        assert!(grids.iter().all(|g| *g == grids[0]), "{grids:?}");
        // The x tick labels are written once, under the last panel.
        assert_eq!(svg.matches(">\n30\n</text>").count(), 1);
        // The alarm panel: a legend entry and a coloured band per state, no line.
        let hex = |c: RGBColor| format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        for (state, c) in
            ["INSUFFICIENT_DATA", "OK", "ALARM"].iter().zip(state_colors(&["INSUFFICIENT_DATA", "OK", "ALARM"]))
        {
            assert!(has_text(&svg, state), "legend entry {state}");
            // At least one band, plus the legend's box.
            assert!(svg.matches(&hex(c)).count() >= 2, "{state}");
        }
        assert_eq!(state_colors(&["OK", "ALARM"]), vec![color(4), color(2)], "OK green and ALARM red everywhere");
        assert!(has_text(&svg, "scale-out alarm") && has_text(&svg, "scale-in alarm"), "lanes named");
        // Legends only where a panel has more than one series; guides are labelled.
        assert!(has_text(&svg, "average CPU") && has_text(&svg, "CloudWatch datapoint"));
        assert!(!has_text(&svg, "arriving") && !has_text(&svg, "in service"));
        assert!(has_text(&svg, "target 50 %"));
    }

    #[test]
    fn small_multiples_drop_empty_panels() {
        let spec = ChartSpec::new("t", "x", "");
        assert_eq!(small_multiples(&spec, &[]), Err(ChartError::NoData));
        let empty = Panel::Lines {
            heading: "nothing".into(),
            series: vec![Series::new("a", vec![(f64::NAN, 1.0)])],
            guides: vec![],
            steps: true,
        };
        assert_eq!(small_multiples(&spec, std::slice::from_ref(&empty)), Err(ChartError::NoData));
        let one = Panel::States {
            heading: "state".into(),
            spans: vec![StateSpan { lane: "a".into(), start: 2.0, end: 2.0, state: "OK".into() }],
        };
        let svg = small_multiples(&spec, &[empty, one]).unwrap();
        assert!(!has_text(&svg, "nothing") && has_text(&svg, "state"));
    }
}
