//! The saved `describe-*` documents read and sorted by the call that printed them.

use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::bad;
use crate::command::shapes;
use crate::command::CommandError;

/// The saved documents, grouped by the describe-* call that printed them, each with the
/// file it came from.
#[derive(Default)]
pub(super) struct Docs {
    pub(super) vpcs: Vec<(String, shapes::Vpc)>,
    pub(super) subnets: Vec<(String, shapes::Subnet)>,
    pub(super) route_tables: Vec<(String, shapes::RouteTable)>,
    pub(super) security_groups: Vec<(String, shapes::SecurityGroup)>,
    pub(super) network_acls: Vec<(String, shapes::NetworkAcl)>,
    pub(super) internet_gateways: Vec<(String, shapes::InternetGateway)>,
    pub(super) nat_gateways: Vec<(String, shapes::NatGateway)>,
    /// With the `ReservationId` of the reservation that lists them.
    pub(super) instances: Vec<(String, String, shapes::Instance)>,
    pub(super) volumes: Vec<(String, shapes::Volume)>,
    pub(super) snapshots: Vec<(String, shapes::Snapshot)>,
}

const KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "RouteTables",
    "SecurityGroups",
    "NetworkAcls",
    "InternetGateways",
    "NatGateways",
    "Reservations",
    "Volumes",
    "Snapshots",
];

/// A list's entries (objects, checked) as shapes, each with its file.
fn shapes_of<T: DeserializeOwned + Default>(file: &str, list: Vec<Value>) -> impl Iterator<Item = (String, T)> + '_ {
    list.into_iter().map(move |v| (file.to_string(), serde_json::from_value(v).unwrap_or_default()))
}

pub(super) fn read_docs(paths: &[PathBuf]) -> Result<Docs, CommandError> {
    let mut d = Docs::default();
    for p in paths {
        let name = p.display().to_string();
        let text = crate::command::files::read_text(&name, crate::command::files::MAX_IMPORT_FILE, "import aws-cli")?;
        let v: Value = serde_json::from_str(&text).map_err(|e| bad(&name, format!("not valid JSON ({})", e)))?;
        let Value::Object(mut obj) = v else { return Err(bad(&name, "the top level is not a JSON object")) };
        let mut known = 0;
        for key in KEYS {
            let Some(list) = obj.remove(*key) else { continue };
            known += 1;
            let Value::Array(list) = list else { return Err(bad(&name, format!("\"{}\" is not a list", key))) };
            for item in &list {
                if !item.is_object() {
                    return Err(bad(&name, format!("an entry of \"{}\" is not an object", key)));
                }
                if *key == "Reservations" && !item.get("Instances").is_some_and(Value::is_array) {
                    return Err(bad(&name, "a reservation has no \"Instances\" list"));
                }
            }
            match *key {
                "Vpcs" => d.vpcs.extend(shapes_of(&name, list)),
                "Subnets" => d.subnets.extend(shapes_of(&name, list)),
                "RouteTables" => d.route_tables.extend(shapes_of(&name, list)),
                "SecurityGroups" => d.security_groups.extend(shapes_of(&name, list)),
                "NetworkAcls" => d.network_acls.extend(shapes_of(&name, list)),
                "InternetGateways" => d.internet_gateways.extend(shapes_of(&name, list)),
                "NatGateways" => d.nat_gateways.extend(shapes_of(&name, list)),
                "Volumes" => d.volumes.extend(shapes_of(&name, list)),
                "Snapshots" => d.snapshots.extend(shapes_of(&name, list)),
                _ => {
                    for (_, r) in shapes_of::<shapes::Reservation>(&name, list) {
                        let reservation = r.reservation_id.unwrap_or_default();
                        let insts = r.instances.map(|l| l.0).unwrap_or_default();
                        d.instances.extend(insts.into_iter().map(|i| (name.clone(), reservation.clone(), i)));
                    }
                }
            }
        }
        if known == 0 {
            return Err(bad(
                &name,
                format!("not the output of a supported describe-* call (expected one of: {})", KEYS.join(", ")),
            ));
        }
    }
    Ok(d)
}
