//! The scaling resources' rules, across kinds (the web tier of the compute lab).

use super::*;
use crate::model::network::Network;
use crate::model::scaling::autoscaling::{Algorithm, PolicyKind};

const R: &str = "us-east-1";

/// Two VPCs: `prod` with subnets in two AZs and a web security group, `other` with one subnet.
fn net() -> Network {
    let mut n = Network::default();
    n.create_vpc(R, "10.0.0.0/16", Some("prod".into())).unwrap();
    n.create_subnet(R, "prod", "10.0.1.0/24", Some("us-east-1a"), Some("pub-a".into())).unwrap();
    n.create_subnet(R, "prod", "10.0.2.0/24", Some("us-east-1b"), Some("pub-b".into())).unwrap();
    n.create_security_group(R, "prod", "web-sg", "web", None).unwrap();
    n.create_vpc(R, "10.1.0.0/16", Some("other".into())).unwrap();
    n.create_subnet(R, "other", "10.1.1.0/24", Some("us-east-1a"), Some("other-a".into())).unwrap();
    n
}

fn lab(n: &Network) -> (Scaling, String) {
    let mut s = Scaling::default();
    s.create_launch_template(n, R, "web-lt", "ami-0123456789abcdef0", "t3.micro", None, &["web-sg".into()], false)
        .unwrap();
    let tg = s.create_target_group(n, R, "web-tg", "HTTP", 80, "prod", "/", 30, 5, Algorithm::RoundRobin).unwrap();
    (s, tg)
}

fn spec(subnets: &[&str], tg: &str) -> GroupSpec {
    GroupSpec {
        name: "web-asg".into(),
        launch_template: "web-lt".into(),
        min_size: 2,
        max_size: 6,
        desired_capacity: Some(2),
        subnets: subnets.iter().map(|s| s.to_string()).collect(),
        target_group_arns: vec![tg.into()],
        ..Default::default()
    }
}

#[test]
fn the_web_tier_of_the_compute_lab() {
    let n = net();
    let (mut s, tg) = lab(&n);
    assert!(tg.starts_with("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/"));
    let lb = s
        .create_load_balancer(
            &n,
            R,
            "web-alb",
            &["pub-a".into(), "pub-b".into()],
            &["web-sg".into()],
            "internet-facing",
        )
        .unwrap();
    assert!(lb.contains(":loadbalancer/app/web-alb/"));
    let l = s.create_listener(R, &lb, "HTTP", 80, &tg).unwrap();
    assert!(l.contains(":listener/app/web-alb/"));
    assert_eq!(s.create_listener(R, &lb, "HTTP", 80, &tg).unwrap_err().code, "DuplicateListener");
    s.create_auto_scaling_group(&n, R, &spec(&["pub-a", "pub-b"], &tg)).unwrap();
    let g = &s.groups[0];
    assert_eq!(g.instances.len(), 2);
    // One instance per AZ, both registered with the target group.
    assert_ne!(g.instances[0].availability_zone, g.instances[1].availability_zone);
    assert_eq!(s.target_groups[0].targets.len(), 2);
    s.set_desired_capacity(&n, R, "web-asg", 4).unwrap();
    assert_eq!(s.groups[0].instances.len(), 4);
    assert_eq!(s.target_groups[0].targets.len(), 4);
    let e = s.set_desired_capacity(&n, R, "web-asg", 7).unwrap_err();
    assert_eq!(e.message, "New SetDesiredCapacity value 7 is above max value 6 for the AutoScalingGroup.");
    let (arn, alarms) =
        s.put_scaling_policy(R, "web-asg", "cpu50", PolicyKind::TargetTracking, Some(50.0), None, Some(300)).unwrap();
    assert!(arn.contains(":scalingPolicy:") && arn.ends_with("autoScalingGroupName/web-asg:policyName/cpu50"));
    assert_eq!(alarms.len(), 2);
    assert!(alarms[0].starts_with("TargetTracking-web-asg-AlarmHigh-"));
    let sim = s.group_sim_defaults(R, "web-asg").unwrap();
    assert_eq!(sim.instance_type, "t3.micro");
    assert_eq!(sim.desired_capacity, 4);
    assert_eq!(sim.policy.unwrap().2, Some(50.0));
}

#[test]
fn a_group_whose_subnets_are_in_another_vpc_than_its_target_group_is_refused() {
    let n = net();
    let (mut s, tg) = lab(&n);
    let e = s.create_auto_scaling_group(&n, R, &spec(&["other-a"], &tg)).unwrap_err();
    assert_eq!(e.code, "ValidationError");
    assert!(
        e.message.contains("is in VPC vpc-") && e.message.contains("the group's subnets are in VPC"),
        "{}",
        e.message
    );
    assert!(s.groups.is_empty() && s.target_groups[0].targets.is_empty());
}

