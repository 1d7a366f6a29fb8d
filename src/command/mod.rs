//! Commands: a cell's lines turned into calls on the model.
//!
//! Each command is one [`CommandSpec`] — name, help, flags (for parsing and completion)
//! and the function that runs it — kept in the file of its group. The registry here only
//! finds them: `aws ec2 create-vpc`, `ec2 create-vpc` and `create-vpc` are the same command,
//! and lab commands may have two words (`simulate replication`).

mod args;
pub mod complete;
pub mod files;
pub mod query;
pub(crate) mod basic;
pub(crate) mod region;
mod reply;

pub mod analysis;
pub mod compute;
pub mod database;
pub mod network;
pub mod scaling;
pub mod storage;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

pub use args::{Args, Flag};
pub use reply::{CommandError, Output, Reply, Table};

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
    /// The AWS API operation name for error messages: `create-vpc` → `CreateVpc`.
    pub fn operation(&self) -> String {
        self.name
            .split(['-', ' '])
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
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

    /// Help as Markdown-ish plain text, for `help NAME` and inspect.
    pub fn help_text(&self) -> String {
        let mut s = format!("{} — {}\n\nUsage: {}\n", self.name, self.summary, self.usage);
        if !self.help.is_empty() {
            s.push('\n');
            s.push_str(self.help.trim_end());
            s.push('\n');
        }
        if !self.flags.is_empty() {
            s.push_str("\nFlags:\n");
            for f in self.flags {
                let v = if f.takes_value { " VALUE" } else { "" };
                s.push_str(&format!("  --{}{}  {}\n", f.name, v, f.help));
            }
        }
        s
    }
}

/// What a running command may ask of its surroundings.
pub struct Ctx {
    cancel: Arc<AtomicBool>,
}

impl Ctx {
    pub fn new(cancel: Arc<AtomicBool>) -> Ctx {
        Ctx { cancel }
    }

    /// A context that is never cancelled (tests, `cloudlab exec`).
    pub fn detached() -> Ctx {
        Ctx { cancel: Arc::new(AtomicBool::new(false)) }
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
            return Err(CommandError::new("UsageError", "`aws` needs a service and an operation, e.g. `aws ec2 describe-vpcs`"));
        }
    }
    if let Some(first) = rest.first() {
        if SERVICES.contains(&first.as_str()) && rest.len() > 1 {
            service = Some(first.clone());
            rest = &rest[1..];
        }
    }
    let Some(first) = rest.first() else {
        return Err(CommandError::new("UsageError", "empty command"));
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
                    format!("`{}` is not an operation of `aws {}` (it belongs to {})", crate::suggest::echo(first), svc, spec.service),
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
