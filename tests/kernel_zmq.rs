//! The kernel binary driven over real ZeroMQ with runtimelib's client sockets:
//! kernel_info, execute ok/error, a forged signature ignored, interrupt, shutdown.

// A native test: std's clock is fine here (clippy.toml forbids it in the library).
#![allow(clippy::disallowed_methods)]

use std::net::{IpAddr, Ipv4Addr};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use jupyter_protocol::{
    ConnectionInfo, ExecuteRequest, InterruptRequest, JupyterMessage, JupyterMessageContent, KernelInfoRequest,
    ShutdownRequest, Transport,
};
use runtimelib::{
    create_client_control_connection, create_client_iopub_connection, create_client_shell_connection_with_identity,
    peek_ports, peer_identity_for_session, ClientControlConnection, ClientIoPubConnection, ClientShellConnection,
};

struct Kernel {
    child: Child,
    info: ConnectionInfo,
    _dir: tempfile::TempDir,
}

impl Drop for Kernel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start() -> Kernel {
    let ports = peek_ports(IpAddr::V4(Ipv4Addr::LOCALHOST), 5).await.expect("ports");
    let info = ConnectionInfo {
        transport: Transport::TCP,
        ip: "127.0.0.1".into(),
        shell_port: ports[0],
        iopub_port: ports[1],
        stdin_port: ports[2],
        control_port: ports[3],
        hb_port: ports[4],
        signature_scheme: "hmac-sha256".into(),
        key: "a-real-secret".into(),
        kernel_name: Some("cloudlab".into()),
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("conn.json");
    std::fs::write(&file, serde_json::to_string(&info).expect("json")).expect("write");
    let child = Command::new(env!("CARGO_BIN_EXE_cloudlab"))
        .args(["kernel", "--connection-file"])
        .arg(&file)
        .spawn()
        .expect("start kernel");
    Kernel { child, info, _dir: dir }
}

struct Client {
    shell: ClientShellConnection,
    iopub: ClientIoPubConnection,
    control: ClientControlConnection,
}

async fn connect(info: &ConnectionInfo) -> Client {
    let session = uuid::Uuid::new_v4().to_string();
    let identity = peer_identity_for_session(&session).expect("identity");
    let shell = create_client_shell_connection_with_identity(info, &session, identity).await.expect("shell");
    let iopub = create_client_iopub_connection(info, "", &session).await.expect("iopub");
    let control = create_client_control_connection(info, &session).await.expect("control");
    Client { shell, iopub, control }
}

async fn reply(shell: &mut ClientShellConnection) -> JupyterMessage {
    tokio::time::timeout(Duration::from_secs(20), shell.read()).await.expect("reply in time").expect("reply")
}

/// Waits until the kernel answers kernel_info (sockets bound, iopub subscribed).
async fn ready(c: &mut Client) {
    for _ in 0..100 {
        let req: JupyterMessage = KernelInfoRequest {}.into();
        c.shell.send(req).await.expect("send");
        if let Ok(Ok(m)) = tokio::time::timeout(Duration::from_millis(300), c.shell.read()).await {
            if let JupyterMessageContent::KernelInfoReply(info) = m.content {
                assert_eq!(info.language_info.name, "cloudlab");
                assert_eq!(info.protocol_version, "5.3");
                return;
            }
        }
    }
    panic!("kernel never answered kernel_info");
}

fn execute(code: &str) -> JupyterMessage {
    ExecuteRequest::new(code.to_string()).into()
}

/// Collects iopub messages of one request until its idle status.
async fn outputs_until_idle(iopub: &mut ClientIoPubConnection, parent_id: &str) -> Vec<JupyterMessage> {
    let mut out = Vec::new();
    loop {
        let m =
            tokio::time::timeout(Duration::from_secs(20), iopub.read()).await.expect("iopub in time").expect("iopub");
        if m.parent_header.as_ref().map(|h| h.msg_id.as_str()) != Some(parent_id) {
            continue;
        }
        let idle = matches!(&m.content, JupyterMessageContent::Status(s) if s.execution_state == jupyter_protocol::ExecutionState::Idle);
        out.push(m);
        if idle {
            return out;
        }
    }
}

#[tokio::test]
async fn execute_ok_error_and_outputs() {
    let k = start().await;
    let mut c = connect(&k.info).await;
    ready(&mut c).await;

    let req = execute("echo hello, world");
    let id = req.header.msg_id.clone();
    c.shell.send(req).await.expect("send");
    let r = reply(&mut c.shell).await;
    match r.content {
        JupyterMessageContent::ExecuteReply(rep) => assert_eq!(rep.status, jupyter_protocol::ReplyStatus::Ok),
        other => panic!("expected execute_reply, got {other:?}"),
    }
    let out = outputs_until_idle(&mut c.iopub, &id).await;
    let types: Vec<&str> = out.iter().map(|m| m.header.msg_type.as_str()).collect();
    assert_eq!(types, vec!["status", "execute_input", "stream", "status"]);
    assert!(matches!(&out[2].content, JupyterMessageContent::StreamContent(s) if s.text == "hello, world\n"));

    let req = execute("region nowhere-9");
    let id = req.header.msg_id.clone();
    c.shell.send(req).await.expect("send");
    match reply(&mut c.shell).await.content {
        JupyterMessageContent::ExecuteReply(rep) => {
            assert_eq!(rep.status, jupyter_protocol::ReplyStatus::Error);
            assert_eq!(rep.execution_count.0, 2);
        }
        other => panic!("expected execute_reply, got {other:?}"),
    }
    let out = outputs_until_idle(&mut c.iopub, &id).await;
    let err = out.iter().find_map(|m| match &m.content {
        JupyterMessageContent::ErrorOutput(e) => Some(e.clone()),
        _ => None,
    });
    let err = err.expect("an error message on iopub");
    assert_eq!(err.ename, "InvalidParameterValue");
    assert!(err.evalue.contains("nowhere-9"));
}

#[tokio::test]
async fn forged_signature_is_dropped_and_the_kernel_lives_on() {
    let k = start().await;
    let mut c = connect(&k.info).await;
    ready(&mut c).await;

    // Same sockets' ports, wrong key: the kernel must not run it.
    let mut forged_info = k.info.clone();
    forged_info.key = "not-the-key".into();
    let mut forger = connect(&forged_info).await;
    forger.shell.send(execute("region eu-west-1")).await.expect("send forged");
    let no_reply = tokio::time::timeout(Duration::from_millis(500), forger.shell.read()).await;
    assert!(no_reply.is_err(), "a forged message must get no reply");

    // The real client still gets answers, and the forged cell changed nothing.
    c.shell.send(execute("region")).await.expect("send");
    let r = reply(&mut c.shell).await;
    match r.content {
        JupyterMessageContent::ExecuteReply(rep) => {
            assert_eq!(rep.execution_count.0, 1, "the forged cell was not counted")
        }
        other => panic!("expected execute_reply, got {other:?}"),
    }
}

#[tokio::test]
async fn interrupt_stops_a_long_command_and_the_session_goes_on() {
    let k = start().await;
    let mut c = connect(&k.info).await;
    ready(&mut c).await;

    c.shell.send(execute("region ap-northeast-2")).await.expect("send");
    reply(&mut c.shell).await;
    c.shell.send(execute("sleep 30")).await.expect("send");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let t = Instant::now();
    let int: JupyterMessage = InterruptRequest {}.into();
    c.control.send(int).await.expect("interrupt");
    let r = reply(&mut c.shell).await;
    let took = t.elapsed();
    match r.content {
        JupyterMessageContent::ExecuteReply(rep) => {
            assert_eq!(rep.status, jupyter_protocol::ReplyStatus::Error);
            assert_eq!(rep.error.map(|e| e.ename), Some("KeyboardInterrupt".to_string()));
        }
        other => panic!("expected execute_reply, got {other:?}"),
    }
    assert!(took < Duration::from_secs(5), "interrupt took {took:?}");
    println!("interrupt → reply in {took:?}");

    // The session kept its state.
    let req = execute("region");
    let id = req.header.msg_id.clone();
    c.shell.send(req).await.expect("send");
    reply(&mut c.shell).await;
    let out = outputs_until_idle(&mut c.iopub, &id).await;
    assert!(out
        .iter()
        .any(|m| matches!(&m.content, JupyterMessageContent::StreamContent(s) if s.text.contains("ap-northeast-2"))));
}

#[tokio::test]
async fn shutdown_request_ends_the_process() {
    let mut k = start().await;
    let mut c = connect(&k.info).await;
    ready(&mut c).await;
    let req: JupyterMessage = ShutdownRequest { restart: false }.into();
    c.control.send(req).await.expect("send");
    let r = tokio::time::timeout(Duration::from_secs(10), c.control.read()).await.expect("in time").expect("reply");
    assert_eq!(r.header.msg_type, "shutdown_reply");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(Some(status)) = k.child.try_wait() {
            assert!(status.success());
            break;
        }
        assert!(Instant::now() < deadline, "kernel still running after shutdown");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
