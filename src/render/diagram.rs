//! The VPC diagram as SVG: region, VPC, AZ columns, subnets, gateways, instances, routes.
//!
//! Written by hand as SVG text: boxes nest region ⊃ VPC ⊃ AZ ⊃ subnet ⊃ NAT/instances;
//! the IGW sits on the VPC's top edge; endpoints, peering, TGW and VPN at the right.

use std::fmt::Write;

use crate::html::escape;

use crate::model::network::{Destination, Network, Subnet, Vpc};

const AZ_W: f64 = 300.0;
const GAP: f64 = 16.0;
const SIDE_W: f64 = 250.0;
const ITEM_H: f64 = 34.0;
/// The extra line of an instance with disks (EBS volumes, instance store).
const DISK_LINE_H: f64 = 12.0;
const SUBNET_HEAD: f64 = 62.0;

fn short(id: &str) -> String {
    // vpc-0a1b2c3d4e5f67890 → vpc-…67890: enough to tell resources apart in a picture.
    match id.split_once('-') {
        Some((p, rest)) if rest.len() > 8 && !p.is_empty() => {
            let (p, rest) =
                if p == "tgw" && rest.starts_with("attach-") { ("tgw-attach", &rest[7..]) } else { (p, rest) };
            format!("{}-…{}", p, &rest[rest.len().saturating_sub(5)..])
        }
        _ => id.to_string(),
    }
}

/// `s` cut to about `max_w` pixels with "…" (Helvetica's average advance is about 0.55 em,
/// 0.6 em in bold): long wizard names must not run out of their boxes.
fn fit(s: &str, size: f64, weight: &str, max_w: f64) -> String {
    let per_char = size * if weight == "bold" { 0.6 } else { 0.55 };
    let max_chars = (max_w / per_char).floor().max(4.0) as usize;
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(max_chars - 1).collect();
    cut.push('…');
    cut
}

/// Text in a box's stroke colour, darkened where that colour is too light for small text:
/// every label has a WCAG contrast of at least 4.5 against its box (tests/browser checks).
fn ink(stroke: &str) -> &str {
    match stroke {
        "#e8710a" => "#9c4f00",
        "#188038" => "#137333",
        "#8c4fff" => "#7b3fe4",
        "#00838f" => "#006d77",
        other => other,
    }
}

fn text(out: &mut String, x: f64, y: f64, size: f64, weight: &str, fill: &str, s: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-family="Helvetica, Arial, sans-serif" font-size="{}" font-weight="{}" fill="{}">{}</text>"#,
        x,
        y,
        size,
        weight,
        fill,
        escape(s)
    );
}

#[allow(clippy::too_many_arguments)]
fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: &str, dash: bool, rx: f64) {
    let d = if dash { r#" stroke-dasharray="6,4""# } else { "" };
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{}" fill="{}" stroke="{}" stroke-width="1.5"{}/>"#,
        x, y, w, h, rx, fill, stroke, d
    );
}

/// Routes of a subnet's table other than `local`, as `0.0.0.0/0 → igw-…` (with names).
fn route_lines(net: &Network, s: &Subnet) -> Vec<String> {
    let Some(rt) = net.route_table_for_subnet(&s.id) else { return vec![] };
    rt.routes
        .iter()
        .filter(|r| r.target != "local")
        .map(|r| {
            let dest = match &r.destination {
                Destination::PrefixList(pl) => {
                    net.prefix_list_service(&rt.region, pl).map(|x| x.short().to_string()).unwrap_or_else(|| pl.clone())
                }
                d => d.to_string(),
            };
            let tgt = net
                .nat_gateways
                .iter()
                .find(|n| n.id == r.target)
                .and_then(|n| n.name.clone())
                .or_else(|| net.internet_gateways.iter().find(|g| g.id == r.target).and_then(|g| g.name.clone()))
                .or_else(|| net.endpoints.iter().find(|g| g.id == r.target).and_then(|g| g.name.clone()))
                .or_else(|| net.peerings.iter().find(|g| g.id == r.target).and_then(|g| g.name.clone()))
                .or_else(|| net.transit_gateways.iter().find(|g| g.id == r.target).and_then(|g| g.name.clone()))
                .or_else(|| net.vpn_gateways.iter().find(|g| g.id == r.target).and_then(|g| g.name.clone()))
                .unwrap_or_else(|| short(&r.target));
            let bh = if net.target_state(&r.target) == "blackhole" { " (blackhole)" } else { "" };
            format!("{} → {}{}", dest, tgt, bh)
        })
        .collect()
}

