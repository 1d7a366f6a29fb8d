//! Network resources in the AWS CLI's JSON shapes (`--output json`), built from the model as
//! the serde structs of `command::shapes` that `import aws-cli` also reads.

use serde_json::Value;

use crate::command::shapes::{self, name_tags, to_value, List};
use crate::model::network::security::DEFAULT_DENY_RULE;
use crate::model::network::*;

pub const OWNER_ID: &str = "123456789012";

/// `Tags` that is always there: its Name, or `[]`.
fn tag_list(name: &Option<String>) -> Option<List<shapes::Tag>> {
    Some(name_tags(name).unwrap_or_default())
}

pub fn vpc(v: &Vpc) -> Value {
    to_value(&shapes::Vpc {
        cidr_block: Some(v.primary_cidr().to_string()),
        dhcp_options_id: Some(crate::model::network::dns::default_dhcp_options(&v.region).id),
        state: Some("available".into()),
        vpc_id: Some(v.id.clone()),
        owner_id: Some(OWNER_ID.into()),
        instance_tenancy: Some("default".into()),
        cidr_block_association_set: Some(List(
            v.cidrs
                .iter()
                .zip(&v.cidr_associations)
                .map(|(c, a)| shapes::CidrBlockAssociation {
                    association_id: Some(a.clone()),
                    cidr_block: Some(c.to_string()),
                    cidr_block_state: Some(associated()),
                })
                .collect(),
        )),
        is_default: Some(v.is_default),
        tags: name_tags(&v.name),
    })
}

pub fn associated() -> shapes::StateOf {
    shapes::StateOf { state: Some("associated".into()) }
}

pub fn subnet(net: &Network, s: &Subnet) -> Value {
    to_value(&shapes::Subnet {
        availability_zone: Some(s.availability_zone.clone()),
        availability_zone_id: Some(crate::model::regions::zone_id(&s.availability_zone)),
        available_ip_address_count: Some(net.available_ip_count(s)),
        cidr_block: Some(s.cidr.to_string()),
        default_for_az: Some(s.default_for_az),
        map_public_ip_on_launch: Some(s.map_public_ip_on_launch),
        state: Some("available".into()),
        subnet_id: Some(s.id.clone()),
        vpc_id: Some(s.vpc_id.clone()),
        owner_id: Some(OWNER_ID.into()),
        subnet_arn: Some(format!("arn:aws:ec2:{}:{}:subnet/{}", s.region, OWNER_ID, s.id)),
        // No IPv6 and the launch-time DNS defaults: the model's subnets are IPv4-only
        // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html).
        assign_ipv6_address_on_creation: Some(false),
        ipv6_cidr_block_association_set: Some(List(Vec::new())),
        ipv6_native: Some(false),
        enable_dns64: Some(false),
        map_customer_owned_ip_on_launch: Some(false),
        private_dns_name_options_on_launch: Some(shapes::PrivateDnsNameOptionsOnLaunch {
            hostname_type: Some("ip-name".into()),
            enable_resource_name_dns_a_record: Some(false),
            enable_resource_name_dns_aaaa_record: Some(false),
        }),
        tags: name_tags(&s.name),
    })
}

fn route(net: &Network, r: &Route) -> shapes::Route {
    let mut v = shapes::Route::default();
    match &r.destination {
        Destination::Cidr(c) if c.addr().is_ipv4() => v.destination_cidr_block = Some(c.to_string()),
        Destination::Cidr(c) => v.destination_ipv6_cidr_block = Some(c.to_string()),
        Destination::PrefixList(p) => v.destination_prefix_list_id = Some(p.clone()),
    }
    let target = match r.target.split('-').next().unwrap_or("") {
        "nat" => &mut v.nat_gateway_id,
        "pcx" => &mut v.vpc_peering_connection_id,
        "tgw" => &mut v.transit_gateway_id,
        "eni" => &mut v.network_interface_id,
        "i" => &mut v.instance_id,
        "eigw" => &mut v.egress_only_internet_gateway_id,
        _ => &mut v.gateway_id,
    };
    *target = Some(r.target.clone());
    v.origin = Some(r.origin.into());
    v.state = Some(net.target_state(&r.target).into());
    v
}

