//! Instances as the network sees them: run-instances, start/stop/reboot/terminate,
//! describe-instances, describe-network-interfaces.

use crate::model::codes;
use serde_json::json;

use super::{json as j, name_tag, one, opt, region, Filters};
use crate::command::shapes::{self, member};
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::instances::RunSpec;
use crate::model::network::InstanceState;
use crate::tables::network as tbl;

/// AWS's default when --instance-type is omitted (RunInstances API reference).
const DEFAULT_INSTANCE_TYPE: &str = "m1.small";
/// Stand-in AMI when --image-id is omitted (an Amazon Linux stand-in with an 8 GiB gp3 root).
use crate::model::storage::images::DEFAULT_IMAGE;

const RUN: &[Flag] = &[
    Flag::value("image-id", "an AMI made with create-image (ID or name), cloudlab-instance-store-hvm (an instance-store-backed AMI), or any public ami- ID (launched like the default Amazon Linux AMI)"),
    Flag::value("instance-type", "e.g. t3.micro (default m1.small, as AWS)"),
    Flag::value("subnet-id", "subnet ID or Name (default: the default VPC's first default subnet)"),
    Flag::many("security-group-ids", "SG IDs, Names or group names (default: the VPC's default SG)"),
    Flag::many("security-groups", "group names"),
    Flag::switch("associate-public-ip-address", "give it a public IPv4 (default: the subnet's map-public-ip-on-launch)"),
    Flag::value("private-ip-address", "a free address of the subnet (default: the first free after the 4 reserved)"),
    Flag::value("count", "how many (N or MIN:MAX)"),
    Flag::value("key-name", "accepted"),
    Flag::value("user-data", "accepted"),
    Flag::value("hibernation-options", "Configured=true: the instance may later be stopped with --hibernate"),
    Flag::value("name", "Name tag"),
    Flag::many("tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=N}]"),
    Flag::many("block-device-mappings", "EBS volumes at launch: DeviceName=/dev/sdf,Ebs={VolumeSize=100,VolumeType=gp3,DeleteOnTermination=false} (root: /dev/xvda, default 8 GiB gp3)"),
];
const IDS: &[Flag] = &[Flag::many("instance-ids", "instance IDs or Names")];
const STOP: &[Flag] = &[
    Flag::many("instance-ids", "instance IDs or Names"),
    Flag::switch("hibernate", "hibernate (RAM to EBS) instead of a plain stop"),
    Flag::switch("force", "accepted"),
];
const DESCRIBE: &[Flag] = &[
    Flag::many("instance-ids", "only these (IDs or Names)"),
    Flag::many(
        "filters",
        "Name=vpc-id|subnet-id|instance-state-name|instance-type|availability-zone|tag:Name,Values=…",
    ),
];
const DESCRIBE_ENI: &[Flag] = &[
    Flag::many("network-interface-ids", "only these"),
    Flag::many("filters", "Name=vpc-id|subnet-id|interface-type,Values=…"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "run-instances", service: "ec2", summary: "launch instances into a subnet",
            usage: "run-instances --instance-type TYPE --subnet-id SUBNET [--security-group-ids SG…] [--associate-public-ip-address] [--private-ip-address IP] [--count N] [--name NAME]",
            help: "Each instance gets a primary network interface with a private IP handed out as DHCP does (first free \
                   address after the 4 reserved ones), the given security groups (at most 5) and, when asked or when the \
                   subnet maps one, an auto-assigned public IPv4. All instances launch or none \
                   (InsufficientFreeAddressesInSubnet). The answer says `pending`, as AWS's does; the model's instances are `running` at once.\n\
                   Example: `run-instances --instance-type t3.micro --subnet-id web-a --security-group-ids web --name web1`",
            flags: RUN, run: Run::Write(run) },
        CommandSpec { name: "start-instances", service: "ec2", summary: "start stopped instances", usage: "start-instances --instance-ids I…",
            help: "An instance launched with an auto-assigned public IPv4 gets a NEW one; an Elastic IP stays. The private IP never changes.", flags: IDS, run: Run::Write(start) },
        CommandSpec { name: "stop-instances", service: "ec2", summary: "stop instances", usage: "stop-instances --instance-ids I… [--hibernate]",
            help: "The auto-assigned public IPv4 is released (an Elastic IP stays); the private IP and ENI stay, so the address \
                   still counts as used in the subnet. Terminated instances: IncorrectInstanceState. An instance launched from an instance-store-backed AMI \
                   cannot be stopped (UnsupportedOperation). `--hibernate` only for an instance \
                   launched with `--hibernation-options Configured=true` (else UnsupportedOperation). The JSON answer says `stopping`, as AWS's does; the model is `stopped` at once.", flags: STOP, run: Run::Write(stop) },
        CommandSpec { name: "reboot-instances", service: "ec2", summary: "reboot running instances", usage: "reboot-instances --instance-ids I…",
            help: "Addresses are kept. Only running instances can be rebooted (IncorrectInstanceState).", flags: IDS, run: Run::Write(reboot) },
        CommandSpec { name: "terminate-instances", service: "ec2", summary: "terminate instances", usage: "terminate-instances --instance-ids I…",
            help: "The primary ENI and its addresses are released; an associated Elastic IP stays allocated (disassociated).", flags: IDS, run: Run::Write(terminate) },
        CommandSpec { name: "describe-instances", service: "ec2", summary: "instances with their addresses and states", usage: "describe-instances [--instance-ids I…] [--filters Name=vpc-id,Values=VPC]",
            help: "JSON is grouped in Reservations, one per run-instances call, as the AWS CLI prints it.", flags: DESCRIBE, run: Run::Read(describe) },
        CommandSpec { name: "describe-network-interfaces", service: "ec2", summary: "network interfaces (instances, NAT gateways, TGW attachments)", usage: "describe-network-interfaces [--filters Name=subnet-id,Values=S]",
            help: "", flags: DESCRIBE_ENI, run: Run::Read(describe_enis) },
    ]
}

