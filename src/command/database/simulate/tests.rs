use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::parse_duration;
use super::replication::{replication_params, replication_reply, simulate_replication, Setup, MAX_SERIES_ROWS};
use crate::command::{Args, Ctx};
use crate::lab::Lab;
use crate::model::database::replication::{simulate, Burst, ReplicationParams, SimEngine};

#[test]
fn durations_parse_like_the_usage_line() {
    assert_eq!(parse_duration("10m").ok(), Some(600.0));
    assert_eq!(parse_duration("1h").ok(), Some(3600.0));
    assert_eq!(parse_duration("500ms").ok(), Some(0.5));
    assert_eq!(parse_duration("90").ok(), Some(90.0));
    assert!(parse_duration("soon").is_err() && parse_duration("-5m").is_err());
}

#[test]
fn an_interrupt_stops_the_simulation() {
    let ctx = Ctx::new(Arc::new(AtomicBool::new(true)));
    let a = Args::from_pairs(&[], &[("engines", "rds-mysql"), ("duration", "1h")]);
    let e = simulate_replication(&Lab::new(), &a, &ctx).err().map(|e| e.code);
    assert_eq!(e.as_deref(), Some("KeyboardInterrupt"));
}

#[test]
fn an_interrupt_stops_the_rendering_and_series_are_bounded() {
    // 64 runs asking 5,000 points each: 320,000 series rows grew the kernel by 600 MB.
    let rates: Vec<String> = (1..=32).map(|r| (r * 1000).to_string()).collect();
    let a = Args::from_pairs(
        &[],
        &[
            ("engines", "rds-mysql,aurora-mysql"),
            ("write-rate", &rates.join(",")),
            ("duration", "10s"),
            ("series-points", "5000"),
        ],
    );
    let reply = simulate_replication(&Lab::new(), &a, &Ctx::detached()).expect("runs");
    let series = &reply.kept.iter().find(|(n, _)| n == "replication_series").expect("series").1;
    assert!(series.height() <= MAX_SERIES_ROWS, "{} rows", series.height());
    let note = format!("{:?}", reply.outputs[0]);
    assert!(note.contains("MAX_SERIES_ROWS"), "{note}");
    // Interrupted once the runs are done: the tables and charts are not drawn.
    let setup = Setup {
        engines: vec![SimEngine::RdsMySql],
        rates: vec![1000.0],
        duration: 1.0,
        replicas: 1,
        seed: 7,
        p: ReplicationParams::default(),
        asked_points: 240,
    };
    let runs = vec![simulate(SimEngine::RdsMySql, 1000.0, 1.0, 1, &setup.p, 7, &|| false).expect("run")];
    assert!(replication_reply(&setup, &runs, &Ctx::detached()).is_ok());
    let stopped = Ctx::new(Arc::new(AtomicBool::new(true)));
    let e = replication_reply(&setup, &runs, &stopped).err().map(|e| e.code);
    assert_eq!(e.as_deref(), Some("KeyboardInterrupt"));
}

#[test]
fn flags_reach_the_parameters() {
    let a = Args::from_pairs(
        &[],
        &[
            ("cross-az-rtt-ms", "2.5"),
            ("instance-class", "db.r6g.4xlarge"),
            ("burst", "spikes"),
            ("lost-storage-copies", "2"),
        ],
    );
    let p = replication_params(&a).expect("valid");
    assert_eq!(p.cross_az_rtt_ms, 2.5);
    let q = replication_params(&Args::from_pairs(
        &[],
        &[("parallel-workers", "8"), ("write-quorum", "6"), ("checkpoint-writes", "5000")],
    ))
    .expect("valid");
    assert_eq!((q.parallel_workers, q.write_quorum, q.checkpoint_writes), (8, 6, 5000.0));
    assert_eq!(p.replica_vcpus, 16.0);
    assert_eq!(p.lost_storage_copies, 2);
    assert!(matches!(p.burst, Burst::Spikes { factor, .. } if factor == 3.0));
    assert!(replication_params(&Args::from_pairs(&[], &[("burst", "chaos")])).is_err());
}
