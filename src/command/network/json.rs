//! The AWS CLI's JSON shapes of network resources (what `--output json` prints).

use serde_json::{json, Value};

use crate::model::network::security::DEFAULT_DENY_RULE;
use crate::model::network::*;

pub const OWNER_ID: &str = "123456789012";

pub fn tags(name: &Option<String>) -> Value {
    match name {
        Some(n) => json!([{"Key": "Name", "Value": n}]),
        None => json!([]),
    }
}

fn with_tags(mut v: Value, name: &Option<String>) -> Value {
    if name.is_some() {
        v["Tags"] = tags(name);
    }
    v
}

pub fn vpc(v: &Vpc) -> Value {
    with_tags(
        json!({
            "CidrBlock": v.primary_cidr().to_string(),
            "DhcpOptionsId": crate::model::network::dns::default_dhcp_options(&v.region).id,
            "State": "available",
            "VpcId": v.id,
            "OwnerId": OWNER_ID,
            "InstanceTenancy": "default",
            "CidrBlockAssociationSet": v.cidrs.iter().zip(&v.cidr_associations).map(|(c, a)| json!({
                "AssociationId": a, "CidrBlock": c.to_string(), "CidrBlockState": {"State": "associated"}
            })).collect::<Vec<_>>(),
            "IsDefault": v.is_default,
        }),
        &v.name,
    )
}

pub fn subnet(net: &Network, s: &Subnet) -> Value {
    with_tags(
        json!({
            "AvailabilityZone": s.availability_zone,
            "AvailabilityZoneId": crate::model::regions::zone_id(&s.availability_zone),
            "AvailableIpAddressCount": net.available_ip_count(s),
            "CidrBlock": s.cidr.to_string(),
            "DefaultForAz": s.default_for_az,
            "MapPublicIpOnLaunch": s.map_public_ip_on_launch,
            "State": "available",
            "SubnetId": s.id,
            "VpcId": s.vpc_id,
            "OwnerId": OWNER_ID,
            "SubnetArn": format!("arn:aws:ec2:{}:{}:subnet/{}", s.region, OWNER_ID, s.id),
            // No IPv6 and the launch-time DNS defaults: the model's subnets are IPv4-only
            // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html).
            "AssignIpv6AddressOnCreation": false,
            "Ipv6CidrBlockAssociationSet": [],
            "Ipv6Native": false,
            "EnableDns64": false,
            "MapCustomerOwnedIpOnLaunch": false,
            "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": false, "EnableResourceNameDnsAAAARecord": false},
        }),
        &s.name,
    )
}

pub fn route(net: &Network, r: &Route) -> Value {
    let mut v = match &r.destination {
        Destination::Cidr(c) if c.addr().is_ipv4() => json!({"DestinationCidrBlock": c.to_string()}),
        Destination::Cidr(c) => json!({"DestinationIpv6CidrBlock": c.to_string()}),
        Destination::PrefixList(p) => json!({"DestinationPrefixListId": p}),
    };
    let key = match r.target.split('-').next().unwrap_or("") {
        "nat" => "NatGatewayId",
        "pcx" => "VpcPeeringConnectionId",
        "tgw" => "TransitGatewayId",
        "eni" => "NetworkInterfaceId",
        "i" => "InstanceId",
        "eigw" => "EgressOnlyInternetGatewayId",
        _ => "GatewayId",
    };
    v[key] = json!(r.target);
    v["Origin"] = json!(r.origin);
    v["State"] = json!(net.target_state(&r.target));
    v
}

pub fn route_table(net: &Network, t: &RouteTable) -> Value {
    let mut assocs: Vec<Value> = t
        .associations
        .iter()
        .map(|a| json!({"Main": false, "RouteTableAssociationId": a.id, "RouteTableId": t.id, "SubnetId": a.subnet_id, "AssociationState": {"State": "associated"}}))
        .collect();
    if let Some(m) = &t.main_association_id {
        assocs.insert(0, json!({"Main": true, "RouteTableAssociationId": m, "RouteTableId": t.id, "AssociationState": {"State": "associated"}}));
    }
    with_tags(
        json!({
            "Associations": assocs,
            "PropagatingVgws": [],
            "RouteTableId": t.id,
            "Routes": t.routes.iter().map(|r| route(net, r)).collect::<Vec<_>>(),
            "VpcId": t.vpc_id,
            "OwnerId": OWNER_ID,
        }),
        &t.name,
    )
}

