//! Shared by the `import` and `load` targets: run a command that reads a file on arbitrary
//! file contents; every file gets a result or a clear error, never a panic, and a failed
//! command leaves the lab as it was.
use cloudlab::frontend::Outcome;

pub fn check(data: &[u8], target: &str, command: &str) {
    let dir = std::env::temp_dir().join(format!("cloudlab-fuzz-{target}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("input.json");
    if std::fs::write(&file, data).is_err() {
        return;
    }
    let mut s = cloudlab::frontend::Session::new();
    let (_, setup) = s.run_cell("create-vpc --cidr-block 10.9.0.0/16 --name keep");
    assert_eq!(setup, Outcome::Ok);
    let before = format!("{:?}", s.lab.network);
    let (_, outcome) = s.run_cell(&format!("{command} {}", file.display()));
    if let Outcome::Error { ename, .. } = &outcome {
        assert_ne!(ename, "InternalError", "{target} panicked");
        assert_eq!(before, format!("{:?}", s.lab.network), "a failed {target} changed the lab");
    }
}
