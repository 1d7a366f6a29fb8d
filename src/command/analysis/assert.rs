//! `assert`: self-grading checks for exercises. It runs a read-only command through the
//! registry with `--output json`, inspects the reply's JSON and either prints "✓ …" or
//! fails the cell with `AssertionError` (expected, found, and a hint).
//!
//! `assert reach A B [--protocol P] [--port N]`, `assert not reach …`,
//! `assert cost vpc NAME [--region R] --below N` (or `--above N`),
//! `assert sql "SELECT …" = VALUE` (also `!=`, `<`, `<=`, `>`, `>=`),
//! `assert fails CODE -- COMMAND …` (AWS must refuse the command with that error code).

use crate::kernel::ename;
use crate::model::codes;
use serde_json::Value;

use crate::command::{self, Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "assert",
        service: "lab",
        summary: "check a fact about the lab (✓, or a failing cell that says why)",
        usage: "assert [not] reach A B [--protocol P] [--port N] | assert cost vpc NAME [--region R] --below N | \
                assert sql \"SELECT …\" = VALUE | assert fails CODE -- COMMAND …",
        help: "For self-grading exercises. The inner command only looks at the lab (an assert never \
               changes it); its `--output json` form is checked:\n\
               - reach: `reachable` must be true (false with `not`); a failure shows what blocked it.\n\
               - cost: the monthly total (USD) must be below/above the bound.\n\
               - sql: the query must return one value, compared with =, !=, <, <=, >, >= (numbers as \
               numbers, anything else as text).\n\
               - fails: the command after `--` must fail with that error code (as AWS refuses it). It runs \
               on a copy of the lab, so the lab is unchanged whether it fails or not.\n\
               Examples:\n  assert reach web1 db1 --protocol tcp --port 5432\n  \
               assert not reach internet db1 --port 5432\n  \
               assert cost vpc shop --region ap-northeast-2 --below 200\n  \
               assert sql \"SELECT count(*) FROM subnets WHERE vpc_id = 'vpc-0…'\" = 4\n  \
               assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.0.0.0/15",
        flags: FLAGS,
        run: Run::Read(assert),
    }]
}

/// Flags passed through to the inner command (the assert's own are `below` and `above`).
const PASSED: &[&str] =
    &["protocol", "port", "source-port", "regions", "hours", "nat-gb", "transfer-out-gb", "ebs-gb-per-instance"];

const FLAGS: &[Flag] = &[
    Flag::value("protocol", "reach: tcp, udp, icmp or all"),
    Flag::value("port", "reach: destination port"),
    Flag::value("source-port", "reach: source port"),
    Flag::many("regions", "cost: regions to price"),
    Flag::value("hours", "cost: hours per month"),
    Flag::value("nat-gb", "cost: GB through NAT gateways per month"),
    Flag::value("transfer-out-gb", "cost: GB out to the internet per month"),
    Flag::value("ebs-gb-per-instance", "cost: gp3 GB per instance"),
    Flag::value("below", "cost: the total must be below this (USD per month)"),
    Flag::value("above", "cost: the total must be above this (USD per month)"),
];

fn failed(message: String, hint: Option<String>) -> CommandError {
    let e = CommandError::new(ename::ASSERTION_ERROR, message);
    match hint {
        Some(h) => e.with_hint(h),
        None => e,
    }
}

/// Runs a read-only command given as words, with `--output json`, and returns its JSON.
fn run_inner(lab: &Lab, words: &[String], ctx: &Ctx) -> Result<Value, CommandError> {
    let mut words = words.to_vec();
    words.push("--output".into());
    words.push("json".into());
    let (spec, rest) = command::resolve(&words)?;
    if spec.name == "assert" {
        return Err(CommandError::new(ename::USAGE_ERROR, "an assert cannot check another assert"));
    }
    let Run::Read(f) = spec.run else {
        return Err(CommandError::new(
            ename::USAGE_ERROR,
            format!("`{}` changes the lab; assert only runs commands that look (reach, cost, sql, …)", spec.name),
        ));
    };
    let args = Args::parse(spec, rest)?;
    let reply = f(lab, &args, ctx)?;
    reply
        .json
        .ok_or_else(|| CommandError::new(ename::USAGE_ERROR, format!("`{}` gives no JSON result to check", spec.name)))
}

