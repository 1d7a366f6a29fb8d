//! Reachability: may traffic flow from one end to another, and which rule or route
//! decides each check on the way there and back — in the spirit of VPC Reachability
//! Analyzer (explanation codes such as ENI_SG_RULES_MISMATCH, SUBNET_ACL_RESTRICTION).
//!
//! Security groups are stateful (the reply is allowed once the request is), NACLs are
//! stateless: the reply crosses them again towards the client's ephemeral ports
//! (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html: NAT gateway/ELB/Lambda 1024–65535; Linux's kernel default 32768–60999).

use crate::model::codes;
use std::net::Ipv4Addr;

use super::*;

/// Linux's ephemeral ports (`ip_local_port_range` default: 32768–60999 since Linux 4.x changed 61000 to 60999; AWS's NACL page still says 61000).
pub const LINUX_EPHEMERAL: (u16, u16) = (32768, 60999);
/// NAT gateway / ELB / Lambda ephemeral ports (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
pub const NAT_EPHEMERAL: (u16, u16) = (1024, 65535);
/// Assumption: an internet client's OS is unknown, so its replies may use any of
/// 1024–65535 (AWS's advice for NACLs, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
pub const INTERNET_CLIENT_EPHEMERAL: (u16, u16) = (1024, 65535);
/// The address standing for "the internet" (TEST-NET-3, documentation range).
pub const INTERNET_HOST: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 10);

/// One check on the path.
#[derive(Clone, Debug, PartialEq)]
pub struct Hop {
    pub step: u32,
    /// `forward` (the request, source to destination) or `return` (the reply).
    pub leg: &'static str,
    /// What was checked: `security group egress`, `network ACL inbound`, `route table`, …
    pub check: String,
    /// The resource (ID and name).
    pub component: String,
    /// `allow`, `deny`, `pass` (a hop that forwards) or `partial`.
    pub decision: &'static str,
    /// The rule or route that decided.
    pub rule: String,
    pub detail: String,
}

/// The answer to one reach question.
#[derive(Clone, Debug, PartialEq)]
pub struct ReachReport {
    pub source: String,
    pub destination: String,
    pub protocol: Protocol,
    pub port: Option<u16>,
    pub reachable: bool,
    /// `reachable`, `unreachable` or `unreliable` (some return ports blocked).
    pub verdict: &'static str,
    pub hops: Vec<Hop>,
    pub blocked_by: Option<String>,
    pub explanation_code: String,
    pub explanation: String,
}

/// One end of the path, resolved. A query holds two, so the ENI is not boxed.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
enum End {
    /// An ENI; `public` when it is addressed by its public IP.
    Eni {
        eni: NetworkInterface,
        public: bool,
    },
    Internet(Ipv4Addr),
    Service(AwsService),
}

struct Trace<'a> {
    net: &'a Network,
    hops: Vec<Hop>,
    blocked: Option<(String, &'static str, String)>,
    partial: Option<(String, String)>,
    /// Set when the path leaves the model (a VPN): reachable as far as the model goes.
    exit: Option<String>,
    /// The client's source port when known (`--source-port`): replies go to it alone
    /// instead of the whole ephemeral range.
    client_port: Option<u16>,
}

impl<'a> Trace<'a> {
    fn hop(
        &mut self,
        leg: &'static str,
        check: &str,
        component: String,
        decision: &'static str,
        rule: String,
        detail: String,
    ) {
        let step = self.hops.len() as u32 + 1;
        self.hops.push(Hop { step, leg, check: check.into(), component, decision, rule, detail });
    }

    /// The route table's deny hop: the route it chose (`destination → target`), or none.
    fn route_denied(&mut self, leg: &'static str, table: String, route: Option<&Route>, why: String) {
        let rule =
            route.map_or_else(|| "no matching route".to_string(), |r| format!("{} → {}", r.destination, r.target));
        self.hop(leg, "route table", table, "deny", rule, why);
    }

    fn block(&mut self, component: String, code: &'static str, why: String) {
        if self.blocked.is_none() {
            self.blocked = Some((component, code, why));
        }
    }

    #[allow(clippy::too_many_arguments)] // one check of one leg: each argument is a fact of it
    fn sg(
        &mut self,
        leg: &'static str,
        eni: &NetworkInterface,
        ingress: bool,
        q: &Query,
        peer_ip: Ipv4Addr,
        peer_groups: &[String],
        pl: Option<&str>,
    ) -> bool {
        let check = if ingress { "security group inbound" } else { "security group outbound" };
        if eni.interface_type != "interface" {
            // NAT gateways and TGW interfaces have no security group (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html).
            self.hop(
                leg,
                check,
                self.net.label(&eni.owner),
                "pass",
                "no security group".into(),
                format!("{} interfaces take no security group", eni.interface_type),
            );
            return true;
        }
        let comp = eni.security_groups.iter().map(|g| self.net.label(g)).collect::<Vec<_>>().join(", ");
        match self.net.sg_match(&eni.security_groups, ingress, q.protocol, q.port, peer_ip, peer_groups, pl) {
            Some((g, r)) => {
                self.hop(
                    leg,
                    check,
                    comp,
                    "allow",
                    format!("{}: {}", self.net.label(&g), r),
                    format!("{} {} {}", if ingress { "from" } else { "to" }, peer_ip, q.what()),
                );
                true
            }
            None => {
                let why = format!(
                    "no {} rule of {} admits {} {} {}",
                    if ingress { "inbound" } else { "outbound" },
                    comp,
                    q.what(),
                    if ingress { "from" } else { "to" },
                    peer_ip
                );
                self.hop(
                    leg,
                    check,
                    comp.clone(),
                    "deny",
                    "no matching rule (security groups allow only)".into(),
                    why.clone(),
                );
                self.block(comp, "ENI_SG_RULES_MISMATCH", why);
                false
            }
        }
    }

