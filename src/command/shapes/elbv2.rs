//! `aws elbv2 describe-*` shapes (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Types.html).

use super::{lenient, List};
use serde::{Deserialize, Serialize};

shape!(LoadBalancerState { code: String });

shape!(
    /// elbv2's `AvailabilityZone`: a load balancer's subnet in one zone (EC2's is another shape).
    ElbAvailabilityZone { zone_name: String, subnet_id: String }
);

shape!(LoadBalancer {
    load_balancer_arn: String,
    #[serde(rename = "DNSName")]
    dns_name: String,
    load_balancer_name: String,
    scheme: String,
    vpc_id: String,
    state: LoadBalancerState,
    #[serde(rename = "Type")]
    kind: String,
    ip_address_type: String,
    availability_zones: List<ElbAvailabilityZone>,
    security_groups: Vec<String>,
});

shape!(Matcher { http_code: String });

shape!(TargetGroup {
    target_group_arn: String,
    target_group_name: String,
    protocol: String,
    port: u16,
    vpc_id: String,
    health_check_protocol: String,
    health_check_port: String,
    health_check_enabled: bool,
    health_check_interval_seconds: u64,
    health_check_timeout_seconds: u64,
    healthy_threshold_count: u32,
    unhealthy_threshold_count: u32,
    health_check_path: String,
    matcher: Matcher,
    load_balancer_arns: Vec<String>,
    target_type: String,
    protocol_version: String,
    ip_address_type: String,
});

shape!(Action {
    #[serde(rename = "Type")]
    kind: String,
    target_group_arn: String,
});

shape!(Listener { listener_arn: String, load_balancer_arn: String, port: u16, protocol: String, default_actions: List<Action> });

shape!(TargetDescription { id: String, port: u16 });
shape!(TargetHealth { state: String, reason: String, description: String });

shape!(TargetHealthDescription { target: TargetDescription, health_check_port: String, target_health: TargetHealth });
