//! The Terraform configuration (HCL, AWS provider).

use super::{gather, name_of, ports_of, route_target, target_kind, Names, Parts};
use crate::model::network::{Destination, Network, Peer, Protocol, Vpc};
use crate::model::storage::{default_kms_key, Storage};

/// A quoted HCL string (with `${` and `%{` escaped).
pub(super) fn hcl_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            _ => o.push(c),
        }
    }
    o.push('"');
    o.replace("${", "$${").replace("%{", "%%{")
}

fn tf_block(out: &mut String, address: &str, body: &[(String, String)]) {
    let (ty, name) = address.split_once('.').unwrap_or((address, "x"));
    out.push_str(&format!("resource \"{}\" \"{}\" {{\n", ty, name));
    let width = body.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in body {
        out.push_str(&format!("  {:width$} = {}\n", k, v, width = width));
    }
    out.push_str("}\n\n");
}

/// A resource with nested blocks (`root_block_device { … }`) after its arguments.
fn tf_block_nested(
    out: &mut String,
    address: &str,
    body: &[(String, String)],
    nested: &[(&str, Vec<(String, String)>)],
) {
    let mut b = String::new();
    tf_block(&mut b, address, body);
    let close = b.rfind("}\n\n").unwrap_or(b.len());
    let mut inner = String::new();
    for (name, nb) in nested {
        let width = nb.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        inner.push_str(&format!("\n  {} {{\n", name));
        for (k, v) in nb {
            inner.push_str(&format!("    {:width$} = {}\n", k, v, width = width));
        }
        inner.push_str("  }\n");
    }
    b.insert_str(close, &inner);
    out.push_str(&b);
}

fn tf_tags(name: Option<&str>) -> Option<(String, String)> {
    name.map(|n| ("tags".to_string(), format!("{{ Name = {} }}", hcl_str(n))))
}

fn kv(k: &str, v: impl Into<String>) -> (String, String) {
    (k.to_string(), v.into())
}

