//! DB cluster operations: create-db-cluster, delete-db-cluster, modify-db-cluster,
//! failover-db-cluster, backtrack-db-cluster, restore-db-cluster-to-point-in-time,
//! describe-db-clusters, describe-events.

use crate::model::codes;
use serde_json::json;

use super::{cluster_json, region};
use crate::command::shapes;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::database::clusters::{CreateCluster, RestoreType};
use crate::model::database::{fmt_time, parse_time, DbCluster};
use crate::render::chart;
use crate::tables::database as t;

const CREATE_DB_CLUSTER_FLAGS: &[Flag] = &[
    Flag::value("db-cluster-identifier", "the cluster's name"),
    Flag::choice(
        "engine",
        "aurora-mysql, aurora-postgresql (Aurora) or mysql, postgres (Multi-AZ DB cluster)",
        &["aurora-mysql", "aurora-postgresql", "mysql", "postgres"],
    ),
    Flag::value("backtrack-window", "seconds of Backtrack history to keep (Aurora MySQL, ≤ 72 h)"),
    Flag::many("availability-zones", "AZs for the volume copies (default: the region's first three)"),
    Flag::value("db-cluster-instance-class", "Multi-AZ DB cluster: class of its three instances"),
    Flag::value("allocated-storage", "Multi-AZ DB cluster: GiB of storage"),
    Flag::value("storage-type", "accepted and ignored"),
    Flag::value("engine-version", "the engine version (default: a recent one)"),
    Flag::value("db-subnet-group-name", "place its instances in this DB subnet group's AZs"),
    Flag::value("master-username", "accepted and ignored"),
    Flag::value("master-user-password", "accepted and ignored"),
];

const DELETE_DB_CLUSTER_FLAGS: &[Flag] = &[
    Flag::value("db-cluster-identifier", "the cluster"),
    Flag::switch("skip-final-snapshot", "accepted (no snapshots are modelled)"),
];

const MODIFY_DB_CLUSTER_FLAGS: &[Flag] = &[
    Flag::value("db-cluster-identifier", "the cluster"),
    Flag::value("engine-version", "the new engine version"),
    Flag::switch("apply-immediately", "accepted (changes apply at once in the lab)"),
    Flag::switch("allow-major-version-upgrade", "accepted"),
];

const FAILOVER_DB_CLUSTER_FLAGS: &[Flag] = &[
    Flag::value("db-cluster-identifier", "the cluster"),
    Flag::value("target-db-instance-identifier", "the reader to promote"),
];

const BACKTRACK_DB_CLUSTER_FLAGS: &[Flag] = &[
    Flag::value("db-cluster-identifier", "the cluster"),
    Flag::value("backtrack-to", "ISO 8601 time to rewind to"),
    Flag::switch("force", "accepted"),
    Flag::switch("use-earliest-time-on-point-in-time-unavailable", "accepted"),
];

const RESTORE_DB_CLUSTER_TO_POINT_IN_TIME_FLAGS: &[Flag] = &[
    Flag::value("db-cluster-identifier", "the new cluster"),
    Flag::value("source-db-cluster-identifier", "the cluster to clone"),
    Flag::choice("restore-type", "copy-on-write or full-copy", &["copy-on-write", "full-copy"]),
    Flag::switch("use-latest-restorable-time", "restore to now"),
    Flag::value("restore-to-time", "ISO 8601 time within the restorable window"),
];

const DESCRIBE_DB_CLUSTERS_FLAGS: &[Flag] = &[Flag::value("db-cluster-identifier", "only this cluster")];

