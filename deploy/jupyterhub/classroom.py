"""Classroom load test: a class of N students on the JupyterHub of deploy/jupyterhub/.

Run with the python of the environment that has jupyterhub, jupyterlab,
jupyterhub-idle-culler, ipykernel and the cloudlab wheel (deploy/jupyterhub/test.sh builds it):

    python deploy/jupyterhub/classroom.py -n 10 --chp PATH/configurable-http-proxy

It starts the hub on 127.0.0.1, then at the same moment every student
  1. logs in through the hub's REST API (POST /hub/api/users/NAME/tokens, username+password),
  2. starts a server (POST /hub/api/users/NAME/server) and waits until it is ready,
  3. opens their own copy of 01-network and 04-database through the server's contents API
     (it was copied into their home at spawn) and runs every code cell on a cloudlab kernel
     over the kernel websocket, all through the hub's proxy,
and the time from login to the last cell's result is recorded. Then the idle culler must
stop every server and no cloudlab process may be left. The same students then run an
equivalent trivial notebook (as many cells) on ipykernel, for comparison in the same run.
Memory: the hub's process tree (hub, proxy, culler, servers, kernels) sampled every 0.5 s,
RSS and PSS (shared pages split between processes, the fairer sum). Exit status 0 only if
every student of both runs succeeded and nothing leaked.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BINDIR = Path(sys.executable).parent
CLOUDLAB = BINDIR / "cloudlab"
COURSE = ["01-network.ipynb", "04-database.ipynb"]

AsyncHTTPClient.configure(None, max_clients=1000)


# ---------------------------------------------------------------- processes and memory

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree(root: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def kind(pid: int) -> str:
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "gone"
    if Path(exe) == CLOUDLAB.resolve() or exe.endswith("/cloudlab"):
        return "cloudlab kernels"
    if "ipykernel_launcher" in cmd:
        return "ipykernels"
    if "jupyterhub-singleuser" in cmd:
        return "jupyter servers"
    if "configurable-http-proxy" in cmd:
        return "proxy"
    if "jupyterhub_idle_culler" in cmd:
        return "culler"
    if "jupyterhub" in cmd:
        return "hub"
    return "other"


def memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def cloudlab_processes() -> list[int]:
    """Every process on the machine running this environment's cloudlab binary."""
    want = str(CLOUDLAB.resolve())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.readlink(f"/proc/{entry}/exe") == want:
                    found.append(int(entry))
            except OSError:
                pass
    return found


