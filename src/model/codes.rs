//! The AWS error codes the model and commands raise most, as constants: a typo is a compile
//! error, and one grep finds every place that raises a code. Names follow the code
//! (`InvalidVpcID.NotFound` → `VPC_ID_NOT_FOUND`). Codes are AWS's: the EC2 API error
//! codes page (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html),
//! the RDS, ELBv2 and Auto Scaling API references' Errors sections.

pub const ALLOCATION_ID_NOT_FOUND: &str = "InvalidAllocationID.NotFound";
pub const ASSOCIATION_ID_NOT_FOUND: &str = "InvalidAssociationID.NotFound";
pub const DB_CLUSTER_NOT_FOUND_FAULT: &str = "DBClusterNotFoundFault";
pub const DB_INSTANCE_NOT_FOUND: &str = "DBInstanceNotFound";
pub const DB_SUBNET_GROUP_NOT_FOUND_FAULT: &str = "DBSubnetGroupNotFoundFault";
pub const DEPENDENCY_VIOLATION: &str = "DependencyViolation";
pub const DHCP_OPTION_ID_NOT_FOUND: &str = "InvalidDhcpOptionID.NotFound";
pub const GATEWAY_ID_NOT_FOUND: &str = "InvalidGatewayID.NotFound";
pub const GROUP_NOT_FOUND: &str = "InvalidGroup.NotFound";
pub const INSTANCE_ID_NOT_FOUND: &str = "InvalidInstanceID.NotFound";
pub const INTERNET_GATEWAY_ID_NOT_FOUND: &str = "InvalidInternetGatewayID.NotFound";
pub const INVALID_PARAMETER_COMBINATION: &str = "InvalidParameterCombination";
pub const INVALID_PARAMETER_VALUE: &str = "InvalidParameterValue";
pub const LOAD_BALANCER_NOT_FOUND: &str = "LoadBalancerNotFound";
pub const MISSING_PARAMETER: &str = "MissingParameter";
pub const NAT_GATEWAY_ID_NOT_FOUND: &str = "InvalidNatGatewayID.NotFound";
pub const NAT_GATEWAY_NOT_FOUND: &str = "NatGatewayNotFound";
pub const NETWORK_ACL_ENTRY_NOT_FOUND: &str = "InvalidNetworkAclEntry.NotFound";
pub const NETWORK_ACL_ID_NOT_FOUND: &str = "InvalidNetworkAclID.NotFound";
pub const NETWORK_INTERFACE_ID_NOT_FOUND: &str = "InvalidNetworkInterfaceID.NotFound";
pub const PERMISSION_NOT_FOUND: &str = "InvalidPermission.NotFound";
pub const ROUTE_NOT_FOUND: &str = "InvalidRoute.NotFound";
pub const ROUTE_TABLE_ID_NOT_FOUND: &str = "InvalidRouteTableID.NotFound";
pub const SNAPSHOT_NOT_FOUND: &str = "InvalidSnapshot.NotFound";
pub const SUBNET_ID_NOT_FOUND: &str = "InvalidSubnetID.NotFound";
pub const SUBNET_NOT_FOUND: &str = "SubnetNotFound";
pub const TARGET_GROUP_NOT_FOUND: &str = "TargetGroupNotFound";
pub const TRANSIT_GATEWAY_ID_NOT_FOUND: &str = "InvalidTransitGatewayID.NotFound";
pub const VALIDATION_ERROR: &str = "ValidationError";
pub const VOLUME_NOT_FOUND: &str = "InvalidVolume.NotFound";
pub const VPC_ENDPOINT_ID_NOT_FOUND: &str = "InvalidVpcEndpointId.NotFound";
pub const VPC_ID_NOT_FOUND: &str = "InvalidVpcID.NotFound";
pub const VPC_PEERING_CONNECTION_ID_NOT_FOUND: &str = "InvalidVpcPeeringConnectionID.NotFound";
pub const VPN_GATEWAY_ID_NOT_FOUND: &str = "InvalidVpnGatewayID.NotFound";
