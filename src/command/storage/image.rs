//! describe-images: the lab's AMIs (create-image) and the public stand-ins, with their
//! root device and block device mappings (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-block-device-mapping.html).

use crate::model::codes;

use super::*;
use crate::command::shapes::List;
use crate::command::{Ctx, Flag, Reply, Run};
use crate::model::storage::images::{public_images, ImageDisks, ImageMapping};

const DESCRIBE: &[Flag] = &[
    Flag::many("image-ids", "only these (IDs or names)"),
    Flag::many("owners", "`self` (the lab's AMIs) or `amazon` (the public stand-ins)"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![CommandSpec {
        name: "describe-images",
        service: "ec2",
        summary: "AMIs: the lab's (create-image) and the public stand-ins, with their block device mappings",
        usage: "describe-images [--owners self|amazon] [--image-ids AMI…]",
        help: "An EBS-backed AMI maps each EBS volume to a snapshot: an instance launched from it gets its root volume made from the \
               root snapshot (the volume's SnapshotId). `cloudlab-instance-store-hvm` is instance-store-backed: its root is on the \
               instance store of C1, C3, D2, I2, M1, M2, M3, R3 or X1 types, and such an instance cannot be stopped.",
        flags: DESCRIBE,
        run: Run::Read(describe),
    }]
}

/// Who owns the public stand-ins (Amazon's account, as `describe-images --owners amazon` shows it).
const AMAZON: &str = "137112412989";

/// One AMI in the DescribeImages shape.
fn image_shape(i: &ImageDisks, owner: &str) -> shapes::Image {
    let mapping = |m: &ImageMapping| match &m.virtual_name {
        Some(v) => shapes::BlockDeviceMapping {
            device_name: Some(m.device.clone()),
            virtual_name: Some(v.clone()),
            ..Default::default()
        },
        None => shapes::BlockDeviceMapping {
            device_name: Some(m.device.clone()),
            ebs: Some(shapes::EbsBlockDevice {
                delete_on_termination: Some(m.delete_on_termination),
                snapshot_id: Some(m.snapshot_id.clone()),
                volume_size: Some(m.size_gib),
                volume_type: Some(m.volume_type.as_str().into()),
                encrypted: Some(m.encrypted),
                iops: m.iops,
                throughput: m.throughput,
            }),
            ..Default::default()
        },
    };
    shapes::Image {
        image_id: Some(i.image_id.clone()),
        name: Some(i.name.clone()),
        state: Some("available".into()),
        owner_id: Some(owner.into()),
        image_owner_alias: i.public.then(|| "amazon".into()),
        public: Some(i.public),
        image_type: Some("machine".into()),
        virtualization_type: Some("hvm".into()),
        root_device_type: Some(i.root_device_type.as_str().into()),
        root_device_name: Some(i.root_device_name.clone()),
        block_device_mappings: Some(List(i.mappings.iter().map(mapping).collect())),
    }
}

fn images_json(rows: &[(ImageDisks, &str)]) -> Value {
    shapes::to_value(&shapes::DescribeImages {
        images: Some(List(rows.iter().map(|(i, o)| image_shape(i, o)).collect())),
    })
}

fn describe(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let owners = a.list("owners");
    for o in &owners {
        if !["self", "amazon", ACCOUNT].contains(&o.as_str()) {
            return Ok(
                Reply::text("0 images (the lab knows its own AMIs and Amazon's stand-ins)").with_json(images_json(&[]))
            );
        }
    }
    let want_self = owners.is_empty() || owners.iter().any(|o| o == "self" || o == ACCOUNT);
    let want_amazon = owners.is_empty() || owners.iter().any(|o| o == "amazon");
    let mut rows: Vec<(ImageDisks, &str)> = Vec::new();
    if want_self {
        rows.extend(
            lab.storage.images.iter().filter(|i| i.region.as_deref() == Some(r.as_str())).map(|i| (i.clone(), ACCOUNT)),
        );
    }
    if want_amazon {
        rows.extend(public_images().into_iter().map(|i| (i, AMAZON)));
    }
    let ids = a.list("image-ids");
    if !ids.is_empty() {
        for k in &ids {
            if !rows.iter().any(|(i, _)| &i.image_id == k || &i.name == k) {
                // AWS's code and text (as moto's ec2 exceptions give them).
                return Err(CommandError::new(codes::AMI_ID_NOT_FOUND, format!("The image id '[{k}]' does not exist")));
            }
        }
        rows.retain(|(i, _)| ids.iter().any(|k| k == &i.image_id || k == &i.name));
    }
    let df = crate::tables::compute::images_df(&rows)?;
    let json = images_json(&rows);
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} images in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("amis", df))
}
