//! Links the `cloudlab` binary as a non-PIE executable on Linux. As a PIE, the loader
//! relocates every pointer table of polars and evcxr at start-up and so dirties those
//! pages: idle RSS was about 10 MB higher and start-up slower. Trade-off: no ASLR for the
//! kernel's own image (shared libraries and the stack are still randomised).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    embed_labextension();
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=cloudlab=-no-pie");
    }
}

/// The prebuilt JupyterLab extension (jupyterlab-cloudlab/, the `cloudlab` syntax mode) as
/// a list of (relative path, bytes) for `cloudlab install`; its file names carry content
/// hashes, so they are listed here rather than named in the source.
fn embed_labextension() {
    use std::path::{Path, PathBuf};
    const DIR: &str = "packaging/wheel-data/data/share/jupyter/labextensions/jupyterlab-cloudlab";
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out)
            } else {
                out.push(p)
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    println!("cargo:rerun-if-changed={DIR}");
    println!("cargo:rerun-if-changed={DIR}/static");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        let rel = f.strip_prefix(&root).expect("under root").to_string_lossy().replace('\\', "/");
        code += &format!("    ({rel:?}, include_bytes!({:?}) as &[u8]),\n", f.display().to_string());
    }
    code += "]\n";
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("labextension.rs");
    std::fs::write(out, code).expect("write labextension.rs");
}
