//! The points a chart draws: non-drawable values dropped, big series thinned, the axes they need.

use super::*;

pub(super) fn keep(p: &(f64, f64), spec: &ChartSpec) -> bool {
    p.0.is_finite() && p.1.is_finite() && (!spec.log_x || p.0 > 0.0) && (!spec.log_y || p.1 > 0.0)
}

/// The drawable points of each series (NaN/inf, and non-positive on log axes, dropped).
pub(super) fn clean(spec: &ChartSpec, series: &[Series]) -> Vec<(String, Vec<(f64, f64)>)> {
    series.iter().map(|s| (s.name.clone(), s.points.iter().copied().filter(|p| keep(p, spec)).collect())).collect()
}

/// Most points a chart draws over all its series. A 720-px chart shows no more than a
/// minimum and a maximum per pixel column, and plotters' SVG grows (and takes longer) with
/// every point: 64 simulation runs of 5,000 points made a 320,000-point chart that took
/// seconds to draw, beyond the reach of an interrupt.
pub const MAX_CHART_POINTS: usize = 20_000;
/// Most points one line is drawn from (two per pixel column of the default width).
pub const MAX_LINE_POINTS: usize = 2_000;

/// Each series cut to its share of [`MAX_CHART_POINTS`] (at most `per_series`): a line
/// keeps the lowest and highest point of each step along x, so peaks survive; dots are
/// taken evenly. True when anything was cut.
pub(super) fn bound_points(pts: &mut [(String, Vec<(f64, f64)>)], per_series: usize, line: bool) -> bool {
    let share = (MAX_CHART_POINTS / pts.len().max(1)).clamp(2, per_series);
    let mut cut = false;
    for (_, p) in pts.iter_mut() {
        if p.len() <= share {
            continue;
        }
        cut = true;
        if line {
            p.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        let steps = (share / 2).max(1);
        let n = p.len();
        let mut kept = Vec::with_capacity(share);
        for b in 0..steps {
            let chunk = &p[b * n / steps..(b + 1) * n / steps];
            if chunk.is_empty() {
                continue;
            }
            if line {
                let lo = chunk.iter().enumerate().min_by(|a, b| a.1 .1.total_cmp(&b.1 .1)).map_or(0, |m| m.0);
                let hi = chunk.iter().enumerate().max_by(|a, b| a.1 .1.total_cmp(&b.1 .1)).map_or(0, |m| m.0);
                // In order along x, so the line does not double back.
                kept.push(chunk[lo.min(hi)]);
                if lo != hi {
                    kept.push(chunk[lo.max(hi)]);
                }
            } else {
                kept.push(chunk[0]);
                if chunk.len() > 1 {
                    kept.push(chunk[chunk.len() / 2]);
                }
            }
        }
        *p = kept;
    }
    cut
}

/// The spec with a note in its title that the points were thinned, naming the bound.
pub(super) fn noted(spec: &ChartSpec, cut: bool) -> ChartSpec {
    let mut spec = spec.clone();
    if cut {
        // Short, so the title still fits: the doc comment above says how points are kept.
        spec.title = format!("{} (≤ {} points: MAX_CHART_POINTS)", spec.title, format_number(MAX_CHART_POINTS as f64));
    }
    spec
}

pub(super) fn xy_axes(spec: &ChartSpec, pts: &[(String, Vec<(f64, f64)>)]) -> Result<(Axis, Axis), ChartError> {
    let xs: Vec<f64> = pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)).collect();
    let ys: Vec<f64> = pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).collect();
    let x = Axis::numeric(&xs, spec.log_x, 0.03, false).ok_or(ChartError::NoData)?;
    let mut y = Axis::numeric(&ys, spec.log_y, 0.06, false).ok_or(ChartError::NoData)?;
    y.millis = spec.y_millis;
    Ok((x, y))
}

/// What a line or scatter chart sets up before it draws: the drawable points (thinned to
/// `per_series`, lines keeping peaks), the spec noting any cut, both axes, a colour per
/// series and the legend (none for one series: the title and axis say what it is).
pub(super) struct XySetup {
    pub spec: ChartSpec,
    pub pts: Vec<(String, Vec<(f64, f64)>)>,
    pub x: Axis,
    pub y: Axis,
    pub colors: Vec<RGBColor>,
    pub legend: Vec<(String, RGBColor, LegendMark)>,
}

/// [`XySetup`] for `series`; `mark` gives series `i`'s legend mark.
pub(super) fn xy_setup(
    spec: &ChartSpec,
    series: &[Series],
    per_series: usize,
    line: bool,
    mark: impl Fn(usize) -> LegendMark,
) -> Result<XySetup, ChartError> {
    let mut pts = clean(spec, series);
    let cut = bound_points(&mut pts, per_series, line);
    let spec = noted(spec, cut);
    let (x, y) = xy_axes(&spec, &pts)?;
    let colors = colors_for(pts.iter().map(|(n, _)| n.as_str()));
    let mut legend: Vec<_> = pts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !n.is_empty())
        .map(|(i, (n, _))| (n.clone(), colors[i], mark(i)))
        .collect();
    if pts.len() == 1 {
        legend.clear();
    }
    Ok(XySetup { spec, pts, x, y, colors, legend })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_points_are_thinned_to_the_bound_and_keep_their_peaks() {
        // 64 runs × 5,000 points (`simulate replication` at its largest): 320,000 points.
        let series: Vec<Series> = (0..64)
            .map(|i| {
                Series::new(
                    format!("run {i}"),
                    (0..5_000).map(|t| (t as f64, if t == 2_345 { 1e6 } else { (i + 1) as f64 })).collect(),
                )
            })
            .collect();
        let mut pts = clean(&ChartSpec::new("t", "x", "y"), &series);
        assert!(bound_points(&mut pts, MAX_LINE_POINTS, true));
        assert!(pts.iter().map(|(_, p)| p.len()).sum::<usize>() <= MAX_CHART_POINTS);
        assert!(
            pts.iter().all(|(_, p)| p.iter().any(|q| q.1 == 1e6) && p.windows(2).all(|w| w[0].0 <= w[1].0)),
            "peaks kept, in order"
        );
        let svg = line_chart(&ChartSpec::new("lag", "x", "y"), &series).unwrap();
        assert!(svg.contains("MAX_CHART_POINTS"), "the title names the bound");
        assert!(svg.len() < 2_000_000, "{} bytes", svg.len());
        // Few points: drawn as they are, the title unchanged.
        let few: Vec<Series> =
            series.iter().map(|s| Series::new(s.name.clone(), s.points[..MAX_LINE_POINTS].to_vec())).collect();
        let small = line_chart(&ChartSpec::new("lag", "x", "y"), &few[..2]).unwrap();
        assert!(!small.contains("MAX_CHART_POINTS"));
        let dots = scatter_chart(&ChartSpec::new("dots", "x", "y"), &series[..1], &[]).unwrap();
        assert!(!dots.contains("MAX_CHART_POINTS"));
        let many: Vec<Series> = vec![Series::new("a", (0..50_000).map(|t| (t as f64, t as f64)).collect())];
        assert!(scatter_chart(&ChartSpec::new("dots", "x", "y"), &many, &[]).unwrap().contains("MAX_CHART_POINTS"));
    }
}
