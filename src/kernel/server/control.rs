//! The control channel: kernel info, interrupt and shutdown, served while a cell runs.

use std::sync::Arc;

use jupyter_protocol::JupyterMessage;
use runtimelib::{RouterRecvConnection, RouterSendConnection};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::messages::{malformed, next_message, unknown_request};
use super::{message, send_reply, Shared};

pub(super) async fn control_loop(
    mut rx: RouterRecvConnection,
    mut tx: RouterSendConnection,
    shared: Arc<Shared>,
    shutdown: mpsc::UnboundedSender<()>,
) {
    loop {
        let msg = next_message(&mut rx, "control", &shared.seen).await;
        let content = serde_json::to_value(&msg.content).unwrap_or(Value::Null);
        shared.status("busy", &msg);
        let msg_type = msg.header.msg_type.clone();
        let bad = malformed(&msg);
        let reply = if bad.is_some() {
            bad
        } else {
            match msg_type.as_str() {
                "kernel_info_request" => Some(message("kernel_info_reply", shared.kernel_info_content(), &msg)),
                "interrupt_request" => {
                    shared.interrupt();
                    Some(message("interrupt_reply", json!({"status": "ok"}), &msg))
                }
                "shutdown_request" => return shut_down(&mut tx, &shared, &msg, &content, &shutdown).await,
                other => unknown_request(other, &msg),
            }
        };
        if let Some(r) = reply {
            send_reply(&mut tx, "control", r).await;
        }
        shared.status("idle", &msg);
    }
}

/// Replies to a shutdown request (on its channel and, as ipykernel does, on iopub), then
/// tells the kernel to stop; a restart is the front end's to do.
pub(super) async fn shut_down(
    tx: &mut RouterSendConnection,
    shared: &Shared,
    msg: &JupyterMessage,
    content: &Value,
    shutdown: &mpsc::UnboundedSender<()>,
) {
    let restart = content.get("restart").and_then(Value::as_bool).unwrap_or(false);
    let reply = json!({"status": "ok", "restart": restart});
    shared.publish("shutdown_reply", reply.clone(), msg);
    let _ = tx.send(message("shutdown_reply", reply, msg)).await;
    shared.status("idle", msg);
    let _ = shutdown.send(());
}
