//! Whole cells run on a lab and shown as the session shows them (`publish::run_cell`):
//! AWS-style scenarios, errors, JSON shapes.

use serde_json::Value;

use crate::command::publish::RunCell;
use crate::kernel::{Event, Outcome};
use crate::lab::Lab;

/// Runs a cell that must succeed; what it showed as text.
pub(crate) fn ok(s: &mut Lab, cell: &str) -> String {
    let (events, outcome) = s.run_cell(cell);
    if let Outcome::Error { evalue, .. } = &outcome {
        panic!("cell failed: {}\n{}", cell, evalue);
    }
    texts(&events)
}

/// Runs a cell that must fail; `ename: evalue`.
pub(crate) fn err(s: &mut Lab, cell: &str) -> String {
    let (_, outcome) = s.run_cell(cell);
    match outcome {
        Outcome::Error { ename, evalue, .. } => format!("{}: {}", ename, evalue),
        Outcome::Ok => panic!("cell should have failed: {}", cell),
    }
}

/// The text a cell showed: streams, text/plain and text/markdown, `<svg>` for a picture.
pub(crate) fn texts(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        match e {
            Event::Stream { text, .. } => out.push_str(text),
            Event::Display { data, .. } => {
                for k in ["text/plain", "text/markdown"] {
                    if let Some(t) = data.get(k).and_then(|v| v.as_str()) {
                        out.push_str(t);
                        out.push('\n');
                    }
                }
                if data.get("image/svg+xml").is_some() {
                    out.push_str("<svg>\n");
                }
            }
            Event::Live { .. } => {}
        }
    }
    out
}

/// The JSON a `--output json` line prints (the storage tests use it too).
pub(crate) fn json(s: &mut Lab, cell: &str) -> Value {
    let (events, outcome) = s.run_cell(&format!("{} --output json", cell));
    assert_eq!(outcome, Outcome::Ok, "{}", cell);
    for e in events.iter().rev() {
        if let Event::Display { data, .. } = e {
            if let Some(v) = data.get("application/json") {
                return v.clone();
            }
        }
        if let Event::Stream { text, .. } = e {
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                return v;
            }
        }
    }
    panic!("no JSON from {}", cell)
}

const SETUP: &str = "
create-vpc --cidr-block 10.0.0.0/16 --name prod
create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name web-a
create-subnet --vpc-id prod --cidr-block 10.0.2.0/24 --availability-zone us-east-1b --name db-b
create-internet-gateway --name igw
attach-internet-gateway --internet-gateway-id igw --vpc-id prod
create-route-table --vpc-id prod --name public-rt
create-route --route-table-id public-rt --destination-cidr-block 0.0.0.0/0 --gateway-id igw
associate-route-table --route-table-id public-rt --subnet-id web-a
create-security-group --group-name web --description \"web tier\" --vpc-id prod
create-security-group --group-name db --description \"db tier\" --vpc-id prod
authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 0.0.0.0/0
authorize-security-group-ingress --group-id db --protocol tcp --port 5432 --source-group web
run-instances --instance-type t3.micro --subnet-id web-a --security-group-ids web --associate-public-ip-address --name web1
run-instances --instance-type t3.micro --subnet-id db-b --security-group-ids db --name db1
";

