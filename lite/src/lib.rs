//! The browser kernel's bindings: JSON in and out of the same [`cloudlab::Session`] (the
//! [`Interpreter`] the native ZeroMQ kernel serves), for the Web Worker in `lite/ts`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use cloudlab::kernel::{Event, ExecuteRequest, Interpreter, IsComplete, Outcome};
use cloudlab::Session;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

/// One notebook's kernel: a session, and whether a panic has poisoned it.
#[wasm_bindgen]
pub struct Kernel {
    session: Session,
}

#[wasm_bindgen]
impl Kernel {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Kernel {
        Kernel { session: Session::new() }
    }

    /// Runs a cell; each output goes to `on_event` as JSON (`{"stream": "stdout", "text"}`
    /// or `{"data": {...}, "metadata": {...}}`) as it happens. Returns the outcome as JSON:
    /// `{"status": "ok"}` or `{"status": "error", "ename", "evalue", "traceback"}`.
    pub fn execute(&mut self, code: &str, silent: bool, on_event: &js_sys::Function) -> String {
        let req = ExecuteRequest { code, silent, cancel: Default::default() };
        let mut publish = |e: Event| {
            let v = event_json(e);
            let _ = on_event.call1(&JsValue::NULL, &JsValue::from_str(&v.to_string()));
        };
        let session = &mut self.session;
        let outcome = guard(|| session.execute(&req, &mut publish)).unwrap_or_else(|why| Outcome::Error {
            ename: "InternalError".into(),
            evalue: why.clone(),
            traceback: vec![why],
        });
        outcome_json(outcome).to_string()
    }

    /// `{"matches", "cursor_start", "cursor_end"}`; the cursor counts code points.
    pub fn complete(&mut self, code: &str, cursor: usize) -> String {
        let session = &mut self.session;
        let c = guard(|| session.complete(code, cursor)).unwrap_or_default();
        json!({"matches": c.matches, "cursor_start": c.cursor_start, "cursor_end": c.cursor_end}).to_string()
    }

    /// `{"found": bool, "data": {...}}`.
    pub fn inspect(&mut self, code: &str, cursor: usize) -> String {
        let session = &mut self.session;
        match guard(|| session.inspect(code, cursor)).ok().flatten() {
            Some(data) => json!({"found": true, "data": data}).to_string(),
            None => json!({"found": false, "data": {}}).to_string(),
        }
    }

    /// `{"status": "complete"|"incomplete"|"invalid", "indent"?}`.
    pub fn is_complete(&mut self, code: &str) -> String {
        let session = &mut self.session;
        match guard(|| session.is_complete(code)) {
            Ok(IsComplete::Complete) => json!({"status": "complete"}),
            Ok(IsComplete::Incomplete { indent }) => json!({"status": "incomplete", "indent": indent}),
            Ok(IsComplete::Invalid) => json!({"status": "invalid"}),
            Err(_) => json!({"status": "unknown"}),
        }
        .to_string()
    }

    /// The native kernel's `kernel_info_reply` fields (language_info included).
    pub fn kernel_info(&self) -> String {
        let k = self.session.kernel_info();
        let links: Vec<Value> = k.help_links.iter().map(|(t, u)| json!({"text": t, "url": u})).collect();
        json!({
            "implementation": k.implementation,
            "implementation_version": k.implementation_version,
            "language_info": k.language_info,
            "banner": k.banner,
            "help_links": links,
        })
        .to_string()
    }
}

impl Default for Kernel {
    fn default() -> Self {
        Kernel::new()
    }
}

/// A panic that escapes the session's own guards becomes an error message.
fn guard<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("cloudlab hit a bug: {what}")
    })
}

fn event_json(e: Event) -> Value {
    match e {
        Event::Stream { stderr, text } => json!({"stream": if stderr { "stderr" } else { "stdout" }, "text": text}),
        Event::Display { data, metadata } => json!({"data": data, "metadata": metadata}),
    }
}

fn outcome_json(o: Outcome) -> Value {
    match o {
        Outcome::Ok => json!({"status": "ok"}),
        Outcome::Error { ename, evalue, traceback } => {
            json!({"status": "error", "ename": ename, "evalue": evalue, "traceback": traceback})
        }
    }
}
