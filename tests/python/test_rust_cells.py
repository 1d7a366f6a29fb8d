"""`%%rust` cells through the real kernel (issue 7): evcxr compiles them against the
kernel's own cloudlab library; `lab` is a copy of the session's model; stdout streams
back, a value becomes a result, compile errors become errors, and the lab is unchanged.
The first cell's time (engine start + first compile) is printed for the notes."""

from __future__ import annotations

import time

import pytest
from jupyter_client.manager import KernelManager


@pytest.fixture(scope="module")
def km():
    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel()
    yield km
    # A shutdown request, not SIGKILL: the kernel then removes its Rust build directory.
    km.shutdown_kernel()


@pytest.fixture(scope="module")
def kc(km):
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=30)
    yield client
    client.stop_channels()


def run(kc, code: str, timeout: float = 900):
    msgs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=msgs.append)
    return reply["content"], msgs


def stdout(msgs) -> str:
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def test_rust_cells_see_the_lab_and_report_errors(kc):
    reply, _ = run(kc, "region ap-northeast-2\ncreate-vpc --cidr-block 10.0.0.0/16 --name prod")
    assert reply["status"] == "ok"

    t = time.time()
    reply, msgs = run(kc, '%%rust\nprintln!("region {} vpcs {}", lab.region, lab.network.vpcs.len());')
    first = time.time() - t
    print(f"\nfirst %%rust cell (engine start + compile): {first:.1f} s")
    assert reply["status"] == "ok", msgs
    assert "region ap-northeast-2 vpcs 1" in stdout(msgs)

    t = time.time()
    reply, msgs = run(kc, "%%rust\nlet x = 40 + 2;\nx")
    print(f"second %%rust cell: {time.time() - t:.1f} s")
    assert reply["status"] == "ok"
    shown = [m for m in msgs if m["msg_type"] in ("display_data", "execute_result")]
    assert any(m["content"]["data"].get("text/plain") == "42" for m in shown), msgs

    reply, msgs = run(kc, '%%rust\nlet y: u32 = "no";')
    assert reply["status"] == "error"
    assert reply["ename"] == "CompilationError"

    # A Rust cell works on a copy: the session's lab is as it was.
    reply, msgs = run(kc, "describe-vpcs --output json")
    assert reply["status"] == "ok"
    assert '"CidrBlock": "10.0.0.0/16"' in "".join(
        m["content"]["data"].get("text/plain", "") for m in msgs if m["msg_type"] == "display_data"
    )


def test_interrupt_stops_a_running_rust_cell(km, kc):
    """Interrupt kills evcxr's child (as evcxr_jupyter does); the next cell works."""
    reply, _ = run(kc, "%%rust\n1")  # engine started, cell crate warm
    assert reply["status"] == "ok"
    msg_id = kc.execute('%%rust\nprintln!("started");\nstd::thread::sleep(std::time::Duration::from_secs(600));')
    deadline = time.time() + 300
    started = False
    while time.time() < deadline and not started:
        m = kc.get_iopub_msg(timeout=300)
        started = m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream" and "started" in m["content"]["text"]
    assert started, "the cell never started"
    t = time.time()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=60)
    took = time.time() - t
    print(f"\ninterrupt of a running %%rust cell -> reply: {took * 1000:.0f} ms")
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert took < 10, took
    reply, msgs = run(kc, '%%rust\nprintln!("after {}", lab.region);')
    assert reply["status"] == "ok", msgs
    assert "after ap-northeast-2" in stdout(msgs)
