//! Tab completion and inspect: command names, flags, a flag's known values, and the
//! words the lab knows (resource IDs and Name tags, instance types, regions, AZs).

use super::{all, args::GLOBAL_FLAGS, resolve, CommandSpec, SERVICES};
use crate::cell;
use crate::i18n::{self, Lang};
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
    let words =
        cell::split(&head.replace("\\\n", " ")).ok().and_then(|mut l| l.pop()).map(|l| l.words).unwrap_or_default();
    (words, partial, cursor - partial_len)
}

/// Completions at `cursor` (a code-point offset), each with its kind.
pub fn complete(lab: &Lab, code: &str, cursor: usize) -> Completion {
    let (words, partial, start) = context(code, cursor);
    let end = start + partial.chars().count();
    let mut candidates: Vec<(String, &str)> = Vec::new();
    let bare: Vec<&String> = words.iter().filter(|w| *w != "aws" && !SERVICES.contains(&w.as_str())).collect();
    if bare.is_empty() {
        candidates.extend(all().iter().map(|c| (c.name.split(' ').next().unwrap_or(c.name).to_string(), "command")));
        if words.is_empty() {
            candidates.push(("aws".into(), "command"));
            candidates.push(("%%rust".into(), "magic"));
        }
        if words.last().map(String::as_str) == Some("aws") {
            candidates = SERVICES.iter().map(|s| (s.to_string(), "service")).collect();
        }
    } else if let Ok((spec, rest)) = resolve(&words) {
        let flags = || spec.flags.iter().chain(GLOBAL_FLAGS);
        if partial.starts_with('-') {
            // Flags not yet on the line; never the one already typed out in full.
            let used: Vec<&str> = rest.iter().filter_map(|w| w.strip_prefix("--")).collect();
            candidates.extend(
                flags()
                    .filter(|f| !used.contains(&f.name) && partial != format!("--{}", f.name))
                    .map(|f| (format!("--{}", f.name), "flag")),
            );
        } else {
            let prev = words.last().and_then(|w| w.strip_prefix("--"));
            match prev.and_then(|p| flags().find(|f| f.name == p)) {
                Some(f) if !f.values.is_empty() => candidates.extend(f.values.iter().map(|v| (v.to_string(), "value"))),
                Some(f) if !f.takes_value => candidates.extend(values_of(lab, None)),
                Some(f) => candidates.extend(values_of(lab, flag_kinds(f.name))),
                None => candidates.extend(values_of(lab, positional_kinds(spec.name))),
            }
        }
    } else if bare.len() == 1 {
        // The second word of a two-word command: `simulate rep|`.
        let first = bare[0].as_str();
        candidates.extend(all().iter().filter_map(|c| {
            c.name.strip_prefix(first).and_then(|r| r.strip_prefix(' ')).map(|r| (r.to_string(), "command"))
        }));
    }
    let mut found: Vec<(String, &str)> = candidates.into_iter().filter(|(c, _)| c.starts_with(&partial)).collect();
    found.sort_by_key(|a| sort_key(&a.0));
    found.dedup_by(|a, b| a.0 == b.0);
    let (matches, kinds) = found.into_iter().map(|(m, k)| (m, k.to_string())).unzip();
    Completion { matches, cursor_start: start, cursor_end: end, kinds }
}

/// Instance types sort by family, then by size (`large` before `xlarge` before
/// `2xlarge`); every other word alphabetically.
fn sort_key(word: &str) -> (String, u32, String) {
    if let Some((family, size)) = word.split_once('.') {
        if crate::model::compute::instance_type_names().contains(&word) {
            return (family.to_string(), size_rank(size), String::new());
        }
    }
    (word.to_string(), 0, String::new())
}

fn size_rank(size: &str) -> u32 {
    const SMALL: [&str; 5] = ["nano", "micro", "small", "medium", "large"];
    if let Some(i) = SMALL.iter().position(|s| *s == size) {
        return i as u32;
    }
    if size == "xlarge" {
        return 10;
    }
    if let Some(n) = size.strip_suffix("xlarge").and_then(|n| n.parse::<u32>().ok()) {
        return 10 * n;
    }
    // `metal` and the like after every numbered size.
    10_000
}

