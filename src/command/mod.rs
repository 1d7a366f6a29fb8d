//! Commands: a cell's lines turned into calls on the model.
//!
//! Each command is one [`CommandSpec`] — name, help, flags (for parsing and completion)
//! and the function that runs it — kept in the file of its group. The registry here only
//! finds them: `aws ec2 create-vpc`, `ec2 create-vpc` and `create-vpc` are the same command,
//! and lab commands may have two words (`simulate replication`).

pub mod apply;
mod args;
pub(crate) mod basic;
pub mod complete;
pub mod files;
pub mod publish;
pub mod query;
pub(crate) mod region;
mod reply;
pub(crate) mod shapes;
pub(crate) mod shorthand;

pub mod analysis;
pub mod compute;
pub mod database;
pub mod network;
pub mod scaling;
pub mod storage;

use crate::kernel::ename;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

pub use apply::{apply, apply_cell};
pub use args::{Args, Flag};
pub use reply::{CommandError, Output, Reply, Table};

use crate::i18n::{self, Lang};
use crate::lab::Lab;

/// A command that changes the lab.
pub type WriteFn = fn(&mut Lab, &Args, &Ctx) -> Result<Reply, CommandError>;

/// How a command runs: a read gets the lab shared (the compiler guarantees it changes
/// nothing), a write gets it mutably and runs on a copy the session keeps only on success.
/// The kind of write also says whether the line is journaled and whether a session file
/// may hold it (see [`CommandSpec::journaled`], [`CommandSpec::allowed_in_session_file`]).
#[derive(Clone, Copy)]
pub enum Run {
    Read(fn(&Lab, &Args, &Ctx) -> Result<Reply, CommandError>),
    /// Changes the model from its arguments alone: journaled, and `load` replays it.
    Write(WriteFn),
    /// Changes the model from a local file (`import aws-cli`, `pricing load`): journaled so
    /// this notebook's `%%rust` copy rebuilds, but a session file (data someone else may
    /// have written) may not hold it.
    WriteFromFile(WriteFn),
    /// Replaces the whole lab, journal included (`load`, `reset`): not journaled.
    Replace(WriteFn),
}

/// One command: everything the parser, `help`, completion and `inspect` need.
pub struct CommandSpec {
    /// The name typed in a cell: `create-vpc`, `reach`, `simulate replication`.
    pub name: &'static str,
    /// The AWS service for CLI operations (`ec2`, `rds`, `elbv2`, `autoscaling`,
    /// `cloudwatch`), or `lab` for cloudlab's own commands.
    pub service: &'static str,
    /// One line: what it does.
    pub summary: &'static str,
    /// Usage line(s), e.g. `create-vpc --cidr-block CIDR [--name NAME]`.
    pub usage: &'static str,
    /// Longer help: what it models, AWS rules it follows, an example.
    pub help: &'static str,
    /// Flags it accepts (global ones such as `--output` are added by the parser).
    pub flags: &'static [Flag],
    pub run: Run,
}

impl CommandSpec {
    /// The AWS API operation name for error messages: `create-vpc` → `CreateVpc`; RDS
    /// spells its `db` in capitals (`create-db-instance` → `CreateDBInstance`).
    pub fn operation(&self) -> String {
        self.name
            .split(['-', ' '])
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    _ if w == "db" => "DB".to_string(),
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect()
    }

    /// True when a successful run is added to the lab's journal.
    pub fn journaled(&self) -> bool {
        matches!(self.run, Run::Write(_) | Run::WriteFromFile(_))
    }

    /// True when a session file may hold this command: it only rebuilds the model from its
    /// own arguments (no files read or written, no code run, no other session loaded).
    pub fn allowed_in_session_file(&self) -> bool {
        matches!(self.run, Run::Write(_))
    }

    /// The function of a command that changes the lab.
    pub fn write_fn(&self) -> Option<WriteFn> {
        match self.run {
            Run::Read(_) => None,
            Run::Write(f) | Run::WriteFromFile(f) | Run::Replace(f) => Some(f),
        }
    }

    /// Help as Markdown-ish plain text, for `help NAME`, `NAME --help` and inspect: the
    /// summary, the long help, the labels and each flag's help in `lang`; the usage line,
    /// flag names and AWS's words stay as they are.
    pub fn help_text(&self, lang: Lang) -> String {
        let label = |id, en| i18n::phrase(lang, id).unwrap_or(en);
        let mut s = format!(
            "{} — {}\n\n{} {}\n",
            self.name,
            i18n::summary(lang, self.name, self.summary),
            label("term.usage", "Usage:"),
            self.usage
        );
        if !self.help.is_empty() {
            s.push('\n');
            s.push_str(i18n::help(lang, self.name, self.help).trim_end());
            s.push('\n');
        }
        if !self.flags.is_empty() {
            s.push_str(&format!("\n{}\n", label("term.flags", "Flags:")));
            for f in self.flags {
                let v = if f.takes_value { " VALUE" } else { "" };
                s.push_str(&format!("  --{}{}  {}\n", f.name, v, i18n::term(lang, f.help)));
            }
        }
        s
    }
}

