//! Notebooks outside Jupyter: read an .ipynb, execute it in-process through a
//! [`Session`](crate::Session), write it back, and export a standalone HTML handout.

pub mod html;
pub mod ipynb;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// What `cloudlab run` did.
#[derive(Debug, Default)]
pub struct Summary {
    pub notebooks: usize,
    pub failed: usize,
    pub lines: Vec<String>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for l in &self.lines {
            writeln!(f, "{l}")?;
        }
        write!(f, "{} notebook(s) run, {} failed", self.notebooks, self.failed)
    }
}

/// Runs each notebook; writes NAME.ipynb (executed) and NAME.html into `out` (or next to
/// the notebook as NAME.out.ipynb / NAME.html), and an index.html when `out` is given.
pub fn run_all(paths: &[PathBuf], out: Option<&Path>, html: bool) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let mut index = Vec::new();
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    for path in paths {
        summary.notebooks += 1;
        let started = crate::clock::instant();
        let mut nb = ipynb::read(path)?;
        let report = ipynb::execute(&mut nb);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("notebook").to_string();
        // Keep the language folder (notebooks/ko/01-network → ko-01-network) so names don't collide.
        let parent = path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or("");
        let name = if parent.len() == 2 && parent.chars().all(|c| c.is_ascii_lowercase()) {
            format!("{parent}-{stem}")
        } else {
            stem.clone()
        };
        let (ipynb_path, html_path) = match out {
            Some(dir) => (dir.join(format!("{name}.ipynb")), dir.join(format!("{name}.html"))),
            None => (path.with_file_name(format!("{stem}.out.ipynb")), path.with_extension("html")),
        };
        ipynb::write(&nb, &ipynb_path)?;
        let title = html::title_of(&nb).unwrap_or_else(|| name.clone());
        if html {
            std::fs::write(&html_path, html::handout_in(&nb, &title, out.is_some()))
                .with_context(|| format!("cannot write {}", html_path.display()))?;
            index.push(html::IndexEntry {
                title: title.clone(),
                file: html_path.file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_default(),
                ok: report.error.is_none(),
                lang: html::lang_of(&nb, &title),
                description: html::description_of(&nb),
            });
        }
        let ms = started.elapsed().as_millis();
        match &report.error {
            None => summary.lines.push(format!(
                "ok    {} ({} cells, {} ms) → {}",
                path.display(),
                report.cells,
                ms,
                ipynb_path.display()
            )),
            Some((cell, msg)) => {
                summary.failed += 1;
                summary.lines.push(format!("FAIL  {} cell {}: {}", path.display(), cell, msg));
            }
        }
    }
    if let (Some(dir), true) = (out, html) {
        std::fs::write(dir.join("index.html"), html::index(&index)).context("cannot write index.html")?;
    }
    Ok(summary)
}
