//! DB instance operations: create-db-instance, create-db-instance-read-replica,
//! promote-read-replica, reboot-db-instance, delete-db-instance, describe-db-instances.

use serde_json::json;

use super::{instance_json, region};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::database::instances::CreateInstance;
use crate::model::database::DbInstance;
use crate::tables::database as t;

const CREATE_DB_INSTANCE_FLAGS: &[Flag] = &[
    Flag::value("db-instance-identifier", "the instance's name (letters, digits, hyphens)"),
    Flag::choice("engine", "the DB engine", crate::model::database::engine::ENGINE_NAMES),
    Flag::value("db-instance-class", "db. + an instance type, e.g. db.r6g.large"),
    Flag::switch("multi-az", "add a synchronous standby in another AZ"),
    Flag::value("allocated-storage", "GiB of storage (20–65536; not for Aurora)"),
    Flag::value("db-cluster-identifier", "the Aurora cluster this instance joins"),
    Flag::value("availability-zone", "the AZ (default: spread over the region's AZs)"),
    Flag::value("promotion-tier", "Aurora failover priority 0–15 (0 first)"),
    Flag::value("db-subnet-group-name", "place it in this DB subnet group's AZs (create-db-subnet-group)"),
    Flag::value("master-username", "accepted and ignored"),
    Flag::value("master-user-password", "accepted and ignored"),
    Flag::value("name", "accepted for symmetry with ec2 (RDS names are identifiers)"),
];

const CREATE_DB_INSTANCE_READ_REPLICA_FLAGS: &[Flag] = &[
    Flag::value("db-instance-identifier", "the replica's name"),
    Flag::value("source-db-instance-identifier", "the instance to replicate"),
    Flag::value("db-instance-class", "the replica's class (default: the source's)"),
    Flag::value("availability-zone", "the AZ (default: another AZ than the source's)"),
];

const PROMOTE_READ_REPLICA_FLAGS: &[Flag] = &[Flag::value("db-instance-identifier", "the read replica")];

const REBOOT_DB_INSTANCE_FLAGS: &[Flag] = &[
    Flag::value("db-instance-identifier", "the instance"),
    Flag::switch("force-failover", "fail over to the Multi-AZ standby"),
];

const DELETE_DB_INSTANCE_FLAGS: &[Flag] = &[
    Flag::value("db-instance-identifier", "the instance"),
    Flag::switch("skip-final-snapshot", "accepted (no snapshots are modelled)"),
    Flag::value("final-db-snapshot-identifier", "accepted and ignored"),
];

const DESCRIBE_DB_INSTANCES_FLAGS: &[Flag] = &[Flag::value("db-instance-identifier", "only this instance")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "create-db-instance",
            service: "rds",
            summary: "create an RDS DB instance (optionally Multi-AZ), or an Aurora instance in a cluster",
            usage: "create-db-instance --db-instance-identifier ID --engine ENGINE --db-instance-class db.CLASS [--multi-az] [--allocated-storage GiB] [--db-cluster-identifier CLUSTER] [--availability-zone AZ]",
            help: "Engines: mysql, postgres, mariadb, oracle-ee|oracle-se2, sqlserver-ee|-se|-ex|-web, db2-se|db2-ae (RDS), \
aurora-mysql, aurora-postgresql (with --db-cluster-identifier: the cluster's first instance is the writer, \
the others Aurora Replicas, at most 15). --multi-az adds one synchronous standby in another AZ that serves no \
reads (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html). Instance classes are `db.` + an EC2 type name (db.r6g.large).\n\
Example: create-db-instance --db-instance-identifier app-db --engine mysql --db-instance-class db.r6g.large --multi-az --allocated-storage 100",
            flags: CREATE_DB_INSTANCE_FLAGS,
            run: Run::Write(create_db_instance),
        },
        CommandSpec {
            name: "create-db-instance-read-replica",
            service: "rds",
            summary: "create an asynchronous read replica of an existing DB instance",
            usage: "create-db-instance-read-replica --db-instance-identifier ID --source-db-instance-identifier SOURCE [--db-instance-class db.CLASS] [--availability-zone AZ]",
            help: "The replica starts from a snapshot and then follows the source by asynchronous replication \
(logical for MySQL/MariaDB, physical for PostgreSQL, Oracle, SQL Server) (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html). Up to 15 per source \
(Db2 3, Oracle and SQL Server 5: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html). Any replica can be promoted (promote-read-replica).",
            flags: CREATE_DB_INSTANCE_READ_REPLICA_FLAGS,
            run: Run::Write(create_read_replica),
        },
        CommandSpec {
            name: "promote-read-replica",
            service: "rds",
            summary: "make a read replica a standalone DB instance",
            usage: "promote-read-replica --db-instance-identifier ID",
            help: "Replication stops and the instance takes writes.",
            flags: PROMOTE_READ_REPLICA_FLAGS,
            run: Run::Write(promote_read_replica),
        },
        CommandSpec {
            name: "reboot-db-instance",
            service: "rds",
            summary: "reboot a DB instance; --force-failover fails a Multi-AZ instance over to its standby",
            usage: "reboot-db-instance --db-instance-identifier ID [--force-failover]",
            help: "With --force-failover the standby becomes the primary (the AZs swap) and the event log records the \
write-unavailable window (typically 60–120 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html); `simulate failover` shows the phases).",
            flags: REBOOT_DB_INSTANCE_FLAGS,
            run: Run::Write(reboot_db_instance),
        },
        CommandSpec {
            name: "delete-db-instance",
            service: "rds",
            summary: "delete a DB instance (its read replicas are promoted)",
            usage: "delete-db-instance --db-instance-identifier ID [--skip-final-snapshot]",
            help: "Read replicas of a deleted source become standalone instances (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html); deleting an Aurora writer \
promotes a replica.",
            flags: DELETE_DB_INSTANCE_FLAGS,
            run: Run::Write(delete_db_instance),
        },
        CommandSpec {
            name: "describe-db-instances",
            service: "rds",
            summary: "DB instances as a table (and the AWS CLI's JSON)",
            usage: "describe-db-instances [--db-instance-identifier ID]",
            help: "Lists the region's DB instances with their role (primary, read replica, writer, reader), AZs and \
standby AZ. --output json prints the AWS CLI's {\"DBInstances\": [...]} shape.",
            flags: DESCRIBE_DB_INSTANCES_FLAGS,
            run: Run::Read(describe_db_instances),
        },
    ]
}

