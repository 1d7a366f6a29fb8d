//! Line charts.

use super::*;

/// Lines through each series' points (markers too when there are few points).
pub fn line_chart(spec: &ChartSpec, series: &[Series]) -> Result<String, ChartError> {
    let XySetup { spec, pts, x, y, colors, legend } =
        xy_setup(spec, series, MAX_LINE_POINTS, true, |_| LegendMark::Line)?;
    let spec = &spec;
    svg_of(spec, |root| {
        let area = frame(root, spec, &legend)?;
        let ya = y_area(&y);
        let mut chart = build(&area, x, y, 46, ya)?;
        mesh(&mut chart, spec, true, true)?;
        for (i, (_, p)) in pts.iter().enumerate() {
            let mut p = p.clone();
            p.sort_by(|a, b| a.0.total_cmp(&b.0));
            let c = colors[i];
            chart.draw_series(LineSeries::new(p.iter().copied(), c.stroke_width(2))).map_err(draw_err)?;
            if p.len() <= 40 {
                chart.draw_series(p.iter().map(|q| Circle::new(*q, 3, c.filled()))).map_err(draw_err)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::valid;

    #[test]
    fn line_chart_has_title_series_and_axis_labels() {
        let spec = ChartSpec::new("Lag over time", "time (s)", "lag (ms)");
        let s = vec![
            Series::new("replica-a", vec![(0.0, 1.0), (1.0, 3.0), (2.0, 2.0)]),
            Series::new("replica-b", vec![(0.0, 2.0), (1.0, f64::NAN), (2.0, 5.0)]),
        ];
        let svg = line_chart(&spec, &s).unwrap();
        valid(&svg, &["Lag over time", "replica-a", "replica-b", "time (s)", "lag (ms)"]);
    }
}
