//! The paper's table, determinism, the engines' shapes, bad input, and the benchmark.

use super::stats::inverse_normal;
use super::*;
use crate::model::SimError;

fn run(e: SimEngine, rate: f64, secs: f64, replicas: usize, p: &ReplicationParams, seed: u64) -> RunResult {
    simulate(e, rate, secs, replicas, p, seed, &|| false).expect("runs")
}

/// The paper's Table 4 (SysBench write-only, lag in ms) against a default 10-minute
/// run with one replica: Aurora within ±25% of each value; MySQL within the order of
/// magnitude the table gives (under a second; about a second; about a minute; minutes).
#[test]
fn the_default_run_reproduces_the_papers_table() {
    let p = ReplicationParams::default();
    let aurora = [(1_000.0, 2.62), (2_000.0, 3.42), (5_000.0, 3.94), (10_000.0, 5.38)];
    for (rate, paper_ms) in aurora {
        let s = run(SimEngine::AuroraMySql, rate, 600.0, 1, &p, 7).summary;
        assert!(
            (s.lag_mean_ms / paper_ms - 1.0).abs() <= 0.25,
            "Aurora at {}: {} ms vs {} ms",
            rate,
            s.lag_mean_ms,
            paper_ms
        );
        assert!(s.lag_p99_ms < 100.0, "\"usually much less than 100 ms\": {:?}", s);
    }
    let mysql = [(1_000.0, 0.02, 1.0), (2_000.0, 0.3, 3.0), (5_000.0, 20.0, 120.0), (10_000.0, 180.0, 600.0)];
    for (rate, lo_s, hi_s) in mysql {
        let s = run(SimEngine::RdsMySql, rate, 600.0, 1, &p, 7).summary;
        let lag_s = s.lag_mean_ms / 1000.0;
        assert!(
            lag_s > lo_s && lag_s < hi_s,
            "MySQL at {}: {} s, expected between {} and {} s",
            rate,
            lag_s,
            lo_s,
            hi_s
        );
    }
}

#[test]
fn parallel_workers_keep_a_current_mysql_replica_within_seconds() {
    let p = ReplicationParams { parallel_workers: 8, ..ReplicationParams::default() };
    let s = run(SimEngine::RdsMySql, 10_000.0, 600.0, 1, &p, 7).summary;
    assert!(s.apply_capacity_wps > 10_000.0, "{:?}", s);
    assert!(s.lag_mean_ms < 5_000.0 && s.lag_final_ms < 10_000.0, "{:?}", s);
    // Workers beyond the vCPUs do not help.
    let few_cpus = ReplicationParams { replica_vcpus: 2.0, ..p.clone() };
    assert!(few_cpus.effective_workers() < 2.0);
    let s2 = run(SimEngine::RdsMySql, 10_000.0, 120.0, 1, &few_cpus, 7).summary;
    assert!(s2.lag_final_ms > 10_000.0, "{:?}", s2);
}

#[test]
fn same_seed_same_numbers_other_seed_other_numbers() {
    let p = ReplicationParams::default();
    for e in [SimEngine::RdsMySql, SimEngine::AuroraMySql] {
        let a = run(e, 5_000.0, 20.0, 2, &p, 7);
        let b = run(e, 5_000.0, 20.0, 2, &p, 7);
        assert_eq!(a, b);
        let c = run(e, 5_000.0, 20.0, 2, &p, 8);
        assert_ne!(a.commit_samples, c.commit_samples);
    }
}

#[test]
fn mysql_lag_grows_without_bound_above_the_appliers_capacity() {
    let p = ReplicationParams::default();
    let capacity = run(SimEngine::RdsMySql, 10_000.0, 30.0, 1, &p, 7).summary.apply_capacity_wps;
    assert!((capacity - 4_400.0).abs() < 100.0, "one applier: {}", capacity);
    let short = run(SimEngine::RdsMySql, 10_000.0, 60.0, 1, &p, 7).summary.lag_final_ms;
    let long = run(SimEngine::RdsMySql, 10_000.0, 240.0, 1, &p, 7).summary.lag_final_ms;
    assert!(long > 3.0 * short, "short {} long {}", short, long);
    // The oldest unapplied write was committed when `capacity × T` writes had been
    // made: lag = T (1 − capacity / rate).
    let expected_s = 240.0 * (1.0 - capacity / 10_000.0);
    assert!((long / 1000.0 - expected_s).abs() < 0.1 * expected_s, "lag {} ms vs {} s", long, expected_s);
}

#[test]
fn aurora_4_of_6_costs_a_cross_az_round_trip_and_hides_the_two_slowest_copies() {
    let p = ReplicationParams::default();
    let four = run(SimEngine::AuroraMySql, 2_000.0, 20.0, 0, &p, 3).summary;
    // At least two of the four acknowledgements come from other AZs.
    assert!(four.commit_p50_ms > p.cross_az_rtt_ms, "{:?}", four);
    let all = ReplicationParams { write_quorum: 6, ..p.clone() };
    let six = run(SimEngine::AuroraMySql, 2_000.0, 20.0, 0, &all, 3).summary;
    assert!(
        six.commit_p50_ms > four.commit_p50_ms && six.commit_p99_ms > 1.3 * four.commit_p99_ms,
        "4/6 {:?} 6/6 {:?}",
        four,
        six
    );
}