/// The SVG picture of one VPC.
pub fn vpc_diagram(net: &Network, vpc_id: &str) -> String {
    vpc_diagram_with_disks(net, vpc_id, &|_| None)
}

/// The VPC diagram with each instance's disks (EBS volumes, instance store) under it;
/// `disks` gives an instance ID's one-line summary.
pub fn vpc_diagram_with_disks(net: &Network, vpc_id: &str, disks: &dyn Fn(&str) -> Option<String>) -> String {
    let Some(vpc) = net.vpcs.iter().find(|v| v.id == vpc_id) else {
        return r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="10" y="25">no such VPC</text></svg>"#.to_string();
    };
    let l = layout(net, vpc, disks);
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}" viewBox="0 0 {:.0} {:.0}">"#,
        l.width, l.height, l.width, l.height
    );
    rect(&mut o, 0.0, 0.0, l.width, l.height, "#ffffff", "#ffffff", false, 0.0);
    region_and_vpc(&mut o, vpc, &l);
    internet_gateway(&mut o, net, vpc, &l);
    for (k, az) in l.azs.iter().enumerate() {
        az_column(&mut o, net, &l, k, az, disks);
    }
    side_panel(&mut o, net, vpc, &l);
    legend(&mut o, l.height);
    o.push_str("</svg>\n");
    o
}

/// Where everything goes: the AZ columns, the VPC box and the picture's size.
struct Layout<'a> {
    subnets: Vec<&'a Subnet>,
    azs: Vec<String>,
    /// The height of the tallest AZ column.
    max_col: f64,
    side_items: usize,
    vpc_x: f64,
    vpc_y: f64,
    vpc_w: f64,
    vpc_h: f64,
    width: f64,
    height: f64,
}

/// Height of a subnet's box: header + route lines + NATs + instances (and their disks).
fn subnet_height(net: &Network, s: &Subnet, disks: &dyn Fn(&str) -> Option<String>) -> f64 {
    let nats = net.nat_gateways.iter().filter(|n| n.subnet_id == s.id && n.state != "deleted").count();
    let insts = net.instances.iter().filter(|i| i.subnet_id == s.id && i.state.as_str() != "terminated").count();
    let routes = route_lines(net, s).len().max(1);
    let disk_lines = net
        .instances
        .iter()
        .filter(|i| i.subnet_id == s.id && i.state.as_str() != "terminated" && disks(&i.id).is_some())
        .count();
    let (n, r, d) = (nats + insts, routes, disk_lines);
    SUBNET_HEAD + 14.0 * r as f64 + ITEM_H * n as f64 + DISK_LINE_H * d as f64 + 8.0
}

/// An AZ's subnets, public ones first.
fn az_subnets<'a>(net: &Network, subnets: &[&'a Subnet], az: &str) -> Vec<&'a Subnet> {
    let mut col: Vec<&Subnet> = subnets.iter().copied().filter(|s| s.availability_zone == az).collect();
    col.sort_by_key(|s| !net.subnet_is_public(&s.id));
    col
}