/// A Terraform (HCL, AWS provider) configuration that builds the VPC.
pub fn terraform(net: &Network, storage: &Storage, vpc: &Vpc) -> String {
    let p = gather(net, storage, vpc);
    let n = &p.names;
    let vid = vpc.id.as_str();
    let vref = n.tf_ref(vid);
    let mut out = format!(
        "# VPC {} exported by cloudlab from {}.\n{}\n\nprovider \"aws\" {{\n  region = {}\n}}\n\n",
        vpc.name.clone().unwrap_or_else(|| vpc.id.clone()),
        vpc.region,
        p.notes.iter().map(|s| format!("# {}", s)).collect::<Vec<_>>().join("\n"),
        hcl_str(&vpc.region)
    );
    let mut body = vec![
        kv("cidr_block", hcl_str(&vpc.cidrs.first().map(|c| c.to_string()).unwrap_or_default())),
        kv("enable_dns_support", "true"),
        kv("enable_dns_hostnames", "true"),
    ];
    body.extend(tf_tags(name_of(&vpc.name)));
    tf_block(&mut out, &n.tf[vid], &body);
    let mut cidr_deps = Vec::new();
    for (i, c) in vpc.cidrs.iter().enumerate().skip(1) {
        let a =
            format!("aws_vpc_ipv4_cidr_block_association.{}_cidr{}", n.tf[vid].split('.').nth(1).unwrap_or("vpc"), i);
        cidr_deps.push(a.clone());
        tf_block(&mut out, &a, &[kv("vpc_id", vref.clone()), kv("cidr_block", hcl_str(&c.to_string()))]);
    }
    for s in net.subnets.iter().filter(|s| s.vpc_id == vid) {
        let mut b = vec![
            kv("vpc_id", vref.clone()),
            kv("cidr_block", hcl_str(&s.cidr.to_string())),
            kv("availability_zone", hcl_str(&s.availability_zone)),
            kv("map_public_ip_on_launch", s.map_public_ip_on_launch.to_string()),
        ];
        b.extend(tf_tags(name_of(&s.name)));
        if !cidr_deps.is_empty() {
            b.push(kv("depends_on", format!("[{}]", cidr_deps.join(", "))));
        }
        tf_block(&mut out, &n.tf[&s.id], &b);
    }
    let mut igws = Vec::new();
    for g in net.internet_gateways.iter().filter(|g| g.vpc_id.as_deref() == Some(vid)) {
        let mut b = vec![kv("vpc_id", vref.clone())];
        b.extend(tf_tags(name_of(&g.name)));
        igws.push(n.tf[&g.id].clone());
        tf_block(&mut out, &n.tf[&g.id], &b);
    }
    for g in net.egress_only_igws.iter().filter(|g| g.vpc_id == vid) {
        tf_block(&mut out, &n.tf[&g.id], &[kv("vpc_id", vref.clone())]);
    }
    for g in net.nat_gateways.iter().filter(|g| g.vpc_id == vid && g.state != "deleted") {
        let mut b = vec![kv("subnet_id", n.tf_ref(&g.subnet_id))];
        match &g.allocation_id {
            Some(a) => {
                let mut eb = vec![kv("domain", hcl_str("vpc"))];
                if !igws.is_empty() {
                    eb.push(kv("depends_on", format!("[{}]", igws.join(", "))));
                }
                tf_block(&mut out, &n.tf[a], &eb);
                b.push(kv("allocation_id", n.tf_ref(a)));
            }
            None => b.push(kv("connectivity_type", hcl_str("private"))),
        }
        b.extend(tf_tags(name_of(&g.name)));
        tf_block(&mut out, &n.tf[&g.id], &b);
    }
    for pc in net.peerings.iter().filter(|x| n.tf.contains_key(&x.id)) {
        let mut b = vec![kv("vpc_id", vref.clone()), kv("peer_vpc_id", hcl_str(&pc.accepter_vpc))];
        if pc.accepter_region != vpc.region {
            b.push(kv("peer_region", hcl_str(&pc.accepter_region)));
        }
        b.extend(tf_tags(name_of(&pc.name)));
        tf_block(&mut out, &n.tf[&pc.id], &b);
    }
    route_tables(&mut out, net, n, vid, &vref);
    security_groups(&mut out, net, n, &vref);
    network_acls(&mut out, net, n, &vref);
    for e in net.endpoints.iter().filter(|e| e.vpc_id == vid) {
        let rts: Vec<String> = e.route_table_ids.iter().map(|r| n.tf_ref(r)).collect();
        tf_block(
            &mut out,
            &n.tf[&e.id],
            &[
                kv("vpc_id", vref.clone()),
                kv("service_name", hcl_str(&e.service_name)),
                kv("vpc_endpoint_type", hcl_str("Gateway")),
                kv("route_table_ids", format!("[{}]", rts.join(", "))),
            ],
        );
    }
    instances(&mut out, net, &p, vid);
    volumes_and_snapshots(&mut out, &p);
    out.push_str(&format!("output \"vpc_id\" {{\n  value = {}\n}}\n", vref));
    out
}

/// Each route table, its main association, its routes (not `local`) and its subnet associations.
fn route_tables(out: &mut String, net: &Network, n: &Names, vid: &str, vref: &str) {
    for rt in net.route_tables.iter().filter(|r| r.vpc_id == vid) {
        let rname = n.tf[&rt.id].clone();
        let mut b = vec![kv("vpc_id", vref)];
        b.extend(tf_tags(name_of(&rt.name)));
        tf_block(out, &rname, &b);
        let short = rname.split('.').nth(1).unwrap_or("rt").to_string();
        if rt.main {
            tf_block(
                out,
                &format!("aws_main_route_table_association.{}", short),
                &[kv("vpc_id", vref), kv("route_table_id", format!("{}.id", rname))],
            );
        }
        for (i, r) in rt.routes.iter().enumerate() {
            let Destination::Cidr(dest) = &r.destination else { continue };
            if r.target == "local" {
                continue;
            }
            let target = route_target(net, &r.target);
            let (arg, value) = match n.tf.get(&r.target).filter(|_| r.target.starts_with("i-")) {
                Some(inst) => ("network_interface_id", format!("{}.primary_network_interface_id", inst)),
                None => {
                    let Some((_, arg)) = target_kind(&target) else { continue };
                    (arg, n.tf_ref(&target))
                }
            };
            let dkey = if dest.addr().is_ipv4() { "destination_cidr_block" } else { "destination_ipv6_cidr_block" };
            tf_block(
                out,
                &format!("aws_route.{}_{}", short, i),
                &[kv("route_table_id", format!("{}.id", rname)), kv(dkey, hcl_str(&dest.to_string())), kv(arg, value)],
            );
        }
        for a in &rt.associations {
            let sname = n.tf.get(&a.subnet_id).and_then(|s| s.split('.').nth(1)).unwrap_or("subnet").to_string();
            tf_block(
                out,
                &format!("aws_route_table_association.{}_{}", short, sname),
                &[kv("subnet_id", n.tf_ref(&a.subnet_id)), kv("route_table_id", format!("{}.id", rname))],
            );
        }
    }
}

