//! The message loop: binds the five channels from a connection file, answers shell and
//! control requests, publishes on iopub, echoes heartbeats. The interpreter runs on its
//! own thread so the control channel (interrupt, shutdown) is served while a cell runs.

mod abort;
mod control;
mod execute;
mod history;
mod iopub;
mod jobs;
mod messages;
mod shell;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jupyter_protocol::{ConnectionInfo, JupyterMessage, UnknownMessage};
use runtimelib::{
    create_kernel_control_connection, create_kernel_heartbeat_connection, create_kernel_shell_connection,
    create_kernel_stdin_connection, RouterSendConnection,
};
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use super::interpreter::{Interpreter, KernelInfo};
use control::control_loop;
use iopub::{iopub_connection, Budget, IOPUB_QUEUE_BYTES};
use jobs::{interpreter_thread, Job};
use messages::Seen;
use shell::shell_loop;

/// A reply or broadcast with raw JSON content (jupyter-protocol's typed structs would
/// fix field shapes we need to control, e.g. `user_expressions: {}`).
fn message(msg_type: &str, content: Value, parent: &JupyterMessage) -> JupyterMessage {
    JupyterMessage::new(UnknownMessage { msg_type: msg_type.to_string(), content }, Some(parent))
}

/// Sends a reply on the shell or control channel; a failure is logged and the loop goes
/// on (the client may have gone).
async fn send_reply(tx: &mut RouterSendConnection, channel: &str, reply: JupyterMessage) {
    if let Err(e) = tx.send(reply).await {
        eprintln!("cloudlab: {channel} send failed: {e}");
    }
}

/// What the shell and control handlers share.
struct Shared {
    /// Messages for iopub, each with the output bytes it holds of `budget`.
    iopub: mpsc::UnboundedSender<(JupyterMessage, usize)>,
    budget: Arc<Budget>,
    info: KernelInfo,
    /// The running cell's cancel flag; `interrupt_request` sets it.
    cancel: Mutex<Arc<AtomicBool>>,
    seen: Mutex<Seen>,
}

impl Shared {
    /// Asks the running cell, if any, to stop (what an interrupt does).
    fn interrupt(&self) {
        if let Ok(flag) = self.cancel.lock() {
            flag.store(true, Ordering::Relaxed);
        }
    }

    fn publish(&self, msg_type: &str, content: Value, parent: &JupyterMessage) {
        self.publish_output(msg_type, content, parent, 0);
    }

    /// Publishes a cell's output that holds `bytes` of the budget until it is sent.
    fn publish_output(&self, msg_type: &str, content: Value, parent: &JupyterMessage, bytes: usize) {
        let mut m = message(msg_type, content, parent);
        // iopub is PUB: no routing identities.
        m.zmq_identities.clear();
        if self.iopub.send((m, bytes)).is_err() {
            self.budget.give(bytes);
        }
    }

    fn status(&self, state: &str, parent: &JupyterMessage) {
        self.publish("status", json!({ "execution_state": state }), parent);
    }

    fn kernel_info_content(&self) -> Value {
        json!({
            "status": "ok",
            "protocol_version": "5.3",
            "implementation": self.info.implementation,
            "implementation_version": self.info.implementation_version,
            "language_info": self.info.language_info,
            "banner": self.info.banner,
            "debugger": false,
            "help_links": self.info.help_links.iter().map(|(t, u)| json!({"text": t, "url": u})).collect::<Vec<_>>(),
        })
    }
}

/// How long a stopping kernel waits for the interpreter to finish its cell and drop its
/// state (the `%%rust` engine's build directory goes with it). jupyter_client waits 5 s
/// for a kernel to exit before it kills it.
const INTERPRETER_EXIT_WAIT: Duration = Duration::from_secs(3);

