//! Layout shared by all charts: title on top, legend on the right, plot in between.

use super::*;

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

pub(super) fn dims(spec: &ChartSpec) -> (u32, u32) {
    (spec.width.clamp(240, 4000), spec.height.clamp(180, 3000))
}

/// Draw the title and, when `legend` is not empty, a legend on the right; return the
/// area left for the plot.
pub(super) fn frame<'a>(
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
pub(super) fn legend_width(legend: &[(String, RGBColor, LegendMark)], w: u32) -> f64 {
    let longest = legend.iter().map(|(n, _, _)| text_width(n, LABEL_PX)).fold(0.0, f64::max);
    (longest + 44.0).max(90.0).min(w as f64 / 3.0)
}

/// Legend rows in `side` from `y` down, as many as `bottom - y` holds (then "… N more").
pub(super) fn draw_legend(
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
pub(super) enum LegendMark {
    Box,
    Line,
    Dot,
    Ring,
}

/// Width reserved left of the plot for y tick labels and the y axis title.
pub(super) fn y_area(axis: &Axis) -> u32 {
    let longest = axis.tick_labels(8).iter().map(|s| text_width(s, TICK_PX)).fold(0.0, f64::max);
    (longest + 34.0).clamp(46.0, 260.0) as u32
}

pub(super) type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Axis, Axis>>;

pub(super) fn build<'a, 'b>(
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
pub(super) fn mesh(chart: &mut Chart, spec: &ChartSpec, x_tick_labels: bool, x_grid: bool) -> Result<(), ChartError> {
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
pub(super) fn category_labels(
    chart: Option<(&Chart, &Area)>,
    names: &[String],
    plot_w: f64,
    y0: f64,
) -> Result<u32, ChartError> {
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

pub(super) fn svg_of<F>(spec: &ChartSpec, f: F) -> Result<String, ChartError>
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
