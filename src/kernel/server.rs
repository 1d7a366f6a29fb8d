//! The message loop: binds the five channels from a connection file, answers shell and
//! control requests, publishes on iopub, echoes heartbeats. The interpreter runs on its
//! own thread so the control channel (interrupt, shutdown) is served while a cell runs.

use super::ename;
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jupyter_protocol::{ConnectionInfo, JupyterMessage, JupyterMessageContent, UnknownMessage};
use runtimelib::{
    create_kernel_control_connection, create_kernel_heartbeat_connection, create_kernel_shell_connection,
    create_kernel_stdin_connection, Connection, KernelIoPubConnection, RawMessage, RouterRecvConnection,
    RouterSendConnection, RuntimeError,
};
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use super::interpreter::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, KernelInfo, MimeBundle, Outcome};

/// Work for the interpreter thread.
enum Job {
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

fn interpreter_thread<I: Interpreter>(mut interp: I, jobs: std::sync::mpsc::Receiver<Job>) {
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

/// Most bytes of cell output waiting between the interpreter and the iopub socket. Past
/// this the cell waits for the queue to drain (an interrupt still stops it).
pub const IOPUB_QUEUE_BYTES: usize = 64 << 20;

/// What the iopub socket queues for one subscriber: past either bound, that subscriber's
/// messages are dropped until it reads again, as ZeroMQ's send high-water mark does
/// (libzmq's default `ZMQ_SNDHWM`, which ipykernel keeps, is 1,000 messages; it counts no
/// bytes, so a front end that stops reading would still hold 1,000 outputs of up to
/// `MAX_OUTPUT_BYTES` each form). A front end that reads gets every message: its socket
/// takes what arrives, so its queue here stays near empty.
pub const IOPUB_SUBSCRIBER_MESSAGES: usize = 1000;
pub const IOPUB_SUBSCRIBER_BYTES: usize = 32 << 20;

/// The iopub PUB socket with a send high-water mark. runtimelib's own has none, and the
/// `zeromq` crate queued every message for a subscriber that stopped reading (issue 19;
/// the option is vendor/zeromq's patch).
async fn iopub_connection(info: &ConnectionInfo, session_id: &str) -> anyhow::Result<KernelIoPubConnection> {
    use zeromq::Socket;
    let mut options = zeromq::SocketOptions::default();
    options.send_high_water_mark(IOPUB_SUBSCRIBER_MESSAGES, IOPUB_SUBSCRIBER_BYTES);
    let mut socket = zeromq::PubSocket::with_options(options);
    socket.bind(&info.iopub_url()).await?;
    Ok(Connection::new(socket, &info.key, session_id))
}

/// Bytes of output queued for iopub: taken before an output is queued, given back once it
/// is sent.
pub struct Budget {
    used: Mutex<usize>,
    freed: std::sync::Condvar,
    cap: usize,
}

impl Budget {
    pub fn new(cap: usize) -> Budget {
        Budget { used: Mutex::new(0), freed: std::sync::Condvar::new(), cap }
    }

    /// Takes `n` bytes, waiting while the queue is full (one output over the whole cap
    /// goes alone). False, and nothing taken, once `cancel` is set while waiting.
    pub fn take(&self, n: usize, cancel: &AtomicBool) -> bool {
        let Ok(mut used) = self.used.lock() else { return true };
        while *used > 0 && used.saturating_add(n) > self.cap {
            if cancel.load(Ordering::Relaxed) {
                return false;
            }
            used = match self.freed.wait_timeout(used, Duration::from_millis(20)) {
                Ok((u, _)) => u,
                Err(_) => return true,
            };
        }
        *used += n;
        true
    }

    pub fn give(&self, n: usize) {
        if let Ok(mut used) = self.used.lock() {
            *used = used.saturating_sub(n);
        }
        self.freed.notify_all();
    }
}

/// About how many bytes an output is on the wire: its text, and its JSON's strings.
fn event_bytes(e: &Event) -> usize {
    fn value_bytes(v: &Value) -> usize {
        let mut n = 0;
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            n += 8;
            match v {
                Value::String(s) => n += s.len(),
                Value::Array(a) => stack.extend(a.iter()),
                Value::Object(o) => {
                    for (k, v) in o {
                        n += k.len();
                        stack.push(v);
                    }
                }
                _ => {}
            }
        }
        n
    }
    let bundle = |b: &MimeBundle| b.iter().map(|(k, v)| k.len() + value_bytes(v)).sum::<usize>();
    match e {
        Event::Stream { text, .. } => text.len(),
        Event::Display { data, metadata } => bundle(data) + bundle(metadata),
        Event::Live { data, .. } => bundle(data),
    }
}

/// A reply or broadcast with raw JSON content (jupyter-protocol's typed structs would
/// fix field shapes we need to control, e.g. `user_expressions: {}`).
fn message(msg_type: &str, content: Value, parent: &JupyterMessage) -> JupyterMessage {
    JupyterMessage::new(UnknownMessage { msg_type: msg_type.to_string(), content }, Some(parent))
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

/// Runs the kernel until a shutdown request (or a fatal socket error). The sockets are
/// bound first and the interpreter is made afterwards on its own thread, so a front end
/// that connects at once does not wait for the interpreter's start-up.
pub async fn serve<I: Interpreter, F: FnOnce() -> I + Send + 'static>(
    info: ConnectionInfo,
    make: F,
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
    std::thread::Builder::new().name("interpreter".into()).spawn(move || {
        let interp = make();
        let _ = info_tx.send(interp.kernel_info());
        interpreter_thread(interp, job_rx)
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

    let control = tokio::spawn(control_loop(control_rx, control_tx, shared.clone(), shutdown_tx.clone()));
    let shell = tokio::spawn(shell_loop(shell_rx, shell_tx, shared.clone(), job_tx, shutdown_tx));

    tokio::select! {
        _ = shutdown_rx.recv() => {}
        r = control => if let Err(e) = r { eprintln!("cloudlab: control loop failed: {e}"); },
        r = shell => if let Err(e) = r { eprintln!("cloudlab: shell loop failed: {e}"); },
    }
    // Let the last replies and the final idle status leave the sockets.
    tokio::time::sleep(Duration::from_millis(100)).await;
    Ok(())
}

/// Signed headers already handled: a message sent again (a replay) is dropped, as
/// jupyter_client's Session rejects a duplicate signature. Headers are kept as 64-bit
/// hashes (randomly keyed), so memory stays flat: at most 100,000 × 16 bytes.
pub struct Seen {
    hasher: std::collections::hash_map::RandomState,
    ids: std::collections::HashSet<u64>,
    order: VecDeque<u64>,
}

impl Seen {
    const CAPACITY: usize = 100_000;

    pub fn new() -> Seen {
        Seen { hasher: Default::default(), ids: Default::default(), order: VecDeque::new() }
    }

    /// True the first time a header is offered.
    pub fn first_time(&mut self, header: &str) -> bool {
        use std::hash::BuildHasher;
        let h = self.hasher.hash_one(header);
        if self.ids.contains(&h) {
            return false;
        }
        if self.order.len() >= Self::CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.ids.remove(&old);
            }
        }
        self.ids.insert(h);
        self.order.push_back(h);
        true
    }
}

impl Default for Seen {
    fn default() -> Self {
        Seen::new()
    }
}

/// Reads the next message, dropping (and logging) what fails the signature check, does
/// not parse, or replays an earlier message; a transport error pauses briefly so a
/// broken socket cannot spin.
async fn next_message(rx: &mut RouterRecvConnection, channel: &str, seen: &Mutex<Seen>) -> JupyterMessage {
    loop {
        match read_lenient(rx).await {
            Ok(m) => {
                // The whole header is signed and carries its send time: two distinct
                // messages never share it (jupyter_client's manager and client may share
                // msg_ids), a replay always does.
                let key = serde_json::to_string(&m.header).unwrap_or_else(|_| m.header.msg_id.clone());
                let fresh = seen.lock().map(|mut s| s.first_time(&key)).unwrap_or(true);
                if fresh {
                    return m;
                }
                eprintln!("cloudlab: dropped a replayed {channel} message (msg_id {})", m.header.msg_id);
            }
            Err(e) => {
                eprintln!("cloudlab: dropped a {channel} message: {e}");
                if matches!(e, RuntimeError::ZmqError(_) | RuntimeError::IoError(_)) {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        }
    }
}

/// Reads one message as `Connection::read` does (signature checked), except that a known
/// request whose content misses an optional field gets the protocol's defaults for it
/// (`execute_request` without `store_history`, …) instead of being dropped unanswered;
/// content that still does not parse is passed on as it is, for the loop to read leniently.
async fn read_lenient(rx: &mut RouterRecvConnection) -> Result<JupyterMessage, RuntimeError> {
    use zeromq::SocketRecv;
    let raw = RawMessage::from_multipart(rx.socket.recv().await?, &rx.mac)?;
    if raw.jparts.len() < 4 {
        return Err(RuntimeError::InsufficientMessageParts(raw.jparts.len()));
    }
    let header: jupyter_protocol::Header = serde_json::from_slice(&raw.jparts[0])?;
    let mut content: Value = serde_json::from_slice(&raw.jparts[3])?;
    if let Some(obj) = content.as_object_mut() {
        for (k, v) in protocol_defaults(&header.msg_type) {
            obj.entry(k.to_string()).or_insert(v);
        }
    }
    let content =
        JupyterMessageContent::from_type_and_content(&header.msg_type, content.clone()).unwrap_or_else(|_| {
            JupyterMessageContent::UnknownMessage(UnknownMessage { msg_type: header.msg_type.clone(), content })
        });
    Ok(JupyterMessage {
        zmq_identities: raw.zmq_identities,
        parent_header: serde_json::from_slice(&raw.jparts[1]).ok(),
        metadata: serde_json::from_slice(&raw.jparts[2]).unwrap_or(Value::Object(Default::default())),
        header,
        content,
        buffers: raw.jparts[4..].to_vec(),
        channel: None,
    })
}

/// The error reply to a request we handle whose content did not parse even with the
/// protocol's defaults (`{"code": 42}`): the client gets an answer instead of waiting.
fn malformed(msg: &JupyterMessage) -> Option<JupyterMessage> {
    const HANDLED: &[&str] = &[
        "kernel_info_request",
        "execute_request",
        "complete_request",
        "inspect_request",
        "is_complete_request",
        "history_request",
        "comm_info_request",
        "shutdown_request",
        "interrupt_request",
    ];
    let t = msg.header.msg_type.as_str();
    if !HANDLED.contains(&t) || !matches!(msg.content, JupyterMessageContent::UnknownMessage(_)) {
        return None;
    }
    eprintln!("cloudlab: malformed {t} (msg_id {})", msg.header.msg_id);
    let base = t.strip_suffix("_request").unwrap_or(t);
    Some(message(
        &format!("{base}_reply"),
        json!({"status": "error", "ename": "InvalidMessage", "evalue": format!("the {t} content does not follow the messaging spec"), "traceback": []}),
        msg,
    ))
}

/// The messaging spec's defaults for a request's optional fields.
fn protocol_defaults(msg_type: &str) -> Vec<(&'static str, Value)> {
    match msg_type {
        "execute_request" => vec![
            ("silent", json!(false)),
            ("store_history", json!(true)),
            ("user_expressions", json!({})),
            ("allow_stdin", json!(false)),
            ("stop_on_error", json!(true)),
        ],
        "complete_request" | "inspect_request" => {
            vec![("code", json!("")), ("cursor_pos", json!(0)), ("detail_level", json!(0))]
        }
        "is_complete_request" => vec![("code", json!(""))],
        "history_request" => vec![("output", json!(false)), ("raw", json!(true)), ("hist_access_type", json!("tail"))],
        "shutdown_request" => vec![("restart", json!(false))],
        _ => vec![],
    }
}

async fn control_loop(
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
                    if let Ok(flag) = shared.cancel.lock() {
                        flag.store(true, Ordering::Relaxed);
                    }
                    Some(message("interrupt_reply", json!({"status": "ok"}), &msg))
                }
                "shutdown_request" => return shut_down(&mut tx, &shared, &msg, &content, &shutdown).await,
                other => unknown_request(other, &msg),
            }
        };
        if let Some(r) = reply {
            if let Err(e) = tx.send(r).await {
                eprintln!("cloudlab: control send failed: {e}");
            }
        }
        shared.status("idle", &msg);
    }
}

