//! `load` on arbitrary file contents through a session: every file gets a result or a
//! clear error, never a panic, and a failed load leaves the lab as it was.
#![no_main]
use cloudlab::kernel::Outcome;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("cloudlab-fuzz-load-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("input.json");
    if std::fs::write(&file, data).is_err() {
        return;
    }
    let mut s = cloudlab::Session::new();
    let (_, setup) = s.run_cell("create-vpc --cidr-block 10.9.0.0/16 --name keep");
    assert_eq!(setup, Outcome::Ok);
    let before = format!("{:?}", s.lab.network);
    let cmd = if "load" == "import" { "import aws-cli" } else { "load" };
    let (_, outcome) = s.run_cell(&format!("{cmd} {}", file.display()));
    if let Outcome::Error { ename, .. } = &outcome {
        assert_ne!(ename, "InternalError", "load panicked");
        assert_eq!(before, format!("{:?}", s.lab.network), "a failed load changed the lab");
    }
});
