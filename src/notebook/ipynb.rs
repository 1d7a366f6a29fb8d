//! nbformat 4 notebooks: read, execute each code cell through a fresh session, write.
//! Outputs are what the kernel would send over Jupyter (stream, display_data, error).

use std::path::Path;

use anyhow::Context;
use serde_json::{json, Value};

use crate::kernel::{Event, Outcome};
use crate::session::Session;

/// Reads a notebook; refuses anything that is not nbformat 4.
pub fn read(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let nb: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    if nb.get("nbformat").and_then(Value::as_u64) != Some(4) || !nb.get("cells").is_some_and(Value::is_array) {
        anyhow::bail!("{} is not an nbformat 4 notebook", path.display());
    }
    Ok(nb)
}

/// Writes a notebook as Jupyter does (one-space indent, trailing newline), atomically.
pub fn write(nb: &Value, path: &Path) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(nb)?;
    text.push('\n');
    let tmp = path.with_extension("ipynb.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// What executing a notebook found.
pub struct Report {
    pub cells: usize,
    /// The first failing cell (1-based among code cells) and its error.
    pub error: Option<(usize, String)>,
}

/// A cell's source as one string (nbformat allows a string or a list of lines).
pub fn source(cell: &Value) -> String {
    match cell.get("source") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// Executes every code cell in order in one session, replacing outputs and counts.
/// Like nbclient, it stops at the first error (later cells keep no outputs), unless the
/// cell is tagged `raises-exception`.
/// Here the notebook's `metadata.cloudlab.lang` is visible (over the Jupyter protocol it
/// is not), so it sets the language of cloudlab's own words from the start.
pub fn execute(nb: &mut Value) -> Report {
    let mut session = Session::new();
    if let Some(lang) = nb.pointer("/metadata/cloudlab/lang").and_then(Value::as_str).and_then(crate::i18n::Lang::parse)
    {
        session.lab.settings.lang = lang;
    }
    let mut report = Report { cells: 0, error: None };
    let mut count = 0u64;
    set_kernelspec(nb);
    let Some(cells) = nb.get_mut("cells").and_then(Value::as_array_mut) else {
        return report;
    };
    let mut stopped = false;
    for cell in cells.iter_mut() {
        if cell.get("cell_type").and_then(Value::as_str) != Some("code") {
            continue;
        }
        report.cells += 1;
        let Some(obj) = cell.as_object_mut() else { continue };
        if stopped {
            obj.insert("outputs".into(), json!([]));
            obj.insert("execution_count".into(), Value::Null);
            continue;
        }
        let code = source(&Value::Object(obj.clone()));
        count += 1;
        let (events, outcome) = session.run_cell(&code);
        let mut outputs = outputs_of(events);
        let expects_error = obj
            .get("metadata")
            .and_then(|m| m.get("tags"))
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|x| x == "raises-exception"));
        if let Outcome::Error { ename, evalue, traceback } = outcome {
            outputs.push(json!({"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback}));
            if !expects_error {
                report.error = Some((report.cells, format!("{ename}: {evalue}")));
                stopped = true;
            }
        }
        obj.insert("outputs".into(), Value::Array(outputs));
        obj.insert("execution_count".into(), json!(count));
    }
    report
}

fn set_kernelspec(nb: &mut Value) {
    if let Some(meta) = nb.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert(
            "kernelspec".into(),
            json!({"name": "cloudlab", "display_name": "cloudlab (AWS model)", "language": "cloudlab"}),
        );
        meta.insert("language_info".into(), crate::session::language_info());
    }
}

/// Session events as nbformat outputs; consecutive stdout text is merged as Jupyter does.
pub fn outputs_of(events: Vec<Event>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for e in events {
        match e {
            Event::Stream { stderr, text } => {
                let name = if stderr { "stderr" } else { "stdout" };
                if let Some(last) = out.last_mut() {
                    if last["output_type"] == "stream" && last["name"] == name {
                        if let Some(Value::String(t)) = last.get_mut("text") {
                            t.push_str(&text);
                            continue;
                        }
                    }
                }
                out.push(json!({"output_type": "stream", "name": name, "text": text}));
            }
            Event::Display { data, metadata } => {
                out.push(json!({"output_type": "display_data", "data": Value::Object(data), "metadata": Value::Object(metadata)}));
            }
            // Progress lines are transient: a saved notebook keeps the results only.
            Event::Live { .. } => {}
        }
    }
    out
}

/// A code cell's outputs, for the HTML export.
pub fn outputs(cell: &Value) -> &[Value] {
    cell.get("outputs").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// A new empty notebook (tests and tools).
#[cfg(test)]
pub fn new_notebook(cells: &[(&str, &str)]) -> Value {
    let cells: Vec<Value> = cells
        .iter()
        .map(|(kind, src)| {
            let mut c = serde_json::Map::new();
            c.insert("cell_type".into(), json!(kind));
            c.insert("metadata".into(), json!({}));
            c.insert("source".into(), json!(src));
            if *kind == "code" {
                c.insert("outputs".into(), json!([]));
                c.insert("execution_count".into(), Value::Null);
            }
            Value::Object(c)
        })
        .collect();
    json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executes_cells_and_stops_at_the_first_error() {
        let mut nb =
            new_notebook(&[("markdown", "# T"), ("code", "echo a\necho b"), ("code", "nosuch"), ("code", "echo c")]);
        let r = execute(&mut nb);
        assert_eq!(r.cells, 3);
        assert_eq!(r.error.as_ref().map(|e| e.0), Some(2));
        let cells = nb["cells"].as_array().expect("cells");
        assert_eq!(cells[1]["outputs"][0]["text"], "a\nb\n");
        assert_eq!(cells[1]["execution_count"], 1);
        assert_eq!(cells[2]["outputs"][0]["output_type"], "error");
        assert_eq!(cells[3]["outputs"], json!([]));
        assert_eq!(nb["metadata"]["kernelspec"]["name"], "cloudlab");
    }

    #[test]
    fn the_notebooks_language_is_read_from_its_metadata() {
        let mut nb = new_notebook(&[("code", "lang")]);
        nb["metadata"]["cloudlab"] = json!({"lang": "ko"});
        execute(&mut nb);
        assert_eq!(nb["cells"][0]["outputs"][0]["text"], "언어: ko\n");
    }
}
