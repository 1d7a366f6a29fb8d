//! The kernel exits when the process that started it (Jupyter server, `jupyter console`)
//! dies, so a crashed or killed server on a shared hub leaves no orphan kernels. Same
//! contract as ipykernel: jupyter_client puts its own pid in `JPY_PARENT_PID`; a kernel
//! started without it (by hand, by tests) is not watched.
//!
//! Polling, not `prctl(PR_SET_PDEATHSIG)`: that signal fires when the *thread* that forked
//! the kernel exits, which in a threaded server is not the server's death.

use std::time::Duration;

/// How often the parent is checked (ipykernel's ParentPollerUnix: 1 s).
const POLL: Duration = Duration::from_secs(1);

/// How long `on_gone` has to stop the kernel before the process exits anyway.
const GRACE: Duration = Duration::from_secs(5);

/// Starts a thread that calls `on_gone` once the parent named by `JPY_PARENT_PID` is gone
/// (the kernel then stops as on a shutdown request, dropping its state), and ends the
/// process if it is still running `GRACE` later. Without a parent to watch, `on_gone` is
/// dropped uncalled.
#[cfg(unix)]
pub fn watch(on_gone: impl FnOnce() + Send + 'static) {
    let Some(parent) = std::env::var("JPY_PARENT_PID").ok().and_then(|v| v.trim().parse::<u32>().ok()) else {
        return;
    };
    // PID 1 never goes away, it is only reassigned (ipykernel skips it too).
    if parent <= 1 {
        return;
    }
    // Usually the parent is our direct parent: it is gone when we are reparented (to init or
    // a subreaper). Behind a wrapper (a shell that did not exec) check that the pid lives.
    let direct = std::os::unix::process::parent_id() == parent;
    let spawned = std::thread::Builder::new().name("parent-watch".into()).spawn(move || loop {
        std::thread::sleep(POLL);
        let gone = if direct { std::os::unix::process::parent_id() != parent } else { !alive(parent) };
        if gone {
            eprintln!("cloudlab: parent process {parent} is gone; the kernel exits");
            on_gone();
            std::thread::sleep(GRACE);
            std::process::exit(0);
        }
    });
    if let Err(e) = spawned {
        eprintln!("cloudlab: cannot watch the parent process: {e}");
    }
}

#[cfg(not(unix))]
pub fn watch(_on_gone: impl FnOnce() + Send + 'static) {}

/// Whether a process with this pid exists (signal 0 checks without sending anything).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: kill with signal 0 only checks for the process; it has no other effect.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_live_pid_is_alive_and_a_reaped_child_is_not() {
        assert!(alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().expect("spawn true");
        let pid = child.id();
        child.wait().expect("wait");
        assert!(!alive(pid));
    }
}