#[test]
fn aws_cli_lines_build_a_vpc_and_describe_it_in_the_cli_shape() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let v = json(&mut s, "aws ec2 describe-vpcs");
    let vpc = &v["Vpcs"][0];
    assert!(vpc["VpcId"].as_str().unwrap().starts_with("vpc-0"));
    assert_eq!(vpc["CidrBlock"], "10.0.0.0/16");
    assert_eq!(vpc["Tags"][0]["Value"], "prod");
    let subs = json(&mut s, "describe-subnets --filters Name=vpc-id,Values=prod-not-an-id");
    assert_eq!(subs["Subnets"].as_array().unwrap().len(), 0);
    let vid = vpc["VpcId"].as_str().unwrap().to_string();
    let subs = json(&mut s, &format!("describe-subnets --filters Name=vpc-id,Values={}", vid));
    assert_eq!(subs["Subnets"].as_array().unwrap().len(), 2);
    assert_eq!(subs["Subnets"][0]["AvailableIpAddressCount"], 250);
    let inst = json(&mut s, "describe-instances --instance-ids web1");
    let i = &inst["Reservations"][0]["Instances"][0];
    assert_eq!(i["PrivateIpAddress"], "10.0.1.4");
    assert!(i["PublicIpAddress"].is_string());
    assert_eq!(i["State"]["Name"], "running");
    let rts = json(&mut s, "describe-route-tables --filters Name=association.subnet-id,Values=web-a");
    assert_eq!(rts["RouteTables"].as_array().map(|a| a.len()), Some(0), "filters take IDs, as AWS does");
    let sgs = json(&mut s, "describe-security-groups --group-names db");
    assert_eq!(sgs["SecurityGroups"][0]["IpPermissions"][0]["FromPort"], 5432);
    assert!(sgs["SecurityGroups"][0]["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"]
        .as_str()
        .unwrap()
        .starts_with("sg-"));
    let acls = json(&mut s, "describe-network-acls");
    assert_eq!(acls["NetworkAcls"][0]["Entries"].as_array().unwrap().len(), 4);
    let out = ok(&mut s, "describe-subnets");
    assert!(out.contains("web-a") && out.contains("250"), "{}", out);
    let err = err(&mut s, "describe-vpcs --filters Name=colour,Values=red");
    assert!(err.contains("InvalidParameterValue"), "{}", err);
}

#[test]
fn errors_read_like_the_aws_cli_and_change_nothing() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let before = serde_json::to_string(&json(&mut s, "describe-subnets")).unwrap();
    let e = err(&mut s, "create-subnet --vpc-id prod --cidr-block 10.1.0.0/24");
    assert!(e.contains("An error occurred (InvalidSubnet.Range) when calling the CreateSubnet operation: The CIDR '10.1.0.0/24' is invalid."), "{}", e);
    let e = err(&mut s, "create-subnet --vpc-id prod --cidr-block 10.0.1.128/25");
    assert!(e.contains("InvalidSubnet.Conflict") && e.contains("conflicts with another subnet"), "{}", e);
    let e = err(&mut s, "create-vpc --cidr-block 10.0.0.0/8");
    assert!(
        e.contains("(InvalidVpc.Range) when calling the CreateVpc operation: The CIDR '10.0.0.0/8' is invalid."),
        "{}",
        e
    );
    let e = err(&mut s, "create-route --route-table-id public-rt --destination-cidr-block 0.0.0.0/0 --gateway-id igw");
    assert!(e.contains("RouteAlreadyExists"), "{}", e);
    let e = err(&mut s, "authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 0.0.0.0/0");
    assert!(e.contains("InvalidPermission.Duplicate"), "{}", e);
    let e = err(&mut s, "delete-subnet --subnet-id web-a");
    assert!(e.contains("DependencyViolation"), "{}", e);
    let e = err(&mut s, "delete-vpc --vpc-id prod");
    assert!(e.contains("DependencyViolation"), "{}", e);
    let e = err(&mut s, "create-subnet --vpc-id nope --cidr-block 10.0.9.0/24");
    assert!(e.contains("InvalidVpcID.NotFound") && e.contains("'nope'"), "{}", e);
    // A failing line stops the cell; the lines before it keep their effect.
    let e = err(&mut s, "create-subnet --vpc-id prod --cidr-block 10.0.3.0/24 --name c\ncreate-subnet --vpc-id prod --cidr-block 10.0.3.0/24");
    assert!(e.contains("InvalidSubnet.Conflict"), "{}", e);
    ok(&mut s, "delete-subnet --subnet-id c");
    assert_eq!(before, serde_json::to_string(&json(&mut s, "describe-subnets")).unwrap());
    // A multi-step command (the wizard) that fails half-way leaves nothing behind.
    ok(&mut s, "allocate-address\nallocate-address\nallocate-address\nallocate-address");
    let vpcs = serde_json::to_string(&json(&mut s, "describe-vpcs")).unwrap();
    let e = err(&mut s, "vpc wizard --name stage --cidr 10.20.0.0/16 --nat-gateways per-az");
    assert!(e.contains("AddressLimitExceeded"), "{}", e);
    assert_eq!(vpcs, serde_json::to_string(&json(&mut s, "describe-vpcs")).unwrap());
}

