//! The shell channel: executes cells in order and answers completion, inspection and
//! history requests.

use std::collections::VecDeque;
use std::sync::Arc;

use jupyter_protocol::JupyterMessage;
use runtimelib::{RouterRecvConnection, RouterSendConnection};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::abort::{reply_and_abort_queued, send_aborted, Aborting};
use super::control::shut_down;
use super::execute::{execute_reply, run_execute};
use super::history::{history_reply, History};
use super::jobs::{ask, Job};
use super::messages::{malformed, next_message, unknown_request};
use super::{message, send_reply, Shared};
use crate::kernel::interpreter::{Completion, IsComplete, MimeBundle, Outcome};

pub(super) async fn shell_loop(
    mut rx: RouterRecvConnection,
    mut tx: RouterSendConnection,
    shared: Arc<Shared>,
    jobs: std::sync::mpsc::Sender<Job>,
    shutdown: mpsc::UnboundedSender<()>,
) {
    let mut execution_count: u32 = 0;
    let mut history = History::default();
    // Requests read while aborting after an error, to handle in order afterwards.
    let mut pending: VecDeque<JupyterMessage> = VecDeque::new();
    // Set after a failed cell with `stop_on_error`, until an execute request that is not
    // part of the failed run: which later execute requests to abort.
    let mut aborting: Option<Aborting> = None;
    loop {
        let msg = match pending.pop_front() {
            Some(m) => m,
            None => next_message(&mut rx, "shell", &shared.seen).await,
        };
        let content = serde_json::to_value(&msg.content).unwrap_or(Value::Null);
        let msg_type = msg.header.msg_type.clone();
        if msg_type == "execute_request" {
            if let Some(a) = aborting.as_mut() {
                if a.catches(&msg) {
                    send_aborted(&mut tx, &shared, &msg).await;
                    continue;
                }
                // A request the user sends after seeing the error is a new action: it runs.
                aborting = None;
            }
        }
        if msg_type.starts_with("comm_") && msg_type != "comm_info_request" {
            // No comm targets: comm_open/msg/close are ignored, as ipykernel does without a target.
            continue;
        }
        shared.status("busy", &msg);
        if let Some(r) = malformed(&msg) {
            send_reply(&mut tx, "shell", r).await;
            shared.status("idle", &msg);
            continue;
        }
        let code = content.get("code").and_then(Value::as_str).unwrap_or("").to_string();
        let cursor = content.get("cursor_pos").and_then(Value::as_u64).unwrap_or(code.chars().count() as u64) as usize;
        let reply = match msg_type.as_str() {
            "kernel_info_request" => Some(message("kernel_info_reply", shared.kernel_info_content(), &msg)),
            "execute_request" => {
                let silent = content.get("silent").and_then(Value::as_bool).unwrap_or(false);
                let store_history = !silent && content.get("store_history").and_then(Value::as_bool).unwrap_or(true);
                if store_history {
                    execution_count += 1;
                    history.push(execution_count, code.clone());
                }
                let count = execution_count;
                if !silent {
                    shared.publish("execute_input", json!({"code": code, "execution_count": count}), &msg);
                }
                let outcome = run_execute(&shared, &jobs, &msg, code, silent).await;
                let stop_on_error = content.get("stop_on_error").and_then(Value::as_bool).unwrap_or(true);
                let failed = matches!(outcome, Outcome::Error { .. });
                let content = execute_reply(&shared, &msg, outcome, count, silent);
                if failed && stop_on_error {
                    aborting =
                        Some(reply_and_abort_queued(&mut rx, &mut tx, &shared, &mut pending, &msg, content).await);
                    continue;
                }
                Some(message("execute_reply", content, &msg))
            }
            "complete_request" => {
                let c = ask(&jobs, |done| Job::Complete { code, cursor, done }).await.unwrap_or_default();
                Some(message("complete_reply", complete_content(c), &msg))
            }
            "inspect_request" => {
                let found = ask(&jobs, |done| Job::Inspect { code, cursor, done }).await.flatten();
                Some(message("inspect_reply", inspect_content(found), &msg))
            }
            "is_complete_request" => {
                let answer = ask(&jobs, |done| Job::IsComplete { code, done }).await;
                Some(message("is_complete_reply", is_complete_content(answer), &msg))
            }
            "history_request" => Some(message("history_reply", history_reply(&history, &content), &msg)),
            "comm_info_request" => Some(message("comm_info_reply", json!({"status": "ok", "comms": {}}), &msg)),
            // Deprecated on shell, still sent by some clients.
            "shutdown_request" => return shut_down(&mut tx, &shared, &msg, &content, &shutdown).await,
            other => unknown_request(other, &msg),
        };
        if let Some(r) = reply {
            send_reply(&mut tx, "shell", r).await;
        }
        shared.status("idle", &msg);
    }
}

/// A `complete_reply`'s content from the interpreter's completion.
fn complete_content(c: Completion) -> Value {
    // JupyterLab shows each item's kind from this (IPython's key).
    let metadata = if c.kinds.len() == c.matches.len() && !c.kinds.is_empty() {
        let types: Vec<Value> = c
            .matches
            .iter()
            .zip(&c.kinds)
            .map(|(m, k)| json!({"start": c.cursor_start, "end": c.cursor_end, "text": m, "type": k}))
            .collect();
        json!({"_jupyter_types_experimental": types})
    } else {
        json!({})
    };
    json!({"status": "ok", "matches": c.matches, "cursor_start": c.cursor_start, "cursor_end": c.cursor_end, "metadata": metadata})
}

/// An `inspect_reply`'s content from what the interpreter found.
fn inspect_content(found: Option<MimeBundle>) -> Value {
    match found {
        Some(data) => json!({"status": "ok", "found": true, "data": data, "metadata": {}}),
        None => json!({"status": "ok", "found": false, "data": {}, "metadata": {}}),
    }
}

/// An `is_complete_reply`'s content; None when the interpreter did not answer.
fn is_complete_content(answer: Option<IsComplete>) -> Value {
    match answer {
        Some(IsComplete::Complete) => json!({"status": "complete"}),
        Some(IsComplete::Incomplete { indent }) => json!({"status": "incomplete", "indent": indent}),
        Some(IsComplete::Invalid) => json!({"status": "invalid"}),
        None => json!({"status": "unknown"}),
    }
}
