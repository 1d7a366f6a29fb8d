//! elbv2: Application Load Balancers, target groups, listeners, targets.

use crate::model::codes;
use serde_json::json;

use super::shorthand;
use crate::command::shapes::{self, to_value, List};
use crate::command::shorthand as cli;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;
use crate::model::network::InstanceState;
use crate::model::scaling::autoscaling::Algorithm;
use crate::tables::scaling::{self as t, TargetHealth};

const TG_FLAGS: &[Flag] = &[
    Flag::value("name", "target group name"),
    Flag::choice("protocol", "HTTP or HTTPS", &["HTTP", "HTTPS"]),
    Flag::value("port", "target port (80)"),
    Flag::value("vpc-id", "the VPC (ID or Name)"),
    Flag::value("health-check-path", "default /"),
    Flag::value("health-check-interval-seconds", "default 30"),
    Flag::value("healthy-threshold-count", "default 5"),
    Flag::value("target-type", "instance (accepted)"),
    Flag::choice(
        "load-balancing-algorithm",
        "lab shortcut for the target group attribute",
        &["round_robin", "least_outstanding_requests"],
    ),
];
const LB_FLAGS: &[Flag] = &[
    Flag::value("name", "load balancer name"),
    Flag::many("subnets", "two or more subnets in different AZs"),
    Flag::many("security-groups", "security groups in the load balancer's VPC"),
    Flag::choice("scheme", "internet-facing (default) or internal", &["internet-facing", "internal"]),
    Flag::choice("type", "application", &["application"]),
];
const REG_FLAGS: &[Flag] = &[Flag::value("target-group-arn", "ARN or name"), Flag::many("targets", "Id=i-…")];
const LISTENER_FLAGS: &[Flag] = &[
    Flag::value("load-balancer-arn", "ARN or name"),
    Flag::choice("protocol", "HTTP", &["HTTP", "HTTPS"]),
    Flag::value("port", "listener port"),
    Flag::value("default-actions", "Type=forward,TargetGroupArn=…"),
];
const DESC_LB: &[Flag] = &[Flag::many("names", "names"), Flag::many("load-balancer-arns", "ARNs")];
const DESC_TG: &[Flag] =
    &[Flag::many("names", "names"), Flag::many("target-group-arns", "ARNs"), Flag::value("load-balancer-arn", "ARN")];
const DESC_TH: &[Flag] = &[Flag::value("target-group-arn", "ARN or name")];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec { name: "create-target-group", service: "elbv2", summary: "a target group for an ALB",
            usage: "create-target-group --name N --protocol HTTP --port 80 --vpc-id VPC [--health-check-path /]",
            help: "Health-check defaults as an ALB target group's: every 30 s, healthy after 5 successes.",
            flags: TG_FLAGS, run: Run::Write(create_target_group) },
        CommandSpec { name: "create-load-balancer", service: "elbv2", summary: "an Application Load Balancer in two or more AZs",
            usage: "create-load-balancer --name N --subnets S1 S2 [--security-groups SG]",
            help: "Subnets must be in one VPC and in different AZs (at least two); security groups in that VPC.",
            flags: LB_FLAGS, run: Run::Write(create_load_balancer) },
        CommandSpec { name: "register-targets", service: "elbv2", summary: "register instances with a target group",
            usage: "register-targets --target-group-arn ARN --targets Id=i-… [Id=i-…]",
            help: "Instances must be in the target group's VPC.", flags: REG_FLAGS, run: Run::Write(register_targets) },
        CommandSpec { name: "create-listener", service: "elbv2", summary: "a listener forwarding to a target group",
            usage: "create-listener --load-balancer-arn ARN --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=ARN",
            help: "", flags: LISTENER_FLAGS, run: Run::Write(create_listener) },
        CommandSpec { name: "describe-load-balancers", service: "elbv2", summary: "load balancers", usage: "describe-load-balancers [--names N…]",
            help: "", flags: DESC_LB, run: Run::Read(describe_load_balancers) },
        CommandSpec { name: "describe-target-groups", service: "elbv2", summary: "target groups", usage: "describe-target-groups [--names N…]",
            help: "", flags: DESC_TG, run: Run::Read(describe_target_groups) },
        CommandSpec { name: "describe-target-health", service: "elbv2", summary: "targets of a target group and their health",
            usage: "describe-target-health --target-group-arn ARN",
            help: "Targets registered here are shown healthy (the load test's health checks are in `simulate autoscaling`).",
            flags: DESC_TH, run: Run::Read(describe_target_health) },
    ]
}

