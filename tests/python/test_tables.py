"""Describe tables over ZeroMQ: by default the lesson's columns in a table that fits a
notebook and an A4 page, one row as field / value; `--wide` every column."""

from __future__ import annotations

import pytest
from jupyter_client.manager import KernelManager

TIMEOUT = 30
SETUP = """create-vpc --cidr-block 10.0.0.0/16 --name v
create-subnet --vpc-id v --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name a
run-instances --instance-type t3.micro --subnet-id a --name w1"""


@pytest.fixture()
def kc():
    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel()
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=TIMEOUT)
    yield client
    client.stop_channels()
    km.shutdown_kernel(now=True)


def table(kc, code: str) -> dict:
    """The last table a cell shows: its MIME bundle."""
    got: list[dict] = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=got.append)
    assert reply["content"]["status"] == "ok", got
    bundles = [m["content"]["data"] for m in got if m["msg_type"] == "display_data" and "text/html" in m["content"]["data"]]
    assert bundles, got
    return bundles[-1]


def header(text: str) -> list[str]:
    return text.splitlines()[1].split()


def test_describe_default_wide_and_one_row(kc):
    reply = kc.execute_interactive(SETUP + "\nrun-instances --instance-type t3.small --subnet-id a --name w2", timeout=TIMEOUT)
    assert reply["content"]["status"] == "ok"
    narrow = table(kc, "describe-instances")["text/plain"]
    cols = header(narrow)
    assert cols[0] == "instance_id" and len(cols) <= 8, narrow
    assert all(len(line) <= 100 for line in narrow.splitlines()), narrow
    assert "columns shown; `--wide` shows them all" in narrow
    wide = table(kc, "describe-instances --wide")
    assert len(header(wide["text/plain"])) == 14 and "private_dns_name" in wide["text/html"]
    assert "--wide" not in wide["text/plain"]
    # One row: field / value.
    one = table(kc, "describe-instances --instance-ids w1")["text/plain"]
    assert header(one) == ["field", "value"] and "instance_type      t3.micro" in one, one
    # `sql` still sees every column of the last table shown.
    rows = table(kc, "sql \"SELECT count(*) AS n FROM _ WHERE private_dns_name IS NOT NULL\"")["text/plain"]
    assert rows.splitlines()[-1].strip() == "1", rows
