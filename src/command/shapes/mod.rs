//! The AWS CLI's JSON shapes (`aws ec2 describe-* --output json`) as serde structs, with
//! AWS's field names: `describe-*` builds them from the model and `import aws-cli` reads
//! them back (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Types.html).
//!
//! Every field is optional and read leniently: a field of the wrong JSON type reads as
//! absent and a list entry that is not an object as an entry with every field absent. The
//! import then decides what it needs and says which field is missing, as it did when it
//! walked untyped JSON. A field whose inner type is itself an `Option` prints `null`.

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A field of the wrong type is absent.
fn lenient<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    Ok(serde_json::from_value(Value::deserialize(d)?).ok())
}

/// A JSON list whose entries of the wrong type read as `T::default()` (all fields absent).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct List<T>(pub Vec<T>);

impl<'de, T: DeserializeOwned + Default> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<Value>::deserialize(d)?;
        Ok(List(items.into_iter().map(|v| serde_json::from_value(v).unwrap_or_default()).collect()))
    }
}

/// The entries of an optional list (none when it is absent).
pub fn each<T>(l: &Option<List<T>>) -> &[T] {
    l.as_ref().map_or(&[], |l| &l.0)
}

/// The entries of an optional list, to change.
pub fn each_mut<T>(l: &mut Option<List<T>>) -> &mut [T] {
    l.as_mut().map_or(&mut [], |l| &mut l.0)
}

/// A struct of AWS's shape: PascalCase names, every field `Option` (left out when `None`)
/// and read with `lenient`.
macro_rules! shape {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $f:ident: $t:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "PascalCase")]
        pub struct $name {
            $($(#[$fm])*
            #[serde(default, deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
            pub $f: Option<$t>,)*
        }
    };
}

// One file per area, each filled by the commands that print those shapes. They are declared
// after `shape!` so they can use it.
mod autoscaling;
mod cloudwatch;
mod ec2_gateways;
mod ec2_images;
mod ec2_instance_types;
mod ec2_network;
mod elbv2;
mod rds;
pub use autoscaling::*;
pub use cloudwatch::*;
pub use ec2_gateways::*;
pub use ec2_images::*;
pub use ec2_instance_types::*;
pub use ec2_network::*;
pub use elbv2::*;
pub use rds::*;

shape!(Tag { key: String, value: String });

/// `[{"Key": "Name", "Value": name}]`, or no `Tags` at all without a name.
pub fn name_tags(name: &Option<String>) -> Option<List<Tag>> {
    name.as_ref().map(|n| List(vec![Tag { key: Some("Name".into()), value: Some(n.clone()) }]))
}

/// The value of the first tag named `key` (None if it is not a string).
pub fn tag(tags: &Option<List<Tag>>, key: &str) -> Option<String> {
    each(tags).iter().find(|t| t.key.as_deref() == Some(key))?.value.clone()
}

shape!(
    /// `{"State": …}`, as in `CidrBlockState` and `AssociationState`.
    StateOf { state: String }
);

shape!(CidrBlockAssociation { association_id: String, cidr_block: String, cidr_block_state: StateOf });

shape!(Vpc {
    cidr_block: String,
    dhcp_options_id: String,
    state: String,
    vpc_id: String,
    owner_id: String,
    instance_tenancy: String,
    cidr_block_association_set: List<CidrBlockAssociation>,
    is_default: bool,
    tags: List<Tag>,
});

shape!(PrivateDnsNameOptionsOnLaunch {
    hostname_type: String,
    enable_resource_name_dns_a_record: bool,
    #[serde(rename = "EnableResourceNameDnsAAAARecord")]
    enable_resource_name_dns_aaaa_record: bool,
});

shape!(Subnet {
    availability_zone: String,
    availability_zone_id: Option<String>,
    available_ip_address_count: u64,
    cidr_block: String,
    default_for_az: bool,
    map_public_ip_on_launch: bool,
    state: String,
    subnet_id: String,
    vpc_id: String,
    owner_id: String,
    subnet_arn: String,
    assign_ipv6_address_on_creation: bool,
    ipv6_cidr_block_association_set: List<Value>,
    ipv6_native: bool,
    enable_dns64: bool,
    map_customer_owned_ip_on_launch: bool,
    private_dns_name_options_on_launch: PrivateDnsNameOptionsOnLaunch,
    tags: List<Tag>,
});

shape!(Route {
    destination_cidr_block: String,
    destination_ipv6_cidr_block: String,
    destination_prefix_list_id: String,
    gateway_id: String,
    nat_gateway_id: String,
    vpc_peering_connection_id: String,
    transit_gateway_id: String,
    network_interface_id: String,
    instance_id: String,
    egress_only_internet_gateway_id: String,
    origin: String,
    state: String,
});

