//! Site-to-Site VPN: the customer gateway (your router, as AWS knows it) and the VPN
//! connection joining it to a virtual private gateway with two IPsec tunnels
//! (https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html). Traffic is routed
//! into the VPN by a route to the VGW; what happens on-premises is outside the model.

use crate::model::codes;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::{not_found, position, Network};
use crate::model::{AwsError, AwsResult};

#[derive(Clone, Debug)]
pub struct CustomerGateway {
    pub id: String,
    pub region: String,
    pub bgp_asn: u32,
    /// The public IPv4 address of the on-premises router.
    pub ip_address: Ipv4Addr,
    pub name: Option<String>,
}

#[derive(Clone, Debug)]
pub struct VpnConnection {
    pub id: String,
    pub region: String,
    pub customer_gateway_id: String,
    pub vpn_gateway_id: String,
    pub static_routes_only: bool,
    /// Static routes to on-premises networks (CreateVpnConnectionRoute).
    pub routes: Vec<Ipv4Net>,
    /// The AWS ends of the two tunnels (two AZs' endpoints, for redundancy).
    pub tunnel_outside_ips: [Ipv4Addr; 2],
    pub name: Option<String>,
}

impl Network {
    /// CreateCustomerGateway: a BGP ASN (1–4294967294; 65000 is the console's default
    /// private one) and the router's public IPv4 address.
    pub fn create_customer_gateway(
        &mut self,
        region: &str,
        bgp_asn: u32,
        ip: Ipv4Addr,
        name: Option<String>,
    ) -> AwsResult<String> {
        if bgp_asn == 0 || bgp_asn == u32::MAX {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("Invalid BGP ASN {}: use 1–4294967294.", bgp_asn),
            ));
        }
        if ip.is_private() || ip.is_loopback() || ip.is_unspecified() || ip.is_link_local() || ip.is_multicast() {
            return Err(AwsError::new(
                codes::INVALID_PARAMETER_VALUE,
                format!("The customer gateway IP address '{}' must be a public IPv4 address.", ip),
            ));
        }
        let id = self.next_id("cgw");
        self.customer_gateways.push(CustomerGateway {
            id: id.clone(),
            region: region.into(),
            bgp_asn,
            ip_address: ip,
            name,
        });
        Ok(id)
    }

    /// CreateVpnConnection between a customer gateway and a virtual private gateway.
    pub fn create_vpn_connection(
        &mut self,
        region: &str,
        cgw: &str,
        vgw: &str,
        static_routes_only: bool,
        name: Option<String>,
    ) -> AwsResult<String> {
        let ci = position(&self.customer_gateways, Some(region), cgw)
            .ok_or_else(|| not_found(codes::CUSTOMER_GATEWAY_ID_NOT_FOUND, "customerGateway", cgw))?;
        let gi = self.vgw_idx(Some(region), vgw)?;
        let (cgw_id, vgw_id) = (self.customer_gateways[ci].id.clone(), self.vpn_gateways[gi].id.clone());
        let id = self.next_id("vpn");
        let n = self.vpn_connections.len() as u8;
        // Documentation addresses (RFC 5737): the model has no real tunnel endpoints.
        let tunnel_outside_ips = [Ipv4Addr::new(198, 51, 100, 10 + 2 * n), Ipv4Addr::new(198, 51, 100, 11 + 2 * n)];
        self.vpn_connections.push(VpnConnection {
            id: id.clone(),
            region: region.into(),
            customer_gateway_id: cgw_id,
            vpn_gateway_id: vgw_id,
            static_routes_only,
            routes: Vec::new(),
            tunnel_outside_ips,
            name,
        });
        Ok(id)
    }

    /// CreateVpnConnectionRoute: a static route to an on-premises network (static-routing
    /// connections only; with BGP the customer gateway advertises its networks).
    pub fn create_vpn_connection_route(&mut self, region: &str, vpn: &str, cidr: &str) -> AwsResult<()> {
        let i = position(&self.vpn_connections, Some(region), vpn)
            .ok_or_else(|| not_found(codes::VPN_CONNECTION_ID_NOT_FOUND, "vpnConnection", vpn))?;
        let net: Ipv4Net = cidr
            .parse()
            .map_err(|_| AwsError::new(codes::INVALID_PARAMETER_VALUE, format!("Invalid CIDR '{}'", cidr)))?;
        let c = &mut self.vpn_connections[i];
        if !c.static_routes_only {
            return Err(AwsError::new(
                codes::VPN_CONNECTION_INVALID_TYPE,
                format!(
                    "The VPN connection {} uses dynamic (BGP) routing; static routes need StaticRoutesOnly=true.",
                    c.id
                ),
            ));
        }
        if c.routes.contains(&net) {
            return Err(AwsError::new(
                codes::ROUTE_ALREADY_EXISTS,
                format!("The route {} already exists on {}.", net, c.id),
            ));
        }
        c.routes.push(net);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vpn_joins_a_customer_gateway_to_a_vgw_and_checks_its_inputs() {
        let r = "ap-northeast-2";
        let mut n = Network::default();
        let vgw = n.create_vpn_gateway(r, Some("vgw".into()));
        assert_eq!(
            n.create_customer_gateway(r, 65000, Ipv4Addr::new(10, 0, 0, 1), None).unwrap_err().code,
            "InvalidParameterValue"
        );
        assert_eq!(
            n.create_customer_gateway(r, 0, Ipv4Addr::new(203, 0, 113, 5), None).unwrap_err().code,
            "InvalidParameterValue"
        );
        let cgw = n.create_customer_gateway(r, 65000, Ipv4Addr::new(203, 0, 113, 5), Some("office".into())).unwrap();
        assert_eq!(
            n.create_vpn_connection(r, "nope", &vgw, true, None).unwrap_err().code,
            "InvalidCustomerGatewayID.NotFound"
        );
        let bgp = n.create_vpn_connection(r, "office", "vgw", false, None).unwrap();
        assert_eq!(
            n.create_vpn_connection_route(r, &bgp, "192.168.0.0/16").unwrap_err().code,
            "InvalidVpnConnection.InvalidType"
        );
        let vpn = n.create_vpn_connection(r, &cgw, &vgw, true, Some("office-vpn".into())).unwrap();
        n.create_vpn_connection_route(r, "office-vpn", "192.168.0.0/16").unwrap();
        assert_eq!(n.create_vpn_connection_route(r, &vpn, "192.168.0.0/16").unwrap_err().code, "RouteAlreadyExists");
        let c = n.vpn_connections.iter().find(|c| c.id == vpn).unwrap();
        assert_eq!(
            (c.customer_gateway_id.as_str(), c.vpn_gateway_id.as_str(), c.routes.len()),
            (cgw.as_str(), vgw.as_str(), 1)
        );
        assert_ne!(c.tunnel_outside_ips[0], c.tunnel_outside_ips[1]);
    }
}
