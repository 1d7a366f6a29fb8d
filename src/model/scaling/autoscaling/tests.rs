//! The simulation against AWS's documented behaviour: warm-up, datapoints, cooldowns,
//! limits, credits, billing, protection, health checks, interrupts.

use super::*;
use crate::model::scaling::instance;
use crate::model::scaling::load::LoadProfile;
use crate::model::SimError;

/// The tests' group: detailed (1-minute) monitoring, so alarms count minutes.
fn params(ty: &str) -> SimParams {
    let mut p = new_group(ty);
    p.monitoring = Monitoring::Detailed;
    p
}

/// A group as created, with AWS's defaults.
fn new_group(ty: &str) -> SimParams {
    let s = instance::lookup(ty).unwrap();
    SimParams::new(ty, s.vcpus, s.price_per_hour_usd.unwrap(), s.burst)
}

fn run(p: &SimParams, load: &str) -> SimResult {
    let l = LoadProfile::parse(load).unwrap();
    simulate(p, &l, &mut |_| true).unwrap()
}

#[test]
fn scale_out_waits_for_warmup_and_the_breaching_datapoints() {
    let mut p = params("t3.micro");
    p.start_warm = false;
    p.duration_s = 1800;
    let r = run(&p, "steady:3000rps:30m");
    let first = r.first_scale_out_s().expect("the group scales out");
    // Initial instances boot (≥ 80 % of 45 s) and warm up 300 s; the first datapoint
    // with warmed instances closes at the next minute, and the alarm needs 3 of them.
    let warm = (p.boot_s as f64 * 0.8) as u64 + p.warmup_s;
    let earliest = warm.div_ceil(60) * 60 + 2 * 60;
    assert!(first >= earliest, "scaled out at {} s, before {} s", first, earliest);
    let launch = r.events.iter().find(|e| e.kind == "Launch" && e.t_s > 0).unwrap();
    assert!(launch.cause.contains("in state ALARM triggered policy cpu-target-tracking"), "{}", launch.cause);
    assert!(launch.description.starts_with("Launching a new EC2 instance: i-0"));
    // The alarm went to ALARM before the launch, after 3 datapoints over the target.
    let alarm = r.events.iter().find(|e| e.kind == "Alarm" && e.description.ends_with("to ALARM")).unwrap();
    assert!(alarm.t_s <= first && alarm.cause.contains("3 datapoints were greater than the threshold (50.0)"));
    // With no warm-up it happens sooner.
    p.warmup_s = 0;
    let r0 = run(&p, "steady:3000rps:30m");
    assert!(r0.first_scale_out_s().unwrap() < first);
}

#[test]
fn never_beyond_max_and_never_below_min() {
    let mut p = params("t3.micro");
    p.duration_s = 7200;
    let r = run(&p, "ramp:0-20000rps:10m,steady:40m,drop:1h");
    assert_eq!(r.max_in_service, p.max_size);
    assert!(r.timeline.iter().all(|s| s.desired <= p.max_size && s.desired >= p.min_size));
    assert!(r.timeline.iter().all(|s| s.in_service <= p.max_size));
    // 20000 rps is more than 6 t3.micro can take: the rest is unserved.
    assert!(r.unserved_requests > 0.0);
}

#[test]
fn target_tracking_scales_in_only_after_fifteen_low_datapoints() {
    let mut p = params("t3.micro");
    p.duration_s = 5400;
    let r = run(&p, "ramp:0-3000rps:10m,steady:20m,drop:1h");
    let drop_at = 1800;
    let first_in = r.first_scale_in_s().expect("scales in after the drop");
    assert!(first_in >= drop_at + 15 * 60, "scaled in at {}", first_in);
    let t = r.events.iter().find(|e| e.kind == "Terminate").unwrap();
    assert!(t.cause.contains("AlarmLow") && t.cause.contains("was selected for termination"), "{}", t.cause);
    // Back to min by the end, gradually (one instance per decision).
    assert_eq!(r.timeline.last().unwrap().desired, p.min_size);
    for w in r.events.iter().filter(|e| e.kind == "Terminate").collect::<Vec<_>>().windows(2) {
        assert!(w[0].desired_from - w[0].desired_to <= 1);
        assert!(w[1].t_s >= w[0].t_s);
    }
}

