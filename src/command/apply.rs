//! One command line run against the lab, atomically: a write runs on a copy that replaces
//! the lab only on success (its `--query` applied too), a panic becomes an error that
//! changes nothing, and a successful write of a journaled command (see
//! [`CommandSpec::journaled`]) is added to the journal. The session, `load`'s replay,
//! `%%rust` and the tests all run lines through [`apply`] (a cell through [`apply_cell`]).

use crate::kernel::ename;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;

use crate::cell;
use crate::command::query::Query;
use crate::command::{self, Args, CommandError, CommandSpec, Ctx, Output, Reply, Run};
use crate::lab::Lab;
use crate::render::table;

/// How a reply is to be shown, from the line's `--output`, `--wide` and `--query`.
#[derive(Clone, Debug, Default)]
pub struct Shape {
    /// `--output json`.
    pub json: bool,
    /// `--wide`: every column of a describe table.
    pub wide: bool,
    /// `--output text`.
    pub text: bool,
    /// What `--query` selected, computed before a write is kept (a query that fails fails
    /// the command).
    pub found: Option<Value>,
}

/// A line that ran: the command's reply and the shape it is to be shown in.
pub struct Applied {
    pub reply: Reply,
    pub shape: Shape,
}

/// Runs one command line (its words) against `lab`. On an error the lab is as it was.
/// Tables the reply keeps (and its last table, as `_`) join the lab's results for `sql`.
pub fn apply(lab: &mut Lab, words: &[String], ctx: &Ctx) -> Result<Applied, CommandError> {
    let mut applied = run(lab, words, ctx).map_err(|mut e| {
        if e.hint.is_none() {
            e.hint = command::complete::did_you_mean(lab, words);
        }
        e
    })?;
    for (name, df) in std::mem::take(&mut applied.reply.kept) {
        lab.results.insert(name, df);
    }
    let last_table = applied.reply.outputs.iter().rev().find_map(|o| match o {
        Output::Table(t) => Some(t.df.clone()),
        _ => None,
    });
    if let Some(df) = last_table {
        lab.results.insert("_".to_string(), df);
    }
    Ok(applied)
}

fn run(lab: &mut Lab, words: &[String], ctx: &Ctx) -> Result<Applied, CommandError> {
    let (spec, rest) = command::resolve(words)?;
    // `NAME --help` (before any `--`, after which the words are another command's).
    if rest.iter().take_while(|w| *w != "--").any(|w| w == "--help") {
        return Ok(Applied { reply: command::basic::help_reply(spec, lab.settings.lang), shape: Shape::default() });
    }
    let args = Args::parse(spec, rest)?;
    // Compiled before the command runs: a bad expression changes nothing.
    let query = args.get("query").map(Query::compile).transpose()?;
    let mut shape =
        Shape { json: args.json(), wide: args.has("wide"), text: args.get("output") == Some("text"), found: None };
    // `--query` applied to the reply now, so a query that fails fails the command.
    let mut shaped = |reply: Reply| -> Result<Reply, CommandError> {
        if let Some(q) = &query {
            shape.found = Some(q.apply(&result_json(&reply))?);
        }
        Ok(reply)
    };
    let result = match spec.run {
        Run::Read(f) => catch_unwind(AssertUnwindSafe(|| f(lab, &args, ctx).and_then(&mut shaped))),
        Run::Write(f) | Run::WriteFromFile(f) | Run::Replace(f) => {
            // The journal stays out of the copy (it only grows, and copying it made
            // every write cost as much as all the writes before it).
            let journal = std::mem::take(&mut lab.journal);
            let mut copy = lab.clone();
            if !spec.journaled() {
                copy.journal = journal.clone();
            }
            let r = catch_unwind(AssertUnwindSafe(|| f(&mut copy, &args, ctx).and_then(&mut shaped)));
            if matches!(r, Ok(Ok(_))) {
                if spec.journaled() {
                    copy.journal = journal;
                    copy.journal.push(quote_line(words));
                }
                *lab = copy;
            } else {
                lab.journal = journal;
            }
            r
        }
    };
    match result.unwrap_or_else(|panic| Err(internal_error(spec, panic))) {
        Ok(reply) => Ok(Applied { reply, shape }),
        Err(e) => Err(decorated(e, spec)),
    }
}

/// A panic as an error: a bug in cloudlab, which the lab did not keep.
fn internal_error(spec: &CommandSpec, panic: Box<dyn std::any::Any + Send>) -> CommandError {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    CommandError::new(
        ename::INTERNAL_ERROR,
        format!("cloudlab hit a bug running `{}`: {}; the lab is unchanged", spec.name, what),
    )
}

