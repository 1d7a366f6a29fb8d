//! `aws ec2 describe-instance-types` and `describe-instance-type-offerings` shapes
//! (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceTypeInfo.html).

use super::{lenient, List};
use serde::{Deserialize, Serialize};

shape!(ProcessorInfo { supported_architectures: Vec<String>, sustained_clock_speed_in_ghz: f64, manufacturer: String });

shape!(VCpuInfo { default_v_cpus: u32, default_cores: u32, default_threads_per_core: u32 });

shape!(MemoryInfo {
    #[serde(rename = "SizeInMiB")]
    size_in_mib: u64,
});

shape!(DiskInfo {
    #[serde(rename = "SizeInGB")]
    size_in_gb: u64,
    count: u64,
    #[serde(rename = "Type")]
    kind: String,
});

shape!(InstanceStorageInfo {
    #[serde(rename = "TotalSizeInGB")]
    total_size_in_gb: u64,
    disks: List<DiskInfo>,
    nvme_support: String,
});

shape!(EbsOptimizedInfo { baseline_bandwidth_in_mbps: f64, maximum_bandwidth_in_mbps: f64 });

shape!(EbsInfo { ebs_optimized_info: EbsOptimizedInfo });

shape!(NetworkCardInfo { baseline_bandwidth_in_gbps: f64, peak_bandwidth_in_gbps: f64 });

shape!(NetworkInfo {
    network_performance: String,
    maximum_network_interfaces: u32,
    ipv4_addresses_per_interface: u32,
    network_cards: List<NetworkCardInfo>,
});

shape!(GpuDeviceInfo { count: u32, name: String, manufacturer: String, memory_info: MemoryInfo });

shape!(GpuInfo {
    gpus: List<GpuDeviceInfo>,
    #[serde(rename = "TotalGpuMemoryInMiB")]
    total_gpu_memory_in_mib: u64,
});

shape!(InstanceTypeInfo {
    instance_type: String,
    current_generation: bool,
    free_tier_eligible: bool,
    supported_usage_classes: Vec<String>,
    bare_metal: bool,
    hypervisor: String,
    processor_info: ProcessorInfo,
    v_cpu_info: VCpuInfo,
    memory_info: MemoryInfo,
    instance_storage_supported: bool,
    instance_storage_info: InstanceStorageInfo,
    ebs_info: EbsInfo,
    network_info: NetworkInfo,
    gpu_info: GpuInfo,
    hibernation_supported: bool,
    burstable_performance_supported: bool,
});

shape!(
    /// The DescribeInstanceTypes reply.
    DescribeInstanceTypes { instance_types: List<InstanceTypeInfo> }
);

shape!(
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceTypeOffering.html
    InstanceTypeOffering { instance_type: String, location_type: String, location: String }
);

shape!(
    /// The DescribeInstanceTypeOfferings reply.
    DescribeInstanceTypeOfferings { instance_type_offerings: List<InstanceTypeOffering> }
);
