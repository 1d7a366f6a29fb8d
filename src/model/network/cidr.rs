//! CIDR arithmetic with AWS's rules: parsing to canonical form, the /16–/28 range, the
//! five reserved addresses per subnet, splitting a block (for `subnet-calc`).

use crate::model::codes;
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
            codes::INVALID_PARAMETER_VALUE,
            format!("Value ({}) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s),
        )
    })
}

/// Parses an IPv4 or IPv6 CIDR (route destinations, NACL and SG rules).
pub fn parse_any(s: &str) -> NetResult<IpNet> {
    IpNet::from_str(s.trim()).map(|n| n.trunc()).map_err(|_| {
        NetError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("Value ({}) for parameter cidrBlock is invalid. This is not a valid CIDR block.", s),
        )
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
            codes::INVALID_PARAMETER_VALUE,
            format!("--prefix {} must be between /{} (the block itself) and /32", prefix, c.prefix_len()),
        ));
    }
    let count = 1u64 << (prefix - c.prefix_len()) as u32;
    let step = 1u64 << (32 - prefix as u32);
    let mut out = Vec::new();
    for k in 0..count.min(limit as u64) {
        let net = Ipv4Net::new(nth(c, k * step), prefix)
            .map_err(|e| NetError::new(codes::INVALID_PARAMETER_VALUE, e.to_string()))?;
        out.push(block(net));
    }
    Ok((out, count))
}

/// The address range a VPC block is in, as AWS's secondary-CIDR table groups them
/// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html, "IPv4 CIDR
/// block association restrictions").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressRange {
    /// RFC 1918 10.0.0.0/8.
    Ten,
    /// RFC 1918 172.16.0.0/12.
    OneSevenTwo,
    /// RFC 1918 192.168.0.0/16.
    OneNineTwo,
    /// 198.19.0.0/16.
    OneNineEight19,
    /// Publicly routable (non-RFC 1918) or 100.64.0.0/10: one row of AWS's table.
    PublicOrShared,
}

fn net(s: &str) -> Ipv4Net {
    Ipv4Net::from_str(s).expect("a constant CIDR")
}

fn within(outer: &str, c: Ipv4Net) -> bool {
    net(outer).contains(&c.network())
}