const DESCRIBE_EVENTS_FLAGS: &[Flag] = &[
    Flag::value("source-identifier", "only this instance or cluster"),
    Flag::value("source-type", "accepted (db-instance, db-cluster)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "create-db-cluster",
            service: "rds",
            summary: "create an Aurora DB cluster, or a Multi-AZ DB cluster (mysql/postgres)",
            usage: "create-db-cluster --db-cluster-identifier ID --engine aurora-mysql|aurora-postgresql [--backtrack-window SECONDS] [--availability-zones AZ…]\n       create-db-cluster --db-cluster-identifier ID --engine mysql|postgres --db-cluster-instance-class db.CLASS [--allocated-storage GiB]",
            help: "Aurora: one shared cluster volume, six copies, two in each of three AZs (writes need 4/6, reads 3/6) \
 (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html, https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/), growing by itself up to 128 TiB (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html); add instances with create-db-instance --db-cluster-identifier \
(the first is the writer; up to 15 Aurora Replicas (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html)). --backtrack-window (≤ 259200 s = 72 h) is Aurora MySQL \
only (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html). With mysql/postgres and --db-cluster-instance-class this creates a Multi-AZ DB cluster: a writer and \
two readable standbys in three AZs, semisynchronous (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html).",
            flags: CREATE_DB_CLUSTER_FLAGS,
            run: Run::Write(create_db_cluster),
        },
        CommandSpec {
            name: "delete-db-cluster",
            service: "rds",
            summary: "delete a DB cluster (an Aurora cluster must have no instances left)",
            usage: "delete-db-cluster --db-cluster-identifier ID [--skip-final-snapshot]",
            help: "Delete the Aurora cluster's instances first (delete-db-instance), as RDS requires.",
            flags: DELETE_DB_CLUSTER_FLAGS,
            run: Run::Write(delete_db_cluster),
        },
        CommandSpec {
            name: "modify-db-cluster",
            service: "rds",
            summary: "change a cluster's engine version (Aurora MySQL: zero-downtime patching)",
            usage: "modify-db-cluster --db-cluster-identifier ID --engine-version VERSION [--apply-immediately]",
            help: "On Aurora MySQL the patch is applied with zero-downtime patching: best effort, sessions kept, a \
throughput dip from seconds to about a minute (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Updates.Patching.html). It appears in describe-events with its duration.",
            flags: MODIFY_DB_CLUSTER_FLAGS,
            run: Run::Write(modify_db_cluster),
        },
        CommandSpec {
            name: "failover-db-cluster",
            service: "rds",
            summary: "promote a reader to writer (Aurora or Multi-AZ DB cluster)",
            usage: "failover-db-cluster --db-cluster-identifier ID [--target-db-instance-identifier READER]",
            help: "Without a target, the reader with the lowest promotion tier is promoted (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html). The event log records \
the write-unavailable window (Aurora typically < 60 s, often < 30 s (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html); Multi-AZ DB cluster < 35 s (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html)).",
            flags: FAILOVER_DB_CLUSTER_FLAGS,
            run: Run::Write(failover_db_cluster),
        },
        CommandSpec {
            name: "backtrack-db-cluster",
            service: "rds",
            summary: "rewind an Aurora MySQL cluster in place to an earlier time",
            usage: "backtrack-db-cluster --db-cluster-identifier ID --backtrack-to 2025-01-01T00:30:00Z",
            help: "Aurora MySQL only, on clusters created with --backtrack-window; the target must lie in the window \
(EarliestBacktrackTime in describe-db-clusters) (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html). The lab's RDS clock starts at 2025-01-01T00:00:00Z and \
moves 10 minutes with every rds change.",
            flags: BACKTRACK_DB_CLUSTER_FLAGS,
            run: Run::Write(backtrack_db_cluster),
        },
        CommandSpec {
            name: "restore-db-cluster-to-point-in-time",
            service: "rds",
            summary: "clone an Aurora cluster (copy-on-write) or restore a full copy",
            usage: "restore-db-cluster-to-point-in-time --db-cluster-identifier NEW --source-db-cluster-identifier SOURCE --restore-type copy-on-write|full-copy [--use-latest-restorable-time | --restore-to-time TIME]",
            help: "copy-on-write: the clone shares the source's pages and copies nothing until a page changes; up to 15 \
such clones per source, after which a clone is a full copy (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html). The new cluster has no instances: add them \
with create-db-instance --db-cluster-identifier NEW.",
            flags: RESTORE_DB_CLUSTER_TO_POINT_IN_TIME_FLAGS,
            run: Run::Write(restore_db_cluster),
        },
        CommandSpec {
            name: "describe-db-clusters",
            service: "rds",
            summary: "DB clusters as a table (and the AWS CLI's JSON)",
            usage: "describe-db-clusters [--db-cluster-identifier ID]",
            help: "Writer, readers, the volume's AZs and live copies, size, Backtrack window, clone source. \
--output json prints the AWS CLI's {\"DBClusters\": [...]} shape.",
            flags: DESCRIBE_DB_CLUSTERS_FLAGS,
            run: Run::Read(describe_db_clusters),
        },
        CommandSpec {
            name: "describe-events",
            service: "rds",
            summary: "what happened to DB instances and clusters (failovers, Backtrack, patching…), with a timeline",
            usage: "describe-events [--source-identifier ID]",
            help: "Events on the lab's RDS clock, and a timeline chart of those that last (failover windows, \
Backtrack outages, zero-downtime-patching dips).",
            flags: DESCRIBE_EVENTS_FLAGS,
            run: Run::Read(describe_events),
        },
    ]
}

