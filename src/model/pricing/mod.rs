//! On-demand prices per region (shipped snapshot or a loaded price file) and cost estimates.

/// The prices a lab uses.
#[derive(Clone, Debug, Default)]
pub struct Pricebook {}
