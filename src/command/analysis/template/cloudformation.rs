//! The CloudFormation template (JSON).

use serde_json::{json, Map, Value};

use super::{gather, name_of, ports_of, route_target, target_kind, Names, Parts};
use crate::model::network::{Destination, Network, Peer, Protocol, SgRule, Vpc};
use crate::model::storage::{default_kms_key, Storage};

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
    route_tables(&mut res, net, n, vid, &vlog, &attachments);
    security_groups(&mut res, net, n, &vlog);
    network_acls(&mut res, net, n, &vlog);
    endpoints(&mut res, net, n, vid, &vlog);
    instances(&mut res, net, &p, vid, &vlog);
    volumes(&mut res, &p);
    let label = vpc.name.clone().unwrap_or_else(|| vpc.id.clone());
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("VPC {} ({}) exported by cloudlab from {}. {}", label, vpc.cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "), vpc.region, p.notes.join(" ")),
        "Resources": Value::Object(res),
        "Outputs": { "VpcId": { "Value": { "Ref": vlog } } },
    })
}

/// Each route table with its routes (not `local`) and subnet associations; the main one also
/// takes the subnets that use it implicitly.
fn route_tables(res: &mut Map<String, Value>, net: &Network, n: &Names, vid: &str, vlog: &str, attachments: &[Value]) {
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
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
                route["DependsOn"] = Value::Array(attachments.to_vec());
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
}

/// Each security group and its rules, less the allow-all egress CloudFormation adds itself.
fn security_groups(res: &mut Map<String, Value>, net: &Network, n: &Names, vlog: &str) {
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
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
}

/// Each custom network ACL, its rules (not the implicit 32767 ones) and subnet associations.
fn network_acls(res: &mut Map<String, Value>, net: &Network, n: &Names, vlog: &str) {
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
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
}

/// Each gateway endpoint of the VPC.
fn endpoints(res: &mut Map<String, Value>, net: &Network, n: &Names, vid: &str, vlog: &str) {
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
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
}

/// Each instance the template launches, with its root block device.
fn instances(res: &mut Map<String, Value>, net: &Network, p: &Parts, vid: &str, vlog: &str) {
    let n = &p.names;
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
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
}

/// Each data volume and its attachments.
fn volumes(res: &mut Map<String, Value>, p: &Parts) {
    let n = &p.names;
    let mut add = |logical: String, v: Value| {
        res.insert(logical, v);
    };
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
}
