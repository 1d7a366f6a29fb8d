//! Whole cells run on a lab and shown as the session shows them (`publish::run_cell`):
//! the EBS CLI with AWS's JSON shapes and error lines, and the storage lab commands. Each
//! error case checks the lab is unchanged.

// The cell helpers the network tests use (one `ok`/`err`/`json` for both).
use crate::command::network::tests::{err, json, ok};
use crate::lab::Lab;
use crate::model::storage::ACCOUNT;

/// The lab's EBS state as JSON, to check that a refused command changed nothing.
fn state(s: &mut Lab) -> String {
    let v = json(s, "describe-volumes");
    let sn = json(s, "describe-snapshots");
    format!("{v}{sn}")
}

const SETUP: &str = "
create-vpc --cidr-block 10.0.0.0/16 --name prod
create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a
create-subnet --vpc-id prod --cidr-block 10.0.2.0/24 --availability-zone us-east-1b --name b
run-instances --instance-type m5d.large --subnet-id a --name web1
run-instances --instance-type t3.micro --subnet-id b --name web2
";

/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-creating-volume.html and
/// ebs-attaching-volume.html; JSON as the AWS CLI prints DescribeVolumes.
#[test]
fn create_attach_describe_in_the_cli_shape() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let v =
        json(&mut s, "aws ec2 create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data");
    let id = v["VolumeId"].as_str().unwrap().to_string();
    assert!(id.starts_with("vol-0") && id.len() == 21, "{id}");
    assert_eq!(
        (v["State"].as_str(), v["Iops"].as_u64(), v["Throughput"].as_u64(), v["Size"].as_u64()),
        (Some("creating"), Some(3000), Some(125), Some(20))
    );
    let at = json(&mut s, "attach-volume --volume-id data --instance-id web1 --device /dev/sdf");
    assert_eq!(at["State"], "attaching");
    assert_eq!(at["Device"], "/dev/sdf");
    let d = json(&mut s, &format!("describe-volumes --volume-ids {id}"));
    let vol = &d["Volumes"][0];
    assert_eq!(vol["State"], "in-use");
    assert_eq!(vol["Attachments"][0]["State"], "attached");
    assert_eq!(vol["Tags"][0]["Value"], "data");
    let all = json(&mut s, "describe-volumes --filters Name=attachment.device,Values=/dev/xvda");
    assert_eq!(all["Volumes"].as_array().unwrap().len(), 2, "each instance got an 8 GiB gp3 root volume");
    assert_eq!(all["Volumes"][0]["Attachments"][0]["DeleteOnTermination"], true);
    let out = ok(&mut s, "describe-volumes --filters Name=status,Values=in-use");
    assert!(out.contains("3 volumes in us-east-1") && out.contains("gp3"), "{out}");
    let q = ok(&mut s, "sql SELECT volume_type, SUM(size_gib) AS gib FROM volumes GROUP BY volume_type");
    assert!(q.contains("36"), "{q}");
}

