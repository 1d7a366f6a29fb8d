//! What a command gives back: outputs to show, an optional JSON form for `--output json`,
//! tables to keep for `sql`, or an error as AWS or the lab words it.

use crate::kernel::ename;
use polars::prelude::DataFrame;
use serde_json::Value;

use super::CommandSpec;

/// A table to show: the DataFrame plus what a reader needs to trust it.
#[derive(Clone, Debug)]
pub struct Table {
    pub df: DataFrame,
    /// Shown above the table.
    pub title: Option<String>,
    /// Shown below it: assumptions, snapshot dates, units.
    pub note: Option<String>,
    /// Rows shown before "… N more rows" when shown from Rust; `None`: 20. (A cell's
    /// tables follow the session's display limit.)
    pub limit: Option<usize>,
    /// The columns a lesson needs, shown by default (`--wide` shows every column); set
    /// for the model's resource tables by [`Reply::keep`] from [`crate::tables::brief`].
    pub brief: Option<&'static [&'static str]>,
}

impl Table {
    pub fn new(df: DataFrame) -> Table {
        Table { df, title: None, note: None, limit: None, brief: None }
    }
}

/// One thing a command shows. The session turns each into a MIME bundle.
#[derive(Clone, Debug)]
pub enum Output {
    /// Plain text on stdout (`echo`, short confirmations).
    Text(String),
    /// Markdown prose (`explain-type`, `help`): `text/markdown` and `text/plain`.
    Markdown(String),
    /// A table: `text/plain`, `text/html`, `text/markdown`.
    Table(Table),
    /// A chart or diagram: `image/svg+xml` with a `text/plain` description.
    Svg { svg: String, alt: String },
    /// Any JSON (shown as `application/json` with pretty `text/plain`).
    Json(Value),
}

/// A command's result.
#[derive(Clone, Debug, Default)]
pub struct Reply {
    pub outputs: Vec<Output>,
    /// The `--output json` form: AWS CLI shape for AWS operations, the documented lab
    /// shape for lab commands. Also sent as `application/json` beside describe tables.
    pub json: Option<Value>,
    /// Tables to keep for `sql` under a name (`_` is set by the session to the last table).
    pub kept: Vec<(String, DataFrame)>,
}

impl Reply {
    pub fn new() -> Reply {
        Reply::default()
    }

    /// A reply that prints one line of text.
    pub fn text(s: impl Into<String>) -> Reply {
        Reply::new().with(Output::Text(s.into()))
    }

    pub fn with(mut self, o: Output) -> Reply {
        self.outputs.push(o);
        self
    }

    pub fn with_text(self, s: impl Into<String>) -> Reply {
        self.with(Output::Text(s.into()))
    }

    pub fn with_markdown(self, s: impl Into<String>) -> Reply {
        self.with(Output::Markdown(s.into()))
    }

    pub fn with_table(self, df: DataFrame, title: Option<String>, note: Option<String>) -> Reply {
        self.with(Output::Table(Table { df, title, note, limit: None, brief: None }))
    }

    pub fn with_svg(self, svg: String, alt: impl Into<String>) -> Reply {
        self.with(Output::Svg { svg, alt: alt.into() })
    }

    pub fn with_json(mut self, v: Value) -> Reply {
        self.json = Some(v);
        self
    }

    /// Keeps `df` for `sql` as `name`. A resource table (`instances`, `volumes`, …) shown
    /// last is then narrowed to its lesson columns by default (the kept table has them all).
    pub fn keep(self, name: impl Into<String>, df: DataFrame) -> Reply {
        let name = name.into();
        let mut r = self.brief_as(&name);
        r.kept.push((name, df));
        r
    }

    /// The last table shown is the lab's table `name` (`db_instances`): by default it shows
    /// that table's lesson columns ([`crate::tables::brief`]).
    /// With several tables (`compare families`, `simulate failover`), the last one that
    /// has that table's lesson columns.
    pub fn brief_as(mut self, name: &str) -> Reply {
        let Some(brief) = crate::tables::brief(name) else { return self };
        let fits = |t: &Table| brief.iter().all(|c| t.df.column(c).is_ok());
        let last = self.outputs.iter().rposition(|o| matches!(o, Output::Table(_)));
        let target =
            self.outputs.iter().rposition(|o| matches!(o, Output::Table(t) if t.brief.is_none() && fits(t))).or(last);
        if let Some(Output::Table(t)) = target.and_then(|i| self.outputs.get_mut(i)) {
            if t.brief.is_none() {
                t.brief = Some(brief);
            }
        }
        self
    }
}

/// An error a user caused (or an interrupt). `code` is AWS's error code for AWS
/// operations (`InvalidSubnet.Range`) or a lab code (`UnknownCommand`, `SqlError`).
#[derive(Clone, Debug, PartialEq)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// The AWS operation (`CreateSubnet`) when the error should read like the AWS CLI's.
    pub operation: Option<String>,
    /// What to try instead.
    pub hint: Option<String>,
}

impl CommandError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> CommandError {
        CommandError { code: code.into(), message: message.into(), operation: None, hint: None }
    }

    /// A usage error for this command, with its usage line as the hint.
    pub fn usage(spec: &CommandSpec, message: impl Into<String>) -> CommandError {
        CommandError::new(ename::USAGE_ERROR, message).with_hint(format!("usage: {}", spec.usage))
    }

    /// The error an interrupt (Jupyter's ■ button) produces.
    pub fn interrupted() -> CommandError {
        CommandError::new(ename::KEYBOARD_INTERRUPT, "interrupted by the user; the lab is unchanged")
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> CommandError {
        self.hint = Some(hint.into());
        self
    }

    pub fn in_operation(mut self, op: impl Into<String>) -> CommandError {
        self.operation = Some(op.into());
        self
    }

    /// The one-line message, as the AWS CLI prints it for AWS operations.
    pub fn line(&self) -> String {
        match &self.operation {
            Some(op) => {
                format!("An error occurred ({}) when calling the {} operation: {}", self.code, op, self.message)
            }
            None => self.message.clone(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.line())?;
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {}", h)?;
        }
        Ok(())
    }
}

impl std::error::Error for CommandError {}

/// The model's AWS error: same code and message; running the command adds the operation
/// from its spec ([`super::CommandSpec::operation`]).
impl From<crate::model::AwsError> for CommandError {
    fn from(e: crate::model::AwsError) -> Self {
        CommandError::new(e.code, e.message)
    }
}

/// A simulation that stopped early: its refused parameter, or the user's interrupt.
impl From<crate::model::SimError> for CommandError {
    fn from(e: crate::model::SimError) -> Self {
        match e {
            crate::model::SimError::Invalid(e) => e.into(),
            crate::model::SimError::Interrupted => CommandError::interrupted(),
        }
    }
}

impl From<polars::prelude::PolarsError> for CommandError {
    fn from(e: polars::prelude::PolarsError) -> Self {
        CommandError::new(ename::TABLE_ERROR, e.to_string())
    }
}
