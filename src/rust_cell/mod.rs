//! Rust next to the model: the `evcxr_display` convention for cloudlab's results
//! ([`Table`], [`Svg`], [`CellOutput`]) so they show as rich output in the stock
//! evcxr_jupyter kernel (`:dep cloudlab = { path = "…", default-features = false }`), and
//! [`run`] / [`sql`] for scripting the model. With the `rust-cells` feature, `RustCells`
//! evaluates `%%rust` cells through evcxr inside cloudlab's own kernel (see `engine`).

use crate::html;
use serde_json::Value;

use crate::command::CommandError;
use crate::kernel::{Event, Outcome};
use crate::lab::Lab;

mod display;
#[cfg(feature = "rust-cells")]
mod engine;
#[cfg(feature = "rust-cells")]
mod scratch;

pub use display::diagram_of;
#[cfg(feature = "rust-cells")]
pub use engine::runtime_hook;
#[cfg(feature = "rust-cells")]
pub(crate) use engine::RustCells;
#[cfg(not(feature = "rust-cells"))]
pub(crate) use no_engine::RustCells;
#[cfg(feature = "rust-cells")]
pub use scratch::reserve as reserve_build_dir;

/// True when a cell is Rust code: its first non-blank line is `%%rust`.
pub(crate) fn is_rust_cell(code: &str) -> bool {
    code.lines().find(|l| !l.trim().is_empty()).map(str::trim) == Some("%%rust")
}

/// The lab a journal rebuilds; on a failing line, the error on stderr and an empty lab.
/// Rust cells call it to define `lab`.
pub fn lab_from_journal(journal: &[&str]) -> Lab {
    let lines: Vec<String> = journal.iter().map(|s| s.to_string()).collect();
    match crate::command::analysis::replay(&lines) {
        Ok(lab) => lab,
        Err(e) => {
            eprintln!("cloudlab: could not rebuild the lab for Rust: {}; `lab` is empty", e);
            Lab::new()
        }
    }
}

/// A table that shows itself as HTML in evcxr (and as text with `{:?}`): the one
/// [`crate::command::Table`] a command shows.
pub use crate::command::Table;

/// An SVG chart or diagram that shows itself as an image in evcxr.
#[derive(Clone, Debug)]
pub struct Svg(pub String);

impl Svg {
    pub fn evcxr_display(&self) {
        print!("{}", mime_block("image/svg+xml", &self.0));
    }
}

/// What a cell of cloudlab commands showed, run from Rust with [`run`].
#[derive(Clone, Debug)]
pub struct CellOutput {
    pub events: Vec<Event>,
    pub outcome: Outcome,
}

impl CellOutput {
    /// The text/plain of everything shown, then the error if there was one.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for e in &self.events {
            match e {
                Event::Stream { text, .. } => s.push_str(text),
                Event::Display { data, .. } => {
                    s.push_str(data.get("text/plain").and_then(Value::as_str).unwrap_or(""));
                    s.push('\n');
                }
                Event::Live { .. } => {}
            }
        }
        if let Outcome::Error { evalue, .. } = &self.outcome {
            s.push_str(&format!("error: {}\n", evalue));
        }
        s
    }

    /// The JSON of the last `--output json` display (or any application/json shown).
    pub fn json(&self) -> Option<Value> {
        self.events.iter().rev().find_map(|e| match e {
            Event::Display { data, .. } => data.get("application/json").cloned(),
            _ => None,
        })
    }

    pub fn is_ok(&self) -> bool {
        self.outcome == Outcome::Ok
    }

    pub fn evcxr_display(&self) {
        let mut html = String::new();
        for e in &self.events {
            match e {
                Event::Stream { text, .. } => html.push_str(&format!("<pre>{}</pre>", html::escape(text))),
                Event::Display { data, .. } => {
                    if let Some(h) = data.get("text/html").and_then(Value::as_str) {
                        html.push_str(h);
                    } else if let Some(svg) = data.get("image/svg+xml").and_then(Value::as_str) {
                        html.push_str(svg);
                    } else if let Some(t) = data.get("text/plain").and_then(Value::as_str) {
                        html.push_str(&format!("<pre>{}</pre>", html::escape(t)));
                    }
                }
                Event::Live { .. } => {}
            }
        }
        if let Outcome::Error { evalue, .. } = &self.outcome {
            html.push_str(&format!("<pre style=\"color:#b00\">{}</pre>", html::escape(evalue)));
        }
        print!("{}", mime_block("text/html", &html));
        print!("{}", mime_block("text/plain", &self.text()));
    }
}

