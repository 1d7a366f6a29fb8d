//! Completion and inspect at every cursor position of arbitrary text: never panics,
//! and the replaced range lies inside the text.
#![no_main]
use cloudlab::frontend::Interpreter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut s = cloudlab::frontend::Session::new();
    let n = text.chars().count();
    for cursor in [0, n / 2, n, n + 3] {
        let c = s.complete(text, cursor);
        assert!(c.cursor_start <= c.cursor_end && c.cursor_end <= n.max(cursor.min(n)));
        let _ = s.inspect(text, cursor);
    }
    let _ = s.is_complete(text);
});
