//! EC2 network shapes besides the resources `import aws-cli` reads: DHCP options, zones and
//! regions, network interfaces, and the replies of actions (instance state changes, security
//! group rules, associations) (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Types.html).

use super::{lenient, CidrBlockAssociation, GroupIdentifier, InstanceState, List, StateOf, Tag};
use serde::{Deserialize, Serialize};
use serde_json::Value;

shape!(AttributeValue { value: String });
shape!(DhcpConfiguration { key: String, values: List<AttributeValue> });

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DhcpOptions.html
    DhcpOptions {
        dhcp_configurations: List<DhcpConfiguration>,
        dhcp_options_id: String,
        owner_id: String,
        tags: List<Tag>,
    }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html
    AvailabilityZone {
        state: String,
        opt_in_status: String,
        messages: List<Value>,
        region_name: String,
        zone_name: String,
        zone_id: String,
        group_name: String,
        network_border_group: String,
        zone_type: String,
    }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Region.html
    Region { endpoint: String, region_name: String, opt_in_status: String }
);

shape!(NetworkInterfaceAssociation { public_ip: String });

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html
    NetworkInterface {
        network_interface_id: String,
        interface_type: String,
        subnet_id: String,
        vpc_id: String,
        availability_zone: String,
        private_ip_address: String,
        description: String,
        groups: List<GroupIdentifier>,
        association: Option<NetworkInterfaceAssociation>,
        status: String,
    }
);

shape!(
    /// Start, stop and terminate answer one per instance
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceStateChange.html).
    InstanceStateChange { instance_id: String, previous_state: InstanceState, current_state: InstanceState }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html
    SecurityGroupRule {
        security_group_rule_id: String,
        group_id: String,
        is_egress: bool,
        ip_protocol: String,
        from_port: i64,
        to_port: i64,
    }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
    AuthorizeSecurityGroupResult {
        #[serde(rename = "Return")]
        returned: bool,
        security_group_rules: List<SecurityGroupRule>,
    }
);

shape!(
    /// AssociateRouteTable's answer; ReplaceRouteTableAssociation's has `NewAssociationId` instead
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateRouteTable.html).
    RouteTableAssociationResult { association_id: String, new_association_id: String, association_state: StateOf }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateVpcCidrBlock.html
    AssociateVpcCidrBlockResult { cidr_block_association: CidrBlockAssociation, vpc_id: String }
);
