//! EC2 image (AMI) shapes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html).

use super::{lenient, List};
use serde::{Deserialize, Serialize};

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html
    EbsBlockDevice {
        delete_on_termination: bool,
        /// `null` for a mapping with no snapshot.
        snapshot_id: Option<String>,
        volume_size: u32,
        volume_type: String,
        encrypted: bool,
        iops: u32,
        throughput: u32,
    }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_BlockDeviceMapping.html:
    /// an EBS volume (`Ebs`) or an instance store volume (`VirtualName`, `ephemeral0`…).
    BlockDeviceMapping { device_name: String, virtual_name: String, ebs: EbsBlockDevice }
);

shape!(Image {
    image_id: String,
    name: String,
    state: String,
    owner_id: String,
    image_owner_alias: String,
    public: bool,
    image_type: String,
    virtualization_type: String,
    root_device_type: String,
    root_device_name: String,
    block_device_mappings: List<BlockDeviceMapping>,
});

shape!(
    /// The DescribeImages reply (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html).
    DescribeImages { images: List<Image> }
);
