//! EC2 instances as the network sees them: an ENI with a private IP (and maybe a public
//! one) in a subnet, with security groups, moving through AWS's lifecycle states.

use crate::model::codes;
use std::net::Ipv4Addr;

use super::security::SGS_PER_ENI;
use super::*;

/// What run-instances asks for.
#[derive(Clone, Debug, Default)]
pub struct RunSpec {
    pub instance_type: String,
    pub image_id: String,
    /// None: the default subnet of the region's default VPC (first AZ).
    pub subnet: Option<String>,
    /// None/empty: the VPC's default security group.
    pub security_groups: Vec<String>,
    /// None: the subnet's map-public-ip-on-launch.
    pub associate_public_ip: Option<bool>,
    pub private_ip: Option<Ipv4Addr>,
    pub count: u32,
    pub name: Option<String>,
    /// IDs chosen by the caller (an Auto Scaling group names its instances); empty: new IDs.
    pub instance_ids: Vec<String>,
    pub auto_scaling_group: Option<String>,
    /// The launch time to record (run-instances passes the time it ran); None: unknown.
    pub launch_time: Option<chrono::DateTime<chrono::Utc>>,
    /// `--hibernation-options Configured=true`: only such an instance may hibernate.
    pub hibernation_configured: bool,
}

impl Network {
    /// RunInstances: all `count` instances start or none (addresses checked first).
    pub fn run_instances(&mut self, region: &str, spec: &RunSpec) -> AwsResult<Vec<String>> {
        let count = if spec.instance_ids.is_empty() { spec.count.max(1) } else { spec.instance_ids.len() as u32 };
        if let Some(taken) = spec.instance_ids.iter().find(|id| self.instances.iter().any(|i| &i.id == *id)) {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The instance ID '{}' is already in use.", taken),
            ));
        }
        if count > 1 && spec.private_ip.is_some() {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_COMBINATION,
                "Cannot specify a private IP address when launching more than one instance.",
            ));
        }
        let subnet = self.launch_subnet(region, spec.subnet.as_deref())?;
        let sgs = self.launch_security_groups(region, &subnet, &spec.security_groups)?;
        let ips = self.allocate_private_ips(&subnet.id, spec.private_ip, count as usize)?;
        let public = spec.associate_public_ip.unwrap_or(subnet.map_public_ip_on_launch);
        let reservation = self.next_id("r");
        let mut ids = Vec::new();
        for (k, ip) in ips.into_iter().enumerate() {
            let id = spec.instance_ids.get(k).cloned().unwrap_or_else(|| self.next_id("i"));
            let eni = self.add_eni(&subnet.id, ip, sgs.clone(), "interface", &id, "Primary network interface".into());
            if public {
                let pip = self.next_public_ip();
                if let Some(e) = self.network_interfaces.iter_mut().find(|e| e.id == eni) {
                    e.public_ip = Some(pip);
                }
            }
            self.instances.push(Instance {
                id: id.clone(),
                region: region.into(),
                instance_type: spec.instance_type.clone(),
                image_id: spec.image_id.clone(),
                vpc_id: subnet.vpc_id.clone(),
                subnet_id: subnet.id.clone(),
                availability_zone: subnet.availability_zone.clone(),
                state: InstanceState::Running,
                eni_id: eni,
                security_groups: sgs.clone(),
                reservation_id: reservation.clone(),
                launch_index: k as u32,
                last_private_ip: Some(ip),
                hibernated: false,
                hibernation_configured: spec.hibernation_configured,
                auto_public_ip: public,
                name: spec.name.clone(),
                auto_scaling_group: spec.auto_scaling_group.clone(),
                launch_time: spec.launch_time,
            });
            ids.push(id);
        }
        Ok(ids)
    }

    /// The subnet instances launch in: the one named, else the default VPC's default subnet.
    fn launch_subnet(&self, region: &str, named: Option<&str>) -> AwsResult<Subnet> {
        if let Some(s) = named {
            return Ok(self.subnet(Some(region), s)?.clone());
        }
        let v = self.vpcs_in(region).find(|v| v.is_default).ok_or_else(|| {
            AwsError::new(
                codes::VPC_ID_NOT_SPECIFIED,
                "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.",
            )
        })?;
        self.subnets.iter().find(|s| s.vpc_id == v.id && s.default_for_az).cloned().ok_or_else(|| {
            AwsError::new(
                codes::MISSING_INPUT,
                "No subnets found for the default VPC. Use create-default-subnet or specify --subnet-id.",
            )
        })
    }

    /// The security group IDs of a launch's interface: those named (in the subnet's VPC,
    /// each once), else the VPC's default group; at most [`SGS_PER_ENI`].
    fn launch_security_groups(&self, region: &str, subnet: &Subnet, named: &[String]) -> AwsResult<Vec<String>> {
        let mut sgs = Vec::new();
        for g in named {
            let gi = self.sg_idx(Some(region), Some(&subnet.vpc_id), g)?;
            let sg = &self.security_groups[gi];
            if sg.vpc_id != subnet.vpc_id {
                return Err(AwsError::new(
                    codes::INVALID_PARAMETER,
                    format!("Security group {} and subnet {} belong to different networks.", sg.id, subnet.id),
                ));
            }
            if !sgs.contains(&sg.id) {
                sgs.push(sg.id.clone());
            }
        }
        if sgs.is_empty() {
            let d = self
                .security_groups
                .iter()
                .find(|g| g.vpc_id == subnet.vpc_id && g.group_name == "default")
                .ok_or_else(|| AwsError::new(codes::GROUP_NOT_FOUND, "The VPC has no default security group"))?;
            sgs.push(d.id.clone());
        }
        if sgs.len() > SGS_PER_ENI {
            return Err(AwsError::new(
                codes::SECURITY_GROUPS_PER_INTERFACE_LIMIT_EXCEEDED,
                "The maximum number of security groups per interface has been reached.",
            ));
        }
        Ok(sgs)
    }

    fn incorrect_state(i: &Instance, op: &str) -> AwsError {
        AwsError::new(
            codes::INCORRECT_INSTANCE_STATE,
            format!("The instance '{}' is not in a state from which it can be {}.", i.id, op),
        )
    }

    /// Resolves every key first, so an unknown ID changes nothing.
    fn instance_indices(&self, region: &str, keys: &[String]) -> AwsResult<Vec<usize>> {
        if keys.is_empty() {
            return Err(AwsError::new(codes::MISSING_PARAMETER, "The request must contain the parameter InstanceIds"));
        }
        keys.iter().map(|k| self.instance_idx(Some(region), k)).collect()
    }

    /// StopInstances: running → stopped. The auto-assigned public IP is released (an EIP
    /// stays); the private IP stays (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html). Returns (id, previous, current).
    pub fn stop_instances(
        &mut self,
        region: &str,
        keys: &[String],
        hibernate: bool,
    ) -> AwsResult<Vec<(String, InstanceState, InstanceState)>> {
        let idx = self.instance_indices(region, keys)?;
        for &i in &idx {
            let inst = &self.instances[i];
            if matches!(inst.state, InstanceState::Terminated | InstanceState::ShuttingDown) {
                return Err(Self::incorrect_state(inst, "stopped"));
            }
            // Hibernation is chosen at launch and cannot be turned on later
            // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/enabling-hibernation.html).
            if hibernate && !inst.hibernation_configured {
                return Err(AwsError::new(
                    codes::UNSUPPORTED_OPERATION,
                    format!("The instance '{}' was not launched with hibernation enabled (--hibernation-options Configured=true).", inst.id),
                ));
            }
        }
        let mut out = Vec::new();
        for i in idx {
            let prev = self.instances[i].state;
            self.instances[i].state = InstanceState::Stopped;
            self.instances[i].hibernated = hibernate;
            let eni = self.instances[i].eni_id.clone();
            if let Some(e) = self.network_interfaces.iter_mut().find(|e| e.id == eni) {
                if e.eip_allocation.is_none() {
                    e.public_ip = None;
                }
            }
            out.push((self.instances[i].id.clone(), prev, InstanceState::Stopped));
        }
        Ok(out)
    }

    /// StartInstances: stopped → running, with a new auto-assigned public IP if it had one
    /// at launch (the subnet/launch setting decides; here: when the subnet maps one or
    /// the instance had one before).
    pub fn start_instances(
        &mut self,
        region: &str,
        keys: &[String],
    ) -> AwsResult<Vec<(String, InstanceState, InstanceState)>> {
        let idx = self.instance_indices(region, keys)?;
        for &i in &idx {
            let inst = &self.instances[i];
            if matches!(inst.state, InstanceState::Terminated | InstanceState::ShuttingDown | InstanceState::Stopping) {
                return Err(Self::incorrect_state(inst, "started"));
            }
        }
        let mut out = Vec::new();
        for i in idx {
            let prev = self.instances[i].state;
            if prev == InstanceState::Stopped {
                let eni = self.instances[i].eni_id.clone();
                let wants_public = self.instances[i].auto_public_ip;
                let needs = self.network_interfaces.iter().any(|e| e.id == eni && e.public_ip.is_none());
                if wants_public && needs {
                    let pip = self.next_public_ip();
                    if let Some(e) = self.network_interfaces.iter_mut().find(|e| e.id == eni) {
                        e.public_ip = Some(pip);
                    }
                }
            }
            self.instances[i].state = InstanceState::Running;
            self.instances[i].hibernated = false;
            out.push((self.instances[i].id.clone(), prev, InstanceState::Running));
        }
        Ok(out)
    }

    pub fn reboot_instances(&mut self, region: &str, keys: &[String]) -> AwsResult<()> {
        let idx = self.instance_indices(region, keys)?;
        for &i in &idx {
            let inst = &self.instances[i];
            if inst.state != InstanceState::Running {
                return Err(Self::incorrect_state(inst, "rebooted"));
            }
        }
        Ok(())
    }

    /// TerminateInstances: → terminated; the ENI (and its addresses) goes, an EIP is
    /// disassociated but stays allocated.
    pub fn terminate_instances(
        &mut self,
        region: &str,
        keys: &[String],
    ) -> AwsResult<Vec<(String, InstanceState, InstanceState)>> {
        let idx = self.instance_indices(region, keys)?;
        let mut out = Vec::new();
        for i in idx {
            let prev = self.instances[i].state;
            let eni = self.instances[i].eni_id.clone();
            if prev != InstanceState::Terminated {
                if let Some(e) = self.network_interfaces.iter().find(|e| e.id == eni) {
                    self.instances[i].last_private_ip = Some(e.private_ip);
                }
                self.network_interfaces.retain(|e| e.id != eni);
                for e in &mut self.elastic_ips {
                    if e.eni_id.as_deref() == Some(eni.as_str()) {
                        e.eni_id = None;
                        e.association_id = None;
                    }
                }
                self.instances[i].state = InstanceState::Terminated;
            }
            out.push((self.instances[i].id.clone(), prev, InstanceState::Terminated));
        }
        Ok(out)
    }
}
