//! Colours and text: the palette, fonts and the width estimate labels are fitted with.

use super::*;

/// Tableau 10: distinct, readable on white, reasonably colour-blind friendly.
pub(super) const PALETTE: [(u8, u8, u8); 10] = [
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

pub(super) fn color(i: usize) -> RGBColor {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    RGBColor(r, g, b)
}

/// One colour per category name, the same in every chart of a notebook (NAT hours are
/// always the same orange): a name keeps the palette slot its hash picks unless another
/// series of the same chart has it, then the next free one.
pub(super) fn colors_for<'a>(names: impl Iterator<Item = &'a str>) -> Vec<RGBColor> {
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

pub(super) const FONT: &str = "sans-serif";
pub(super) const TITLE_PX: f64 = 18.0;
pub(super) const LABEL_PX: f64 = 13.0;
pub(super) const TICK_PX: f64 = 12.0;
/// Average glyph width of a sans-serif font as a fraction of its size (generous, so
/// estimated text is never narrower than the real one).
pub(super) const CHAR_W: f64 = 0.58;

pub(super) fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * CHAR_W
}

/// Shorten `s` with an ellipsis so it fits in `max_px` at size `px`.
pub(super) fn fit_text(s: &str, px: f64, max_px: f64) -> String {
    if text_width(s, px) <= max_px {
        return s.to_string();
    }
    let keep = ((max_px / (px * CHAR_W)).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// plotters divides font sizes by 1.24 when writing SVG; compensate so sizes are pixels.
pub(super) fn font(px: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT), px * 1.24, FontStyle::Normal)
}

pub(super) fn style(px: f64) -> TextStyle<'static> {
    TextStyle::from(font(px)).color(&BLACK)
}