class Sampler(threading.Thread):
    """Samples the hub's process tree; keeps the peak of the current phase."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.peak = {"rss_kib": 0, "pss_kib": 0, "by_kind_pss_kib": {}, "processes": 0}

    def sample(self) -> dict:
        by: dict[str, int] = {}
        rss_sum = pss_sum = n = 0
        for pid in tree(self.root):
            rss, pss = memory(pid)
            if rss == 0:
                continue
            k = kind(pid)
            by[k] = by.get(k, 0) + pss
            rss_sum, pss_sum, n = rss_sum + rss, pss_sum + pss, n + 1
        return {"rss_kib": rss_sum, "pss_kib": pss_sum, "by_kind_pss_kib": by, "processes": n}

    def run(self):
        while not self.stop.wait(0.5):
            s = self.sample()
            with self.lock:
                if s["pss_kib"] > self.peak["pss_kib"]:
                    self.peak = s


# ---------------------------------------------------------------- one student

class Student:
    def __init__(self, hub: str, name: str, password: str):
        self.hub, self.name, self.password = hub, name, password
        self.token = ""
        self.http = AsyncHTTPClient()

    async def call(self, method: str, path: str, body=None, auth=True) -> dict:
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"token {self.token}"
        req = HTTPRequest(f"{self.hub}{path}", method=method, headers=headers,
                          body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
                          request_timeout=900, allow_nonstandard_methods=True)
        try:
            resp = await self.http.fetch(req)
        except HTTPClientError as e:
            detail = e.response.body.decode(errors="replace")[:300] if e.response else ""
            raise RuntimeError(f"{method} {path}: HTTP {e.code} {detail}") from None
        return json.loads(resp.body) if resp.body else {}

    async def login(self):
        reply = await self.call("POST", f"/hub/api/users/{self.name}/tokens",
                                {"auth": {"username": self.name, "password": self.password},
                                 "note": "classroom load test"}, auth=False)
        self.token = reply["token"]

    async def server_state(self) -> dict | None:
        return (await self.call("GET", f"/hub/api/users/{self.name}")).get("servers", {}).get("")

    async def start_server(self, timeout: float = 900):
        deadline = time.monotonic() + timeout
        while True:
            try:
                await self.call("POST", f"/hub/api/users/{self.name}/server")
                break
            except RuntimeError as e:
                # A server the culler is still stopping: wait for it, then start anew.
                if "pending stop" in str(e) and time.monotonic() < deadline:
                    await asyncio.sleep(1)
                    continue
                if "HTTP 400" not in str(e):  # 400: already running or starting
                    raise
                break
        while time.monotonic() < deadline:
            s = await self.server_state()
            if s and s.get("ready"):
                return
            if s is None:
                # Stopped under us (the culler took the old one): ask again.
                try:
                    await self.call("POST", f"/hub/api/users/{self.name}/server")
                except RuntimeError as e:
                    if "HTTP 400" not in str(e):
                        raise
            await asyncio.sleep(0.5)
        raise RuntimeError(f"server not ready after {timeout:.0f} s")

    async def stop_server(self):
        try:
            await self.call("DELETE", f"/hub/api/users/{self.name}/server")
        except RuntimeError as e:
            if "HTTP 400" not in str(e) and "HTTP 204" not in str(e):
                raise
        while await self.server_state():
            await asyncio.sleep(0.5)

    async def run_cells(self, kernel_name: str, cells: list[str], label: str):
        base = f"/user/{self.name}/api/kernels"
        kernel = await self.call("POST", base, {"name": kernel_name})
        url = self.hub.replace("http://", "ws://") + f"{base}/{kernel['id']}/channels"
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"},
                                                 request_timeout=900))
        session = uuid.uuid4().hex
        try:
            for index, code in enumerate(cells):
                msg_id = uuid.uuid4().hex
                await ws.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                               "username": self.name, "date": "", "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": code, "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
                }))
                replied = idle = False
                error = None
                while not (replied and idle):
                    raw = await asyncio.wait_for(ws.read_message(), timeout=300)
                    if raw is None:
                        raise RuntimeError(f"{label} cell {index}: websocket closed")
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    t = msg["header"]["msg_type"]
                    if t == "execute_reply":
                        replied = True
                        if msg["content"]["status"] != "ok":
                            error = error or f"{msg['content'].get('ename')}: {msg['content'].get('evalue')}"
                    elif t == "error":
                        error = f"{msg['content'].get('ename')}: {msg['content'].get('evalue')}"
                    elif t == "status" and msg["content"]["execution_state"] == "idle":
                        idle = True
                if error:
                    raise RuntimeError(f"{label} cell {index}: {error}")
        finally:
            ws.close()

    async def course_cells(self, notebook: str) -> list[str]:
        """The student's own copy, read through their server (proves the copy at spawn)."""
        model = await self.call("GET", f"/user/{self.name}/api/contents/{notebook}?content=1")
        return [c["source"] for c in model["content"]["cells"] if c["cell_type"] == "code" and c["source"].strip()]


async def lesson(student: Student, kernel_name: str, trivial_cells: int) -> dict:
    """Login → server → notebooks; returns timings or raises."""
    t0 = time.monotonic()
    await student.login()
    t_login = time.monotonic()
    await student.start_server()
    t_ready = time.monotonic()
    if kernel_name == "cloudlab":
        for nb in COURSE:
            await student.run_cells("cloudlab", await student.course_cells(nb), nb)
    else:
        cells = [f"x{i} = {i} * 2\nx{i}" for i in range(trivial_cells)]
        await student.run_cells(kernel_name, cells, "trivial notebook")
    t_done = time.monotonic()
    return {"login_s": t_login - t0, "spawn_s": t_ready - t_login, "cells_s": t_done - t_ready, "total_s": t_done - t0}


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))]


