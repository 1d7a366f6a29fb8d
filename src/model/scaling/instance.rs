//! What the simulation needs to know about an instance type: vCPUs, an on-demand price
//! and, for burstable types, the CPU credit rules.
//!
//! vCPUs and us-east-1 prices are the shipped snapshot's (DescribeInstanceTypes via moto
//! 5.2.5; SkyPilot catalog of the AWS Price List, read 2026-11-24). Credit numbers are
//! AWS's EC2 User Guide table for burstable instances
//! (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html).

/// CPU credit rules of a burstable (T) type. One credit = one vCPU at 100 % for a minute.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BurstSpec {
    /// Credits earned per hour (also the baseline: earn rate / 60 / vCPUs).
    pub credits_per_hour: f64,
    /// Baseline utilization per vCPU, in percent.
    pub baseline_pct: f64,
    /// T2 launches in `standard` mode, T3/T3a/T4g in `unlimited` (RunInstances docs).
    pub unlimited_by_default: bool,
}

impl BurstSpec {
    /// Most credits an instance can hold: 24 hours of earnings.
    pub fn max_balance(&self) -> f64 {
        self.credits_per_hour * 24.0
    }
}

/// One instance type as the simulation sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceSpec {
    pub instance_type: String,
    pub vcpus: u32,
    /// On-demand Linux price in us-east-1, USD per hour, if the snapshot has it.
    pub price_per_hour_usd: Option<f64>,
    pub burst: Option<BurstSpec>,
}

// (type, vCPUs, us-east-1 USD/h). T families first, then common fixed-performance types.
const TYPES: &[(&str, u32, f64)] = &[
    ("t2.nano", 1, 0.0058), ("t2.micro", 1, 0.0116), ("t2.small", 1, 0.023), ("t2.medium", 2, 0.0464),
    ("t2.large", 2, 0.0928), ("t2.xlarge", 4, 0.1856), ("t2.2xlarge", 8, 0.3712),
    ("t3.nano", 2, 0.0052), ("t3.micro", 2, 0.0104), ("t3.small", 2, 0.0208), ("t3.medium", 2, 0.0416),
    ("t3.large", 2, 0.0832), ("t3.xlarge", 4, 0.1664), ("t3.2xlarge", 8, 0.3328),
    ("t3a.nano", 2, 0.0047), ("t3a.micro", 2, 0.0094), ("t3a.small", 2, 0.0188), ("t3a.medium", 2, 0.0376),
    ("t3a.large", 2, 0.0752), ("t3a.xlarge", 4, 0.1504), ("t3a.2xlarge", 8, 0.3008),
    ("t4g.nano", 2, 0.0042), ("t4g.micro", 2, 0.0084), ("t4g.small", 2, 0.0168), ("t4g.medium", 2, 0.0336),
    ("t4g.large", 2, 0.0672), ("t4g.xlarge", 4, 0.1344), ("t4g.2xlarge", 8, 0.2688),
    ("m5.large", 2, 0.096), ("m5.xlarge", 4, 0.192), ("m5.2xlarge", 8, 0.384),
    ("m6i.large", 2, 0.096), ("m6i.xlarge", 4, 0.192), ("m6i.2xlarge", 8, 0.384),
    ("m7i.large", 2, 0.1008), ("m7i.xlarge", 4, 0.2016), ("m7i.2xlarge", 8, 0.4032),
    ("m7g.medium", 1, 0.0408), ("m7g.large", 2, 0.0816), ("m7g.xlarge", 4, 0.1632), ("m7g.2xlarge", 8, 0.3264),
    ("c5.large", 2, 0.085), ("c5.xlarge", 4, 0.17), ("c5.2xlarge", 8, 0.34),
    ("c6i.large", 2, 0.085), ("c6i.xlarge", 4, 0.17), ("c6i.2xlarge", 8, 0.34),
    ("c7i.large", 2, 0.08925), ("c7i.xlarge", 4, 0.1785), ("c7i.2xlarge", 8, 0.357),
    ("c7g.medium", 1, 0.0363), ("c7g.large", 2, 0.0725), ("c7g.xlarge", 4, 0.145), ("c7g.2xlarge", 8, 0.29),
];

// (size, credits per hour, baseline % per vCPU) for T3/T3a/T4g, and the T2 table.
const T3_CREDITS: &[(&str, f64, f64)] = &[
    ("nano", 6.0, 5.0), ("micro", 12.0, 10.0), ("small", 24.0, 20.0), ("medium", 24.0, 20.0),
    ("large", 36.0, 30.0), ("xlarge", 96.0, 40.0), ("2xlarge", 192.0, 40.0),
];
const T2_CREDITS: &[(&str, f64, f64)] = &[
    ("nano", 3.0, 5.0), ("micro", 6.0, 10.0), ("small", 12.0, 20.0), ("medium", 24.0, 20.0),
    ("large", 36.0, 30.0), ("xlarge", 54.0, 22.5), ("2xlarge", 81.6, 17.0),
];

/// The credit rules of a T type, if it is one the table knows.
pub fn burst_spec(instance_type: &str) -> Option<BurstSpec> {
    let (family, size) = instance_type.split_once('.')?;
    let (table, unlimited) = match family {
        "t2" => (T2_CREDITS, false),
        "t3" | "t3a" | "t4g" => (T3_CREDITS, true),
        _ => return None,
    };
    table
        .iter()
        .find(|(s, _, _)| *s == size)
        .map(|(_, c, b)| BurstSpec { credits_per_hour: *c, baseline_pct: *b, unlimited_by_default: unlimited })
}

/// The spec of a type the snapshot knows, or None (the caller says which types it knows).
pub fn lookup(instance_type: &str) -> Option<InstanceSpec> {
    TYPES.iter().find(|(n, _, _)| *n == instance_type).map(|(n, v, p)| InstanceSpec {
        instance_type: n.to_string(),
        vcpus: *v,
        price_per_hour_usd: Some(*p),
        burst: burst_spec(n),
    })
}

/// Every type the simulation knows by itself (for errors and completion).
pub fn known_types() -> impl Iterator<Item = &'static str> {
    TYPES.iter().map(|(n, _, _)| *n)
}

/// Surplus credits in unlimited mode: USD per vCPU-hour for Linux (AWS's burstable
/// pricing, https://aws.amazon.com/ec2/pricing/on-demand/#T2.2FT3.2FT4g_Unlimited_Mode_Pricing).
pub const SURPLUS_USD_PER_VCPU_HOUR: f64 = 0.05;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t3_micro_has_two_vcpus_and_a_ten_percent_baseline() {
        let s = lookup("t3.micro").unwrap();
        assert_eq!(s.vcpus, 2);
        assert_eq!(s.price_per_hour_usd, Some(0.0104));
        let b = s.burst.unwrap();
        assert_eq!(b.baseline_pct, 10.0);
        assert_eq!(b.max_balance(), 288.0);
        assert!(b.unlimited_by_default);
        // Baseline follows from the earn rate: 12 credits/h = 0.2 vCPU-min/min over 2 vCPUs.
        assert!((b.credits_per_hour / 60.0 / s.vcpus as f64 * 100.0 - b.baseline_pct).abs() < 1e-9);
        assert!(!lookup("t2.micro").unwrap().burst.unwrap().unlimited_by_default);
        assert!(lookup("m5.large").unwrap().burst.is_none());
        assert!(lookup("x9.huge").is_none());
    }
}
