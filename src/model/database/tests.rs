//! Scenario tests that read like the RDS and Aurora user guides, and every error code.

use super::clusters::{CreateCluster, RestoreType};
use super::instances::CreateInstance;
use super::*;

const REGION: &str = "us-east-1";

fn inst(id: &str, engine: &str, class: &str) -> CreateInstance {
    CreateInstance {
        identifier: id.into(),
        engine: Some(engine.into()),
        class: class.into(),
        region: REGION.into(),
        ..CreateInstance::default()
    }
}

fn aurora(db: &mut Databases, id: &str, engine: &str, backtrack: Option<u64>) {
    db.create_db_cluster(&CreateCluster {
        identifier: id.into(),
        engine: engine.into(),
        backtrack_window_s: backtrack,
        region: REGION.into(),
        ..CreateCluster::default()
    })
    .expect("cluster");
}

fn member(db: &mut Databases, id: &str, cluster: &str) -> DbResult<()> {
    let mut r = inst(id, "aurora-mysql", "db.r6g.large");
    r.engine = None;
    r.cluster_identifier = Some(cluster.into());
    db.create_db_instance(&r).map(|_| ())
}

fn code<T: std::fmt::Debug>(r: DbResult<T>) -> String {
    r.err().map(|e| e.code).unwrap_or_else(|| "no error".into())
}

/// Errors must leave the model exactly as it was (compared through Debug).
fn unchanged(db: &Databases, f: impl FnOnce(&mut Databases) -> String) -> String {
    let before = format!("{:?}", db);
    let mut copy = db.clone();
    let c = f(&mut copy);
    assert_eq!(before, format!("{:?}", copy), "a failed operation changed the model");
    c
}

#[test]
fn multi_az_instance_has_a_standby_in_another_az() {
    let mut db = Databases::default();
    let mut r = inst("app-db", "mysql", "db.r6g.large");
    r.multi_az = true;
    r.allocated_storage_gib = Some(100);
    let i = db.create_db_instance(&r).expect("created").clone();
    assert!(i.multi_az);
    let standby = i.secondary_availability_zone.clone().expect("standby AZ");
    assert_ne!(standby, i.availability_zone);
    assert!(crate::model::regions::availability_zones(REGION).contains(&standby));
    db.reboot_db_instance("app-db", true).expect("failover");
    let after = db.instance("app-db").expect("exists");
    assert_eq!(after.availability_zone, standby, "the standby became the primary");
    let e = db.events.last().expect("event");
    assert_eq!(e.category, "failover");
    assert!((60.0..=120.0).contains(&e.duration_s), "{}", e.duration_s);
}

#[test]
fn read_replicas_follow_an_existing_source_only() {
    let mut db = Databases::default();
    db.create_db_instance(&inst("src", "postgres", "db.m5.large")).expect("src");
    let r = db.create_read_replica("rep1", "src", None, None).expect("replica").clone();
    assert_eq!(r.replica_source.as_deref(), Some("src"));
    assert_ne!(r.availability_zone, db.instance("src").expect("src").availability_zone);
    let c = unchanged(&db, |d| code(d.create_read_replica("rep2", "missing", None, None)));
    assert_eq!(c, "DBInstanceNotFound");
    let c = unchanged(&db, |d| code(d.create_read_replica("rep1", "src", None, None)));
    assert_eq!(c, "DBInstanceAlreadyExists");
    db.promote_read_replica("rep1").expect("promote");
    assert!(db.instance("rep1").expect("rep1").replica_source.is_none());
    assert_eq!(code(db.promote_read_replica("rep1")), "InvalidDBInstanceState");
}