#[test]
fn reach_reports_hops_and_json() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let out = ok(&mut s, "reach web1 db1 --protocol tcp --port 5432");
    assert!(out.contains("✓ reachable"), "{}", out);
    let v = json(&mut s, "reach web1 db1 --protocol tcp --port 22");
    assert_eq!(v["reachable"], false);
    assert_eq!(v["explanation_code"], "ENI_SG_RULES_MISMATCH");
    assert!(v["blocked_by"].as_str().unwrap().contains("db"));
    assert!(v["hops"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["check"] == "security group inbound" && h["decision"] == "deny"));
    let v = json(&mut s, "reach internet web1 --port 443");
    assert_eq!(v["reachable"], true);
    let v = json(&mut s, "reach db1 internet --port 443");
    assert_eq!(v["explanation_code"], "NO_ROUTE_TO_DESTINATION");
    // The hop table is kept for sql.
    assert!(s.results.contains_key("reach_hops"));
    let e = err(&mut s, "reach web1 db1 --protocol tcp");
    assert!(e.contains("--port"), "{}", e);
}

#[test]
fn nacl_commands_and_the_forgotten_ephemeral_ports() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "
create-network-acl --vpc-id prod --name strict
create-network-acl-entry --network-acl-id strict --rule-number 100 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow --ingress
create-network-acl-entry --network-acl-id strict --rule-number 100 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow --egress
replace-network-acl-association --subnet-id web-a --network-acl-id strict
");
    let v = json(&mut s, "reach internet web1 --port 443");
    assert_eq!(v["explanation_code"], "SUBNET_ACL_RESTRICTION");
    let e = err(&mut s, "create-network-acl-entry --network-acl-id strict --rule-number 100 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --egress");
    assert!(e.contains("NetworkAclEntryAlreadyExists"), "{}", e);
    ok(&mut s, "create-network-acl-entry --network-acl-id strict --rule-number 110 --protocol tcp --port-range From=32768,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --egress");
    let v = json(&mut s, "reach internet web1 --port 443");
    assert_eq!(v["verdict"], "unreliable");
    // A client on a port the NACL admits gets through; one below 32768 does not.
    assert_eq!(json(&mut s, "reach internet web1 --port 443 --source-port 40000")["reachable"], true);
    assert_eq!(json(&mut s, "reach internet web1 --port 443 --source-port 2000")["reachable"], false);
    let out = ok(&mut s, "assert not reach internet web1 --port 443 --source-port 2000");
    assert!(out.contains('✓'), "{}", out);
    ok(&mut s, "replace-network-acl-entry --network-acl-id strict --rule-number 110 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --egress");
    assert_eq!(json(&mut s, "reach internet web1 --port 443")["reachable"], true);
    let out = ok(&mut s, "describe-network-acls --filters Name=tag:Name,Values=strict");
    assert!(out.contains("32767"), "{}", out);
}

