//! The flags of `simulate autoscaling` (and a CLI-made group) as the simulation's parameters.

use super::invalid;
use crate::command::{Args, CommandError};
use crate::lab::Lab;
use crate::model::scaling::autoscaling::{Algorithm, CreditMode, Monitoring, PolicyKind, SimParams};
use crate::model::scaling::instance;
use crate::model::scaling::load::{parse_duration, LoadProfile};

/// Builds the parameters from the flags (and a CLI-made group, when named).
pub fn params_from_args(lab: &Lab, a: &Args) -> Result<(SimParams, LoadProfile), CommandError> {
    let region = crate::command::region::of(lab, a)?;
    let group = match a.get("auto-scaling-group-name") {
        Some(name) => Some(lab.scaling.group_sim_defaults(&region, name)?),
        None => None,
    };
    let ty = a
        .get("instance-type")
        .map(String::from)
        .or_else(|| group.as_ref().map(|g| g.instance_type.clone()))
        .unwrap_or_else(|| "t3.micro".into());
    let mut p = catalog_params(lab, &region, &ty)?;
    let zones = crate::model::regions::availability_zones(&region);
    if zones.len() >= 2 {
        p.availability_zones = zones[..2].to_vec();
    }
    if let Some(g) = &group {
        p.group_name = g.group_name.clone();
        p.min_size = g.min_size;
        p.max_size = g.max_size;
        p.desired_capacity = g.desired_capacity;
        p.availability_zones = g.availability_zones.clone();
        p.initial_instance_ids = g.instance_ids.clone();
        p.health_check_grace_s = g.health_check_grace_s;
        p.protected_instances = if g.protect_new_instances { g.max_size } else { 0 };
        if let Some(c) = g.cooldown_s {
            p.cooldown_s = c;
        }
        if let Some((kind, name, target, warmup)) = &g.policy {
            p.set_policy(*kind);
            p.policy_name = name.clone();
            if let Some(t) = target {
                p.target_cpu_pct = *t;
            }
            if let Some(w) = warmup {
                p.warmup_s = *w;
            }
        }
        if let Some((interval, threshold, algorithm)) = g.health_check {
            p.health_check_interval_s = interval;
            p.healthy_threshold = threshold;
            p.algorithm = algorithm;
        }
        if p.credit_mode == CreditMode::Unlimited && g.credit_standard {
            p.credit_mode = CreditMode::Standard;
        }
    }
    apply_flags(&mut p, a, group.is_some(), &ty)?;
    let load_text = a.required("load")?;
    let load = LoadProfile::parse(load_text).map_err(|e| invalid(format!("--load: {}", e)))?;
    let tail = match a.get("tail") {
        Some(t) => parse_duration(t).map_err(|e| invalid(format!("--tail: {}", e)))?,
        None => 1200,
    };
    p.duration_s = load.duration_s().saturating_add(tail);
    p.validate()?;
    Ok((p, load))
}

/// The parameters of an instance type: its vCPUs and burst from the catalog, its price from
/// the price book for the region (or the catalog's us-east-1 snapshot); a missing price is
/// said, never estimated.
fn catalog_params(lab: &Lab, region: &str, ty: &str) -> Result<SimParams, CommandError> {
    // vCPUs (and the snapshot's us-east-1 price) from the instance catalog.
    let own = instance::lookup(ty);
    let vcpus = match &own {
        Some(o) => o.vcpus,
        None => {
            let mut e = invalid(format!("The instance type '{}' does not exist in the instance catalog", ty));
            if let Some(c) = crate::model::compute::catalog::closest(ty) {
                e = e.with_hint(format!("did you mean {}?", c));
            }
            return Err(e);
        }
    };
    // A price is the price book's for this region; a missing pair is said, never estimated.
    let (price, source) = match (lab.pricing.price(ty, region), own.as_ref().and_then(|o| o.price_per_hour_usd)) {
        (Some(p), _) => (Some(p), format!("{} ({})", lab.pricing.label(), region)),
        (None, Some(p)) if region == "us-east-1" => {
            (Some(p), "us-east-1 on-demand Linux, snapshot read 2026-11-24".to_string())
        }
        _ => (None, format!("no price known for {} in {}: cost not estimated", ty, region)),
    };
    let mut p = SimParams::new(ty, vcpus.max(1), price.unwrap_or(0.0), instance::burst_spec(ty));
    p.price_source = source;
    Ok(p)
}

/// The flags that set a parameter, over the type's and the group's defaults.
fn apply_flags(p: &mut SimParams, a: &Args, from_group: bool, ty: &str) -> Result<(), CommandError> {
    set(a, "min", &mut p.min_size)?;
    set(a, "max", &mut p.max_size)?;
    p.desired_capacity = match a.value::<u32>("desired")? {
        Some(v) => v,
        None if from_group => p.desired_capacity.clamp(p.min_size, p.max_size.max(p.min_size)),
        None => p.min_size,
    };
    set(a, "target-cpu", &mut p.target_cpu_pct)?;
    if let Some(v) = a.get("policy") {
        p.set_policy(PolicyKind::parse(v).ok_or_else(|| invalid(format!("unknown policy '{}'", v)))?);
    } else {
        p.reset_scale_in_alarm();
    }
    match a.get("metrics") {
        Some("basic") => p.monitoring = Monitoring::Basic,
        Some("detailed") => p.monitoring = Monitoring::Detailed,
        _ => {}
    }
    set(a, "warmup", &mut p.warmup_s)?;
    set(a, "cooldown", &mut p.cooldown_s)?;
    set(a, "boot-time", &mut p.boot_s)?;
    set(a, "cpu-ms-per-request", &mut p.cpu_ms_per_request)?;
    set(a, "health-check-grace-period", &mut p.health_check_grace_s)?;
    set(a, "scale-in-protected", &mut p.protected_instances)?;
    if let Some(v) = a.get("algorithm") {
        p.algorithm = Algorithm::parse(v).ok_or_else(|| invalid(format!("unknown algorithm '{}'", v)))?;
    }
    match a.get("credit-specification") {
        Some("standard") if p.burst.is_some() => p.credit_mode = CreditMode::Standard,
        Some("unlimited") if p.burst.is_some() => p.credit_mode = CreditMode::Unlimited,
        Some(_) if p.burst.is_none() => {
            return Err(invalid(format!("{} is not a burstable type: it has no CPU credits", ty)));
        }
        _ => {}
    }
    p.start_warm = !a.switch("cold-start");
    p.seed = a.parse_or("seed", 1u64)?;
    Ok(())
}

/// `--NAME VALUE` sets `target`; without the flag it keeps its value.
fn set<T: std::str::FromStr>(a: &Args, name: &str, target: &mut T) -> Result<(), CommandError> {
    if let Some(v) = a.value::<T>(name)? {
        *target = v;
    }
    Ok(())
}
