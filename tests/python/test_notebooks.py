"""Every course notebook (notebooks/ and notebooks/ko/) executed by nbclient
through the installed cloudlab kernel: the real Jupyter path, as a notebook
server would run it. A cell that errors fails the test; so does any `error`
output left in the executed notebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import course_notebooks

NOTEBOOKS = course_notebooks()


def _id(path: Path) -> str:
    return str(path.relative_to(path.parents[1] if path.parent.name == "ko" else path.parent))


if not NOTEBOOKS:
    def test_notebooks_present():
        pytest.skip("no notebooks in notebooks/ yet: nothing for nbclient to execute")
else:
    @pytest.mark.parametrize("path", NOTEBOOKS, ids=[_id(p) for p in NOTEBOOKS])
    def test_notebook_executes_without_errors(path: Path):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name="cloudlab",
            timeout=300,
            allow_errors=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
        errors = []
        code_cells = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code_cells += 1
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    errors.append(f"cell {index}: {out.get('ename')}: {out.get('evalue')}")
        assert not errors, "\n".join(errors)
        assert code_cells > 0, f"{path.name} has no code cells"
        # every code cell that ran got an execution count from the kernel
        counts = [c.execution_count for c in nb.cells
                  if c.cell_type == "code" and c.source.strip()]
        assert all(isinstance(n, int) for n in counts), counts
        nbformat.validate(nb)
