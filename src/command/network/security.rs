//! Security groups and network ACLs: create/delete, rules, associations, describe.

use crate::model::codes;
use serde_json::{json, Value};

use super::{json as j, name_tag, one, opt, region, Filters};
use crate::command::shapes::{self, member, to_value, List};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::cidr;
use crate::model::network::security::RuleSpec;
use crate::model::network::{NaclEntry, Peer, Protocol, SgRule};
use crate::tables::network as tbl;

const CREATE_SG: &[Flag] = &[
    Flag::value("group-name", "unique in the VPC; `default` is reserved"),
    Flag::value("description", "free text"),
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const SG_ID: &[Flag] =
    &[Flag::value("group-id", "SG ID, Name or group name"), Flag::value("group-name", "the group name")];
const RULE: &[Flag] = &[
    Flag::value("group-id", "SG ID, Name or group name"),
    Flag::value("group-name", "the group name"),
    Flag::choice("protocol", "tcp, udp, icmp, all/-1 or a number", &["tcp", "udp", "icmp", "all", "-1"]),
    Flag::value("port", "N, N-M, or -1 for all"),
    Flag::value("cidr", "an IPv4 CIDR the rule admits"),
    Flag::value("source-group", "an SG whose members the rule admits (ID, Name or group name)"),
    Flag::value("destination-group", "for egress: an SG whose members the rule admits"),
    Flag::value("source-prefix-list-id", "a prefix list (pl-…)"),
    Flag::value("group-owner", "accepted (one account)"),
    Flag::value("description", "rule description"),
    Flag::many(
        "ip-permissions",
        "AWS shorthand or JSON: IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]",
    ),
];
const DESCRIBE_SG: &[Flag] = &[
    Flag::many("group-ids", "only these groups"),
    Flag::many("group-names", "only these group names"),
    Flag::many("filters", "Name=vpc-id|group-name|group-id|tag:Name,Values=…"),
];
const CREATE_ACL: &[Flag] = &[
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const ACL_ID: &[Flag] = &[Flag::value("network-acl-id", "NACL ID or Name")];
const ENTRY: &[Flag] = &[
    Flag::value("network-acl-id", "NACL ID or Name"),
    Flag::value("rule-number", "1-32766; lowest is evaluated first"),
    Flag::value("protocol", "tcp/6, udp/17, icmp/1, -1/all"),
    Flag::value("port-range", "From=N,To=M"),
    Flag::value("icmp-type-code", "accepted (Type=-1,Code=-1)"),
    Flag::value("cidr-block", "the remote CIDR"),
    Flag::choice("rule-action", "allow or deny", &["allow", "deny"]),
    Flag::switch("ingress", "an inbound rule"),
    Flag::switch("egress", "an outbound rule"),
];
const DEL_ENTRY: &[Flag] = &[
    Flag::value("network-acl-id", "NACL ID or Name"),
    Flag::value("rule-number", "the rule"),
    Flag::switch("ingress", "an inbound rule"),
    Flag::switch("egress", "an outbound rule"),
];
const REPLACE_ACL_ASSOC: &[Flag] = &[
    Flag::value("association-id", "aclassoc- ID"),
    Flag::value("network-acl-id", "the NACL the subnet moves to"),
    Flag::value("subnet-id", "instead of --association-id: the subnet to move (cloudlab convenience)"),
];
const DESCRIBE_ACL: &[Flag] = &[
    Flag::many("network-acl-ids", "only these"),
    Flag::many("filters", "Name=vpc-id|association.subnet-id|default|tag:Name,Values=…"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-security-group", service: "ec2", summary: "create a security group (no inbound rules, all outbound)",
            usage: "create-security-group --group-name NAME --description TEXT --vpc-id VPC",
            help: "Security groups are stateful and allow-only: replies to allowed traffic always pass. Group names are unique \
                   per VPC (InvalidGroup.Duplicate); `default` is reserved (InvalidGroup.Reserved).", flags: CREATE_SG, run: Run::Write(create_sg) },
        CommandSpec { name: "delete-security-group", service: "ec2", summary: "delete an unused security group", usage: "delete-security-group --group-id SG",
            help: "The default group cannot be deleted (CannotDelete); a group in use by an ENI or referenced by a rule: DependencyViolation.", flags: SG_ID, run: Run::Write(delete_sg) },
        CommandSpec { name: "authorize-security-group-ingress", service: "ec2", summary: "allow inbound traffic",
            usage: "authorize-security-group-ingress --group-id SG --protocol tcp --port 22 (--cidr CIDR | --source-group SG) | --ip-permissions …",
            help: "60 inbound rules per group (RulesPerSecurityGroupLimitExceeded); the same rule twice: InvalidPermission.Duplicate. \
                   A --source-group rule admits the members' private IPs (same VPC or a peered one).\n\
                   Example: `authorize-security-group-ingress --group-id db --protocol tcp --port 5432 --source-group web`",
            flags: RULE, run: Run::Write(authorize_in) },
        CommandSpec { name: "authorize-security-group-egress", service: "ec2", summary: "allow outbound traffic",
            usage: "authorize-security-group-egress --group-id SG --protocol tcp --port 443 --cidr CIDR | --ip-permissions …",
            help: "A new group already allows all outbound traffic.", flags: RULE, run: Run::Write(authorize_out) },
        CommandSpec { name: "revoke-security-group-ingress", service: "ec2", summary: "remove an inbound rule", usage: "revoke-security-group-ingress --group-id SG --protocol tcp --port 22 --cidr CIDR",
            help: "InvalidPermission.NotFound when no such rule exists.", flags: RULE, run: Run::Write(revoke_in) },
        CommandSpec { name: "revoke-security-group-egress", service: "ec2", summary: "remove an outbound rule", usage: "revoke-security-group-egress --group-id SG --protocol -1 --cidr 0.0.0.0/0",
            help: "", flags: RULE, run: Run::Write(revoke_out) },
        CommandSpec { name: "describe-security-groups", service: "ec2", summary: "security groups and their rules", usage: "describe-security-groups [--filters Name=vpc-id,Values=VPC]",
            help: "The `security_group_rules` table (one row per rule) is kept for sql.", flags: DESCRIBE_SG, run: Run::Read(describe_sgs) },
        CommandSpec { name: "create-network-acl", service: "ec2", summary: "create a custom network ACL (denies everything until you add rules)", usage: "create-network-acl --vpc-id VPC [--name NAME]",
            help: "A new custom NACL is associated with no subnet; use replace-network-acl-association.", flags: CREATE_ACL, run: Run::Write(create_acl) },
        CommandSpec { name: "delete-network-acl", service: "ec2", summary: "delete a custom NACL with no subnets", usage: "delete-network-acl --network-acl-id ACL",
            help: "", flags: ACL_ID, run: Run::Write(delete_acl) },
        CommandSpec { name: "create-network-acl-entry", service: "ec2", summary: "add a numbered allow/deny rule to a NACL",
            usage: "create-network-acl-entry --network-acl-id ACL --rule-number N --protocol tcp --port-range From=N,To=M --cidr-block CIDR --rule-action allow|deny (--ingress|--egress)",
            help: "NACLs are stateless: rules are evaluated lowest number first, the first match decides, the final `*` rule denies. \
                   Return traffic needs its own rule for the client's ephemeral ports (Linux 32768–60999; NAT gateway/ELB \
                   1024–65535). Duplicate rule number: NetworkAclEntryAlreadyExists. 20 rules per direction incl. the default deny.",
            flags: ENTRY, run: Run::Write(create_entry) },
        CommandSpec { name: "replace-network-acl-entry", service: "ec2", summary: "replace a numbered NACL rule", usage: "replace-network-acl-entry (same flags as create-network-acl-entry)",
            help: "", flags: ENTRY, run: Run::Write(replace_entry) },
        CommandSpec { name: "delete-network-acl-entry", service: "ec2", summary: "remove a numbered NACL rule", usage: "delete-network-acl-entry --network-acl-id ACL --rule-number N (--ingress|--egress)",
            help: "", flags: DEL_ENTRY, run: Run::Write(delete_entry) },
        CommandSpec { name: "replace-network-acl-association", service: "ec2", summary: "move a subnet to another NACL",
            usage: "replace-network-acl-association --association-id ACLASSOC --network-acl-id ACL  (or --subnet-id S --network-acl-id ACL)",
            help: "Each subnet has exactly one NACL; the association ID is in describe-network-acls.", flags: REPLACE_ACL_ASSOC, run: Run::Write(replace_acl_assoc) },
        CommandSpec { name: "describe-network-acls", service: "ec2", summary: "network ACLs and their entries", usage: "describe-network-acls [--filters Name=vpc-id,Values=VPC]",
            help: "Entries in evaluation order; the `*` rule is shown as 32767. The `network_acl_entries` table is kept for sql.", flags: DESCRIBE_ACL, run: Run::Read(describe_acls) },
    ]
}

fn group(a: &Args) -> Result<&str, CommandError> {
    a.get("group-id").or(a.get("group-name")).ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain --group-id or --group-name")
    })
}

