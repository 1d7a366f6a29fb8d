//! `%%rust` cells: Rust code evaluated by evcxr in the kernel's process, with the cloudlab
//! library and a copy of the notebook's lab (`lab`, rebuilt from the journal).
//!
//! Speed: evcxr normally builds a `:dep` crate from source in its own target dir (minutes
//! for cloudlab + polars). Instead the cell crate is linked against the `libcloudlab.rlib`
//! the kernel was built with (`--extern cloudlab=… -L dependency=…/deps`), so the first
//! cell only compiles the cell itself. Without that rlib Rust cells say so and how to get it.
//!
//! Interrupt: evcxr runs cells in a child process; interrupting kills it (as evcxr_jupyter
//! does), which loses the cells' variables, and the next cell rebuilds `lab`.

use crate::kernel::ename;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::Value;

use super::scratch::Scratch;
use crate::kernel::{Event, MimeBundle, Outcome};

/// Must run first thing in `main`: when evcxr starts this binary as its runtime child
/// process it never returns (evcxr runs cells in a child so a crash cannot kill the kernel).
pub fn runtime_hook() {
    evcxr::runtime_hook();
}

/// Where the prebuilt cloudlab library is: `$CLOUDLAB_RLIB`, else `libcloudlab.rlib` beside
/// `deps/libcloudlab-*.rlib`. Returns the rlib and the `deps` directory with its dependencies.
pub fn prebuilt_library() -> Option<(PathBuf, PathBuf)> {
    if let Ok(p) = std::env::var("CLOUDLAB_RLIB") {
        let rlib = PathBuf::from(p);
        let deps = rlib.parent()?.join("deps");
        let deps = if deps.is_dir() { deps } else { rlib.parent()?.to_path_buf() };
        return rlib.is_file().then_some((rlib, deps));
    }
    let exe = std::env::current_exe().ok()?;
    let mut dir = exe.parent()?.to_path_buf();
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir = dir.parent()?.to_path_buf();
    }
    let deps = dir.join("deps");
    if !deps.is_dir() {
        return None;
    }
    let uplifted = dir.join("libcloudlab.rlib");
    let newest_in_deps = newest_rlib(&deps);
    // The uplifted library is what `cargo build` made for this binary; `deps/` may also
    // hold other builds of cloudlab (the fuzzers' instrumented one), so it is only a fallback.
    let rlib = match (uplifted.is_file(), newest_in_deps) {
        (true, _) => uplifted,
        (false, Some(d)) => d,
        (false, None) => return None,
    };
    Some((rlib, deps))
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn newest_rlib(deps: &Path) -> Option<PathBuf> {
    std::fs::read_dir(deps)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("libcloudlab-") && n.ends_with(".rlib"))
        })
        .max_by_key(|p| modified(p))
}

/// The evcxr engine behind `%%rust` cells; created on the first Rust cell.
#[derive(Default)]
pub struct RustCells {
    engine: Option<Engine>,
    /// The journal `lab` was last rebuilt from in the evcxr context.
    lab_journal: Option<Vec<String>>,
    /// Starts the evcxr runtime child; `None` = this binary (which calls [`runtime_hook`]).
    runtime: Option<RuntimeCommand>,
}

/// How to start evcxr's runtime child process (tests start their own binary).
#[derive(Clone, Debug)]
pub struct RuntimeCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

struct Engine {
    ctx: evcxr::CommandContext,
    outputs: evcxr::EvalContextOutputs,
    /// How the cloudlab crate is made available: "prebuilt PATH".
    linkage: String,
    /// evcxr's build directory; declared after `ctx` so it is removed after evcxr's child stops.
    _scratch: Option<Scratch>,
}

impl std::fmt::Debug for RustCells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RustCells").field("started", &self.engine.is_some()).finish()
    }
}

impl RustCells {
    pub fn new() -> RustCells {
        RustCells::default()
    }

    /// An engine whose runtime child is started with this command instead of this binary.
    pub fn with_runtime(runtime: RuntimeCommand) -> RustCells {
        RustCells { runtime: Some(runtime), ..RustCells::default() }
    }

    /// How cloudlab is linked into cells, once the engine has started.
    pub fn linkage(&self) -> Option<&str> {
        self.engine.as_ref().map(|e| e.linkage.as_str())
    }