/// "Each DB instance can have up to 15 read replicas, except for the following engines:
/// Db2 - Can have up to three replicas. Oracle - Can have up to five read replicas. SQL
/// Server - Can have up to five read replicas."
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html
#[test]
fn read_replicas_per_source_db2_three_oracle_and_sql_server_five_others_fifteen() {
    let mut db = Databases::default();
    for (engine, class, max) in [
        ("db2-se", "db.r6i.large", 3),
        ("oracle-ee", "db.r5.large", 5),
        ("sqlserver-se", "db.r5.large", 5),
        ("mysql", "db.m5.large", 15),
        ("postgres", "db.m5.large", 15),
    ] {
        let src = format!("{}-src", engine);
        db.create_db_instance(&inst(&src, engine, class)).expect("source");
        for n in 0..max {
            db.create_read_replica(&format!("{}-r{}", engine, n), &src, None, None).expect("replica");
        }
        let err = unchanged(&db, |d| {
            let e =
                d.create_read_replica(&format!("{}-r{}", engine, max), &src, None, None).expect_err("over the limit");
            format!("{}: {}", e.code, e.message)
        });
        assert!(err.starts_with("InstanceQuotaExceeded: "), "{}", err);
        assert!(err.contains(&format!("up to {} read replicas", max)), "{}", err);
        assert!(!err.contains("aws-facts") && !err.contains('['), "{}", err);
    }
}

#[test]
fn deleting_a_source_promotes_its_replicas() {
    let mut db = Databases::default();
    db.create_db_instance(&inst("src", "mysql", "db.t3.micro")).expect("src");
    db.create_read_replica("rep", "src", None, None).expect("rep");
    db.delete_db_instance("src").expect("deleted");
    assert!(db.instance("rep").expect("rep").replica_source.is_none());
    assert_eq!(code(db.delete_db_instance("src")), "DBInstanceNotFound");
}

#[test]
fn aurora_cluster_volume_spans_three_azs_and_takes_fifteen_replicas() {
    let mut db = Databases::default();
    aurora(&mut db, "orders", "aurora-mysql", None);
    let c = db.cluster("orders").expect("cluster");
    assert_eq!(c.availability_zones.len(), 3);
    assert_eq!(c.volume.copies.len(), 6);
    for n in 0..16 {
        member(&mut db, &format!("orders-{}", n), "orders").expect("writer + 15 replicas");
    }
    let c = db.cluster("orders").expect("cluster");
    assert_eq!(c.writer.as_deref(), Some("orders-0"));
    assert_eq!(c.members.len(), 16);
    let azs: std::collections::BTreeSet<_> = db.instances.iter().map(|i| i.availability_zone.clone()).collect();
    assert_eq!(azs.len(), 3, "members spread over the volume's AZs");
    let e = unchanged(&db, |d| code(member(d, "orders-16", "orders")));
    assert_eq!(e, "InstanceQuotaExceeded", "a 16th Aurora Replica is refused");
}

#[test]
fn aurora_instances_need_a_cluster_and_no_storage_or_multi_az() {
    let mut db = Databases::default();
    let c = unchanged(&db, |d| code(d.create_db_instance(&inst("a", "aurora-mysql", "db.r6g.large"))));
    assert_eq!(c, "InvalidParameterCombination");
    let mut r = inst("a", "aurora-mysql", "db.r6g.large");
    r.cluster_identifier = Some("nope".into());
    assert_eq!(unchanged(&db, |d| code(d.create_db_instance(&r))), "DBClusterNotFoundFault");
    aurora(&mut db, "c1", "aurora-postgresql", None);
    r.cluster_identifier = Some("c1".into());
    assert_eq!(unchanged(&db, |d| code(d.create_db_instance(&r))), "InvalidParameterCombination", "engine mismatch");
    r.engine = None;
    r.multi_az = true;
    assert_eq!(unchanged(&db, |d| code(d.create_db_instance(&r))), "InvalidParameterCombination");
    r.multi_az = false;
    r.allocated_storage_gib = Some(100);
    assert_eq!(unchanged(&db, |d| code(d.create_db_instance(&r))), "InvalidParameterCombination");
}

