//! Histograms.

use super::*;

/// Counts of values in `bins` equal-width bins (equal in log space with `log_x`), one
/// translucent set of bars per dataset over a shared range.
pub fn histogram(spec: &ChartSpec, data: &[(String, Vec<f64>)], bins: usize) -> Result<String, ChartError> {
    let bins = bins.clamp(1, 500);
    let ok = |v: &f64| v.is_finite() && (!spec.log_x || *v > 0.0);
    let t = |v: f64| if spec.log_x { v.log10() } else { v };
    let inv = |v: f64| if spec.log_x { 10f64.powf(v) } else { v };
    let all: Vec<f64> = data.iter().flat_map(|d| d.1.iter().copied()).filter(ok).map(t).collect();
    if all.is_empty() {
        return Err(ChartError::NoData);
    }
    let mut lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if hi - lo < 1e-12 * hi.abs().max(1.0) {
        let w = if spec.log_x || lo == 0.0 { 0.5 } else { lo.abs() * 0.05 };
        lo -= w;
        hi += w;
    }
    let width = (hi - lo) / bins as f64;
    let counts: Vec<Vec<f64>> = data
        .iter()
        .map(|(_, vals)| {
            let mut c = vec![0.0; bins];
            for v in vals.iter().copied().filter(ok).map(t) {
                let i = (((v - lo) / width).floor() as usize).min(bins - 1);
                c[i] += 1.0;
            }
            c
        })
        .collect();
    let max = counts.iter().flatten().copied().fold(0.0, f64::max);
    let y = if spec.log_y {
        Axis { lo: 0.8, hi: (max * 1.5).max(2.0), scale: Scale::Log, millis: false }
    } else {
        Axis { lo: 0.0, hi: (max * 1.08).max(1.0), scale: Scale::Linear, millis: false }
    };
    let x = Axis::numeric(&[inv(lo), inv(hi)], spec.log_x, 0.0, false).ok_or(ChartError::NoData)?;
    let colors = colors_for(data.iter().map(|(n, _)| n.as_str()));
    let mut legend: Vec<_> = data
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !n.is_empty())
        .map(|(i, (n, _))| (n.clone(), colors[i], LegendMark::Box))
        .collect();
    if data.len() == 1 {
        legend.clear();
    }
    let alpha = if data.len() > 1 { 0.55 } else { 0.9 };
    svg_of(spec, |root| {
        let area = frame(root, spec, &legend)?;
        let ya = y_area(&y);
        let base = y.lo;
        let mut chart = build(&area, x, y, 46, ya)?;
        mesh(&mut chart, spec, true, true)?;
        for (d, c) in counts.iter().enumerate() {
            let col = colors[d];
            let rects = c.iter().enumerate().filter(|(_, n)| **n > 0.0).map(|(i, n)| {
                let x0 = inv(lo + width * i as f64);
                let x1 = inv(lo + width * (i + 1) as f64);
                Rectangle::new([(x0, base), (x1, *n)], col.mix(alpha).filled())
            });
            chart.draw_series(rects).map_err(draw_err)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::{has_text, valid};

    #[test]
    fn histogram_counts_in_bins() {
        let spec = ChartSpec::new("Latency", "latency (ms)", "count");
        let a: Vec<f64> = (0..100).map(|i| i as f64).collect();
        let b: Vec<f64> = (0..50).map(|i| 20.0 + i as f64 / 2.0).collect();
        let svg = histogram(&spec, &[("a".into(), a.clone()), ("b".into(), b)], 10).unwrap();
        valid(&svg, &["Latency", "latency (ms)", "count"]);
        assert!(has_text(&svg, "a") && has_text(&svg, "b"));
        let log = histogram(&spec.clone().with_log_x(true).with_log_y(true), &[("a".into(), a)], 10).unwrap();
        valid(&log, &["Latency"]);
    }
}