use crate::command::region::of as region;

fn create_target_group(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let name = a.required("name")?;
    let protocol = a.get("protocol").unwrap_or("HTTP");
    let port = a.parse_or("port", 80u16)?;
    let vpc = a.required("vpc-id")?;
    let path = a.get("health-check-path").unwrap_or("/");
    let interval = a.parse_or("health-check-interval-seconds", 30u64)?;
    let healthy = a.parse_or("healthy-threshold-count", 5u32)?;
    let alg = a.get("load-balancing-algorithm").and_then(Algorithm::parse).unwrap_or(Algorithm::RoundRobin);
    let arn =
        lab.scaling.create_target_group(&lab.network, &r, name, protocol, port, vpc, path, interval, healthy, alg)?;
    let tg = &lab.scaling.target_groups[lab.scaling.target_group_idx(&r, &arn)?];
    Ok(Reply::text(arn.clone()).with_json(json!({ "TargetGroups": [to_value(&tg_json(tg))] })))
}

/// A `TargetGroup` in the AWS CLI's JSON shape, with an ALB target group's health-check defaults.
fn tg_json(t: &crate::model::scaling::resources::TargetGroup) -> shapes::TargetGroup {
    shapes::TargetGroup {
        target_group_arn: Some(t.arn.clone()),
        target_group_name: Some(t.name.clone()),
        protocol: Some(t.protocol.clone()),
        port: Some(t.port),
        vpc_id: Some(t.vpc_id.clone()),
        health_check_protocol: Some(t.protocol.clone()),
        health_check_port: Some("traffic-port".into()),
        health_check_enabled: Some(true),
        health_check_interval_seconds: Some(t.health_check_interval_s),
        health_check_timeout_seconds: Some(5),
        healthy_threshold_count: Some(t.healthy_threshold),
        unhealthy_threshold_count: Some(t.unhealthy_threshold),
        health_check_path: Some(t.health_check_path.clone()),
        matcher: Some(shapes::Matcher { http_code: Some("200".into()) }),
        load_balancer_arns: Some(t.load_balancer_arns.clone()),
        target_type: Some("instance".into()),
        protocol_version: Some("HTTP1".into()),
        ip_address_type: Some("ipv4".into()),
    }
}

fn create_load_balancer(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let name = a.required("name")?;
    let subnets = a.list("subnets");
    let sgs = a.list("security-groups");
    let scheme = a.get("scheme").unwrap_or("internet-facing");
    let arn = lab.scaling.create_load_balancer(&lab.network, &r, name, &subnets, &sgs, scheme)?;
    let lb = &lab.scaling.load_balancers[lab.scaling.load_balancer_idx(&r, &arn)?];
    Ok(Reply::text(format!("{}\n{}", arn, lb.dns_name)).with_json(json!({ "LoadBalancers": [to_value(&lb_json(lb))] })))
}

/// A `LoadBalancer` (an active internet-facing or internal ALB) in the AWS CLI's JSON shape.
fn lb_json(l: &crate::model::scaling::resources::LoadBalancer) -> shapes::LoadBalancer {
    let zone = |(s, z): &(String, String)| shapes::ElbAvailabilityZone {
        zone_name: Some(z.clone()),
        subnet_id: Some(s.clone()),
    };
    shapes::LoadBalancer {
        load_balancer_arn: Some(l.arn.clone()),
        dns_name: Some(l.dns_name.clone()),
        load_balancer_name: Some(l.name.clone()),
        scheme: Some(l.scheme.clone()),
        vpc_id: Some(l.vpc_id.clone()),
        state: Some(shapes::LoadBalancerState { code: Some("active".into()) }),
        kind: Some("application".into()),
        ip_address_type: Some("ipv4".into()),
        availability_zones: Some(List(l.subnets.iter().map(zone).collect())),
        security_groups: Some(l.security_groups.clone()),
    }
}