#[test]
fn multi_az_commits_slower_than_single_az() {
    let p = ReplicationParams::default();
    let single = run(SimEngine::RdsMySql, 2_000.0, 10.0, 0, &p, 3).summary;
    let multi = run(SimEngine::RdsMySqlMultiAz, 2_000.0, 10.0, 0, &p, 3).summary;
    let cluster = run(SimEngine::RdsMultiAzCluster, 2_000.0, 10.0, 0, &p, 3).summary;
    assert!(multi.commit_p50_ms > single.commit_p50_ms + 0.9 * p.cross_az_rtt_ms);
    assert!(multi.commit_p99_ms > single.commit_p99_ms);
    assert!(cluster.commit_p50_ms > single.commit_p50_ms && cluster.commit_p50_ms < multi.commit_p50_ms);
    assert_eq!(cluster.replicas, 2);
}

#[test]
fn aurora_quorum_two_lost_keeps_writes_three_lost_stops_them() {
    let mut p = ReplicationParams::default();
    let healthy = run(SimEngine::AuroraMySql, 2_000.0, 10.0, 1, &p, 5).summary;
    p.lost_storage_copies = 2;
    let two = run(SimEngine::AuroraMySql, 2_000.0, 10.0, 1, &p, 5).summary;
    assert!(two.writes_available && two.throughput_wps > 1_900.0);
    assert!(two.commit_p50_ms >= healthy.commit_p50_ms, "4 of 4 is slower than 4 of 6");
    p.lost_storage_copies = 3;
    let three = run(SimEngine::AuroraMySql, 2_000.0, 10.0, 1, &p, 5).summary;
    assert!(!three.writes_available);
    assert_eq!(three.throughput_wps, 0.0);
    assert!(quorum::quorum(3).reads_available);
}

#[test]
fn impossible_runs_are_errors() {
    let p = ReplicationParams::default();
    let e = simulate(SimEngine::AuroraMySql, 1.0, 1.0, 16, &p, 1, &|| false).err();
    assert!(matches!(e, Some(SimError::Invalid(ref d)) if d.code == "InvalidParameterValue"));
    for bad in [
        ReplicationParams { tick_ms: 0.0, ..ReplicationParams::default() },
        ReplicationParams { write_quorum: 7, ..ReplicationParams::default() },
        ReplicationParams { worker_dependency: 1.5, ..ReplicationParams::default() },
        ReplicationParams { parallel_workers: 5_000, ..ReplicationParams::default() },
    ] {
        assert!(simulate(SimEngine::RdsMySql, 1.0, 1.0, 1, &bad, 1, &|| false).is_err());
    }
    assert_eq!(simulate(SimEngine::RdsMySql, 1.0, 10.0, 1, &p, 1, &|| true).err(), Some(SimError::Interrupted));
    // A week at 1 ms with 15 replicas: 9.7e9 steps, refused before the first tick.
    match simulate(SimEngine::AuroraMySql, 1e9, 7.0 * 86_400.0, 15, &p, 1, &|| false).err() {
        Some(SimError::Invalid(d)) => assert!(d.message.contains("MAX_STEPS"), "{}", d.message),
        other => panic!("{other:?}"),
    }
    assert_eq!(steps(SimEngine::RdsMultiAzCluster, 1.0, 0, &p), Some(3_000.0));
    assert!(SimEngine::parse("dynamo").is_err());
}

#[test]
fn every_parameter_has_a_unit_and_a_source() {
    for info in ReplicationParams::default().describe() {
        assert!(!info.source.is_empty(), "{}", info.name);
        assert!(!info.source.contains("aws-facts") && !info.source.contains("[D"), "{}", info.source);
    }
    assert_eq!(paper_replica_lag(SimEngine::AuroraMySql, 10_000.0), Some("5.38 ms"));
    assert_eq!(paper_replica_lag(SimEngine::RdsPostgres, 10_000.0), None);
}

#[test]
fn histogram_quantiles_are_close() {
    let mut h = Histogram::default();
    for i in 1..=1000 {
        h.add(i as f64, 1.0);
    }
    assert!((h.quantile(0.5) - 500.0).abs() < 10.0);
    assert!((h.quantile(0.99) - 990.0).abs() < 10.0);
    assert_eq!(h.max(), 1000.0);
    assert!((inverse_normal(0.975) - 1.959964).abs() < 1e-5);
}

/// Timing, not correctness: run with
/// `cargo test --release --no-default-features --lib replication_benchmark -- --ignored --nocapture`
/// (benches/run_all.sh does).
#[test]
#[ignore]
fn replication_benchmark() {
    let p = ReplicationParams::default();
    let time = |secs: f64, rate: f64| {
        let start = crate::clock::instant();
        for e in [SimEngine::RdsMySql, SimEngine::AuroraMySql] {
            run(e, rate, secs, 2, &p, 7);
        }
        start.elapsed().as_secs_f64()
    };
    // Two engines simulated per run, so simulated time is 2 × secs.
    let hour = time(3600.0, 10_000.0);
    println!(
        "simulated hour, 10,000 writes/s, 2 replicas, rds-mysql + aurora-mysql: {:.3} s ({:.0}× real time)",
        hour,
        2.0 * 3600.0 / hour
    );
    let base = time(60.0, 10_000.0);
    for secs in [60.0, 600.0, 1800.0, 3600.0] {
        let t = time(secs, 10_000.0);
        println!(
            "duration {:>6} s at 10,000 w/s: {:.3} s ({:.1}× the 60 s run for {:.0}× the time)",
            secs,
            t,
            t / base,
            secs / 60.0
        );
    }
    let base = time(600.0, 1_000.0);
    for rate in [1_000.0, 10_000.0, 25_000.0, 100_000.0] {
        let t = time(600.0, rate);
        println!(
            "rate {:>7} w/s for 600 s: {:.3} s ({:.1}× the 1,000 w/s run for {:.0}× the writes)",
            rate,
            t,
            t / base,
            rate / 1_000.0
        );
    }
}
