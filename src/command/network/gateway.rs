//! Gateways: internet gateways, Elastic IPs, NAT gateways, egress-only IGWs, VPN gateways.

use crate::model::codes;
use serde_json::json;

use super::{json as j, missing, name_tag, one, opt, region, Filters};
use crate::command::shapes::{self, member, to_value};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::Connectivity;
use crate::tables::network as tbl;

const NAME: &[Flag] = &[Flag::value("name", "Name tag"), Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]")];
const IGW_VPC: &[Flag] =
    &[Flag::value("internet-gateway-id", "IGW ID or Name"), Flag::value("vpc-id", "VPC ID or Name")];
const IGW: &[Flag] = &[Flag::value("internet-gateway-id", "IGW ID or Name")];
const DESCRIBE_IGW: &[Flag] = &[
    Flag::many("internet-gateway-ids", "only these"),
    Flag::many("filters", "Name=attachment.vpc-id|internet-gateway-id|tag:Name,Values=…"),
];
const ALLOC: &[Flag] = &[
    Flag::value("domain", "accepted (vpc)"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const ASSOC_ADDR: &[Flag] = &[
    Flag::value("allocation-id", "eipalloc- ID, Name or the address"),
    Flag::value("instance-id", "instance ID or Name"),
    Flag::value("network-interface-id", "ENI ID"),
];
const DISASSOC_ADDR: &[Flag] =
    &[Flag::value("association-id", "eipassoc- ID"), Flag::value("public-ip", "the address")];
const RELEASE: &[Flag] = &[Flag::value("allocation-id", "eipalloc- ID or Name")];
const DESCRIBE_ADDR: &[Flag] = &[
    Flag::many("allocation-ids", "only these"),
    Flag::many("filters", "Name=allocation-id|public-ip|instance-id|tag:Name,Values=…"),
];
const NAT: &[Flag] = &[
    Flag::value("subnet-id", "the (public) subnet it lives in"),
    Flag::value("allocation-id", "the Elastic IP of a public NAT gateway"),
    Flag::choice("connectivity-type", "public (default) or private", &["public", "private"]),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const NAT_ID: &[Flag] = &[Flag::value("nat-gateway-id", "NAT gateway ID or Name")];
const DESCRIBE_NAT: &[Flag] = &[
    Flag::many("nat-gateway-ids", "only these"),
    Flag::many("filters", "Name=vpc-id|subnet-id|state|tag:Name,Values=…"),
];
const EIGW: &[Flag] = &[
    Flag::value("vpc-id", "VPC ID or Name"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const VGW: &[Flag] = &[
    Flag::value("type", "ipsec.1"),
    Flag::value("amazon-side-asn", "accepted"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "Tags=[{Key=Name,Value=N}]"),
];
const DESCRIBE_VGW: &[Flag] = &[
    Flag::many("vpn-gateway-ids", "only these"),
    Flag::many("filters", "Name=attachment.vpc-id|vpn-gateway-id|tag:Name,Values=…"),
];
const DESCRIBE_EIGW: &[Flag] = &[Flag::many("egress-only-internet-gateway-ids", "only these")];
const VGW_VPC: &[Flag] = &[Flag::value("vpn-gateway-id", "VGW ID or Name"), Flag::value("vpc-id", "VPC ID or Name")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-internet-gateway", service: "ec2", summary: "create an internet gateway (detached)", usage: "create-internet-gateway [--name NAME]",
            help: "Attach it with attach-internet-gateway; one IGW per VPC. It does 1:1 NAT for instances that have a public IPv4.", flags: NAME, run: Run::Write(create_igw) },
        CommandSpec { name: "attach-internet-gateway", service: "ec2", summary: "attach an IGW to a VPC", usage: "attach-internet-gateway --internet-gateway-id IGW --vpc-id VPC",
            help: "Resource.AlreadyAssociated when the IGW or the VPC already has an attachment.", flags: IGW_VPC, run: Run::Write(attach_igw) },
        CommandSpec { name: "detach-internet-gateway", service: "ec2", summary: "detach an IGW from its VPC", usage: "detach-internet-gateway --internet-gateway-id IGW --vpc-id VPC",
            help: "Gateway.NotAttached when it is not attached there; DependencyViolation while public IPs are mapped in the VPC. Routes to it become blackholes.", flags: IGW_VPC, run: Run::Write(detach_igw) },
        CommandSpec { name: "delete-internet-gateway", service: "ec2", summary: "delete a detached IGW", usage: "delete-internet-gateway --internet-gateway-id IGW",
            help: "", flags: IGW, run: Run::Write(delete_igw) },
        CommandSpec { name: "describe-internet-gateways", service: "ec2", summary: "the region's internet gateways", usage: "describe-internet-gateways [--filters Name=attachment.vpc-id,Values=VPC]",
            help: "", flags: DESCRIBE_IGW, run: Run::Read(describe_igws) },
        CommandSpec { name: "allocate-address", service: "ec2", summary: "allocate an Elastic IP", usage: "allocate-address [--domain vpc] [--name NAME]",
            help: "5 per region (AddressLimitExceeded). An EIP stays with an instance across stop/start.", flags: ALLOC, run: Run::Write(allocate) },
        CommandSpec { name: "associate-address", service: "ec2", summary: "attach an Elastic IP to an instance or ENI", usage: "associate-address --allocation-id EIP (--instance-id I | --network-interface-id ENI)",
            help: "Replaces the instance's auto-assigned public IP. The VPC needs an internet gateway (Gateway.NotAttached).", flags: ASSOC_ADDR, run: Run::Write(associate_addr) },
        CommandSpec { name: "disassociate-address", service: "ec2", summary: "detach an Elastic IP", usage: "disassociate-address --association-id ASSOC | --public-ip IP",
            help: "", flags: DISASSOC_ADDR, run: Run::Write(disassociate_addr) },
        CommandSpec { name: "release-address", service: "ec2", summary: "release an unassociated Elastic IP", usage: "release-address --allocation-id EIP",
            help: "", flags: RELEASE, run: Run::Write(release) },
        CommandSpec { name: "describe-addresses", service: "ec2", summary: "the region's Elastic IPs", usage: "describe-addresses [--allocation-ids EIP…]",
            help: "", flags: DESCRIBE_ADDR, run: Run::Read(describe_addrs) },
        CommandSpec { name: "create-nat-gateway", service: "ec2", summary: "create a NAT gateway in a subnet", usage: "create-nat-gateway --subnet-id SUBNET --allocation-id EIP [--name NAME] | --connectivity-type private",
            help: "A public NAT gateway needs an Elastic IP and must sit in a public subnet (routed to an IGW) to be useful; \
                   private subnets then route 0.0.0.0/0 to it. It is zonal: AWS recommends one per AZ. A private NAT \
                   gateway takes no EIP; traffic it sends to an IGW is dropped. It takes a private IP in its subnet.\n\
                   Example: `create-nat-gateway --subnet-id public-a --allocation-id eip-a --name nat-a`", flags: NAT, run: Run::Write(create_nat) },
        CommandSpec { name: "delete-nat-gateway", service: "ec2", summary: "delete a NAT gateway (its EIP stays allocated)", usage: "delete-nat-gateway --nat-gateway-id NAT",
            help: "Routes to it become blackholes.", flags: NAT_ID, run: Run::Write(delete_nat) },
        CommandSpec { name: "describe-nat-gateways", service: "ec2", summary: "the region's NAT gateways", usage: "describe-nat-gateways [--filters Name=vpc-id,Values=VPC]",
            help: "", flags: DESCRIBE_NAT, run: Run::Read(describe_nats) },
        CommandSpec { name: "create-egress-only-internet-gateway", service: "ec2", summary: "IPv6 outbound-only gateway for a VPC", usage: "create-egress-only-internet-gateway --vpc-id VPC",
            help: "IPv6 only, stateful; route ::/0 to it. (IPv6 addressing of instances is not modelled.)", flags: EIGW, run: Run::Write(create_eigw) },
        CommandSpec { name: "create-vpn-gateway", service: "ec2", summary: "create a virtual private gateway", usage: "create-vpn-gateway --type ipsec.1 [--name NAME]",
            help: "Attach it to a VPC, then route on-premises CIDRs to it. `reach` stops at the VPN.", flags: VGW, run: Run::Write(create_vgw) },
        CommandSpec { name: "attach-vpn-gateway", service: "ec2", summary: "attach a virtual private gateway to a VPC", usage: "attach-vpn-gateway --vpn-gateway-id VGW --vpc-id VPC",
            help: "", flags: VGW_VPC, run: Run::Write(attach_vgw) },
        CommandSpec { name: "describe-vpn-gateways", service: "ec2", summary: "virtual private gateways", usage: "describe-vpn-gateways [--filters Name=attachment.vpc-id,Values=VPC]",
            help: "", flags: DESCRIBE_VGW, run: Run::Read(describe_vgws) },
        CommandSpec { name: "describe-egress-only-internet-gateways", service: "ec2", summary: "egress-only internet gateways (IPv6)", usage: "describe-egress-only-internet-gateways",
            help: "", flags: DESCRIBE_EIGW, run: Run::Read(describe_eigws) },
    ]
}

fn create_igw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_internet_gateway(&r, name_tag(a));
    let g = &lab.network.internet_gateways[lab.network.igw_idx(None, &id)?];
    Ok(Reply::text(format!("created {} (detached)", lab.network.label(&id)))
        .with_json(member("InternetGateway", j::internet_gateway(g))))
}

fn attach_igw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (g, v) = (a.required("internet-gateway-id")?, a.required("vpc-id")?);
    lab.network.attach_internet_gateway(&r, g, v)?;
    Ok(Reply::text(format!("attached {} to {}", g, v)).with_json(json!({})))
}

fn detach_igw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (g, v) = (a.required("internet-gateway-id")?, a.required("vpc-id")?);
    lab.network.detach_internet_gateway(&r, g, v)?;
    Ok(Reply::text(format!("detached {} from {}", g, v)).with_json(json!({})))
}