    /// A NACL check on one port (the request) or a port range (the reply).
    fn nacl(
        &mut self,
        leg: &'static str,
        subnet_id: &str,
        egress: bool,
        protocol: Protocol,
        ports: (u16, u16),
        ip: Ipv4Addr,
    ) -> bool {
        if self.blocked.is_some() {
            return false;
        }
        let ports = match (leg, self.client_port) {
            ("return", Some(p)) => (p, p),
            _ => ports,
        };
        let Some(acl) = self.net.nacl_for_subnet(subnet_id) else { return true };
        let check = if egress { "network ACL outbound" } else { "network ACL inbound" };
        let comp = format!(
            "{}{} of {}",
            self.net.label(&acl.id),
            if acl.is_default { " (default)" } else { "" },
            self.net.short_name(subnet_id)
        );
        let v = self.net.nacl_check(acl, egress, protocol, ports.0, ports.1, ip);
        let what = if protocol.has_ports() {
            if ports.0 == ports.1 {
                format!("{} port {}", protocol.name(), ports.0)
            } else {
                format!("{} ports {}-{}", protocol.name(), ports.0, ports.1)
            }
        } else {
            format!("protocol {}", protocol.name())
        };
        let detail = format!("{} {} {}", what, if egress { "to" } else { "from" }, ip);
        if v.all_allowed() {
            self.hop(leg, check, comp, "allow", v.to_string(), detail);
            true
        } else if v.none_allowed() {
            self.hop(leg, check, comp.clone(), "deny", v.to_string(), detail.clone());
            let why = if leg == "return" {
                format!("the reply ({}) is denied: NACLs are stateless, so the return traffic needs its own rule for the client's ephemeral ports", detail)
            } else {
                format!("{} is denied ({})", detail, v)
            };
            self.block(comp, "SUBNET_ACL_RESTRICTION", why);
            false
        } else {
            self.hop(
                leg,
                check,
                comp.clone(),
                "partial",
                v.to_string(),
                format!("{}: only {} of {} ports allowed", detail, v.allowed, v.total),
            );
            if self.partial.is_none() {
                self.partial = Some((
                    comp,
                    format!(
                        "{} admits only {} of the {} ephemeral ports {}-{}: replies that land on a blocked port are dropped, so connections fail at random",
                        self.net.label(&acl.id),
                        v.allowed,
                        v.total,
                        ports.0,
                        ports.1
                    ),
                ));
            }
            true
        }
    }
}

/// Protocol and port of the question.
#[derive(Clone, Copy, Debug)]
struct Query {
    protocol: Protocol,
    port: Option<u16>,
}

impl Query {
    fn what(&self) -> String {
        match (self.protocol, self.port) {
            (Protocol::All, _) => "all traffic".into(),
            (p, Some(n)) if p.has_ports() => format!("{} {}", p.name(), n),
            (p, _) => p.name(),
        }
    }
    fn ports(&self) -> (u16, u16) {
        let p = self.port.unwrap_or(0);
        (p, p)
    }
}

/// One forward hop through a route's target (its ID last).
type ForwardHop = for<'n, 'o> fn(&Network, &mut Trace<'n>, Outbound<'o>, &str);

/// A packet leaving an instance on a route: its ENI, where it goes, the address it is
/// sent to, and whether that is the destination's private IP.
#[derive(Clone, Copy)]
struct Outbound<'a> {
    src: &'a NetworkInterface,
    dst: &'a End,
    q: Query,
    dst_ip: Ipv4Addr,
    dst_private: bool,
}

impl Network {
    /// Resolves `internet`, `s3`, `dynamodb`, an instance ID/Name, or an IP address.
    fn resolve_end(&self, region: &str, key: &str) -> AwsResult<End> {
        if key.eq_ignore_ascii_case("internet") {
            return Ok(End::Internet(INTERNET_HOST));
        }
        if let Some(s) = AwsService::parse(key) {
            return Ok(End::Service(s));
        }
        if let Ok(ip) = key.parse::<Ipv4Addr>() {
            let pick = |f: &dyn Fn(&NetworkInterface) -> bool| {
                self.network_interfaces
                    .iter()
                    .find(|e| e.region == region && f(e))
                    .or_else(|| self.network_interfaces.iter().find(|e| f(e)))
            };
            if let Some(e) = pick(&|e| e.private_ip == ip) {
                return Ok(End::Eni { eni: e.clone(), public: false });
            }
            if let Some(e) = pick(&|e| e.public_ip == Some(ip)) {
                return Ok(End::Eni { eni: e.clone(), public: true });
            }
            return Ok(End::Internet(ip));
        }
        let ii = self.instance_idx(Some(region), key).or_else(|_| self.instance_idx(None, key))?;
        let inst = &self.instances[ii];
        let eni = self.instance_eni(inst).ok_or_else(|| {
            AwsError::new(
                codes::INCORRECT_INSTANCE_STATE,
                format!("The instance '{}' is terminated and has no network interface.", inst.id),
            )
        })?;
        Ok(End::Eni { eni: eni.clone(), public: false })
    }

