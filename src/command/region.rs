//! `--region` for every service: one check, one default. A line's `--region` is checked
//! when it is parsed (so rds, elbv2, autoscaling and ec2 refuse an unknown region alike),
//! and commands ask this module for the region they work in.

use super::{closest, Args, CommandError};
use crate::lab::Lab;
use crate::model::codes;
use crate::model::regions::{self, Region};

/// The region with this code, or the error naming the closest one.
pub(crate) fn known(code: &str) -> Result<&'static Region, CommandError> {
    regions::find(code).ok_or_else(|| unknown(code))
}

/// The error for a region code the data does not have, suggesting the closest.
pub(crate) fn unknown(code: &str) -> CommandError {
    let e = CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown region '{}'", code));
    match closest(code, regions::all().iter().map(|r| r.code.as_str())) {
        Some(c) => e.with_hint(format!("did you mean `{}`? (`regions` lists them)", c)),
        None => e.with_hint("`regions` lists them"),
    }
}

/// A checked region code.
pub(crate) fn code(code: &str) -> Result<String, CommandError> {
    known(code).map(|r| r.code.clone())
}

/// The region a command works in: `--region`, else the lab's; checked.
pub(crate) fn of(lab: &Lab, a: &Args) -> Result<String, CommandError> {
    code(a.get("region").unwrap_or(&lab.region))
}

/// `--regions a,b` (else `--region`, else the lab's region); each checked, in order,
/// without repeats.
pub(crate) fn list(lab: &Lab, a: &Args) -> Result<Vec<String>, CommandError> {
    let mut given = a.list("regions");
    if given.is_empty() {
        given.push(a.get("region").unwrap_or(&lab.region).to_string());
    }
    let mut out: Vec<String> = Vec::new();
    for r in given {
        let r = code(&r)?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}
