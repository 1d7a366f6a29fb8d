"""`:dep cloudlab` in the stock evcxr_jupyter kernel (issue 7): the library builds without
the kernel feature, and its result types show as rich output through evcxr's
`evcxr_display` convention.

The kernel is evcxr_jupyter 0.22.0 from crates.io: `cargo build` makes it as
target/debug/evcxr_jupyter (tools/evcxr-jupyter, the crate's own `main`), or
$EVCXR_JUPYTER names another (say one from `cargo install evcxr_jupyter --locked`).
Skipped when none is found, except when $REQUIRE_EVCXR=1 (CI sets that).
The `:dep` build (cloudlab + polars from source, in evcxr's own target dir) takes minutes;
its time is printed for the notes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[2]


def evcxr_binary() -> str | None:
    built = ROOT / "target" / "debug" / "evcxr_jupyter"
    return os.environ.get("EVCXR_JUPYTER") or (str(built) if built.exists() else None)


@pytest.fixture(scope="module")
def kc():
    binary = evcxr_binary()
    if not binary:
        if os.environ.get("REQUIRE_EVCXR") == "1":
            pytest.fail("REQUIRE_EVCXR=1 but there is no target/debug/evcxr_jupyter (nor $EVCXR_JUPYTER)")
        pytest.skip("no evcxr_jupyter: `cargo build` makes target/debug/evcxr_jupyter")
    prefix = tempfile.mkdtemp(prefix="evcxr-kernelspec-")
    kdir = Path(prefix, "kernels", "rust")
    kdir.mkdir(parents=True)
    # What `evcxr_jupyter --install` writes, but in a temp dir rather than the user's.
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [binary, "--control_file", "{connection_file}"],
        "display_name": "Rust", "language": "rust", "interrupt_mode": "message"}))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = prefix + (os.pathsep + old if old else "")
    # evcxr_jupyter builds in a temp dir (2 GB with cloudlab) that it leaves when it is
    # killed: give it one of ours, removed below.
    build_tmp = tempfile.mkdtemp(prefix="evcxr-tmp-")
    km = KernelManager(kernel_name="rust")
    km.start_kernel(env={**os.environ, "TMPDIR": build_tmp})
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    yield client
    client.stop_channels()
    km.shutdown_kernel(now=True)
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old
    shutil.rmtree(prefix, ignore_errors=True)
    shutil.rmtree(build_tmp, ignore_errors=True)


def run(kc, code: str, timeout: float = 1800):
    msgs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=msgs.append)
    return reply["content"], msgs


def shown(msgs, mime: str) -> str:
    return "".join(m["content"]["data"].get(mime, "") for m in msgs
                   if m["msg_type"] in ("display_data", "execute_result"))


def test_dep_cloudlab_in_stock_evcxr_jupyter(kc):
    # Debug dependencies: evcxr's default :opt 2 would optimise polars (much longer).
    reply, msgs = run(kc, ":opt 0")
    assert reply["status"] == "ok", msgs
    t = time.time()
    reply, msgs = run(kc, f':dep cloudlab = {{ path = "{ROOT}", default-features = false }}')
    print(f"\n:dep cloudlab (build from source in evcxr): {time.time() - t:.0f} s")
    assert reply["status"] == "ok", msgs

    t = time.time()
    reply, msgs = run(kc, """
let mut lab = cloudlab::Lab::new();
let out = cloudlab::rust_cell::run(&mut lab, "create-vpc --cidr-block 10.0.0.0/16 --name prod
create-subnet --vpc-id prod --cidr-block 10.0.1.0/24 --name web
run-instances --image-id ami-12345678 --instance-type t3.micro --subnet-id web --name w1
describe-vpcs");
out""")
    print(f"first cell using cloudlab: {time.time() - t:.1f} s")
    assert reply["status"] == "ok", msgs
    html = shown(msgs, "text/html")
    assert "<table" in html and "10.0.0.0/16" in html, msgs

    # A table from SQL over the model.
    reply, msgs = run(kc, 'cloudlab::rust_cell::sql(&lab, "SELECT name, cidr_block FROM subnets").unwrap()')
    assert reply["status"] == "ok", msgs
    assert "10.0.1.0/24" in shown(msgs, "text/html"), msgs

    # A reach result straight from the model: why the internet cannot reach w1.
    reply, msgs = run(kc, """
let rep = lab.network.reach(&lab.region, "internet", "w1",
    cloudlab::Protocol::Tcp, Some(22)).unwrap();
rep""")
    assert reply["status"] == "ok", msgs
    html = shown(msgs, "text/html")
    assert "not reachable" in html and "NO_PUBLIC_IP" in html and "<table" in html, msgs

    # A diagram of the VPC as SVG.
    reply, msgs = run(kc, 'cloudlab::rust_cell::diagram_of(&lab, "prod").unwrap()')
    assert reply["status"] == "ok", msgs
    assert "<svg" in shown(msgs, "image/svg+xml"), msgs

    # Errors are values: an unknown VPC is InvalidVpcID.NotFound, not a panic.
    reply, msgs = run(kc, 'cloudlab::rust_cell::diagram_of(&lab, "nope").err().unwrap().to_string()')
    assert reply["status"] == "ok", msgs
    assert "InvalidVpcID.NotFound" in shown(msgs, "text/plain"), msgs