#[test]
fn tag_specifications_names_and_ip_permissions() {
    let mut s = Lab::default();
    ok(
        &mut s,
        "create-vpc --cidr-block 10.5.0.0/16 --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=lab}]'",
    );
    ok(&mut s, "create-security-group --group-name ssh --description ssh --vpc-id lab");
    ok(&mut s, "aws ec2 authorize-security-group-ingress --group-id ssh --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=198.51.100.0/24}]");
    let v = json(&mut s, "describe-security-groups --group-names ssh");
    assert_eq!(v["SecurityGroups"][0]["IpPermissions"][0]["IpRanges"][0]["CidrIp"], "198.51.100.0/24");
    ok(
        &mut s,
        r#"authorize-security-group-ingress --group-id ssh --ip-permissions '[{"IpProtocol":"udp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]'"#,
    );
    let v = json(&mut s, "describe-security-groups --group-names ssh");
    assert_eq!(v["SecurityGroups"][0]["IpPermissions"].as_array().unwrap().len(), 2);
    let out = ok(&mut s, "create-vpc --cidr-block 10.6.0.5/16");
    assert!(out.contains("canonical form"), "{}", out);
}

#[test]
fn lifecycle_commands_show_public_ip_changes() {
    let mut s = Lab::default();
    ok(&mut s, "create-default-vpc\nrun-instances --instance-type t3.micro --name app");
    let ip0 = json(&mut s, "describe-instances")["Reservations"][0]["Instances"][0]["PublicIpAddress"].clone();
    let out = ok(&mut s, "stop-instances --instance-ids app");
    assert!(out.contains("running → stopped") && out.contains("public IPv4: none"), "{}", out);
    let out = ok(&mut s, "start-instances --instance-ids app");
    assert!(out.contains("stopped → running") && out.contains("auto-assigned"), "{}", out);
    let ip1 = json(&mut s, "describe-instances")["Reservations"][0]["Instances"][0]["PublicIpAddress"].clone();
    assert_ne!(ip0, ip1);
    let v = json(&mut s, "stop-instances --instance-ids app");
    assert_eq!(v["StoppingInstances"][0]["CurrentState"]["Name"], "stopping", "the API's immediate answer");
    assert_eq!(json(&mut s, "describe-instances")["Reservations"][0]["Instances"][0]["State"]["Name"], "stopped");
    ok(&mut s, "terminate-instances --instance-ids app");
    let e = err(&mut s, "start-instances --instance-ids app");
    assert!(e.contains("InvalidInstanceID.NotFound") || e.contains("IncorrectInstanceState"), "{}", e);
}

#[test]
fn lab_commands_wizard_show_calc_diagram() {
    let mut s = Lab::default();
    let out = ok(&mut s, "vpc wizard --name prod --cidr 10.0.0.0/16 --azs 2 --nat-gateways 1 --s3-endpoint");
    assert!(out.contains("prod-nat-public1-us-east-1a"), "{}", out);
    let v = json(&mut s, "show vpc prod-vpc");
    assert_eq!(v["subnets"].as_array().unwrap().len(), 4);
    assert_eq!(v["nat_gateways"].as_array().unwrap().len(), 1);
    let out = ok(&mut s, "show route-tables --vpc prod-vpc");
    assert!(out.contains("prod-rtb-private2"), "{}", out);
    let e = err(&mut s, "show subnetz");
    assert!(e.contains("cannot show 'subnetz'"), "{}", e);
    let v = json(&mut s, "subnet-calc 10.0.0.0/16 --prefix 20");
    assert_eq!(v["split_count"], 16);
    assert_eq!(v["blocks"][1]["cidr"], "10.0.16.0/20");
    assert_eq!(v["blocks"][0]["usable_addresses"], 4091);
    let (events, outcome) = s.run_cell("diagram prod-vpc");
    assert_eq!(outcome, Outcome::Ok);
    let svg = events
        .iter()
        .find_map(|e| match e {
            Event::Display { data, .. } => data.get("image/svg+xml").and_then(|v| v.as_str()).map(String::from),
            _ => None,
        })
        .expect("an SVG");
    assert!(svg.starts_with("<svg") && svg.contains("Private subnet · 10.0.128.0/20") && svg.contains("NAT gateway"));
    // Both private subnets route through the one NAT gateway (no per-AZ redundancy).
    ok(&mut s, "run-instances --instance-type t3.micro --subnet-id prod-subnet-private2-us-east-1b --name worker");
    let v = json(&mut s, "reach 10.0.144.4 internet --port 443");
    assert_eq!(v["reachable"], true, "{}", v);
    assert!(v["hops"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["component"].as_str().unwrap().contains("prod-nat-public1-us-east-1a")));
    let e = err(&mut s, "reach 192.0.2.1 internet --port 443");
    assert!(e.contains("instance"), "{}", e);
}

