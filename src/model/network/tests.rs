//! Scenario tests of the network model, written like the AWS documentation's examples.

use super::instances::RunSpec;
use super::security::RuleSpec;
use super::wizard::{NatPlan, WizardSpec};
use super::*;

const R: &str = "us-east-1";

fn run(n: &mut Network, subnet: &str, sgs: &[&str], public: bool, name: &str) -> String {
    n.run_instances(
        R,
        &RunSpec {
            instance_type: "t3.micro".into(),
            subnet: Some(subnet.into()),
            security_groups: sgs.iter().map(|s| s.to_string()).collect(),
            associate_public_ip: Some(public),
            count: 1,
            name: Some(name.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .remove(0)
}

#[test]
fn ids_are_aws_shaped_and_deterministic() {
    let mut a = Network::default();
    let mut b = Network::default();
    let x = a.create_vpc(R, "10.0.0.0/16", None).unwrap();
    let y = b.create_vpc(R, "10.0.0.0/16", None).unwrap();
    assert_eq!(x, y);
    assert!(x.starts_with("vpc-0"));
    assert_eq!(x.len(), "vpc-".len() + 17);
    assert!(x[4..].chars().all(|c| c.is_ascii_hexdigit()));
}

fn sg_rule(p: Protocol, port: u16, peer: &str) -> RuleSpec {
    let peer = if peer.contains('/') { Peer::Cidr(peer.parse().unwrap()) } else { Peer::Group(peer.to_string()) };
    RuleSpec { protocol: p, ports: Some((port, port)), peer, description: None }
}

fn entry(n: u32, egress: bool, ports: Option<(u16, u16)>, cidr: &str, allow: bool) -> NaclEntry {
    NaclEntry {
        rule_number: n,
        egress,
        protocol: if ports.is_some() { Protocol::Tcp } else { Protocol::All },
        ports,
        cidr: cidr.parse().unwrap(),
        allow,
    }
}

/// The AWS documentation's "VPC with public and private subnets (NAT)", built by hand.
struct PubPriv {
    n: Network,
    web: String,
    app: String,
    nat: String,
    public: String,
    private: String,
    private_rt: String,
}

fn public_private() -> PubPriv {
    let mut n = Network::default();
    let vpc = n.create_vpc(R, "10.0.0.0/16", Some("prod".into())).unwrap();
    let public = n.create_subnet(R, &vpc, "10.0.0.0/24", Some("us-east-1a"), Some("public-a".into())).unwrap();
    let private = n.create_subnet(R, &vpc, "10.0.1.0/24", Some("us-east-1a"), Some("private-a".into())).unwrap();
    let igw = n.create_internet_gateway(R, Some("igw".into()));
    n.attach_internet_gateway(R, &igw, &vpc).unwrap();
    let public_rt = n.create_route_table(R, &vpc, Some("public-rt".into())).unwrap();
    n.create_route(R, &public_rt, "0.0.0.0/0", "igw").unwrap();
    n.associate_route_table(R, &public_rt, &public).unwrap();
    let eip = n.allocate_address(R, None).unwrap();
    let nat = n.create_nat_gateway(R, &public, Some(&eip), Connectivity::Public, Some("nat-a".into())).unwrap();
    let private_rt = n.create_route_table(R, &vpc, Some("private-rt".into())).unwrap();
    n.create_route(R, &private_rt, "0.0.0.0/0", &nat).unwrap();
    n.associate_route_table(R, &private_rt, &private).unwrap();
    let web_sg = n.create_security_group(R, &vpc, "web", "web tier", None).unwrap();
    n.authorize(R, &web_sg, true, &[sg_rule(Protocol::Tcp, 443, "0.0.0.0/0")]).unwrap();
    let app_sg = n.create_security_group(R, &vpc, "app", "app tier", None).unwrap();
    n.authorize(R, &app_sg, true, &[sg_rule(Protocol::Tcp, 8080, "web")]).unwrap();
    let web = run(&mut n, &public, &["web"], true, "web1");
    let app = run(&mut n, &private, &["app"], false, "app1");
    PubPriv { n, web, app, nat, public, private, private_rt }
}

#[test]
fn public_private_vpc_with_nat_gateway() {
    let p = public_private();
    let n = &p.n;
    // The NAT took .4 of the public subnet, so web1 got .5 (first free after the 4 reserved).
    let web = n.instances.iter().find(|i| i.id == p.web).unwrap();
    assert_eq!(n.instance_addresses(web).0.unwrap().to_string(), "10.0.0.5");
    assert!(n.subnet_is_public(&p.public));
    assert!(!n.subnet_is_public(&p.private));

    let r = n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap();
    assert!(r.reachable, "{:?}", r);
    let r = n.reach(R, "app1", "internet", Protocol::Tcp, Some(443)).unwrap();
    assert!(r.reachable, "{:?}", r);
    assert!(r.hops.iter().any(|h| h.check == "NAT gateway"));
    // The NAT's reply comes back on 1024–65535, then to the instance on 32768–60999.
    assert!(r.hops.iter().any(|h| h.leg == "return" && h.detail.contains("1024-65535")));
    assert!(r.hops.iter().any(|h| h.leg == "return" && h.detail.contains("32768-60999")));
    let r = n.reach(R, "web1", "app1", Protocol::Tcp, Some(8080)).unwrap();
    assert!(r.reachable, "{:?}", r);
    // The private instance has no public address: the internet cannot reach it.
    let r = n.reach(R, "internet", "app1", Protocol::Tcp, Some(8080)).unwrap();
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "NO_PUBLIC_IP");
}

#[test]
fn deleting_the_nat_gateway_blackholes_the_private_route() {
    let mut p = public_private();
    p.n.delete_nat_gateway(R, &p.nat).unwrap();
    let r = p.n.reach(R, "app1", "internet", Protocol::Tcp, Some(443)).unwrap();
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "ROUTE_BLACKHOLE");
    let rt = p.n.route_tables.iter().find(|t| t.id == p.private_rt).unwrap();
    assert!(rt.routes.iter().any(|x| p.n.target_state(&x.target) == "blackhole"));
}

#[test]
fn nat_gateway_in_a_private_subnet_cannot_reach_the_internet() {
    let mut p = public_private();
    let eip = p.n.allocate_address(R, None).unwrap();
    let bad_nat = p.n.create_nat_gateway(R, &p.private, Some(&eip), Connectivity::Public, None).unwrap();
    p.n.replace_route(R, &p.private_rt, "0.0.0.0/0", &bad_nat).unwrap();
    let r = p.n.reach(R, "app1", "internet", Protocol::Tcp, Some(443)).unwrap();
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "NAT_NO_ROUTE_TO_IGW");
}

