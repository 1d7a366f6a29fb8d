//! On-demand prices per region (shipped snapshot or a loaded price file) and cost estimates.

pub mod components;
pub mod estimate;
pub mod families;
pub mod pricebook;

pub use pricebook::Pricebook;
