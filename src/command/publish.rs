//! A cell's replies as Jupyter shows them: each [`Applied`] reply as display and stream
//! events in its shape (tables as text, HTML and Markdown; `--output json`; `--query`),
//! every output capped at [`MAX_OUTPUT_BYTES`], and a failure as an error outcome. The
//! session and `%%rust`'s [`crate::rust_cell::run`] show cells through [`run_cell`].

use crate::html;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use serde_json::Value;

use crate::command::apply::{apply_cell, result_json, Applied, CellError};
use crate::command::query;
use crate::command::{CommandError, Ctx, Output};
use crate::i18n::{self, Lang};
use crate::kernel::{Event, MimeBundle, Outcome};
use crate::lab::Lab;
use crate::render::table;

/// Runs a cell's command lines on `lab` (see [`apply_cell`]) and publishes what each shows;
/// progress of long work is published while a line runs, its results after.
pub fn run_cell(lab: &mut Lab, code: &str, cancel: Arc<AtomicBool>, publish: &mut dyn FnMut(Event)) -> Outcome {
    let publish = std::cell::RefCell::new(publish);
    let live = |e: Event| (publish.borrow_mut())(e);
    let ctx = Ctx::new(cancel).with_live(&live);
    let shown =
        apply_cell(lab, code, &ctx, &mut |lab, applied| publish_reply(lab, applied, &mut **publish.borrow_mut()));
    match shown {
        Ok(()) => Outcome::Ok,
        Err(e) => error_outcome(&e, lab.settings.lang),
    }
}

/// One reply's outputs as events, in its shape (the lab's settings: rows shown, language).
fn publish_reply(lab: &Lab, applied: Applied, publish: &mut dyn FnMut(Event)) -> Result<(), CommandError> {
    let Applied { reply, shape } = applied;
    let publish = &mut |e: Event| publish(capped(e));
    let limit = lab.settings.display_limit;
    let lang = lab.settings.lang;
    if let Some(found) = &shape.found {
        if shape.text {
            publish(Event::Stream { stderr: false, text: format!("{}\n", query::to_text(found)) });
        } else {
            publish(display(json_bundle(found)));
        }
        return Ok(());
    }
    let mut reply = reply;
    if shape.json {
        // Taken, not copied: the JSON of a big result is hundreds of MB as a tree.
        let value = match reply.json.take() {
            Some(v) if v.is_null() => {
                reply.json = Some(v);
                Value::Null
            }
            Some(v) => v,
            None => result_json(&reply),
        };
        if !value.is_null() {
            publish(display(json_bundle(&value)));
            return Ok(());
        }
    }
    let mut aws_json = reply.json.take();
    for o in reply.outputs {
        match o {
            Output::Text(s) => publish(Event::Stream { stderr: false, text: format!("{}\n", i18n::text(lang, &s)) }),
            Output::Markdown(md) => {
                let md = i18n::text(lang, &md);
                let mut b = MimeBundle::new();
                b.insert("text/plain".into(), Value::String(md.clone()));
                b.insert("text/markdown".into(), Value::String(not_math(&md)));
                publish(display(b));
            }
            Output::Table(t) => {
                let title = t.title.as_deref().map(|s| i18n::text(lang, s));
                let (df, hidden) = if shape.wide { (t.df.clone(), 0) } else { table::narrow(&t.df, t.brief, lang)? };
                let more = (hidden > 0).then(|| {
                    i18n::text(
                        lang,
                        &format!(
                            "{} of {} columns shown; `--wide` shows them all",
                            t.df.width() - hidden,
                            t.df.width()
                        ),
                    )
                });
                let note = match (t.note.as_deref().map(|s| i18n::text(lang, s)), more) {
                    (Some(n), Some(m)) => Some(format!("{n}\n{m}")),
                    (n, m) => n.or(m),
                };
                let (title, note) = (title.as_deref(), note.as_deref());
                let mut b = MimeBundle::new();
                b.insert("text/plain".into(), Value::String(table::to_text_in(&df, limit, title, note, lang)));
                b.insert("text/html".into(), Value::String(table::to_html_in(&df, limit, title, note, lang)));
                b.insert("text/markdown".into(), Value::String(table::to_markdown_in(&df, limit, title, note, lang)));
                if let Some(j) = aws_json.take() {
                    // Not `application/json`: JupyterLab would prefer it to the table.
                    b.insert("application/vnd.cloudlab.aws+json".into(), j);
                }
                publish(display(b));
            }
            Output::Svg { svg, alt } => {
                let mut b = MimeBundle::new();
                let svg = i18n::svg(lang, &crate::render::svg_with_title(&svg, &alt));
                b.insert("image/svg+xml".into(), Value::String(svg));
                b.insert("text/plain".into(), Value::String(i18n::text(lang, &alt)));
                publish(display(b));
            }
            Output::Json(v) => publish(display(json_bundle(&v))),
        }
    }
    Ok(())
}