/// What a running command may ask of its surroundings.
pub struct Ctx<'a> {
    cancel: Arc<AtomicBool>,
    /// Where progress goes (the kernel's iopub); `None`: nowhere.
    live: Option<&'a dyn Fn(crate::kernel::Event)>,
    progress: std::cell::RefCell<Progress>,
}

/// Progress of the running line: shown only once it has run for [`PROGRESS_AFTER`].
struct Progress {
    started: Option<crate::clock::Instant>,
    /// The display's id and when it was last updated, once shown.
    shown: Option<(String, crate::clock::Instant)>,
}

/// Work that ends sooner shows no progress at all.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);
/// At most this often is the progress line redrawn.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

impl Ctx<'static> {
    pub fn new(cancel: Arc<AtomicBool>) -> Ctx<'static> {
        Ctx { cancel, live: None, progress: std::cell::RefCell::new(Progress { started: None, shown: None }) }
    }

    /// A context that is never cancelled (tests, `cloudlab exec`).
    pub fn detached() -> Ctx<'static> {
        Ctx::new(Arc::new(AtomicBool::new(false)))
    }
}

impl<'a> Ctx<'a> {
    /// The same context, publishing progress of long work to `live`.
    pub fn with_live<'b>(self, live: &'b dyn Fn(crate::kernel::Event)) -> Ctx<'b> {
        Ctx { cancel: self.cancel, live: Some(live), progress: self.progress }
    }

    /// Starts the clock for a new line (its progress starts hidden).
    pub fn start_line(&self) {
        if self.live.is_some() {
            *self.progress.borrow_mut() = Progress { started: Some(crate::clock::instant()), shown: None };
        }
    }

    /// Reports how far long work is (`done` of `total` `unit`s). Shown as a line updated
    /// in place once the line has run for a second; fast work shows nothing.
    pub fn progress(&self, what: &str, done: f64, total: f64, unit: &str) {
        let Some(live) = self.live else { return };
        let mut p = self.progress.borrow_mut();
        let Some(started) = p.started else { return };
        let now = crate::clock::instant();
        let elapsed = now - started;
        if elapsed < PROGRESS_AFTER {
            return;
        }
        let update = match &p.shown {
            Some((_, last)) if now - *last < PROGRESS_EVERY => return,
            Some(_) => true,
            None => false,
        };
        let display_id = match &p.shown {
            Some((id, _)) => id.clone(),
            None => {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                // Unique per kernel process, so a restarted kernel never updates an old output
                // (the browser has no process ID: its start time in ms instead).
                #[cfg(not(target_family = "wasm"))]
                let kernel = std::process::id() as u128;
                #[cfg(target_family = "wasm")]
                let kernel = crate::clock::now_millis();
                format!("cloudlab-progress-{}-{}", kernel, NEXT.fetch_add(1, Ordering::Relaxed))
            }
        };
        p.shown = Some((display_id.clone(), now));
        live(crate::kernel::Event::Live {
            display_id,
            data: progress_bundle(what, done, total, unit, elapsed),
            update,
        });
    }

    /// Removes the progress line, if one was shown: the result replaces it.
    pub fn end_line(&self) {
        let Some(live) = self.live else { return };
        let shown = self.progress.borrow_mut().shown.take();
        if let Some((display_id, _)) = shown {
            let mut data = crate::kernel::MimeBundle::new();
            data.insert("text/plain".into(), serde_json::Value::String(String::new()));
            live(crate::kernel::Event::Live { display_id, data, update: true });
        }
    }

    /// True once the user has interrupted the kernel; long work checks it often.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// `Err(interrupted)` once the user has interrupted: `ctx.check()?` in loops.
    pub fn check(&self) -> Result<(), CommandError> {
        if self.cancelled() {
            Err(CommandError::interrupted())
        } else {
            Ok(())
        }
    }
}

/// The AWS service names a line may start with (after an optional `aws`).
pub const SERVICES: &[&str] = &["ec2", "rds", "elbv2", "autoscaling", "cloudwatch"];

/// Every command, in help order.
pub fn all() -> &'static [CommandSpec] {
    static ALL: OnceLock<Vec<CommandSpec>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = basic::commands();
        v.extend(network::commands());
        v.extend(compute::commands());
        v.extend(database::commands());
        v.extend(scaling::commands());
        v.extend(storage::commands());
        v.extend(analysis::commands());
        v
    })
}

/// The command with exactly this name.
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    all().iter().find(|c| c.name == name)
}