/// The kinds of value a flag takes, by its AWS name; `None`: any known word.
fn flag_kinds(flag: &str) -> Option<&'static [&'static str]> {
    let base = flag.trim_end_matches('s');
    Some(match base {
        "vpc-id" | "peer-vpc-id" => &["vpc"],
        "subnet-id" => &["subnet"],
        "instance-id" => &["instance"],
        "availability-zone" => &[AZ],
        "region" | "peer-region" => &[REGION],
        "instance-type" => &[INSTANCE_TYPE],
        "route-table-id" => &["route table"],
        "gateway-id" => &["internet gateway", "vpn gateway"],
        "egress-only-internet-gateway-id" => &["egress-only internet gateway"],
        "nat-gateway-id" => &["nat gateway"],
        "group-id" | "security-group-id" | "vpc-security-group-id" | "source-group" => &["security group"],
        "network-acl-id" => &["network acl"],
        "allocation-id" => &["elastic ip"],
        "network-interface-id" => &["network interface"],
        "vpc-peering-connection-id" => &["peering connection"],
        "transit-gateway-id" => &["transit gateway"],
        "transit-gateway-attachment-id" => &["transit gateway attachment"],
        "vpc-endpoint-id" => &["vpc endpoint"],
        "db-instance-identifier" | "source-db-instance-identifier" => &["db instance"],
        "db-cluster-identifier" => &["db cluster"],
        "db-subnet-group-name" => &["db subnet group"],
        "auto-scaling-group-name" => &["auto scaling group"],
        "launch-template-name" | "launch-template-id" => &["launch template"],
        "target-group-arn" => &["target group"],
        "load-balancer-arn" => &["load balancer"],
        "alarm-name" => &["alarm"],
        "image-id" => &["image"],
        _ => return None,
    })
}

/// The kinds a command's positional arguments take, where they are known.
fn positional_kinds(command: &str) -> Option<&'static [&'static str]> {
    Some(match command {
        "region" => &[REGION],
        "diagram" => &["vpc"],
        "reach" => &["instance", ENDPOINT],
        _ => return None,
    })
}

const REGION: &str = "region";
const AZ: &str = "availability zone";
const INSTANCE_TYPE: &str = "instance type";
/// `reach`'s non-resource endpoints.
const ENDPOINT: &str = "endpoint";

