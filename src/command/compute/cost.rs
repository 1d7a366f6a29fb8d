//! `cost vpc NAME --regions …`: what a VPC of the network model costs per month in each
//! region, line by line with usage assumptions stated, a stacked bar per region, and the
//! NAT trade-off (one gateway versus one per AZ).

use crate::model::codes;
use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{regions_of, round, usd, with_chart};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::pricing::estimate::{self, Component, Estimate, Inventory, NatOption, Usage, HOURS_PER_MONTH};
use crate::model::storage::VolumeType;
use crate::render::chart::{bar_chart, ChartError, ChartSpec};
use crate::tables::cost::{cost_lines_df, cost_totals_df, nat_options_df};

const FLAGS_COST_VPC: &[Flag] = &[
    Flag::many("regions", "regions to price in (default: the VPC's own region)"),
    Flag::value("hours", "hours each running resource runs in the month (default 730)"),
    Flag::value("nat-gb", "GB processed by the NAT gateways per month (default 100)"),
    Flag::value("transfer-out-gb", "GB out to the internet per month (default 100)"),
    Flag::value(
        "ebs-gb-per-instance",
        "root volume GB assumed per instance whose volumes the lab does not know (default 8, the usual root volume)",
    ),
    Flag::choice("ebs-volume-type", "the root volumes' type: gp3 (default) or gp2", &["gp3", "gp2"]),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "cost vpc",
        service: "lab",
        summary: "monthly cost of a VPC's resources per region, broken down",
        usage: "cost vpc NAME [--regions R1,R2,…] [--hours 730] [--nat-gb 100] [--transfer-out-gb 100] [--ebs-gb-per-instance 8]",
        help: "Prices what the VPC holds as if it ran in each region: running instances \
(on-demand Linux, the lab's pricebook), NAT gateways (hours + GB processed), public IPv4 \
addresses (instances' public IPs, EIPs on NAT gateways, idle EIPs in the VPC's region), the \
EBS volumes attached to its instances (an instance-store root has none; an instance whose \
volumes the lab does not know gets an assumed root volume) and their snapshots (GB stored: a \
volume's first snapshot at most its size, later ones the changed share), and data transfer out (first 100 GB/month free). Usage the model cannot know \
is a flag with a stated default. Every non-instance price is the region's own, from \
data/vpc_prices.csv with its source and date (data/SOURCES.md); a price not from AWS itself \
is flagged. A price the data lacks for a region is never borrowed from another region: the \
line names what is missing, is left out of that region's total, and the region is marked \
incomplete. Also shows one NAT gateway versus \
one per AZ: hours, processing, cross-AZ data and what an AZ failure breaks, as a table and \
(for two or more AZs) one stacked bar chart of both options on one scale.\n\
Example: `cost vpc prod --regions us-east-1,ap-northeast-2 --nat-gb 500`",
        flags: FLAGS_COST_VPC,
        run: Run::Read(cost_vpc),
    }]
}

fn usage_of(a: &Args) -> Result<Usage, CommandError> {
    let d = Usage::default();
    let get = |name: &str, default: f64| -> Result<f64, CommandError> {
        let v = a.parse_or(name, default)?;
        if !v.is_finite() || v < 0.0 {
            return Err(CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("--{name} must be a number ≥ 0")));
        }
        Ok(v)
    };
    let hours = get("hours", d.hours)?;
    if hours > 744.0 {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            "--hours: a month has at most 744 hours (31 × 24)",
        ));
    }
    Ok(Usage {
        hours,
        nat_gb: get("nat-gb", d.nat_gb)?,
        transfer_out_gb: get("transfer-out-gb", d.transfer_out_gb)?,
        ebs_gb_per_instance: get("ebs-gb-per-instance", d.ebs_gb_per_instance)?,
        ebs_volume_type: match a.get("ebs-volume-type") {
            Some(v) => VolumeType::parse(v)?,
            None => d.ebs_volume_type,
        },
    })
}