fn layout<'a>(net: &'a Network, vpc: &Vpc, disks: &dyn Fn(&str) -> Option<String>) -> Layout<'a> {
    let subnets: Vec<&Subnet> = net.subnets.iter().filter(|s| s.vpc_id == vpc.id).collect();
    let mut azs: Vec<String> = subnets.iter().map(|s| s.availability_zone.clone()).collect();
    azs.sort();
    azs.dedup();
    if azs.is_empty() {
        azs.push("(no subnets yet)".into());
    }
    let col_h: Vec<f64> = azs
        .iter()
        .map(|az| {
            let col = az_subnets(net, &subnets, az);
            40.0 + col.iter().map(|s| subnet_height(net, s, disks) + GAP).sum::<f64>()
        })
        .collect();
    let max_col = col_h.iter().cloned().fold(80.0, f64::max);
    let side_items = net.endpoints.iter().filter(|e| e.vpc_id == vpc.id).count()
        + net.peerings.iter().filter(|p| p.other(&vpc.id).is_some() && p.status != "deleted").count()
        + net.tgw_attachments.iter().filter(|a| a.vpc_id == vpc.id).count()
        + net.vpn_gateways.iter().filter(|g| g.vpc_id.as_deref() == Some(vpc.id.as_str())).count()
        + net.egress_only_igws.iter().filter(|g| g.vpc_id == vpc.id).count();
    let side_h = 40.0 + side_items as f64 * 62.0;
    let vpc_x = 30.0;
    let vpc_y = 90.0;
    let vpc_w = GAP + azs.len() as f64 * (AZ_W + GAP);
    let vpc_h = 60.0 + max_col.max(side_h - 40.0) + GAP;
    let width = (vpc_x + vpc_w + GAP + SIDE_W + 30.0).max(760.0);
    let height = vpc_y + vpc_h + 80.0;
    Layout { subnets, azs, max_col, side_items, vpc_x, vpc_y, vpc_w, vpc_h, width, height }
}

/// The region's dashed box and the VPC's box with its name and CIDRs.
fn region_and_vpc(o: &mut String, vpc: &Vpc, l: &Layout) {
    let (vpc_x, vpc_y) = (l.vpc_x, l.vpc_y);
    rect(o, 10.0, 10.0, l.width - 20.0, l.height - 50.0, "#fafafa", "#5f6368", true, 8.0);
    let region_name = crate::model::regions::find(&vpc.region)
        .map(|r| format!("{} — {}", vpc.region, r.name))
        .unwrap_or_else(|| vpc.region.clone());
    text(o, 22.0, 32.0, 14.0, "bold", "#5f6368", &format!("Region {}", region_name));
    rect(o, vpc_x, vpc_y, l.vpc_w, l.vpc_h, "#ffffff", "#8c4fff", false, 8.0);
    let cidrs = vpc.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ");
    let vname = vpc.name.clone().unwrap_or_else(|| if vpc.is_default { "default VPC".into() } else { "VPC".into() });
    text(o, vpc_x + 12.0, vpc_y + 22.0, 15.0, "bold", ink("#8c4fff"), &format!("{} ({})", vname, vpc.id));
    text(o, vpc_x + 12.0, vpc_y + 40.0, 12.0, "normal", "#3c4043", &format!("CIDR {}", cidrs));
}

/// The VPC's internet gateway on its top edge, with a line up to the internet.
fn internet_gateway(o: &mut String, net: &Network, vpc: &Vpc, l: &Layout) {
    let Some(igw) = net.igw_of_vpc(&vpc.id) else { return };
    let (vpc_x, vpc_y, vpc_w) = (l.vpc_x, l.vpc_y, l.vpc_w);
    let gx = (vpc_x + vpc_w - 200.0).max(vpc_x + 330.0);
    rect(o, gx, vpc_y - 22.0, 180.0, 40.0, "#fff4e5", "#e8710a", false, 6.0);
    text(o, gx + 10.0, vpc_y - 5.0, 12.0, "bold", ink("#e8710a"), "Internet gateway");
    text(o, gx + 10.0, vpc_y + 11.0, 11.0, "normal", "#3c4043", &igw.name.clone().unwrap_or_else(|| short(&igw.id)));
    text(o, gx + 60.0, vpc_y - 44.0, 12.0, "normal", "#5f6368", "☁ internet");
    let _ = writeln!(
        o,
        r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e8710a" stroke-width="2"/>"##,
        gx + 90.0,
        vpc_y - 40.0,
        gx + 90.0,
        vpc_y - 22.0
    );
}

