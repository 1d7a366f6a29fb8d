//! Tab completion and inspect: command names, flags, a flag's known values, and the
//! words the lab knows (resource IDs and Name tags, instance types, regions, AZs).

use super::{all, args::GLOBAL_FLAGS, resolve, CommandSpec, SERVICES};
use crate::cell;
use crate::kernel::Completion;
use crate::lab::Lab;
use crate::model::regions;

/// The words before the cursor on the cursor's command line, and the partial word.
fn context(code: &str, cursor: usize) -> (Vec<String>, String, usize) {
    let chars: Vec<char> = code.chars().collect();
    let cursor = cursor.min(chars.len());
    let before: String = chars[..cursor].iter().collect();
    // The command line the cursor is on, with `\` continuations folded in.
    let mut start_line = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    while start_line > 1 && before[..start_line - 1].trim_end_matches(['\r', ' ']).ends_with('\\') {
        start_line = before[..start_line - 1].rfind('\n').map(|i| i + 1).unwrap_or(0);
    }
    let line = &before[start_line..];
    let partial_len = line.chars().rev().take_while(|c| !c.is_whitespace() && *c != '=' && *c != ',').count();
    let partial: String = line.chars().skip(line.chars().count() - partial_len).collect();
    let head: String = line.chars().take(line.chars().count() - partial_len).collect();
    let words = cell::split(&head.replace("\\\n", " "))
        .ok()
        .and_then(|mut l| l.pop())
        .map(|l| l.words)
        .unwrap_or_default();
    (words, partial, cursor - partial_len)
}

/// Completions at `cursor` (a code-point offset).
pub fn complete(lab: &Lab, code: &str, cursor: usize) -> Completion {
    let (words, partial, start) = context(code, cursor);
    let end = start + partial.chars().count();
    let mut candidates: Vec<String> = Vec::new();
    let bare: Vec<&String> = words.iter().filter(|w| *w != "aws" && !SERVICES.contains(&w.as_str())).collect();
    if bare.is_empty() {
        candidates.extend(all().iter().map(|c| c.name.split(' ').next().unwrap_or(c.name).to_string()));
        if words.is_empty() {
            candidates.push("aws".into());
            candidates.push("%%rust".into());
        }
        if words.last().map(String::as_str) == Some("aws") {
            candidates = SERVICES.iter().map(|s| s.to_string()).collect();
        }
    } else if let Ok((spec, rest)) = resolve(&words) {
        let _ = rest;
        if partial.starts_with('-') {
            candidates.extend(spec.flags.iter().chain(GLOBAL_FLAGS).map(|f| format!("--{}", f.name)));
        } else {
            let prev = words.last().and_then(|w| w.strip_prefix("--"));
            let flag = prev.and_then(|p| spec.flags.iter().chain(GLOBAL_FLAGS).find(|f| f.name == p));
            match flag {
                Some(f) if !f.values.is_empty() => candidates.extend(f.values.iter().map(|v| v.to_string())),
                _ => candidates.extend(dynamic_words(lab)),
            }
        }
    } else if bare.len() == 1 {
        // The second word of a two-word command: `simulate rep|`.
        let first = bare[0].as_str();
        candidates.extend(
            all().iter().filter_map(|c| c.name.strip_prefix(first).and_then(|r| r.strip_prefix(' ')).map(String::from)),
        );
    }
    let mut matches: Vec<String> = candidates.into_iter().filter(|c| c.starts_with(&partial)).collect();
    matches.sort();
    matches.dedup();
    Completion { matches, cursor_start: start, cursor_end: end }
}

/// Words the lab knows: resource IDs and names, regions, AZs, instance types.
fn dynamic_words(lab: &Lab) -> Vec<String> {
    let mut v = lab.network.completion_words();
    v.extend(lab.databases.completion_words());
    v.extend(lab.scaling.completion_words());
    for r in regions::all() {
        v.push(r.code.clone());
        v.extend(r.availability_zones.iter().cloned());
    }
    v.extend(crate::model::compute::instance_type_names().iter().map(|s| s.to_string()));
    v
}

/// The command on the line under the cursor, for inspect.
pub fn command_at(code: &str, cursor: usize) -> Option<&'static CommandSpec> {
    let chars: Vec<char> = code.chars().collect();
    let cursor = cursor.min(chars.len());
    // Include the rest of the word under the cursor.
    let mut end = cursor;
    while end < chars.len() && !chars[end].is_whitespace() {
        end += 1;
    }
    let before: String = chars[..end].iter().collect();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &before[line_start..];
    let words: Vec<String> = cell::split(line).ok()?.pop()?.words;
    let full: String = chars.iter().collect();
    let rest_of_line = full[line_start..].lines().next().unwrap_or("");
    let all_words = cell::split(rest_of_line).ok().and_then(|mut l| l.pop()).map(|l| l.words).unwrap_or(words);
    resolve(&all_words).ok().map(|(spec, _)| spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_flags_and_values() {
        let lab = Lab::default();
        let c = complete(&lab, "ec", 2);
        assert!(c.matches.contains(&"echo".to_string()), "{:?}", c.matches);
        assert_eq!((c.cursor_start, c.cursor_end), (0, 2));
        let c = complete(&lab, "regions --out", 13);
        assert_eq!(c.matches, vec!["--output"]);
        let c = complete(&lab, "regions --output j", 18);
        assert_eq!(c.matches, vec!["json"]);
        let c = complete(&lab, "region ap-northeast-", 20);
        assert!(c.matches.contains(&"ap-northeast-2".to_string()));
    }

    #[test]
    fn inspect_finds_the_command_under_the_cursor() {
        assert_eq!(command_at("echo hi\nregions", 9).map(|c| c.name), Some("regions"));
        assert_eq!(command_at("echo hi", 1).map(|c| c.name), Some("echo"));
        assert!(command_at("nothing here", 3).is_none());
    }
}
