#!/usr/bin/env python3
"""Derive data/instance_store.csv: the instance store disks of each EC2 instance type.

Usage: python3 scripts/derive_instance_store.py INSTANCE_TYPES_JSON_GZ [OUT_DIR]
  INSTANCE_TYPES_JSON_GZ  moto/ec2/resources/instance_types.json.gz from the moto 5.2.5
                          wheel (`pip download moto==5.2.5 --no-deps`), the same
                          DescribeInstanceTypes results data/instance_types.csv comes from
                          (that CSV keeps only the total size and the disk type)
  OUT_DIR                 defaults to data/ next to this script's parent

Writes data/instance_store.csv: instance_type,disk_count,disk_size_gb,disk_type,nvme_support
(one row per type that has instance store; `InstanceStorageInfo.Disks[0]` and
`InstanceStorageInfo.NvmeSupport`; every type in the source has one disk group).
"""
import csv
import gzip
import json
import os
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data")
    with gzip.open(src, "rt") as f:
        types = json.load(f)
    rows = []
    for name in sorted(types):
        info = types[name].get("InstanceStorageInfo")
        if not info:
            continue
        disks = info["Disks"]
        if len(disks) != 1:
            sys.exit(f"{name}: {len(disks)} disk groups (expected 1)")
        d = disks[0]
        if d["Count"] * d["SizeInGB"] != info["TotalSizeInGB"]:
            sys.exit(f"{name}: disks do not add up to TotalSizeInGB")
        rows.append([name, d["Count"], d["SizeInGB"], d["Type"], info.get("NvmeSupport", "unsupported")])
    with open(os.path.join(out, "instance_store.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["instance_type", "disk_count", "disk_size_gb", "disk_type", "nvme_support"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