fn delete_igw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_internet_gateway(&r, a.required("internet-gateway-id")?)?;
    Ok(Reply::text(format!("deleted {}", id)).with_json(json!({})))
}

fn describe_igws(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("internet-gateway-ids");
    let mut rows = Vec::new();
    for g in lab.network.internet_gateways.iter().filter(|g| g.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == g.id || Some(k.as_str()) == g.name.as_deref()) {
            continue;
        }
        if f.keep(&[
            ("internet-gateway-id", one(&g.id)),
            ("attachment.vpc-id", opt(&g.vpc_id)),
            ("tag:Name", opt(&g.name)),
        ])? {
            rows.push(g);
        }
    }
    let df = tbl::internet_gateways_df(&rows)?;
    let json = member("InternetGateways", rows.iter().map(|g| j::internet_gateway(g)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} internet gateways in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("internet_gateways", df))
}

fn allocate(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.allocate_address(&r, name_tag(a))?;
    let e = &lab.network.elastic_ips[lab.network.eip_idx(None, &id)?];
    Ok(Reply::text(format!("allocated {} = {}", lab.network.label(&id), e.public_ip)).with_json(to_value(
        &shapes::Address {
            allocation_id: Some(e.allocation_id.clone()),
            public_ip: Some(e.public_ip.to_string()),
            domain: Some("vpc".into()),
            public_ipv4_pool: Some("amazon".into()),
            network_border_group: Some(r),
            ..Default::default()
        },
    )))
}

