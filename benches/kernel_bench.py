#!/usr/bin/env python3
"""Side-by-side kernel benchmark: cloudlab vs ipykernel (and evcxr_jupyter when it is
installed), same client, one run.

How to run (after `bash scripts/test.sh` has made .venv):

    .venv/bin/python benches/kernel_bench.py            # full run
    .venv/bin/python benches/kernel_bench.py --quick    # fewer repetitions
    .venv/bin/python benches/kernel_bench.py --json out.json

It uses target/release/cloudlab if it exists, else target/debug/cloudlab (and says
which; $CLOUDLAB_BIN overrides both). Both kernels are driven by the same
jupyter_client BlockingKernelClient over ZeroMQ on this machine:

- start: KernelManager.start_kernel() until the first kernel_info_reply arrives
  (median of --starts runs, each a new process);
- round trip: execute_request until both execute_reply and status idle have arrived,
  `echo hi` on cloudlab vs `pass` on ipykernel (--executes runs after 10 warm-ups);
- idle RSS: VmRSS of the kernel process after startup and one execute;
- interrupt: a long cell that prints "started" then sleeps 60 s (`sleep 60` /
  `time.sleep(60)` / `std::thread::sleep`), interrupted once "started" has arrived, the
  way each kernelspec asks (message on control for cloudlab and evcxr_jupyter, SIGINT
  for ipykernel), until the execute_reply arrives;
- notebook: the same trivial notebook (--cells cells of `echo hi` / `pass`) through
  nbclient on both, and the first course notebook (notebooks/01-*.ipynb) on cloudlab.

evcxr_jupyter (the Rust kernel, `cargo install evcxr_jupyter --locked`) joins when
$EVCXR_JUPYTER names it or it is on PATH (--no-evcxr leaves it out). It compiles every
cell, so it gets --evcxr-executes round trips (a cell `()`), and its first execute (the
engine's first compile) is reported on its own.

Prints a Markdown table with cloudlab/other ratios (lower is better for all).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

ROOT = Path(__file__).resolve().parents[1]

try:
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
except ImportError as err:  # pragma: no cover - guidance only
    sys.exit(f"{err}: run with .venv/bin/python after `bash scripts/test.sh` made the venv")


def pick_binary() -> tuple[Path, str]:
    env = os.environ.get("CLOUDLAB_BIN")
    if env:
        return Path(env).resolve(), "$CLOUDLAB_BIN"
    release = ROOT / "target" / "release" / "cloudlab"
    if release.exists():
        return release, "release"
    debug = ROOT / "target" / "debug" / "cloudlab"
    if debug.exists():
        return debug, "debug"
    sys.exit("no cloudlab binary: run `cargo build` (or `cargo build --release`) first")


def install_cloudlab(binary: Path, prefix: str) -> None:
    subprocess.run([str(binary), "install", "--prefix", prefix], check=True,
                   stdout=subprocess.DEVNULL)
    share = os.path.join(prefix, "share", "jupyter")
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = share + (os.pathsep + old if old else "")


# ----------------------------------------------------------------------------- helpers


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """A resident-memory field of /proc/PID/status in KiB (VmRSS = RssAnon + RssFile
    + RssShmem; RssAnon is the process's own heap and stacks, RssFile its mapped code)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def install_evcxr(binary: str, prefix: str) -> None:
    """The kernelspec `evcxr_jupyter --install` writes, but into the temp prefix."""
    kdir = Path(prefix, "share", "jupyter", "kernels", "rust")
    kdir.mkdir(parents=True, exist_ok=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [binary, "--control_file", "{connection_file}"],
        "display_name": "Rust", "language": "rust", "interrupt_mode": "message"}))


def find_evcxr() -> str | None:
    return os.environ.get("EVCXR_JUPYTER") or shutil.which("evcxr_jupyter")


def kernel_pid(km: KernelManager) -> int:
    return km.provisioner.process.pid  # type: ignore[union-attr]


