//! `cloudlab install`: writes the kernelspec (kernel.json with this binary's absolute
//! path, and a logo) where Jupyter looks for kernels, and the prebuilt JupyterLab extension
//! that highlights cloudlab cells where JupyterLab looks for extensions.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// The kernelspec template shipped at the top of the repository.
const KERNEL_JSON: &str = include_str!("../kernel.json");
/// The logo, shared with the kernelspec the pip wheel installs.
const LOGO_SVG: &str = include_str!("../packaging/wheel-data/data/share/jupyter/kernels/cloudlab/logo-svg.svg");

/// The prebuilt labextension (jupyterlab-cloudlab/, built into packaging/wheel-data, which
/// the pip wheel ships as is): (path inside its directory, contents), listed by build.rs.
const LABEXTENSION: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/labextension.rs"));
const LABEXTENSION_NAME: &str = "jupyterlab-cloudlab";

/// Where to install.
pub enum Target {
    /// The user's Jupyter data dir (`~/.local/share/jupyter` on Linux).
    User,
    /// The active Python environment.
    SysPrefix,
    /// `PREFIX/share/jupyter`.
    Prefix(PathBuf),
}

/// Installs the kernelspec; returns the kernel's directory.
pub fn install(target: Target) -> anyhow::Result<PathBuf> {
    let data_dir = match target {
        Target::User => runtimelib::user_data_dir().context("cannot find the user's Jupyter data directory")?,
        Target::SysPrefix => sys_prefix()?.join("share").join("jupyter"),
        Target::Prefix(p) => p.join("share").join("jupyter"),
    };
    let dir = data_dir.join("kernels").join("cloudlab");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let exe = std::env::current_exe().context("cannot find the cloudlab binary's path")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let spec = kernelspec(&exe)?;
    std::fs::write(dir.join("kernel.json"), spec)
        .with_context(|| format!("cannot write {}", dir.join("kernel.json").display()))?;
    std::fs::write(dir.join("logo-svg.svg"), LOGO_SVG)?;
    install_labextension(&data_dir.join("labextensions").join(LABEXTENSION_NAME))?;
    Ok(dir)
}

/// Replaces the extension's directory whole: its file names change with every build.
fn install_labextension(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot replace {}", dir.display()))?;
    }
    for (rel, bytes) in LABEXTENSION {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// kernel.json with argv[0] set to the binary's absolute path.
pub fn kernelspec(exe: &Path) -> anyhow::Result<String> {
    let mut spec: serde_json::Value = serde_json::from_str(KERNEL_JSON).context("kernel.json template is not JSON")?;
    let argv = spec.get_mut("argv").and_then(|a| a.as_array_mut()).context("kernel.json template has no argv")?;
    if let Some(first) = argv.first_mut() {
        *first = serde_json::Value::String(exe.display().to_string());
    }
    Ok(serde_json::to_string_pretty(&spec)?)
}

fn sys_prefix() -> anyhow::Result<PathBuf> {
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(p) = std::env::var_os(var) {
            return Ok(PathBuf::from(p));
        }
    }
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys; print(sys.prefix)"])
        .output()
        .context("--sys-prefix needs an active environment (VIRTUAL_ENV) or python3 on PATH")?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernelspec_uses_the_absolute_binary_path_and_message_interrupts() {
        let spec = kernelspec(Path::new("/opt/cloudlab/bin/cloudlab")).expect("spec");
        let v: serde_json::Value = serde_json::from_str(&spec).expect("json");
        assert_eq!(v["argv"][0], "/opt/cloudlab/bin/cloudlab");
        assert_eq!(v["argv"][3], "{connection_file}");
        assert_eq!(v["interrupt_mode"], "message");
        assert_eq!(v["language"], "cloudlab");
    }

    /// The embedded extension is the built one: JupyterLab loads it by the remoteEntry its
    /// package.json names.
    #[test]
    fn the_labextension_is_embedded_with_the_entry_its_package_json_names() {
        let files: std::collections::HashMap<_, _> = LABEXTENSION.iter().copied().collect();
        let pkg: serde_json::Value = serde_json::from_slice(files["package.json"]).expect("package.json");
        assert_eq!(pkg["name"], LABEXTENSION_NAME);
        let entry = pkg["jupyterlab"]["_build"]["load"].as_str().expect("_build.load");
        assert!(files.contains_key(entry), "{entry} is not embedded: {:?}", files.keys());
        assert!(files.contains_key("install.json"));
    }

    /// The pip wheel's kernelspec is the template with argv[0] found from the spec's own
    /// directory (PREFIX/share/jupyter/kernels/cloudlab → PREFIX/bin/cloudlab), so it works
    /// when Jupyter runs from a venv that is not activated (PATH has no PREFIX/bin).
    #[test]
    fn the_wheels_kernelspec_is_the_template_with_a_prefix_relative_binary() {
        let wheel: serde_json::Value = serde_json::from_str(include_str!(
            "../packaging/wheel-data/data/share/jupyter/kernels/cloudlab/kernel.json"
        ))
        .expect("wheel kernel.json");
        let mut template: serde_json::Value = serde_json::from_str(KERNEL_JSON).expect("template");
        template["argv"][0] = "{resource_dir}/../../../../bin/cloudlab".into();
        assert_eq!(wheel, template);
    }
}