#[test]
fn web_reaches_db_on_5432_through_a_security_group_reference() {
    let mut n = Network::default();
    let vpc = n.create_vpc(R, "10.0.0.0/16", None).unwrap();
    let a = n.create_subnet(R, &vpc, "10.0.1.0/24", Some("us-east-1a"), None).unwrap();
    let b = n.create_subnet(R, &vpc, "10.0.2.0/24", Some("us-east-1b"), None).unwrap();
    let web = n.create_security_group(R, &vpc, "web", "web", None).unwrap();
    let db = n.create_security_group(R, &vpc, "db", "db", None).unwrap();
    let other = n.create_security_group(R, &vpc, "other", "other", None).unwrap();
    n.authorize(R, &db, true, &[sg_rule(Protocol::Tcp, 5432, &web)]).unwrap();
    run(&mut n, &a, &["web"], false, "web1");
    run(&mut n, &b, &["db"], false, "db1");
    run(&mut n, &a, &[&other], false, "batch1");
    let r = n.reach(R, "web1", "db1", Protocol::Tcp, Some(5432)).unwrap();
    assert!(r.reachable, "{:?}", r);
    let sg_hop = r.hops.iter().find(|h| h.check == "security group inbound").unwrap();
    assert!(sg_hop.rule.contains("5432") && sg_hop.rule.contains(&web), "{}", sg_hop.rule);
    // Not a member of `web`: the rule does not match its address.
    let r = n.reach(R, "batch1", "db1", Protocol::Tcp, Some(5432)).unwrap();
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "ENI_SG_RULES_MISMATCH");
    assert!(r.blocked_by.unwrap().contains("db"));
    // Wrong port; and the reference is one-way.
    assert!(!n.reach(R, "web1", "db1", Protocol::Tcp, Some(3306)).unwrap().reachable);
    assert!(!n.reach(R, "db1", "web1", Protocol::Tcp, Some(5432)).unwrap().reachable);
}

