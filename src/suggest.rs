//! "Did you mean …?": the candidate nearest to a mistyped word, by edit distance.

/// The candidate nearest to `word` if it is close enough to be a typo (at most a third of
/// the word's length, and at least 2, edits away). For a two-word candidate such as
/// `simulate replication`, its first word counts too. Ties go to the shorter candidate.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // No name is this long, and the distance costs word × candidate length: a 100 KB word
    // took 16 s to find nothing (issue 19).
    if word.len() > MAX_WORD {
        return None;
    }
    let w = word.to_ascii_lowercase();
    let limit = (w.chars().count() / 3).max(2);
    candidates
        .map(|c| {
            let first = c.split(' ').next().unwrap_or(c);
            (edit_distance(&w, c).min(edit_distance(&w, first)), c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())))
        .map(|(_, c)| c)
}

/// Longest word that gets a suggestion, and longest echo of a user's word in a message.
pub const MAX_WORD: usize = 64;

/// A user's word as a message repeats it: at most [`MAX_WORD`] characters, then `…` and
/// how long it was.
pub fn echo(word: &str) -> String {
    match word.char_indices().nth(MAX_WORD) {
        Some((i, _)) => format!("{}… ({} characters)", &word[..i], word.chars().count()),
        None => word.to_string(),
    }
}

/// `text` with every run of more than 200 non-space characters cut as [`echo`] cuts a word:
/// an error message repeats what the user typed, and a 100 KB word need not come back.
pub fn cut_long_words(text: &str) -> String {
    const LONG: usize = 200;
    if !text.split_whitespace().any(|w| w.len() > LONG) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    let mut rest = text;
    while !rest.is_empty() {
        let space = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        out.push_str(&rest[..space]);
        rest = &rest[space..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.chars().count() > LONG {
            out.push_str(&echo(word));
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    out
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word_and_strangers_find_nothing() {
        let words = ["echo", "regions", "simulate replication"];
        assert_eq!(closest("ecoh", words.iter().copied()), Some("echo"));
        assert_eq!(closest("simulat", words.iter().copied()), Some("simulate replication"));
        assert_eq!(closest("zzzzzzzz", words.iter().copied()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // Long words get no suggestion (and cost nothing) and are cut when echoed.
        let long = "e".repeat(100_000);
        assert_eq!(closest(&long, words.iter().copied()), None);
        assert!(echo(&long).len() < 100 && echo(&long).ends_with("(100000 characters)"));
        assert_eq!(echo("ecoh"), "ecoh");
        let msg = format!("'{long}' is not an instance type name: it has no '.size' part");
        let cut = cut_long_words(&msg);
        assert!(cut.len() < 200 && cut.ends_with("it has no '.size' part"), "{cut}");
        assert_eq!(cut_long_words("a  b\tc"), "a  b\tc");
    }
}
