//! Both formats from the same labs: what each writes, what each leaves out and says so.

use crate::command::publish::RunCell;
use crate::kernel::Outcome;
use crate::lab::Lab;
use serde_json::Value;

fn shop() -> Lab {
    let mut s = Lab::default();
    let cell = "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1 --s3-endpoint\n\
                create-security-group --group-name web --description 'web tier' --vpc-id shop-vpc\n\
                authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 0.0.0.0/0\n\
                create-network-acl --vpc-id shop-vpc --name strict\n\
                create-network-acl-entry --network-acl-id strict --rule-number 100 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow --ingress";
    let (_, out) = s.run_cell(cell);
    assert_eq!(out, Outcome::Ok);
    s
}

/// Snapshots of the exported volumes: Terraform's `aws_ebs_snapshot` on the volume (a
/// data volume's resource or the instance's root block device); CloudFormation has no
/// snapshot resource, so its description says what is left out and why.
#[test]
fn snapshots_of_exported_volumes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Lab::default();
    let cell = "create-vpc --cidr-block 10.0.0.0/16 --name lab\n\
                create-subnet --vpc-id lab --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a\n\
                run-instances --instance-type t3.micro --subnet-id a --name web\n\
                create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\n\
                attach-volume --volume-id data --instance-id web --device /dev/sdf\n\
                create-snapshot --volume-id data --description 'nightly' --name night1";
    assert_eq!(s.run_cell(cell).1, Outcome::Ok);
    let root = crate::command::network::tests::json(&mut s, "describe-instances --instance-ids web")["Reservations"][0]
        ["Instances"][0]["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(s.run_cell(&format!("create-snapshot --volume-id {root}")).1, Outcome::Ok);
    let tf = dir.path().join("lab.tf");
    assert_eq!(s.run_cell(&format!("export vpc lab {} --format terraform", tf.display())).1, Outcome::Ok);
    let hcl = std::fs::read_to_string(&tf).unwrap();
    assert_eq!(hcl.matches("resource \"aws_ebs_snapshot\"").count(), 2, "{hcl}");
    assert!(hcl.contains("= aws_ebs_volume.") && hcl.contains("description = \"nightly\""), "{hcl}");
    assert!(hcl.contains(".root_block_device[0].volume_id"), "{hcl}");
    let cf = dir.path().join("lab.json");
    assert_eq!(s.run_cell(&format!("export vpc lab {}", cf.display())).1, Outcome::Ok);
    let t: Value = serde_json::from_str(&std::fs::read_to_string(&cf).unwrap()).unwrap();
    assert!(
        t["Description"].as_str().unwrap().contains("CloudFormation has no snapshot resource"),
        "{}",
        t["Description"]
    );
}

#[test]
fn cloudformation_template_is_valid_and_self_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let p = dir.path().join("shop.json");
    assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", p.display())).1, Outcome::Ok);
    let t: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let res = t["Resources"].as_object().unwrap();
    let count = |ty: &str| res.values().filter(|r| r["Type"] == ty).count();
    assert_eq!(count("AWS::EC2::VPC"), 1);
    assert_eq!(count("AWS::EC2::Subnet"), 4);
    assert_eq!(count("AWS::EC2::InternetGateway"), 1);
    assert_eq!(count("AWS::EC2::NatGateway"), 1);
    assert_eq!(count("AWS::EC2::EIP"), 1);
    assert_eq!(count("AWS::EC2::VPCEndpoint"), 1);
    assert_eq!(count("AWS::EC2::SecurityGroupIngress"), 1);
    assert_eq!(count("AWS::EC2::NetworkAclEntry"), 1);
    assert!(count("AWS::EC2::Route") >= 2, "a default route per public and private table");
    // Every Ref and GetAtt names a resource of the template.
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("Ref") {
                    out.push(r.clone());
                }
                if let Some(Value::Array(a)) = o.get("Fn::GetAtt") {
                    out.extend(a.first().and_then(Value::as_str).map(String::from));
                }
                o.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&t, &mut all);
    for r in all.iter().filter(|r| !r.starts_with("AWS::")) {
        assert!(res.contains_key(r), "dangling Ref {}", r);
    }
    for name in res.keys() {
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "logical ID {}", name);
    }
}

#[test]
fn terraform_configuration_has_every_resource_and_balanced_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let p = dir.path().join("shop.tf");
    assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", p.display())).1, Outcome::Ok);
    let tf = std::fs::read_to_string(&p).unwrap();
    for ty in [
        "aws_vpc",
        "aws_subnet",
        "aws_internet_gateway",
        "aws_eip",
        "aws_nat_gateway",
        "aws_route_table",
        "aws_main_route_table_association",
        "aws_route",
        "aws_route_table_association",
        "aws_security_group",
        "aws_security_group_rule",
        "aws_network_acl",
        "aws_network_acl_rule",
        "aws_vpc_endpoint",
    ] {
        assert!(tf.contains(&format!("resource \"{}\" ", ty)), "{} missing", ty);
    }
    assert_eq!(tf.matches('{').count(), tf.matches('}').count());
    assert_eq!(tf.matches('"').count() % 2, 0);
    assert_eq!(tf.matches("resource \"aws_subnet\"").count(), 4);
    // Exporting is read-only and a missing VPC is AWS's error.
    match s.run_cell(&format!("export vpc nope {}", dir.path().join("x.tf").display())).1 {
        Outcome::Error { ename, .. } => assert_eq!(ename, "InvalidVpcID.NotFound"),
        Outcome::Ok => panic!("no such VPC"),
    }
}