fn run(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let instance_type = a.get("instance-type").unwrap_or(DEFAULT_INSTANCE_TYPE).to_string();
    let known = crate::model::compute::instance_type_names();
    let plausible = instance_type.split_once('.').is_some_and(|(f, s)| !f.is_empty() && !s.is_empty());
    if (!known.is_empty() && !known.contains(&instance_type.as_str()) && instance_type != DEFAULT_INSTANCE_TYPE)
        || !plausible
    {
        return Err(CommandError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("Invalid value '{}' for InstanceType.", instance_type),
        ));
    }
    let count = match a.get("count") {
        None => 1,
        Some(c) => {
            c.split(':').next().and_then(|n| n.parse::<u32>().ok()).filter(|n| (1..=1000).contains(n)).ok_or_else(
                || CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid value '{}' for --count", c)),
            )?
        }
    };
    let private_ip = match a.get("private-ip-address") {
        None => None,
        Some(s) => Some(s.parse().map_err(|_| {
            CommandError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid value '{}' for --private-ip-address", s))
        })?),
    };
    let mut sgs = a.list("security-group-ids");
    sgs.extend(a.list("security-groups"));
    let spec = RunSpec {
        instance_type,
        image_id: image_id(lab, a.get("image-id"))?,
        subnet: a.get("subnet-id").map(String::from),
        security_groups: sgs,
        associate_public_ip: if a.has("associate-public-ip-address") {
            Some(a.switch("associate-public-ip-address"))
        } else {
            None
        },
        private_ip,
        count,
        name: name_tag(a),
        launch_time: Some(now()),
        hibernation_configured: match a.get("hibernation-options").map(|v| v.to_ascii_lowercase()) {
            None => false,
            Some(v) if v == "configured=true" => true,
            Some(v) if v == "configured=false" => false,
            Some(_) => {
                return Err(CommandError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    "--hibernation-options takes Configured=true or Configured=false",
                ))
            }
        },
        ..Default::default()
    };
    let ids = lab.network.run_instances(&r, &spec)?;
    crate::command::storage::after_run(lab, &ids, a)?;
    let new: std::collections::HashSet<&String> = ids.iter().collect();
    let rows: Vec<_> = lab.network.instances.iter().filter(|i| new.contains(&i.id)).collect();
    let mut lines = Vec::new();
    for i in &rows {
        let (p, pubip, _) = lab.network.instance_addresses(i);
        lines.push(format!(
            "launched {} {} in {} ({}): private {}{}",
            lab.network.label(&i.id),
            i.instance_type,
            lab.network.label(&i.subnet_id),
            i.availability_zone,
            p.map(|x| x.to_string()).unwrap_or_default(),
            pubip.map(|x| format!(", public {}", x)).unwrap_or_else(|| ", no public IP".into())
        ));
    }
    let mut res = crate::command::storage::with_block_device_mappings(lab, j::reservations(&lab.network, &rows));
    let json = match res.first_mut() {
        Some(r) => {
            // RunInstances answers while the instances are still `pending` (the model starts them at once).
            for i in shapes::each_mut(&mut r.instances) {
                let pending = InstanceState::Pending;
                i.state = Some(shapes::InstanceState {
                    code: Some(pending.code().into()),
                    name: Some(pending.as_str().into()),
                });
            }
            shapes::to_value(r)
        }
        None => json!({}),
    };
    Ok(Reply::text(lines.join("\n")).with_json(json))
}

