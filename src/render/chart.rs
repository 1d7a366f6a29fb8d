//! Charts as SVG (plotters): line, scatter, bar, histogram, timeline.
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

/// Tableau 10: distinct, readable on white, reasonably colour-blind friendly.
const PALETTE: [(u8, u8, u8); 10] = [
    (78, 121, 167),
    (242, 142, 43),
    (225, 87, 89),
    (118, 183, 178),
    (89, 161, 79),
    (237, 201, 72),
    (176, 122, 161),
    (255, 157, 167),
    (156, 117, 95),
    (186, 176, 172),
];

fn color(i: usize) -> RGBColor {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    RGBColor(r, g, b)
}

/// One colour per category name, the same in every chart of a notebook (NAT hours are
/// always the same orange): a name keeps the palette slot its hash picks unless another
/// series of the same chart has it, then the next free one.
fn colors_for<'a>(names: impl Iterator<Item = &'a str>) -> Vec<RGBColor> {
    let mut used = [false; PALETTE.len()];
    names
        .map(|n| {
            // FNV-1a: stable across runs and platforms, unlike the std hasher.
            let h = n
                .to_ascii_lowercase()
                .bytes()
                .fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
            let start = (h % PALETTE.len() as u64) as usize;
            let slot = (0..PALETTE.len()).map(|k| (start + k) % PALETTE.len()).find(|k| !used[*k]).unwrap_or(start);
            used[slot] = true;
            color(slot)
        })
        .collect()
}

const FONT: &str = "sans-serif";
const TITLE_PX: f64 = 18.0;
const LABEL_PX: f64 = 13.0;
const TICK_PX: f64 = 12.0;
/// Average glyph width of a sans-serif font as a fraction of its size (generous, so
/// estimated text is never narrower than the real one).
const CHAR_W: f64 = 0.58;

fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * CHAR_W
}

/// Shorten `s` with an ellipsis so it fits in `max_px` at size `px`.
fn fit_text(s: &str, px: f64, max_px: f64) -> String {
    if text_width(s, px) <= max_px {
        return s.to_string();
    }
    let keep = ((max_px / (px * CHAR_W)).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// plotters divides font sizes by 1.24 when writing SVG; compensate so sizes are pixels.
fn font(px: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT), px * 1.24, FontStyle::Normal)
}

fn style(px: f64) -> TextStyle<'static> {
    TextStyle::from(font(px)).color(&BLACK)
}

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

// ---------------------------------------------------------------------------------------
// Axes: one coordinate type for linear, log and category axes.

#[derive(Clone, Debug)]
enum Scale {
    Linear,
    Log,
    /// Categories at 0.5, 1.5, …; the value range is 0..n.
    Category(Vec<String>),
}

#[derive(Clone, Debug)]
struct Axis {
    lo: f64,
    hi: f64,
    scale: Scale,
    /// Values are milliseconds, labelled in ms, s or min.
    millis: bool,
}

impl Axis {
    fn t(&self, v: f64) -> f64 {
        match self.scale {
            Scale::Log => v.log10(),
            _ => v,
        }
    }

