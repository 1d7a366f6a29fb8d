//! A standalone HTML handout of an executed notebook: Markdown rendered, code shown,
//! tables and inline SVG kept, no external assets, and print-friendly.

use pulldown_cmark::{html::push_html, Options, Parser};
use serde_json::Value;

use super::ipynb::{outputs, source};
use crate::html::escape;

const STYLE: &str = r#"
body{font-family:-apple-system,"Segoe UI",Roboto,"Noto Sans KR","Apple SD Gothic Neo",sans-serif;max-width:980px;margin:24px auto;padding:0 20px;color:#1d1d1f;line-height:1.5}
h1{border-bottom:3px solid #ff9900;padding-bottom:6px}h2{border-bottom:1px solid #ddd;padding-bottom:3px;margin-top:28px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.92em;background:#f3f3f5;padding:1px 4px;border-radius:3px}
pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;white-space:pre-wrap;word-break:break-word;margin:0}
.cell{margin:10px 0}.input{background:#f6f8fa;border-left:4px solid #232f3e;padding:8px 10px;border-radius:4px}
.prompt{color:#888;font-size:11px;font-family:ui-monospace,monospace}
.output{padding:6px 10px;border-left:4px solid #e8e8ec;margin-top:4px;overflow-x:auto}
.output svg{max-width:100%;height:auto}
.error{background:#fff0f0;border-left-color:#d13212}.error pre{color:#8b0000}
table{border-collapse:collapse}
@media print{body{max-width:none;margin:0}.output,.cloudlab-table{overflow:visible!important}.cloudlab-table table{font-size:8.5px!important}.cloudlab-table td,.cloudlab-table th{white-space:normal!important;word-break:break-word;padding:1px 4px!important}.cloudlab-table div{overflow-wrap:anywhere}}
blockquote{border-left:4px solid #ddd;margin:0;padding-left:12px;color:#555}
.md table td,.md table th{border:1px solid #ccc;padding:3px 8px}
footer{color:#888;font-size:11px;margin-top:40px;border-top:1px solid #eee;padding-top:6px}
@media print{body{max-width:none;margin:0}.cell,svg{break-inside:avoid}.output{overflow:visible}.output table{font-size:8px!important}.output td,.output th{padding:1px 4px!important}.input{border-left-color:#888}a{color:inherit}}
"#;

fn markdown(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = String::new();
    push_html(&mut out, Parser::new_ext(md, opts));
    out
}

/// The notebook's first Markdown heading, as its title.
pub fn title_of(nb: &Value) -> Option<String> {
    nb.get("cells")?
        .as_array()?
        .iter()
        .filter(|c| c["cell_type"] == "markdown")
        .find_map(|c| source(c).lines().find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string())))
}

/// Text without terminal colour codes (tracebacks carry them for Jupyter front ends).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c2 in chars.by_ref() {
                if c2.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        other => other.to_string(),
    }
}

fn output_html(o: &Value) -> String {
    match o["output_type"].as_str() {
        Some("stream") => format!("<div class=\"output\"><pre>{}</pre></div>", escape(&text_of(&o["text"]))),
        Some("error") => {
            let tb: Vec<String> = o["traceback"]
                .as_array()
                .map(|a| a.iter().map(|l| strip_ansi(&text_of(l))).collect())
                .unwrap_or_default();
            format!("<div class=\"output error\"><pre>{}</pre></div>", escape(&tb.join("\n")))
        }
        Some("display_data") | Some("execute_result") => {
            let d = &o["data"];
            let body = if let Some(svg) = d.get("image/svg+xml") {
                let s = text_of(svg);
                let start = s.find("<svg").unwrap_or(0);
                s[start..].to_string()
            } else if let Some(h) = d.get("text/html") {
                text_of(h)
            } else if let Some(m) = d.get("text/markdown") {
                // The kernel writes `$` as `\\$` for MathJax (command::publish::not_math); a handout has none.
                format!("<div class=\"md\">{}</div>", markdown(&text_of(m).replace("\\\\$", "$")))
            } else if let Some(p) = d.get("text/plain") {
                format!("<pre>{}</pre>", escape(&text_of(p)))
            } else {
                String::new()
            };
            format!("<div class=\"output\">{body}</div>")
        }
        _ => String::new(),
    }
}

/// The whole handout page.
#[cfg(test)]
pub fn handout(nb: &Value, title: &str) -> String {
    handout_in(nb, title, false)
}

/// The notebook's language: `metadata.cloudlab.lang` (written by notebooks/tools/build.py),
/// else Korean when the title has Hangul.
pub fn lang_of(nb: &Value, title: &str) -> String {
    match nb.pointer("/metadata/cloudlab/lang").and_then(Value::as_str) {
        Some(l) if !l.is_empty() && l.chars().all(|c| c.is_ascii_alphabetic() || c == '-') => l.to_string(),
        _ if title.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)) => "ko".into(),
        _ => "en".into(),
    }
}

/// The one-line description in `metadata.cloudlab.description`, if any.
pub fn description_of(nb: &Value) -> Option<String> {
    nb.pointer("/metadata/cloudlab/description").and_then(Value::as_str).map(String::from)
}

/// A handout; with `back`, it links back to the index.html next to it.
pub fn handout_in(nb: &Value, title: &str, back: bool) -> String {
    let mut body = String::new();
    if back {
        body.push_str("<nav><a href=\"index.html\">← all handouts</a></nav>\n");
    }
    for cell in nb.get("cells").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        match cell["cell_type"].as_str() {
            Some("markdown") => body.push_str(&format!("<div class=\"cell md\">{}</div>\n", markdown(&source(cell)))),
            Some("code") => {
                let n = cell["execution_count"].as_u64().map(|n| n.to_string()).unwrap_or_else(|| " ".into());
                body.push_str(&format!(
                    "<div class=\"cell\"><div class=\"prompt\">In [{}]:</div><div class=\"input\"><pre>{}</pre></div>",
                    n,
                    escape(&source(cell))
                ));
                for o in outputs(cell) {
                    body.push_str(&output_html(o));
                }
                body.push_str("</div>\n");
            }
            _ => {}
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{t}</title><style>{STYLE}</style></head><body>\n{body}<footer>Executed with cloudlab {v} — an offline model of AWS; prices are snapshots, see each table's note.</footer></body></html>\n",
        lang = lang_of(nb, title),
        t = escape(title),
        v = env!("CARGO_PKG_VERSION"),
    )
}

/// The index page linking every handout.
pub struct IndexEntry {
    pub title: String,
    pub file: String,
    pub ok: bool,
    pub lang: String,
    pub description: Option<String>,
}

/// The index page linking every handout, one list per language under its own heading.
pub fn index(entries: &[IndexEntry]) -> String {
    let mut langs: Vec<&str> = Vec::new();
    for e in entries {
        if !langs.contains(&e.lang.as_str()) {
            langs.push(&e.lang);
        }
    }
    let mut body = String::new();
    for lang in langs {
        let heading = match lang {
            "en" => "English",
            "ko" => "한국어 (Korean)",
            other => other,
        };
        body.push_str(&format!("<section lang=\"{}\"><h2>{}</h2><ul>", escape(lang), escape(heading)));
        for e in entries.iter().filter(|e| e.lang == lang) {
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a>{}{}</li>",
                escape(&e.file),
                escape(&e.title),
                e.description.as_deref().map(|d| format!(" — {}", escape(d))).unwrap_or_default(),
                if e.ok { "" } else { " — <b>failed</b>" }
            ));
        }
        body.push_str("</ul></section>");
    }
    format!("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cloudlab handouts</title><style>{STYLE}</style></head><body><h1>cloudlab handouts</h1>{body}</body></html>\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::ipynb::{execute, new_notebook};

    #[test]
    fn a_markdown_outputs_dollars_show_as_dollars() {
        let o = serde_json::json!({"output_type": "display_data", "data": {"text/markdown": "cost \\\\$0.11 (incl. \\\\$0.06)"}});
        let h = output_html(&o);
        assert!(h.contains("cost $0.11 (incl. $0.06)"), "{h}");
    }

    #[test]
    fn handout_has_rendered_markdown_code_and_tables() {
        let mut nb =
            new_notebook(&[("markdown", "# Regions\nSome *text*."), ("code", "regions"), ("code", "echo <b>")]);
        execute(&mut nb);
        let h = handout(&nb, &title_of(&nb).unwrap_or_default());
        assert!(h.contains("<title>Regions</title>"));
        assert!(h.contains("<em>text</em>"));
        assert!(h.contains("<table") && h.contains("ap-northeast-2"));
        assert!(h.contains("&lt;b&gt;"), "stream text is escaped");
        assert!(!h.contains("http://") || h.contains("xmlns"), "no external assets");
    }

    #[test]
    fn index_groups_languages_with_descriptions_and_handouts_link_back() {
        let mut nb = new_notebook(&[("markdown", "# 01 · 네트워크"), ("code", "echo hi")]);
        nb["metadata"]["cloudlab"] = serde_json::json!({"lang": "ko", "description": "VPC와 서브넷"});
        execute(&mut nb);
        let title = title_of(&nb).unwrap_or_default();
        assert_eq!(lang_of(&nb, &title), "ko");
        let h = handout_in(&nb, &title, true);
        assert!(h.contains("<html lang=\"ko\">") && h.contains("href=\"index.html\""), "{}", &h[..200]);
        let entry = |t: &str, f: &str, lang: &str, d: Option<&str>| IndexEntry {
            title: t.into(),
            file: f.into(),
            ok: true,
            lang: lang.into(),
            description: d.map(String::from),
        };
        let i = index(&[
            entry("01 · Network", "01-network.html", "en", Some("VPCs")),
            entry(&title, "ko-01-network.html", "ko", description_of(&nb).as_deref()),
        ]);
        let (en, ko) = (i.find("<h2>English</h2>").unwrap(), i.find("<h2>한국어 (Korean)</h2>").unwrap());
        assert!(en < i.find("01-network.html").unwrap() && ko < i.find("ko-01-network.html").unwrap() && en < ko);
        assert!(i.contains("— VPC와 서브넷") && i.contains("<section lang=\"ko\">"));
    }
}
