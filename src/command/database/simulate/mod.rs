//! `simulate replication`, `simulate failover` and `simulate storage-loss`: the RDS-versus-
//! Aurora simulations as tables, charts and documented JSON. One file per simulation, with
//! the replication run's charts and summary text in files of their own.

mod charts;
mod failover;
mod replication;
mod storage_loss;
mod summary;

use crate::model::codes;
use serde_json::Value;

use crate::command::{Args, CommandError, CommandSpec, Flag, Run};
use failover::simulate_failover;
use replication::simulate_replication;
use storage_loss::simulate_storage_loss;

const REPLICATION_FLAGS: &[Flag] = &[
    Flag::many("engines", "rds-mysql, rds-postgres, rds-mariadb, rds-mysql-multi-az, rds-postgres-multi-az, rds-multi-az-cluster, aurora-mysql, aurora-postgresql"),
    Flag::many("write-rate", "writes per second, one run per value (default 1000,2000,5000,10000: the paper's rates)"),
    Flag::value("duration", "simulated time: 90s, 10m, 1h (default 10m)"),
    Flag::value("replicas", "read replicas / Aurora Replicas per engine, 0–15 (default 2)"),
    Flag::value("seed", "random seed; same seed, same numbers (default 7)"),
    Flag::value("parallel-workers", "binlog appliers on each MySQL/MariaDB replica (default 1, MySQL 5.6; MySQL 8.0.27+ uses 4)"),
    Flag::value("worker-dependency", "share of writes that wait for an earlier one, 0–1 (default 0.1)"),
    Flag::value("instance-class", "replica class, sets replica_vcpus (default 32 vCPUs, the paper's r3.8xlarge)"),
    Flag::value("apply-ms-per-write", "binlog applier's in-line work per write, ms (default 0.0222)"),
    Flag::value("flush-ms-per-write", "replica page write-back per write, ms (default 0.205)"),
    Flag::value("checkpoint-writes", "writes a MySQL replica applies between write-back bursts (default 20000)"),
    Flag::value("physical-apply-factor", "PostgreSQL WAL replay speed vs the binlog applier (default 1.5)"),
    Flag::choice("burst", "write-rate profile", &["steady", "sine", "spikes"]),
    Flag::value("burst-factor", "sine: amplitude (0.5 = ±50%); spikes: multiplier (default 0.5 / 3)"),
    Flag::value("burst-period", "seconds between burst peaks (default 60)"),
    Flag::value("burst-length", "spikes: seconds each spike lasts (default 5)"),
    Flag::value("reads-per-write", "reads served by replicas per write (default 0: write-only)"),
    Flag::value("read-apply-cost", "share of a write's apply time one read costs a replica (default 0.1)"),
    Flag::value("same-az-rtt-ms", "round trip within an AZ, ms (default 0.1)"),
    Flag::value("cross-az-rtt-ms", "round trip between AZs, ms (default 1.0)"),
    Flag::value("ebs-write-ms", "median EBS write + flush, ms (default 1.0)"),
    Flag::value("ebs-write-sigma", "log-normal spread of the EBS write (default 0.4)"),
    Flag::value("storage-node-ms", "median Aurora storage-node persist time at no load, ms (default 1.3)"),
    Flag::value("storage-node-sigma", "log-normal spread of storage-node latency (default 0.5)"),
    Flag::value("storage-node-capacity-wps", "writes/s that would saturate Aurora's storage nodes (default 16000)"),
    Flag::value("write-quorum", "Aurora: copies a write waits for, 1–6 (default 4)"),
    Flag::value("aurora-replica-apply-ms", "median Aurora replica apply to a cached page, ms (default 0.05)"),
    Flag::value("aurora-replica-apply-wps", "Aurora replica apply rate, records/s (default 500000)"),
    Flag::value("writer-capacity-wps", "writes/s the writer commits before queueing (default 50000)"),
    Flag::value("lost-storage-copies", "Aurora: storage copies lost before the run, 0–6 (writes need 4)"),
    Flag::value("report-window-s", "lag_mean_ms averages the run's last this-many seconds (default 60)"),
    Flag::value("tick-ms", "simulation step in ms (default 1)"),
    Flag::value("series-points", "points per time series (default 240; at most 5,000, and 50,000 over all runs)"),
];

const SIMULATE_FAILOVER_FLAGS: &[Flag] = &[
    Flag::many("engines", "rds-multi-az, rds-multi-az-cluster, aurora, aurora-no-replica"),
    Flag::value("seed", "random seed (default 1)"),
    Flag::value("runs", "seeds to sample for the spread (default 200)"),
    Flag::value("detection-s", "fixed detection time for every topology"),
    Flag::value("dns-s", "fixed DNS-change time for every topology"),
];