/// Runs the kernel until a shutdown request, `stop` (the parent process went away) or a
/// fatal socket error. The sockets are bound first and the interpreter is made afterwards
/// on its own thread, so a front end that connects at once does not wait for the
/// interpreter's start-up.
pub async fn serve<I: Interpreter, F: FnOnce() -> I + Send + 'static>(
    info: ConnectionInfo,
    make: F,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let session_id = uuid::Uuid::new_v4().to_string();
    if info.key.is_empty() {
        // As jupyter_client's Session does.
        eprintln!("cloudlab: WARNING: message signing is disabled (empty key in the connection file). This is insecure and not recommended; `%%rust` cells are refused.");
    }

    let mut heartbeat = create_kernel_heartbeat_connection(&info).await?;
    let (shell_tx, shell_rx) = create_kernel_shell_connection(&info, &session_id).await?.split();
    let (control_tx, control_rx) = create_kernel_control_connection(&info, &session_id).await?.split();
    // Bound so front ends can connect; cloudlab never asks for input.
    let _stdin = create_kernel_stdin_connection(&info, &session_id).await?;
    let mut iopub = iopub_connection(&info, &session_id).await?;

    let (iopub_q, mut iopub_rx) = mpsc::unbounded_channel::<(JupyterMessage, usize)>();
    let budget = Arc::new(Budget::new(IOPUB_QUEUE_BYTES));
    let sent = budget.clone();
    tokio::spawn(async move {
        while let Some((m, bytes)) = iopub_rx.recv().await {
            if let Err(e) = iopub.send(m).await {
                eprintln!("cloudlab: iopub send failed: {e}");
            }
            sent.give(bytes);
        }
    });
    tokio::spawn(async move { while heartbeat.single_heartbeat().await.is_ok() {} });

    let (job_tx, job_rx) = std::sync::mpsc::channel::<Job>();
    let (info_tx, info_rx) = oneshot::channel::<KernelInfo>();
    let (exited_tx, exited_rx) = oneshot::channel::<()>();
    std::thread::Builder::new().name("interpreter".into()).spawn(move || {
        let interp = make();
        let _ = info_tx.send(interp.kernel_info());
        // Returns, dropping the interpreter, once every job sender is gone.
        interpreter_thread(interp, job_rx);
        let _ = exited_tx.send(());
    })?;
    let kernel_info = info_rx.await.map_err(|_| anyhow::anyhow!("the interpreter failed to start"))?;

    let shared = Arc::new(Shared {
        iopub: iopub_q,
        budget,
        info: kernel_info,
        cancel: Mutex::new(Arc::new(AtomicBool::new(false))),
        seen: Mutex::new(Seen::new()),
    });
    let (shutdown_tx, mut shutdown_rx) = mpsc::unbounded_channel::<()>();

    let mut control = tokio::spawn(control_loop(control_rx, control_tx, shared.clone(), shutdown_tx.clone()));
    let mut shell = tokio::spawn(shell_loop(shell_rx, shell_tx, shared.clone(), job_tx, shutdown_tx));

    tokio::select! {
        _ = shutdown_rx.recv() => {}
        _ = stop => {}
        r = &mut control => if let Err(e) = r { eprintln!("cloudlab: control loop failed: {e}"); },
        r = &mut shell => if let Err(e) = r { eprintln!("cloudlab: shell loop failed: {e}"); },
    }
    // Stop the running cell and drop the shell loop's job sender: the interpreter thread
    // then ends and drops the interpreter, whose state may own files (the `%%rust`
    // engine's build directory, hundreds of MB) that exiting the process would leave.
    shared.interrupt();
    shell.abort();
    control.abort();
    let _ = shell.await;
    if tokio::time::timeout(INTERPRETER_EXIT_WAIT, exited_rx).await.is_err() {
        eprintln!("cloudlab: the interpreter did not stop within {INTERPRETER_EXIT_WAIT:?}; exiting anyway");
    }
    // Let the last replies and the final idle status leave the sockets.
    tokio::time::sleep(Duration::from_millis(100)).await;
    Ok(())
}