/// Replies to a shutdown request (on its channel and, as ipykernel does, on iopub), then
/// tells the kernel to stop; a restart is the front end's to do.
async fn shut_down(
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

/// An unknown `*_request` is answered with an error reply; anything else is ignored.
fn unknown_request(msg_type: &str, msg: &JupyterMessage) -> Option<JupyterMessage> {
    let base = msg_type.strip_suffix("_request")?;
    eprintln!("cloudlab: unknown message type {msg_type}");
    Some(message(
        &format!("{base}_reply"),
        json!({"status": "error", "ename": "UnknownMessageType", "evalue": format!("cloudlab does not handle {msg_type}"), "traceback": []}),
        msg,
    ))
}

struct History {
    entries: VecDeque<(u32, String)>,
    /// Bytes of code held in `entries`.
    bytes: usize,
}

/// Most executes `history` keeps, and most bytes of code: 20 executes of 10 MB held
/// 445 MB when only the count was capped (issue 19).
const HISTORY_ENTRIES: usize = 10_000;
const HISTORY_BYTES: usize = 32 << 20;

impl History {
    /// Keeps `code`, dropping the oldest entries past either cap (the newest always stays).
    fn push(&mut self, n: u32, code: String) {
        self.bytes += code.len();
        self.entries.push_back((n, code));
        while self.entries.len() > 1 && (self.entries.len() > HISTORY_ENTRIES || self.bytes > HISTORY_BYTES) {
            if let Some((_, old)) = self.entries.pop_front() {
                self.bytes -= old.len();
            }
        }
    }
}

async fn shell_loop(
    mut rx: RouterRecvConnection,
    mut tx: RouterSendConnection,
    shared: Arc<Shared>,
    jobs: std::sync::mpsc::Sender<Job>,
    shutdown: mpsc::UnboundedSender<()>,
) {
    let mut execution_count: u32 = 0;
    let mut history = History { entries: VecDeque::new(), bytes: 0 };
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
            if let Err(e) = tx.send(r).await {
                eprintln!("cloudlab: shell send failed: {e}");
            }
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
                let content = match outcome {
                    Outcome::Ok => {
                        json!({"status": "ok", "execution_count": count, "user_expressions": {}, "payload": []})
                    }
                    Outcome::Error { ename, evalue, traceback } => {
                        if !silent {
                            shared.publish(
                                "error",
                                json!({"ename": ename, "evalue": evalue, "traceback": traceback}),
                                &msg,
                            );
                        }
                        json!({"status": "error", "execution_count": count, "ename": ename, "evalue": evalue, "traceback": traceback, "user_expressions": {}, "payload": []})
                    }
                };
                if failed && stop_on_error {
                    // As ipykernel: the execute requests queued while this cell ran
                    // ("Run All") are answered `aborted` instead of run. They are taken off
                    // the socket before this reply goes out (so nothing sent in answer to
                    // it is caught) and answered after it (clients expect replies in order).
                    let aborted = take_queued_executes(&mut rx, &shared, &mut pending).await;
                    let last = aborted.iter().map(|m| m.header.date).fold(msg.header.date, std::cmp::max);
                    aborting = Some(Aborting {
                        replied_at: native_now(),
                        session: msg.header.session.clone(),
                        notebook: from_notebook(&msg),
                        last,
                    });
                    if let Err(e) = tx.send(message("execute_reply", content, &msg)).await {
                        eprintln!("cloudlab: shell send failed: {e}");
                    }
                    shared.status("idle", &msg);
                    for m in aborted {
                        send_aborted(&mut tx, &shared, &m).await;
                    }
                    continue;
                }
                Some(message("execute_reply", content, &msg))
            }
            "complete_request" => {
                let (done, wait) = oneshot::channel();
                let c = ask(&jobs, Job::Complete { code, cursor, done }, wait).await.unwrap_or_default();
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
                Some(message(
                    "complete_reply",
                    json!({"status": "ok", "matches": c.matches, "cursor_start": c.cursor_start, "cursor_end": c.cursor_end, "metadata": metadata}),
                    &msg,
                ))
            }
            "inspect_request" => {
                let (done, wait) = oneshot::channel();
                let found = ask(&jobs, Job::Inspect { code, cursor, done }, wait).await.flatten();
                let content = match found {
                    Some(data) => json!({"status": "ok", "found": true, "data": data, "metadata": {}}),
                    None => json!({"status": "ok", "found": false, "data": {}, "metadata": {}}),
                };
                Some(message("inspect_reply", content, &msg))
            }
            "is_complete_request" => {
                let (done, wait) = oneshot::channel();
                let content = match ask(&jobs, Job::IsComplete { code, done }, wait).await {
                    Some(IsComplete::Complete) => json!({"status": "complete"}),
                    Some(IsComplete::Incomplete { indent }) => json!({"status": "incomplete", "indent": indent}),
                    Some(IsComplete::Invalid) => json!({"status": "invalid"}),
                    None => json!({"status": "unknown"}),
                };
                Some(message("is_complete_reply", content, &msg))
            }
            "history_request" => Some(message("history_reply", history_reply(&history, &content), &msg)),
            "comm_info_request" => Some(message("comm_info_reply", json!({"status": "ok", "comms": {}}), &msg)),
            // Deprecated on shell, still sent by some clients.
            "shutdown_request" => return shut_down(&mut tx, &shared, &msg, &content, &shutdown).await,
            other => unknown_request(other, &msg),
        };
        if let Some(r) = reply {
            if let Err(e) = tx.send(r).await {
                eprintln!("cloudlab: shell send failed: {e}");
            }
        }
        shared.status("idle", &msg);
    }
}