pub fn route_table(net: &Network, t: &RouteTable) -> Value {
    let assoc = |main: bool, id: &str, subnet: Option<&String>| shapes::RouteTableAssociation {
        main: Some(main),
        route_table_association_id: Some(id.into()),
        route_table_id: Some(t.id.clone()),
        subnet_id: subnet.cloned(),
        association_state: Some(associated()),
    };
    let main = t.main_association_id.iter().map(|m| assoc(true, m, None));
    let subnets = t.associations.iter().map(|a| assoc(false, &a.id, Some(&a.subnet_id)));
    to_value(&shapes::RouteTable {
        associations: Some(List(main.chain(subnets).collect())),
        propagating_vgws: Some(List(Vec::new())),
        route_table_id: Some(t.id.clone()),
        routes: Some(List(t.routes.iter().map(|r| route(net, r)).collect())),
        vpc_id: Some(t.vpc_id.clone()),
        owner_id: Some(OWNER_ID.into()),
        tags: name_tags(&t.name),
    })
}

fn push<T>(list: &mut Option<List<T>>, x: T) {
    list.get_or_insert_with(|| List(Vec::new())).0.push(x);
}

/// A group's rules as AWS lists them: one `IpPermissions` entry per protocol and port
/// range, holding every CIDR, group and prefix list of that range
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
fn permissions(rules: &[SgRule]) -> List<shapes::IpPermission> {
    // One entry per (protocol, ports), in the order the rules first use them.
    type Key = (Protocol, Option<(u16, u16)>);
    let mut out: Vec<(Key, shapes::IpPermission)> = Vec::new();
    for r in rules {
        let key = (r.protocol, r.ports);
        let at = match out.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let (from, to) = match r.ports {
                    Some((a, b)) => (Some(a as i64), Some(b as i64)),
                    None if r.protocol != Protocol::All => (Some(-1), Some(-1)),
                    None => (None, None),
                };
                let p = shapes::IpPermission {
                    from_port: from,
                    ip_protocol: Some(r.protocol.name()),
                    ip_ranges: Some(List(Vec::new())),
                    ipv6_ranges: Some(List(Vec::new())),
                    prefix_list_ids: Some(List(Vec::new())),
                    to_port: to,
                    user_id_group_pairs: Some(List(Vec::new())),
                };
                out.push((key, p));
                out.len() - 1
            }
        };
        let p = &mut out[at].1;
        let description = r.description.clone();
        match &r.peer {
            Peer::Cidr(c) if c.addr().is_ipv4() => {
                push(&mut p.ip_ranges, shapes::IpRange { cidr_ip: Some(c.to_string()), description })
            }
            Peer::Cidr(c) => {
                push(&mut p.ipv6_ranges, shapes::Ipv6Range { cidr_ipv6: Some(c.to_string()), description })
            }
            Peer::Group(g) => push(
                &mut p.user_id_group_pairs,
                shapes::UserIdGroupPair { group_id: Some(g.clone()), user_id: Some(OWNER_ID.into()), description },
            ),
            Peer::PrefixList(pl) => {
                push(&mut p.prefix_list_ids, shapes::PrefixListId { prefix_list_id: Some(pl.clone()), description })
            }
        }
    }
    List(out.into_iter().map(|(_, p)| p).collect())
}

pub fn security_group(g: &SecurityGroup) -> Value {
    to_value(&shapes::SecurityGroup {
        description: Some(g.description.clone()),
        group_name: Some(g.group_name.clone()),
        ip_permissions: Some(permissions(&g.ingress)),
        owner_id: Some(OWNER_ID.into()),
        group_id: Some(g.id.clone()),
        ip_permissions_egress: Some(permissions(&g.egress)),
        vpc_id: Some(g.vpc_id.clone()),
        tags: name_tags(&g.name),
    })
}

fn nacl_entry(e: &NaclEntry) -> shapes::NetworkAclEntry {
    shapes::NetworkAclEntry {
        cidr_block: Some(e.cidr.to_string()),
        egress: Some(e.egress),
        protocol: Some(e.protocol.number()),
        rule_action: Some(if e.allow { "allow" } else { "deny" }.into()),
        rule_number: Some(e.rule_number.into()),
        port_range: e.ports.map(|(a, b)| shapes::PortRange { from: Some(a.into()), to: Some(b.into()) }),
        ..Default::default()
    }
}