fn display(data: MimeBundle) -> Event {
    Event::Display { data, metadata: MimeBundle::new() }
}

fn json_bundle(v: &Value) -> MimeBundle {
    let mut b = MimeBundle::new();
    // Written no further than the cap: a 2-million-cell `sql --output json` was 65 MB of
    // text, copied as HTML and as JSON, and the kernel passed 2 GB.
    let (pretty, whole) = capped_json(v, true);
    let note = if whole { String::new() } else { cut_note() };
    // JupyterLab prefers HTML to `application/json` (a collapsed tree): the JSON reads as
    // the AWS CLI prints it. `application/json` stays for programs.
    b.insert(
        "text/html".into(),
        Value::String(format!(
            "<pre class=\"cloudlab-json\" style=\"margin:0;color:inherit;background:transparent\">{}{}</pre>",
            html::escape(&pretty),
            html::escape(&note)
        )),
    );
    b.insert("text/plain".into(), Value::String(pretty + &note));
    // A cut JSON document is not JSON: programs get it whole or not at all.
    if whole {
        b.insert("application/json".into(), v.clone());
    }
    b
}

/// Most bytes of one output (one stream write, or each form of one display): more would
/// grow the kernel and the front end with text no one reads in a notebook.
pub const MAX_OUTPUT_BYTES: usize = 4 << 20;

/// What is said where an output was cut.
fn cut_note() -> String {
    format!(
        "\n… cut: this output is over {} MiB (MAX_OUTPUT_BYTES). See the rest with --query to pick fields, \
`sql … LIMIT n` or --limit for fewer rows, or `export` to write it all to a file.\n",
        MAX_OUTPUT_BYTES >> 20
    )
}

