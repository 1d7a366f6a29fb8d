//! CIDR arithmetic with AWS's rules: parsing to canonical form, the /16–/28 range, the
//! five reserved addresses per subnet, splitting a block (for `subnet-calc`).

use std::net::Ipv4Addr;
use std::str::FromStr;

use ipnet::{IpNet, Ipv4Net};

use super::{NetError, NetResult};

/// Smallest and largest VPC/subnet prefix (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
pub const MIN_PREFIX: u8 = 16;
pub const MAX_PREFIX: u8 = 28;
/// Addresses AWS reserves in every subnet (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
pub const RESERVED_PER_SUBNET: u64 = 5;

/// Parses an IPv4 CIDR as the API does: malformed → InvalidParameterValue; host bits
/// are cleared (`100.68.0.18/18` → `100.68.0.0/18`, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
pub fn parse_v4(s: &str) -> NetResult<Ipv4Net> {
    Ipv4Net::from_str(s.trim()).map(|n| n.trunc()).map_err(|_| {
        NetError::new(
            "InvalidParameterValue",
            format!("Value ({}) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s),
        )
    })
}

/// Parses an IPv4 or IPv6 CIDR (route destinations, NACL and SG rules).
pub fn parse_any(s: &str) -> NetResult<IpNet> {
    IpNet::from_str(s.trim()).map(|n| n.trunc()).map_err(|_| {
        NetError::new("InvalidParameterValue", format!("Value ({}) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s))
    })
}

/// Whether two IPv4 blocks share any address.
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Addresses in the block.
pub fn size(c: Ipv4Net) -> u64 {
    1u64 << (32 - c.prefix_len() as u32)
}

/// Usable addresses in a subnet: size − 5.
pub fn usable(c: Ipv4Net) -> u64 {
    size(c).saturating_sub(RESERVED_PER_SUBNET)
}

/// The k-th address of a block.
pub fn nth(c: Ipv4Net, k: u64) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(c.network()).wrapping_add(k as u32))
}

/// Why an address is reserved in a subnet, if it is (.0, .1, .2, .3, last).
pub fn reserved_role(c: Ipv4Net, ip: Ipv4Addr) -> Option<&'static str> {
    let off = u32::from(ip).wrapping_sub(u32::from(c.network())) as u64;
    match off {
        0 => Some("network address"),
        1 => Some("VPC router"),
        2 => Some("Amazon DNS"),
        3 => Some("reserved for future use"),
        o if o == size(c) - 1 => Some("network broadcast (not supported, reserved)"),
        _ => None,
    }
}

/// One block of a split, for `subnet-calc`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub cidr: Ipv4Net,
    pub first: Ipv4Addr,
    pub last: Ipv4Addr,
    pub first_usable: Ipv4Addr,
    pub last_usable: Ipv4Addr,
    pub addresses: u64,
    pub usable: u64,
}

pub fn block(c: Ipv4Net) -> Block {
    let n = size(c);
    Block {
        cidr: c,
        first: c.network(),
        last: c.broadcast(),
        first_usable: nth(c, 4.min(n.saturating_sub(1))),
        last_usable: nth(c, n.saturating_sub(2)),
        addresses: n,
        usable: usable(c),
    }
}

/// The block split into /`prefix` pieces (at most `limit` of them, plus the total count).
pub fn split(c: Ipv4Net, prefix: u8, limit: usize) -> NetResult<(Vec<Block>, u64)> {
    if prefix < c.prefix_len() || prefix > 32 {
        return Err(NetError::new(
            "InvalidParameterValue",
            format!("--prefix {} must be between /{} (the block itself) and /32", prefix, c.prefix_len()),
        ));
    }
    let count = 1u64 << (prefix - c.prefix_len()) as u32;
    let step = 1u64 << (32 - prefix as u32);
    let mut out = Vec::new();
    for k in 0..count.min(limit as u64) {
        let net = Ipv4Net::new(nth(c, k * step), prefix).map_err(|e| NetError::new("InvalidParameterValue", e.to_string()))?;
        out.push(block(net));
    }
    Ok((out, count))
}

/// The RFC 1918 family a block is in (for the secondary-CIDR restrictions of https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
pub fn rfc1918_family(c: Ipv4Net) -> Option<&'static str> {
    let fams = [("10.0.0.0/8", "10/8"), ("172.16.0.0/12", "172.16/12"), ("192.168.0.0/16", "192.168/16")];
    fams.iter()
        .find(|(f, _)| Ipv4Net::from_str(f).map(|f| f.contains(&c.network())).unwrap_or(false))
        .map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_and_reserved_addresses() {
        assert_eq!(parse_v4("100.68.0.18/18").unwrap().to_string(), "100.68.0.0/18");
        assert_eq!(parse_v4("10.0.0.0/33").unwrap_err().code, "InvalidParameterValue");
        let c = parse_v4("10.0.0.0/24").unwrap();
        assert_eq!(usable(c), 251);
        assert_eq!(usable(parse_v4("10.0.0.0/28").unwrap()), 11);
        assert_eq!(reserved_role(c, "10.0.0.2".parse().unwrap()), Some("Amazon DNS"));
        assert_eq!(reserved_role(c, "10.0.0.255".parse().unwrap()).is_some(), true);
        assert_eq!(reserved_role(c, "10.0.0.4".parse().unwrap()), None);
        let b = block(c);
        assert_eq!(b.first_usable.to_string(), "10.0.0.4");
        assert_eq!(b.last_usable.to_string(), "10.0.0.254");
    }

    #[test]
    fn split_a_16_into_20s() {
        let (blocks, n) = split(parse_v4("10.0.0.0/16").unwrap(), 20, 100).unwrap();
        assert_eq!(n, 16);
        assert_eq!(blocks[1].cidr.to_string(), "10.0.16.0/20");
        assert_eq!(blocks[15].last.to_string(), "10.0.255.255");
        assert!(split(parse_v4("10.0.0.0/16").unwrap(), 8, 10).is_err());
    }
}