pub fn network_acl(n: &NetworkAcl) -> Value {
    let mut entries: Vec<shapes::NetworkAclEntry> = n.entries.iter().map(nacl_entry).collect();
    for egress in [false, true] {
        entries.push(shapes::NetworkAclEntry {
            cidr_block: Some("0.0.0.0/0".into()),
            egress: Some(egress),
            protocol: Some("-1".into()),
            rule_action: Some("deny".into()),
            rule_number: Some(DEFAULT_DENY_RULE.into()),
            ..Default::default()
        });
    }
    let assoc = |a: &Association| shapes::NetworkAclAssociation {
        network_acl_association_id: Some(a.id.clone()),
        network_acl_id: Some(n.id.clone()),
        subnet_id: Some(a.subnet_id.clone()),
    };
    to_value(&shapes::NetworkAcl {
        associations: Some(List(n.associations.iter().map(assoc).collect())),
        entries: Some(List(entries)),
        is_default: Some(n.is_default),
        network_acl_id: Some(n.id.clone()),
        vpc_id: Some(n.vpc_id.clone()),
        owner_id: Some(OWNER_ID.into()),
        tags: name_tags(&n.name),
    })
}

pub fn internet_gateway(g: &InternetGateway) -> Value {
    let attach =
        |v: &String| shapes::InternetGatewayAttachment { state: Some("available".into()), vpc_id: Some(v.clone()) };
    to_value(&shapes::InternetGateway {
        attachments: Some(List(g.vpc_id.iter().map(attach).collect())),
        internet_gateway_id: Some(g.id.clone()),
        owner_id: Some(OWNER_ID.into()),
        tags: name_tags(&g.name),
    })
}

pub fn nat_gateway(n: &NatGateway) -> Value {
    let mut addr = shapes::NatGatewayAddress {
        network_interface_id: Some(n.eni_id.clone()),
        private_ip: Some(n.private_ip.to_string()),
        is_primary: Some(true),
        status: Some("succeeded".into()),
        ..Default::default()
    };
    if let (Some(a), Some(ip)) = (&n.allocation_id, n.public_ip) {
        addr.allocation_id = Some(a.clone());
        addr.public_ip = Some(ip.to_string());
    }
    to_value(&shapes::NatGateway {
        connectivity_type: Some(n.connectivity.as_str().into()),
        nat_gateway_addresses: Some(List(vec![addr])),
        nat_gateway_id: Some(n.id.clone()),
        state: Some(n.state.into()),
        subnet_id: Some(n.subnet_id.clone()),
        vpc_id: Some(n.vpc_id.clone()),
        tags: name_tags(&n.name),
    })
}

pub fn address(net: &Network, e: &ElasticIp) -> Value {
    let mut v = shapes::Address {
        allocation_id: Some(e.allocation_id.clone()),
        public_ip: Some(e.public_ip.to_string()),
        domain: Some("vpc".into()),
        public_ipv4_pool: Some("amazon".into()),
        network_border_group: Some(e.region.clone()),
        tags: name_tags(&e.name),
        ..Default::default()
    };
    if let Some(eni) = e.eni_id.as_ref().and_then(|id| net.network_interfaces.iter().find(|n| &n.id == id)) {
        v.association_id = Some(e.association_id.clone());
        v.network_interface_id = Some(eni.id.clone());
        v.private_ip_address = Some(eni.private_ip.to_string());
        v.instance_id = Some(eni.owner.clone()).filter(|o| o.starts_with("i-"));
    }
    to_value(&v)
}

pub fn peering(net: &Network, p: &VpcPeering) -> Value {
    let info = |vpc: &str, region: &str| shapes::VpcPeeringConnectionVpcInfo {
        cidr_block: Some(net.vpcs.iter().find(|v| v.id == vpc).map(|v| v.primary_cidr().to_string())),
        owner_id: Some(OWNER_ID.into()),
        vpc_id: Some(vpc.into()),
        region: Some(region.into()),
    };
    to_value(&shapes::VpcPeeringConnection {
        accepter_vpc_info: Some(info(&p.accepter_vpc, &p.accepter_region)),
        requester_vpc_info: Some(info(&p.requester_vpc, &p.region)),
        status: Some(shapes::VpcPeeringConnectionStateReason {
            code: Some(p.status.into()),
            message: Some(p.message.clone()),
        }),
        vpc_peering_connection_id: Some(p.id.clone()),
        tags: name_tags(&p.name),
    })
}