    /// Axis over the finite values (positive if log), padded by `pad` of the span.
    fn numeric(values: &[f64], log: bool, pad: f64, include_zero: bool) -> Option<Axis> {
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

    fn category(names: Vec<String>) -> Axis {
        let n = names.len().max(1) as f64;
        Axis { lo: 0.0, hi: n, scale: Scale::Category(names), millis: false }
    }

    fn tick_labels(&self, n: usize) -> Vec<String> {
        self.key_points(n).iter().map(|v| self.format_ext(v)).collect()
    }
}

fn nice_step(span: f64, max_points: usize) -> f64 {
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

fn linear_points(lo: f64, hi: f64, max_points: usize) -> Vec<f64> {
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
fn duration_label(ms: f64) -> String {
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
fn tick_label(v: f64) -> String {
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

// ---------------------------------------------------------------------------------------
// Layout shared by all charts: title on top, legend on the right, plot in between.

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

fn dims(spec: &ChartSpec) -> (u32, u32) {
    (spec.width.clamp(240, 4000), spec.height.clamp(180, 3000))
}

/// Draw the title and, when `legend` is not empty, a legend on the right; return the
/// area left for the plot.
fn frame<'a>(
    root: &Area<'a>,
    spec: &ChartSpec,
    legend: &[(String, RGBColor, LegendMark)],
) -> Result<Area<'a>, ChartError> {
    root.fill(&WHITE).map_err(draw_err)?;
    let (w, _) = root.dim_in_pixel();
    // A long title gets a smaller font before it gets shortened.
    // Titles are mostly lower-case letters, narrower than the generous CHAR_W.
    let room = (w as f64 - 20.0) / 0.92;
    let px = (room / text_width(&spec.title, 1.0).max(1.0)).clamp(12.0, TITLE_PX);
    let title = fit_text(&spec.title, px, room);
    let area = root.titled(&title, TextStyle::from(font(px)).color(&BLACK)).map_err(draw_err)?;
    if legend.is_empty() {
        return Ok(area);
    }
    let legend_w = legend_width(legend, w);
    let (aw, ah) = area.dim_in_pixel();
    let (plot, side) = area.split_horizontally(aw.saturating_sub(legend_w as u32));
    draw_legend(&side, legend, legend_w, 24, ah as i32 - 6)?;
    Ok(plot)
}

/// Width of a legend column on a canvas `w` pixels wide.
fn legend_width(legend: &[(String, RGBColor, LegendMark)], w: u32) -> f64 {
    let longest = legend.iter().map(|(n, _, _)| text_width(n, LABEL_PX)).fold(0.0, f64::max);
    (longest + 44.0).max(90.0).min(w as f64 / 3.0)
}

/// Legend rows in `side` from `y` down, as many as `bottom - y` holds (then "… N more").
fn draw_legend(
    side: &Area,
    legend: &[(String, RGBColor, LegendMark)],
    legend_w: f64,
    mut y: i32,
    bottom: i32,
) -> Result<(), ChartError> {
    let row = 20i32;
    let max_rows = ((bottom - y) / row).max(1) as usize;
    let shown = if legend.len() > max_rows { max_rows.saturating_sub(1) } else { legend.len() };
    for (name, c, mark) in legend.iter().take(shown) {
        match mark {
            LegendMark::Box => {
                side.draw(&Rectangle::new([(6, y - 6), (18, y + 6)], c.filled())).map_err(draw_err)?;
            }
            LegendMark::Line => {
                side.draw(&PathElement::new(vec![(4, y), (20, y)], c.stroke_width(3))).map_err(draw_err)?;
            }
            LegendMark::Dot => {
                side.draw(&Circle::new((12, y), 5, c.filled())).map_err(draw_err)?;
            }
            LegendMark::Ring => {
                side.draw(&Circle::new((12, y), 5, c.stroke_width(2))).map_err(draw_err)?;
            }
        }
        let label = fit_text(name, LABEL_PX, legend_w - 34.0);
        side.draw(&Text::new(label, (26, y), style(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Center))))
            .map_err(draw_err)?;
        y += row;
    }
    if shown < legend.len() {
        let more = format!("… {} more", legend.len() - shown);
        side.draw(&Text::new(more, (26, y), style(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Center))))
            .map_err(draw_err)?;
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum LegendMark {
    Box,
    Line,
    Dot,
    Ring,
}

/// Width reserved left of the plot for y tick labels and the y axis title.
fn y_area(axis: &Axis) -> u32 {
    let longest = axis.tick_labels(8).iter().map(|s| text_width(s, TICK_PX)).fold(0.0, f64::max);
    (longest + 34.0).clamp(46.0, 260.0) as u32
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Axis, Axis>>;

fn build<'a, 'b>(
    area: &'a Area<'b>,
    x: Axis,
    y: Axis,
    x_area: u32,
    y_area_px: u32,
) -> Result<Chart<'a, 'b>, ChartError> {
    ChartBuilder::on(area)
        .margin_top(8)
        .margin_right(18)
        .margin_left(6)
        .margin_bottom(6)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area_px)
        .build_cartesian_2d(x, y)
        .map_err(draw_err)
}

/// Grid, ticks and axis titles. Category x labels are drawn separately (`category_labels`).
fn mesh(chart: &mut Chart, spec: &ChartSpec, x_tick_labels: bool, x_grid: bool) -> Result<(), ChartError> {
    let blank = |_: &f64| String::new();
    let mut m = chart.configure_mesh();
    m.x_labels(8)
        .y_labels(7)
        .max_light_lines(1)
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(215, 215, 215))
        .label_style(style(TICK_PX))
        .axis_desc_style(style(LABEL_PX))
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str());
    if !x_tick_labels {
        m.x_label_formatter(&blank);
    }
    if !x_grid {
        m.disable_x_mesh();
    }
    m.draw().map_err(draw_err)
}

/// Category names under the x axis: horizontal when they fit (a name may have several
/// lines, split at `\n`), else turned on their side (its lines joined).
/// Returns the height they need so the caller can reserve it (first pass: `draw=false`).
fn category_labels(chart: Option<(&Chart, &Area)>, names: &[String], plot_w: f64, y0: f64) -> Result<u32, ChartError> {
    let n = names.len().max(1) as f64;
    let slot = plot_w / n;
    let widest_line = names.iter().flat_map(|s| s.lines()).map(|l| text_width(l, TICK_PX)).fold(0.0, f64::max);
    let lines = names.iter().map(|s| s.lines().count()).max().unwrap_or(1).max(1);
    let joined: Vec<String> = names.iter().map(|s| s.lines().collect::<Vec<_>>().join(" ")).collect();
    let longest = joined.iter().map(|s| text_width(s, TICK_PX)).fold(0.0, f64::max);
    let horizontal = widest_line <= slot - 4.0;
    let max_vertical = 150.0;
    let line_h = TICK_PX + 4.0;
    // Rotated labels: the width estimate is generous, so reserve a little less.
    let need = if horizontal { 22.0 + line_h * (lines - 1) as f64 } else { longest.min(max_vertical) * 0.9 + 10.0 };
    if let Some((chart, area)) = chart {
        // `area` is the whole canvas: backend pixels are its coordinates.
        for (i, name) in names.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, y0));
            if horizontal {
                for (k, line) in name.lines().enumerate() {
                    let s = style(TICK_PX).pos(Pos::new(HPos::Center, VPos::Top));
                    area.draw(&Text::new(line.to_string(), (px, py + 8 + (line_h * k as f64) as i32), s))
                        .map_err(draw_err)?;
                }
            } else {
                if slot < TICK_PX * 0.9 && i % ((TICK_PX / slot).ceil() as usize).max(1) != 0 {
                    continue;
                }
                let label = fit_text(&joined[i], TICK_PX, max_vertical);
                let s = style(TICK_PX).pos(Pos::new(HPos::Right, VPos::Center)).transform(FontTransform::Rotate270);
                area.draw(&Text::new(label, (px, py + 8), s)).map_err(draw_err)?;
            }
        }
    }
    Ok(need as u32)
}

