//! Shared by the `import` and `load` targets: run a command that reads a file on arbitrary
//! file contents; every file gets a result or a clear error, never a panic, and a failed
//! command leaves the lab as it was.
use cloudlab::frontend::{run_cell, Outcome};

pub fn check(data: &[u8], target: &str, command: &str) {
    let dir = std::env::temp_dir().join(format!("cloudlab-fuzz-{target}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("input.json");
    if std::fs::write(&file, data).is_err() {
        return;
    }
    let mut lab = cloudlab::Lab::default();
    let setup = run_cell(&mut lab, "create-vpc --cidr-block 10.9.0.0/16 --name keep", Default::default(), &mut |_| {});
    assert_eq!(setup, Outcome::Ok);
    let before = format!("{:?}", lab.network);
    let outcome = run_cell(&mut lab, &format!("{command} {}", file.display()), Default::default(), &mut |_| {});
    if let Outcome::Error { ename, .. } = &outcome {
        assert_ne!(ename, "InternalError", "{target} panicked");
        assert_eq!(before, format!("{:?}", lab.network), "a failed {target} changed the lab");
    }
}
