//! EC2's IP-based DNS hostnames (Amazon VPC User Guide, "DNS attributes for your VPC";
//! EC2 User Guide, "Amazon EC2 instance hostname types").
//!
//! Private: `ip-10-0-0-5.ec2.internal` in us-east-1, `ip-10-0-0-5.REGION.compute.internal`
//! elsewhere; every instance has one. Public: `ec2-52-78-0-3.compute-1.amazonaws.com` in
//! us-east-1, `ec2-52-78-0-3.REGION.compute.amazonaws.com` elsewhere; only with a public IP
//! in a VPC with DNS hostnames enabled — on in a default VPC, off by default in others.

use std::net::Ipv4Addr;

/// The private IP-based hostname AWS's DHCP hands out.
pub fn private_dns_name(region: &str, ip: Ipv4Addr) -> String {
    let host = format!("ip-{}", ip.to_string().replace('.', "-"));
    if region == "us-east-1" {
        format!("{host}.ec2.internal")
    } else {
        format!("{host}.{region}.compute.internal")
    }
}

/// The public hostname, when the VPC has DNS hostnames enabled.
pub fn public_dns_name(region: &str, ip: Ipv4Addr) -> String {
    let host = format!("ec2-{}", ip.to_string().replace('.', "-"));
    if region == "us-east-1" {
        format!("{host}.compute-1.amazonaws.com")
    } else {
        format!("{host}.{region}.compute.amazonaws.com")
    }
}

/// The default DHCP option set every VPC of a region uses: `domain-name` is
/// `ec2.internal` in us-east-1 and `REGION.compute.internal` elsewhere, and the name
/// servers are `AmazonProvidedDNS`
/// (https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html).
#[derive(Clone, Debug, PartialEq)]
pub struct DhcpOptions {
    /// `dopt-` and 17 hex digits, the same for the region every time.
    pub id: String,
    pub region: String,
    pub domain_name: String,
    pub domain_name_servers: Vec<String>,
}

/// The region's default DHCP option set.
pub fn default_dhcp_options(region: &str) -> DhcpOptions {
    // FNV-1a of the region: a stable, AWS-looking hex ID.
    let h = region.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    let domain_name =
        if region == "us-east-1" { "ec2.internal".to_string() } else { format!("{region}.compute.internal") };
    DhcpOptions {
        id: format!("dopt-0{:016x}", h),
        region: region.to_string(),
        domain_name,
        domain_name_servers: vec!["AmazonProvidedDNS".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_dhcp_options_per_region() {
        let d = default_dhcp_options("ap-northeast-2");
        assert_eq!(d.domain_name, "ap-northeast-2.compute.internal");
        assert_eq!(default_dhcp_options("us-east-1").domain_name, "ec2.internal");
        assert!(d.id.len() == 22 && d.id[5..].chars().all(|c| c.is_ascii_hexdigit()), "{}", d.id);
        assert_ne!(d.id, default_dhcp_options("us-east-1").id);
    }

    #[test]
    fn hostnames_follow_aws_patterns() {
        let ip = Ipv4Addr::new(10, 0, 0, 5);
        assert_eq!(private_dns_name("us-east-1", ip), "ip-10-0-0-5.ec2.internal");
        assert_eq!(private_dns_name("ap-northeast-2", ip), "ip-10-0-0-5.ap-northeast-2.compute.internal");
        let p = Ipv4Addr::new(52, 78, 0, 3);
        assert_eq!(public_dns_name("ap-northeast-2", p), "ec2-52-78-0-3.ap-northeast-2.compute.amazonaws.com");
        assert_eq!(public_dns_name("us-east-1", p), "ec2-52-78-0-3.compute-1.amazonaws.com");
    }
}