    /// Runs a `%%rust` cell (the `%%rust` line included or not). `journal` is the session's
    /// journal: when it changed since the last Rust cell, `lab` is rebuilt from it first.
    /// Stdout/stderr stream as `Event::Stream`, the value and `evcxr_display` output as
    /// `Event::Display`; compile errors end in `Outcome::Error`. Setting `cancel` kills
    /// evcxr's child process (a compile in progress finishes first).
    pub fn execute_rust(
        &mut self,
        code: &str,
        journal: &[String],
        cancel: &AtomicBool,
        publish: &mut dyn FnMut(Event),
    ) -> Outcome {
        let code = strip_magic(code);
        if self.engine.is_none() {
            match Engine::start(self.runtime.as_ref()) {
                Ok(e) => {
                    self.engine = Some(e);
                    self.lab_journal = None;
                }
                Err(why) => {
                    return Outcome::Error {
                        ename: "RustUnavailable".into(),
                        evalue: format!("Rust cells could not start evcxr: {}", why),
                        traceback: vec![
                            format!("\u{1b}[31mRustUnavailable\u{1b}[0m: {}", why),
                            "hint: Rust cells need rustc and cargo on PATH (rustup), and the kernel binary must call \
                             cloudlab::rust_cell::runtime_hook() first thing in main"
                                .into(),
                        ],
                    }
                }
            }
        }
        let Some(engine) = self.engine.as_mut() else {
            return Outcome::Ok;
        };
        if self.lab_journal.as_deref() != Some(journal) {
            let setup = lab_setup(journal);
            match engine.run(&setup, cancel, publish) {
                Ok(_) => self.lab_journal = Some(journal.to_vec()),
                Err(outcome) => return outcome,
            }
        }
        if code.trim().is_empty() {
            return Outcome::Ok;
        }
        match engine.run(code, cancel, publish) {
            Ok(bundle) => {
                if !bundle.is_empty() {
                    publish(Event::Display { data: bundle, metadata: MimeBundle::new() });
                }
                Outcome::Ok
            }
            Err(outcome) => {
                if matches!(&outcome, Outcome::Error { ename, .. } if ename == ename::RUST_PANIC || ename == ename::KEYBOARD_INTERRUPT)
                {
                    // The child restarted: every variable, `lab` included, is gone.
                    self.lab_journal = None;
                }
                outcome
            }
        }
    }
}

fn strip_magic(code: &str) -> &str {
    let trimmed = code.trim_start();
    match trimmed.strip_prefix("%%rust") {
        Some(rest) => rest.strip_prefix('\r').unwrap_or(rest).strip_prefix('\n').unwrap_or(rest),
        None => code,
    }
}

/// The Rust statement that defines `lab` from a journal.
fn lab_setup(journal: &[String]) -> String {
    let lines: Vec<String> = journal.iter().map(|l| format!("{:?}", l)).collect();
    format!("let lab: cloudlab::Lab = cloudlab::rust_cell::lab_from_journal(&[{}]);", lines.join(", "))
}

impl Engine {
    fn start(runtime: Option<&RuntimeCommand>) -> Result<Engine, String> {
        let scratch = Scratch::create().map_err(|e| format!("cannot create the Rust cells' build directory: {e}"))?;
        let command = match runtime {
            Some(r) => {
                let mut c = std::process::Command::new(&r.program);
                c.args(&r.args);
                c
            }
            None => std::process::Command::new(std::env::current_exe().map_err(|e| e.to_string())?),
        };
        let (mut ec, outputs) = evcxr::EvalContext::with_subprocess_command(command).map_err(|e| e.to_string())?;
        let mut state = ec.state();
        // The cell crate is small; optimising it costs more than it saves.
        state.set_opt_level("0").map_err(|e| e.to_string())?;
        let linkage = match prebuilt_library() {
            Some((rlib, deps)) => {
                let mut flags = vec!["-Cprefer-dynamic".to_string()];
                if state.linker() == "lld" {
                    flags.push("-Clink-arg=-fuse-ld=lld".into());
                }
                flags.push(format!("-L dependency={}", deps.display()));
                flags.push(format!("--extern cloudlab={}", rlib.display()));
                state.set_build_env("RUSTFLAGS", &flags.join(" "));
                format!("prebuilt {}", rlib.display())
            }
            None => {
                return Err("the prebuilt cloudlab library (libcloudlab.rlib) was not found beside the kernel binary; \
                            build the kernel with `cargo build` (or set CLOUDLAB_RLIB to a libcloudlab rlib built by the \
                            same rustc). Building it from source inside evcxr instead would take many minutes."
                    .into());
            }
        };
        ec.eval_with_state("", state).map_err(|e| e.to_string())?;
        let ctx = evcxr::CommandContext::with_eval_context(ec);
        Ok(Engine { ctx, outputs, linkage, _scratch: scratch })
    }