/// The `k`th AZ column and its subnets, public ones first.
fn az_column(o: &mut String, net: &Network, l: &Layout, k: usize, az: &str, disks: &dyn Fn(&str) -> Option<String>) {
    let ax = l.vpc_x + GAP + k as f64 * (AZ_W + GAP);
    let ay = l.vpc_y + 56.0;
    rect(o, ax, ay, AZ_W, l.max_col, "none", "#1a73e8", true, 6.0);
    text(o, ax + 10.0, ay + 20.0, 13.0, "bold", "#1a73e8", &format!("Availability Zone {}", az));
    let mut y = ay + 34.0;
    for s in az_subnets(net, &l.subnets, az) {
        let h = subnet_height(net, s, disks);
        subnet_box(o, net, s, ax + 10.0, y, h, disks);
        y += h + GAP;
    }
}

/// A subnet's box at (`sx`, `y`): kind and CIDR, name, route table, routes, then its NAT
/// gateways and instances.
fn subnet_box(
    o: &mut String,
    net: &Network,
    s: &Subnet,
    sx: f64,
    y: f64,
    h: f64,
    disks: &dyn Fn(&str) -> Option<String>,
) {
    let public = net.subnet_is_public(&s.id);
    let (fill, stroke, kind) =
        if public { ("#e6f4ea", "#188038", "Public subnet") } else { ("#e8f0fe", "#1967d2", "Private subnet") };
    let sw = AZ_W - 20.0;
    rect(o, sx, y, sw, h, fill, stroke, false, 6.0);
    text(o, sx + 10.0, y + 18.0, 12.0, "bold", ink(stroke), &format!("{} · {}", kind, s.cidr));
    text(
        o,
        sx + 10.0,
        y + 34.0,
        11.0,
        "normal",
        "#3c4043",
        &fit(&s.name.clone().unwrap_or_else(|| s.id.clone()), 11.0, "normal", sw - 20.0),
    );
    let rt_name = net
        .route_table_for_subnet(&s.id)
        .map(|t| t.name.clone().unwrap_or_else(|| format!("{}{}", short(&t.id), if t.main { " (main)" } else { "" })))
        .unwrap_or_default();
    text(
        o,
        sx + 10.0,
        y + 50.0,
        10.0,
        "normal",
        "#5f6368",
        &fit(&format!("route table {} · {} free IPs", rt_name, net.available_ip_count(s)), 10.0, "normal", sw - 20.0),
    );
    let mut ly = y + 50.0;
    let routes = route_lines(net, s);
    if routes.is_empty() {
        ly += 14.0;
        text(o, sx + 10.0, ly, 10.0, "normal", "#5f6368", "routes: local only");
    }
    for r in routes {
        ly += 14.0;
        text(o, sx + 10.0, ly, 10.0, "normal", "#202124", &fit(&format!("→ {}", r), 10.0, "normal", sw - 20.0));
    }
    let iy = nat_gateways(o, net, s, sx, ly + 8.0);
    instances(o, net, s, sx, iy, disks);
}