#[test]
fn a_nacl_that_forgets_the_ephemeral_ports_breaks_the_reply() {
    let mut p = public_private();
    let vpc = p.n.subnets.iter().find(|s| s.id == p.public).unwrap().vpc_id.clone();
    let acl = p.n.create_network_acl(R, &vpc, Some("strict".into())).unwrap();
    p.n.put_nacl_entry(R, &acl, entry(100, false, Some((443, 443)), "0.0.0.0/0", true), false).unwrap();
    p.n.put_nacl_entry(R, &acl, entry(100, true, Some((443, 443)), "0.0.0.0/0", true), false).unwrap();
    p.n.associate_nacl_with_subnet(R, &acl, &p.public).unwrap();
    let r = p.n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap();
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "SUBNET_ACL_RESTRICTION");
    let hop = r.hops.iter().find(|h| h.decision == "deny").unwrap();
    assert_eq!(hop.leg, "return");
    assert!(hop.rule.contains("*"), "{}", hop.rule);
    // Part of the range (1024–40000) only: unreliable.
    p.n.put_nacl_entry(R, &acl, entry(110, true, Some((1024, 40000)), "0.0.0.0/0", true), false).unwrap();
    let r = p.n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap();
    assert_eq!(r.verdict, "unreliable");
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "RETURN_ACL_EPHEMERAL_PARTIAL");
    // AWS's advice: 1024–65535.
    p.n.put_nacl_entry(R, &acl, entry(110, true, Some((1024, 65535)), "0.0.0.0/0", true), true).unwrap();
    assert!(p.n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap().reachable);
    // A deny placed before the allow wins (lowest number first).
    p.n.put_nacl_entry(R, &acl, entry(50, false, Some((443, 443)), "203.0.113.0/24", false), false).unwrap();
    let r = p.n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap();
    assert!(!r.reachable);
    assert!(r.hops.iter().any(|h| h.rule.contains("rule 50 deny")));
    // A new custom NACL denies everything.
    let empty = p.n.create_network_acl(R, &vpc, None).unwrap();
    p.n.associate_nacl_with_subnet(R, &empty, &p.private).unwrap();
    assert!(!p.n.reach(R, "web1", "app1", Protocol::Tcp, Some(8080)).unwrap().reachable);
}

#[test]
fn peering_is_not_transitive() {
    let mut n = Network::default();
    let mut ids = Vec::new();
    for (name, c) in [("A", "10.1.0.0/16"), ("B", "10.2.0.0/16"), ("C", "10.3.0.0/16")] {
        let v = n.create_vpc(R, c, Some(name.into())).unwrap();
        let s = n.create_subnet(R, &v, &c.replace("0.0/16", "1.0/24"), Some("us-east-1a"), None).unwrap();
        let g = n.create_security_group(R, &v, "all", "all", None).unwrap();
        n.authorize(
            R,
            &g,
            true,
            &[RuleSpec {
                protocol: Protocol::All,
                ports: None,
                peer: Peer::Cidr("10.0.0.0/8".parse().unwrap()),
                description: None,
            }],
        )
        .unwrap();
        run(&mut n, &s, &[&g], false, &format!("{}1", name.to_lowercase()));
        ids.push(v);
    }
    let ab = n.create_peering(R, "A", "B", None, Some("ab".into())).unwrap();
    let bc = n.create_peering(R, "B", "C", None, Some("bc".into())).unwrap();
    n.accept_peering(R, &ab).unwrap();
    n.accept_peering(R, &bc).unwrap();
    let main = |n: &Network, v: &str| n.main_route_table(v).unwrap().id.clone();
    let (ma, mb, mc) = (main(&n, &ids[0]), main(&n, &ids[1]), main(&n, &ids[2]));
    n.create_route(R, &ma, "10.2.0.0/16", "ab").unwrap();
    let r = n.reach(R, "a1", "b1", Protocol::Tcp, Some(22)).unwrap();
    assert_eq!(r.explanation_code, "NO_RETURN_ROUTE", "B has no route back yet");
    n.create_route(R, &mb, "10.1.0.0/16", "ab").unwrap();
    n.create_route(R, &mb, "10.3.0.0/16", "bc").unwrap();
    n.create_route(R, &mc, "10.2.0.0/16", "bc").unwrap();
    assert!(n.reach(R, "a1", "b1", Protocol::Tcp, Some(22)).unwrap().reachable);
    assert!(n.reach(R, "b1", "c1", Protocol::Tcp, Some(22)).unwrap().reachable);
    // A has no route to C at all…
    assert_eq!(n.reach(R, "a1", "c1", Protocol::Tcp, Some(22)).unwrap().explanation_code, "NO_ROUTE_TO_DESTINATION");
    // …and sending C's block over A–B does not help: peering is not transitive.
    n.create_route(R, &ma, "10.3.0.0/16", "ab").unwrap();
    let r = n.reach(R, "a1", "c1", Protocol::Tcp, Some(22)).unwrap();
    assert!(!r.reachable);
    assert_eq!(r.explanation_code, "NO_TRANSITIVE_PEERING");
}