/// A group's rules as AWS lists them: one `IpPermissions` entry per protocol and port
/// range, holding every CIDR, group and prefix list of that range
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
fn permissions(rules: &[SgRule]) -> Vec<Value> {
    // (protocol, port range) → its IpPermissions entry, in first-seen order.
    type Range = (Protocol, Option<(u16, u16)>);
    let mut out: Vec<(Range, Value)> = Vec::new();
    for r in rules {
        let key = (r.protocol, r.ports);
        let at = match out.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let mut p = json!({"IpProtocol": r.protocol.name(), "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []});
                if let Some((a, b)) = r.ports {
                    p["FromPort"] = json!(a);
                    p["ToPort"] = json!(b);
                } else if r.protocol != Protocol::All {
                    p["FromPort"] = json!(-1);
                    p["ToPort"] = json!(-1);
                }
                out.push((key, p));
                out.len() - 1
            }
        };
        let mut peer = match &r.peer {
            Peer::Cidr(c) if c.addr().is_ipv4() => ("IpRanges", json!({"CidrIp": c.to_string()})),
            Peer::Cidr(c) => ("Ipv6Ranges", json!({"CidrIpv6": c.to_string()})),
            Peer::Group(g) => ("UserIdGroupPairs", json!({"GroupId": g, "UserId": OWNER_ID})),
            Peer::PrefixList(pl) => ("PrefixListIds", json!({"PrefixListId": pl})),
        };
        if let Some(d) = &r.description {
            peer.1["Description"] = json!(d);
        }
        if let Some(list) = out[at].1[peer.0].as_array_mut() {
            list.push(peer.1);
        }
    }
    out.into_iter().map(|(_, p)| p).collect()
}

pub fn security_group(g: &SecurityGroup) -> Value {
    with_tags(
        json!({
            "Description": g.description,
            "GroupName": g.group_name,
            "IpPermissions": permissions(&g.ingress),
            "OwnerId": OWNER_ID,
            "GroupId": g.id,
            "IpPermissionsEgress": permissions(&g.egress),
            "VpcId": g.vpc_id,
        }),
        &g.name,
    )
}

fn nacl_entry(e: &NaclEntry) -> Value {
    let mut v = json!({
        "CidrBlock": e.cidr.to_string(),
        "Egress": e.egress,
        "Protocol": e.protocol.number(),
        "RuleAction": if e.allow { "allow" } else { "deny" },
        "RuleNumber": e.rule_number,
    });
    if let Some((a, b)) = e.ports {
        v["PortRange"] = json!({"From": a, "To": b});
    }
    v
}

pub fn network_acl(n: &NetworkAcl) -> Value {
    let mut entries: Vec<Value> = n.entries.iter().map(nacl_entry).collect();
    for egress in [false, true] {
        entries.push(json!({"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": DEFAULT_DENY_RULE}));
    }
    with_tags(
        json!({
            "Associations": n.associations.iter().map(|a| json!({"NetworkAclAssociationId": a.id, "NetworkAclId": n.id, "SubnetId": a.subnet_id})).collect::<Vec<_>>(),
            "Entries": entries,
            "IsDefault": n.is_default,
            "NetworkAclId": n.id,
            "VpcId": n.vpc_id,
            "OwnerId": OWNER_ID,
        }),
        &n.name,
    )
}

pub fn internet_gateway(g: &InternetGateway) -> Value {
    with_tags(
        json!({
            "Attachments": g.vpc_id.iter().map(|v| json!({"State": "available", "VpcId": v})).collect::<Vec<_>>(),
            "InternetGatewayId": g.id,
            "OwnerId": OWNER_ID,
        }),
        &g.name,
    )
}