/// ipykernel's abort window (`stop_on_error_timeout`): for this long after a `stop_on_error`
/// failure, requests sent before the error reply are aborted, however late jupyter-server
/// delivers them. Bounded, because it compares the client's clock with the kernel's. A
/// notebook's "Run All" is told by its requests' dates alone (`Aborting::catches`).
const ABORT_WINDOW: chrono::TimeDelta = chrono::TimeDelta::seconds(2);

/// The longest pause between two execute requests of one "Run All", by the client's
/// clock (their `header.date`s). JupyterLab creates them one after another, some after the
/// kernel has answered a cell that failed at once: measured ≤ 34 ms apart with Chromium's
/// CPU throttled 4×, ≤ 141 ms throttled 10×, on 2 cores at load 10–17 (tests/browser). A
/// person who reads an error before running a cell takes longer than this.
const BATCH_GAP: chrono::TimeDelta = chrono::TimeDelta::milliseconds(500);

/// After a failed cell with `stop_on_error`: which later execute requests belong to the
/// failed run and are aborted.
struct Aborting {
    /// When the error reply went out (the kernel's clock).
    replied_at: chrono::DateTime<chrono::Utc>,
    /// The failed request's client session.
    session: String,
    /// The failed request came from a notebook front end (see `from_notebook`).
    notebook: bool,
    /// The newest `header.date` of the failed request and those aborted after it (the
    /// client's clock).
    last: chrono::DateTime<chrono::Utc>,
}