/// A `Write` that keeps the first `cap` bytes and then refuses, which stops a serializer.
struct Capped {
    buf: Vec<u8>,
    cap: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let room = self.cap - self.buf.len();
        if b.len() > room {
            self.buf.extend_from_slice(&b[..room]);
            return Err(std::io::Error::other("over the cap"));
        }
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `v` as JSON text, at most [`MAX_OUTPUT_BYTES`]; true when it is whole.
fn capped_json(v: &Value, pretty: bool) -> (String, bool) {
    let mut w = Capped { buf: Vec::new(), cap: MAX_OUTPUT_BYTES };
    let whole = if pretty { serde_json::to_writer_pretty(&mut w, v) } else { serde_json::to_writer(&mut w, v) }.is_ok();
    (utf8_prefix(w.buf), whole)
}

/// The longest valid UTF-8 start of `bytes` (a cut may split a character).
fn utf8_prefix(mut bytes: Vec<u8>) -> String {
    let valid = match std::str::from_utf8(&bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    bytes.truncate(valid);
    String::from_utf8(bytes).unwrap_or_default()
}

/// `s` cut to [`MAX_OUTPUT_BYTES`] at a line end (or a character), with the note.
fn cut_text(s: String) -> String {
    if s.len() <= MAX_OUTPUT_BYTES {
        return s;
    }
    let mut end = MAX_OUTPUT_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(nl) = s[..end].rfind('\n') {
        end = nl + 1;
    }
    let mut out = s;
    out.truncate(end);
    out.push_str(&cut_note());
    out
}

/// `text` as preformatted HTML under [`MAX_OUTPUT_BYTES`]: escaping makes JSON text longer
/// (`"` is `&quot;`), so the escaped text is cut again, never inside an entity.
fn html_pre(text: &str) -> String {
    let mut esc = html::escape(text);
    let room = MAX_OUTPUT_BYTES - 1_024;
    if esc.len() > room {
        let mut end = room;
        while !esc.is_char_boundary(end) {
            end -= 1;
        }
        end = esc[..end].rfind('\n').map_or(end, |nl| nl + 1);
        if let Some(amp) = esc[..end].rfind('&') {
            if !esc[amp..end].contains(';') {
                end = amp;
            }
        }
        esc.truncate(end);
        esc.push_str(&html::escape(&cut_note()));
    }
    format!("<pre>{esc}</pre>")
}

/// An event with every form of its output under [`MAX_OUTPUT_BYTES`]: text is cut with a
/// note, HTML becomes the cut text, and what cannot be cut (an SVG, JSON) is left out.
fn capped(e: Event) -> Event {
    match e {
        Event::Stream { stderr, text } => Event::Stream { stderr, text: cut_text(text) },
        Event::Display { data, metadata } => {
            let over = |v: &Value| match v {
                Value::String(s) => s.len() > MAX_OUTPUT_BYTES,
                other => !capped_json(other, false).1,
            };
            if !data.values().any(over) {
                return Event::Display { data, metadata };
            }
            let mut data = data;
            let plain = match data.remove("text/plain") {
                Some(Value::String(s)) => cut_text(s),
                _ => String::new(),
            };
            let plain =
                if plain.len() <= MAX_OUTPUT_BYTES && data.values().any(over) && !plain.contains("MAX_OUTPUT_BYTES") {
                    // The other forms were over: say so under the text that is shown.
                    plain + &cut_note()
                } else {
                    plain
                };
            let keys: Vec<String> = data.keys().cloned().collect();
            for k in keys {
                let too_big = data.get(&k).is_some_and(over);
                if !too_big {
                    continue;
                }
                match k.as_str() {
                    "text/html" => {
                        data.insert(k, Value::String(html_pre(&plain)));
                    }
                    "text/markdown" => {
                        let md = match data.remove(&k) {
                            Some(Value::String(s)) => cut_text(s),
                            _ => continue,
                        };
                        data.insert(k, Value::String(md));
                    }
                    _ => {
                        data.remove(&k);
                    }
                }
            }
            data.insert("text/plain".into(), Value::String(plain));
            Event::Display { data, metadata }
        }
        live => live,
    }
}

/// An error as Jupyter shows it. The AWS line (code and message) stays as AWS writes it;
/// cloudlab's own lines (the hint, what the failure changed) are in `lang`.
pub fn error_outcome(failed: &CellError, lang: Lang) -> Outcome {
    // What the user typed comes back cut: a 100 KB word need not be echoed twice.
    let cut = crate::suggest::cut_long_words;
    let (e, evalue) = (&failed.error, failed.evalue());
    let mut traceback = Vec::new();
    if let Some(l) = &failed.line {
        traceback.push(format!(
            "\u{1b}[1m{}:\u{1b}[0m {}",
            i18n::text(lang, &format!("line {}", l.number)),
            cut(&l.text)
        ));
    }
    traceback.push(format!("\u{1b}[31m{}\u{1b}[0m: {}", e.code, evalue));
    if let Some(h) = &e.hint {
        traceback.push(format!("{}: {}", i18n::text(lang, "hint"), cut(&i18n::text(lang, h))));
    }
    traceback.push(i18n::text(
        lang,
        "The failing command changed nothing; commands before it in this cell kept their effect.",
    ));
    Outcome::Error { ename: e.code.clone(), evalue, traceback }
}

/// `$` outside code spans as `\\$`: JupyterLab typesets `$0.11 (…) $0.06` as LaTeX after
/// rendering the markdown, so the escape must survive it (markdown makes `\\` one `\`, and
/// MathJax's processEscapes, on in JupyterLab and nbconvert, shows `\$` as `$`).
fn not_math(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut in_code = false;
    for c in md.chars() {
        match c {
            '`' => in_code = !in_code,
            '$' if !in_code => out.push_str("\\\\"),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// For tests of what commands show: `lab.run_cell(code)` runs a cell of commands on a lab
/// as the session does, and returns what it showed and its outcome.
#[cfg(test)]
pub(crate) trait RunCell {
    fn run_cell(&mut self, code: &str) -> (Vec<Event>, Outcome);
}

#[cfg(test)]
impl RunCell for Lab {
    fn run_cell(&mut self, code: &str) -> (Vec<Event>, Outcome) {
        let mut events = Vec::new();
        let outcome = run_cell(self, code, Default::default(), &mut |e| events.push(e));
        (events, outcome)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn markdown_dollars_are_not_math_but_code_keeps_them() {
        assert_eq!(not_math("cost $0.11 (incl. $0.06)"), r"cost \\$0.11 (incl. \\$0.06)");
        assert_eq!(not_math("`Version='$Latest'` and $1"), r"`Version='$Latest'` and \\$1");
    }

    #[test]
    fn one_output_is_cut_at_the_byte_cap_with_a_note() {
        let big = "x".repeat(MAX_OUTPUT_BYTES + 10);
        let Event::Stream { text, .. } = capped(Event::Stream { stderr: false, text: big.clone() }) else { panic!() };
        assert!(
            text.len() < MAX_OUTPUT_BYTES + 1_000 && text.contains("MAX_OUTPUT_BYTES") && text.contains("export"),
            "{}",
            &text[text.len() - 300..]
        );
        // Small outputs are untouched.
        let small = Event::Stream { stderr: false, text: "hi\n".into() };
        assert_eq!(capped(small.clone()), small);
        // A display: text and Markdown cut, HTML replaced by the cut text, SVG and JSON left out.
        let mut data = MimeBundle::new();
        for k in ["text/plain", "text/html", "text/markdown", "image/svg+xml"] {
            data.insert(k.into(), Value::String(format!("{big}\nend")));
        }
        data.insert("application/vnd.cloudlab.aws+json".into(), json!({ "rows": vec![big.clone()] }));
        let Event::Display { data, .. } = capped(Event::Display { data, metadata: MimeBundle::new() }) else {
            panic!()
        };
        let keys: Vec<&str> = data.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 3, "{keys:?}");
        for (k, v) in &data {
            let v = v.as_str().unwrap();
            assert!(v.len() < MAX_OUTPUT_BYTES + 1_000 && v.contains("MAX_OUTPUT_BYTES"), "{k}");
        }
        // JSON: cut while written (never built whole), and no `application/json` when cut.
        let rows: Vec<Value> =
            (0..200_000).map(|i| json!({ "instance_type": format!("m5.{i}xlarge"), "vcpus": i })).collect();
        let Event::Display { data: b, .. } = capped(display(json_bundle(&Value::Array(rows)))) else { panic!() };
        // Escaped quotes make the HTML longer than the text: it is cut too.
        let html = b["text/html"].as_str().unwrap();
        assert!(html.len() <= MAX_OUTPUT_BYTES && html.contains("MAX_OUTPUT_BYTES"), "{}", html.len());
        assert!(!b.contains_key("application/json"));
        let plain = b["text/plain"].as_str().unwrap();
        assert!(
            plain.len() < MAX_OUTPUT_BYTES + 1_000 && plain.ends_with("write it all to a file.\n"),
            "{}",
            &plain[plain.len() - 300..]
        );
        assert!(json_bundle(&json!({"a": 1})).contains_key("application/json"));
    }
}

/// Property: whatever sequence of commands a class types, a command that fails leaves
/// every table of the lab exactly as it was (issue 9).
#[cfg(test)]
mod property_tests {
    use super::*;
    use crate::render::table;
    use proptest::prelude::*;

    /// Everything a user can observe of the lab, as text.
    fn snapshot(lab: &Lab) -> String {
        let mut s = format!("region={}\njournal={:?}\n", lab.region, lab.journal);
        // The model's own tables (the shipped catalogs never change and are large).
        let mut all = crate::tables::network::tables(&lab.network);
        all.extend(crate::tables::database::tables(&lab.databases));
        all.extend(crate::tables::scaling::tables(&lab.scaling));
        all.extend(lab.results.iter().map(|(n, d)| (n.clone(), d.clone())));
        for (name, df) in all {
            s.push_str(&format!("## {name}\n{}\n", table::to_text(&df, usize::MAX, None, None)));
        }
        s
    }

    fn command() -> impl Strategy<Value = String> {
        let cidr = prop::sample::select(vec![
            "10.0.0.0/16",
            "10.0.0.0/24",
            "10.0.1.0/24",
            "10.0.0.0/8",
            "10.0.0.1/24",
            "172.31.0.0/16",
            "bad",
        ]);
        let az = prop::sample::select(vec!["us-east-1a", "us-east-1b", "eu-west-1a", "nowhere"]);
        let name = prop::sample::select(vec!["a", "b", "web", "db", "nosuch"]);
        let port = prop::sample::select(vec!["22", "80", "5432", "0-65535", "99999", "x"]);
        // `--query` and `--output` on every kind of line: a query that fails to apply, or
        // output that fails to render, must leave the lab as it was (issue 19).
        let shape = prop::sample::select(vec![
            "",
            "",
            " --output json",
            " --output text",
            " --query 'Vpc.VpcId'",
            " --query '@'",
            " --query 'abs(@)'",
            " --query 'to_number(`x`) | ceil(@)'",
            " --query '[0]' --output text",
        ]);
        let line = (0usize..12, cidr, az, name.clone(), name, port).prop_map(|(k, cidr, az, n1, n2, port)| match k {
            0 => format!("create-vpc --cidr-block {cidr} --name {n1}"),
            1 => format!("create-subnet --vpc-id {n1} --cidr-block {cidr} --availability-zone {az} --name {n2}"),
            2 => format!("create-security-group --group-name {n1} --description d --vpc-id {n2}"),
            3 => format!("authorize-security-group-ingress --group-id {n1} --protocol tcp --port {port} --cidr {cidr}"),
            4 => format!("run-instances --instance-type t3.micro --subnet-id {n1} --security-group-ids {n2} --name {n1}"),
            5 => format!("delete-vpc --vpc-id {n1}"),
            6 => format!("create-internet-gateway --name {n1}"),
            7 => format!("attach-internet-gateway --internet-gateway-id {n1} --vpc-id {n2}"),
            8 => format!("create-route-table --vpc-id {n1} --name {n2}"),
            9 => format!("create-route --route-table-id {n1} --destination-cidr-block {cidr} --gateway-id {n2}"),
            10 => format!("create-db-instance --db-instance-identifier {n1} --engine mysql --db-instance-class db.m5.large --allocated-storage {port}"),
            _ => format!("region {az}"),
        });
        (line, shape).prop_map(|(l, q)| format!("{l}{q}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn a_failing_command_changes_nothing(cmds in prop::collection::vec(command(), 1..25)) {
            let mut s = Lab::default();
            let mut failures = 0;
            for c in &cmds {
                let before = snapshot(&s);
                let (_, outcome) = s.run_cell(c);
                if let Outcome::Error { ename, .. } = outcome {
                    failures += 1;
                    prop_assert_ne!(ename.as_str(), "InternalError", "{} panicked", c);
                    prop_assert_eq!(&before, &snapshot(&s), "failing `{}` changed the lab", c);
                }
            }
            let _ = failures;
        }
    }
}
