//! What the shells around the library need (the `cloudlab` binary, the browser kernel in
//! `lite/`, the fuzzers): the [`Session`] interpreter and the cell runner it uses ([`run_cell`]), the Jupyter-side interface it
//! implements, the cell lexer, and the hooks a shell plugs in (the file drive, install).
//! With the `kernel` feature, `serve_kernel` runs the ZeroMQ kernel on a connection file
//! until it shuts down.
//!
//! ```
//! use cloudlab::frontend::{Outcome, Session};
//!
//! let mut s = Session::new();
//! let (_events, outcome) = s.run_cell("echo hello");
//! assert_eq!(outcome, Outcome::Ok);
//! ```

pub use crate::cell::{completeness, split, Completeness, LexError, Line};
pub use crate::command::apply::quote_line;
pub use crate::command::files::{set_drive, Drive, DriveError};
/// Runs a cell on a lab and publishes what it shows, as the session does (the fuzzers use it).
pub use crate::command::publish::run_cell;
#[cfg(feature = "kernel")]
pub use crate::install::{install, Target as InstallTarget};
#[cfg(feature = "kernel")]
pub use crate::kernel::{read_connection_file, run as serve_kernel};
pub use crate::kernel::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, KernelInfo, MimeBundle, Outcome};
pub use crate::notebook::html::strip_ansi;
pub use crate::notebook::{run_all, Summary};
pub use crate::session::Session;