async def run_class(students: list[Student], kernel_name: str, trivial_cells: int, sampler: Sampler) -> dict:
    base = sampler.sample()
    sampler.reset()
    start = time.monotonic()
    results = await asyncio.gather(*(lesson(s, kernel_name, trivial_cells) for s in students), return_exceptions=True)
    wall = time.monotonic() - start
    peak = dict(sampler.peak)
    ok = {s.name: r for s, r in zip(students, results) if not isinstance(r, BaseException)}
    failed = {s.name: f"{type(r).__name__}: {r}" for s, r in zip(students, results) if isinstance(r, BaseException)}
    totals = [r["total_s"] for r in ok.values()]
    n = len(students)
    return {
        "kernel": kernel_name, "students": n, "succeeded": len(ok), "failed": failed, "wall_s": round(wall, 2),
        "p50_s": round(statistics.median(totals), 2) if totals else None,
        "p95_s": round(percentile(totals, 95), 2) if totals else None,
        "spawn_p50_s": round(statistics.median(r["spawn_s"] for r in ok.values()), 2) if ok else None,
        "cells_p50_s": round(statistics.median(r["cells_s"] for r in ok.values()), 3) if ok else None,
        "baseline_pss_mib": round(base["pss_kib"] / 1024, 1),
        "peak_rss_mib": round(peak["rss_kib"] / 1024, 1), "peak_pss_mib": round(peak["pss_kib"] / 1024, 1),
        "peak_processes": peak["processes"],
        "peak_pss_by_kind_mib": {k: round(v / 1024, 1) for k, v in sorted(peak["by_kind_pss_kib"].items())},
        "pss_per_student_mib": round((peak["pss_kib"] - base["pss_kib"]) / 1024 / n, 1),
        "kernel_pss_per_student_mib": round(peak["by_kind_pss_kib"].get(
            "cloudlab kernels" if kernel_name == "cloudlab" else "ipykernels", 0) / 1024 / n, 1),
    }


