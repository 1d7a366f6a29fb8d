//! cloudlab: a Jupyter kernel whose cells build and question an offline model of AWS.
//!
//! # From Rust
//!
//! The library's public API is small: a [`Lab`] (the model), [`run`] to apply cloudlab
//! commands to it as a notebook cell would, [`sql`] to query it, [`diagram_of`] to draw a
//! VPC, and the values they return ([`CellOutput`], [`Table`], [`Svg`], [`ReachReport`]),
//! which show as rich output in evcxr (`%%rust` cells here, or `:dep cloudlab = { path = "…",
//! default-features = false }` in the stock evcxr_jupyter kernel). The resource types a
//! lab holds (`Vpc`, `Volume`, `DbCluster`, …) are in [`aws`], by service.
//!
//! ```
//! let mut lab = cloudlab::Lab::new();
//! let out = cloudlab::run(&mut lab, "vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2");
//! assert!(out.is_ok(), "{}", out.text());
//!
//! let subnets = cloudlab::sql(&lab, "SELECT name, cidr_block FROM subnets").unwrap();
//! assert!(subnets.df.height() >= 2);
//!
//! let svg = cloudlab::diagram_of(&lab, "shop-vpc").unwrap();
//! assert!(svg.0.starts_with("<svg"));
//! ```
//!
//! The shells around the library (the `cloudlab` binary, the browser kernel in `lite/`, the
//! fuzzers) use [`frontend`]: the [`Session`] interpreter and the kernel interface.
//!
//! # Inside
//!
//! Layers (see `docs/architecture.md`): `kernel` speaks the Jupyter protocol and
//! knows only the [`frontend::Interpreter`] trait; `session` implements it over one [`Lab`];
//! `command` turns cell text into calls on `model`, which is plain data and rules;
//! `tables` and `render` turn model results into DataFrames, HTML, SVG and JSON. Those
//! modules are `pub(crate)`: only what is re-exported here and in [`frontend`] is public.

pub mod aws;
pub(crate) mod cell;
pub(crate) mod clock;
pub(crate) mod command;
#[cfg(test)]
mod cost_scaling;
pub(crate) mod duration;
pub mod frontend;
pub(crate) mod glob;
pub(crate) mod html;
pub(crate) mod i18n;
#[cfg(feature = "kernel")]
pub(crate) mod install;
pub(crate) mod kernel;
pub(crate) mod lab;
pub(crate) mod model;
pub(crate) mod notebook;
pub(crate) mod render;
pub mod rust_cell;
pub(crate) mod session;
pub(crate) mod suggest;
pub(crate) mod tables;

/// The model a notebook builds: every service's resources in every region, the current
/// region, the settings and the clock. `Lab::new()` is empty, in `us-east-1`.
///
/// ```
/// let mut lab = cloudlab::Lab::new();
/// assert_eq!(lab.region, "us-east-1");
/// cloudlab::run(&mut lab, "region eu-west-1");
/// assert_eq!(lab.region, "eu-west-1");
/// ```
pub use lab::Lab;

/// Runs cloudlab commands (a cell's text) on a lab, as a notebook cell would: a failing
/// command leaves the lab as it was and ends the cell.
///
/// ```
/// let mut lab = cloudlab::Lab::new();
/// let out = cloudlab::run(&mut lab, "create-vpc --cidr-block 10.0.0.0/16 --name prod");
/// assert!(out.is_ok());
/// assert_eq!(lab.network.vpcs.len(), 1);
///
/// let bad = cloudlab::run(&mut lab, "create-subnet --vpc-id prod --cidr-block 192.168.0.0/24");
/// assert!(!bad.is_ok());
/// assert!(bad.text().contains("InvalidSubnet.Range"), "{}", bad.text());
/// ```
pub use rust_cell::run;

/// `sql` from Rust: a query over the lab's tables (`vpcs`, `subnets`, `instances`, …) and the
/// catalog (`instance_types`, `prices`, …), as a [`Table`].
///
/// ```
/// let lab = cloudlab::Lab::new();
/// let big = cloudlab::sql(&lab, "SELECT instance_type, vcpus FROM instance_types WHERE vcpus >= 64").unwrap();
/// assert!(big.df.height() > 0);
/// assert!(cloudlab::sql(&lab, "SELECT * FROM nowhere").is_err());
/// ```
pub use rust_cell::sql;

/// The diagram of a VPC (by ID or Name tag) in the lab's current region, as the `diagram`
/// command draws it.
///
/// ```
/// let mut lab = cloudlab::Lab::new();
/// cloudlab::run(&mut lab, "create-vpc --cidr-block 10.0.0.0/16 --name prod");
/// assert!(cloudlab::diagram_of(&lab, "prod").unwrap().0.contains("<svg"));
/// assert_eq!(cloudlab::diagram_of(&lab, "nope").err().map(|e| e.code), Some("InvalidVpcID.NotFound"));
/// ```
pub use rust_cell::diagram_of;

pub use command::CommandError;
/// Why a path is or is not reachable, hop by hop: what `lab.network.reach(…)` returns.
///
/// ```
/// let mut lab = cloudlab::Lab::new();
/// cloudlab::run(
///     &mut lab,
///     "create-vpc --cidr-block 10.0.0.0/16 --name prod\n\
///      create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --name web\n\
///      run-instances --image-id ami-12345678 --instance-type t3.micro --subnet-id web --name w1",
/// );
/// let rep = lab.network.reach(&lab.region, "internet", "w1", cloudlab::Protocol::Tcp, Some(22)).unwrap();
/// assert_eq!(rep.explanation_code, "NO_PUBLIC_IP");
/// // Its Display is the one line a reader can act on.
/// assert!(rep.to_string().starts_with("✗ not reachable: internet → w1 (tcp 22) — NO_PUBLIC_IP"));
/// ```
pub use model::network::reach::ReachReport;
pub use model::network::Protocol;
/// An error of an AWS operation on the model: AWS's error code (`InvalidVpcID.NotFound`) and
/// AWS's wording. `diagram_of` and the model's rules (`lab.network.reach(…)`) return it.
///
/// ```
/// let lab = cloudlab::Lab::new();
/// let e: cloudlab::AwsError = cloudlab::diagram_of(&lab, "nope").unwrap_err();
/// assert_eq!(e.to_string(), "InvalidVpcID.NotFound: The vpc ID 'nope' does not exist");
/// ```
pub use model::AwsError;
pub use rust_cell::{CellOutput, Svg, Table};
pub use session::Session;