fn register_targets(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let tg = a.required("target-group-arn")?.to_string();
    let ids = target_ids(a)?;
    if ids.is_empty() {
        return Err(CommandError::new(codes::MISSING_PARAMETER, "the request must contain the parameter --targets"));
    }
    lab.scaling.register_targets(&lab.network, &r, &tg, &ids)?;
    Ok(Reply::text(format!("registered {} target(s)", ids.len())).with_json(json!({})))
}

fn create_listener(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let lb = a.required("load-balancer-arn")?.to_string();
    let protocol = a.get("protocol").unwrap_or("HTTP").to_string();
    let port = a.parse_or("port", 80u16)?;
    let actions = shorthand(a.required("default-actions")?);
    let kind = actions.iter().find(|(k, _)| k == "Type").map(|(_, v)| v.as_str()).unwrap_or("forward");
    if kind != "forward" {
        return Err(CommandError::new(
            codes::VALIDATION_ERROR,
            format!("only Type=forward default actions are modelled (got Type={})", kind),
        ));
    }
    let tg = actions
        .iter()
        .find(|(k, _)| k == "TargetGroupArn")
        .map(|(_, v)| v.clone())
        .ok_or_else(|| CommandError::new(codes::VALIDATION_ERROR, "A forward action needs TargetGroupArn"))?;
    let arn = lab.scaling.create_listener(&r, &lb, &protocol, port, &tg)?;
    let listener = shapes::Listener {
        listener_arn: Some(arn.clone()),
        load_balancer_arn: Some(lb),
        port: Some(port),
        protocol: Some(protocol),
        default_actions: Some(List(vec![shapes::Action { kind: Some("forward".into()), target_group_arn: Some(tg) }])),
    };
    Ok(Reply::text(arn).with_json(json!({ "Listeners": [to_value(&listener)] })))
}

fn describe_load_balancers(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let names = a.list("names");
    let arns = a.list("load-balancer-arns");
    for n in names.iter().chain(arns.iter()) {
        lab.scaling.load_balancer_idx(&r, n)?;
    }
    let lbs: Vec<_> = lab
        .scaling
        .load_balancers
        .iter()
        .filter(|l| {
            l.region == r && (names.is_empty() && arns.is_empty() || names.contains(&l.name) || arns.contains(&l.arn))
        })
        .collect();
    let df = t::load_balancers_df(&lbs)?;
    Ok(Reply::new()
        .with_table(df, Some("Load balancers".into()), None)
        .with_json(json!({ "LoadBalancers": to_value(&lbs.iter().map(|l| lb_json(l)).collect::<Vec<_>>()) })))
}

fn describe_target_groups(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let names = a.list("names");
    let arns = a.list("target-group-arns");
    for n in names.iter().chain(arns.iter()) {
        lab.scaling.target_group_idx(&r, n)?;
    }
    let lb = a.get("load-balancer-arn");
    let tgs: Vec<_> = lab
        .scaling
        .target_groups
        .iter()
        .filter(|t| {
            t.region == r && (names.is_empty() && arns.is_empty() || names.contains(&t.name) || arns.contains(&t.arn))
        })
        .filter(|t| lb.is_none_or(|l| t.load_balancer_arns.iter().any(|x| x == l)))
        .collect();
    let df = t::target_groups_df(&tgs)?;
    Ok(Reply::new()
        .with_table(df, Some("Target groups".into()), None)
        .with_json(json!({ "TargetGroups": to_value(&tgs.iter().map(|t| tg_json(t)).collect::<Vec<_>>()) })))
}

