//! The files commands read and write, checked the same way everywhere: a session file,
//! a price list or saved AWS JSON is read only from a regular file of bounded size, and
//! `save`/`export` replace only a regular file, atomically.

use crate::kernel::ename;
use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::CommandError;

/// Largest session file `load` reads (a 20,000-command journal is about 1 MB).
pub const MAX_SESSION_FILE: u64 = 64 << 20;
/// Largest file `import aws-cli` reads (each; describe-* output of a large account).
pub const MAX_IMPORT_FILE: u64 = 256 << 20;
/// Largest price file `pricing load` reads (the AWS bulk EC2 CSV of one region).
pub const MAX_PRICE_FILE: u64 = 1 << 30;

/// An I/O error as a person reads it, the same from the file system and from a drive:
/// without the OS's error number ("(os error 2)").
fn io_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => DriveError::NotFound.to_string(),
        std::io::ErrorKind::IsADirectory => DriveError::IsADirectory.to_string(),
        std::io::ErrorKind::NotADirectory => DriveError::NotADirectory.to_string(),
        _ => {
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(i) if text.ends_with(')') => text[..i].to_string(),
                _ => text,
            }
        }
    }
}

fn mib(n: u64) -> String {
    format!("{} MiB", n >> 20)
}

/// A file store other than the process's file system: the browser kernel (lite/) keeps
/// files in JupyterLite's contents (its file browser), which only the page can reach.
/// Paths are those a user types; the drive maps them to its own.
pub trait Drive {
    /// The file's bytes.
    fn read(&self, path: &str) -> Result<Vec<u8>, DriveError>;
    /// Creates or replaces the file (its directory is created if missing).
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), DriveError>;
    /// The names in a directory; `Err(NotADirectory)` for a file.
    fn list(&self, path: &str) -> Result<Vec<String>, DriveError>;
}

#[derive(Debug, Clone, PartialEq)]
pub enum DriveError {
    NotFound,
    IsADirectory,
    NotADirectory,
    Other(String),
}

impl std::fmt::Display for DriveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DriveError::NotFound => f.write_str("No such file or directory"),
            DriveError::IsADirectory => f.write_str("Is a directory"),
            DriveError::NotADirectory => f.write_str("Not a directory"),
            DriveError::Other(why) => f.write_str(why),
        }
    }
}

thread_local! {
    // One per thread: the browser kernel has one thread; native code never sets it.
    static DRIVE: RefCell<Option<Box<dyn Drive>>> = const { RefCell::new(None) };
}

/// Makes file commands on this thread read and write `drive` instead of the file system.
pub fn set_drive(drive: Box<dyn Drive>) {
    DRIVE.with(|d| *d.borrow_mut() = Some(drive));
}

fn has_drive() -> bool {
    DRIVE.with(|d| d.borrow().is_some())
}

/// `f` on the drive, when one is set.
fn with_drive<R>(f: impl FnOnce(&dyn Drive) -> R) -> Option<R> {
    DRIVE.with(|d| d.borrow().as_deref().map(f))
}

/// wasm32-unknown-unknown has no file system: without a drive, say so rather than a
/// misleading IOError.
#[cfg(target_family = "wasm")]
fn no_file_system() -> Result<(), CommandError> {
    if has_drive() {
        return Ok(());
    }
    Err(CommandError::new("FileUnavailable", "this kernel has no file system to read or write")
        .with_hint("run this cell in the native cloudlab kernel; nothing was changed"))
}
#[cfg(not(target_family = "wasm"))]
fn no_file_system() -> Result<(), CommandError> {
    Ok(())
}

