//! DB engines, instance classes and identifiers: what RDS accepts, checked as AWS checks it.

use super::DbError;
use crate::model::codes;

/// The engine names RDS accepts in `--engine`
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_GettingStarted.html) (the Oracle, SQL Server and Db2 editions are
/// spelled as the CLI spells them and normalised to their family).
pub const ENGINE_NAMES: &[&str] = &[
    "mysql",
    "postgres",
    "mariadb",
    "oracle-ee",
    "oracle-se2",
    "sqlserver-ee",
    "sqlserver-se",
    "sqlserver-ex",
    "sqlserver-web",
    "db2-se",
    "db2-ae",
    "aurora-mysql",
    "aurora-postgresql",
];

/// An engine as the model uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    MySql,
    Postgres,
    MariaDb,
    Oracle,
    SqlServer,
    Db2,
    AuroraMySql,
    AuroraPostgres,
}

impl Engine {
    /// Parses an `--engine` value; `oracle-ee`, `sqlserver-se`, `db2-se` map to their family.
    pub fn parse(s: &str) -> Result<Engine, DbError> {
        let e = match s.to_ascii_lowercase().as_str() {
            "mysql" => Engine::MySql,
            "postgres" | "postgresql" => Engine::Postgres,
            "mariadb" => Engine::MariaDb,
            "aurora-mysql" | "aurora" => Engine::AuroraMySql,
            "aurora-postgresql" => Engine::AuroraPostgres,
            x if x == "oracle" || x.starts_with("oracle-") => Engine::Oracle,
            x if x == "sqlserver" || x.starts_with("sqlserver-") => Engine::SqlServer,
            x if x == "db2" || x.starts_with("db2-") => Engine::Db2,
            _ => return Err(DbError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid DB engine: {}", s))),
        };
        Ok(e)
    }

    /// The name RDS reports in `Engine`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::MySql => "mysql",
            Engine::Postgres => "postgres",
            Engine::MariaDb => "mariadb",
            Engine::Oracle => "oracle-ee",
            Engine::SqlServer => "sqlserver-ee",
            Engine::Db2 => "db2-se",
            Engine::AuroraMySql => "aurora-mysql",
            Engine::AuroraPostgres => "aurora-postgresql",
        }
    }

    pub fn is_aurora(self) -> bool {
        matches!(self, Engine::AuroraMySql | Engine::AuroraPostgres)
    }

    /// A default engine version, so describe output has one (not a claim about the newest).
    pub fn default_version(self) -> &'static str {
        match self {
            Engine::MySql => "8.0.35",
            Engine::Postgres => "16.1",
            Engine::MariaDb => "10.11.6",
            Engine::Oracle => "19.0.0.0.ru-2024-01.rur-2024-01.r1",
            Engine::SqlServer => "15.00.4345.5.v1",
            Engine::Db2 => "11.5.9.0.sb00000000.r1",
            Engine::AuroraMySql => "8.0.mysql_aurora.3.05.2",
            Engine::AuroraPostgres => "16.1",
        }
    }

    /// The port the engine listens on by default.
    pub fn port(self) -> u16 {
        match self {
            Engine::MySql | Engine::MariaDb | Engine::AuroraMySql => 3306,
            Engine::Postgres | Engine::AuroraPostgres => 5432,
            Engine::Oracle => 1521,
            Engine::SqlServer => 1433,
            Engine::Db2 => 50000,
        }
    }

    /// Read replicas one source may have: "Each DB instance can have up to 15 read
    /// replicas, except for the following engines: Db2 - Can have up to three replicas.
    /// Oracle - Can have up to five read replicas. SQL Server - Can have up to five read
    /// replicas." (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html)
    pub fn max_read_replicas(self) -> usize {
        match self {
            Engine::Db2 => 3,
            Engine::Oracle | Engine::SqlServer => 5,
            _ => 15,
        }
    }

    /// Replication is logical for MySQL and MariaDB, physical for the others (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html).
    pub fn replication_kind(self) -> &'static str {
        match self {
            Engine::MySql | Engine::MariaDb => "logical (binlog)",
            Engine::AuroraMySql | Engine::AuroraPostgres => "storage-level (shared volume)",
            _ => "physical",
        }
    }

    /// Multi-AZ DB clusters exist for MySQL and PostgreSQL only (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html).
    pub fn supports_multi_az_cluster(self) -> bool {
        matches!(self, Engine::MySql | Engine::Postgres)
    }
}

/// RDS instance families with no EC2 twin of the same name (Graviton2 memory-optimized
/// without local storage), accepted without a catalog match.
pub const RDS_ONLY_FAMILIES: &[&str] = &["x2g"];

/// What the EC2 catalog says about a type name: `None` when no catalog is loaded,
/// `Some(None)` when the type is unknown, `Some(Some(vcpus))` when it exists.
pub type Ec2Lookup = Option<Option<u32>>;

