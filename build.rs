//! Links the `cloudlab` binary as a non-PIE executable on Linux. As a PIE, the loader
//! relocates every pointer table of polars and evcxr at start-up and so dirties those
//! pages: idle RSS was about 10 MB higher and start-up slower. Trade-off: no ASLR for the
//! kernel's own image (shared libraries and the stack are still randomised).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=cloudlab=-no-pie");
    }
}