fn create_sg(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let vpc = match a.get("vpc-id") {
        Some(v) => v.to_string(),
        None => lab
            .network
            .vpcs_in(&r)
            .find(|v| v.is_default)
            .map(|v| v.id.clone())
            .ok_or_else(|| CommandError::new(codes::VPC_ID_NOT_SPECIFIED, "No default VPC for this user"))?,
    };
    let gname = a.required("group-name")?;
    let desc = a.required("description")?;
    let id = lab.network.create_security_group(&r, &vpc, gname, desc, name_tag(a))?;
    Ok(Reply::text(format!("created {} ({}) in {}: no inbound rules, all outbound allowed", id, gname, vpc))
        .with_json(member("GroupId", id)))
}

fn delete_sg(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_security_group(&r, group(a)?)?;
    Ok(Reply::text(format!("deleted {}", id)).with_json(json!({"Return": true, "GroupId": id})))
}

fn parse_ports(p: Protocol, port: Option<&str>) -> Result<Option<(u16, u16)>, CommandError> {
    if !p.has_ports() {
        return Ok(None);
    }
    let bad = |s: &str| {
        CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid value '{}' for port: use N, N-M or -1", s))
    };
    match port {
        None => Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange",
        )),
        Some("-1") => Ok(Some((0, 65535))),
        Some(s) => {
            let (a, b) = s.split_once('-').unwrap_or((s, s));
            let (a, b): (u16, u16) = (a.trim().parse().map_err(|_| bad(s))?, b.trim().parse().map_err(|_| bad(s))?);
            if a > b {
                return Err(bad(s));
            }
            Ok(Some((a, b)))
        }
    }
}

