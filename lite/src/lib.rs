//! The browser kernel's bindings: JSON in and out of the same [`cloudlab::Session`] (the
//! [`Interpreter`] the native ZeroMQ kernel serves), for the Web Worker in `lite/ts`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use cloudlab::frontend::{
    set_drive, Drive, DriveError, Event, ExecuteRequest, Interpreter, IsComplete, Outcome, Session,
};
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

    /// Makes `save`, `load`, `export`, `import aws-cli` and `pricing load` use `drive`, a
    /// JavaScript object with synchronous `read(path) → Uint8Array`, `write(path,
    /// Uint8Array)` and `list(path) → string[]` that throw `Error("NotFound")`,
    /// `Error("IsADirectory")`, `Error("NotADirectory")` or another message
    /// (lite/ts/src/drive.ts: JupyterLite's contents; the Node tests: the local disk).
    pub fn set_drive(&mut self, drive: JsValue) {
        set_drive(Box::new(JsDrive(drive)));
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

struct JsDrive(JsValue);

impl JsDrive {
    fn call(&self, method: &str, args: &[JsValue]) -> Result<JsValue, DriveError> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.0, &JsValue::from_str(method))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| DriveError::Other(format!("the drive has no {method}()")))?;
        let r = match args {
            [a] => f.call1(&self.0, a),
            [a, b] => f.call2(&self.0, a, b),
            _ => f.call0(&self.0),
        };
        r.map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "the drive failed".into());
            match why.as_str() {
                "NotFound" => DriveError::NotFound,
                "IsADirectory" => DriveError::IsADirectory,
                "NotADirectory" => DriveError::NotADirectory,
                _ => DriveError::Other(why),
            }
        })
    }
}

impl Drive for JsDrive {
    fn read(&self, path: &str) -> Result<Vec<u8>, DriveError> {
        let v = self.call("read", &[JsValue::from_str(path)])?;
        Ok(js_sys::Uint8Array::new(&v).to_vec())
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), DriveError> {
        self.call("write", &[JsValue::from_str(path), js_sys::Uint8Array::from(bytes).into()]).map(|_| ())
    }

    fn list(&self, path: &str) -> Result<Vec<String>, DriveError> {
        let v = self.call("list", &[JsValue::from_str(path)])?;
        Ok(js_sys::Array::from(&v).iter().filter_map(|n| n.as_string()).collect())
    }
}

/// Panics on purpose, so the browser test can prove the worker's crash path: under
/// panic=abort (lite/cargo-wasm.sh) a panic traps the instance, the worker reports a crash
/// and the kernel starts a fresh interpreter with a message (lite/ts/src/kernel.ts).
#[wasm_bindgen]
pub fn trap_for_tests() {
    panic!("trap_for_tests: a deliberate panic");
}

/// A panic that escapes the session's own guards becomes an error message when panics
/// unwind; the wasm build aborts on panic, so there it traps (see [`trap_for_tests`]).
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
        Event::Live { display_id, data, update } => {
            json!({"data": data, "metadata": {}, "display_id": display_id, "update": update})
        }
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