#[test]
fn every_network_table_is_there_for_sql() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let names: Vec<String> = crate::tables::network::tables(&s.network).into_iter().map(|(n, _)| n).collect();
    for t in [
        "vpcs",
        "subnets",
        "route_tables",
        "routes",
        "internet_gateways",
        "nat_gateways",
        "elastic_ips",
        "security_groups",
        "security_group_rules",
        "network_acls",
        "network_acl_entries",
        "instances",
        "network_interfaces",
        "vpc_peering_connections",
        "vpc_endpoints",
        "transit_gateways",
    ] {
        assert!(names.iter().any(|n| n == t), "missing table {}", t);
    }
    let t = crate::tables::network::tables(&s.network);
    let rules = &t.iter().find(|(n, _)| n == "security_group_rules").unwrap().1;
    assert_eq!(rules.height(), 6, "default SG: 2 rules; web and db: 1 inbound + 1 outbound each");
}

#[test]
fn peering_commands_refuse_overlap_and_need_acceptance() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name a\ncreate-vpc --cidr-block 10.0.0.0/16 --name twin\ncreate-vpc --cidr-block 10.1.0.0/16 --name b");
    let v = json(&mut s, "create-vpc-peering-connection --vpc-id a --peer-vpc-id twin --name bad");
    assert_eq!(v["VpcPeeringConnection"]["Status"]["Code"], "failed");
    let e = err(&mut s, "accept-vpc-peering-connection --vpc-peering-connection-id bad");
    assert!(e.contains("InvalidStateTransition"), "{}", e);
    let v = json(&mut s, "create-vpc-peering-connection --vpc-id a --peer-vpc-id b --name ab");
    assert_eq!(v["VpcPeeringConnection"]["Status"]["Code"], "pending-acceptance");
    let e = err(&mut s, "create-vpc-peering-connection --vpc-id b --peer-vpc-id a");
    assert!(e.contains("VpcPeeringConnectionAlreadyExists"), "{}", e);
    ok(&mut s, "accept-vpc-peering-connection --vpc-peering-connection-id ab");
    let v = json(&mut s, "describe-vpc-peering-connections --filters Name=status-code,Values=active");
    assert_eq!(v["VpcPeeringConnections"].as_array().unwrap().len(), 1);
}

#[test]
fn command_names_are_unique_and_zones_come_from_the_data() {
    let mut names: Vec<&str> = crate::command::all().iter().map(|c| c.name).collect();
    names.sort();
    let n = names.len();
    names.dedup();
    assert_eq!(n, names.len(), "two commands share a name");
    let mut s = Lab::default();
    let v = json(&mut s, "describe-availability-zones --region ap-northeast-2");
    assert_eq!(v["AvailabilityZones"].as_array().unwrap().len(), 4);
    assert_eq!(v["AvailabilityZones"][0]["ZoneName"], "ap-northeast-2a");
    let e = err(&mut s, "create-subnet --vpc-id x --cidr-block 10.0.0.0/24 --region mars-1");
    assert!(e.contains("unknown region 'mars-1'"), "{}", e);
}

