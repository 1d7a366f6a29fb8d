#!/usr/bin/env python3
"""Writes the course notebooks, English (notebooks/NN-*.ipynb) and Korean
(notebooks/ko/NN-*.ipynb), from one definition per notebook (notebooks/tools/nbNN_*.py).

Each definition is a module with SLUG (the file name without .ipynb) and CELLS, a list of
`md(en, ko)` and `code(source)` cells. Code cells are identical in both languages; only the
Markdown prose is translated (command names, flags and AWS terms stay as AWS writes them).

The result is nbformat 4.5 JSON with stable cell ids, the cloudlab kernelspec and no
outputs, so rebuilding an unchanged definition changes nothing.

    python3 notebooks/tools/build.py            # write all notebooks
    python3 notebooks/tools/build.py --check    # exit 1 if a written notebook is stale
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
NOTEBOOKS = TOOLS.parent
sys.dont_write_bytecode = True  # keep notebooks/tools free of __pycache__
sys.path.insert(0, str(TOOLS))

from cells import Cell  # noqa: E402

DEFINITIONS = ["nb01_network", "nb02_compute", "nb03_cost", "nb04_database", "nb05_analysis", "nb06_storage"]

# One line per notebook for the handouts' index page (cloudlab run --out), per language.
DESCRIPTIONS = {
    "01-network": ("Regions and AZs, VPCs and subnets, routing, NAT, security groups and NACLs, peering, Transit Gateway, VPN, quotas.",
                   "리전과 AZ, VPC와 서브넷, 라우팅, NAT, 보안 그룹과 NACL, 피어링, Transit Gateway, VPN, 할당량."),
    "02-compute": ("EC2: AMIs, instance states and what they cost, hibernation, instance types, an ALB and Auto Scaling under a load test.",
                   "EC2: AMI, 인스턴스 상태와 비용, 최대 절전, 인스턴스 유형, 부하 테스트를 받는 ALB와 Auto Scaling."),
    "03-cost": ("What a design costs per Region, NAT gateway options, hours per month.",
                "리전별 설계 비용, NAT 게이트웨이 선택지, 월 사용 시간."),
    "04-database": ("RDS and Aurora: engines, Multi-AZ, read replicas, replica lag, failover, Backtrack, cloning, Performance Insights.",
                    "RDS와 Aurora: 엔진, Multi-AZ, 읽기 전용 복제본, 복제 지연, 장애 조치, Backtrack, 복제(cloning), Performance Insights."),
    "05-analysis": ("The lab's tables with SQL, charts and exports.",
                    "실습 모델의 표를 SQL, 차트, 내보내기로 분석하기."),
    "06-storage": ("EBS volumes, snapshots and encryption, and the instance store.",
                   "EBS 볼륨, 스냅샷과 암호화, 인스턴스 스토어."),
}

KERNELSPEC = {"name": "cloudlab", "display_name": "cloudlab (AWS model)", "language": "cloudlab"}
LANGUAGE_INFO = {
    "name": "cloudlab",
    "mimetype": "text/x-cloudlab",
    "file_extension": ".cloudlab",
    "codemirror_mode": "cloudlab",
    "pygments_lexer": "cloudlab",
}


def lines(text: str) -> list[str]:
    """nbformat's multiline string: a list of lines, each but the last ending in \\n."""
    text = text.strip("\n")
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


# The Korean notebooks' first code cell starts with this: the kernel cannot read the
# notebook's metadata, so `lang ko` turns cloudlab's own words (titles, notes, chart
# labels, hints) Korean; AWS's identifiers, codes and messages stay English.
KO_FIRST = "# cloudlab 자체 문구(표 제목과 설명, 차트, 힌트)는 한국어로, AWS의 식별자·오류 코드·메시지는 AWS가 쓰는 그대로\nlang ko\n"


def notebook(slug: str, cells: list[Cell], lang: str) -> dict:
    out = []
    first_code = next(i for i, c in enumerate(cells) if c.kind == "code")
    for i, cell in enumerate(cells):
        cid = f"{slug[:2]}-{i:03d}"
        if cell.kind == "markdown":
            out.append({"cell_type": "markdown", "id": cid, "metadata": {}, "source": lines(cell.text(lang))})
        else:
            meta = {"tags": list(cell.tags)} if cell.tags else {}
            if cell.nbgrader:
                meta["nbgrader"] = dict(cell.nbgrader)
            out.append({
                "cell_type": "code",
                "id": cid,
                "metadata": meta,
                "execution_count": None,
                "outputs": [],
                "source": lines((KO_FIRST if lang == "ko" and i == first_code else "") + cell.source),
            })
    return {
        "cells": out,
        "metadata": {
            "cloudlab": {"lang": lang, "description": DESCRIPTIONS.get(slug, ("", ""))[0 if lang == "en" else 1]},
            "kernelspec": dict(KERNELSPEC),
            "language_info": dict(LANGUAGE_INFO),
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def render(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = ap.parse_args()
    stale = []
    for name in DEFINITIONS:
        mod = importlib.import_module(name)
        for lang, path in (("en", NOTEBOOKS / f"{mod.SLUG}.ipynb"), ("ko", NOTEBOOKS / "ko" / f"{mod.SLUG}.ipynb")):
            text = render(notebook(mod.SLUG, mod.CELLS, lang))
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(str(path))
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(NOTEBOOKS.parent)}")
    if stale:
        print("stale (run notebooks/tools/build.py):\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
