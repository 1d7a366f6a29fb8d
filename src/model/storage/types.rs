//! EBS volume types and their documented limits: size, IOPS and throughput ranges, the
//! IOPS-per-GiB ratios, what can boot, what Multi-Attach supports, and the latency class.
//!
//! Source of every number: the Amazon EBS volume types page,
//! https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html (with its
//! general-purpose, provisioned-IOPS and HDD sub-pages). gp3 has the limits AWS raised in
//! September 2025 (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html):
//! 3,000–80,000 IOPS and 125–2,000 MiB/s on 1 GiB–64 TiB (before: 16,000, 1,000, 16 TiB).

use super::StorageError;
use crate::model::codes;

/// One of the seven EBS volume types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VolumeType {
    Gp2,
    Gp3,
    Io1,
    Io2,
    St1,
    Sc1,
    Standard,
}

/// A type's documented limits (sizes in GiB, throughput in MiB/s).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub min_size_gib: u32,
    pub max_size_gib: u32,
    /// Provisionable IOPS (gp3/io1/io2); None when IOPS cannot be given.
    pub iops_range: Option<(u32, u32)>,
    /// Most IOPS per GiB of size that may be provisioned (gp3 500, io1 50, io2 1,000).
    pub max_iops_per_gib: Option<u32>,
    /// Provisionable throughput (gp3 only).
    pub throughput_range: Option<(u32, u32)>,
    /// Most IOPS the volume delivers (gp2's and the HDDs' fixed ceilings included).
    pub max_iops: u32,
    /// Most throughput the volume delivers, MiB/s.
    pub max_throughput: u32,
}

pub const ALL: [VolumeType; 7] = [
    VolumeType::Gp3,
    VolumeType::Gp2,
    VolumeType::Io2,
    VolumeType::Io1,
    VolumeType::St1,
    VolumeType::Sc1,
    VolumeType::Standard,
];

/// gp3's baseline, included in its price: 3,000 IOPS and 125 MiB/s at any size.
pub const GP3_BASELINE_IOPS: u32 = 3_000;
pub const GP3_BASELINE_THROUGHPUT: u32 = 125;
/// gp3: at most 0.25 MiB/s of throughput per provisioned IOPS.
pub const GP3_MAX_MIBPS_PER_IOPS: f64 = 0.25;
/// gp2: 3 IOPS per GiB, at least 100, at most 16,000; volumes under 1 TiB burst to 3,000.
pub const GP2_IOPS_PER_GIB: u32 = 3;
pub const GP2_MIN_IOPS: u32 = 100;

impl VolumeType {
    pub fn parse(s: &str) -> Result<VolumeType, StorageError> {
        Ok(match s {
            "gp2" => VolumeType::Gp2,
            "gp3" => VolumeType::Gp3,
            "io1" => VolumeType::Io1,
            "io2" => VolumeType::Io2,
            "st1" => VolumeType::St1,
            "sc1" => VolumeType::Sc1,
            "standard" => VolumeType::Standard,
            _ => return Err(StorageError::new(codes::INVALID_PARAMETER_VALUE, format!("Value ({}) for parameter volumeType is invalid. Valid volume types are standard, io1, io2, gp2, gp3, sc1, st1.", s))),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            VolumeType::Gp2 => "gp2",
            VolumeType::Gp3 => "gp3",
            VolumeType::Io1 => "io1",
            VolumeType::Io2 => "io2",
            VolumeType::St1 => "st1",
            VolumeType::Sc1 => "sc1",
            VolumeType::Standard => "standard",
        }
    }

    /// AWS's name for the family.
    pub fn family(self) -> &'static str {
        match self {
            VolumeType::Gp2 | VolumeType::Gp3 => "General Purpose SSD",
            VolumeType::Io1 | VolumeType::Io2 => "Provisioned IOPS SSD",
            VolumeType::St1 => "Throughput Optimized HDD",
            VolumeType::Sc1 => "Cold HDD",
            VolumeType::Standard => "Magnetic (previous generation)",
        }
    }