/// A DB instance class split into its parts: `db.r6g.large` → family `r6g`, size `large`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceClass {
    pub family: String,
    pub size: String,
    /// vCPUs of the matching EC2 type, from the catalog.
    pub catalog_vcpus: Option<u32>,
}

impl InstanceClass {
    /// Checks the shape `db.<family>.<size>` (or `db.serverless`); `known_ec2` is the
    /// compute catalog's lookup, consulted for the EC2 part when the catalog is loaded.
    pub fn parse(class: &str, known_ec2: &dyn Fn(&str) -> Ec2Lookup) -> Result<InstanceClass, DbError> {
        let bad = || DbError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid DB Instance class: {}", class));
        let rest = class.strip_prefix("db.").ok_or_else(bad)?;
        if rest == "serverless" {
            return Ok(InstanceClass { family: "serverless".into(), size: String::new(), catalog_vcpus: None });
        }
        let (family, size) = rest.split_once('.').ok_or_else(bad)?;
        let family_ok = family.len() >= 2
            && family.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && family.chars().any(|c| c.is_ascii_digit())
            && family.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !family_ok || vcpus_of_size(size).is_none() {
            return Err(bad());
        }
        // RDS classes mostly reuse EC2 names; when the catalog answers, the EC2 type
        // must exist (db.m5.large ↔ m5.large). Some RDS-only extras (e.g. `.tpc2.mem2x`)
        // are not modelled.
        let lookup = known_ec2(rest);
        if lookup == Some(None) && !RDS_ONLY_FAMILIES.contains(&family) {
            return Err(bad());
        }
        Ok(InstanceClass { family: family.to_string(), size: size.to_string(), catalog_vcpus: lookup.flatten() })
    }

    /// vCPUs: the EC2 catalog's figure when it has the type, else by size name: large 2,
    /// xlarge 4, Nxlarge 4N; the burstable sizes 2 (t3 nano–medium have 2: https://aws.amazon.com/ec2/instance-types/t3/).
    pub fn vcpus(&self) -> u32 {
        if self.family == "serverless" {
            return 2;
        }
        self.catalog_vcpus.or_else(|| vcpus_of_size(&self.size)).unwrap_or(2)
    }

    pub fn name(&self) -> String {
        if self.family == "serverless" {
            "db.serverless".into()
        } else {
            format!("db.{}.{}", self.family, self.size)
        }
    }
}

/// vCPUs implied by an EC2 size name, or None when it is not a size.
pub fn vcpus_of_size(size: &str) -> Option<u32> {
    match size {
        "nano" | "micro" | "small" | "medium" | "large" => Some(2),
        "xlarge" => Some(4),
        "metal" => Some(96),
        s => {
            let n: u32 = s.strip_suffix("xlarge")?.parse().ok()?;
            (n > 0 && n <= 64).then_some(4 * n)
        }
    }
}

/// RDS identifier rules, with AWS's wording: 1–63 letters, digits or hyphens; first a
/// letter; no trailing hyphen or two hyphens in a row. Identifiers are stored lowercase.
pub fn check_identifier(kind: &str, id: &str) -> Result<String, DbError> {
    let ok = !id.is_empty()
        && id.len() <= 63
        && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !id.ends_with('-')
        && !id.contains("--");
    if ok {
        Ok(id.to_ascii_lowercase())
    } else {
        Err(DbError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!(
                "The parameter {} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.",
                kind
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Ec2Lookup {
        None
    }

    #[test]
    fn engines_parse_and_normalise() {
        assert_eq!(Engine::parse("oracle-se2").map(Engine::name).ok(), Some("oracle-ee"));
        assert!(Engine::parse("aurora-postgresql").is_ok_and(Engine::is_aurora));
        assert_eq!(Engine::parse("cassandra").err().map(|e| e.code), Some("InvalidParameterValue".into()));
    }

    #[test]
    fn classes_have_the_db_shape() {
        let c = InstanceClass::parse("db.r6g.2xlarge", &none).expect("valid");
        assert_eq!((c.family.as_str(), c.vcpus()), ("r6g", 8));
        for bad in ["r6g.large", "db.large", "db.r6g.huge", "db..large", "db.6g.large"] {
            assert!(InstanceClass::parse(bad, &none).is_err(), "{}", bad);
        }
        let only_m5 = |t: &str| Some((t == "m5.large").then_some(2));
        assert!(InstanceClass::parse("db.m5.large", &only_m5).is_ok());
        assert!(InstanceClass::parse("db.m9.large", &only_m5).is_err());
    }

    #[test]
    fn identifiers_follow_aws_rules() {
        assert_eq!(check_identifier("DBInstanceIdentifier", "Prod-DB1").ok(), Some("prod-db1".into()));
        for bad in ["1db", "db-", "db--1", "db_1", ""] {
            assert!(check_identifier("DBInstanceIdentifier", bad).is_err(), "{}", bad);
        }
    }
}