pub fn endpoint(e: &VpcEndpoint) -> Value {
    to_value(&shapes::VpcEndpoint {
        vpc_endpoint_id: Some(e.id.clone()),
        vpc_endpoint_type: Some("Gateway".into()),
        vpc_id: Some(e.vpc_id.clone()),
        service_name: Some(e.service_name.clone()),
        state: Some("available".into()),
        route_table_ids: Some(e.route_table_ids.clone()),
        prefix_list_id: Some(e.prefix_list_id.clone()),
        owner_id: Some(OWNER_ID.into()),
        tags: name_tags(&e.name),
    })
}

pub fn transit_gateway(t: &TransitGateway) -> Value {
    to_value(&shapes::TransitGateway {
        transit_gateway_id: Some(t.id.clone()),
        transit_gateway_arn: Some(format!("arn:aws:ec2:{}:{}:transit-gateway/{}", t.region, OWNER_ID, t.id)),
        state: Some("available".into()),
        owner_id: Some(OWNER_ID.into()),
        options: Some(shapes::TransitGatewayOptions {
            default_route_table_association: Some("enable".into()),
            default_route_table_propagation: Some("enable".into()),
        }),
        tags: name_tags(&t.name),
    })
}

pub fn tgw_attachment(a: &TgwAttachment) -> Value {
    to_value(&shapes::TransitGatewayVpcAttachment {
        transit_gateway_attachment_id: Some(a.id.clone()),
        transit_gateway_id: Some(a.tgw_id.clone()),
        vpc_id: Some(a.vpc_id.clone()),
        vpc_owner_id: Some(OWNER_ID.into()),
        state: Some("available".into()),
        subnet_ids: Some(a.subnet_ids.clone()),
        tags: name_tags(&a.name),
    })
}

pub fn vpn_gateway(g: &VpnGateway) -> shapes::VpnGateway {
    let attach = |v: &String| shapes::VpcAttachment { state: Some("attached".into()), vpc_id: Some(v.clone()) };
    shapes::VpnGateway {
        state: Some("available".into()),
        kind: Some("ipsec.1".into()),
        vpc_attachments: Some(List(g.vpc_id.iter().map(attach).collect())),
        vpn_gateway_id: Some(g.id.clone()),
        tags: tag_list(&g.name),
    }
}

pub fn egress_only_igw(g: &EgressOnlyIgw) -> shapes::EgressOnlyInternetGateway {
    shapes::EgressOnlyInternetGateway {
        attachments: Some(List(vec![shapes::InternetGatewayAttachment {
            state: Some("attached".into()),
            vpc_id: Some(g.vpc_id.clone()),
        }])),
        egress_only_internet_gateway_id: Some(g.id.clone()),
        tags: tag_list(&g.name),
    }
}

pub fn customer_gateway(g: &vpn::CustomerGateway) -> shapes::CustomerGateway {
    shapes::CustomerGateway {
        bgp_asn: Some(g.bgp_asn.to_string()),
        customer_gateway_id: Some(g.id.clone()),
        ip_address: Some(g.ip_address.to_string()),
        state: Some("available".into()),
        kind: Some("ipsec.1".into()),
        tags: tag_list(&g.name),
    }
}

