//! The one glob matcher: `*` any run of characters, `?` exactly one. EC2 `--filters`
//! values, `describe-*` name filters and the Jupyter history search all use it.
//!
//! Iterative with one backtrack point (the last `*`), so it takes at most
//! O(pattern × text) steps and constant stack whatever the input: a pattern of 20,000
//! `*`s or `********z` against a long name is as safe as `m5.*`.

/// True when `text` matches `pattern` as a whole.
pub fn matches(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // No allocation for the usual case (instance type names, IDs, commands).
        return run(pattern.as_bytes(), text.as_bytes(), b'*', b'?');
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    run(&p, &t, '*', '?')
}

fn run<C: Copy + PartialEq>(p: &[C], t: &[C], star: C, one: C) -> bool {
    let (mut pi, mut ti) = (0, 0);
    // After the last `*` run: where the pattern resumes, and the text position that `*`
    // currently stands for up to.
    let mut back: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == star {
            // A run of `*` is one `*`.
            while pi < p.len() && p[pi] == star {
                pi += 1;
            }
            back = Some((pi, ti));
        } else if pi < p.len() && (p[pi] == one || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some((bp, bt)) = back {
            // Let the last `*` swallow one more character and retry after it.
            pi = bp;
            ti = bt + 1;
            back = Some((bp, bt + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == star)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_and_question_marks() {
        assert!(matches("m5.*", "m5.large"));
        assert!(!matches("m5.*", "m5a.large"));
        assert!(matches("c?g.large", "c7g.large"));
        assert!(matches("echo*", "echo hi"));
        assert!(matches("*vpc*", "create-vpc --cidr-block x"));
        assert!(!matches("echo", "echo hi"));
        assert!(matches("ech? hi", "echo hi"));
        assert!(matches("*", ""));
        assert!(matches("", ""));
        assert!(!matches("", "a"));
        assert!(!matches("?", ""));
        assert!(matches("a*b*c", "aXbYbc"));
        assert!(!matches("a*b*c", "aXbYb"));
        assert!(matches("*.*large", "m5.2xlarge"));
        assert!(matches("é?", "éa"));
    }

    #[test]
    fn agrees_with_a_plain_recursive_matcher() {
        fn slow(p: &[char], s: &[char]) -> bool {
            match p.split_first() {
                None => s.is_empty(),
                Some(('*', rest)) => (0..=s.len()).any(|i| slow(rest, &s[i..])),
                Some(('?', rest)) => !s.is_empty() && slow(rest, &s[1..]),
                Some((c, rest)) => s.first() == Some(c) && slow(rest, &s[1..]),
            }
        }
        let alphabet = ['a', 'b', '*', '?'];
        // Every pattern up to 5 symbols against every text of a/b up to 5 letters.
        let mut patterns = vec![String::new()];
        for _ in 0..5 {
            let next: Vec<String> =
                patterns.iter().flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}"))).collect();
            patterns.extend(next.into_iter().filter(|p| p.len() <= 5));
            patterns.sort();
            patterns.dedup();
        }
        let texts: Vec<String> = patterns.iter().filter(|p| !p.contains(['*', '?'])).cloned().collect();
        for p in &patterns {
            for t in &texts {
                let (pc, tc): (Vec<char>, Vec<char>) = (p.chars().collect(), t.chars().collect());
                assert_eq!(matches(p, t), slow(&pc, &tc), "pattern {p:?} text {t:?}");
            }
        }
    }

    #[test]
    fn hostile_patterns_are_fast_and_shallow() {
        // 20,000 stars: the recursive matcher overflowed the stack (issue 19).
        let stars = "*".repeat(20_000);
        assert!(matches(&stars, "m5.large"));
        // `********z` on a long name was exponential: 30 s for one filter.
        let name = "a".repeat(10_000);
        assert!(!matches("*a*a*a*a*a*a*a*a*z", &name));
        assert!(!matches(&format!("{}z", "*a".repeat(2_000)), &name[..4_000]));
    }
}