#[test]
fn bad_requests_are_aws_errors_and_change_nothing() {
    let mut db = Databases::default();
    db.create_db_instance(&inst("db1", "mysql", "db.m5.large")).expect("db1");
    let cases: Vec<(CreateInstance, &str)> = vec![
        (inst("db1", "mysql", "db.m5.large"), "DBInstanceAlreadyExists"),
        (inst("2db", "mysql", "db.m5.large"), "InvalidParameterValue"),
        (inst("db2", "mongodb", "db.m5.large"), "InvalidParameterValue"),
        (inst("db2", "mysql", "m5.large"), "InvalidParameterValue"),
        (
            CreateInstance { allocated_storage_gib: Some(5), ..inst("db2", "mysql", "db.m5.large") },
            "InvalidParameterValue",
        ),
        (
            CreateInstance { availability_zone: Some("us-west-2a".into()), ..inst("db2", "mysql", "db.m5.large") },
            "InvalidParameterValue",
        ),
        (CreateInstance { engine: None, ..inst("db2", "mysql", "db.m5.large") }, "InvalidParameterValue"),
    ];
    for (r, want) in cases {
        assert_eq!(unchanged(&db, |d| code(d.create_db_instance(&r))), want, "{:?}", r);
    }
    assert_eq!(unchanged(&db, |d| code(d.reboot_db_instance("db1", true))), "InvalidDBInstanceState");
    assert_eq!(unchanged(&db, |d| code(d.cluster("x").map(|_| ()))), "DBClusterNotFoundFault");
}

#[test]
fn backtrack_is_aurora_mysql_only_and_within_the_window() {
    let mut db = Databases::default();
    let pg = CreateCluster {
        identifier: "pg".into(),
        engine: "aurora-postgresql".into(),
        backtrack_window_s: Some(3600),
        region: REGION.into(),
        ..CreateCluster::default()
    };
    assert_eq!(unchanged(&db, |d| code(d.create_db_cluster(&pg))), "InvalidParameterCombination");
    let too_long = CreateCluster { engine: "aurora-mysql".into(), backtrack_window_s: Some(73 * 3600), ..pg.clone() };
    assert_eq!(unchanged(&db, |d| code(d.create_db_cluster(&too_long))), "InvalidParameterValue");
    aurora(&mut db, "pg", "aurora-postgresql", None);
    aurora(&mut db, "my", "aurora-mysql", Some(24 * 3600));
    aurora(&mut db, "plain", "aurora-mysql", None);
    let created = db.cluster("my").expect("my").created_at;
    member(&mut db, "my-1", "my").expect("writer");
    member(&mut db, "my-2", "my").expect("reader");
    let now = db.now();
    assert_eq!(unchanged(&db, |d| code(d.backtrack_db_cluster("pg", now))), "InvalidParameterValue");
    assert_eq!(unchanged(&db, |d| code(d.backtrack_db_cluster("plain", now))), "InvalidDBClusterStateFault");
    let before = created - chrono::Duration::minutes(1);
    assert_eq!(unchanged(&db, |d| code(d.backtrack_db_cluster("my", before))), "InvalidParameterValue");
    assert_eq!(unchanged(&db, |d| code(d.backtrack_db_cluster("nope", now))), "DBClusterNotFoundFault");
    db.backtrack_db_cluster("my", created + chrono::Duration::minutes(5)).expect("backtrack");
    assert_eq!(db.events.last().map(|e| e.category), Some("backtrack"));
}

#[test]
fn copy_on_write_clones_share_pages_until_the_sixteenth() {
    let mut db = Databases::default();
    aurora(&mut db, "prod", "aurora-mysql", None);
    db.add_cluster_data("prod", 500).expect("data");
    for n in 0..15 {
        let c =
            db.restore_cluster(&format!("clone-{}", n), "prod", RestoreType::CopyOnWrite, None).expect("clone").clone();
        assert_eq!((c.shared_gib, c.used_gib), (500, 0), "nothing copied");
        assert!(c.members.is_empty());
    }
    let c = db.restore_cluster("clone-15", "prod", RestoreType::CopyOnWrite, None).expect("clone").clone();
    assert!(matches!(c.clone, Some(CloneKind::FullCopy { .. })), "the 16th is a full copy (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html)");
    assert_eq!(c.used_gib, 500);
    assert_eq!(
        unchanged(&db, |d| code(d.restore_cluster("clone-0", "prod", RestoreType::CopyOnWrite, None))),
        "DBClusterAlreadyExistsFault"
    );
    assert_eq!(
        unchanged(&db, |d| code(d.restore_cluster("x", "missing", RestoreType::CopyOnWrite, None))),
        "DBClusterNotFoundFault"
    );
}

