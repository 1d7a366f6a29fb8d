//! Failover timelines: detection, promotion and DNS change for RDS Multi-AZ DB instances,
//! Multi-AZ DB clusters and Aurora, with the write-unavailable window, from the typical
//! times AWS documents (the pages in [`super::sources`]). Deterministic for a seed.
//!
//! AWS documents only the total (60–120 s, under 35 s, under 60 s / often under 30 s,
//! under 10 min); how it splits into phases is an assumption, chosen so that the phase
//! ranges add up to the documented range.

use crate::model::codes;
use crate::model::seeded::SeededRng;
use rand::{Rng, SeedableRng};

use crate::model::AwsError;

/// A topology that can fail over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topology {
    /// Multi-AZ DB instance: synchronous standby, promoted; typical 60–120 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html).
    RdsMultiAz,
    /// Multi-AZ DB cluster: a readable standby is promoted; typically under 35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html).
    RdsMultiAzCluster,
    /// Aurora with at least one replica: typically under 60 s, often under 30 s (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html).
    Aurora,
    /// Aurora with no replica: a new instance is created, typically under 10 min (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html).
    AuroraNoReplica,
}

impl Topology {
    pub const NAMES: &'static [&'static str] = &["rds-multi-az", "rds-multi-az-cluster", "aurora", "aurora-no-replica"];

    pub fn parse(s: &str) -> Result<Topology, AwsError> {
        Ok(match s {
            "rds-multi-az" | "multi-az" | "rds-mysql-multi-az" | "rds-postgres-multi-az" => Topology::RdsMultiAz,
            "rds-multi-az-cluster" | "multi-az-cluster" => Topology::RdsMultiAzCluster,
            "aurora" | "aurora-mysql" | "aurora-postgresql" => Topology::Aurora,
            "aurora-no-replica" => Topology::AuroraNoReplica,
            _ => {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("unknown failover topology '{}' (one of {})", s, Topology::NAMES.join(", ")),
                ))
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Topology::RdsMultiAz => "rds-multi-az",
            Topology::RdsMultiAzCluster => "rds-multi-az-cluster",
            Topology::Aurora => "aurora",
            Topology::AuroraNoReplica => "aurora-no-replica",
        }
    }

    /// The documented typical total (low, high seconds) and its source.
    pub fn documented(self) -> (f64, f64, &'static str) {
        match self {
            Topology::RdsMultiAz => (60.0, 120.0, "typically 60–120 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html)"),
            Topology::RdsMultiAzCluster => (0.0, 35.0, "typically under 35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html)"),
            Topology::Aurora => (0.0, 60.0, "typically under 60 s, often under 30 s (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html)"),
            Topology::AuroraNoReplica => (0.0, 600.0, "new instance, typically under 10 min (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html)"),
        }
    }

    /// What the promotion phase does.
    fn promotion_label(self) -> &'static str {
        match self {
            Topology::RdsMultiAz => "standby promoted (crash recovery)",
            Topology::RdsMultiAzCluster => "reader promoted (applies relay log)",
            Topology::Aurora => "Aurora Replica promoted (same volume)",
            Topology::AuroraNoReplica => "new writer instance created",
        }
    }

    /// Whether reads continue during the failover on another instance.
    pub fn reads_continue(self) -> bool {
        matches!(self, Topology::RdsMultiAzCluster | Topology::Aurora)
    }
}

/// A phase's duration range in seconds, sampled uniformly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub lo: f64,
    pub hi: f64,
}

const fn span(lo: f64, hi: f64) -> Span {
    Span { lo, hi }
}

/// Phase ranges per topology: (detection, promotion, DNS). All are assumptions whose sums
/// equal the documented totals of [`Topology::documented`].
#[derive(Clone, Debug, PartialEq)]
pub struct FailoverParams {
    pub rds_multi_az: [Span; 3],
    pub rds_multi_az_cluster: [Span; 3],
    pub aurora: [Span; 3],
    pub aurora_no_replica: [Span; 3],
    /// Fixed detection time overriding every topology's (`--detection-s`).
    pub detection_override_s: Option<f64>,
    /// Fixed DNS time overriding every topology's (`--dns-s`); DNS TTL is short (assumption).
    pub dns_override_s: Option<f64>,
}

