//! `import aws-cli PATH`: saved `aws ec2 describe-*` JSON (a file, or every `.json` file of
//! a directory) turned into model resources, so a real account's network can be analysed
//! offline with `reach`, `diagram`, `cost` and `sql`.
//!
//! Everything is parsed and cross-checked before anything is added: a malformed file, an
//! unknown shape, a resource whose VPC or subnet is missing, or an ID the lab already has
//! is an error naming the file and resource, and nothing is imported.

use std::collections::HashSet;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use ipnet::{IpNet, Ipv4Net};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::command::shapes::{self, each, tag, List};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Reply, Run};
use crate::lab::Lab;
use crate::model::network::security::DEFAULT_DENY_RULE;
use crate::model::network::*;

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "import aws-cli",
        service: "lab",
        summary: "load saved `aws ec2 describe-*` JSON into the model",
        usage: "import aws-cli FILE|DIR [--region REGION]",
        help: "Reads the JSON that `aws ec2 describe-vpcs`, `describe-subnets`, `describe-route-tables`, \
               `describe-security-groups`, `describe-network-acls`, `describe-internet-gateways`, \
               `describe-nat-gateways`, `describe-instances`, `describe-volumes` and `describe-snapshots` print (one file, or every .json file of a \
               directory) and adds those resources with their real IDs. The region comes from the subnets' \
               availability zones, else --region, else the lab's region. Nothing is imported if any file is \
               malformed or refers to a VPC or subnet that is in neither the files nor the lab. Each file must be a \
               regular file of at most 256 MiB.\n\
               Example: aws ec2 describe-vpcs > vpcs.json (and so on), then `import aws-cli ./account/`",
        flags: &[],
        run: Run::WriteFromFile(import),
    }]
}

fn bad(file: &str, msg: impl Into<String>) -> CommandError {
    CommandError::new("InvalidImportFile", format!("{}: {}", file, msg.into()))
        .with_hint("nothing was imported; save the output of `aws ec2 describe-… --output json` unchanged")
}

/// The files to read: PATH itself, or the `.json` files of a directory in name order.
fn files(path: &Path) -> Result<Vec<PathBuf>, CommandError> {
    // `read_text` later refuses what is not a regular file (a FIFO, a device).
    let Some(names) = crate::command::files::list_dir(path)? else { return Ok(vec![path.to_path_buf()]) };
    let v: Vec<PathBuf> = names
        .iter()
        .filter(|n| Path::new(n).extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
        .map(|n| path.join(n))
        .collect();
    if v.is_empty() {
        return Err(CommandError::new("InvalidImportFile", format!("no .json files in '{}'", path.display())));
    }
    Ok(v)
}

/// The saved documents, grouped by the describe-* call that printed them, each with the
/// file it came from.
#[derive(Default)]
struct Docs {
    vpcs: Vec<(String, shapes::Vpc)>,
    subnets: Vec<(String, shapes::Subnet)>,
    route_tables: Vec<(String, shapes::RouteTable)>,
    security_groups: Vec<(String, shapes::SecurityGroup)>,
    network_acls: Vec<(String, shapes::NetworkAcl)>,
    internet_gateways: Vec<(String, shapes::InternetGateway)>,
    nat_gateways: Vec<(String, shapes::NatGateway)>,
    /// With the `ReservationId` of the reservation that lists them.
    instances: Vec<(String, String, shapes::Instance)>,
    volumes: Vec<(String, shapes::Volume)>,
    snapshots: Vec<(String, shapes::Snapshot)>,
}

const KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "RouteTables",
    "SecurityGroups",
    "NetworkAcls",
    "InternetGateways",
    "NatGateways",
    "Reservations",
    "Volumes",
    "Snapshots",
];

/// A list's entries (objects, checked) as shapes, each with its file.
fn shapes_of<T: DeserializeOwned + Default>(file: &str, list: Vec<Value>) -> impl Iterator<Item = (String, T)> + '_ {
    list.into_iter().map(move |v| (file.to_string(), serde_json::from_value(v).unwrap_or_default()))
}

