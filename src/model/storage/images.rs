//! AMIs as storage sees them: the root device and the block device mappings a launch
//! starts from (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-block-device-mapping.html,
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/RootDeviceStorage.html).
//!
//! - An EBS-backed AMI holds a snapshot per EBS volume; each launch creates the root
//!   volume (and any other mapped volume) from its snapshot, so `SnapshotId` on the root
//!   volume names the AMI's snapshot.
//! - CreateImage makes an EBS-backed AMI from an EBS-backed instance: it snapshots every
//!   attached EBS volume ("Created by CreateImage(i-…) for ami-…").
//! - An instance-store-backed AMI's root lives on the instance store: only the previous
//!   generation types C1, C3, D2, I2, M1, M2, M3, R3 and X1 can launch it, and such an
//!   instance can be terminated but not stopped.
//!
//! Public AMIs are stand-ins (the lab has no AMI catalog): the default Amazon Linux image
//! and one instance-store image. Any other well-formed public `ami-` ID launches like the
//! default image, without a known snapshot.

use super::instance_store;
use super::types::VolumeType;
use super::*;
use crate::model::codes;
use crate::model::network::Network;

/// The AMI run-instances uses when `--image-id` is omitted (an Amazon Linux stand-in).
pub const DEFAULT_IMAGE: &str = "ami-0c1ab00000000c0de";
/// Its root snapshot (owned by Amazon: not in the account's describe-snapshots).
pub const DEFAULT_IMAGE_SNAPSHOT: &str = "snap-0c1ab00000000c0de";
/// A public instance-store-backed AMI stand-in.
pub const INSTANCE_STORE_IMAGE: &str = "ami-0c1ab000000005701";
pub const INSTANCE_STORE_IMAGE_NAME: &str = "cloudlab-instance-store-hvm";
/// Instance families whose types may boot from an instance store root (the RootDeviceStorage page).
pub const INSTANCE_STORE_ROOT_FAMILIES: [&str; 9] = ["c1", "c3", "d2", "i2", "m1", "m2", "m3", "r3", "x1"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootDeviceType {
    Ebs,
    InstanceStore,
}

impl RootDeviceType {
    pub fn as_str(self) -> &'static str {
        match self {
            RootDeviceType::Ebs => "ebs",
            RootDeviceType::InstanceStore => "instance-store",
        }
    }
}

/// One block device mapping of an AMI: an EBS volume from a snapshot, or an instance
/// store disk (`ephemeralN`).
#[derive(Clone, Debug, PartialEq)]
pub struct ImageMapping {
    pub device: String,
    pub snapshot_id: Option<String>,
    pub size_gib: u32,
    pub volume_type: VolumeType,
    pub iops: Option<u32>,
    pub throughput: Option<u32>,
    pub encrypted: bool,
    pub delete_on_termination: bool,
    /// `ephemeral0`… for an instance store mapping (then the EBS fields mean nothing).
    pub virtual_name: Option<String>,
}

/// The storage side of an AMI.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageDisks {
    pub image_id: String,
    pub region: Option<String>,
    pub name: String,
    pub root_device_type: RootDeviceType,
    pub root_device_name: String,
    pub mappings: Vec<ImageMapping>,
    /// Owned by Amazon (a public stand-in) rather than by the lab's account.
    pub public: bool,
}

fn ebs_root(device: &str, snapshot: Option<&str>) -> ImageMapping {
    ImageMapping {
        device: device.into(),
        snapshot_id: snapshot.map(String::from),
        size_gib: volumes::ROOT_SIZE_GIB,
        volume_type: VolumeType::Gp3,
        iops: Some(types::GP3_BASELINE_IOPS),
        throughput: Some(types::GP3_BASELINE_THROUGHPUT),
        encrypted: false,
        delete_on_termination: true,
        virtual_name: None,
    }
}

/// The public stand-ins, by ID.
pub fn public_images() -> Vec<ImageDisks> {
    vec![
        ImageDisks {
            image_id: DEFAULT_IMAGE.into(),
            region: None,
            name: "al2023-ami-cloudlab-x86_64".into(),
            root_device_type: RootDeviceType::Ebs,
            root_device_name: volumes::ROOT_DEVICE.into(),
            mappings: vec![ebs_root(volumes::ROOT_DEVICE, Some(DEFAULT_IMAGE_SNAPSHOT))],
            public: true,
        },
        ImageDisks {
            image_id: INSTANCE_STORE_IMAGE.into(),
            region: None,
            name: INSTANCE_STORE_IMAGE_NAME.into(),
            root_device_type: RootDeviceType::InstanceStore,
            root_device_name: "/dev/sda1".into(),
            mappings: vec![ImageMapping { virtual_name: Some("ephemeral0".into()), ..ebs_root("/dev/sdb", None) }],
            public: true,
        },
    ]
}

impl ImageDisks {
    /// An 8 GiB gp3 root at `device` with no snapshot (the default image's shape).
    pub fn default_root(device: &str) -> ImageMapping {
        ebs_root(device, None)
    }

    pub fn root(&self) -> Option<&ImageMapping> {
        self.mappings.iter().find(|m| m.device == self.root_device_name && m.virtual_name.is_none())
    }
}

