//! `export vpc NAME PATH --format cloudformation|terraform`: a template that would build the
//! same VPC — CIDRs, subnets, route tables, routes and associations, internet and
//! egress-only gateways, Elastic IPs and NAT gateways, security groups and their rules,
//! custom network ACLs, gateway endpoints and peering requested by this VPC, its instances
//! (AMI, type, subnet, security groups, root block device) and the EBS data volumes
//! attached to them with their attachments.
//!
//! Things a template cannot or need not create are left to AWS and named in a note: the
//! default security group and default network ACL (AWS creates them with the VPC), and
//! the implicit 32767 NACL rules. Resources outside the VPC (peer VPCs, transit gateways,
//! the AMIs) are referred to by their IDs. Instances an Auto Scaling group launched are left
//! to the group (named in a note), as are terminated ones.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::model::network::{Destination, Instance, InstanceState, Network, Peer, Protocol, SgRule, Vpc};
use crate::model::storage::{default_kms_key, is_root_device, Snapshot, Storage, Volume};

/// How one resource of the VPC is referred to: its CloudFormation logical ID and its
/// Terraform address.
struct Names {
    cfn: BTreeMap<String, String>,
    tf: BTreeMap<String, String>,
}

impl Names {
    fn add(&mut self, id: &str, cfn_prefix: &str, tf_type: &str) {
        let tail: String =
            id.split_once('-').map(|(_, t)| t).unwrap_or(id).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        self.cfn.insert(id.to_string(), format!("{}{}", cfn_prefix, tail));
        self.tf
            .insert(id.to_string(), format!("{}.{}", tf_type, id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")));
    }
    /// `{"Ref": logical}` for a resource in the template, else the literal ID.
    fn cfn_ref(&self, id: &str) -> Value {
        match self.cfn.get(id) {
            Some(l) => json!({ "Ref": l }),
            None => Value::String(id.to_string()),
        }
    }
    /// `aws_x.y.id` for a resource in the template, else the quoted literal ID.
    fn tf_ref(&self, id: &str) -> String {
        match self.tf.get(id) {
            Some(a) => format!("{}.id", a),
            None => hcl_str(id),
        }
    }
}

/// An instance a template launches and its EBS root volume (the volume, its device, and
/// DeleteOnTermination); none for an instance-store root.
type Launched<'a> = (&'a Instance, Option<(&'a Volume, String, bool)>);

/// Everything of one VPC the templates need, gathered once.
struct Parts<'a> {
    names: Names,
    notes: Vec<String>,
    /// The VPC's instances the template launches, each with its EBS root volume (none for
    /// an instance-store root).
    instances: Vec<Launched<'a>>,
    /// EBS data volumes attached to the VPC's instances, with the (instance, device) pairs.
    volumes: Vec<(&'a Volume, Vec<(String, String)>)>,
    /// Snapshots, in the VPC's region, of those volumes and of the instances' roots.
    snapshots: Vec<&'a Snapshot>,
}

/// The VPC's instances a template launches (not terminated, not an Auto Scaling group's),
/// their root volumes, and the data volumes attached to any of the VPC's instances.
#[allow(clippy::type_complexity)]
fn vpc_instances<'a>(
    net: &'a Network,
    storage: &'a Storage,
    vid: &str,
) -> (Vec<Launched<'a>>, Vec<(&'a Volume, Vec<(String, String)>)>, Vec<String>) {
    let all: Vec<&Instance> =
        net.instances.iter().filter(|i| i.vpc_id == vid && i.state != InstanceState::Terminated).collect();
    let ids: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
    let mut left = Vec::new();
    let mut instances = Vec::new();
    for i in &all {
        if i.auto_scaling_group.is_some() {
            left.push(i.id.clone());
            continue;
        }
        let root = storage.volumes_of(&i.id).into_iter().find_map(|v| {
            v.attachments
                .iter()
                .find(|a| a.instance_id == i.id && is_root_device(&a.device))
                .map(|a| (v, a.device.clone(), a.delete_on_termination))
        });
        instances.push((*i, root));
    }
    let mut data = Vec::new();
    for v in &storage.volumes {
        let atts: Vec<(String, String)> = v
            .attachments
            .iter()
            .filter(|a| ids.contains(&a.instance_id.as_str()))
            .map(|a| (a.instance_id.clone(), a.device.clone()))
            .collect();
        if !atts.is_empty() && !atts.iter().any(|(_, d)| is_root_device(d)) {
            data.push((v, atts));
        }
    }
    (instances, data, left)
}

fn gather<'a>(net: &'a Network, storage: &'a Storage, vpc: &Vpc) -> Parts<'a> {
    let mut names = Names { cfn: BTreeMap::new(), tf: BTreeMap::new() };
    let vid = vpc.id.as_str();
    names.add(vid, "Vpc", "aws_vpc");
    for s in net.subnets.iter().filter(|s| s.vpc_id == vid) {
        names.add(&s.id, "Subnet", "aws_subnet");
    }
    for rt in net.route_tables.iter().filter(|r| r.vpc_id == vid) {
        names.add(&rt.id, "RouteTable", "aws_route_table");
    }
    for g in net.internet_gateways.iter().filter(|g| g.vpc_id.as_deref() == Some(vid)) {
        names.add(&g.id, "InternetGateway", "aws_internet_gateway");
    }
    for g in net.egress_only_igws.iter().filter(|g| g.vpc_id == vid) {
        names.add(&g.id, "EgressOnlyIgw", "aws_egress_only_internet_gateway");
    }
    for n in net.nat_gateways.iter().filter(|n| n.vpc_id == vid && n.state != "deleted") {
        names.add(&n.id, "NatGateway", "aws_nat_gateway");
        if let Some(a) = &n.allocation_id {
            names.add(a, "Eip", "aws_eip");
        }
    }
    for g in net.security_groups.iter().filter(|g| g.vpc_id == vid && g.group_name != "default") {
        names.add(&g.id, "SecurityGroup", "aws_security_group");
    }
    for a in net.network_acls.iter().filter(|a| a.vpc_id == vid && !a.is_default) {
        names.add(&a.id, "NetworkAcl", "aws_network_acl");
    }
    for e in net.endpoints.iter().filter(|e| e.vpc_id == vid) {
        names.add(&e.id, "VpcEndpoint", "aws_vpc_endpoint");
    }
    for p in net.peerings.iter().filter(|p| p.requester_vpc == vid && p.status != "deleted" && p.status != "rejected") {
        names.add(&p.id, "Peering", "aws_vpc_peering_connection");
    }
    let mut notes = vec![
        "The default security group and default network ACL are created by AWS with the VPC; their rules are not in the template."
            .to_string(),
    ];
    if net.peerings.iter().any(|p| p.accepter_vpc == vid) {
        notes.push("Peerings requested by other VPCs are not included; accept them from the requester's side.".into());
    }
    let (instances, volumes, left) = vpc_instances(net, storage, vid);
    for (i, _) in &instances {
        names.add(&i.id, "Instance", "aws_instance");
    }
    for (v, _) in &volumes {
        names.add(&v.id, "Volume", "aws_ebs_volume");
    }
    if !left.is_empty() {
        notes.push(format!(
            "Instances launched by Auto Scaling are left to their group and referred to by ID: {}.",
            left.join(", ")
        ));
    }
    let exported: Vec<&str> = volumes
        .iter()
        .map(|(v, _)| v.id.as_str())
        .chain(instances.iter().filter_map(|(_, r)| r.as_ref().map(|(v, _, _)| v.id.as_str())))
        .collect();
    let snapshots: Vec<&Snapshot> = storage
        .snapshots
        .iter()
        .filter(|s| s.region == vpc.region && exported.contains(&s.volume_id.as_str()))
        .collect();
    if !snapshots.is_empty() {
        // A snapshot resource takes a new snapshot of the new volume: the data of these
        // ones is not in any template (a volume made from one keeps its SnapshotId).
        notes.push(format!(
            "Snapshots ({}) hold the lab's data, which no template carries: Terraform's aws_ebs_snapshot takes a new snapshot of the new volume; CloudFormation has no snapshot resource.",
            snapshots.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    Parts { names, notes, instances, volumes, snapshots }
}

fn name_of(name: &Option<String>) -> Option<&str> {
    name.as_deref()
}

/// The route target's CloudFormation property and Terraform argument, by ID prefix.
fn target_kind(target: &str) -> Option<(&'static str, &'static str)> {
    let prefix = target.split('-').next().unwrap_or("");
    Some(match prefix {
        "igw" | "vgw" => ("GatewayId", "gateway_id"),
        "eigw" => ("EgressOnlyInternetGatewayId", "egress_only_gateway_id"),
        "nat" => ("NatGatewayId", "nat_gateway_id"),
        "pcx" => ("VpcPeeringConnectionId", "vpc_peering_connection_id"),
        "tgw" => ("TransitGatewayId", "transit_gateway_id"),
        "eni" => ("NetworkInterfaceId", "network_interface_id"),
        "vpce" => ("VpcEndpointId", "vpc_endpoint_id"),
        _ => return None,
    })
}

/// An instance route target becomes its primary network interface (both formats take one).
fn route_target(net: &Network, target: &str) -> String {
    if target.starts_with("i-") {
        if let Some(i) = net.instances.iter().find(|i| i.id == target) {
            return i.eni_id.clone();
        }
    }
    target.to_string()
}

fn ports_of(r_protocol: Protocol, ports: Option<(u16, u16)>) -> (i64, i64) {
    match (r_protocol, ports) {
        (Protocol::All, _) => (-1, -1),
        (Protocol::Icmp, _) => (-1, -1),
        (_, Some((a, b))) => (a as i64, b as i64),
        (_, None) => (0, 65535),
    }
}

fn is_default_egress(r: &SgRule) -> bool {
    r.protocol == Protocol::All && matches!(&r.peer, Peer::Cidr(c) if c.to_string() == "0.0.0.0/0")
}

fn tags(name: Option<&str>) -> Value {
    match name {
        Some(n) => json!([{ "Key": "Name", "Value": n }]),
        None => json!([]),
    }
}

/// A CloudFormation template (JSON) that builds the VPC.
pub fn cloudformation(net: &Network, storage: &Storage, vpc: &Vpc) -> Value {
    let p = gather(net, storage, vpc);
    let n = &p.names;
    let mut res = Map::new();
    let vid = vpc.id.as_str();
    let vlog = n.cfn[vid].clone();
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
    let first = vpc.cidrs.first().map(|c| c.to_string()).unwrap_or_default();
    add(
        vlog.clone(),
        json!({ "Type": "AWS::EC2::VPC", "Properties": {
        "CidrBlock": first, "EnableDnsSupport": true, "EnableDnsHostnames": true, "Tags": tags(name_of(&vpc.name)) }}),
    );
    let mut cidr_deps = Vec::new();
    for (i, c) in vpc.cidrs.iter().enumerate().skip(1) {
        let l = format!("{}Cidr{}", vlog, i);
        cidr_deps.push(Value::String(l.clone()));
        add(
            l,
            json!({ "Type": "AWS::EC2::VPCCidrBlock", "Properties": { "VpcId": { "Ref": vlog }, "CidrBlock": c.to_string() }}),
        );
    }
    for s in net.subnets.iter().filter(|s| s.vpc_id == vid) {
        let mut r = json!({ "Type": "AWS::EC2::Subnet", "Properties": {
            "VpcId": { "Ref": vlog }, "CidrBlock": s.cidr.to_string(), "AvailabilityZone": s.availability_zone,
            "MapPublicIpOnLaunch": s.map_public_ip_on_launch, "Tags": tags(name_of(&s.name)) }});
        if !cidr_deps.is_empty() {
            r["DependsOn"] = Value::Array(cidr_deps.clone());
        }
        add(n.cfn[&s.id].clone(), r);
    }
    let mut attachments = Vec::new();
    for g in net.internet_gateways.iter().filter(|g| g.vpc_id.as_deref() == Some(vid)) {
        let l = n.cfn[&g.id].clone();
        add(l.clone(), json!({ "Type": "AWS::EC2::InternetGateway", "Properties": { "Tags": tags(name_of(&g.name)) }}));
        let att = format!("{}Attachment", l);
        attachments.push(Value::String(att.clone()));
        add(
            att,
            json!({ "Type": "AWS::EC2::VPCGatewayAttachment", "Properties": { "VpcId": { "Ref": vlog }, "InternetGatewayId": { "Ref": l } }}),
        );
    }
    for g in net.egress_only_igws.iter().filter(|g| g.vpc_id == vid) {
        add(
            n.cfn[&g.id].clone(),
            json!({ "Type": "AWS::EC2::EgressOnlyInternetGateway", "Properties": { "VpcId": { "Ref": vlog } }}),
        );
    }
    for g in net.nat_gateways.iter().filter(|g| g.vpc_id == vid && g.state != "deleted") {
        let mut props = json!({ "SubnetId": n.cfn_ref(&g.subnet_id), "Tags": tags(name_of(&g.name)) });
        match &g.allocation_id {
            Some(a) => {
                let el = n.cfn[a].clone();
                add(
                    el.clone(),
                    json!({ "Type": "AWS::EC2::EIP", "Properties": { "Domain": "vpc" }, "DependsOn": attachments.clone() }),
                );
                props["AllocationId"] = json!({ "Fn::GetAtt": [el, "AllocationId"] });
            }
            None => props["ConnectivityType"] = json!("private"),
        }
        add(n.cfn[&g.id].clone(), json!({ "Type": "AWS::EC2::NatGateway", "Properties": props }));
    }
    for p2 in net.peerings.iter().filter(|x| n.cfn.contains_key(&x.id)) {
        add(
            n.cfn[&p2.id].clone(),
            json!({ "Type": "AWS::EC2::VPCPeeringConnection", "Properties": {
            "VpcId": { "Ref": vlog }, "PeerVpcId": p2.accepter_vpc, "PeerRegion": p2.accepter_region, "Tags": tags(name_of(&p2.name)) }}),
        );
    }
    let explicit: Vec<&str> = net
        .route_tables
        .iter()
        .filter(|r| r.vpc_id == vid)
        .flat_map(|r| r.associations.iter().map(|a| a.subnet_id.as_str()))
        .collect();
    for rt in net.route_tables.iter().filter(|r| r.vpc_id == vid) {
        let rl = n.cfn[&rt.id].clone();
        add(
            rl.clone(),
            json!({ "Type": "AWS::EC2::RouteTable", "Properties": { "VpcId": { "Ref": vlog }, "Tags": tags(name_of(&rt.name)) }}),
        );
        for (i, r) in rt.routes.iter().enumerate() {
            let Destination::Cidr(dest) = &r.destination else { continue };
            if r.target == "local" {
                continue;
            }
            let mut props = json!({ "RouteTableId": { "Ref": rl } });
            let dkey = if dest.addr().is_ipv4() { "DestinationCidrBlock" } else { "DestinationIpv6CidrBlock" };
            props[dkey] = json!(dest.to_string());
            let target = route_target(net, &r.target);
            if n.cfn.contains_key(&r.target) && r.target.starts_with("i-") {
                // An instance the template launches: its new primary interface is unknown here.
                props["InstanceId"] = n.cfn_ref(&r.target);
            } else {
                let Some((prop, _)) = target_kind(&target) else { continue };
                props[prop] = n.cfn_ref(&target);
            }
            let mut route = json!({ "Type": "AWS::EC2::Route", "Properties": props });
            if target.starts_with("igw-") && !attachments.is_empty() {
                route["DependsOn"] = Value::Array(attachments.clone());
            }
            add(format!("{}Route{}", rl, i), route);
        }
        let mut subnets: Vec<&str> = rt.associations.iter().map(|a| a.subnet_id.as_str()).collect();
        if rt.main {
            // CloudFormation cannot adopt the main route table: subnets that use it
            // implicitly are associated with this copy explicitly.
            subnets.extend(
                net.subnets
                    .iter()
                    .filter(|s| s.vpc_id == vid && !explicit.contains(&s.id.as_str()))
                    .map(|s| s.id.as_str()),
            );
        }
        for s in subnets {
            let l = format!("{}Assoc{}", rl, n.cfn.get(s).cloned().unwrap_or_default());
            add(
                l,
                json!({ "Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": { "RouteTableId": { "Ref": rl }, "SubnetId": n.cfn_ref(s) }}),
            );
        }
    }
    for g in net.security_groups.iter().filter(|g| n.cfn.contains_key(&g.id)) {
        let gl = n.cfn[&g.id].clone();
        add(
            gl.clone(),
            json!({ "Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupName": g.group_name, "GroupDescription": g.description, "VpcId": { "Ref": vlog }, "Tags": tags(name_of(&g.name)) }}),
        );
        for (dir, rules) in [("Ingress", &g.ingress), ("Egress", &g.egress)] {
            for (i, r) in rules.iter().enumerate() {
                if dir == "Egress" && is_default_egress(r) {
                    continue; // CloudFormation adds allow-all egress itself.
                }
                let (from, to) = ports_of(r.protocol, r.ports);
                let mut props = json!({ "GroupId": { "Ref": gl }, "IpProtocol": r.protocol.name(), "FromPort": from, "ToPort": to });
                let ing = dir == "Ingress";
                match &r.peer {
                    Peer::Cidr(c) if c.addr().is_ipv4() => props["CidrIp"] = json!(c.to_string()),
                    Peer::Cidr(c) => props["CidrIpv6"] = json!(c.to_string()),
                    Peer::Group(sg) => {
                        let k = if ing { "SourceSecurityGroupId" } else { "DestinationSecurityGroupId" };
                        props[k] = n.cfn_ref(sg);
                    }
                    Peer::PrefixList(pl) => {
                        let k = if ing { "SourcePrefixListId" } else { "DestinationPrefixListId" };
                        props[k] = json!(pl);
                    }
                }
                if let Some(d) = &r.description {
                    props["Description"] = json!(d);
                }
                add(
                    format!("{}{}{}", gl, dir, i),
                    json!({ "Type": format!("AWS::EC2::SecurityGroup{}", dir), "Properties": props }),
                );
            }
        }
    }
    for a in net.network_acls.iter().filter(|a| n.cfn.contains_key(&a.id)) {
        let al = n.cfn[&a.id].clone();
        add(
            al.clone(),
            json!({ "Type": "AWS::EC2::NetworkAcl", "Properties": { "VpcId": { "Ref": vlog }, "Tags": tags(name_of(&a.name)) }}),
        );
        for e in a.entries.iter().filter(|e| e.rule_number != 32767) {
            let mut props = json!({ "NetworkAclId": { "Ref": al }, "RuleNumber": e.rule_number,
                "Protocol": e.protocol.number().parse::<i64>().unwrap_or(-1),
                "RuleAction": if e.allow { "allow" } else { "deny" }, "Egress": e.egress });
            let ckey = if e.cidr.addr().is_ipv4() { "CidrBlock" } else { "Ipv6CidrBlock" };
            props[ckey] = json!(e.cidr.to_string());
            if e.protocol.has_ports() {
                let (from, to) = e.ports.unwrap_or((0, 65535));
                props["PortRange"] = json!({ "From": from, "To": to });
            }
            if e.protocol == Protocol::Icmp {
                props["Icmp"] = json!({ "Code": -1, "Type": -1 });
            }
            let dir = if e.egress { "Egress" } else { "Ingress" };
            add(
                format!("{}{}{}", al, dir, e.rule_number),
                json!({ "Type": "AWS::EC2::NetworkAclEntry", "Properties": props }),
            );
        }
        for s in &a.associations {
            add(
                format!("{}Assoc{}", al, n.cfn.get(&s.subnet_id).cloned().unwrap_or_default()),
                json!({ "Type": "AWS::EC2::SubnetNetworkAclAssociation", "Properties": { "NetworkAclId": { "Ref": al }, "SubnetId": n.cfn_ref(&s.subnet_id) }}),
            );
        }
    }
    for e in net.endpoints.iter().filter(|e| e.vpc_id == vid) {
        let rts: Vec<Value> = e.route_table_ids.iter().map(|r| n.cfn_ref(r)).collect();
        add(
            n.cfn[&e.id].clone(),
            json!({ "Type": "AWS::EC2::VPCEndpoint", "Properties": {
            "VpcId": { "Ref": vlog }, "VpcEndpointType": "Gateway",
            "ServiceName": { "Fn::Sub": format!("com.amazonaws.${{AWS::Region}}.{}", e.service.short()) },
            "RouteTableIds": rts }}),
        );
    }
    let default_sg =
        net.security_groups.iter().find(|g| g.vpc_id == vid && g.group_name == "default").map(|g| g.id.clone());
    for (i, root) in &p.instances {
        let sgs: Vec<Value> = i
            .security_groups
            .iter()
            .map(|g| {
                if Some(g) == default_sg.as_ref() {
                    json!({ "Fn::GetAtt": [vlog, "DefaultSecurityGroup"] })
                } else {
                    n.cfn_ref(g)
                }
            })
            .collect();
        let mut props = json!({ "ImageId": i.image_id, "InstanceType": i.instance_type, "SubnetId": n.cfn_ref(&i.subnet_id),
            "SecurityGroupIds": sgs, "Tags": tags(name_of(&i.name)) });
        if let Some((v, dev, dot)) = root {
            let mut ebs = json!({ "VolumeSize": v.size_gib, "VolumeType": v.volume_type.as_str(), "Encrypted": v.encrypted, "DeleteOnTermination": dot });
            if let Some(x) = v.iops.filter(|_| v.volume_type.limits().iops_range.is_some()) {
                ebs["Iops"] = json!(x);
            }
            if let Some(t) = v.throughput {
                ebs["Throughput"] = json!(t);
            }
            if let Some(k) = v.kms_key_id.as_ref().filter(|k| **k != default_kms_key(&v.region)) {
                ebs["KmsKeyId"] = json!(k);
            }
            props["BlockDeviceMappings"] = json!([{ "DeviceName": dev, "Ebs": ebs }]);
        }
        add(n.cfn[&i.id].clone(), json!({ "Type": "AWS::EC2::Instance", "Properties": props }));
    }
    for (v, atts) in &p.volumes {
        let vl = n.cfn[&v.id].clone();
        let mut props = json!({ "AvailabilityZone": v.availability_zone, "Size": v.size_gib, "VolumeType": v.volume_type.as_str(),
            "Encrypted": v.encrypted, "Tags": tags(name_of(&v.name)) });
        if let Some(i) = v.iops.filter(|_| v.volume_type.limits().iops_range.is_some()) {
            props["Iops"] = json!(i);
        }
        if let Some(t) = v.throughput {
            props["Throughput"] = json!(t);
        }
        if let Some(k) = v.kms_key_id.as_ref().filter(|k| **k != default_kms_key(&v.region)) {
            props["KmsKeyId"] = json!(k);
        }
        if let Some(s) = &v.snapshot_id {
            props["SnapshotId"] = json!(s);
        }
        if v.multi_attach {
            props["MultiAttachEnabled"] = json!(true);
        }
        add(vl.clone(), json!({ "Type": "AWS::EC2::Volume", "Properties": props }));
        for (i, (inst, dev)) in atts.iter().enumerate() {
            add(
                format!("{}Attachment{}", vl, i),
                json!({ "Type": "AWS::EC2::VolumeAttachment", "Properties": {
                "VolumeId": { "Ref": vl }, "InstanceId": n.cfn_ref(inst), "Device": dev }}),
            );
        }
    }
    let label = vpc.name.clone().unwrap_or_else(|| vpc.id.clone());
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("VPC {} ({}) exported by cloudlab from {}. {}", label, vpc.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "), vpc.region, p.notes.join(" ")),
        "Resources": Value::Object(res),
        "Outputs": { "VpcId": { "Value": { "Ref": vlog } } },
    })
}

/// A quoted HCL string (with `${` and `%{` escaped).
fn hcl_str(s: &str) -> String {
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
    for rt in net.route_tables.iter().filter(|r| r.vpc_id == vid) {
        let rname = n.tf[&rt.id].clone();
        let mut b = vec![kv("vpc_id", vref.clone())];
        b.extend(tf_tags(name_of(&rt.name)));
        tf_block(&mut out, &rname, &b);
        let short = rname.split('.').nth(1).unwrap_or("rt").to_string();
        if rt.main {
            tf_block(
                &mut out,
                &format!("aws_main_route_table_association.{}", short),
                &[kv("vpc_id", vref.clone()), kv("route_table_id", format!("{}.id", rname))],
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
                &mut out,
                &format!("aws_route.{}_{}", short, i),
                &[kv("route_table_id", format!("{}.id", rname)), kv(dkey, hcl_str(&dest.to_string())), kv(arg, value)],
            );
        }
        for a in &rt.associations {
            let sname = n.tf.get(&a.subnet_id).and_then(|s| s.split('.').nth(1)).unwrap_or("subnet").to_string();
            tf_block(
                &mut out,
                &format!("aws_route_table_association.{}_{}", short, sname),
                &[kv("subnet_id", n.tf_ref(&a.subnet_id)), kv("route_table_id", format!("{}.id", rname))],
            );
        }
    }
    for g in net.security_groups.iter().filter(|g| n.tf.contains_key(&g.id)) {
        let gname = n.tf[&g.id].clone();
        let mut b = vec![
            kv("name", hcl_str(&g.group_name)),
            kv("description", hcl_str(&g.description)),
            kv("vpc_id", vref.clone()),
        ];
        b.extend(tf_tags(name_of(&g.name)));
        tf_block(&mut out, &gname, &b);
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
                tf_block(&mut out, &format!("aws_security_group_rule.{}_{}_{}", short, dir, i), &rb);
            }
        }
    }
    for a in net.network_acls.iter().filter(|a| n.tf.contains_key(&a.id)) {
        let aname = n.tf[&a.id].clone();
        let subnets: Vec<String> = a.associations.iter().map(|s| n.tf_ref(&s.subnet_id)).collect();
        let mut b = vec![kv("vpc_id", vref.clone()), kv("subnet_ids", format!("[{}]", subnets.join(", ")))];
        b.extend(tf_tags(name_of(&a.name)));
        tf_block(&mut out, &aname, &b);
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
            tf_block(&mut out, &format!("aws_network_acl_rule.{}_{}_{}", short, dir, e.rule_number), &rb);
        }
    }
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
        tf_block_nested(&mut out, &n.tf[&i.id], &b, &nested);
    }
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
        tf_block(&mut out, &vname, &b);
        let short = vname.split('.').nth(1).unwrap_or("vol").to_string();
        for (i, (inst, dev)) in atts.iter().enumerate() {
            tf_block(
                &mut out,
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
        tf_block(&mut out, &format!("aws_ebs_snapshot.{}", snap.id.replace('-', "_")), &b);
    }
    out.push_str(&format!("output \"vpc_id\" {{\n  value = {}\n}}\n", vref));
    out
}