fn read_docs(paths: &[PathBuf]) -> Result<Docs, CommandError> {
    let mut d = Docs::default();
    for p in paths {
        let name = p.display().to_string();
        let text = crate::command::files::read_text(&name, crate::command::files::MAX_IMPORT_FILE, "import aws-cli")?;
        let v: Value = serde_json::from_str(&text).map_err(|e| bad(&name, format!("not valid JSON ({})", e)))?;
        let Value::Object(mut obj) = v else { return Err(bad(&name, "the top level is not a JSON object")) };
        let mut known = 0;
        for key in KEYS {
            let Some(list) = obj.remove(*key) else { continue };
            known += 1;
            let Value::Array(list) = list else { return Err(bad(&name, format!("\"{}\" is not a list", key))) };
            for item in &list {
                if !item.is_object() {
                    return Err(bad(&name, format!("an entry of \"{}\" is not an object", key)));
                }
                if *key == "Reservations" && !item.get("Instances").is_some_and(Value::is_array) {
                    return Err(bad(&name, "a reservation has no \"Instances\" list"));
                }
            }
            match *key {
                "Vpcs" => d.vpcs.extend(shapes_of(&name, list)),
                "Subnets" => d.subnets.extend(shapes_of(&name, list)),
                "RouteTables" => d.route_tables.extend(shapes_of(&name, list)),
                "SecurityGroups" => d.security_groups.extend(shapes_of(&name, list)),
                "NetworkAcls" => d.network_acls.extend(shapes_of(&name, list)),
                "InternetGateways" => d.internet_gateways.extend(shapes_of(&name, list)),
                "NatGateways" => d.nat_gateways.extend(shapes_of(&name, list)),
                "Volumes" => d.volumes.extend(shapes_of(&name, list)),
                "Snapshots" => d.snapshots.extend(shapes_of(&name, list)),
                _ => {
                    for (_, r) in shapes_of::<shapes::Reservation>(&name, list) {
                        let reservation = r.reservation_id.unwrap_or_default();
                        let insts = r.instances.map(|l| l.0).unwrap_or_default();
                        d.instances.extend(insts.into_iter().map(|i| (name.clone(), reservation.clone(), i)));
                    }
                }
            }
        }
        if known == 0 {
            return Err(bad(
                &name,
                format!("not the output of a supported describe-* call (expected one of: {})", KEYS.join(", ")),
            ));
        }
    }
    Ok(d)
}

/// A field the import needs: `what has no "key"` when it is absent (or not a string).
fn req<'a>(file: &str, field: &'a Option<String>, key: &str, what: &str) -> Result<&'a str, CommandError> {
    field.as_deref().ok_or_else(|| bad(file, format!("{} has no \"{}\"", what, key)))
}

fn ipv4net(file: &str, text: &str, what: &str) -> Result<Ipv4Net, CommandError> {
    text.parse().map_err(|_| bad(file, format!("{} has an invalid CIDR '{}'", what, text)))
}

fn ipnet(file: &str, text: &str, what: &str) -> Result<IpNet, CommandError> {
    text.parse().map_err(|_| bad(file, format!("{} has an invalid CIDR '{}'", what, text)))
}

fn ip(file: &str, text: &str, what: &str) -> Result<Ipv4Addr, CommandError> {
    text.parse().map_err(|_| bad(file, format!("{} has an invalid IPv4 address '{}'", what, text)))
}

fn opt_ip(file: &str, text: &Option<String>, what: &str) -> Result<Option<Ipv4Addr>, CommandError> {
    text.as_deref().map(|p| ip(file, p, what)).transpose()
}

fn protocol(file: &str, field: &Option<String>, key: &str, what: &str) -> Result<Protocol, CommandError> {
    let p = req(file, field, key, what)?;
    Protocol::parse(p).ok_or_else(|| bad(file, format!("{} has an unknown protocol '{}'", what, p)))
}

/// `(FromPort, ToPort)` of a security group permission (None = all ports).
fn sg_ports(p: &shapes::IpPermission, proto: Protocol) -> Option<(u16, u16)> {
    if !proto.has_ports() {
        return None;
    }
    let (from, to) = (p.from_port?, p.to_port?);
    if from <= 0 && to >= 65535 || from < 0 {
        return None;
    }
    Some((from as u16, to.clamp(0, 65535) as u16))
}

fn sg_rules(
    file: &str,
    perms: &Option<List<shapes::IpPermission>>,
    gid: &str,
    dir: &str,
) -> Result<Vec<SgRule>, CommandError> {
    let mut out = Vec::new();
    for (i, p) in each(perms).iter().enumerate() {
        let what = format!("{} {} permission {}", gid, dir, i + 1);
        let proto = protocol(file, &p.ip_protocol, "IpProtocol", &what)?;
        let ports = sg_ports(p, proto);
        let mut push = |peer: Peer, desc: &Option<String>| {
            out.push(SgRule {
                id: format!("sgr-{}-{}-{}", gid.trim_start_matches("sg-"), dir, out.len()),
                protocol: proto,
                ports,
                peer,
                description: desc.clone(),
            });
        };
        for r in each(&p.ip_ranges) {
            push(Peer::Cidr(ipnet(file, req(file, &r.cidr_ip, "CidrIp", &what)?, &what)?), &r.description);
        }
        for r in each(&p.ipv6_ranges) {
            push(Peer::Cidr(ipnet(file, req(file, &r.cidr_ipv6, "CidrIpv6", &what)?, &what)?), &r.description);
        }
        for r in each(&p.user_id_group_pairs) {
            push(Peer::Group(req(file, &r.group_id, "GroupId", &what)?.to_string()), &r.description);
        }
        for r in each(&p.prefix_list_ids) {
            push(Peer::PrefixList(req(file, &r.prefix_list_id, "PrefixListId", &what)?.to_string()), &r.description);
        }
    }
    Ok(out)
}