#[test]
fn transit_gateway_routes_between_vpcs() {
    let mut n = Network::default();
    let mut subnets = Vec::new();
    for (name, c) in [("A", "10.1.0.0/16"), ("C", "10.3.0.0/16")] {
        let v = n.create_vpc(R, c, Some(name.into())).unwrap();
        let s = n.create_subnet(R, &v, &c.replace("0.0/16", "1.0/24"), Some("us-east-1a"), None).unwrap();
        let g = n.create_security_group(R, &v, "all", "all", None).unwrap();
        n.authorize(R, &g, true, &[sg_rule(Protocol::Tcp, 22, "10.0.0.0/8")]).unwrap();
        run(&mut n, &s, &[&g], false, &format!("{}1", name.to_lowercase()));
        subnets.push((v, s));
    }
    let tgw = n.create_transit_gateway(R, Some("hub".into()));
    assert_eq!(
        n.create_route(R, &n.main_route_table(&subnets[0].0).unwrap().id.clone(), "10.3.0.0/16", "hub")
            .unwrap_err()
            .code,
        "InvalidTransitGatewayID.NotFound"
    );
    for (v, s) in &subnets {
        n.create_tgw_attachment(R, &tgw, v, std::slice::from_ref(s), None).unwrap();
    }
    let ma = n.main_route_table(&subnets[0].0).unwrap().id.clone();
    let mc = n.main_route_table(&subnets[1].0).unwrap().id.clone();
    n.create_route(R, &ma, "10.0.0.0/8", "hub").unwrap();
    n.create_route(R, &mc, "10.0.0.0/8", "hub").unwrap();
    let r = n.reach(R, "a1", "c1", Protocol::Tcp, Some(22)).unwrap();
    assert!(r.reachable, "{:?}", r);
    assert!(r.hops.iter().any(|h| h.check == "transit gateway"));
}

#[test]
fn private_subnet_reaches_s3_only_through_a_gateway_endpoint() {
    let mut n = Network::default();
    let vpc = n.create_vpc(R, "10.0.0.0/16", None).unwrap();
    let s = n.create_subnet(R, &vpc, "10.0.1.0/24", Some("us-east-1a"), None).unwrap();
    run(&mut n, &s, &[], false, "worker");
    let r = n.reach(R, "worker", "s3", Protocol::Tcp, Some(443)).unwrap();
    assert_eq!(r.explanation_code, "NO_ROUTE_TO_DESTINATION");
    let main = n.main_route_table(&vpc).unwrap().id.clone();
    let ep =
        n.create_gateway_endpoint(R, &vpc, "com.amazonaws.us-east-1.s3", std::slice::from_ref(&main), None).unwrap();
    let r = n.reach(R, "worker", "s3", Protocol::Tcp, Some(443)).unwrap();
    assert!(r.reachable, "{:?}", r);
    assert!(r.hops.iter().any(|h| h.component.contains(&ep)));
    // Only S3: DynamoDB and the internet stay out of reach.
    assert!(!n.reach(R, "worker", "dynamodb", Protocol::Tcp, Some(443)).unwrap().reachable);
    assert!(!n.reach(R, "worker", "internet", Protocol::Tcp, Some(443)).unwrap().reachable);
    // One route per service per table; another region's service name is refused.
    assert_eq!(
        n.create_gateway_endpoint(R, &vpc, "com.amazonaws.us-east-1.s3", std::slice::from_ref(&main), None)
            .unwrap_err()
            .code,
        "RouteAlreadyExists"
    );
    assert_eq!(
        n.create_gateway_endpoint(R, &vpc, "com.amazonaws.eu-west-1.s3", &[main], None).unwrap_err().code,
        "InvalidServiceName"
    );
}

#[test]
fn longest_prefix_match_picks_the_most_specific_route() {
    let mut p = public_private();
    let vpc = p.n.subnets[0].vpc_id.clone();
    let other = p.n.create_vpc(R, "10.9.0.0/16", None).unwrap();
    let pcx = p.n.create_peering(R, &vpc, &other, None, None).unwrap();
    p.n.accept_peering(R, &pcx).unwrap();
    p.n.create_route(R, &p.private_rt, "10.9.0.0/16", &pcx).unwrap();
    let rt = p.n.route_tables.iter().find(|t| t.id == p.private_rt).unwrap();
    assert_eq!(p.n.select_route(rt, "10.9.3.4".parse().unwrap()).unwrap().target, pcx);
    assert_eq!(p.n.select_route(rt, "10.0.0.9".parse().unwrap()).unwrap().target, "local");
    assert_eq!(p.n.select_route(rt, "8.8.8.8".parse().unwrap()).unwrap().target, p.nat);
}