fn proto(s: &str) -> Result<Protocol, CommandError> {
    Protocol::parse(s).ok_or_else(|| {
        CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("Invalid value '{}' for IP protocol. Unknown protocol.", s),
        )
    })
}

/// Rules from `--ip-permissions` (JSON or shorthand), else from --protocol/--port/--cidr.
fn rules(a: &Args, ingress: bool) -> Result<Vec<RuleSpec>, CommandError> {
    let raw = a.raw_values("ip-permissions").join(" ");
    let desc = a.get("description").map(String::from);
    if !raw.is_empty() {
        let perms: Vec<Value> = match serde_json::from_str::<Value>(&raw) {
            Ok(Value::Array(v)) => v,
            Ok(v) => vec![v],
            Err(_) => crate::command::shorthand::values(a, "ip-permissions")?,
        };
        let mut out = Vec::new();
        for p in perms {
            let pr =
                proto(&p.get("IpProtocol").map(|v| v.to_string().trim_matches('"').to_string()).unwrap_or_default())?;
            let ports = if pr.has_ports() {
                let f = p.get("FromPort").and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
                let t = p.get("ToPort").and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
                match (f, t) {
                    (Some(-1), _) | (_, Some(-1)) => Some((0, 65535)),
                    (Some(f), Some(t)) if (0..=65535).contains(&f) && (f..=65535).contains(&t) => {
                        Some((f as u16, t as u16))
                    }
                    _ => {
                        return Err(CommandError::new(
                            codes::INVALID_PARAMETER_VALUE,
                            "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange",
                        ))
                    }
                }
            } else {
                None
            };
            let mut peers = Vec::new();
            for r in p.get("IpRanges").and_then(|v| v.as_array()).cloned().unwrap_or_default() {
                if let Some(c) = r.get("CidrIp").and_then(|v| v.as_str()) {
                    peers.push(Peer::Cidr(cidr::parse_any(c)?));
                }
            }
            for r in p.get("UserIdGroupPairs").and_then(|v| v.as_array()).cloned().unwrap_or_default() {
                if let Some(g) = r.get("GroupId").or(r.get("GroupName")).and_then(|v| v.as_str()) {
                    peers.push(Peer::Group(g.to_string()));
                }
            }
            for r in p.get("PrefixListIds").and_then(|v| v.as_array()).cloned().unwrap_or_default() {
                if let Some(g) = r.get("PrefixListId").and_then(|v| v.as_str()) {
                    peers.push(Peer::PrefixList(g.to_string()));
                }
            }
            if peers.is_empty() {
                return Err(CommandError::new(
                    codes::MISSING_PARAMETER,
                    "each permission needs IpRanges, UserIdGroupPairs or PrefixListIds",
                ));
            }
            for peer in peers {
                out.push(RuleSpec { protocol: pr, ports, peer, description: desc.clone() });
            }
        }
        return Ok(out);
    }
    let pr = proto(a.get("protocol").ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "give --protocol (tcp, udp, icmp, all) or --ip-permissions")
    })?)?;
    let ports = parse_ports(pr, a.get("port"))?;
    let group_flag = if ingress { "source-group" } else { "destination-group" };
    let peer = if let Some(c) = a.get("cidr") {
        Peer::Cidr(cidr::parse_any(c)?)
    } else if let Some(g) = a.get(group_flag).or(a.get("source-group")) {
        Peer::Group(g.to_string())
    } else if let Some(pl) = a.get("source-prefix-list-id") {
        Peer::PrefixList(pl.to_string())
    } else {
        return Err(CommandError::new(
            codes::MISSING_PARAMETER,
            format!("give --cidr or --{} (or --ip-permissions)", group_flag),
        ));
    };
    Ok(vec![RuleSpec { protocol: pr, ports, peer, description: desc }])
}

