//! The Jupyter protocol core: connection file, the five ZeroMQ channels, signatures,
//! busy/idle, execution counts, interrupts. It knows only the [`Interpreter`] trait.

pub mod ename;
pub mod interpreter;
#[cfg(feature = "kernel")]
mod parent;
#[cfg(feature = "kernel")]
pub mod server;

#[cfg(feature = "kernel")]
use std::path::Path;

pub use interpreter::{Completion, Event, ExecuteRequest, Interpreter, IsComplete, KernelInfo, MimeBundle, Outcome};

#[cfg(feature = "kernel")]
use jupyter_protocol::ConnectionInfo;

/// Reads and checks a Jupyter connection file.
#[cfg(feature = "kernel")]
pub fn read_connection_file(path: &Path) -> anyhow::Result<ConnectionInfo> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read connection file {}: {e}", path.display()))?;
    let info: ConnectionInfo = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("connection file {} is not valid: {e}", path.display()))?;
    if !info.key.is_empty() && info.signature_scheme != "hmac-sha256" {
        anyhow::bail!("unsupported signature scheme {:?} (cloudlab signs with hmac-sha256)", info.signature_scheme);
    }
    Ok(info)
}

#[cfg(feature = "kernel")]
/// Starts the kernel on a tokio runtime and blocks until it shuts down; `make` builds
/// the interpreter once the sockets are bound.
pub fn run<I: Interpreter, F: FnOnce() -> I + Send + 'static>(connection_file: &Path, make: F) -> anyhow::Result<()> {
    let info = read_connection_file(connection_file)?;
    let (gone_tx, gone_rx) = tokio::sync::oneshot::channel::<()>();
    parent::watch(move || {
        let _ = gone_tx.send(());
    });
    // The sender dropped uncalled means no parent is watched: never stop for that.
    let parent_gone = async move {
        if gone_rx.await.is_err() {
            std::future::pending::<()>().await
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(server::serve(info, make, parent_gone))
}