impl Route {
    /// The route's target, in the order the import has always looked for one.
    pub fn target(&self) -> Option<&str> {
        [
            &self.gateway_id,
            &self.nat_gateway_id,
            &self.vpc_peering_connection_id,
            &self.transit_gateway_id,
            &self.network_interface_id,
            &self.instance_id,
            &self.egress_only_internet_gateway_id,
        ]
        .into_iter()
        .find_map(|t| t.as_deref())
    }
}

shape!(RouteTableAssociation {
    main: bool,
    route_table_association_id: String,
    route_table_id: String,
    subnet_id: String,
    association_state: StateOf,
});

shape!(RouteTable {
    associations: List<RouteTableAssociation>,
    propagating_vgws: List<Value>,
    route_table_id: String,
    routes: List<Route>,
    vpc_id: String,
    owner_id: String,
    tags: List<Tag>,
});

shape!(IpRange { cidr_ip: String, description: String });
shape!(Ipv6Range { cidr_ipv6: String, description: String });
shape!(UserIdGroupPair { group_id: String, user_id: String, description: String });
shape!(PrefixListId { prefix_list_id: String, description: String });

shape!(IpPermission {
    from_port: i64,
    ip_protocol: String,
    ip_ranges: List<IpRange>,
    ipv6_ranges: List<Ipv6Range>,
    prefix_list_ids: List<PrefixListId>,
    to_port: i64,
    user_id_group_pairs: List<UserIdGroupPair>,
});

shape!(SecurityGroup {
    description: String,
    group_name: String,
    ip_permissions: List<IpPermission>,
    owner_id: String,
    group_id: String,
    ip_permissions_egress: List<IpPermission>,
    vpc_id: String,
    tags: List<Tag>,
});

shape!(PortRange { from: u64, to: u64 });

shape!(NetworkAclEntry {
    cidr_block: String,
    ipv6_cidr_block: String,
    egress: bool,
    protocol: String,
    rule_action: String,
    rule_number: u64,
    port_range: PortRange,
});

shape!(NetworkAclAssociation { network_acl_association_id: String, network_acl_id: String, subnet_id: String });

shape!(NetworkAcl {
    associations: List<NetworkAclAssociation>,
    entries: List<NetworkAclEntry>,
    is_default: bool,
    network_acl_id: String,
    vpc_id: String,
    owner_id: String,
    tags: List<Tag>,
});

shape!(InternetGatewayAttachment { state: String, vpc_id: String });

shape!(InternetGateway {
    attachments: List<InternetGatewayAttachment>,
    internet_gateway_id: String,
    owner_id: String,
    tags: List<Tag>,
});

shape!(NatGatewayAddress {
    allocation_id: String,
    network_interface_id: String,
    private_ip: String,
    public_ip: String,
    association_id: String,
    is_primary: bool,
    status: String,
});

shape!(NatGateway {
    connectivity_type: String,
    nat_gateway_addresses: List<NatGatewayAddress>,
    nat_gateway_id: String,
    state: String,
    subnet_id: String,
    vpc_id: String,
    tags: List<Tag>,
});

shape!(Address {
    allocation_id: String,
    public_ip: String,
    domain: String,
    public_ipv4_pool: String,
    network_border_group: String,
    association_id: Option<String>,
    network_interface_id: String,
    private_ip_address: String,
    instance_id: String,
    tags: List<Tag>,
});

shape!(VpcPeeringConnectionVpcInfo { cidr_block: Option<String>, owner_id: String, vpc_id: String, region: String });
shape!(VpcPeeringConnectionStateReason { code: String, message: String });

shape!(VpcPeeringConnection {
    accepter_vpc_info: VpcPeeringConnectionVpcInfo,
    requester_vpc_info: VpcPeeringConnectionVpcInfo,
    status: VpcPeeringConnectionStateReason,
    vpc_peering_connection_id: String,
    tags: List<Tag>,
});

shape!(VpcEndpoint {
    vpc_endpoint_id: String,
    vpc_endpoint_type: String,
    vpc_id: String,
    service_name: String,
    state: String,
    route_table_ids: Vec<String>,
    prefix_list_id: String,
    owner_id: String,
    tags: List<Tag>,
});

shape!(TransitGatewayOptions { default_route_table_association: String, default_route_table_propagation: String });

shape!(TransitGateway {
    transit_gateway_id: String,
    transit_gateway_arn: String,
    state: String,
    owner_id: String,
    options: TransitGatewayOptions,
    tags: List<Tag>,
});

shape!(TransitGatewayVpcAttachment {
    transit_gateway_attachment_id: String,
    transit_gateway_id: String,
    vpc_id: String,
    vpc_owner_id: String,
    state: String,
    subnet_ids: Vec<String>,
    tags: List<Tag>,
});

shape!(GroupIdentifier { group_id: String, group_name: String });
shape!(HibernationOptions { configured: bool });
shape!(Placement { availability_zone: String, tenancy: String });
shape!(InstanceState { code: u64, name: String });
shape!(Monitoring { state: String });
shape!(InstanceNetworkInterfaceAttachment { device_index: u64, status: String, delete_on_termination: bool });
shape!(InstanceNetworkInterfaceAssociation { public_ip: String, ip_owner_id: String });