/// Text shows the state the model is in now; JSON shows what the API answers at once
/// (`stopping`, `pending`, `shutting-down`), as the AWS CLI prints it.
fn transitions(
    v: &[(String, InstanceState, InstanceState)],
    key: &str,
    immediate: InstanceState,
) -> (String, serde_json::Value) {
    let text =
        v.iter().map(|(id, p, c)| format!("{}: {} → {}", id, p.as_str(), c.as_str())).collect::<Vec<_>>().join("\n");
    let state = |s: InstanceState| shapes::InstanceState { code: Some(s.code().into()), name: Some(s.as_str().into()) };
    let change = |(id, p, c): &(String, InstanceState, InstanceState)| shapes::InstanceStateChange {
        instance_id: Some(id.clone()),
        previous_state: Some(state(*p)),
        current_state: Some(state(if p == c { *c } else { immediate })),
    };
    let json = member(key, v.iter().map(change).collect::<Vec<_>>());
    (text, json)
}

fn with_addresses(lab: &Lab, text: String, ids: &[(String, InstanceState, InstanceState)]) -> String {
    let mut t = text;
    for (id, _, _) in ids {
        if let Some(i) = lab.network.instances.iter().find(|i| &i.id == id) {
            let (_, p, eip) = lab.network.instance_addresses(i);
            t.push_str(&format!(
                "\n  {} public IPv4: {}",
                lab.network.label(id),
                match p {
                    Some(ip) if eip => format!("{} (Elastic IP, kept)", ip),
                    Some(ip) => format!("{} (auto-assigned)", ip),
                    None => "none".into(),
                }
            ));
        }
    }
    t
}

fn start(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let v = lab.network.start_instances(&r, &a.list("instance-ids"))?;
    let (text, json) = transitions(&v, "StartingInstances", InstanceState::Pending);
    Ok(Reply::text(with_addresses(lab, text, &v)).with_json(json))
}

fn stop(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    crate::command::storage::before_stop(lab, &r, &a.list("instance-ids"))?;
    let v = lab.network.stop_instances(&r, &a.list("instance-ids"), a.switch("hibernate"))?;
    crate::command::storage::after_stop(lab, &v.iter().map(|x| x.0.clone()).collect::<Vec<_>>());
    let (text, json) = transitions(&v, "StoppingInstances", InstanceState::Stopping);
    Ok(Reply::text(with_addresses(lab, text, &v)).with_json(json))
}

