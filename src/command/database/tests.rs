//! Whole cells run on a lab and shown as the session shows them: rds operations, errors as AWS words them, and the
//! simulations' tables, charts and JSON.

use crate::command::publish::RunCell;
use crate::kernel::{Event, Outcome};
use crate::lab::Lab;

fn ok(s: &mut Lab, cell: &str) -> Vec<Event> {
    let (events, outcome) = s.run_cell(cell);
    assert!(matches!(outcome, Outcome::Ok), "{} → {:?}", cell, outcome);
    events
}

fn err(s: &mut Lab, cell: &str) -> String {
    let (_, outcome) = s.run_cell(cell);
    match outcome {
        Outcome::Error { ename, evalue, .. } => format!("{} {}", ename, evalue),
        other => panic!("{} should fail, got {:?}", cell, other),
    }
}

fn text(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| match e {
            Event::Stream { text, .. } => text.clone(),
            Event::Display { data, .. } => {
                data.get("text/plain").and_then(|v| v.as_str()).unwrap_or_default().to_string()
            }
            #[allow(unreachable_patterns)]
            _ => String::new(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn json_of(s: &mut Lab, cell: &str) -> serde_json::Value {
    let events = ok(s, cell);
    let t = text(&events);
    serde_json::from_str(t.trim()).unwrap_or_else(|e| panic!("{}: not JSON ({}): {}", cell, e, t))
}

fn svg_count(events: &[Event]) -> usize {
    events.iter().filter(|e| matches!(e, Event::Display { data, .. } if data.get("image/svg+xml").is_some())).count()
}

#[test]
fn a_multi_az_instance_and_its_replica_as_in_the_rds_guide() {
    let mut s = Lab::default();
    ok(
        &mut s,
        "aws rds create-db-instance --db-instance-identifier app-db --engine mysql --db-instance-class db.r6g.large --multi-az --allocated-storage 100\n\
         create-db-instance-read-replica --db-instance-identifier app-db-ro --source-db-instance-identifier app-db",
    );
    let v = json_of(&mut s, "describe-db-instances --output json");
    let list = v["DBInstances"].as_array().expect("DBInstances");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["DBInstanceIdentifier"], "app-db");
    assert_eq!(list[0]["MultiAZ"], true);
    assert_eq!(list[0]["Endpoint"]["Port"], 3306);
    assert!(list[0]["SecondaryAvailabilityZone"].is_string());
    assert_eq!(list[0]["ReadReplicaDBInstanceIdentifiers"][0], "app-db-ro");
    assert_eq!(list[1]["ReadReplicaSourceDBInstanceIdentifier"], "app-db");
    let events = ok(&mut s, "describe-db-instances");
    assert!(text(&events).contains("read replica"), "{}", text(&events));
    let rows = json_of(&mut s, "sql SELECT role FROM db_instances ORDER BY db_instance_identifier --output json");
    assert!(rows.to_string().contains("primary") && rows.to_string().contains("read replica"), "{}", rows);
}

#[test]
fn errors_read_like_the_aws_cli_and_change_nothing() {
    let mut s = Lab::default();
    ok(&mut s, "create-db-cluster --db-cluster-identifier pg --engine aurora-postgresql");
    let before = format!("{:?}", s.databases);
    let e =
        err(&mut s, "create-db-instance-read-replica --db-instance-identifier r --source-db-instance-identifier ghost");
    assert!(e.contains("An error occurred (DBInstanceNotFound) when calling the CreateDBInstanceReadReplica operation: DBInstance ghost not found."), "{}", e);
    let e = err(&mut s, "backtrack-db-cluster --db-cluster-identifier pg --backtrack-to 2025-01-01T00:00:00Z");
    assert!(e.contains("BacktrackDBCluster") && e.contains("Aurora MySQL only"), "{}", e);
    let e = err(&mut s, "failover-db-cluster --db-cluster-identifier nope");
    assert!(e.contains("(DBClusterNotFoundFault)") && e.contains("DBCluster nope not found."), "{}", e);
    let e = err(&mut s, "create-db-instance --db-instance-identifier x --engine mysql --db-instance-class db.r6g.large --allocated-storage 10");
    assert!(e.contains("(InvalidParameterValue)") && e.contains("CreateDBInstance"), "{}", e);
    let e = err(&mut s, "create-db-instance --db-instance-identifier x --engine mysql");
    assert!(e.contains("db-instance-class"), "{}", e);
    assert_eq!(before, format!("{:?}", s.databases));
}

#[test]
fn sixteen_aurora_replicas_are_refused() {
    let mut s = Lab::default();
    let mut cell = String::from("create-db-cluster --db-cluster-identifier big --engine aurora-mysql\n");
    for n in 0..16 {
        cell.push_str(&format!("create-db-instance --db-instance-identifier big-{} --db-cluster-identifier big --db-instance-class db.r6g.large --engine aurora-mysql\n", n));
    }
    ok(&mut s, &cell);
    let before = format!("{:?}", s.databases);
    let e = err(&mut s, "create-db-instance --db-instance-identifier big-16 --db-cluster-identifier big --db-instance-class db.r6g.large");
    assert!(e.contains("InstanceQuotaExceeded"), "{}", e);
    assert_eq!(before, format!("{:?}", s.databases));
    let v = json_of(&mut s, "describe-db-clusters --db-cluster-identifier big --output json");
    let members = v["DBClusters"][0]["DBClusterMembers"].as_array().expect("members");
    assert_eq!(members.len(), 16);
    assert_eq!(members.iter().filter(|m| m["IsClusterWriter"] == true).count(), 1);
    assert_eq!(v["DBClusters"][0]["AvailabilityZones"].as_array().map(Vec::len), Some(3));
}

#[test]
fn aurora_lifecycle_failover_backtrack_clone_patch() {
    let mut s = Lab::default();
    ok(
        &mut s,
        "create-db-cluster --db-cluster-identifier shop --engine aurora-mysql --backtrack-window 86400\n\
         create-db-instance --db-instance-identifier shop-1 --db-cluster-identifier shop --engine aurora-mysql --db-instance-class db.r6g.large\n\
         create-db-instance --db-instance-identifier shop-2 --db-cluster-identifier shop --engine aurora-mysql --db-instance-class db.r6g.large\n\
         failover-db-cluster --db-cluster-identifier shop\n\
         backtrack-db-cluster --db-cluster-identifier shop --backtrack-to 2025-01-01T00:15:00Z\n\
         restore-db-cluster-to-point-in-time --db-cluster-identifier shop-dev --source-db-cluster-identifier shop --restore-type copy-on-write --use-latest-restorable-time\n\
         modify-db-cluster --db-cluster-identifier shop --engine-version 8.0.mysql_aurora.3.06.0 --apply-immediately",
    );
    let c = s.databases.cluster("shop").expect("shop");
    assert_eq!(c.writer.as_deref(), Some("shop-2"));
    let events = ok(&mut s, "describe-events");
    assert_eq!(svg_count(&events), 1, "a timeline of interrupting events");
    let cats: Vec<&str> = s.databases.events.iter().map(|e| e.category).collect();
    for want in ["failover", "backtrack", "clone", "patching"] {
        assert!(cats.contains(&want), "{:?}", cats);
    }
    let v = json_of(&mut s, "describe-db-clusters --db-cluster-identifier shop-dev --output json");
    assert_eq!(v["DBClusters"][0]["CloneGroupId"], "clone-group-shop");
}

#[test]
fn simulate_replication_tables_charts_and_json() {
    let mut s = Lab::default();
    let events = ok(&mut s, "simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,5000,10000 --duration 30s --replicas 2 --seed 7");
    assert_eq!(svg_count(&events), 3, "lag over time, lag vs rate, commit distribution");
    assert!(s.results.contains_key("replication_summary") && s.results.contains_key("replication_series"));
    let v = json_of(&mut s, "simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,5000,10000 --duration 30s --replicas 2 --seed 7 --output json");
    let summary = v["summary"].as_array().expect("summary");
    assert_eq!(summary.len(), 6);
    for key in [
        "engine",
        "write_rate",
        "lag_p50_ms",
        "lag_p99_ms",
        "lag_max_ms",
        "commit_p50_ms",
        "commit_p99_ms",
        "throughput_wps",
    ] {
        assert!(summary[0].get(key).is_some(), "missing {}", key);
    }
    assert!(!v["series"].as_array().expect("series").is_empty());
    let rds_10k = summary.iter().find(|r| r["engine"] == "rds-mysql" && r["write_rate"] == 10000.0).expect("row");
    let aurora_10k = summary.iter().find(|r| r["engine"] == "aurora-mysql" && r["write_rate"] == 10000.0).expect("row");
    assert!(rds_10k["lag_p99_ms"].as_f64() > Some(1000.0));
    assert!(aurora_10k["lag_p99_ms"].as_f64() < Some(100.0));
    // Same seed, same numbers.
    let again = json_of(&mut s, "simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,5000,10000 --duration 30s --replicas 2 --seed 7 --output json");
    assert_eq!(v, again);
    let e = err(&mut s, "simulate replication --engines aurora-mysql --replicas 16 --duration 1s");
    assert!(e.contains("InvalidParameterValue"), "{}", e);
    let e = err(&mut s, "simulate replication --engines oracle-rac --duration 1s");
    assert!(e.contains("unknown engine"), "{}", e);
    let e = err(&mut s, "simulate replication --engines aurora-mysql --write-quorum 7 --duration 1s");
    assert!(e.contains("write_quorum"), "{}", e);
    // A week at a billion writes/s on 8 runs ran for minutes; refused before the first tick.
    let e = err(&mut s, "simulate replication --duration 7d --write-rate 1000000000,2000000000 --replicas 15");
    assert!(e.contains("the limit is 1e8 steps (MAX_STEPS)"), "{}", e);
}

/// The paper's table beside the model's numbers, and a documented parameter that shows
/// what current MySQL changes (replica_parallel_workers).
#[test]
fn simulate_replication_shows_the_paper_and_parallel_workers() {
    let mut s = Lab::default();
    let run = |s: &mut Lab, extra: &str| {
        let v = json_of(s, &format!("simulate replication --engines rds-mysql,aurora-mysql --write-rate 2000,10000 --duration 2m --replicas 1 --seed 7 --output json{}", extra));
        v["summary"].as_array().expect("summary").clone()
    };
    let base = run(&mut s, "");
    let row = |rows: &[serde_json::Value], e: &str, r: f64| {
        rows.iter().find(|x| x["engine"] == e && x["write_rate"] == r).cloned().expect("row")
    };
    assert_eq!(row(&base, "aurora-mysql", 10000.0)["paper_lag"], "5.38 ms");
    assert_eq!(row(&base, "rds-mysql", 10000.0)["paper_lag"], "300 s");
    let single = row(&base, "rds-mysql", 10000.0)["lag_mean_ms"].as_f64().expect("lag");
    let parallel = run(&mut s, " --parallel-workers 8");
    let eight = row(&parallel, "rds-mysql", 10000.0)["lag_mean_ms"].as_f64().expect("lag");
    assert!(single > 30_000.0 && eight < 5_000.0, "1 worker {} ms, 8 workers {} ms", single, eight);
    let params =
        json_of(&mut s, "simulate replication --engines aurora-mysql --write-rate 1000 --duration 1s --output json");
    for p in params["parameters"].as_array().expect("parameters") {
        let src = p["source"].as_str().expect("source");
        assert!(!src.is_empty() && !src.contains("aws-facts"), "{}", p);
        assert!(p.get("unit").is_some(), "{}", p);
    }
}

#[test]
fn simulate_failover_and_storage_loss() {
    let mut s = Lab::default();
    let events = ok(&mut s, "simulate failover --engines rds-multi-az,rds-multi-az-cluster,aurora");
    assert_eq!(svg_count(&events), 1);
    let v = json_of(&mut s, "simulate failover --engines rds-multi-az,rds-multi-az-cluster,aurora --output json");
    let f = v["failovers"].as_array().expect("failovers");
    assert_eq!(f.len(), 3);
    let w = |i: usize| f[i]["write_unavailable_s"].as_f64().unwrap_or(-1.0);
    assert!((60.0..=120.0).contains(&w(0)) && w(1) < 35.0 && w(2) < 60.0, "{}", v);
    assert_eq!(f[0]["phases"].as_array().map(Vec::len), Some(3));
    let v = json_of(&mut s, "simulate storage-loss --write-rate 2000 --output json");
    let cases = v["cases"].as_array().expect("cases");
    let by_lost = |n: u64| {
        cases
            .iter()
            .find(|c| {
                c["lost_copies"] == n && c["case"].as_str().is_some_and(|s| s.contains("lost") && !s.contains("AZ"))
            })
            .expect("case")
    };
    assert_eq!(by_lost(2)["writes_available"], true);
    assert!(by_lost(2)["throughput_wps"].as_f64() > Some(1900.0));
    assert_eq!(by_lost(3)["writes_available"], false);
    assert_eq!(by_lost(3)["reads_available"], true);
    assert_eq!(by_lost(3)["throughput_wps"].as_f64(), Some(0.0));
}

#[test]
fn subnet_groups_place_instances_in_the_network_models_subnets() {
    let mut s = Lab::default();
    ok(
        &mut s,
        "create-vpc --cidr-block 10.0.0.0/16 --name prod\n\
         create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --availability-zone us-east-1b --name db-b\n\
         create-subnet --vpc-id prod --cidr-block 10.0.2.0/24 --availability-zone us-east-1c --name db-c\n\
         create-db-subnet-group --db-subnet-group-name db-private --db-subnet-group-description private --subnet-ids db-b db-c\n\
         create-db-instance --db-instance-identifier pg --engine postgres --db-instance-class db.m5.large --multi-az --db-subnet-group-name db-private",
    );
    let i = s.databases.instance("pg").expect("pg");
    let mut azs = vec![i.availability_zone.clone(), i.secondary_availability_zone.clone().unwrap_or_default()];
    azs.sort();
    assert_eq!(azs, vec!["us-east-1b".to_string(), "us-east-1c".to_string()]);
    let e = err(
        &mut s,
        "create-db-subnet-group --db-subnet-group-name one --db-subnet-group-description x --subnet-ids db-b",
    );
    assert!(e.contains("DBSubnetGroupDoesNotCoverEnoughAZs"), "{}", e);
    let e = err(&mut s, "create-db-subnet-group --db-subnet-group-name two --db-subnet-group-description x --subnet-ids subnet-0nothere db-b");
    assert!(e.contains("InvalidSubnet"), "{}", e);
    let v = json_of(&mut s, "describe-db-subnet-groups --output json");
    assert_eq!(v["DBSubnetGroups"][0]["Subnets"].as_array().map(Vec::len), Some(2));
}
