//! `create-image` and `create-launch-template`: what an Auto Scaling group launches.

use crate::model::codes;
use serde_json::{json, Value};

use crate::command::shapes;
use crate::command::{Args, CommandError, CommandSpec, Ctx, Flag, Reply, Run};
use crate::lab::Lab;

const IMAGE_FLAGS: &[Flag] = &[
    Flag::value("instance-id", "the instance to image"),
    Flag::value("name", "the AMI's name"),
    Flag::value("description", "accepted"),
    Flag::switch("no-reboot", "accepted"),
];
const LT_FLAGS: &[Flag] = &[
    Flag::value("launch-template-name", "the template's name"),
    Flag::value(
        "launch-template-data",
        "JSON: {\"ImageId\":…,\"InstanceType\":…,\"UserData\":…,\"SecurityGroupIds\":[…]}",
    ),
    Flag::value("image-id", "shortcut for LaunchTemplateData.ImageId"),
    Flag::value("instance-type", "shortcut for LaunchTemplateData.InstanceType"),
    Flag::many("security-group-ids", "shortcut for LaunchTemplateData.SecurityGroupIds"),
    Flag::value("user-data", "shortcut for LaunchTemplateData.UserData"),
    Flag::value("version-description", "accepted"),
];

pub fn commands() -> Vec<CommandSpec> {
    vec![
        CommandSpec {
            name: "create-image",
            service: "ec2",
            summary: "make an AMI from an instance (the lab's custom web-server image)",
            usage: "create-image --instance-id ID --name NAME",
            help: "Records an AMI that remembers its source instance and type, with a snapshot of each of its EBS volumes \
                   (describe-images shows them as block device mappings; instances launched from it get volumes made from them). \
                   Example: `create-image --instance-id web1 --name web-ami`.",
            flags: IMAGE_FLAGS,
            run: Run::Write(create_image),
        },
        CommandSpec {
            name: "create-launch-template",
            service: "ec2",
            summary: "a launch template: AMI, instance type, user data, security groups",
            usage: "create-launch-template --launch-template-name NAME (--launch-template-data JSON | --image-id AMI --instance-type T)",
            help: "Example: `create-launch-template --launch-template-name web-lt --launch-template-data '{\"ImageId\":\"ami-0abc…\",\"InstanceType\":\"t3.micro\"}'`.",
            flags: LT_FLAGS,
            run: Run::Write(create_launch_template),
        },
    ]
}

fn create_image(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let region = crate::command::region::of(lab, a)?;
    let inst = a.required("instance-id")?;
    let name = a.required("name")?;
    let id = lab.scaling.create_image(&lab.network, &region, inst, name)?;
    crate::command::storage::after_create_image(lab, &region, &id, name, inst)?;
    let v = json!({ "ImageId": id });
    Ok(Reply::text(format!("{} (AMI {} from {})", id, name, inst)).with_json(v))
}

fn create_launch_template(lab: &mut Lab, a: &Args, _: &Ctx) -> Result<Reply, CommandError> {
    let region = crate::command::region::of(lab, a)?;
    let name = a.required("launch-template-name")?;
    let data: Value = match a.get("launch-template-data") {
        Some(t) => serde_json::from_str(t).map_err(|e| {
            CommandError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("--launch-template-data is not valid JSON: {}", e),
            )
        })?,
        None => json!({}),
    };
    let s = |k: &str| data.get(k).and_then(Value::as_str).map(String::from);
    let image = a.get("image-id").map(String::from).or_else(|| s("ImageId")).ok_or_else(|| {
        CommandError::new(
            codes::MISSING_PARAMETER,
            "The request must contain the parameter ImageId (in --launch-template-data or --image-id)",
        )
    })?;
    let ty =
        a.get("instance-type").map(String::from).or_else(|| s("InstanceType")).unwrap_or_else(|| "t3.micro".into());
    let mut sgs = a.list("security-group-ids");
    if let Some(arr) = data.get("SecurityGroupIds").and_then(Value::as_array) {
        sgs.extend(arr.iter().filter_map(Value::as_str).map(String::from));
    }
    let credit_standard = data.pointer("/CreditSpecification/CpuCredits").and_then(Value::as_str) == Some("standard");
    let user_data = a.get("user-data").map(String::from).or_else(|| s("UserData"));
    let id = lab.scaling.create_launch_template(
        &lab.network,
        &region,
        name,
        &image,
        &ty,
        user_data,
        &sgs,
        credit_standard,
    )?;
    let template = shapes::LaunchTemplate {
        launch_template_id: Some(id.clone()),
        launch_template_name: Some(name.into()),
        default_version_number: Some(1),
        latest_version_number: Some(1),
        created_by: Some(format!("arn:aws:iam::{}:user/student", crate::model::scaling::resources::ACCOUNT)),
    };
    let v = json!({ "LaunchTemplate": shapes::to_value(&template) });
    Ok(Reply::text(format!("{} ({}: {} on {})", id, name, image, ty)).with_json(v))
}