impl Aborting {
    /// Aborted: a request sent before the error reply went out (ipykernel aborts those it
    /// finds queued), and, from the same notebook, one created in the same burst as the
    /// failed one: "Run All" on a slow browser creates the later cells' requests after
    /// the reply, each within BATCH_GAP of the one before. A client that waits for each
    /// reply (jupyter_client, console) and then sends is not caught by the second rule.
    fn catches(&mut self, m: &JupyterMessage) -> bool {
        let date = m.header.date;
        let burst =
            self.notebook && from_notebook(m) && m.header.session == self.session && date - self.last <= BATCH_GAP;
        let in_flight = date < self.replied_at && native_now() - self.replied_at <= ABORT_WINDOW;
        let caught = in_flight || burst;
        if caught {
            self.last = self.last.max(date);
        }
        caught
    }
}

/// A request from a notebook front end: JupyterLab and Notebook 7 put the cell's ID in an
/// execute request's metadata (`cellId`), and send "Run All" as one burst of requests.
fn from_notebook(m: &JupyterMessage) -> bool {
    m.metadata.get("cellId").is_some_and(Value::is_string)
}

async fn send_aborted(tx: &mut RouterSendConnection, shared: &Shared, m: &JupyterMessage) {
    shared.status("busy", m);
    let reply = json!({"status": "aborted", "execution_count": Value::Null, "user_expressions": {}, "payload": []});
    if let Err(e) = tx.send(message("execute_reply", reply, m)).await {
        eprintln!("cloudlab: shell send failed: {e}");
    }
    shared.status("idle", m);
}