fn assert(lab: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    let mut pos: Vec<String> = a.positional().to_vec();
    let negated = pos.first().map(String::as_str) == Some("not");
    if negated {
        pos.remove(0);
    }
    let usage = "usage: assert [not] reach A B … | assert cost vpc NAME --below N | assert sql \"SELECT …\" = VALUE | \
                 assert fails CODE -- COMMAND …";
    let Some(what) = pos.first().cloned() else {
        return Err(CommandError::new(codes::MISSING_PARAMETER, "assert needs something to check").with_hint(usage));
    };
    match what.as_str() {
        "sql" => {
            if negated {
                return Err(CommandError::new(
                    ename::USAGE_ERROR,
                    "write `assert sql \"…\" != VALUE` instead of `not`",
                ));
            }
            assert_sql(lab, &pos[1..], ctx)
        }
        "cost" => {
            if negated {
                return Err(CommandError::new(ename::USAGE_ERROR, "write `--above N` instead of `not` for cost"));
            }
            assert_cost(lab, a, &pos, ctx)
        }
        "reach" => assert_reach(lab, a, &pos, negated, ctx),
        "fails" => {
            if negated {
                return Err(CommandError::new(
                    ename::USAGE_ERROR,
                    "`assert not fails` is not a check: run the command itself",
                ));
            }
            assert_fails(lab, &pos[1..], ctx)
        }
        other => Err(CommandError::new(ename::USAGE_ERROR, format!("assert does not know how to check `{}`", other))
            .with_hint(usage)),
    }
}

/// `assert fails CODE -- COMMAND …`: the command must be refused with CODE. It runs on a
/// copy of the lab that is then dropped, so the check changes nothing either way.
fn assert_fails(lab: &Lab, rest: &[String], ctx: &Ctx) -> Result<Reply, CommandError> {
    let usage = "usage: assert fails CODE -- COMMAND … (e.g. assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.0.0.0/15)";
    let (code, words) = match rest {
        [code, dashes, words @ ..] if dashes == "--" && !code.starts_with('-') => (code, words),
        _ => {
            return Err(CommandError::new(
                ename::USAGE_ERROR,
                "assert fails needs an error code, `--`, then the command",
            )
            .with_hint(usage))
        }
    };
    if words.is_empty() {
        return Err(
            CommandError::new(codes::MISSING_PARAMETER, "assert fails needs a command after `--`").with_hint(usage)
        );
    }
    let (spec, _) = command::resolve(words)?;
    let shown = command::apply::quote_line(words);
    if spec.name == "assert" {
        return Err(CommandError::new(ename::USAGE_ERROR, "an assert cannot check another assert"));
    }
    if let Run::Replace(_) = spec.run {
        return Err(CommandError::new(
            ename::USAGE_ERROR,
            format!("`{}` replaces the whole lab; assert fails cannot check it", spec.name),
        ));
    }
    // Applied as a cell line is, to a copy of the lab that is then dropped.
    let result = command::apply(&mut lab.clone(), words, ctx);
    match result {
        Err(e) if e.code == *code => Ok(Reply::text(format!("✓ `{}` is refused: {}: {}", shown, e.code, e.message)).with_json(
            serde_json::json!({"passed": true, "check": "fails", "expected_code": code, "found_code": e.code, "message": e.message}),
        )),
        Err(e) => Err(failed(
            format!("expected `{}` to fail with {}, found {}: {}", shown, code, e.code, e.message),
            Some("a different rule refused it: check the command's values, or the code you expect".into()),
        )),
        Ok(_) => Err(failed(
            format!("expected `{}` to fail with {}, but it succeeded", shown, code),
            Some("AWS accepts this command as written (the lab is unchanged: the check ran on a copy)".into()),
        )),
    }
}

