"""Memos: made in-process from one assessment vs the earlier kernel route (the report notebook
executed in a Jupyter kernel and exported by nbconvert); a 100-company portfolio vs one memo."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import Row, companies, fmt_s, median_pair, run, usable_cores

TITLE = "Memos: in-process vs the kernel route (notebook + nbconvert); a portfolio vs one memo"
ROOT = Path(__file__).resolve().parent.parent


def _kernel_route(company_params: dict, out: Path) -> None:
    """The earlier route, as it ran: inject the company into notebooks/report.ipynb, execute it
    in a fresh kernel, export the outputs (no code) with nbconvert."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter
    from papermill.parameterize import parameterize_notebook

    nb = nbformat.read(str(ROOT / "notebooks" / "report.ipynb"), as_version=4)
    nb.metadata["papermill"] = {}
    for cell in nb.cells:
        cell.metadata["tags"] = list(cell.metadata.get("tags", []))
    nb = parameterize_notebook(
        nb,
        {
            "company": company_params,
            "policy_path": None,
            "standard": None,
            "report_date": None,
            "raters": None,
        },
    )
    NotebookClient(nb, timeout=180, kernel_name="python3").execute()
    body, _ = HTMLExporter(template_name="basic", exclude_input=True).from_notebook_node(nb)
    out.write_text(body, encoding="utf-8")


def _timed(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def bench(quick: bool) -> list[Row]:
    from cpo_model import Company, assess
    from cpo_model.report.memo import memo_html, memo_pdf
    from cpo_model.report.pdf import find_chromium, html_to_pdf

    py = sys.executable
    params = {"name": "Bench Co", "headcount": 300, "complexity": 4}
    company = Company(**params)
    memo_html(assess(company))  # warm: imports, fonts, policy (a server or a portfolio is warm)
    repeats = 2 if quick else 3
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        t_html, t_kernel = median_pair(
            lambda: memo_html(assess(company)),
            lambda: _kernel_route(params, tmpd / "kernel.html"),
            repeats,
        )
        rows.append(
            {
                "what": "one memo, HTML (memo_html of assess, in-process, warm)",
                "time": fmt_s(t_html),
                "floor": f"kernel route (execute report.ipynb + nbconvert): {fmt_s(t_kernel)}",
                "ratio": f"{t_html / t_kernel:.2f}×",
                "target": "≤ 0.5×",
            }
        )
        if find_chromium():
            t_pdf, t_old_pdf = median_pair(
                lambda: memo_pdf(assess(company)),
                lambda: (
                    _kernel_route(params, tmpd / "k.html"),
                    html_to_pdf(tmpd / "k.html", tmpd / "k.pdf"),
                ),
                repeats,
            )
            rows.append(
                {
                    "what": "one memo, PDF (memo_pdf, in-process + Chromium)",
                    "time": fmt_s(t_pdf),
                    "floor": f"kernel route + the same Chromium print: {fmt_s(t_old_pdf)}",
                    "ratio": f"{t_pdf / t_old_pdf:.2f}×",
                    "target": "≤ 0.7×",
                }
            )
        one = [
            py, "-m", "cpo_model", "report", "--name", "Bench Co", "--headcount", "300",
            "--complexity", "4", "--out", str(tmpd / "one.html"),
        ]  # fmt: skip
        n = 10 if quick else 100
        csv = tmpd / "many.csv"
        base = companies(n, seed=1)
        base.insert(0, "name", [f"Company {i:03d}" for i in range(n)])
        base.to_csv(csv, index=False)
        many = [
            py, "-m", "cpo_model", "report", "--csv", str(csv), "--out-dir",
            str(tmpd / "portfolio"), "--quiet",
        ]  # fmt: skip
        t_one = run(one)
        t_many, t_serial = median_pair(lambda: run(many), lambda: run([*many, "--jobs", "1"]), 1)
    cores = usable_cores()
    rows += [
        {
            "what": f"{n} companies (cpo-model report --csv), {cores} workers",
            "time": fmt_s(t_many),
            "floor": f"one memo (cpo-model report): {fmt_s(t_one)}",
            "ratio": f"{t_many / t_one:.2f}×",
            "target": "≤ 5× (for 100)",
        },
        {
            "what": f"{n} companies, --jobs 1 (one process)",
            "time": fmt_s(t_serial),
            "floor": f"{cores} workers: {fmt_s(t_many)}",
            "ratio": f"{t_serial / t_many:.2f}× slower",
            "target": "",
        },
    ]
    return rows