#[test]
fn aurora_storage_grows_to_the_maximum_and_no_further() {
    let mut db = Databases::default();
    aurora(&mut db, "big", "aurora-postgresql", None);
    assert_eq!(db.add_cluster_data("big", 15).expect("grows"), 20, "two 10 GB segments");
    db.add_cluster_data("big", 128 * 1024 - 15).expect("up to 128 TiB");
    assert_eq!(unchanged(&db, |d| code(d.add_cluster_data("big", 1))), "StorageQuotaExceeded");
}

#[test]
fn aurora_failover_promotes_the_lowest_tier_reader() {
    let mut db = Databases::default();
    aurora(&mut db, "c", "aurora-mysql", None);
    member(&mut db, "w", "c").expect("writer");
    assert_eq!(unchanged(&db, |d| code(d.failover_db_cluster("c", None))), "InvalidDBClusterStateFault");
    member(&mut db, "r1", "c").expect("r1");
    let mut r = inst("r0", "aurora-mysql", "db.r6g.large");
    r.engine = None;
    r.cluster_identifier = Some("c".into());
    r.promotion_tier = Some(0);
    db.create_db_instance(&r).expect("r0");
    db.failover_db_cluster("c", None).expect("failover");
    assert_eq!(db.cluster("c").expect("c").writer.as_deref(), Some("r0"));
    let e = db.events.last().expect("event");
    assert!(e.duration_s > 0.0 && e.duration_s < 60.0, "{}", e.duration_s);
    db.failover_db_cluster("c", Some("w")).expect("targeted");
    assert_eq!(db.cluster("c").expect("c").writer.as_deref(), Some("w"));
    assert_eq!(unchanged(&db, |d| code(d.failover_db_cluster("c", Some("zz")))), "InvalidDBInstanceState");
    // Deleting the writer promotes a reader; the cluster can't go while members remain.
    assert_eq!(unchanged(&db, |d| code(d.delete_db_cluster("c"))), "InvalidDBClusterStateFault");
    db.delete_db_instance("w").expect("delete writer");
    assert_eq!(db.cluster("c").expect("c").writer.as_deref(), Some("r0"));
}

#[test]
fn multi_az_db_cluster_has_a_writer_and_two_readable_standbys() {
    let mut db = Databases::default();
    let r = CreateCluster {
        identifier: "maz".into(),
        engine: "postgres".into(),
        instance_class: Some("db.r6gd.large".into()),
        allocated_storage_gib: Some(100),
        region: REGION.into(),
        ..CreateCluster::default()
    };
    let c = db.create_db_cluster(&r).expect("cluster").clone();
    assert_eq!(c.kind, ClusterKind::MultiAzCluster);
    assert_eq!(c.members.len(), 3);
    let azs: std::collections::BTreeSet<_> = db.instances.iter().map(|i| i.availability_zone.clone()).collect();
    assert_eq!(azs.len(), 3);
    db.failover_db_cluster("maz", None).expect("failover");
    let e = db.events.last().expect("event");
    assert!(
        e.duration_s < 35.0,
        "under 35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html): {}",
        e.duration_s
    );
    let no_class = CreateCluster { identifier: "maz2".into(), instance_class: None, ..r.clone() };
    assert_eq!(unchanged(&db, |d| code(d.create_db_cluster(&no_class))), "InvalidParameterCombination");
    let oracle = CreateCluster { identifier: "o".into(), engine: "oracle-ee".into(), ..r };
    assert_eq!(unchanged(&db, |d| code(d.create_db_cluster(&oracle))), "InvalidParameterValue");
}

#[test]
fn zero_downtime_patching_is_a_timeline_event() {
    let mut db = Databases::default();
    aurora(&mut db, "c", "aurora-mysql", None);
    member(&mut db, "w", "c").expect("writer");
    db.patch_db_cluster("c", "8.0.mysql_aurora.3.06.0").expect("patch");
    let e = db.events.last().expect("event");
    assert_eq!(e.category, "patching");
    assert!(e.duration_s > 0.0 && e.duration_s <= 60.0);
    assert_eq!(db.instance("w").expect("w").engine_version, "8.0.mysql_aurora.3.06.0");
}