    /// Evaluates code, streaming its stdout/stderr; the rich output, or the error outcome.
    fn run(&mut self, code: &str, cancel: &AtomicBool, publish: &mut dyn FnMut(Event)) -> Result<MimeBundle, Outcome> {
        let Engine { ctx, outputs, .. } = self;
        let child = ctx.process_handle();
        let mut killed = false;
        let result = std::thread::scope(|scope| {
            let worker = scope.spawn(|| ctx.execute(code));
            loop {
                let finished = worker.is_finished();
                if !finished && !killed && cancel.load(Ordering::Relaxed) {
                    // evcxr_jupyter interrupts the same way; evcxr restarts the child.
                    if let Ok(mut c) = child.lock() {
                        let _ = c.kill();
                    }
                    killed = true;
                }
                forward(outputs, publish, Duration::from_millis(if finished { 0 } else { 20 }));
                if finished {
                    break;
                }
            }
            worker.join()
        });
        // Anything printed at the very end of the run.
        forward(outputs, publish, Duration::from_millis(0));
        match result {
            Ok(Err(_)) if killed => Err(Outcome::Error {
                ename: ename::KEYBOARD_INTERRUPT.into(),
                evalue: "interrupted: the Rust cell was stopped".into(),
                traceback: vec![
                    "\u{1b}[31mKeyboardInterrupt\u{1b}[0m: the Rust cell was stopped".into(),
                    "Variables defined by earlier Rust cells were lost (evcxr restarts its child process); `lab` will be rebuilt.".into(),
                ],
            }),
            Ok(Ok(out)) => Ok(bundle(out)),
            Ok(Err(e)) => Err(error_outcome(e)),
            Err(_) => Err(Outcome::Error {
                ename: ename::INTERNAL_ERROR.into(),
                evalue: "evcxr panicked while evaluating the cell".into(),
                traceback: vec!["evcxr panicked while evaluating the cell".into()],
            }),
        }
    }
}

/// Publishes every line waiting on evcxr's stdout/stderr channels, waiting up to `wait`
/// for the first.
fn forward(outputs: &evcxr::EvalContextOutputs, publish: &mut dyn FnMut(Event), wait: Duration) {
    let mut out = String::new();
    let mut err = String::new();
    if !wait.is_zero() {
        crossbeam_select(outputs, wait, &mut out, &mut err);
    }
    while let Ok(l) = outputs.stdout.try_recv() {
        out.push_str(&l);
        out.push('\n');
    }
    while let Ok(l) = outputs.stderr.try_recv() {
        err.push_str(&l);
        err.push('\n');
    }
    if !out.is_empty() {
        publish(Event::Stream { stderr: false, text: out });
    }
    if !err.is_empty() {
        publish(Event::Stream { stderr: true, text: err });
    }
}

/// Waits up to `wait` for a line on either channel.
fn crossbeam_select(outputs: &evcxr::EvalContextOutputs, wait: Duration, out: &mut String, err: &mut String) {
    if let Ok(l) = outputs.stdout.recv_timeout(wait) {
        out.push_str(&l);
        out.push('\n');
    } else if let Ok(l) = outputs.stderr.try_recv() {
        err.push_str(&l);
        err.push('\n');
    }
}

fn bundle(out: evcxr::EvalOutputs) -> MimeBundle {
    let mut b = MimeBundle::new();
    let mut mimes: Vec<(String, String)> = out.content_by_mime_type.into_iter().collect();
    mimes.sort();
    for (mime, content) in mimes {
        let v = if mime == "application/json" {
            serde_json::from_str(&content).unwrap_or(Value::String(content))
        } else {
            Value::String(content)
        };
        b.insert(mime, v);
    }
    if !b.is_empty() && !b.contains_key("text/plain") {
        b.insert("text/plain".into(), Value::String(String::new()));
    }
    b
}

