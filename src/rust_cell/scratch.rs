//! Where evcxr builds `%%rust` cells: one directory per kernel in the system's temp dir,
//! 0.7 to 2 GB once cells have compiled.
//!
//! evcxr removes its own temp dir only when its context is dropped, so a kernel that was
//! killed (jupyter_client's `shutdown_kernel(now=True)`, a culled server) left it behind,
//! and a class on one machine fills the disk. Here the directory holds a lock file that
//! its kernel keeps locked while it lives (an OS lock, released when the process dies,
//! whatever killed it); a kernel starting Rust cells removes every such directory whose
//! lock is free, and a kernel removes its own when its engine is dropped.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// The names of the directories this module owns, and so may remove.
const PREFIX: &str = "cloudlab-rust-";
/// The file whose lock says the directory's kernel is alive.
const LOCK_FILE: &str = ".cloudlab-kernel.lock";
/// A directory without its lock file is being created, or was left by a kernel that died
/// between the two steps; after this long it is the latter.
const UNLOCKED_AGE: Duration = Duration::from_secs(3600);

/// This process's directory, reserved by [`reserve`].
static RESERVED: OnceLock<PathBuf> = OnceLock::new();

/// Points evcxr (`EVCXR_TMPDIR`) at a directory this process will own. Call it first thing
/// in `main`, before any thread starts. A user's own `EVCXR_TMPDIR` is left alone (and
/// then evcxr's directory is theirs to manage).
pub fn reserve() {
    if std::env::var_os("EVCXR_TMPDIR").is_some() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("{PREFIX}{}", uuid::Uuid::new_v4().simple()));
    // SAFETY: `main` calls this before the process starts any thread, so nothing reads
    // the environment concurrently.
    unsafe { std::env::set_var("EVCXR_TMPDIR", &dir) };
    let _ = RESERVED.set(dir);
}

/// This process's build directory, locked while it lives and removed when dropped.
#[derive(Debug)]
pub struct Scratch {
    dir: PathBuf,
    /// Held (flock) while this process lives.
    lock: File,
}

impl Scratch {
    /// Removes stale directories, then creates and locks the reserved one. `None` when
    /// nothing was reserved (evcxr then makes and removes its own temp dir).
    pub fn create() -> io::Result<Option<Scratch>> {
        let Some(dir) = RESERVED.get() else { return Ok(None) };
        if let Some(parent) = dir.parent() {
            let removed = sweep(parent);
            if removed > 0 {
                eprintln!("cloudlab: removed {removed} Rust build dir(s) left by kernels that are gone");
            }
        }
        Scratch::at(dir).map(Some)
    }

    fn at(dir: &Path) -> io::Result<Scratch> {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
        let lock = match File::create(dir.join(LOCK_FILE)) {
            Ok(f) => f,
            Err(e) => {
                let _ = std::fs::remove_dir(dir);
                return Err(e);
            }
        };
        // From here on, dropping `scratch` removes the directory, whatever fails next.
        let scratch = Scratch { dir: dir.to_path_buf(), lock };
        match scratch.lock.try_lock() {
            Ok(()) => Ok(scratch),
            // A file system without locks: the directory still goes with its engine; other
            // kernels' sweeps cannot lock it either, so they leave it.
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(scratch),
            Err(e) => Err(e.into()),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Removes the directories in `parent` that this module made for kernels now gone;
/// returns how many. A directory is left when its lock is held (its kernel lives), when
/// it is not a plain directory owned by this user, or when it cannot be read.
fn sweep(parent: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(parent) else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(PREFIX)))
        // file_type does not follow symlinks: a link named like ours is never followed.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| owned_by_me(&e.path()))
        .filter(|e| abandoned(&e.path()))
        .filter(|e| std::fs::remove_dir_all(e.path()).is_ok())
        .count()
}

/// Whether the directory's kernel is gone: its lock file can be locked, or it has none
/// and is older than [`UNLOCKED_AGE`].
fn abandoned(dir: &Path) -> bool {
    match File::open(dir.join(LOCK_FILE)) {
        // The lock is dropped with the file, after the caller's check.
        Ok(f) => match f.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) | Err(TryLockError::Error(_)) => false,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => std::fs::symlink_metadata(dir)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > UNLOCKED_AGE),
        Err(_) => false,
    }
}

#[cfg(unix)]
fn owned_by_me(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    std::fs::symlink_metadata(path).is_ok_and(|m| m.uid() == me)
}

#[cfg(not(unix))]
fn owned_by_me(_path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(parent: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(parent).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn sweep_removes_only_unlocked_directories_of_ours() {
        let parent = tempfile::tempdir().unwrap();
        let p = parent.path();
        // A live kernel's: its lock is held (by this process, through another open file:
        // flock locks belong to the open file, so the sweep's own open cannot take it).
        let live = Scratch::at(&p.join(format!("{PREFIX}live"))).unwrap();
        // A killed kernel's: the lock file is there, nobody holds it.
        let dead = p.join(format!("{PREFIX}dead"));
        std::fs::create_dir_all(dead.join("target/debug")).unwrap();
        File::create(dead.join(LOCK_FILE)).unwrap();
        std::fs::write(dead.join("target/debug/libctx.so"), vec![0u8; 4096]).unwrap();
        // Being created right now: no lock file yet, and young.
        std::fs::create_dir(p.join(format!("{PREFIX}new"))).unwrap();
        // Not ours: another program's temp dir, and a file with our prefix.
        std::fs::create_dir(p.join(".tmpAbC123")).unwrap();
        std::fs::write(p.join(format!("{PREFIX}file")), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dead, p.join(format!("{PREFIX}link"))).unwrap();

        assert_eq!(sweep(p), 1);
        let mut want =
            vec![".tmpAbC123".to_string(), format!("{PREFIX}file"), format!("{PREFIX}live"), format!("{PREFIX}new")];
        #[cfg(unix)]
        want.push(format!("{PREFIX}link"));
        want.sort();
        assert_eq!(names(p), want);

        // Dropping the live one removes it; nothing else changes.
        drop(live);
        assert!(!p.join(format!("{PREFIX}live")).exists());
        assert_eq!(sweep(p), 0);
    }

    #[test]
    fn a_second_scratch_cannot_take_a_live_directory() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join(format!("{PREFIX}x"));
        let _live = Scratch::at(&dir).unwrap();
        assert!(Scratch::at(&dir).is_err());
        assert!(!abandoned(&dir));
    }
}
