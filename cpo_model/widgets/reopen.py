"""The bundled notebooks as a reader reopens them: no test markers in the code, and a panel's
output shows the panel (JupyterLab draws it from the widget state saved with the notebook) or,
where that state is missing, one line saying to run the cell, never a Python repr.

nbval reads its markers from cell tags (`nbval-ignore-output`), so the code stays clean.
`make notebooks` runs `python -m cpo_model.widgets.reopen notebooks/*.ipynb` after executing.

>>> cell = {"cell_type": "code", "metadata": {}, "source": "# NBVAL_IGNORE_OUTPUT\\nExplorer()",
...         "outputs": [{"output_type": "execute_result", "metadata": {}, "data": {
...             "application/vnd.jupyter.widget-view+json": {"model_id": "m1"},
...             "text/plain": "Explorer(children=(HBox(...),))"}}]}
>>> tidy_cell(cell)
True
>>> cell["source"], cell["metadata"]["tags"], cell["outputs"][0]["data"]["text/plain"]
('Explorer()', ['nbval-ignore-output'], 'Run this cell to use the panel.')
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

WIDGET = "application/vnd.jupyter.widget-view+json"
RUN_LINE = "Run this cell to use the panel."
MARKERS = {  # the comment nbval also reads -> its cell tag
    "# NBVAL_IGNORE_OUTPUT": "nbval-ignore-output",
    "# NBVAL_SKIP": "nbval-skip",
    "# NBVAL_CHECK_OUTPUT": "nbval-check-output",
    "# NBVAL_RAISES_EXCEPTION": "nbval-raises-exception",
}


def _lines(source: str | list[str]) -> list[str]:
    return ("".join(source) if isinstance(source, list) else source).split("\n")


def tidy_cell(cell: dict[str, Any]) -> bool:
    """Move nbval markers from the code to the cell's tags, tag a panel's cell
    `nbval-ignore-output` (its view is widget state nbval cannot compare) and replace the
    panel's repr with `RUN_LINE`. Returns whether the cell changed."""
    if cell.get("cell_type") != "code":
        return False
    tags = list(cell.setdefault("metadata", {}).get("tags", []))
    lines = _lines(cell.get("source", ""))
    kept = [line for line in lines if line.strip() not in MARKERS]
    tags += [MARKERS[line.strip()] for line in lines if line.strip() in MARKERS]
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if WIDGET in data:
            data["text/plain"] = RUN_LINE
            tags.append("nbval-ignore-output")
    tags = list(dict.fromkeys(tags))
    changed = kept != lines or tags != cell["metadata"].get("tags", [])
    if kept != lines:
        text = "\n".join(kept)
        as_list = isinstance(cell.get("source"), list)
        cell["source"] = text.splitlines(keepends=True) if as_list else text
    if tags:
        cell["metadata"]["tags"] = tags
    return changed or any(WIDGET in o.get("data", {}) for o in cell.get("outputs", []))


def tidy(path: Path) -> None:
    """Tidy every cell of one notebook file in place (nbformat's JSON layout kept)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        tidy_cell(cell)
    path.write_text(
        json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        tidy(Path(arg))
