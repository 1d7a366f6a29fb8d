//! The note under the replication table, for people: what ran and how to read the lag.

use std::fmt;

use super::replication::{Setup, MAX_SERIES_ROWS};
use crate::model::database::replication::RunResult;
use crate::model::database::sources;

/// What `simulate replication` ran and how to read its table: duration, seed, replicas,
/// burst, appliers, the lag columns' meaning, and each engine's replica apply capacity.
pub(super) struct ReplicationNote<'a> {
    pub setup: &'a Setup,
    pub runs: &'a [RunResult],
}

impl fmt::Display for ReplicationNote<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, p, runs) = (self.setup, &self.setup.p, self.runs);
        let caps: Vec<String> = runs
            .iter()
            .filter(|r| !r.summary.engine.starts_with("aurora") && r.summary.replicas > 0)
            .map(|r| r.summary.engine)
            .zip(runs.iter().map(|r| r.summary.apply_capacity_wps))
            .map(|(e, c)| format!("{} {:.0} writes/s", e, c))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        write!(
            f,
            "{} simulated, seed {}, {} replica(s), burst {}, {} binlog applier(s). lag_mean_ms = mean lag over the last {} s \
(a one-minute ReplicaLag datapoint at the end of the run); paper_lag = {}. Lag = time since the oldest write a replica \
has not applied; lag_final_ms shows growth. Replica apply capacity with a backlog: {}. Parameters marked \
'assumption' or 'calibrated' in replication_params are not AWS figures.",
            fmt_duration(s.duration),
            s.seed,
            s.replicas,
            p.burst.describe(),
            p.parallel_workers.max(1),
            p.report_window_s,
            sources::AURORA_PAPER_TABLE4,
            if caps.is_empty() { "n/a".into() } else { caps.join("; ") }
        )?;
        if p.series_points < s.asked_points {
            write!(
                f,
                " Series: {} points per run ({} runs; at most {MAX_SERIES_ROWS} points in all, MAX_SERIES_ROWS).",
                p.series_points,
                runs.len()
            )?;
        }
        Ok(())
    }
}

fn fmt_duration(s: f64) -> String {
    if s >= 3600.0 && (s / 3600.0).fract() == 0.0 {
        format!("{} h", s / 3600.0)
    } else if s >= 60.0 && (s / 60.0).fract() == 0.0 {
        format!("{} min", s / 60.0)
    } else {
        format!("{} s", s)
    }
}