fn reply_one(lab: &Lab, c: &DbCluster, text: String) -> Reply {
    Reply::text(text).with_json(json!({ "DBCluster": cluster_json(&lab.databases, c) }))
}

fn create_db_cluster(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = CreateCluster {
        identifier: a.required("db-cluster-identifier")?.to_string(),
        engine: a.required("engine")?.to_string(),
        backtrack_window_s: a.value::<u64>("backtrack-window")?,
        availability_zones: a.list("availability-zones"),
        instance_class: a.get("db-cluster-instance-class").map(String::from),
        allocated_storage_gib: a.value::<u32>("allocated-storage")?,
        subnet_group: a.get("db-subnet-group-name").map(String::from),
        region: region(lab, a)?,
    };
    let mut c = lab.databases.create_db_cluster(&r)?.clone();
    if let Some(v) = a.get("engine-version") {
        let ci = lab.databases.clusters.len() - 1;
        lab.databases.clusters[ci].engine_version = v.to_string();
        c.engine_version = v.to_string();
    }
    let text = match lab.databases.events.last() {
        Some(e) => format!("created DB cluster {} ({}): {}", c.identifier, c.engine.name(), e.message),
        None => format!("created DB cluster {}", c.identifier),
    };
    Ok(reply_one(lab, &c, text))
}

fn delete_db_cluster(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let mut c = lab.databases.delete_db_cluster(a.required("db-cluster-identifier")?)?;
    c.status = "deleting".into();
    Ok(reply_one(lab, &c, format!("deleted DB cluster {}", c.identifier)))
}

fn modify_db_cluster(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-cluster-identifier")?;
    let v = a.required("engine-version")?;
    let c = lab.databases.patch_db_cluster(id, v)?.clone();
    let text = last_event(lab, &c.identifier);
    Ok(reply_one(lab, &c, text))
}

fn failover_db_cluster(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-cluster-identifier")?;
    let c = lab.databases.failover_db_cluster(id, a.get("target-db-instance-identifier"))?.clone();
    let text = last_event(lab, &c.identifier);
    Ok(reply_one(lab, &c, text))
}

fn backtrack_db_cluster(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-cluster-identifier")?;
    let to = parse_time(a.required("backtrack-to")?, "BacktrackTo")?;
    let requested = lab.databases.now();
    let c = lab.databases.backtrack_db_cluster(id, to)?.clone();
    // BacktrackDBCluster returns a DBClusterBacktrack, not a DBCluster.
    let json = shapes::to_value(&shapes::DBClusterBacktrack {
        db_cluster_identifier: Some(c.identifier.clone()),
        backtrack_identifier: Some(format!("bt-{}", lab.databases.events.len())),
        backtrack_to: Some(fmt_time(to)),
        backtracked_from: Some(fmt_time(requested)),
        backtrack_request_creation_time: Some(fmt_time(requested)),
        status: Some("pending".into()),
    });
    let text = last_event(lab, &c.identifier);
    Ok(Reply::text(text).with_json(json))
}

