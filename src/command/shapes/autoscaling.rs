//! `aws autoscaling describe-*` shapes (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_Types.html),
//! and EC2's `LaunchTemplate`, which a group launches from
//! (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplate.html).

use super::{lenient, List};
use serde::{Deserialize, Serialize};

shape!(LaunchTemplateSpecification { launch_template_id: String, launch_template_name: String, version: String });

shape!(
    /// Auto Scaling's `Instance`: a group's member (EC2's `Instance` is another shape).
    AsgInstance {
        instance_id: String,
        availability_zone: String,
        lifecycle_state: String,
        health_status: String,
        protected_from_scale_in: bool,
        launch_template: LaunchTemplateSpecification,
    }
);

shape!(AutoScalingGroup {
    auto_scaling_group_name: String,
    #[serde(rename = "AutoScalingGroupARN")]
    auto_scaling_group_arn: String,
    launch_template: LaunchTemplateSpecification,
    min_size: u32,
    max_size: u32,
    desired_capacity: u32,
    default_cooldown: u64,
    health_check_type: String,
    health_check_grace_period: u64,
    #[serde(rename = "VPCZoneIdentifier")]
    vpc_zone_identifier: String,
    #[serde(rename = "TargetGroupARNs")]
    target_group_arns: Vec<String>,
    new_instances_protected_from_scale_in: bool,
    availability_zones: Vec<String>,
    instances: List<AsgInstance>,
});

shape!(Activity { auto_scaling_group_name: String, description: String, status_code: String, progress: u32 });

shape!(
    /// A CloudWatch alarm a scaling policy made (`Alarm`).
    Alarm {
        alarm_name: String,
        #[serde(rename = "AlarmARN")]
        alarm_arn: String,
    }
);

shape!(
    /// What `put-scaling-policy` returns (`PolicyARNType`).
    PolicyArnType {
        #[serde(rename = "PolicyARN")]
        policy_arn: String,
        alarms: List<Alarm>,
    }
);

shape!(
    /// What `create-launch-template` returns (EC2's `LaunchTemplate`).
    LaunchTemplate {
        launch_template_id: String,
        launch_template_name: String,
        default_version_number: u32,
        latest_version_number: u32,
        created_by: String,
    }
);
