//! The Jupyter protocol core: connection file, the five ZeroMQ channels, signatures,
//! busy/idle, execution counts, interrupts. It knows only the [`Interpreter`] trait.

pub mod interpreter;

pub use interpreter::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, KernelInfo, MimeBundle, Outcome};
