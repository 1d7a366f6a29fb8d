//! Axes: one coordinate type for linear, log and category axes, and the numbers on their ticks.

use super::*;

/// Compact number for tick labels: 0.005, 0.25, 3, 1500, 2.5e7.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    if !(1e-4..1e7).contains(&a) {
        return format!("{v:.1e}");
    }
    let s = if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.4}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[derive(Clone, Debug)]
pub(super) enum Scale {
    Linear,
    Log,
    /// Categories at 0.5, 1.5, …; the value range is 0..n.
    Category(Vec<String>),
}

#[derive(Clone, Debug)]
pub(super) struct Axis {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) scale: Scale,
    /// Values are milliseconds, labelled in ms, s or min.
    pub(super) millis: bool,
}

impl Axis {
    pub(super) fn t(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Log => v.log10(),
            _ => v,
        }
    }

    /// Axis over the finite values (positive if log), padded by `pad` of the span.
    pub(super) fn numeric(values: &[f64], log: bool, pad: f64, include_zero: bool) -> Option<Axis> {
        let vals: Vec<f64> = values.iter().copied().filter(|v| v.is_finite() && (!log || *v > 0.0)).collect();
        if vals.is_empty() {
            return None;
        }
        let mut lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if log {
            let (mut l, mut h) = (lo.log10(), hi.log10());
            if h - l < 1e-9 {
                l -= 0.5;
                h += 0.5;
            }
            let p = (h - l) * pad;
            // Padding must not underflow to 0 or overflow to infinity.
            lo = 10f64.powf(l - p).max(f64::MIN_POSITIVE);
            hi = 10f64.powf(h + p).min(f64::MAX);
        } else {
            if include_zero {
                lo = lo.min(0.0);
                hi = hi.max(0.0);
            }
            if hi - lo < 1e-12 * hi.abs().max(1.0) {
                let w = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
                lo -= w;
                hi += w;
                if include_zero && hi > 0.0 && lo < 0.0 && values.iter().all(|v| *v >= 0.0) {
                    lo = 0.0;
                }
            }
            let p = (hi - lo) * pad;
            // Keep a zero baseline at the edge for bars, rather than padding past it.
            lo = if include_zero && lo == 0.0 { 0.0 } else { lo - p };
            hi = if include_zero && hi == 0.0 { 0.0 } else { hi + p };
        }
        if !(lo.is_finite() && hi.is_finite() && hi > lo) || (log && lo <= 0.0) {
            return None;
        }
        Some(Axis { lo, hi, scale: if log { Scale::Log } else { Scale::Linear }, millis: false })
    }

    pub(super) fn category(names: Vec<String>) -> Axis {
        let n = names.len().max(1) as f64;
        Axis { lo: 0.0, hi: n, scale: Scale::Category(names), millis: false }
    }

    pub(super) fn tick_labels(&self, n: usize) -> Vec<String> {
        self.key_points(n).iter().map(|v| self.format_ext(v)).collect()
    }
}

pub(super) fn nice_step(span: f64, max_points: usize) -> f64 {
    let n = max_points.max(2) as f64 - 1.0;
    let raw = span / n;
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if mag * m >= raw {
            return mag * m;
        }
    }
    mag * 10.0
}

