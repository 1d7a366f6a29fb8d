//! Scatter charts with labelled guide lines.

use super::*;

/// Clip segment a-b (in axis-transformed space) to the box; Liang–Barsky.
fn clip(a: (f64, f64), b: (f64, f64), lo: (f64, f64), hi: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [(-dx, a.0 - lo.0), (dx, hi.0 - a.0), (-dy, a.1 - lo.1), (dy, hi.1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

/// Points of each series as dots; `guides` as dashed grey lines labelled with their name
/// at their end (clipped to the data's range, which they do not widen).
pub fn scatter_chart(spec: &ChartSpec, series: &[Series], guides: &[Series]) -> Result<String, ChartError> {
    // Every other series as rings, so points of series that coincide stay visible.
    let mark = |i: usize| if i.is_multiple_of(2) { LegendMark::Dot } else { LegendMark::Ring };
    let XySetup { spec, pts, x, y, colors, legend } = xy_setup(spec, series, MAX_CHART_POINTS, false, mark)?;
    let spec = &spec;
    let guide_pts = clean(spec, guides);
    svg_of(spec, |root| {
        let area = frame(root, spec, &legend)?;
        let ya = y_area(&y);
        let (tlo, thi) = ((x.t(x.lo), y.t(y.lo)), (x.t(x.hi), y.t(y.hi)));
        let (xs, ys) = (x.clone(), y.clone());
        let mut chart = build(&area, x, y, 46, ya)?;
        mesh(&mut chart, spec, true, true)?;
        let inv = |v: f64, log: bool| if log { 10f64.powf(v) } else { v };
        let grey = RGBColor(110, 110, 110);
        for (name, p) in &guide_pts {
            let mut last: Option<(f64, f64)> = None;
            for w in p.windows(2) {
                let a = (xs.t(w[0].0), ys.t(w[0].1));
                let b = (xs.t(w[1].0), ys.t(w[1].1));
                if let Some((c0, c1)) = clip(a, b, tlo, thi) {
                    let seg = [
                        (inv(c0.0, spec.log_x), inv(c0.1, spec.log_y)),
                        (inv(c1.0, spec.log_x), inv(c1.1, spec.log_y)),
                    ];
                    chart.draw_series(DashedLineSeries::new(seg, 6, 4, grey.stroke_width(1))).map_err(draw_err)?;
                    last = Some(seg[1]);
                }
            }
            if let (Some(end), false) = (last, name.is_empty()) {
                let (px, py) = chart.backend_coord(&end);
                let (ox, _) = chart.plotting_area().get_base_pixel();
                let (pw, _) = chart.plotting_area().dim_in_pixel();
                let rel_x = px - ox;
                let tw = text_width(name, TICK_PX);
                // Near the right edge the label goes to the left of the line's end, and
                // above it; a white backing keeps it readable over points and grid.
                let right = rel_x as f64 + tw + 4.0 > pw as f64;
                let x0 = if right { px - 6 - tw as i32 } else { px + 4 };
                let (y0, y1) = (py - 6 - TICK_PX as i32, py - 4);
                root.draw(&Rectangle::new([(x0 - 2, y0), (x0 + tw as i32 + 2, y1)], WHITE.mix(0.8).filled()))
                    .map_err(draw_err)?;
                let s = TextStyle::from(font(TICK_PX)).color(&grey).pos(Pos::new(HPos::Left, VPos::Center));
                root.draw(&Text::new(name.clone(), (x0, (y0 + y1) / 2), s)).map_err(draw_err)?;
            }
        }
        // Every other series as rings, so points of series that coincide stay visible.
        for (i, (_, p)) in pts.iter().enumerate() {
            let c = colors[i];
            let style = if i % 2 == 0 { c.mix(0.9).filled() } else { c.stroke_width(2) };
            let r = if i % 2 == 0 { 4 } else { 6 };
            chart.draw_series(p.iter().map(|q| Circle::new(*q, r, style))).map_err(draw_err)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::{has_text, valid};

    #[test]
    fn log_axes_drop_non_positive_values() {
        let spec = ChartSpec::new("log", "vCPUs", "memory (GiB)").with_log_x(true).with_log_y(true);
        let only_bad = Series::new("bad", vec![(0.0, 1.0), (-1.0, 2.0), (2.0, 0.0)]);
        assert_eq!(scatter_chart(&spec, &[only_bad], &[]), Err(ChartError::NoData));
        let good = Series::new("m7g", vec![(0.0, 1.0), (1.0, 4.0), (2.0, 8.0), (64.0, 256.0)]);
        let svg = scatter_chart(&spec, &[good], &[]).unwrap();
        valid(&svg, &["memory (GiB)"]);
        // Decade ticks on a log axis.
        assert!(has_text(&svg, "100") || has_text(&svg, "10"));
    }

    #[test]
    fn scatter_draws_guides_as_dashed_labelled_lines() {
        let spec = ChartSpec::new("vCPU vs memory", "vCPUs", "memory (GiB)");
        let data = vec![
            Series::new("c7g", vec![(1.0, 2.0), (2.0, 4.0), (4.0, 8.0)]),
            Series::new("r7g", vec![(1.0, 8.0), (2.0, 16.0), (4.0, 32.0)]),
        ];
        let guides: Vec<Series> = [2.0, 4.0, 8.0]
            .iter()
            .map(|k| Series::new(format!("{k} GiB/vCPU"), vec![(0.0, 0.0), (1000.0, 1000.0 * k)]))
            .collect();
        let svg = scatter_chart(&spec, &data, &guides).unwrap();
        valid(&svg, &["vCPU vs memory", "c7g", "r7g", "2 GiB/vCPU", "8 GiB/vCPU"]);
        // Guides do not widen the range: no tick reaches 1000.
        assert!(!has_text(&svg, "1000") && !has_text(&svg, "1,000"));
    }
}
