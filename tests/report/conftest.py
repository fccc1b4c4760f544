"""Report test fixtures: a page parser, offline and no-code checks, a memo and a portfolio."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from cpo_model import (
    Company,
    assess,
)
from tests.report.cases import HOSTILE, OWNERS, RTL_LONG


@pytest.fixture(scope="module")
def single(parse_page, root, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "new" / "folder" / "acme.html"
    args = [
        "--name",
        "Acme $x$",
        "--headcount",
        "120",
        "--complexity",
        "3",
        "--product-managers",
        "4",
        "--engineers",
        "40",
    ]
    args += ["--annual-growth", "0.4", *[x for o in OWNERS for x in ("--owner", o)]]
    # a user-level `python3` kernelspec for another interpreter must not be used
    data_dir = tmp_path_factory.mktemp("jupyter-data")
    (data_dir / "kernels" / "python3").mkdir(parents=True)
    spec = {
        "argv": ["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "other",
        "language": "python",
    }
    (data_dir / "kernels" / "python3" / "kernel.json").write_text(json.dumps(spec))
    cmd = [
        sys.executable,
        "-m",
        "cpo_model",
        "report",
        *args,
        "--out",
        str(out),
        "--date",
        "2026-11-30",
    ]
    r = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        cwd=root,
        timeout=180,
        env={**os.environ, "JUPYTER_DATA_DIR": str(data_dir), "JUPYTER_PREFER_ENV_PATH": "0"},
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
    return html, parse_page(html), assess(company)


@pytest.fixture(scope="module")
def portfolio(root, tmp_path_factory):
    """Six rows: two plain, two hostile names, one invalid; one company's memo fails."""
    from cpo_model import report
    from cpo_model.report import portfolio as portfolio_module

    tmp = tmp_path_factory.mktemp("portfolio")
    csv = tmp / "companies.csv"
    quoted = '"' + HOSTILE[1].replace('"', '""') + '"'
    csv.write_text(
        "name,headcount,complexity,owner_product_strategy\nNorthwind,300,4,ceo\n"
        f"{HOSTILE[0]},120,3,\nRender "
        f"Boom,60,2,\n{quoted},45,2,nobody\nBroken,-5,2,\n{RTL_LONG},30,1,\n",
        encoding="utf-8",
    )
    policy = yaml.safe_load((root / "data" / "policy.yaml").read_text(encoding="utf-8"))
    policy["version"] = "9999.1-<b>test</b>"  # a policy's text is escaped too
    (tmp / "policy.yaml").write_text(yaml.safe_dump(policy, sort_keys=False), encoding="utf-8")
    real = portfolio_module.memo_html

    def failing(assessment, **kw):  # a memo that fails mid-portfolio (in a worker)
        if assessment.company.name == "Render Boom":
            raise RuntimeError("boom")
        return real(assessment, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(portfolio_module, "memo_html", failing)
        result = report.build_portfolio(
            csv,
            tmp / "out",
            tmp / "policy.yaml",
            "gartner",
            progress=False,
            report_date="2026-11-30",
            workers=2,
        )
    return tmp, result