#[cfg(test)]
mod tests {
    use crate::command::publish::RunCell;
    use crate::kernel::Outcome;
    use crate::lab::Lab;
    use serde_json::Value;

    fn shop() -> Lab {
        let mut s = Lab::default();
        let cell = "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1 --s3-endpoint\n\
                    create-security-group --group-name web --description 'web tier' --vpc-id shop-vpc\n\
                    authorize-security-group-ingress --group-id web --protocol tcp --port 443 --cidr 0.0.0.0/0\n\
                    create-network-acl --vpc-id shop-vpc --name strict\n\
                    create-network-acl-entry --network-acl-id strict --rule-number 100 --protocol tcp --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow --ingress";
        let (_, out) = s.run_cell(cell);
        assert_eq!(out, Outcome::Ok);
        s
    }

    /// Snapshots of the exported volumes: Terraform's `aws_ebs_snapshot` on the volume (a
    /// data volume's resource or the instance's root block device); CloudFormation has no
    /// snapshot resource, so its description says what is left out and why.
    #[test]
    fn snapshots_of_exported_volumes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Lab::default();
        let cell = "create-vpc --cidr-block 10.0.0.0/16 --name lab\n\
                    create-subnet --vpc-id lab --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a\n\
                    run-instances --instance-type t3.micro --subnet-id a --name web\n\
                    create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data\n\
                    attach-volume --volume-id data --instance-id web --device /dev/sdf\n\
                    create-snapshot --volume-id data --description 'nightly' --name night1";
        assert_eq!(s.run_cell(cell).1, Outcome::Ok);
        let root = crate::command::network::tests::json(&mut s, "describe-instances --instance-ids web")
            ["Reservations"][0]["Instances"][0]["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(s.run_cell(&format!("create-snapshot --volume-id {root}")).1, Outcome::Ok);
        let tf = dir.path().join("lab.tf");
        assert_eq!(s.run_cell(&format!("export vpc lab {} --format terraform", tf.display())).1, Outcome::Ok);
        let hcl = std::fs::read_to_string(&tf).unwrap();
        assert_eq!(hcl.matches("resource \"aws_ebs_snapshot\"").count(), 2, "{hcl}");
        assert!(hcl.contains("= aws_ebs_volume.") && hcl.contains("description = \"nightly\""), "{hcl}");
        assert!(hcl.contains(".root_block_device[0].volume_id"), "{hcl}");
        let cf = dir.path().join("lab.json");
        assert_eq!(s.run_cell(&format!("export vpc lab {}", cf.display())).1, Outcome::Ok);
        let t: Value = serde_json::from_str(&std::fs::read_to_string(&cf).unwrap()).unwrap();
        assert!(
            t["Description"].as_str().unwrap().contains("CloudFormation has no snapshot resource"),
            "{}",
            t["Description"]
        );
    }

