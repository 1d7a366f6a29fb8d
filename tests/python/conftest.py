"""Shared set-up for cloudlab's Jupyter-side tests.

These tests drive the real `cloudlab` binary through real Jupyter clients
(jupyter_client over ZeroMQ, jupyter_kernel_test, nbclient). scripts/test.sh
installs the kernelspec into a temporary prefix and exports JUPYTER_PATH; when
pytest is run on its own, this file does the same before any test starts, so
`.venv/bin/pytest tests/python` also works after `cargo build`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

_tmp_prefix: str | None = None


def cloudlab_binary() -> Path:
    """The binary under test: $CLOUDLAB_BIN, else target/debug/cloudlab."""
    env = os.environ.get("CLOUDLAB_BIN")
    if env:
        return Path(env).resolve()
    return ROOT / "target" / "debug" / "cloudlab"


def _kernelspec_installed() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        spec = KernelSpecManager().get_kernel_spec("cloudlab")
    except Exception:
        return False
    # Only trust a spec that points at the binary we mean to test.
    return bool(spec.argv) and Path(spec.argv[0]).resolve() == cloudlab_binary()


def pytest_configure(config: pytest.Config) -> None:
    global _tmp_prefix
    binary = cloudlab_binary()
    if not binary.exists():
        raise pytest.UsageError(
            f"{binary} does not exist: run `cargo build` first (or scripts/test.sh)"
        )
    if _kernelspec_installed():
        return
    _tmp_prefix = tempfile.mkdtemp(prefix="cloudlab-kernelspec-")
    subprocess.run(
        [str(binary), "install", "--prefix", _tmp_prefix],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    share = os.path.join(_tmp_prefix, "share", "jupyter")
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = share + (os.pathsep + old if old else "")
    print(f"conftest: installed kernelspec into {share}", file=sys.stderr)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _tmp_prefix:
        shutil.rmtree(_tmp_prefix, ignore_errors=True)


def course_notebooks() -> list[Path]:
    """Every notebook in notebooks/ and notebooks/ko/, in a stable order."""
    found: list[Path] = []
    for folder in (NOTEBOOKS, NOTEBOOKS / "ko"):
        if folder.is_dir():
            found.extend(sorted(folder.glob("*.ipynb")))
    return found
