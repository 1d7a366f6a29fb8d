//! The fields of the AWS shapes the import reads, checked: each error names the file and
//! the resource; and the VPC quota maxima a file may not exceed.

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::bad;
use crate::command::shapes::{self, each, List};
use crate::command::CommandError;
use crate::model::network::*;

/// A field the import needs: `what has no "key"` when it is absent (or not a string).
pub(super) fn req<'a>(file: &str, field: &'a Option<String>, key: &str, what: &str) -> Result<&'a str, CommandError> {
    field.as_deref().ok_or_else(|| bad(file, format!("{} has no \"{}\"", what, key)))
}

pub(super) fn ipv4net(file: &str, text: &str, what: &str) -> Result<Ipv4Net, CommandError> {
    text.parse().map_err(|_| bad(file, format!("{} has an invalid CIDR '{}'", what, text)))
}

pub(super) fn ipnet(file: &str, text: &str, what: &str) -> Result<IpNet, CommandError> {
    text.parse().map_err(|_| bad(file, format!("{} has an invalid CIDR '{}'", what, text)))
}

pub(super) fn ip(file: &str, text: &str, what: &str) -> Result<Ipv4Addr, CommandError> {
    text.parse().map_err(|_| bad(file, format!("{} has an invalid IPv4 address '{}'", what, text)))
}

pub(super) fn opt_ip(file: &str, text: &Option<String>, what: &str) -> Result<Option<Ipv4Addr>, CommandError> {
    text.as_deref().map(|p| ip(file, p, what)).transpose()
}

pub(super) fn protocol(file: &str, field: &Option<String>, key: &str, what: &str) -> Result<Protocol, CommandError> {
    let p = req(file, field, key, what)?;
    Protocol::parse(p).ok_or_else(|| bad(file, format!("{} has an unknown protocol '{}'", what, p)))
}

/// `(FromPort, ToPort)` of a security group permission (None = all ports).
fn sg_ports(p: &shapes::IpPermission, proto: Protocol) -> Option<(u16, u16)> {
    if !proto.has_ports() {
        return None;
    }
    let (from, to) = (p.from_port?, p.to_port?);
    if from <= 0 && to >= 65535 || from < 0 {
        return None;
    }
    Some((from as u16, to.clamp(0, 65535) as u16))
}

pub(super) fn sg_rules(
    file: &str,
    perms: &Option<List<shapes::IpPermission>>,
    gid: &str,
    dir: &str,
) -> Result<Vec<SgRule>, CommandError> {
    let mut out = Vec::new();
    for (i, p) in each(perms).iter().enumerate() {
        let what = format!("{} {} permission {}", gid, dir, i + 1);
        let proto = protocol(file, &p.ip_protocol, "IpProtocol", &what)?;
        let ports = sg_ports(p, proto);
        let mut push = |peer: Peer, desc: &Option<String>| {
            out.push(SgRule {
                id: format!("sgr-{}-{}-{}", gid.trim_start_matches("sg-"), dir, out.len()),
                protocol: proto,
                ports,
                peer,
                description: desc.clone(),
            });
        };
        for r in each(&p.ip_ranges) {
            push(Peer::Cidr(ipnet(file, req(file, &r.cidr_ip, "CidrIp", &what)?, &what)?), &r.description);
        }
        for r in each(&p.ipv6_ranges) {
            push(Peer::Cidr(ipnet(file, req(file, &r.cidr_ipv6, "CidrIpv6", &what)?, &what)?), &r.description);
        }
        for r in each(&p.user_id_group_pairs) {
            push(Peer::Group(req(file, &r.group_id, "GroupId", &what)?.to_string()), &r.description);
        }
        for r in each(&p.prefix_list_ids) {
            push(Peer::PrefixList(req(file, &r.prefix_list_id, "PrefixListId", &what)?.to_string()), &r.description);
        }
    }
    Ok(out)
}

/// The highest values AWS lets an account raise its VPC quotas to
/// (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html): a real
/// account's files never exceed them, and `reach` relies on them to stay fast.
pub(super) const MAX_RULES_PER_SG_DIRECTION: usize = 1_000;
pub(super) const MAX_SGS_PER_ENI: usize = 16;
pub(super) const MAX_NACL_RULES_PER_DIRECTION: usize = 40;
pub(super) const MAX_ROUTES_PER_TABLE: usize = 1_000;

pub(super) fn within_quota(file: &str, id: &str, what: &str, n: usize, max: usize) -> Result<(), CommandError> {
    if n > max {
        return Err(bad(
            file,
            format!("{id} has {n} {what}; AWS allows at most {max} even with a raised quota (amazon-vpc-limits)"),
        ));
    }
    Ok(())
}