fn cost_vpc(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let key = a.required_pos(0, "the VPC's name or ID, e.g. `cost vpc prod`")?;
    // `vpc wizard --name prod` names its VPC `prod-vpc`; accept `prod` for it.
    let vpc = lab
        .network
        .vpc(None, key)
        .or_else(|e| lab.network.vpc(None, &format!("{key}-vpc")).map_err(|_| e))
        .map_err(|e| CommandError::from(e).with_hint("`describe-vpcs` lists the VPCs"))?;
    let usage = usage_of(a)?;
    let regions = if a.list("regions").is_empty() && a.get("region").is_none() {
        vec![vpc.region.clone()]
    } else {
        regions_of(lab, a)?
    };
    let inv = estimate::inventory(&lab.network, &lab.storage, vpc);
    let pb = &lab.pricing;
    let estimates: Vec<Estimate> = regions.iter().map(|r| estimate::estimate(&inv, r, pb, &usage)).collect();
    let nat = NatComparison::of(inv.nat_azs(), &regions, &usage);
    let (lines_df, totals_df) = (cost_lines_df(&estimates)?, cost_totals_df(&estimates, &present(&estimates))?);
    // The date of these regions' instance prices (two sources may be involved).
    let price_label = pb.label_for_regions(&regions);
    let vpc_label = match &vpc.name {
        Some(n) => format!("{n} ({})", vpc.id),
        None => vpc.id.clone(),
    };
    let mut reply = Reply::new()
        .with_markdown(summary_md(&vpc_label, &vpc.region, &inv, &usage, &price_label, &estimates))
        .with_table(
            totals_df.clone(),
            Some(format!("Monthly cost of VPC {vpc_label}, USD")),
            Some(format!("{price_label}; hours = {}", usage.hours)),
        )
        .with_table(lines_df.clone(), Some("Line by line".into()), Some(lines_note(&estimates)));
    let unpriced: Vec<String> = estimates
        .iter()
        .flat_map(|e| {
            e.unpriced().into_iter().map(move |l| format!("{} in {} ({})", l.item, e.region, l.component.as_str()))
        })
        .collect();
    if !unpriced.is_empty() {
        reply = reply
            .with_text(format!("No price in the data (left out of the total, not estimated): {}", unpriced.join("; ")));
    }
    let (svg, alt) = regions_chart(vpc.name.as_deref().unwrap_or(&vpc.id), &estimates);
    reply = with_chart(reply, svg, alt);
    let (reply, nat_json) = nat.show(reply, &usage, inv.nat_gateways)?;
    let json = json!({
        "vpc": vpc.name,
        "vpc_id": vpc.id,
        "home_region": vpc.region,
        "price_basis": "on-demand Linux, USD",
        "snapshot_date": match regions.as_slice() {
            [r] => pb.date_for(r),
            _ => pb.date(),
        },
        "usage": {
            "hours": usage.hours,
            "nat_gb": usage.nat_gb,
            "transfer_out_gb": usage.transfer_out_gb,
            "ebs_gb_per_instance": usage.ebs_gb_per_instance,
            "ebs_volume_type": usage.ebs_volume_type.as_str(),
            "hours_per_month": HOURS_PER_MONTH,
        },
        "assumptions": usage.describe(),
        "regions": estimates.iter().map(region_json).collect::<Vec<_>>(),
        "nat_options": nat_json,
        "nat_options_missing": nat.missing,
    });
    Ok(reply.with_json(json).keep("cost_lines", lines_df).keep("cost_totals", totals_df))
}

/// The components some region has a line of, in the stacked bar's order.
fn present(estimates: &[Estimate]) -> Vec<Component> {
    Component::ALL
        .iter()
        .copied()
        .filter(|c| estimates.iter().any(|e| e.lines.iter().any(|l| l.component == *c)))
        .collect()
}

/// What was priced, under which assumptions, and each region's monthly total.
fn summary_md(
    vpc_label: &str,
    home: &str,
    inv: &Inventory,
    usage: &Usage,
    price_label: &str,
    estimates: &[Estimate],
) -> String {
    let mut md = format!("**VPC {vpc_label}** in {home}: {}.\n\nUsage assumptions:\n", inv.describe());
    for s in usage.describe() {
        md.push_str(&format!("- {s}\n"));
    }
    md.push_str(&format!("- instances: {price_label}; other prices: source, region and date per line\n"));
    md.push_str("\nMonthly totals:\n");
    for e in estimates {
        md.push_str(&format!(
            "\n- **{}: {}/month**{}",
            e.region,
            usd(Some(e.total_usd())),
            if e.unpriced().is_empty() { "" } else { " (incomplete: see below)" }
        ));
    }
    md.push('\n');
    md
}

