"""Writes the site's landing page (index.html): every course notebook, English and
Korean, each opening in JupyterLab on the browser's cloudlab kernel.

    python3 lite/landing.py NOTEBOOKS_DIR SITE_DIR
"""
import html
import json
import sys
from pathlib import Path


def title(nb: Path) -> str:
    cells = json.loads(nb.read_text(encoding="utf-8")).get("cells", [])
    for c in cells:
        if c.get("cell_type") == "markdown":
            src = c["source"] if isinstance(c["source"], str) else "".join(c["source"])
            for line in src.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return nb.stem


def main() -> None:
    notebooks, site = Path(sys.argv[1]), Path(sys.argv[2])
    groups = [("English", "", sorted(notebooks.glob("*.ipynb"))), ("한국어", "ko/", sorted((notebooks / "ko").glob("*.ipynb")))]
    parts = []
    for label, prefix, nbs in groups:
        items = "\n".join(
            f'    <li><a class="nb" href="lab/index.html?path={prefix}{nb.name}">{html.escape(title(nb))}</a> <code>{prefix}{nb.name}</code></li>'
            for nb in nbs
        )
        parts.append(f"  <h2>{label}</h2>\n  <ul>\n{items}\n  </ul>")
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cloudlab in the browser</title>
<link rel="icon" href="data:,">
<!-- JupyterLite's pages read their parents' configuration from this element (config-utils.js);
     the landing page keeps the root's, empty, without redirecting to the app. -->
<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{{}}</script>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #232f3e; }}
h1 {{ margin-bottom: 0.2rem; }} code {{ color: #666; font-size: 0.85em; }} li {{ margin: 0.3rem 0; }}
</style>
</head>
<body>
  <h1>cloudlab</h1>
  <p>An offline model of AWS (VPCs, EC2, prices, RDS/Aurora) as a Jupyter kernel, running
  entirely in this browser tab: nothing to install, no account, nothing sent anywhere.
  Pick a course notebook; it opens in JupyterLab with the cloudlab kernel.</p>
{chr(10).join(parts)}
  <p><a href="lab/index.html">Open JupyterLab</a> to start an empty notebook. <code>%%rust</code>
  cells need the native kernel; <code>save</code>, <code>load</code>, <code>import</code> and
  <code>export</code> use the files of JupyterLab's file browser, kept in this browser.</p>
</body>
</html>
"""
    (site / "index.html").write_text(page, encoding="utf-8")
    # Browsers ask the site's root for /favicon.ico from every page.
    icon = site / "lab" / "favicon.ico"
    if icon.exists():
        (site / "favicon.ico").write_bytes(icon.read_bytes())


if __name__ == "__main__":
    main()