fn overlaps_block(a: Ipv4Net, b: &str) -> bool {
    let b = net(b);
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Which row of AWS's table a block belongs to.
pub fn address_range(c: Ipv4Net) -> AddressRange {
    if within("10.0.0.0/8", c) {
        AddressRange::Ten
    } else if within("172.16.0.0/12", c) {
        AddressRange::OneSevenTwo
    } else if within("192.168.0.0/16", c) {
        AddressRange::OneNineTwo
    } else if within("198.19.0.0/16", c) {
        AddressRange::OneNineEight19
    } else {
        AddressRange::PublicOrShared
    }
}

/// True when AWS refuses `new` as a secondary block of a VPC whose primary block is
/// `primary` (the "Restricted" column of AWS's table):
/// - 10.0.0.0/8: other RFC 1918 ranges, 198.19.0.0/16, and 10.0.0.0/16 when the primary
///   is within 10.0.0.0/15;
/// - 172.16.0.0/12: other RFC 1918 ranges, 172.31.0.0/16, 198.19.0.0/16;
/// - 192.168.0.0/16: other RFC 1918 ranges, 198.19.0.0/16;
/// - 198.19.0.0/16: any RFC 1918 range;
/// - publicly routable or 100.64.0.0/10: any RFC 1918 range, 198.19.0.0/16.
///
/// Publicly routable blocks and 100.64.0.0/10 are permitted for every primary.
pub fn secondary_restricted(primary: Ipv4Net, new: Ipv4Net) -> bool {
    use AddressRange::*;
    let rfc1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
    let touches = |b: &str| overlaps_block(new, b);
    let other_private = |own: &str| rfc1918.iter().filter(|r| **r != own).any(|r| touches(r));
    match address_range(primary) {
        Ten => {
            other_private("10.0.0.0/8")
                || touches("198.19.0.0/16")
                || (within("10.0.0.0/15", primary) && touches("10.0.0.0/16"))
        }
        OneSevenTwo => other_private("172.16.0.0/12") || touches("172.31.0.0/16") || touches("198.19.0.0/16"),
        OneNineTwo => other_private("192.168.0.0/16") || touches("198.19.0.0/16"),
        OneNineEight19 => rfc1918.iter().any(|r| touches(r)),
        PublicOrShared => rfc1918.iter().any(|r| touches(r)) || touches("198.19.0.0/16"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's table of secondary-CIDR restrictions, row by row
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
    #[test]
    fn secondary_cidr_table_by_primary_range() {
        let r = |p: &str, n: &str| secondary_restricted(parse_v4(p).unwrap(), parse_v4(n).unwrap());
        // 10.0.0.0/8 primary
        assert!(
            r("10.1.0.0/16", "172.16.0.0/16")
                && r("10.1.0.0/16", "192.168.0.0/16")
                && r("10.1.0.0/16", "198.19.0.0/16")
        );
        assert!(r("10.1.0.0/16", "10.0.0.0/16"), "primary within 10.0.0.0/15: no 10.0.0.0/16");
        assert!(!r("10.2.0.0/16", "10.0.0.0/16"), "primary outside 10.0.0.0/15: 10.0.0.0/16 is fine");
        assert!(
            !r("10.1.0.0/16", "10.5.0.0/16") && !r("10.1.0.0/16", "100.64.0.0/16") && !r("10.1.0.0/16", "52.0.0.0/16")
        );
        // 172.16.0.0/12 primary
        assert!(
            r("172.16.0.0/16", "10.0.0.0/16")
                && r("172.16.0.0/16", "172.31.0.0/16")
                && r("172.16.0.0/16", "198.19.0.0/16")
        );
        assert!(!r("172.16.0.0/16", "172.20.0.0/16") && !r("172.16.0.0/16", "100.64.0.0/16"));
        // 192.168.0.0/16 primary
        assert!(
            r("192.168.0.0/20", "10.0.0.0/16")
                && r("192.168.0.0/20", "172.16.0.0/16")
                && r("192.168.0.0/20", "198.19.0.0/16")
        );
        assert!(!r("192.168.0.0/20", "192.168.16.0/20") && !r("192.168.0.0/20", "100.64.0.0/16"));
        // 198.19.0.0/16 primary
        assert!(r("198.19.0.0/20", "10.0.0.0/16") && r("198.19.0.0/20", "192.168.0.0/16"));
        assert!(!r("198.19.0.0/20", "100.64.0.0/16") && !r("198.19.0.0/20", "52.0.0.0/16"));
        // publicly routable or 100.64.0.0/10 primary
        for p in ["52.0.0.0/16", "100.64.0.0/16"] {
            assert!(
                r(p, "10.0.0.0/16") && r(p, "172.16.0.0/16") && r(p, "192.168.0.0/16") && r(p, "198.19.0.0/16"),
                "{p}"
            );
            assert!(!r(p, "100.65.0.0/16") && !r(p, "54.0.0.0/16"), "{p}");
        }
    }

    #[test]
    fn canonical_form_and_reserved_addresses() {
        assert_eq!(parse_v4("100.68.0.18/18").unwrap().to_string(), "100.68.0.0/18");
        assert_eq!(parse_v4("10.0.0.0/33").unwrap_err().code, "InvalidParameterValue");
        let c = parse_v4("10.0.0.0/24").unwrap();
        assert_eq!(usable(c), 251);
        assert_eq!(usable(parse_v4("10.0.0.0/28").unwrap()), 11);
        assert_eq!(reserved_role(c, "10.0.0.2".parse().unwrap()), Some("Amazon DNS"));
        assert!(reserved_role(c, "10.0.0.255".parse().unwrap()).is_some());
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