fn authorize(lab: &mut Lab, a: &Args, ingress: bool) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let g = group(a)?;
    let specs = rules(a, ingress)?;
    let ids = lab.network.authorize(&r, g, ingress, &specs)?;
    let gi = lab.network.sg_idx(Some(&r), None, g)?;
    let sg = &lab.network.security_groups[gi];
    let list = if ingress { &sg.ingress } else { &sg.egress };
    let added: Vec<String> = list.iter().filter(|x| ids.contains(&x.id)).map(|x| x.to_string()).collect();
    let rule = |x: &SgRule| shapes::SecurityGroupRule {
        security_group_rule_id: Some(x.id.clone()),
        group_id: Some(sg.id.clone()),
        is_egress: Some(!ingress),
        ip_protocol: Some(x.protocol.name()),
        from_port: Some(x.ports.map_or(-1, |p| p.0.into())),
        to_port: Some(x.ports.map_or(-1, |p| p.1.into())),
    };
    let json = to_value(&shapes::AuthorizeSecurityGroupResult {
        returned: Some(true),
        security_group_rules: Some(List(list.iter().filter(|x| ids.contains(&x.id)).map(rule).collect())),
    });
    Ok(Reply::text(format!(
        "{} ({}): {} {}",
        sg.id,
        sg.group_name,
        if ingress { "inbound" } else { "outbound" },
        added.join("; ")
    ))
    .with_json(json))
}