fn svg_of<F>(spec: &ChartSpec, f: F) -> Result<String, ChartError>
where
    F: FnOnce(&Area) -> Result<(), ChartError>,
{
    let (w, h) = dims(spec);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        f(&root)?;
        root.present().map_err(draw_err)?;
    }
    Ok(buf)
}

fn keep(p: &(f64, f64), spec: &ChartSpec) -> bool {
    p.0.is_finite() && p.1.is_finite() && (!spec.log_x || p.0 > 0.0) && (!spec.log_y || p.1 > 0.0)
}

/// The drawable points of each series (NaN/inf, and non-positive on log axes, dropped).
fn clean(spec: &ChartSpec, series: &[Series]) -> Vec<(String, Vec<(f64, f64)>)> {
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
fn bound_points(pts: &mut [(String, Vec<(f64, f64)>)], per_series: usize, line: bool) -> bool {
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
fn noted(spec: &ChartSpec, cut: bool) -> ChartSpec {
    let mut spec = spec.clone();
    if cut {
        // Short, so the title still fits: the doc comment above says how points are kept.
        spec.title = format!("{} (≤ {} points: MAX_CHART_POINTS)", spec.title, format_number(MAX_CHART_POINTS as f64));
    }
    spec
}

fn xy_axes(spec: &ChartSpec, pts: &[(String, Vec<(f64, f64)>)]) -> Result<(Axis, Axis), ChartError> {
    let xs: Vec<f64> = pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)).collect();
    let ys: Vec<f64> = pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).collect();
    let x = Axis::numeric(&xs, spec.log_x, 0.03, false).ok_or(ChartError::NoData)?;
    let mut y = Axis::numeric(&ys, spec.log_y, 0.06, false).ok_or(ChartError::NoData)?;
    y.millis = spec.y_millis;
    Ok((x, y))
}

// ---------------------------------------------------------------------------------------
// The charts.

