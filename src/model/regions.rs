//! AWS regions and their availability zones, from the shipped `data/regions.csv`
//! (derived from DescribeInstanceTypeOfferings; see data/SOURCES.md).

use std::sync::OnceLock;

const REGIONS_CSV: &str = include_str!("../../data/regions.csv");

/// One AWS region as the model knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The region code, e.g. `ap-northeast-2`.
    pub code: String,
    /// The console's name, e.g. `Asia Pacific (Seoul)`.
    pub name: String,
    /// Availability zone names, e.g. `ap-northeast-2a`, in order.
    pub availability_zones: Vec<String>,
}

impl Region {
    /// The region's EC2 endpoint, as DescribeRegions gives it (`ec2.us-east-1.amazonaws.com`).
    pub fn ec2_endpoint(&self) -> String {
        format!("ec2.{}.amazonaws.com", self.code)
    }
}

/// Every region in the shipped data, sorted by code.
pub fn all() -> &'static [Region] {
    static REGIONS: OnceLock<Vec<Region>> = OnceLock::new();
    REGIONS.get_or_init(|| {
        REGIONS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut parts = line.splitn(3, ',');
                let code = parts.next()?.trim().to_string();
                let name = parts.next()?.trim().to_string();
                let azs = parts.next()?.split(';').map(|s| s.trim().to_string()).collect();
                Some(Region { code, name, availability_zones: azs })
            })
            .collect()
    })
}

/// The region with this code, if the data has it.
pub fn find(code: &str) -> Option<&'static Region> {
    all().iter().find(|r| r.code == code)
}

/// The availability zones of a region (empty when the region is unknown).
pub fn availability_zones(code: &str) -> &'static [String] {
    find(code).map(|r| r.availability_zones.as_slice()).unwrap_or(&[])
}

/// The region an availability zone name belongs to (`us-east-1a` → `us-east-1`).
pub fn region_of_az(az: &str) -> Option<&'static Region> {
    all().iter().find(|r| r.availability_zones.iter().any(|a| a == az))
}

/// The zone ID of an AZ name (`ap-northeast-2a` → `apne2-az1`). AWS's zone IDs are the
/// same for every account; here they follow the names' order (an assumption, said in
/// `describe-availability-zones`'s help).
pub fn zone_id(az: &str) -> Option<String> {
    let region = region_of_az(az)?;
    let k = region.availability_zones.iter().position(|a| a == az)?;
    // AWS abbreviates the direction: northeast → ne, south → s, central → c (apne2, aps1, euc1).
    let parts: Vec<&str> = region.code.split('-').collect();
    let dir = |d: &str| match d {
        "northeast" => "ne",
        "northwest" => "nw",
        "southeast" => "se",
        "southwest" => "sw",
        "north" => "n",
        "south" => "s",
        "east" => "e",
        "west" => "w",
        "central" => "c",
        _ => "x",
    };
    let prefix = match parts.as_slice() {
        [a, b, n] => format!("{}{}{}", a, dir(b), n),
        _ => region.code.replace('-', ""),
    };
    Some(format!("{}-az{}", prefix, k + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seoul_has_four_azs_and_a_name() {
        let seoul = find("ap-northeast-2").expect("Seoul is in the data");
        assert_eq!(seoul.name, "Asia Pacific (Seoul)");
        assert_eq!(seoul.availability_zones.len(), 4);
        assert_eq!(region_of_az("ap-northeast-2c").map(|r| r.code.as_str()), Some("ap-northeast-2"));
        assert!(find("mars-north-1").is_none());
        assert_eq!(zone_id("ap-northeast-2a").as_deref(), Some("apne2-az1"));
        assert_eq!(zone_id("us-east-1c").as_deref(), Some("use1-az3"));
        assert_eq!(zone_id("eu-central-1a").as_deref(), Some("euc1-az1"));
        assert_eq!(zone_id("ap-southeast-2a").as_deref(), Some("apse2-az1"));
        assert!(all().len() >= 30);
    }
}
