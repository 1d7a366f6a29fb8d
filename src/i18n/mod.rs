//! cloudlab's own words in the reader's language (`lang ko`): table titles and notes,
//! chart text, the explanatory lines of errors (hints), kernel messages and help summaries.
//!
//! One table, `ko.tsv`: `id<TAB>English<TAB>Korean`, one phrase a line. The renderers
//! (`session`, `render/`) pass what they show through [`text`] or [`svg`]; commands keep
//! writing English, and `model/` never sees a language. What AWS writes — identifiers,
//! error codes, the `An error occurred (…) when calling the … operation: …` line — is never
//! passed through, so it stays as AWS writes it.
//!
//! Ids say how an entry matches:
//! - `summary.NAME`: the `help` summary of command NAME;
//! - `help.NAME`: the long help of command NAME (`help NAME`, `NAME --help`, inspect),
//!   used only while its English column still equals the command's help (`\n` is a
//!   line break), so a changed English text shows in English rather than stale Korean;
//! - `flag.…` and `term.…`: a whole string matched only where the caller asks for a term
//!   ([`term`]): a flag's help, inspect's field names — never in other output;
//! - `part.…`: a literal phrase replaced wherever it occurs (inside notes and sentences);
//! - anything else: a whole string (a title, a line, a chart label), where `{}` stands for
//!   any non-empty text, `{w}` for one word (no spaces: a count, a region, a column), and
//!   `{0}`, `{1}`… in the Korean put those texts back in order.
//!   Multi-line text is matched line by line.

use crate::html::{escape, unescape};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The language of cloudlab's own words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// `en` or `ko` (also `english`, `korean`, `한국어`), case-insensitive.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "en-us" | "english" => Some(Lang::En),
            "ko" | "ko-kr" | "korean" | "한국어" => Some(Lang::Ko),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

struct Entry {
    id: &'static str,
    en: Cow<'static, str>,
    ko: Cow<'static, str>,
}

struct Phrases {
    whole: Vec<Entry>,
    /// Longest first, so a longer phrase wins over a phrase it contains.
    parts: Vec<Entry>,
    summaries: Vec<Entry>,
    helps: Vec<Entry>,
    /// `flag.…` and `term.…`: matched only by [`term`].
    terms: Vec<Entry>,
}

/// `\n` in the table is a line break (long help texts have several lines).
fn unescape_lines(s: &'static str) -> Cow<'static, str> {
    if s.contains("\\n") {
        Cow::Owned(s.replace("\\n", "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

const KO: &str = include_str!("ko.tsv");

fn phrases() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| {
        let mut p = Phrases {
            whole: Vec::new(),
            parts: Vec::new(),
            summaries: Vec::new(),
            helps: Vec::new(),
            terms: Vec::new(),
        };
        for line in KO.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.splitn(3, '\t');
            let (Some(id), Some(en), Some(ko)) = (f.next(), f.next(), f.next()) else { continue };
            let e = Entry { id, en: unescape_lines(en), ko: unescape_lines(ko) };
            if id.starts_with("summary.") {
                p.summaries.push(e);
            } else if id.starts_with("help.") {
                p.helps.push(e);
            } else if id.starts_with("flag.") || id.starts_with("term.") {
                p.terms.push(e);
            } else if id.starts_with("part.") {
                p.parts.push(e);
            } else {
                p.whole.push(e);
            }
        }
        p.parts.sort_by_key(|e| std::cmp::Reverse(e.en.len()));
        p
    })
}

/// The Korean of the phrase with this id (its English under `lang en`); `None` for an
/// unknown id.
pub fn phrase(lang: Lang, id: &str) -> Option<&'static str> {
    let p = phrases();
    let e = p.whole.iter().chain(&p.parts).chain(&p.summaries).chain(&p.helps).chain(&p.terms).find(|e| e.id == id)?;
    Some(match lang {
        Lang::En => &e.en,
        Lang::Ko => &e.ko,
    })
}

/// A command's one-line `help` summary in `lang`.
pub fn summary(lang: Lang, command: &str, english: &'static str) -> &'static str {
    if lang == Lang::En {
        return english;
    }
    let id = format!("summary.{command}");
    phrases().summaries.iter().find(|e| e.id == id).map(|e| &*e.ko).unwrap_or(english)
}

/// A command's long help in `lang`: the Korean only while the table's English is still
/// the command's own (a help changed since it was translated shows in English).
pub fn help<'a>(lang: Lang, command: &str, english: &'a str) -> &'a str {
    if lang == Lang::En {
        return english;
    }
    let id = format!("help.{command}");
    match phrases().helps.iter().find(|e| e.id == id) {
        Some(e) if e.en.trim_end() == english.trim_end() => &e.ko,
        _ => english,
    }
}