#[test]
fn stop_start_changes_the_auto_assigned_public_ip_but_not_an_elastic_ip() {
    let mut p = public_private();
    let n = &mut p.n;
    let web = n.instances.iter().find(|i| i.id == p.web).unwrap().clone();
    let (private0, public0, _) = n.instance_addresses(&web);
    n.stop_instances(R, &["web1".into()], false).unwrap();
    let w = n.instances.iter().find(|i| i.id == p.web).unwrap().clone();
    assert_eq!(w.state, InstanceState::Stopped);
    assert_eq!(n.instance_addresses(&w).1, None, "stopping releases the auto-assigned address");
    assert_eq!(n.instance_addresses(&w).0, private0, "the private IP stays");
    assert_eq!(n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap().explanation_code, "NO_PUBLIC_IP");
    n.start_instances(R, &["web1".into()]).unwrap();
    let (_, public1, _) = n.instance_addresses(n.instances.iter().find(|i| i.id == p.web).unwrap());
    assert!(public1.is_some() && public1 != public0, "a new public IP after start");
    let eip = n.allocate_address(R, None).unwrap();
    n.associate_address(R, &eip, Some("web1"), None).unwrap();
    let eip_ip = n.elastic_ips.iter().find(|e| e.allocation_id == eip).unwrap().public_ip;
    n.stop_instances(R, &["web1".into()], false).unwrap();
    n.start_instances(R, &["web1".into()]).unwrap();
    let (_, public2, is_eip) = n.instance_addresses(n.instances.iter().find(|i| i.id == p.web).unwrap());
    assert_eq!(public2, Some(eip_ip));
    assert!(is_eip);
    // Reboot needs a running instance; terminate releases the ENI but keeps the EIP.
    n.stop_instances(R, &["app1".into()], false).unwrap();
    assert_eq!(n.reboot_instances(R, &["app1".into()]).unwrap_err().code, "IncorrectInstanceState");
    n.terminate_instances(R, &["web1".into()]).unwrap();
    assert_eq!(n.start_instances(R, &[p.web.clone()]).unwrap_err().code, "IncorrectInstanceState");
    assert!(n.elastic_ips.iter().any(|e| e.allocation_id == eip && e.eni_id.is_none()));
}

#[test]
fn private_ips_are_handed_out_like_dhcp() {
    let mut n = Network::default();
    let vpc = n.create_vpc(R, "10.0.0.0/16", None).unwrap();
    let s = n.create_subnet(R, &vpc, "10.0.0.0/28", Some("us-east-1a"), None).unwrap();
    assert_eq!(n.subnets[0].usable_addresses(), 11);
    let first = run(&mut n, &s, &[], false, "a");
    let i = n.instances.iter().find(|i| i.id == first).unwrap();
    assert_eq!(n.instance_addresses(i).0.unwrap().to_string(), "10.0.0.4");
    let spec = |ip: &str| RunSpec {
        subnet: Some(s.clone()),
        private_ip: Some(ip.parse().unwrap()),
        count: 1,
        instance_type: "t3.micro".into(),
        ..Default::default()
    };
    assert_eq!(n.run_instances(R, &spec("10.0.0.3")).unwrap_err().code, "InvalidParameterValue");
    assert_eq!(n.run_instances(R, &spec("10.0.0.15")).unwrap_err().code, "InvalidParameterValue");
    assert_eq!(n.run_instances(R, &spec("10.0.1.9")).unwrap_err().code, "InvalidParameterValue");
    assert_eq!(n.run_instances(R, &spec("10.0.0.4")).unwrap_err().code, "InvalidIPAddress.InUse");
    n.run_instances(R, &spec("10.0.0.9")).unwrap();
    // 9 more fill the /28 (11 usable); the 12th fails and launches nothing.
    let many = RunSpec { subnet: Some(s.clone()), count: 9, instance_type: "t3.micro".into(), ..Default::default() };
    let before = format!("{:?}", n);
    assert_eq!(
        n.run_instances(R, &RunSpec { count: 10, ..many.clone() }).unwrap_err().code,
        "InsufficientFreeAddressesInSubnet"
    );
    assert_eq!(before, format!("{:?}", n));
    n.run_instances(R, &many).unwrap();
    assert_eq!(n.available_ip_count(&n.subnets[0].clone()), 0);
    // A stopped instance keeps its address: still full.
    let ids: Vec<String> = n.instances.iter().map(|i| i.id.clone()).collect();
    n.stop_instances(R, &ids, false).unwrap();
    assert_eq!(
        n.run_instances(R, &RunSpec { count: 1, ..many }).unwrap_err().code,
        "InsufficientFreeAddressesInSubnet"
    );
}