/// Takes every execute request already waiting on the shell socket (to be answered
/// `aborted`); other requests are kept, in order, for the main loop.
async fn take_queued_executes(
    rx: &mut RouterRecvConnection,
    shared: &Shared,
    pending: &mut VecDeque<JupyterMessage>,
) -> Vec<JupyterMessage> {
    let mut aborted = Vec::new();
    while let Ok(m) = tokio::time::timeout(Duration::from_millis(1), next_message(rx, "shell", &shared.seen)).await {
        if m.header.msg_type == "execute_request" {
            aborted.push(m);
        } else {
            pending.push_back(m);
        }
    }
    aborted
}

async fn ask<T>(jobs: &std::sync::mpsc::Sender<Job>, job: Job, wait: oneshot::Receiver<T>) -> Option<T> {
    jobs.send(job).ok()?;
    wait.await.ok()
}

async fn run_execute(
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

fn history_reply(history: &History, content: &Value) -> Value {
    let access = content.get("hist_access_type").and_then(Value::as_str).unwrap_or("tail");
    let output = content.get("output").and_then(Value::as_bool).unwrap_or(false);
    let entry = |(n, code): &(u32, String)| {
        if output {
            json!([1, n, [code, Value::Null]])
        } else {
            json!([1, n, code])
        }
    };
    let items: Vec<Value> = match access {
        "range" => {
            let start = content.get("start").and_then(Value::as_i64).unwrap_or(0);
            let stop = content.get("stop").and_then(Value::as_i64).unwrap_or(i64::MAX);
            history.entries.iter().filter(|(n, _)| (*n as i64) >= start && (*n as i64) < stop).map(entry).collect()
        }
        "search" => {
            let pattern = content.get("pattern").and_then(Value::as_str).unwrap_or("*");
            let n = content.get("n").and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
            let matched: Vec<Value> =
                history.entries.iter().filter(|(_, c)| glob_match(pattern, c)).map(entry).collect();
            let skip = matched.len().saturating_sub(n);
            matched.into_iter().skip(skip).collect()
        }
        _ => {
            let n = content.get("n").and_then(Value::as_u64).unwrap_or(10) as usize;
            let skip = history.entries.len().saturating_sub(n);
            history.entries.iter().skip(skip).map(entry).collect()
        }
    };
    json!({"status": "ok", "history": items})
}

/// IPython's history search pattern: `*` any run, `?` one character.
use crate::glob::matches as glob_match;

/// Now, to the microsecond, to compare with Jupyter message dates. The ZeroMQ server is
/// native only (feature `kernel`), so chrono's clock is safe here; `crate::clock::now_utc`
/// is to the second.
#[allow(clippy::disallowed_methods)]
fn native_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZMTP 3.0 SUB over a plain TCP stream: the peer's bytes, frame by frame.
    mod raw_sub {
        use std::io::{Read, Write};
        use std::net::TcpStream;

        /// Connects, greets (NULL mechanism), says READY as a SUB, subscribes to everything.
        pub fn connect(port: u16) -> TcpStream {
            let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            let mut greeting = vec![0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 0];
            greeting.extend_from_slice(b"NULL");
            greeting.resize(64, 0);
            s.write_all(&greeting).expect("greeting");
            let mut peer = [0u8; 64];
            s.read_exact(&mut peer).expect("the peer's greeting");
            let mut ready = vec![0x04, 25, 5];
            ready.extend_from_slice(b"READY");
            ready.push(11);
            ready.extend_from_slice(b"Socket-Type");
            ready.extend_from_slice(&[0, 0, 0, 3]);
            ready.extend_from_slice(b"SUB");
            s.write_all(&ready).expect("ready");
            frame(&mut s).expect("the peer's READY");
            // A subscription message: one frame, 0x01 and an empty prefix.
            s.write_all(&[0x00, 1, 0x01]).expect("subscribe");
            s
        }

        /// One frame: (more frames follow, its body). None when nothing comes in time.
        pub fn frame(s: &mut TcpStream) -> Option<(bool, Vec<u8>)> {
            let mut flags = [0u8; 1];
            s.read_exact(&mut flags).ok()?;
            let len = if flags[0] & 0x02 != 0 {
                let mut n = [0u8; 8];
                s.read_exact(&mut n).ok()?;
                u64::from_be_bytes(n) as usize
            } else {
                let mut n = [0u8; 1];
                s.read_exact(&mut n).ok()?;
                n[0] as usize
            };
            let mut body = vec![0u8; len];
            s.read_exact(&mut body).ok()?;
            Some((flags[0] & 0x01 != 0, body))
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn iopub_drops_what_a_subscriber_does_not_read_and_serves_it_again() {
        use zeromq::{SocketSend, ZmqMessage};
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
        let info = ConnectionInfo {
            transport: jupyter_protocol::connection_info::Transport::TCP,
            ip: "127.0.0.1".into(),
            shell_port: 0,
            iopub_port: port,
            stdin_port: 0,
            control_port: 0,
            hb_port: 0,
            signature_scheme: "hmac-sha256".into(),
            key: "k".into(),
            kernel_name: None,
        };
        let mut iopub = iopub_connection(&info, "s").await.expect("bound");
        let mut sub = raw_sub::connect(port);
        tokio::time::sleep(Duration::from_millis(300)).await;
        // 100 messages of 1 MiB, about three times IOPUB_SUBSCRIBER_BYTES, to a subscriber
        // that reads nothing meanwhile.
        let sent = 100;
        for i in 0..sent {
            let mut body = vec![0u8; 1 << 20];
            body[..4].copy_from_slice(&(i as u32).to_be_bytes());
            iopub.socket.send(ZmqMessage::from(body)).await.expect("send");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        // What was kept arrives, in order; the rest was dropped. Past the queue's 32 MiB
        // only the message being written and what the loopback's TCP buffers hold get
        // through (a few MiB).
        sub.set_read_timeout(Some(Duration::from_secs(2))).expect("timeout");
        let mut got = Vec::new();
        while let Some((more, body)) = raw_sub::frame(&mut sub) {
            assert!(!more && body.len() == 1 << 20);
            got.push(u32::from_be_bytes(body[..4].try_into().expect("4 bytes")));
        }
        assert!(got.windows(2).all(|w| w[0] < w[1]), "in order: {got:?}");
        assert!(!got.is_empty() && got.len() < 64, "{} of {sent} arrived", got.len());
        // Having read, it gets the next message.
        iopub.socket.send(ZmqMessage::from(b"after".to_vec())).await.expect("send");
        assert_eq!(raw_sub::frame(&mut sub), Some((false, b"after".to_vec())));
    }

    #[test]
    fn history_is_capped_by_bytes_and_count() {
        let mut h = History { entries: VecDeque::new(), bytes: 0 };
        for n in 0..20 {
            h.push(n, "x".repeat(10 << 20));
        }
        assert!(h.bytes <= HISTORY_BYTES, "{} bytes kept", h.bytes);
        assert_eq!(h.entries.back().map(|e| e.0), Some(19));
        for n in 20..(HISTORY_ENTRIES as u32 + 100) {
            h.push(n, String::new());
        }
        assert_eq!(h.entries.len(), HISTORY_ENTRIES);
        // The newest stays even when it alone is over the cap.
        h.push(1, "y".repeat(HISTORY_BYTES + 1));
        assert_eq!(h.entries.len(), 1);
    }

    #[test]
    fn missing_optional_fields_get_protocol_defaults() {
        let mut content = json!({"code": "echo hi"});
        for (k, v) in protocol_defaults("execute_request") {
            content.as_object_mut().unwrap().entry(k.to_string()).or_insert(v);
        }
        let parsed = JupyterMessageContent::from_type_and_content("execute_request", content);
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn replays_are_recognised() {
        let mut s = Seen::new();
        assert!(s.first_time("a"));
        assert!(s.first_time("b"));
        assert!(!s.first_time("a"));
    }

    fn execute_request(session: &str, date: chrono::DateTime<chrono::Utc>, cell: bool) -> JupyterMessage {
        let mut m =
            JupyterMessage::new(UnknownMessage { msg_type: "execute_request".into(), content: json!({}) }, None);
        m.header.session = session.into();
        m.header.date = date;
        if cell {
            m.metadata = json!({"cellId": "c1", "deletedCells": [], "recordTiming": false});
        }
        m
    }

    #[test]
    fn a_notebooks_run_all_burst_is_aborted_a_later_cell_is_not() {
        let ms = chrono::TimeDelta::milliseconds;
        let t0 = native_now();
        let failed = execute_request("s", t0, true);
        let mut a = Aborting { replied_at: t0 + ms(5), session: "s".into(), notebook: true, last: failed.header.date };
        // Sent before the reply went out: aborted, from any client.
        assert!(a.catches(&execute_request("plain", t0 + ms(2), false)));
        // Run All's later cells, made by a slow browser after the reply, 30 ms apart.
        for i in 1..=7 {
            assert!(a.catches(&execute_request("s", t0 + ms(30 * i), true)), "cell {i}");
        }
        // Right after the reply from another session, or a client that waits for replies.
        assert!(!a.catches(&execute_request("other", t0 + ms(230), true)));
        assert!(!a.catches(&execute_request("s", t0 + ms(230), false)));
        // The user's next cell, a second after the burst.
        assert!(!a.catches(&execute_request("s", t0 + ms(210) + ms(1000), true)));
    }

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

    #[test]
    fn queued_output_is_bounded_and_an_interrupt_drops_what_waits() {
        let budget = Arc::new(Budget::new(100));
        let cancel = AtomicBool::new(false);
        assert!(budget.take(60, &cancel));
        // Full: the next output waits until the first is sent.
        let waiting = {
            let budget = budget.clone();
            std::thread::spawn(move || budget.take(60, &AtomicBool::new(false)))
        };
        std::thread::sleep(Duration::from_millis(100));
        assert!(!waiting.is_finished(), "over the cap: it waits");
        budget.give(60);
        assert!(waiting.join().expect("joined"), "taken once the first is sent");
        // An interrupt while waiting: the output is dropped, nothing taken.
        cancel.store(true, Ordering::Relaxed);
        assert!(!budget.take(60, &cancel));
        budget.give(60);
        // One output over the whole cap goes alone.
        assert!(budget.take(1_000, &cancel));
        let e = Event::Display {
            data: json!({"text/plain": "x".repeat(1_000)}).as_object().cloned().unwrap_or_default(),
            metadata: MimeBundle::new(),
        };
        assert!(event_bytes(&e) >= 1_000);
    }

    #[test]
    fn history_search_globs() {
        assert!(glob_match("echo*", "echo hi"));
        assert!(glob_match("*vpc*", "create-vpc --cidr-block x"));
        assert!(!glob_match("echo", "echo hi"));
        assert!(glob_match("ech? hi", "echo hi"));
    }
}
