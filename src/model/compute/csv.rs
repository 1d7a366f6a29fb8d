//! A small CSV reader (RFC 4180 quoting) for the embedded data and loaded price files.

/// One parsed record with its 1-based line number in the text (for error messages).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why a CSV text could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

/// Every record of `text` (header included); blank lines are skipped. Quoted fields may
/// hold commas, doubled quotes and line breaks. A BOM at the start is ignored.
pub fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    Reader::new(text).collect()
}

/// The records of a text one at a time (for large price files).
pub struct Reader<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    failed: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Reader { chars: text.chars().peekable(), line: 1, failed: false }
    }
}

impl Iterator for Reader<'_> {
    type Item = Result<Record, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut fields: Vec<String> = Vec::new();
        let mut field = String::new();
        let mut in_quotes = false;
        let mut was_quoted = false;
        let mut start_line = self.line;
        let fail = |r: &mut Self, line: usize, message: &str| {
            r.failed = true;
            Some(Err(CsvError { line, message: message.to_string() }))
        };
        while let Some(c) = self.chars.next() {
            if in_quotes {
                match c {
                    '"' if self.chars.peek() == Some(&'"') => {
                        self.chars.next();
                        field.push('"');
                    }
                    '"' => in_quotes = false,
                    '\n' => {
                        self.line += 1;
                        field.push('\n');
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.is_empty() && !was_quoted => {
                    in_quotes = true;
                    was_quoted = true;
                }
                '"' => return fail(self, self.line, "a quote inside an unquoted field"),
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                '\r' => {}
                '\n' => {
                    self.line += 1;
                    fields.push(std::mem::take(&mut field));
                    if fields.len() == 1 && fields[0].is_empty() && !was_quoted {
                        // A blank line: keep looking.
                        fields.clear();
                        start_line = self.line;
                        continue;
                    }
                    return Some(Ok(Record { line: start_line, fields }));
                }
                _ => {
                    if was_quoted {
                        return fail(self, self.line, "text after a closing quote");
                    }
                    field.push(c)
                }
            }
        }
        if in_quotes {
            return fail(self, start_line, "a quoted field is never closed");
        }
        if !field.is_empty() || !fields.is_empty() || was_quoted {
            fields.push(field);
            return Some(Ok(Record { line: start_line, fields }));
        }
        None
    }
}

/// One record as `T`, its fields found by the header's column names (serde derive): a
/// column `T` does not name is ignored, a record shorter than the header lacks the rest.
pub fn deserialize<'a, T: serde::Deserialize<'a>>(header: &'a Record, r: &'a Record) -> Result<T, DeError> {
    let pairs = header.fields.iter().map(|h| h.trim()).zip(r.fields.iter().map(String::as_str));
    T::deserialize(serde::de::value::MapDeserializer::new(pairs))
}

/// Why a record did not fit its struct.
pub type DeError = serde::de::value::Error;

/// Index of each wanted column in a header record (None when absent).
pub fn column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h.trim() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_commas_and_newlines() {
        let r = records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n1,,3").unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].fields, vec!["x, y", "say \"hi\"", "two\nlines"]);
        assert_eq!(r[2].line, 5);
        assert_eq!(r[2].fields, vec!["1", "", "3"]);
    }

    #[test]
    fn malformed_quotes_are_errors() {
        assert_eq!(records("a\n\"open").unwrap_err().line, 2);
        assert!(records("a\"b\n").is_err());
        assert!(records("\"a\"b\n").is_err());
    }
}
