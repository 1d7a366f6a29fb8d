//! describe-images: the lab's AMIs (create-image) and the public stand-ins, with their
//! root device and block device mappings (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-block-device-mapping.html).

use crate::model::codes;
use polars::prelude::*;
use serde_json::json;

use super::*;
use crate::command::{Ctx, Flag, Reply, Run};
use crate::model::storage::images::{public_images, ImageDisks};

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

fn image_json(i: &ImageDisks, owner: &str) -> Value {
    let mut o = json!({
        "ImageId": i.image_id,
        "Name": i.name,
        "State": "available",
        "OwnerId": owner,
        "Public": i.public,
        "ImageType": "machine",
        "VirtualizationType": "hvm",
        "RootDeviceType": i.root_device_type.as_str(),
        "RootDeviceName": i.root_device_name,
        "BlockDeviceMappings": i.mappings.iter().map(|m| match &m.virtual_name {
            Some(v) => json!({"DeviceName": m.device, "VirtualName": v}),
            None => {
                let mut e = json!({"DeleteOnTermination": m.delete_on_termination, "SnapshotId": m.snapshot_id,
                    "VolumeSize": m.size_gib, "VolumeType": m.volume_type.as_str(), "Encrypted": m.encrypted});
                if let Some(n) = m.iops { e["Iops"] = json!(n); }
                if let Some(n) = m.throughput { e["Throughput"] = json!(n); }
                json!({"DeviceName": m.device, "Ebs": e})
            }
        }).collect::<Vec<_>>(),
    });
    if i.public {
        o["ImageOwnerAlias"] = json!("amazon");
    }
    o
}

fn describe(lab: &Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let r = region(lab, a)?;
    let owners = a.list("owners");
    for o in &owners {
        if !["self", "amazon", ACCOUNT].contains(&o.as_str()) {
            return Ok(Reply::text("0 images (the lab knows its own AMIs and Amazon's stand-ins)")
                .with_json(json!({"Images": []})));
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
        rows.extend(public_images().into_iter().map(|i| (i, "137112412989")));
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
    let df = df!(
        "image_id" => rows.iter().map(|(i, _)| i.image_id.clone()).collect::<Vec<_>>(),
        "name" => rows.iter().map(|(i, _)| i.name.clone()).collect::<Vec<_>>(),
        "owner" => rows.iter().map(|(_, o)| o.to_string()).collect::<Vec<_>>(),
        "root_device_type" => rows.iter().map(|(i, _)| i.root_device_type.as_str()).collect::<Vec<_>>(),
        "root_device_name" => rows.iter().map(|(i, _)| i.root_device_name.clone()).collect::<Vec<_>>(),
        "root_snapshot_id" => rows.iter().map(|(i, _)| i.root().and_then(|m| m.snapshot_id.clone())).collect::<Vec<_>>(),
        "volumes" => rows.iter().map(|(i, _)| i.mappings.iter().filter(|m| m.virtual_name.is_none()).count() as u32).collect::<Vec<_>>(),
    )?;
    let json = json!({"Images": rows.iter().map(|(i, o)| image_json(i, o)).collect::<Vec<_>>()});
    Ok(Reply::new()
        .with_table(df.clone(), Some(format!("{} images in {}", rows.len(), r)), None)
        .with_json(json)
        .keep("amis", df))
}
