//! Choosing a volume type for a workload: for each type, the cheapest settings that meet
//! the size, IOPS and throughput asked for — or why it cannot.
//!
//! Performance rules from https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
//! (gp2 3 IOPS/GiB; io1/io2 throughput 0.256 MiB/s per IOPS at 256 KiB I/O; st1 baseline
//! 40 MiB/s per TiB, sc1 12 MiB/s per TiB, both 1 MiB I/O); prices from [`super::prices`].

use super::prices;
use super::types::{self, VolumeType};

/// One type's answer for a workload.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub volume_type: VolumeType,
    /// None when it meets the workload; else the reason it does not.
    pub why_not: Option<String>,
    /// Settings to provision (IOPS, MiB/s) and what they deliver.
    pub iops: u32,
    pub throughput: u32,
    /// `Err` names the price the data lacks for the region.
    pub usd_per_month: Result<f64, String>,
}

/// Every type's fit for `size_gib` with at least `iops` and `throughput` MiB/s, cheapest
/// meeting types first.
pub fn compare(size_gib: u32, iops: u32, throughput: u32, boot: bool, region: &str) -> Vec<Fit> {
    let mut v: Vec<Fit> = types::ALL.iter().map(|&t| fit(t, size_gib, iops, throughput, boot, region)).collect();
    let key = |f: &Fit| f.usd_per_month.clone().unwrap_or(f64::INFINITY);
    v.sort_by(|a, b| a.why_not.is_some().cmp(&b.why_not.is_some()).then(key(a).total_cmp(&key(b))));
    v
}

pub fn fit(t: VolumeType, size: u32, want_iops: u32, want_tp: u32, boot: bool, region: &str) -> Fit {
    let l = t.limits();
    let mut why = Vec::new();
    if size < l.min_size_gib || size > l.max_size_gib {
        why.push(format!("size {}–{} GiB", l.min_size_gib, l.max_size_gib));
    }
    if boot && !t.bootable() {
        why.push("cannot be a boot volume".to_string());
    }
    let (iops, tp, prov_iops, prov_tp) = match t {
        VolumeType::Gp3 => {
            let tp = want_tp.max(types::GP3_BASELINE_THROUGHPUT);
            let i =
                want_iops.max(types::GP3_BASELINE_IOPS).max((tp as f64 / types::GP3_MAX_MIBPS_PER_IOPS).ceil() as u32);
            let max_i =
                if size == 0 { 0 } else { (500u32.saturating_mul(size)).max(types::GP3_BASELINE_IOPS).min(l.max_iops) };
            if i > max_i {
                why.push(format!("at most {max_i} IOPS at {size} GiB"));
            }
            if tp > l.max_throughput {
                why.push(format!("at most {} MiB/s", l.max_throughput));
            }
            (i, tp, Some(i), Some(tp))
        }
        VolumeType::Io1 | VolumeType::Io2 => {
            let i = want_iops.max(100).max((want_tp as f64 / 0.256).ceil() as u32);
            let max_i = (l.max_iops_per_gib.unwrap_or(0).saturating_mul(size)).min(l.max_iops);
            if i > max_i {
                why.push(format!("at most {max_i} IOPS at {size} GiB"));
            }
            let tp = ((i as f64 * 0.256) as u32).min(l.max_throughput);
            if want_tp > l.max_throughput {
                why.push(format!("at most {} MiB/s", l.max_throughput));
            }
            (i, tp, Some(i), None)
        }
        _ => {
            let (i, tp) = t.performance(size, None, None);
            if want_iops > i {
                why.push(format!(
                    "{i} IOPS at {size} GiB{}",
                    if t == VolumeType::Gp2 {
                        format!(" (3/GiB: {} GiB for {want_iops})", want_iops.div_ceil(3))
                    } else {
                        String::new()
                    }
                ));
            }
            if want_tp > tp {
                why.push(format!("{tp} MiB/s baseline at {size} GiB"));
            }
            (i, tp, None, None)
        }
    };
    Fit {
        volume_type: t,
        why_not: (!why.is_empty()).then(|| why.join("; ")),
        iops,
        throughput: tp,
        usd_per_month: prices::volume_month(t, size, prov_iops, prov_tp, region),
    }
}
