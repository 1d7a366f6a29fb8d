//! Replication simulation: a write workload against RDS (single-AZ, Multi-AZ DB instance,
//! Multi-AZ DB cluster, read replicas) and Aurora, measuring commit latency and replica lag.
//! Deterministic for a seed (`model::seeded`, the same stream on every platform); no clock is read.
//!
//! What it reproduces: the replica lag Verbitski et al. measured under SysBench write-only
//! (SIGMOD 2017, Table 4, [`sources::AURORA_PAPER`]): Aurora 2.62 / 3.42 / 3.94 / 5.38 ms
//! at 1,000 / 2,000 / 5,000 / 10,000 writes/s; MySQL 5.6 binlog replication < 1 s / 1 s /
//! 60 s / 300 s. The default parameters give that shape for a 10-minute run
//! (`tests::the_default_run_reproduces_the_papers_table`).
//!
//! Why the two differ, as modelled here:
//! - MySQL / MariaDB read replica ([`sources::RDS_MYSQL_REPLICAS`]): the primary writes
//!   each transaction to its binlog at commit; the replica's I/O thread receives it (one
//!   way across AZs) and writes it to its relay log (an EBS write); an applier then replays
//!   the transactions one after another. In MySQL 5.6, which the paper measured, that is a
//!   single SQL thread ([`sources::MYSQL56_PARALLEL_WORKERS`]): it redoes, alone, the
//!   work the primary did on many connections, and pays the replica's own commit and I/O
//!   for each transaction. Its in-line work is `apply_ms_per_write`; the pages it dirties
//!   are written back in a burst each time its redo log fills (every `checkpoint_writes`
//!   transactions, `flush_ms_per_write` each), during which the applier waits
//!   ([`sources::MYSQL56_ADAPTIVE_FLUSHING`]). Below its
//!   capacity the backlog built during a burst drains in time (lag under a second); above
//!   it the backlog, and so the lag, grows for as long as the load lasts: lag after T
//!   seconds is T·(1 − capacity/rate). `parallel_workers` (MySQL 8.0's
//!   `replica_parallel_workers`, [`sources::MYSQL80_PARALLEL_WORKERS`]) divides both by
//!   the workers that can run at once.
//! - PostgreSQL read replicas replay WAL (physical, one startup process) at
//!   `physical_apply_factor` times the binlog applier's speed.
//! - Aurora ([`sources::AURORA_STORAGE`], [`sources::AURORA_REPLICATION`]): the writer
//!   sends only redo log records, to six storage copies (two per AZ) and to its replicas. A
//!   commit is durable at the 4th acknowledgement ([`sources::AURORA_QUORUM`]). A replica
//!   applies a record only to a page it has cached, and shows it once the volume's durable
//!   point has passed it (paper §4.2.4): its lag is the quorum time, one network hop and a
//!   small apply, milliseconds that rise only as the storage nodes get busier.
//! - Multi-AZ DB instance ([`sources::RDS_MULTI_AZ`]): the commit also waits for the
//!   synchronous write on the standby in another AZ. Multi-AZ DB cluster
//!   ([`sources::RDS_MULTI_AZ_CLUSTER`]): the commit waits for one of two readers.
//!
//! Approach (an hour at 10,000 writes/s in well under a second in a release build): time
//! advances in fixed ticks (`tick_ms`, 1 ms by default) instead of one event per write. Each
//! tick draws the number of writes (Poisson), commits up to the writer's capacity (the
//! rest queues), draws one commit latency for the tick from the topology's path, and moves
//! each replica's FIFO of (commit tick, writes) forward at its apply rate. Latency draws
//! come from precomputed log-normal quantile tables indexed by a random number, and
//! percentiles from a log-linear histogram (≈0.8% resolution). Limits of that choice: one
//! latency draw per tick stands for all of the tick's commits, and the tables stop at
//! their 1/8192 and 8191/8192 quantiles (no rarer outliers). The cancel flag is polled
//! every 4,096 ticks.
//!
//! One file per job: `engine` names the topologies and the write-rate profiles, `params`
//! holds every parameter with its source, `result` the output types, `stats` the random
//! draws and the histogram, and `run` the state and the tick-by-tick loop.

mod engine;
mod params;
mod result;
mod run;
mod stats;
#[cfg(test)]
mod tests;

use super::{instances, quorum, sources};

pub use engine::{paper_replica_lag, Burst, SimEngine};
pub use params::{ParamInfo, ReplicationParams};
pub use result::{RunResult, RunSummary, SeriesPoint};
pub use run::{simulate, steps, too_many_steps, MAX_STEPS};
pub use stats::Histogram;
