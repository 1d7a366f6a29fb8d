//! A cell's text split into command lines: one command per line, `#` comments,
//! `\` continuations, and '…' or "…" quoting (shell-like, no expansion).

use std::fmt;

/// One command of a cell: its words and the line it started on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub words: Vec<String>,
    /// The source text of the command (continuations joined), for error messages.
    pub text: String,
}

/// Why a cell could not be split into commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Whether a cell is ready to run, as `is_complete_request` asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    /// Ends in `\` or inside an open quote: the front end should wait for more.
    Incomplete,
}

/// Splits a cell into its commands.
pub fn split(cell: &str) -> Result<Vec<Line>, LexError> {
    let mut out = Vec::new();
    let mut lexer = Lexer::default();
    // Split on '\n' only: `lines()` would drop a '\r' that belongs to a quoted word.
    for (i, raw) in cell.split('\n').enumerate() {
        let number = i + 1;
        if lexer.words.is_empty() && lexer.cur.is_none() && lexer.quote.is_none() {
            lexer.start = number;
            lexer.text.clear();
        }
        if !lexer.text.is_empty() {
            lexer.text.push(' ');
        }
        let continued = lexer.feed(raw);
        lexer.text.push_str(raw.trim_end_matches('\r').trim_end_matches('\\').trim());
        if lexer.quote.is_some() {
            // A newline inside quotes is part of the word.
            if let Some(cur) = lexer.cur.as_mut() {
                cur.push('\n');
            }
            continue;
        }
        if continued {
            continue;
        }
        lexer.end_word();
        if !lexer.words.is_empty() {
            out.push(Line { number: lexer.start, words: std::mem::take(&mut lexer.words), text: lexer.text.clone() });
        }
    }
    if let Some(q) = lexer.quote {
        return Err(LexError {
            line: lexer.start,
            message: format!("unclosed {} quote", if q == '"' { "double" } else { "single" }),
        });
    }
    lexer.end_word();
    if !lexer.words.is_empty() {
        out.push(Line { number: lexer.start, words: lexer.words, text: lexer.text });
    }
    Ok(out)
}

/// `Incomplete` after a trailing `\` or an open quote, else `Complete`.
pub fn completeness(cell: &str) -> Completeness {
    let mut lexer = Lexer::default();
    let mut continued = false;
    for raw in cell.split('\n') {
        continued = lexer.feed(raw);
        if lexer.quote.is_some() {
            if let Some(cur) = lexer.cur.as_mut() {
                cur.push('\n');
            }
        } else if !continued {
            lexer.end_word();
        }
    }
    if lexer.quote.is_some() || continued || cell.trim_end_matches([' ', '\t']).ends_with("\\\n") {
        Completeness::Incomplete
    } else {
        Completeness::Complete
    }
}

#[derive(Default)]
struct Lexer {
    words: Vec<String>,
    cur: Option<String>,
    quote: Option<char>,
    start: usize,
    text: String,
}

impl Lexer {
    /// Feeds one physical line; returns true when it ends in a continuation `\`.
    fn feed(&mut self, raw: &str) -> bool {
        let chars: Vec<char> = raw.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match self.quote {
                Some(q) => {
                    if c == q {
                        self.quote = None;
                    } else if q == '"' && c == '\\' && i + 1 < chars.len() && matches!(chars[i + 1], '"' | '\\') {
                        self.cur.get_or_insert_with(String::new).push(chars[i + 1]);
                        i += 1;
                    } else {
                        self.cur.get_or_insert_with(String::new).push(c);
                    }
                }
                None => {
                    // A trailing `\` continues the line (also before a CRLF's '\r').
                    if c == '\\' && chars[i + 1..].iter().all(|&r| r == '\r') {
                        self.end_word();
                        return true;
                    }
                    if c == '#' && self.cur.is_none() {
                        return false;
                    }
                    if c.is_whitespace() {
                        self.end_word();
                    } else if c == '"' || c == '\'' {
                        self.quote = Some(c);
                        self.cur.get_or_insert_with(String::new);
                    } else {
                        self.cur.get_or_insert_with(String::new).push(c);
                    }
                }
            }
            i += 1;
        }
        false
    }

    fn end_word(&mut self) {
        if let Some(w) = self.cur.take() {
            self.words.push(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(cell: &str) -> Vec<Vec<String>> {
        split(cell).expect("lexes").into_iter().map(|l| l.words).collect()
    }

    #[test]
    fn comments_blank_lines_quotes_and_continuations() {
        let cell = "# a VPC\n\ncreate-vpc --cidr-block 10.0.0.0/16 \\\n  --name 'my vpc' # trailing\necho \"say \\\"hi\\\"\" ''";
        let lines = split(cell).expect("lexes");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].number, 3);
        assert_eq!(lines[0].words, vec!["create-vpc", "--cidr-block", "10.0.0.0/16", "--name", "my vpc"]);
        assert_eq!(lines[1].words, vec!["echo", "say \"hi\"", ""]);
    }

    #[test]
    fn carriage_returns_inside_quotes_are_kept_and_crlf_continues() {
        assert_eq!(words("echo 'a\r\r\nb'"), vec![vec!["echo", "a\r\r\nb"]]);
        assert_eq!(words("echo a \\\r\nb\r\n"), vec![vec!["echo", "a", "b"]]);
    }

    #[test]
    fn hash_inside_a_word_is_not_a_comment() {
        assert_eq!(words("echo a#b"), vec![vec!["echo", "a#b"]]);
    }

    #[test]
    fn open_quote_is_an_error_and_incomplete() {
        assert!(split("echo 'oops").is_err());
        assert_eq!(completeness("echo 'oops"), Completeness::Incomplete);
        assert_eq!(completeness("echo a \\"), Completeness::Incomplete);
        assert_eq!(completeness("echo a"), Completeness::Complete);
        assert_eq!(completeness("echo 'a\nb'"), Completeness::Complete);
        assert_eq!(completeness(""), Completeness::Complete);
    }
}
