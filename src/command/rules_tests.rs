//! Scenario tests of AWS rules, each named after the AWS documentation page it follows.
//! Whole cells run on a lab and shown as a notebook shows them.

use super::compute::test_util::{error, json, run};
use crate::kernel::Outcome;
use crate::lab::Lab;

fn ok(s: &mut Lab, cell: &str) -> String {
    let (texts, outcome) = run(s, cell);
    assert!(matches!(outcome, Outcome::Ok), "{cell}: {outcome:?}\n{}", texts.join("\n"));
    texts.join("\n")
}

/// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — "IPv4 CIDR
/// block association restrictions", row by row, and "10.0.0.0/15 primary → no 10.0.0.0/16".
#[test]
fn secondary_cidr_restrictions_by_primary_range() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.1.0.0/16 --name ten\ncreate-vpc --cidr-block 172.16.0.0/16 --name one72\ncreate-vpc --cidr-block 198.19.0.0/20 --name bench\ncreate-vpc --cidr-block 100.64.0.0/16 --name shared");
    for (vpc, cidr) in [
        ("ten", "172.16.0.0/16"),
        ("ten", "192.168.0.0/16"),
        ("ten", "198.19.0.0/16"),
        ("ten", "10.0.0.0/16"),
        ("one72", "172.31.0.0/16"),
        ("one72", "10.5.0.0/16"),
        ("bench", "10.0.0.0/16"),
        ("shared", "192.168.0.0/16"),
        ("shared", "198.19.0.0/16"),
    ] {
        let (code, msg) = error(&mut s, &format!("associate-vpc-cidr-block --vpc-id {vpc} --cidr-block {cidr}"));
        assert_eq!(code, "InvalidVpc.Range", "{vpc} + {cidr}");
        assert!(msg.contains(&format!("The CIDR '{cidr}' is restricted")), "{msg}");
    }
    for (vpc, cidr) in [
        ("ten", "10.5.0.0/16"),
        ("ten", "100.64.0.0/16"),
        ("ten", "52.0.0.0/16"),
        ("one72", "172.20.0.0/16"),
        ("bench", "100.65.0.0/16"),
        ("shared", "100.65.0.0/16"),
        ("shared", "54.0.0.0/16"),
    ] {
        ok(&mut s, &format!("associate-vpc-cidr-block --vpc-id {vpc} --cidr-block {cidr}"));
    }
    // AssociateVpcCidrBlock answers while the block is being associated.
    let v = json(&mut s, "associate-vpc-cidr-block --vpc-id ten --cidr-block 10.6.0.0/16 --output json");
    assert_eq!(v["CidrBlockAssociation"]["CidrBlockState"]["State"], "associating");
}

/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html —
/// InvalidGatewayID.NotFound / InvalidNatGatewayID.NotFound, in AWS's words.
#[test]
fn a_route_to_a_gateway_that_does_not_exist() {
    let mut s = Lab::default();
    ok(
        &mut s,
        "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1",
    );
    let rt = "shop-rtb-public";
    let (code, msg) = error(&mut s, &format!("create-route --route-table-id {rt} --destination-cidr-block 192.0.2.0/24 --gateway-id igw-0123456789abcdef0"));
    assert_eq!(code, "InvalidGatewayID.NotFound");
    assert!(msg.contains("The gateway ID 'igw-0123456789abcdef0' does not exist"), "{msg}");
    let (code, msg) = error(&mut s, &format!("create-route --route-table-id {rt} --destination-cidr-block 192.0.2.0/24 --nat-gateway-id nat-0123456789abcdef0"));
    assert_eq!(code, "InvalidNatGatewayID.NotFound");
    assert!(msg.contains("The natGateway ID 'nat-0123456789abcdef0' does not exist"), "{msg}");
    // A NAT gateway named with --gateway-id is not a gateway ID: AWS says it does not exist.
    let nat = json(&mut s, "describe-nat-gateways --output json")["NatGateways"][0]["NatGatewayId"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, _) = error(
        &mut s,
        &format!("create-route --route-table-id {rt} --destination-cidr-block 192.0.2.0/24 --gateway-id {nat}"),
    );
    assert_eq!(code, "InvalidGatewayID.NotFound");
    ok(
        &mut s,
        &format!("create-route --route-table-id {rt} --destination-cidr-block 192.0.2.0/24 --nat-gateway-id {nat}"),
    );
}