impl Storage {
    /// The AMI an instance launches from: one of the lab's (CreateImage), a public stand-in,
    /// or, for any other public ID, the default image's shape without a known snapshot.
    pub fn image_disks(&self, image_id: &str) -> ImageDisks {
        if let Some(i) = self.images.iter().find(|i| i.image_id == image_id || i.name == image_id) {
            return i.clone();
        }
        if let Some(i) = public_images().into_iter().find(|i| i.image_id == image_id || i.name == image_id) {
            return i;
        }
        ImageDisks {
            image_id: image_id.into(),
            region: None,
            name: String::new(),
            root_device_type: RootDeviceType::Ebs,
            root_device_name: volumes::ROOT_DEVICE.into(),
            mappings: vec![ebs_root(volumes::ROOT_DEVICE, None)],
            public: true,
        }
    }

    /// The root device type of an instance (from its AMI).
    pub fn root_device_type(&self, net: &Network, instance_id: &str) -> RootDeviceType {
        net.instances
            .iter()
            .find(|i| i.id == instance_id)
            .map_or(RootDeviceType::Ebs, |i| self.image_disks(&i.image_id).root_device_type)
    }

    /// RunInstances' check of the AMI against the instance type: an instance store root
    /// needs one of the families that can boot from it (and their instance store).
    pub fn check_image_for_type(&self, image_id: &str, instance_type: &str) -> AwsResult<()> {
        let img = self.image_disks(image_id);
        if img.root_device_type == RootDeviceType::InstanceStore {
            let family = instance_type.split('.').next().unwrap_or("");
            if !INSTANCE_STORE_ROOT_FAMILIES.contains(&family) || instance_store::of_type(instance_type).is_none() {
                // AWS's text (seen in https://github.com/thelastpickle/tlp-cluster/issues/150).
                return Err(AwsError::new(
                    codes::UNSUPPORTED_OPERATION,
                    format!(
                        "AMI '{}' with an instance-store root device is not supported for the instance type '{}'.",
                        img.image_id, instance_type
                    ),
                ));
            }
        }
        Ok(())
    }

    /// StopInstances' check: an instance store root cannot be stopped.
    pub fn check_stoppable(&self, net: &Network, instance_id: &str) -> AwsResult<()> {
        if self.root_device_type(net, instance_id) == RootDeviceType::InstanceStore {
            // AWS's text (seen in https://github.com/mitchellh/vagrant-aws/issues/193).
            return Err(AwsError::new(
                codes::UNSUPPORTED_OPERATION,
                format!(
                    "The instance '{}' does not have an 'ebs' root device type and cannot be stopped.",
                    instance_id
                ),
            ));
        }
        Ok(())
    }

    /// CreateImage's storage side: a snapshot of every EBS volume attached to the instance,
    /// recorded as the AMI's block device mappings. Only an EBS-backed instance can be imaged.
    pub fn image_from_instance(
        &mut self,
        net: &Network,
        region: &str,
        image_id: &str,
        name: &str,
        instance: &str,
    ) -> AwsResult<()> {
        let inst = net.instances[net.instance_idx(Some(region), instance)?].clone();
        let source = self.image_disks(&inst.image_id);
        if source.root_device_type == RootDeviceType::InstanceStore {
            // CreateImage makes EBS-backed AMIs of EBS-backed instances only
            // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateImage.html).
            // AWS's text for this refusal was not found; the code and the first sentence are
            // those AWS gives StopInstances for the same instance (see check_stoppable).
            return Err(AwsError::new(codes::UNSUPPORTED_OPERATION, format!("The instance '{}' does not have an 'ebs' root device type: CreateImage makes AMIs of EBS-backed instances only.", inst.id)));
        }
        let mut mappings = Vec::new();
        let vols: Vec<Volume> = self.volumes_of(&inst.id).into_iter().cloned().collect();
        for v in vols {
            let a = v.attachments.iter().find(|a| a.instance_id == inst.id).cloned().expect("attached");
            let snap = self.create_snapshot(
                region,
                &v.id,
                Some(&format!("Created by CreateImage({}) for {}", inst.id, image_id)),
                None,
            )?;
            mappings.push(ImageMapping {
                device: a.device.clone(),
                snapshot_id: Some(snap),
                size_gib: v.size_gib,
                volume_type: v.volume_type,
                iops: v.iops,
                throughput: v.throughput,
                encrypted: v.encrypted,
                delete_on_termination: a.delete_on_termination,
                virtual_name: None,
            });
        }
        let root_device_name = mappings
            .iter()
            .find(|m| is_root_device(&m.device))
            .map(|m| m.device.clone())
            .unwrap_or_else(|| source.root_device_name.clone());
        self.images.push(ImageDisks {
            image_id: image_id.into(),
            region: Some(region.into()),
            name: name.into(),
            root_device_type: RootDeviceType::Ebs,
            root_device_name,
            mappings,
            public: false,
        });
        Ok(())
    }

    /// The AMI whose block device mappings use a snapshot, if any (DeleteSnapshot refuses).
    pub fn image_using_snapshot(&self, snapshot_id: &str) -> Option<&ImageDisks> {
        self.images.iter().find(|i| i.mappings.iter().any(|m| m.snapshot_id.as_deref() == Some(snapshot_id)))
    }
}
