//! describe-availability-zones and describe-regions, from the shipped regions data.

use super::{json as j, one, region, Filters};
use crate::command::shapes::member;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::regions;
use crate::tables::network as tbl;

const AZS: &[Flag] = &[
    Flag::many("zone-names", "only these AZs"),
    Flag::switch("all-availability-zones", "accepted"),
    Flag::many("filters", "Name=zone-name|region-name|state,Values=…"),
];
const REGIONS: &[Flag] = &[
    Flag::many("region-names", "only these regions"),
    Flag::switch("all-regions", "accepted"),
    Flag::many("filters", "Name=region-name,Values=…"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "describe-availability-zones",
            service: "ec2",
            summary: "the AZs of the region (where subnets may go)",
            usage: "describe-availability-zones [--region R]",
            help:
                "AZ names come from the shipped regions data (DescribeInstanceTypeOfferings; data/SOURCES.md). \
                   Zone IDs (use1-az1…) are account-independent in AWS; here they follow the names' order (assumption).",
            flags: AZS,
            run: Run::Read(describe_azs),
        },
        CommandSpec {
            name: "describe-regions",
            service: "ec2",
            summary: "the regions the model knows",
            usage: "describe-regions",
            help: "Same data as `regions`, in the AWS CLI's shape.",
            flags: REGIONS,
            run: Run::Read(describe_regions),
        },
    ]
}

fn describe_azs(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let reg = crate::command::region::known(&r)?;
    let f = Filters::parse(a)?;
    let only = a.list("zone-names");
    let mut rows = Vec::new();
    for az in &reg.availability_zones {
        if !only.is_empty() && !only.contains(az) {
            continue;
        }
        let zid = regions::zone_id(az).unwrap_or_default();
        if f.keep(&[
            ("zone-name", one(az)),
            ("region-name", one(&r)),
            ("state", one("available")),
            ("zone-id", one(&zid)),
        ])? {
            rows.push((az.clone(), zid));
        }
    }
    let df = tbl::availability_zones_df(&r, &rows)?;
    let json =
        member("AvailabilityZones", rows.iter().map(|(n, z)| j::availability_zone(&r, n, z)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} availability zones in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("availability_zones", df))
}

fn describe_regions(_: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let f = Filters::parse(a)?;
    let only = a.list("region-names");
    let mut rows = Vec::new();
    for reg in regions::all() {
        if !only.is_empty() && !only.contains(&reg.code) {
            continue;
        }
        if f.keep(&[("region-name", one(&reg.code)), ("endpoint", one(reg.ec2_endpoint()))])? {
            rows.push(reg);
        }
    }
    let df = tbl::region_endpoints_df(&rows)?;
    let json = member("Regions", rows.iter().map(|r| j::ec2_region(r)).collect::<Vec<_>>());
    Ok(Reply::new().with_table(df.clone(), Some(format!("{} regions", rows.len())), None).with_json(json))
}