fn associate_addr(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let alloc = a.required("allocation-id")?;
    let assoc = lab.network.associate_address(&r, alloc, a.get("instance-id"), a.get("network-interface-id"))?;
    Ok(Reply::text(format!("associated {} ({})", alloc, assoc)).with_json(member("AssociationId", assoc)))
}

fn disassociate_addr(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let key = a
        .get("association-id")
        .or(a.get("public-ip"))
        .ok_or_else(|| CommandError::new(codes::MISSING_PARAMETER, "give --association-id or --public-ip"))?;
    lab.network.disassociate_address(&r, key)?;
    Ok(Reply::text(format!("disassociated {}", key)).with_json(json!({})))
}

fn release(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let k = a.required("allocation-id")?;
    lab.network.release_address(&r, k)?;
    Ok(Reply::text(format!("released {}", k)).with_json(json!({})))
}

fn describe_addrs(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("allocation-ids");
    let mut rows = Vec::new();
    for e in lab.network.elastic_ips.iter().filter(|e| e.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == e.allocation_id || Some(k.as_str()) == e.name.as_deref()) {
            continue;
        }
        let inst = e
            .eni_id
            .as_ref()
            .and_then(|id| lab.network.network_interfaces.iter().find(|n| &n.id == id))
            .map(|n| n.owner.clone());
        if f.keep(&[
            ("allocation-id", one(&e.allocation_id)),
            ("public-ip", one(e.public_ip.to_string())),
            ("instance-id", opt(&inst)),
            ("tag:Name", opt(&e.name)),
        ])? {
            rows.push(e);
        }
    }
    let df = tbl::elastic_ips_df(&lab.network, &rows)?;
    let json = member("Addresses", rows.iter().map(|e| j::address(&lab.network, e)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} Elastic IPs in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("elastic_ips", df))
}

fn create_nat(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let conn = if a.get("connectivity-type") == Some("private") { Connectivity::Private } else { Connectivity::Public };
    let id = lab.network.create_nat_gateway(&r, a.required("subnet-id")?, a.get("allocation-id"), conn, name_tag(a))?;
    let n = &lab.network.nat_gateways[lab.network.nat_idx(None, &id)?];
    let mut text = format!(
        "created {} ({}) in {}: private {}{}",
        lab.network.label(&id),
        conn.as_str(),
        lab.network.label(&n.subnet_id),
        n.private_ip,
        n.public_ip.map(|p| format!(", public {}", p)).unwrap_or_default()
    );
    if conn == Connectivity::Public && !lab.network.subnet_is_public(&n.subnet_id) {
        text.push_str("\nnote: this subnet has no route to an internet gateway, so the NAT gateway cannot reach the internet (put it in a public subnet)");
    }
    // CreateNatGateway answers while the gateway is `pending` (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html).
    let mut nat = j::nat_gateway(n);
    nat["State"] = "pending".into();
    Ok(Reply::text(text).with_json(member("NatGateway", nat)))
}

