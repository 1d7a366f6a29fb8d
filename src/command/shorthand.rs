//! The AWS CLI's shorthand syntax, read once for every service:
//! `Key=Value,Key2=Value2`, lists `Values=a,b,c` or `Key=[a,b]`, structures `Key={A=1,B=2}`,
//! lists of structures `Tags=[{Key=Name,Value=web}]`, and quoted values `'a,b'` / `"a b"`.
//! Every scalar is a string, as in the CLI; the caller converts (botocore does it from the
//! service model). Grammar: <https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-shorthand.html>.
//! `--filters`, `--tag-specifications` and friends also accept JSON; [`value`] takes both.

use crate::model::codes;
use serde_json::{Map, Value};

use super::{Args, CommandError};

/// Parse one shorthand argument (`Key=Value,…`) into a JSON object of strings.
pub(crate) fn parse(s: &str) -> Result<Value, String> {
    let mut p = Parser { s: s.as_bytes(), i: 0 };
    let m = p.structure(None)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(format!("unexpected '{}' at position {}", p.s[p.i] as char, p.i + 1));
    }
    Ok(Value::Object(m))
}

/// One argument that is JSON (starts with `[` or `{`) or shorthand, as a list of objects
/// (a single object becomes a one-element list). `flag` names the argument in the error.
pub(crate) fn value(flag: &str, raw: &str) -> Result<Vec<Value>, CommandError> {
    let t = raw.trim_start();
    let v = if t.starts_with('[') || t.starts_with('{') {
        serde_json::from_str::<Value>(raw).map_err(|e| invalid(flag, raw, &format!("not valid JSON: {e}")))?
    } else {
        parse(raw).map_err(|e| invalid(flag, raw, &e))?
    };
    Ok(match v {
        Value::Array(v) => v,
        v => vec![v],
    })
}

/// Every value given for the flag, each JSON or shorthand, as one list of objects.
pub(crate) fn values(a: &Args, flag: &str) -> Result<Vec<Value>, CommandError> {
    let mut out = Vec::new();
    for raw in a.raw_values(flag) {
        out.extend(value(flag, raw)?);
    }
    Ok(out)
}

/// A key's scalar value as a string (a list of scalars joins with commas, as typed).
pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(items.iter().map(scalar).collect::<Vec<_>>().join(",")),
        Value::Object(_) => None,
        x => Some(scalar(x)),
    }
}

/// A key's value as a list of strings (a scalar is a one-element list).
pub(crate) fn list(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(scalar).collect(),
        Some(x) => vec![scalar(x)],
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        x => x.to_string(),
    }
}

fn invalid(flag: &str, raw: &str, why: &str) -> CommandError {
    CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("cannot read --{flag} '{raw}': {why}"))
}

/// `--filters Name=vpc-id,Values=vpc-1,vpc-2 Name=tag:Name,Values=prod` (or the JSON
/// `[{"Name":…,"Values":[…]}]`) as (name, values); values are EC2 wildcards for the caller.
pub(crate) fn filters(a: &Args) -> Result<Vec<(String, Vec<String>)>, CommandError> {
    let mut out = Vec::new();
    for raw in a.raw_values("filters") {
        let bad = || {
            CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("filter '{raw}' is not in the form Name=NAME,Values=V1,V2"),
            )
        };
        for f in value("filters", raw).map_err(|_| bad())? {
            let name = text(&f, "Name").map(|n| n.trim().to_string()).unwrap_or_default();
            let values: Vec<String> =
                list(&f, "Values").into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            if name.is_empty() || values.is_empty() {
                return Err(bad());
            }
            out.push((name, values));
        }
    }
    Ok(out)
}