shape!(InstanceNetworkInterface {
    network_interface_id: String,
    subnet_id: String,
    vpc_id: String,
    private_ip_address: String,
    groups: List<GroupIdentifier>,
    status: String,
    attachment: InstanceNetworkInterfaceAttachment,
    association: InstanceNetworkInterfaceAssociation,
});

shape!(EbsInstanceBlockDevice {
    attach_time: Option<String>,
    delete_on_termination: bool,
    status: String,
    volume_id: String,
});

shape!(InstanceBlockDeviceMapping { device_name: String, ebs: EbsInstanceBlockDevice });

shape!(Instance {
    ami_launch_index: u64,
    hibernation_options: HibernationOptions,
    image_id: String,
    instance_id: String,
    instance_type: String,
    placement: Placement,
    state: InstanceState,
    subnet_id: String,
    vpc_id: String,
    security_groups: List<GroupIdentifier>,
    network_interfaces: List<InstanceNetworkInterface>,
    architecture: String,
    monitoring: Monitoring,
    root_device_type: String,
    root_device_name: String,
    block_device_mappings: List<InstanceBlockDeviceMapping>,
    ebs_optimized: bool,
    virtualization_type: String,
    hypervisor: String,
    platform_details: String,
    usage_operation: String,
    launch_time: String,
    private_ip_address: String,
    private_dns_name: String,
    public_dns_name: String,
    public_ip_address: String,
    tags: List<Tag>,
});

shape!(Reservation { reservation_id: String, owner_id: String, groups: List<Value>, instances: List<Instance> });

shape!(VolumeAttachment {
    attach_time: String,
    device: String,
    instance_id: String,
    state: String,
    volume_id: String,
    delete_on_termination: bool,
});

shape!(Volume {
    attachments: List<VolumeAttachment>,
    availability_zone: String,
    create_time: String,
    encrypted: bool,
    size: u64,
    snapshot_id: String,
    state: String,
    volume_id: String,
    volume_type: String,
    multi_attach_enabled: bool,
    kms_key_id: String,
    iops: u64,
    throughput: u64,
    tags: List<Tag>,
});

shape!(Snapshot {
    description: String,
    encrypted: bool,
    owner_id: String,
    progress: String,
    snapshot_id: String,
    start_time: String,
    state: String,
    volume_id: String,
    volume_size: u64,
    storage_tier: String,
    kms_key_id: String,
    tags: List<Tag>,
});

/// A shape as the `serde_json::Value` the replies carry (serializing these cannot fail).
pub fn to_value<T: Serialize>(shape: &T) -> Value {
    serde_json::to_value(shape).unwrap_or(Value::Null)
}

shape!(
    /// ModifyVolume's and DescribeVolumesModifications' entry
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VolumeModification.html).
    VolumeModification {
        volume_id: String,
        modification_state: String,
        target_size: u64,
        target_iops: Option<u64>,
        target_volume_type: String,
        target_throughput: Option<u64>,
        target_multi_attach_enabled: bool,
        original_size: u64,
        original_iops: Option<u64>,
        original_volume_type: String,
        original_throughput: Option<u64>,
        original_multi_attach_enabled: bool,
        progress: u64,
        start_time: String,
    }
);

shape!(
    /// Enable-, disable- and get-ebs-encryption-by-default's answer
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsEncryptionByDefault.html).
    EbsEncryptionByDefault { ebs_encryption_by_default: bool, sse_type: String }
);

// Declared after the shapes above, which they use.

/// `{key: value}`: the EC2 answers that hold one member (`{"Vpc": {…}}`, `{"Vpcs": […]}`,
/// `{"GroupId": "sg-…"}`).
pub fn member(key: &str, v: impl Serialize) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(key.to_string(), to_value(&v));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_types_read_as_absent_and_absent_fields_are_left_out() {
        let v: Vpc = serde_json::from_str(
            r#"{"VpcId": "vpc-1", "IsDefault": "yes", "Tags": [7, {"Key": "Name", "Value": "a"}], "CidrBlockAssociationSet": {}}"#,
        )
        .unwrap();
        assert_eq!(v.vpc_id.as_deref(), Some("vpc-1"));
        assert_eq!(v.is_default, None);
        assert_eq!(v.cidr_block_association_set, None);
        assert_eq!(each(&v.tags)[0], Tag::default());
        assert_eq!(tag(&v.tags, "Name").as_deref(), Some("a"));
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"VpcId":"vpc-1","Tags":[{},{"Key":"Name","Value":"a"}]}"#);
        let s = Subnet {
            private_dns_name_options_on_launch: Some(PrivateDnsNameOptionsOnLaunch {
                enable_resource_name_dns_aaaa_record: Some(false),
                ..Default::default()
            }),
            availability_zone_id: Some(None),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"AvailabilityZoneId":null,"PrivateDnsNameOptionsOnLaunch":{"EnableResourceNameDnsAAAARecord":false}}"#
        );
    }
}
