//! The model's resource types, by service: what [`Lab`](crate::Lab)'s fields hold
//! (`lab.network.vpcs`, `lab.storage.volumes`, …). They are public so Rust code can name
//! them, and evcxr can keep a copy of one in a `%%rust` variable from cell to cell; the
//! rules that change them stay inside the crate (run commands with [`run`](crate::run)).
//!
//! ```
//! use cloudlab::aws::network::Vpc;
//!
//! let mut lab = cloudlab::Lab::new();
//! cloudlab::run(&mut lab, "create-vpc --cidr-block 10.0.0.0/16 --name prod");
//! let prod: Vpc = lab.network.vpcs[0].clone();
//! assert_eq!(prod.primary_cidr().to_string(), "10.0.0.0/16");
//! ```

/// VPC networking and EC2 instances: `lab.network`.
pub mod network {
    pub use crate::model::network::types::*;
    pub use crate::model::network::Network;
}

/// EBS volumes, snapshots and AMIs: `lab.storage`.
pub mod storage {
    pub use crate::model::storage::{Attachment, Modification, Snapshot, Storage, Volume, VolumeType};
}

/// RDS and Aurora: `lab.databases`.
pub mod database {
    pub use crate::model::database::{
        CloneKind, ClusterKind, ClusterVolume, Databases, DbCluster, DbEvent, DbInstance, DbSubnetGroup, Engine,
        InstanceClass,
    };
}

/// EC2 Auto Scaling, load balancers and CloudWatch alarms: `lab.scaling`.
pub mod scaling {
    pub use crate::model::scaling::resources::{
        AutoScalingGroup, GroupInstance, Image, LaunchTemplate, Listener, LoadBalancer, MetricAlarm, ScalingPolicy,
        TargetGroup,
    };
    pub use crate::model::scaling::Scaling;
}

/// Display settings: `lab.settings`.
pub use crate::lab::Settings;
/// The price list a lab costs with: `lab.pricing`.
pub use crate::model::pricing::Pricebook;