/// AWS's error codes and texts, as the AWS CLI prints them; nothing changes.
#[test]
fn errors_read_like_the_aws_cli_and_change_nothing() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\nattach-volume --volume-id data --instance-id web1 --device /dev/sdf");
    ok(&mut s, "run-instances --instance-type t3.micro --subnet-id a --name web3");
    let before = state(&mut s);
    for (cell, want) in [
        ("create-volume --availability-zone us-east-1a --size 200 --volume-type gp3 --iops 90000",
         "An error occurred (InvalidParameterValue) when calling the CreateVolume operation: Volume iops of 90000 is too high; maximum is 80000."),
        ("create-volume --availability-zone us-east-1a --size 100 --volume-type gp2 --iops 500", "(InvalidParameterCombination) when calling the CreateVolume operation: The parameter iops is not supported for gp2 volumes."),
        ("create-volume --availability-zone us-east-1z --size 10", "Invalid availability zone: [us-east-1z]"),
        ("create-volume --availability-zone us-east-1a --size 10 --volume-type gp4", "Value (gp4) for parameter volumeType is invalid"),
        ("create-volume --availability-zone us-east-1a --size 10 --multi-attach-enabled --volume-type gp3", "InvalidParameterCombination"),
        ("delete-volume --volume-id data", "(VolumeInUse) when calling the DeleteVolume operation: Volume vol-"),
        ("attach-volume --volume-id data --instance-id web3 --device /dev/sdg", "(VolumeInUse) when calling the AttachVolume operation: vol-"),
        ("modify-volume --volume-id data --size 10", "(InvalidParameterValue) when calling the ModifyVolume operation: New size cannot be smaller than existing size"),
        ("delete-snapshot --snapshot-id snap-0123456789abcdef0", "(InvalidSnapshot.NotFound) when calling the DeleteSnapshot operation: The snapshot 'snap-0123456789abcdef0' does not exist."),
        ("describe-volumes --volume-ids vol-0123456789abcdef0", "InvalidVolume.NotFound"),
        ("disk write data2 x.txt", "InvalidVolume.NotFound"),
    ] {
        let e = err(&mut s, cell);
        assert!(e.contains(want), "{cell}\n→ {e}");
        assert_eq!(state(&mut s), before, "{cell} changed the lab");
    }
    ok(&mut s, "create-volume --availability-zone us-east-1b --size 10 --name other");
    let before = state(&mut s);
    let e = err(&mut s, "attach-volume --volume-id other --instance-id web1 --device /dev/sdg");
    assert!(e.contains("(InvalidVolume.ZoneMismatch) when calling the AttachVolume operation"), "{e}");
    assert_eq!(state(&mut s), before);
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html and
/// RootDeviceStorage.html: a stop keeps EBS and loses instance store; terminate deletes
/// DeleteOnTermination volumes only.
#[test]
fn write_stop_start_shows_what_persists() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\nattach-volume --volume-id data --instance-id web1 --device /dev/sdf");
    ok(&mut s, "disk write data orders.db\ndisk write web1:0 cache.tmp");
    let before = json(&mut s, "survives web1");
    assert_eq!(before["Disks"].as_array().unwrap().len(), 3, "root, data, one NVMe instance store disk: {before}");
    assert_eq!(before["Disks"][2]["Device"], "/dev/nvme1n1");
    assert_eq!(before["Disks"][2]["Files"][0], "cache.tmp");
    ok(&mut s, "stop-instances --instance-ids web1\nstart-instances --instance-ids web1");
    let after = json(&mut s, "survives web1");
    assert_eq!(after["Disks"][1]["Files"][0], "orders.db", "EBS kept its data");
    assert_eq!(after["Disks"][2]["Files"].as_array().unwrap().len(), 0, "instance store wiped by the stop");
    let e = err(&mut s, "disk write web2:0 x");
    assert!(e.contains("t3.micro has no instance store"), "{e}");
    let out = ok(&mut s, "survives web2");
    assert!(out.contains("has no instance store"), "{out}");
    ok(&mut s, "terminate-instances --instance-ids web1");
    let v = json(&mut s, "describe-volumes");
    let ids: Vec<_> = v["Volumes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["Tags"][0]["Value"].as_str().unwrap_or("").to_string(), v["State"].as_str().unwrap().to_string()))
        .collect();
    assert!(ids.contains(&("data".into(), "available".into())), "{ids:?}");
    assert_eq!(ids.len(), 2, "web1's root volume was deleted with it: {ids:?}");
    let e = err(&mut s, "attach-volume --volume-id data --instance-id web1 --device /dev/sdf");
    assert!(e.contains("IncorrectState"), "{e}");
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-restoring-volume.html,
/// ebs-copy-snapshot.html, encryption-by-default.html.
#[test]
fn snapshot_restore_in_another_az_copy_to_another_region_encryption() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\nattach-volume --volume-id data --instance-id web1 --device /dev/sdf\ndisk write data orders.db");
    let snap = json(&mut s, "create-snapshot --volume-id data --description nightly");
    let sid = snap["SnapshotId"].as_str().unwrap().to_string();
    assert!(sid.starts_with("snap-0") && sid.len() == 22, "{sid}");
    assert_eq!(snap["State"], "pending");
    let r = json(
        &mut s,
        &format!("create-volume --availability-zone us-east-1b --snapshot-id {sid} --volume-type gp3 --name restored"),
    );
    assert_eq!((r["Size"].as_u64(), r["SnapshotId"].as_str()), (Some(20), Some(sid.as_str())));
    ok(&mut s, "attach-volume --volume-id restored --instance-id web2 --device /dev/sdf");
    let out = ok(&mut s, "survives web2");
    assert!(out.contains("orders.db"), "the restored volume in us-east-1b has the data: {out}");
    let e = err(
        &mut s,
        &format!("create-volume --region ap-northeast-2 --availability-zone ap-northeast-2a --snapshot-id {sid}"),
    );
    assert!(e.contains("InvalidSnapshot.NotFound"), "snapshots are regional: {e}");
    let c = json(
        &mut s,
        &format!(
            "copy-snapshot --region ap-northeast-2 --source-region us-east-1 --source-snapshot-id {sid} --encrypted"
        ),
    );
    let cid = c["SnapshotId"].as_str().unwrap().to_string();
    let d = json(&mut s, "describe-snapshots --owner-ids self --region ap-northeast-2");
    assert_eq!(d["Snapshots"][0]["Encrypted"], true);
    assert_eq!(d["Snapshots"][0]["KmsKeyId"], "arn:aws:kms:ap-northeast-2:123456789012:alias/aws/ebs");
    let v = json(
        &mut s,
        &format!("create-volume --region ap-northeast-2 --availability-zone ap-northeast-2c --snapshot-id {cid}"),
    );
    assert_eq!(v["Encrypted"], true, "encrypted snapshot → encrypted volume");
    assert_eq!(json(&mut s, "get-ebs-encryption-by-default")["EbsEncryptionByDefault"], false);
    ok(&mut s, "enable-ebs-encryption-by-default");
    let v = json(&mut s, "create-volume --availability-zone us-east-1a --size 8");
    assert_eq!((v["Encrypted"].as_bool(), v["VolumeType"].as_str()), (Some(true), Some("gp2")));
    assert_eq!(json(&mut s, "get-ebs-encryption-by-default --region us-west-2")["EbsEncryptionByDefault"], false);
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/modify-volume-requirements.html and
/// API_ModifyVolume.html: up to four modifications of a volume in a rolling 24 hours.
#[test]
fn modify_four_times_in_a_rolling_day() {
    let mut s = Lab::default();
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 100 --volume-type gp3 --name db");
    let m = json(&mut s, "modify-volume --volume-id db --size 200 --iops 6000 --throughput 250");
    assert_eq!(m["VolumeModification"]["OriginalSize"], 100);
    assert_eq!(m["VolumeModification"]["TargetSize"], 200);
    assert_eq!(m["VolumeModification"]["TargetIops"], 6000);
    let out = ok(&mut s, "modify-volume --volume-id db --size 300");
    assert!(out.contains("2 of 4 modifications in the rolling 24 hours; the next is allowed now"), "{out}");
    ok(&mut s, "modify-volume --volume-id db --size 350\nmodify-volume --volume-id db --size 400");
    let before = state(&mut s);
    let e = err(&mut s, "modify-volume --volume-id db --size 500");
    assert!(e.contains("(VolumeModificationRateExceeded) when calling the ModifyVolume operation: You've reached the maximum modification rate per volume limit."), "{e}");
    assert_eq!(state(&mut s), before);
    ok(&mut s, "clock advance 24");
    ok(&mut s, "modify-volume --volume-id db --volume-type io2 --iops 20000");
    let d = json(&mut s, "describe-volumes --volume-ids db");
    assert_eq!((d["Volumes"][0]["VolumeType"].as_str(), d["Volumes"][0]["Iops"].as_u64()), (Some("io2"), Some(20000)));
    assert!(d["Volumes"][0].get("Throughput").is_none());
}

/// Choosing a type: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
/// with https://aws.amazon.com/ebs/pricing/.
#[test]
fn compare_volumes_and_instance_store() {
    let mut s = Lab::default();
    let out = ok(&mut s, "compare-volumes --size 500 --iops 12000 --throughput 500");
    assert!(out.contains("cheapest that meets it: gp3"), "{out}");
    assert!(out.contains("<svg>"), "a chart: {out}");
    let j = json(&mut s, "compare-volumes --size 2000 --iops 100 --throughput 20");
    let first = &j["Types"][0];
    assert_eq!(first["VolumeType"], "sc1", "cold sequential data: sc1 is cheapest: {j}");
    let j = json(&mut s, "compare-volumes --size 2000 --iops 100 --throughput 20 --boot");
    assert_ne!(j["Types"][0]["VolumeType"], "sc1");
    let j = json(&mut s, "compare-volumes --size 200 --iops 100000");
    assert_eq!(j["Types"][0]["VolumeType"], "io2", "only io2 gives 100,000 IOPS (gp3 stops at 80,000): {j}");
    assert_eq!(j["Types"][1]["Meets"], false, "{j}");
    let out = ok(&mut s, "instance-store i4i.large d3.xlarge t3.micro");
    assert!(out.contains("/dev/nvme1n1") && out.contains("EBS only") && out.contains("5940"), "{out}");
    let e = err(&mut s, "instance-store q9.huge");
    assert!(e.contains("InvalidInstanceType"), "{e}");
}

/// Hostile numbers get errors, never a panic, and change nothing.
#[test]
fn hostile_numbers_are_refused_without_a_panic() {
    let mut s = Lab::default();
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 10 --name v");
    let before = state(&mut s);
    for cell in [
        "create-volume --availability-zone us-east-1a --size 4294967296",
        "create-volume --availability-zone us-east-1a --size -1",
        "create-volume --availability-zone us-east-1a --size 4294967295 --volume-type io2 --iops 4294967295",
        "modify-volume --volume-id v --size 4294967295",
        "clock advance 1e300",
        "clock advance -5",
        "clock advance NaN",
        "disk write v:99999999999 x",
        "survives",
        "instance-store",
        "copy-snapshot --source-region mars-1 --source-snapshot-id snap-1",
    ] {
        let _ = err(&mut s, cell);
        assert_eq!(state(&mut s), before, "{cell}");
    }
    for cell in [
        "compare-volumes --size 4294967295 --iops 4294967295 --throughput 4294967295",
        "compare-volumes --size 1 --iops 0 --throughput 0",
    ] {
        ok(&mut s, cell);
    }
}

/// RunInstances --block-device-mappings (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html):
/// a bigger root and a data volume kept at termination; a bad mapping launches nothing.
#[test]
fn run_instances_block_device_mappings() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name prod\ncreate-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a");
    ok(&mut s, "run-instances --instance-type m5.large --subnet-id a --name db1 --block-device-mappings DeviceName=/dev/xvda,Ebs={VolumeSize=30} DeviceName=/dev/sdf,Ebs={VolumeSize=500,VolumeType=io2,Iops=10000,DeleteOnTermination=false}");
    let v = json(&mut s, "describe-volumes --filters Name=attachment.instance-id,Values=db1");
    assert_eq!(v["Volumes"].as_array().unwrap().len(), 0, "filters take IDs, as AWS does");
    let f = json(&mut s, "survives db1");
    let disks = f["Disks"].as_array().unwrap();
    assert_eq!(disks.len(), 2, "{f}");
    assert_eq!(disks[0]["Storage"], "EBS gp3 30 GiB");
    assert_eq!(disks[1]["Storage"], "EBS io2 500 GiB");
    let j = r#"run-instances --instance-type t3.micro --subnet-id a --name j1 --block-device-mappings '[{"DeviceName":"/dev/sdg","Ebs":{"VolumeSize":50,"VolumeType":"st1"}}]'"#;
    let e = err(&mut s, j);
    assert!(e.contains("st1 volumes must be at least 125 GiB"), "{e}");
    let before = state(&mut s);
    let inst = json(&mut s, "describe-instances");
    let n = inst["Reservations"].as_array().unwrap().len();
    let e = err(&mut s, "run-instances --instance-type t3.micro --subnet-id a --block-device-mappings DeviceName=/dev/xvda,Ebs={VolumeSize=500,VolumeType=sc1}");
    assert!(e.contains("InvalidBlockDeviceMapping"), "{e}");
    assert_eq!(state(&mut s), before);
    assert_eq!(json(&mut s, "describe-instances")["Reservations"].as_array().unwrap().len(), n, "no instance launched");
    ok(&mut s, "terminate-instances --instance-ids db1");
    let left = json(&mut s, "describe-volumes");
    assert_eq!(
        left["Volumes"].as_array().unwrap().len(),
        1,
        "the io2 data volume stays (DeleteOnTermination=false): {left}"
    );
    assert_eq!(left["Volumes"][0]["VolumeType"], "io2");
}

