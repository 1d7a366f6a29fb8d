//! `save PATH` / `load PATH`: the whole session as versioned JSON. The file holds the
//! region, the settings and the journal (every write command that succeeded); `load`
//! replays the journal into a fresh lab and replaces the current one only if every line
//! succeeds, so a damaged, foreign or newer file leaves the session as it was.

use crate::kernel::ename;
use std::path::Path;

use serde_json::{json, Value};

use crate::command::files::{read_text, write_atomically, MAX_SESSION_FILE};
use crate::command::{apply_cell, Args, CommandError, CommandSpec, Ctx, Reply, Run};
use crate::lab::Lab;

/// The `format` field of a session file.
pub const FORMAT: &str = "cloudlab-session";
/// The newest session file version this build reads and the one it writes.
pub const VERSION: u64 = 1;

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "save",
            service: "lab",
            summary: "save the session (model + settings) to a JSON file",
            usage: "save PATH",
            help: "Writes {\"format\": \"cloudlab-session\", \"version\": 1, \"region\", \"settings\", \"journal\"}: \
                   the journal is every command that changed the lab, in order, so `load` rebuilds exactly \
                   this lab. The file is written atomically (temporary file + rename).",
            flags: &[],
            run: Run::Read(save),
        },
        CommandSpec {
            name: "load",
            service: "lab",
            summary: "replace the session with one saved by `save`",
            usage: "load PATH",
            help: "Replays the file's journal into a fresh lab; only when every line succeeds does it replace \
                   the current lab. A damaged, foreign or newer-version file, or a failing line, is an error \
                   that leaves the session as it was.\n\
                   A session file is data: each journal entry must be one command that builds the model \
                   (create-…, modify-…, region, set, …). A file holding `%%rust` code, `load`, `save`, \
                   `export`, `import aws-cli`, `pricing load` or any read command is refused whole, naming \
                   the entries. PATH must be a regular file of at most 64 MiB.",
            flags: &[],
            run: Run::Replace(load),
        },
    ]
}

/// A journal line that failed while rebuilding a lab.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplayError {
    /// 1-based position in the journal.
    pub line: usize,
    pub command: String,
    pub ename: String,
    pub evalue: String,
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "journal line {} `{}` failed: {} ({})", self.line, self.command, self.evalue, self.ename)
    }
}

impl std::error::Error for ReplayError {}

/// Rebuilds a lab by applying each journal line, in order, to a fresh lab.
/// `%%rust` cells use it to give Rust code a copy of the notebook's model.
pub fn replay(journal: &[String]) -> Result<Lab, ReplayError> {
    replay_checked(journal, &Ctx::detached())
}

/// Why a session file may not hold this journal line, if it may not. A session file is
/// data someone else may have written: it may only rebuild the model, one model-writing
/// command per entry — never run code (`%%rust`), read or write files (`save`, `export`,
/// `import`, `pricing load`) or load another session.
pub fn refused_in_session_file(entry: &str) -> Option<String> {
    if entry.trim_start().starts_with("%%") {
        return Some("a session file holds commands, never `%%` cells or code".into());
    }
    if entry.contains(['\n', '\r']) {
        return Some("an entry must be one line".into());
    }
    let lines = match crate::cell::split(entry) {
        Ok(l) => l,
        Err(e) => return Some(format!("it does not parse ({})", e.message)),
    };
    let [line] = lines.as_slice() else {
        return Some(format!("an entry must be exactly one command, this has {}", lines.len()));
    };
    let spec = match crate::command::resolve(&line.words) {
        Ok((spec, _)) => spec,
        Err(e) => return Some(e.message),
    };
    let why = match spec.run {
        Run::Write(_) => return None,
        Run::WriteFromFile(_) => "reads a local file",
        Run::Replace(_) => "replaces the whole session",
        Run::Read(_) => "does not change the model (it may read or write files)",
    };
    Some(format!("`{}` {}; a session file may only hold commands that build the model", spec.name, why))
}

fn replay_checked(journal: &[String], ctx: &Ctx) -> Result<Lab, ReplayError> {
    let mut lab = Lab::default();
    for (i, line) in journal.iter().enumerate() {
        let fail = |ename: String, evalue: String| ReplayError { line: i + 1, command: line.clone(), ename, evalue };
        if ctx.cancelled() {
            return Err(fail(ename::KEYBOARD_INTERRUPT.into(), "interrupted by the user".into()));
        }
        // Each line on its own context (the user interrupts the whole replay, above); the
        // replies are not shown.
        if let Err(e) = apply_cell(&mut lab, line, &Ctx::detached(), &mut |_, _| Ok(())) {
            return Err(fail(e.error.code.clone(), e.evalue()));
        }
    }
    Ok(lab)
}

