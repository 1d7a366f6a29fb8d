use crate::command::publish::RunCell;
use crate::kernel::{Event, Outcome};
use crate::lab::Lab;
use crate::model::network::InstanceState;
use serde_json::Value;

fn json_of(events: &[Event]) -> serde_json::Value {
    for e in events {
        if let Event::Stream { text, .. } = e {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
                return v;
            }
        }
        if let Event::Display { data, .. } = e {
            if let Some(t) = data.get("text/plain").and_then(|v| v.as_str()) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
                    return v;
                }
            }
        }
    }
    panic!("no JSON output in {:?}", events.len());
}

#[test]
fn the_issue_example_gives_a_timeline_and_events_as_json() {
    let mut s = Lab::default();
    let (ev, out) = s.run_cell(
        "simulate autoscaling --instance-type t3.micro --min 2 --max 6 --target-cpu 50 --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1 --output json",
    );
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let v = json_of(&ev);
    let tl = v["timeline"].as_array().unwrap();
    assert_eq!(tl.len(), 60); // 40 min of profile + 20 min tail, one record a minute
    for k in ["t_s", "load_rps", "cpu_avg_pct", "desired", "in_service", "alarm_state", "cost_usd"] {
        assert!(tl[0].get(k).is_some(), "missing {}", k);
    }
    assert!(tl.iter().all(|r| r["desired"].as_u64().unwrap() <= 6));
    let events = v["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["description"].as_str().unwrap().starts_with("Launching a new EC2 instance: i-0")));
    assert!(s.results.contains_key("autoscaling_timeline") && s.results.contains_key("autoscaling_events"));
    // The same seed gives the same JSON.
    let mut s2 = Lab::default();
    let (ev2, _) = s2.run_cell(
        "simulate autoscaling --instance-type t3.micro --min 2 --max 6 --target-cpu 50 --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1 --output json",
    );
    assert_eq!(json_of(&ev2), v);
}

#[test]
fn an_interrupt_stops_the_charts() {
    use crate::command::{Args, Ctx};
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    let lab = crate::lab::Lab::new();
    let a = Args::from_pairs(&[], &[("load", "steady:1500rps:2d")]);
    let (p, load) = super::params_from_args(&lab, &a).expect("valid");
    let r = super::autoscaling::simulate(&p, &load, &mut |_| true).expect("runs");
    // The small multiples, and the cost when the type is priced.
    assert!(!super::charts(&p, &r, &Ctx::detached()).expect("drawn").is_empty());
    let stopped = Ctx::new(Arc::new(AtomicBool::new(true)));
    assert_eq!(super::charts(&p, &r, &stopped).err().map(|e| e.code).as_deref(), Some("KeyboardInterrupt"));
}

#[test]
fn charts_and_tables_are_shown() {
    let mut s = Lab::default();
    let (ev, out) =
        s.run_cell("simulate autoscaling --load ramp:0-3000rps:10m,steady:20m --policy step --metrics basic");
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let svgs: Vec<&str> = ev
        .iter()
        .filter_map(|e| match e {
            Event::Display { data, .. } => data.get("image/svg+xml").and_then(|v| v.as_str()),
            _ => None,
        })
        .collect();
    // Load, CPU, alarm state and instances in one SVG over one time axis; cost apart.
    assert_eq!(svgs.len(), 2);
    let text = |t: &str| format!(">\n{t}\n</text>");
    for heading in ["Load at the load balancer (requests per second)", "CloudWatch alarm state", "Instances"] {
        assert!(svgs[0].contains(&text(heading)), "{heading}");
    }
    assert_eq!(svgs[0].matches(&text("time since the load test started (minutes)")).count(), 1);
    // The alarms' states are bands with a legend, not a line over 0 / 0.5 / 1.
    for state in ["OK", "ALARM", "INSUFFICIENT_DATA"] {
        assert!(svgs[0].contains(&text(state)), "{state}");
    }
    assert!(!svgs.iter().any(|s| s.contains("0.5 = INSUFFICIENT_DATA")));
}

#[test]
fn alarm_spans_cover_the_run_and_change_when_the_alarm_does() {
    use crate::model::scaling::autoscaling::{self, AlarmState, SimParams};
    use crate::model::scaling::load::LoadProfile;
    let mut p = SimParams::new("t3.micro", 2, 0.0104, None);
    let load = LoadProfile::parse("ramp:0-3000rps:10m,steady:20m,drop:10m").unwrap();
    p.duration_s = load.duration_s() + 1200;
    let r = autoscaling::simulate(&p, &load, &mut |_| true).unwrap();
    let spans = super::charts::alarm_spans(&r, |s| s.alarm_state);
    assert_eq!((spans[0].0, spans[0].2), (0, AlarmState::INITIAL));
    assert!(spans.windows(2).all(|w| w[0].1 == w[1].0 && w[0].2 != w[1].2), "contiguous, merged: {spans:?}");
    assert_eq!(spans.last().unwrap().1, p.duration_s);
    // Each boundary is a state change of the scale-out alarm in the activity history.
    let changes: Vec<u64> =
        r.events.iter().filter(|e| e.kind == "Alarm" && e.description.contains("AlarmHigh")).map(|e| e.t_s).collect();
    let bounds: Vec<u64> = spans[1..].iter().map(|s| s.0).collect();
    assert_eq!(bounds, changes);
    assert!(spans.iter().any(|s| s.2 == AlarmState::Alarm), "the ramp sets the alarm off");
}

#[test]
fn bad_input_is_an_error_and_leaves_the_lab_unchanged() {
    let mut s = Lab::default();
    for (cell, needle) in [
        ("simulate autoscaling --load ramp:0-3000rps", "cannot read segment"),
        ("simulate autoscaling --load steady:1m --instance-type x9.huge", "does not exist in the instance catalog"),
        ("simulate autoscaling --load steady:1m --min 5 --max 2", "min size 5 is larger than max size 2"),
        (
            "simulate autoscaling --load steady:1m --instance-type m5.large --credit-specification standard",
            "not a burstable type",
        ),
        ("simulate autoscaling --load steady:1m --auto-scaling-group-name nope", "AutoScalingGroup name not found"),
    ] {
        let (_, out) = s.run_cell(cell);
        match out {
            Outcome::Error { evalue, .. } => assert!(evalue.contains(needle), "{}: {}", cell, evalue),
            _ => panic!("{} should fail", cell),
        }
        assert!(s.results.is_empty() && s.scaling.metrics.is_empty());
    }
}

#[test]
fn a_cli_made_group_can_be_simulated_and_a_failing_create_changes_nothing() {
    let mut s = Lab::default();
    let n = &mut s.network;
    n.create_vpc("us-east-1", "10.0.0.0/16", Some("prod".into())).unwrap();
    n.create_subnet("us-east-1", "prod", "10.0.1.0/24", Some("us-east-1a"), Some("pub-a".into())).unwrap();
    n.create_subnet("us-east-1", "prod", "10.0.2.0/24", Some("us-east-1b"), Some("pub-b".into())).unwrap();
    n.create_vpc("us-east-1", "10.1.0.0/16", Some("other".into())).unwrap();
    n.create_subnet("us-east-1", "other", "10.1.1.0/24", Some("us-east-1a"), Some("other-a".into())).unwrap();
    let (_, out) = s.run_cell(
        "aws ec2 create-launch-template --launch-template-name web-lt --launch-template-data '{\"ImageId\":\"ami-0123456789abcdef0\",\"InstanceType\":\"t3.small\"}'\n\
         aws elbv2 create-target-group --name web-tg --protocol HTTP --port 80 --vpc-id prod --health-check-path /",
    );
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let tg = s.scaling.target_groups[0].arn.clone();
    let before = format!("{:?}", s.scaling);
    let (_, out) = s.run_cell(&format!(
        "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 2 --max-size 4 --vpc-zone-identifier other-a --target-group-arns {}",
        tg
    ));
    match out {
        Outcome::Error { evalue, .. } => {
            assert!(
                evalue.contains("(ValidationError) when calling the CreateAutoScalingGroup operation"),
                "{}",
                evalue
            )
        }
        _ => panic!("must fail"),
    }
    assert_eq!(format!("{:?}", s.scaling), before);
    let (_, out) = s.run_cell(&format!(
        "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 2 --max-size 4 --vpc-zone-identifier pub-a,pub-b --target-group-arns {}\n\
         aws autoscaling put-scaling-policy --auto-scaling-group-name web-asg --policy-name cpu40 --policy-type TargetTrackingScaling --target-tracking-configuration '{{\"PredefinedMetricSpecification\":{{\"PredefinedMetricType\":\"ASGAverageCPUUtilization\"}},\"TargetValue\":40.0}}'\n\
         simulate autoscaling --auto-scaling-group-name web-asg --load ramp:0-3000rps:10m,steady:20m --output json\n\
         aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=AutoScalingGroupName,Value=web-asg --period 300 --statistics Average --output json",
        tg
    ));
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    assert_eq!(s.scaling.alarms.len(), 2);
    assert!(s.scaling.metrics.iter().any(|(g, _)| g == "web-asg"));
    // The ALB in front, and every describe in the AWS CLI's JSON shape.
    let (_, out) = s.run_cell(&format!(
        "aws elbv2 create-load-balancer --name web-alb --subnets pub-a pub-b\n\
         aws elbv2 create-listener --load-balancer-arn web-alb --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn={}\n\
         aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 3",
        tg
    ));
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    for (cell, key, len) in [
        ("aws elbv2 describe-load-balancers --output json", "LoadBalancers", 1),
        ("aws elbv2 describe-target-groups --names web-tg --output json", "TargetGroups", 1),
        ("aws elbv2 describe-target-health --target-group-arn web-tg --output json", "TargetHealthDescriptions", 3),
        ("aws autoscaling describe-auto-scaling-groups --output json", "AutoScalingGroups", 1),
        (
            "aws autoscaling describe-scaling-activities --auto-scaling-group-name web-asg --output json",
            "Activities",
            3,
        ),
        ("aws cloudwatch describe-alarms --output json", "MetricAlarms", 2),
    ] {
        let (ev, out) = s.run_cell(cell);
        assert!(matches!(out, Outcome::Ok), "{}: {:?}", cell, out);
        let v = json_of(&ev);
        assert_eq!(v[key].as_array().map(|a| a.len()), Some(len), "{}: {}", cell, v);
    }
    let (ev, _) = s.run_cell("aws autoscaling describe-auto-scaling-groups --output json");
    let g = &json_of(&ev)["AutoScalingGroups"][0];
    assert_eq!(g["DesiredCapacity"], 3);
    assert_eq!(g["Instances"][0]["LifecycleState"], "InService");
    let (ev, _) = s.run_cell("aws elbv2 describe-target-health --target-group-arn web-tg --output json");
    assert_eq!(json_of(&ev)["TargetHealthDescriptions"][0]["TargetHealth"]["State"], "healthy");
    // A stopped target is not in service.
    let first = s.scaling.target_groups[0].targets[0].clone();
    let (_, out) = s.run_cell(&format!("stop-instances --instance-ids {}", first));
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let (ev, _) = s.run_cell("aws elbv2 describe-target-health --target-group-arn web-tg --output json");
    let h = &json_of(&ev)["TargetHealthDescriptions"][0]["TargetHealth"];
    assert_eq!((h["State"].as_str(), h["Reason"].as_str()), (Some("unused"), Some("Target.InvalidState")), "{}", h);
}

#[test]
fn group_instances_run_in_ec2_and_scale_in_terminates_them() {
    let mut s = Lab::default();
    let (_, out) = s.run_cell(
        "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 0\n\
         create-security-group --group-name web --description web --vpc-id shop-vpc\n\
         authorize-security-group-ingress --group-id web --protocol tcp --port 80 --cidr 0.0.0.0/0\n\
         aws ec2 create-launch-template --launch-template-name web-lt --launch-template-data '{\"ImageId\":\"ami-0123456789abcdef0\",\"InstanceType\":\"t3.small\",\"SecurityGroupIds\":[\"web\"]}'",
    );
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let subnets: Vec<String> = s
        .network
        .subnets
        .iter()
        .filter(|x| x.name.as_deref().is_some_and(|n| n.contains("public")))
        .map(|x| x.id.clone())
        .collect();
    let (_, out) = s.run_cell(&format!(
        "aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt --min-size 1 --max-size 4 --desired-capacity 3 --vpc-zone-identifier {}",
        subnets.join(",")
    ));
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let held: Vec<String> = s.scaling.groups[0].instances.iter().map(|i| i.instance_id.clone()).collect();
    assert_eq!(held.len(), 3);
    let (ev, out) =
        s.run_cell("describe-instances --filters Name=tag:aws:autoscaling:groupName,Values=web-asg --output json");
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let v = json_of(&ev);
    let listed: Vec<&Value> = v["Reservations"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["Instances"].as_array().into_iter().flatten())
        .collect();
    let ids: Vec<&str> = listed.iter().filter_map(|i| i["InstanceId"].as_str()).collect();
    for id in &held {
        assert!(ids.contains(&id.as_str()), "{} not in {:?}", id, ids);
    }
    let i = listed.iter().find(|i| i["InstanceId"] == held[0].as_str()).expect("listed");
    assert_eq!(i["InstanceType"], "t3.small");
    assert_eq!(i["SecurityGroups"][0]["GroupName"], "web");
    assert!(
        i["Tags"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t["Key"] == "aws:autoscaling:groupName" && t["Value"] == "web-asg")),
        "{}",
        i
    );
    // The launch template's security group lets HTTP in from the VPC.
    let (_, out) = s.run_cell(&format!("reach 10.0.0.200 {} --port 80", held[0]));
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    // Scale in: the instances the group let go are terminated in EC2.
    let (_, out) =
        s.run_cell("aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 1");
    assert!(matches!(out, Outcome::Ok), "{:?}", out);
    let kept = &s.scaling.groups[0].instances[0].instance_id;
    for id in &held {
        let inst = s.network.instances.iter().find(|i| &i.id == id).expect("still described");
        let want = if id == kept { InstanceState::Running } else { InstanceState::Terminated };
        assert_eq!(inst.state, want, "{}", id);
    }
}

#[test]
fn an_alarm_that_never_fired_reads_zero_minutes() {
    use crate::command::{Args, Ctx};
    let lab = crate::lab::Lab::new();
    let a = Args::from_pairs(&[], &[("load", "steady:100rps:5m")]);
    let (p, load) = super::params_from_args(&lab, &a).expect("valid");
    let r = super::autoscaling::simulate(&p, &load, &mut |_| true).expect("runs");
    let charts = super::charts(&p, &r, &Ctx::detached()).expect("drawn");
    // An empty f64 sum is -0: the alt text said "in ALARM for -0 min".
    assert!(charts[0].1.contains("scale-out alarm in ALARM for 0 min"), "{}", charts[0].1);
}
