//! `aws rds describe-*` shapes (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Types.html).

#[allow(unused_imports)]
use super::{lenient, List};
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};