#[test]
fn simple_scaling_scales_in_only_after_the_cooldown() {
    let mut p = params("t3.micro");
    p.set_policy(PolicyKind::Simple);
    p.duration_s = 7200;
    let r = run(&p, "steady:3000rps:40m,idle:80m");
    let acts: Vec<&Activity> = r.events.iter().filter(|e| e.kind == "Launch" || e.kind == "Terminate").collect();
    let first_in = acts.iter().position(|e| e.kind == "Terminate").expect("scales in");
    // The cooldown starts when the last scale-out's instances are in service.
    let last_out_done = acts[..first_in].iter().filter_map(|e| e.end_t_s).max().unwrap();
    assert!(acts[first_in].t_s >= last_out_done + p.cooldown_s);
    // Successive scale-ins are a cooldown apart.
    let ins: Vec<u64> = acts.iter().filter(|e| e.kind == "Terminate").map(|e| e.t_s).collect();
    assert!(ins.len() >= 2);
    for w in ins.windows(2) {
        assert!(w[1] - w[0] >= p.cooldown_s, "{:?}", ins);
    }
    // Simple scaling adds one instance at a time.
    let outs: Vec<&&Activity> = acts.iter().filter(|e| e.kind == "Launch" && e.t_s > 0).collect();
    assert!(outs.iter().all(|e| e.desired_to == e.desired_from + 1));
}

#[test]
fn more_vcpus_per_instance_means_fewer_instances() {
    let mut small = params("m5.large");
    let mut big = params("m5.2xlarge");
    for p in [&mut small, &mut big] {
        p.max_size = 40;
        p.duration_s = 3600;
    }
    let load = "ramp:0-8000rps:10m,steady:50m";
    let (rs, rb) = (run(&small, load), run(&big, load));
    assert!(rb.max_in_service < rs.max_in_service, "{} vs {}", rb.max_in_service, rs.max_in_service);
}

#[test]
fn detailed_monitoring_reacts_sooner_than_basic() {
    // A new group's instances have basic monitoring
    // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html).
    let mut b = new_group("t3.micro");
    b.duration_s = 3600;
    assert_eq!(b.monitoring, Monitoring::Basic, "a new group has basic monitoring");
    let mut d = b.clone();
    d.monitoring = Monitoring::Detailed;
    let load = "ramp:0-3000rps:10m,steady:50m";
    let (td, tb) = (run(&d, load).first_scale_out_s().unwrap(), run(&b, load).first_scale_out_s().unwrap());
    assert!(td < tb, "detailed {} s, basic {} s", td, tb);
}

#[test]
fn the_same_seed_gives_the_same_run() {
    let mut p = params("t3.micro");
    p.duration_s = 2400;
    let load = "ramp:0-3000rps:10m,steady:20m,drop:10m";
    let (a, b) = (run(&p, load), run(&p, load));
    assert_eq!(a.timeline, b.timeline);
    assert_eq!(a.events, b.events);
    p.seed = 2;
    let c = run(&p, load);
    assert_ne!(a.timeline, c.timeline);
}

#[test]
fn the_cpu_script_drives_every_instance_so_the_group_climbs_to_max() {
    let mut p = params("t3.micro");
    p.duration_s = 3600;
    let r = run(&p, "cpu-script:1h");
    assert_eq!(r.max_in_service, p.max_size);
    assert!(r.timeline.last().unwrap().cpu_avg_pct >= p.script_busy_pct - 1.0);
}

#[test]
fn standard_burstable_instances_fall_to_baseline_when_credits_run_out() {
    let mut p = params("t2.micro");
    assert_eq!(p.credit_mode, CreditMode::Standard);
    p.min_size = 1;
    p.max_size = 1;
    p.desired_capacity = 1;
    p.duration_s = 4 * 3600;
    let r = run(&p, "steady:400rps:4h");
    let last = r.timeline.last().unwrap();
    assert!(last.credit_balance.unwrap() < 1.0);
    assert!((last.cpu_avg_pct - 10.0).abs() < 1.5, "cpu {}", last.cpu_avg_pct);
    assert!(r.unserved_requests > 0.0);
    // Unlimited mode keeps serving and pays for surplus credits instead.
    p.credit_mode = CreditMode::Unlimited;
    let u = run(&p, "steady:400rps:4h");
    assert!(u.surplus_credit_cost_usd > 0.0 && u.unserved_requests < r.unserved_requests);
}

