//! Turning results into what a reader sees: HTML/text/Markdown tables, SVG charts and
//! diagrams. Nothing here changes the model.

pub mod chart;
pub mod diagram;
pub mod table;

/// `svg` with its text description as `<title>` and `aria-label`, so screen readers,
/// nbconvert handouts and image alt text have it.
pub fn svg_with_title(svg: &str, alt: &str) -> String {
    let Some(open) = svg.find("<svg") else { return svg.to_string() };
    let Some(close) = svg[open..].find('>').map(|i| open + i) else { return svg.to_string() };
    if svg[close + 1..].trim_start().starts_with("<title") {
        return svg.to_string();
    }
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    // The label is the description's first line; the title keeps all of it.
    let label: String = alt.lines().next().unwrap_or("").chars().take(300).collect();
    let self_closing = svg[..close].ends_with('/');
    let at = if self_closing { close - 1 } else { close };
    let mut out = String::with_capacity(svg.len() + alt.len() * 2 + 64);
    out.push_str(&svg[..at]);
    out.push_str(&format!(" role=\"img\" aria-label=\"{}\"", esc(&label)));
    if self_closing {
        out.push_str(&format!("><title>{}</title></svg>", esc(alt)));
        out.push_str(&svg[close + 1..]);
        return out;
    }
    out.push('>');
    out.push_str(&format!("<title>{}</title>", esc(alt)));
    out.push_str(&svg[close + 1..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn svg_gets_a_title_and_label() {
        let svg = super::svg_with_title("<svg width=\"10\" height=\"10\"><rect/></svg>", "A <chart>\nsecond line");
        assert!(svg.starts_with("<svg width=\"10\" height=\"10\" role=\"img\" aria-label=\"A &lt;chart&gt;\"><title>A &lt;chart&gt;\nsecond line</title><rect/>"), "{svg}");
        assert_eq!(super::svg_with_title(&svg, "other"), svg, "a title is added once");
    }
}