#[test]
fn every_group_error_code() {
    let n = net();
    let (mut s, tg) = lab(&n);
    let cases: Vec<(GroupSpec, &str, &str)> = vec![
        (
            spec(&["subnet-0000000000000dead"], &tg),
            "ValidationError",
            "The subnet ID 'subnet-0000000000000dead' does not exist",
        ),
        (spec(&["pub-a", "other-a"], &tg), "ValidationError", "different VPCs"),
        (
            GroupSpec { launch_template: "nope".into(), ..spec(&["pub-a"], &tg) },
            "ValidationError",
            "with template name nope, does not exist",
        ),
        (
            GroupSpec { min_size: 7, ..spec(&["pub-a"], &tg) },
            "ValidationError",
            "Max bound, 6, must be greater than or equal to min bound, 7",
        ),
        (
            GroupSpec { desired_capacity: Some(9), ..spec(&["pub-a"], &tg) },
            "ValidationError",
            "Desired capacity:9 must be between",
        ),
        (
            spec(&["pub-a"], "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"),
            "ValidationError",
            "Provided Target Groups may not be valid",
        ),
    ];
    for (sp, code, needle) in cases {
        let e = s.create_auto_scaling_group(&n, R, &sp).unwrap_err();
        assert_eq!(e.code, code);
        assert!(e.message.contains(needle), "{}", e.message);
    }
    s.create_auto_scaling_group(&n, R, &spec(&["pub-a"], &tg)).unwrap();
    assert_eq!(s.create_auto_scaling_group(&n, R, &spec(&["pub-a"], &tg)).unwrap_err().code, "AlreadyExists");
    assert_eq!(
        s.put_scaling_policy(R, "web-asg", "p", PolicyKind::TargetTracking, None, None, None).unwrap_err().code,
        "ValidationError"
    );
}

#[test]
fn images_targets_listeners_and_alarms_errors() {
    let mut n = net();
    let run = |n: &mut Network, subnet: &str, name: &str| {
        let spec = crate::model::network::instances::RunSpec {
            instance_type: "t3.micro".into(),
            image_id: "ami-0123456789abcdef0".into(),
            subnet: Some(subnet.into()),
            count: 1,
            name: Some(name.into()),
            ..Default::default()
        };
        n.run_instances(R, &spec).unwrap()[0].clone()
    };
    let web1 = run(&mut n, "pub-a", "web1");
    let stray = run(&mut n, "other-a", "stray");
    let (mut s, tg) = lab(&n);
    // create-image: from a known instance, names unique.
    let ami = s.create_image(&n, R, "web1", "web-ami").unwrap();
    assert!(ami.starts_with("ami-0") && ami.len() == 21);
    assert_eq!(s.create_image(&n, R, "web1", "web-ami").unwrap_err().code, "InvalidAMIName.Duplicate");
    assert_eq!(s.create_image(&n, R, "i-0nope", "x").unwrap_err().code, "InvalidInstanceID.NotFound");
    // Launch templates: the AMI by name, bad names and IDs refused.
    s.create_launch_template(&n, R, "web-lt2", "web-ami", "t3.small", None, &[], true).unwrap();
    assert_eq!(s.launch_templates[1].image_id, ami);
    assert_eq!(
        s.create_launch_template(&n, R, "x", &ami, "t3.small", None, &[], false).unwrap_err().code,
        "InvalidLaunchTemplateName.MalformedException"
    );
    assert_eq!(
        s.create_launch_template(&n, R, "lt3", "img-1", "t3.small", None, &[], false).unwrap_err().code,
        "InvalidAMIID.Malformed"
    );
    // register-targets: instances in the target group's VPC only.
    s.register_targets(&n, R, &tg, std::slice::from_ref(&web1)).unwrap();
    let e = s.register_targets(&n, R, &tg, std::slice::from_ref(&stray)).unwrap_err();
    assert_eq!(e.code, "InvalidTarget");
    assert!(e.message.contains("not in the target group VPC"), "{}", e.message);
    assert_eq!(s.register_targets(&n, R, &tg, &["i-0nope".into()]).unwrap_err().code, "InvalidTarget");
    assert_eq!(s.target_groups[0].targets, vec![web1]);
    // A listener cannot forward to a target group in another VPC.
    let other_tg =
        s.create_target_group(&n, R, "other-tg", "HTTP", 80, "other", "/", 30, 5, Algorithm::RoundRobin).unwrap();
    let lb = s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "pub-b".into()], &[], "internal").unwrap();
    assert!(s.load_balancers[0].dns_name.starts_with("internal-alb-"));
    assert_eq!(s.create_listener(R, &lb, "HTTP", 80, &other_tg).unwrap_err().code, "ValidationError");
    assert_eq!(
        s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "pub-b".into()], &[], "internal").unwrap_err().code,
        "DuplicateLoadBalancerName"
    );
    // Alarms: CloudWatch's period rule and actions that name a real policy.
    let alarm = |period: u64, actions: Vec<String>| MetricAlarm {
        name: "cpu-high".into(),
        arn: String::new(),
        region: R.into(),
        namespace: "AWS/EC2".into(),
        metric_name: "CPUUtilization".into(),
        statistic: "Average".into(),
        period_s: period,
        evaluation_periods: 3,
        threshold: 70.0,
        comparison: "GreaterThanThreshold".into(),
        dimensions: vec![("AutoScalingGroupName".into(), "web-asg".into())],
        alarm_actions: actions,
        state: "INSUFFICIENT_DATA".into(),
    };
    assert_eq!(s.put_metric_alarm(alarm(90, vec![])).unwrap_err().code, "InvalidParameterValue");
    assert_eq!(s.put_metric_alarm(alarm(20, vec![])).unwrap_err().code, "InvalidParameterValue");
    assert_eq!(
        s.put_metric_alarm(alarm(60, vec!["arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x".into()]))
            .unwrap_err()
            .code,
        "ValidationError"
    );
    s.put_metric_alarm(alarm(60, vec![])).unwrap();
    s.put_metric_alarm(alarm(300, vec![])).unwrap();
    assert_eq!(s.alarms.len(), 1, "put-metric-alarm replaces an alarm of the same name");
    assert_eq!(s.alarms[0].period_s, 300);
    s.create_auto_scaling_group(&n, R, &spec(&["pub-a", "pub-b"], &tg)).unwrap();
    let e = s.set_desired_capacity(&n, R, "web-asg", 1).unwrap_err();
    assert_eq!(e.message, "New SetDesiredCapacity value 1 is below min value 2 for the AutoScalingGroup.");
    assert_eq!(s.set_desired_capacity(&n, R, "nope", 3).unwrap_err().code, "ValidationError");
}