/// A VPN connection: two tunnels, both `UP` (the model has no tunnel failures).
pub fn vpn_connection(net: &Network, c: &vpn::VpnConnection) -> shapes::VpnConnection {
    let cgw = net.customer_gateways.iter().find(|g| g.id == c.customer_gateway_id);
    let route = |r: &ipnet::Ipv4Net| shapes::VpnStaticRoute {
        destination_cidr_block: Some(r.to_string()),
        state: Some("available".into()),
    };
    let tunnel = |ip: &std::net::Ipv4Addr| shapes::VgwTelemetry {
        outside_ip_address: Some(ip.to_string()),
        status: Some("UP".into()),
    };
    shapes::VpnConnection {
        vpn_connection_id: Some(c.id.clone()),
        state: Some("available".into()),
        kind: Some("ipsec.1".into()),
        category: Some("VPN".into()),
        customer_gateway_id: Some(c.customer_gateway_id.clone()),
        vpn_gateway_id: Some(c.vpn_gateway_id.clone()),
        options: Some(shapes::VpnConnectionOptions { static_routes_only: Some(c.static_routes_only) }),
        routes: Some(List(c.routes.iter().map(route).collect())),
        vgw_telemetry: Some(List(c.tunnel_outside_ips.iter().map(tunnel).collect())),
        customer_gateway_configuration: Some(
            cgw.map(|g| format!("customer gateway {} (ASN {})", g.ip_address, g.bgp_asn)),
        ),
        tags: tag_list(&c.name),
    }
}

pub fn dhcp_options(d: &dns::DhcpOptions) -> shapes::DhcpOptions {
    let config = |key: &str, values: &[String]| shapes::DhcpConfiguration {
        key: Some(key.into()),
        values: Some(List(values.iter().map(|v| shapes::AttributeValue { value: Some(v.clone()) }).collect())),
    };
    shapes::DhcpOptions {
        dhcp_configurations: Some(List(vec![
            config("domain-name", std::slice::from_ref(&d.domain_name)),
            config("domain-name-servers", &d.domain_name_servers),
        ])),
        dhcp_options_id: Some(d.id.clone()),
        owner_id: Some(OWNER_ID.into()),
        tags: Some(List(Vec::new())),
    }
}

pub fn network_interface(e: &NetworkInterface) -> shapes::NetworkInterface {
    let group = |g: &String| shapes::GroupIdentifier { group_id: Some(g.clone()), group_name: None };
    shapes::NetworkInterface {
        network_interface_id: Some(e.id.clone()),
        interface_type: Some(e.interface_type.into()),
        subnet_id: Some(e.subnet_id.clone()),
        vpc_id: Some(e.vpc_id.clone()),
        availability_zone: Some(e.availability_zone.clone()),
        private_ip_address: Some(e.private_ip.to_string()),
        description: Some(e.description.clone()),
        groups: Some(List(e.security_groups.iter().map(group).collect())),
        association: Some(e.public_ip.map(|p| shapes::NetworkInterfaceAssociation { public_ip: Some(p.to_string()) })),
        status: Some("in-use".into()),
    }
}

/// Every zone of the model is an opted-in availability zone (no Local or Wavelength Zones).
pub fn availability_zone(region: &str, name: &str, zone_id: &str) -> shapes::AvailabilityZone {
    shapes::AvailabilityZone {
        state: Some("available".into()),
        opt_in_status: Some("opt-in-not-required".into()),
        messages: Some(List(Vec::new())),
        region_name: Some(region.into()),
        zone_name: Some(name.into()),
        zone_id: Some(zone_id.into()),
        group_name: Some(region.into()),
        network_border_group: Some(region.into()),
        zone_type: Some("availability-zone".into()),
    }
}