/// At most `n` characters of `s`, with `…` when cut.
fn cut(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\r'], "⏎");
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// The session file's text for this lab: stable key order, two-space indent, final newline.
pub fn session_json(lab: &Lab) -> String {
    let v = json!({
        "format": FORMAT,
        "version": VERSION,
        "region": lab.region,
        "settings": { "display_limit": lab.settings.display_limit },
        "journal": lab.journal,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// What a session file holds, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionFile {
    pub region: String,
    pub display_limit: Option<usize>,
    pub journal: Vec<String>,
}

fn damaged(path: &str, why: impl std::fmt::Display) -> CommandError {
    CommandError::new("InvalidSessionFile", format!("'{}' is not a usable cloudlab session file: {}", path, why))
        .with_hint("the session is unchanged; `save PATH` writes a file `load` reads")
}

/// Parses and checks a session file's text (`path` only names it in errors).
pub fn parse_session(text: &str, path: &str) -> Result<SessionFile, CommandError> {
    let v: Value = serde_json::from_str(text).map_err(|e| damaged(path, format!("not valid JSON ({})", e)))?;
    let obj = v.as_object().ok_or_else(|| damaged(path, "the top level is not a JSON object"))?;
    match obj.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(damaged(path, format!("its format is '{}', not '{}'", other, FORMAT))),
        None => return Err(damaged(path, format!("it has no \"format\": \"{}\" field", FORMAT))),
    }
    let version = obj
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| damaged(path, "it has no whole-number \"version\""))?;
    if version > VERSION {
        return Err(CommandError::new(
            "UnsupportedVersion",
            format!("'{}' is a version {} session file; this cloudlab reads versions up to {}", path, version, VERSION),
        )
        .with_hint("upgrade cloudlab to load it; the session is unchanged"));
    }
    if version == 0 {
        return Err(damaged(path, "version 0 does not exist"));
    }
    let region = obj
        .get("region")
        .and_then(Value::as_str)
        .ok_or_else(|| damaged(path, "it has no \"region\" string"))?
        .to_string();
    let display_limit = match obj.get("settings").and_then(|s| s.get("display_limit")) {
        None => None,
        Some(n) => Some(
            n.as_u64()
                .filter(|n| (1..=crate::command::basic::MAX_DISPLAY_LIMIT as u64).contains(n))
                .ok_or_else(|| damaged(path, "settings.display_limit is not a whole number from 1 to 10000"))?
                as usize,
        ),
    };
    let journal = obj
        .get("journal")
        .and_then(Value::as_array)
        .ok_or_else(|| damaged(path, "it has no \"journal\" list"))?
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.as_str()
                .map(String::from)
                .ok_or_else(|| damaged(path, format!("journal entry {} is not a string", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SessionFile { region, display_limit, journal })
}

fn save(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let path = a.required_pos(0, "the file to write, e.g. lab.json")?;
    let text = session_json(lab);
    write_atomically(Path::new(path), |f| f.write_all(text.as_bytes()).map_err(|e| e.to_string()))?;
    let refused = lab.journal.iter().filter(|l| refused_in_session_file(l).is_some()).count();
    let warning = if refused > 0 {
        format!("\nnote: {refused} journal entr{} (`import aws-cli`, `pricing load`) read local files; `load` will refuse this file", if refused == 1 { "y" } else { "ies" })
    } else {
        String::new()
    };
    Ok(Reply::text(format!("saved the session to {} ({} commands in the journal){}", path, lab.journal.len(), warning))
        .with_json(json!({ "path": path, "journal_length": lab.journal.len(), "version": VERSION })))
}

fn load(lab: &mut Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let path = a.required_pos(0, "the session file to read")?;
    let text = read_text(path, MAX_SESSION_FILE, "load").map_err(|e| e.with_hint("the session is unchanged"))?;
    let file = parse_session(&text, path)?;
    let refused: Vec<String> = file
        .journal
        .iter()
        .enumerate()
        .filter_map(|(i, l)| refused_in_session_file(l).map(|why| format!("line {} `{}`: {}", i + 1, cut(l, 80), why)))
        .collect();
    if !refused.is_empty() {
        let shown = refused.iter().take(5).cloned().collect::<Vec<_>>().join("; ");
        let more = if refused.len() > 5 { format!(" (and {} more)", refused.len() - 5) } else { String::new() };
        return Err(CommandError::new(
            "RefusedSessionFile",
            format!(
                "'{}': {} journal entr{} refused: {}{}",
                path,
                refused.len(),
                if refused.len() == 1 { "y" } else { "ies" },
                shown,
                more
            ),
        )
        .with_hint("nothing was loaded or run; the session is unchanged"));
    }
    let mut fresh = replay_checked(&file.journal, ctx).map_err(|e| {
        CommandError::new(ename::LOAD_ERROR, format!("'{}': {}", path, e))
            .with_hint("nothing was loaded; the session is unchanged")
    })?;
    if crate::model::regions::find(&file.region).is_none() {
        return Err(damaged(path, format!("unknown region '{}'", file.region)));
    }
    fresh.region = file.region;
    if let Some(n) = file.display_limit {
        fresh.settings.display_limit = n;
    }
    // The reader's language is the kernel's, not the saved model's.
    fresh.settings.lang = lab.settings.lang;
    let n = fresh.journal.len();
    *lab = fresh;
    Ok(Reply::text(format!("loaded {} ({} commands replayed; region {})", path, n, lab.region))
        .with_json(json!({ "path": path, "journal_length": n, "region": lab.region })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The replies of a cell's lines, or its error as `code: evalue`.
    fn run(lab: &mut Lab, cell: &str) -> Result<Vec<Reply>, String> {
        let mut replies = Vec::new();
        apply_cell(lab, cell, &Ctx::detached(), &mut |_, a| {
            replies.push(a.reply);
            Ok(())
        })
        .map_err(|e| format!("{}: {}", e.error.code, e.evalue()))?;
        Ok(replies)
    }

    fn ok(lab: &mut Lab, cell: &str) {
        if let Err(e) = run(lab, cell) {
            panic!("{cell}: {e}");
        }
    }

    fn ename(lab: &mut Lab, cell: &str) -> String {
        run(lab, cell).err().unwrap_or_else(|| "Ok".into())
    }

    #[test]
    fn save_load_save_is_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
        let mut s = Lab::default();
        ok(&mut s, "region ap-northeast-2\nset display-limit 7\necho not journaled\nregion eu-west-1");
        assert_eq!(s.journal.len(), 3);
        ok(&mut s, &format!("save {}", a.display()));
        let mut t = Lab::default();
        ok(&mut t, &format!("load {}", a.display()));
        assert_eq!(t.region, "eu-west-1");
        assert_eq!(t.settings.display_limit, 7);
        assert_eq!(t.journal, s.journal);
        ok(&mut t, &format!("save {}", b.display()));
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        let v: Value = serde_json::from_slice(&std::fs::read(&a).unwrap()).unwrap();
        assert_eq!(v["format"], FORMAT);
        assert_eq!(v["version"], 1);
        // Loading is not journaled: a reload does not grow the journal.
        ok(&mut t, &format!("load {}", a.display()));
        assert_eq!(t.journal.len(), 3);
    }

    #[test]
    fn load_keeps_the_readers_language() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        let mut s = Lab::default();
        ok(&mut s, &format!("lang en\nregion eu-west-1\nsave {}", a.display()));
        ok(&mut s, &format!("lang ko\nreset\nload {}", a.display()));
        assert_eq!(s.settings.lang, crate::i18n::Lang::Ko);
        assert_eq!(s.region, "eu-west-1");
    }

    #[test]
    fn damaged_foreign_and_newer_files_leave_the_lab_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Lab::default();
        ok(&mut s, "region ap-northeast-2");
        let before = session_json(&s);
        let cases = [
            ("broken.json", "{\"format\": \"cloudlab-session\", \"vers".to_string(), "InvalidSessionFile"),
            ("foreign.json", "{\"format\": \"ipynb\", \"version\": 1}".to_string(), "InvalidSessionFile"),
            ("array.json", "[1, 2]".to_string(), "InvalidSessionFile"),
            (
                "newer.json",
                "{\"format\": \"cloudlab-session\", \"version\": 2, \"region\": \"us-east-1\", \"journal\": []}".to_string(),
                "UnsupportedVersion",
            ),
            (
                "badline.json",
                "{\"format\": \"cloudlab-session\", \"version\": 1, \"region\": \"us-east-1\", \"journal\": [\"region us-west-2\", \"region nowhere-9\"]}"
                    .to_string(),
                "LoadError",
            ),
        ];
        for (name, text, code) in cases {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            let e = ename(&mut s, &format!("load {}", p.display()));
            assert!(e.starts_with(code), "{}: {}", name, e);
            if code == "LoadError" {
                assert!(e.contains("journal line 2") && e.contains("nowhere-9"), "{}", e);
            }
            assert_eq!(session_json(&s), before, "{} changed the lab", name);
        }
        assert!(ename(&mut s, &format!("load {}", dir.path().join("missing.json").display())).starts_with("IOError"));
        assert_eq!(s.region, "ap-northeast-2");
    }

    #[test]
    fn a_session_file_is_data_and_never_acts() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, journal: &[String]| {
            let p = dir.path().join(name);
            let v = json!({"format": FORMAT, "version": 1, "region": "us-east-1", "journal": journal});
            std::fs::write(&p, v.to_string()).unwrap();
            p.display().to_string()
        };
        let mut s = Lab::default();
        ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name keep");
        let before = session_json(&s);
        // A file that loads itself, and two that load each other, overflowed the stack.
        let me = dir.path().join("self.json").display().to_string();
        file("self.json", &[format!("load {me}")]);
        let b = dir.path().join("b.json").display().to_string();
        let a = file("a.json", &[format!("load {b}")]);
        file("b.json", &[format!("load {a}")]);
        let planted = dir.path().join("planted.txt").display().to_string();
        let rust = file(
            "rust.json",
            &[
                "create-vpc --cidr-block 10.9.0.0/16".into(),
                "%%rust\nstd::fs::write(\"/tmp/pwned\", \"x\").unwrap();".into(),
            ],
        );
        let export = file("export.json", &[format!("export vpcs {planted}")]);
        let save = file("save.json", &[format!("save {planted}")]);
        let two =
            file("two.json", &["create-vpc --cidr-block 10.1.0.0/16\ncreate-vpc --cidr-block 10.2.0.0/16".into()]);
        let import = file("import.json", &[format!("import aws-cli {planted}"), format!("pricing load {planted}")]);
        for (path, says) in [
            (me.clone(), "`load` replaces the whole session"),
            (a.clone(), "`load` replaces the whole session"),
            (rust, "never `%%` cells"),
            (export, "`export` does not change the model"),
            (save, "`save` does not change the model"),
            (two, "one line"),
            (import, "`pricing load` reads a local file"),
        ] {
            let e = ename(&mut s, &format!("load {path}"));
            assert!(e.starts_with("RefusedSessionFile") && e.contains(says), "{path}: {e}");
            assert_eq!(session_json(&s), before, "{path} changed the lab");
        }
        assert!(!Path::new(&planted).exists(), "a session file wrote a file");
        // Saving a lab that read a file says that `load` will refuse it.
        let prices = dir.path().join("p.csv");
        std::fs::write(&prices, "InstanceType,Region,Price\nt3.micro,us-east-1,0.0104\n").unwrap();
        ok(&mut s, &format!("pricing load {}", prices.display()));
        let replies = run(&mut s, &format!("save {}", dir.path().join("with-prices.json").display())).unwrap();
        assert!(format!("{replies:?}").contains("`load` will refuse this file"), "{replies:?}");
        // Devices and directories are not read.
        assert!(ename(&mut s, "load /dev/zero").starts_with("InvalidPath"));
        assert!(ename(&mut s, &format!("load {}", dir.path().display())).starts_with("InvalidPath"));
    }

    #[test]
    fn save_refuses_a_directory_and_replay_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Lab::default();
        assert!(ename(&mut s, &format!("save {}", dir.path().display())).starts_with("InvalidPath"));
        let Err(e) = replay(&["region us-west-2".into(), "bogus-command".into()]) else {
            panic!("bogus-command must fail")
        };
        assert_eq!(e.line, 2);
        assert_eq!(e.ename, "UnknownCommand");
        let lab = replay(&["region us-west-2".into()]).unwrap();
        assert_eq!(lab.region, "us-west-2");
    }
}
