//! The public pages the database model follows, one constant each, so code, help and
//! outputs cite the same page (a user can open every one of them).
// Some are cited only by doc links ([`sources::RDS_QUOTAS`]), which rustc does not count as a use.
#![allow(dead_code)]

/// Verbitski et al., "Amazon Aurora: Design Considerations for High Throughput
/// Cloud-Native Relational Databases", SIGMOD 2017. §6.1.4 and Table 4 measure replica
/// lag under SysBench write-only for Aurora and MySQL 5.6 binlog replication.
pub const AURORA_PAPER: &str = "Verbitski et al., SIGMOD 2017 (https://assets.amazon.science/dc/2b/4ef2b89649f9a393d37d3e042f4e/amazon-aurora-design-considerations-for-high-throughput-cloud-native-relational-databases.pdf)";
/// The paper's replica-lag table (Table 4), as the outputs cite it.
pub const AURORA_PAPER_TABLE4: &str = "Verbitski et al., SIGMOD 2017, Table 4 (https://assets.amazon.science/dc/2b/4ef2b89649f9a393d37d3e042f4e/amazon-aurora-design-considerations-for-high-throughput-cloud-native-relational-databases.pdf)";

/// Multi-AZ DB instance: one synchronous standby, failover typically 60–120 s.
pub const RDS_MULTI_AZ: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html";
/// Multi-AZ DB cluster: a writer and two readable standbys, semisynchronous, failover under 35 s.
pub const RDS_MULTI_AZ_CLUSTER: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html";
/// Read replicas: asynchronous, logical (MySQL, MariaDB) or physical replication.
pub const RDS_READ_REPLICAS: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html";
/// MySQL read replicas on RDS (binlog replication, `ReplicaLag`).
pub const RDS_MYSQL_REPLICAS: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_MySQL.Replication.ReadReplicas.html";
/// CreateDBInstanceReadReplica: "Each DB instance can have up to 15 read replicas, except
/// for … Db2 - Can have up to three replicas. Oracle - … five … SQL Server - … five".
pub const RDS_CREATE_READ_REPLICA: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html";
/// RDS quotas ("Read replicas per primary").
pub const RDS_QUOTAS: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html";
/// RDS engines and getting started.
pub const RDS_ENGINES: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_GettingStarted.html";
/// RDS on-demand billing (per second, 10-minute minimum).
pub const RDS_BILLING: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_OnDemandDBInstances.html";
/// RDS CloudWatch metrics (`ReplicaLag`, one-minute periods).
pub const RDS_METRICS: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html";

/// Aurora storage: one cluster volume copied across three AZs; its maximum size.
pub const AURORA_STORAGE: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html";
/// Aurora's quorum: six copies of each 10 GB segment, two per AZ; writes 4/6, reads 3/6.
pub const AURORA_QUORUM: &str =
    "https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/";
/// Aurora Replicas: up to 15, lag "usually much less than 100 milliseconds".
pub const AURORA_REPLICATION: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html";
/// Aurora failover times.
pub const AURORA_HA: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html";
/// Aurora MySQL Backtrack.
pub const AURORA_BACKTRACK: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html";
/// Aurora cloning (copy-on-write, up to 15 per source).
pub const AURORA_CLONE: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html";
/// Aurora MySQL zero-downtime patching.
pub const AURORA_ZDP: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Updates.Patching.html";
/// Aurora Global Database.
pub const AURORA_GLOBAL: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html";
/// What Aurora is (the throughput claim).
pub const AURORA_OVERVIEW: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_AuroraOverview.html";
/// Aurora CloudWatch metrics (`AuroraReplicaLag` in milliseconds).
pub const AURORA_METRICS: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html";

/// Regions and Availability Zones: AZs are linked by low-latency networking.
pub const AWS_AZS: &str = "https://aws.amazon.com/about-aws/global-infrastructure/regions_az/";
/// EBS volume types and their latency.
pub const EBS_VOLUME_TYPES: &str = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html";

/// MySQL 5.6: `slave_parallel_workers` (0 = one SQL thread applies everything).
pub const MYSQL56_PARALLEL_WORKERS: &str =
    "https://dev.mysql.com/doc/refman/5.6/en/replication-options-slave.html#sysvar_slave_parallel_workers";
/// MySQL 8.0: `replica_parallel_workers` (4 by default from 8.0.27).
pub const MYSQL80_PARALLEL_WORKERS: &str =
    "https://dev.mysql.com/doc/refman/8.0/en/replication-options-replica.html#sysvar_replica_parallel_workers";
/// MySQL 5.6 InnoDB flushing: when the redo log fills, dirty pages are flushed in bursts.
pub const MYSQL56_ADAPTIVE_FLUSHING: &str =
    "https://dev.mysql.com/doc/refman/5.6/en/innodb-performance-adaptive_flushing.html";