pub fn nat_gateway(n: &NatGateway) -> Value {
    let mut addr = json!({"NetworkInterfaceId": n.eni_id, "PrivateIp": n.private_ip.to_string(), "IsPrimary": true, "Status": "succeeded"});
    if let (Some(a), Some(ip)) = (&n.allocation_id, n.public_ip) {
        addr["AllocationId"] = json!(a);
        addr["PublicIp"] = json!(ip.to_string());
    }
    with_tags(
        json!({
            "ConnectivityType": n.connectivity.as_str(),
            "NatGatewayAddresses": [addr],
            "NatGatewayId": n.id,
            "State": n.state,
            "SubnetId": n.subnet_id,
            "VpcId": n.vpc_id,
        }),
        &n.name,
    )
}

pub fn address(net: &Network, e: &ElasticIp) -> Value {
    let mut v = json!({"AllocationId": e.allocation_id, "PublicIp": e.public_ip.to_string(), "Domain": "vpc", "PublicIpv4Pool": "amazon", "NetworkBorderGroup": e.region});
    if let Some(eni) = e.eni_id.as_ref().and_then(|id| net.network_interfaces.iter().find(|n| &n.id == id)) {
        v["AssociationId"] = json!(e.association_id);
        v["NetworkInterfaceId"] = json!(eni.id);
        v["PrivateIpAddress"] = json!(eni.private_ip.to_string());
        if eni.owner.starts_with("i-") {
            v["InstanceId"] = json!(eni.owner);
        }
    }
    with_tags(v, &e.name)
}

pub fn peering(net: &Network, p: &VpcPeering) -> Value {
    let info = |vpc: &str, region: &str| {
        let cidr = net.vpcs.iter().find(|v| v.id == vpc).map(|v| v.primary_cidr().to_string());
        json!({"CidrBlock": cidr, "OwnerId": OWNER_ID, "VpcId": vpc, "Region": region})
    };
    with_tags(
        json!({
            "AccepterVpcInfo": info(&p.accepter_vpc, &p.accepter_region),
            "RequesterVpcInfo": info(&p.requester_vpc, &p.region),
            "Status": {"Code": p.status, "Message": p.message},
            "VpcPeeringConnectionId": p.id,
        }),
        &p.name,
    )
}

pub fn endpoint(e: &VpcEndpoint) -> Value {
    with_tags(
        json!({
            "VpcEndpointId": e.id,
            "VpcEndpointType": "Gateway",
            "VpcId": e.vpc_id,
            "ServiceName": e.service_name,
            "State": "available",
            "RouteTableIds": e.route_table_ids,
            "PrefixListId": e.prefix_list_id,
            "OwnerId": OWNER_ID,
        }),
        &e.name,
    )
}

pub fn transit_gateway(t: &TransitGateway) -> Value {
    with_tags(
        json!({
            "TransitGatewayId": t.id,
            "TransitGatewayArn": format!("arn:aws:ec2:{}:{}:transit-gateway/{}", t.region, OWNER_ID, t.id),
            "State": "available",
            "OwnerId": OWNER_ID,
            "Options": {"DefaultRouteTableAssociation": "enable", "DefaultRouteTablePropagation": "enable"},
        }),
        &t.name,
    )
}

pub fn tgw_attachment(a: &TgwAttachment) -> Value {
    with_tags(
        json!({
            "TransitGatewayAttachmentId": a.id,
            "TransitGatewayId": a.tgw_id,
            "VpcId": a.vpc_id,
            "VpcOwnerId": OWNER_ID,
            "State": "available",
            "SubnetIds": a.subnet_ids,
        }),
        &a.name,
    )
}

/// The root device of the Amazon Linux AMIs.
const ROOT_DEVICE: &str = "/dev/xvda";

/// The AMI architecture an instance type runs: arm64 for Graviton-only types, else x86_64.
fn architecture(instance_type: &str) -> &'static str {
    match crate::model::compute::catalog::find(instance_type) {
        Some(t) if !t.architectures.iter().any(|a| a == "x86_64") && t.architectures.iter().any(|a| a == "arm64") => {
            "arm64"
        }
        _ => "x86_64",
    }
}

/// A stable `vol-…` ID for an instance's root volume (hex, as AWS's look).
fn root_volume_id(instance_id: &str) -> String {
    let h = instance_id.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    format!("vol-0{:016x}", h)
}

