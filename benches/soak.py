"""Soak test (issue 9): N executes of mixed commands in one kernel, over real ZeroMQ.

Reports RSS at start and end and latency p50/p99 per thousand executes, and fails if
the kernel dies, any command errors unexpectedly, RSS grows by more than --max-rss-growth-mib
after the first thousand (warm-up: caches and tables), or the last thousand's p50 is more
than --max-slowdown times the first's.

    python benches/soak.py            # 10,000 executes
    python benches/soak.py --quick    # 1,000 executes (CI)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from jupyter_client.manager import KernelManager

# A class's worth of typical cells; errors on purpose count as answered, not as failures.
CELLS = [
    ("echo soak", False),
    ("regions", False),
    ("region ap-northeast-2", False),
    ("help reach", False),
    ("explain-type c7gn.xlarge", False),
    ("describe-vpcs", False),
    ("reach web db --protocol tcp --port 5432", False),
    ("subnet-calc 10.0.0.0/16 --prefix 20", False),
    ("create-subnet --vpc-id nosuch --cidr-block 10.0.9.0/24", True),
    ("ecoh typo", True),
    ("price m5.large --regions us-east-1,ap-northeast-2", False),
    ("sql SELECT count(*) AS n FROM subnets", False),
]
SETUP = """region ap-northeast-2
vpc wizard --name soak --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1
create-security-group --group-name web --description web --vpc-id soak-vpc
create-security-group --group-name db --description db --vpc-id soak-vpc
authorize-security-group-ingress --group-id db --protocol tcp --port 5432 --source-group web
run-instances --instance-type t3.micro --subnet-id soak-subnet-public1-ap-northeast-2a --security-group-ids web --name web
run-instances --instance-type t3.micro --subnet-id soak-subnet-private1-ap-northeast-2a --security-group-ids db --name db"""


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="1,000 executes instead of 10,000")
    ap.add_argument("-n", type=int, default=None)
    ap.add_argument("--max-rss-growth-mib", type=float, default=64.0)
    ap.add_argument("--max-slowdown", type=float, default=2.0)
    args = ap.parse_args()
    n = args.n or (1000 if args.quick else 10000)

    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)
    pid = km.provisioner.process.pid
    setup = kc.execute_interactive(SETUP, timeout=60, output_hook=lambda m: None)["content"]
    if setup["status"] != "ok":
        print(f"soak: setup failed: {setup.get('ename')}: {setup.get('evalue')}", file=sys.stderr)
        # Still soak what exists: the commands that need the setup will answer with errors.
    rss = [rss_mib(pid)]
    lat: list[float] = []
    unexpected = 0
    for i in range(n):
        code, expect_error = CELLS[i % len(CELLS)]
        t = time.perf_counter()
        r = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)["content"]
        lat.append((time.perf_counter() - t) * 1000)
        if (r["status"] == "error") != expect_error and setup["status"] == "ok":
            unexpected += 1
            if unexpected <= 5:
                print(f"soak: unexpected {r['status']} for {code!r}: {r.get('evalue')}", file=sys.stderr)
        if (i + 1) % 1000 == 0:
            rss.append(rss_mib(pid))
    alive = km.is_alive()
    kc.stop_channels()
    km.shutdown_kernel(now=True)

    print(f"| executes | p50 ms | p99 ms | RSS MiB after |")
    print(f"|---:|---:|---:|---:|")
    chunks = [lat[i:i + 1000] for i in range(0, len(lat), 1000)]
    for k, c in enumerate(chunks):
        q = statistics.quantiles(c, n=100)
        print(f"| {k*1000+1}–{k*1000+len(c)} | {statistics.median(c):.2f} | {q[98]:.2f} | {rss[min(k+1, len(rss)-1)]:.1f} |")
    print(f"RSS start {rss[0]:.1f} MiB, end {rss[-1]:.1f} MiB; unexpected results: {unexpected}; alive: {alive}")
    growth = rss[-1] - rss[min(1, len(rss) - 1)]
    slowdown = statistics.median(chunks[-1]) / max(statistics.median(chunks[0]), 1e-9)
    ok = setup["status"] == "ok" and alive and unexpected == 0 and (len(rss) < 3 or growth <= args.max_rss_growth_mib) and slowdown <= args.max_slowdown
    print("soak:", "ok" if ok else f"FAILED (growth after warm-up {growth:.1f} MiB, slowdown {slowdown:.2f}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
