"""Fixtures every test may use: the project root, the bundled policy, an editable copy of it,
the command line as a user runs it, and an HTML page parser with offline and no-code checks."""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.collections import QuadMesh
from matplotlib.colors import to_rgba

from cpo_model import Company, InvalidInputError, assess, assess_frame, charts, load_policy
from cpo_model.analysis import decision_grid
from cpo_model.present import DECISION_COLOURS
from cpo_model.report.page import external_references
from cpo_model.resources import data_path
from cpo_model.types import Decision
from tests.charts.cases import FIELDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    """The checkout's top folder."""
    return ROOT


@pytest.fixture(scope="session")
def policy():
    return load_policy()


@pytest.fixture(scope="session")
def raw_policy() -> dict:
    return yaml.safe_load(data_path("policy.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def policy_file(tmp_path, raw_policy):
    """Write an edited copy of the bundled policy: policy_file(lambda d: ...) -> path."""

    def write(edit=None, name="policy.yaml"):
        data = copy.deepcopy(raw_policy)
        if edit:
            edit(data)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess]:
    """Run the CLI on ARGS in this process, as `cpo-model ARGS` runs it (its `main`, its exit
    status, what it prints; the working folder and environment as they were afterwards):
    run_cli("assess", ..., cwd=None). `run_cli_process` runs a real `python -m cpo_model`."""
    from cpo_model.cli import main

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        out, err = io.StringIO(), io.StringIO()
        here, env = os.getcwd(), dict(os.environ)
        os.chdir(cwd or ROOT)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:  # argparse: --help, --version, usage errors
                    code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        finally:
            os.chdir(here)
            os.environ.clear()
            os.environ.update(env)
        return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(scope="session")
def run_cli_process() -> Callable[..., subprocess.CompletedProcess]:
    """Run `python -m cpo_model ARGS` in a new process, as a user would."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "cpo_model", *args]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or ROOT, timeout=120)

    return run


REMOTE = re.compile(r"^\s*(https?:|//)", re.I)


class Page(HTMLParser):
    """What a browser would parse: elements with attributes, the title, text by class, links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.text: list[str] = []
        self._stack: list[tuple[str, str]] = []
        self._classes: dict[str, list[str]] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag not in ("img", "meta", "br", "hr", "input", "link"):
            self._stack.append((tag, a.get("class") or ""))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self._stack and self._stack[-1][0] == "title":
            self.title += data
        for _, cls in self._stack:
            for c in cls.split():
                self._classes.setdefault(c, []).append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name]

    def in_class(self, cls: str) -> str:
        return " ".join(" ".join(self._classes.get(cls, [])).split())

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())

    def urls(self) -> list[str]:
        return [
            v
            for _, a in self.elements
            for k, v in a.items()
            if k in ("src", "href", "srcset", "action", "poster", "data") and v
        ]


