//! The stock evcxr_jupyter kernel: the same entry point as the crates.io binary.

fn main() -> anyhow::Result<()> {
    evcxr_jupyter::main()
}