#[test]
fn run_instances_launches_custom_amis_by_name_and_refuses_malformed_ids() {
    let mut s = Lab::default();
    let (_, out) = s.run_cell(
        "vpc wizard --name w --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 0 --nat-gateways none\n\
         run-instances --instance-type t3.micro --subnet-id w-subnet-public1-us-east-1a --name base\n\
         create-image --instance-id base --name web-ami\n\
         run-instances --image-id web-ami --instance-type t3.micro --subnet-id w-subnet-public1-us-east-1a --name app\n\
         run-instances --image-id ami-0123456789abcdef0 --instance-type t3.micro --subnet-id w-subnet-public1-us-east-1a --name pub",
    );
    assert_eq!(out, crate::kernel::Outcome::Ok);
    let ami = s.scaling.images[0].image_id.clone();
    let app = s.network.instances.iter().find(|i| i.name.as_deref() == Some("app")).map(|i| i.image_id.clone());
    assert_eq!(app, Some(ami), "the AMI name resolves to its ID");
    let n = s.network.instances.len();
    let (_, out) =
        s.run_cell("run-instances --image-id web-am --instance-type t3.micro --subnet-id w-subnet-public1-us-east-1a");
    assert!(matches!(out, crate::kernel::Outcome::Error { ref ename, .. } if ename == "InvalidAMIID.Malformed"));
    assert_eq!(s.network.instances.len(), n);
}

#[test]
fn vpn_and_egress_only_gateways_answer_in_the_cli_shape() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name prod");
    // Create answers leave out Tags; describe answers always carry them (`[]` without a name).
    let g = json(&mut s, "create-vpn-gateway --type ipsec.1");
    assert_eq!(g["VpnGateway"]["Type"], "ipsec.1");
    assert_eq!(g["VpnGateway"]["VpcAttachments"], serde_json::json!([]));
    assert!(g["VpnGateway"].get("Tags").is_none());
    let vgw = g["VpnGateway"]["VpnGatewayId"].as_str().unwrap().to_string();
    let a = json(&mut s, &format!("attach-vpn-gateway --vpn-gateway-id {vgw} --vpc-id prod"));
    assert_eq!(a["VpcAttachment"]["State"], "attached");
    let d = json(&mut s, "describe-vpn-gateways");
    assert_eq!(d["VpnGateways"][0]["Tags"], serde_json::json!([]));
    assert_eq!(d["VpnGateways"][0]["VpcAttachments"][0]["VpcId"], a["VpcAttachment"]["VpcId"]);
    let c = json(&mut s, "create-customer-gateway --type ipsec.1 --public-ip 203.0.113.5 --bgp-asn 65010 --name dc");
    assert_eq!(c["CustomerGateway"]["BgpAsn"], "65010");
    assert_eq!(c["CustomerGateway"]["Tags"][0]["Value"], "dc");
    let v = json(
        &mut s,
        &format!("create-vpn-connection --type ipsec.1 --customer-gateway-id dc --vpn-gateway-id {vgw} --options StaticRoutesOnly=true"),
    );
    let vpn = &v["VpnConnection"];
    assert_eq!(vpn["Options"]["StaticRoutesOnly"], true);
    assert_eq!(vpn["VgwTelemetry"].as_array().unwrap().len(), 2);
    assert_eq!(vpn["CustomerGatewayConfiguration"], "customer gateway 203.0.113.5 (ASN 65010)");
    ok(
        &mut s,
        &format!(
            "create-vpn-connection-route --vpn-connection-id {} --destination-cidr-block 192.168.0.0/16",
            vpn["VpnConnectionId"].as_str().unwrap()
        ),
    );
    let d = json(&mut s, "describe-vpn-connections");
    assert_eq!(d["VpnConnections"][0]["Routes"][0]["DestinationCidrBlock"], "192.168.0.0/16");
    let e = json(&mut s, "create-egress-only-internet-gateway --vpc-id prod");
    let eigw = &e["EgressOnlyInternetGateway"];
    assert_eq!(eigw["Attachments"][0]["State"], "attached");
    assert!(eigw.get("Tags").is_none());
    let d = json(&mut s, "describe-egress-only-internet-gateways");
    assert_eq!(d["EgressOnlyInternetGateways"][0]["EgressOnlyInternetGatewayId"], eigw["EgressOnlyInternetGatewayId"]);
    assert_eq!(d["EgressOnlyInternetGateways"][0]["Tags"], serde_json::json!([]));
}
