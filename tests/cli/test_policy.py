"""`cpo-model policy init|check|show|diff`: exit codes and outputs, run in-process."""

from __future__ import annotations

import json

import pytest
import yaml

from cpo_model.cli import main
from cpo_model.resources import data_path


@pytest.fixture
def cli(capsys):
    """Run the CLI in-process: cli("policy", "check", FILE) -> (status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def _edit(path, **changes) -> None:
    """Set values by dotted key path in the policy file at `path` (a list index as a number)."""
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *parents, last = [int(k) if k.isdigit() else k for k in dotted.split("__")]
        node = tree
        for key in parents:
            node = node[key]
        node[last] = value
    path.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True), encoding="utf-8")


YES_FROM = "decision__yes_from__value"


def test_init_writes_the_bundled_file_with_its_comments(cli, tmp_path):
    out = tmp_path / "mine.yaml"
    status, stdout, _ = cli("policy", "init", str(out))
    assert status == 0 and f"policy check {out}" in stdout
    assert out.read_bytes() == data_path("policy.yaml").read_bytes()
    assert out.read_text(encoding="utf-8").lstrip().startswith("#"), "comments kept"


def test_init_never_overwrites_without_force(cli, tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("mine", encoding="utf-8")
    status, stdout, stderr = cli("policy", "init", str(out))
    assert status == 2 and stdout == ""
    assert stderr.count("\n") == 1 and "exists; add --force" in stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert cli("policy", "init", str(out), "--force")[0] == 0
    assert out.read_bytes() == data_path("policy.yaml").read_bytes()


def test_check_a_good_file_and_a_custom_one(cli, tmp_path):
    out = tmp_path / "mine.yaml"
    cli("policy", "init", str(out))
    status, stdout, _ = cli("policy", "check", str(out))
    assert status == 0 and "the bundled policy" in stdout and "0 numbers differ" in stdout
    _edit(out, **{YES_FROM: 8})  # only moves a number: loads
    status, stdout, _ = cli("policy", "check", str(out))
    assert status == 0 and "a custom policy" in stdout and "1 number differs" in stdout
    assert "+custom." in stdout


def test_check_names_every_problem_on_its_own_line(cli, tmp_path):
    out = tmp_path / "bad.yaml"
    cli("policy", "init", str(out))
    _edit(
        out,
        **{
            YES_FROM: 3,  # below consider_from: the cut-offs out of order
            "factors__product_managers__bands__1__points": -1,  # points fall as PMs rise
            "gates__small_stage__cap": "maybe",  # a gate whose cap is not an answer
        },
    )
    status, stdout, stderr = cli("policy", "check", str(out))
    lines = stderr.strip().splitlines()
    assert status == 2 and stdout == ""
    assert len(lines) == 3, stderr
    assert all(line.startswith(f"cpo-model: error: {out}: ") for line in lines)
    assert "decision.yes_from.value=3: expected a value above decision.consider_from (4)" in stderr
    assert "gates.small_stage.cap='maybe': expected one of no, consider" in stderr
    assert (
        "factors.product_managers.bands[1].points=-1: expected points at least the previous "
        "band's (0) so the model stays monotone" in stderr
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        ("a: [unclosed", "valid YAML"),
        ("- just\n- a list\n", "a YAML mapping"),
    ],
)
def test_check_refuses_what_is_not_a_policy(cli, tmp_path, content, expected):
    out = tmp_path / "x.yaml"
    out.write_text(content, encoding="utf-8")
    status, _, stderr = cli("policy", "check", str(out))
    assert status == 2 and expected in stderr and "Traceback" not in stderr


def test_check_a_missing_file(cli, tmp_path):
    status, _, stderr = cli("policy", "check", str(tmp_path / "none.yaml"))
    assert status == 2 and "a readable YAML file" in stderr


def test_show_prints_the_method_tables_of_the_file(cli, tmp_path):
    out = tmp_path / "mine.yaml"
    cli("policy", "init", str(out))
    _edit(out, **{YES_FROM: 8.5})
    status, stdout, _ = cli("policy", "show", str(out))
    assert status == 0
    assert "| Factor | Condition | Points |" in stdout
    assert "| Cut-off | 'yes' from a score of | 8.5 |" in stdout


def test_diff_text_and_json(cli, tmp_path):
    out = tmp_path / "mine.yaml"
    cli("policy", "init", str(out))
    _edit(out, **{YES_FROM: 6})
    csv = tmp_path / "c.csv"
    csv.write_text(
        "name,headcount,complexity,product_managers\nMid,300,3,4\nTiny,12,1,0\n", encoding="utf-8"
    )
    status, stdout, _ = cli("policy", "diff", "bundled", str(out), "--csv", str(csv))
    assert status == 0
    assert "  decision.yes_from.value: 9 → 6  [" in stdout
    assert "Companies whose answer, role or stage changes: 1 of 2" in stdout
    assert (
        "  Mid: answer Consider it → Create the role now (score 6.5 → 6.5; "
        "cut-off decision.yes_from.value: 9 → 6)" in stdout
    )
    status, stdout, _ = cli("policy", "diff", "bundled", str(out), "--format", "json")
    data = json.loads(stdout)
    assert status == 0 and data["rows"] is None
    assert [d["path"] for d in data["differences"]] == ["decision.yes_from.value"]


def test_diff_refuses_a_bad_format_or_policy(cli, tmp_path):
    status, _, stderr = cli("policy", "diff", "bundled", "bundled", "--format", "xml")
    assert status == 2 and "--format xml: expected one of text, json" in stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    status, _, stderr = cli("policy", "diff", "bundled", str(bad))
    assert status == 2 and f"{bad}: sources=None: expected this key (missing)" in stderr


def test_policy_needs_a_subcommand(cli):
    status, _, stderr = cli("policy")
    assert status == 2 and "required" in stderr


def test_app_refuses_a_bad_policy_before_it_starts(cli, tmp_path, monkeypatch):
    import os

    import cpo_model.server
    from cpo_model.policy import POLICY_ENV

    started = []
    monkeypatch.delenv(POLICY_ENV, raising=False)
    monkeypatch.setattr(
        cpo_model.server, "serve", lambda *a, **k: started.append((*a, os.environ[POLICY_ENV])) or 0
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    status, _, stderr = cli("app", "--policy", str(bad), "--port", "8999")
    assert status == 2 and stderr.count("\n") == 1 and "--policy: sources=None" in stderr
    assert not started
    good = tmp_path / "good.yaml"
    good.write_bytes(data_path("policy.yaml").read_bytes())
    assert cli("app", "--policy", str(good), "--port", "8999")[0] == 0
    ((host, port, _limits, policy),) = started
    assert (host, port, policy) == ("127.0.0.1", 8999, str(good))
