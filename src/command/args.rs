//! A command's arguments: `--flag value`, `--flag=value`, boolean `--flag`, list flags
//! that take several values (`--instance-ids i-1 i-2`), and positional words.

use crate::model::codes;
use std::str::FromStr;

use super::{closest, CommandError, CommandSpec};

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    /// Without the leading dashes: `cidr-block`.
    pub name: &'static str,
    /// False for a switch such as `--multi-az`.
    pub takes_value: bool,
    /// True when it takes every following word up to the next `--flag` (AWS list params).
    pub many: bool,
    pub help: &'static str,
    /// Known values, offered by completion (`allow`, `deny`); empty when open.
    pub values: &'static [&'static str],
}

impl Flag {
    /// A flag that takes one value.
    pub const fn value(name: &'static str, help: &'static str) -> Flag {
        Flag { name, takes_value: true, many: false, help, values: &[] }
    }
    /// A flag that takes one of a few known values.
    pub const fn choice(name: &'static str, help: &'static str, values: &'static [&'static str]) -> Flag {
        Flag { name, takes_value: true, many: false, help, values }
    }
    /// A flag that takes one or more values (space- or comma-separated).
    pub const fn many(name: &'static str, help: &'static str) -> Flag {
        Flag { name, takes_value: true, many: true, help, values: &[] }
    }
    /// A switch: present or not (`--no-NAME` is accepted as its negation).
    pub const fn switch(name: &'static str, help: &'static str) -> Flag {
        Flag { name, takes_value: false, many: false, help, values: &[] }
    }
}

/// Flags every command accepts, as the AWS CLI does.
pub const GLOBAL_FLAGS: &[Flag] = &[
    Flag::choice("output", "json prints the result as JSON (AWS CLI shape for describe-*)", &["json", "table", "text"]),
    Flag::value("region", "the region (defaults to the lab's `region`)"),
    Flag::value("profile", "accepted and ignored (no account is used)"),
    Flag::switch("no-cli-pager", "accepted and ignored"),
    Flag::switch("wide", "describe tables: every column (by default the ones a lesson needs)"),
    Flag::value("query", "a JMESPath expression over the JSON result, as in the AWS CLI ('Vpcs[].VpcId')"),
    Flag::switch("help", "shows this command's help instead of running it"),
];

/// Parsed arguments of one command line.
#[derive(Clone, Debug, Default)]
pub struct Args {
    positional: Vec<String>,
    flags: Vec<(String, Vec<String>)>,
}