    fn eni_label(&self, e: &NetworkInterface) -> String {
        if e.owner.starts_with("i-") {
            self.label(&e.owner)
        } else {
            format!("{} ({})", e.id, e.owner)
        }
    }

    fn eni_running(&self, e: &NetworkInterface) -> bool {
        !e.owner.starts_with("i-")
            || self.instances.iter().any(|i| i.id == e.owner && i.state == InstanceState::Running)
    }

    /// Can `src` open a connection to `dst` with this protocol and port?
    pub fn reach(
        &self,
        region: &str,
        src: &str,
        dst: &str,
        protocol: Protocol,
        port: Option<u16>,
    ) -> AwsResult<ReachReport> {
        self.reach_from_port(region, src, dst, protocol, port, None)
    }

    /// As [`Network::reach`], with the client's source port fixed (the reply goes to it).
    pub fn reach_from_port(
        &self,
        region: &str,
        src: &str,
        dst: &str,
        protocol: Protocol,
        port: Option<u16>,
        source_port: Option<u16>,
    ) -> AwsResult<ReachReport> {
        if protocol.has_ports() && port.is_none() {
            return Err(AwsError::new(codes::MISSING_PARAMETER, "--port is required for tcp and udp"));
        }
        let q = Query { protocol, port: if protocol.has_ports() { port } else { None } };
        let s = self.resolve_end(region, src)?;
        let d = self.resolve_end(region, dst)?;
        let mut t = Trace {
            net: self,
            hops: Vec::new(),
            blocked: None,
            partial: None,
            exit: None,
            client_port: source_port.filter(|_| protocol.has_ports()),
        };
        match (&s, &d) {
            (End::Service(_), _) => {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    "s3 and dynamodb can only be destinations (they do not open connections into a VPC)",
                ))
            }
            (End::Internet(ip), End::Eni { eni, public }) => {
                if !*public && eni.public_ip.is_none() {
                    t.hop(
                        "forward",
                        "addressing",
                        self.eni_label(eni),
                        "deny",
                        "no public IPv4".into(),
                        format!(
                            "{} has only the private address {}, which the internet cannot route to",
                            self.eni_label(eni),
                            eni.private_ip
                        ),
                    );
                    t.block(
                        self.eni_label(eni),
                        "NO_PUBLIC_IP",
                        format!("{} has no public IPv4 address or Elastic IP", self.eni_label(eni)),
                    );
                } else {
                    self.inbound_from_internet(&mut t, eni, *ip, INTERNET_CLIENT_EPHEMERAL, q);
                }
            }
            (End::Internet(_), _) => {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    "at least one end must be an instance (or an instance's IP address) in the model",
                ))
            }
            (End::Eni { eni, .. }, _) => {
                if !eni.owner.starts_with("i-") {
                    return Err(AwsError::new(
                        codes::INVALID_PARAMETER_VALUE,
                        format!("the source {} is not an instance's network interface", eni.id),
                    ));
                }
                self.forward_from_instance(&mut t, eni, &d, q);
            }
        }
        let (reachable, verdict, blocked_by, code, explanation) = match (&t.blocked, &t.partial) {
            (Some((c, code, why)), _) => (false, "unreachable", Some(c.clone()), code.to_string(), why.clone()),
            (None, Some((c, why))) => {
                (false, "unreliable", Some(c.clone()), "RETURN_ACL_EPHEMERAL_PARTIAL".to_string(), why.clone())
            }
            (None, None) => match &t.exit {
                Some(why) => (true, "reachable", None, "REACHABLE_TO_VPN".to_string(), why.clone()),
                None => (
                    true,
                    "reachable",
                    None,
                    "REACHABLE".to_string(),
                    "every check on the way there and back allows the traffic".to_string(),
                ),
            },
        };
        Ok(ReachReport {
            source: src.into(),
            destination: dst.into(),
            protocol,
            port: q.port,
            reachable,
            verdict,
            hops: t.hops,
            blocked_by,
            explanation_code: code,
            explanation,
        })
    }

    /// Internet → an ENI by its public address: IGW, the subnet's route back, NACL in,
    /// SG in, and the reply through the NACL out to the client's ephemeral ports.
    fn inbound_from_internet(
        &self,
        t: &mut Trace,
        eni: &NetworkInterface,
        from: Ipv4Addr,
        client_eph: (u16, u16),
        q: Query,
    ) {
        let label = self.eni_label(eni);
        let Some(igw) = self.igw_of_vpc(&eni.vpc_id) else {
            t.hop(
                "forward",
                "internet gateway",
                self.label(&eni.vpc_id),
                "deny",
                "no internet gateway attached".into(),
                String::new(),
            );
            t.block(
                self.label(&eni.vpc_id),
                "NO_INTERNET_GATEWAY",
                format!("{} has no internet gateway attached", self.label(&eni.vpc_id)),
            );
            return;
        };
        let Some(pub_ip) = eni.public_ip else {
            t.hop("forward", "addressing", label.clone(), "deny", "no public IPv4".into(), String::new());
            t.block(
                label.clone(),
                "NO_PUBLIC_IP",
                format!("{} has no public IPv4 address (stopped instances lose auto-assigned ones)", label),
            );
            return;
        };
        t.hop(
            "forward",
            "internet gateway",
            self.label(&igw.id),
            "pass",
            format!("1:1 NAT {} → {}", pub_ip, eni.private_ip),
            format!("from {}", from),
        );
        if !self.eni_running(eni) {
            t.hop("forward", "instance state", label.clone(), "deny", "not running".into(), String::new());
            t.block(label.clone(), "INSTANCE_NOT_RUNNING", format!("{} is not running", label));
            return;
        }
        if !t.nacl("forward", &eni.subnet_id, false, q.protocol, q.ports(), from) {
            return;
        }
        if !t.sg("forward", eni, true, &q, from, &[], None) {
            return;
        }
        // The reply: NACL out, then the subnet's route back to the client must be the IGW.
        t.nacl("return", &eni.subnet_id, true, q.protocol, client_eph, from);
        self.route_back(t, &eni.subnet_id, from, |target| target.starts_with("igw-"), "the internet gateway");
    }

    /// The reply's route from `subnet` to `to` must use a target accepted by `ok`.
    fn route_back(&self, t: &mut Trace, subnet: &str, to: Ipv4Addr, ok: impl Fn(&str) -> bool, want: &str) {
        if t.blocked.is_some() {
            return;
        }
        let Some(rt) = self.route_table_for_subnet(subnet) else { return };
        let comp = format!("{} of {}", self.label(&rt.id), self.short_name(subnet));
        match self.select_route(rt, to) {
            Some(r) if ok(&r.target) && self.target_state(&r.target) == "active" => {
                t.hop(
                    "return",
                    "route table",
                    comp,
                    "allow",
                    format!("{} → {}", r.destination, r.target),
                    format!("reply to {}", to),
                );
            }
            Some(r) => {
                let why = format!(
                    "the reply to {} follows {} → {} instead of {} (asymmetric path: the connection never completes)",
                    to, r.destination, r.target, want
                );
                t.route_denied("return", comp.clone(), Some(r), why.clone());
                t.block(comp, "NO_RETURN_ROUTE", why);
            }
            None => {
                let why = format!("no route back to {} (needs {})", to, want);
                t.route_denied("return", comp.clone(), None, why.clone());
                t.block(comp, "NO_RETURN_ROUTE", why);
            }
        }
    }

    /// From an instance's ENI to `dst`: its state, security group and NACL out, its
    /// subnet's route, then the hop that route's target makes.
    fn forward_from_instance(&self, t: &mut Trace, src: &NetworkInterface, dst: &End, q: Query) {
        let src_label = self.eni_label(src);
        if !self.eni_running(src) {
            t.hop("forward", "instance state", src_label.clone(), "deny", "not running".into(), String::new());
            t.block(src_label.clone(), "INSTANCE_NOT_RUNNING", format!("{} is not running", src_label));
            return;
        }
        let Some(rt) = self.route_table_for_subnet(&src.subnet_id) else { return };
        let (dst_ip, pl) = self.forward_address(rt, src, dst);
        let dst_private = matches!(dst, End::Eni { eni, .. } if eni.private_ip == dst_ip);
        let dst_groups: Vec<String> = match dst {
            End::Eni { eni, .. } if dst_private => eni.security_groups.clone(),
            _ => vec![],
        };
        if !t.sg("forward", src, false, &q, dst_ip, &dst_groups, pl.as_deref()) {
            return;
        }
        let same_subnet = matches!(dst, End::Eni { eni, .. } if dst_private && eni.subnet_id == src.subnet_id);
        if same_subnet {
            t.hop(
                "forward",
                "network ACL outbound",
                self.label(&src.subnet_id),
                "pass",
                "not evaluated".into(),
                "traffic within one subnet does not cross its NACL".into(),
            );
        } else if !t.nacl("forward", &src.subnet_id, true, q.protocol, q.ports(), dst_ip) {
            return;
        }
        let Some(target) = self.forward_route(t, rt, src, dst_ip) else { return };
        let o = Outbound { src, dst, q, dst_ip, dst_private };
        // The hop each kind of route target makes, by its ID's prefix.
        let hops: [(&str, ForwardHop); 6] = [
            ("igw-", Network::forward_igw),
            ("nat-", Network::via_nat),
            ("pcx-", Network::forward_peering),
            ("tgw-", Network::forward_tgw),
            ("vpce-", Network::forward_endpoint),
            ("vgw-", Network::forward_vgw),
        ];
        if target == "local" {
            self.forward_local(t, o, same_subnet);
        } else if let Some((_, hop)) = hops.iter().find(|(prefix, _)| target.starts_with(prefix)) {
            hop(self, t, o, &target);
        } else {
            let why = format!(
                "the route sends the traffic to the appliance {}; cloudlab does not follow traffic through appliances",
                target
            );
            t.hop("forward", "appliance", target.clone(), "deny", "not modelled".into(), why.clone());
            t.block(target, "APPLIANCE_NOT_MODELLED", why);
        }
    }

    /// The address the source sends to (and the service's prefix list): private inside
    /// the VPC or over peering/TGW, public when only the internet connects them.
    fn forward_address(&self, rt: &RouteTable, src: &NetworkInterface, dst: &End) -> (Ipv4Addr, Option<String>) {
        match dst {
            End::Internet(ip) => (*ip, None),
            End::Service(s) => (s.address(), Some(s.prefix_list(&src.region))),
            End::Eni { eni, public } => {
                let private_route = self.select_route(rt, eni.private_ip).map(|r| r.target.clone());
                let private_ok = eni.vpc_id == src.vpc_id
                    || private_route
                        .as_deref()
                        .is_some_and(|tg| tg.starts_with("pcx-") || tg.starts_with("tgw-") || tg.starts_with("vgw-"));
                if *public || (!private_ok && eni.public_ip.is_some()) {
                    (eni.public_ip.unwrap_or(eni.private_ip), None)
                } else {
                    (eni.private_ip, None)
                }
            }
        }
    }

    /// The source subnet's route to `dst_ip`, when there is one and its target is active:
    /// that target.
    fn forward_route(
        &self,
        t: &mut Trace,
        rt: &RouteTable,
        src: &NetworkInterface,
        dst_ip: Ipv4Addr,
    ) -> Option<String> {
        let comp = format!("{} of {}", self.label(&rt.id), self.short_name(&src.subnet_id));
        let Some(route) = self.select_route(rt, dst_ip) else {
            let why = format!("{} has no route to {}", self.label(&rt.id), dst_ip);
            t.route_denied("forward", comp.clone(), None, why.clone());
            t.block(comp, "NO_ROUTE_TO_DESTINATION", why);
            return None;
        };
        let route_txt = format!("{} → {}", route.destination, route.target);
        if self.target_state(&route.target) != "active" {
            let why =
                format!("the route {} is a blackhole (its target is gone, detached, or not running/active)", route_txt);
            t.route_denied("forward", comp.clone(), Some(route), why.clone());
            t.block(comp, "ROUTE_BLACKHOLE", why);
            return None;
        }
        t.hop("forward", "route table", comp, "pass", route_txt, format!("longest prefix match for {}", dst_ip));
        Some(route.target.clone())
    }

    /// The `local` route: to an ENI of the same VPC.
    fn forward_local(&self, t: &mut Trace, o: Outbound, same_subnet: bool) {
        let Outbound { src, dst, q, dst_ip, dst_private } = o;
        let src_eph = LINUX_EPHEMERAL;
        match dst {
            End::Eni { eni, .. } if eni.vpc_id == src.vpc_id && dst_private => {
                self.deliver(t, src, eni, &q, src.private_ip, &src.security_groups, src_eph, true);
                if !same_subnet {
                    t.nacl("return", &src.subnet_id, false, q.protocol, src_eph, dst_ip);
                }
            }
            _ => {
                let why = format!("no network interface in the VPC has the address {}", dst_ip);
                t.hop("forward", "destination", dst_ip.to_string(), "deny", "unknown host".into(), why.clone());
                t.block(dst_ip.to_string(), "UNKNOWN_HOST", why);
            }
        }
    }

    /// An internet gateway: 1:1 NAT to the source's public IPv4, then out.
    fn forward_igw(&self, t: &mut Trace, o: Outbound, target: &str) {
        let Outbound { src, dst, q, dst_ip, .. } = o;
        let src_label = self.eni_label(src);
        let src_eph = LINUX_EPHEMERAL;
        let Some(pub_ip) = src.public_ip else {
            let why = format!("{} has no public IPv4 address: the internet gateway only translates instances that have one (use a NAT gateway for private subnets)", src_label);
            t.hop(
                "forward",
                "internet gateway",
                self.label(target),
                "deny",
                "no public IPv4 on the source".into(),
                why.clone(),
            );
            t.block(src_label, "NO_PUBLIC_IP", why);
            return;
        };
        t.hop(
            "forward",
            "internet gateway",
            self.label(target),
            "pass",
            format!("1:1 NAT {} → {}", src.private_ip, pub_ip),
            String::new(),
        );
        self.to_public(t, src, dst, dst_ip, pub_ip, src_eph, q);
    }

    /// A peering connection: only to an ENI of the peer VPC (not transitive, no edge to edge).
    fn forward_peering(&self, t: &mut Trace, o: Outbound, target: &str) {
        let Outbound { src, dst, dst_ip, dst_private, .. } = o;
        let Some(p) = self.peerings.iter().find(|p| p.id == target) else { return };
        let peer_vpc = p.other(&src.vpc_id).unwrap_or_default().to_string();
        t.hop(
            "forward",
            "peering connection",
            self.label(&p.id),
            "pass",
            format!("{} ↔ {}", p.requester_vpc, p.accepter_vpc),
            String::new(),
        );
        match dst {
            End::Eni { eni, .. } if eni.vpc_id == peer_vpc && dst_private => {
                let same_region = p.region == p.accepter_region;
                let groups: Vec<String> = if same_region { src.security_groups.clone() } else { vec![] };
                self.deliver_through(t, o, eni, &groups, target, &format!("the same peering connection {}", target));
            }
            End::Eni { eni, .. } => {
                let why = format!(
                    "{} is in {}, not in the peer {}: VPC peering is not transitive",
                    dst_ip,
                    self.label(&eni.vpc_id),
                    self.label(&peer_vpc)
                );
                t.hop("forward", "peering connection", self.label(&p.id), "deny", "not transitive".into(), why.clone());
                t.block(self.label(&p.id), "NO_TRANSITIVE_PEERING", why);
            }
            _ => {
                let why = format!("{} is not in the peer VPC: peering gives no edge-to-edge routing (the peer's IGW, NAT or endpoints cannot be used)", dst_ip);
                t.hop(
                    "forward",
                    "peering connection",
                    self.label(&p.id),
                    "deny",
                    "no edge-to-edge routing".into(),
                    why.clone(),
                );
                t.block(self.label(&p.id), "PEERING_NO_EDGE_TO_EDGE", why);
            }
        }
    }

    /// A transit gateway: its propagated routes to an attached VPC's ENI.
    fn forward_tgw(&self, t: &mut Trace, o: Outbound, target: &str) {
        let Outbound { src, dst, dst_ip, dst_private, .. } = o;
        let attached = self.tgw_attachments.iter().any(|a| a.tgw_id == target && a.vpc_id == src.vpc_id);
        let hit = self
            .tgw_routes(target)
            .into_iter()
            .filter(|(c, _, _)| c.contains(&dst_ip))
            .max_by_key(|(c, _, _)| c.prefix_len());
        match (attached, hit, dst) {
            (true, Some((c, att, vpc)), End::Eni { eni, .. }) if eni.vpc_id == vpc && dst_private => {
                t.hop(
                    "forward",
                    "transit gateway",
                    self.label(target),
                    "pass",
                    format!("{} → {} (propagated)", c, att),
                    "default TGW route table".into(),
                );
                self.deliver_through(t, o, eni, &[], target, &format!("the transit gateway {}", target));
            }
            _ => {
                let why = format!("the transit gateway {} has no attachment route to {}", target, dst_ip);
                t.hop(
                    "forward",
                    "transit gateway",
                    self.label(target),
                    "deny",
                    "no matching TGW route".into(),
                    why.clone(),
                );
                t.block(self.label(target), "TGW_RTB_NO_ROUTE", why);
            }
        }
    }

    /// Through a peering connection or transit gateway (`target`) into `eni`: delivered
    /// with `groups` as the source's, the reply routed back through the same `target`, then
    /// through the source subnet's NACL.
    fn deliver_through(
        &self,
        t: &mut Trace,
        o: Outbound,
        eni: &NetworkInterface,
        groups: &[String],
        target: &str,
        want: &str,
    ) {
        let Outbound { src, q, dst_ip, .. } = o;
        let src_eph = LINUX_EPHEMERAL;
        self.deliver(t, src, eni, &q, src.private_ip, groups, src_eph, false);
        self.route_back(t, &eni.subnet_id, src.private_ip, |tg| tg == target, want);
        t.nacl("return", &src.subnet_id, false, q.protocol, src_eph, dst_ip);
    }

    /// A gateway endpoint: the private path to the AWS service.
    fn forward_endpoint(&self, t: &mut Trace, o: Outbound, target: &str) {
        let Outbound { src, q, dst_ip, .. } = o;
        let Some(ep) = self.endpoints.iter().find(|e| e.id == target) else { return };
        t.hop(
            "forward",
            "gateway endpoint",
            self.label(&ep.id),
            "pass",
            format!("{} via prefix list {}", ep.service_name, ep.prefix_list_id),
            "private path to the service; no public IP needed".into(),
        );
        t.nacl("return", &src.subnet_id, false, q.protocol, LINUX_EPHEMERAL, dst_ip);
    }

    /// A virtual private gateway: the trace ends at the VPN.
    fn forward_vgw(&self, t: &mut Trace, o: Outbound, target: &str) {
        let Outbound { src, q, dst_ip, .. } = o;
        t.hop(
            "forward",
            "virtual private gateway",
            self.label(target),
            "pass",
            "leaves to the VPN".into(),
            "the model stops at the VPN: on-premises routing and firewalls are not modelled".into(),
        );
        t.exit = Some(format!("the traffic reaches the virtual private gateway {}; the VPN and on-premises network beyond it are not modelled", target));
        t.nacl("return", &src.subnet_id, false, q.protocol, LINUX_EPHEMERAL, dst_ip);
    }

    /// Into an ENI from a private source: NACL in (when crossing subnets), SG in, and the
    /// reply through the destination subnet's NACL out.
    #[allow(clippy::too_many_arguments)]
    fn deliver(
        &self,
        t: &mut Trace,
        src: &NetworkInterface,
        dst: &NetworkInterface,
        q: &Query,
        from: Ipv4Addr,
        from_groups: &[String],
        client_eph: (u16, u16),
        _same_vpc: bool,
    ) {
        let label = self.eni_label(dst);
        if !self.eni_running(dst) {
            t.hop("forward", "instance state", label.clone(), "deny", "not running".into(), String::new());
            t.block(label.clone(), "INSTANCE_NOT_RUNNING", format!("{} is not running", label));
            return;
        }
        let crossing = dst.subnet_id != src.subnet_id;
        if crossing && !t.nacl("forward", &dst.subnet_id, false, q.protocol, q.ports(), from) {
            return;
        }
        if !t.sg("forward", dst, true, q, from, from_groups, None) {
            return;
        }
        if crossing {
            t.nacl("return", &dst.subnet_id, true, q.protocol, client_eph, from);
        }
    }

    /// The source has left through its IGW (as `pub_ip`) towards a public address.
    #[allow(clippy::too_many_arguments)]
    fn to_public(
        &self,
        t: &mut Trace,
        src: &NetworkInterface,
        dst: &End,
        dst_ip: Ipv4Addr,
        from_public: Ipv4Addr,
        client_eph: (u16, u16),
        q: Query,
    ) {
        match dst {
            End::Eni { eni, .. } if eni.public_ip == Some(dst_ip) => {
                self.inbound_from_internet(t, eni, from_public, client_eph, q);
            }
            End::Eni { eni, .. } => {
                let why = format!("{} is a private address: it cannot be reached over the internet", eni.private_ip);
                t.hop("forward", "destination", self.eni_label(eni), "deny", "private address".into(), why.clone());
                t.block(self.eni_label(eni), "NO_ROUTE_TO_DESTINATION", why);
                return;
            }
            _ => {
                t.hop(
                    "forward",
                    "internet",
                    dst_ip.to_string(),
                    "pass",
                    "public internet".into(),
                    "beyond the VPC the internet is assumed to deliver".into(),
                );
            }
        }
        if src.owner.starts_with("i-") {
            t.nacl("return", &src.subnet_id, false, q.protocol, client_eph, dst_ip);
        }
    }

    /// Through a NAT gateway: into its subnet, out by its own route table to an IGW.
    fn via_nat(&self, t: &mut Trace, o: Outbound, nat_id: &str) {
        let Outbound { src, dst_ip, q, .. } = o;
        let Some(nat) = self.nat_gateways.iter().find(|n| n.id == nat_id) else { return };
        let nat_label = self.label(&nat.id);
        if nat.subnet_id != src.subnet_id
            && !t.nacl("forward", &nat.subnet_id, false, q.protocol, q.ports(), src.private_ip)
        {
            return;
        }
        if matches!(q.protocol, Protocol::All | Protocol::Other(_)) {
            let why = "a NAT gateway forwards only TCP, UDP and ICMP".to_string();
            t.hop("forward", "NAT gateway", nat_label.clone(), "deny", "protocol".into(), why.clone());
            t.block(nat_label, "NAT_PROTOCOL_UNSUPPORTED", why);
            return;
        }
        t.hop(
            "forward",
            "NAT gateway",
            nat_label.clone(),
            "pass",
            format!("{} NAT, source becomes {}", nat.connectivity.as_str(), nat.public_ip.unwrap_or(nat.private_ip)),
            format!("in {}", self.label(&nat.subnet_id)),
        );
        if !t.nacl("forward", &nat.subnet_id, true, q.protocol, q.ports(), dst_ip) {
            return;
        }
        let Some(rt) = self.route_table_for_subnet(&nat.subnet_id) else { return };
        let comp = format!("{} of {}", self.label(&rt.id), self.short_name(&nat.subnet_id));
        let route = self.select_route(rt, dst_ip).filter(|r| self.target_state(&r.target) == "active");
        match route {
            Some(r) if r.target.starts_with("igw-") && nat.connectivity == Connectivity::Public => {
                self.nat_to_internet(t, o, nat, r, comp);
            }
            Some(r) if r.target.starts_with("igw-") => {
                let why = "a private NAT gateway routed to an internet gateway: AWS drops that traffic".to_string();
                t.route_denied("forward", comp.clone(), Some(r), why.clone());
                t.block(nat_label, "PRIVATE_NAT_TO_IGW", why);
            }
            Some(r) => {
                let why = format!("the NAT gateway's subnet sends {} to {}, not to an internet gateway (a public NAT gateway must sit in a public subnet)", dst_ip, r.target);
                t.route_denied("forward", comp.clone(), Some(r), why.clone());
                t.block(comp, "NAT_NO_ROUTE_TO_IGW", why);
            }
            None => {
                let why = format!("the NAT gateway's subnet has no active route to {}", dst_ip);
                t.route_denied("forward", comp.clone(), None, why.clone());
                t.block(comp, "NO_ROUTE_TO_DESTINATION", why);
            }
        }
    }

    /// A public NAT gateway whose subnet routes to an internet gateway: out through its
    /// Elastic IP, the reply back through the NAT subnet and the source's.
    fn nat_to_internet(&self, t: &mut Trace, o: Outbound, nat: &NatGateway, r: &Route, comp: String) {
        let Outbound { src, dst, q, dst_ip, .. } = o;
        t.hop(
            "forward",
            "route table",
            comp,
            "pass",
            format!("{} → {}", r.destination, r.target),
            "the NAT gateway's subnet is public".into(),
        );
        let Some(pub_ip) = nat.public_ip else { return };
        t.hop(
            "forward",
            "internet gateway",
            self.label(&r.target),
            "pass",
            format!("NAT gateway's Elastic IP {}", pub_ip),
            String::new(),
        );
        // The reply enters the NAT subnet on the NAT's ports, then goes to the instance.
        let nat_eni = self.network_interfaces.iter().find(|e| e.id == nat.eni_id).cloned();
        if let Some(ne) = nat_eni {
            match dst {
                End::Eni { eni, .. } if eni.public_ip == Some(dst_ip) => {
                    self.inbound_from_internet(t, eni, pub_ip, NAT_EPHEMERAL, q)
                }
                End::Eni { .. } => {}
                _ => t.hop(
                    "forward",
                    "internet",
                    dst_ip.to_string(),
                    "pass",
                    "public internet".into(),
                    "beyond the VPC the internet is assumed to deliver".into(),
                ),
            }
            t.nacl("return", &ne.subnet_id, false, q.protocol, NAT_EPHEMERAL, dst_ip);
        }
        if nat.subnet_id != src.subnet_id {
            t.nacl("return", &nat.subnet_id, true, q.protocol, LINUX_EPHEMERAL, src.private_ip);
            t.nacl("return", &src.subnet_id, false, q.protocol, LINUX_EPHEMERAL, dst_ip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::network::instances::RunSpec;
    use crate::model::network::security::{RuleSpec, NACL_RULES_PER_DIRECTION};

    /// The benchmark of issues 3 and 9: reach in networks of 1k, 10k and 100k SG/NACL rules;
    /// prints the time per query and the ratio to the smallest (no assertion on time). Run:
    /// `cargo test --release --lib reach_scales -- --ignored --nocapture`.
    /// AWS's quotas bound what one path evaluates (≤ 5 SGs × 60 rules per ENI, 20 NACL rules
    /// per direction), so a query's cost follows the model's size only through lookups.
    #[test]
    #[ignore]
    fn reach_scales_linearly() {
        let mut first: Option<f64> = None;
        for &(subnets, rules) in &[(100usize, 1_000usize), (1_000, 10_000), (1_000, 100_000)] {
            let mut n = Network::default();
            let r = "us-east-1";
            // 5 VPCs (the regional quota) × up to 200 subnets (the per-VPC quota).
            let vpcs: Vec<String> =
                (0..5).map(|v| n.create_vpc(r, &format!("10.{}.0.0/16", v * 10), None).unwrap()).collect();
            let per_vpc = subnets / 5;
            let mut subnet_ids = Vec::new();
            for k in 0..subnets {
                let v = k / per_vpc;
                subnet_ids.push(
                    n.create_subnet(r, &vpcs[v], &format!("10.{}.{}.0/24", v * 10, k % per_vpc), None, None).unwrap(),
                );
            }
            // About half the rules in NACLs (as many as the 20-per-direction quota allows):
            // one NACL per 5 subnets, denies that never match the query, then allow-all at 32000.
            let acls = subnets / 5;
            let per_acl = ((rules / 2) / acls).min(2 * (NACL_RULES_PER_DIRECTION - 2));
            let mut nacl_rules = 0;
            for a in 0..acls {
                let v = (a * 5) / per_vpc;
                let acl = n.create_network_acl(r, &vpcs[v], None).unwrap();
                for k in 0..per_acl as u32 {
                    let e = NaclEntry {
                        rule_number: 100 + k,
                        egress: k % 2 == 1,
                        protocol: Protocol::Tcp,
                        ports: Some((1000 + k as u16, 1000 + k as u16)),
                        cidr: "0.0.0.0/0".parse().unwrap(),
                        allow: false,
                    };
                    n.put_nacl_entry(r, &acl, e, false).unwrap();
                    nacl_rules += 1;
                }
                for egress in [false, true] {
                    let e = NaclEntry {
                        rule_number: 32000,
                        egress,
                        protocol: Protocol::All,
                        ports: None,
                        cidr: "0.0.0.0/0".parse().unwrap(),
                        allow: true,
                    };
                    n.put_nacl_entry(r, &acl, e, false).unwrap();
                }
                for s in &subnet_ids[a * 5..a * 5 + 5] {
                    n.associate_nacl_with_subnet(r, &acl, s).unwrap();
                }
            }
            // The other half in security groups of 50 rules each (VPC 0).
            let mut sgs = Vec::new();
            let mut sg_rules = 0;
            while sg_rules < rules - nacl_rules {
                let g = n.create_security_group(r, &vpcs[0], &format!("g{}", sgs.len()), "bench", None).unwrap();
                let specs: Vec<RuleSpec> = (0..50u16)
                    .map(|p| RuleSpec {
                        protocol: Protocol::Tcp,
                        ports: Some((2000 + p, 2000 + p)),
                        peer: Peer::Cidr("10.0.0.0/8".parse().unwrap()),
                        description: None,
                    })
                    .collect();
                n.authorize(r, &g, true, &specs).unwrap();
                sg_rules += 50;
                sgs.push(g);
            }
            let a = n
                .run_instances(
                    r,
                    &RunSpec {
                        subnet: Some(subnet_ids[0].clone()),
                        security_groups: sgs[..5].to_vec(),
                        count: 1,
                        ..Default::default()
                    },
                )
                .unwrap();
            let b = n
                .run_instances(
                    r,
                    &RunSpec {
                        subnet: Some(subnet_ids[per_vpc - 1].clone()),
                        security_groups: sgs[sgs.len() - 5..].to_vec(),
                        count: 1,
                        ..Default::default()
                    },
                )
                .unwrap();
            assert!(sg_rules + nacl_rules >= rules, "built {} rules, wanted {}", sg_rules + nacl_rules, rules);
            let runs = 200;
            let t0 = crate::clock::instant();
            let mut ok = 0;
            for _ in 0..runs {
                let rep = n.reach(r, &a[0], &b[0], Protocol::Tcp, Some(2049)).unwrap();
                assert!(rep.reachable, "{:?}", rep);
                ok += rep.hops.len();
            }
            let per = t0.elapsed().as_secs_f64() * 1e6 / runs as f64;
            let base = *first.get_or_insert(per);
            println!(
                "reach: {} subnets, {} rules ({} SG + {} NACL): {:.1} µs per query ({} hops), {:.2}× the 1k-rule network",
                subnets,
                sg_rules + nacl_rules,
                sg_rules,
                nacl_rules,
                per,
                ok / runs,
                per / base
            );
        }
    }
}