/// https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes —
/// a route more specific than `local` (a subnet's CIDR exactly) to a NAT gateway or network
/// interface, never an instance ID; the local route retargeted and restored.
#[test]
fn routes_more_specific_than_local_and_the_local_target() {
    let mut s = Lab::default();
    ok(&mut s, "region us-east-1\nvpc wizard --name mb --cidr 10.0.0.0/16 --azs 1 --public-subnets 1 --private-subnets 1 --nat-gateways 1\nrun-instances --instance-type t3.micro --subnet-id mb-subnet-private1-us-east-1a --name fw");
    let v = json(&mut s, "describe-subnets --output json");
    let private = v["Subnets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["Tags"][0]["Value"] == "mb-subnet-private1-us-east-1a")
        .unwrap()["CidrBlock"]
        .as_str()
        .unwrap()
        .to_string();
    let nat = json(&mut s, "describe-nat-gateways --output json")["NatGateways"][0]["NatGatewayId"]
        .as_str()
        .unwrap()
        .to_string();
    let eni = json(&mut s, "describe-instances --instance-ids fw --output json")["Reservations"][0]["Instances"][0]
        ["NetworkInterfaces"][0]["NetworkInterfaceId"]
        .as_str()
        .unwrap()
        .to_string();
    // Not an instance ID.
    let (code, _) = error(
        &mut s,
        &format!("create-route --route-table-id mb-rtb-public --destination-cidr-block {private} --instance-id fw"),
    );
    assert_eq!(code, "InvalidParameterValue");
    // Not a block that is not exactly a subnet's.
    let (code, _) = error(&mut s, &format!("create-route --route-table-id mb-rtb-public --destination-cidr-block 10.0.200.0/24 --network-interface-id {eni}"));
    assert_eq!(code, "InvalidParameterValue");
    ok(&mut s, &format!("create-route --route-table-id mb-rtb-public --destination-cidr-block {private} --network-interface-id {eni}"));
    // The local route of the VPC block: to a NAT gateway yes, to an internet gateway no.
    let (code, _) = error(
        &mut s,
        "replace-route --route-table-id mb-rtb-public --destination-cidr-block 10.0.0.0/16 --gateway-id mb-igw",
    );
    assert_eq!(code, "InvalidParameterValue");
    ok(
        &mut s,
        &format!(
            "replace-route --route-table-id mb-rtb-public --destination-cidr-block 10.0.0.0/16 --nat-gateway-id {nat}"
        ),
    );
    let routes = json(&mut s, "describe-route-tables --route-table-ids mb-rtb-public --output json")["RouteTables"][0]
        ["Routes"]
        .clone();
    assert!(
        routes
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["DestinationCidrBlock"] == "10.0.0.0/16" && r["NatGatewayId"] == nat.as_str()),
        "{routes}"
    );
    ok(&mut s, "replace-route --route-table-id mb-rtb-public --destination-cidr-block 10.0.0.0/16 --local-target");
    let routes = json(&mut s, "describe-route-tables --route-table-ids mb-rtb-public --output json")["RouteTables"][0]
        ["Routes"]
        .clone();
    assert!(
        routes
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["DestinationCidrBlock"] == "10.0.0.0/16" && r["GatewayId"] == "local"),
        "{routes}"
    );
}

/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html — one
/// IpPermissions entry per protocol and port range; revoke takes either form.
#[test]
fn security_group_rules_grouped_as_aws_lists_them() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name v\ncreate-security-group --group-name web --description web --vpc-id v\ncreate-security-group --group-name lb --description lb --vpc-id v");
    ok(&mut s, "authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 10.0.0.0/24");
    ok(&mut s, "authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 10.0.1.0/24");
    ok(&mut s, "authorize-security-group-ingress --group-id web --protocol tcp --port 443 --source-group lb");
    ok(&mut s, "authorize-security-group-ingress --group-id web --protocol tcp --port 22 --cidr 10.0.9.0/24");
    let v = json(&mut s, "describe-security-groups --group-ids web --output json");
    let perms = v["SecurityGroups"][0]["IpPermissions"].as_array().unwrap().clone();
    assert_eq!(perms.len(), 2, "{perms:?}");
    let https = perms.iter().find(|p| p["FromPort"] == 443).unwrap();
    assert_eq!(https["IpRanges"].as_array().unwrap().len(), 2);
    assert_eq!(https["UserIdGroupPairs"].as_array().unwrap().len(), 1);
    // Revoke the grouped form (both CIDRs at once), then a single rule.
    ok(&mut s, "revoke-security-group-ingress --group-id web --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.0.0/24},{CidrIp=10.0.1.0/24}]");
    ok(&mut s, "revoke-security-group-ingress --group-id web --protocol tcp --port 22 --cidr 10.0.9.0/24");
    let v = json(&mut s, "describe-security-groups --group-ids web --output json");
    let perms = v["SecurityGroups"][0]["IpPermissions"].as_array().unwrap().clone();
    assert_eq!(perms.len(), 1);
    assert_eq!(perms[0]["IpRanges"].as_array().unwrap().len(), 0);
    assert_eq!(perms[0]["UserIdGroupPairs"].as_array().unwrap().len(), 1);
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html — a new
/// group's instances have basic (5-minute) monitoring.
#[test]
fn simulate_autoscaling_defaults_to_basic_monitoring() {
    let mut s = Lab::default();
    let out = ok(&mut s, "simulate autoscaling --load steady:100rps:10m --seed 1");
    assert!(out.contains("basic monitoring (300 s periods)"), "{out}");
    let out = ok(&mut s, "simulate autoscaling --load steady:100rps:10m --seed 1 --metrics detailed");
    assert!(out.contains("detailed monitoring (60 s periods)"), "{out}");
}

