"""Shareable reports: one company's memo and a portfolio, as a board would open them offline.

The rendered pages are parsed with the standard library's `html.parser`: what a browser would
build from them is what is checked (no script element, no remote fetch, escaped names).
"""

from __future__ import annotations

import base64
import copy
import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

import nbformat
import pytest
import yaml
from conftest import ROOT, run_cli

from cpo_model import Company, assess, load_policy
from cpo_model.report import (
    KernelSession,
    company_params,
    external_references,
    parameterised,
    slugify,
    template_path,
    to_company,
    unique_slugs,
)
from cpo_model.types import DECISION_LABELS, ROLE_LABELS

HOSTILE = ("<script>alert(1)</script>", '"onerror=x </title><img src=//evil.example/x.png> $5M ../../escape')
RTL_LONG = ("\u202eשלום חברה <i>rtl</i> " + "long name " * 20)[:200]  # right-to-left override, markup, the longest name allowed
OWNERS = ("product_strategy=ceo", "product_vision=nobody", "product_design=product_lead")
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
        return [v for _, a in self.elements for k, v in a.items() if k in ("src", "href", "srcset", "action", "poster", "data") and v]


def check_offline(page: Page, html: str) -> None:
    assert not page.tags("script") and not page.tags("link") and not page.tags("iframe")
    assert [u for u in page.urls() if REMOTE.match(u)] == []
    assert external_references(html) == []
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", html) and "@import" not in html
    (csp,) = [m for m in page.tags("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp["content"]


def check_no_code(page: Page) -> None:
    text = page.all_text
    for needle in ("from cpo_model", "import ", "Report.build", "setup_notebook", "report.header()", "policy_path", "In [", "Out["):
        assert needle not in text, needle
    assert not page.tags("pre") and not page.tags("textarea")


# --- one company, through the CLI as a user runs it ---------------------------------------------


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "new" / "folder" / "acme.html"
    args = ["--name", "Acme $x$", "--headcount", "120", "--complexity", "3", "--product-managers", "4", "--engineers", "40"]
    args += ["--annual-growth", "0.4", *[x for o in OWNERS for x in ("--owner", o)]]
    # a user-level `python3` kernelspec for another interpreter must not be used
    data_dir = tmp_path_factory.mktemp("jupyter-data")
    (data_dir / "kernels" / "python3").mkdir(parents=True)
    spec = {"argv": ["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "other", "language": "python"}
    (data_dir / "kernels" / "python3" / "kernel.json").write_text(json.dumps(spec))
    cmd = [sys.executable, "-m", "cpo_model", "report", *args, "--out", str(out), "--date", "2026-11-30"]
    r = subprocess.run(
        cmd, capture_output=True, text=True, cwd=ROOT, timeout=180, env={**os.environ, "JUPYTER_DATA_DIR": str(data_dir), "JUPYTER_PREFER_ENV_PATH": "0"}
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no kernel chatter on the user's terminal
    assert r.stdout.strip() == str(out)
    company = Company(
        name="Acme $x$",
        headcount=120,
        complexity=3,
        product_managers=4,
        engineers=40,
        annual_growth=0.4,
        owners=dict(o.split("=") for o in OWNERS),
    )
    html = out.read_text(encoding="utf-8")
    return html, Page(html), assess(company)


@pytest.mark.slow
def test_report_recommendation_matches_assess(single):
    html, page, a = single
    answer = page.in_class("cpo-answer")
    assert DECISION_LABELS[a.create_cpo] in answer and "create_cpo" not in answer  # plain words, no code labels
    assert ROLE_LABELS[a.role] in answer and a.stage_says in answer and f"Score {a.score:g}" in answer
    assert page.title == "CPO decision memo: Acme $x$"
    assert "As of 2026-11-30" in page.all_text and f"Policy {a.policy_version}" in page.all_text
    text = page.all_text
    for reason in a.reasons:
        assert reason.text in text and reason.citation in text
    growth = a.growth_change
    assert growth is not None and growth.date_from(date(2026, 11, 30)).isoformat() in text
    for heading in ("Recommendation", "Why", "Companies like yours", "Where the company sits", "Points by factor", "Sensitivity", "Responsibilities at risk",
                    "What would change the answer", "Appendix: method and sources", "The policy's rules", "Sources"):  # fmt: skip
        assert heading in text, heading
    assert "2 of the 3 responsibilities stated sit with the CEO or nobody" in text
    for p in a.precedents:  # companies like this one, each with its source
        assert str(p) in text and p.source in text and p.address in text


@pytest.mark.slow
def test_report_embeds_its_figures(single):
    _, page, _ = single
    images = [i["src"] for i in page.tags("img")]
    assert len(images) >= 4  # decision map, contributions, sensitivity, responsibilities
    for src in images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert any("Decision map" in (i.get("alt") or "") for i in page.tags("img"))


@pytest.mark.slow
def test_report_hides_code_and_loads_nothing(single):
    html, page, _ = single
    check_no_code(page)
    check_offline(page, html)
    assert len(html) < 3_000_000


# --- a portfolio: valid, hostile, invalid and failing rows, one kernel --------------------------


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """Five rows: two plain, two hostile names, one invalid; one row makes the template fail."""
    from cpo_model import report

    tmp = tmp_path_factory.mktemp("portfolio")
    csv = tmp / "companies.csv"
    quoted = '"' + HOSTILE[1].replace('"', '""') + '"'
    csv.write_text(
        "name,headcount,complexity,owner_product_strategy\nNorthwind,300,4,ceo\n"
        f"{HOSTILE[0]},120,3,\nRender Boom,60,2,\n{quoted},45,2,nobody\nBroken,-5,2,\n{RTL_LONG},30,1,\n",
        encoding="utf-8",
    )
    # the real template plus one cell that fails for "Render Boom": a render error mid-portfolio
    nb = nbformat.read(template_path(), as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell('if company.get("name") == "Render Boom":\n    raise RuntimeError("boom")'))
    template = tmp / "template.ipynb"
    nbformat.write(nb, template)
    policy = yaml.safe_load((ROOT / "data" / "policy.yaml").read_text(encoding="utf-8"))
    policy["version"] = "9999.1-<b>test</b>"  # a policy's text is escaped too
    (tmp / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False), encoding="utf-8")
    starts = []
    real_start = KernelSession._start
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KernelSession, "_start", lambda self, nb: (starts.append(1), real_start(self, nb))[1])
        result = report.build_portfolio(csv, tmp / "out", tmp / "policy.yaml", "gartner", progress=False, report_date="2026-11-30", template=template)
    return tmp, result, starts


@pytest.mark.slow
def test_portfolio_uses_one_kernel_and_keeps_going(portfolio):
    tmp, result, starts = portfolio
    assert len(starts) == 1  # not one kernel per company, even after a failing row
    assert [e.name for e in result.entries] == ["Northwind", HOSTILE[0], "Render Boom", HOSTILE[1], "Broken", RTL_LONG]
    errors = {e.name: e.error for e in result.failed}
    assert set(errors) == {"Render Boom", "Broken"}
    assert errors["Render Boom"] == "report failed: RuntimeError: boom"
    assert errors["Broken"].startswith("invalid input: headcount=-5")
    # every company rendered with its own answer, the given policy and standard (state was reset)
    policy = load_policy(tmp / "policy.yaml")
    for entry, company in ((result.entries[0], Company(headcount=300, complexity=4, name="Northwind", owners={"product_strategy": "ceo"})),
                           (result.entries[3], Company(headcount=45, complexity=2, name=HOSTILE[1], owners={"product_strategy": "nobody"}))):  # fmt: skip
        page = Page((tmp / "out" / entry.file).read_text(encoding="utf-8"))
        a = assess(company, policy, "gartner")
        assert DECISION_LABELS[a.create_cpo] in page.in_class("cpo-answer") and f"Score {a.score:g}" in page.in_class("cpo-answer")
        assert "Policy 9999.1-<b>test</b>" in page.all_text and "Gartner" in page.in_class("meta") and not page.tags("b")


@pytest.mark.slow
def test_portfolio_index_links_every_report(portfolio):
    tmp, result, _ = portfolio
    out = tmp / "out"
    index = out / "index.html"
    assert result.index == index
    html = index.read_text(encoding="utf-8")
    page = Page(html)
    written = sorted(p.name for p in out.iterdir() if p.name != "index.html")
    linked = sorted({a["href"] for a in page.tags("a")})
    assert linked == written == sorted(e.file for e in result.entries if e.file)
    assert len(written) == 4
    text = page.all_text
    assert "invalid input: headcount=-5" in text and "report failed: RuntimeError: boom" in text
    assert sum(1 for t in page.tags("tr") if t.get("class") == "error-row") == 2
    assert any(i["src"].startswith("data:image/png;base64,") for i in page.tags("img"))
    check_offline(page, html)


@pytest.mark.slow
def test_hostile_names_are_text_everywhere(portfolio):
    tmp, result, _ = portfolio
    out = tmp / "out"
    pages = {"index": (out / "index.html").read_text(encoding="utf-8")}
    pages.update({e.name: (out / e.file).read_text(encoding="utf-8") for e in result.entries if e.file and e.name in (*HOSTILE, RTL_LONG)})
    assert len(pages) == 4
    for name, html in pages.items():
        page = Page(html)
        assert not page.tags("script"), name
        assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs), name
        assert not any((i.get("src") or "").startswith("//evil") for i in page.tags("img")), name
        for hostile in (*HOSTILE, RTL_LONG) if name == "index" else (name,):
            assert hostile in page.all_text, (name, hostile)
        assert not page.tags("i"), name
        assert len(page.tags("title")) == 1
        check_offline(page, html)
    report = Page(pages[HOSTILE[1]])
    assert report.title == f"CPO decision memo: {HOSTILE[1]}"
    assert HOSTILE[1] in report.in_class("memo-title")


@pytest.mark.slow
def test_report_files_stay_inside_out_dir(portfolio):
    tmp, result, _ = portfolio
    out = (tmp / "out").resolve()
    files = [e.file for e in result.entries if e.file]
    for f in files:
        assert re.fullmatch(r"[a-z0-9-]+\.html", f) and (out / f).resolve().parent == out
    assert sorted(p.name for p in tmp.iterdir()) == ["companies.csv", "out", "policy.yaml", "template.ipynb"]
    assert not (tmp.parent / "escape.html").exists()


def test_slugs_are_safe_and_unique():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Café Ünïcode GmbH") == "cafe-unicode-gmbh"
    assert slugify("<script>alert(1)</script>") == "script-alert-1-script"
    assert slugify("////") == "" and slugify(None) == ""
    assert len(slugify("x" * 500)) <= 60
    slugs = unique_slugs(["Acme", "ACME", "acme!", "", "index", "Index", "..", "Acme-2"])
    assert slugs == ["acme", "acme-2", "acme-3", "company-4", "index-company", "index-company-2", "company-7", "acme-2-2"]
    assert len(set(slugs)) == len(slugs) and all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)


def test_company_params_survive_papermill_injection():
    name = 'a "quoted" \\ back\\slash\nnew line é ${x} </script>'
    company = Company(headcount=300, complexity=4, name=name, annual_growth=0.25, tech_company=False, owners={"product_vision": "nobody"})
    params = company_params(company)
    assert json.loads(json.dumps(params)) == params  # plain data
    nb = parameterised(nbformat.read(template_path(), as_version=4), company)
    (cell,) = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    namespace: dict = {}
    exec(cell.source, namespace)  # what the kernel runs
    assert namespace["company"] == params and to_company(namespace["company"]) == company


def test_external_references_finds_remote_loads():
    html = (
        "<img src='data:image/png;base64,xx'><a href='b.html'>ok</a><a href='#x'>ok</a>"
        "<img src='//cdn.example/x.png'><link href='https://f.example/a.css'><div style=\"background:url('http://x/y')\"></div>"
        "<style>@import 'https://fonts.example/f.css';</style>"
    )
    assert external_references(html) == ["//cdn.example/x.png", "https://f.example/a.css", "http://x/y", "https://fonts.example/f.css"]


def test_template_is_parameterised_and_holds_no_logic():
    nb = nbformat.read(template_path(), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    namespace: dict = {}
    exec(params[0].source, namespace)
    assert {"company", "policy_path", "standard", "report_date"} <= set(namespace)
    to_company(namespace["company"])  # the default is a valid company
    for cell in code:
        if cell is params[0]:
            continue
        assert not re.search(r"^\s*(def|class|for|while|if|with|try)\b", cell.source, re.M), cell.source
        assert not any(o.get("output_type") == "error" or o.get("name") == "stderr" for o in cell.get("outputs", []))
    figures = [c for c in code if any("image/png" in o.get("data", {}) for o in c.get("outputs", []))]
    assert len(figures) >= 4, "store the template executed, with its figures"


# --- PDF ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_through_local_chromium(tmp_path):
    from cpo_model.report import find_chromium, render_report

    if not find_chromium():
        pytest.skip("no local Chromium: --format pdf refuses (tested below)")
    out = render_report(Company(headcount=300, complexity=4, name="Acme"), tmp_path / "acme.pdf", fmt="pdf", report_date="2026-11-30")
    data = out.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 20_000


def test_pdf_refused_in_one_line_without_chromium(monkeypatch, capsys, tmp_path):
    from cpo_model import cli, report

    monkeypatch.setattr(report.pdf, "find_chromium", lambda: None)
    code = cli.main(["report", "--headcount", "10", "--format", "pdf", "--out", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--format pdf needs a local Chromium" in err[0]
    assert not (tmp_path / "x.pdf").exists()


# --- the CLI -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--headcount", "-3"], "--headcount -3: expected a whole number"),
        (["--headcount", "10", "--complexity", "9"], "--complexity 9"),
        (["--complexity", "3"], "--headcount is required"),
        (["--headcount", "10", "--format", "docx"], "invalid choice: 'docx'"),
        (["--headcount", "10", "--standard", "iso"], "--standard iso: expected one of eu, gartner"),
        (["--headcount", "10", "--policy", "missing.yaml"], "--policy"),
        (["--headcount", "10", "--owner", "vision"], "--owner vision: expected RESPONSIBILITY=OWNER"),
        (["--headcount", "10", "--date", "2026-13-01"], "--date 2026-13-01: expected a date as YYYY-MM-DD"),
        (["--headcount", "10", "--out-dir", "x"], "--out-dir needs --csv"),
        (["--headcount", "10", "--out", "tests"], "--out tests: is a folder"),
        (["--csv", "does-not-exist.csv"], "--csv does-not-exist.csv: cannot read"),
        (["--csv", "data/examples/companies.csv", "--headcount", "3"], "--csv cannot be combined with --headcount"),
        (["--csv", "data/examples/companies.csv", "--format", "pdf"], "--format pdf is for one company"),
        (["--csv", "data/examples/companies.csv", "--out", "x.html"], "--out is for one company"),
    ],
)
def test_report_bad_arguments_exit_2_with_one_line(args, needle):
    r = run_cli("report", *args)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in r.stderr, r.stderr


def test_report_csv_of_invalid_rows_exits_1_and_lists_them(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text(f"name,headcount\n{HOSTILE[0]},-1\nNo people,0\n", encoding="utf-8")
    r = run_cli("report", "--csv", str(src), "--out-dir", str(tmp_path / "a" / "b"), "--quiet")
    assert r.returncode == 1, r.stderr
    assert r.stdout.strip() == str(tmp_path / "a" / "b" / "index.html")
    assert r.stderr.strip() == f"cpo-model: 2 of 2 rows not rendered (see {tmp_path / 'a' / 'b' / 'index.html'})"
    page = Page((tmp_path / "a" / "b" / "index.html").read_text(encoding="utf-8"))
    assert "invalid input: headcount=-1" in page.all_text and "invalid input: headcount=0" in page.all_text
    assert HOSTILE[0] in page.all_text and not page.tags("script") and not page.tags("a")


def test_makefile_report_target_renders_the_example():
    makefile = (ROOT / "Makefile").read_text()
    target = re.search(r"^report: install\n((?:\t.*\n)+)", makefile, re.M)
    assert target and "cpo-model report" in target.group(1) and "reports/example.html" in target.group(1)


def test_render_report_rejects_bad_input_before_a_kernel(tmp_path):
    from cpo_model import InvalidInputError
    from cpo_model.report import render_report

    with pytest.raises(InvalidInputError, match="headcount"):
        render_report({"headcount": -1, "name": "x"}, tmp_path / "x.html")
    with pytest.raises(ValueError, match="fmt"):
        render_report(Company(headcount=10), tmp_path / "x.html", fmt="docx")
    assert list(tmp_path.iterdir()) == []


def test_injected_parameters_are_not_shown(tmp_path):
    from cpo_model.report import _clean_for_export

    nb = parameterised(nbformat.read(template_path(), as_version=4), Company(headcount=10, name="Zed"))
    cleaned = _clean_for_export(copy.deepcopy(nb))
    tags = [t for c in cleaned.cells for t in c.metadata.get("tags", [])]
    assert "parameters" not in tags and "injected-parameters" not in tags and "remove-cell" not in tags
