//! `import aws-cli PATH`: saved `aws ec2 describe-*` JSON (a file, or every `.json` file of
//! a directory) turned into model resources, so a real account's network can be analysed
//! offline with `reach`, `diagram`, `cost` and `sql`.
//!
//! Everything is parsed and cross-checked before anything is added: a malformed file, an
//! unknown shape, a resource whose VPC or subnet is missing, or an ID the lab already has
//! is an error naming the file and resource, and nothing is imported.
//!
//! `docs` reads the files, `fields` checks the fields the model needs, `build` adds the
//! resources kind by kind.

mod build;
mod docs;
mod fields;

use std::path::{Path, PathBuf};

use crate::command::{Args, CommandError, CommandSpec, Ctx, Reply, Run};
use crate::lab::Lab;

use build::build;
use docs::read_docs;

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "import aws-cli",
        service: "lab",
        summary: "load saved `aws ec2 describe-*` JSON into the model",
        usage: "import aws-cli FILE|DIR [--region REGION]",
        help: "Reads the JSON that `aws ec2 describe-vpcs`, `describe-subnets`, `describe-route-tables`, \
               `describe-security-groups`, `describe-network-acls`, `describe-internet-gateways`, \
               `describe-nat-gateways`, `describe-instances`, `describe-volumes` and `describe-snapshots` print (one file, or every .json file of a \
               directory) and adds those resources with their real IDs. The region comes from the subnets' \
               availability zones, else --region, else the lab's region. Nothing is imported if any file is \
               malformed or refers to a VPC or subnet that is in neither the files nor the lab. Each file must be a \
               regular file of at most 256 MiB.\n\
               Example: aws ec2 describe-vpcs > vpcs.json (and so on), then `import aws-cli ./account/`",
        flags: &[],
        run: Run::WriteFromFile(import),
    }]
}

fn bad(file: &str, msg: impl Into<String>) -> CommandError {
    CommandError::new("InvalidImportFile", format!("{}: {}", file, msg.into()))
        .with_hint("nothing was imported; save the output of `aws ec2 describe-… --output json` unchanged")
}

