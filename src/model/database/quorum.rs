//! The Aurora cluster volume: six copies of every 10 GB segment, two per AZ, with a write
//! quorum of 4/6 and a read/repair quorum of 3/6
//! (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/;
//! Verbitski et al., SIGMOD 2017, §2.1; the volume spans three AZs:
//! https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html).
//!
//! What 4 of 6 costs: only two copies are in the writer's AZ, so every commit waits for at
//! least two acknowledgements from other AZs, a cross-AZ round trip plus a storage write
//! (the replication simulation draws the 4th-fastest of six). What it buys: the two
//! slowest copies never delay a commit (a straggling node is hidden), writes continue with
//! a whole AZ lost (4 copies left), and reads and repair continue with an AZ plus one more
//! copy lost (3 left), so a lost AZ and a failed node together lose no data.

/// Copies of each segment (2 per AZ in 3 AZs) (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
pub const COPIES: usize = 6;
/// Copies that must acknowledge a write (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
pub const WRITE_QUORUM: usize = 4;
/// Copies that must answer a read or a repair (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
pub const READ_QUORUM: usize = 3;
/// Segment size in GB (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
pub const SEGMENT_GB: u64 = 10;
/// Documented maximum cluster volume: 128 TiB (64 TiB on some older versions), 256 TiB
/// for specific newer engine versions
/// (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html).
/// The model uses 128 TiB unless told otherwise.
pub const MAX_VOLUME_TIB: u64 = 128;

/// One storage copy of a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageCopy {
    pub az: String,
    pub alive: bool,
}

/// The six copies of a protection group, placed two per AZ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterVolume {
    pub copies: Vec<StorageCopy>,
}

/// What the volume can still do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumState {
    pub alive: usize,
    pub writes_available: bool,
    pub reads_available: bool,
}

impl ClusterVolume {
    /// Two copies in each of the three AZs given (fewer AZs are repeated).
    pub fn new(azs: &[String]) -> ClusterVolume {
        let copies = (0..COPIES)
            .map(|i| StorageCopy { az: azs.get((i / 2) % azs.len().max(1)).cloned().unwrap_or_default(), alive: true })
            .collect();
        ClusterVolume { copies }
    }

    /// Loses `n` more copies, in the order AZ c, b, then a (the writer is usually in a).
    pub fn lose(&mut self, n: usize) {
        let mut left = n;
        for c in self.copies.iter_mut().rev() {
            if left == 0 {
                break;
            }
            if c.alive {
                c.alive = false;
                left -= 1;
            }
        }
    }

    /// Loses both copies in one AZ.
    pub fn lose_az(&mut self, az: &str) {
        for c in self.copies.iter_mut().filter(|c| c.az == az) {
            c.alive = false;
        }
    }

    pub fn state(&self) -> QuorumState {
        quorum(self.copies.iter().filter(|c| c.alive).count())
    }
}

/// Writes need 4 live copies, reads 3 (https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/).
pub fn quorum(alive: usize) -> QuorumState {
    QuorumState { alive, writes_available: alive >= WRITE_QUORUM, reads_available: alive >= READ_QUORUM }
}

/// Volume size after growth: rounded up to whole 10 GB segments, capped at the maximum.
/// Returns None when the data no longer fits.
pub fn grow_to(used_gib: u64, max_tib: u64) -> Option<u64> {
    let max = max_tib.saturating_mul(1024);
    (used_gib <= max).then(|| (used_gib.div_ceil(SEGMENT_GB) * SEGMENT_GB).min(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn azs() -> Vec<String> {
        vec!["us-east-1a".into(), "us-east-1b".into(), "us-east-1c".into()]
    }

    #[test]
    fn six_copies_two_per_az() {
        let v = ClusterVolume::new(&azs());
        assert_eq!(v.copies.len(), 6);
        for az in azs() {
            assert_eq!(v.copies.iter().filter(|c| c.az == az).count(), 2);
        }
    }

    #[test]
    fn losing_two_keeps_writes_losing_three_keeps_only_reads() {
        let mut v = ClusterVolume::new(&azs());
        v.lose(2);
        assert_eq!(v.state(), QuorumState { alive: 4, writes_available: true, reads_available: true });
        v.lose(1);
        assert_eq!(v.state(), QuorumState { alive: 3, writes_available: false, reads_available: true });
        v.lose(1);
        assert!(!v.state().reads_available);
    }

    #[test]
    fn an_az_plus_one_copy_keeps_reads() {
        let mut v = ClusterVolume::new(&azs());
        v.lose_az("us-east-1a");
        assert!(v.state().writes_available, "losing one AZ (2 copies) keeps writes");
        v.lose(1);
        assert!(v.state().reads_available && !v.state().writes_available);
    }

    #[test]
    fn growth_is_in_segments_up_to_the_max() {
        assert_eq!(grow_to(1, 128), Some(10));
        assert_eq!(grow_to(128 * 1024, 128), Some(128 * 1024));
        assert_eq!(grow_to(128 * 1024 + 1, 128), None);
    }
}
