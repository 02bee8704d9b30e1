"""Every notebook runs top to bottom on another corpus (FRAMING_CORPUS), not only the seeds.

nbval checks the stored outputs on the seeds; this executes each notebook afresh on the
made-up corpus in tests/fixtures/mini_corpus and fails on any error. Outputs are not compared
(they differ by design); nothing is written.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MINI = REPO / "tests" / "fixtures" / "mini_corpus"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_made_up_corpus(path, monkeypatch):
    monkeypatch.setenv("FRAMING_CORPUS", str(MINI))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )  # fmt: skip
    client.execute()  # raises CellExecutionError naming the failing cell
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
