//! An instance family priced in one region, as `compare families` sets families side by
//! side: the family's GiB per vCPU, its price per vCPU-hour and per GiB-hour (medians over
//! its sizes) and its cheapest size.

use super::Pricebook;
use crate::model::compute::naming::Category;
use crate::model::compute::{catalog, InstanceType};

/// The middle of the finite values (the mean of the two middle ones for an even count).
fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// A family's sizes with their on-demand prices in one region (None where the data has none).
pub struct FamilyPrices {
    pub name: String,
    pub category: Option<Category>,
    pub members: Vec<&'static InstanceType>,
    pub prices: Vec<Option<f64>>,
}

impl FamilyPrices {
    /// The family `name` priced in `region`; None for a family the catalog does not have.
    pub fn of(name: &str, region: &str, pb: &Pricebook) -> Option<FamilyPrices> {
        let members = catalog::family_members(name);
        let category = members.first()?.category();
        let prices = members.iter().map(|t| pb.price(&t.name, region)).collect();
        Some(FamilyPrices { name: name.to_string(), category, members, prices })
    }

    /// GiB per vCPU, the median over the sizes.
    pub fn ratio(&self) -> Option<f64> {
        median(self.members.iter().map(|t| t.gib_per_vcpu()).collect())
    }

    /// Price per vCPU-hour, the median over the priced sizes.
    pub fn per_vcpu(&self) -> Option<f64> {
        median(
            self.members.iter().zip(&self.prices).filter_map(|(t, p)| p.map(|p| p / t.vcpus.max(1) as f64)).collect(),
        )
    }

    /// Price per GiB-hour of memory, the median over the priced sizes.
    pub fn per_gib(&self) -> Option<f64> {
        median(
            self.members
                .iter()
                .zip(&self.prices)
                .filter(|(t, _)| t.memory_gib() > 0.0)
                .filter_map(|(t, p)| p.map(|p| p / t.memory_gib()))
                .collect(),
        )
    }

    /// The cheapest priced size and its price per hour.
    pub fn cheapest(&self) -> Option<(&'static InstanceType, f64)> {
        self.members.iter().zip(&self.prices).filter_map(|(t, p)| p.map(|p| (*t, p))).min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Whether the data prices none of its sizes in the region.
    pub fn unpriced(&self) -> bool {
        self.prices.iter().all(Option::is_none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_the_cheapest_size() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, f64::NAN, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
        let pb = Pricebook::snapshot();
        let m7g = FamilyPrices::of("m7g", "us-east-1", &pb).unwrap();
        assert_eq!(m7g.ratio(), Some(4.0));
        assert_eq!(m7g.cheapest().unwrap().0.name, "m7g.medium");
        assert!(FamilyPrices::of("m7gg", "us-east-1", &pb).is_none());
    }
}