/// `cost vpc` prices the lab's volumes (https://aws.amazon.com/ebs/pricing/) instead of the
/// per-instance root assumption.
#[test]
fn cost_vpc_prices_the_volumes() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let out = ok(&mut s, "cost vpc prod");
    assert!(out.contains("16 GB gp3 (2 volumes, from the lab's volumes)"), "{out}");
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 100 --volume-type io2 --iops 10000 --name fast\nattach-volume --volume-id fast --instance-id web1 --device /dev/sdf");
    let out = ok(&mut s, "cost vpc prod");
    // io2: 100 GB × $0.125 + 10,000 IOPS × $0.065 = $662.50.
    assert!(out.contains("100 GB io2 (1 volume, from the lab's volumes)") && out.contains("662.5"), "{out}");
}

/// `cost vpc` prices what each instance really has: an instance-store root
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/RootDeviceStorage.html) has no EBS
/// root, so nothing is assumed for it; its EBS data volumes, once attached, are priced as
/// they are.
#[test]
fn cost_vpc_prices_no_ebs_root_for_an_instance_store_root() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name lab\ncreate-subnet --vpc-id lab --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a");
    ok(
        &mut s,
        "run-instances --image-id cloudlab-instance-store-hvm --instance-type m3.medium --subnet-id a --name scratch",
    );
    let ebs = |s: &mut Lab| -> Vec<serde_json::Value> {
        let c = json(s, "cost vpc lab");
        c["regions"][0]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["component"] == "EBS" || l["component"] == "ebs")
            .cloned()
            .collect()
    };
    let lines = ebs(&mut s);
    assert!(lines.is_empty(), "no EBS for an instance-store root, not 8 GB assumed: {lines:?}");
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 50 --volume-type gp3 --name data\nattach-volume --volume-id data --instance-id scratch --device /dev/sdf");
    let lines = ebs(&mut s);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0]["item"].as_str().unwrap().starts_with("50 GB gp3 (1 volume, from the lab's volumes)"),
        "{lines:?}"
    );
    // 50 GB × $0.08 (us-east-1 gp3).
    assert_eq!(lines[0]["monthly_usd"].as_f64(), Some(4.0), "{lines:?}");
    // An EBS-backed instance next to it keeps its own 8 GiB root, priced from the lab.
    ok(&mut s, "run-instances --instance-type t3.micro --subnet-id a --name web");
    let lines = ebs(&mut s);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0]["item"].as_str().unwrap().starts_with("58 GB gp3 (2 volumes"), "{lines:?}");
    assert!(lines.iter().all(|l| !l["item"].as_str().unwrap().contains("assumed")), "{lines:?}");
}