pub fn ec2_region(r: &crate::model::regions::Region) -> shapes::Region {
    shapes::Region {
        endpoint: Some(r.ec2_endpoint()),
        region_name: Some(r.code.clone()),
        opt_in_status: Some("opt-in-not-required".into()),
    }
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

fn instance(net: &Network, i: &Instance) -> shapes::Instance {
    let (private, public, _) = net.instance_addresses(i);
    let groups: Vec<shapes::GroupIdentifier> = i
        .security_groups
        .iter()
        .map(|g| shapes::GroupIdentifier {
            group_id: Some(g.clone()),
            group_name: Some(
                net.security_groups.iter().find(|x| &x.id == g).map(|x| x.group_name.clone()).unwrap_or_default(),
            ),
        })
        .collect();
    let enis: Vec<shapes::InstanceNetworkInterface> = net
        .instance_eni(i)
        .map(|e| shapes::InstanceNetworkInterface {
            network_interface_id: Some(e.id.clone()),
            subnet_id: Some(e.subnet_id.clone()),
            vpc_id: Some(e.vpc_id.clone()),
            private_ip_address: Some(e.private_ip.to_string()),
            groups: Some(List(groups.clone())),
            status: Some("in-use".into()),
            attachment: Some(shapes::InstanceNetworkInterfaceAttachment {
                device_index: Some(0),
                status: Some("attached".into()),
                delete_on_termination: Some(true),
            }),
            association: e.public_ip.map(|p| shapes::InstanceNetworkInterfaceAssociation {
                public_ip: Some(p.to_string()),
                ip_owner_id: Some(if e.eip_allocation.is_some() { OWNER_ID } else { "amazon" }.into()),
            }),
        })
        .into_iter()
        .collect();
    let launch_time = i.launch_time.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let mut tags = name_tags(&i.name);
    if let Some(g) = &i.auto_scaling_group {
        push(&mut tags, shapes::Tag { key: Some("aws:autoscaling:groupName".into()), value: Some(g.clone()) });
    }
    // DNS hostnames are on in a default VPC and off by default in others.
    let public_dns = match public {
        Some(p) if net.vpcs.iter().any(|x| x.id == i.vpc_id && x.is_default) => dns::public_dns_name(&i.region, p),
        _ => String::new(),
    };
    shapes::Instance {
        ami_launch_index: Some(i.launch_index.into()),
        hibernation_options: Some(shapes::HibernationOptions { configured: Some(i.hibernation_configured) }),
        image_id: Some(i.image_id.clone()),
        instance_id: Some(i.id.clone()),
        instance_type: Some(i.instance_type.clone()),
        placement: Some(shapes::Placement {
            availability_zone: Some(i.availability_zone.clone()),
            tenancy: Some("default".into()),
        }),
        state: Some(shapes::InstanceState { code: Some(i.state.code().into()), name: Some(i.state.as_str().into()) }),
        subnet_id: Some(i.subnet_id.clone()),
        vpc_id: Some(i.vpc_id.clone()),
        security_groups: Some(List(groups)),
        network_interfaces: Some(List(enis)),
        // What describe-instances reports for an instance launched with the defaults: an
        // EBS root volume that goes with it, basic monitoring, not launched EBS-optimized
        // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html).
        architecture: Some(architecture(&i.instance_type).into()),
        monitoring: Some(shapes::Monitoring { state: Some("disabled".into()) }),
        root_device_type: Some("ebs".into()),
        root_device_name: Some(ROOT_DEVICE.into()),
        block_device_mappings: Some(List(vec![shapes::InstanceBlockDeviceMapping {
            device_name: Some(ROOT_DEVICE.into()),
            ebs: Some(shapes::EbsInstanceBlockDevice {
                attach_time: Some(launch_time.clone()),
                delete_on_termination: Some(true),
                status: Some("attached".into()),
                volume_id: Some(root_volume_id(&i.id)),
            }),
        }])),
        ebs_optimized: Some(false),
        virtualization_type: Some("hvm".into()),
        hypervisor: Some("xen".into()),
        platform_details: Some("Linux/UNIX".into()),
        usage_operation: Some("RunInstances".into()),
        launch_time,
        private_ip_address: private.map(|p| p.to_string()),
        private_dns_name: private.map(|p| dns::private_dns_name(&i.region, p)),
        public_dns_name: Some(public_dns),
        public_ip_address: public.map(|p| p.to_string()),
        tags,
    }
}

/// describe-instances groups instances by reservation (one per run-instances call).
pub fn reservations(net: &Network, rows: &[&Instance]) -> Vec<shapes::Reservation> {
    let mut res: Vec<shapes::Reservation> = Vec::new();
    for i in rows {
        let at = match res.iter().position(|r| r.reservation_id.as_ref() == Some(&i.reservation_id)) {
            Some(at) => at,
            None => {
                res.push(shapes::Reservation {
                    reservation_id: Some(i.reservation_id.clone()),
                    owner_id: Some(OWNER_ID.into()),
                    groups: Some(List(Vec::new())),
                    instances: Some(List(Vec::new())),
                });
                res.len() - 1
            }
        };
        push(&mut res[at].instances, instance(net, i));
    }
    res
}