    #[test]
    fn cloudformation_template_is_valid_and_self_consistent() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let p = dir.path().join("shop.json");
        assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", p.display())).1, Outcome::Ok);
        let t: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let res = t["Resources"].as_object().unwrap();
        let count = |ty: &str| res.values().filter(|r| r["Type"] == ty).count();
        assert_eq!(count("AWS::EC2::VPC"), 1);
        assert_eq!(count("AWS::EC2::Subnet"), 4);
        assert_eq!(count("AWS::EC2::InternetGateway"), 1);
        assert_eq!(count("AWS::EC2::NatGateway"), 1);
        assert_eq!(count("AWS::EC2::EIP"), 1);
        assert_eq!(count("AWS::EC2::VPCEndpoint"), 1);
        assert_eq!(count("AWS::EC2::SecurityGroupIngress"), 1);
        assert_eq!(count("AWS::EC2::NetworkAclEntry"), 1);
        assert!(count("AWS::EC2::Route") >= 2, "a default route per public and private table");
        // Every Ref and GetAtt names a resource of the template.
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(o) => {
                    if let Some(Value::String(r)) = o.get("Ref") {
                        out.push(r.clone());
                    }
                    if let Some(Value::Array(a)) = o.get("Fn::GetAtt") {
                        out.extend(a.first().and_then(Value::as_str).map(String::from));
                    }
                    o.values().for_each(|x| refs(x, out));
                }
                Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(&t, &mut all);
        for r in all.iter().filter(|r| !r.starts_with("AWS::")) {
            assert!(res.contains_key(r), "dangling Ref {}", r);
        }
        for name in res.keys() {
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "logical ID {}", name);
        }
    }

    #[test]
    fn terraform_configuration_has_every_resource_and_balanced_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let p = dir.path().join("shop.tf");
        assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", p.display())).1, Outcome::Ok);
        let tf = std::fs::read_to_string(&p).unwrap();
        for ty in [
            "aws_vpc",
            "aws_subnet",
            "aws_internet_gateway",
            "aws_eip",
            "aws_nat_gateway",
            "aws_route_table",
            "aws_main_route_table_association",
            "aws_route",
            "aws_route_table_association",
            "aws_security_group",
            "aws_security_group_rule",
            "aws_network_acl",
            "aws_network_acl_rule",
            "aws_vpc_endpoint",
        ] {
            assert!(tf.contains(&format!("resource \"{}\" ", ty)), "{} missing", ty);
        }
        assert_eq!(tf.matches('{').count(), tf.matches('}').count());
        assert_eq!(tf.matches('"').count() % 2, 0);
        assert_eq!(tf.matches("resource \"aws_subnet\"").count(), 4);
        // Exporting is read-only and a missing VPC is AWS's error.
        match s.run_cell(&format!("export vpc nope {}", dir.path().join("x.tf").display())).1 {
            Outcome::Error { ename, .. } => assert_eq!(ename, "InvalidVpcID.NotFound"),
            Outcome::Ok => panic!("no such VPC"),
        }
    }

    /// The VPC's instances with their root block device, its EBS data volumes and their
    /// attachments, as
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-instance.html,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volume.html,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volumeattachment.html
    /// and Terraform's aws_instance / aws_ebs_volume / aws_volume_attachment describe them.
    #[test]
    fn ebs_data_volumes_and_attachments_are_exported() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let cell = "run-instances --instance-type t3.micro --subnet-id shop-subnet-private1-us-east-1a --name db1 --block-device-mappings 'DeviceName=/dev/sdf,Ebs={VolumeSize=100,VolumeType=io2,Iops=5000,Encrypted=true}'\n\
                    create-volume --availability-zone us-east-1a --size 50 --volume-type gp3 --iops 4000 --throughput 250 --name logs\n\
                    attach-volume --volume-id logs --instance-id db1 --device /dev/sdg\n\
                    create-volume --availability-zone us-east-1a --size 5 --name loose\n\
                    create-route-table --vpc-id shop-vpc --name appliance\n\
                    create-route --route-table-id appliance --destination-cidr-block 192.168.0.0/16 --instance-id db1";
        assert_eq!(s.run_cell(cell).1, Outcome::Ok);
        let p = dir.path().join("shop.json");
        assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", p.display())).1, Outcome::Ok);
        let t: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let res = t["Resources"].as_object().unwrap();
        let vols: Vec<&Value> =
            res.values().filter(|r| r["Type"] == "AWS::EC2::Volume").map(|r| &r["Properties"]).collect();
        assert_eq!(
            vols.len(),
            2,
            "two data volumes; the root volume and the unattached volume are not the VPC's: {vols:?}"
        );
        let io2 = vols.iter().find(|v| v["VolumeType"] == "io2").expect("the mapped io2 volume");
        assert_eq!(
            (io2["Size"].as_u64(), io2["Iops"].as_u64(), io2["Encrypted"].as_bool()),
            (Some(100), Some(5000), Some(true))
        );
        assert_eq!(io2["AvailabilityZone"], "us-east-1a");
        let gp3 = vols.iter().find(|v| v["VolumeType"] == "gp3").expect("the logs volume");
        assert_eq!(
            (gp3["Size"].as_u64(), gp3["Iops"].as_u64(), gp3["Throughput"].as_u64()),
            (Some(50), Some(4000), Some(250))
        );
        let atts: Vec<&Value> =
            res.values().filter(|r| r["Type"] == "AWS::EC2::VolumeAttachment").map(|r| &r["Properties"]).collect();
        let mut devices: Vec<&str> = atts.iter().map(|a| a["Device"].as_str().unwrap()).collect();
        devices.sort();
        assert_eq!(devices, ["/dev/sdf", "/dev/sdg"]);
        let insts: Vec<(&String, &Value)> = res.iter().filter(|(_, r)| r["Type"] == "AWS::EC2::Instance").collect();
        assert_eq!(insts.len(), 1);
        let (inst_logical, inst) = insts[0];
        let p0 = &inst["Properties"];
        assert_eq!(
            (p0["InstanceType"].as_str(), p0["ImageId"].as_str()),
            (Some("t3.micro"), Some("ami-0c1ab00000000c0de"))
        );
        assert!(res.contains_key(p0["SubnetId"]["Ref"].as_str().unwrap()), "{p0}");
        assert_eq!(p0["SecurityGroupIds"][0]["Fn::GetAtt"][1], "DefaultSecurityGroup", "the VPC's default SG: {p0}");
        let root = &p0["BlockDeviceMappings"][0];
        assert_eq!(
            (
                root["DeviceName"].as_str(),
                root["Ebs"]["VolumeSize"].as_u64(),
                root["Ebs"]["VolumeType"].as_str(),
                root["Ebs"]["DeleteOnTermination"].as_bool()
            ),
            (Some("/dev/xvda"), Some(8), Some("gp3"), Some(true))
        );
        for a in &atts {
            assert_eq!(a["InstanceId"]["Ref"].as_str(), Some(inst_logical.as_str()), "{a}");
            assert!(res.contains_key(a["VolumeId"]["Ref"].as_str().unwrap()), "{a}");
        }
        let via = res
            .values()
            .find(|r| r["Type"] == "AWS::EC2::Route" && r["Properties"]["DestinationCidrBlock"] == "192.168.0.0/16")
            .expect("the appliance route");
        assert_eq!(via["Properties"]["InstanceId"]["Ref"].as_str(), Some(inst_logical.as_str()));
        let tfp = dir.path().join("shop.tf");
        assert_eq!(s.run_cell(&format!("export vpc shop-vpc {}", tfp.display())).1, Outcome::Ok);
        let tf = std::fs::read_to_string(&tfp).unwrap();
        assert_eq!(tf.matches("resource \"aws_ebs_volume\"").count(), 2);
        assert_eq!(tf.matches("resource \"aws_volume_attachment\"").count(), 2);
        assert_eq!(tf.matches("resource \"aws_instance\"").count(), 1);
        for line in [
            "type              = \"io2\"",
            "iops              = 5000",
            "throughput        = 250",
            "device_name = \"/dev/sdf\"",
            "  root_block_device {\n    volume_size           = 8\n",
            "instance_id = aws_instance.",
            ".primary_network_interface_id",
            "vpc_security_group_ids = [aws_vpc.",
        ] {
            assert!(tf.contains(line), "{line} missing in\n{tf}");
        }
        assert_eq!(tf.matches('{').count(), tf.matches('}').count());
    }
}
