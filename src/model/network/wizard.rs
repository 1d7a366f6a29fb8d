//! The console's "VPC and more" wizard as real resources: a VPC, public and private
//! subnets spread over AZs, an IGW with a public route table, NAT gateways (none, one,
//! or one per AZ) with a private route table per private subnet, and an S3 endpoint.

use crate::model::codes;
use ipnet::Ipv4Net;

use super::cidr;
use super::*;
use crate::model::regions;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NatPlan {
    None,
    One,
    PerAz,
}

#[derive(Clone, Debug)]
pub struct WizardSpec {
    pub name: String,
    pub cidr: String,
    pub azs: usize,
    pub public_subnets: usize,
    pub private_subnets: usize,
    pub nat: NatPlan,
    pub s3_endpoint: bool,
}

/// What the wizard made, for the reply.
#[derive(Clone, Debug, Default)]
pub struct WizardResult {
    pub vpc_id: String,
    /// (kind, ID, name, detail) in creation order.
    pub created: Vec<(String, String, String, String)>,
}

/// What the wizard placed in AZs (subnets, NAT gateways), each as (ID, AZ).
type Placed = Vec<(String, String)>;

impl Network {
    pub fn vpc_wizard(&mut self, region: &str, w: &WizardSpec) -> AwsResult<WizardResult> {
        let azs = check(region, w)?;
        let block = cidr::parse_v4(&w.cidr)?;
        let mut res = WizardResult::default();
        let n = &w.name;
        let vpc = self.create_vpc(region, &w.cidr, Some(format!("{}-vpc", n)))?;
        res.vpc_id = vpc.clone();
        res.created.push(("VPC".into(), vpc.clone(), format!("{}-vpc", n), block.to_string()));
        // Subnets are 4 bits longer than the VPC (a /16 gives /20s): publics from the
        // start of the block, privates from its second half, as the console lays them out.
        let half = cidr::size(block) / 2;
        let publics = self.wizard_subnets(region, (&vpc, block), &azs, n, ("public", w.public_subnets, 0), &mut res)?;
        let privates =
            self.wizard_subnets(region, (&vpc, block), &azs, n, ("private", w.private_subnets, half), &mut res)?;
        if !publics.is_empty() {
            self.wizard_public_routes(region, &vpc, n, &publics, &mut res)?;
        }
        let nats = self.wizard_nat_gateways(region, w, &azs, &publics, &mut res)?;
        let private_tables = self.wizard_private_routes(region, &vpc, n, &privates, &nats, &mut res)?;
        if w.s3_endpoint {
            self.wizard_s3_endpoint(region, &vpc, n, &private_tables, &mut res)?;
        }
        Ok(res)
    }

    /// `count` subnets of one kind (`public` or `private`), spread over the AZs in turn,
    /// laid out from `base` (an offset into the VPC's block) in the VPC.
    fn wizard_subnets(
        &mut self,
        region: &str,
        (vpc, block): (&str, Ipv4Net),
        azs: &[String],
        n: &str,
        (kind, count, base): (&str, usize, u64),
        res: &mut WizardResult,
    ) -> AwsResult<Placed> {
        let sub_prefix = (block.prefix_len() + 4).min(cidr::MAX_PREFIX);
        let step = 1u64 << (32 - sub_prefix as u32);
        let mk = |k: u64, base: u64| {
            Ipv4Net::new(cidr::nth(block, base + k * step), sub_prefix)
                .map_err(|e| AwsError::new(codes::INVALID_PARAMETER_VALUE, e.to_string()))
        };
        let mut placed = Vec::new();
        for k in 0..count {
            let az = &azs[k % azs.len()];
            let c = mk(k as u64, base)?;
            let name = format!("{}-subnet-{}{}-{}", n, kind, k + 1, az);
            let id = self.create_subnet(region, vpc, &c.to_string(), Some(az), Some(name.clone()))?;
            res.created.push(("Subnet".into(), id.clone(), name, format!("{} {}", c, az)));
            placed.push((id, az.clone()));
        }
        Ok(placed)
    }

    /// An IGW and one public route table (0.0.0.0/0 → IGW) for every public subnet.
    fn wizard_public_routes(
        &mut self,
        region: &str,
        vpc: &str,
        n: &str,
        publics: &Placed,
        res: &mut WizardResult,
    ) -> AwsResult<()> {
        let igw = self.create_internet_gateway(region, Some(format!("{}-igw", n)));
        self.attach_internet_gateway(region, &igw, vpc)?;
        res.created.push((
            "Internet gateway".into(),
            igw.clone(),
            format!("{}-igw", n),
            format!("attached to {}", vpc),
        ));
        let rt = self.create_route_table(region, vpc, Some(format!("{}-rtb-public", n)))?;
        self.create_route(region, &rt, "0.0.0.0/0", &igw)?;
        for (s, _) in publics {
            self.associate_route_table(region, &rt, s)?;
        }
        res.created.push(("Route table".into(), rt, format!("{}-rtb-public", n), format!("0.0.0.0/0 → {}", igw)));
        Ok(())
    }