fn restore_db_cluster(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let id = a.required("db-cluster-identifier")?;
    let src = a.required("source-db-cluster-identifier")?;
    let kind = match a.get("restore-type").unwrap_or("full-copy") {
        "copy-on-write" => RestoreType::CopyOnWrite,
        "full-copy" => RestoreType::FullCopy,
        other => {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid RestoreType: {} (copy-on-write or full-copy)", other),
            ))
        }
    };
    let to = match a.get("restore-to-time") {
        Some(s) => {
            if a.switch("use-latest-restorable-time") {
                return Err(CommandError::new(
                    codes::INVALID_PARAMETER_COMBINATION,
                    "Cannot specify both RestoreToTime and UseLatestRestorableTime.",
                ));
            }
            Some(parse_time(s, "RestoreToTime")?)
        }
        None => None,
    };
    let c = lab.databases.restore_cluster(id, src, kind, to)?.clone();
    let text = lab
        .databases
        .events
        .last()
        .map(|e| format!("created DB cluster {}: {}", c.identifier, e.message))
        .unwrap_or_default();
    Ok(reply_one(lab, &c, text))
}

fn describe_db_clusters(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let db = &lab.databases;
    let list: Vec<&DbCluster> = match a.get("db-cluster-identifier") {
        Some(id) => vec![db.cluster(id)?],
        None => {
            let r = region(lab, a)?;
            db.clusters.iter().filter(|c| c.region == r).collect()
        }
    };
    let df = t::clusters_df(db, &list)?;
    let json = json!({ "DBClusters": list.iter().map(|c| cluster_json(db, c)).collect::<Vec<_>>() });
    Ok(Reply::new()
        .with_table(
            df,
            Some(format!("{} DB cluster(s)", list.len())),
            Some("Aurora volume: 6 copies, 2 per AZ; writes need 4, reads 3 (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/); grows in 10 GB segments up to 128 TiB (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html)".into()),
        )
        .with_json(json)
        .brief_as("db_clusters"))
}

fn describe_events(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let db = &lab.databases;
    let filter = a.get("source-identifier").map(str::to_ascii_lowercase);
    let events: Vec<_> = db.events.iter().filter(|e| filter.as_ref().is_none_or(|f| e.source == *f)).collect();
    let mut only = crate::model::database::Databases::default();
    only.events = events.iter().map(|e| (*e).clone()).collect();
    let df = t::events_df(&only)?;
    let json = json!({
        "Events": events.iter().map(|e| shapes::to_value(&shapes::Event {
            source_identifier: Some(e.source.clone()),
            source_type: Some(e.source_type.into()),
            message: Some(e.message.clone()),
            event_categories: Some(vec![e.category.into()]),
            date: Some(fmt_time(e.time)),
        })).collect::<Vec<_>>()
    });
    let mut reply = Reply::new().with_table(
        df,
        Some(format!("{} event(s)", events.len())),
        Some("times on the lab's RDS clock".into()),
    );
    // Events that interrupt service, each from its own start: their lab-clock times are
    // minutes apart, the interruptions seconds long.
    let lasting: Vec<_> = events.iter().filter(|e| e.duration_s > 0.0).collect();
    if !lasting.is_empty() {
        let bars: Vec<chart::TimelineBar> = lasting
            .iter()
            .map(|e| chart::TimelineBar {
                lane: format!("{} {} {}", e.time.format("%H:%M"), e.source, e.category),
                start: 0.0,
                end: e.duration_s,
                label: format!("{:.0} s", e.duration_s),
                category: String::new(),
            })
            .collect();
        let spec =
            chart::ChartSpec::new("How long each RDS event interrupted service", "seconds from the event's start", "");
        if let Ok(svg) = chart::timeline(&spec, &bars) {
            reply = reply.with_svg(svg, format!("timeline of {} interrupting events", bars.len()));
        }
    }
    Ok(reply.with_json(json))
}

/// The newest RDS event, worded for one cluster ("prod: Started failover …").
fn last_event(lab: &Lab, identifier: &str) -> String {
    lab.databases.events.last().map(|e| format!("{}: {}", identifier, e.message)).unwrap_or_default()
}
