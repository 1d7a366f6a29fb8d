//! The interpreter thread and the jobs the shell loop sends it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::iopub::{event_bytes, Budget};
use crate::kernel::ename;
use crate::kernel::interpreter::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, MimeBundle, Outcome};

/// Work for the interpreter thread.
pub(super) enum Job {
    Execute {
        code: String,
        silent: bool,
        cancel: Arc<AtomicBool>,
        /// Each output with its size, taken from `budget` before it is queued.
        events: mpsc::UnboundedSender<(Event, usize)>,
        budget: Arc<Budget>,
        done: oneshot::Sender<Outcome>,
    },
    Complete {
        code: String,
        cursor: usize,
        done: oneshot::Sender<Completion>,
    },
    Inspect {
        code: String,
        cursor: usize,
        done: oneshot::Sender<Option<MimeBundle>>,
    },
    IsComplete {
        code: String,
        done: oneshot::Sender<IsComplete>,
    },
}

pub(super) fn interpreter_thread<I: Interpreter>(mut interp: I, jobs: std::sync::mpsc::Receiver<Job>) {
    // A bug in a command must not take the kernel (and the notebook's lab) down with it:
    // the interpreter answers with an error and keeps serving.
    fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
        catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
            p.downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into())
        })
    }
    while let Ok(job) = jobs.recv() {
        match job {
            Job::Execute { code, silent, cancel, events, budget, done } => {
                let req = ExecuteRequest { code: &code, silent, cancel: cancel.clone() };
                let outcome = guard(|| {
                    interp.execute(&req, &mut |e| {
                        let n = event_bytes(&e);
                        // Waits while the front end is behind; an interrupt drops the output.
                        if budget.take(n, &cancel) {
                            let _ = events.send((e, n));
                        }
                    })
                })
                .unwrap_or_else(|what| {
                    let msg = format!("cloudlab hit a bug: {}; the kernel is still running", what);
                    Outcome::Error { ename: ename::INTERNAL_ERROR.into(), evalue: msg.clone(), traceback: vec![msg] }
                });
                let _ = done.send(outcome);
            }
            Job::Complete { code, cursor, done } => {
                let _ = done.send(guard(|| interp.complete(&code, cursor)).unwrap_or_default());
            }
            Job::Inspect { code, cursor, done } => {
                let _ = done.send(guard(|| interp.inspect(&code, cursor)).unwrap_or(None));
            }
            Job::IsComplete { code, done } => {
                let _ = done.send(guard(|| interp.is_complete(&code)).unwrap_or(IsComplete::Complete));
            }
        }
    }
}

/// Sends the job `job` makes with its answer channel and waits for the answer; None when
/// the interpreter thread has stopped.
pub(super) async fn ask<T>(
    jobs: &std::sync::mpsc::Sender<Job>,
    job: impl FnOnce(oneshot::Sender<T>) -> Job,
) -> Option<T> {
    let (done, wait) = oneshot::channel();
    jobs.send(job(done)).ok()?;
    wait.await.ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::interpreter::KernelInfo;
    use crate::kernel::server::iopub::IOPUB_QUEUE_BYTES;
    use serde_json::json;

    /// An interpreter with a bug: its first execute panics.
    struct Buggy {
        calls: u32,
    }

    impl Interpreter for Buggy {
        fn kernel_info(&self) -> KernelInfo {
            KernelInfo {
                implementation: "buggy".into(),
                implementation_version: "0".into(),
                language_info: json!({}),
                banner: String::new(),
                help_links: vec![],
            }
        }
        fn execute(&mut self, _: &ExecuteRequest, _: &mut dyn FnMut(Event)) -> Outcome {
            self.calls += 1;
            if self.calls == 1 {
                panic!("index out of bounds");
            }
            Outcome::Ok
        }
        fn complete(&mut self, _: &str, _: usize) -> Completion {
            panic!("completion bug")
        }
        fn inspect(&mut self, _: &str, _: usize) -> Option<MimeBundle> {
            None
        }
        fn is_complete(&mut self, _: &str) -> IsComplete {
            IsComplete::Complete
        }
    }

    #[test]
    fn a_panicking_interpreter_answers_with_an_error_and_keeps_serving() {
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = std::thread::spawn(move || interpreter_thread(Buggy { calls: 0 }, rx));
        let execute = |tx: &std::sync::mpsc::Sender<Job>| {
            let (events, _events_rx) = mpsc::unbounded_channel();
            let (done, done_rx) = oneshot::channel();
            let budget = Arc::new(Budget::new(IOPUB_QUEUE_BYTES));
            tx.send(Job::Execute { code: "x".into(), silent: false, cancel: Default::default(), events, budget, done })
                .expect("thread alive");
            done_rx.blocking_recv().expect("an answer")
        };
        match execute(&tx) {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "InternalError");
                assert!(evalue.contains("index out of bounds") && evalue.contains("still running"), "{}", evalue);
            }
            Outcome::Ok => panic!("the panic must be reported"),
        }
        let (done, done_rx) = oneshot::channel();
        tx.send(Job::Complete { code: "x".into(), cursor: 1, done }).expect("thread alive");
        assert_eq!(done_rx.blocking_recv().expect("an answer"), Completion::default());
        assert_eq!(execute(&tx), Outcome::Ok, "the same interpreter serves the next cell");
        drop(tx);
        worker.join().expect("the thread ends cleanly");
    }
}
