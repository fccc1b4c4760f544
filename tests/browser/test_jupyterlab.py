"""The Explorer in JupyterLab: Run All renders a working panel, in this venv's kernel."""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from pathlib import Path

import psutil

from tests.browser.support import (
    BROWSER_MARKS,
    RENDER_TIMEOUT,
    card_label_lines,
    notebook_company,
    screenshot,
    settle,
    type_headcount,
    wait_until,
)

pytestmark = BROWSER_MARKS


def test_jupyterlab_run_all_renders_a_working_explorer(page, lab_server):
    specs = json.load(
        urllib.request.urlopen(
            f"{lab_server.url}api/kernelspecs?token={lab_server.token}", timeout=30
        )
    )
    assert "python3" in specs["kernelspecs"], specs

    page.goto(
        f"{lab_server.url}lab/tree/explore.ipynb?token={lab_server.token}",
        timeout=RENDER_TIMEOUT * 1000,
    )
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=RENDER_TIMEOUT * 1000)
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=RENDER_TIMEOUT * 1000
    )  # kernel up

    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^\s*Run\s*$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    root = ".jp-Notebook .cpo-explorer"
    page.wait_for_selector(f"{root} .cpo-card", timeout=RENDER_TIMEOUT * 1000)

    def all_ran():
        prompts = page.locator(
            ".jp-Notebook .jp-CodeCell .jp-InputPrompt"
        ).all_text_contents()  # off-screen cells too
        done = bool(prompts) and all(re.search(r"\[\d+\]", p) for p in prompts)
        return done, prompts

    wait_until(page, all_ran, RENDER_TIMEOUT, "every code cell to run")
    errors = page.locator(
        '.jp-Notebook [data-mime-type="application/vnd.jupyter.stderr"]'
    ).all_inner_texts()
    assert not errors, errors
    _check_kernel_is_this_venvs(lab_server)

    page.locator(root).scroll_into_view_if_needed()
    base = notebook_company("explore.ipynb")
    state = settle(page, base, root=root)
    lines = card_label_lines(page, root)  # the card's grid holds against JupyterLab's dt CSS
    assert lines and all(n == 1 for _, n in lines), lines
    screenshot(page, "jupyterlab-run-all", full_page=False)

    type_headcount(page, "5000", root=root)
    state = settle(page, base, state, root=root)
    assert abs(int(state["headcount"]) - 5000) <= 5000 * 0.012, state["headcount"]
    screenshot(page, "jupyterlab-after-change", full_page=False)


def _check_kernel_is_this_venvs(server) -> None:
    kernels = [
        p
        for p in psutil.Process(server.proc.pid).children(recursive=True)
        if "ipykernel_launcher" in " ".join(p.cmdline())
    ]
    assert kernels, "no kernel process under the JupyterLab server"
    assert all(Path(p.exe()).resolve() == Path(sys.executable).resolve() for p in kernels), [
        p.cmdline() for p in kernels
    ]
