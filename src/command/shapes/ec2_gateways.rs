//! EC2 gateway and VPN shapes: VPN, customer and egress-only internet gateways, VPN connections
//! (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Types.html).

use super::{lenient, InternetGatewayAttachment, List, Tag};
use serde::{Deserialize, Serialize};

shape!(VpcAttachment { state: String, vpc_id: String });

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnGateway.html
    VpnGateway {
        state: String,
        #[serde(rename = "Type")]
        kind: String,
        vpc_attachments: List<VpcAttachment>,
        vpn_gateway_id: String,
        tags: List<Tag>,
    }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EgressOnlyInternetGateway.html
    EgressOnlyInternetGateway {
        attachments: List<InternetGatewayAttachment>,
        egress_only_internet_gateway_id: String,
        tags: List<Tag>,
    }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CustomerGateway.html
    CustomerGateway {
        bgp_asn: String,
        customer_gateway_id: String,
        ip_address: String,
        state: String,
        #[serde(rename = "Type")]
        kind: String,
        tags: List<Tag>,
    }
);

shape!(VpnConnectionOptions { static_routes_only: bool });
shape!(VpnStaticRoute { destination_cidr_block: String, state: String });
shape!(VgwTelemetry { outside_ip_address: String, status: String });

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html
    VpnConnection {
        vpn_connection_id: String,
        state: String,
        #[serde(rename = "Type")]
        kind: String,
        category: String,
        customer_gateway_id: String,
        vpn_gateway_id: String,
        options: VpnConnectionOptions,
        routes: List<VpnStaticRoute>,
        vgw_telemetry: List<VgwTelemetry>,
        customer_gateway_configuration: Option<String>,
        tags: List<Tag>,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_keeps_its_aws_name_and_a_vpn_connection_reads_back() {
        let text = r#"{"Category":"VPN","CustomerGatewayConfiguration":null,"Options":{"StaticRoutesOnly":true},"Routes":[{"DestinationCidrBlock":"192.168.0.0/16","State":"available"}],"Type":"ipsec.1","VgwTelemetry":[{"OutsideIpAddress":"198.51.100.1","Status":"UP"}],"VpnConnectionId":"vpn-1"}"#;
        let c: VpnConnection = serde_json::from_str(text).unwrap();
        assert_eq!(c.kind.as_deref(), Some("ipsec.1"));
        assert_eq!(c.options.as_ref().and_then(|o| o.static_routes_only), Some(true));
        // A null configuration reads as `Some(None)` and prints `null` again.
        assert_eq!(c.customer_gateway_configuration, Some(None));
        assert_eq!(super::super::to_value(&c), serde_json::from_str::<serde_json::Value>(text).unwrap());
    }
}
