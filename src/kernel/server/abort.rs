//! Aborting after an error: the execute requests of a failed "Run All" are answered
//! `aborted` instead of run.

use std::collections::VecDeque;
use std::time::Duration;

use jupyter_protocol::JupyterMessage;
use runtimelib::{RouterRecvConnection, RouterSendConnection};
use serde_json::{json, Value};

use super::messages::next_message;
use super::{message, send_reply, Shared};

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
pub(super) struct Aborting {
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
    pub(super) fn catches(&mut self, m: &JupyterMessage) -> bool {
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

pub(super) async fn send_aborted(tx: &mut RouterSendConnection, shared: &Shared, m: &JupyterMessage) {
    shared.status("busy", m);
    let reply = json!({"status": "aborted", "execution_count": Value::Null, "user_expressions": {}, "payload": []});
    send_reply(tx, "shell", message("execute_reply", reply, m)).await;
    shared.status("idle", m);
}

/// Replies to an execute request that failed with `stop_on_error`. As ipykernel: the
/// execute requests queued while this cell ran ("Run All") are answered `aborted` instead
/// of run. They are taken off the socket before this reply goes out (so nothing sent in
/// answer to it is caught) and answered after it (clients expect replies in order).
/// Returns which later requests still belong to the failed run.
pub(super) async fn reply_and_abort_queued(
    rx: &mut RouterRecvConnection,
    tx: &mut RouterSendConnection,
    shared: &Shared,
    pending: &mut VecDeque<JupyterMessage>,
    msg: &JupyterMessage,
    reply: Value,
) -> Aborting {
    let aborted = take_queued_executes(rx, shared, pending).await;
    let last = aborted.iter().map(|m| m.header.date).fold(msg.header.date, std::cmp::max);
    let aborting =
        Aborting { replied_at: native_now(), session: msg.header.session.clone(), notebook: from_notebook(msg), last };
    send_reply(tx, "shell", message("execute_reply", reply, msg)).await;
    shared.status("idle", msg);
    for m in aborted {
        send_aborted(tx, shared, &m).await;
    }
    aborting
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
    use jupyter_protocol::UnknownMessage;

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
}
