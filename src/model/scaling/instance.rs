//! What the simulation needs to know about an instance type: vCPUs, an on-demand price
//! and, for burstable types, the CPU credit rules.
//!
//! vCPUs come from the instance catalog (`model::compute`) and us-east-1 prices from the
//! shipped price snapshot, so there is one list of types. Credit numbers are
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

// (size, credits per hour, baseline % per vCPU) for T3/T3a/T4g, and the T2 table.
const T3_CREDITS: &[(&str, f64, f64)] = &[
    ("nano", 6.0, 5.0),
    ("micro", 12.0, 10.0),
    ("small", 24.0, 20.0),
    ("medium", 24.0, 20.0),
    ("large", 36.0, 30.0),
    ("xlarge", 96.0, 40.0),
    ("2xlarge", 192.0, 40.0),
];
const T2_CREDITS: &[(&str, f64, f64)] = &[
    ("nano", 3.0, 5.0),
    ("micro", 6.0, 10.0),
    ("small", 12.0, 20.0),
    ("medium", 24.0, 20.0),
    ("large", 36.0, 30.0),
    ("xlarge", 54.0, 22.5),
    ("2xlarge", 81.6, 17.0),
];

/// The credit rules of a T type, if it is one the table knows.
pub fn burst_spec(instance_type: &str) -> Option<BurstSpec> {
    let (family, size) = instance_type.split_once('.')?;
    let (table, unlimited) = match family {
        "t2" => (T2_CREDITS, false),
        "t3" | "t3a" | "t4g" => (T3_CREDITS, true),
        _ => return None,
    };
    table.iter().find(|(s, _, _)| *s == size).map(|(_, c, b)| BurstSpec {
        credits_per_hour: *c,
        baseline_pct: *b,
        unlimited_by_default: unlimited,
    })
}

/// The spec of a type in the instance catalog, priced from the shipped snapshot's
/// us-east-1 on-demand Linux rate; None for a type the catalog lacks.
pub fn lookup(instance_type: &str) -> Option<InstanceSpec> {
    let t = crate::model::compute::find(instance_type)?;
    Some(InstanceSpec {
        instance_type: t.name.clone(),
        vcpus: t.vcpus,
        price_per_hour_usd: crate::model::pricing::Pricebook::snapshot().price(&t.name, "us-east-1"),
        burst: burst_spec(&t.name),
    })
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