/// `cost vpc` bills the snapshots of the VPC's volumes per GB-month stored
/// (https://aws.amazon.com/ebs/pricing/): the first at the volume's size (an upper bound),
/// a later one only the changed share; a region without a sourced snapshot price names it.
#[test]
fn cost_vpc_prices_snapshots_incrementally() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 100 --volume-type gp3 --name data\nattach-volume --volume-id data --instance-id web1 --device /dev/sdf");
    ok(&mut s, "disk write data a.db\ndisk write data b.db\ncreate-snapshot --volume-id data --name n1\ndisk write data c.db\ndisk write data d.db\ncreate-snapshot --volume-id data --name n2");
    let c = json(&mut s, "cost vpc prod --regions us-east-1,sa-east-1");
    let snap = |r: usize| {
        c["regions"][r]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["component"] == "EBS snapshots")
            .cloned()
            .unwrap()
    };
    // n1 full (100 GB), n2 half its files new (50 GB): 150 GB × $0.05.
    let us = snap(0);
    assert!(us["item"].as_str().unwrap().starts_with("2 snapshots, 150 GB stored"), "{us}");
    assert_eq!(us["monthly_usd"].as_f64(), Some(7.5), "{us}");
    // São Paulo has no sourced snapshot price: named, left out, the region incomplete.
    let sp = snap(1);
    assert!(sp["monthly_usd"].is_null(), "{sp}");
    assert!(
        sp["assumption"].as_str().unwrap().contains("EBS snapshot GB-month")
            && sp["assumption"].as_str().unwrap().contains("sa-east-1"),
        "{sp}"
    );
    assert_eq!(c["regions"][1]["complete"], false);
}