/// A term in `lang` (a flag's help, a field name of inspect), matched as a whole string;
/// unknown terms stay English.
pub fn term(lang: Lang, english: &str) -> &str {
    if lang == Lang::En {
        return english;
    }
    phrases().terms.iter().find(|e| e.en == english).map(|e| &*e.ko).unwrap_or(english)
}

/// cloudlab's own words in `lang`: a whole-string match per line first, else the known
/// phrases inside it; anything unknown stays English.
pub fn text(lang: Lang, s: &str) -> String {
    if lang == Lang::En || s.is_empty() {
        return s.to_string();
    }
    if !s.contains('\n') {
        return line(s);
    }
    s.split('\n').map(line).collect::<Vec<_>>().join("\n")
}

/// cloudlab's own lines are shorter than this; a longer one is something a user typed.
const MAX_LINE: usize = 4_000;

fn line(s: &str) -> String {
    if s.len() > MAX_LINE {
        return s.to_string();
    }
    if let Some(t) = whole(s, 0) {
        return t;
    }
    parts(s)
}

/// The known phrases inside `s`, replaced.
fn parts(s: &str) -> String {
    let mut out = s.to_string();
    for e in &phrases().parts {
        if out.contains(&*e.en) {
            out = out.replace(&*e.en, &e.ko);
        }
    }
    out
}

/// `s` matched as a whole string; what the holes stood for is translated too (a chart's
/// title inside its description, a price basis inside a title).
fn whole(s: &str, depth: u8) -> Option<String> {
    for e in &phrases().whole {
        if let Some(caps) = captures(&e.en, s) {
            let caps: Vec<String> = caps
                .iter()
                .map(|c| if depth < 2 { whole(c, depth + 1).unwrap_or_else(|| parts(c)) } else { parts(c) })
                .collect();
            let caps: Vec<&str> = caps.iter().map(String::as_str).collect();
            return Some(fill(&e.ko, &caps));
        }
    }
    None
}

/// A pattern's pieces: literal text, `{}` (any non-empty text) and `{w}` (one word: no
/// spaces, such as a count, a region or a column name).
enum Piece<'p> {
    Lit(&'p str),
    Any,
    Word,
}

fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    loop {
        let any = rest.find("{}");
        let word = rest.find("{w}");
        let (at, len, piece) = match (any, word) {
            (Some(a), Some(w)) if w < a => (w, 3, Piece::Word),
            (Some(a), _) => (a, 2, Piece::Any),
            (None, Some(w)) => (w, 3, Piece::Word),
            (None, None) => break,
        };
        if at > 0 {
            out.push(Piece::Lit(&rest[..at]));
        }
        out.push(piece);
        rest = &rest[at + len..];
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest));
    }
    out
}

/// Splits tried per pattern and string: a line a user typed (`echo …`) may be long and
/// repetitive, and trying every split of it must stay cheap.
const BUDGET: usize = 20_000;