/// The files to read: PATH itself, or the `.json` files of a directory in name order.
fn files(path: &Path) -> Result<Vec<PathBuf>, CommandError> {
    // `read_text` later refuses what is not a regular file (a FIFO, a device).
    let Some(names) = crate::command::files::list_dir(path)? else { return Ok(vec![path.to_path_buf()]) };
    let v: Vec<PathBuf> = names
        .iter()
        .filter(|n| Path::new(n).extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
        .map(|n| path.join(n))
        .collect();
    if v.is_empty() {
        return Err(CommandError::new("InvalidImportFile", format!("no .json files in '{}'", path.display())));
    }
    Ok(v)
}

/// The region an availability zone belongs to (`us-east-1a` → `us-east-1`).
fn az_region(az: &str) -> String {
    az.trim_end_matches(|c: char| c.is_ascii_lowercase()).to_string()
}

fn import(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let path = a.required_pos(0, "a file or directory of saved `aws ec2 describe-*` JSON")?;
    let docs = read_docs(&files(Path::new(path))?)?;
    let region = docs
        .subnets
        .iter()
        .find_map(|(_, v)| v.availability_zone.as_deref().map(az_region))
        .or_else(|| a.get("region").map(String::from))
        .unwrap_or_else(|| lab.region.clone());
    if crate::model::regions::find(&region).is_none() {
        return Err(crate::command::region::unknown(&region));
    }
    // Built on a copy: the lab changes only if every resource is accepted.
    let mut net = lab.network.clone();
    let mut counts = build(&mut net, &docs, &region)?;
    let mut storage = lab.storage.clone();
    counts.extend(crate::command::storage::import_aws_cli(
        &mut storage,
        &net,
        &docs.volumes,
        &docs.snapshots,
        &region,
    )?);
    lab.network = net;
    lab.storage = storage;
    let summary: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{} {}", n, k)).collect();
    let text = if summary.is_empty() {
        format!("nothing to import from {}", path)
    } else {
        format!("imported {} from {} into {}", summary.join(", "), path, region)
    };
    Ok(Reply::text(text).with_json(serde_json::json!({
        "path": path,
        "region": region,
        "imported": counts.iter().map(|(k, n)| (k.replace(' ', "_"), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
    })))
}

#[cfg(test)]
mod tests {
    use crate::kernel::Outcome;
    use crate::session::Session;

    const VPCS: &str = r#"{"Vpcs": [{"CidrBlock": "10.20.0.0/16", "VpcId": "vpc-0a1b2c3d4e5f60718", "State": "available",
        "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-0123", "CidrBlock": "10.20.0.0/16", "CidrBlockState": {"State": "associated"}}],
        "IsDefault": false, "Tags": [{"Key": "Name", "Value": "real-prod"}]}]}"#;
    const SUBNETS: &str = r#"{"Subnets": [
        {"AvailabilityZone": "ap-northeast-2a", "CidrBlock": "10.20.1.0/24", "MapPublicIpOnLaunch": true, "SubnetId": "subnet-0aaa0000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718", "DefaultForAz": false, "Tags": [{"Key": "Name", "Value": "public-a"}]},
        {"AvailabilityZone": "ap-northeast-2a", "CidrBlock": "10.20.2.0/24", "MapPublicIpOnLaunch": false, "SubnetId": "subnet-0aaa0000000000002", "VpcId": "vpc-0a1b2c3d4e5f60718", "DefaultForAz": false}]}"#;
    const IGWS: &str = r#"{"InternetGateways": [{"Attachments": [{"State": "available", "VpcId": "vpc-0a1b2c3d4e5f60718"}], "InternetGatewayId": "igw-0bbb0000000000001", "Tags": []}]}"#;
    const RTBS: &str = r#"{"RouteTables": [
        {"Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-01", "RouteTableId": "rtb-0ccc000000000000m"}],
         "RouteTableId": "rtb-0ccc000000000000m", "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}],
         "VpcId": "vpc-0a1b2c3d4e5f60718"},
        {"Associations": [{"Main": false, "RouteTableAssociationId": "rtbassoc-02", "RouteTableId": "rtb-0ccc000000000000p", "SubnetId": "subnet-0aaa0000000000001"}],
         "RouteTableId": "rtb-0ccc000000000000p", "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0bbb0000000000001", "Origin": "CreateRoute", "State": "active"}],
         "VpcId": "vpc-0a1b2c3d4e5f60718"}]}"#;
    const SGS: &str = r#"{"SecurityGroups": [{"Description": "web", "GroupName": "web", "GroupId": "sg-0ddd000000000000w", "VpcId": "vpc-0a1b2c3d4e5f60718",
        "IpPermissions": [{"FromPort": 443, "IpProtocol": "tcp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "ToPort": 443, "UserIdGroupPairs": []}],
        "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]}]}"#;
    const NACLS: &str = r#"{"NetworkAcls": [{"Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-0eee000000000000d", "SubnetId": "subnet-0aaa0000000000001"},
        {"NetworkAclAssociationId": "aclassoc-2", "NetworkAclId": "acl-0eee000000000000d", "SubnetId": "subnet-0aaa0000000000002"}],
        "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                    {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
                    {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                    {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}],
        "IsDefault": true, "NetworkAclId": "acl-0eee000000000000d", "VpcId": "vpc-0a1b2c3d4e5f60718"}]}"#;
    const INSTANCES: &str = r#"{"Reservations": [{"ReservationId": "r-01", "Instances": [{"InstanceId": "i-0fff000000000000w", "InstanceType": "t3.micro", "ImageId": "ami-1",
        "Placement": {"AvailabilityZone": "ap-northeast-2a"}, "PrivateIpAddress": "10.20.1.10", "PublicIpAddress": "3.34.0.10", "State": {"Code": 16, "Name": "running"},
        "SubnetId": "subnet-0aaa0000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718", "SecurityGroups": [{"GroupName": "web", "GroupId": "sg-0ddd000000000000w"}],
        "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0fff00000000000w1"}], "Tags": [{"Key": "Name", "Value": "web"}]}]}]}"#;

    fn account(dir: &std::path::Path, skip: &str) {
        for (name, text) in [
            ("vpcs", VPCS),
            ("subnets", SUBNETS),
            ("igws", IGWS),
            ("route-tables", RTBS),
            ("sgs", SGS),
            ("nacls", NACLS),
            ("instances", INSTANCES),
        ] {
            if name != skip {
                std::fs::write(dir.join(format!("{}.json", name)), text).unwrap();
            }
        }
    }

    #[test]
    fn a_saved_account_can_be_queried_and_reached() {
        let dir = tempfile::tempdir().unwrap();
        account(dir.path(), "");
        let mut s = Session::new();
        let (_, out) = s.run_cell(&format!("import aws-cli {}", dir.path().display()));
        assert_eq!(out, Outcome::Ok);
        assert_eq!(s.lab.network.vpcs.len(), 1);
        assert_eq!(s.lab.network.vpcs[0].region, "ap-northeast-2");
        assert_eq!(s.lab.network.instances.len(), 1);
        for check in [
            "assert sql \"SELECT count(*) FROM subnets\" = 2",
            "assert reach internet web --protocol tcp --port 443",
            "assert not reach internet web --protocol tcp --port 22",
        ] {
            let (ev, out) = s.run_cell(check);
            assert_eq!(out, Outcome::Ok, "{}: {:?}", check, ev);
        }
        // Importing the same account twice is refused and changes nothing.
        let before = s.lab.network.subnets.len();
        assert!(matches!(s.run_cell(&format!("import aws-cli {}", dir.path().display())).1,
            Outcome::Error { ref evalue, .. } if evalue.contains("already in the lab")));
        assert_eq!(s.lab.network.subnets.len(), before);
    }

    #[test]
    fn malformed_or_partial_files_import_nothing() {
        let code = |o: Outcome| match o {
            Outcome::Error { ename, evalue, .. } => format!("{}: {}", ename, evalue),
            Outcome::Ok => "Ok".into(),
        };
        // Subnets without their VPC.
        let dir = tempfile::tempdir().unwrap();
        account(dir.path(), "vpcs");
        let mut s = Session::new();
        let e = code(s.run_cell(&format!("import aws-cli {}", dir.path().display())).1);
        assert!(e.starts_with("InvalidImportFile") && e.contains("describe-vpcs"), "{}", e);
        assert!(s.lab.network.subnets.is_empty() && s.lab.network.vpcs.is_empty());
        // A broken file among good ones.
        let dir = tempfile::tempdir().unwrap();
        account(dir.path(), "");
        std::fs::write(dir.path().join("zz.json"), "{\"Subnets\": [").unwrap();
        let e = code(s.run_cell(&format!("import aws-cli {}", dir.path().display())).1);
        assert!(e.contains("zz.json") && e.contains("not valid JSON"), "{}", e);
        assert!(s.lab.network.vpcs.is_empty());
        // A file of something else.
        let f = dir.path().join("other.txt");
        std::fs::write(&f, "{\"Buckets\": []}").unwrap();
        let e = code(s.run_cell(&format!("import aws-cli {}", f.display())).1);
        assert!(e.contains("not the output of a supported describe-* call"), "{}", e);
        assert!(code(s.run_cell("import aws-cli /no/such/place").1).starts_with("IOError"));
    }

    #[test]
    fn describe_output_imports_back_to_the_same_resources() {
        use crate::command::network::tests::json;
        use crate::command::publish::RunCell;
        let mut a = crate::lab::Lab::new();
        let (_, out) = a.run_cell(
            "vpc wizard --name prod --cidr 10.0.0.0/16 --azs 2 --nat-gateways 1\n\
             create-security-group --group-name web --description web --vpc-id prod-vpc --name web-sg\n\
             authorize-security-group-ingress --group-id web-sg --protocol tcp --port 443 --cidr 0.0.0.0/0\n\
             create-network-acl --vpc-id prod-vpc --name acl1\n\
             create-network-acl-entry --network-acl-id acl1 --rule-number 100 --protocol tcp --port-range From=80,To=80 --cidr-block 0.0.0.0/0 --rule-action allow --ingress\n\
             run-instances --instance-type t3.micro --subnet-id prod-subnet-public1-us-east-1a --security-group-ids web-sg --name web1",
        );
        assert_eq!(out, Outcome::Ok);
        let calls = [
            "describe-vpcs",
            "describe-subnets",
            "describe-internet-gateways",
            "describe-nat-gateways",
            "describe-route-tables",
            "describe-security-groups",
            "describe-network-acls",
            "describe-instances",
        ];
        let dir = tempfile::tempdir().unwrap();
        let before: Vec<serde_json::Value> = calls.iter().map(|c| json(&mut a, c)).collect();
        for (c, v) in calls.iter().zip(&before) {
            std::fs::write(dir.path().join(format!("{c}.json")), v.to_string()).unwrap();
        }
        let mut b = crate::lab::Lab::new();
        let (_, out) = b.run_cell(&format!("import aws-cli {}", dir.path().display()));
        assert_eq!(out, Outcome::Ok);
        // The root volume's mapping comes from describe-volumes, which these files leave out.
        let without_volumes = |mut v: serde_json::Value| {
            for r in v["Reservations"].as_array_mut().into_iter().flatten() {
                for i in r["Instances"].as_array_mut().into_iter().flatten() {
                    i.as_object_mut().map(|i| i.remove("BlockDeviceMappings"));
                }
            }
            v
        };
        for (c, v) in calls.iter().zip(&before) {
            assert_eq!(without_volumes(json(&mut b, c)), without_volumes(v.clone()), "{c}");
        }
    }

    #[test]
    fn files_past_aws_quota_maxima_are_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        let rules: Vec<String> = (0..1_001).map(|p| format!(r#"{{"IpProtocol": "tcp", "FromPort": {p}, "ToPort": {p}, "IpRanges": [{{"CidrIp": "10.0.0.0/8"}}]}}"#)).collect();
        let text = format!(
            r#"{{"Vpcs": [{{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}}], "SecurityGroups": [{{"GroupId": "sg-1", "GroupName": "g", "VpcId": "vpc-1", "IpPermissions": [{}]}}]}}"#,
            rules.join(",")
        );
        let p = dir.path().join("big.json");
        std::fs::write(&p, text).unwrap();
        let mut s = crate::session::Session::new();
        match s.run_cell(&format!("import aws-cli {}", p.display())).1 {
            crate::kernel::Outcome::Error { evalue, .. } => {
                assert!(evalue.contains("1001 inbound rules") && evalue.contains("at most 1000"), "{evalue}")
            }
            crate::kernel::Outcome::Ok => panic!("1,001 rules must be refused"),
        }
        assert!(s.lab.network.vpcs.is_empty());
    }
}