#[test]
fn default_vpc_has_a_20_per_az_an_igw_and_public_subnets() {
    let mut n = Network::default();
    let vpc = n.create_default_vpc(R).unwrap();
    let azs = crate::model::regions::availability_zones(R);
    let subs: Vec<&Subnet> = n.subnets.iter().filter(|s| s.vpc_id == vpc).collect();
    assert_eq!(subs.len(), azs.len());
    assert_eq!(subs[0].cidr.to_string(), "172.31.0.0/20");
    assert_eq!(subs[1].cidr.to_string(), "172.31.16.0/20");
    assert!(subs.iter().all(|s| s.map_public_ip_on_launch && s.default_for_az && n.subnet_is_public(&s.id)));
    let ids =
        n.run_instances(R, &RunSpec { instance_type: "t3.micro".into(), count: 1, ..Default::default() }).unwrap();
    let i = n.instances.iter().find(|i| i.id == ids[0]).unwrap();
    assert!(n.instance_addresses(i).1.is_some(), "default subnets auto-assign public IPs");
    assert_eq!(n.create_default_vpc(R).unwrap_err().code, "DefaultVpcAlreadyExists");
}

#[test]
fn secondary_cidrs_follow_aws_rules() {
    let mut n = Network::default();
    let vpc = n.create_vpc(R, "10.0.0.0/16", None).unwrap();
    let rt = n.create_route_table(R, &vpc, None).unwrap();
    n.associate_vpc_cidr(R, &vpc, "10.1.0.0/16").unwrap();
    assert!(n.route_tables.iter().filter(|t| t.vpc_id == vpc).all(|t| t
        .routes
        .iter()
        .filter(|r| r.target == "local")
        .count()
        == 2));
    assert_eq!(n.associate_vpc_cidr(R, &vpc, "192.168.0.0/16").unwrap_err().code, "InvalidVpc.Range");
    assert_eq!(n.associate_vpc_cidr(R, &vpc, "10.0.128.0/17").unwrap_err().code, "InvalidVpc.Range");
    n.associate_vpc_cidr(R, &vpc, "100.64.0.0/16").unwrap();
    let _ = rt;
}