async def wait_culled(students: list[Student], timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        states = await asyncio.gather(*(s.server_state() for s in students))
        if not any(states):
            return time.monotonic() - start
        await asyncio.sleep(1)
    raise RuntimeError(f"the idle culler left servers running after {timeout:.0f} s")


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--students", type=int, default=3)
    ap.add_argument("--port", type=int, default=18000, help="public port; the next two are taken too")
    ap.add_argument("--chp", default="configurable-http-proxy", help="configurable-http-proxy command")
    ap.add_argument("--cull-timeout", type=int,
                    help="idle seconds before the culler stops a server; more than the slowest spawn (the spawn start "
                         "counts as activity). Default max(40, 6 per student): 50 spawns at once took up to ~190 s here")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--keep", action="store_true", help="keep the hub's state dir")
    args = ap.parse_args()
    if args.cull_timeout is None:
        args.cull_timeout = max(40, 6 * args.students)

    if not CLOUDLAB.exists():
        print(f"{CLOUDLAB} missing: install the cloudlab wheel into this environment", file=sys.stderr)
        return 2
    names = [f"student{i:02d}" for i in range(1, args.students + 1)]
    password = secrets.token_hex(8)
    state = Path(tempfile.mkdtemp(prefix="cloudlab-hub-"))
    env = dict(os.environ,
               CLOUDLAB_HUB_DIR=str(state), CLOUDLAB_HUB_PORT=str(args.port),
               CLOUDLAB_STUDENTS=",".join(names), CLOUDLAB_CLASS_PASSWORD=password,
               CLOUDLAB_CHP=args.chp, CLOUDLAB_CULL_TIMEOUT=str(args.cull_timeout),
               CLOUDLAB_CULL_EVERY="5", CLOUDLAB_ACTIVITY_EVERY="5",
               CLOUDLAB_NOTEBOOKS=str(ROOT / "notebooks"),
               PATH=f"{BINDIR}{os.pathsep}{os.environ.get('PATH', '')}")
    log = open(state / "hub.log", "w")
    hub = subprocess.Popen([str(BINDIR / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")],
                           cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{args.port}"
    report: dict = {"students": args.students, "cpus": os.cpu_count()}
    ok = True

    async def scenario():
        nonlocal ok
        http = AsyncHTTPClient()
        deadline = time.monotonic() + 120
        while True:
            try:
                await http.fetch(f"{url}/hub/api", request_timeout=5)
                break
            except Exception:
                if hub.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the hub did not come up; see {state / 'hub.log'}")
                await asyncio.sleep(0.5)
        sampler = Sampler(hub.pid)
        sampler.start()
        students = [Student(url, n, password) for n in names]
        trivial_cells = 0
        for nb in COURSE:
            cells = json.loads((ROOT / "notebooks" / nb).read_text())["cells"]
            trivial_cells += sum(1 for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip())

        cl = await run_class(students, "cloudlab", trivial_cells, sampler)
        report["cloudlab"] = cl
        ok = ok and not cl["failed"]
        # Idle culling: every server stopped by the culler, no cloudlab kernel left behind.
        try:
            # The culler stops 10 servers at a time (its default --concurrency) and stopping one
            # took up to 49 s with 50 on 2 cores: allow for that on top of the idle timeout.
            report["cull_timeout_s"] = args.cull_timeout
            report["culled_after_s"] = round(await wait_culled(students, args.cull_timeout + 120 + 6 * len(students)), 1)
            # A culled server stops asynchronously; its kernels must be gone soon after.
            start = time.monotonic()
            while cloudlab_processes() and time.monotonic() - start < 60:
                await asyncio.sleep(0.5)
            left = cloudlab_processes()
            report["cloudlab_processes_after_cull"] = left
            report["cloudlab_gone_after_cull_s"] = round(time.monotonic() - start, 1)
            ok = ok and not left
        except RuntimeError as e:
            report["cull_error"] = str(e)
            ok = False

        # A clean start for the comparison, whatever the culler did.
        await asyncio.gather(*(s.stop_server() for s in students if s.token), return_exceptions=True)
        py = await run_class(students, "python3", trivial_cells, sampler)
        report["ipykernel"] = py
        ok = ok and not py["failed"]
        await asyncio.gather(*(s.stop_server() for s in students if s.token), return_exceptions=True)
        sampler.stop.set()

    try:
        asyncio.run(scenario())
    except Exception as e:
        report["error"] = f"{type(e).__name__}: {e}"
        ok = False
    finally:
        if hub.poll() is None:
            hub.send_signal(signal.SIGTERM)
            try:
                hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(hub.pid, signal.SIGKILL)
        log.close()
        time.sleep(1)
        report["cloudlab_processes_after_hub_stop"] = cloudlab_processes()
        ok = ok and not report["cloudlab_processes_after_hub_stop"]

    print_report(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    if not ok:
        print(f"FAILED; hub log: {state / 'hub.log'}", file=sys.stderr)
        print("".join((state / "hub.log").read_text().splitlines(True)[-40:]), file=sys.stderr)
    elif not args.keep:
        import shutil
        shutil.rmtree(state, ignore_errors=True)
    return 0 if ok else 1


def print_report(r: dict) -> None:
    print(json.dumps(r, indent=2))
    rows = [r[k] for k in ("cloudlab", "ipykernel") if k in r]
    if not rows:
        return
    print(f"\nclass of {r['students']} on {r['cpus']} CPUs")
    print(f"{'kernel':10} {'ok':>7} {'p50 s':>7} {'p95 s':>7} {'spawn p50':>9} {'peak PSS MiB':>12} {'peak RSS MiB':>12} {'MiB/student':>11} {'kernel MiB/student':>18}")
    for x in rows:
        print(f"{x['kernel']:10} {x['succeeded']:>3}/{x['students']:<3} {x['p50_s']!s:>7} {x['p95_s']!s:>7} {x['spawn_p50_s']!s:>9} "
              f"{x['peak_pss_mib']:>12} {x['peak_rss_mib']:>12} {x['pss_per_student_mib']:>11} {x['kernel_pss_per_student_mib']:>18}")
        for name, why in x["failed"].items():
            print(f"  FAILED {name}: {why}")
    if "culled_after_s" in r:
        print(f"idle culler stopped every server {r['culled_after_s']} s after the class; cloudlab processes left: {r['cloudlab_processes_after_cull']}")


if __name__ == "__main__":
    sys.exit(main())