    pub fn limits(self) -> Limits {
        match self {
            VolumeType::Gp3 => Limits {
                min_size_gib: 1,
                max_size_gib: 65_536,
                iops_range: Some((3_000, 80_000)),
                max_iops_per_gib: Some(500),
                throughput_range: Some((125, 2_000)),
                max_iops: 80_000,
                max_throughput: 2_000,
            },
            VolumeType::Gp2 => Limits {
                min_size_gib: 1,
                max_size_gib: 16_384,
                iops_range: None,
                max_iops_per_gib: None,
                throughput_range: None,
                max_iops: 16_000,
                max_throughput: 250,
            },
            VolumeType::Io1 => Limits {
                min_size_gib: 4,
                max_size_gib: 16_384,
                iops_range: Some((100, 64_000)),
                max_iops_per_gib: Some(50),
                throughput_range: None,
                max_iops: 64_000,
                max_throughput: 1_000,
            },
            VolumeType::Io2 => Limits {
                min_size_gib: 4,
                max_size_gib: 65_536,
                iops_range: Some((100, 256_000)),
                max_iops_per_gib: Some(1_000),
                throughput_range: None,
                max_iops: 256_000,
                max_throughput: 4_000,
            },
            VolumeType::St1 => Limits {
                min_size_gib: 125,
                max_size_gib: 16_384,
                iops_range: None,
                max_iops_per_gib: None,
                throughput_range: None,
                max_iops: 500,
                max_throughput: 500,
            },
            VolumeType::Sc1 => Limits {
                min_size_gib: 125,
                max_size_gib: 16_384,
                iops_range: None,
                max_iops_per_gib: None,
                throughput_range: None,
                max_iops: 250,
                max_throughput: 250,
            },
            VolumeType::Standard => Limits {
                min_size_gib: 1,
                max_size_gib: 1_024,
                iops_range: None,
                max_iops_per_gib: None,
                throughput_range: None,
                max_iops: 200,
                max_throughput: 90,
            },
        }
    }

    /// st1 and sc1 cannot be boot volumes (the HDD volumes page).
    pub fn bootable(self) -> bool {
        !matches!(self, VolumeType::St1 | VolumeType::Sc1)
    }

    /// Multi-Attach: io1 and io2 only (the Multi-Attach page,
    /// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html).
    pub fn multi_attach(self) -> bool {
        matches!(self, VolumeType::Io1 | VolumeType::Io2)
    }

    /// Latency class as the volume types page words it.
    pub fn latency(self) -> &'static str {
        match self {
            VolumeType::Io2 => "sub-millisecond",
            VolumeType::Gp2 | VolumeType::Gp3 | VolumeType::Io1 => "single-digit ms",
            VolumeType::St1 | VolumeType::Sc1 | VolumeType::Standard => "HDD (tens of ms, sequential I/O)",
        }
    }

    /// What the page recommends it for.
    pub fn use_case(self) -> &'static str {
        match self {
            VolumeType::Gp3 => "boot volumes, dev/test, most transactional workloads",
            VolumeType::Gp2 => "the previous general-purpose default (IOPS tied to size)",
            VolumeType::Io2 => "I/O-intensive databases needing sustained IOPS and 99.999% durability",
            VolumeType::Io1 => "I/O-intensive databases (io2 is the newer choice)",
            VolumeType::St1 => "big data, data warehouses, log processing (large sequential I/O)",
            VolumeType::Sc1 => "cold data read rarely, lowest cost",
            VolumeType::Standard => "previous generation; rarely-accessed data",
        }
    }

    /// The IOPS and throughput a volume of this type delivers with these settings:
    /// gp2 from its size, the HDDs per TiB up to their ceilings.
    pub fn performance(self, size_gib: u32, iops: Option<u32>, throughput: Option<u32>) -> (u32, u32) {
        let l = self.limits();
        let tib = size_gib as f64 / 1024.0;
        match self {
            VolumeType::Gp3 => (iops.unwrap_or(GP3_BASELINE_IOPS), throughput.unwrap_or(GP3_BASELINE_THROUGHPUT)),
            VolumeType::Gp2 => {
                let i = gp2_iops(size_gib);
                // 250 MiB/s once the volume is 334 GiB or larger; smaller ones scale (volume types page).
                let t = if size_gib >= 334 { 250 } else { 128.min(l.max_throughput) };
                (i, t)
            }
            VolumeType::Io1 | VolumeType::Io2 => {
                let i = iops.unwrap_or(l.iops_range.map(|r| r.0).unwrap_or(100));
                // io1: 256 KiB I/O → up to 1,000 MiB/s; io2: 0.256 MiB/s per IOPS up to 4,000.
                let t = ((i as f64 * 0.256) as u32).min(l.max_throughput);
                (i, t)
            }
            // HDD baseline: st1 40 MiB/s per TiB, sc1 12 MiB/s per TiB (volume types page).
            VolumeType::St1 => (l.max_iops, ((40.0 * tib) as u32).clamp(1, l.max_throughput)),
            VolumeType::Sc1 => (l.max_iops, ((12.0 * tib) as u32).clamp(1, l.max_throughput)),
            VolumeType::Standard => (100, 60),
        }
    }
}