fn describe_target_health(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let ti = lab.scaling.target_group_idx(&r, a.required("target-group-arn")?)?;
    let tg = &lab.scaling.target_groups[ti];
    // AWS's states and reasons: a target group no listener uses is "unused"; a target that
    // is not running is "unused" (Target.InvalidState). A running one is shown healthy:
    // the lab sends no health checks outside `simulate autoscaling` (said in the note).
    let health: Vec<TargetHealth> = tg
        .targets
        .iter()
        .map(|t| {
            let inst = lab.network.instances.iter().find(|i| &i.id == t);
            match inst.map(|i| i.state) {
                _ if tg.load_balancer_arns.is_empty() => TargetHealth {
                    state: "unused",
                    reason: Some((
                        "Target.NotInUse",
                        "Target group is not configured to receive traffic from the load balancer".to_string(),
                    )),
                },
                Some(InstanceState::Running) => TargetHealth { state: "healthy", reason: None },
                Some(st) => TargetHealth {
                    state: "unused",
                    reason: Some(("Target.InvalidState", format!("Target is in the {} state", st.as_str()))),
                },
                None => TargetHealth {
                    state: "unavailable",
                    reason: Some(("Target.InvalidState", "Target is not an instance of this lab".to_string())),
                },
            }
        })
        .collect();
    let df = t::target_health_df(tg, &health)?;
    let described: Vec<shapes::TargetHealthDescription> = tg
        .targets
        .iter()
        .zip(&health)
        .map(|(t, h)| shapes::TargetHealthDescription {
            target: Some(shapes::TargetDescription { id: Some(t.clone()), port: Some(tg.port) }),
            health_check_port: Some(tg.port.to_string()),
            target_health: Some(shapes::TargetHealth {
                state: Some(h.state.into()),
                reason: h.reason.as_ref().map(|r| r.0.into()),
                description: h.reason.as_ref().map(|r| r.1.clone()),
            }),
        })
        .collect();
    let json = json!({ "TargetHealthDescriptions": to_value(&described) });
    let note = format!(
        "Assumption: running targets are shown healthy; the lab sends no health checks here (`simulate autoscaling` models them). \
         To check the path, `reach` from an address in the load balancer's subnets to a target on port {}.",
        tg.port
    );
    Ok(Reply::new().with_table(df, Some(format!("Targets of {}", tg.name)), Some(note)).with_json(json))
}

/// `--targets Id=i-1 Id=i-2,Port=80`, the JSON `[{"Id":"i-1"}]`, or bare IDs `i-1,i-2`.
fn target_ids(a: &Args) -> Result<Vec<String>, CommandError> {
    let mut ids: Vec<String> = Vec::new();
    for raw in a.raw_values("targets") {
        let t = raw.trim_start();
        if t.starts_with('[') || t.starts_with('{') {
            ids.extend(cli::value("targets", raw)?.iter().flat_map(|v| cli::list(v, "Id")));
            continue;
        }
        for word in raw.split_whitespace() {
            if word.contains('=') {
                ids.extend(cli::value("targets", word)?.iter().flat_map(|v| cli::list(v, "Id")));
            } else {
                ids.extend(word.split(',').filter(|s| !s.is_empty()).map(String::from));
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_in_every_form_the_cli_takes() {
        for raw in
            ["Id=i-1 Id=i-2,Port=80", r#"[{"Id":"i-1"},{"Id":"i-2","Port":80}]"#, "i-1,i-2", "Id=i-1,Port=80 i-2"]
        {
            let a = Args::from_pairs(&[], &[("targets", raw)]);
            assert_eq!(target_ids(&a).unwrap(), vec!["i-1", "i-2"], "{raw}");
        }
        let a = Args::from_pairs(&[], &[("targets", "Id={oops")]);
        assert_eq!(target_ids(&a).unwrap_err().code, "InvalidParameterValue");
    }
}