impl Args {
    /// Parses `words` against the spec's flags (plus the global ones).
    pub fn parse(spec: &CommandSpec, words: &[String]) -> Result<Args, CommandError> {
        let mut args = Args::default();
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            i += 1;
            // `--` ends the flags: what follows is one more command's words (`assert fails`).
            if w == "--" {
                args.positional.extend(words[i - 1..].iter().cloned());
                break;
            }
            let Some(body) = w.strip_prefix("--").filter(|b| !b.is_empty()) else {
                args.positional.push(w.clone());
                continue;
            };
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let negated = name.strip_prefix("no-");
            let flag = spec
                .flags
                .iter()
                .chain(GLOBAL_FLAGS)
                .find(|f| f.name == name)
                .or_else(|| negated.and_then(|n| spec.flags.iter().find(|f| f.name == n && !f.takes_value)));
            let Some(flag) = flag else {
                let mut msg = format!("`{}` has no flag --{}", spec.name, name);
                let names = spec.flags.iter().chain(GLOBAL_FLAGS).map(|f| f.name);
                if let Some(c) = closest(name, names) {
                    msg.push_str(&format!(" — did you mean --{}?", c));
                }
                return Err(CommandError::usage(spec, msg));
            };
            if !flag.takes_value {
                if inline.is_some() {
                    return Err(CommandError::usage(spec, format!("--{} is a switch and takes no value", flag.name)));
                }
                let v = if flag.name == name { "true" } else { "false" };
                args.flags.push((flag.name.to_string(), vec![v.to_string()]));
                continue;
            }
            let mut values = Vec::new();
            if let Some(v) = inline {
                values.push(v);
            } else if flag.many {
                while i < words.len() && !is_flag(&words[i]) {
                    values.push(words[i].clone());
                    i += 1;
                }
            } else if i < words.len() && !is_flag(&words[i]) {
                values.push(words[i].clone());
                i += 1;
            }
            if values.is_empty() {
                return Err(CommandError::usage(spec, format!("--{} needs a value", flag.name)));
            }
            // `--region` is checked here, once, for every service.
            if flag.name == "region" {
                super::region::known(&values[0])?;
            }
            args.flags.push((flag.name.to_string(), values));
        }
        Ok(args)
    }

    /// Builds arguments directly (tests, and commands that call other commands).
    pub fn from_pairs(positional: &[&str], flags: &[(&str, &str)]) -> Args {
        Args {
            positional: positional.iter().map(|s| s.to_string()).collect(),
            flags: flags.iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect(),
        }
    }

    /// Words that are not flags or flag values, in order.
    pub fn positional(&self) -> &[String] {
        &self.positional
    }

    /// The positional words split on commas (`price m5.large,c5.large t3.micro`).
    pub fn positional_list(&self) -> Vec<String> {
        self.positional
            .iter()
            .flat_map(|w| w.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }

    /// The positional word at `i`.
    pub fn pos(&self, i: usize) -> Option<&str> {
        self.positional.get(i).map(String::as_str)
    }

    /// The positional word at `i`, or a usage error naming what is missing.
    pub fn required_pos(&self, i: usize, what: &str) -> Result<&str, CommandError> {
        self.pos(i).ok_or_else(|| CommandError::new(codes::MISSING_PARAMETER, format!("missing {}", what)))
    }

    /// True when the flag was given (a switch given as `--no-x` counts as given).
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    /// A switch: true when given as `--name`, false when absent or `--no-name`.
    pub fn switch(&self, name: &str) -> bool {
        self.get(name) == Some("true")
    }

    /// The flag's value (the last one if it was given twice).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.first()).map(String::as_str)
    }

    /// The flag's value, or the AWS CLI's missing-parameter error.
    pub fn required(&self, name: &str) -> Result<&str, CommandError> {
        self.get(name).ok_or_else(|| {
            CommandError::new(codes::MISSING_PARAMETER, format!("the request must contain the parameter --{}", name))
        })
    }

    /// Every value given for the flag, across repeats, split on commas: `--regions a,b c`.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.flags
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| v.iter())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }

    /// Every raw value given for the flag (not split on commas: `--filters Name=a,Values=b`).
    pub fn raw_values(&self, name: &str) -> Vec<&str> {
        self.flags.iter().filter(|(n, _)| n == name).flat_map(|(_, v)| v.iter()).map(String::as_str).collect()
    }

    /// The flag's value parsed as `T`, or an InvalidParameterValue error that quotes it.
    pub fn value<T: FromStr>(&self, name: &str) -> Result<Option<T>, CommandError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.parse::<T>().map(Some).map_err(|_| {
                CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("invalid value '{}' for --{}", v, name))
            }),
        }
    }

    /// The flag's value parsed as `T`, or `default` when absent.
    pub fn parse_or<T: FromStr>(&self, name: &str, default: T) -> Result<T, CommandError> {
        Ok(self.value(name)?.unwrap_or(default))
    }

    /// True when `--output json` was given.
    pub fn json(&self) -> bool {
        self.get("output") == Some("json")
    }
}

fn is_flag(w: &str) -> bool {
    w.len() > 2 && w.starts_with("--")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Reply, Run};

    const FLAGS: &[Flag] = &[
        Flag::value("cidr-block", "the CIDR"),
        Flag::many("instance-ids", "ids"),
        Flag::switch("multi-az", "standby"),
    ];
    static SPEC: CommandSpec = CommandSpec {
        name: "t",
        service: "lab",
        summary: "",
        usage: "",
        help: "",
        flags: FLAGS,
        run: Run::Read(|_, _, _| Ok(Reply::new())),
    };

    fn p(s: &str) -> Result<Args, CommandError> {
        let w: Vec<String> = s.split_whitespace().map(String::from).collect();
        Args::parse(&SPEC, &w)
    }

    #[test]
    fn values_lists_switches_and_positionals() {
        let a = p("x --cidr-block 10.0.0.0/16 --instance-ids i-1 i-2,i-3 --multi-az --output=json").expect("parses");
        assert_eq!(a.pos(0), Some("x"));
        assert_eq!(a.get("cidr-block"), Some("10.0.0.0/16"));
        assert_eq!(a.list("instance-ids"), vec!["i-1", "i-2", "i-3"]);
        assert!(a.switch("multi-az"));
        assert!(a.json());
        assert!(!p("--no-multi-az").expect("parses").switch("multi-az"));
    }

    #[test]
    fn bad_flags_are_errors_with_suggestions() {
        let e = p("--cidr-blok 10.0.0.0/16").expect_err("unknown flag");
        assert!(e.message.contains("did you mean --cidr-block"), "{}", e.message);
        assert!(p("--cidr-block").is_err());
        assert!(p("--multi-az=yes").is_err());
    }

    #[test]
    fn double_dash_ends_the_flags() {
        let a = p("fails X -- create-vpc --cidr-block 10.0.0.0/15").expect("parses");
        assert_eq!(a.positional(), ["fails", "X", "--", "create-vpc", "--cidr-block", "10.0.0.0/15"]);
        assert_eq!(a.get("cidr-block"), None);
    }
}