/// A command's error with the AWS operation it failed in, and a hint when a second run of
/// the same cells is the likely cause.
fn decorated(mut e: CommandError, spec: &CommandSpec) -> CommandError {
    if e.operation.is_none()
        && e.code != ename::USAGE_ERROR
        && e.code != ename::KEYBOARD_INTERRUPT
        && spec.service != "lab"
    {
        e.operation = Some(spec.operation());
    }
    if e.hint.is_none() && already_exists(&e.code) {
        e.hint = Some("if this cell (or the whole notebook) ran before, the lab already has it: `reset` starts from a clean lab, as does Restart Kernel".into());
    }
    e
}

/// Errors a second run of the same cells gives: the resource (or the quota) is already taken.
fn already_exists(code: &str) -> bool {
    code.contains("AlreadyExists")
        || code.ends_with(".Duplicate")
        || (code.starts_with("Duplicate") && code != "DuplicateSubnetsInSameZone")
        || code == "VpcLimitExceeded"
}

/// A cell that failed: the error, and the line that gave it (none when the cell does not
/// parse).
#[derive(Debug)]
pub struct CellError {
    pub error: CommandError,
    pub line: Option<cell::Line>,
}

impl CellError {
    /// The error's one line as shown (`evalue`): what the user typed comes back cut, a
    /// 100 KB word need not be echoed twice.
    pub fn evalue(&self) -> String {
        crate::suggest::cut_long_words(&self.error.line())
    }
}

/// Runs a cell's command lines top to bottom with [`apply`], handing each reply to `each`
/// (which shows it), and stops at the first error: lines before it keep their effect.
/// Each line is checked for an interrupt before it starts.
pub fn apply_cell(
    lab: &mut Lab,
    code: &str,
    ctx: &Ctx,
    each: &mut dyn FnMut(&Lab, Applied) -> Result<(), CommandError>,
) -> Result<(), Box<CellError>> {
    let lines = cell::split(code)
        .map_err(|e| CellError { error: CommandError::new(ename::SYNTAX_ERROR, e.to_string()), line: None })?;
    for line in lines {
        if ctx.cancelled() {
            return Err(Box::new(CellError { error: CommandError::interrupted(), line: Some(line) }));
        }
        ctx.start_line();
        let applied = apply(lab, &line.words, ctx);
        ctx.end_line();
        if let Err(error) = applied.and_then(|a| each(lab, a)) {
            return Err(Box::new(CellError { error, line: Some(line) }));
        }
    }
    Ok(())
}

/// A reply as one JSON value: its AWS JSON, else its tables as records.
pub fn result_json(reply: &Reply) -> Value {
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

/// A command's words as one line that lexes back to the same words: the journal's form.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        cell::split(s).expect("lexes").remove(0).words
    }

    #[test]
    fn a_second_run_is_hinted_at_reset() {
        assert!(
            already_exists("VpcLimitExceeded")
                && already_exists("InvalidGroup.Duplicate")
                && !already_exists("DuplicateSubnetsInSameZone")
        );
        assert!(!already_exists("InvalidVpc.Range"));
    }

    #[test]
    fn writes_are_journaled_reads_and_failures_are_not() {
        let mut lab = Lab::default();
        let ctx = Ctx::detached();
        let before = lab.journal.len();
        apply(&mut lab, &words("create-vpc --cidr-block 10.0.0.0/16 --name \"a b\""), &ctx).expect("created");
        apply(&mut lab, &words("describe-vpcs"), &ctx).expect("described");
        let e = apply(&mut lab, &words("create-vpc --cidr-block 10.0.0.0/8"), &ctx).err().expect("refused");
        assert_eq!(e.operation.as_deref(), Some("CreateVpc"));
        assert_eq!(lab.journal[before..], ["create-vpc --cidr-block 10.0.0.0/16 --name \"a b\""]);
        assert_eq!(lab.network.vpcs.len(), 1);
        // The reply's last table is `_` for `sql`.
        assert!(lab.results.contains_key("_"));
    }

    #[test]
    fn a_cell_stops_at_its_first_error_and_names_the_line() {
        let mut lab = Lab::default();
        let mut shown = 0;
        let e =
            apply_cell(&mut lab, "region eu-west-1\nregion nowhere-1\necho never", &Ctx::detached(), &mut |_, _| {
                shown += 1;
                Ok(())
            })
            .expect_err("fails");
        assert_eq!((shown, lab.region.as_str()), (1, "eu-west-1"));
        assert_eq!(e.line.as_ref().map(|l| l.number), Some(2));
        assert!(e.evalue().contains("nowhere-1"), "{}", e.evalue());
    }
}
