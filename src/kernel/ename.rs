//! cloudlab's own error names: the `ename` of a Jupyter error reply when the error is not
//! one of AWS's codes (those are in `model::codes`). Constants, so a typo is a compile error
//! and one grep finds every place that raises a name. The names follow Python's and
//! IPython's where one fits (`KeyboardInterrupt`, `SyntaxError`, `AssertionError`,
//! `UsageError`), so a notebook user reads them as they would in any other kernel.

/// A command line or cell that cloudlab cannot parse as written (flags, arguments).
pub const USAGE_ERROR: &str = "UsageError";
/// The cell's text cannot be split into lines and words (an open quote).
pub const SYNTAX_ERROR: &str = "SyntaxError";
/// The user interrupted; the lab is unchanged.
pub const KEYBOARD_INTERRUPT: &str = "KeyboardInterrupt";
/// A bug in cloudlab, caught (a panic or a broken invariant); the lab is unchanged.
pub const INTERNAL_ERROR: &str = "InternalError";
/// The kernel cannot take the request (for instance a cell while it shuts down).
#[cfg(feature = "kernel")]
pub const KERNEL_ERROR: &str = "KernelError";
/// `assert` found the lab not as stated.
pub const ASSERTION_ERROR: &str = "AssertionError";
/// `sql` refused or could not run a query.
pub const SQL_ERROR: &str = "SqlError";
/// A table could not be built or shown.
pub const TABLE_ERROR: &str = "TableError";
/// `chart` could not draw.
pub const CHART_ERROR: &str = "ChartError";
/// A file cannot be read or written.
pub const IO_ERROR: &str = "IOError";
/// A path that names no regular file cloudlab may use (a directory, a device, a link).
pub const INVALID_PATH: &str = "InvalidPath";
/// A saved session file cannot be loaded.
pub const LOAD_ERROR: &str = "LoadError";
/// A `%%rust` cell does not compile.
#[cfg(feature = "rust-cells")]
pub const COMPILATION_ERROR: &str = "CompilationError";
/// A `%%rust` cell failed when run.
#[cfg(feature = "rust-cells")]
pub const RUST_ERROR: &str = "RustError";
/// A `%%rust` cell panicked.
#[cfg(feature = "rust-cells")]
pub const RUST_PANIC: &str = "RustPanic";