/// The subnet's NAT gateways from `iy` down; returns where the next item goes.
fn nat_gateways(o: &mut String, net: &Network, s: &Subnet, sx: f64, mut iy: f64) -> f64 {
    let sw = AZ_W - 20.0;
    for n in net.nat_gateways.iter().filter(|n| n.subnet_id == s.id && n.state != "deleted") {
        rect(o, sx + 8.0, iy, sw - 16.0, ITEM_H - 6.0, "#fff4e5", "#e8710a", false, 4.0);
        text(
            o,
            sx + 16.0,
            iy + 12.0,
            10.5,
            "bold",
            ink("#e8710a"),
            &fit(&format!("NAT gateway {}", n.name.clone().unwrap_or_else(|| short(&n.id))), 10.5, "bold", sw - 32.0),
        );
        let ips = format!(
            "{} · {}{}",
            n.connectivity.as_str(),
            n.private_ip,
            n.public_ip.map(|p| format!(" · EIP {}", p)).unwrap_or_default()
        );
        text(o, sx + 16.0, iy + 24.0, 10.0, "normal", "#3c4043", &ips);
        iy += ITEM_H;
    }
    iy
}

/// The subnet's instances (dashed when not running) from `iy` down, each with its disks.
fn instances(o: &mut String, net: &Network, s: &Subnet, sx: f64, mut iy: f64, disks: &dyn Fn(&str) -> Option<String>) {
    let sw = AZ_W - 20.0;
    for i in net.instances.iter().filter(|i| i.subnet_id == s.id && i.state.as_str() != "terminated") {
        let (p, pubip, eip) = net.instance_addresses(i);
        let running = i.state.as_str() == "running";
        let extra = if disks(&i.id).is_some() { DISK_LINE_H } else { 0.0 };
        rect(
            o,
            sx + 8.0,
            iy,
            sw - 16.0,
            ITEM_H - 6.0 + extra,
            if running { "#ffffff" } else { "#f1f3f4" },
            "#5f6368",
            !running,
            4.0,
        );
        text(
            o,
            sx + 16.0,
            iy + 12.0,
            10.5,
            "bold",
            "#202124",
            &fit(
                &format!(
                    "EC2 {} · {} · {}",
                    i.name.clone().unwrap_or_else(|| short(&i.id)),
                    i.instance_type,
                    i.state.as_str()
                ),
                10.5,
                "bold",
                sw - 32.0,
            ),
        );
        let ips = format!(
            "{}{}",
            p.map(|x| x.to_string()).unwrap_or_default(),
            pubip.map(|x| format!(" · {} {}", if eip { "EIP" } else { "public" }, x)).unwrap_or_default()
        );
        text(o, sx + 16.0, iy + 24.0, 10.0, "normal", "#3c4043", &ips);
        if let Some(d) = disks(&i.id) {
            text(o, sx + 16.0, iy + 36.0, 10.0, "normal", "#137333", &fit(&d, 10.0, "normal", sw - 32.0));
        }
        iy += ITEM_H + extra;
    }
}

/// One box of the side panel: title, line, fill and stroke.
type Connection = (String, String, &'static str, &'static str);

