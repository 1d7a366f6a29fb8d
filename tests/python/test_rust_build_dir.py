"""`%%rust` cells' build directory never outlives its kernel.

evcxr builds Rust cells in a temp dir of 0.7 to 2 GB. A kernel used to leave it behind
whenever it was killed or even shut down (the process exited without dropping evcxr), and a
day of test runs on one machine left 51 GB in /tmp. Now the kernel drops its interpreter on
shutdown (the directory goes with it) and a kernel starting Rust cells removes the
directories of kernels that are gone (their lock is free). Each kernel here gets its own
TMPDIR, so the tests see only their own directories.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import KernelManager

PREFIX = "cloudlab-rust-"


def build_dirs(tmp: Path) -> list[Path]:
    return sorted(p for p in tmp.iterdir() if p.name.startswith(PREFIX))


def start(tmp: Path) -> tuple[KernelManager, object]:
    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel(env={**os.environ, "TMPDIR": str(tmp)})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def rust_cell(kc) -> None:
    msgs = []
    reply = kc.execute_interactive("%%rust\n40 + 2", timeout=900, output_hook=msgs.append)
    assert reply["content"]["status"] == "ok", msgs


def wait_gone(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return not path.exists()


def test_build_dirs_go_with_their_kernels(tmp_path):
    # A: runs Rust, then is SIGKILLed, so nothing in it runs: its directory stays.
    km, kc = start(tmp_path)
    assert build_dirs(tmp_path) == [], "the directory is made by the first Rust cell, not at start"
    rust_cell(kc)
    [killed] = build_dirs(tmp_path)
    assert (killed / "target").is_dir()
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    assert killed.exists()

    # B: a kernel that has not run Rust leaves it alone; its first Rust cell removes it.
    km2, kc2 = start(tmp_path)
    try:
        assert killed.exists()
        rust_cell(kc2)
        dirs = build_dirs(tmp_path)
        assert killed not in dirs, f"{killed} (its kernel was killed) is still there"
        [live] = dirs

        # C: its sweep never takes a live kernel's directory, and jupyter_client's ordinary
        # shutdown (a shutdown_request, then up to 5 s to exit) removes C's own.
        km3, kc3 = start(tmp_path)
        try:
            rust_cell(kc3)
            [own] = [d for d in build_dirs(tmp_path) if d != live]
            assert live.exists()
        finally:
            kc3.stop_channels()
            km3.shutdown_kernel()
        assert not own.exists(), f"{own} is still there after its kernel shut down"
        # B still runs Rust cells in its directory.
        rust_cell(kc2)
    finally:
        kc2.stop_channels()
        km2.shutdown_kernel()
    assert build_dirs(tmp_path) == []


PARENT = r"""
import os, sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="cloudlab")
km.start_kernel(env={**os.environ, "TMPDIR": sys.argv[1]})
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
reply = kc.execute_interactive("%%rust\n1", timeout=900, output_hook=lambda m: None)
assert reply["content"]["status"] == "ok", reply["content"]
print(km.provisioner.process.pid, flush=True)
time.sleep(900)
"""


def test_a_kernel_whose_parent_died_removes_its_build_dir(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        line = parent.stdout.readline()
        assert line.strip().isdigit(), f"parent did not start a kernel (exit {parent.poll()})"
        [d] = build_dirs(tmp_path)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        # The kernel polls its parent every second, then stops as on a shutdown request.
        assert wait_gone(d, 10), f"{d} is still there 10 s after the kernel's parent died"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