/// Runs cloudlab commands (a cell's text) on `lab`, as a notebook cell would.
pub fn run(lab: &mut Lab, cell: &str) -> CellOutput {
    let mut events = Vec::new();
    let mut publish = |e| events.push(e);
    let outcome = if is_rust_cell(cell) {
        // As in a notebook: the code sees a copy of the lab rebuilt from the journal.
        RustCells::default().execute_rust(cell, &lab.journal, &Default::default(), &mut publish)
    } else {
        crate::command::publish::run_cell(lab, cell, Default::default(), &mut publish)
    };
    CellOutput { events, outcome }
}

/// `sql` from Rust: the query's result as a displayable [`Table`].
pub fn sql(lab: &Lab, query: &str) -> Result<Table, CommandError> {
    let df = crate::command::analysis::sql::run_query(lab, query)?;
    Ok(Table { limit: Some(lab.settings.display_limit), ..Table::new(df) })
}

fn mime_block(mime: &str, content: &str) -> String {
    format!("EVCXR_BEGIN_CONTENT {}\n{}\nEVCXR_END_CONTENT\n", mime, content.trim_end_matches('\n'))
}

/// Without the `rust-cells` feature (the pip wheel) there is no evcxr: `%%rust` cells say
/// how to get a build that has it.
#[cfg(not(feature = "rust-cells"))]
mod no_engine {
    use std::sync::atomic::AtomicBool;

    use crate::kernel::{Event, Outcome};

    /// What a `%%rust` cell answers in a native build without evcxr.
    #[cfg(not(target_family = "wasm"))]
    pub const NO_RUST_CELLS: &str = "This cloudlab was built without Rust cells (the pip wheel leaves out the \
        `rust-cells` feature: evcxr and rust-analyzer make it a 30-minute build). `%%rust` also needs a Rust \
        toolchain (https://rustup.rs). With Rust installed, get a kernel that has Rust cells with \
        `cargo install --path . && cloudlab install` in a checkout of cloudlab, or build the full wheel there: \
        `maturin build --release --features rust-cells`. Cells without `%%rust` work \
        as usual.";

    #[derive(Debug, Default)]
    pub struct RustCells;

    impl RustCells {
        pub fn new() -> RustCells {
            RustCells
        }

        pub fn execute_rust(
            &mut self,
            _code: &str,
            _journal: &[String],
            _cancel: &AtomicBool,
            _publish: &mut dyn FnMut(Event),
        ) -> Outcome {
            #[cfg(target_family = "wasm")]
            let why = "Rust cells need the native cloudlab kernel: this browser kernel runs cloudlab commands only (install cloudlab and choose the \"cloudlab\" kernel in Jupyter to run %%rust)";
            #[cfg(not(target_family = "wasm"))]
            let why = NO_RUST_CELLS;
            Outcome::Error { ename: "RustUnavailable".into(), evalue: why.into(), traceback: vec![why.into()] }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_output_blocks_follow_the_evcxr_convention() {
        let b = mime_block("text/html", "<b>x</b>\n");
        assert_eq!(b, "EVCXR_BEGIN_CONTENT text/html\n<b>x</b>\nEVCXR_END_CONTENT\n");
        let mut lab = Lab::new();
        let out = run(&mut lab, "echo hello\nregion eu-west-1");
        assert!(out.is_ok());
        assert_eq!(lab.region, "eu-west-1");
        assert!(out.text().contains("hello"));
    }

    #[test]
    fn reach_reports_and_diagrams_display_from_rust() {
        let mut lab = Lab::new();
        let out = run(
            &mut lab,
            "create-vpc --cidr-block 10.0.0.0/16 --name prod\n\
             create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --name web\n\
             run-instances --image-id ami-12345678 --instance-type t3.micro --subnet-id web --name w1",
        );
        assert!(out.is_ok(), "{}", out.text());
        let tcp = crate::model::network::Protocol::Tcp;
        let rep = lab.network.reach(&lab.region, "internet", "w1", tcp, Some(22)).expect("reach");
        assert!(
            rep.to_string().starts_with("✗ not reachable: internet → w1 (tcp 22) — NO_PUBLIC_IP"),
            "{}",
            rep.to_string()
        );
        assert!(diagram_of(&lab, "prod").expect("diagram").0.contains("<svg"));
        assert_eq!(diagram_of(&lab, "nope").err().map(|e| e.code), Some("InvalidVpcID.NotFound"));
    }
}
