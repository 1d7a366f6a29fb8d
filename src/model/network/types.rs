//! The network resources as plain data, named as in the EC2 API.

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

#[derive(Clone, Debug, PartialEq)]
pub struct Vpc {
    pub id: String,
    pub region: String,
    /// IPv4 CIDRs, the primary first (up to 5, https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
    pub cidrs: Vec<Ipv4Net>,
    /// `vpc-cidr-assoc-…` IDs, parallel to `cidrs`.
    pub cidr_associations: Vec<String>,
    pub is_default: bool,
    pub name: Option<String>,
}

impl Vpc {
    pub fn primary_cidr(&self) -> Ipv4Net {
        self.cidrs[0]
    }
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        self.cidrs.iter().any(|c| c.contains(&ip))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub availability_zone: String,
    pub cidr: Ipv4Net,
    pub map_public_ip_on_launch: bool,
    pub default_for_az: bool,
    pub name: Option<String>,
}

impl Subnet {
    /// Usable addresses: size − 5 (network, router, DNS, future, broadcast; https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
    pub fn usable_addresses(&self) -> u64 {
        super::cidr::usable(self.cidr)
    }
}

/// Where a route sends traffic: a CIDR, or a gateway endpoint's prefix list.
#[derive(Clone, Debug, PartialEq)]
pub enum Destination {
    Cidr(IpNet),
    /// `pl-…` of an AWS service (S3, DynamoDB) in a region.
    PrefixList(String),
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::Cidr(c) => write!(f, "{}", c),
            Destination::PrefixList(p) => write!(f, "{}", p),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub destination: Destination,
    /// `local`, or the target's ID: igw-, eigw-, nat-, pcx-, tgw-, vgw-, eni-, i-, vpce-.
    pub target: String,
    /// `CreateRouteTable` (local), `CreateRoute`, or `CreateVpcEndpoint`.
    pub origin: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Association {
    pub id: String,
    pub subnet_id: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RouteTable {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub main: bool,
    /// `rtbassoc-…` of the main association (for replace-route-table-association).
    pub main_association_id: Option<String>,
    pub routes: Vec<Route>,
    pub associations: Vec<Association>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InternetGateway {
    pub id: String,
    pub region: String,
    pub vpc_id: Option<String>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EgressOnlyIgw {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ElasticIp {
    pub allocation_id: String,
    pub region: String,
    pub public_ip: Ipv4Addr,
    /// `eipassoc-…` while associated.
    pub association_id: Option<String>,
    /// The ENI that holds it (an instance's or a NAT gateway's).
    pub eni_id: Option<String>,
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connectivity {
    Public,
    Private,
}

impl Connectivity {
    pub fn as_str(self) -> &'static str {
        match self {
            Connectivity::Public => "public",
            Connectivity::Private => "private",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NatGateway {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub connectivity: Connectivity,
    pub allocation_id: Option<String>,
    pub public_ip: Option<Ipv4Addr>,
    pub private_ip: Ipv4Addr,
    pub eni_id: String,
    /// `available` or `deleted` (pending/deleting are instantaneous here).
    pub state: &'static str,
    pub name: Option<String>,
}

/// An IP protocol as security groups and NACLs name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    All,
    Tcp,
    Udp,
    Icmp,
    Other(u8),
}

impl Protocol {
    /// `tcp`, `6`, `udp`, `17`, `icmp`, `1`, `-1`, `all`, or a protocol number.
    pub fn parse(s: &str) -> Option<Protocol> {
        match s.to_ascii_lowercase().as_str() {
            "-1" | "all" => Some(Protocol::All),
            "tcp" | "6" => Some(Protocol::Tcp),
            "udp" | "17" => Some(Protocol::Udp),
            "icmp" | "1" => Some(Protocol::Icmp),
            n => n.parse::<u8>().ok().map(Protocol::Other),
        }
    }
    /// The name security groups use (`tcp`, `-1`).
    pub fn name(self) -> String {
        match self {
            Protocol::All => "-1".into(),
            Protocol::Tcp => "tcp".into(),
            Protocol::Udp => "udp".into(),
            Protocol::Icmp => "icmp".into(),
            Protocol::Other(n) => n.to_string(),
        }
    }
    /// The number NACLs use (`6`, `-1`).
    pub fn number(self) -> String {
        match self {
            Protocol::All => "-1".into(),
            Protocol::Tcp => "6".into(),
            Protocol::Udp => "17".into(),
            Protocol::Icmp => "1".into(),
            Protocol::Other(n) => n.to_string(),
        }
    }
    /// Whether ports mean anything for this protocol.
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }
}

/// What a security group rule admits: a CIDR, another SG's members, or a prefix list.
#[derive(Clone, Debug, PartialEq)]
pub enum Peer {
    Cidr(IpNet),
    Group(String),
    PrefixList(String),
}

impl std::fmt::Display for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Cidr(c) => write!(f, "{}", c),
            Peer::Group(g) => write!(f, "{}", g),
            Peer::PrefixList(p) => write!(f, "{}", p),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SgRule {
    pub id: String,
    pub protocol: Protocol,
    /// Inclusive port range; None = all ports (and always None for -1 and ICMP).
    pub ports: Option<(u16, u16)>,
    pub peer: Peer,
    pub description: Option<String>,
}

/// `tcp 5432 from sg-…` style summary.
impl std::fmt::Display for SgRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.protocol, self.ports) {
            (Protocol::All, _) => write!(f, "all traffic")?,
            (p, None) => write!(f, "{} all ports", p.name())?,
            (p, Some((a, b))) if a == b => write!(f, "{} {}", p.name(), a)?,
            (p, Some((a, b))) => write!(f, "{} {}-{}", p.name(), a, b)?,
        }
        write!(f, " {}", self.peer)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub group_name: String,
    pub description: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NaclEntry {
    /// 1–32766 (the final `*` deny is implicit, shown as 32767).
    pub rule_number: u32,
    pub egress: bool,
    pub protocol: Protocol,
    pub ports: Option<(u16, u16)>,
    pub cidr: IpNet,
    pub allow: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkAcl {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub is_default: bool,
    /// User rules, kept sorted by (egress, rule_number).
    pub entries: Vec<NaclEntry>,
    pub associations: Vec<Association>,
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceState {
    Pending,
    Running,
    Stopping,
    Stopped,
    ShuttingDown,
    Terminated,
}

impl InstanceState {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceState::Pending => "pending",
            InstanceState::Running => "running",
            InstanceState::Stopping => "stopping",
            InstanceState::Stopped => "stopped",
            InstanceState::ShuttingDown => "shutting-down",
            InstanceState::Terminated => "terminated",
        }
    }
    /// The EC2 API's state code.
    pub fn code(self) -> u16 {
        match self {
            InstanceState::Pending => 0,
            InstanceState::Running => 16,
            InstanceState::ShuttingDown => 32,
            InstanceState::Terminated => 48,
            InstanceState::Stopping => 64,
            InstanceState::Stopped => 80,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub id: String,
    pub region: String,
    pub instance_type: String,
    pub image_id: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub availability_zone: String,
    pub state: InstanceState,
    /// The primary ENI (`eni-…`); removed from the network when the instance terminates.
    pub eni_id: String,
    pub security_groups: Vec<String>,
    pub reservation_id: String,
    pub launch_index: u32,
    /// The private IP it had (kept for terminated instances, whose ENI is gone).
    pub last_private_ip: Option<Ipv4Addr>,
    pub hibernated: bool,
    /// Launched with hibernation enabled (HibernationOptions.Configured).
    pub hibernation_configured: bool,
    /// Launched with an auto-assigned public IPv4 (it gets a new one on each start).
    pub auto_public_ip: bool,
    pub name: Option<String>,
    /// The Auto Scaling group that launched it (its `aws:autoscaling:groupName` tag).
    pub auto_scaling_group: Option<String>,
    /// When it was launched (`LaunchTime`), when the caller said: the model has no clock.
    pub launch_time: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkInterface {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub availability_zone: String,
    pub private_ip: Ipv4Addr,
    /// Auto-assigned or Elastic public IPv4.
    pub public_ip: Option<Ipv4Addr>,
    pub eip_allocation: Option<String>,
    pub security_groups: Vec<String>,
    /// `interface`, `nat_gateway`, `transit_gateway`.
    pub interface_type: &'static str,
    /// The instance, NAT gateway or TGW attachment that owns it.
    pub owner: String,
    pub description: String,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VpcPeering {
    pub id: String,
    pub region: String,
    pub requester_vpc: String,
    pub accepter_vpc: String,
    pub accepter_region: String,
    /// `pending-acceptance`, `active`, `failed`, `rejected`, `deleted`.
    pub status: &'static str,
    pub message: String,
    pub name: Option<String>,
}

impl VpcPeering {
    /// The VPC at the other end from `vpc`, if `vpc` is one end.
    pub fn other(&self, vpc: &str) -> Option<&str> {
        if self.requester_vpc == vpc {
            Some(&self.accepter_vpc)
        } else if self.accepter_vpc == vpc {
            Some(&self.requester_vpc)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TransitGateway {
    pub id: String,
    pub region: String,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TgwAttachment {
    pub id: String,
    pub region: String,
    pub tgw_id: String,
    pub vpc_id: String,
    pub subnet_ids: Vec<String>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VpnGateway {
    pub id: String,
    pub region: String,
    pub vpc_id: Option<String>,
    pub name: Option<String>,
}

/// An AWS service reachable through a gateway endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwsService {
    S3,
    DynamoDb,
}

impl AwsService {
    pub fn short(self) -> &'static str {
        match self {
            AwsService::S3 => "s3",
            AwsService::DynamoDb => "dynamodb",
        }
    }
    pub fn parse(s: &str) -> Option<AwsService> {
        match s.to_ascii_lowercase().as_str() {
            "s3" => Some(AwsService::S3),
            "dynamodb" => Some(AwsService::DynamoDb),
            _ => None,
        }
    }
    /// `com.amazonaws.REGION.s3`
    pub fn service_name(self, region: &str) -> String {
        format!("com.amazonaws.{}.{}", region, self.short())
    }
    /// The prefix list ID of the service in a region (deterministic stand-in for AWS's `pl-…`).
    pub fn prefix_list(self, region: &str) -> String {
        let h = format!("{}{}", region, self.short())
            .bytes()
            .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
        format!("pl-{:08x}", h)
    }
    /// A representative public range of the service (assumption: AWS publishes many
    /// ranges in ip-ranges.json; one stands for all of them here).
    pub fn representative_cidr(self) -> Ipv4Net {
        match self {
            AwsService::S3 => Ipv4Net::new(Ipv4Addr::new(52, 216, 0, 0), 15).unwrap_or_default(),
            AwsService::DynamoDb => Ipv4Net::new(Ipv4Addr::new(3, 218, 180, 0), 22).unwrap_or_default(),
        }
    }
    /// The address `reach` uses for the service.
    pub fn address(self) -> Ipv4Addr {
        let c = self.representative_cidr();
        Ipv4Addr::from(u32::from(c.network()) + 10)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct VpcEndpoint {
    pub id: String,
    pub region: String,
    pub vpc_id: String,
    pub service: AwsService,
    pub service_name: String,
    pub prefix_list_id: String,
    pub route_table_ids: Vec<String>,
    pub name: Option<String>,
}