/// `diagram` shows each instance's disks under it.
#[test]
fn diagram_shows_attached_volumes_and_instance_store() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 20 --volume-type io2 --iops 1000 --name fast\nattach-volume --volume-id fast --instance-id web1 --device /dev/sdf");
    let svg = json(&mut s, "diagram prod")["svg"].as_str().unwrap().to_string();
    assert!(svg.contains("EBS 8 gp3 + 20 io2 · store 1×75 NVMe SSD"), "{svg}");
}

/// `import aws-cli` reads saved `describe-volumes` / `describe-snapshots` JSON: a lab's own
/// output round-trips; a volume attached to an unknown instance imports nothing.
#[test]
fn import_aws_cli_volumes_and_snapshots() {
    let mut a = Lab::default();
    ok(&mut a, SETUP);
    ok(&mut a, "create-volume --availability-zone us-east-1a --size 100 --volume-type io2 --iops 5000 --name fast\nattach-volume --volume-id fast --instance-id web1 --device /dev/sdf\ncreate-snapshot --volume-id fast --name snap1");
    let dir = std::env::temp_dir().join(format!("cloudlab-import-ebs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (f, cmd) in [
        ("1-vpcs", "describe-vpcs"),
        ("2-subnets", "describe-subnets"),
        ("3-sgs", "describe-security-groups"),
        ("4-instances", "describe-instances"),
        ("5-volumes", "describe-volumes"),
        ("6-snapshots", "describe-snapshots"),
    ] {
        std::fs::write(dir.join(format!("{f}.json")), serde_json::to_string(&json(&mut a, cmd)).unwrap()).unwrap();
    }
    let mut b = Lab::default();
    let out = ok(&mut b, &format!("import aws-cli {}", dir.display()));
    assert!(out.contains("3 volumes") && out.contains("1 snapshots"), "two roots and fast: {out}");
    let va = json(&mut a, "describe-volumes --volume-ids fast");
    let vb = json(&mut b, "describe-volumes --volume-ids fast");
    for k in ["VolumeId", "Size", "VolumeType", "Iops", "AvailabilityZone", "State"] {
        assert_eq!(va["Volumes"][0][k], vb["Volumes"][0][k], "{k}");
    }
    assert_eq!(vb["Volumes"][0]["Attachments"][0]["Device"], "/dev/sdf");
    // Volumes alone: their instances are missing, so nothing is imported.
    let only = dir.join("only");
    std::fs::create_dir_all(&only).unwrap();
    std::fs::copy(dir.join("5-volumes.json"), only.join("volumes.json")).unwrap();
    let mut c = Lab::default();
    let before = state(&mut c);
    let e = err(&mut c, &format!("import aws-cli {}", only.display()));
    assert!(e.contains("InvalidImportFile") && e.contains("which is in neither the files nor the lab"), "{e}");
    assert_eq!(state(&mut c), before);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `save` / `load` replay the journal: volumes, snapshots, files and the clock come back.
#[test]
fn save_and_load_rebuild_the_storage() {
    let mut a = Lab::default();
    ok(&mut a, SETUP);
    ok(&mut a, "create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\nattach-volume --volume-id data --instance-id web1 --device /dev/sdf\ndisk write data a.txt\ncreate-snapshot --volume-id data\nmodify-volume --volume-id data --size 40\nclock advance 6\nstop-instances --instance-ids web1");
    let path = std::env::temp_dir().join(format!("cloudlab-ebs-save-{}.cloudlab", std::process::id()));
    ok(&mut a, &format!("save {}", path.display()));
    let mut b = Lab::default();
    ok(&mut b, &format!("load {}", path.display()));
    assert_eq!(state(&mut a), state(&mut b));
    ok(&mut b, "modify-volume --volume-id data --size 50");
    let _ = std::fs::remove_file(&path);
}

/// describe-instances' BlockDeviceMappings name the volumes describe-volumes shows.
#[test]
fn describe_instances_block_device_mappings_are_the_lab_volumes() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    ok(&mut s, "create-volume --availability-zone us-east-1a --size 20 --name data\nattach-volume --volume-id data --instance-id web1 --device /dev/sdf");
    let i = json(&mut s, "describe-instances --instance-ids web1");
    let maps = i["Reservations"][0]["Instances"][0]["BlockDeviceMappings"].as_array().unwrap().clone();
    assert_eq!(maps.len(), 2);
    assert_eq!(maps[0]["DeviceName"], "/dev/xvda");
    assert_eq!(maps[1]["DeviceName"], "/dev/sdf");
    assert_eq!(maps[1]["Ebs"]["DeleteOnTermination"], false);
    let vols = json(&mut s, "describe-volumes");
    let ids: Vec<&str> = vols["Volumes"].as_array().unwrap().iter().map(|v| v["VolumeId"].as_str().unwrap()).collect();
    for m in &maps {
        assert!(ids.contains(&m["Ebs"]["VolumeId"].as_str().unwrap()), "{m}");
    }
}

/// One EBS price in one place: `cost vpc --ebs-volume-type io2` (the root assumption) is
/// priced from the storage model's sourced rows where they exist, named as missing elsewhere,
/// and an unknown type is AWS's error rather than silently gp3.
#[test]
fn cost_vpc_ebs_volume_type_uses_the_storage_prices() {
    let mut s = Lab::default();
    ok(&mut s, "create-vpc --cidr-block 10.0.0.0/16 --name prod\ncreate-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a");
    use crate::model::pricing::estimate::ebs_gb_month;
    use crate::model::storage::VolumeType;
    assert_eq!(ebs_gb_month(VolumeType::Io2, "us-east-1").map(|p| p.usd), Ok(0.125));
    assert!(ebs_gb_month(VolumeType::Io2, "ap-northeast-2").is_err(), "never borrowed");
    assert_eq!(ebs_gb_month(VolumeType::Gp3, "ap-northeast-2").map(|p| p.usd), Ok(0.0912));
    ok(&mut s, "cost vpc prod --ebs-volume-type io2");
    let e = err(&mut s, "cost vpc prod --ebs-volume-type gp4");
    assert!(e.contains("Value (gp4) for parameter volumeType is invalid"), "{e}");
}

/// Instances an Auto Scaling group launches get a root volume like run-instances' ones,
/// deleted with them when the group scales in.
#[test]
fn auto_scaling_instances_get_and_lose_root_volumes() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let before = json(&mut s, "describe-volumes")["Volumes"].as_array().unwrap().len();
    ok(&mut s, "aws ec2 create-launch-template --launch-template-name web-lt --launch-template-data '{\"ImageId\":\"ami-0123456789abcdef0\",\"InstanceType\":\"t3.small\"}'");
    ok(&mut s, "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 0 --max-size 4 --desired-capacity 3 --vpc-zone-identifier a,b");
    assert_eq!(json(&mut s, "describe-volumes")["Volumes"].as_array().unwrap().len(), before + 3);
    ok(&mut s, "aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 1");
    assert_eq!(
        json(&mut s, "describe-volumes")["Volumes"].as_array().unwrap().len(),
        before + 1,
        "scale-in terminates instances and their roots"
    );
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-block-device-mapping.html and
/// creating-an-ami-ebs.html: an instance's root volume is made from its AMI's root
/// snapshot; CreateImage snapshots each EBS volume ("Created by CreateImage(i-…) for ami-…"),
/// and an instance launched from that AMI gets volumes made from those snapshots, with
/// their files; a snapshot an AMI uses cannot be deleted (InvalidSnapshot.InUse).
#[test]
fn root_volumes_come_from_the_amis_snapshot() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    // The default AMI's root snapshot is Amazon's: on the root volume, not in describe-snapshots.
    let img = json(&mut s, "describe-images --owners amazon --image-ids ami-0c1ab00000000c0de");
    let root_snap = img["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"].as_str().unwrap().to_string();
    assert_eq!(img["Images"][0]["RootDeviceType"], "ebs");
    assert_eq!(img["Images"][0]["BlockDeviceMappings"][0]["DeviceName"], img["Images"][0]["RootDeviceName"]);
    let v = json(&mut s, "describe-volumes");
    let roots: Vec<&serde_json::Value> =
        v["Volumes"].as_array().unwrap().iter().filter(|v| v["Attachments"][0]["Device"] == "/dev/xvda").collect();
    assert_eq!(roots.len(), 2);
    assert!(roots.iter().all(|r| r["SnapshotId"] == root_snap.as_str() && r["Size"] == 8), "{roots:?}");
    assert_eq!(json(&mut s, "describe-snapshots --owner-ids self")["Snapshots"].as_array().unwrap().len(), 0);

    // An AMI of web1 with a data volume: one snapshot per EBS volume.
    ok(
        &mut s,
        "create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\n\
                attach-volume --volume-id data --instance-id web1 --device /dev/sdf\n\
                disk write data orders.db",
    );
    let root1 = s_volume_of(&mut s, "web1", "/dev/xvda");
    ok(&mut s, &format!("disk write {root1} app.conf"));
    let ami = json(&mut s, "create-image --instance-id web1 --name web-ami")["ImageId"].as_str().unwrap().to_string();
    let img = json(&mut s, &format!("describe-images --owners self --image-ids {ami}"));
    let maps = img["Images"][0]["BlockDeviceMappings"].as_array().unwrap().clone();
    assert_eq!(maps.len(), 2, "{maps:?}");
    assert_eq!((img["Images"][0]["OwnerId"].as_str(), img["Images"][0].get("ImageOwnerAlias")), (Some(ACCOUNT), None));
    let snaps = json(&mut s, "describe-snapshots --owner-ids self")["Snapshots"].as_array().unwrap().clone();
    assert_eq!(snaps.len(), 2);
    let web1 = json(&mut s, "describe-instances --instance-ids web1")["Reservations"][0]["Instances"][0]["InstanceId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        snaps.iter().all(|x| x["Description"] == format!("Created by CreateImage({web1}) for {ami}").as_str()),
        "{snaps:?}"
    );
    let root_map = maps.iter().find(|m| m["DeviceName"] == "/dev/xvda").unwrap();
    let ami_root_snap = root_map["Ebs"]["SnapshotId"].as_str().unwrap().to_string();

    // A launch from the AMI: the root from the AMI's root snapshot, with what was on it;
    // --block-device-mappings may grow the root.
    ok(&mut s, "run-instances --image-id web-ami --instance-type t3.micro --subnet-id b --name web3 --block-device-mappings 'DeviceName=/dev/xvda,Ebs={VolumeSize=30}'");
    let v = json(&mut s, "describe-volumes");
    let web3 = json(&mut s, "describe-instances --instance-ids web3")["Reservations"][0]["Instances"][0].clone();
    let id3 = web3["InstanceId"].as_str().unwrap();
    let of3: Vec<&serde_json::Value> =
        v["Volumes"].as_array().unwrap().iter().filter(|v| v["Attachments"][0]["InstanceId"] == id3).collect();
    assert_eq!(of3.len(), 2, "root and data volume from the AMI: {of3:?}");
    let r3 = of3.iter().find(|v| v["Attachments"][0]["Device"] == "/dev/xvda").unwrap();
    assert_eq!(
        (r3["SnapshotId"].as_str(), r3["Size"].as_u64(), r3["AvailabilityZone"].as_str()),
        (Some(ami_root_snap.as_str()), Some(30), Some("us-east-1b"))
    );
    let out = ok(&mut s, "survives web3");
    assert!(out.contains("app.conf") && out.contains("orders.db"), "the AMI's files are on the new volumes: {out}");
    assert_eq!(web3["RootDeviceType"], "ebs");
    // Shrinking below the snapshot is refused, and nothing launches.
    let before = state(&mut s);
    let e = err(&mut s, "run-instances --image-id web-ami --instance-type t3.micro --subnet-id b --block-device-mappings 'DeviceName=/dev/xvda,Ebs={VolumeSize=4}'");
    assert!(e.contains("InvalidBlockDeviceMapping") && e.contains("smaller than snapshot"), "{e}");
    assert_eq!(state(&mut s), before);
    // The AMI's snapshot is in use.
    let e = err(&mut s, &format!("delete-snapshot --snapshot-id {ami_root_snap}"));
    assert!(e.contains("InvalidSnapshot.InUse") && e.contains(&format!("is currently in use by {ami}")), "{e}");
    assert_eq!(state(&mut s), before);
    let e = err(&mut s, "describe-images --image-ids ami-0123456789abcdef0");
    assert!(e.contains("InvalidAMIID.NotFound"), "{e}");
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/RootDeviceStorage.html: an
/// instance-store-backed AMI launches only on C1, C3, D2, I2, M1, M2, M3, R3 and X1 types;
/// its instance cannot be stopped (UnsupportedOperation), only terminated.
#[test]
fn instance_store_roots_cannot_be_stopped() {
    let mut s = Lab::default();
    ok(&mut s, SETUP);
    let img = json(&mut s, "describe-images --image-ids cloudlab-instance-store-hvm")["Images"][0].clone();
    assert_eq!(img["RootDeviceType"], "instance-store");
    let before = state(&mut s);
    for t in ["t3.micro", "m5d.large"] {
        let e = err(
            &mut s,
            &format!("run-instances --image-id cloudlab-instance-store-hvm --instance-type {t} --subnet-id a"),
        );
        assert!(
            e.contains("UnsupportedOperation")
                && e.contains(&format!(
                    "with an instance-store root device is not supported for the instance type '{t}'"
                )),
            "{e}"
        );
    }
    let e = err(&mut s, "run-instances --image-id cloudlab-instance-store-hvm --instance-type m3.medium --subnet-id a --block-device-mappings 'DeviceName=/dev/sdf,Ebs={VolumeSize=10}'");
    assert!(
        e.contains("UnsupportedOperation")
            && e.contains("EBS block device mappings not supported for instance-store AMIs."),
        "{e}"
    );
    assert_eq!(state(&mut s), before);
    assert_eq!(json(&mut s, "describe-instances")["Reservations"].as_array().unwrap().len(), 2, "nothing launched");

    ok(
        &mut s,
        "run-instances --image-id cloudlab-instance-store-hvm --instance-type m3.medium --subnet-id a --name scratch",
    );
    let i = json(&mut s, "describe-instances --instance-ids scratch")["Reservations"][0]["Instances"][0].clone();
    let id = i["InstanceId"].as_str().unwrap().to_string();
    assert_eq!(
        (i["RootDeviceType"].as_str(), i["RootDeviceName"].as_str()),
        (Some("instance-store"), Some("/dev/sda1"))
    );
    assert_eq!(i["BlockDeviceMappings"].as_array().unwrap().len(), 0, "no EBS volume: {i}");
    assert_eq!(state(&mut s), before, "no volume was created");
    let out = ok(&mut s, "survives scratch");
    assert!(out.contains("instance-store-backed") && out.contains("cannot stop"), "{out}");
    let e = err(&mut s, "stop-instances --instance-ids web1 scratch");
    assert!(
        e.contains("UnsupportedOperation")
            && e.contains(&format!(
                "The instance '{id}' does not have an 'ebs' root device type and cannot be stopped."
            )),
        "{e}"
    );
    let web1 = json(&mut s, "describe-instances --instance-ids web1")["Reservations"][0]["Instances"][0]["State"]
        ["Name"]
        .clone();
    assert_eq!(web1, "running", "the whole call was refused");
    let e = err(&mut s, "create-image --instance-id scratch --name nope");
    assert!(e.contains("UnsupportedOperation") && e.contains("does not have an 'ebs' root device type"), "{e}");
    assert_eq!(
        json(&mut s, "describe-images --owners self")["Images"].as_array().unwrap().len(),
        0,
        "the refused create-image left no AMI"
    );
    ok(&mut s, "reboot-instances --instance-ids scratch");
    ok(&mut s, "terminate-instances --instance-ids scratch");
    let st = json(&mut s, "describe-instances --instance-ids scratch")["Reservations"][0]["Instances"][0]["State"]
        ["Name"]
        .clone();
    assert_eq!(st, "terminated");
}

/// The volume ID attached to an instance at a device.
fn s_volume_of(s: &mut Lab, instance: &str, device: &str) -> String {
    let i = json(s, &format!("describe-instances --instance-ids {instance}"));
    let maps = i["Reservations"][0]["Instances"][0]["BlockDeviceMappings"].as_array().unwrap().clone();
    maps.iter().find(|m| m["DeviceName"] == device).unwrap()["Ebs"]["VolumeId"].as_str().unwrap().to_string()
}
