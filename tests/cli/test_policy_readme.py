"""The README's "Your own policy" runs as written; its diff output is what the command prints."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
import yaml

from cpo_model.cli import main

SHA12 = re.compile(r"\+custom\.[0-9a-f]{12}")


def _section(root) -> str:
    text = (root / "README.md").read_text(encoding="utf-8")
    return text.split("## Your own policy", 1)[1].split("\n## ", 1)[0]


def _edit_as_described(path) -> None:
    """The edit the README describes between the first and second command."""
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    tree["version"] = "2026.12-1-acme"
    tree["decision"]["yes_from"]["value"] = 7.5
    path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")


@pytest.mark.slow
def test_the_readme_commands_run_as_written(root, tmp_path, monkeypatch, capsys):
    section = _section(root)
    commands = re.search(r"```bash\n(.*?)```", section, re.S).group(1).strip().splitlines()
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1).strip()
    assert len(commands) == 5 and all(c.startswith("cpo-model ") for c in commands)
    assert '`version: "2026.12-1-acme"` and `decision.yes_from` 9 → 7.5' in section
    (tmp_path / "data" / "examples").mkdir(parents=True)
    shutil.copy(root / "data" / "examples" / "companies.csv", tmp_path / "data" / "examples")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for i, command in enumerate(commands):
        assert main(shlex.split(command)[1:]) == 0, command
        outputs.append(capsys.readouterr().out.strip())
        if i == 0:
            _edit_as_described(tmp_path / "my-policy.yaml")
    assert SHA12.sub("+custom.SHA", outputs[2]) == SHA12.sub("+custom.SHA", shown)
    assert outputs[3].splitlines()[1] == "Orbit Games: Create the role now"
    assert outputs[3].startswith("Create the role now: hire a ")
    assert (tmp_path / "orbit-games.html").is_file()