/// The `Value` of the tag `key` in `--tag-specifications ResourceType=vpc,Tags=[{Key=Name,Value=prod}]`
/// (or JSON). Unreadable specifications carry no tag.
pub(crate) fn tag(a: &Args, key: &str) -> Option<String> {
    let raw = a.raw_values("tag-specifications");
    let joined = raw.join(" ");
    // JSON split into several words by the shell joins back into one document.
    let specs = match value("tag-specifications", &joined) {
        Ok(v) => v,
        Err(_) => raw.iter().filter_map(|r| value("tag-specifications", r).ok()).flatten().collect(),
    };
    specs
        .iter()
        .filter_map(|s| s.get("Tags").and_then(Value::as_array))
        .flatten()
        .find(|t| text(t, "Key").as_deref() == Some(key))
        .and_then(|t| text(t, "Value"))
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// `Key=Value,…` up to `close` (`}`) or the end.
    fn structure(&mut self, close: Option<u8>) -> Result<Map<String, Value>, String> {
        let mut m = Map::new();
        loop {
            self.ws();
            match self.peek() {
                None if close.is_none() => return Ok(m),
                None => return Err(format!("missing '{}'", close.unwrap_or(b'}') as char)),
                Some(c) if Some(c) == close => {
                    self.i += 1;
                    return Ok(m);
                }
                _ => {}
            }
            let start = self.i;
            while self.i < self.s.len() && !matches!(self.s[self.i], b'=' | b',' | b'{' | b'}' | b'[' | b']') {
                self.i += 1;
            }
            let key = std::str::from_utf8(&self.s[start..self.i]).map_err(|e| e.to_string())?.trim().to_string();
            if self.peek() != Some(b'=') || key.is_empty() {
                return Err(format!("expected Key=Value at position {}", start + 1));
            }
            self.i += 1;
            let v = self.value(close)?;
            m.insert(key, v);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                None => {}
                Some(c) if Some(c) == close => {}
                Some(c) => return Err(format!("unexpected '{}' at position {}", c as char, self.i + 1)),
            }
        }
    }

    /// After `Key=`: `{…}`, `[…]`, or one or more scalars `a,b,c` (a comma followed by
    /// `Key2=` starts the next key instead).
    fn value(&mut self, close: Option<u8>) -> Result<Value, String> {
        self.ws();
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                return Ok(Value::Object(self.structure(Some(b'}'))?));
            }
            Some(b'[') => {
                self.i += 1;
                return self.list();
            }
            _ => {}
        }
        let mut items = vec![self.scalar(close)?];
        while self.peek() == Some(b',') && !self.key_follows(self.i + 1) {
            self.i += 1;
            items.push(self.scalar(close)?);
        }
        Ok(if items.len() == 1 {
            Value::String(items.remove(0))
        } else {
            Value::Array(items.into_iter().map(Value::String).collect())
        })
    }

    /// `[a,b]`, `[{…},{…}]` after the `[`.
    fn list(&mut self) -> Result<Value, String> {
        let mut items = Vec::new();
        loop {
            self.ws();
            match self.peek() {
                None => return Err("missing ']'".into()),
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                Some(b'{') => {
                    self.i += 1;
                    items.push(Value::Object(self.structure(Some(b'}'))?));
                }
                Some(b'[') => {
                    self.i += 1;
                    items.push(self.list()?);
                }
                _ => items.push(Value::String(self.scalar(Some(b']'))?)),
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {}
                None => return Err("missing ']'".into()),
                Some(c) => return Err(format!("unexpected '{}' at position {}", c as char, self.i + 1)),
            }
        }
    }

    /// A quoted string, or bare text up to `,` or the closing bracket (trimmed).
    fn scalar(&mut self, close: Option<u8>) -> Result<String, String> {
        self.ws();
        if let Some(q @ (b'"' | b'\'')) = self.peek() {
            let start = self.i + 1;
            let end =
                self.s[start..].iter().position(|&c| c == q).ok_or_else(|| format!("unclosed {} quote", q as char))?
                    + start;
            self.i = end + 1;
            self.ws();
            return String::from_utf8(self.s[start..end].to_vec()).map_err(|e| e.to_string());
        }
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i] != b',' && Some(self.s[self.i]) != close {
            self.i += 1;
        }
        Ok(String::from_utf8_lossy(&self.s[start..self.i]).trim().to_string())
    }

    /// True when the text at `i` reads `Key=` (a new key, not another list item).
    fn key_follows(&self, i: usize) -> bool {
        let rest = &self.s[i.min(self.s.len())..];
        match rest.iter().position(|c| matches!(c, b'=' | b',' | b'{' | b'}' | b'[' | b']' | b'"' | b'\'')) {
            Some(p) => rest[p] == b'=' && !rest[..p].iter().all(u8::is_ascii_whitespace),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_lists_and_structures() {
        assert_eq!(
            parse("Name=vpc-id,Values=vpc-1,vpc-2").unwrap(),
            json!({"Name": "vpc-id", "Values": ["vpc-1", "vpc-2"]})
        );
        assert_eq!(parse("Name=tag:Name,Values=prod").unwrap(), json!({"Name": "tag:Name", "Values": "prod"}));
        assert_eq!(parse("Key=[a,b],Other=c").unwrap(), json!({"Key": ["a", "b"], "Other": "c"}));
        assert_eq!(
            parse("ResourceType=vpc,Tags=[{Key=Name,Value=prod},{Key=team,Value=net}]").unwrap(),
            json!({"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "prod"}, {"Key": "team", "Value": "net"}]})
        );
        assert_eq!(
            parse("DeviceName=/dev/sdf,Ebs={VolumeSize=100,DeleteOnTermination=false}").unwrap(),
            json!({"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": "100", "DeleteOnTermination": "false"}})
        );
        assert_eq!(
            parse("IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0,Description=ssh}]").unwrap(),
            json!({"IpProtocol": "tcp", "FromPort": "22", "ToPort": "22", "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "ssh"}]})
        );
        assert_eq!(parse("NoDevice=,DeviceName=/dev/sdb").unwrap(), json!({"NoDevice": "", "DeviceName": "/dev/sdb"}));
        assert_eq!(parse("").unwrap(), json!({}));
    }

    #[test]
    fn quotes_keep_commas_and_spaces() {
        assert_eq!(parse("Key=Name,Value='a, b'").unwrap(), json!({"Key": "Name", "Value": "a, b"}));
        assert_eq!(
            parse(r#"Tags=[{Key=Name,Value="web tier"}]"#).unwrap(),
            json!({"Tags": [{"Key": "Name", "Value": "web tier"}]})
        );
        assert_eq!(parse("Values=\"x=y\",z").unwrap(), json!({"Values": ["x=y", "z"]}));
        assert_eq!(parse(" A = 1 , B = two words ").unwrap(), json!({"A": "1", "B": "two words"}));
    }

    #[test]
    fn malformed_input_is_an_error() {
        for bad in ["novalue", "A={B=1", "A=[1,2", "A='x", "=1", "A={B}", "A=[{B=1]"] {
            assert!(parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn json_or_shorthand_and_the_filters() {
        assert_eq!(
            value("x", r#"[{"Name":"a","Values":["b"]}]"#).unwrap(),
            vec![json!({"Name": "a", "Values": ["b"]})]
        );
        assert_eq!(value("x", "Name=a,Values=b").unwrap(), vec![json!({"Name": "a", "Values": "b"})]);
        assert!(value("x", "[oops").is_err());
        let a = Args::from_pairs(&[], &[("filters", "Name=instance-type,Values=m5.large,c5.*")]);
        assert_eq!(
            filters(&a).unwrap(),
            vec![("instance-type".to_string(), vec!["m5.large".to_string(), "c5.*".to_string()])]
        );
        let a = Args::from_pairs(&[], &[("filters", r#"{"Name":"vpc-id","Values":["vpc-1"]}"#)]);
        assert_eq!(filters(&a).unwrap(), vec![("vpc-id".to_string(), vec!["vpc-1".to_string()])]);
        for bad in ["Name=x", "Values=a", "Name=,Values=a", "Name=x,Values=", "colour"] {
            let a = Args::from_pairs(&[], &[("filters", bad)]);
            assert_eq!(filters(&a).unwrap_err().code, "InvalidParameterValue", "{bad}");
        }
    }

    #[test]
    fn tag_specifications() {
        let a = Args::from_pairs(
            &[],
            &[("tag-specifications", "ResourceType=vpc,Tags=[{Key=team,Value=x},{Key=Name,Value=prod}]")],
        );
        assert_eq!(tag(&a, "Name").as_deref(), Some("prod"));
        let a = Args::from_pairs(
            &[],
            &[("tag-specifications", r#"[{"ResourceType":"vpc","Tags":[{"Key":"Name","Value":"lab"}]}]"#)],
        );
        assert_eq!(tag(&a, "Name").as_deref(), Some("lab"));
        let a = Args::from_pairs(&[], &[("tag-specifications", "ResourceType=vpc,Tags=[{Key=team,Value=x}]")]);
        assert_eq!(tag(&a, "Name"), None);
    }
}
