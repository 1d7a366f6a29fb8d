"""nbconvert handouts colour cloudlab cells with the Pygments lexer the wheel ships.

The wheel (pyproject.toml) carries python/cloudlab_pygments and a `pygments.lexers` entry
point named like the kernel's `language_info.pygments_lexer`. Here the same package and
entry point are put on nbconvert's path as a tiny installed distribution (a dist-info
directory written from pyproject.toml), then `jupyter nbconvert --to html` converts a
course notebook and the cells' HTML must carry the lexer's token classes.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
tomllib = pytest.importorskip("tomllib")


@pytest.fixture(scope="module")
def lexer_path(tmp_path_factory) -> str:
    """A PYTHONPATH on which pygments finds the lexer through the wheel's entry point."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    maturin = project["tool"]["maturin"]
    lexers = project["project"]["entry-points"]["pygments.lexers"]
    site = tmp_path_factory.mktemp("site")
    info = site / "cloudlab-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cloudlab\nVersion: 0\n")
    (info / "entry_points.txt").write_text(
        "[pygments.lexers]\n" + "".join(f"{k} = {v}\n" for k, v in lexers.items()))
    return os.pathsep.join([str(site), str(ROOT / maturin["python-source"])])


def _language_info_lexer() -> str:
    text = (ROOT / "src" / "session.rs").read_text()
    return re.search(r'"pygments_lexer": "([^"]+)"', text).group(1)


def _tokens(lexer_path: str, code: str) -> list[tuple[str, str]]:
    """(token type, text) pairs from the lexer pygments finds by the kernel's name."""
    script = ("import json, sys\nfrom pygments.lexers import get_lexer_by_name\n"
              f"lx = get_lexer_by_name({_language_info_lexer()!r})\n"
              "print(json.dumps([(str(t), v) for t, v in lx.get_tokens(sys.stdin.read()) if v.strip()]))")
    out = subprocess.run([sys.executable, "-c", script], input=code, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": lexer_path}, check=True)
    import json
    return [tuple(p) for p in json.loads(out.stdout)]


def test_the_kernels_lexer_name_finds_the_cloudlab_lexer(lexer_path):
    toks = _tokens(lexer_path, "%%time\n"
                   "vpc wizard --name shop --cidr 10.0.0.0/16 # the VPC\n"
                   "describe-vpcs --vpc-ids vpc-0123456789abcdef0\n"
                   "assert fails InvalidVpcID.NotFound -- create-tags --tags Key=Name,Value=\"web 1\"\n")
    kind = dict((v, t) for t, v in toks)
    assert kind["%%time"] == "Token.Name.Decorator"
    assert kind["vpc"] == kind["describe-vpcs"] == kind["assert"] == kind["create-tags"] == "Token.Keyword"
    assert kind["wizard"] == "Token.Text", "only the first word is the command"
    assert kind["--cidr"] == kind["--vpc-ids"] == "Token.Name.Attribute"
    assert kind["10.0.0.0/16"] == "Token.Literal.Number", "a CIDR is one token"
    assert kind["vpc-0123456789abcdef0"] == "Token.Name.Constant"
    assert kind["# the VPC"] == "Token.Comment.Single"
    assert kind['"web 1"'] == "Token.Literal.String.Double"
    assert kind["Key"] == "Token.Name.Property"


def test_nbconvert_html_handout_colours_cloudlab_cells(lexer_path, tmp_path):
    notebook = ROOT / "notebooks" / "01-network.ipynb"
    assert f'"pygments_lexer": "{_language_info_lexer()}"' in notebook.read_text()
    run = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output-dir", str(tmp_path), str(notebook)],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": lexer_path}, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "No lexer found" not in run.stderr, run.stderr[-2000:]
    page = (tmp_path / "01-network.html").read_text()
    spans = {(cls, html.unescape(text)) for cls, text in re.findall(r'<span class="([a-z0-9]+)">([^<]*)</span>', page)}
    # Pygments' short class names: k Keyword, na Name.Attribute, m Number, c1 Comment.Single,
    # s2 String.Double, py Name.Property.
    for want in [("k", "subnet-calc"), ("m", "10.0.0.0/16"), ("na", "--prefix"), ("k", "region"),
                 ("c1", "# start from a clean lab, so Run All works a second time without a restart"),
                 ("s2", '"Availability Zones per Region"'), ("py", "Name")]:
        assert want in spans, f"{want} not among the handout's highlighted tokens"
    # The shell lexer used before split an IP address into pieces; never again.
    assert ("m", "10") not in spans and ("m", "0/16") not in spans