/// gp2's baseline IOPS: 3 per GiB, at least 100, at most 16,000.
pub fn gp2_iops(size_gib: u32) -> u32 {
    (size_gib.saturating_mul(GP2_IOPS_PER_GIB)).clamp(GP2_MIN_IOPS, 16_000)
}

/// The checks of CreateVolume and ModifyVolume on a type, size, IOPS and throughput, in
/// AWS's order and words: size range, IOPS given where allowed, IOPS range and ratio,
/// throughput only for gp3, its range and its ratio to IOPS.
pub fn validate(t: VolumeType, size_gib: u32, iops: Option<u32>, throughput: Option<u32>) -> Result<(), StorageError> {
    let l = t.limits();
    let ty = t.as_str();
    if size_gib < l.min_size_gib {
        return Err(StorageError::new(codes::INVALID_PARAMETER_VALUE, format!(
            "The volume size is invalid for {ty} volumes: {size_gib} GiB. {ty} volumes must be at least {} GiB in size. Please specify a volume size above the minimum limit.", l.min_size_gib)));
    }
    if size_gib > l.max_size_gib {
        return Err(StorageError::new(codes::INVALID_PARAMETER_VALUE, format!(
            "The volume size is invalid for {ty} volumes: {size_gib} GiB. {ty} volumes must be at most {} GiB in size. Please specify a volume size below the maximum limit.", l.max_size_gib)));
    }
    match (iops, l.iops_range) {
        (Some(_), None) => {
            return Err(StorageError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                format!("The parameter iops is not supported for {ty} volumes."),
            ))
        }
        (None, Some(_)) if matches!(t, VolumeType::Io1 | VolumeType::Io2) => {
            return Err(StorageError::new(
                codes::MISSING_PARAMETER,
                format!("The request must contain the parameter iops for {ty} volumes."),
            ));
        }
        (Some(i), Some((lo, hi))) => {
            if i < lo {
                return Err(StorageError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Volume iops of {i} is too low; minimum is {lo}."),
                ));
            }
            if i > hi {
                return Err(StorageError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Volume iops of {i} is too high; maximum is {hi}."),
                ));
            }
            let ratio = i as f64 / size_gib as f64;
            let max = l.max_iops_per_gib.unwrap_or(u32::MAX);
            // gp3's 3,000 baseline is allowed at any size; above it the ratio applies.
            let exempt = t == VolumeType::Gp3 && i <= GP3_BASELINE_IOPS;
            if !exempt && ratio > max as f64 {
                return Err(StorageError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Iops to volume size ratio of {ratio:.6} is too high; maximum is {max}.000000"),
                ));
            }
        }
        _ => {}
    }
    match (throughput, l.throughput_range) {
        (Some(_), None) => {
            return Err(StorageError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                format!("The parameter throughput is not supported for {ty} volumes."),
            ))
        }
        (Some(tp), Some((lo, hi))) => {
            if tp < lo {
                return Err(StorageError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Volume throughput of {tp} is too low; minimum is {lo}."),
                ));
            }
            if tp > hi {
                return Err(StorageError::new(
                    codes::INVALID_PARAMETER_VALUE,
                    format!("Volume throughput of {tp} is too high; maximum is {hi}."),
                ));
            }
            let i = iops.unwrap_or(GP3_BASELINE_IOPS);
            let ratio = tp as f64 / i as f64;
            if ratio > GP3_MAX_MIBPS_PER_IOPS {
                return Err(StorageError::new(codes::INVALID_PARAMETER_VALUE, format!("Throughput (MiBps) to iops ratio of {ratio:.6} is too high; maximum is 0.250000 MiBps per iops.")));
            }
        }
        _ => {}
    }
    Ok(())
}
