//! A DataFrame as text, HTML and Markdown, truncated to the display limit with
//! "… N more rows" (never silently).

use crate::html::escape;
use polars::prelude::*;

use crate::i18n::{self, Lang};

/// One cell's text: strings without quotes, floats trimmed, nulls as "—".
pub fn cell_text(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => "—".to_string(),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Boolean(b) => b.to_string(),
        AnyValue::Float64(f) => fmt_float(*f),
        AnyValue::Float32(f) => fmt_float(*f as f64),
        other => {
            let s = other.to_string();
            s.trim_matches('"').to_string()
        }
    }
}

fn fmt_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f == f.trunc() && f.abs() < 1e15 {
        return format!("{:.0}", f);
    }
    let a = f.abs();
    let s = if a >= 100.0 {
        format!("{:.2}", f)
    } else if a >= 1.0 {
        format!("{:.3}", f)
    } else {
        format!("{:.4}", f)
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn rows(df: &DataFrame, limit: usize) -> Vec<Vec<String>> {
    let n = df.height().min(limit);
    let cols = df.columns();
    (0..n).map(|i| cols.iter().map(|c| c.get(i).map(|v| cell_text(&v)).unwrap_or_default()).collect()).collect()
}

fn is_numeric(dt: &DataType) -> bool {
    dt.is_primitive_numeric()
}

fn more_rows(df: &DataFrame, limit: usize, lang: Lang) -> Option<String> {
    (df.height() > limit).then(|| {
        let more = df.height() - limit;
        i18n::text(
            lang,
            &format!(
                "… {} more row{} ({} in all; `set display-limit N` or `sql` to see them)",
                more,
                if more == 1 { "" } else { "s" },
                df.height()
            ),
        )
    })
}

fn no_rows(lang: Lang) -> String {
    i18n::text(lang, "(no rows)")
}

/// What a reader sees of a table by default: its `brief` columns (those the frame has),
/// and a single row turned into `field` / `value` rows. Returns the frame to show and how
/// many columns were left out.
pub fn narrow(df: &DataFrame, brief: Option<&[&str]>, lang: Lang) -> PolarsResult<(DataFrame, usize)> {
    let mut shown = df.clone();
    let mut hidden = 0;
    if let Some(cols) = brief {
        let keep: Vec<&str> = cols.iter().copied().filter(|c| df.column(c).is_ok()).collect();
        if !keep.is_empty() && keep.len() < df.width() {
            hidden = df.width() - keep.len();
            shown = df.select(keep)?;
        }
    }
    // One row is read as field / value: always for the lab's resource tables, and for any
    // other one-row result (`sql`, a lab command's) too wide for the page.
    if shown.height() == 1 && (brief.is_some() || one_line_width(&shown) > TEXT_WIDTH) {
        let names: Vec<String> = shown.get_column_names().iter().map(|s| s.to_string()).collect();
        let values: Vec<String> =
            shown.columns().iter().map(|c| c.get(0).map(|v| cell_text(&v)).unwrap_or_default()).collect();
        shown = DataFrame::new_infer_height(vec![
            Column::new(i18n::text(lang, "field").into(), names),
            Column::new(i18n::text(lang, "value").into(), values),
        ])?;
    }
    Ok((shown, hidden))
}

/// How wide a one-row table's text is: each column as wide as its name or its value.
fn one_line_width(df: &DataFrame) -> usize {
    let cells = rows(df, 1);
    let values = cells.first();
    df.get_column_names()
        .iter()
        .enumerate()
        .map(|(i, n)| i18n::columns(n).max(values.and_then(|r| r.get(i)).map(|v| i18n::columns(v)).unwrap_or(0)))
        .sum::<usize>()
        + 2 * df.width().saturating_sub(1)
}

/// Title and note lines of a text table are wrapped to this many characters (the table's
/// own lines are as wide as their columns).
const TEXT_WIDTH: usize = 100;

fn wrap(s: &str) -> String {
    let mut out = String::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            if !line.is_empty() && i18n::columns(&line) + 1 + i18n::columns(word) > TEXT_WIDTH {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.pop();
    out
}

/// A fixed-width text table.
pub fn to_text(df: &DataFrame, limit: usize, title: Option<&str>, note: Option<&str>) -> String {
    to_text_in(df, limit, title, note, Lang::En)
}

/// [`to_text`] with its own footer lines in `lang` (title and note are passed in translated).
pub fn to_text_in(df: &DataFrame, limit: usize, title: Option<&str>, note: Option<&str>, lang: Lang) -> String {
    let names: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
    let body = rows(df, limit);
    let mut widths: Vec<usize> = names.iter().map(|n| i18n::columns(n)).collect();
    for r in &body {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(i18n::columns(c));
        }
    }
    fit_widths(&mut widths, &names, &body);
    let numeric: Vec<bool> = df.dtypes().iter().map(is_numeric).collect();
    // A row is one line, or several when a cell is wider than its column (wrapped).
    let fmt_row = |cells: &[String]| {
        let wrapped: Vec<Vec<String>> = cells.iter().enumerate().map(|(i, c)| wrap_cell(c, widths[i])).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|line| {
                wrapped
                    .iter()
                    .enumerate()
                    .map(|(i, parts)| {
                        let c = parts.get(line).map(String::as_str).unwrap_or("");
                        let pad = " ".repeat(widths[i].saturating_sub(i18n::columns(c)));
                        if numeric[i] {
                            format!("{pad}{c}")
                        } else {
                            format!("{c}{pad}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out = String::new();
    if let Some(t) = title {
        out.push_str(&wrap(t));
        out.push('\n');
    }
    out.push_str(&fmt_row(&names));
    out.push('\n');
    out.push_str(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
    out.push('\n');
    for r in &body {
        out.push_str(&fmt_row(r));
        out.push('\n');
    }
    if df.height() == 0 {
        out.push_str(&no_rows(lang));
        out.push('\n');
    }
    if let Some(m) = more_rows(df, limit, lang) {
        out.push_str(&m);
        out.push('\n');
    }
    if let Some(n) = note {
        out.push_str(&wrap(n));
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Words longer than this (URLs, long notes) may be broken to fit the page; shorter ones
/// (IDs, regions, names) never are.
const LONG_WORD: usize = 24;

/// Narrows the widest columns until the table fits [`TEXT_WIDTH`] (a notebook's width,
/// an A4 page): never below its header or its longest word (up to [`LONG_WORD`]), so only
/// prose wraps. A table of many narrow columns may stay wider: `--wide` aside, its command
/// shows its lesson columns by default.
fn fit_widths(widths: &mut [usize], names: &[String], body: &[Vec<String>]) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    if total(widths) <= TEXT_WIDTH {
        return;
    }
    let floor: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let word =
                body.iter().filter_map(|r| r.get(i)).flat_map(|c| c.split(' ')).map(i18n::columns).max().unwrap_or(0);
            i18n::columns(n).max(word.min(LONG_WORD))
        })
        .collect();
    while total(widths) > TEXT_WIDTH {
        let Some(i) = (0..widths.len()).filter(|&i| widths[i] > floor[i]).max_by_key(|&i| widths[i]) else { break };
        widths[i] -= 1;
    }
}

/// A cell's text in lines of at most `width` columns: broken at spaces, and inside a word
/// only when the word alone is wider.
fn wrap_cell(s: &str, width: usize) -> Vec<String> {
    if i18n::columns(s) <= width || width == 0 {
        return vec![s.to_string()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let mut word = word.to_string();
        loop {
            let need =
                if line.is_empty() { i18n::columns(&word) } else { i18n::columns(&line) + 1 + i18n::columns(&word) };
            if need <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than the column: as much of it as fits.
            let mut cut = String::new();
            let mut rest = word.chars();
            for c in rest.by_ref() {
                if !cut.is_empty() && i18n::columns(&cut) + i18n::columns(c.encode_utf8(&mut [0; 4])) > width {
                    lines.push(std::mem::take(&mut cut));
                    cut.push(c);
                    break;
                }
                cut.push(c);
            }
            // The whole word went into `cut` (one letter wider than the column): it stands
            // as it is rather than loop.
            if rest.as_str().is_empty() {
                line = cut;
                break;
            }
            word = cut + rest.as_str();
            if i18n::columns(&word) <= width {
                line = word;
                break;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An HTML table with inline styles only (JupyterLab, nbconvert and printed handouts
/// render it the same; GitHub strips `<style>`, so nothing depends on one).
pub fn to_html(df: &DataFrame, limit: usize, title: Option<&str>, note: Option<&str>) -> String {
    to_html_in(df, limit, title, note, Lang::En)
}

/// [`to_html`] with its own footer lines in `lang` (title and note are passed in translated).
pub fn to_html_in(df: &DataFrame, limit: usize, title: Option<&str>, note: Option<&str>, lang: Lang) -> String {
    let numeric: Vec<bool> = df.dtypes().iter().map(is_numeric).collect();
    let mut h = String::from("<div class=\"cloudlab-table\" style=\"overflow-x:auto\">");
    if let Some(t) = title {
        h.push_str(&format!("<div style=\"font-weight:600;margin:4px 0\">{}</div>", escape(t)));
    }
    h.push_str("<table style=\"border-collapse:collapse;font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace\"><thead><tr>");
    for (i, name) in df.get_column_names().iter().enumerate() {
        let align = if numeric[i] { "right" } else { "left" };
        h.push_str(&format!(
            "<th style=\"text-align:{};padding:3px 8px;border-bottom:2px solid rgba(127,127,127,.7);white-space:nowrap\">{}</th>",
            align,
            escape(name)
        ));
    }
    h.push_str("</tr></thead><tbody>");
    for (ri, r) in rows(df, limit).iter().enumerate() {
        // Translucent grey and inherited text colour: readable on JupyterLab's light and
        // dark themes and on paper alike.
        let bg = if ri % 2 == 1 { "background:rgba(127,127,127,.1);" } else { "" };
        h.push_str(&format!("<tr style=\"{}\">", bg));
        for (i, c) in r.iter().enumerate() {
            let align = if numeric[i] { "right" } else { "left" };
            // Short values (IDs, regions, numbers) never wrap mid-word; long prose may.
            let wrap = if c.chars().count() <= 40 { "white-space:nowrap;" } else { "min-width:16em;" };
            h.push_str(&format!(
                "<td style=\"text-align:{};padding:2px 8px;border-bottom:1px solid rgba(127,127,127,.25);{}\">{}</td>",
                align,
                wrap,
                escape(c)
            ));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    let mut foot = Vec::new();
    if df.height() == 0 {
        foot.push(no_rows(lang));
    }
    if let Some(m) = more_rows(df, limit, lang) {
        foot.push(m);
    }
    if let Some(n) = note {
        foot.extend(n.lines().map(String::from));
    }
    for f in foot {
        h.push_str(&format!("<div style=\"opacity:.75;font-size:11px;margin-top:3px\">{}</div>", escape(&f)));
    }
    h.push_str("</div>");
    h
}

/// A Markdown (GFM) table, for viewers that strip HTML.
#[cfg(test)]
pub fn to_markdown(df: &DataFrame, limit: usize, title: Option<&str>, note: Option<&str>) -> String {
    to_markdown_in(df, limit, title, note, Lang::En)
}

/// [`to_markdown`] with its own footer lines in `lang` (title and note are passed in translated).
pub fn to_markdown_in(df: &DataFrame, limit: usize, title: Option<&str>, note: Option<&str>, lang: Lang) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let names: Vec<String> = df.get_column_names().iter().map(|s| esc(s)).collect();
    let numeric: Vec<bool> = df.dtypes().iter().map(is_numeric).collect();
    let mut m = String::new();
    if let Some(t) = title {
        m.push_str(&format!("**{}**\n\n", esc(t)));
    }
    m.push_str(&format!("| {} |\n", names.join(" | ")));
    m.push_str(&format!(
        "|{}|\n",
        numeric.iter().map(|n| if *n { "---:" } else { ":---" }).collect::<Vec<_>>().join("|")
    ));
    for r in rows(df, limit) {
        m.push_str(&format!("| {} |\n", r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")));
    }
    if let Some(x) = more_rows(df, limit, lang) {
        m.push_str(&format!("\n{}\n", x));
    }
    if let Some(n) = note {
        m.push_str(&format!("\n_{}_\n", n));
    }
    m
}

/// Records (one JSON object per row) for `--output json`.
pub fn to_records(df: &DataFrame) -> serde_json::Value {
    let names: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
    let cols = df.columns();
    let records: Vec<serde_json::Value> = (0..df.height())
        .map(|i| {
            let mut o = serde_json::Map::new();
            for (name, c) in names.iter().zip(cols) {
                let v = c.get(i).map(|v| any_to_json(&v)).unwrap_or(serde_json::Value::Null);
                o.insert(name.clone(), v);
            }
            serde_json::Value::Object(o)
        })
        .collect();
    serde_json::Value::Array(records)
}

/// One value as JSON (numbers stay numbers; NaN becomes null).
pub fn any_to_json(v: &AnyValue) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        AnyValue::Null => J::Null,
        AnyValue::Boolean(b) => J::Bool(*b),
        AnyValue::String(s) => J::String(s.to_string()),
        AnyValue::StringOwned(s) => J::String(s.to_string()),
        AnyValue::Int8(x) => J::from(*x),
        AnyValue::Int16(x) => J::from(*x),
        AnyValue::Int32(x) => J::from(*x),
        AnyValue::Int64(x) => J::from(*x),
        AnyValue::UInt8(x) => J::from(*x),
        AnyValue::UInt16(x) => J::from(*x),
        AnyValue::UInt32(x) => J::from(*x),
        AnyValue::UInt64(x) => J::from(*x),
        AnyValue::Float32(x) => serde_json::Number::from_f64(*x as f64).map(J::Number).unwrap_or(J::Null),
        AnyValue::Float64(x) => serde_json::Number::from_f64(*x).map(J::Number).unwrap_or(J::Null),
        other => J::String(cell_text(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_a_count_and_escapes() {
        let df = df!("name" => ["<a>", "b", "c"], "gib" => [1.5f64, 2.0, 0.25]).expect("df");
        let t = to_text(&df, 2, Some("t"), None);
        assert!(t.contains("… 1 more row"), "{}", t);
        assert!(!t.contains("0.25"));
        let h = to_html(&df, 5, None, Some("note"));
        assert!(h.contains("&lt;a&gt;") && h.contains("0.25") && h.contains("note"));
        let m = to_markdown(&df, 5, None, None);
        assert!(m.contains("| name | gib |") && m.contains("---:"));
        let r = to_records(&df);
        assert_eq!(r[2]["gib"], serde_json::json!(0.25));
    }

    #[test]
    fn a_wide_text_table_wraps_its_widest_cells_to_the_page() {
        let rule = "web-sg (sg-01d8543a31c2a0a4c): tcp 5432 sg-01d8543a31c2a0a4c from the web tier";
        let detail =
            "db1 (i-02105e0e8a902ce06) has only the private address 10.0.32.10, which the internet cannot route to";
        let df = df!(
            "step" => [1u32, 2],
            "component" => ["web-sg (sg-01d8543a31c2a0a4c)", "acl-0fb828e4a61506a0b (default) of private-a"],
            "rule" => [rule, "x"],
            "detail" => [detail, "averyveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutspaces"],
        )
        .expect("df");
        let t = to_text(&df, 10, Some("hops"), None);
        let widest = t.lines().map(i18n::columns).max().unwrap();
        assert!(widest <= TEXT_WIDTH, "{widest}\n{t}");
        // Nothing is lost: every word is still there, in order, within its column.
        let words: Vec<&str> = t.split_whitespace().collect();
        for w in rule.split(' ').chain(detail.split(' ')) {
            assert!(words.contains(&w), "{w} missing\n{t}");
        }
        assert!(t.contains("averyveryvery"), "{t}");
        // A table that fits is drawn as before: one line a row.
        let small = df!("a" => ["x"], "b" => [1u32]).expect("df");
        assert_eq!(to_text(&small, 10, None, None), "a  b\n-  -\nx  1");
        // A letter wider than its column cannot loop forever.
        assert_eq!(wrap_cell("가나다", 1), vec!["가", "나", "다"]);
        assert_eq!(wrap_cell("abc defgh", 3), vec!["abc", "def", "gh"]);
        // Korean headers count two columns a letter.
        let ko = df!("항목" => ["vpc_id"], "값" => ["vpc-1"]).expect("df");
        assert_eq!(to_text(&ko, 10, None, None).lines().nth(1), Some("------  -----"));
    }
}
