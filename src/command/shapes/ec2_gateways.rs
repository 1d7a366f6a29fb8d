//! EC2 gateway and VPN shapes: VPN, customer and egress-only internet gateways, VPN connections
//! (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Types.html).

#[allow(unused_imports)]
use super::{lenient, List};
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};
