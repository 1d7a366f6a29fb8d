//! Timelines (Gantt-like): lanes of labelled bars.

use super::*;

/// Gantt-like chart: one row per lane (in order of first appearance, top to bottom),
/// a bar from start to end on the x axis, its label inside or beside the bar.
pub fn timeline(spec: &ChartSpec, bars: &[TimelineBar]) -> Result<String, ChartError> {
    let bars: Vec<&TimelineBar> = bars
        .iter()
        .filter(|b| b.start.is_finite() && b.end.is_finite() && b.end >= b.start)
        .filter(|b| !spec.log_x || b.start > 0.0)
        .collect();
    if bars.is_empty() {
        return Err(ChartError::NoData);
    }
    let mut lanes: Vec<String> = Vec::new();
    for b in &bars {
        if !lanes.contains(&b.lane) {
            lanes.push(b.lane.clone());
        }
    }
    let n = lanes.len();
    let lane_colors = colors_for(lanes.iter().map(String::as_str));
    let mut categories: Vec<&str> = Vec::new();
    for b in &bars {
        if !b.category.is_empty() && !categories.contains(&b.category.as_str()) {
            categories.push(&b.category);
        }
    }
    let category_colors = colors_for(categories.iter().copied());
    let legend: Vec<_> =
        categories.iter().zip(&category_colors).map(|(c, col)| (c.to_string(), *col, LegendMark::Box)).collect();
    let bar_color = |b: &TimelineBar| match categories.iter().position(|c| *c == b.category) {
        Some(i) => category_colors[i],
        None => lane_colors[lanes.iter().position(|l| *l == b.lane).unwrap_or(0)],
    };
    // Category index 0 is drawn at the bottom; the first lane belongs on top.
    let row_of = |lane: &str| n - 1 - lanes.iter().position(|l| l == lane).unwrap_or(0);
    let mut shown: Vec<String> = lanes.iter().map(|l| fit_text(l, TICK_PX, 200.0)).collect();
    shown.reverse();
    let ends: Vec<f64> = bars.iter().flat_map(|b| [b.start, b.end]).collect();
    let x = Axis::numeric(&ends, spec.log_x, 0.02, false).ok_or(ChartError::NoData)?;
    let y = Axis::category(shown);
    svg_of(spec, |root| {
        let area = frame(root, spec, &legend)?;
        let ya = y_area(&y);
        let mut chart = build(&area, x, y, 46, ya)?;
        mesh(&mut chart, spec, true, true)?;
        let (ox, _) = chart.plotting_area().get_base_pixel();
        let (pw, _) = chart.plotting_area().dim_in_pixel();
        for b in &bars {
            let r = row_of(&b.lane) as f64;
            let c = bar_color(b);
            let (p0, _) = chart.backend_coord(&(b.start, r));
            let (p1, _) = chart.backend_coord(&(b.end, r));
            // A zero-length bar still shows as a thin mark.
            let end = if p1 - p0 < 2 { None } else { Some(b.end) };
            match end {
                Some(e) => {
                    chart
                        .draw_series(std::iter::once(Rectangle::new([(b.start, r + 0.2), (e, r + 0.8)], c.filled())))
                        .map_err(draw_err)?;
                }
                None => {
                    let (_, ya_) = chart.backend_coord(&(b.start, r + 0.8));
                    let (_, yb_) = chart.backend_coord(&(b.start, r + 0.2));
                    root.draw(&Rectangle::new([(p0 - 1, ya_), (p0 + 1, yb_)], c.filled())).map_err(draw_err)?;
                }
            };
            if b.label.is_empty() {
                continue;
            }
            let (_, py) = chart.backend_coord(&(b.start, r + 0.5));
            bar_label(root, &b.label, (p0, p1), py, (ox, pw))?;
        }
        Ok(())
    })
}

/// A bar's label at height `py`: inside the bar (pixels `p0`..`p1`) when it fits, else
/// after its end, else (near the plot's right edge, `ox` + `pw`) before its start.
fn bar_label(root: &Area, label: &str, (p0, p1): (i32, i32), py: i32, (ox, pw): (i32, u32)) -> Result<(), ChartError> {
    let inside = text_width(label, TICK_PX) + 8.0 <= (p1 - p0) as f64;
    let (tx, h, col) = if inside {
        ((p0 + p1) / 2, HPos::Center, WHITE)
    } else if (p1 - ox) as f64 + text_width(label, TICK_PX) + 6.0 <= pw as f64 {
        (p1 + 4, HPos::Left, BLACK)
    } else {
        (p0 - 4, HPos::Right, BLACK)
    };
    let s = TextStyle::from(font(TICK_PX)).color(&col).pos(Pos::new(h, VPos::Center));
    root.draw(&Text::new(label.to_string(), (tx, py), s)).map_err(draw_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::{has_text, valid};

    #[test]
    fn timeline_colours_phases_with_a_legend() {
        let spec = ChartSpec::new("failover", "seconds", "");
        let bar = |lane: &str, start: f64, end: f64, phase: &str| TimelineBar {
            lane: lane.into(),
            start,
            end,
            label: String::new(),
            category: phase.into(),
        };
        let bars = [
            bar("Multi-AZ", 0.0, 10.0, "detect"),
            bar("Multi-AZ", 10.0, 40.0, "promote"),
            bar("Aurora", 0.0, 5.0, "detect"),
        ];
        let svg = timeline(&spec, &bars).unwrap();
        assert!(has_text(&svg, "detect") && has_text(&svg, "promote"), "a legend names each phase");
        let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        let cs = colors_for(["detect", "promote"].into_iter());
        assert!(svg.contains(&hex(cs[0])) && svg.contains(&hex(cs[1])));
        timeline(&spec, &[bar("a", 0.0, 1.0, ""), bar("b", 0.0, 2.0, "")]).unwrap();
    }

    #[test]
    fn timeline_lanes_and_labels() {
        let spec = ChartSpec::new("Failover", "time (s)", "");
        let bars = vec![
            TimelineBar {
                lane: "writer".into(),
                start: 0.0,
                end: 30.0,
                label: "available".into(),
                category: String::new(),
            },
            TimelineBar {
                lane: "replica".into(),
                start: 30.0,
                end: 55.0,
                label: "promoting".into(),
                category: String::new(),
            },
            TimelineBar {
                lane: "writer".into(),
                start: 30.0,
                end: 30.0,
                label: "crash".into(),
                category: String::new(),
            },
            TimelineBar { lane: "bad".into(), start: 5.0, end: 1.0, label: "dropped".into(), category: String::new() },
        ];
        let svg = timeline(&spec, &bars).unwrap();
        valid(&svg, &["Failover", "writer", "replica", "available", "promoting", "crash"]);
        assert!(!svg.contains("dropped"));
    }
}