/// The texts the holes stood for when `pattern` matches all of `s` (trying every split,
/// up to [`BUDGET`]).
fn captures<'a>(pattern: &str, s: &'a str) -> Option<Vec<&'a str>> {
    fn go<'a>(ps: &[Piece], s: &'a str, caps: &mut Vec<&'a str>, budget: &mut usize) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let Some((first, rest)) = ps.split_first() else { return s.is_empty() };
        match first {
            Piece::Lit(l) => s.strip_prefix(l).is_some_and(|t| go(rest, t, caps, budget)),
            Piece::Any | Piece::Word => {
                let word = matches!(first, Piece::Word);
                for (i, c) in s.char_indices().skip(1).map(|(i, c)| (i, Some(c))).chain([(s.len(), None)]) {
                    if *budget == 0 {
                        return false;
                    }
                    *budget -= 1;
                    let cap = &s[..i];
                    if word && cap.chars().any(char::is_whitespace) {
                        return false;
                    }
                    // A hole before a literal ends where that literal starts.
                    if let (Some(Piece::Lit(l)), Some(_)) = (rest.first(), c) {
                        if !s[i..].starts_with(l) {
                            continue;
                        }
                    }
                    caps.push(cap);
                    if go(rest, &s[i..], caps, budget) {
                        return true;
                    }
                    caps.pop();
                }
                false
            }
        }
    }
    let ps = pieces(pattern);
    let mut caps = Vec::new();
    let mut budget = BUDGET;
    go(&ps, s, &mut caps, &mut budget).then_some(caps)
}

fn fill(ko: &str, caps: &[&str]) -> String {
    let mut out = ko.to_string();
    for (i, c) in caps.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), c);
    }
    out
}

