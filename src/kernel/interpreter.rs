//! The narrow interface between the protocol core and a language (xeus's split):
//! execute, complete, inspect, is_complete, kernel_info. Nothing here names AWS.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use serde_json::{Map, Value};

/// A MIME bundle: `{"text/plain": "...", "text/html": "...", ...}`.
pub type MimeBundle = Map<String, Value>;

/// Something a running cell shows, published on iopub as it happens.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `stream` on stdout (`stderr: false`) or stderr.
    Stream { stderr: bool, text: String },
    /// `display_data`.
    Display { data: MimeBundle, metadata: MimeBundle },
    /// A display replaced in place (progress of long work): `display_data` with this
    /// `display_id` the first time, `update_display_data` when `update` is set.
    Live { display_id: String, data: MimeBundle, update: bool },
}

/// How an execution ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Ok,
    Error { ename: String, evalue: String, traceback: Vec<String> },
}

/// An execute request as the interpreter sees it.
pub struct ExecuteRequest<'a> {
    pub code: &'a str,
    pub silent: bool,
    /// Set by `interrupt_request`; long work polls it.
    pub cancel: Arc<AtomicBool>,
}

/// Completions for the word at the cursor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Completion {
    pub matches: Vec<String>,
    pub cursor_start: usize,
    pub cursor_end: usize,
    /// Each match's kind (`vpc`, `instance type`, …), shown by front ends that ask for
    /// `_jupyter_types_experimental`; empty, or as long as `matches`.
    pub kinds: Vec<String>,
}

/// Whether the front end should run the cell or wait for more lines.
#[derive(Clone, Debug, PartialEq)]
pub enum IsComplete {
    Complete,
    Incomplete { indent: String },
    Invalid,
}

/// What `kernel_info_reply` says about the language.
#[derive(Clone, Debug)]
pub struct KernelInfo {
    pub implementation: String,
    pub implementation_version: String,
    /// The `language_info` object.
    pub language_info: Value,
    pub banner: String,
    /// `[{"text": ..., "url": ...}]`.
    pub help_links: Vec<(String, String)>,
}

/// A language the kernel can run. Cursor positions are in Unicode code points, as the
/// Jupyter protocol (5.2+) counts them.
pub trait Interpreter: Send + 'static {
    fn kernel_info(&self) -> KernelInfo;
    fn execute(&mut self, request: &ExecuteRequest, publish: &mut dyn FnMut(Event)) -> Outcome;
    fn complete(&mut self, code: &str, cursor: usize) -> Completion;
    /// The help for what is under the cursor, if anything.
    fn inspect(&mut self, code: &str, cursor: usize) -> Option<MimeBundle>;
    fn is_complete(&mut self, code: &str) -> IsComplete;
}
