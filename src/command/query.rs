//! `--query`: the AWS CLI's JMESPath filter over a command's JSON result
//! (`describe-instances --query 'Reservations[].Instances[].InstanceId'`).
//! The expression is compiled before the command runs, so a bad one changes nothing.

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

impl Query {
    pub fn compile(text: &str) -> Result<Query, CommandError> {
        // A third-party parser fed whatever a user types: a panic in it is an error here.
        let compiled = catch_unwind(AssertUnwindSafe(|| jmespath::compile(text)))
            .map_err(|_| CommandError::new("ParamValidation", format!("Bad value for --query {}: the expression could not be parsed", text)))?;
        compiled.map(|expr| Query { expr }).map_err(|e| {
            CommandError::new("ParamValidation", format!("Bad value for --query {}: {}", text, first_line(&e.to_string())))
                .with_hint("--query takes a JMESPath expression, e.g. 'Vpcs[].VpcId' or 'Subnets[?MapPublicIpOnLaunch].CidrBlock'")
        })
    }

    /// The expression applied to a result, as JSON.
    pub fn apply(&self, v: &Value) -> Result<Value, CommandError> {
        let found = catch_unwind(AssertUnwindSafe(|| self.expr.search(v)))
            .map_err(|_| CommandError::new("ParamValidation", format!("--query {}: the expression could not be applied", self.expr.as_str())))?
            .map_err(|e| CommandError::new("ParamValidation", format!("--query {}: {}", self.expr.as_str(), first_line(&e.to_string()))))?;
        serde_json::to_value(&*found).map_err(|e| CommandError::new("InternalError", format!("--query result is not JSON: {}", e)))
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
        Value::Array(a) if a.iter().any(|x| x.is_array() || x.is_object()) => a.iter().map(scalar).collect::<Vec<_>>().join("\n"),
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
    fn a_bad_expression_is_a_clear_error() {
        let e = Query::compile("Vpcs[").expect_err("must not compile");
        assert_eq!(e.code, "ParamValidation");
        assert!(e.message.starts_with("Bad value for --query Vpcs["), "{}", e.message);
    }
}