pub(super) fn linear_points(lo: f64, hi: f64, max_points: usize) -> Vec<f64> {
    // Also empty when a bound is NaN.
    if max_points == 0 || hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return Vec::new();
    }
    let step = nice_step(hi - lo, max_points);
    if !(step.is_finite() && step > 0.0) {
        return Vec::new();
    }
    let mut v = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while v <= hi + step * 1e-9 && out.len() <= max_points {
        // Snap away float noise such as 0.30000000000000004.
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
    }
    out
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let (a, b) = (self.t(self.lo), self.t(self.hi));
        let mut f = (self.t(*value) - a) / (b - a);
        if !f.is_finite() {
            f = if *value <= self.lo || value.is_nan() { 0.0 } else { 1.0 };
        }
        // Keep far-away values at a sane distance from the plot (SVG has no int limits,
        // but plotters uses i32).
        let f = f.clamp(-10.0, 11.0);
        (limit.0 as f64 + f * (limit.1 - limit.0) as f64).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        let max = hint.max_num_points();
        match &self.scale {
            Scale::Linear => linear_points(self.lo, self.hi, max),
            Scale::Log => {
                let (a, b) = (self.lo.log10(), self.hi.log10());
                // A zero or subnormal bound would mean billions of decades.
                if !(a.is_finite() && b.is_finite() && b >= a) {
                    return Vec::new();
                }
                let decades: Vec<i32> = ((a.floor() as i32)..=(b.ceil() as i32)).collect();
                let mut pts: Vec<f64> = Vec::new();
                let with_minor = decades.len() * 3 <= max;
                for d in &decades {
                    let p = 10f64.powi(*d);
                    pts.push(p);
                    if with_minor {
                        pts.push(2.0 * p);
                        pts.push(5.0 * p);
                    }
                }
                let mut pts: Vec<f64> = pts.into_iter().filter(|p| *p >= self.lo && *p <= self.hi).collect();
                if pts.len() < 2 {
                    return linear_points(self.lo, self.hi, max.min(5));
                }
                if max > 0 && pts.len() > max {
                    let k = pts.len().div_ceil(max);
                    pts = pts.into_iter().step_by(k).collect();
                }
                pts
            }
            Scale::Category(names) => {
                let n = names.len();
                if n == 0 || max == 0 {
                    return Vec::new();
                }
                // Every lane keeps its label unless there are too many to read at all.
                let k = if n <= 40 { 1 } else { n.div_ceil(max).max(1) };
                (0..n).step_by(k).map(|i| i as f64 + 0.5).collect()
            }
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for Axis {
    fn format_ext(&self, value: &f64) -> String {
        match &self.scale {
            Scale::Category(names) => {
                let i = value.floor();
                if i >= 0.0 && (i as usize) < names.len() {
                    names[i as usize].clone()
                } else {
                    String::new()
                }
            }
            _ if self.millis => duration_label(*value),
            _ => tick_label(*value),
        }
    }
}

/// A tick label for milliseconds in the unit that reads best: `0.5 ms`, `20 ms`, `1.5 s`,
/// `5 min`.
pub(super) fn duration_label(ms: f64) -> String {
    let a = ms.abs();
    if a == 0.0 {
        "0".to_string()
    } else if a < 1000.0 {
        format!("{} ms", tick_label(ms))
    } else if a < 60_000.0 {
        format!("{} s", tick_label(ms / 1000.0))
    } else {
        format!("{} min", tick_label(ms / 60_000.0))
    }
}

/// A tick label: [`format_number`] with thousands separators (`12,000`, not `12000`).
pub(super) fn tick_label(v: f64) -> String {
    let s = format_number(v);
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_compactly() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(1500.0), "1500");
        assert_eq!(format_number(0.0104), "0.0104");
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(2.5e9), "2.5e9");
        assert_eq!(tick_label(1500.0), "1500");
        assert_eq!(tick_label(12000.0), "12,000");
        assert_eq!(tick_label(-2500000.0), "-2,500,000");
        assert_eq!(tick_label(0.25), "0.25");
        assert_eq!(duration_label(0.5), "0.5 ms");
        assert_eq!(duration_label(20.0), "20 ms");
        assert_eq!(duration_label(1500.0), "1.5 s");
        assert_eq!(duration_label(300_000.0), "5 min");
        assert_eq!(duration_label(600_000_000.0), "10,000 min");
    }

    #[test]
    fn nice_ticks() {
        assert_eq!(linear_points(0.0, 10.0, 6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let log = Axis { lo: 1.0, hi: 1000.0, scale: Scale::Log, millis: false };
        assert_eq!(log.key_points(4), vec![1.0, 10.0, 100.0, 1000.0]);
    }
}
