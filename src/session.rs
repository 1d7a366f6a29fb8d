//! The session: one [`Lab`] behind the [`Interpreter`] trait. It runs a cell's commands
//! top to bottom, stops at the first error, keeps a failing command's changes out of
//! the lab, and turns replies into MIME bundles.

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::{json, Value};

use crate::cell;
use crate::command::query::{self, Query};
use crate::command::{self, Args, CommandError, Ctx, Output, Reply, Run};
use crate::i18n::{self, Lang};
use crate::kernel::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, KernelInfo, MimeBundle, Outcome};
use crate::lab::Lab;
use crate::render::table;

/// One notebook's state: the lab and what the kernel needs around it.
#[derive(Default)]
pub struct Session {
    pub lab: Lab,
    /// The evcxr engine for `%%rust` cells, started on first use.
    pub rust: crate::rust_cell::RustCells,
    /// The kernel's messages are not signed (empty key): anyone who reaches its ports may
    /// send cells, so `%%rust` (code run on this machine) is refused.
    pub unsigned: bool,
}

/// How a command's result is shown: `--output json|text`, `--query`.
struct Shape {
    json: bool,
    /// `--wide`: every column of a describe table.
    wide: bool,
    text: bool,
    query: Option<Query>,
    /// What `--query` selected, computed before a write is kept.
    found: Option<Value>,
}

impl Shape {
    /// Applies `--query` to the reply now, so a query that fails fails the command.
    fn apply_query(&mut self, reply: Reply) -> Result<Reply, CommandError> {
        if let Some(q) = &self.query {
            self.found = Some(q.apply(&result_json(&reply))?);
        }
        Ok(reply)
    }
}