/// Every error code of the issue, each leaving the model exactly as it was.
#[test]
fn every_error_code_leaves_the_model_unchanged() {
    let mut p = public_private();
    let vpc = p.n.subnets[0].vpc_id.clone();
    let n = &mut p.n;
    let public_rt = n.route_tables.iter().find(|t| t.name.as_deref() == Some("public-rt")).unwrap().id.clone();
    let acl = n.create_network_acl(R, &vpc, None).unwrap();
    n.put_nacl_entry(R, &acl, entry(100, false, None, "0.0.0.0/0", true), false).unwrap();
    let pcx_vpc = n.create_vpc(R, "10.50.0.0/16", None).unwrap();
    let pcx = n.create_peering(R, &vpc, &pcx_vpc, None, None).unwrap();
    n.create_subnet(R, &pcx_vpc, "10.50.1.0/24", None, None).unwrap();
    let pcx_vpc2 = pcx_vpc.clone();
    n.accept_peering(R, &pcx).unwrap();
    let igw2 = n.create_internet_gateway(R, None);
    let full = n.create_security_group(R, &vpc, "full", "full", None).unwrap();
    let rules: Vec<RuleSpec> = (1..=60u16).map(|k| sg_rule(Protocol::Tcp, k, "0.0.0.0/0")).collect();
    n.authorize(R, &full, true, &rules).unwrap();
    let eip_count = n.elastic_ips.len();
    for _ in eip_count..5 {
        n.allocate_address(R, None).unwrap();
    }
    let before = format!("{:?}", n);
    type Case = (&'static str, Box<dyn Fn(&mut Network) -> NetResult<()>>);
    let cases: Vec<Case> = vec![
        ("InvalidVpc.Range", Box::new(|n| n.create_vpc(R, "10.0.0.0/8", None).map(|_| ()))),
        ("InvalidVpc.Range", Box::new(|n| n.create_vpc(R, "10.0.0.0/29", None).map(|_| ()))),
        ("InvalidVpc.Range", Box::new(|n| n.create_vpc(R, "169.254.0.0/16", None).map(|_| ()))),
        ("InvalidParameterValue", Box::new(|n| n.create_vpc(R, "10.0.0.300/16", None).map(|_| ()))),
        ("InvalidSubnet.Range", Box::new(|n| n.create_subnet(R, "prod", "10.1.0.0/24", None, None).map(|_| ()))),
        ("InvalidSubnet.Range", Box::new(|n| n.create_subnet(R, "prod", "10.0.9.0/29", None, None).map(|_| ()))),
        ("InvalidSubnet.Conflict", Box::new(|n| n.create_subnet(R, "prod", "10.0.0.128/25", None, None).map(|_| ()))),
        (
            "InvalidParameterValue",
            Box::new(|n| n.create_subnet(R, "prod", "10.0.9.0/24", Some("eu-west-1a"), None).map(|_| ())),
        ),
        ("InvalidVpcID.NotFound", Box::new(|n| n.create_subnet(R, "vpc-0nope", "10.0.9.0/24", None, None).map(|_| ()))),
        ("InvalidSubnetID.NotFound", Box::new(|n| n.delete_subnet(R, "subnet-0nope").map(|_| ()))),
        ("DependencyViolation", Box::new(|n| n.delete_vpc(R, "prod").map(|_| ()))),
        ("DependencyViolation", Box::new(|n| n.delete_subnet(R, "public-a").map(|_| ()))),
        ("DependencyViolation", Box::new(|n| n.delete_security_group(R, "web").map(|_| ()))),
        ("CannotDelete", Box::new(move |n| n.delete_security_group(R, &n.security_groups[0].id.clone()).map(|_| ()))),
        ("RouteAlreadyExists", Box::new(|n| n.create_route(R, "public-rt", "0.0.0.0/0", "igw"))),
        ("InvalidParameterValue", Box::new(|n| n.delete_route(R, "public-rt", "10.0.0.0/16"))),
        ("InvalidRoute.NotFound", Box::new(|n| n.delete_route(R, "public-rt", "192.0.2.0/24"))),
        ("Resource.AlreadyAssociated", Box::new(|n| n.associate_route_table(R, "public-rt", "public-a").map(|_| ()))),
        ("Resource.AlreadyAssociated", Box::new(move |n| n.attach_internet_gateway(R, &igw2, "prod"))),
        (
            "Gateway.NotAttached",
            Box::new(|n| {
                let g = n.create_internet_gateway(R, None);
                n.detach_internet_gateway(R, &g, "prod")
            }),
        ),
        (
            "InvalidPermission.Duplicate",
            Box::new(|n| n.authorize(R, "web", true, &[sg_rule(Protocol::Tcp, 443, "0.0.0.0/0")]).map(|_| ())),
        ),
        (
            "InvalidPermission.NotFound",
            Box::new(|n| n.revoke(R, "web", true, &[sg_rule(Protocol::Tcp, 22, "0.0.0.0/0")])),
        ),
        (
            "RulesPerSecurityGroupLimitExceeded",
            Box::new(|n| n.authorize(R, "full", true, &[sg_rule(Protocol::Udp, 53, "0.0.0.0/0")]).map(|_| ())),
        ),
        (
            "InvalidGroup.NotFound",
            Box::new(|n| n.authorize(R, "nope", true, &[sg_rule(Protocol::Tcp, 1, "0.0.0.0/0")]).map(|_| ())),
        ),
        ("InvalidGroup.Duplicate", Box::new(|n| n.create_security_group(R, "prod", "web", "again", None).map(|_| ()))),
        ("InvalidGroup.Reserved", Box::new(|n| n.create_security_group(R, "prod", "default", "x", None).map(|_| ()))),
        (
            "NetworkAclEntryAlreadyExists",
            Box::new(move |n| n.put_nacl_entry(R, &acl, entry(100, false, None, "10.0.0.0/8", false), false)),
        ),
        (
            "InvalidInstanceID.NotFound",
            Box::new(|n| n.stop_instances(R, &["web1".into(), "i-0nope".into()], false).map(|_| ())),
        ),
        ("AddressLimitExceeded", Box::new(|n| n.allocate_address(R, None).map(|_| ()))),
        (
            "VpcPeeringConnectionAlreadyExists",
            Box::new(move |n| n.create_peering(R, "prod", &pcx_vpc, None, None).map(|_| ())),
        ),
        ("InvalidStateTransition", Box::new(move |n| n.accept_peering(R, &pcx))),
        (
            "Gateway.NotAttached",
            Box::new(move |n| {
                let s = n.subnets.iter().find(|s| s.vpc_id == pcx_vpc2).map(|s| s.id.clone()).unwrap_or_default();
                let e = n.elastic_ips.last().map(|e| e.allocation_id.clone()).unwrap_or_default();
                n.create_nat_gateway(R, &s, Some(&e), Connectivity::Public, None).map(|_| ())
            }),
        ),
        (
            "DefaultVpcAlreadyExists",
            Box::new(|n| {
                n.create_default_vpc(R)?;
                n.create_default_vpc(R).map(|_| ())
            }),
        ),
        (
            "IncorrectInstanceState",
            Box::new(|n| {
                n.terminate_instances(R, &["app1".into()])?;
                n.stop_instances(R, &["app1".into()], false).map(|_| ())
            }),
        ),
    ];
    let _ = public_rt;
    for (code, f) in cases {
        let mut copy = n.clone();
        let e = f(&mut copy).expect_err(code);
        assert_eq!(e.code, code, "{}", e.message);
        // Single-step failures leave the model byte-for-byte unchanged.
        if !matches!(code, "Gateway.NotAttached" | "DefaultVpcAlreadyExists" | "IncorrectInstanceState") {
            assert_eq!(before, format!("{:?}", copy), "{} changed the model", code);
        }
    }
    // The VPC quota and the CIDR quota.
    let mut m = Network::default();
    for k in 0..5 {
        m.create_vpc(R, &format!("10.{}.0.0/16", k), None).unwrap();
    }
    let snap = format!("{:?}", m);
    assert_eq!(m.create_vpc(R, "10.9.0.0/16", None).unwrap_err().code, "VpcLimitExceeded");
    let v = m.vpcs[0].id.clone();
    for k in 1..5 {
        m.associate_vpc_cidr(R, &v, &format!("10.{}.0.0/16", 100 + k)).unwrap();
    }
    let snap2 = format!("{:?}", m);
    assert_eq!(m.associate_vpc_cidr(R, &v, "10.200.0.0/16").unwrap_err().code, "CidrLimitExceeded");
    assert_eq!(snap2, format!("{:?}", m));
    assert_ne!(snap, snap2);
    // Another region has its own quota.
    m.create_vpc("eu-west-1", "10.0.0.0/16", None).unwrap();
}

#[test]
fn vpc_wizard_builds_the_consoles_vpc_and_more() {
    let mut n = Network::default();
    let w = WizardSpec {
        name: "prod".into(),
        cidr: "10.0.0.0/16".into(),
        azs: 2,
        public_subnets: 2,
        private_subnets: 2,
        nat: NatPlan::PerAz,
        s3_endpoint: true,
    };
    let res = n.vpc_wizard(R, &w).unwrap();
    let subs: Vec<String> = n.subnets.iter().map(|s| s.cidr.to_string()).collect();
    assert_eq!(subs, vec!["10.0.0.0/20", "10.0.16.0/20", "10.0.128.0/20", "10.0.144.0/20"]);
    assert_eq!(n.nat_gateways.len(), 2);
    assert_eq!(n.elastic_ips.len(), 2);
    // Each private subnet routes to the NAT gateway of its own AZ (zonal NAT, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html).
    for s in n.subnets.iter().filter(|s| !n.subnet_is_public(&s.id)) {
        let rt = n.route_table_for_subnet(&s.id).unwrap();
        let nat = rt.routes.iter().find(|r| r.target.starts_with("nat-")).unwrap();
        let nat_az = n
            .nat_gateways
            .iter()
            .find(|g| g.id == nat.target)
            .map(|g| n.subnet(None, &g.subnet_id).unwrap().availability_zone.clone());
        assert_eq!(nat_az.as_deref(), Some(s.availability_zone.as_str()));
        assert!(rt.routes.iter().any(|r| matches!(r.destination, Destination::PrefixList(_))));
    }
    assert_eq!(res.vpc_id, n.vpcs[0].id);
    // Wrong shapes are refused before anything is created.
    let mut m = Network::default();
    let bad = WizardSpec { public_subnets: 3, ..w.clone() };
    assert!(m.vpc_wizard(R, &bad).is_err());
    assert!(m.vpcs.is_empty());
    let no_pub = WizardSpec { public_subnets: 0, ..w };
    assert!(m.vpc_wizard(R, &no_pub).is_err());
}

#[test]
fn instances_in_one_subnet_skip_the_nacl() {
    let mut p = public_private();
    let other = run(&mut p.n, &p.private, &["app"], false, "app2");
    let r = p.n.reach(R, &p.app, &other, Protocol::Tcp, Some(8080)).unwrap();
    // app → app2 on 8080 needs `web` membership: blocked at the SG, not the NACL.
    assert_eq!(r.explanation_code, "ENI_SG_RULES_MISMATCH");
    assert!(r.hops.iter().any(|h| h.rule == "not evaluated"));
}

#[test]
fn a_name_reused_after_termination_means_the_live_instance() {
    let mut p = public_private();
    p.n.terminate_instances(R, &["web1".into()]).unwrap();
    let again = run(&mut p.n, &p.public, &["web"], true, "web1");
    assert_eq!(p.n.instances[p.n.instance_idx(Some(R), "web1").unwrap()].id, again);
    assert!(p.n.reach(R, "internet", "web1", Protocol::Tcp, Some(443)).unwrap().reachable);
    let _ = &p.app;
}

#[test]
fn a_nat_gateway_address_has_no_security_group() {
    let p = public_private();
    let nat_ip = p.n.nat_gateways[0].private_ip.to_string();
    let r = p.n.reach(R, "web1", &nat_ip, Protocol::Icmp, None).unwrap();
    assert!(r.reachable, "{:?}", r);
    assert!(r.hops.iter().any(|h| h.rule == "no security group"));
}
