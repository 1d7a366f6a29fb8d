//! The topologies the simulation knows, how the write rate varies over time, and the
//! replica lag the paper measured for each.

use crate::model::codes;
use crate::model::AwsError;

/// A topology the simulation knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimEngine {
    RdsMySql,
    RdsPostgres,
    RdsMariaDb,
    RdsMySqlMultiAz,
    RdsPostgresMultiAz,
    RdsMultiAzCluster,
    AuroraMySql,
    AuroraPostgres,
}

impl SimEngine {
    pub const NAMES: &'static [&'static str] = &[
        "rds-mysql",
        "rds-postgres",
        "rds-mariadb",
        "rds-mysql-multi-az",
        "rds-postgres-multi-az",
        "rds-multi-az-cluster",
        "aurora-mysql",
        "aurora-postgresql",
    ];

    pub fn parse(s: &str) -> Result<SimEngine, AwsError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "rds-mysql" | "mysql" => SimEngine::RdsMySql,
            "rds-postgres" | "rds-postgresql" | "postgres" => SimEngine::RdsPostgres,
            "rds-mariadb" | "mariadb" => SimEngine::RdsMariaDb,
            "rds-mysql-multi-az" | "rds-multi-az" => SimEngine::RdsMySqlMultiAz,
            "rds-postgres-multi-az" => SimEngine::RdsPostgresMultiAz,
            "rds-multi-az-cluster" | "multi-az-cluster" => SimEngine::RdsMultiAzCluster,
            "aurora-mysql" | "aurora" => SimEngine::AuroraMySql,
            "aurora-postgresql" | "aurora-postgres" => SimEngine::AuroraPostgres,
            _ => {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("unknown engine '{}' (one of {})", s, SimEngine::NAMES.join(", ")),
                ))
            }
        })
    }

    pub fn name(self) -> &'static str {
        SimEngine::NAMES[self as usize]
    }

    pub fn is_aurora(self) -> bool {
        matches!(self, SimEngine::AuroraMySql | SimEngine::AuroraPostgres)
    }

    /// PostgreSQL replicas replay physical WAL; MySQL/MariaDB apply the logical binlog
    /// ([`sources::RDS_READ_REPLICAS`](super::sources::RDS_READ_REPLICAS)).
    pub(super) fn physical(self) -> bool {
        matches!(self, SimEngine::RdsPostgres | SimEngine::RdsPostgresMultiAz)
    }
}

/// How the write rate varies over time (a multiplier on `--write-rate`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Burst {
    Steady,
    /// rate × (1 + amplitude·sin(2πt/period)).
    Sine {
        amplitude: f64,
        period_s: f64,
    },
    /// rate × factor for `length_s` at the start of every `every_s`.
    Spikes {
        factor: f64,
        every_s: f64,
        length_s: f64,
    },
}

impl Burst {
    pub fn factor(&self, t_s: f64) -> f64 {
        match *self {
            Burst::Steady => 1.0,
            Burst::Sine { amplitude, period_s } => {
                (1.0 + amplitude * (std::f64::consts::TAU * t_s / period_s.max(1e-9)).sin()).max(0.0)
            }
            Burst::Spikes { factor, every_s, length_s } => {
                if t_s.rem_euclid(every_s.max(1e-9)) < length_s {
                    factor
                } else {
                    1.0
                }
            }
        }
    }

    pub fn describe(&self) -> String {
        match *self {
            Burst::Steady => "steady".into(),
            Burst::Sine { amplitude, period_s } => format!("sine ±{:.0}% every {} s", amplitude * 100.0, period_s),
            Burst::Spikes { factor, every_s, length_s } => {
                format!("{}× for {} s every {} s", factor, length_s, every_s)
            }
        }
    }
}

/// The replica lag the paper measured for this engine at this rate (Table 4), as it is
/// written there; `None` off the table's engines and rates.
pub fn paper_replica_lag(engine: SimEngine, write_rate: f64) -> Option<&'static str> {
    let i = [1_000.0, 2_000.0, 5_000.0, 10_000.0].iter().position(|r| *r == write_rate)?;
    match engine {
        SimEngine::AuroraMySql => Some(["2.62 ms", "3.42 ms", "3.94 ms", "5.38 ms"][i]),
        SimEngine::RdsMySql => Some(["< 1 s", "1 s", "60 s", "300 s"][i]),
        _ => None,
    }
}
