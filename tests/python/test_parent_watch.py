"""A kernel whose parent dies exits by itself (issue 15: no leaked kernels on a shared hub).

A real parent process starts cloudlab with jupyter_client (which sets JPY_PARENT_PID, as a
Jupyter server does), checks the kernel answers over ZeroMQ, and is then killed with
SIGKILL, so it cannot shut the kernel down: the kernel must notice and exit on its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

PARENT = r"""
import sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="cloudlab")
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
reply = kc.execute_interactive("echo alive", timeout=60, output_hook=lambda m: None)
assert reply["content"]["status"] == "ok", reply["content"]
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _start_parent() -> tuple[subprocess.Popen, int]:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    line = parent.stdout.readline()
    assert line.strip().isdigit(), f"parent did not start a kernel (exit {parent.poll()})"
    return parent, int(line)


def test_kernel_exits_when_its_parent_is_killed():
    parent, kernel = _start_parent()
    try:
        # The watch does not fire while the parent lives (it polls every second).
        time.sleep(2.5)
        assert _running(kernel), "the kernel exited although its parent is alive"
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _running(kernel) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(kernel), f"kernel {kernel} still runs 5 s after its parent died"
    finally:
        if parent.poll() is None:
            parent.kill()
        if _running(kernel):
            os.kill(kernel, signal.SIGKILL)