/// The inner command's words: its positionals then the flags assert passed through.
fn inner_words(a: &Args, pos: &[String]) -> Vec<String> {
    let mut w = pos.to_vec();
    for name in PASSED {
        let values = a.raw_values(name);
        if !values.is_empty() {
            w.push(format!("--{}", name));
            w.extend(values.iter().map(|s| s.to_string()));
        }
    }
    w
}

fn assert_reach(lab: &Lab, a: &Args, pos: &[String], negated: bool, ctx: &Ctx) -> Result<Reply, CommandError> {
    let words = inner_words(a, pos);
    let v = run_inner(lab, &words, ctx)?;
    let reachable = v
        .get("reachable")
        .and_then(Value::as_bool)
        .ok_or_else(|| CommandError::new(ename::USAGE_ERROR, "the reach result has no `reachable` field to check"))?;
    let path = pos[1..].join(" → ");
    let proto = match (a.get("protocol"), a.get("port")) {
        (Some(p), Some(n)) => format!(" {}/{}", p, n),
        (None, Some(n)) => format!(" port {}", n),
        (Some(p), None) => format!(" {}", p),
        (None, None) => String::new(),
    };
    let want = !negated;
    if reachable == want {
        let verdict = if reachable { "reachable" } else { "blocked" };
        let why = if reachable { String::new() } else { blocker(&v).map(|b| format!(" ({})", b)).unwrap_or_default() };
        return Ok(Reply::text(format!("✓ {}{} is {}{}", path, proto, verdict, why)).with_json(serde_json::json!({
            "passed": true, "check": "reach", "expected_reachable": want, "found_reachable": reachable,
        })));
    }
    let (expected, found) = if want { ("reachable", "blocked") } else { ("blocked", "reachable") };
    let hint = if reachable {
        Some(format!("traffic gets through; run `reach {}` to see each hop that allowed it", words.join(" ")))
    } else {
        Some(match blocker(&v) {
            Some(b) => format!("blocked by {} — run `reach {}` for every hop", b, words.join(" ")),
            None => format!("run `reach {}` for every hop", words.join(" ")),
        })
    };
    Err(failed(format!("expected {}{} to be {}, found {}", path, proto, expected, found), hint))
}