    /// NAT gateways in the first public subnet of each AZ (or of the first AZ), each with
    /// an Elastic IP: (NAT gateway ID, AZ).
    fn wizard_nat_gateways(
        &mut self,
        region: &str,
        w: &WizardSpec,
        azs: &[String],
        publics: &Placed,
        res: &mut WizardResult,
    ) -> AwsResult<Placed> {
        let n = &w.name;
        let mut nats: Vec<(String, String)> = Vec::new();
        let nat_azs: Vec<String> = match w.nat {
            NatPlan::None => vec![],
            NatPlan::One => vec![azs[0].clone()],
            NatPlan::PerAz => azs.to_vec(),
        };
        for az in &nat_azs {
            let Some((subnet, _)) = publics.iter().find(|(_, a)| a == az) else { continue };
            let eip_name = format!("{}-eip-{}", n, az);
            let alloc = self.allocate_address(region, Some(eip_name))?;
            let name = format!("{}-nat-public1-{}", n, az);
            let nat =
                self.create_nat_gateway(region, subnet, Some(&alloc), Connectivity::Public, Some(name.clone()))?;
            res.created.push(("NAT gateway".into(), nat.clone(), name, format!("in {} with {}", subnet, alloc)));
            nats.push((nat, az.clone()));
        }
        Ok(nats)
    }

    /// One route table per private subnet, 0.0.0.0/0 → its AZ's NAT gateway (or the only
    /// one) when there is one: their IDs.
    fn wizard_private_routes(
        &mut self,
        region: &str,
        vpc: &str,
        n: &str,
        privates: &Placed,
        nats: &Placed,
        res: &mut WizardResult,
    ) -> AwsResult<Vec<String>> {
        let mut private_tables = Vec::new();
        for (k, (s, az)) in privates.iter().enumerate() {
            let name = format!("{}-rtb-private{}-{}", n, k + 1, az);
            let rt = self.create_route_table(region, vpc, Some(name.clone()))?;
            self.associate_route_table(region, &rt, s)?;
            let nat = nats.iter().find(|(_, a)| a == az).or(nats.first()).map(|(id, _)| id.clone());
            let detail = match &nat {
                Some(nat) => {
                    self.create_route(region, &rt, "0.0.0.0/0", nat)?;
                    format!("0.0.0.0/0 → {}", nat)
                }
                None => "local only".to_string(),
            };
            res.created.push(("Route table".into(), rt.clone(), name, detail));
            private_tables.push(rt);
        }
        Ok(private_tables)
    }

    /// The S3 gateway endpoint on the private route tables (on the VPC's other tables when
    /// there are no private ones).
    fn wizard_s3_endpoint(
        &mut self,
        region: &str,
        vpc: &str,
        n: &str,
        private_tables: &[String],
        res: &mut WizardResult,
    ) -> AwsResult<()> {
        let tables = if private_tables.is_empty() {
            self.route_tables.iter().filter(|t| t.vpc_id == vpc && !t.main).map(|t| t.id.clone()).collect()
        } else {
            private_tables.to_vec()
        };
        let name = format!("{}-vpce-s3", n);
        let ep = self.create_gateway_endpoint(
            region,
            vpc,
            &AwsService::S3.service_name(region),
            &tables,
            Some(name.clone()),
        )?;
        res.created.push(("VPC endpoint".into(), ep, name, format!("S3 gateway, {} route tables", tables.len())));
        Ok(())
    }
}

/// The spec's counts against the region's AZs (as the console allows them): the AZs used.
fn check(region: &str, w: &WizardSpec) -> AwsResult<Vec<String>> {
    let azs_all = regions::availability_zones(region);
    if w.azs == 0 || w.azs > azs_all.len() {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("--azs must be 1 to {} in {}", azs_all.len(), region),
        ));
    }
    for (flag, n) in [("--public-subnets", w.public_subnets), ("--private-subnets", w.private_subnets)] {
        if n != 0 && n != w.azs && n != 2 * w.azs {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("{} must be 0, {} or {} (0, one or two per AZ, as in the console)", flag, w.azs, 2 * w.azs),
            ));
        }
    }
    if w.nat != NatPlan::None && w.public_subnets == 0 {
        return Err(AwsError::new(
            codes::INVALID_PARAMETER_VALUE,
            "NAT gateways need public subnets (a public NAT gateway lives in a public subnet)",
        ));
    }
    Ok(azs_all[..w.azs].to_vec())
}
