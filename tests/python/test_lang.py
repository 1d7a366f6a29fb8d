"""`lang ko` over ZeroMQ: cloudlab's own words turn Korean, AWS's stay English.

A real kernel started by jupyter_client: after `lang ko` a chart's title and an error's
hint are Korean (and the chart names a CJK font first), while the AWS CLI's error line is
word for word what it was in English; `lang en` brings the English back.
"""

from __future__ import annotations

from typing import Any

import pytest
from jupyter_client.manager import KernelManager

TIMEOUT = 30


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


def run(kc: Any, code: str) -> tuple[dict, list[dict]]:
    """One cell: its execute_reply content and its output messages."""
    got: list[dict] = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=got.append)
    return reply["content"], [m for m in got if m["msg_type"] in ("stream", "display_data", "error")]


def chart_svg(msgs: list[dict]) -> str:
    svgs = [m["content"]["data"]["image/svg+xml"] for m in msgs if m["msg_type"] == "display_data"
            and "image/svg+xml" in m["content"]["data"]]
    assert len(svgs) == 1, msgs
    return svgs[0]


def error_lines(msgs: list[dict]) -> tuple[str, list[str]]:
    errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert len(errs) == 1, msgs
    return errs[0]["evalue"], errs[0]["traceback"]


CHART = "regions\nchart bar region az_count from regions"
# The second create-default-vpc fails: AWS's error, and cloudlab's hint at `reset`.
TWICE = "create-default-vpc"


def test_lang_ko_translates_cloudlab_words_and_keeps_aws_words(kc):
    reply, _ = run(kc, "create-default-vpc")
    assert reply["status"] == "ok"

    # English first.
    _, msgs = run(kc, CHART)
    en_svg = chart_svg(msgs)
    assert "AZ count by region" in en_svg
    reply, msgs = run(kc, TWICE)
    assert reply["status"] == "error"
    en_line, en_tb = error_lines(msgs)
    assert en_line.startswith("An error occurred (DefaultVpcAlreadyExists) when calling the CreateDefaultVpc operation: ")
    assert any(line.startswith("hint: ") and "`reset`" in line for line in en_tb), en_tb

    reply, msgs = run(kc, "lang ko")
    assert reply["status"] == "ok"

    _, msgs = run(kc, CHART)
    ko_svg = chart_svg(msgs)
    assert "region별 AZ count" in ko_svg and "AZ count by region" not in ko_svg
    assert "font-family=\"'Noto Sans CJK KR'" in ko_svg
    # The table above the chart: its title is Korean too.
    tables = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "display_data"
              and "text/html" in m["content"]["data"]]
    assert tables and tables[0].startswith("리전 30개"), tables[:1]

    reply, msgs = run(kc, TWICE)
    assert reply["status"] == "error"
    ko_line, ko_tb = error_lines(msgs)
    assert ko_line == en_line, "AWS's error line stays as AWS writes it"
    assert any(en_line in line for line in ko_tb)
    hint = [line for line in ko_tb if line.startswith("힌트: ")]
    assert hint and "`reset`" in hint[0] and "다시 시작" in hint[0], ko_tb
    assert not any(line.startswith("hint: ") for line in ko_tb)

    # `reset` keeps the language; `lang en` restores English.
    run(kc, "reset")
    _, msgs = run(kc, CHART)
    assert "region별 AZ count" in chart_svg(msgs)
    reply, _ = run(kc, "lang en")
    assert reply["status"] == "ok"
    _, msgs = run(kc, CHART)
    assert chart_svg(msgs) == en_svg
    run(kc, "create-default-vpc")
    _, msgs = run(kc, TWICE)
    line, tb = error_lines(msgs)
    assert line == en_line and tb == en_tb


def test_unknown_language_is_refused_and_changes_nothing(kc):
    reply, msgs = run(kc, "lang fr")
    assert reply["status"] == "error"
    evalue, _ = error_lines(msgs)
    assert "fr" in evalue and "ko" in evalue
    _, msgs = run(kc, "lang")
    assert "lang: en" in "".join(m["content"].get("text", "") for m in msgs)


def inspect(kc: Any, code: str, cursor: int) -> dict:
    msg_id = kc.inspect(code, cursor)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def test_long_help_and_inspect_are_korean_but_flags_and_aws_codes_stay(kc):
    code = "create-vpc --cidr-block 10.0.0.0/16"
    en = inspect(kc, code, 3)["data"]["text/plain"]
    assert "Usage: create-vpc" in en and "5 VPCs per region (VpcLimitExceeded)" in en
    run(kc, "lang ko")
    ko = inspect(kc, code, 3)["data"]["text/plain"]
    assert "사용법: create-vpc --cidr-block CIDR" in ko and "리전당 VPC 5개(VpcLimitExceeded)" in ko, ko
    assert "  --cidr-block VALUE  IPv4 블록" in ko and "Usage:" not in ko, ko
    # A flag under the cursor: its own help, Korean; the flag's name as AWS spells it.
    flag = inspect(kc, code, 14)["data"]["text/plain"]
    assert flag.startswith("--cidr-block VALUE (create-vpc)\nIPv4 블록"), flag
    # `NAME --help` and `help NAME` show the same Korean text and run nothing.
    reply, msgs = run(kc, "create-vpc --help --cidr-block 10.0.0.0/16")
    assert reply["status"] == "ok"
    shown = "".join(m["content"]["data"].get("text/markdown", "") for m in msgs if m["msg_type"] == "display_data")
    _, msgs2 = run(kc, "help create-vpc")
    assert shown and shown == "".join(m["content"]["data"].get("text/markdown", "") for m in msgs2 if m["msg_type"] == "display_data")
    assert "AWS 규칙: 블록은 /16~/28" in shown, shown
    _, msgs = run(kc, "describe-vpcs --output json")
    assert '"Vpcs": []' in "".join(m["content"].get("text", "") + str(m["content"].get("data", "")) for m in msgs), msgs
