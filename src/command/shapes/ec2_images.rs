//! EC2 image (AMI) shapes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html).

#[allow(unused_imports)]
use super::{lenient, List};
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};
