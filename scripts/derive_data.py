#!/usr/bin/env python3
"""Derive cloudlab's shipped data/ files from the shared AWS data folder.

Usage: python3 scripts/derive_data.py SHARED_DIR [OUT_DIR]
  SHARED_DIR  the folder holding instance_types.csv, region_offerings.csv,
              az_offerings.csv and ec2_prices.csv (see data/SOURCES.md)
  OUT_DIR     defaults to data/ next to this script's parent

Writes:
  data/instance_types.csv  copied unchanged (DescribeInstanceTypes facts)
  data/offerings.csv       instance_type,offerings — one row per type; offerings is a
                           ';'-joined list of regions, each either `region` (offered in
                           every AZ of that region seen in the AZ data) or
                           `region:abd` (offered only in those AZ letters)
  data/ec2_prices.csv      InstanceType,Region,Price,SpotPrice,AvailabilityZone — the
                           source's columns that the program uses, rows sorted
"""
import collections
import csv
import os
import re
import shutil
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data")
    os.makedirs(out, exist_ok=True)

    shutil.copyfile(os.path.join(src, "instance_types.csv"), os.path.join(out, "instance_types.csv"))

    regions = collections.defaultdict(set)
    with open(os.path.join(src, "region_offerings.csv"), newline="") as f:
        for r in csv.DictReader(f):
            regions[r["instance_type"]].add(r["location"])
    az_letters = collections.defaultdict(set)
    region_azs = collections.defaultdict(set)
    with open(os.path.join(src, "az_offerings.csv"), newline="") as f:
        for r in csv.DictReader(f):
            m = re.match(r"^(.*-\d)([a-z])$", r["location"])
            if not m:
                sys.exit(f"unexpected AZ name {r['location']!r}")
            az_letters[(r["instance_type"], m.group(1))].add(m.group(2))
            region_azs[m.group(1)].add(m.group(2))
    with open(os.path.join(out, "offerings.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["instance_type", "offerings"])
        for t in sorted(regions):
            parts = []
            for reg in sorted(regions[t]):
                letters = az_letters.get((t, reg), set())
                if letters == region_azs[reg]:
                    parts.append(reg)
                else:
                    parts.append(reg + ":" + "".join(sorted(letters)))
            w.writerow([t, ";".join(parts)])

    cols = ["InstanceType", "Region", "Price", "SpotPrice", "AvailabilityZone"]
    with open(os.path.join(src, "ec2_prices.csv"), newline="") as f:
        rows = [[r[c] for c in cols] for r in csv.DictReader(f)]
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(out, "ec2_prices.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        w.writerows(rows)


if __name__ == "__main__":
    main()
