//! Whole cells applied to a lab and shown (`command::publish::run_cell`, as the session
//! runs them): every input gets a result or a clear error, never a panic.
#![no_main]
use cloudlab::frontend::{run_cell, Outcome};
use libfuzzer_sys::fuzz_target;

/// Commands that touch files, sleep, or run long simulations are not for a fuzzer.
const SKIP: &[&str] = &["save", "load", "export", "import", "pricing", "sleep", "simulate", "%%rust"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Up to 64 KB: deep nesting and long words must be refused, not crash (issue 19).
    if text.len() > 65_536 || SKIP.iter().any(|w| text.contains(w)) {
        return;
    }
    let mut lab = cloudlab::Lab::default();
    // A small lab to act on, so commands find resources.
    let setup = run_cell(
        &mut lab,
        "vpc wizard --name fz --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1",
        Default::default(),
        &mut |_| {},
    );
    let _ = setup;
    let outcome = run_cell(&mut lab, text, Default::default(), &mut |_| {});
    if let Outcome::Error { ename, .. } = &outcome {
        assert_ne!(ename, "InternalError", "a command panicked on {text:?}");
    }
});
