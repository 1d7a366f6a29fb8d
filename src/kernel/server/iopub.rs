//! The iopub socket and the bounded queue of cell output waiting for it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use jupyter_protocol::ConnectionInfo;
use runtimelib::{Connection, KernelIoPubConnection};
use serde_json::Value;

use crate::kernel::interpreter::{Event, MimeBundle};

/// Most bytes of cell output waiting between the interpreter and the iopub socket. Past
/// this the cell waits for the queue to drain (an interrupt still stops it).
pub(super) const IOPUB_QUEUE_BYTES: usize = 64 << 20;

/// What the iopub socket queues for one subscriber: past either bound, that subscriber's
/// messages are dropped until it reads again, as ZeroMQ's send high-water mark does
/// (libzmq's default `ZMQ_SNDHWM`, which ipykernel keeps, is 1,000 messages; it counts no
/// bytes, so a front end that stops reading would still hold 1,000 outputs of up to
/// `MAX_OUTPUT_BYTES` each form). A front end that reads gets every message: its socket
/// takes what arrives, so its queue here stays near empty.
pub(super) const IOPUB_SUBSCRIBER_MESSAGES: usize = 1000;
pub(super) const IOPUB_SUBSCRIBER_BYTES: usize = 32 << 20;

/// The iopub PUB socket with a send high-water mark. runtimelib's own has none, and the
/// `zeromq` crate queued every message for a subscriber that stopped reading (issue 19;
/// the option is vendor/zeromq's patch).
pub(super) async fn iopub_connection(info: &ConnectionInfo, session_id: &str) -> anyhow::Result<KernelIoPubConnection> {
    use zeromq::Socket;
    let mut options = zeromq::SocketOptions::default();
    options.send_high_water_mark(IOPUB_SUBSCRIBER_MESSAGES, IOPUB_SUBSCRIBER_BYTES);
    let mut socket = zeromq::PubSocket::with_options(options);
    socket.bind(&info.iopub_url()).await?;
    Ok(Connection::new(socket, &info.key, session_id))
}

/// Bytes of output queued for iopub: taken before an output is queued, given back once it
/// is sent.
pub(super) struct Budget {
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
pub(super) fn event_bytes(e: &Event) -> usize {
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
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::Arc;

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
}