def wait_idle(kc, msg_id: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def shell_reply(kc, msg_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def round_trip(kc, code: str) -> dict:
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id)
    wait_idle(kc, msg_id)
    return reply


def drain(kc) -> None:
    for channel in (kc.shell_channel, kc.iopub_channel, kc.control_channel):
        while True:
            try:
                channel.get_msg(timeout=0.05)
            except Empty:
                break


def start(kernel_name: str) -> tuple[KernelManager, object, float]:
    """Start a kernel; seconds from start_kernel() to the first kernel_info_reply."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(stderr=subprocess.DEVNULL)  # ipykernel warns about TCP on every start
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    shell_reply(kc, msg_id, timeout=60)
    took = time.perf_counter() - t0
    return km, kc, took


def stop(km: KernelManager, kc) -> None:
    kc.stop_channels()
    km.shutdown_kernel(now=True)


# ----------------------------------------------------------------------------- measures


def time_to_bind(kernel_name: str, runs: int) -> float:
    """Median ms from spawning the kernelspec's argv to its shell port accepting TCP.

    jupyter_client connects right after spawning; a connect refused before the kernel
    binds is retried after ZeroMQ's reconnect interval (100 ms), so a kernel that binds
    later than the client's first attempt pays that interval in `start`."""
    import socket
    from jupyter_client.connect import write_connection_file
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    times = []
    for _ in range(runs):
        fname, cfg = write_connection_file(tempfile.mktemp(suffix=".json"), ip="127.0.0.1")
        argv = [sys.executable if a == "python" else a.replace("{connection_file}", fname)
                for a in spec.argv]
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                probe = socket.socket()
                try:
                    probe.connect(("127.0.0.1", cfg["shell_port"]))
                    break
                except OSError:
                    if time.perf_counter() - t0 > 30:
                        raise RuntimeError(f"{kernel_name} never bound its shell port")
                    time.sleep(0.0005)
                finally:
                    probe.close()
            times.append(time.perf_counter() - t0)
        finally:
            proc.kill()
            proc.wait()
            os.unlink(fname)
    return statistics.median(times) * 1000


def wait_started(kc, msg_id: str, timeout: float = 120) -> None:
    """Until the long cell has printed "started" (it is running, not compiling)."""
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                and "started" in msg["content"]["text"]):
            return


def measure_kernel(name: str, trivial: str, long_code: str, args, executes: int | None = None) -> dict:
    executes = args.executes if executes is None else executes
    result: dict = {}
    starts = []
    for _ in range(args.starts):
        km, kc, took = start(name)
        starts.append(took)
        stop(km, kc)
    result["start_ms"] = statistics.median(starts) * 1000
    result["start_all_ms"] = [round(s * 1000, 1) for s in starts]
    result["bind_ms"] = time_to_bind(name, args.starts)

    km, kc, _ = start(name)
    try:
        drain(kc)
        t0 = time.perf_counter()
        reply = round_trip(kc, trivial)
        result["first_execute_ms"] = (time.perf_counter() - t0) * 1000
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{name}: {trivial!r} failed: {reply['content']}")
        time.sleep(0.5)
        result["rss_mib"] = rss_kib(kernel_pid(km)) / 1024
        result["rss_anon_mib"] = rss_kib(kernel_pid(km), "RssAnon") / 1024
        result["rss_file_mib"] = rss_kib(kernel_pid(km), "RssFile") / 1024

        for _ in range(10):
            round_trip(kc, trivial)
        times = []
        for _ in range(executes):
            t0 = time.perf_counter()
            round_trip(kc, trivial)
            times.append(time.perf_counter() - t0)
        result["rt_p50_ms"] = pct(times, 50) * 1000
        result["rt_p99_ms"] = pct(times, 99) * 1000
        result["rt_mean_ms"] = statistics.fmean(times) * 1000

        interrupts = []
        for _ in range(args.interrupts):
            msg_id = kc.execute(long_code)
            wait_started(kc, msg_id)
            t0 = time.perf_counter()
            if km.kernel_spec.interrupt_mode == "message":
                # the same interrupt_request KernelManager.interrupt_kernel() would send,
                # from the client's Session (jupyter_client's manager and client Sessions
                # share a session id and both count msg_ids from 0)
                kc.control_channel.send(kc.session.msg("interrupt_request", {}))
            else:
                km.interrupt_kernel()  # SIGINT
            reply = shell_reply(kc, msg_id, timeout=60)
            interrupts.append(time.perf_counter() - t0)
            wait_idle(kc, msg_id)
            if reply["content"]["status"] != "error":
                raise RuntimeError(f"{name}: interrupt did not stop {long_code!r}")
            drain(kc)
        result["interrupt_ms"] = statistics.median(interrupts) * 1000
        result["rss_after_mib"] = rss_kib(kernel_pid(km)) / 1024
    finally:
        stop(km, kc)
    return result


def run_notebook(nb, kernel_name: str, cwd: str) -> float:
    t0 = time.perf_counter()
    NotebookClient(nb, kernel_name=kernel_name, timeout=600, allow_errors=False,
                   resources={"metadata": {"path": cwd}}).execute()
    return time.perf_counter() - t0


def trivial_notebook(code: str, cells: int):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for _ in range(cells)]
    return nb


def first_course_notebook() -> Path | None:
    found = sorted((ROOT / "notebooks").glob("01-*.ipynb")) or sorted(
        (ROOT / "notebooks").glob("*.ipynb"))
    return found[0] if found else None