/// The VPC's instances with their root block device, its EBS data volumes and their
/// attachments, as
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-instance.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volume.html,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volumeattachment.html
/// and Terraform's aws_instance / aws_ebs_volume / aws_volume_attachment describe them.
#[test]
fn ebs_data_volumes_and_attachments_are_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let cell = "run-instances --instance-type t3.micro --subnet-id shop-subnet-private1-us-east-1a --name db1 --block-device-mappings 'DeviceName=/dev/sdf,Ebs={VolumeSize=100,VolumeType=io2,Iops=5000,Encrypted=true}'\n\
                create-volume --availability-zone us-east-1a --size 50 --volume-type gp3 --iops 4000 --throughput 250 --name logs\n\
                attach-volume --volume-id logs --instance-id db1 --device /dev/sdg\n\
                create-volume --availability-zone us-east-1a --size 5 --name loose\n\
                create-route-table --vpc-id shop-vpc --name appliance\n\
                create-route --route-table-id appliance --destination-cidr-block 192.168.0.0/16 --instance-id db1";
    assert_eq!(s.run_cell(cell).1, Outcome::Ok);
    let p = dir.path().join("shop.json");
    assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", p.display())).1, Outcome::Ok);
    let t: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let res = t["Resources"].as_object().unwrap();
    let vols: Vec<&Value> =
        res.values().filter(|r| r["Type"] == "AWS::EC2::Volume").map(|r| &r["Properties"]).collect();
    assert_eq!(
        vols.len(),
        2,
        "two data volumes; the root volume and the unattached volume are not the VPC's: {vols:?}"
    );
    let io2 = vols.iter().find(|v| v["VolumeType"] == "io2").expect("the mapped io2 volume");
    assert_eq!(
        (io2["Size"].as_u64(), io2["Iops"].as_u64(), io2["Encrypted"].as_bool()),
        (Some(100), Some(5000), Some(true))
    );
    assert_eq!(io2["AvailabilityZone"], "us-east-1a");
    let gp3 = vols.iter().find(|v| v["VolumeType"] == "gp3").expect("the logs volume");
    assert_eq!(
        (gp3["Size"].as_u64(), gp3["Iops"].as_u64(), gp3["Throughput"].as_u64()),
        (Some(50), Some(4000), Some(250))
    );
    let atts: Vec<&Value> =
        res.values().filter(|r| r["Type"] == "AWS::EC2::VolumeAttachment").map(|r| &r["Properties"]).collect();
    let mut devices: Vec<&str> = atts.iter().map(|a| a["Device"].as_str().unwrap()).collect();
    devices.sort();
    assert_eq!(devices, ["/dev/sdf", "/dev/sdg"]);
    let insts: Vec<(&String, &Value)> = res.iter().filter(|(_, r)| r["Type"] == "AWS::EC2::Instance").collect();
    assert_eq!(insts.len(), 1);
    let (inst_logical, inst) = insts[0];
    let p0 = &inst["Properties"];
    assert_eq!(
        (p0["InstanceType"].as_str(), p0["ImageId"].as_str()),
        (Some("t3.micro"), Some("ami-0c1ab00000000c0de"))
    );
    assert!(res.contains_key(p0["SubnetId"]["Ref"].as_str().unwrap()), "{p0}");
    assert_eq!(p0["SecurityGroupIds"][0]["Fn::GetAtt"][1], "DefaultSecurityGroup", "the VPC's default SG: {p0}");
    let root = &p0["BlockDeviceMappings"][0];
    assert_eq!(
        (
            root["DeviceName"].as_str(),
            root["Ebs"]["VolumeSize"].as_u64(),
            root["Ebs"]["VolumeType"].as_str(),
            root["Ebs"]["DeleteOnTermination"].as_bool()
        ),
        (Some("/dev/xvda"), Some(8), Some("gp3"), Some(true))
    );
    for a in &atts {
        assert_eq!(a["InstanceId"]["Ref"].as_str(), Some(inst_logical.as_str()), "{a}");
        assert!(res.contains_key(a["VolumeId"]["Ref"].as_str().unwrap()), "{a}");
    }
    let via = res
        .values()
        .find(|r| r["Type"] == "AWS::EC2::Route" && r["Properties"]["DestinationCidrBlock"] == "192.168.0.0/16")
        .expect("the appliance route");
    assert_eq!(via["Properties"]["InstanceId"]["Ref"].as_str(), Some(inst_logical.as_str()));
    let tfp = dir.path().join("shop.tf");
    assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", tfp.display())).1, Outcome::Ok);
    let tf = std::fs::read_to_string(&tfp).unwrap();
    assert_eq!(tf.matches("resource \"aws_ebs_volume\"").count(), 2);
    assert_eq!(tf.matches("resource \"aws_volume_attachment\"").count(), 2);
    assert_eq!(tf.matches("resource \"aws_instance\"").count(), 1);
    for line in [
        "type              = \"io2\"",
        "iops              = 5000",
        "throughput        = 250",
        "device_name = \"/dev/sdf\"",
        "  root_block_device {\n    volume_size           = 8\n",
        "instance_id = aws_instance.",
        ".primary_network_interface_id",
        "vpc_security_group_ids = [aws_vpc.",
    ] {
        assert!(tf.contains(line), "{line} missing in\n{tf}");
    }
    assert_eq!(tf.matches('{').count(), tf.matches('}').count());
}