fn reboot(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let ids = a.list("instance-ids");
    lab.network.reboot_instances(&r, &ids)?;
    Ok(Reply::text(format!("rebooted {} (addresses kept)", ids.join(", "))).with_json(json!({})))
}

fn terminate(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let v = lab.network.terminate_instances(&r, &a.list("instance-ids"))?;
    crate::command::storage::after_terminate(lab, &v.iter().map(|x| x.0.clone()).collect::<Vec<_>>());
    let (text, json) = transitions(&v, "TerminatingInstances", InstanceState::ShuttingDown);
    Ok(Reply::text(text).with_json(json))
}

fn describe(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let mut wanted = Vec::new();
    for k in a.list("instance-ids") {
        wanted.push(lab.network.instances[lab.network.instance_idx(Some(&r), &k)?].id.clone());
    }
    let mut rows = Vec::new();
    for i in lab.network.instances.iter().filter(|i| i.region == r) {
        if !wanted.is_empty() && !wanted.contains(&i.id) {
            continue;
        }
        let (p, pubip, _) = lab.network.instance_addresses(i);
        if f.keep(&[
            ("instance-id", one(&i.id)),
            ("vpc-id", one(&i.vpc_id)),
            ("subnet-id", one(&i.subnet_id)),
            ("instance-state-name", one(i.state.as_str())),
            ("instance-type", one(&i.instance_type)),
            ("availability-zone", one(&i.availability_zone)),
            ("private-ip-address", p.map(|x| x.to_string()).into_iter().collect()),
            ("ip-address", pubip.map(|x| x.to_string()).into_iter().collect()),
            ("instance.group-id", i.security_groups.clone()),
            ("tag:Name", opt(&i.name)),
            ("tag:aws:autoscaling:groupName", opt(&i.auto_scaling_group)),
        ])? {
            rows.push(i);
        }
    }
    let df = tbl::instances_df(&lab.network, &rows)?;
    let res = crate::command::storage::with_block_device_mappings(lab, j::reservations(&lab.network, &rows));
    let json = member("Reservations", res);
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} instances in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("instances", df))
}

fn describe_enis(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let f = Filters::parse(a)?;
    let ids = a.list("network-interface-ids");
    let mut rows = Vec::new();
    for e in lab.network.network_interfaces.iter().filter(|e| e.region == r) {
        if !ids.is_empty() && !ids.contains(&e.id) {
            continue;
        }
        if f.keep(&[
            ("network-interface-id", one(&e.id)),
            ("vpc-id", one(&e.vpc_id)),
            ("subnet-id", one(&e.subnet_id)),
            ("interface-type", one(e.interface_type)),
        ])? {
            rows.push(e);
        }
    }
    let df = tbl::network_interfaces_df(&rows)?;
    let json = member("NetworkInterfaces", rows.iter().map(|e| j::network_interface(e)).collect::<Vec<_>>());
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} network interfaces in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("network_interfaces", df))
}

/// The time a launch is recorded with, to the second as AWS reports it.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    crate::clock::now_utc()
}

/// The AMI to launch: a custom AMI from `create-image` by ID or name, or any other
/// well-formed `ami-` ID (public AMIs from AWS workshops are accepted, not modelled).
fn image_id(lab: &Lab, given: Option<&str>) -> Result<String, CommandError> {
    let Some(given) = given else { return Ok(DEFAULT_IMAGE.to_string()) };
    if let Some(img) = lab.scaling.images.iter().find(|i| i.image_id == given || i.name == given) {
        return Ok(img.image_id.clone());
    }
    if let Some(img) = crate::model::storage::images::public_images().into_iter().find(|i| i.name == given) {
        return Ok(img.image_id);
    }
    let hex = given.strip_prefix("ami-").unwrap_or("");
    if (hex.len() == 8 || hex.len() == 17) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(given.to_string());
    }
    Err(CommandError::new(codes::AMI_ID_MALFORMED, format!("Invalid id: \"{given}\" (expecting \"ami-...\")"))
        .with_hint("use an AMI ID, or the name of an AMI made with create-image"))
}