/// The sources of the lines' prices, per component.
fn lines_note(estimates: &[Estimate]) -> String {
    let mut note = String::from("Price sources:");
    for c in Component::ALL {
        let bases: BTreeSet<&str> = estimates
            .iter()
            .flat_map(|e| &e.lines)
            .filter(|l| l.component == c && !l.basis.is_empty())
            .map(|l| l.basis.as_str())
            .collect();
        if !bases.is_empty() {
            note.push_str(&format!("\n- {}: {}", c.as_str(), bases.into_iter().collect::<Vec<_>>().join(" / ")));
        }
    }
    note.push_str(
        "\n⚠ marks a price not read from AWS directly; a line without a price (its region's price is not in data/vpc_prices.csv) is left out of the total.",
    );
    note
}

/// A stacked bar per region, by component.
fn regions_chart(vpc: &str, estimates: &[Estimate]) -> (Result<String, ChartError>, String) {
    let groups: Vec<(String, Vec<f64>)> = present(estimates)
        .iter()
        .map(|c| (c.as_str().to_string(), estimates.iter().map(|e| e.by_component(*c)).collect()))
        .collect();
    let spec = ChartSpec::new(format!("Monthly cost of VPC {vpc} by region"), "region", "USD per month");
    // A region with unpriced lines would look cheap: its label says it is incomplete.
    let labels: Vec<String> = estimates
        .iter()
        .map(|e| if e.unpriced().is_empty() { e.region.clone() } else { format!("{} (incomplete)", e.region) })
        .collect();
    let totals: Vec<String> = estimates.iter().map(|e| format!("{} {}", e.region, usd(Some(e.total_usd())))).collect();
    let alt = format!("stacked bar chart: monthly cost per region ({})", totals.join(", "));
    (bar_chart(&spec, &labels, &groups, true), alt)
}

/// One region's estimate, line by line, for `--output json`.
fn region_json(e: &Estimate) -> Value {
    json!({
        "region": e.region,
        "total_monthly_usd": round(e.total_usd(), 2),
        "complete": e.unpriced().is_empty(),
        "lines": e.lines.iter().map(|l| json!({
            "component": l.component.as_str(),
            "item": l.item,
            "quantity": l.quantity,
            "unit": l.unit,
            "unit_price_usd": l.unit_price_usd,
            "monthly_usd": l.monthly_usd.map(|v| round(v, 4)),
            "basis": l.basis,
            "assumption": l.assumption,
        })).collect::<Vec<_>>(),
    })
}

/// One NAT gateway versus one per AZ, in each region whose prices the data has.
struct NatComparison {
    /// AZs with private subnets (or any subnet) that need a NAT gateway.
    azs: usize,
    rows: Vec<(String, NatOption)>,
    /// The regions not compared, with the prices missing.
    missing: Vec<String>,
    /// More than one region asked for: the chart names each option's region.
    many_regions: bool,
}

impl NatComparison {
    fn of(azs: usize, regions: &[String], usage: &Usage) -> NatComparison {
        let mut nat = NatComparison { azs, rows: Vec::new(), missing: Vec::new(), many_regions: regions.len() > 1 };
        if azs >= 1 {
            for r in regions {
                match estimate::nat_tradeoff(azs, r, usage) {
                    Ok(options) => nat.rows.extend(options.into_iter().map(|o| (r.clone(), o))),
                    Err(missing) => nat.missing.push(missing),
                }
            }
        }
        nat
    }