/// Each security group and every rule of it as an `aws_security_group_rule`.
fn security_groups(out: &mut String, net: &Network, n: &Names, vref: &str) {
    for g in net.security_groups.iter().filter(|g| n.tf.contains_key(&g.id)) {
        let gname = n.tf[&g.id].clone();
        let mut b =
            vec![kv("name", hcl_str(&g.group_name)), kv("description", hcl_str(&g.description)), kv("vpc_id", vref)];
        b.extend(tf_tags(name_of(&g.name)));
        tf_block(out, &gname, &b);
        let short = gname.split('.').nth(1).unwrap_or("sg").to_string();
        // Terraform removes AWS's default egress rule, so every rule is written out.
        for (dir, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
            for (i, r) in rules.iter().enumerate() {
                let (from, to) = match ports_of(r.protocol, r.ports) {
                    (-1, -1) if r.protocol == Protocol::All => (0, 0),
                    x => x,
                };
                let mut rb = vec![
                    kv("type", hcl_str(dir)),
                    kv("security_group_id", format!("{}.id", gname)),
                    kv("protocol", hcl_str(&r.protocol.name())),
                    kv("from_port", from.to_string()),
                    kv("to_port", to.to_string()),
                ];
                match &r.peer {
                    Peer::Cidr(c) if c.addr().is_ipv4() => {
                        rb.push(kv("cidr_blocks", format!("[{}]", hcl_str(&c.to_string()))))
                    }
                    Peer::Cidr(c) => rb.push(kv("ipv6_cidr_blocks", format!("[{}]", hcl_str(&c.to_string())))),
                    Peer::Group(sg) => rb.push(kv("source_security_group_id", n.tf_ref(sg))),
                    Peer::PrefixList(pl) => rb.push(kv("prefix_list_ids", format!("[{}]", hcl_str(pl)))),
                }
                if let Some(d) = &r.description {
                    rb.push(kv("description", hcl_str(d)));
                }
                tf_block(out, &format!("aws_security_group_rule.{}_{}_{}", short, dir, i), &rb);
            }
        }
    }
}

/// Each custom network ACL and its rules (not the implicit 32767 ones).
fn network_acls(out: &mut String, net: &Network, n: &Names, vref: &str) {
    for a in net.network_acls.iter().filter(|a| n.tf.contains_key(&a.id)) {
        let aname = n.tf[&a.id].clone();
        let subnets: Vec<String> = a.associations.iter().map(|s| n.tf_ref(&s.subnet_id)).collect();
        let mut b = vec![kv("vpc_id", vref), kv("subnet_ids", format!("[{}]", subnets.join(", ")))];
        b.extend(tf_tags(name_of(&a.name)));
        tf_block(out, &aname, &b);
        let short = aname.split('.').nth(1).unwrap_or("acl").to_string();
        for e in a.entries.iter().filter(|e| e.rule_number != 32767) {
            let dir = if e.egress { "egress" } else { "ingress" };
            let mut rb = vec![
                kv("network_acl_id", format!("{}.id", aname)),
                kv("rule_number", e.rule_number.to_string()),
                kv("egress", e.egress.to_string()),
                kv("protocol", hcl_str(&e.protocol.number())),
                kv("rule_action", hcl_str(if e.allow { "allow" } else { "deny" })),
            ];
            rb.push(if e.cidr.addr().is_ipv4() {
                kv("cidr_block", hcl_str(&e.cidr.to_string()))
            } else {
                kv("ipv6_cidr_block", hcl_str(&e.cidr.to_string()))
            });
            if e.protocol.has_ports() {
                let (f, t) = e.ports.unwrap_or((0, 65535));
                rb.push(kv("from_port", f.to_string()));
                rb.push(kv("to_port", t.to_string()));
            }
            tf_block(out, &format!("aws_network_acl_rule.{}_{}_{}", short, dir, e.rule_number), &rb);
        }
    }
}