pub fn instance(net: &Network, i: &Instance) -> Value {
    let (private, public, _) = net.instance_addresses(i);
    let groups: Vec<Value> = i
        .security_groups
        .iter()
        .map(|g| json!({"GroupId": g, "GroupName": net.security_groups.iter().find(|x| &x.id == g).map(|x| x.group_name.clone()).unwrap_or_default()}))
        .collect();
    let enis: Vec<Value> = net
        .instance_eni(i)
        .map(|e| {
            let mut v = json!({
                "NetworkInterfaceId": e.id, "SubnetId": e.subnet_id, "VpcId": e.vpc_id,
                "PrivateIpAddress": e.private_ip.to_string(), "Groups": groups.clone(), "Status": "in-use",
                "Attachment": {"DeviceIndex": 0, "Status": "attached", "DeleteOnTermination": true},
            });
            if let Some(p) = e.public_ip {
                v["Association"] = json!({"PublicIp": p.to_string(), "IpOwnerId": if e.eip_allocation.is_some() { OWNER_ID } else { "amazon" }});
            }
            v
        })
        .into_iter()
        .collect();
    let mut v = json!({
        "AmiLaunchIndex": i.launch_index,
        "HibernationOptions": {"Configured": i.hibernation_configured},
        "ImageId": i.image_id,
        "InstanceId": i.id,
        "InstanceType": i.instance_type,
        "Placement": {"AvailabilityZone": i.availability_zone, "Tenancy": "default"},
        "State": {"Code": i.state.code(), "Name": i.state.as_str()},
        "SubnetId": i.subnet_id,
        "VpcId": i.vpc_id,
        "SecurityGroups": groups,
        "NetworkInterfaces": enis,
        // What describe-instances reports for an instance launched with the defaults: an
        // EBS root volume that goes with it, basic monitoring, not launched EBS-optimized
        // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html).
        "Architecture": architecture(&i.instance_type),
        "Monitoring": {"State": "disabled"},
        "RootDeviceType": "ebs",
        "RootDeviceName": ROOT_DEVICE,
        "BlockDeviceMappings": [{"DeviceName": ROOT_DEVICE, "Ebs": {
            "AttachTime": i.launch_time.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "DeleteOnTermination": true, "Status": "attached", "VolumeId": root_volume_id(&i.id),
        }}],
        "EbsOptimized": false,
        "VirtualizationType": "hvm",
        "Hypervisor": "xen",
        "PlatformDetails": "Linux/UNIX",
        "UsageOperation": "RunInstances",
    });
    if let Some(t) = i.launch_time {
        v["LaunchTime"] = json!(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    if let Some(p) = private {
        v["PrivateIpAddress"] = json!(p.to_string());
        v["PrivateDnsName"] = json!(dns::private_dns_name(&i.region, p));
    }
    v["PublicDnsName"] = json!("");
    if let Some(p) = public {
        v["PublicIpAddress"] = json!(p.to_string());
        // DNS hostnames are on in a default VPC and off by default in others.
        if net.vpcs.iter().any(|x| x.id == i.vpc_id && x.is_default) {
            v["PublicDnsName"] = json!(dns::public_dns_name(&i.region, p));
        }
    }
    let mut v = with_tags(v, &i.name);
    if let Some(g) = &i.auto_scaling_group {
        let mut t = v.get("Tags").and_then(Value::as_array).cloned().unwrap_or_default();
        t.push(json!({"Key": "aws:autoscaling:groupName", "Value": g}));
        v["Tags"] = Value::Array(t);
    }
    v
}

/// describe-instances groups instances by reservation (one per run-instances call).
pub fn reservations(net: &Network, rows: &[&Instance]) -> Value {
    let mut res: Vec<(String, Vec<Value>)> = Vec::new();
    for i in rows {
        match res.iter_mut().find(|(r, _)| *r == i.reservation_id) {
            Some((_, v)) => v.push(instance(net, i)),
            None => res.push((i.reservation_id.clone(), vec![instance(net, i)])),
        }
    }
    json!({"Reservations": res.into_iter().map(|(r, v)| json!({"ReservationId": r, "OwnerId": OWNER_ID, "Groups": [], "Instances": v})).collect::<Vec<_>>()})
}