impl Default for FailoverParams {
    fn default() -> Self {
        FailoverParams {
            // 10–20 + 30–60 + 20–40 = 60–120 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html)
            rds_multi_az: [span(10.0, 20.0), span(30.0, 60.0), span(20.0, 40.0)],
            // 5–10 + 5–15 + 5–10 = 15–35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html)
            rds_multi_az_cluster: [span(5.0, 10.0), span(5.0, 15.0), span(5.0, 10.0)],
            // 5–10 + 5–20 + 5–15 = 15–45 s: under 60 s, about half under 30 s (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html)
            aurora: [span(5.0, 10.0), span(5.0, 20.0), span(5.0, 15.0)],
            // 5–10 + 240–570 + 5–15 = 250–595 s: under 10 min (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html)
            aurora_no_replica: [span(5.0, 10.0), span(240.0, 570.0), span(5.0, 15.0)],
            detection_override_s: None,
            dns_override_s: None,
        }
    }
}

impl FailoverParams {
    fn spans(&self, t: Topology) -> [Span; 3] {
        match t {
            Topology::RdsMultiAz => self.rds_multi_az,
            Topology::RdsMultiAzCluster => self.rds_multi_az_cluster,
            Topology::Aurora => self.aurora,
            Topology::AuroraNoReplica => self.aurora_no_replica,
        }
    }
}

/// One phase of a failover, in seconds from the failure.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub name: String,
    pub start_s: f64,
    pub end_s: f64,
}

/// A failover from the failure (t = 0) to writes resuming.
#[derive(Clone, Debug, PartialEq)]
pub struct FailoverTimeline {
    pub topology: Topology,
    pub phases: Vec<Phase>,
    pub write_unavailable_s: f64,
    /// Seconds reads are unavailable on the cluster (0 when another reader serves them).
    pub read_unavailable_s: f64,
    pub documented_lo_s: f64,
    pub documented_hi_s: f64,
    pub source: &'static str,
}

/// The failover timeline for a topology; `seed` picks a point in each phase's range.
pub fn timeline(t: Topology, p: &FailoverParams, seed: u64) -> FailoverTimeline {
    let mut rng = SeededRng::seed_from_u64(seed ^ (t as u64).wrapping_mul(0x9E37_79B9));
    let [d, pr, dns] = p.spans(t);
    let mut draw = |s: Span| if s.hi > s.lo { rng.gen_range(s.lo..=s.hi) } else { s.lo };
    let detect = p.detection_override_s.unwrap_or_else(|| draw(d)).max(0.0);
    let promote = draw(pr).max(0.0);
    let dns_s = p.dns_override_s.unwrap_or_else(|| draw(dns)).max(0.0);
    let phases = vec![
        Phase { name: "failure detected".into(), start_s: 0.0, end_s: detect },
        Phase { name: t.promotion_label().into(), start_s: detect, end_s: detect + promote },
        Phase { name: "DNS endpoint updated".into(), start_s: detect + promote, end_s: detect + promote + dns_s },
    ];
    let total = detect + promote + dns_s;
    let (lo, hi, source) = t.documented();
    FailoverTimeline {
        topology: t,
        phases,
        write_unavailable_s: total,
        read_unavailable_s: if t.reads_continue() { 0.0 } else { total },
        documented_lo_s: lo,
        documented_hi_s: hi,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_stay_in_the_documented_ranges() {
        let p = FailoverParams::default();
        for seed in 0..200 {
            for name in Topology::NAMES {
                let t = Topology::parse(name).expect("known");
                let tl = timeline(t, &p, seed);
                assert!(
                    tl.write_unavailable_s >= tl.documented_lo_s && tl.write_unavailable_s <= tl.documented_hi_s,
                    "{} seed {}: {}",
                    name,
                    seed,
                    tl.write_unavailable_s
                );
                let last = tl.phases.last().expect("phases");
                assert!((last.end_s - tl.write_unavailable_s).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn cluster_and_aurora_fail_over_faster_than_multi_az_instance() {
        let p = FailoverParams::default();
        for seed in 0..50 {
            let rds = timeline(Topology::RdsMultiAz, &p, seed).write_unavailable_s;
            assert!(timeline(Topology::RdsMultiAzCluster, &p, seed).write_unavailable_s < rds);
            assert!(timeline(Topology::Aurora, &p, seed).write_unavailable_s < rds);
        }
        assert!(timeline(Topology::Aurora, &p, 3).read_unavailable_s == 0.0);
        assert!(timeline(Topology::RdsMultiAz, &p, 3).read_unavailable_s > 0.0);
    }

    #[test]
    fn same_seed_same_timeline() {
        let p = FailoverParams::default();
        assert_eq!(timeline(Topology::Aurora, &p, 9), timeline(Topology::Aurora, &p, 9));
        assert!(Topology::parse("mongo").is_err());
    }
}
