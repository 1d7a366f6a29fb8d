//! Security groups (stateful, allow-only, at the ENI) and network ACLs (stateless,
//! numbered, allow/deny, at the subnet), and how each judges one packet (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html).

use crate::model::codes;
use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;

use super::*;

/// Inbound (and, separately, outbound) rules per security group (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const RULES_PER_SG: usize = 60;
/// Security groups per region (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const SGS_PER_REGION: usize = 2500;
/// Security groups per network interface (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const SGS_PER_ENI: usize = 5;
/// NACL rules per direction, including the default deny (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
pub const NACL_RULES_PER_DIRECTION: usize = 20;
/// Highest rule number a user may set; the `*` deny is reported as 32767 (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
pub const MAX_NACL_RULE: u32 = 32766;
pub const DEFAULT_DENY_RULE: u32 = 32767;

/// A rule to add or remove, before it gets an ID.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSpec {
    pub protocol: Protocol,
    pub ports: Option<(u16, u16)>,
    pub peer: Peer,
    pub description: Option<String>,
}

fn same_rule(r: &SgRule, s: &RuleSpec) -> bool {
    r.protocol == s.protocol && r.ports == s.ports && r.peer == s.peer
}

fn describe_rule(s: &RuleSpec) -> String {
    let (from, to) = match s.ports {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => ("-1".into(), "-1".into()),
    };
    format!(
        "the specified rule \"peer: {}, {}, from port: {}, to port: {}, ALLOW\" already exists",
        s.peer,
        s.protocol.name().to_uppercase(),
        from,
        to
    )
}

/// The result of checking a port range against a NACL: which rules decided which ports.
#[derive(Clone, Debug, PartialEq)]
pub struct NaclVerdict {
    /// Ports (or 1 for portless protocols) the NACL allows / checks in all.
    pub allowed: u32,
    pub total: u32,
    /// (rule number, allow, first port, last port) for each rule that decided some ports.
    pub decided_by: Vec<(u32, bool, u16, u16)>,
}

impl NaclVerdict {
    pub fn all_allowed(&self) -> bool {
        self.allowed == self.total
    }
    pub fn none_allowed(&self) -> bool {
        self.allowed == 0
    }
}

/// `rule 100 allow 1024-65535; * deny 0-1023` style.
impl std::fmt::Display for NaclVerdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (n, a, lo, hi)) in self.decided_by.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            let act = if *a { "allow" } else { "deny" };
            if *n >= DEFAULT_DENY_RULE {
                write!(f, "rule * {}", act)?;
            } else {
                write!(f, "rule {} {}", n, act)?;
            }
            if lo == hi {
                write!(f, " port {}", lo)?;
            } else if (*lo, *hi) != (0, 65535) {
                write!(f, " ports {}-{}", lo, hi)?;
            }
        }
        Ok(())
    }
}

fn proto_matches(rule: Protocol, p: Protocol) -> bool {
    rule == Protocol::All || rule == p
}

impl Network {
    pub fn create_security_group(
        &mut self,
        region: &str,
        vpc: &str,
        group_name: &str,
        description: &str,
        name: Option<String>,
    ) -> AwsResult<String> {
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        if group_name.eq_ignore_ascii_case("default") {
            return Err(AwsError::new(codes::GROUP_RESERVED, "The security group 'default' is reserved"));
        }
        if group_name.starts_with("sg-") {
            return Err(AwsError::new(codes::INVALID_PARAMETER_VALUE, "Group names may not be in the format sg-*"));
        }
        if self.security_groups.iter().any(|g| g.vpc_id == vpc_id && g.group_name == group_name) {
            return Err(AwsError::new(
                codes::GROUP_DUPLICATE,
                format!("The security group '{}' already exists for VPC '{}'", group_name, vpc_id),
            ));
        }
        if self.security_groups.iter().filter(|g| g.region == region).count() >= SGS_PER_REGION {
            return Err(AwsError::new(
                codes::SECURITY_GROUP_LIMIT_EXCEEDED,
                "The maximum number of security groups has been reached.",
            ));
        }
        let id = self.next_id("sg");
        let out = self.next_id("sgr");
        self.security_groups.push(SecurityGroup {
            id: id.clone(),
            region: region.into(),
            vpc_id,
            group_name: group_name.into(),
            description: description.into(),
            ingress: vec![],
            egress: vec![SgRule {
                id: out,
                protocol: Protocol::All,
                ports: None,
                peer: Peer::Cidr(IpNet::V4(Default::default())),
                description: None,
            }],
            name,
        });
        Ok(id)
    }

