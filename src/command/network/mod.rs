//! ec2 networking and instance operations, and the network lab commands
//! (`vpc wizard`, `show`, `diagram`, `reach`, `subnet-calc`).

mod connect;
mod gateway;
mod instance;
pub(crate) mod json;
mod lab;
pub(crate) mod reach;
mod routing;
mod security;
mod subnet;
mod vpc;
mod vpn;
mod zones;

#[cfg(test)]
pub(crate) mod tests;

use super::{Args, CommandError, CommandSpec};
use crate::kernel::ename;
use crate::model::codes;

pub fn commands() -> Vec<CommandSpec> {
    let mut v = vpc::commands();
    v.extend(subnet::commands());
    v.extend(gateway::commands());
    v.extend(vpn::commands());
    v.extend(connect::commands());
    v.extend(routing::commands());
    v.extend(security::commands());
    v.extend(instance::commands());
    v.extend(reach::commands());
    v.extend(lab::commands());
    v.extend(zones::commands());
    v
}

pub(crate) use super::region::of as region;
pub(crate) use instance::now as instance_now;

/// The Name tag: `--name N`, or a `Key=Name` tag in `--tag-specifications` (shorthand
/// `ResourceType=vpc,Tags=[{Key=Name,Value=prod}]` or JSON).
pub(crate) fn name_tag(a: &Args) -> Option<String> {
    if let Some(n) = a.get("name") {
        return Some(n.to_string());
    }
    crate::command::shorthand::tag(a, "Name")
}

/// `--filters Name=vpc-id,Values=vpc-1,vpc-2 Name=tag:Name,Values=prod`.
pub(crate) struct Filters(Vec<(String, Vec<String>)>);

impl Filters {
    pub(crate) fn parse(a: &Args) -> Result<Filters, CommandError> {
        crate::command::shorthand::filters(a).map(Filters)
    }

    /// True when every filter matches one of the row's attributes; an unknown filter
    /// name is AWS's InvalidParameterValue.
    pub(crate) fn keep(&self, attrs: &[(&str, Vec<String>)]) -> Result<bool, CommandError> {
        for (name, values) in &self.0 {
            let Some((_, have)) = attrs.iter().find(|(n, _)| n == name) else {
                let known: Vec<&str> = attrs.iter().map(|(n, _)| *n).collect();
                return Err(CommandError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("The filter '{}' is invalid", name),
                )
                .with_hint(format!("filters here: {}", known.join(", "))));
            };
            if !values.iter().any(|v| have.iter().any(|h| crate::glob::matches(v, h))) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// A resource the model has just created and cannot find: a bug, not the user's.
pub(crate) fn missing(what: &str) -> CommandError {
    CommandError::new(ename::INTERNAL_ERROR, format!("the new {} is missing", what))
}

pub(crate) fn one(s: impl Into<String>) -> Vec<String> {
    vec![s.into()]
}

pub(crate) fn opt(s: &Option<String>) -> Vec<String> {
    s.iter().cloned().collect()
}
