//! What a run returns: the per-engine, per-rate summary and the time series.

/// The per-engine, per-rate result.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    pub engine: &'static str,
    pub write_rate: f64,
    pub replicas: usize,
    /// Mean replica lag over the last `report_window_s` of the run (what a one-minute
    /// `ReplicaLag` / `AuroraReplicaLag` datapoint would show at the end).
    pub lag_mean_ms: f64,
    pub lag_p50_ms: f64,
    pub lag_p99_ms: f64,
    pub lag_max_ms: f64,
    /// Lag at the end of the run (shows unbounded growth).
    pub lag_final_ms: f64,
    /// The paper's Table 4 value for this engine and rate, when it has one.
    pub paper_lag: Option<&'static str>,
    pub commit_p50_ms: f64,
    pub commit_p99_ms: f64,
    pub throughput_wps: f64,
    /// Writes/s one replica applies while it has a backlog (write-back bursts included,
    /// after read interference).
    pub apply_capacity_wps: f64,
    pub writes_available: bool,
}

/// One point of a run's time series (the interval ending at `time_s`).
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesPoint {
    pub time_s: f64,
    /// The largest lag of any replica during the interval.
    pub lag_ms: f64,
    pub commit_mean_ms: f64,
    pub throughput_wps: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    pub summary: RunSummary,
    pub series: Vec<SeriesPoint>,
    /// Sampled commit latencies (ms) for the distribution chart.
    pub commit_samples: Vec<f64>,
}