def _check_offline(page: Page, html: str) -> None:
    assert not page.tags("script") and not page.tags("link") and not page.tags("iframe")
    assert [u for u in page.urls() if REMOTE.match(u)] == []
    assert external_references(html) == []
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", html) and "@import" not in html
    (csp,) = [m for m in page.tags("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp["content"]


def _check_no_code(page: Page) -> None:
    text = page.all_text
    for needle in (
        "from cpo_model",
        "import ",
        "Report.build",
        "setup_notebook",
        "report.header()",
        "policy_path",
        "In [",
        "Out[",
    ):
        assert needle not in text, needle
    assert not page.tags("pre") and not page.tags("textarea")


@pytest.fixture(scope="session")
def parse_page():
    """`parse_page(html)`: what a browser would parse (elements, title, text by class, links)."""
    return Page


@pytest.fixture(scope="session")
def check_offline():
    """`check_offline(page, html)`: no script, no remote load, a Content-Security-Policy."""
    return _check_offline


@pytest.fixture(scope="session")
def check_no_code():
    """`check_no_code(page)`: no Python, no prompts, no code blocks."""
    return _check_no_code


# --- charts and grids ------------------------------------------------------------------------


def _draw_map(a, policy=None):
    """The decision map of an assessment over its own grid (what the Explorer and reports do)."""
    return charts.decision_map(a, decision_grid(a, policy))


def _rgba(colour) -> tuple:
    return tuple(np.round(to_rgba(colour), 6))


def _by_gid(ax, gid: str, kind=None) -> list:
    return [
        a for a in ax.get_children() if a.get_gid() == gid and (kind is None or isinstance(a, kind))
    ]


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _mesh_colours(ax) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The map's drawn RGBA per (level, headcount) cell and the cells' left/bottom edges."""
    (mesh,) = _by_gid(ax, "decision_mesh", QuadMesh)
    coords = mesh.get_coordinates()
    colours = mesh.to_rgba(mesh.get_array()).reshape(coords.shape[0] - 1, coords.shape[1] - 1, 4)
    return colours, coords[0, :-1, 0], coords[:-1, 0, 1]


def _check_grid_against_points(company: Company, grid: pd.DataFrame, standard: str, ax=None) -> int:
    """A grid holds the company's other inputs and the map draws the grid's answers.

    Impossible points (PMs + engineers above the headcount) are the ones `Company` refuses; a
    few possible points (first, middle, last) are the answer `assess` gives that company, so
    the grid holds the company's other inputs. That `assess_frame` agrees with `assess` on
    every row is proved once, in tests/test_properties.py. With `ax`, every cell is drawn in
    its grid answer's colour, impossible cells hatched."""
    kept = {f: getattr(company, f) for f in FIELDS}
    for row in grid[grid["error"].notna()].itertuples():
        with pytest.raises(InvalidInputError):
            Company(headcount=int(row.headcount), **{**kept, "complexity": int(row.complexity)})
        assert pd.isna(row.create_cpo)
    ok = grid[grid["error"].isna()]
    for row in ok.iloc[[0, len(ok) // 2, -1]].itertuples() if len(ok) else ():
        h, level = int(row.headcount), int(row.complexity)
        a = assess(Company(headcount=h, **{**kept, "complexity": level}), standard=standard)
        assert (a.create_cpo.value, a.score) == (row.create_cpo, row.score), (h, level)
    if ax is not None:
        colours, lefts, bottoms = _mesh_colours(ax)
        hatched = [
            (r.get_x(), r.get_x() + r.get_width(), r.get_y()) for r in _by_gid(ax, "not_possible")
        ]
        for row in grid.itertuples():
            h, level = int(row.headcount), int(row.complexity)
            i, j = np.flatnonzero(bottoms == level - 0.5)[0], np.flatnonzero(lefts == h)[0]
            if pd.isna(row.error):
                assert tuple(np.round(colours[i, j], 6)) == _rgba(
                    DECISION_COLOURS[Decision(row.create_cpo)]
                )
            else:
                assert colours[i, j][3] == 0 and any(
                    x0 <= h < x1 and y == level - 0.5 for x0, x1, y in hatched
                )
    return len(grid)


def _portfolio_frame() -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "name": [
                "$x$ <script>",
                "Tiny",
                "Bad headcount",
                "Big portfolio",
                "Team too big",
                "A" * 60,
            ],
            "headcount": [2000, 8, -5, 40_000, 10, 300],
            "complexity": [4, 1, 2, 5, 2, 3],
            "product_managers": [None, None, None, 40, 9, None],
            "engineers": [None, None, None, None, 9, None],
        }
    )
    return assess_frame(df, standard="gartner")


@pytest.fixture(scope="session")
def draw_map():
    return _draw_map


@pytest.fixture(scope="session")
def rgba():
    return _rgba


@pytest.fixture(scope="session")
def by_gid():
    return _by_gid


@pytest.fixture(scope="session")
def texts():
    return _texts


@pytest.fixture(scope="session")
def mesh_colours():
    return _mesh_colours


@pytest.fixture(scope="session")
def check_grid_against_points():
    return _check_grid_against_points


@pytest.fixture(scope="session")
def portfolio_frame():
    """An assess_frame result with valid, invalid and hostile rows."""
    return _portfolio_frame()