/// Splits a line's words into the command and its arguments: strips `aws` and a service
/// name, and prefers a two-word lab command (`simulate replication`) to a one-word one.
pub fn resolve(words: &[String]) -> Result<(&'static CommandSpec, &[String]), CommandError> {
    let mut rest = words;
    let mut service = None;
    if rest.first().map(String::as_str) == Some("aws") {
        rest = &rest[1..];
        if rest.is_empty() {
            return Err(CommandError::new(
                ename::USAGE_ERROR,
                "`aws` needs a service and an operation, e.g. `aws ec2 describe-vpcs`",
            ));
        }
    }
    if let Some(first) = rest.first() {
        if SERVICES.contains(&first.as_str()) && rest.len() > 1 {
            service = Some(first.clone());
            rest = &rest[1..];
        }
    }
    let Some(first) = rest.first() else {
        return Err(CommandError::new(ename::USAGE_ERROR, "empty command"));
    };
    if rest.len() > 1 {
        let two = format!("{} {}", first, rest[1]);
        if let Some(spec) = find(&two) {
            return Ok((spec, &rest[2..]));
        }
    }
    if let Some(spec) = find(first) {
        if let Some(svc) = service {
            if spec.service != svc {
                return Err(CommandError::new(
                    "UnknownCommand",
                    format!(
                        "`{}` is not an operation of `aws {}` (it belongs to {})",
                        crate::suggest::echo(first),
                        svc,
                        spec.service
                    ),
                ));
            }
        }
        return Ok((spec, &rest[1..]));
    }
    let mut msg = format!("unknown command `{}`", crate::suggest::echo(first));
    if let Some(close) = closest(first, all().iter().map(|c| c.name)) {
        msg.push_str(&format!(" — did you mean `{}`?", close));
    }
    msg.push_str(" (`help` lists every command)");
    Err(CommandError::new("UnknownCommand", msg))
}

pub use crate::suggest::closest;

#[cfg(test)]
mod rules_tests;

/// A progress line: a text bar for consoles, an HTML `<progress>` for notebooks.
fn progress_bundle(
    what: &str,
    done: f64,
    total: f64,
    unit: &str,
    elapsed: std::time::Duration,
) -> crate::kernel::MimeBundle {
    let frac = if total > 0.0 { (done / total).clamp(0.0, 1.0) } else { 0.0 };
    const WIDTH: usize = 24;
    let filled = (frac * WIDTH as f64).round() as usize;
    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(WIDTH - filled));
    let fmt = |x: f64| if x.fract() == 0.0 { format!("{}", x as i64) } else { format!("{:.1}", x) };
    let count = format!("{} / {} {}", fmt(done), fmt(total), unit);
    let secs = elapsed.as_secs_f64();
    let text = format!("{what} {bar} {:>3.0}%  {count}  ({secs:.1} s)", frac * 100.0);
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let html = format!(
        "<div class=\"cloudlab-progress\" role=\"progressbar\" aria-valuenow=\"{:.0}\" aria-valuemin=\"0\" aria-valuemax=\"100\" \
aria-label=\"{}\" style=\"font-family: var(--jp-code-font-family, monospace); font-size: var(--jp-code-font-size, 13px)\">\
{} <progress value=\"{:.4}\" max=\"1\" style=\"vertical-align: middle; width: 16em\"></progress> {:.0}% &nbsp;{} &nbsp;({:.1} s)</div>",
        frac * 100.0,
        esc(&text),
        esc(what),
        frac,
        frac * 100.0,
        esc(&count),
        secs
    );
    let mut b = crate::kernel::MimeBundle::new();
    b.insert("text/plain".into(), serde_json::Value::String(text));
    b.insert("text/html".into(), serde_json::Value::String(html));
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn aws_prefix_and_service_are_optional() {
        for line in ["aws ec2 echo hi", "echo hi"] {
            let w = words(line);
            let r = resolve(&w);
            // `echo` is a lab command: `aws ec2 echo` is refused, plain `echo` resolves.
            if line.starts_with("aws") {
                assert!(r.is_err());
            } else {
                let (spec, rest) = r.expect("echo resolves");
                assert_eq!(spec.name, "echo");
                assert_eq!(rest, &["hi".to_string()]);
            }
        }
    }

    #[test]
    fn unknown_command_suggests_the_closest() {
        let err = resolve(&words("ecoh hi")).err().expect("unknown");
        assert_eq!(err.code, "UnknownCommand");
        assert!(err.message.contains("did you mean `echo`"), "{}", err.message);
    }

    #[test]
    fn operation_names_are_pascal_case() {
        let spec = find("echo").expect("echo exists");
        assert_eq!(spec.operation(), "Echo");
        let spec = find("create-db-instance-read-replica").expect("exists");
        assert_eq!(spec.operation(), "CreateDBInstanceReadReplica");
    }

    #[test]
    fn session_files_hold_only_model_writes() {
        for name in ["load", "save", "export", "import aws-cli", "pricing load", "reset", "sql", "echo"] {
            assert!(!find(name).expect(name).allowed_in_session_file(), "{name}");
        }
        for name in ["create-vpc", "region", "set", "run-instances", "create-db-instance", "pricing reset"] {
            assert!(find(name).expect(name).allowed_in_session_file(), "{name}");
        }
        for name in ["import aws-cli", "pricing load", "create-vpc"] {
            assert!(find(name).expect(name).journaled(), "{name}");
        }
        for name in ["load", "reset", "save", "export", "sql"] {
            assert!(!find(name).expect(name).journaled(), "{name}");
        }
    }

    #[test]
    fn command_names_are_unique() {
        let mut names: Vec<_> = all().iter().map(|c| c.name).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len(), "duplicate command names");
    }
}