/// https://docs.aws.amazon.com/cli/latest/reference/ec2/create-vpc.html and
/// https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html — a new VPC
/// is `pending`; IDs are hex; the region's default DHCP option set.
#[test]
fn create_states_hex_ids_and_dhcp_options() {
    let mut s = Lab::default();
    ok(&mut s, "region ap-northeast-2");
    let v = json(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name v --output json");
    assert_eq!(v["Vpc"]["State"], "pending");
    let dopt = v["Vpc"]["DhcpOptionsId"].as_str().unwrap().to_string();
    let hex = |id: &str, prefix: &str| {
        id.strip_prefix(prefix).is_some_and(|h| h.len() >= 8 && h.chars().all(|c| c.is_ascii_hexdigit()))
    };
    assert!(hex(&dopt, "dopt-"), "{dopt}");
    assert!(hex(v["Vpc"]["VpcId"].as_str().unwrap(), "vpc-"));
    let d = json(&mut s, "describe-dhcp-options --output json");
    assert_eq!(d["DhcpOptions"][0]["DhcpOptionsId"], dopt.as_str());
    assert_eq!(d["DhcpOptions"][0]["DhcpConfigurations"][0]["Values"][0]["Value"], "ap-northeast-2.compute.internal");
    assert_eq!(d["DhcpOptions"][0]["DhcpConfigurations"][1]["Values"][0]["Value"], "AmazonProvidedDNS");
    let (code, _) = error(&mut s, "describe-dhcp-options --dhcp-options-ids dopt-0123456789abcdef0");
    assert_eq!(code, "InvalidDhcpOptionID.NotFound");
    // The default AMI of run-instances is hex too; a NAT gateway answers `pending`.
    ok(&mut s, "create-subnet --vpc-id v --cidr-block 10.0.1.0/24 --name a");
    let i = json(&mut s, "run-instances --instance-type t3.micro --subnet-id a --output json");
    assert!(hex(i["Instances"][0]["ImageId"].as_str().unwrap(), "ami-"), "{}", i["Instances"][0]["ImageId"]);
    ok(&mut s, "allocate-address --name e\ncreate-internet-gateway --name g\nattach-internet-gateway --internet-gateway-id g --vpc-id v");
    let n = json(&mut s, "create-nat-gateway --subnet-id a --allocation-id e --output json");
    assert_eq!(n["NatGateway"]["State"], "pending");
}

/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html and
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html — the fields
/// AWS's `--query` examples use.
#[test]
fn subnet_and_instance_json_carry_awss_fields() {
    let mut s = Lab::default();
    ok(&mut s, "region ap-northeast-2\ncreate-vpc --cidr-block 10.0.0.0/16 --name v\ncreate-subnet --vpc-id v --cidr-block 10.0.1.0/24 --availability-zone ap-northeast-2c --name a");
    let v = json(&mut s, "describe-subnets --output json");
    let sn = &v["Subnets"][0];
    assert_eq!(sn["AvailabilityZoneId"], "apne2-az3");
    assert_eq!(sn["Ipv6CidrBlockAssociationSet"], serde_json::json!([]));
    assert_eq!(sn["AssignIpv6AddressOnCreation"], false);
    assert_eq!(sn["PrivateDnsNameOptionsOnLaunch"]["HostnameType"], "ip-name");
    ok(&mut s, "run-instances --instance-type m7g.large --subnet-id a --name g");
    let i = json(&mut s, "describe-instances --output json")["Reservations"][0]["Instances"][0].clone();
    assert_eq!(i["Architecture"], "arm64");
    assert_eq!(i["Monitoring"]["State"], "disabled");
    assert_eq!(i["RootDeviceType"], "ebs");
    assert_eq!(i["BlockDeviceMappings"][0]["DeviceName"], i["RootDeviceName"]);
    assert!(i["BlockDeviceMappings"][0]["Ebs"]["VolumeId"].as_str().unwrap().starts_with("vol-0"));
    assert_eq!(i["EbsOptimized"], false);
    assert!(chrono::DateTime::parse_from_rfc3339(i["LaunchTime"].as_str().unwrap()).is_ok(), "{}", i["LaunchTime"]);
    // A --query from AWS's docs.
    let out = ok(
        &mut s,
        "describe-instances --query 'Reservations[].Instances[].[InstanceId, LaunchTime, Architecture]' --output json",
    );
    assert!(out.contains("arm64"), "{out}");
}

/// `--region` is checked the same way for every service (unknown region → an error that
/// suggests the closest; nothing changes).
#[test]
fn region_is_checked_the_same_way_by_every_service() {
    let mut s = Lab::default();
    for line in [
        "describe-vpcs --region us-esat-1",
        "rds describe-db-instances --region us-esat-1",
        "elbv2 describe-target-groups --region us-esat-1",
        "autoscaling describe-auto-scaling-groups --region us-esat-1",
        "cloudwatch describe-alarms --region us-esat-1",
        "price m5.large --region us-esat-1",
    ] {
        let (code, msg) = error(&mut s, line);
        assert_eq!(code, "InvalidParameterValue", "{line}");
        assert!(msg.contains("unknown region 'us-esat-1'"), "{line}: {msg}");
    }
    ok(&mut s, "rds describe-db-instances --region eu-west-1");
}

/// `cost vpc` says what it priced: a VPC with public subnets only has no private subnets.
#[test]
fn cost_vpc_describes_the_vpc_it_priced() {
    let mut s = Lab::default();
    ok(&mut s, "region us-east-1\nvpc wizard --name pub --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 0 --nat-gateways 0");
    let out = ok(&mut s, "cost vpc pub");
    assert!(out.contains("no private subnets (subnets in 2 AZs)"), "{out}");
    ok(
        &mut s,
        "vpc wizard --name priv --cidr 10.1.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1",
    );
    let out = ok(&mut s, "cost vpc priv");
    assert!(out.contains("private subnets in 2 AZs"), "{out}");
}

/// Prices per region from data/vpc_prices.csv (data/SOURCES.md): each region's own NAT
/// gateway and EBS prices; a price the data lacks is named and left out, never borrowed.
#[test]
fn cost_vpc_prices_each_region_with_its_own_prices() {
    let mut s = Lab::default();
    ok(&mut s, "region us-east-1\nvpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1");
    let v = json(&mut s, "cost vpc shop --regions us-east-1,sa-east-1,eu-north-1 --output json");
    let nat = |r: &serde_json::Value| {
        r["lines"].as_array().unwrap().iter().find(|l| l["component"] == "NAT gateway hours").unwrap()["unit_price_usd"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(nat(&v["regions"][0]), 0.045);
    assert_eq!(nat(&v["regions"][1]), 0.093);
    assert_eq!(nat(&v["regions"][2]), 0.046);
    let stockholm = &v["regions"][2];
    assert_eq!(stockholm["complete"], false);
    let data = stockholm["lines"].as_array().unwrap().iter().find(|l| l["component"] == "NAT gateway data").unwrap();
    assert!(data["monthly_usd"].is_null());
    assert!(data["assumption"].as_str().unwrap().contains("no NAT gateway GB processed price for eu-north-1"));
    let out = ok(&mut s, "cost vpc shop --regions eu-north-1");
    assert!(out.contains("No price in the data"), "{out}");
    // A check on a total with a missing price is an error naming it, not a pass.
    let (code, msg) = error(&mut s, "assert cost vpc shop --region eu-north-1 --below 1000000");
    assert_eq!(code, "PriceNotFound");
    assert!(msg.contains("no NAT gateway GB processed price for eu-north-1"), "{msg}");
    ok(&mut s, "assert cost vpc shop --region us-east-1 --below 1000000");
}

/// EC2 prices for regions the SkyPilot snapshot lacks come from the AWS Price List
/// (data/ec2_prices_price_list.csv, data/SOURCES.md): São Paulo is priced in full, a
/// type the data has no price for in a region is still an error naming the missing price.
#[test]
fn cost_vpc_prices_sao_paulo_instances_and_names_what_is_still_missing() {
    let mut s = Lab::default();
    ok(&mut s, "region sa-east-1\nvpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --nat-gateways per-az\nrun-instances --instance-type t3.micro --subnet-id shop-subnet-public1-sa-east-1a --name web");
    let v = json(&mut s, "cost vpc shop --output json");
    let region = &v["regions"][0];
    assert_eq!(region["complete"], true, "{region}");
    let instances = region["lines"].as_array().unwrap().iter().find(|l| l["component"] == "instances").unwrap();
    assert_eq!(instances["unit_price_usd"].as_f64(), Some(0.0168));
    ok(&mut s, "assert cost vpc shop --below 1000000");
    // t3.micro is not offered in me-central-1 (offerings.csv), so the data has no price for it there.
    let (code, msg) = error(&mut s, "assert cost vpc shop --region me-central-1 --below 1000000");
    assert_eq!(code, "PriceNotFound");
    assert!(msg.contains("t3.micro") && msg.contains("me-central-1"), "{msg}");
}
