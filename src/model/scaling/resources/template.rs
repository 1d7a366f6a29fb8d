//! AMIs and launch templates (`create-image`, `create-launch-template`).

use crate::model::network::Network;
use crate::model::{codes, AwsError, AwsResult};

use super::Scaling;

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub image_id: String,
    pub region: String,
    pub name: String,
    pub source_instance_id: String,
    pub instance_type: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LaunchTemplate {
    pub id: String,
    pub region: String,
    pub name: String,
    pub image_id: String,
    pub instance_type: String,
    pub user_data: Option<String>,
    pub security_group_ids: Vec<String>,
    /// `CreditSpecification.CpuCredits` = standard.
    pub credit_standard: bool,
    pub version: u32,
}

impl Scaling {
    /// `create-image`: an AMI from an instance of the network model.
    pub fn create_image(&mut self, net: &Network, region: &str, instance: &str, name: &str) -> AwsResult<String> {
        let i = net.instance_idx(Some(region), instance)?;
        let inst = &net.instances[i];
        if self.images.iter().any(|m| m.region == region && m.name == name) {
            return Err(AwsError::new(
                codes::AMI_NAME_DUPLICATE,
                format!(
                    "AMI name {} is already in use by AMI {}",
                    name,
                    self.images.iter().find(|m| m.name == name).map_or("", |m| m.image_id.as_str())
                ),
            ));
        }
        let id = format!("ami-0{}", self.hex(16));
        self.images.push(Image {
            image_id: id.clone(),
            region: region.into(),
            name: name.into(),
            source_instance_id: inst.id.clone(),
            instance_type: inst.instance_type.clone(),
        });
        Ok(id)
    }

    /// `create-launch-template`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_launch_template(
        &mut self,
        net: &Network,
        region: &str,
        name: &str,
        image_id: &str,
        instance_type: &str,
        user_data: Option<String>,
        security_groups: &[String],
        credit_standard: bool,
    ) -> AwsResult<String> {
        if name.len() < 3
            || name.len() > 128
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || "()./_-".contains(c))
        {
            return Err(AwsError::new(codes::LAUNCH_TEMPLATE_NAME_MALFORMED_EXCEPTION, format!("A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.' ({})", name)));
        }
        if self.launch_templates.iter().any(|t| t.region == region && t.name == name) {
            return Err(AwsError::new(
                codes::LAUNCH_TEMPLATE_NAME_ALREADY_EXISTS_EXCEPTION,
                format!("Launch template name already in use. ({})", name),
            ));
        }
        // An AMI of this lab by ID or name, or any AMI ID (AWS's public images).
        let image_id =
            match self.images.iter().find(|m| m.region == region && (m.image_id == image_id || m.name == image_id)) {
                Some(m) => m.image_id.clone(),
                None if image_id.starts_with("ami-") => image_id.to_string(),
                None => {
                    return Err(AwsError::new(
                        codes::AMI_ID_MALFORMED,
                        format!("Invalid id: \"{}\" (expecting \"ami-...\")", image_id),
                    ));
                }
            };
        let mut sgs = Vec::new();
        for g in security_groups {
            let k = net.sg_idx(Some(region), None, g)?;
            sgs.push(net.security_groups[k].id.clone());
        }
        let id = format!("lt-0{}", self.hex(16));
        self.launch_templates.push(LaunchTemplate {
            id: id.clone(),
            region: region.into(),
            name: name.into(),
            image_id,
            instance_type: instance_type.into(),
            user_data,
            security_group_ids: sgs,
            credit_standard,
            version: 1,
        });
        Ok(id)
    }
}