/// The region an availability zone belongs to (`us-east-1a` → `us-east-1`).
fn az_region(az: &str) -> String {
    az.trim_end_matches(|c: char| c.is_ascii_lowercase()).to_string()
}

/// The highest values AWS lets an account raise its VPC quotas to
/// (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html): a real
/// account's files never exceed them, and `reach` relies on them to stay fast.
const MAX_RULES_PER_SG_DIRECTION: usize = 1_000;
const MAX_SGS_PER_ENI: usize = 16;
const MAX_NACL_RULES_PER_DIRECTION: usize = 40;
const MAX_ROUTES_PER_TABLE: usize = 1_000;

fn within_quota(file: &str, id: &str, what: &str, n: usize, max: usize) -> Result<(), CommandError> {
    if n > max {
        return Err(bad(
            file,
            format!("{id} has {n} {what}; AWS allows at most {max} even with a raised quota (amazon-vpc-limits)"),
        ));
    }
    Ok(())
}

fn build(net: &mut Network, d: &Docs, region: &str) -> Result<Vec<(&'static str, usize)>, CommandError> {
    let mut counts = Vec::new();
    // Every ID in the lab, and the VPCs and subnets resources may refer to, as sets: the
    // linear scans they replace made importing 30,000 VPCs take 17.7 s (issue 19).
    let mut ids: HashSet<String> = net
        .vpcs
        .iter()
        .map(|x| &x.id)
        .chain(net.subnets.iter().map(|x| &x.id))
        .chain(net.route_tables.iter().map(|x| &x.id))
        .chain(net.security_groups.iter().map(|x| &x.id))
        .chain(net.network_acls.iter().map(|x| &x.id))
        .chain(net.internet_gateways.iter().map(|x| &x.id))
        .chain(net.nat_gateways.iter().map(|x| &x.id))
        .chain(net.instances.iter().map(|x| &x.id))
        .cloned()
        .collect();
    let mut vpc_ids: HashSet<String> = net.vpcs.iter().map(|x| x.id.clone()).collect();
    let mut subnet_ids: HashSet<String> = net.subnets.iter().map(|x| x.id.clone()).collect();
    let fresh = |ids: &mut HashSet<String>, file: &str, id: &str| -> Result<(), CommandError> {
        if !ids.insert(id.to_string()) {
            Err(CommandError::new("InvalidImportFile", format!("{}: {} is already in the lab", file, id))
                .with_hint("nothing was imported; `reset` first to import into an empty lab"))
        } else {
            Ok(())
        }
    };
    let need_vpc = |vpcs: &HashSet<String>, file: &str, vpc: &str, what: &str| -> Result<(), CommandError> {
        if vpcs.contains(vpc) {
            Ok(())
        } else {
            Err(bad(
                file,
                format!("{} is in {}, which is in neither the files nor the lab (add describe-vpcs output)", what, vpc),
            ))
        }
    };
    for (file, v) in &d.vpcs {
        let id = req(file, &v.vpc_id, "VpcId", "a VPC")?;
        fresh(&mut ids, file, id)?;
        let mut cidrs = Vec::new();
        let mut assocs = Vec::new();
        for a in each(&v.cidr_block_association_set) {
            let state = a.cidr_block_state.as_ref().and_then(|s| s.state.as_deref());
            if state.is_none_or(|st| st == "associated") {
                cidrs.push(ipv4net(file, req(file, &a.cidr_block, "CidrBlock", id)?, id)?);
                assocs.push(a.association_id.clone().unwrap_or_default());
            }
        }
        if cidrs.is_empty() {
            cidrs.push(ipv4net(file, req(file, &v.cidr_block, "CidrBlock", id)?, id)?);
            assocs.push(String::new());
        }
        vpc_ids.insert(id.to_string());
        net.vpcs.push(Vpc {
            id: id.into(),
            region: region.into(),
            cidrs,
            cidr_associations: assocs,
            is_default: v.is_default.unwrap_or(false),
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("VPCs", d.vpcs.len()));
    for (file, v) in &d.subnets {
        let id = req(file, &v.subnet_id, "SubnetId", "a subnet")?;
        fresh(&mut ids, file, id)?;
        let vpc = req(file, &v.vpc_id, "VpcId", id)?;
        need_vpc(&vpc_ids, file, vpc, id)?;
        subnet_ids.insert(id.to_string());
        net.subnets.push(Subnet {
            id: id.into(),
            region: region.into(),
            vpc_id: vpc.into(),
            availability_zone: req(file, &v.availability_zone, "AvailabilityZone", id)?.into(),
            cidr: ipv4net(file, req(file, &v.cidr_block, "CidrBlock", id)?, id)?,
            map_public_ip_on_launch: v.map_public_ip_on_launch.unwrap_or(false),
            default_for_az: v.default_for_az.unwrap_or(false),
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("subnets", d.subnets.len()));
    let need_subnet = |subnets: &HashSet<String>, file: &str, subnet: &str, what: &str| -> Result<(), CommandError> {
        if subnets.contains(subnet) {
            Ok(())
        } else {
            Err(bad(
                file,
                format!(
                    "{} refers to {}, which is in neither the files nor the lab (add describe-subnets output)",
                    what, subnet
                ),
            ))
        }
    };
    for (file, v) in &d.internet_gateways {
        let id = req(file, &v.internet_gateway_id, "InternetGatewayId", "an internet gateway")?;
        fresh(&mut ids, file, id)?;
        let vpc = each(&v.attachments).first().and_then(|a| a.vpc_id.clone());
        if let Some(vpc) = &vpc {
            need_vpc(&vpc_ids, file, vpc, id)?;
        }
        net.internet_gateways.push(InternetGateway {
            id: id.into(),
            region: region.into(),
            vpc_id: vpc,
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("internet gateways", d.internet_gateways.len()));
    for (file, v) in &d.nat_gateways {
        let id = req(file, &v.nat_gateway_id, "NatGatewayId", "a NAT gateway")?;
        let state = v.state.as_deref().unwrap_or("available");
        if state == "deleted" || state == "failed" {
            continue;
        }
        fresh(&mut ids, file, id)?;
        let vpc = req(file, &v.vpc_id, "VpcId", id)?;
        need_vpc(&vpc_ids, file, vpc, id)?;
        let subnet = req(file, &v.subnet_id, "SubnetId", id)?;
        need_subnet(&subnet_ids, file, subnet, id)?;
        let addr = each(&v.nat_gateway_addresses)
            .first()
            .ok_or_else(|| bad(file, format!("{} has no NatGatewayAddresses", id)))?;
        let private_ip = ip(file, req(file, &addr.private_ip, "PrivateIp", id)?, id)?;
        let eni = addr.network_interface_id.clone().unwrap_or_default();
        let public_ip = opt_ip(file, &addr.public_ip, id)?;
        let allocation = addr.allocation_id.clone();
        let connectivity = if v.connectivity_type.as_deref() == Some("private") {
            Connectivity::Private
        } else {
            Connectivity::Public
        };
        if let (Some(a), Some(pip)) = (&allocation, public_ip) {
            if !net.elastic_ips.iter().any(|e| &e.allocation_id == a) {
                net.elastic_ips.push(ElasticIp {
                    allocation_id: a.clone(),
                    region: region.into(),
                    public_ip: pip,
                    association_id: addr.association_id.clone(),
                    eni_id: Some(eni.clone()).filter(|e| !e.is_empty()),
                    name: None,
                });
            }
        }
        let az = net.subnets.iter().find(|x| x.id == subnet).map(|x| x.availability_zone.clone()).unwrap_or_default();
        if !eni.is_empty() {
            net.network_interfaces.push(NetworkInterface {
                id: eni.clone(),
                region: region.into(),
                vpc_id: vpc.into(),
                subnet_id: subnet.into(),
                availability_zone: az,
                private_ip,
                public_ip,
                eip_allocation: allocation.clone(),
                security_groups: Vec::new(),
                interface_type: "nat_gateway",
                owner: id.into(),
                description: format!("Interface for NAT Gateway {}", id),
                name: None,
            });
        }
        net.nat_gateways.push(NatGateway {
            id: id.into(),
            region: region.into(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            connectivity,
            allocation_id: allocation,
            public_ip,
            private_ip,
            eni_id: eni,
            state: "available",
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("NAT gateways", d.nat_gateways.len()));
    for (file, v) in &d.security_groups {
        let id = req(file, &v.group_id, "GroupId", "a security group")?;
        fresh(&mut ids, file, id)?;
        let vpc = req(file, &v.vpc_id, "VpcId", id)?;
        need_vpc(&vpc_ids, file, vpc, id)?;
        let ingress = sg_rules(file, &v.ip_permissions, id, "ingress")?;
        let egress = sg_rules(file, &v.ip_permissions_egress, id, "egress")?;
        within_quota(file, id, "inbound rules", ingress.len(), MAX_RULES_PER_SG_DIRECTION)?;
        within_quota(file, id, "outbound rules", egress.len(), MAX_RULES_PER_SG_DIRECTION)?;
        net.security_groups.push(SecurityGroup {
            id: id.into(),
            region: region.into(),
            vpc_id: vpc.into(),
            group_name: req(file, &v.group_name, "GroupName", id)?.into(),
            description: v.description.clone().unwrap_or_default(),
            ingress,
            egress,
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("security groups", d.security_groups.len()));
    for (file, v) in &d.network_acls {
        let id = req(file, &v.network_acl_id, "NetworkAclId", "a network ACL")?;
        fresh(&mut ids, file, id)?;
        let vpc = req(file, &v.vpc_id, "VpcId", id)?;
        need_vpc(&vpc_ids, file, vpc, id)?;
        let mut entries = Vec::new();
        for e in each(&v.entries) {
            let proto = protocol(file, &e.protocol, "Protocol", id)?;
            let cidr = match e.cidr_block.as_deref().or(e.ipv6_cidr_block.as_deref()) {
                Some(c) => ipnet(file, c, id)?,
                None => return Err(bad(file, format!("an entry of {} has no CidrBlock", id))),
            };
            let ports = e.port_range.as_ref().and_then(|r| Some((r.from? as u16, r.to? as u16)));
            entries.push(NaclEntry {
                rule_number: e.rule_number.ok_or_else(|| bad(file, format!("an entry of {} has no RuleNumber", id)))?
                    as u32,
                egress: e.egress.unwrap_or(false),
                protocol: proto,
                ports: if proto.has_ports() { ports } else { None },
                cidr,
                allow: req(file, &e.rule_action, "RuleAction", id)? == "allow",
            });
        }
        // AWS lists each direction's `*` rule (32767, deny); the model's ACLs end with it
        // already, and describe-network-acls prints it, so keeping it would show it twice.
        entries.retain(|e| e.rule_number != DEFAULT_DENY_RULE || e.allow);
        for egress in [false, true] {
            // The default rule (*, 32767) is not counted by the quota.
            let n = entries.iter().filter(|e| e.egress == egress && e.rule_number < 32767).count();
            within_quota(
                file,
                id,
                if egress { "outbound rules" } else { "inbound rules" },
                n,
                MAX_NACL_RULES_PER_DIRECTION,
            )?;
        }
        let mut associations = Vec::new();
        for a in each(&v.associations) {
            let subnet = req(file, &a.subnet_id, "SubnetId", id)?;
            need_subnet(&subnet_ids, file, subnet, id)?;
            associations.push(Association {
                id: a.network_acl_association_id.clone().unwrap_or_default(),
                subnet_id: subnet.into(),
            });
        }
        net.network_acls.push(NetworkAcl {
            id: id.into(),
            region: region.into(),
            vpc_id: vpc.into(),
            is_default: v.is_default.unwrap_or(false),
            entries,
            associations,
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("network ACLs", d.network_acls.len()));
    for (file, v) in &d.route_tables {
        let id = req(file, &v.route_table_id, "RouteTableId", "a route table")?;
        fresh(&mut ids, file, id)?;
        let vpc = req(file, &v.vpc_id, "VpcId", id)?;
        need_vpc(&vpc_ids, file, vpc, id)?;
        let mut routes = Vec::new();
        for r in each(&v.routes) {
            if r.state.as_deref() == Some("blackhole") {
                continue;
            }
            let destination =
                if let Some(c) = r.destination_cidr_block.as_deref().or(r.destination_ipv6_cidr_block.as_deref()) {
                    Destination::Cidr(ipnet(file, c, id)?)
                } else if let Some(p) = &r.destination_prefix_list_id {
                    Destination::PrefixList(p.clone())
                } else {
                    return Err(bad(file, format!("a route of {} has no destination", id)));
                };
            let target = r.target().ok_or_else(|| bad(file, format!("a route of {} has no target", id)))?;
            let origin = match target {
                "local" => "CreateRouteTable",
                t if t.starts_with("vpce-") => "CreateVpcEndpoint",
                _ => "CreateRoute",
            };
            routes.push(Route { destination, target: target.into(), origin });
        }
        let mut main = false;
        let mut main_association_id = None;
        let mut associations = Vec::new();
        for a in each(&v.associations) {
            if a.main == Some(true) {
                main = true;
                main_association_id = a.route_table_association_id.clone();
            } else if let Some(subnet) = &a.subnet_id {
                need_subnet(&subnet_ids, file, subnet, id)?;
                associations.push(Association {
                    id: a.route_table_association_id.clone().unwrap_or_default(),
                    subnet_id: subnet.clone(),
                });
            }
        }
        within_quota(file, id, "routes", routes.len(), MAX_ROUTES_PER_TABLE)?;
        net.route_tables.push(RouteTable {
            id: id.into(),
            region: region.into(),
            vpc_id: vpc.into(),
            main,
            main_association_id,
            routes,
            associations,
            name: tag(&v.tags, "Name"),
        });
    }
    counts.push(("route tables", d.route_tables.len()));
    for (file, reservation, v) in &d.instances {
        let id = req(file, &v.instance_id, "InstanceId", "an instance")?;
        let state = v.state.as_ref().and_then(|s| s.name.as_deref()).unwrap_or("running");
        if state == "terminated" {
            continue;
        }
        fresh(&mut ids, file, id)?;
        let vpc = req(file, &v.vpc_id, "VpcId", id)?;
        need_vpc(&vpc_ids, file, vpc, id)?;
        let subnet = req(file, &v.subnet_id, "SubnetId", id)?;
        need_subnet(&subnet_ids, file, subnet, id)?;
        let private_ip = ip(file, req(file, &v.private_ip_address, "PrivateIpAddress", id)?, id)?;
        let public_ip = opt_ip(file, &v.public_ip_address, id)?;
        let groups: Vec<String> = each(&v.security_groups).iter().filter_map(|g| g.group_id.clone()).collect();
        within_quota(file, id, "security groups", groups.len(), MAX_SGS_PER_ENI)?;
        let eni = each(&v.network_interfaces)
            .first()
            .and_then(|n| n.network_interface_id.clone())
            .unwrap_or_else(|| format!("eni-{}", id.trim_start_matches("i-")));
        let az = v
            .placement
            .as_ref()
            .and_then(|p| p.availability_zone.clone())
            .or_else(|| net.subnets.iter().find(|x| x.id == subnet).map(|x| x.availability_zone.clone()))
            .unwrap_or_default();
        let st = match state {
            "pending" => InstanceState::Pending,
            "stopping" => InstanceState::Stopping,
            "stopped" => InstanceState::Stopped,
            "shutting-down" => InstanceState::ShuttingDown,
            _ => InstanceState::Running,
        };
        net.network_interfaces.push(NetworkInterface {
            id: eni.clone(),
            region: region.into(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            availability_zone: az.clone(),
            private_ip,
            public_ip,
            // describe-instances does not say which Elastic IP allocation an address is.
            eip_allocation: None,
            security_groups: groups.clone(),
            interface_type: "interface",
            owner: id.into(),
            description: String::new(),
            name: None,
        });
        net.instances.push(Instance {
            id: id.into(),
            region: region.into(),
            instance_type: req(file, &v.instance_type, "InstanceType", id)?.into(),
            image_id: v.image_id.clone().unwrap_or_default(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            availability_zone: az,
            state: st,
            eni_id: eni,
            security_groups: groups,
            reservation_id: reservation.clone(),
            launch_index: v.ami_launch_index.unwrap_or(0) as u32,
            last_private_ip: Some(private_ip),
            hibernated: false,
            hibernation_configured: v.hibernation_options.as_ref().and_then(|h| h.configured).unwrap_or(false),
            auto_public_ip: public_ip.is_some(),
            name: tag(&v.tags, "Name"),
            auto_scaling_group: tag(&v.tags, "aws:autoscaling:groupName"),
            launch_time: v
                .launch_time
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&chrono::Utc)),
        });
    }
    counts.push(("instances", d.instances.len()));
    Ok(counts)
}

fn import(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let path = a.required_pos(0, "a file or directory of saved `aws ec2 describe-*` JSON")?;
    let docs = read_docs(&files(Path::new(path))?)?;
    let region = docs
        .subnets
        .iter()
        .find_map(|(_, v)| v.availability_zone.as_deref().map(az_region))
        .or_else(|| a.get("region").map(String::from))
        .unwrap_or_else(|| lab.region.clone());
    if crate::model::regions::find(&region).is_none() {
        return Err(crate::command::region::unknown(&region));
    }
    // Built on a copy: the lab changes only if every resource is accepted.
    let mut net = lab.network.clone();
    let mut counts = build(&mut net, &docs, &region)?;
    let mut storage = lab.storage.clone();
    counts.extend(crate::command::storage::import_aws_cli(
        &mut storage,
        &net,
        &docs.volumes,
        &docs.snapshots,
        &region,
    )?);
    lab.network = net;
    lab.storage = storage;
    let summary: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{} {}", n, k)).collect();
    let text = if summary.is_empty() {
        format!("nothing to import from {}", path)
    } else {
        format!("imported {} from {} into {}", summary.join(", "), path, region)
    };
    Ok(Reply::text(text).with_json(serde_json::json!({
        "path": path,
        "region": region,
        "imported": counts.iter().map(|(k, n)| (k.replace(' ', "_"), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
    })))
}

#[cfg(test)]
mod tests {
    use crate::kernel::Outcome;
    use crate::session::Session;

    const VPCS: &str = r#"{"Vpcs": [{"CidrBlock": "10.20.0.0/16", "VpcId": "vpc-0a1b2c3d4e5f60718", "State": "available",
        "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-0123", "CidrBlock": "10.20.0.0/16", "CidrBlockState": {"State": "associated"}}],
        "IsDefault": false, "Tags": [{"Key": "Name", "Value": "real-prod"}]}]}"#;
    const SUBNETS: &str = r#"{"Subnets": [
        {"AvailabilityZone": "ap-northeast-2a", "CidrBlock": "10.20.1.0/24", "MapPublicIpOnLaunch": true, "SubnetId": "subnet-0aaa0000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718", "DefaultForAz": false, "Tags": [{"Key": "Name", "Value": "public-a"}]},
        {"AvailabilityZone": "ap-northeast-2a", "CidrBlock": "10.20.2.0/24", "MapPublicIpOnLaunch": false, "SubnetId": "subnet-0aaa0000000000002", "VpcId": "vpc-0a1b2c3d4e5f60718", "DefaultForAz": false}]}"#;
    const IGWS: &str = r#"{"InternetGateways": [{"Attachments": [{"State": "available", "VpcId": "vpc-0a1b2c3d4e5f60718"}], "InternetGatewayId": "igw-0bbb0000000000001", "Tags": []}]}"#;
    const RTBS: &str = r#"{"RouteTables": [
        {"Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-01", "RouteTableId": "rtb-0ccc000000000000m"}],
         "RouteTableId": "rtb-0ccc000000000000m", "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}],
         "VpcId": "vpc-0a1b2c3d4e5f60718"},
        {"Associations": [{"Main": false, "RouteTableAssociationId": "rtbassoc-02", "RouteTableId": "rtb-0ccc000000000000p", "SubnetId": "subnet-0aaa0000000000001"}],
         "RouteTableId": "rtb-0ccc000000000000p", "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0bbb0000000000001", "Origin": "CreateRoute", "State": "active"}],
         "VpcId": "vpc-0a1b2c3d4e5f60718"}]}"#;
    const SGS: &str = r#"{"SecurityGroups": [{"Description": "web", "GroupName": "web", "GroupId": "sg-0ddd000000000000w", "VpcId": "vpc-0a1b2c3d4e5f60718",
        "IpPermissions": [{"FromPort": 443, "IpProtocol": "tcp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "ToPort": 443, "UserIdGroupPairs": []}],
        "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]}]}"#;
    const NACLS: &str = r#"{"NetworkAcls": [{"Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-0eee000000000000d", "SubnetId": "subnet-0aaa0000000000001"},
        {"NetworkAclAssociationId": "aclassoc-2", "NetworkAclId": "acl-0eee000000000000d", "SubnetId": "subnet-0aaa0000000000002"}],
        "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                    {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
                    {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
                    {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}],
        "IsDefault": true, "NetworkAclId": "acl-0eee000000000000d", "VpcId": "vpc-0a1b2c3d4e5f60718"}]}"#;
    const INSTANCES: &str = r#"{"Reservations": [{"ReservationId": "r-01", "Instances": [{"InstanceId": "i-0fff000000000000w", "InstanceType": "t3.micro", "ImageId": "ami-1",
        "Placement": {"AvailabilityZone": "ap-northeast-2a"}, "PrivateIpAddress": "10.20.1.10", "PublicIpAddress": "3.34.0.10", "State": {"Code": 16, "Name": "running"},
        "SubnetId": "subnet-0aaa0000000000001", "VpcId": "vpc-0a1b2c3d4e5f60718", "SecurityGroups": [{"GroupName": "web", "GroupId": "sg-0ddd000000000000w"}],
        "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0fff00000000000w1"}], "Tags": [{"Key": "Name", "Value": "web"}]}]}]}"#;

    fn account(dir: &std::path::Path, skip: &str) {
        for (name, text) in [
            ("vpcs", VPCS),
            ("subnets", SUBNETS),
            ("igws", IGWS),
            ("route-tables", RTBS),
            ("sgs", SGS),
            ("nacls", NACLS),
            ("instances", INSTANCES),
        ] {
            if name != skip {
                std::fs::write(dir.join(format!("{}.json", name)), text).unwrap();
            }
        }
    }

    #[test]
    fn a_saved_account_can_be_queried_and_reached() {
        let dir = tempfile::tempdir().unwrap();
        account(dir.path(), "");
        let mut s = Session::new();
        let (_, out) = s.run_cell(&format!("import aws-cli {}", dir.path().display()));
        assert_eq!(out, Outcome::Ok);
        assert_eq!(s.lab.network.vpcs.len(), 1);
        assert_eq!(s.lab.network.vpcs[0].region, "ap-northeast-2");
        assert_eq!(s.lab.network.instances.len(), 1);
        for check in [
            "assert sql \"SELECT count(*) FROM subnets\" = 2",
            "assert reach internet web --protocol tcp --port 443",
            "assert not reach internet web --protocol tcp --port 22",
        ] {
            let (ev, out) = s.run_cell(check);
            assert_eq!(out, Outcome::Ok, "{}: {:?}", check, ev);
        }
        // Importing the same account twice is refused and changes nothing.
        let before = s.lab.network.subnets.len();
        assert!(matches!(s.run_cell(&format!("import aws-cli {}", dir.path().display())).1,
            Outcome::Error { ref evalue, .. } if evalue.contains("already in the lab")));
        assert_eq!(s.lab.network.subnets.len(), before);
    }

    #[test]
    fn malformed_or_partial_files_import_nothing() {
        let code = |o: Outcome| match o {
            Outcome::Error { ename, evalue, .. } => format!("{}: {}", ename, evalue),
            Outcome::Ok => "Ok".into(),
        };
        // Subnets without their VPC.
        let dir = tempfile::tempdir().unwrap();
        account(dir.path(), "vpcs");
        let mut s = Session::new();
        let e = code(s.run_cell(&format!("import aws-cli {}", dir.path().display())).1);
        assert!(e.starts_with("InvalidImportFile") && e.contains("describe-vpcs"), "{}", e);
        assert!(s.lab.network.subnets.is_empty() && s.lab.network.vpcs.is_empty());
        // A broken file among good ones.
        let dir = tempfile::tempdir().unwrap();
        account(dir.path(), "");
        std::fs::write(dir.path().join("zz.json"), "{\"Subnets\": [").unwrap();
        let e = code(s.run_cell(&format!("import aws-cli {}", dir.path().display())).1);
        assert!(e.contains("zz.json") && e.contains("not valid JSON"), "{}", e);
        assert!(s.lab.network.vpcs.is_empty());
        // A file of something else.
        let f = dir.path().join("other.txt");
        std::fs::write(&f, "{\"Buckets\": []}").unwrap();
        let e = code(s.run_cell(&format!("import aws-cli {}", f.display())).1);
        assert!(e.contains("not the output of a supported describe-* call"), "{}", e);
        assert!(code(s.run_cell("import aws-cli /no/such/place").1).starts_with("IOError"));
    }

    #[test]
    fn describe_output_imports_back_to_the_same_resources() {
        use crate::command::network::tests::json;
        use crate::command::publish::RunCell;
        let mut a = crate::lab::Lab::new();
        let (_, out) = a.run_cell(
            "vpc wizard --name prod --cidr 10.0.0.0/16 --azs 2 --nat-gateways 1\n\
             create-security-group --group-name web --description web --vpc-id prod-vpc --name web-sg\n\
             authorize-security-group-ingress --group-id web-sg --protocol tcp --port 443 --cidr 0.0.0.0/0\n\
             create-network-acl --vpc-id prod-vpc --name acl1\n\
             create-network-acl-entry --network-acl-id acl1 --rule-number 100 --protocol tcp --port-range From=80,To=80 --cidr-block 0.0.0.0/0 --rule-action allow --ingress\n\
             run-instances --instance-type t3.micro --subnet-id prod-subnet-public1-us-east-1a --security-group-ids web-sg --name web1",
        );
        assert_eq!(out, Outcome::Ok);
        let calls = [
            "describe-vpcs",
            "describe-subnets",
            "describe-internet-gateways",
            "describe-nat-gateways",
            "describe-route-tables",
            "describe-security-groups",
            "describe-network-acls",
            "describe-instances",
        ];
        let dir = tempfile::tempdir().unwrap();
        let before: Vec<serde_json::Value> = calls.iter().map(|c| json(&mut a, c)).collect();
        for (c, v) in calls.iter().zip(&before) {
            std::fs::write(dir.path().join(format!("{c}.json")), v.to_string()).unwrap();
        }
        let mut b = crate::lab::Lab::new();
        let (_, out) = b.run_cell(&format!("import aws-cli {}", dir.path().display()));
        assert_eq!(out, Outcome::Ok);
        // The root volume's mapping comes from describe-volumes, which these files leave out.
        let without_volumes = |mut v: serde_json::Value| {
            for r in v["Reservations"].as_array_mut().into_iter().flatten() {
                for i in r["Instances"].as_array_mut().into_iter().flatten() {
                    i.as_object_mut().map(|i| i.remove("BlockDeviceMappings"));
                }
            }
            v
        };
        for (c, v) in calls.iter().zip(&before) {
            assert_eq!(without_volumes(json(&mut b, c)), without_volumes(v.clone()), "{c}");
        }
    }

    #[test]
    fn files_past_aws_quota_maxima_are_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        let rules: Vec<String> = (0..1_001).map(|p| format!(r#"{{"IpProtocol": "tcp", "FromPort": {p}, "ToPort": {p}, "IpRanges": [{{"CidrIp": "10.0.0.0/8"}}]}}"#)).collect();
        let text = format!(
            r#"{{"Vpcs": [{{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}}], "SecurityGroups": [{{"GroupId": "sg-1", "GroupName": "g", "VpcId": "vpc-1", "IpPermissions": [{}]}}]}}"#,
            rules.join(",")
        );
        let p = dir.path().join("big.json");
        std::fs::write(&p, text).unwrap();
        let mut s = crate::session::Session::new();
        match s.run_cell(&format!("import aws-cli {}", p.display())).1 {
            crate::kernel::Outcome::Error { evalue, .. } => {
                assert!(evalue.contains("1001 inbound rules") && evalue.contains("at most 1000"), "{evalue}")
            }
            crate::kernel::Outcome::Ok => panic!("1,001 rules must be refused"),
        }
        assert!(s.lab.network.vpcs.is_empty());
    }
}