/// Words the lab knows, with their kind: resource IDs and names (of the lab's region
/// first), regions, the region's AZs, instance types. `kinds` narrows them.
fn values_of(lab: &Lab, kinds: Option<&[&str]>) -> Vec<(String, &'static str)> {
    let wanted = |k: &str| kinds.is_none_or(|ks| ks.contains(&k));
    let mut v: Vec<(String, &'static str)> = Vec::new();
    for (w, k, region) in lab.network.completion_items() {
        if wanted(k) && (kinds.is_none() || region == lab.region) {
            v.push((w, k));
        }
    }
    v.extend(lab.databases.completion_items().into_iter().filter(|(_, k)| wanted(k)));
    v.extend(lab.scaling.completion_items().into_iter().filter(|(_, k)| wanted(k)));
    if wanted(REGION) {
        v.extend(regions::all().iter().map(|r| (r.code.clone(), REGION)));
    }
    if wanted(AZ) {
        // With a kind asked for, only the lab's region's zones.
        for r in regions::all().iter().filter(|r| kinds.is_none() || r.code == lab.region) {
            v.extend(r.availability_zones.iter().map(|z| (z.clone(), AZ)));
        }
    }
    if wanted(INSTANCE_TYPE) {
        v.extend(crate::model::compute::instance_type_names().iter().map(|s| (s.to_string(), INSTANCE_TYPE)));
    }
    if kinds.is_some_and(|ks| ks.contains(&ENDPOINT)) {
        v.extend(["internet", "s3", "dynamodb"].iter().map(|s| (s.to_string(), ENDPOINT)));
    }
    v
}

/// "Did you mean …?" for a value of a known kind (a resource name, instance type,
/// region, AZ) on a line that failed: the closest existing one to the first unknown value.
pub fn did_you_mean(lab: &Lab, words: &[String]) -> Option<String> {
    let (spec, rest) = resolve(words).ok()?;
    let flags = || spec.flags.iter().chain(GLOBAL_FLAGS);
    let mut kinds = positional_kinds(spec.name);
    // A line may carry thousands of values: a hint looks at the first few.
    let mut tries = 32;
    for w in rest {
        if let Some(name) = w.strip_prefix("--") {
            kinds = flags()
                .find(|f| f.name == name)
                .filter(|f| f.takes_value && f.values.is_empty())
                .and_then(|f| flag_kinds(f.name));
            continue;
        }
        let Some(ks) = kinds else { continue };
        if tries == 0 {
            return None;
        }
        tries -= 1;
        let known = values_of(lab, Some(ks));
        for value in w.split(',').filter(|v| !v.is_empty()).take(8) {
            if known.iter().any(|(k, _)| k.eq_ignore_ascii_case(value)) {
                continue;
            }
            if let Some(c) = crate::suggest::closest(value, known.iter().map(|(k, _)| k.as_str())) {
                let kind = known.iter().find(|(k, _)| k == c).map(|(_, kind)| *kind).unwrap_or("");
                return Some(format!("did you mean `{}` ({})?", c, kind));
            }
        }
    }
    None
}

/// The word under the cursor (code-point offsets) and the command line it is on.
fn word_at(code: &str, cursor: usize) -> (String, String) {
    let chars: Vec<char> = code.chars().collect();
    let cursor = cursor.min(chars.len());
    let stop = |c: &char| c.is_whitespace() || *c == ',' || *c == '=';
    let mut start = cursor;
    while start > 0 && !stop(&chars[start - 1]) {
        start -= 1;
    }
    let mut end = cursor;
    while end < chars.len() && !stop(&chars[end]) {
        end += 1;
    }
    let word: String = chars[start..end].iter().collect();
    let line_start = chars[..start].iter().rposition(|c| *c == '\n').map(|i| i + 1).unwrap_or(0);
    let line_end = chars[end..].iter().position(|c| *c == '\n').map(|i| end + i).unwrap_or(chars.len());
    (word, chars[line_start..line_end].iter().collect())
}

/// Inspect (Shift-Tab) for the word under the cursor: a flag's own help, a resource's
/// summary, an instance type's specs. Markdown and plain text (without fences).
pub fn inspect_word(lab: &Lab, code: &str, cursor: usize) -> Option<(String, String)> {
    let (word, line) = word_at(code, cursor);
    if word.is_empty() {
        return None;
    }
    let lang = lab.settings.lang;
    if let Some(name) = word.strip_prefix("--") {
        let words = cell::split(&line).ok()?.pop()?.words;
        let (spec, _) = resolve(&words).ok()?;
        let f = spec.flags.iter().chain(GLOBAL_FLAGS).find(|f| f.name == name)?;
        let v = if f.takes_value { " VALUE" } else { "" };
        let help = i18n::term(lang, f.help);
        let mut plain = format!("--{}{} ({})\n{}", f.name, v, spec.name, help);
        let mut md = format!("**`--{}{}`** ({})\n\n{}", f.name, v, spec.name, help);
        if !f.values.is_empty() {
            let values = i18n::phrase(lang, "term.values").unwrap_or("Values:");
            plain.push_str(&format!("\n{} {}", values, f.values.join(", ")));
            md.push_str(&format!("\n\n{} `{}`", values, f.values.join("`, `")));
        }
        return Some((md, plain));
    }
    if let Some(t) = crate::model::compute::catalog::find(&word) {
        let rows = [
            ("vCPUs", t.vcpus.to_string()),
            ("Memory", format!("{} GiB", t.memory_gib())),
            ("Architectures", t.architectures.join(", ")),
            ("Burstable", i18n::term(lang, if t.burstable { "yes" } else { "no" }).to_string()),
            ("Network", t.network_performance.clone()),
        ];
        return Some(summary(lang, &format!("{} {}", i18n::term(lang, "instance type"), t.name), &rows));
    }
    let net = &lab.network;
    let name_or_id =
        |id: &str, name: &Option<String>| id.eq_ignore_ascii_case(&word) || name.as_deref() == Some(word.as_str());
    if let Some(v) = net.vpcs.iter().find(|v| name_or_id(&v.id, &v.name)) {
        let cidrs: Vec<String> = v.cidrs.iter().map(|c| c.to_string()).collect();
        let subnets = net.subnets.iter().filter(|s| s.vpc_id == v.id).count();
        let rows = [
            ("ID", v.id.clone()),
            ("Name", v.name.clone().unwrap_or_default()),
            ("CIDR", cidrs.join(", ")),
            ("State", "available".to_string()),
            ("Region", v.region.clone()),
            ("Subnets", subnets.to_string()),
        ];
        return Some(summary(lang, "VPC", &rows));
    }
    if let Some(s) = net.subnets.iter().find(|s| name_or_id(&s.id, &s.name)) {
        let rows = [
            ("ID", s.id.clone()),
            ("Name", s.name.clone().unwrap_or_default()),
            ("CIDR", s.cidr.to_string()),
            ("State", "available".to_string()),
            ("VPC", s.vpc_id.clone()),
            ("Availability zone", s.availability_zone.clone()),
        ];
        return Some(summary(lang, "subnet", &rows));
    }
    if let Some(i) = net.instances.iter().find(|i| name_or_id(&i.id, &i.name)) {
        let rows = [
            ("ID", i.id.clone()),
            ("Name", i.name.clone().unwrap_or_default()),
            ("Type", i.instance_type.clone()),
            ("State", i.state.as_str().to_string()),
            ("Subnet", i.subnet_id.clone()),
            ("Availability zone", i.availability_zone.clone()),
        ];
        return Some(summary(lang, "instance", &rows));
    }
    let (w, kind, region) = net.completion_items().into_iter().find(|(w, _, _)| *w == word)?;
    Some(summary(lang, kind, &[("ID or name", w), ("Region", region.to_string())]))
}

/// A resource's or type's fields; the title and field names in `lang` (the values are
/// AWS's: IDs, CIDRs, states).
fn summary(lang: Lang, title: &str, rows: &[(&str, String)]) -> (String, String) {
    let title = i18n::term(lang, title);
    let rows: Vec<(&str, &String)> =
        rows.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (i18n::term(lang, k), v)).collect();
    let width = rows.iter().map(|(k, _)| i18n::columns(k)).max().unwrap_or(0);
    let mut plain = format!("{}\n", title);
    let mut md = format!("**{}**\n\n| | |\n|---|---|\n", title);
    for (k, v) in rows {
        let pad = " ".repeat(width - i18n::columns(k));
        plain.push_str(&format!("  {k}{pad}  {v}\n"));
        md.push_str(&format!("| {} | `{}` |\n", k, v.replace('|', "\\|")));
    }
    (md, plain)
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
