//! The compute lab's AWS resources and their rules: AMIs, launch templates, target
//! groups, load balancers, listeners, Auto Scaling groups, scaling policies and
//! CloudWatch alarms. Subnets, VPCs, security groups and instances come from the network
//! model and are checked against it.

mod cloudwatch;
mod elb;
mod group;
mod template;
#[cfg(test)]
mod tests;

pub use cloudwatch::{MetricAlarm, MetricSample};
pub use elb::{Listener, LoadBalancer, TargetGroup};
pub use group::{AutoScalingGroup, GroupInstance, GroupSpec, ScalingPolicy};
pub use template::{Image, LaunchTemplate};

/// The account every ARN names (the lab has no real account).
pub const ACCOUNT: &str = "123456789012";

/// Every scaling resource in one lab.
#[derive(Clone, Debug, Default)]
pub struct Scaling {
    pub images: Vec<Image>,
    pub launch_templates: Vec<LaunchTemplate>,
    pub target_groups: Vec<TargetGroup>,
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    pub groups: Vec<AutoScalingGroup>,
    pub policies: Vec<ScalingPolicy>,
    pub alarms: Vec<MetricAlarm>,
    /// Per group: its last simulation's samples, for `get-metric-statistics`.
    pub metrics: Vec<(String, Vec<MetricSample>)>,
    counter: u64,
}

impl Scaling {
    /// A deterministic hex string of `n` digits (IDs within a session are reproducible).
    fn hex(&mut self, n: usize) -> String {
        self.counter += 1;
        let mut x = self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        let mut y = x.wrapping_mul(0x94D0_49BB_1331_11EB) ^ (x >> 31);
        y ^= self.counter;
        let s = format!("{:016x}{:016x}", x, y);
        s[..n].to_string()
    }

    fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!("{}-{}-4{}-a{}-{}", &h[0..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
    }

    /// Names and ARNs a user may type (for tab completion).
    /// Names, IDs and ARNs with their kind, for tab completion.
    pub fn completion_items(&self) -> Vec<(String, &'static str)> {
        let mut v: Vec<(String, &'static str)> = Vec::new();
        v.extend(self.launch_templates.iter().map(|t| (t.name.clone(), "launch template")));
        v.extend(self.images.iter().map(|m| (m.image_id.clone(), "image")));
        v.extend(
            self.target_groups.iter().flat_map(|t| [(t.name.clone(), "target group"), (t.arn.clone(), "target group")]),
        );
        v.extend(
            self.load_balancers
                .iter()
                .flat_map(|l| [(l.name.clone(), "load balancer"), (l.arn.clone(), "load balancer")]),
        );
        v.extend(self.groups.iter().map(|g| (g.name.clone(), "auto scaling group")));
        v.extend(self.alarms.iter().map(|a| (a.name.clone(), "alarm")));
        v
    }

    pub fn completion_words(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        v.extend(self.launch_templates.iter().map(|t| t.name.clone()));
        v.extend(self.images.iter().map(|m| m.image_id.clone()));
        v.extend(self.target_groups.iter().flat_map(|t| [t.name.clone(), t.arn.clone()]));
        v.extend(self.load_balancers.iter().flat_map(|l| [l.name.clone(), l.arn.clone()]));
        v.extend(self.groups.iter().map(|g| g.name.clone()));
        v.extend(self.alarms.iter().map(|a| a.name.clone()));
        v
    }
}
