//! Scenario tests of the EBS model, each naming the AWS page whose rule it checks. Every
//! error case also checks that the model is unchanged.

use super::types::{self, VolumeType};
use super::volumes::{Mapping, VolumeSpec};
use super::*;
use crate::model::network::instances::RunSpec;
use crate::model::network::Network;

const R: &str = "us-east-1";

fn net_with_instances() -> (Network, String, String) {
    let mut n = Network::default();
    let vpc = n.create_vpc(R, "10.0.0.0/16", Some("prod".into())).unwrap();
    let a = n.create_subnet(R, &vpc, "10.0.1.0/24", Some("us-east-1a"), Some("a".into())).unwrap();
    let b = n.create_subnet(R, &vpc, "10.0.2.0/24", Some("us-east-1b"), Some("b".into())).unwrap();
    let run = |n: &mut Network, s: &str, t: &str, name: &str| {
        n.run_instances(
            R,
            &RunSpec {
                instance_type: t.into(),
                subnet: Some(s.into()),
                count: 1,
                name: Some(name.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .remove(0)
    };
    let i1 = run(&mut n, &a, "m5d.large", "web1");
    let i2 = run(&mut n, &b, "t3.micro", "web2");
    (n, i1, i2)
}

fn gp3(az: &str, size: u32) -> VolumeSpec {
    VolumeSpec {
        availability_zone: az.into(),
        volume_type: Some(VolumeType::Gp3),
        size_gib: Some(size),
        ..Default::default()
    }
}

/// Asserts the error's code and that the storage did not change.
fn refused<T: std::fmt::Debug>(s: &Storage, before: &Storage, r: StorageResult<T>, code: &str) -> String {
    let e = r.expect_err("should be refused");
    assert_eq!(e.code, code, "{}", e.message);
    assert_eq!(s.volumes, before.volumes, "volumes changed by a refused call");
    assert_eq!(s.snapshots, before.snapshots, "snapshots changed by a refused call");
    assert_eq!(s.now, before.now);
    e.message
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html (gp3: 3,000 IOPS
/// and 125 MiB/s baseline, up to 80,000 and 2,000 since September 2025; 500 IOPS/GiB;
/// 0.25 MiB/s per IOPS; 1 GiB–64 TiB).
#[test]
fn gp3_baseline_and_ranges() {
    let mut s = Storage::default();
    let id = s.create_volume(R, &gp3("us-east-1a", 8)).unwrap();
    let v = s.volume(R, &id).unwrap();
    assert!(id.starts_with("vol-0") && id.len() == 4 + 17 && id[4..].chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    assert_eq!((v.reported_iops(), v.reported_throughput()), (Some(3000), Some(125)));
    assert_eq!(v.state(), "available");
    let before = s.clone();
    let mut big = gp3("us-east-1a", 100);
    big.iops = Some(90_000);
    let m = refused(&s, &before, s.clone().create_volume(R, &big), "InvalidParameterValue");
    assert_eq!(m, "Volume iops of 90000 is too high; maximum is 80000.");
    // 80,000 IOPS from 160 GiB (500/GiB), 2,000 MiB/s from 8,000 IOPS (0.25 MiB/s each).
    let mut top = gp3("us-east-1a", 160);
    top.iops = Some(80_000);
    top.throughput = Some(2_000);
    assert!(s.clone().create_volume(R, &top).is_ok());
    top.throughput = Some(2_001);
    refused(&s, &before, s.clone().create_volume(R, &top), "InvalidParameterValue");
    let mut ratio = gp3("us-east-1a", 10);
    ratio.iops = Some(6000);
    let m = refused(&s, &before, s.clone().create_volume(R, &ratio), "InvalidParameterValue");
    assert_eq!(m, "Iops to volume size ratio of 600.000000 is too high; maximum is 500.000000");
    let mut tp = gp3("us-east-1a", 100);
    tp.throughput = Some(1000);
    let m = refused(&s, &before, s.clone().create_volume(R, &tp), "InvalidParameterValue");
    assert!(m.starts_with("Throughput (MiBps) to iops ratio of 0.333333 is too high"), "{m}");
    tp.iops = Some(4000);
    assert!(s.clone().create_volume(R, &tp).is_ok(), "1,000 MiB/s needs 4,000 IOPS");
    assert!(s.clone().create_volume(R, &gp3("us-east-1a", 65_536)).is_ok(), "64 TiB");
    let huge = gp3("us-east-1a", 65_537);
    refused(&s, &before, s.clone().create_volume(R, &huge), "InvalidParameterValue");
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html (io1 50 IOPS/GiB
/// up to 64,000; io2 1,000 IOPS/GiB up to 256,000, 4 GiB–64 TiB) and
/// https://docs.aws.amazon.com/ebs/latest/userguide/hdd-vols.html (st1/sc1 from 125 GiB).
#[test]
fn provisioned_iops_and_hdd_rules() {
    let mut s = Storage::default();
    let before = s.clone();
    let io = |t, size, iops| VolumeSpec {
        availability_zone: "us-east-1a".into(),
        volume_type: Some(t),
        size_gib: Some(size),
        iops,
        ..Default::default()
    };
    refused(&s, &before, s.clone().create_volume(R, &io(VolumeType::Io1, 100, Some(6000))), "InvalidParameterValue");
    assert!(
        s.clone().create_volume(R, &io(VolumeType::Io2, 100, Some(64_000))).is_ok(),
        "io2 allows 1,000 IOPS per GiB"
    );
    refused(&s, &before, s.clone().create_volume(R, &io(VolumeType::Io2, 100, None)), "MissingParameter");
    refused(&s, &before, s.clone().create_volume(R, &io(VolumeType::Io2, 300, Some(300_000))), "InvalidParameterValue");
    let m = refused(&s, &before, s.clone().create_volume(R, &io(VolumeType::St1, 100, None)), "InvalidParameterValue");
    assert!(m.contains("st1 volumes must be at least 125 GiB"), "{m}");
    let m = refused(
        &s,
        &before,
        s.clone().create_volume(R, &io(VolumeType::Gp2, 100, Some(300))),
        "InvalidParameterCombination",
    );
    assert_eq!(m, "The parameter iops is not supported for gp2 volumes.");
    assert!(s.create_volume(R, &io(VolumeType::Io2, 64_000, Some(256_000))).is_ok());
    assert_eq!(types::gp2_iops(8), 100);
    assert_eq!(types::gp2_iops(1000), 3000);
    assert_eq!(types::gp2_iops(16_000), 16_000);
    assert!(!VolumeType::St1.bootable() && !VolumeType::Sc1.bootable() && VolumeType::Gp3.bootable());
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-attaching-volume.html: same AZ
/// only; one instance at a time; device names; VolumeInUse on delete
/// (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-deleting-volume.html).
#[test]
fn attach_in_the_same_az_only_and_delete_only_when_detached() {
    let (n, i1, i2) = net_with_instances();
    let mut s = Storage::default();
    let v = s.create_volume(R, &gp3("us-east-1a", 20)).unwrap();
    let before = s.clone();
    let m = refused(&s, &before, s.clone().attach_volume(&n, R, &v, &i2, "/dev/sdf"), "InvalidVolume.ZoneMismatch");
    assert!(m.contains("is not in the same availability zone as instance"), "{m}");
    refused(&s, &before, s.clone().attach_volume(&n, R, &v, &i1, "sdf"), "InvalidParameterValue");
    s.attach_volume(&n, R, &v, "web1", "/dev/sdf").unwrap();
    assert_eq!(s.volume(R, &v).unwrap().state(), "in-use");
    let before = s.clone();
    refused(&s, &before, s.clone().attach_volume(&n, R, &v, &i1, "/dev/sdg"), "VolumeInUse");
    let other = s.clone().create_volume(R, &gp3("us-east-1a", 5)).unwrap();
    let mut s2 = s.clone();
    s2.create_volume(R, &gp3("us-east-1a", 5)).unwrap();
    let b2 = s2.clone();
    let m = refused(&s2, &b2, s2.clone().attach_volume(&n, R, &other, &i1, "/dev/sdf"), "InvalidParameterValue");
    assert!(m.contains("Attachment point /dev/sdf is already in use"), "{m}");
    let m = refused(&s, &before, s.clone().delete_volume(R, &v), "VolumeInUse");
    assert_eq!(m, format!("Volume {} is currently attached to {}", v, i1));
    s.detach_volume(&n, R, &v, None, false).unwrap();
    let before = s.clone();
    refused(&s, &before, s.clone().detach_volume(&n, R, &v, None, false), "IncorrectState");
    s.delete_volume(R, &v).unwrap();
    assert!(s.volumes.is_empty());
    let before = s.clone();
    refused(&s, &before, s.clone().delete_volume(R, &v), "InvalidVolume.NotFound");
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html: io1/io2 only.
#[test]
fn multi_attach_is_for_io1_and_io2() {
    let (mut n, i1, _) = net_with_instances();
    let sub = n.subnets.iter().find(|s| s.availability_zone == "us-east-1a").unwrap().id.clone();
    let i3 = n
        .run_instances(
            R,
            &RunSpec { instance_type: "m5.large".into(), subnet: Some(sub), count: 1, ..Default::default() },
        )
        .unwrap()
        .remove(0);
    let mut s = Storage::default();
    let before = s.clone();
    let mut spec = gp3("us-east-1a", 100);
    spec.multi_attach = true;
    refused(&s, &before, s.clone().create_volume(R, &spec), "InvalidParameterCombination");
    let v = s
        .create_volume(
            R,
            &VolumeSpec {
                availability_zone: "us-east-1a".into(),
                volume_type: Some(VolumeType::Io2),
                size_gib: Some(100),
                iops: Some(3000),
                multi_attach: true,
                ..Default::default()
            },
        )
        .unwrap();
    s.attach_volume(&n, R, &v, &i1, "/dev/sdf").unwrap();
    s.attach_volume(&n, R, &v, &i3, "/dev/sdf").unwrap();
    assert_eq!(s.volume(R, &v).unwrap().attachments.len(), 2);
    let before = s.clone();
    refused(&s, &before, s.clone().detach_volume(&n, R, &v, None, false), "MissingParameter");
    s.detach_volume(&n, R, &v, Some(&i3), false).unwrap();
    // Multi-Attach needs Nitro instances: an m4 (Xen) is refused, nothing changes.
    let i4 = n
        .run_instances(
            R,
            &RunSpec {
                instance_type: "m4.large".into(),
                subnet: Some(n.subnets.iter().find(|s| s.availability_zone == "us-east-1a").unwrap().id.clone()),
                count: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .remove(0);
    let before = s.clone();
    refused(&s, &before, s.clone().attach_volume(&n, R, &v, &i4, "/dev/sdg"), "UnsupportedOperation");
    // A single-attach volume attaches to it as to any instance.
    let one = s.create_volume(R, &gp3("us-east-1a", 10)).unwrap();
    s.attach_volume(&n, R, &one, &i4, "/dev/sdg").unwrap();
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html and
/// RootDeviceStorage.html: attach to a terminated instance is refused; terminate deletes
/// volumes with DeleteOnTermination and keeps the rest; stop keeps EBS, loses instance store.
#[test]
fn stop_keeps_ebs_terminate_deletes_root_only() {
    let (mut n, i1, _) = net_with_instances();
    let mut s = Storage::default();
    s.launch(&n, std::slice::from_ref(&i1), &[]).unwrap();
    let root = s.volumes_of(&i1)[0].id.clone();
    assert_eq!(s.volume(R, &root).unwrap().attachments[0].device, "/dev/xvda");
    let data = s.create_volume(R, &gp3("us-east-1a", 50)).unwrap();
    s.attach_volume(&n, R, &data, &i1, "/dev/sdf").unwrap();
    s.write_volume(&n, R, &data, "orders.db").unwrap();
    s.write_instance_store(&n, R, &i1, 0, "cache.tmp").unwrap();
    let before = s.clone();
    refused(&s, &before, s.clone().write_instance_store(&n, R, &i1, 1, "x"), "InvalidParameterValue");
    n.stop_instances(R, std::slice::from_ref(&i1), false).unwrap();
    s.on_stop(std::slice::from_ref(&i1));
    assert!(s.instance_store_files.is_empty(), "instance store is lost on stop");
    assert_eq!(s.volume(R, &data).unwrap().files, vec!["orders.db".to_string()]);
    n.terminate_instances(R, std::slice::from_ref(&i1)).unwrap();
    s.on_terminate(std::slice::from_ref(&i1));
    assert!(s.volume(R, &root).is_err(), "root volume deleted (DeleteOnTermination=true)");
    assert_eq!(s.volume(R, &data).unwrap().state(), "available", "data volume kept, detached");
    let before = s.clone();
    let m = refused(&s, &before, s.clone().attach_volume(&n, R, &data, &i1, "/dev/sdf"), "IncorrectState");
    assert!(m.contains("is not 'running'."), "{m}");
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/modify-volume-requirements.html and
/// API_ModifyVolume.html: grow only; up to four modifications in a rolling 24 hours.
#[test]
fn modify_grows_never_shrinks_four_times_a_day() {
    let mut s = Storage::default();
    let v = s.create_volume(R, &gp3("us-east-1a", 100)).unwrap();
    let before = s.clone();
    let m =
        refused(&s, &before, s.clone().modify_volume(R, &v, Some(50), None, None, None, None), "InvalidParameterValue");
    assert_eq!(m, "New size cannot be smaller than existing size");
    let md = s.modify_volume(R, &v, Some(200), None, Some(6000), None, None).unwrap();
    assert_eq!(md.original.1, 100);
    assert_eq!(md.target.1, 200);
    // Three more within the day are allowed (each completes at once here); a fifth is not.
    s.modify_volume(R, &v, Some(300), None, None, None, None).unwrap();
    s.modify_volume(R, &v, None, None, None, Some(250), None).unwrap();
    s.modify_volume(R, &v, Some(400), None, None, None, None).unwrap();
    let before = s.clone();
    let m = refused(
        &s,
        &before,
        s.clone().modify_volume(R, &v, Some(500), None, None, None, None),
        "VolumeModificationRateExceeded",
    );
    assert!(
        m.starts_with("You've reached the maximum modification rate per volume limit.")
            && m.contains("up to 4 times in a rolling 24-hour period"),
        "{m}"
    );
    // The window rolls: 23 hours later the first modification is still in it, 24 hours later not.
    s.advance(23.0).unwrap();
    refused(
        &s,
        &s.clone(),
        s.clone().modify_volume(R, &v, Some(500), None, None, None, None),
        "VolumeModificationRateExceeded",
    );
    s.advance(1.0).unwrap();
    let md = s.modify_volume(R, &v, None, Some(VolumeType::Io2), Some(10_000), None, None).unwrap();
    assert_eq!(md.target.0, VolumeType::Io2);
    assert_eq!(s.volume(R, &v).unwrap().reported_throughput(), None);
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html and
/// ebs-copy-snapshot.html: snapshots are regional, restore in any AZ of the region, copy
/// across regions; incremental after the first.
#[test]
fn snapshot_restores_in_another_az_and_copies_to_another_region() {
    let (n, i1, _) = net_with_instances();
    let mut s = Storage::default();
    let v = s.create_volume(R, &gp3("us-east-1a", 20)).unwrap();
    s.attach_volume(&n, R, &v, &i1, "/dev/sdf").unwrap();
    s.write_volume(&n, R, &v, "a.txt").unwrap();
    let s1 = s.create_snapshot(R, &v, Some("first"), None).unwrap();
    s.write_volume(&n, R, &v, "b.txt").unwrap();
    let s2 = s.create_snapshot(R, &v, None, None).unwrap();
    assert_eq!(s.snapshot(R, &s1).unwrap().new_files, 1);
    assert_eq!(s.snapshot(R, &s2).unwrap().new_files, 1, "incremental: only b.txt is new");
    let mut spec = gp3("us-east-1b", 20);
    spec.snapshot = Some(s2.clone());
    let restored = s.create_volume(R, &spec).unwrap();
    assert_eq!(s.volume(R, &restored).unwrap().files, vec!["a.txt".to_string(), "b.txt".to_string()]);
    let before = s.clone();
    let mut small = gp3("us-east-1b", 10);
    small.snapshot = Some(s2.clone());
    refused(&s, &before, s.clone().create_volume(R, &small), "InvalidParameterValue");
    let mut far = gp3("ap-northeast-2a", 20);
    far.snapshot = Some(s2.clone());
    refused(&s, &before, s.clone().create_volume(R, &far), "InvalidParameterValue");
    refused(
        &s,
        &before,
        s.clone()
            .create_volume("ap-northeast-2", &VolumeSpec { snapshot: Some(s2.clone()), ..gp3("ap-northeast-2a", 20) }),
        "InvalidSnapshot.NotFound",
    );
    let copy = s.copy_snapshot("ap-northeast-2", R, &s2, false, None, None).unwrap();
    let c = s.snapshot("ap-northeast-2", &copy).unwrap();
    assert_eq!(c.source, Some((s2.clone(), R.to_string())));
    assert!(s
        .create_volume("ap-northeast-2", &VolumeSpec { snapshot: Some(copy.clone()), ..gp3("ap-northeast-2c", 20) })
        .is_ok());
    s.delete_snapshot(R, &s1).unwrap();
    let before = s.clone();
    refused(&s, &before, s.clone().delete_snapshot(R, &s1), "InvalidSnapshot.NotFound");
}

/// https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html and
/// ebs-encryption.html: per region; encrypted snapshot → encrypted volume; a copy may add
/// encryption.
#[test]
fn encryption_by_default_is_per_region_and_follows_snapshots() {
    let mut s = Storage::default();
    let plain = s.create_volume(R, &gp3("us-east-1a", 8)).unwrap();
    s.set_encryption_by_default(R, true);
    let enc = s.create_volume(R, &gp3("us-east-1a", 8)).unwrap();
    assert!(!s.volume(R, &plain).unwrap().encrypted, "existing volumes are not changed");
    let ev = s.volume(R, &enc).unwrap();
    assert!(ev.encrypted && ev.kms_key_id.as_deref() == Some("arn:aws:kms:us-east-1:123456789012:alias/aws/ebs"));
    let other = s.create_volume("us-west-2", &gp3("us-west-2a", 8)).unwrap();
    assert!(!s.volume("us-west-2", &other).unwrap().encrypted, "encryption by default is per region");
    s.set_encryption_by_default(R, false);
    let snap = s.create_snapshot(R, &enc, None, None).unwrap();
    assert!(s.snapshot(R, &snap).unwrap().encrypted);
    let from = s.create_volume(R, &VolumeSpec { snapshot: Some(snap.clone()), ..gp3("us-east-1c", 8) }).unwrap();
    assert!(s.volume(R, &from).unwrap().encrypted, "a volume from an encrypted snapshot is encrypted");
    let before = s.clone();
    refused(
        &s,
        &before,
        s.clone().create_volume(
            R,
            &VolumeSpec { snapshot: Some(snap.clone()), encrypted: Some(false), ..gp3("us-east-1c", 8) },
        ),
        "InvalidParameterCombination",
    );
    let psnap = s.create_snapshot(R, &plain, None, None).unwrap();
    let ecopy = s.copy_snapshot(R, R, &psnap, true, None, None).unwrap();
    assert!(s.snapshot(R, &ecopy).unwrap().encrypted, "copy-snapshot --encrypted encrypts an unencrypted snapshot");
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html: the type fixes
/// the instance store (count, size, SSD/HDD, NVMe).
#[test]
fn instance_store_comes_from_the_type() {
    let i4i = instance_store::of_type("i4i.large").unwrap();
    assert_eq!((i4i.disk_count, i4i.disk_size_gb, i4i.disk_type.as_str(), i4i.is_nvme()), (1, 468, "ssd", true));
    assert_eq!(i4i.device(0), "/dev/nvme1n1");
    let d3 = instance_store::of_type("d3.xlarge").unwrap();
    assert_eq!((d3.disk_count, d3.total_gb(), d3.disk_type.as_str()), (3, 5940, "hdd"));
    let m1 = instance_store::of_type("m1.small").unwrap();
    assert_eq!(m1.device(0), "ephemeral0");
    assert!(instance_store::of_type("t3.micro").is_none());
    // Agrees with the catalog's total size and disk type for every type.
    for st in instance_store::all() {
        let it = crate::model::compute::catalog::find(&st.instance_type).expect("type in catalog");
        assert_eq!(it.instance_storage_gb, Some(st.total_gb()), "{}", st.instance_type);
        assert_eq!(it.instance_storage_type.as_deref(), Some(st.disk_type.as_str()));
    }
}

/// Block-device mappings at launch: a root that cannot boot is refused and nothing is left
/// behind (RunInstances API reference, BlockDeviceMapping).
#[test]
fn launch_mappings_are_all_or_nothing() {
    let (n, i1, _) = net_with_instances();
    let mut s = Storage::default();
    let before = s.clone();
    let bad = Mapping {
        device: "/dev/xvda".into(),
        spec: VolumeSpec { volume_type: Some(VolumeType::St1), size_gib: Some(500), ..Default::default() },
        delete_on_termination: true,
    };
    refused(&s, &before, s.clone().launch(&n, std::slice::from_ref(&i1), &[bad]), "InvalidBlockDeviceMapping");
    let data = Mapping {
        device: "/dev/sdf".into(),
        spec: VolumeSpec { volume_type: Some(VolumeType::Gp3), size_gib: Some(100), ..Default::default() },
        delete_on_termination: false,
    };
    s.launch(&n, std::slice::from_ref(&i1), &[data]).unwrap();
    assert_eq!(s.volumes_of(&i1).len(), 2);
}

/// https://aws.amazon.com/ebs/pricing/: gp3 $0.08/GB-month plus IOPS above 3,000 and
/// throughput above 125 MiB/s.
#[test]
fn prices_follow_the_pricing_page() {
    let m = prices::volume_month(VolumeType::Gp3, 100, Some(3000), Some(125), R).unwrap();
    assert!((m - 8.0).abs() < 1e-9);
    let m = prices::volume_month(VolumeType::Gp3, 2000, Some(10_000), Some(500), R).unwrap();
    assert!((m - (160.0 + 35.0 + 15.0)).abs() < 1e-9, "{m}");
    let m = prices::volume_month(VolumeType::Io2, 100, Some(40_000), None, R).unwrap();
    assert!((m - (12.5 + 0.065 * 32_000.0 + 0.0455 * 8_000.0)).abs() < 1e-6, "{m}");
    // gp3 storage in Seoul comes from the per-region data; io2 there is not known, never borrowed.
    assert_eq!(prices::gb_month(VolumeType::Gp3, "ap-northeast-2").unwrap().usd, 0.0912);
    assert!(prices::gb_month(VolumeType::Io2, "ap-northeast-2").is_err());
    assert!(
        prices::volume_month(VolumeType::Gp3, 100, Some(3000), Some(125), "ap-northeast-2").is_ok(),
        "baseline gp3 needs no IOPS price"
    );
    // Seoul: extra gp3 IOPS are priced (0.0057, Price List 2026-09-25), extra throughput is not.
    let m = prices::volume_month(VolumeType::Gp3, 100, Some(6000), Some(125), "ap-northeast-2").unwrap();
    assert!((m - (9.12 + 0.0057 * 3000.0)).abs() < 1e-9, "{m}");
    let e = prices::volume_month(VolumeType::Gp3, 100, Some(6000), Some(250), "ap-northeast-2").unwrap_err();
    assert!(e.contains("gp3 provisioned throughput") && e.contains("ap-northeast-2"), "{e}");
    // io1 storage and snapshots outside us-east-1 come from sourced rows of the data;
    // what no source gives stays an error that names it.
    let p = prices::gb_month(VolumeType::Io1, "eu-central-1").unwrap();
    assert_eq!(p.usd, 0.149);
    assert!(p.basis.contains("Price List"), "{}", p.basis);
    assert_eq!(prices::gb_month(VolumeType::Io1, "ap-northeast-2").unwrap().usd, 0.1278);
    assert_eq!(prices::snapshot_gb_month("ap-southeast-2").unwrap().usd, 0.055);
    assert_eq!(prices::snapshot_gb_month(R).unwrap().usd, 0.05);
    assert_eq!(prices::snapshot_gb_month("ap-northeast-2").unwrap().usd, 0.05);
    let e = prices::snapshot_gb_month("sa-east-1").unwrap_err();
    assert!(e.contains("snapshot GB-month") && e.contains("sa-east-1"), "{e}");
    let e = prices::volume_month(VolumeType::Io1, 100, Some(1000), None, "eu-central-1").unwrap_err();
    assert!(
        e.contains("io1 provisioned IOPS-month") && e.contains("eu-central-1"),
        "storage is known there, IOPS are not: {e}"
    );
    assert!(prices::gb_month(VolumeType::Io2, "eu-central-1").is_err(), "io2 is not io1: never borrowed");
}

/// Provisioned IOPS and throughput come from sourced per-region rows (data/SOURCES.md):
/// io2's three tiers, io1's flat price, gp3's extras; a region without them says which.
#[test]
fn iops_and_throughput_prices_per_region() {
    // us-east-1, the Price List: io2 tiers 0.065 / 0.0455 / 0.03185 (the page rounds the last to 0.032).
    let m = prices::volume_month(VolumeType::Io2, 1000, Some(100_000), None, R).unwrap();
    let want = 0.125 * 1000.0 + 0.065 * 32_000.0 + 0.0455 * 32_000.0 + 0.03185 * 36_000.0;
    assert!((m - want).abs() < 1e-6, "{m} vs {want}");
    // Tokyo (Price List SKUs pinned 2026-09-13): io2 0.142/GB, 0.074 / 0.0518 / 0.03626 per IOPS.
    let t = "ap-northeast-1";
    let m = prices::volume_month(VolumeType::Io2, 100, Some(40_000), None, t).unwrap();
    assert!((m - (14.2 + 0.074 * 32_000.0 + 0.0518 * 8_000.0)).abs() < 1e-6, "{m}");
    let m = prices::volume_month(VolumeType::Io1, 100, Some(5_000), None, t).unwrap();
    assert!((m - (14.2 + 0.074 * 5_000.0)).abs() < 1e-6, "{m}");
    let m = prices::volume_month(VolumeType::Gp3, 1000, Some(6_000), Some(250), t).unwrap();
    assert!((m - (96.0 + 0.006 * 3_000.0 + 0.048 * 125.0)).abs() < 1e-6, "{m}");
    // Ireland: gp3 extras 0.0055 per IOPS and 0.044 per MiB/s; io1 IOPS have no source there.
    let m = prices::volume_month(VolumeType::Gp3, 1000, Some(4_000), Some(200), "eu-west-1").unwrap();
    assert!((m - (88.0 + 0.0055 * 1_000.0 + 0.044 * 75.0)).abs() < 1e-6, "{m}");
    let e = prices::volume_month(VolumeType::Io1, 100, Some(1_000), None, "eu-west-1").unwrap_err();
    assert!(e.contains("io1 provisioned IOPS-month") && e.contains("eu-west-1"), "{e}");
    // Seoul has io2's first IOPS tier but no io2 GB-month: named, never borrowed.
    let e = prices::volume_month(VolumeType::Io2, 100, Some(1_000), None, "ap-northeast-2").unwrap_err();
    assert!(e.contains("io2 GB-month") && e.contains("ap-northeast-2"), "{e}");
    assert_eq!(prices::iops_month(VolumeType::Io2, "ap-northeast-2").unwrap().unwrap().usd, 0.0666);
    // The magnetic previous generation: sourced GB-month in the refreshed regions only.
    assert_eq!(prices::gb_month(VolumeType::Standard, "eu-west-2").unwrap().usd, 0.058);
    assert!(prices::gb_month(VolumeType::Standard, "ap-northeast-2").is_err());
}

/// ModifyVolume defaults (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html):
/// a change to io1/io2/gp3 without IOPS gets 3,000; gp2 takes no IOPS.
#[test]
fn modify_type_change_defaults() {
    let mut s = Storage::default();
    let v = s
        .create_volume(
            R,
            &VolumeSpec { availability_zone: "us-east-1a".into(), size_gib: Some(100), ..Default::default() },
        )
        .unwrap();
    assert_eq!(s.volume(R, &v).unwrap().volume_type, VolumeType::Gp2, "CreateVolume's default type is gp2");
    let m = s.modify_volume(R, &v, None, Some(VolumeType::Io2), None, None, None).unwrap();
    assert_eq!(m.target.2, Some(3000));
    s.advance(6.0).unwrap();
    let before = s.clone();
    refused(
        &s,
        &before,
        s.clone().modify_volume(R, &v, None, Some(VolumeType::Gp2), Some(500), None, None),
        "InvalidParameterCombination",
    );
    let m = s.modify_volume(R, &v, None, Some(VolumeType::Gp3), None, None, None).unwrap();
    assert_eq!((m.target.2, m.target.3), (Some(3000), Some(125)));
}

/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-block-device-mapping.html: an
/// AMI of an instance the model has no volume for (an Auto Scaling launch) still gives its
/// instances a root volume; an instance-store-backed AMI gives none (RootDeviceStorage.html).
#[test]
fn an_ami_without_volumes_still_gives_a_root() {
    let (mut n, i1, _) = net_with_instances();
    let mut s = Storage::default();
    s.image_from_instance(&n, R, "ami-0aaaaaaaaaaaaaaaa", "bare", &i1).unwrap();
    assert!(s.images[0].mappings.is_empty() && s.snapshots.is_empty());
    let subnet = n.instances[0].subnet_id.clone();
    let id = n
        .run_instances(
            R,
            &RunSpec {
                instance_type: "t3.micro".into(),
                image_id: "ami-0aaaaaaaaaaaaaaaa".into(),
                subnet: Some(subnet.clone()),
                count: 1,
                ..Default::default()
            },
        )
        .unwrap();
    s.launch(&n, &id, &[]).unwrap();
    let vols = s.volumes_of(&id[0]);
    assert_eq!(vols.len(), 1);
    assert_eq!((vols[0].size_gib, vols[0].volume_type, vols[0].snapshot_id.clone()), (8, VolumeType::Gp3, None));
    let store = n
        .run_instances(
            R,
            &RunSpec {
                instance_type: "c3.large".into(),
                image_id: images::INSTANCE_STORE_IMAGE.into(),
                subnet: Some(subnet),
                count: 1,
                ..Default::default()
            },
        )
        .unwrap();
    s.launch(&n, &store, &[]).unwrap();
    assert!(s.volumes_of(&store[0]).is_empty());
    assert_eq!(s.root_device_type(&n, &store[0]), images::RootDeviceType::InstanceStore);
    let e = s.check_stoppable(&n, &store[0]).unwrap_err();
    assert_eq!(e.code, "UnsupportedOperation");
    assert!(s.check_stoppable(&n, &id[0]).is_ok());
}