/// Terminal columns `s` takes: Hangul and other East Asian wide letters take two.
pub fn columns(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Font families that have Hangul, named before a chart's own.
pub const CJK_FONTS: &str = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', ";

/// A chart or diagram in `lang`: the text of each `<text>`, the `<title>` and `aria-label`
/// translated, and a CJK-capable font family named first.
pub fn svg(lang: Lang, svg: &str) -> String {
    if lang == Lang::En {
        return svg.to_string();
    }
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg;
    // How far right the translated text reaches: Hangul is about twice as wide as the
    // English it replaces, and the chart was laid out for the English (a legend at the
    // right edge would be cut off).
    let mut right: f64 = 0.0;
    // Element content: <text …>…</text> and <title>…</title>.
    while let Some(open) = find_open(rest) {
        let (tag, start) = open;
        let Some(gt) = rest[start..].find('>').map(|i| start + i + 1) else { break };
        let close = format!("</{tag}>");
        let Some(end) = rest[gt..].find(&close).map(|i| gt + i) else { break };
        out.push_str(&rest[..gt]);
        let inner = &rest[gt..end];
        if inner.contains('<') {
            out.push_str(inner); // nested markup (tspans): left as it is
        } else {
            let translated = text(lang, &unescape(inner));
            if tag == "text" && translated.trim() != unescape(inner).trim() {
                right = right.max(text_right(&rest[start..gt], translated.trim()));
            }
            out.push_str(&escape(&translated));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let out = widen(&out, right);
    let out = translate_attr(lang, &out, "aria-label=\"");
    out.replace("font-family=\"", &format!("font-family=\"{CJK_FONTS}"))
}

/// Average advance of a Latin letter and of a Hangul syllable, in font sizes (the chart
/// renderer's own estimate for Latin text; CJK glyphs are a full em).
const LATIN_W: f64 = 0.58;
const WIDE_W: f64 = 1.0;

/// The right end of a `<text>` element's text (its opening tag gives x, anchor and size).
fn text_right(open_tag: &str, s: &str) -> f64 {
    let attr = |name: &str| -> Option<&str> {
        let i = open_tag.find(&format!(" {name}=\""))? + name.len() + 3;
        open_tag[i..].split('"').next()
    };
    let num = |name| attr(name).and_then(|v| v.parse::<f64>().ok());
    let (Some(x), Some(px)) = (num("x"), num("font-size")) else { return 0.0 };
    let w: f64 = s.chars().map(|c| if is_wide(c) { WIDE_W } else { LATIN_W }).sum::<f64>() * px;
    match attr("text-anchor") {
        Some("middle") => x + w / 2.0,
        Some("end") => x,
        _ => x + w,
    }
}

/// The chart made wide enough for text reaching `right` (the root's width, its viewBox and
/// its background rectangle); unchanged when the text already fits.
fn widen(svg: &str, right: f64) -> String {
    let head_end = svg.find('>').unwrap_or(0);
    let head = &svg[..head_end];
    let Some(w) =
        head.find(" width=\"").and_then(|i| head[i + 8..].split('"').next()).and_then(|v| v.parse::<f64>().ok())
    else {
        return svg.to_string();
    };
    let need = (right + 8.0).ceil();
    if need <= w || !head.starts_with("<svg") {
        return svg.to_string();
    }
    let (old, new) = (format_num(w), format_num(need));
    let head2 = head.replacen(&format!(" width=\"{old}\""), &format!(" width=\"{new}\""), 1).replacen(
        &format!("viewBox=\"0 0 {old} "),
        &format!("viewBox=\"0 0 {new} "),
        1,
    );
    let rest = svg[head_end..].replacen(
        &format!("<rect x=\"0\" y=\"0\" width=\"{old}\""),
        &format!("<rect x=\"0\" y=\"0\" width=\"{new}\""),
        1,
    );
    format!("{head2}{rest}")
}

fn format_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn find_open(s: &str) -> Option<(&'static str, usize)> {
    let t = s.find("<text").filter(|&i| matches!(s.as_bytes().get(i + 5), Some(b' ' | b'>')));
    let ti = s.find("<title>");
    match (t, ti) {
        (Some(a), Some(b)) if b < a => Some(("title", b)),
        (Some(a), _) => Some(("text", a)),
        (None, Some(b)) => Some(("title", b)),
        (None, None) => None,
    }
}

fn translate_attr(lang: Lang, s: &str, attr: &str) -> String {
    let Some(i) = s.find(attr) else { return s.to_string() };
    let v0 = i + attr.len();
    let Some(len) = s[v0..].find('"') else { return s.to_string() };
    format!("{}{}{}", &s[..v0], escape(&text(lang, &unescape(&s[v0..v0 + len]))), &s[v0 + len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_has_three_fields_and_unique_ids() {
        let mut ids = std::collections::HashSet::new();
        for (n, line) in KO.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 3, "ko.tsv line {}: {line}", n + 1);
            assert!(ids.insert(f[0]), "duplicate id {}", f[0]);
            if ["help.", "flag.", "term."].iter().any(|p| f[0].starts_with(p)) {
                continue; // matched whole, without holes
            }
            let holes = f[1].matches("{}").count() + f[1].matches("{w}").count();
            for i in 0..holes {
                assert!(f[2].contains(&format!("{{{i}}}")), "ko.tsv {}: {{{i}}} missing in the Korean", f[0]);
            }
        }
    }

    #[test]
    fn whole_strings_with_holes_and_parts() {
        assert_eq!(text(Lang::Ko, "4 subnets in ap-northeast-2"), "ap-northeast-2의 서브넷 4개");
        assert_eq!(text(Lang::En, "4 subnets in ap-northeast-2"), "4 subnets in ap-northeast-2");
        assert_eq!(text(Lang::Ko, "no such phrase"), "no such phrase");
        let t = text(Lang::Ko, "lab reset: no resources\nsomething else");
        assert_eq!(t, "실습 초기화: 리소스 없음\nsomething else");
        assert_eq!(summary(Lang::Ko, "create-vpc", "x"), "VPC 생성(main route table, 기본 NACL, 기본 보안 그룹 포함)");
        assert_eq!(summary(Lang::En, "create-vpc", "x"), "x");
    }

    #[test]
    fn word_holes_take_no_spaces_and_matching_backtracks() {
        assert_eq!(captures("{w} by {w}", "az_count by region"), Some(vec!["az_count", "region"]));
        assert_eq!(captures("{w} by {w}", "EBS encryption by default in us-east-1: off"), None);
        assert_eq!(
            captures(
                "region: {w} — {} ({w} availability zones: {})",
                "region: ap-northeast-2 — Asia Pacific (Seoul) (4 availability zones: a, b)"
            ),
            Some(vec!["ap-northeast-2", "Asia Pacific (Seoul)", "4", "a, b"])
        );
        assert_eq!(text(Lang::Ko, "s3-endpoint · 2 route tables"), "s3-endpoint · 2 route tables");
        // A long repetitive line a user typed is cheap to try (the split budget).
        let hostile = "a chart \"b\": c against d from e (".repeat(100);
        let t = crate::clock::instant();
        assert_eq!(text(Lang::Ko, &hostile), hostile);
        assert_eq!(text(Lang::Ko, &hostile.repeat(30)), hostile.repeat(30));
        assert!(t.elapsed() < std::time::Duration::from_secs(5), "{:?}", t.elapsed());
    }

    #[test]
    fn svg_text_is_translated_and_cjk_fonts_come_first() {
        let s = r#"<svg aria-label="time (s)"><title>time (s)</title><text x="1" font-family="sans-serif">time (s)</text><text>vpc-0abc</text></svg>"#;
        let k = svg(Lang::Ko, s);
        assert!(
            k.contains(">시간(초)</text>")
                && k.contains("<title>시간(초)</title>")
                && k.contains("aria-label=\"시간(초)\""),
            "{k}"
        );
        assert!(k.contains(&format!("font-family=\"{CJK_FONTS}sans-serif\"")), "{k}");
        assert!(k.contains(">vpc-0abc</text>"));
        assert_eq!(svg(Lang::En, s), s);
    }

    #[test]
    fn a_legend_made_wider_by_korean_widens_the_chart() {
        let s = r##"<svg width="720" height="420" viewBox="0 0 720 420"><rect x="0" y="0" width="720" height="420" fill="#FFFFFF"/><text x="574" y="52" text-anchor="start" font-family="sans-serif" font-size="13">time (s)</text><text x="600" y="80" text-anchor="start" font-size="13">NAT gateway data</text></svg>"##;
        let k = svg(Lang::Ko, s);
        // "NAT 게이트웨이 데이터 처리" at x 600 needs about 150 px; 120 are left.
        let w: f64 = k.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(w > 720.0, "{k}");
        assert!(
            k.contains(&format!("viewBox=\"0 0 {w} 420\""))
                && k.contains(&format!("<rect x=\"0\" y=\"0\" width=\"{w}\"")),
            "{k}"
        );
        // Text that fits leaves the chart as it was.
        let small = r#"<svg width="720" height="420" viewBox="0 0 720 420"><text x="10" y="52" text-anchor="start" font-size="13">time (s)</text></svg>"#;
        assert!(svg(Lang::Ko, small).starts_with(r#"<svg width="720" height="420" viewBox="0 0 720 420">"#));
    }

    #[test]
    fn every_command_s_help_and_flags_are_korean_and_not_stale() {
        let mut missing = Vec::new();
        let mut flags = 0;
        for c in crate::command::all() {
            if !c.help.is_empty() && help(Lang::Ko, c.name, c.help) == c.help {
                missing.push(c.name);
            }
            for f in c.flags {
                if term(Lang::Ko, f.help) != f.help {
                    flags += 1;
                }
            }
        }
        assert!(missing.is_empty(), "long help without (current) Korean: {missing:?}");
        assert!(flags > 300, "{flags} flag helps in Korean");
        // A help whose English changed since it was translated stays English, not stale Korean.
        assert_eq!(help(Lang::Ko, "create-vpc", "something new"), "something new");
        assert_eq!(help(Lang::En, "create-vpc", "x"), "x");
    }

    #[test]
    fn help_text_is_korean_but_aws_words_stay() {
        let spec = crate::command::find("create-vpc").unwrap();
        let ko = spec.help_text(Lang::Ko);
        assert!(
            ko.contains("VPC 생성") && ko.contains("사용법: create-vpc --cidr-block CIDR") && ko.contains("플래그:"),
            "{ko}"
        );
        assert!(
            ko.contains("(VpcLimitExceeded)") && ko.contains("\n예: `create-vpc --cidr-block 10.0.0.0/16 --name prod`"),
            "{ko}"
        );
        assert!(ko.contains("  --cidr-block VALUE  IPv4 블록"), "{ko}");
        assert_eq!(spec.help_text(Lang::En).lines().nth(2), Some("Usage: create-vpc --cidr-block CIDR [--name NAME]"));
        // The `help` list's first line is an ordinary whole phrase, not a command's help.
        assert!(text(
            Lang::Ko,
            "cloudlab commands (`help NAME` for one). AWS operations may be written `aws ec2 NAME …`."
        )
        .starts_with("cloudlab 명령"));
        // Terms never leak into other output: a line "Name" stays as it is.
        assert_eq!(text(Lang::Ko, "Name"), "Name");
        assert_eq!(columns("가용 영역 a"), 11);
    }

    #[test]
    fn lang_names() {
        assert_eq!(Lang::parse("KO"), Some(Lang::Ko));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