fn delete_nat(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.delete_nat_gateway(&r, a.required("nat-gateway-id")?)?;
    Ok(Reply::text(format!("deleted {} (state: deleted; its Elastic IP stays allocated)", id))
        .with_json(member("NatGatewayId", id)))
}

fn describe_nats(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("nat-gateway-ids");
    let mut rows = Vec::new();
    for n in lab.network.nat_gateways.iter().filter(|n| n.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == n.id || Some(k.as_str()) == n.name.as_deref()) {
            continue;
        }
        if f.keep(&[
            ("nat-gateway-id", one(&n.id)),
            ("vpc-id", one(&n.vpc_id)),
            ("subnet-id", one(&n.subnet_id)),
            ("state", one(n.state)),
            ("tag:Name", opt(&n.name)),
        ])? {
            rows.push(n);
        }
    }
    let df = tbl::nat_gateways_df(&lab.network, &rows)?;
    let json = member("NatGateways", rows.iter().map(|n| j::nat_gateway(n)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} NAT gateways in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("nat_gateways", df))
}

fn create_eigw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let id = lab.network.create_egress_only_igw(&r, a.required("vpc-id")?, name_tag(a))?;
    let g = lab
        .network
        .egress_only_igws
        .iter()
        .find(|g| g.id == id)
        .ok_or_else(|| missing("egress-only internet gateway"))?;
    Ok(Reply::text(format!("created {} for {} (route ::/0 to it)", lab.network.label(&id), g.vpc_id)).with_json(
        member("EgressOnlyInternetGateway", shapes::EgressOnlyInternetGateway { tags: None, ..j::egress_only_igw(g) }),
    ))
}

fn create_vgw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    if let Some(t) = a.get("type") {
        if t != "ipsec.1" {
            return Err(CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid value '{}' for type; the only type is ipsec.1", t),
            ));
        }
    }
    let id = lab.network.create_vpn_gateway(&r, name_tag(a));
    let g = lab.network.vpn_gateways.iter().find(|g| g.id == id).ok_or_else(|| missing("VPN gateway"))?;
    Ok(Reply::text(format!("created {} (detached)", lab.network.label(&id)))
        .with_json(member("VpnGateway", shapes::VpnGateway { tags: None, ..j::vpn_gateway(g) })))
}

fn attach_vgw(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let (g, v) = (a.required("vpn-gateway-id")?, a.required("vpc-id")?);
    lab.network.attach_vpn_gateway(&r, g, v)?;
    let vpc = lab.network.vpc(Some(&r), v)?.id.clone();
    Ok(Reply::text(format!("attached {} to {}", g, v)).with_json(member(
        "VpcAttachment",
        shapes::VpcAttachment { state: Some("attached".into()), vpc_id: Some(vpc) },
    )))
}

fn describe_vgws(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("vpn-gateway-ids");
    let mut rows = Vec::new();
    for g in lab.network.vpn_gateways.iter().filter(|g| g.region == r) {
        if !ids.is_empty() && !ids.iter().any(|k| *k == g.id || Some(k.as_str()) == g.name.as_deref()) {
            continue;
        }
        if f.keep(&[("vpn-gateway-id", one(&g.id)), ("attachment.vpc-id", opt(&g.vpc_id)), ("tag:Name", opt(&g.name))])?
        {
            rows.push(g);
        }
    }
    let df = tbl::vpn_gateways_df(&rows)?;
    let json = member("VpnGateways", rows.iter().map(|g| j::vpn_gateway(g)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} VPN gateways in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("vpn_gateways", df))
}

fn describe_eigws(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let ids = a.list("egress-only-internet-gateway-ids");
    let rows: Vec<_> = lab
        .network
        .egress_only_igws
        .iter()
        .filter(|g| {
            g.region == r && (ids.is_empty() || ids.iter().any(|k| *k == g.id || Some(k.as_str()) == g.name.as_deref()))
        })
        .collect();
    let df = tbl::egress_only_igws_df(&rows)?;
    let json = member("EgressOnlyInternetGateways", rows.iter().map(|g| j::egress_only_igw(g)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} egress-only internet gateways in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("egress_only_internet_gateways", df))
}
