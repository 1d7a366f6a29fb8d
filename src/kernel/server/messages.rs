//! Reading a request off a channel: signature, replays, the protocol's defaults, and the
//! error replies to what is malformed or unknown.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use jupyter_protocol::{JupyterMessage, JupyterMessageContent, UnknownMessage};
use runtimelib::{RawMessage, RouterRecvConnection, RuntimeError};
use serde_json::{json, Value};

use super::message;

/// Signed headers already handled: a message sent again (a replay) is dropped, as
/// jupyter_client's Session rejects a duplicate signature. Headers are kept as 64-bit
/// hashes (randomly keyed), so memory stays flat: at most 100,000 × 16 bytes.
pub(super) struct Seen {
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
pub(super) async fn next_message(rx: &mut RouterRecvConnection, channel: &str, seen: &Mutex<Seen>) -> JupyterMessage {
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
pub(super) fn malformed(msg: &JupyterMessage) -> Option<JupyterMessage> {
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

/// An unknown `*_request` is answered with an error reply; anything else is ignored.
pub(super) fn unknown_request(msg_type: &str, msg: &JupyterMessage) -> Option<JupyterMessage> {
    let base = msg_type.strip_suffix("_request")?;
    eprintln!("cloudlab: unknown message type {msg_type}");
    Some(message(
        &format!("{base}_reply"),
        json!({"status": "error", "ename": "UnknownMessageType", "evalue": format!("cloudlab does not handle {msg_type}"), "traceback": []}),
        msg,
    ))
}
#[cfg(test)]
mod tests {
    use super::*;

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
}
