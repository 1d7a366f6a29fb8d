//! The cell lexer and is_complete on arbitrary text: never panics, and a cell that
//! splits into lines is never "incomplete" unless it ends in `\`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let split = cloudlab::frontend::split(text);
        let c = cloudlab::frontend::completeness(text);
        if split.is_ok() && c == cloudlab::frontend::Completeness::Incomplete {
            assert!(text.trim_end().ends_with('\\'), "complete cell called incomplete: {text:?}");
        }
        if let Ok(lines) = split {
            for l in lines {
                // Quoting a command's words and lexing them again gives the same words.
                let again =
                    cloudlab::frontend::split(&cloudlab::frontend::quote_line(&l.words)).expect("quoted line lexes");
                assert_eq!(again.len(), 1);
                assert_eq!(again[0].words, l.words);
            }
        }
    }
});