/// The VPC's connections beyond its subnets, in panel order: gateway endpoints, peering,
/// transit gateways, virtual private gateways, egress-only IGWs.
fn connections(net: &Network, vpc: &Vpc) -> Vec<Connection> {
    let mut v: Vec<Connection> = Vec::new();
    for e in net.endpoints.iter().filter(|e| e.vpc_id == vpc.id) {
        v.push((
            format!("Gateway endpoint · {}", e.service.short().to_uppercase()),
            format!("{} · {} route tables", e.name.clone().unwrap_or_else(|| short(&e.id)), e.route_table_ids.len()),
            "#f3e8fd",
            "#8430ce",
        ));
    }
    for p in net.peerings.iter().filter(|p| p.other(&vpc.id).is_some() && p.status != "deleted") {
        let other = p.other(&vpc.id).unwrap_or_default();
        let peer = net.vpcs.iter().find(|v| v.id == other);
        let label = peer
            .map(|v| format!("{} {}", v.name.clone().unwrap_or_else(|| short(&v.id)), v.primary_cidr()))
            .unwrap_or_else(|| short(other));
        v.push((
            format!("Peering {} · {}", p.name.clone().unwrap_or_else(|| short(&p.id)), p.status),
            format!("↔ {}", label),
            "#fce8e6",
            "#c5221f",
        ));
    }
    for a in net.tgw_attachments.iter().filter(|a| a.vpc_id == vpc.id) {
        let others: Vec<String> = net
            .tgw_attachments
            .iter()
            .filter(|b| b.tgw_id == a.tgw_id && b.vpc_id != vpc.id)
            .filter_map(|b| {
                net.vpcs.iter().find(|v| v.id == b.vpc_id).map(|v| v.name.clone().unwrap_or_else(|| short(&v.id)))
            })
            .collect();
        let tname = net
            .transit_gateways
            .iter()
            .find(|t| t.id == a.tgw_id)
            .and_then(|t| t.name.clone())
            .unwrap_or_else(|| short(&a.tgw_id));
        v.push((
            format!("Transit gateway {}", tname),
            format!("also attached: {}", if others.is_empty() { "—".into() } else { others.join(", ") }),
            "#e0f7fa",
            "#00838f",
        ));
    }
    for g in net.vpn_gateways.iter().filter(|g| g.vpc_id.as_deref() == Some(vpc.id.as_str())) {
        v.push((
            "Virtual private gateway".into(),
            format!("{} → on-premises (VPN)", g.name.clone().unwrap_or_else(|| short(&g.id))),
            "#f1f3f4",
            "#3c4043",
        ));
    }
    for g in net.egress_only_igws.iter().filter(|g| g.vpc_id == vpc.id) {
        v.push(("Egress-only IGW (IPv6)".into(), g.name.clone().unwrap_or_else(|| short(&g.id)), "#fff4e5", "#e8710a"));
    }
    v
}

/// Side panel at the VPC's right: one box per connection, a dashed line to the VPC.
fn side_panel(o: &mut String, net: &Network, vpc: &Vpc, l: &Layout) {
    let px = l.vpc_x + l.vpc_w + GAP;
    let mut py = l.vpc_y + 56.0;
    text(o, px, py - 6.0, 13.0, "bold", "#5f6368", "Connections");
    for (title, line, fill, stroke) in connections(net, vpc) {
        rect(o, px, py, SIDE_W, 52.0, fill, stroke, false, 6.0);
        text(o, px + 10.0, py + 20.0, 12.0, "bold", ink(stroke), &title);
        text(o, px + 10.0, py + 38.0, 10.0, "normal", "#3c4043", &line);
        let _ = writeln!(
            o,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1.5" stroke-dasharray="3,3"/>"##,
            l.vpc_x + l.vpc_w,
            py + 26.0,
            px,
            py + 26.0,
            stroke
        );
        py += 62.0;
    }
    if l.side_items == 0 {
        text(o, px, py + 14.0, 11.0, "normal", "#5f6368", "no endpoints, peering or TGW");
    }
}

/// The legend along the bottom edge.
fn legend(o: &mut String, height: f64) {
    let ly = height - 16.0;
    rect(o, 20.0, ly - 11.0, 14.0, 12.0, "#e6f4ea", "#188038", false, 2.0);
    text(o, 40.0, ly, 11.0, "normal", "#3c4043", "public subnet (route to an internet gateway)");
    rect(o, 320.0, ly - 11.0, 14.0, 12.0, "#e8f0fe", "#1967d2", false, 2.0);
    text(o, 340.0, ly, 11.0, "normal", "#3c4043", "private subnet");
    rect(o, 450.0, ly - 11.0, 14.0, 12.0, "#fff4e5", "#e8710a", false, 2.0);
    text(o, 470.0, ly, 11.0, "normal", "#3c4043", "gateway / NAT");
    text(o, 580.0, ly, 11.0, "normal", "#3c4043", "dashed instance = stopped");
}
