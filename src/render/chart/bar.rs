//! Bar charts, grouped or stacked.

use super::*;

/// Bars per category: one bar per group side by side, or the groups stacked.
/// `groups[i].1[j]` is group i's value for category j (missing or non-finite: no bar).
pub fn bar_chart(
    spec: &ChartSpec,
    categories: &[String],
    groups: &[(String, Vec<f64>)],
    stacked: bool,
) -> Result<String, ChartError> {
    if categories.is_empty() || groups.is_empty() {
        return Err(ChartError::NoData);
    }
    let ok = |v: f64| v.is_finite() && (!spec.log_y || v > 0.0);
    let value = |g: usize, c: usize| groups[g].1.get(c).copied().filter(|v| ok(*v));
    // Every bar's [from, to] in value space.
    // (group, category, from, to, slot, slots): in grouped mode only the groups with a
    // value in a category share its width, so sparse groups leave no holes.
    let mut bars: Vec<(usize, usize, f64, f64, usize, usize)> = Vec::new();
    let log_base = if spec.log_y {
        let min = groups.iter().flat_map(|g| g.1.iter().copied()).filter(|v| ok(*v)).fold(f64::INFINITY, f64::min);
        if !min.is_finite() {
            return Err(ChartError::NoData);
        }
        10f64.powf(min.log10().floor())
    } else {
        0.0
    };
    for c in 0..categories.len() {
        let (mut pos, mut neg) = (log_base, log_base);
        let present: Vec<usize> = (0..groups.len()).filter(|g| value(*g, c).is_some()).collect();
        for (slot, &g) in present.iter().enumerate() {
            let Some(v) = value(g, c) else { continue };
            if !stacked {
                bars.push((g, c, log_base, v, slot, present.len()));
            } else if v >= 0.0 {
                let to = if spec.log_y && pos == log_base { v } else { pos + v };
                bars.push((g, c, pos, to, 0, 1));
                pos = to;
            } else {
                bars.push((g, c, neg, neg + v, 0, 1));
                neg += v;
            }
        }
    }
    if bars.is_empty() {
        return Err(ChartError::NoData);
    }
    let mut ends: Vec<f64> = bars.iter().flat_map(|b| [b.2, b.3]).collect();
    if spec.log_y {
        ends.retain(|v| *v > 0.0);
    }
    let y = Axis::numeric(&ends, spec.log_y, 0.05, !spec.log_y).ok_or(ChartError::NoData)?;
    let x = Axis::category(categories.to_vec());
    let colors = colors_for(groups.iter().map(|(n, _)| n.as_str()));
    let legend: Vec<_> = groups.iter().enumerate().map(|(i, (n, _))| (n.clone(), colors[i], LegendMark::Box)).collect();
    let show_legend = groups.len() > 1;
    svg_of(spec, |root| {
        let area = frame(root, spec, if show_legend { &legend } else { &[] })?;
        let ya = y_area(&y);
        let (aw, _) = area.dim_in_pixel();
        let plot_w = aw as f64 - ya as f64 - 24.0;
        let label_h = category_labels(None, categories, plot_w, 0.0)?;
        let y_lo = y.lo;
        let mut chart = build(&area, x, y, label_h + 26, ya)?;
        mesh(&mut chart, spec, false, false)?;
        for (g, c, from, to, slot, slots) in &bars {
            let (x0, x1) = if stacked {
                (*c as f64 + 0.15, *c as f64 + 0.85)
            } else {
                let w = 0.8 / *slots as f64;
                let x0 = *c as f64 + 0.1 + w * *slot as f64;
                (x0, x0 + w)
            };
            let (lo, hi) = if from <= to { (*from, *to) } else { (*to, *from) };
            chart
                .draw_series(std::iter::once(Rectangle::new([(x0, lo), (x1, hi)], colors[*g].filled())))
                .map_err(draw_err)?;
        }
        category_labels(Some((&chart, root)), categories, plot_w, y_lo)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::testing::{has_text, valid};

    #[test]
    fn bar_chart_grouped_and_stacked() {
        let spec = ChartSpec::new("Monthly cost", "region", "USD per month");
        let cats: Vec<String> = ["us-east-1", "ap-northeast-2"].iter().map(|s| s.to_string()).collect();
        let groups =
            vec![("instances".to_string(), vec![70.08, 86.14]), ("NAT gateway".to_string(), vec![32.85, f64::NAN])];
        let g = bar_chart(&spec, &cats, &groups, false).unwrap();
        valid(&g, &["Monthly cost", "instances", "NAT gateway", "us-east-1", "ap-northeast-2"]);
        let s = bar_chart(&spec, &cats, &groups, true).unwrap();
        valid(&s, &["instances", "NAT gateway"]);
        // Stacked: the top of us-east-1's stack is 102.93, so the axis reaches past 100.
        assert!(has_text(&s, "100"));
        // Many long categories are turned on their side instead of overlapping.
        let many: Vec<String> = (0..15).map(|i| format!("ap-southeast-{i}")).collect();
        let vals = vec![("p".to_string(), (0..15).map(|i| i as f64).collect())];
        let svg = bar_chart(&spec, &many, &vals, false).unwrap();
        valid(&svg, &["rotate(270", "ap-southeast-14"]);
        let log = bar_chart(&spec.clone().with_log_y(true), &cats, &groups, true).unwrap();
        valid(&log, &["instances"]);
        // A name of several lines is drawn line under line while it fits its slot.
        let two: Vec<String> = vec!["1 NAT gateway\nus-east-1".into(), "3 NAT gateways\nus-east-1".into()];
        let svg = bar_chart(&spec, &two, &groups, true).unwrap();
        assert!(has_text(&svg, "1 NAT gateway") && svg.matches(">\nus-east-1\n</text>").count() == 2);
        assert!(!svg.contains("1 NAT gateway us-east-1"), "not joined and turned");
    }
}