/// Each instance the template launches, with its root block device.
fn instances(out: &mut String, net: &Network, p: &Parts, vid: &str) {
    let n = &p.names;
    let default_sg =
        net.security_groups.iter().find(|g| g.vpc_id == vid && g.group_name == "default").map(|g| g.id.clone());
    for (i, root) in &p.instances {
        let sgs: Vec<String> = i
            .security_groups
            .iter()
            .map(|g| {
                if Some(g) == default_sg.as_ref() {
                    format!("{}.default_security_group_id", n.tf[vid])
                } else {
                    n.tf_ref(g)
                }
            })
            .collect();
        let mut b = vec![
            kv("ami", hcl_str(&i.image_id)),
            kv("instance_type", hcl_str(&i.instance_type)),
            kv("subnet_id", n.tf_ref(&i.subnet_id)),
            kv("vpc_security_group_ids", format!("[{}]", sgs.join(", "))),
        ];
        b.extend(tf_tags(name_of(&i.name)));
        let mut nested = Vec::new();
        if let Some((v, _, dot)) = root {
            let mut rb = vec![
                kv("volume_size", v.size_gib.to_string()),
                kv("volume_type", hcl_str(v.volume_type.as_str())),
                kv("encrypted", v.encrypted.to_string()),
                kv("delete_on_termination", dot.to_string()),
            ];
            if let Some(x) = v.iops.filter(|_| v.volume_type.limits().iops_range.is_some()) {
                rb.push(kv("iops", x.to_string()));
            }
            if let Some(t) = v.throughput {
                rb.push(kv("throughput", t.to_string()));
            }
            if let Some(k) = v.kms_key_id.as_ref().filter(|k| **k != default_kms_key(&v.region)) {
                rb.push(kv("kms_key_id", hcl_str(k)));
            }
            nested.push(("root_block_device", rb));
        }
        tf_block_nested(out, &n.tf[&i.id], &b, &nested);
    }
}

/// Each data volume and its attachments, then the snapshots of exported volumes.
fn volumes_and_snapshots(out: &mut String, p: &Parts) {
    let n = &p.names;
    for (v, atts) in &p.volumes {
        let vname = n.tf[&v.id].clone();
        let mut b = vec![
            kv("availability_zone", hcl_str(&v.availability_zone)),
            kv("size", v.size_gib.to_string()),
            kv("type", hcl_str(v.volume_type.as_str())),
            kv("encrypted", v.encrypted.to_string()),
        ];
        if let Some(i) = v.iops.filter(|_| v.volume_type.limits().iops_range.is_some()) {
            b.push(kv("iops", i.to_string()));
        }
        if let Some(t) = v.throughput {
            b.push(kv("throughput", t.to_string()));
        }
        if let Some(k) = v.kms_key_id.as_ref().filter(|k| **k != default_kms_key(&v.region)) {
            b.push(kv("kms_key_id", hcl_str(k)));
        }
        if let Some(s) = &v.snapshot_id {
            b.push(kv("snapshot_id", hcl_str(s)));
        }
        if v.multi_attach {
            b.push(kv("multi_attach_enabled", "true"));
        }
        b.extend(tf_tags(name_of(&v.name)));
        tf_block(out, &vname, &b);
        let short = vname.split('.').nth(1).unwrap_or("vol").to_string();
        for (i, (inst, dev)) in atts.iter().enumerate() {
            tf_block(
                out,
                &format!("aws_volume_attachment.{}_{}", short, i),
                &[
                    kv("device_name", hcl_str(dev)),
                    kv("volume_id", format!("{}.id", vname)),
                    kv("instance_id", n.tf_ref(inst)),
                ],
            );
        }
    }
    for snap in &p.snapshots {
        // The volume by reference: a data volume's resource, or the instance's root block device.
        let vol = if let Some(t) = n.tf.get(&snap.volume_id) {
            format!("{t}.id")
        } else {
            match p.instances.iter().find(|(_, r)| r.as_ref().is_some_and(|(v, _, _)| v.id == snap.volume_id)) {
                Some((i, _)) => format!("{}.root_block_device[0].volume_id", n.tf[&i.id]),
                None => continue,
            }
        };
        let mut b = vec![kv("volume_id", vol)];
        if !snap.description.is_empty() {
            b.push(kv("description", hcl_str(&snap.description)));
        }
        b.extend(tf_tags(name_of(&snap.name)));
        tf_block(out, &format!("aws_ebs_snapshot.{}", snap.id.replace('-', "_")), &b);
    }
}
