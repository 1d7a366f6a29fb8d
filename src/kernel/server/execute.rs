//! Running a cell on the interpreter thread: its outputs to iopub as they come, and the
//! execute reply from its outcome.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use jupyter_protocol::JupyterMessage;
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use super::jobs::Job;
use super::Shared;
use crate::kernel::ename;
use crate::kernel::interpreter::{Event, Outcome};

/// The execute reply's content for `outcome`; an error is also published on iopub.
pub(super) fn execute_reply(
    shared: &Shared,
    msg: &JupyterMessage,
    outcome: Outcome,
    count: u32,
    silent: bool,
) -> Value {
    match outcome {
        Outcome::Ok => {
            json!({"status": "ok", "execution_count": count, "user_expressions": {}, "payload": []})
        }
        Outcome::Error { ename, evalue, traceback } => {
            if !silent {
                shared.publish("error", json!({"ename": ename, "evalue": evalue, "traceback": traceback}), msg);
            }
            json!({"status": "error", "execution_count": count, "ename": ename, "evalue": evalue, "traceback": traceback, "user_expressions": {}, "payload": []})
        }
    }
}

pub(super) async fn run_execute(
    shared: &Arc<Shared>,
    jobs: &std::sync::mpsc::Sender<Job>,
    parent: &JupyterMessage,
    code: String,
    silent: bool,
) -> Outcome {
    let cancel = Arc::new(AtomicBool::new(false));
    if let Ok(mut c) = shared.cancel.lock() {
        *c = cancel.clone();
    }
    let (events_tx, mut events_rx) = mpsc::unbounded_channel::<(Event, usize)>();
    let (done, mut wait) = oneshot::channel();
    let budget = shared.budget.clone();
    if jobs.send(Job::Execute { code, silent, cancel, events: events_tx, budget, done }).is_err() {
        return Outcome::Error {
            ename: ename::KERNEL_ERROR.into(),
            evalue: "the interpreter thread has stopped".into(),
            traceback: vec![],
        };
    }
    let publish = |(e, bytes): (Event, usize)| {
        if silent {
            shared.budget.give(bytes);
            return;
        }
        match e {
            Event::Stream { stderr, text } => shared.publish_output(
                "stream",
                json!({"name": if stderr { "stderr" } else { "stdout" }, "text": text}),
                parent,
                bytes,
            ),
            Event::Display { data, metadata } => shared.publish_output(
                "display_data",
                json!({"data": data, "metadata": metadata, "transient": {}}),
                parent,
                bytes,
            ),
            Event::Live { display_id, data, update } => shared.publish_output(
                if update { "update_display_data" } else { "display_data" },
                json!({"data": data, "metadata": {}, "transient": {"display_id": display_id}}),
                parent,
                bytes,
            ),
        }
    };
    loop {
        tokio::select! {
            Some(e) = events_rx.recv() => publish(e),
            r = &mut wait => {
                // Outputs sent before the outcome are still queued: publish them first.
                while let Ok(e) = events_rx.try_recv() {
                    publish(e);
                }
                return r.unwrap_or(Outcome::Error {
                    ename: ename::KERNEL_ERROR.into(),
                    evalue: "the interpreter stopped while running the cell".into(),
                    traceback: vec![],
                });
            }
        }
    }
}