fn error_outcome(e: evcxr::Error) -> Outcome {
    match e {
        evcxr::Error::CompilationErrors(errors) => {
            let mut traceback = Vec::new();
            let mut first = None;
            for err in &errors {
                let code = err.code().map(|c| format!("[{}] ", c)).unwrap_or_default();
                let msg = format!("{}{}", code, err.message());
                first.get_or_insert_with(|| msg.clone());
                let rendered = err.rendered();
                traceback.push(format!("\u{1b}[31merror\u{1b}[0m: {}", msg));
                for spanned in err.spanned_messages() {
                    if let Some(span) = &spanned.span {
                        let lines: Vec<&str> = spanned.lines.iter().map(String::as_str).collect();
                        traceback.push(format!("  line {}: {}", span.start_line, lines.join("\n")));
                    }
                    if !spanned.label.is_empty() {
                        traceback.push(format!("    {}", spanned.label));
                    }
                }
                for h in err.help() {
                    traceback.push(format!("  help: {}", h));
                }
                if traceback.len() == 1 && !rendered.is_empty() {
                    traceback.push(rendered);
                }
            }
            Outcome::Error {
                ename: ename::COMPILATION_ERROR.into(),
                evalue: first.unwrap_or_else(|| "the Rust code did not compile".into()),
                traceback,
            }
        }
        evcxr::Error::SubprocessTerminated(why) => Outcome::Error {
            ename: ename::RUST_PANIC.into(),
            evalue: format!("the Rust code crashed: {}", why.lines().last().unwrap_or("")),
            traceback: why
                .lines()
                .map(String::from)
                .chain(["Variables defined by earlier Rust cells were lost; `lab` will be rebuilt.".to_string()])
                .collect(),
        },
        other => {
            let msg = other.to_string();
            Outcome::Error {
                ename: ename::RUST_ERROR.into(),
                evalue: msg.clone(),
                traceback: msg.lines().map(String::from).collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// evcxr's runtime child in tests: the test binary started with only this test, which
    /// becomes the runtime loop when evcxr sets its variable (and passes trivially otherwise).
    #[test]
    fn evcxr_runtime_entry() {
        runtime_hook();
    }

    fn test_engine() -> RustCells {
        // The harness prints "running 1 test" before the runtime starts; evcxr waits for its
        // stdout channel to drain while starting, so the shell drops those first two lines.
        let exe = std::env::current_exe().unwrap();
        let script = "\"$0\" rust_cell::engine::tests::evcxr_runtime_entry --exact --nocapture --test-threads=1 -q \
                      | sed -u -e '1,2{/^$/d;/^running 1 test$/d}'";
        RustCells::with_runtime(RuntimeCommand {
            program: "sh".into(),
            args: vec!["-c".into(), script.into(), exe.display().to_string()],
        })
    }

    fn run(cells: &mut RustCells, code: &str, journal: &[String]) -> (Vec<Event>, Outcome, Duration) {
        let mut events = Vec::new();
        let t = crate::clock::instant();
        let out = cells.execute_rust(code, journal, &AtomicBool::new(false), &mut |e| events.push(e));
        (events, out, t.elapsed())
    }

    fn stdout(ev: &[Event]) -> String {
        ev.iter()
            .filter_map(|e| match e {
                Event::Stream { stderr: false, text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_engine_can_live_in_a_session() {
        fn send<T: Send + Default>() {}
        send::<RustCells>();
    }

    #[test]
    fn recognises_rust_cells_and_strips_the_magic() {
        assert!(super::super::is_rust_cell("%%rust\nlet x = 1;"));
        assert!(super::super::is_rust_cell("\n  %%rust  \n1"));
        assert!(!super::super::is_rust_cell("echo %%rust"));
        assert_eq!(strip_magic("%%rust\nlet x = 1;"), "let x = 1;");
        assert_eq!(
            lab_setup(&["region \"a b\"".into()]),
            "let lab: cloudlab::Lab = cloudlab::rust_cell::lab_from_journal(&[\"region \\\"a b\\\"\"]);"
        );
    }

    /// Needs rustc/cargo and a built `libcloudlab.rlib` (`cargo build`); run with
    /// `cargo test --lib rust_cell -- --ignored --nocapture`. Prints the first cell's time.
    #[test]
    #[ignore]
    fn rust_cells_see_the_lab_stream_output_and_report_errors() {
        let mut cells = test_engine();
        let (_, out, start) = run(&mut cells, "%%rust\n", &[]);
        assert_eq!(out, Outcome::Ok);
        eprintln!("engine start + empty lab: {:.1?}; linkage: {:?}", start, cells.linkage());
        let journal = vec!["region ap-northeast-2".to_string()];
        let (ev, out, first) = run(&mut cells, "%%rust\nprintln!(\"region {}\", lab.region);", &journal);
        eprintln!("first cell after start (lab rebuilt + cell): {:.1?}", first);
        assert_eq!(out, Outcome::Ok, "{:?}", ev);
        assert!(stdout(&ev).contains("region ap-northeast-2"), "{:?}", ev);

        let (ev, out, second) = run(&mut cells, "%%rust\nlab.journal.len() + 40", &journal);
        eprintln!("second %%rust cell: {:.1?}", second);
        assert_eq!(out, Outcome::Ok, "{:?}", ev);
        let shown = ev.iter().find_map(|e| match e {
            Event::Display { data, .. } => data.get("text/plain").and_then(Value::as_str).map(String::from),
            _ => None,
        });
        assert_eq!(shown.as_deref(), Some("41"), "{:?}", ev);

        let (ev, out, _) =
            run(&mut cells, "%%rust\ncloudlab::rust_cell::sql(&lab, \"SELECT 1 AS one\").unwrap()", &journal);
        assert_eq!(out, Outcome::Ok, "{:?}", ev);
        assert!(
            ev.iter().any(|e| matches!(e, Event::Display { data, .. } if data.contains_key("text/html"))),
            "{:?}",
            ev
        );

        let (_, out, _) = run(&mut cells, "%%rust\nlet y: u32 = \"text\";", &journal);
        match out {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "CompilationError");
                assert!(evalue.contains("mismatched types"), "{}", evalue);
            }
            Outcome::Ok => panic!("a type error must fail"),
        }
    }
}
