//! `reach SRC DST [--protocol P] [--port N]`: may this traffic flow, and which rule or
//! route decides each check there and back.

use crate::model::codes;
use serde::Serialize;

use super::region;
use crate::command::shapes::to_value;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::reach::{Hop, ReachReport};
use crate::model::network::Protocol;

const FLAGS: &[Flag] = &[
    Flag::choice("protocol", "tcp (default), udp, icmp or -1 (all)", &["tcp", "udp", "icmp", "-1"]),
    Flag::value("port", "destination port (tcp/udp)"),
    Flag::value("source-port", "the client's source port (default: its whole ephemeral range)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "reach",
        service: "lab",
        summary: "may SRC open a connection to DST? Every check there and back, with the deciding rule",
        usage: "reach SRC DST [--protocol tcp|udp|icmp|-1] [--port N] [--source-port N]",
        help: "SRC and DST are instances (ID or Name), IP addresses, `internet`, `s3` or `dynamodb` (destinations only).\n\
               Checks, in order: security group outbound, NACL outbound, route table (longest prefix match), the \
               gateway (IGW, NAT gateway, peering, transit gateway, gateway endpoint), NACL inbound, security group \
               inbound; then the reply: security groups are stateful, NACLs are not, so the reply must cross them again \
               towards the client's ephemeral ports (Linux 32768–60999; NAT gateway 1024–65535; internet clients \
               1024–65535 assumed). A NACL that admits only part of that range makes the verdict `unreliable`.\n\
               Explanation codes follow VPC Reachability Analyzer's spirit (ENI_SG_RULES_MISMATCH, \
               SUBNET_ACL_RESTRICTION, NO_ROUTE_TO_DESTINATION, …). The hop table is kept as `reach_hops`.\n\
               `--output json` → {\"reachable\", \"verdict\", \"hops\", \"blocked_by\", \"explanation_code\", \"explanation\"}.\n\
               Example: `reach web1 db1 --protocol tcp --port 5432`",
        flags: FLAGS,
        run: Run::Read(reach),
    }]
}

/// One line a reader can act on: verdict, path, and what blocked it
/// (`✗ not reachable: internet → w1 (tcp 22) — NO_PUBLIC_IP at …`).
impl std::fmt::Display for ReachReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match (self.protocol, self.port) {
            (Protocol::All, _) => "all traffic".to_string(),
            (p, Some(n)) => format!("{} {}", p.name(), n),
            (p, None) => p.name(),
        };
        let mark = match self.verdict {
            "reachable" => "✓ reachable",
            "unreliable" => "⚠ unreliable",
            _ => "✗ not reachable",
        };
        write!(f, "{}: {} → {} ({})", mark, self.source, self.destination, what)?;
        if let Some(b) = &self.blocked_by {
            write!(f, " — {} at {}: {}", self.explanation_code, b, self.explanation)?;
        }
        Ok(())
    }
}

pub(crate) use crate::tables::network::hops_df;

/// `reach --output json` (lab JSON: snake_case).
#[derive(Serialize)]
struct ReportJson<'a> {
    source: &'a str,
    destination: &'a str,
    protocol: String,
    port: Option<u16>,
    reachable: bool,
    verdict: &'a str,
    hops: Vec<HopJson<'a>>,
    blocked_by: &'a Option<String>,
    explanation_code: &'a str,
    explanation: &'a str,
}

#[derive(Serialize)]
struct HopJson<'a> {
    step: u32,
    leg: &'a str,
    check: &'a str,
    component: &'a str,
    decision: &'a str,
    rule: &'a str,
    detail: &'a str,
}

impl<'a> HopJson<'a> {
    fn of(h: &'a Hop) -> Self {
        HopJson {
            step: h.step,
            leg: h.leg,
            check: &h.check,
            component: &h.component,
            decision: h.decision,
            rule: &h.rule,
            detail: &h.detail,
        }
    }
}

pub(crate) fn report_json(rep: &ReachReport) -> serde_json::Value {
    to_value(&ReportJson {
        source: &rep.source,
        destination: &rep.destination,
        protocol: rep.protocol.name(),
        port: rep.port,
        reachable: rep.reachable,
        verdict: rep.verdict,
        hops: rep.hops.iter().map(HopJson::of).collect(),
        blocked_by: &rep.blocked_by,
        explanation_code: &rep.explanation_code,
        explanation: &rep.explanation,
    })
}

/// Runs the analysis from command arguments (shared with `assert reach` callers).
pub fn analyze(lab: &Lab, a: &Args) -> Result<ReachReport, CommandError> {
    let src = a.required_pos(0, "the source (instance, IP or `internet`)")?;
    let dst = a.required_pos(1, "the destination (instance, IP, `internet`, `s3` or `dynamodb`)")?;
    let p = a.get("protocol").unwrap_or("tcp");
    let protocol = Protocol::parse(p)
        .ok_or_else(|| CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("unknown protocol '{}'", p)))?;
    let port: Option<u16> = a.value("port")?;
    let source_port: Option<u16> = a.value("source-port")?;
    Ok(lab.network.reach_from_port(&region(lab, a)?, src, dst, protocol, port, source_port)?)
}

fn reach(lab: &Lab, a: &Args, ctx: &Ctx) -> Result<Reply, CommandError> {
    ctx.check()?;
    let rep = analyze(lab, a)?;
    let df = hops_df(&rep)?;
    Ok(Reply::new()
        .with_text(rep.to_string())
        .with_table(
            df.clone(),
            Some("hops (there, then the reply)".into()),
            Some(format!("explanation code: {}", rep.explanation_code)),
        )
        .with_json(report_json(&rep))
        .keep("reach_hops", df))
}
