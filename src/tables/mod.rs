//! The model as polars tables, for `tables`, `sql`, exports and charts. Each group's
//! file turns its part of the model into named DataFrames.

pub mod compute;
pub mod cost;
pub mod database;
pub mod network;
pub mod scaling;
pub mod storage;

use polars::prelude::{df, DataFrame, PolarsResult};

use crate::lab::Lab;

/// Rounded for display: prices keep 2–6 decimals, ratios 3, lags 2.
pub fn round(v: f64, digits: i32) -> f64 {
    let m = 10f64.powi(digits);
    (v * m).round() / m
}

/// The columns a lesson needs of a resource table, shown by describe-* by default so the
/// table fits a notebook's width and an A4 page (at most 8 columns, about 100 characters of
/// text); `--wide` shows every column and `sql` always sees them all.
pub fn brief(table: &str) -> Option<&'static [&'static str]> {
    Some(match table {
        "vpcs" => &["vpc_id", "name", "cidr_block", "cidr_blocks", "is_default", "subnets", "state"],
        "subnets" => &["subnet_id", "name", "availability_zone", "cidr_block", "public", "available_ip_address_count"],
        "instances" => {
            &["instance_id", "name", "instance_type", "state", "availability_zone", "private_ip", "public_ip"]
        }
        "nat_gateways" => &["nat_gateway_id", "name", "subnet_id", "availability_zone", "public_ip", "state"],
        "network_interfaces" => {
            &["network_interface_id", "interface_type", "owner", "availability_zone", "private_ip", "public_ip"]
        }
        "vpc_peering_connections" => {
            &["vpc_peering_connection_id", "name", "requester_vpc_id", "accepter_vpc_id", "status"]
        }
        "vpc_endpoints" => &["vpc_endpoint_id", "name", "vpc_id", "service_name", "vpc_endpoint_type"],
        "vpn_connections" => &["vpn_connection_id", "name", "vpn_gateway_id", "customer_gateway_id", "state", "routes"],
        "transit_gateway_attachments" => &["transit_gateway_attachment_id", "transit_gateway_id", "vpc_id", "state"],
        "db_instances" => {
            &["db_instance_identifier", "engine", "db_instance_class", "role", "multi_az", "availability_zone"]
        }
        "db_clusters" => {
            &["db_cluster_identifier", "engine", "kind", "status", "writer", "readers", "storage_copies_alive"]
        }
        "volumes" => &["volume_id", "name", "availability_zone", "size_gib", "state", "attached_to", "encrypted"],
        "snapshots" => &["snapshot_id", "name", "volume_id", "encrypted", "files", "description"],
        "route_tables" => &["route_table_id", "name", "main", "subnet_ids", "routes"],
        "routes" => &["route_table_id", "destination", "target", "target_type", "state"],
        "amis" => &["image_id", "name", "root_device_type", "root_snapshot_id", "volumes"],
        // Lab commands' result tables: the columns their lesson reads (`--wide`: all).
        "autoscaling_events" => {
            &["t_s", "activity", "instance_id", "description", "cause", "desired_from", "desired_to"]
        }
        "cost_nat_options" => {
            &["region", "option", "nat_gateways", "nat_hours_usd", "cross_az_usd", "total_usd", "if_an_az_fails"]
        }
        "instance_type_list" => {
            &["instance_type", "category", "vcpus", "memory_gib", "gib_per_vcpu", "architectures", "price_per_hour_usd"]
        }
        "compare_families" => &[
            "family",
            "gib_per_vcpu",
            "typical_gib_per_vcpu",
            "price_per_vcpu_hour_usd",
            "price_per_gib_hour_usd",
            "cheapest_size",
        ],
        "compare_sizes" => &[
            "family",
            "instance_type",
            "vcpus",
            "memory_gib",
            "gib_per_vcpu",
            "price_per_hour_usd",
            "price_per_vcpu_hour_usd",
        ],
        "replication_summary" => {
            &["engine", "write_rate", "lag_mean_ms", "paper_lag", "lag_p99_ms", "commit_p50_ms", "throughput_wps"]
        }
        "failover_summary" => {
            &["engine", "detection_s", "promotion_s", "dns_s", "write_unavailable_s", "read_unavailable_s"]
        }
        "volume_types" => &["volume_type", "meets", "why_not", "iops", "throughput_mibps", "latency", "usd_per_month"],
        "described_instance_types" => &[
            "instance_type",
            "vcpus",
            "memory_gib",
            "architectures",
            "network_performance",
            "instance_storage_gb",
            "gpu_count",
        ],
        _ => return None,
    })
}

/// Every table the lab holds, by name: the model's resources, the catalogs, and the
/// result tables kept by earlier commands (`_` is the last one shown).
pub fn all(lab: &Lab) -> Vec<(String, DataFrame)> {
    let mut v = network::tables(&lab.network);
    v.extend(compute::tables(lab));
    v.extend(database::tables(&lab.databases));
    v.extend(scaling::tables(&lab.scaling));
    v.extend(storage::tables(&lab.storage));
    for (name, df) in &lab.results {
        if !v.iter().any(|(n, _)| n == name) {
            v.push((name.clone(), df.clone()));
        }
    }
    v
}

/// The `tables` command's answer: each table's name, column and row counts and its columns.
pub fn catalog_df(all: &[(String, DataFrame)]) -> PolarsResult<DataFrame> {
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let columns: Vec<String> = all
        .iter()
        .map(|(_, df)| df.get_column_names().iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "))
        .collect();
    let ncols: Vec<u32> = all.iter().map(|(_, df)| df.width() as u32).collect();
    let rows: Vec<u64> = all.iter().map(|(_, df)| df.height() as u64).collect();
    df!(
        "table" => names,
        "column_count" => ncols,
        "row_count" => rows,
        "columns" => columns,
    )
}