/// A reply as one JSON value: its AWS JSON, else its tables as records.
fn result_json(reply: &Reply) -> Value {
    reply.json.clone().unwrap_or_else(|| {
        let tables: Vec<Value> = reply
            .outputs
            .iter()
            .filter_map(|o| match o {
                Output::Table(t) => Some(table::to_records(&t.df)),
                Output::Json(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        match tables.len() {
            0 => Value::Null,
            1 => tables.into_iter().next().unwrap_or(Value::Null),
            _ => Value::Array(tables),
        }
    })
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Runs one cell with no front end: the events it shows, and the error if one failed.
    pub fn run_cell(&mut self, code: &str) -> (Vec<Event>, Outcome) {
        let mut events = Vec::new();
        let req = ExecuteRequest { code, silent: false, cancel: Default::default() };
        let outcome = self.execute(&req, &mut |e| events.push(e));
        (events, outcome)
    }

    /// Runs one command line against the lab: a write runs on a copy that replaces the
    /// lab only on success (its `--query` applied too); a panic becomes an error and
    /// changes nothing.
    fn run_line(&mut self, words: &[String], ctx: &Ctx) -> Result<(Reply, Shape), CommandError> {
        let (spec, rest) = command::resolve(words)?;
        // `NAME --help` (before any `--`, after which the words are another command's).
        if rest.iter().take_while(|w| *w != "--").any(|w| w == "--help") {
            let shape = Shape { json: false, wide: false, text: false, query: None, found: None };
            return Ok((command::basic::help_reply(spec, self.lab.settings.lang), shape));
        }
        let args = Args::parse(spec, rest)?;
        // Compiled before the command runs: a bad expression changes nothing.
        let query = args.get("query").map(Query::compile).transpose()?;
        let mut shape = Shape {
            json: args.json(),
            wide: args.has("wide"),
            text: args.get("output") == Some("text"),
            query,
            found: None,
        };
        let aws_op = (spec.service != "lab").then(|| spec.operation());
        let result = match spec.run {
            Run::Read(f) => {
                catch_unwind(AssertUnwindSafe(|| f(&self.lab, &args, ctx).and_then(|r| shape.apply_query(r))))
            }
            Run::Write(f) | Run::WriteFromFile(f) | Run::Replace(f) => {
                // The journal stays out of the copy (it only grows, and copying it made
                // every write cost as much as all the writes before it).
                let journal = std::mem::take(&mut self.lab.journal);
                let mut copy = self.lab.clone();
                if !spec.journaled() {
                    copy.journal = journal.clone();
                }
                let r = catch_unwind(AssertUnwindSafe(|| f(&mut copy, &args, ctx).and_then(|r| shape.apply_query(r))));
                if matches!(r, Ok(Ok(_))) {
                    if spec.journaled() {
                        copy.journal = journal;
                        copy.journal.push(quote_line(words));
                    }
                    self.lab = copy;
                } else {
                    self.lab.journal = journal;
                }
                r
            }
        };
        let result = result.unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(CommandError::new(
                "InternalError",
                format!("cloudlab hit a bug running `{}`: {}; the lab is unchanged", spec.name, what),
            ))
        });
        match result {
            Ok(reply) => Ok((reply, shape)),
            Err(mut e) => {
                if e.operation.is_none() && e.code != "UsageError" && e.code != "KeyboardInterrupt" {
                    e.operation = aws_op;
                }
                if e.hint.is_none() && already_exists(&e.code) {
                    e.hint = Some("if this cell (or the whole notebook) ran before, the lab already has it: `reset` starts from a clean lab, as does Restart Kernel".into());
                }
                Err(e)
            }
        }
    }

    fn publish_reply(
        &mut self,
        reply: Reply,
        shape: Shape,
        publish: &mut dyn FnMut(Event),
    ) -> Result<(), CommandError> {
        let publish = &mut |e: Event| publish(capped(e));
        let limit = self.lab.settings.display_limit;
        let lang = self.lab.settings.lang;
        for (name, df) in &reply.kept {
            self.lab.results.insert(name.clone(), df.clone());
        }
        let last_table = reply.outputs.iter().rev().find_map(|o| match o {
            Output::Table(t) => Some(t.df.clone()),
            _ => None,
        });
        if let Some(df) = last_table {
            self.lab.results.insert("_".to_string(), df);
        }
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
                Output::Text(s) => {
                    publish(Event::Stream { stderr: false, text: format!("{}\n", i18n::text(lang, &s)) })
                }
                Output::Markdown(md) => {
                    let md = i18n::text(lang, &md);
                    let mut b = MimeBundle::new();
                    b.insert("text/plain".into(), Value::String(md.clone()));
                    b.insert("text/markdown".into(), Value::String(not_math(&md)));
                    publish(display(b));
                }
                Output::Table(t) => {
                    let title = t.title.as_deref().map(|s| i18n::text(lang, s));
                    let (df, hidden) =
                        if shape.wide { (t.df.clone(), 0) } else { table::narrow(&t.df, t.brief, lang)? };
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
                    b.insert(
                        "text/markdown".into(),
                        Value::String(table::to_markdown_in(&df, limit, title, note, lang)),
                    );
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
}

/// Errors a second run of the same cells gives: the resource (or the quota) is already taken.
fn already_exists(code: &str) -> bool {
    code.contains("AlreadyExists")
        || code.ends_with(".Duplicate")
        || (code.starts_with("Duplicate") && code != "DuplicateSubnetsInSameZone")
        || code == "VpcLimitExceeded"
}

/// A command's words as one line that lexes back to the same words.
pub fn quote_line(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if !w.is_empty() && w.chars().all(|c| !c.is_whitespace() && !"'\"#\\".contains(c)) {
                w.clone()
            } else {
                format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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
            table::escape(&pretty),
            table::escape(&note)
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
    let mut esc = table::escape(text);
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
        esc.push_str(&table::escape(&cut_note()));
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
fn error_outcome(e: &CommandError, line: Option<&cell::Line>, lang: Lang) -> Outcome {
    // What the user typed comes back cut: a 100 KB word need not be echoed twice.
    let cut = crate::suggest::cut_long_words;
    let evalue = cut(&e.line());
    let mut traceback = Vec::new();
    if let Some(l) = line {
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

/// The kernel's `language_info`, also written into the notebooks cloudlab saves: the native
/// and the browser kernel (lite/) both answer with this. `codemirror_mode` names the language
/// the jupyterlab-cloudlab extension registers (`cloudlab install` and the wheel install it);
/// `pygments_lexer` the Pygments lexer the wheel installs (python/cloudlab_pygments), which
/// nbconvert's handouts colour cells with.
pub fn language_info() -> Value {
    json!({
        "name": "cloudlab",
        "version": env!("CARGO_PKG_VERSION"),
        "mimetype": "text/x-cloudlab",
        "file_extension": ".cloudlab",
        "pygments_lexer": "cloudlab",
        "codemirror_mode": "cloudlab",
    })
}

impl Interpreter for Session {
    fn kernel_info(&self) -> KernelInfo {
        KernelInfo {
            implementation: "cloudlab".into(),
            implementation_version: env!("CARGO_PKG_VERSION").into(),
            language_info: language_info(),
            banner: format!(
                "cloudlab {} — an offline model of AWS (VPCs, EC2, prices, RDS/Aurora). Type `help`.",
                env!("CARGO_PKG_VERSION")
            ),
            help_links: vec![
                ("cloudlab commands".into(), "https://github.com/cloudlab/cloudlab/blob/main/README.md".into()),
                ("AWS CLI ec2 reference".into(), "https://docs.aws.amazon.com/cli/latest/reference/ec2/".into()),
                ("Amazon VPC User Guide".into(), "https://docs.aws.amazon.com/vpc/latest/userguide/".into()),
            ],
        }
    }

    fn execute(&mut self, request: &ExecuteRequest, publish: &mut dyn FnMut(Event)) -> Outcome {
        if crate::rust_cell::is_rust_cell(request.code) {
            if self.unsigned {
                let e = CommandError::new("Refused", "`%%rust` cells are refused: this kernel's messages are not signed (the connection file has an empty key)")
                    .with_hint("start the kernel with a signing key (Jupyter does by default) to run Rust cells");
                return error_outcome(&e, None, self.lab.settings.lang);
            }
            // Rust cells see a copy of the lab rebuilt from the journal; they never change it.
            let journal = self.lab.journal.clone();
            return self.rust.execute_rust(request.code, &journal, &request.cancel, publish);
        }
        // Progress of long work is published while a line runs; its results after.
        let publish = std::cell::RefCell::new(publish);
        let live = |e: Event| (publish.borrow_mut())(e);
        let ctx = Ctx::new(request.cancel.clone()).with_live(&live);
        let lines = match cell::split(request.code) {
            Ok(l) => l,
            Err(e) => {
                return error_outcome(&CommandError::new("SyntaxError", e.to_string()), None, self.lab.settings.lang)
            }
        };
        for line in &lines {
            if ctx.cancelled() {
                return error_outcome(&CommandError::interrupted(), Some(line), self.lab.settings.lang);
            }
            ctx.start_line();
            let ran = self.run_line(&line.words, &ctx);
            ctx.end_line();
            match ran {
                Ok((reply, shape)) => {
                    if let Err(e) = self.publish_reply(reply, shape, &mut **publish.borrow_mut()) {
                        return error_outcome(&e, Some(line), self.lab.settings.lang);
                    }
                }
                Err(mut e) => {
                    if e.hint.is_none() {
                        e.hint = crate::command::complete::did_you_mean(&self.lab, &line.words);
                    }
                    return error_outcome(&e, Some(line), self.lab.settings.lang);
                }
            }
        }
        Outcome::Ok
    }

    fn complete(&mut self, code: &str, cursor: usize) -> Completion {
        crate::command::complete::complete(&self.lab, code, cursor)
    }

    fn inspect(&mut self, code: &str, cursor: usize) -> Option<MimeBundle> {
        if let Some((markdown, plain)) = crate::command::complete::inspect_word(&self.lab, code, cursor) {
            let mut b = MimeBundle::new();
            b.insert("text/plain".into(), Value::String(plain));
            b.insert("text/markdown".into(), Value::String(markdown));
            return Some(b);
        }
        let spec = crate::command::complete::command_at(code, cursor)?;
        let text = spec.help_text(self.lab.settings.lang);
        let mut b = MimeBundle::new();
        b.insert("text/plain".into(), Value::String(text.clone()));
        b.insert("text/markdown".into(), Value::String(format!("```\n{}```", text)));
        Some(b)
    }

    fn is_complete(&mut self, code: &str) -> IsComplete {
        match cell::completeness(code) {
            cell::Completeness::Complete => IsComplete::Complete,
            cell::Completeness::Incomplete => IsComplete::Incomplete { indent: String::new() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(events: &[Event]) -> String {
        events
            .iter()
            .map(|e| match e {
                Event::Stream { text, .. } => text.clone(),
                Event::Display { data, .. } => data.get("text/plain").and_then(Value::as_str).unwrap_or("").to_string(),
                Event::Live { .. } => String::new(),
            })
            .collect()
    }

    #[test]
    fn markdown_dollars_are_not_math_but_code_keeps_them() {
        assert_eq!(not_math("cost $0.11 (incl. $0.06)"), r"cost \\$0.11 (incl. \\$0.06)");
        assert_eq!(not_math("`Version='$Latest'` and $1"), r"`Version='$Latest'` and \\$1");
    }

    #[test]
    fn lab_result_tables_show_lesson_columns_fit_the_page_and_wide_shows_all() {
        let mut s = Session::new();
        let (ev, _) = s.run_cell("simulate failover --runs 5");
        let t = text_of(&ev);
        assert!(t.contains("write_unavailable_s") && !t.contains("documented_min_s"), "{t}");
        assert!(t.contains("columns shown; `--wide` shows them all"), "{t}");
        let (ev, _) = s.run_cell("simulate failover --runs 5 --wide");
        assert!(text_of(&ev).contains("documented_min_s"));
        // `sql` still sees every column of the kept table.
        let (ev, _) = s.run_cell("sql SELECT documented_min_s FROM failover_summary LIMIT 1");
        assert!(text_of(&ev).contains("documented_min_s"));
        // A one-row result too wide for the page is read as field / value.
        s.run_cell("regions");
        let (ev, _) = s.run_cell("sql \"SELECT *, availability_zones AS again, name AS name2, availability_zones AS more FROM regions WHERE region = 'ap-northeast-2'\"");
        let t = text_of(&ev);
        assert!(t.contains("field") && t.contains("value") && t.lines().any(|l| l.starts_with("again ")), "{t}");
        assert!(t.lines().all(|l| crate::i18n::columns(l) <= 100), "{t}");
    }

    #[test]
    fn a_cell_run_twice_hints_at_reset() {
        let mut s = Session::new();
        let cell = "create-db-instance --db-instance-identifier orders --engine postgres --db-instance-class db.r6g.large --allocated-storage 100";
        assert_eq!(s.run_cell(cell).1, Outcome::Ok);
        match s.run_cell(cell).1 {
            Outcome::Error { ename, traceback, .. } => {
                assert_eq!(ename, "DBInstanceAlreadyExists");
                assert!(
                    traceback.iter().any(|l| l.contains("`reset`") && l.contains("Restart Kernel")),
                    "{:?}",
                    traceback
                );
            }
            Outcome::Ok => panic!("the second orders must be refused"),
        }
        assert!(
            already_exists("VpcLimitExceeded")
                && already_exists("InvalidGroup.Duplicate")
                && !already_exists("DuplicateSubnetsInSameZone")
        );
        assert!(!already_exists("InvalidVpc.Range"));
    }

    #[test]
    fn lang_ko_changes_cloudlabs_words_not_aws_words() {
        let mut s = Session::new();
        let cell = "create-db-instance --db-instance-identifier orders --engine postgres --db-instance-class db.r6g.large --allocated-storage 100";
        assert_eq!(s.run_cell(cell).1, Outcome::Ok);
        let Outcome::Error { evalue: en, .. } = s.run_cell(cell).1 else { panic!("refused") };
        assert_eq!(s.run_cell("lang ko\nreset\n").1, Outcome::Ok, "reset keeps the language");
        assert_eq!(s.lab.settings.lang, Lang::Ko);
        let (ev, _) = s.run_cell(&format!("{cell}\ndescribe-db-instances"));
        assert!(text_of(&ev).contains("DB 인스턴스 1개"), "{}", text_of(&ev));
        let Outcome::Error { evalue, traceback, .. } = s.run_cell(cell).1 else { panic!("refused") };
        assert_eq!(evalue, en);
        assert!(traceback.iter().any(|l| l.starts_with("힌트: ") && l.contains("`reset`")), "{traceback:?}");
        assert!(traceback.iter().any(|l| l.contains(&en)));
        let (ev, _) = s.run_cell("help");
        assert!(text_of(&ev).contains("`create-vpc` — VPC 생성"));
        assert_eq!(s.run_cell("lang en").1, Outcome::Ok);
        let Outcome::Error { traceback, .. } = s.run_cell(cell).1 else { panic!("refused") };
        assert!(traceback.iter().any(|l| l.starts_with("hint: ")), "{traceback:?}");
        assert!(s.run_cell("lang xx").1 != Outcome::Ok && s.lab.settings.lang == Lang::En);
    }

    #[test]
    fn describe_tables_show_lesson_columns_wide_shows_all_and_one_row_is_transposed() {
        let mut s = Session::new();
        let setup = "create-vpc --cidr-block 10.0.0.0/16 --name v\n\
                     create-subnet --vpc-id v --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a\n\
                     run-instances --instance-type t3.micro --subnet-id a --name w1";
        assert_eq!(s.run_cell(setup).1, Outcome::Ok);
        // One row: field / value, the lesson's columns, and a note naming --wide.
        let (ev, _) = s.run_cell("describe-instances");
        let t = text_of(&ev);
        assert!(t.contains("field") && t.contains("instance_type      t3.micro"), "{t}");
        assert!(!t.contains("private_dns_name") && t.contains("7 of 14 columns shown; `--wide` shows them all"), "{t}");
        assert!(t.lines().all(|l| l.chars().count() <= 100), "{t}");
        // `_` and `sql` keep every column.
        assert_eq!(s.lab.results["_"].width(), 14);
        // --wide: every column, one row as a row.
        let (ev, _) = s.run_cell("describe-instances --wide");
        let t = text_of(&ev);
        assert!(t.contains("private_dns_name") && !t.contains("columns shown") && !t.contains("field"), "{t}");
        // Two rows: a narrow table, at most 8 columns within 100 characters.
        assert_eq!(s.run_cell("run-instances --instance-type t3.micro --subnet-id a --name w2").1, Outcome::Ok);
        let (ev, _) = s.run_cell("describe-instances");
        let t = text_of(&ev);
        let header = t.lines().nth(1).expect("header");
        assert!(header.starts_with("instance_id") && header.split_whitespace().count() <= 8, "{t}");
        assert!(t.lines().all(|l| l.chars().count() <= 100), "{t}");
        assert!(crate::tables::brief("volumes").is_some_and(|c| c.len() <= 8));
    }

    #[test]
    fn echo_and_stop_at_first_error() {
        let mut s = Session::new();
        let (ev, out) = s.run_cell("echo hello, world\nregion ap-northeast-2\nregion nowhere-1\necho never");
        assert!(text_of(&ev).contains("hello, world"));
        assert!(!text_of(&ev).contains("never"));
        match out {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "InvalidParameterValue");
                assert!(evalue.contains("nowhere-1"));
            }
            Outcome::Ok => panic!("region nowhere-1 must fail"),
        }
        // The command before the failing one kept its effect.
        assert_eq!(s.lab.region, "ap-northeast-2");
    }

    #[test]
    fn json_output_and_tables_are_kept() {
        let mut s = Session::new();
        let (ev, out) = s.run_cell("regions --output json");
        assert_eq!(out, Outcome::Ok);
        let v: Value = serde_json::from_str(&text_of(&ev)).expect("valid JSON");
        assert!(v["Regions"].as_array().map_or(0, |a| a.len()) >= 30);
        assert!(s.lab.results.contains_key("regions"));
        assert!(s.lab.results.contains_key("_"));
    }

    #[test]
    fn query_filters_the_json_result_and_a_bad_one_changes_nothing() {
        let mut s = Session::new();
        let (ev, out) = s.run_cell(
            "create-vpc --cidr-block 10.0.0.0/16 --name prod\n\
             create-vpc --cidr-block 10.1.0.0/16 --name test\n\
             describe-vpcs --query \"Vpcs[?CidrBlock=='10.1.0.0/16'].CidrBlock\"",
        );
        assert_eq!(out, Outcome::Ok, "{}", text_of(&ev));
        let shown = ev.last().map(|e| text_of(std::slice::from_ref(e))).unwrap_or_default();
        let v: Value = serde_json::from_str(&shown).expect("valid JSON");
        assert_eq!(v, json!(["10.1.0.0/16"]));

        let (ev, out) = s.run_cell("describe-vpcs --query 'Vpcs[].CidrBlock' --output text");
        assert_eq!(out, Outcome::Ok);
        assert_eq!(text_of(&ev).trim(), "10.0.0.0/16\t10.1.0.0/16");

        let journal = s.lab.journal.len();
        let (_, out) = s.run_cell("create-vpc --cidr-block 10.2.0.0/16 --query 'Vpc.['");
        match out {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "ParamValidation");
                assert!(evalue.contains("Bad value for --query"), "{}", evalue);
            }
            Outcome::Ok => panic!("a bad --query must fail"),
        }
        assert_eq!(s.lab.network.vpcs.len(), 2, "the failing line created nothing");
        assert_eq!(s.lab.journal.len(), journal);
    }

    #[test]
    fn a_query_that_fails_after_a_write_changes_nothing() {
        let mut s = Session::new();
        let journal = s.lab.journal.len();
        // The query compiles but cannot be applied to the result (abs of an object).
        let (_, out) = s.run_cell("create-vpc --cidr-block 10.2.0.0/16 --query 'abs(Vpc)'");
        match out {
            Outcome::Error { evalue, traceback, .. } => {
                assert!(evalue.contains("--query"), "{evalue}");
                assert!(traceback.iter().any(|l| l.contains("changed nothing")));
            }
            Outcome::Ok => panic!("abs(Vpc) must fail"),
        }
        assert_eq!(s.lab.network.vpcs.len(), 0, "the VPC was kept although the command failed");
        assert_eq!(s.lab.journal.len(), journal);
        // The same line with a query that applies keeps the VPC, journaled once.
        let (ev, out) = s.run_cell("create-vpc --cidr-block 10.2.0.0/16 --query 'Vpc.CidrBlock' --output text");
        assert_eq!(out, Outcome::Ok);
        assert_eq!(text_of(&ev).trim(), "10.2.0.0/16");
        assert_eq!(s.lab.network.vpcs.len(), 1);
        assert_eq!(s.lab.journal.len(), journal + 1);
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

    #[test]
    fn unsigned_kernels_refuse_rust_cells() {
        let mut s = Session { unsigned: true, ..Session::new() };
        match s.run_cell("%%rust\n1 + 1").1 {
            Outcome::Error { evalue, .. } => assert!(evalue.contains("not signed"), "{evalue}"),
            Outcome::Ok => panic!("an unsigned kernel must refuse %%rust"),
        }
    }

    #[test]
    fn syntax_and_unknown_command_errors() {
        let mut s = Session::new();
        assert!(matches!(s.run_cell("echo 'open").1, Outcome::Error { ref ename, .. } if ename == "SyntaxError"));
        assert!(matches!(s.run_cell("ecoh x").1, Outcome::Error { ref evalue, .. } if evalue.contains("echo")));
    }
}

/// Property: whatever sequence of commands a class types, a command that fails leaves
/// every table of the lab exactly as it was (issue 9).
#[cfg(test)]
mod property_tests {
    use super::*;
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
            let mut s = Session::new();
            let mut failures = 0;
            for c in &cmds {
                let before = snapshot(&s.lab);
                let (_, outcome) = s.run_cell(c);
                if let Outcome::Error { ename, .. } = outcome {
                    failures += 1;
                    prop_assert_ne!(ename.as_str(), "InternalError", "{} panicked", c);
                    prop_assert_eq!(&before, &snapshot(&s.lab), "failing `{}` changed the lab", c);
                }
            }
            let _ = failures;
        }
    }
}