#[test]
fn protected_instances_stay_when_the_group_shrinks() {
    let n = net();
    let (mut s, tg) = lab(&n);
    let mut sp = spec(&["pub-a", "pub-b"], &tg);
    sp.new_instances_protected = true;
    s.create_auto_scaling_group(&n, R, &sp).unwrap();
    s.set_desired_capacity(&n, R, "web-asg", 4).unwrap();
    s.set_desired_capacity(&n, R, "web-asg", 2).unwrap();
    // Every instance is protected: the desired capacity drops, no instance is terminated.
    assert_eq!(s.groups[0].instances.len(), 4);
    assert_eq!(s.groups[0].desired_capacity, 2);
}

#[test]
fn load_balancer_and_target_group_errors() {
    let n = net();
    let (mut s, _) = lab(&n);
    let one = s.create_load_balancer(&n, R, "alb", &["pub-a".into()], &[], "internet-facing").unwrap_err();
    assert!(one.message.contains("At least two subnets"));
    assert_eq!(
        s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "subnet-0bad".into()], &[], "internet-facing")
            .unwrap_err()
            .code,
        "SubnetNotFound"
    );
    assert_eq!(
        s.create_load_balancer(&n, R, "alb", &["pub-a".into(), "other-a".into()], &[], "internet-facing")
            .unwrap_err()
            .code,
        "InvalidConfigurationRequest"
    );
    assert_eq!(
        s.create_load_balancer(
            &n,
            R,
            "alb",
            &["pub-a".into(), "pub-b".into()],
            &["sg-0nope".into()],
            "internet-facing"
        )
        .unwrap_err()
        .code,
        "InvalidSecurityGroup"
    );
    assert_eq!(
        s.create_target_group(&n, R, "web-tg", "HTTP", 80, "prod", "/", 30, 5, Algorithm::RoundRobin).unwrap_err().code,
        "DuplicateTargetGroupName"
    );
    assert_eq!(
        s.create_target_group(&n, R, "tg2", "HTTP", 80, "vpc-0nope", "/", 30, 5, Algorithm::RoundRobin)
            .unwrap_err()
            .code,
        "ValidationError"
    );
    assert_eq!(s.create_listener(R, "nope", "HTTP", 80, "web-tg").unwrap_err().code, "LoadBalancerNotFound");
    assert_eq!(
        s.create_launch_template(&n, R, "web-lt", "ami-0123", "t3.micro", None, &[], false).unwrap_err().code,
        "InvalidLaunchTemplateName.AlreadyExistsException"
    );
}