fn authorize_in(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    authorize(lab, a, true)
}
fn authorize_out(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    authorize(lab, a, false)
}

fn revoke(lab: &mut Lab, a: &Args, ingress: bool) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let g = group(a)?;
    let specs = rules(a, ingress)?;
    lab.network.revoke(&r, g, ingress, &specs)?;
    Ok(Reply::text(format!("{}: revoked {} rule(s)", g, specs.len())).with_json(json!({"Return": true})))
}
fn revoke_in(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    revoke(lab, a, true)
}
fn revoke_out(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    revoke(lab, a, false)
}

fn describe_sgs(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("group-ids") {
        wanted.push(lab.network.security_groups[lab.network.sg_idx(Some(&r), None, &k)?].id.clone());
    }
    let names = a.list("group-names");
    let mut rows = Vec::new();
    for g in lab.network.security_groups.iter().filter(|g| g.region == r) {
        if !wanted.is_empty() && !wanted.contains(&g.id) {
            continue;
        }
        if !names.is_empty() && !names.contains(&g.group_name) {
            continue;
        }
        if f.keep(&[
            ("group-id", one(&g.id)),
            ("group-name", one(&g.group_name)),
            ("vpc-id", one(&g.vpc_id)),
            ("description", one(&g.description)),
            ("tag:Name", opt(&g.name)),
        ])? {
            rows.push(g);
        }
    }
    let df = tbl::security_groups_df(&rows)?;
    let rules = tbl::security_group_rules_df(&rows)?;
    let json = member("SecurityGroups", rows.iter().map(|g| j::security_group(g)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(
            df.clone(),
            Some(format!("{} security groups in {}", rows.len(), r)),
            Some(
                "stateful, allow-only (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html)"
                    .into(),
            ),
        )
        .with_json(json)
        .keep("security_groups", df)
        .keep("security_group_rules", rules))
}

fn create_acl(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_network_acl(&r, a.required("vpc-id")?, name_tag(a))?;
    let n = &lab.network.network_acls[lab.network.nacl_idx(None, &id)?];
    Ok(Reply::text(format!(
        "created {}: denies all traffic until you add rules; associated with no subnet",
        lab.network.label(&id)
    ))
    .with_json(member("NetworkAcl", j::network_acl(n))))
}

fn delete_acl(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_network_acl(&r, a.required("network-acl-id")?)?;
    Ok(Reply::text(format!("deleted {}", id)).with_json(json!({})))
}

fn entry(a: &Args) -> Result<NaclEntry, CommandError> {
    let n: u32 = a.value("rule-number")?.ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --rule-number")
    })?;
    let p = proto(a.required("protocol")?)?;
    let ports = if p.has_ports() {
        let raw = a.get("port-range").ok_or_else(|| {
            CommandError::new(codes::INVALID_PARAMETER_VALUE, "TCP and UDP rules need --port-range From=N,To=M")
        })?;
        let kv = crate::command::shorthand::parse(raw).unwrap_or_default();
        let port = |k: &str| crate::command::shorthand::text(&kv, k).and_then(|v| v.trim().parse::<u16>().ok());
        match (port("From"), port("To")) {
            (Some(f), Some(t)) if f <= t => Some((f, t)),
            _ => {
                return Err(CommandError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Invalid value '{}' for --port-range: use From=N,To=M", raw),
                ))
            }
        }
    } else {
        None
    };
    let c = cidr::parse_any(a.required("cidr-block")?)?;
    let allow = match a.required("rule-action")? {
        "allow" => true,
        "deny" => false,
        x => {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid value '{}' for --rule-action: allow or deny", x),
            ))
        }
    };
    let egress = match (a.switch("ingress"), a.switch("egress")) {
        (true, false) => false,
        (false, true) => true,
        _ => return Err(CommandError::new(codes::MISSING_PARAMETER, "give exactly one of --ingress or --egress")),
    };
    Ok(NaclEntry { rule_number: n, egress, protocol: p, ports, cidr: c, allow })
}