    /// The options' table (kept as `cost_nat_options`) and, for two or more AZs, their
    /// chart; with the table's records for `--output json`.
    fn show(&self, reply: Reply, usage: &Usage, vpc_has: usize) -> Result<(Reply, Vec<Value>), CommandError> {
        if self.rows.is_empty() {
            return Ok((reply, Vec::new()));
        }
        let azs = self.azs;
        let nat_df = nat_options_df(&self.rows)?;
        let mut note = format!(
            "{azs} AZ(s) with private subnets; {} GB/month through NAT, spread evenly over the AZs, so one shared NAT \
carries {}/{azs} of it across AZs, charged per GB on each side. Prices: data/vpc_prices.csv (source per line above). \
AWS recommends one NAT gateway per AZ (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html).",
            crate::render::chart::format_number(usage.nat_gb),
            azs.saturating_sub(1),
        );
        if !self.missing.is_empty() {
            note.push_str(&format!(" Not compared: {}.", self.missing.join("; ")));
        }
        let records = crate::render::table::to_records(&nat_df).as_array().cloned().unwrap_or_default();
        let mut reply = reply
            .with_table(
                nat_df.clone(),
                Some("NAT gateways: one for the VPC, or one per AZ (USD per month)".into()),
                Some(note),
            )
            .keep("cost_nat_options", nat_df);
        if azs >= 2 {
            let (svg, alt) = nat_chart(&self.rows, vpc_has, self.many_regions);
            reply = with_chart(reply, svg, alt);
        }
        Ok((reply, records))
    }
}