const SIMULATE_STORAGE_LOSS_FLAGS: &[Flag] = &[
    Flag::value("lost", "only this many lost copies (0–6)"),
    Flag::value("write-rate", "also simulate writes at this rate for each case"),
    Flag::value("seed", "random seed (default 7)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "simulate replication",
            service: "lab",
            summary: "replica lag and commit latency of RDS vs Aurora under a write workload (tables + charts)",
            usage: "simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,2000,5000,10000 --duration 10m --replicas 2 --seed 7 [--parallel-workers 8]",
            help: "A deterministic simulation (same --seed, same numbers) in 1 ms ticks. Its defaults reproduce the replica lag \
Verbitski et al. measured under SysBench write-only (SIGMOD 2017, Table 4): Aurora 2.62 / 3.42 / 3.94 / 5.38 ms at \
1,000 / 2,000 / 5,000 / 10,000 writes/s; MySQL 5.6 binlog replication under 1 s / 1 s / 60 s / 300 s. \
MySQL read replica: the binlog is shipped to the replica, written to its relay log and replayed by one applier \
(MySQL 5.6's single SQL thread) that also writes back the pages it dirties; above that applier's capacity \
(about 4,400 writes/s by default) the backlog, and the lag, grow for as long as the load lasts. \
--parallel-workers 8 shows MySQL 8.0's replica_parallel_workers. Aurora: the writer sends redo records to six \
storage copies (two per AZ) and commits at the 4th acknowledgement; replicas apply records only to cached pages, \
so their lag stays in milliseconds. Multi-AZ DB instance: the commit also waits for the standby's synchronous write; \
Multi-AZ DB cluster: for one of two readers. Every parameter is listed with its unit and source (an AWS page, \
the paper, or 'assumption') and can be set with a flag.\n\
--output json: {\"summary\": [{engine, write_rate, replicas, lag_mean_ms, paper_lag, lag_p50_ms, lag_p99_ms, \
lag_max_ms, lag_final_ms, commit_p50_ms, commit_p99_ms, throughput_wps, apply_capacity_wps}], \"series\": [{engine, \
write_rate, time_s, lag_ms, commit_mean_ms, throughput_wps}], \"parameters\": [{parameter, value, unit, source}]}. \
Tables kept for sql: replication_summary, replication_series, replication_params.",
            flags: REPLICATION_FLAGS,
            run: Run::Read(simulate_replication),
        },
        CommandSpec {
            name: "simulate failover",
            service: "lab",
            summary: "failover timeline and write downtime: RDS Multi-AZ, Multi-AZ DB cluster, Aurora",
            usage: "simulate failover --engines rds-multi-az,rds-multi-az-cluster,aurora [--seed 1] [--runs 200]",
            help: "Detection, promotion and DNS change per topology, drawn within ranges whose sums equal AWS's documented \
typical totals: Multi-AZ DB instance 60–120 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html), \
Multi-AZ DB cluster under 35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html), \
Aurora with a replica under 60 s (often under 30 s), without one a new instance in under 10 min \
(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html). Topologies: \
rds-multi-az, rds-multi-az-cluster, aurora, aurora-no-replica. --runs repeats with seeds seed..seed+runs for the \
spread.\n--output json: {\"failovers\": [{engine, detection_s, promotion_s, dns_s, write_unavailable_s, \
read_unavailable_s, documented_min_s, documented_max_s, source, phases: [{phase, start_s, end_s}]}], \
\"ranges\": [{engine, runs, write_unavailable_min_s, write_unavailable_p50_s, write_unavailable_max_s}]}.",
            flags: SIMULATE_FAILOVER_FLAGS,
            run: Run::Read(simulate_failover),
        },
        CommandSpec {
            name: "simulate storage-loss",
            service: "lab",
            summary: "Aurora's 4/6 write and 3/6 read quorums as storage copies are lost",
            usage: "simulate storage-loss [--lost N] [--write-rate 2000]",
            help: "Each 10 GB segment of an Aurora volume has six copies, two per AZ; a write needs 4, a read or repair \
3 (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/). Without --lost: every case from 0 to 6 lost copies plus 'one AZ' and 'one AZ + one copy'. With \
--write-rate, each case also runs the replication simulation (10 s) to show commit latency and throughput.\n\
--output json: {\"cases\": [{case, lost_copies, alive_copies, writes_available, reads_available, commit_p50_ms, \
throughput_wps}]}.",
            flags: SIMULATE_STORAGE_LOSS_FLAGS,
            run: Run::Read(simulate_storage_loss),
        },
    ]
}

pub(super) fn bad(msg: impl Into<String>) -> CommandError {
    CommandError::new(codes::INVALID_PARAMETER_VALUE, msg)
}

/// `90s`, `10m`, `1h`, `500ms` or plain seconds; more than zero.
pub fn parse_duration(s: &str) -> Result<f64, CommandError> {
    match crate::duration::seconds(s) {
        Ok(v) if v > 0.0 => Ok(v),
        _ => Err(bad(format!("invalid duration '{}' (e.g. 90s, 10m, 1h)", s.trim()))),
    }
}

pub(super) fn f(a: &Args, name: &str) -> Result<Option<f64>, CommandError> {
    a.value::<f64>(name)
}

/// A DataFrame as a list of JSON records (the lab's JSON shape for tables).
pub(super) fn records(df: &polars::prelude::DataFrame) -> Value {
    crate::render::table::to_records(df)
}

#[cfg(test)]
mod tests;