# ----------------------------------------------------------------------------- report


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms" and value < 10:
        return f"{value:.2f} ms"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "—"
    r = a / b
    return f"{r:.3f}×" if r < 0.1 else f"{r:.2f}×"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--executes", type=int, default=300)
    parser.add_argument("--interrupts", type=int, default=3)
    parser.add_argument("--cells", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="3 starts, 100 executes, 1 interrupt")
    parser.add_argument("--evcxr-executes", type=int, default=30)
    parser.add_argument("--no-evcxr", action="store_true", help="leave evcxr_jupyter out")
    parser.add_argument("--json", help="also write the raw numbers to this file")
    args = parser.parse_args()
    if args.quick:
        args.starts, args.executes, args.interrupts, args.evcxr_executes = 3, 100, 1, 10
    evcxr = None if args.no_evcxr else find_evcxr()

    binary, which = pick_binary()
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)
    print(f"cloudlab binary: {binary} ({which} build)", file=sys.stderr)
    prefix = tempfile.mkdtemp(prefix="cloudlab-bench-")
    try:
        install_cloudlab(binary, prefix)
        print("measuring cloudlab …", file=sys.stderr)
        cl = measure_kernel("cloudlab", "echo hi", "echo started\nsleep 60", args)
        print("measuring ipykernel …", file=sys.stderr)
        ip = measure_kernel("python3", "pass", "import time; print('started', flush=True); time.sleep(60)", args)
        ev: dict = {}
        if evcxr:
            print(f"measuring evcxr_jupyter ({evcxr}) …", file=sys.stderr)
            install_evcxr(evcxr, prefix)
            ev = measure_kernel("rust", "()", 'println!("started"); std::thread::sleep(std::time::Duration::from_secs(60));',
                                args, executes=args.evcxr_executes)

        print("notebooks through nbclient …", file=sys.stderr)
        cl["nb_trivial_s"] = run_notebook(trivial_notebook("echo hi", args.cells), "cloudlab", prefix)
        ip["nb_trivial_s"] = run_notebook(trivial_notebook("pass", args.cells), "python3", prefix)
        if evcxr:
            ev["nb_trivial_s"] = run_notebook(trivial_notebook("()", args.cells), "rust", prefix)
        course = first_course_notebook()
        if course is not None:
            nb = nbformat.read(course, as_version=4)
            cl["nb_course_s"] = run_notebook(nb, "cloudlab", str(course.parent))
            cl["nb_course_name"] = course.name
    finally:
        shutil.rmtree(prefix, ignore_errors=True)

    import ipykernel
    import jupyter_client

    rows = [
        ("start → first kernel_info_reply (median)", "start_ms", "ms"),
        ("spawn → shell port accepting (median)", "bind_ms", "ms"),
        ("first execute after start", "first_execute_ms", "ms"),
        ("execute round trip p50 (`echo hi` / `pass` / `()`)", "rt_p50_ms", "ms"),
        ("execute round trip p99", "rt_p99_ms", "ms"),
        ("idle RSS after start + 1 execute", "rss_mib", "MiB"),
        ("… of which anonymous (heap, stacks)", "rss_anon_mib", "MiB"),
        ("… of which file-backed (code, libraries)", "rss_file_mib", "MiB"),
        ("RSS after the executes + interrupts", "rss_after_mib", "MiB"),
        ("interrupt → execute_reply (median)", "interrupt_ms", "ms"),
        (f"nbclient, {args.cells} trivial cells", "nb_trivial_s", "s"),
    ]
    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; cloudlab {which} build; ipykernel "
          f"{ipykernel.__version__}; jupyter_client {jupyter_client.__version__}; "
          f"{args.executes} executes ({args.evcxr_executes} on evcxr_jupyter), {args.starts} starts; "
          f"evcxr_jupyter: {evcxr or 'not installed'}; load average at the end "
          f"{os.getloadavg()[0]:.1f} (numbers from a busy machine are not comparable).")
    print()
    if evcxr:
        print("| measure | cloudlab | ipykernel | evcxr_jupyter | cloudlab / ipykernel | cloudlab / evcxr_jupyter |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    else:
        print("| measure | cloudlab | ipykernel | cloudlab / ipykernel |")
        print("| --- | ---: | ---: | ---: |")
    for label, key, unit in rows:
        a, b = cl.get(key), ip.get(key)
        if evcxr:
            c = ev.get(key)
            print(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {fmt(c, unit)} | {ratio(a, b)} | {ratio(a, c)} |")
        else:
            print(f"| {label} | {fmt(a, unit)} | {fmt(b, unit)} | {ratio(a, b)} |")
    if "nb_course_s" in cl:
        dashes = " — | — | — | — |" if evcxr else " — | — |"
        print(f"| nbclient, course notebook {cl['nb_course_name']} | "
              f"{fmt(cl['nb_course_s'], 's')} |{dashes}")
    print()
    goals = [
        ("start ≤ 1/10 of ipykernel", cl["start_ms"] <= ip["start_ms"] / 10),
        ("round trip p50 ≤ ipykernel", cl["rt_p50_ms"] <= ip["rt_p50_ms"]),
        ("idle RSS ≤ 1/3 of ipykernel", cl["rss_mib"] <= ip["rss_mib"] / 3),
        ("interrupt within 100 ms", cl["interrupt_ms"] <= 100),
    ]
    for label, ok in goals:
        print(f"- {'met' if ok else 'NOT met'}: {label}")

    if args.json:
        Path(args.json).write_text(json.dumps(
            {"binary": str(binary), "build": which, "cloudlab": cl, "ipykernel": ip,
             "evcxr_jupyter": ev or None},
            indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
