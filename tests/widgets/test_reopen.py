"""The bundled notebooks reopen as a reader expects: no test markers in the code, and every
panel's output is the panel (its saved widget state) or one line saying to run the cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpo_model.widgets.reopen import RUN_LINE, WIDGET, tidy_cell

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def _cells(root, name):
    nb = json.loads((root / "notebooks" / name).read_text(encoding="utf-8"))
    return nb, [c for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_test_marker_and_no_repr_in_a_bundled_notebook(root, name):
    nb, cells = _cells(root, name)
    for cell in cells:
        assert "NBVAL" not in "".join(cell["source"]), name
        for out in cell.get("outputs", []):
            text = "".join(out.get("data", {}).get("text/plain", ""))
            assert "children=(" not in text, (name, text[:60])
            if WIDGET in out.get("data", {}):
                assert text == RUN_LINE
                assert "nbval-ignore-output" in cell["metadata"].get("tags", [])
                model = out["data"][WIDGET]["model_id"]
                assert (
                    model
                    in nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"][
                        "state"
                    ]
                ), "the panel's saved state, so JupyterLab draws it on reopening"


def test_tidy_moves_markers_to_tags_and_leaves_other_cells_alone():
    plain = {"cell_type": "code", "metadata": {}, "source": ["x = 1\n", "x"], "outputs": []}
    assert not tidy_cell(plain) and plain["source"] == ["x = 1\n", "x"]
    marked = {"cell_type": "code", "metadata": {"tags": ["keep"]}, "outputs": []}
    marked["source"] = ["# NBVAL_SKIP\n", "slow()\n"]
    assert tidy_cell(marked)
    assert marked["source"] == ["slow()\n"] and marked["metadata"]["tags"] == ["keep", "nbval-skip"]