#[test]
fn subnet_groups_need_two_azs_in_one_vpc_and_place_instances() {
    use super::subnet_groups::SubnetRef;
    let s =
        |id: &str, vpc: &str, az: &str| SubnetRef { id: id.into(), vpc_id: vpc.into(), availability_zone: az.into() };
    let mut db = Databases::default();
    let one_az = [s("subnet-1", "vpc-1", "us-east-1a"), s("subnet-2", "vpc-1", "us-east-1a")];
    assert_eq!(
        unchanged(&db, |d| code(d.create_db_subnet_group("g", "d", &one_az, REGION))),
        "DBSubnetGroupDoesNotCoverEnoughAZs"
    );
    let two_vpcs = [s("subnet-1", "vpc-1", "us-east-1a"), s("subnet-3", "vpc-2", "us-east-1b")];
    assert_eq!(
        unchanged(&db, |d| code(d.create_db_subnet_group("g", "d", &two_vpcs, REGION))),
        "InvalidParameterValue"
    );
    let ok = [s("subnet-1", "vpc-1", "us-east-1c"), s("subnet-3", "vpc-1", "us-east-1d")];
    db.create_db_subnet_group("private-db", "db subnets", &ok, REGION).expect("group");
    assert_eq!(code(db.create_db_subnet_group("private-db", "d", &ok, REGION)), "DBSubnetGroupAlreadyExists");
    let mut r = inst("db1", "postgres", "db.m5.large");
    r.multi_az = true;
    r.subnet_group = Some("private-db".into());
    let i = db.create_db_instance(&r).expect("created").clone();
    let placed = [i.availability_zone.clone(), i.secondary_availability_zone.clone().unwrap_or_default()];
    assert!(placed.contains(&"us-east-1c".to_string()) && placed.contains(&"us-east-1d".to_string()), "{:?}", placed);
    assert_eq!(i.vpc_id.as_deref(), Some("vpc-1"));
    r.identifier = "db2".into();
    r.subnet_group = Some("missing".into());
    assert_eq!(unchanged(&db, |d| code(d.create_db_instance(&r))), "DBSubnetGroupNotFoundFault");
    // A Multi-AZ DB cluster needs three AZs; an Aurora cluster places its instances in the group.
    let maz = CreateCluster {
        identifier: "maz".into(),
        engine: "mysql".into(),
        instance_class: Some("db.m5d.large".into()),
        subnet_group: Some("private-db".into()),
        region: REGION.into(),
        ..CreateCluster::default()
    };
    assert_eq!(unchanged(&db, |d| code(d.create_db_cluster(&maz))), "DBSubnetGroupDoesNotCoverEnoughAZs");
    let au = CreateCluster { identifier: "au".into(), engine: "aurora-mysql".into(), instance_class: None, ..maz };
    db.create_db_cluster(&au).expect("aurora");
    assert_eq!(db.cluster("au").expect("au").availability_zones.len(), 3, "the volume still spans three AZs (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html)");
    for n in 0..3 {
        member(&mut db, &format!("au-{}", n), "au").expect("member");
        let az = db.instance(&format!("au-{}", n)).expect("member").availability_zone.clone();
        assert!(az == "us-east-1c" || az == "us-east-1d", "{}", az);
    }
}

#[test]
fn instance_classes_are_checked_against_the_ec2_catalog() {
    let mut db = Databases::default();
    let i = db.create_db_instance(&inst("big", "mysql", "db.r7g.2xlarge")).expect("r7g.2xlarge exists").clone();
    assert_eq!(i.class.vcpus(), 8);
    let e = unchanged(&db, |d| code(d.create_db_instance(&inst("nope", "mysql", "db.r99z.large"))));
    assert_eq!(e, "InvalidParameterValue");
    db.create_db_instance(&inst("x2g", "mysql", "db.x2g.large")).expect("RDS-only family");
}