/// Lines through each series' points (markers too when there are few points).
pub fn line_chart(spec: &ChartSpec, series: &[Series]) -> Result<String, ChartError> {
    let mut pts = clean(spec, series);
    let cut = bound_points(&mut pts, MAX_LINE_POINTS, true);
    let spec = &noted(spec, cut);
    let (x, y) = xy_axes(spec, &pts)?;
    let colors = colors_for(pts.iter().map(|(n, _)| n.as_str()));
    let mut legend: Vec<_> = pts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !n.is_empty())
        .map(|(i, (n, _))| (n.clone(), colors[i], LegendMark::Line))
        .collect();
    // One series needs no legend: the title and axis say what it is.
    if pts.len() == 1 {
        legend.clear();
    }
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
    let mut pts = clean(spec, series);
    let cut = bound_points(&mut pts, MAX_CHART_POINTS, false);
    let spec = &noted(spec, cut);
    let (x, y) = xy_axes(spec, &pts)?;
    let colors = colors_for(pts.iter().map(|(n, _)| n.as_str()));
    let mut legend: Vec<_> = pts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !n.is_empty())
        .map(|(i, (n, _))| (n.clone(), colors[i], if i % 2 == 0 { LegendMark::Dot } else { LegendMark::Ring }))
        .collect();
    if pts.len() == 1 {
        legend.clear();
    }
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
            let inside = text_width(&b.label, TICK_PX) + 8.0 <= (p1 - p0) as f64;
            let (tx, h, col) = if inside {
                ((p0 + p1) / 2, HPos::Center, WHITE)
            } else if (p1 - ox) as f64 + text_width(&b.label, TICK_PX) + 6.0 <= pw as f64 {
                (p1 + 4, HPos::Left, BLACK)
            } else {
                (p0 - 4, HPos::Right, BLACK)
            };
            let s = TextStyle::from(font(TICK_PX)).color(&col).pos(Pos::new(h, VPos::Center));
            root.draw(&Text::new(b.label.clone(), (tx, py), s)).map_err(draw_err)?;
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------
// Small multiples: panels stacked over one shared x axis.

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
        match panel {
            Panel::Lines { heading, series, guides, steps } => {
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
                    continue;
                }
                let guides: Vec<(String, f64)> = guides.iter().filter(|g| g.1.is_finite()).cloned().collect();
                xs.extend(pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)));
                let ys: Vec<f64> =
                    pts.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).chain(guides.iter().map(|g| g.1)).collect();
                let y = Axis::numeric(&ys, false, 0.08, true).ok_or(ChartError::NoData)?;
                let colors = colors_for(pts.iter().map(|(n, _)| n.as_str()));
                // One series needs no legend: the heading says what it is.
                let legend = if pts.len() > 1 {
                    pts.iter().zip(&colors).map(|((n, _), c)| (n.clone(), *c, LegendMark::Line)).collect()
                } else {
                    Vec::new()
                };
                plans.push(PanelPlan {
                    heading: heading.clone(),
                    y,
                    legend,
                    body: Prepared::Lines { pts, guides, steps: *steps, colors },
                });
            }
            Panel::States { heading, spans } => {
                let spans: Vec<&StateSpan> =
                    spans.iter().filter(|s| s.start.is_finite() && s.end.is_finite() && s.end >= s.start).collect();
                if spans.is_empty() {
                    continue;
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
                plans.push(PanelPlan {
                    heading: heading.clone(),
                    y,
                    legend,
                    body: Prepared::States { lanes: n, spans: body, colors },
                });
            }
        }
    }
    if plans.is_empty() {
        return Err(ChartError::NoData);
    }
    let x = Axis::numeric(&xs, spec.log_x, 0.0, false).ok_or(ChartError::NoData)?;
    let left = plans.iter().map(|p| y_area(&p.y)).max().unwrap_or(46);
    let legend_w =
        plans.iter().filter(|p| !p.legend.is_empty()).map(|p| legend_width(&p.legend, w)).fold(0.0, f64::max);
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
    Ok(Layout { x, left, legend_w, heights, plans })
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
        let blank = |_: &f64| String::new();
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
            {
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
            }
            match &plan.body {
                Prepared::Lines { pts, guides, steps, colors } => {
                    let grey = RGBColor(110, 110, 110);
                    let (xlo, xhi) = (layout.x.lo, layout.x.hi);
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
                        let path: Vec<(f64, f64)> = if *steps {
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
                }
                Prepared::States { spans, colors, .. } => {
                    for (row, start, end, state) in spans {
                        let r = *row as f64;
                        chart
                            .draw_series(std::iter::once(Rectangle::new(
                                [(*start, r + 0.15), (*end, r + 0.85)],
                                colors[*state].filled(),
                            )))
                            .map_err(draw_err)?;
                    }
                }
            }
            if !plan.legend.is_empty() {
                let (_, sh) = side.dim_in_pixel();
                draw_legend(&side, &plan.legend, layout.legend_w, HEADING_H as i32 + 8, sh as i32 - 4)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// plotters writes each text on its own line between the tags.
    fn has_text(svg: &str, t: &str) -> bool {
        svg.contains(&format!(">\n{t}\n</text>"))
    }

    fn valid(svg: &str, needles: &[&str]) {
        assert!(svg.starts_with("<svg"), "not svg: {}", &svg[..svg.len().min(80)]);
        assert!(svg.trim_end().ends_with("</svg>"));
        for n in needles {
            assert!(svg.contains(n), "missing {n:?}");
        }
    }

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