/// The NAT options side by side in one chart on one scale: a bar per option (per region),
/// stacked by what it pays for, in the category colours every cost chart uses.
fn nat_chart(rows: &[(String, NatOption)], vpc_has: usize, name_region: bool) -> (Result<String, ChartError>, String) {
    const CROSS_AZ: &str = "data between AZs";
    // Short lines, so the labels stay horizontal: the option, its region, whether the VPC has it.
    let label = |(region, o): &(String, NatOption)| {
        // Shown for two or more AZs, so only the shared option has one gateway.
        let mut l = if o.nat_gateways == 1 {
            "1 NAT gateway".to_string()
        } else {
            format!("{} NAT gateways\none per AZ", o.nat_gateways)
        };
        if name_region {
            l.push_str(&format!("\n{region}"));
        }
        if o.nat_gateways == vpc_has {
            l.push_str("\n(this VPC)");
        }
        l
    };
    let categories: Vec<String> = rows.iter().map(label).collect();
    let groups = vec![
        (Component::NatGatewayHours.as_str().to_string(), rows.iter().map(|r| r.1.hours_usd).collect()),
        (Component::NatGatewayData.as_str().to_string(), rows.iter().map(|r| r.1.processing_usd).collect()),
        (CROSS_AZ.to_string(), rows.iter().map(|r| r.1.cross_az_usd).collect()),
    ];
    let regions: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let title = if name_region {
        "NAT gateways: one for the VPC or one per AZ, monthly cost".to_string()
    } else {
        format!(
            "NAT gateways in {}: one for the VPC or one per AZ, monthly cost",
            regions.into_iter().next().unwrap_or_default()
        )
    };
    let spec = ChartSpec::new(title, "", "US dollars per month");
    let alt = format!(
        "stacked bar chart on one scale, monthly cost of each NAT option split into {}, {} and {}: {}",
        Component::NatGatewayHours.as_str(),
        Component::NatGatewayData.as_str(),
        CROSS_AZ,
        rows.iter()
            .zip(&categories)
            .map(|((_, o), c)| format!(
                "{} {} ({} + {} + {})",
                c.replace('\n', " "),
                usd(Some(o.total_usd)),
                usd(Some(o.hours_usd)),
                usd(Some(o.processing_usd)),
                usd(Some(o.cross_az_usd))
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    (bar_chart(&spec, &categories, &groups, true), alt)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{error, has_svg, json, run};
    use crate::command::publish::RunCell;
    use crate::kernel::Outcome;
    use crate::lab::Lab;

    const PROD: &str = "vpc wizard --name prod --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1
run-instances --instance-type m5.large --subnet-id prod-subnet-private1-us-east-1a --count 2 --name app
run-instances --instance-type t3.micro --subnet-id prod-subnet-public1-us-east-1a --associate-public-ip-address --name bastion";

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    fn component(region: &serde_json::Value, c: &str) -> f64 {
        region["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["component"] == c)
            .filter_map(|l| l["monthly_usd"].as_f64())
            .sum()
    }

    #[test]
    fn a_whole_vpc_priced_in_virginia_and_seoul() {
        let mut s = Lab::default();
        let (_, outcome) = run(&mut s, PROD);
        assert_eq!(outcome, Outcome::Ok);
        let v = json(&mut s, "cost vpc prod --regions us-east-1,ap-northeast-2 --output json");
        assert_eq!(v["vpc"], "prod-vpc");
        assert_eq!(v["snapshot_date"], "2026-11-24");
        let (use1, seoul) = (&v["regions"][0], &v["regions"][1]);
        assert_eq!(use1["region"], "us-east-1");
        // 2 × m5.large × 0.096 × 730 + t3.micro 0.0104 × 730
        assert!(close(component(use1, "instances"), 140.16 + 7.592));
        assert!(close(component(use1, "NAT gateway hours"), 32.85));
        assert!(close(component(use1, "NAT gateway data"), 4.5));
        // the NAT's EIP and the bastion's public IP
        assert!(close(component(use1, "public IPv4"), 2.0 * 730.0 * 0.005));
        assert!(close(component(use1, "EBS"), 3.0 * 8.0 * 0.08));
        assert!(close(component(use1, "data transfer out"), 0.0));
        assert!(close(use1["total_monthly_usd"].as_f64().unwrap(), 194.32));
        assert_eq!(use1["complete"], true);
        // Seoul: its own prices for every line (NAT hours from the Price List; NAT data
        // from bill lines, flagged).
        assert!(close(component(seoul, "instances"), 2.0 * 0.118 * 730.0 + 0.013 * 730.0));
        assert!(close(component(seoul, "NAT gateway hours"), 0.059 * 730.0));
        assert!(close(component(seoul, "EBS"), 3.0 * 8.0 * 0.0912));
        assert_eq!(seoul["complete"], true);
        let flagged: Vec<&str> = seoul["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| !l["assumption"].is_null())
            .map(|l| l["component"].as_str().unwrap())
            .collect();
        assert_eq!(
            flagged,
            vec!["NAT gateway data", "data transfer out"],
            "only the lines not read from AWS are flagged"
        );
        assert!(seoul["total_monthly_usd"].as_f64().unwrap() > use1["total_monthly_usd"].as_f64().unwrap());
        // One NAT versus one per AZ, in each region.
        let nat = v["nat_options"].as_array().unwrap();
        assert_eq!(nat.len(), 4);
        assert_eq!(nat[0]["option"], "one NAT gateway");
        assert!(close(nat[0]["cross_az_gb"].as_f64().unwrap(), 50.0));
        assert_eq!(nat[1]["nat_gateways"], 2);
        assert!(close(nat[1]["cross_az_gb"].as_f64().unwrap(), 0.0));
        assert!(has_svg(&mut s, "cost vpc prod --regions us-east-1,ap-northeast-2"));
    }

    /// The colour of a legend entry: the fill of the last shape drawn before its text.
    fn legend_fill(svg: &str, name: &str) -> Option<String> {
        let at = svg.find(&format!(">\n{name}\n</text>"))?;
        let before = &svg[..at];
        let i = before.rfind("fill=\"#")? + 7;
        Some(before[i..i + 6].to_string())
    }

    fn svgs(s: &mut Lab, cell: &str) -> Vec<String> {
        let (ev, out) = s.run_cell(cell);
        assert_eq!(out, Outcome::Ok);
        ev.iter()
            .filter_map(|e| match e {
                crate::kernel::Event::Display { data, .. } => {
                    data.get("image/svg+xml").and_then(|v| v.as_str()).map(String::from)
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn one_nat_and_one_per_az_in_one_chart_on_one_scale() {
        let mut s = Lab::default();
        run(&mut s, PROD);
        let charts = svgs(&mut s, "cost vpc prod --regions us-east-1");
        assert_eq!(charts.len(), 2, "the cost by region, then the NAT options");
        let nat = &charts[1];
        let text = |t: &str| format!(">\n{t}\n</text>");
        assert!(nat.contains(&text("NAT gateways in us-east-1: one for the VPC or one per AZ, monthly cost")));
        // Both options are bars of the same chart, each stacked by what it pays for.
        for t in [
            "1 NAT gateway",
            "2 NAT gateways",
            "one per AZ",
            "(this VPC)",
            "US dollars per month",
            "NAT gateway hours",
            "NAT gateway data",
            "data between AZs",
        ] {
            assert!(nat.contains(&text(t)), "{t}");
        }
        assert_eq!(nat.matches(&text("(this VPC)")).count(), 1, "prod has one NAT gateway");
        // NAT hours and NAT data keep their colours from the cost chart.
        for c in ["NAT gateway hours", "NAT gateway data"] {
            assert_eq!(legend_fill(nat, c), legend_fill(&charts[0], c), "{c}");
            assert!(legend_fill(nat, c).is_some());
        }
        // The alt text has every number.
        let (ev, _) = s.run_cell("cost vpc prod --regions us-east-1");
        let alt: Vec<String> = ev
            .iter()
            .filter_map(|e| match e {
                crate::kernel::Event::Display { data, .. } if data.contains_key("image/svg+xml") => {
                    data.get("text/plain").and_then(|v| v.as_str()).map(String::from)
                }
                _ => None,
            })
            .collect();
        assert!(
            alt[1].contains("1 NAT gateway (this VPC) $38.35 ($32.85 + $4.5 + $1)")
                && alt[1].contains("2 NAT gateways one per AZ $70.2"),
            "{}",
            alt[1]
        );
        // Several regions: one chart still, the region under each option.
        let charts = svgs(&mut s, "cost vpc prod --regions us-east-1,ap-northeast-2");
        assert!(charts[1].contains(&text("ap-northeast-2")) && charts[1].contains(&text("us-east-1")));
        // A VPC in one AZ has nothing to compare.
        run(
            &mut s,
            "vpc wizard --name solo --cidr 10.9.0.0/16 --azs 1 --public-subnets 1 --private-subnets 1 --nat-gateways 1",
        );
        assert_eq!(svgs(&mut s, "cost vpc solo --regions us-east-1").len(), 1);
    }

    #[test]
    fn usage_flags_stopped_instances_and_unpriced_regions() {
        let mut s = Lab::default();
        run(&mut s, PROD);
        let v = json(&mut s, "cost vpc prod-vpc --hours 365 --transfer-out-gb 600 --nat-gb 0 --output json");
        let r = &v["regions"][0];
        assert_eq!(r["region"], "us-east-1");
        assert!(close(component(r, "data transfer out"), 500.0 * 0.09));
        assert!(close(component(r, "NAT gateway hours"), 0.045 * 365.0));
        assert_eq!(v["usage"]["hours"], 365.0);
        // m5.large is not offered in ap-southeast-5, so the data has no price for it there:
        // said, left out, not guessed (only the t3.micro is counted).
        let (texts, outcome) = run(&mut s, "cost vpc prod --regions ap-southeast-5");
        assert_eq!(outcome, Outcome::Ok);
        assert!(texts.join("\n").contains("No price in the data"));
        let v = json(&mut s, "cost vpc prod --regions ap-southeast-5 --output json");
        assert_eq!(v["regions"][0]["complete"], false);
        assert!(close(component(&v["regions"][0], "instances"), 0.0119 * 730.0));
        // sa-east-1's instances are priced from the AWS Price List, with that date.
        let (texts, _) = run(&mut s, "cost vpc prod --regions sa-east-1");
        assert!(texts.join("\n").contains("instances: on-demand Linux, USD, AWS Price List of 2026-09-04"));
        let v = json(&mut s, "cost vpc prod --regions sa-east-1 --output json");
        assert!(component(&v["regions"][0], "instances") > 0.0);
    }

    #[test]
    fn errors_leave_nothing_half_done() {
        let mut s = Lab::default();
        run(&mut s, PROD);
        let (ename, _) = error(&mut s, "cost vpc nowhere");
        assert_eq!(ename, "InvalidVpcID.NotFound");
        let (ename, _) = error(&mut s, "cost vpc prod --regions us-east-9");
        assert_eq!(ename, "InvalidParameterValue");
        let (ename, _) = error(&mut s, "cost vpc prod --hours 1000");
        assert_eq!(ename, "InvalidParameterValue");
        let (ename, _) = error(&mut s, "cost vpc prod --nat-gb -5");
        assert_eq!(ename, "InvalidParameterValue");
        let (ename, _) = error(&mut s, "cost vpc");
        assert_eq!(ename, "MissingParameter");
    }
}