    pub fn delete_security_group(&mut self, region: &str, group: &str) -> AwsResult<String> {
        let gi = self.sg_idx(Some(region), None, group)?;
        let g = &self.security_groups[gi];
        if g.group_name == "default" {
            return Err(AwsError::new(
                codes::CANNOT_DELETE,
                format!("the specified group: \"{}\" name: \"default\" cannot be deleted by a user", g.id),
            ));
        }
        let used = self.network_interfaces.iter().any(|e| e.security_groups.contains(&g.id))
            || self.security_groups.iter().any(|o| {
                o.id != g.id && o.ingress.iter().chain(&o.egress).any(|r| r.peer == Peer::Group(g.id.clone()))
            });
        if used {
            return Err(AwsError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("resource {} has a dependent object", g.id),
            ));
        }
        Ok(self.security_groups.remove(gi).id)
    }

    /// AuthorizeSecurityGroupIngress/Egress: all rules or none (duplicates and the
    /// 60-rule quota are checked first).
    pub fn authorize(
        &mut self,
        region: &str,
        group: &str,
        ingress: bool,
        rules: &[RuleSpec],
    ) -> AwsResult<Vec<String>> {
        let gi = self.sg_idx(Some(region), None, group)?;
        let vpc_id = self.security_groups[gi].vpc_id.clone();
        let mut resolved = Vec::new();
        for r in rules {
            let mut r = r.clone();
            if let Peer::Group(key) = &r.peer {
                // The referenced group: same VPC, or a peered VPC (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
                let oi = self.sg_idx(None, Some(&vpc_id), key).or_else(|_| self.sg_idx(None, None, key))?;
                let other = &self.security_groups[oi];
                let peered = self
                    .peerings
                    .iter()
                    .any(|p| p.status == "active" && p.other(&vpc_id) == Some(other.vpc_id.as_str()));
                if other.vpc_id != vpc_id && !peered {
                    return Err(AwsError::new(
                        codes::GROUP_NOT_FOUND,
                        format!(
                            "You have specified a security group '{}' that is not in VPC '{}' or a peered VPC",
                            other.id, vpc_id
                        ),
                    ));
                }
                r.peer = Peer::Group(other.id.clone());
            }
            resolved.push(r);
        }
        let g = &self.security_groups[gi];
        let list = if ingress { &g.ingress } else { &g.egress };
        for (k, r) in resolved.iter().enumerate() {
            if list.iter().any(|x| same_rule(x, r)) || resolved[..k].contains(r) {
                return Err(AwsError::new(codes::PERMISSION_DUPLICATE, describe_rule(r)));
            }
        }
        if list.len() + resolved.len() > RULES_PER_SG {
            return Err(AwsError::new(
                codes::RULES_PER_SECURITY_GROUP_LIMIT_EXCEEDED,
                "The maximum number of rules per security group has been reached.",
            ));
        }
        let mut ids = Vec::new();
        for r in resolved {
            let id = self.next_id("sgr");
            ids.push(id.clone());
            let rule = SgRule { id, protocol: r.protocol, ports: r.ports, peer: r.peer, description: r.description };
            let g = &mut self.security_groups[gi];
            if ingress {
                g.ingress.push(rule);
            } else {
                g.egress.push(rule);
            }
        }
        Ok(ids)
    }

    /// RevokeSecurityGroupIngress/Egress: each rule must exist.
    pub fn revoke(&mut self, region: &str, group: &str, ingress: bool, rules: &[RuleSpec]) -> AwsResult<()> {
        let gi = self.sg_idx(Some(region), None, group)?;
        let vpc_id = self.security_groups[gi].vpc_id.clone();
        let mut resolved = Vec::new();
        for r in rules {
            let mut r = r.clone();
            if let Peer::Group(key) = &r.peer {
                if let Ok(oi) = self.sg_idx(None, Some(&vpc_id), key) {
                    r.peer = Peer::Group(self.security_groups[oi].id.clone());
                }
            }
            resolved.push(r);
        }
        let g = &mut self.security_groups[gi];
        let list = if ingress { &mut g.ingress } else { &mut g.egress };
        for r in &resolved {
            if !list.iter().any(|x| same_rule(x, r)) {
                return Err(AwsError::new(
                    codes::PERMISSION_NOT_FOUND,
                    "The specified rule does not exist in this security group.",
                ));
            }
        }
        list.retain(|x| !resolved.iter().any(|r| same_rule(x, r)));
        Ok(())
    }

    pub fn create_network_acl(&mut self, region: &str, vpc: &str, name: Option<String>) -> AwsResult<String> {
        let vpc_id = self.vpc(Some(region), vpc)?.id.clone();
        if self.network_acls.iter().filter(|n| n.vpc_id == vpc_id).count() >= 200 {
            return Err(AwsError::new(
                codes::NETWORK_ACL_LIMIT_EXCEEDED,
                "The maximum number of network ACLs has been reached.",
            ));
        }
        let id = self.next_id("acl");
        // A new custom NACL denies everything until rules are added (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
        self.network_acls.push(NetworkAcl {
            id: id.clone(),
            region: region.into(),
            vpc_id,
            is_default: false,
            entries: vec![],
            associations: vec![],
            name,
        });
        Ok(id)
    }

    pub fn delete_network_acl(&mut self, region: &str, acl: &str) -> AwsResult<String> {
        let ni = self.nacl_idx(Some(region), acl)?;
        let n = &self.network_acls[ni];
        if n.is_default {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("cannot delete default network ACL {}", n.id),
            ));
        }
        if !n.associations.is_empty() {
            return Err(AwsError::new(
                codes::DEPENDENCY_VIOLATION,
                format!("The networkAcl '{}' has dependencies and cannot be deleted.", n.id),
            ));
        }
        Ok(self.network_acls.remove(ni).id)
    }

    /// CreateNetworkAclEntry / ReplaceNetworkAclEntry (`replace` = true).
    pub fn put_nacl_entry(&mut self, region: &str, acl: &str, entry: NaclEntry, replace: bool) -> AwsResult<()> {
        let ni = self.nacl_idx(Some(region), acl)?;
        if entry.rule_number < 1 || entry.rule_number > MAX_NACL_RULE {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid value for parameter ruleNumber: {} (must be 1-{})", entry.rule_number, MAX_NACL_RULE),
            ));
        }
        let n = &mut self.network_acls[ni];
        let existing = n.entries.iter().position(|e| e.egress == entry.egress && e.rule_number == entry.rule_number);
        match (existing, replace) {
            (Some(_), false) => {
                return Err(AwsError::new(
                    codes::NETWORK_ACL_ENTRY_ALREADY_EXISTS,
                    format!("The network acl entry identified by {} already exists.", entry.rule_number),
                ))
            }
            (None, true) => {
                return Err(AwsError::new(
                    codes::NETWORK_ACL_ENTRY_NOT_FOUND,
                    format!("The network acl entry identified by {} does not exist.", entry.rule_number),
                ))
            }
            (Some(i), true) => n.entries[i] = entry,
            (None, false) => {
                // The default deny counts toward the quota.
                if n.entries.iter().filter(|e| e.egress == entry.egress).count() + 1 >= NACL_RULES_PER_DIRECTION {
                    return Err(AwsError::new(
                        codes::NETWORK_ACL_ENTRY_LIMIT_EXCEEDED,
                        "The maximum number of network ACL entries has been reached.",
                    ));
                }
                n.entries.push(entry);
            }
        }
        n.entries.sort_by_key(|e| (e.egress, e.rule_number));
        Ok(())
    }

    pub fn delete_nacl_entry(&mut self, region: &str, acl: &str, rule_number: u32, egress: bool) -> AwsResult<()> {
        let ni = self.nacl_idx(Some(region), acl)?;
        let n = &mut self.network_acls[ni];
        let i = n.entries.iter().position(|e| e.egress == egress && e.rule_number == rule_number).ok_or_else(|| {
            AwsError::new(
                codes::NETWORK_ACL_ENTRY_NOT_FOUND,
                format!("The network acl entry identified by {} does not exist.", rule_number),
            )
        })?;
        n.entries.remove(i);
        Ok(())
    }

    /// ReplaceNetworkAclAssociation: the subnet of `assoc` moves to `acl`.
    pub fn replace_nacl_association(&mut self, region: &str, assoc: &str, acl: &str) -> AwsResult<String> {
        let to = self.nacl_idx(Some(region), acl)?;
        let (from, ai) = self
            .network_acls
            .iter()
            .enumerate()
            .find_map(|(i, n)| n.associations.iter().position(|a| a.id == assoc).map(|a| (i, a)))
            .ok_or_else(|| {
                AwsError::new(codes::ASSOCIATION_ID_NOT_FOUND, format!("The association ID '{}' does not exist", assoc))
            })?;
        if self.network_acls[from].vpc_id != self.network_acls[to].vpc_id {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                "The network ACL and the association belong to different networks",
            ));
        }
        let a = self.network_acls[from].associations.remove(ai);
        let id = self.next_id("aclassoc");
        self.network_acls[to].associations.push(Association { id: id.clone(), subnet_id: a.subnet_id });
        Ok(id)
    }

    /// Moves a subnet to a NACL (the console's "edit subnet associations").
    pub fn associate_nacl_with_subnet(&mut self, region: &str, acl: &str, subnet: &str) -> AwsResult<String> {
        let sid = self.subnet(Some(region), subnet)?.id.clone();
        let assoc = self
            .nacl_for_subnet(&sid)
            .and_then(|n| n.associations.iter().find(|a| a.subnet_id == sid))
            .map(|a| a.id.clone())
            .ok_or_else(|| {
                AwsError::new(codes::ASSOCIATION_ID_NOT_FOUND, format!("subnet {} has no network ACL association", sid))
            })?;
        self.replace_nacl_association(region, &assoc, acl)
    }

    /// The first SG rule (across `groups`) that admits this traffic, as (group ID, rule).
    /// `peer_ip` is the other end's address; `peer_groups` its SGs when it is a private
    /// ENI that a group reference can match; `service` when the other end is S3/DynamoDB.
    #[allow(clippy::too_many_arguments)]
    pub fn sg_match(
        &self,
        groups: &[String],
        ingress: bool,
        protocol: Protocol,
        port: Option<u16>,
        peer_ip: Ipv4Addr,
        peer_groups: &[String],
        service_pl: Option<&str>,
    ) -> Option<(String, SgRule)> {
        for gid in groups {
            let Some(g) = self.security_groups.iter().find(|g| &g.id == gid) else { continue };
            let rules = if ingress { &g.ingress } else { &g.egress };
            for r in rules {
                if !proto_matches(r.protocol, protocol) {
                    continue;
                }
                if r.protocol.has_ports() {
                    if let (Some((lo, hi)), Some(p)) = (r.ports, port) {
                        if p < lo || p > hi {
                            continue;
                        }
                    }
                }
                let peer_ok = match &r.peer {
                    Peer::Cidr(c) => c.contains(&IpAddr::V4(peer_ip)),
                    Peer::Group(other) => peer_groups.contains(other),
                    Peer::PrefixList(pl) => service_pl == Some(pl.as_str()),
                };
                if peer_ok {
                    return Some((g.id.clone(), r.clone()));
                }
            }
        }
        None
    }

    /// Judges traffic to/from `ip` on the ports `lo..=hi` against a NACL, lowest rule
    /// first, first match wins, the `*` rule denying the rest (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
    pub fn nacl_check(
        &self,
        acl: &NetworkAcl,
        egress: bool,
        protocol: Protocol,
        lo: u16,
        hi: u16,
        ip: Ipv4Addr,
    ) -> NaclVerdict {
        let portless = !protocol.has_ports();
        let (lo, hi) = if portless { (0, 0) } else { (lo, hi) };
        // Undecided ranges, narrowed rule by rule.
        let mut open: Vec<(u16, u16)> = vec![(lo, hi)];
        let mut decided = Vec::new();
        let mut allowed = 0u32;
        for e in acl.entries.iter().filter(|e| e.egress == egress) {
            if open.is_empty() {
                break;
            }
            if !proto_matches(e.protocol, protocol) || !e.cidr.contains(&IpAddr::V4(ip)) {
                continue;
            }
            let (rlo, rhi) =
                if portless || !e.protocol.has_ports() { (0, 65535) } else { e.ports.unwrap_or((0, 65535)) };
            let mut next = Vec::new();
            for (a, b) in open {
                let (x, y) = (a.max(rlo), b.min(rhi));
                if x > y {
                    next.push((a, b));
                    continue;
                }
                let n = if portless { 1 } else { (y - x) as u32 + 1 };
                if e.allow {
                    allowed += n;
                }
                decided.push((e.rule_number, e.allow, if portless { 0 } else { x }, if portless { 65535 } else { y }));
                if a < x {
                    next.push((a, x - 1));
                }
                if y < b {
                    next.push((y + 1, b));
                }
            }
            open = next;
        }
        for (a, b) in open {
            decided.push((DEFAULT_DENY_RULE, false, if portless { 0 } else { a }, if portless { 65535 } else { b }));
        }
        let total = if portless { 1 } else { (hi - lo) as u32 + 1 };
        NaclVerdict { allowed, total, decided_by: decided }
    }
}
