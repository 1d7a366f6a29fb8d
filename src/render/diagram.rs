//! The VPC diagram as SVG: region, VPC, AZ columns, subnets, gateways, instances, routes.