fn reply_one(lab: &Lab, i: &DbInstance, text: String) -> Reply {
    let json = json!({ "DBInstance": instance_json(&lab.databases, i) });
    Reply::text(text).with_json(json)
}

fn create_db_instance(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let req = CreateInstance {
        identifier: a.required("db-instance-identifier")?.to_string(),
        engine: a.get("engine").map(String::from),
        class: a.required("db-instance-class")?.to_string(),
        multi_az: a.switch("multi-az"),
        allocated_storage_gib: a.value::<u32>("allocated-storage")?,
        cluster_identifier: a.get("db-cluster-identifier").map(String::from),
        availability_zone: a.get("availability-zone").map(String::from),
        promotion_tier: a.value::<u8>("promotion-tier")?,
        subnet_group: a.get("db-subnet-group-name").map(String::from),
        region: region(lab, a)?,
    };
    let i = lab.databases.create_db_instance(&req)?.clone();
    let what = match (&i.cluster_identifier, i.multi_az) {
        (Some(c), _) => {
            let role = t::role(&lab.databases, &i);
            format!("{} in cluster {} ({})", role, c, i.availability_zone)
        }
        (None, true) => format!(
            "Multi-AZ: primary in {}, synchronous standby in {} (not readable)",
            i.availability_zone,
            i.secondary_availability_zone.clone().unwrap_or_default()
        ),
        (None, false) => format!("Single-AZ in {}", i.availability_zone),
    };
    let text = format!("created DB instance {} ({} {}, {})", i.identifier, i.engine.name(), i.class.name(), what);
    Ok(reply_one(lab, &i, text))
}

fn create_read_replica(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-instance-identifier")?;
    let src = a.required("source-db-instance-identifier")?;
    let i = lab.databases.create_read_replica(id, src, a.get("db-instance-class"), a.get("availability-zone"))?.clone();
    let text = format!(
        "created read replica {} of {} in {} ({} replication, asynchronous)",
        i.identifier,
        i.replica_source.clone().unwrap_or_default(),
        i.availability_zone,
        i.engine.replication_kind()
    );
    Ok(reply_one(lab, &i, text))
}

fn promote_read_replica(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-instance-identifier")?;
    let i = lab.databases.promote_read_replica(id)?.clone();
    let text = format!("promoted {}: now a standalone DB instance", i.identifier);
    Ok(reply_one(lab, &i, text))
}

fn reboot_db_instance(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-instance-identifier")?;
    let failover = a.switch("force-failover");
    let i = lab.databases.reboot_db_instance(id, failover)?.clone();
    let text = match lab.databases.events.last() {
        Some(e) if failover => format!("{}: {}", i.identifier, e.message),
        _ => format!("rebooted {}", i.identifier),
    };
    Ok(reply_one(lab, &i, text))
}

fn delete_db_instance(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-instance-identifier")?;
    let before = lab.databases.events.len();
    let mut i = lab.databases.delete_db_instance(id)?;
    i.status = "deleting".into();
    let mut text = format!("deleted DB instance {}", i.identifier);
    for e in &lab.databases.events[before..] {
        if e.category != "deletion" {
            text.push_str(&format!("\n  {}: {}", e.source, e.message));
        }
    }
    Ok(reply_one(lab, &i, text))
}

fn describe_db_instances(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let db = &lab.databases;
    let list: Vec<&DbInstance> = match a.get("db-instance-identifier") {
        Some(id) => vec![db.instance(id)?],
        None => {
            let r = region(lab, a)?;
            db.instances.iter().filter(|i| i.region == r).collect()
        }
    };
    let df = t::instances_df(db, &list)?;
    let json = json!({ "DBInstances": list.iter().map(|i| instance_json(db, i)).collect::<Vec<_>>() });
    Ok(Reply::new()
        .with_table(
            df,
            Some(format!("{} DB instance(s)", list.len())),
            Some(
                "Multi-AZ standbys serve no reads (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html); read replicas are asynchronous (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html)".into(),
            ),
        )
        .with_json(json)
        .brief_as("db_instances"))
}