fn put_entry(lab: &mut Lab, a: &Args, replace: bool) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let e = entry(a)?;
    let acl = a.required("network-acl-id")?;
    lab.network.put_nacl_entry(&r, acl, e.clone(), replace)?;
    let ports = e.ports.map(|(f, t)| format!(" ports {}-{}", f, t)).unwrap_or_default();
    Ok(Reply::text(format!(
        "{}: {} rule {} {} {}{} {} {}",
        acl,
        if e.egress { "outbound" } else { "inbound" },
        e.rule_number,
        if e.allow { "allow" } else { "deny" },
        e.protocol.name(),
        ports,
        if e.egress { "to" } else { "from" },
        e.cidr
    ))
    .with_json(json!({})))
}
fn create_entry(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    put_entry(lab, a, false)
}
fn replace_entry(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    put_entry(lab, a, true)
}

fn delete_entry(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let n: u32 = a.value("rule-number")?.ok_or_else(|| {
        CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --rule-number")
    })?;
    let egress = match (a.switch("ingress"), a.switch("egress")) {
        (true, false) => false,
        (false, true) => true,
        _ => return Err(CommandError::new(codes::MISSING_PARAMETER, "give exactly one of --ingress or --egress")),
    };
    let acl = a.required("network-acl-id")?;
    lab.network.delete_nacl_entry(&r, acl, n, egress)?;
    Ok(Reply::text(format!("{}: removed {} rule {}", acl, if egress { "outbound" } else { "inbound" }, n))
        .with_json(json!({})))
}

fn replace_acl_assoc(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let acl = a.required("network-acl-id")?;
    let id = match (a.get("association-id"), a.get("subnet-id")) {
        (Some(assoc), _) => lab.network.replace_nacl_association(&r, assoc, acl)?,
        (None, Some(s)) => lab.network.associate_nacl_with_subnet(&r, acl, s)?,
        (None, None) => {
            return Err(CommandError::new(
                codes::MISSING_PARAMETER,
                "the request must contain the parameter --association-id",
            ))
        }
    };
    Ok(Reply::text(format!("subnet moved to {} ({})", acl, id)).with_json(member("NewAssociationId", id)))
}

fn describe_acls(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("network-acl-ids") {
        wanted.push(lab.network.network_acls[lab.network.nacl_idx(Some(&r), &k)?].id.clone());
    }
    let mut rows = Vec::new();
    for n in lab.network.network_acls.iter().filter(|n| n.region == r) {
        if !wanted.is_empty() && !wanted.contains(&n.id) {
            continue;
        }
        if f.keep(&[
            ("network-acl-id", one(&n.id)),
            ("vpc-id", one(&n.vpc_id)),
            ("default", one(n.is_default.to_string())),
            ("association.subnet-id", n.associations.iter().map(|x| x.subnet_id.clone()).collect()),
            ("tag:Name", opt(&n.name)),
        ])? {
            rows.push(n);
        }
    }
    let df = tbl::network_acls_df(&rows)?;
    let entries = tbl::network_acl_entries_df(&rows)?;
    let json = member("NetworkAcls", rows.iter().map(|n| j::network_acl(n)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} network ACLs in {}", rows.len(), r)), None)
        .with_table(
            entries.clone(),
            Some("entries (lowest number first; 32767 = the final * deny)".into()),
            Some("stateless: replies need rules for ephemeral ports".into()),
        )
        .with_json(json)
        .keep("network_acls", df)
        .keep("network_acl_entries", entries))
}
