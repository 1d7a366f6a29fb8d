"""Checks an installed cloudlab wheel from inside the venv it was installed into
(deploy/wheel-test.sh runs it with that venv's python, PATH without the venv or cargo).

  python wheel_check.py installed NOTEBOOK...   kernelspec found, the wheel's binary runs the
                                               notebooks through nbclient, %%rust explains itself
  python wheel_check.py uninstalled            kernelspec and binary are gone
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

PREFIX = Path(sys.prefix)
BIN = PREFIX / "bin" / "cloudlab"


def fail(msg: str) -> None:
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def kernelspecs() -> dict:
    out = subprocess.run(
        [str(PREFIX / "bin" / "jupyter"), "kernelspec", "list", "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)["kernelspecs"]


def installed(notebooks: list[str]) -> None:
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    for tool in ("cargo", "rustc", "cloudlab"):
        if shutil.which(tool):
            fail(f"{tool} is on PATH ({shutil.which(tool)}): the test needs a PATH without it")

    specs = kernelspecs()
    if "cloudlab" not in specs:
        fail(f"jupyter kernelspec list has no cloudlab: {sorted(specs)}")
    resource_dir = Path(specs["cloudlab"]["resource_dir"])
    want_dir = PREFIX / "share" / "jupyter" / "kernels" / "cloudlab"
    if resource_dir.resolve() != want_dir.resolve():
        fail(f"cloudlab kernelspec is in {resource_dir}, not the venv's {want_dir}")
    print(f"kernelspec: {resource_dir}  argv {specs['cloudlab']['spec']['argv']}")

    version = metadata.version("cloudlab")
    out = subprocess.run([str(BIN), "--version"], check=True, capture_output=True, text=True).stdout.strip()
    if out != f"cloudlab {version}":
        fail(f"`cloudlab --version` says {out!r}; the wheel is {version}")
    meta = metadata.metadata("cloudlab")
    licence = meta["License-Expression"] or meta["License"]
    if not (meta["Name"] == "cloudlab" and meta["Summary"] and licence):
        fail(f"wheel metadata lacks name, description (Summary) or licence: {dict(meta.items())}")
    if "LICENSE" not in (meta.get_all("License-File") or []):
        fail(f"the wheel does not carry the LICENSE file: License-File {meta.get_all('License-File')}")
    print(f"cloudlab --version: {out} (wheel metadata {version}, licence {licence}, summary {meta['Summary']!r})")

    # The kernel Jupyter starts is the wheel's binary, found through {resource_dir}.
    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel()
    try:
        pid = km.provisioner.process.pid
        exe = Path(os.readlink(f"/proc/{pid}/exe"))
        if exe.resolve() != BIN.resolve():
            fail(f"the kernel Jupyter started is {exe}, not the wheel's {BIN}")
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=30)
        reply = kc.execute_interactive("%%rust\nlet x = 1;", timeout=30, output_hook=lambda m: None)
        content = reply["content"]
        if content["status"] != "error" or content.get("ename") != "RustUnavailable" or "rust-cells" not in content.get("evalue", ""):
            fail(f"a %%rust cell in the wheel should explain how to get Rust cells; got {content}")
        reply = kc.execute_interactive("echo still here", timeout=30, output_hook=lambda m: None)
        if reply["content"]["status"] != "ok":
            fail(f"the kernel did not go on after the %%rust cell: {reply['content']}")
        kc.stop_channels()
        print(f"kernel pid {pid} runs {exe}; %%rust says: {content['evalue'][:90]}…")
    finally:
        km.shutdown_kernel(now=True)

    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        start = time.monotonic()
        NotebookClient(nb, kernel_name="cloudlab", timeout=300, allow_errors=False,
                       resources={"metadata": {"path": str(Path(path).parent)}}).execute()
        errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue')}"
                  for i, c in enumerate(nb.cells) if c.cell_type == "code"
                  for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            fail(f"{path}: " + "; ".join(errors))
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        print(f"ok  {path}: {cells} code cells in {time.monotonic() - start:.1f} s")


def uninstalled() -> None:
    specs = kernelspecs()
    if "cloudlab" in specs:
        fail(f"cloudlab kernelspec is still listed after pip uninstall: {specs['cloudlab']['resource_dir']}")
    leftovers = [p for p in (BIN, PREFIX / "share" / "jupyter" / "kernels" / "cloudlab") if p.exists()]
    if leftovers:
        fail(f"pip uninstall left {leftovers}")
    print("pip uninstall removed the binary and the kernelspec")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "installed":
        installed(sys.argv[2:])
    elif sys.argv[1:] == ["uninstalled"]:
        uninstalled()
    else:
        fail(__doc__)