#[test]
fn billing_is_per_running_second_with_a_minute_minimum() {
    let mut p = params("m5.large");
    p.min_size = 1;
    p.max_size = 1;
    p.desired_capacity = 1;
    p.load_noise_pct = 0.0;
    p.boot_jitter_pct = 0.0;
    p.start_warm = false;
    p.duration_s = 3600 + p.boot_s;
    let r = run(&p, "idle:2h");
    assert!((r.total_cost_usd - 0.096).abs() < 1e-9, "{}", r.total_cost_usd);
}

#[test]
fn scale_in_protection_keeps_protected_instances() {
    let mut p = params("t3.micro");
    p.protected_instances = 3;
    p.duration_s = 7200;
    let r = run(&p, "steady:3000rps:40m,idle:80m");
    let first_three: Vec<&String> =
        r.events.iter().filter(|e| e.kind == "Launch").take(3).filter_map(|e| e.instance_id.as_ref()).collect();
    for e in r.events.iter().filter(|e| e.kind == "Terminate") {
        assert!(!first_three.contains(&e.instance_id.as_ref().unwrap()));
    }
    assert!(r.timeline.last().unwrap().in_service >= 3);
    // The desired capacity still went down to min; the protected instances stay.
    assert_eq!(r.timeline.last().unwrap().desired, p.min_size);
    assert_eq!(r.events.iter().filter(|e| e.kind == "Policy").count(), 1);
}

#[test]
fn an_interrupt_stops_the_run_and_bad_numbers_are_refused() {
    let p = params("t3.micro");
    let l = LoadProfile::parse("steady:10rps:1h").unwrap();
    assert_eq!(simulate(&p, &l, &mut |_| false).unwrap_err(), SimError::Interrupted);
    let mut bad = p.clone();
    bad.min_size = 7;
    assert!(matches!(simulate(&bad, &l, &mut |_| true), Err(SimError::Invalid(e)) if e.message.contains("min size 7")));
}

#[test]
fn elb_health_checks_replace_overloaded_targets_after_the_grace_period() {
    let mut p = params("m5.large");
    p.min_size = 2;
    p.max_size = 2;
    p.desired_capacity = 2;
    p.duration_s = 1800;
    let load = "steady:5000rps:30m";
    // EC2 health checks: the overloaded instances stay (and serve what they can).
    let ec2 = run(&p, load);
    assert!(!ec2.events.iter().any(|e| e.kind == "Terminate"));
    p.elb_health_check = true;
    let elb = run(&p, load);
    let first = elb.events.iter().find(|e| e.kind == "Terminate").expect("replaced");
    assert!(first.cause.contains("ELB system health check failure"), "{}", first.cause);
    // A replacement follows at once, and the group never exceeds max.
    assert!(elb.events.iter().any(|e| e.kind == "Launch" && e.t_s >= first.t_s && e.t_s <= first.t_s + 1));
    assert!(elb.max_in_service <= 2);
    // A long grace period delays the first replacement.
    p.health_check_grace_s = 900;
    let graced = run(&p, load);
    let g = graced.events.iter().find(|e| e.kind == "Terminate").map_or(u64::MAX, |e| e.t_s);
    assert!(g >= 900 && g > first.t_s);
}

#[test]
fn a_cli_made_group_keeps_its_instance_ids() {
    let mut p = params("t3.micro");
    p.initial_instance_ids = vec!["i-0aaaaaaaaaaaaaaaa".into(), "i-0bbbbbbbbbbbbbbbb".into()];
    p.duration_s = 600;
    let r = run(&p, "steady:10rps:10m");
    let ids: Vec<_> = r.events.iter().filter_map(|e| e.instance_id.clone()).collect();
    assert_eq!(ids, p.initial_instance_ids);
}

#[test]
#[ignore]
fn bench_one_hour_and_one_day() {
    for (label, secs, load) in [
        ("1 h", 3600, "ramp:0-3000rps:10m,steady:20m,drop:30m"),
        ("24 h", 86400, "ramp:0-3000rps:6h,steady:6h,ramp:3000-0rps:6h,idle:6h"),
    ] {
        let mut p = params("t3.micro");
        p.duration_s = secs;
        let l = LoadProfile::parse(load).unwrap();
        let t0 = crate::clock::instant();
        let r = simulate(&p, &l, &mut |_| true).unwrap();
        let took = t0.elapsed();
        println!(
            "simulate autoscaling {}: {:?} ({} samples, {} events; {:.0}× real time)",
            label,
            took,
            r.timeline.len(),
            r.events.len(),
            secs as f64 / took.as_secs_f64()
        );
    }
}
