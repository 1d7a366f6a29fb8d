//! The executed cells `history_request` answers from.

use std::collections::VecDeque;

use serde_json::{json, Value};

#[derive(Default)]
pub(super) struct History {
    entries: VecDeque<(u32, String)>,
    /// Bytes of code held in `entries`.
    bytes: usize,
}

/// Most executes `history` keeps, and most bytes of code: 20 executes of 10 MB held
/// 445 MB when only the count was capped (issue 19).
const HISTORY_ENTRIES: usize = 10_000;
const HISTORY_BYTES: usize = 32 << 20;

impl History {
    /// Keeps `code`, dropping the oldest entries past either cap (the newest always stays).
    pub(super) fn push(&mut self, n: u32, code: String) {
        self.bytes += code.len();
        self.entries.push_back((n, code));
        while self.entries.len() > 1 && (self.entries.len() > HISTORY_ENTRIES || self.bytes > HISTORY_BYTES) {
            if let Some((_, old)) = self.entries.pop_front() {
                self.bytes -= old.len();
            }
        }
    }
}

pub(super) fn history_reply(history: &History, content: &Value) -> Value {
    let access = content.get("hist_access_type").and_then(Value::as_str).unwrap_or("tail");
    let output = content.get("output").and_then(Value::as_bool).unwrap_or(false);
    let entry = |(n, code): &(u32, String)| {
        if output {
            json!([1, n, [code, Value::Null]])
        } else {
            json!([1, n, code])
        }
    };
    let items: Vec<Value> = match access {
        "range" => {
            let start = content.get("start").and_then(Value::as_i64).unwrap_or(0);
            let stop = content.get("stop").and_then(Value::as_i64).unwrap_or(i64::MAX);
            history.entries.iter().filter(|(n, _)| (*n as i64) >= start && (*n as i64) < stop).map(entry).collect()
        }
        "search" => {
            let pattern = content.get("pattern").and_then(Value::as_str).unwrap_or("*");
            let n = content.get("n").and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
            let matched: Vec<Value> =
                history.entries.iter().filter(|(_, c)| glob_match(pattern, c)).map(entry).collect();
            let skip = matched.len().saturating_sub(n);
            matched.into_iter().skip(skip).collect()
        }
        _ => {
            let n = content.get("n").and_then(Value::as_u64).unwrap_or(10) as usize;
            let skip = history.entries.len().saturating_sub(n);
            history.entries.iter().skip(skip).map(entry).collect()
        }
    };
    json!({"status": "ok", "history": items})
}

/// IPython's history search pattern: `*` any run, `?` one character.
use crate::glob::matches as glob_match;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_is_capped_by_bytes_and_count() {
        let mut h = History { entries: VecDeque::new(), bytes: 0 };
        for n in 0..20 {
            h.push(n, "x".repeat(10 << 20));
        }
        assert!(h.bytes <= HISTORY_BYTES, "{} bytes kept", h.bytes);
        assert_eq!(h.entries.back().map(|e| e.0), Some(19));
        for n in 20..(HISTORY_ENTRIES as u32 + 100) {
            h.push(n, String::new());
        }
        assert_eq!(h.entries.len(), HISTORY_ENTRIES);
        // The newest stays even when it alone is over the cap.
        h.push(1, "y".repeat(HISTORY_BYTES + 1));
        assert_eq!(h.entries.len(), 1);
    }

    #[test]
    fn history_search_globs() {
        assert!(glob_match("echo*", "echo hi"));
        assert!(glob_match("*vpc*", "create-vpc --cidr-block x"));
        assert!(!glob_match("echo", "echo hi"));
        assert!(glob_match("ech? hi", "echo hi"));
    }
}
