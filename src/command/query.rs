//! `--query`: the AWS CLI's JMESPath filter over a command's JSON result
//! (`describe-instances --query 'Reservations[].Instances[].InstanceId'`).
//! The expression is compiled before the command runs, so a bad one changes nothing.

use crate::kernel::ename;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;

use super::CommandError;

/// A compiled `--query` expression.
pub struct Query {
    expr: jmespath::Expression<'static>,
}

impl std::fmt::Debug for Query {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Query").field(&self.expr.as_str()).finish()
    }
}

/// Longest `--query` accepted, in bytes. The AWS CLI's own examples are under 200.
pub const MAX_QUERY_LEN: usize = 4_096;
/// Most brackets, operators and projections a `--query` may hold: the jmespath crate's
/// parser and interpreter recurse once per level, and 400 nested `(` overflowed the
/// kernel's stack (issue 19). Real queries use a handful.
pub const MAX_QUERY_NESTING: usize = 64;

/// How deeply an expression may nest, counted without parsing it: every bracket or
/// brace opened, every `!`, `|`, `||`, `&&`, `.` and `&` outside quoted literals (each is
/// one more level for a recursive-descent parser in the worst case).
fn nesting(text: &str) -> usize {
    let (mut n, mut quote) = (0usize, None::<char>);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' | '!' | '|' | '&' | '.' => n += 1,
                _ => {}
            },
        }
    }
    n
}

impl Query {
    pub fn compile(text: &str) -> Result<Query, CommandError> {
        let limit = |what: String| {
            CommandError::new("ParamValidation", format!("Bad value for --query: {what}"))
                .with_hint("--query takes a JMESPath expression, e.g. 'Vpcs[].VpcId'")
        };
        if text.len() > MAX_QUERY_LEN {
            return Err(limit(format!("it is {} bytes long; the limit is {MAX_QUERY_LEN} bytes", text.len())));
        }
        let depth = nesting(text);
        if depth > MAX_QUERY_NESTING {
            return Err(limit(format!(
                "it nests {depth} brackets, operators and projections; the limit is {MAX_QUERY_NESTING}"
            )));
        }
        // A third-party parser fed whatever a user types: a panic in it is an error here.
        let compiled = catch_unwind(AssertUnwindSafe(|| jmespath::compile(text))).map_err(|_| {
            CommandError::new(
                "ParamValidation",
                format!("Bad value for --query {}: the expression could not be parsed", text),
            )
        })?;
        compiled.map(|expr| Query { expr }).map_err(|e| {
            CommandError::new(
                "ParamValidation",
                format!("Bad value for --query {}: {}", text, first_line(&e.to_string())),
            )
            .with_hint(
                "--query takes a JMESPath expression, e.g. 'Vpcs[].VpcId' or 'Subnets[?MapPublicIpOnLaunch].CidrBlock'",
            )
        })
    }

    /// The expression applied to a result, as JSON.
    pub fn apply(&self, v: &Value) -> Result<Value, CommandError> {
        let found = catch_unwind(AssertUnwindSafe(|| self.expr.search(v)))
            .map_err(|_| {
                CommandError::new(
                    "ParamValidation",
                    format!("--query {}: the expression could not be applied", self.expr.as_str()),
                )
            })?
            .map_err(|e| {
                CommandError::new(
                    "ParamValidation",
                    format!("--query {}: {}", self.expr.as_str(), first_line(&e.to_string())),
                )
            })?;
        serde_json::to_value(&*found)
            .map_err(|e| CommandError::new(ename::INTERNAL_ERROR, format!("--query result is not JSON: {}", e)))
    }
}

/// The AWS CLI's `--output text` form of a value: scalars tab-separated on a line, one
/// line per element of an outer list.
pub fn to_text(v: &Value) -> String {
    fn scalar(v: &Value) -> String {
        match v {
            Value::Null => "None".into(),
            Value::String(s) => s.clone(),
            Value::Array(a) => a.iter().map(scalar).collect::<Vec<_>>().join("\t"),
            Value::Object(m) => m.values().map(scalar).collect::<Vec<_>>().join("\t"),
            other => other.to_string(),
        }
    }
    match v {
        Value::Array(a) if a.iter().any(|x| x.is_array() || x.is_object()) => {
            a.iter().map(scalar).collect::<Vec<_>>().join("\n")
        }
        other => scalar(other),
    }
}

fn first_line(s: &str) -> String {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_like_the_aws_cli() {
        let v = json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}]});
        let q = Query::compile("Vpcs[].VpcId").expect("compiles");
        assert_eq!(q.apply(&v).expect("applies"), json!(["vpc-1", "vpc-2"]));
        let q = Query::compile("Vpcs[?CidrBlock=='10.1.0.0/16'] | [0].VpcId").expect("compiles");
        assert_eq!(q.apply(&v).expect("applies"), json!("vpc-2"));
        assert_eq!(to_text(&json!(["a", "b"])), "a\tb");
        assert_eq!(to_text(&json!([["a", 1], ["b", null]])), "a\t1\nb\tNone");
    }

    #[test]
    fn deep_or_long_expressions_are_refused_before_parsing() {
        // 400 nested parentheses overflowed the stack inside the jmespath parser.
        let deep = format!("{}@{}", "(".repeat(400), ")".repeat(400));
        let e = Query::compile(&deep).expect_err("too deep");
        assert!(e.message.contains("the limit is 64"), "{}", e.message);
        for deep in [
            "!".repeat(100_000) + "a",
            "a".to_string() + &".a".repeat(10_000),
            "a[]".repeat(5_000),
            "[".repeat(100_000),
        ] {
            let e = Query::compile(&deep).expect_err("too deep or long");
            assert!(e.message.contains("limit"), "{}", e.message);
        }
        let e = Query::compile(&"a".repeat(5_000)).expect_err("too long");
        assert!(e.message.contains("4096 bytes"), "{}", e.message);
        // Dots inside literals do not count; the deepest allowed expression still runs.
        let q = Query::compile("Vpcs[?CidrBlock=='10.1.0.0/16' && Tags[0].Value=='a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h'].VpcId");
        assert!(q.is_ok(), "{:?}", q.err());
        let at_limit = format!("{}@{}", "(".repeat(64), ")".repeat(64));
        let q = Query::compile(&at_limit).expect("64 levels compile");
        assert_eq!(q.apply(&json!(1)).expect("applies"), json!(1));
        let chain = format!("a{}", ".a".repeat(64));
        Query::compile(&chain).expect("64 levels compile").apply(&json!({})).expect("applies");
        let bangs = format!("{}a", "!".repeat(64));
        Query::compile(&bangs).expect("64 levels compile").apply(&json!({})).expect("applies");
        let proj = format!("a[]{}", ".a[]".repeat(31));
        Query::compile(&proj).expect("32 projections compile").apply(&json!({"a": [[1]]})).expect("applies");
    }

    #[test]
    fn a_bad_expression_is_a_clear_error() {
        let e = Query::compile("Vpcs[").expect_err("must not compile");
        assert_eq!(e.code, "ParamValidation");
        assert!(e.message.starts_with("Bad value for --query Vpcs["), "{}", e.message);
    }
}
