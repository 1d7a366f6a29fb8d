//! What happens to each disk of an instance on reboot, stop and terminate
//! (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html,
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/RootDeviceStorage.html).

use super::instance_store;
use super::*;
use crate::model::network::Network;

/// One disk of an instance and its fate.
#[derive(Clone, Debug, PartialEq)]
pub struct DiskFate {
    pub device: String,
    /// `EBS gp3 8 GiB (vol-…)` or `instance store NVMe SSD 75 GB`.
    pub storage: String,
    pub volume_id: Option<String>,
    pub files: Vec<String>,
    pub on_reboot: &'static str,
    pub on_stop: &'static str,
    pub on_terminate: &'static str,
}

impl Storage {
    /// Every disk of the instance: its EBS volumes (root first) and its type's instance store.
    pub fn disk_fates(&self, net: &Network, region: &str, instance: &str) -> AwsResult<(String, Vec<DiskFate>)> {
        let inst = &net.instances[net.instance_idx(Some(region), instance)?];
        let store_root =
            self.image_disks(&inst.image_id).root_device_type == super::images::RootDeviceType::InstanceStore;
        let mut out = Vec::new();
        for v in self.volumes_of(&inst.id) {
            let a = v.attachments.iter().find(|a| a.instance_id == inst.id).expect("attached");
            out.push(DiskFate {
                device: a.device.clone(),
                storage: format!(
                    "EBS {} {} GiB{}",
                    v.volume_type.as_str(),
                    v.size_gib,
                    if v.encrypted { ", encrypted" } else { "" }
                ),
                volume_id: Some(v.id.clone()),
                files: v.files.clone(),
                on_reboot: "kept",
                on_stop: "kept (still attached, still billed)",
                on_terminate: if a.delete_on_termination {
                    "deleted (DeleteOnTermination=true)"
                } else {
                    "kept, detached (DeleteOnTermination=false)"
                },
            });
        }
        if let Some(st) = instance_store::of_type(&inst.instance_type) {
            for d in 0..st.disk_count {
                // An instance-store-backed AMI boots from the first disk: the instance cannot be stopped.
                let root = store_root && d == 0;
                out.push(DiskFate {
                    device: if root { "/dev/sda1 (root)".to_string() } else { st.device(d) },
                    storage: format!(
                        "instance store {}{} {} GB",
                        if st.is_nvme() { "NVMe " } else { "" },
                        st.disk_type.to_uppercase(),
                        st.disk_size_gb
                    ),
                    volume_id: None,
                    files: self.instance_store_files.get(&(inst.id.clone(), d)).cloned().unwrap_or_default(),
                    on_reboot: "kept",
                    on_stop: if store_root { "cannot stop (instance-store root)" } else { "lost" },
                    on_terminate: "lost",
                });
            }
        }
        Ok((inst.id.clone(), out))
    }
}