/// What blocked a reach result, in words: `blocked_by` (text or an object) plus the code.
fn blocker(v: &Value) -> Option<String> {
    let b = match v.get("blocked_by") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => {
            let parts: Vec<String> = o
                .iter()
                .filter_map(|(k, v)| match v {
                    Value::String(s) => Some(format!("{}={}", k, s)),
                    Value::Number(n) => Some(format!("{}={}", k, n)),
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let code = v.get("explanation_code").and_then(Value::as_str).map(String::from);
    match (b, code) {
        (Some(b), Some(c)) => Some(format!("{} [{}]", b, c)),
        (Some(b), None) => Some(b),
        (None, Some(c)) => Some(c),
        (None, None) => None,
    }
}

fn assert_cost(lab: &Lab, a: &Args, pos: &[String], ctx: &Ctx) -> Result<Reply, CommandError> {
    let below: Option<f64> = a.value("below")?;
    let above: Option<f64> = a.value("above")?;
    if below.is_none() && above.is_none() {
        return Err(CommandError::new(
            codes::MISSING_PARAMETER,
            "assert cost needs --below N or --above N (USD per month)",
        ));
    }
    let mut words = inner_words(a, pos);
    let region = a.get("region");
    if let (Some(r), false) = (region, a.has("regions")) {
        words.push("--regions".into());
        words.push(r.to_string());
    }
    let v = run_inner(lab, &words, ctx)?;
    let total = cost_total(&v, region).ok_or_else(|| {
        CommandError::new(
            ename::USAGE_ERROR,
            format!(
                "the cost result has no single monthly total{} to check",
                region.map(|r| format!(" for {}", r)).unwrap_or_default()
            ),
        )
        .with_hint("with several --regions, say which one with --region")
    })?;
    let region = match region {
        Some(r) => r.to_string(),
        None => v
            .get("regions")
            .and_then(|l| l.get(0))
            .and_then(|r| r.get("region"))
            .and_then(Value::as_str)
            .unwrap_or(&lab.region)
            .to_string(),
    };
    let what = pos.join(" ");
    // A total with an unpriced line understates the cost: checking it would pass wrongly.
    let missing = unpriced_lines(&v, &region);
    if !missing.is_empty() {
        return Err(CommandError::new(
            "PriceNotFound",
            format!("the cost of {} in {} cannot be checked: {}", what, region, missing.join("; ")),
        )
        .with_hint(format!("run `{}` to see the breakdown", words.join(" "))));
    }
    let mut ok = true;
    let mut bounds = Vec::new();
    if let Some(b) = below {
        ok &= total < b;
        bounds.push(format!("below ${:.2}", b));
    }
    if let Some(b) = above {
        ok &= total > b;
        bounds.push(format!("above ${:.2}", b));
    }
    let expected = bounds.join(" and ");
    if ok {
        return Ok(Reply::text(format!("✓ {} in {} costs ${:.2}/month ({})", what, region, total, expected))
            .with_json(
                serde_json::json!({ "passed": true, "check": "cost", "total_monthly_usd": total, "region": region }),
            ));
    }
    Err(failed(
        format!("expected {} in {} to cost {} per month, found ${:.2}", what, region, expected, total),
        Some(format!("run `{}` to see the breakdown", words.join(" "))),
    ))
}

/// Why the lines of `region` in a cost result that have no price are unpriced (empty when
/// every line is priced, or the result has no per-line records).
fn unpriced_lines(v: &Value, region: &str) -> Vec<String> {
    let Some(list) = v.get("regions").and_then(Value::as_array) else { return Vec::new() };
    list.iter()
        .filter(|r| r.get("region").and_then(Value::as_str) == Some(region))
        .flat_map(|r| r.get("lines").and_then(Value::as_array).cloned().unwrap_or_default())
        .filter(|l| l.get("monthly_usd").is_some_and(Value::is_null))
        .map(|l| l.get("assumption").and_then(Value::as_str).unwrap_or("a line has no price").to_string())
        .collect()
}

/// The monthly total in a cost result: a top-level number key with "total" in its name,
/// or, in per-region records (top level or under a list-valued key), the record for `region`.
pub fn cost_total(v: &Value, region: Option<&str>) -> Option<f64> {
    fn total_in(o: &serde_json::Map<String, Value>) -> Option<f64> {
        let mut keys: Vec<&String> = o.keys().filter(|k| k.contains("total") && o[*k].is_number()).collect();
        // Prefer monthly totals to hourly ones.
        keys.sort_by_key(|k| (!k.contains("month"), k.len()));
        keys.first().and_then(|k| o[*k].as_f64())
    }
    fn for_region(list: &[Value], region: Option<&str>) -> Option<f64> {
        let rec = region.and_then(|r| {
            list.iter().filter_map(Value::as_object).find(|o| o.get("region").and_then(Value::as_str) == Some(r))
        });
        match rec {
            Some(o) => total_in(o),
            None if list.len() == 1 => list[0].as_object().and_then(total_in),
            None => None,
        }
    }
    match v {
        Value::Array(list) => for_region(list, region),
        Value::Object(o) => {
            if o.get("region").and_then(Value::as_str).is_none_or(|r| region.is_none_or(|want| r == want)) {
                if let Some(t) = total_in(o) {
                    return Some(t);
                }
            }
            // `regions` holds the per-region totals; other lists (`nat_options`) also have
            // a total per region, of something else.
            let lists =
                o.get("regions").into_iter().chain(o.iter().filter(|(k, _)| k.as_str() != "regions").map(|(_, l)| l));
            lists.filter_map(Value::as_array).find_map(|l| for_region(l, region))
        }
        _ => None,
    }
}

fn assert_sql(lab: &Lab, rest: &[String], ctx: &Ctx) -> Result<Reply, CommandError> {
    const OPS: &[&str] = &["=", "==", "!=", "<>", "<=", ">=", "<", ">"];
    let at = rest.iter().rposition(|w| OPS.contains(&w.as_str())).ok_or_else(|| {
        CommandError::new(ename::USAGE_ERROR, "assert sql needs `= VALUE` after the query")
            .with_hint("e.g. assert sql \"SELECT count(*) FROM subnets\" = 4")
    })?;
    let (query_words, op, expected) = (&rest[..at], rest[at].as_str(), rest[at + 1..].join(" "));
    if query_words.is_empty() || expected.is_empty() {
        return Err(CommandError::new(
            ename::USAGE_ERROR,
            "assert sql needs a query and a value: assert sql \"SELECT …\" = VALUE",
        ));
    }
    let query = super::sql::query_text(query_words);
    let v = run_inner(lab, &["sql".to_string(), query.clone()], ctx)?;
    let rows = v.as_array().cloned().unwrap_or_default();
    let single = match rows.as_slice() {
        [Value::Object(o)] if o.len() == 1 => o.values().next().cloned().unwrap_or(Value::Null),
        _ => {
            let shape = match rows.first().and_then(Value::as_object) {
                Some(o) => format!("{} rows × {} columns", rows.len(), o.len()),
                None => format!("{} rows", rows.len()),
            };
            return Err(failed(
                format!("expected the query to return one value, found {}", shape),
                Some("select a single value, e.g. SELECT count(*) FROM …".into()),
            ));
        }
    };
    let found = value_text(&single);
    let pass = compare(&single, op, &expected);
    if pass {
        return Ok(Reply::text(format!("✓ {} {} {} (found {})", query, op, expected, found))
            .with_json(serde_json::json!({ "passed": true, "check": "sql", "found": single })));
    }
    Err(failed(
        format!("expected `{}` {} {}, found {}", query, op, expected, found),
        Some(format!("run `sql \"{}\"` to see the result", query)),
    ))
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "NULL".into(),
        other => other.to_string(),
    }
}

fn compare(found: &Value, op: &str, expected: &str) -> bool {
    let ord = match (found.as_f64(), expected.trim().parse::<f64>()) {
        (Some(f), Ok(e)) => f.partial_cmp(&e),
        _ => Some(value_text(found).as_str().cmp(expected.trim())),
    };
    let Some(ord) = ord else { return false };
    use std::cmp::Ordering::*;
    match op {
        "=" | "==" => ord == Equal,
        "!=" | "<>" => ord != Equal,
        "<" => ord == Less,
        "<=" => ord != Greater,
        ">" => ord == Greater,
        ">=" => ord != Less,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::publish::RunCell;
    use crate::kernel::{Event, Outcome};
    use crate::lab::Lab;
    use polars::prelude::*;

    fn session() -> Lab {
        let mut s = Lab::default();
        let df = df!("subnet_id" => ["s-1", "s-2", "s-3", "s-4", "s-5"], "public" => [true, true, false, false, false])
            .unwrap();
        s.results.insert("t_subnets".into(), df);
        s
    }

    fn text(ev: &[Event]) -> String {
        ev.iter()
            .map(|e| match e {
                Event::Stream { text, .. } => text.clone(),
                Event::Display { data, .. } => data.get("text/plain").and_then(Value::as_str).unwrap_or("").to_string(),
                Event::Live { .. } => String::new(),
            })
            .collect()
    }

    #[test]
    fn sql_asserts_pass_with_a_check_mark() {
        let mut s = session();
        let (ev, out) = s.run_cell("assert sql \"SELECT count(*) FROM t_subnets WHERE public = false\" = 3");
        assert_eq!(out, Outcome::Ok);
        assert!(text(&ev).starts_with("✓"), "{}", text(&ev));
        for cell in [
            "assert sql SELECT count(*) FROM t_subnets >= 5",
            "assert sql SELECT count(*) FROM t_subnets != 4",
            "assert sql \"SELECT subnet_id FROM t_subnets WHERE subnet_id = 's-2'\" = s-2",
        ] {
            assert_eq!(s.run_cell(cell).1, Outcome::Ok, "{}", cell);
        }
    }

    #[test]
    fn failing_sql_assert_says_expected_and_found() {
        let mut s = session();
        let before = s.results.len();
        match s.run_cell("assert sql \"SELECT count(*) FROM t_subnets\" = 4").1 {
            Outcome::Error { ename, evalue, traceback } => {
                assert_eq!(ename, "AssertionError");
                assert!(evalue.contains("= 4") && evalue.contains("found 5"), "{}", evalue);
                assert!(traceback.iter().any(|l| l.starts_with("hint:")), "{:?}", traceback);
            }
            Outcome::Ok => panic!("5 is not 4"),
        }
        match s.run_cell("assert sql SELECT * FROM t_subnets = 1").1 {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "AssertionError");
                assert!(evalue.contains("5 rows × 2 columns"), "{}", evalue);
            }
            Outcome::Ok => panic!("not a single value"),
        }
        // A failing assert leaves kept tables as they were (and `_` is not replaced).
        assert_eq!(s.results.len(), before);
    }

    #[test]
    fn asserts_refuse_write_commands_and_bad_forms() {
        let mut s = session();
        let code = |o: Outcome| match o {
            Outcome::Error { ename, .. } => ename,
            Outcome::Ok => "Ok".into(),
        };
        assert_eq!(code(s.run_cell("assert region eu-west-1").1), "UsageError");
        assert_eq!(s.region, "us-east-1");
        assert_eq!(code(s.run_cell("assert sql SELECT 1").1), "UsageError");
        assert_eq!(code(s.run_cell("assert").1), "MissingParameter");
        assert_eq!(code(s.run_cell("assert sql SELECT nope FROM t_subnets = 1").1), "SqlError");
        assert_eq!(code(s.run_cell("assert cost vpc shop").1), "MissingParameter");
    }

    #[test]
    fn reach_and_cost_results_are_read_from_their_json() {
        let blocked = serde_json::json!({
            "reachable": false, "hops": [],
            "blocked_by": {"check": "security_group", "id": "sg-0abc"}, "explanation_code": "SG_INGRESS_NO_RULE"
        });
        let b = blocker(&blocked).unwrap();
        assert!(b.contains("sg-0abc") && b.contains("SG_INGRESS_NO_RULE"), "{}", b);
        assert_eq!(cost_total(&serde_json::json!({"total_monthly_usd": 123.5}), Some("us-east-1")), Some(123.5));
        // `cost vpc` also lists NAT options with a total per region: the VPC's total wins.
        let v = serde_json::json!({
            "nat_options": [{"region": "ap-northeast-2", "total_usd": 49.97}],
            "regions": [{"region": "ap-northeast-2", "total_monthly_usd": 302.86}],
        });
        assert_eq!(cost_total(&v, Some("ap-northeast-2")), Some(302.86));
        let per_region = serde_json::json!({"regions": [
            {"region": "us-east-1", "total_monthly_usd": 100.0},
            {"region": "ap-northeast-2", "total_monthly_usd": 130.0, "total_hourly_usd": 0.17}
        ]});
        assert_eq!(cost_total(&per_region, Some("ap-northeast-2")), Some(130.0));
        assert_eq!(cost_total(&per_region, Some("eu-west-1")), None);
        assert!(compare(&serde_json::json!(4), "=", "4.0"));
        assert!(compare(&serde_json::json!("a"), "<", "b"));
        assert!(!compare(&serde_json::json!(null), "=", "1"));
    }

    #[test]
    fn reach_and_cost_asserts_on_a_real_vpc() {
        let mut s = Lab::default();
        let setup = "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1\n\
            create-security-group --group-name web --description web --vpc-id shop-vpc\n\
            authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 0.0.0.0/0\n\
            create-security-group --group-name db --description db --vpc-id shop-vpc\n\
            authorize-security-group-ingress --group-id db --protocol tcp --port 5432 --source-group web\n\
            run-instances --instance-type t3.micro --subnet-id shop-subnet-public1-us-east-1a --security-group-ids web --associate-public-ip-address --name web1\n\
            run-instances --instance-type t3.micro --subnet-id shop-subnet-private1-us-east-1a --security-group-ids db --name db1";
        let (ev, out) = s.run_cell(setup);
        assert_eq!(out, Outcome::Ok, "{}", text(&ev));
        let journal = s.journal.len();
        for ok in [
            "assert reach internet web1 --protocol tcp --port 443",
            "assert reach web1 db1 --protocol tcp --port 5432",
            "assert not reach internet db1 --port 5432",
            "assert cost vpc shop-vpc --below 100000",
            "assert cost vpc shop-vpc --region ap-northeast-2 --above 1",
        ] {
            let (ev, out) = s.run_cell(ok);
            assert_eq!(out, Outcome::Ok, "{}: {}", ok, text(&ev));
            assert!(text(&ev).starts_with("✓"), "{}", text(&ev));
        }
        match s.run_cell("assert reach internet db1 --port 5432").1 {
            Outcome::Error { ename, evalue, traceback } => {
                assert_eq!(ename, "AssertionError");
                assert!(evalue.contains("expected") && evalue.contains("found blocked"), "{}", evalue);
                assert!(traceback.iter().any(|l| l.contains("blocked by")), "{:?}", traceback);
            }
            Outcome::Ok => panic!("db1 is private"),
        }
        match s.run_cell("assert cost vpc shop-vpc --below 1").1 {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "AssertionError");
                assert!(evalue.contains("below $1.00") && evalue.contains("found $"), "{}", evalue);
            }
            Outcome::Ok => panic!("a NAT gateway costs more than $1"),
        }
        // Asserts are never journaled and change nothing.
        assert_eq!(s.journal.len(), journal);
    }

    #[test]
    fn assert_fails_passes_only_on_that_code_and_changes_nothing() {
        let mut s = Lab::default();
        assert_eq!(s.run_cell("create-vpc --cidr-block 10.0.0.0/16").1, Outcome::Ok);
        let journal = s.journal.len();
        for ok in [
            "assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.0.0.0/15",
            "assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.0.0.0/29",
            "assert fails InvalidVpcID.NotFound -- describe-vpcs --vpc-ids vpc-0nope",
        ] {
            let (ev, out) = s.run_cell(ok);
            assert_eq!(out, Outcome::Ok, "{}: {}", ok, text(&ev));
            assert!(text(&ev).starts_with("✓") && text(&ev).contains("is refused"), "{}", text(&ev));
        }
        // A command that succeeds fails the check, and leaves no VPC behind.
        let vpcs = s.network.vpcs.len();
        match s.run_cell("assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.1.0.0/16").1 {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "AssertionError");
                assert!(evalue.contains("but it succeeded"), "{}", evalue);
            }
            Outcome::Ok => panic!("a /16 is accepted"),
        }
        assert_eq!(s.network.vpcs.len(), vpcs);
        // Another code is a failed check that names what was found.
        match s.run_cell("assert fails VpcLimitExceeded -- create-vpc --cidr-block 10.0.0.0/15").1 {
            Outcome::Error { ename, evalue, .. } => {
                assert_eq!(ename, "AssertionError");
                assert!(evalue.contains("found InvalidVpc.Range"), "{}", evalue);
            }
            Outcome::Ok => panic!("wrong code"),
        }
        for bad in [
            "assert fails",
            "assert fails X create-vpc",
            "assert fails X --",
            "assert fails X -- assert fails Y -- reset",
            "assert fails X -- reset",
        ] {
            assert!(matches!(s.run_cell(bad).1, Outcome::Error { .. }), "{}", bad);
        }
        assert_eq!(s.journal.len(), journal);
    }
}