/// The whole text of `path`, which must be a regular file of at most `cap` bytes: a
/// device (`/dev/zero`), a FIFO or a directory is refused instead of read forever.
pub fn read_text(path: &str, cap: u64, what: &str) -> Result<String, CommandError> {
    no_file_system()?;
    let not_regular = || {
        CommandError::new(
            ename::INVALID_PATH,
            format!("'{path}' is not a regular file; {what} reads regular files only"),
        )
    };
    let too_big = |n: u64| {
        CommandError::new(
            "FileTooLarge",
            format!("'{path}' is {n} bytes; {what} reads files up to {} (the limit)", mib(cap)),
        )
    };
    let bytes = match with_drive(|d| d.read(path)) {
        Some(read) => read.map_err(|e| match e {
            DriveError::IsADirectory => not_regular(),
            e => CommandError::new(ename::IO_ERROR, format!("cannot read '{path}': {e}")),
        })?,
        None => {
            let io = |e: std::io::Error| {
                CommandError::new(ename::IO_ERROR, format!("cannot read '{path}': {}", io_text(&e)))
            };
            let meta = std::fs::metadata(path).map_err(io)?;
            if !meta.is_file() {
                return Err(not_regular());
            }
            if meta.len() > cap {
                return Err(too_big(meta.len()));
            }
            let file = File::open(path).map_err(io)?;
            // Checked again on the open file, and read no further than the cap, in case the
            // path changed in between.
            if !file.metadata().map_err(io)?.is_file() {
                return Err(CommandError::new(ename::INVALID_PATH, format!("'{path}' is not a regular file")));
            }
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
            bytes
        }
    };
    if bytes.len() as u64 > cap {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map_err(|_| CommandError::new(ename::IO_ERROR, format!("cannot read '{path}': it is not UTF-8 text")))
}

/// What is at `path`: `Ok(Some(names))` for a directory (its entries' names, sorted),
/// `Ok(None)` for a file.
pub fn list_dir(path: &Path) -> Result<Option<Vec<String>>, CommandError> {
    no_file_system()?;
    let shown = path.display().to_string();
    let io = |e: String| CommandError::new(ename::IO_ERROR, format!("cannot read '{shown}': {e}"));
    let mut names = match with_drive(|d| d.list(&shown)) {
        Some(Ok(names)) => names,
        Some(Err(DriveError::NotADirectory)) => return Ok(None),
        Some(Err(DriveError::NotFound)) => {
            return Err(CommandError::new(ename::IO_ERROR, format!("'{shown}' does not exist")))
        }
        Some(Err(e)) => return Err(io(e.to_string())),
        None if path.is_dir() => std::fs::read_dir(path)
            .map_err(|e| io(io_text(&e)))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        None if path.exists() => return Ok(None),
        None => return Err(CommandError::new(ename::IO_ERROR, format!("'{shown}' does not exist"))),
    };
    names.sort();
    Ok(Some(names))
}

/// Writes `path` atomically: a new temporary file in the same directory, created
/// exclusively under a random name (so a planted file or symlink is never followed), written,
/// flushed to disk, given the replaced file's permissions, then renamed over `path`; stale
/// temporaries of earlier killed writes are removed first.
/// Anything at `path` other than a regular file (a directory, a device, a FIFO, a symlink)
/// is refused. A failed write removes the temporary file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), String>,
) -> Result<(), CommandError> {
    let shown = path.display().to_string();
    no_file_system()?;
    let cannot =
        |why: &dyn std::fmt::Display| CommandError::new(ename::IO_ERROR, format!("cannot write '{shown}': {why}"));
    let a_directory = || CommandError::new(ename::INVALID_PATH, format!("'{shown}' is a directory; give a file path"));
    if has_drive() {
        // A drive replaces a file in one call: the bytes are made first, so a failed
        // writer leaves the old file as it was.
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| cannot(&e))?;
        return with_drive(|d| d.write(&shown, &bytes)).unwrap_or(Ok(())).map_err(|e| match e {
            DriveError::IsADirectory => a_directory(),
            e => cannot(&e),
        });
    }
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(cannot(&io_text(&e))),
    };
    if let Some(m) = &existing {
        let t = m.file_type();
        if t.is_dir() {
            return Err(a_directory());
        }
        if t.is_symlink() {
            return Err(CommandError::new(
                ename::INVALID_PATH,
                format!("'{}' is a symbolic link; give the path of the file itself", shown),
            ));
        }
        if !t.is_file() {
            return Err(CommandError::new(
                ename::INVALID_PATH,
                format!("'{}' is not a regular file (a device, FIFO or socket); it is left alone", shown),
            ));
        }
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(CommandError::new(ename::INVALID_PATH, format!("directory '{}' does not exist", parent.display())));
    }
    let file_name = path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    if file_name.is_empty() {
        return Err(CommandError::new(ename::INVALID_PATH, format!("'{}' does not name a file", shown)));
    }
    let io = |e: std::io::Error| cannot(&io_text(&e));
    remove_stale_temporaries(&parent, &file_name);
    let mut tmp =
        tempfile::Builder::new().prefix(&format!(".{file_name}.")).suffix(".tmp").tempfile_in(&parent).map_err(io)?;
    write(tmp.as_file_mut() as &mut dyn Write).map_err(|e| cannot(&e))?;
    // The replaced file keeps its mode.
    if let Some(perms) = existing.as_ref().map(|m| m.permissions()).or_else(new_file_permissions) {
        tmp.as_file().set_permissions(perms).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Removes the temporary files an earlier write of `file_name` left when its process was
/// killed mid-write (`.NAME.XXXXXX.tmp`; before tempfile, `.NAME.PID.tmp`). Regular files
/// only: a planted symlink is not followed.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".tmp")) else { continue };
        if middle.is_empty() || middle.contains('.') {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// What a new file gets: what `File::create` gives in a default shell (0666 less the usual
/// umask 022); elsewhere whatever the temporary file has.
fn new_file_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::rc::Rc;

    /// A drive in memory: paths ending in `/` are folders.
    #[derive(Clone, Default)]
    struct MemDrive(Rc<RefCell<BTreeMap<String, Vec<u8>>>>);

    impl Drive for MemDrive {
        fn read(&self, path: &str) -> Result<Vec<u8>, DriveError> {
            let files = self.0.borrow();
            if files.contains_key(&format!("{path}/")) {
                return Err(DriveError::IsADirectory);
            }
            files.get(path).cloned().ok_or(DriveError::NotFound)
        }
        fn write(&self, path: &str, bytes: &[u8]) -> Result<(), DriveError> {
            self.0.borrow_mut().insert(path.to_string(), bytes.to_vec());
            Ok(())
        }
        fn list(&self, path: &str) -> Result<Vec<String>, DriveError> {
            let files = self.0.borrow();
            if files.contains_key(path) {
                return Err(DriveError::NotADirectory);
            }
            let prefix = format!("{path}/");
            if !files.contains_key(&prefix) {
                return Err(DriveError::NotFound);
            }
            Ok(files
                .keys()
                .filter_map(|k| k.strip_prefix(&prefix))
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect())
        }
    }

    #[test]
    fn a_drive_replaces_the_file_system_for_every_file_command() {
        // A thread of its own: the drive is per thread, and other tests use the disk.
        std::thread::spawn(|| {
            let drive = MemDrive::default();
            drive.0.borrow_mut().insert("in/".into(), vec![]);
            set_drive(Box::new(drive.clone()));
            write_atomically(Path::new("in/a.json"), |f| f.write_all(b"{}").map_err(|e| e.to_string())).unwrap();
            assert_eq!(read_text("in/a.json", 10, "load").unwrap(), "{}");
            assert_eq!(list_dir(Path::new("in")).unwrap(), Some(vec!["a.json".to_string()]));
            assert_eq!(list_dir(Path::new("in/a.json")).unwrap(), None);
            // The same words as from the disk, and a failed writer leaves the old file.
            assert_eq!(
                read_text("nope", 10, "load").unwrap_err().message,
                "cannot read 'nope': No such file or directory"
            );
            assert_eq!(read_text("in", 10, "load").unwrap_err().code, "InvalidPath");
            assert_eq!(read_text("in/a.json", 1, "load").unwrap_err().code, "FileTooLarge");
            assert!(write_atomically(Path::new("in/a.json"), |_| Err("writer failed".into())).is_err());
            assert_eq!(drive.0.borrow()["in/a.json"], b"{}");
            assert!(!Path::new("in/a.json").exists(), "nothing on the real disk");
        })
        .join()
        .unwrap();
    }

    #[test]
    fn io_errors_read_the_same_without_the_os_number() {
        let e = read_text("/nonexistent/cloudlab-file", 10, "load").unwrap_err();
        assert_eq!(e.message, "cannot read '/nonexistent/cloudlab-file': No such file or directory");
    }

    #[test]
    fn reads_regular_files_only_and_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "hello").unwrap();
        assert_eq!(read_text(p.to_str().unwrap(), 5, "test").unwrap(), "hello");
        let e = read_text(p.to_str().unwrap(), 4, "test").unwrap_err();
        assert_eq!(e.code, "FileTooLarge");
        assert!(e.message.contains("the limit"), "{}", e.message);
        assert_eq!(read_text(dir.path().to_str().unwrap(), 5, "test").unwrap_err().code, "InvalidPath");
        #[cfg(unix)]
        {
            // /dev/zero grew to 4 GB and a FIFO blocked forever (issue 19).
            assert_eq!(read_text("/dev/zero", MAX_SESSION_FILE, "load").unwrap_err().code, "InvalidPath");
            let fifo = dir.path().join("fifo");
            if std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
                assert_eq!(read_text(fifo.to_str().unwrap(), 5, "load").unwrap_err().code, "InvalidPath");
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn replaces_only_regular_files_and_keeps_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret.json");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&p, |f| f.write_all(b"new").map_err(|e| e.to_string())).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        // No temporary file is left behind, after success or failure.
        let e = write_atomically(&p, |_| Err("disk on fire".into())).unwrap_err();
        assert!(e.message.contains("disk on fire"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // Temporaries a killed write left behind are removed by the next write.
        std::fs::write(dir.path().join(".secret.json.Ab12Cd.tmp"), "stale").unwrap();
        std::fs::write(dir.path().join(".secret.json.4242.tmp"), "stale").unwrap();
        write_atomically(&p, |f| f.write_all(b"newer").map_err(|e| e.to_string())).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A symlink, a device and a directory are refused and left as they were.
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(write_atomically(&link, |_| Ok(())).unwrap_err().code, "InvalidPath");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(write_atomically(Path::new("/dev/null"), |_| Ok(())).unwrap_err().code, "InvalidPath");
        assert_eq!(write_atomically(dir.path(), |_| Ok(())).unwrap_err().code, "InvalidPath");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }
}
