"""`extras`: what each extra installs comes from the package metadata, and a missing one is a
single line saying how to add it."""

from __future__ import annotations

from importlib import metadata

import pytest
import tomllib

from cpo_model import extras
from cpo_model.errors import MissingExtraError


def _declared(root, extra: str) -> list[str]:
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    deps = deps["optional-dependencies"][extra]
    return [d.split(">")[0].split("[")[0].split("=")[0].strip() for d in deps]


@pytest.mark.parametrize("extra", ["notebooks", "scale"])
def test_requirements_are_the_extras_of_pyproject(root, extra):
    assert list(extras.requirements(extra)) == _declared(root, extra)


def test_all_is_every_optional_part(root):
    assert set(extras.requirements("all")) == set(_declared(root, "notebooks")) | set(
        _declared(root, "scale")
    )


def test_a_missing_distribution_is_named_with_the_pip_command(monkeypatch):
    real = metadata.version

    def version(dist):
        if dist in ("nbformat", "papermill"):
            raise metadata.PackageNotFoundError(dist)
        return real(dist)

    monkeypatch.setattr(extras.metadata, "version", version)
    assert extras.missing("notebooks") == ["papermill", "nbformat"]
    with pytest.raises(MissingExtraError) as err:
        extras.require("notebooks", "cpo-model report")
    assert str(err.value) == (
        "cpo-model report needs the notebooks extra (papermill, nbformat not installed); "
        'install it with: pip install "cpo-model[notebooks]"'
    )


@pytest.mark.parametrize(
    "argv, memos",
    [
        (["report", "--headcount", "300", "--out", "r.html"], ["r.html"]),
        (
            ["report", "--raters", "{root}/data/examples/raters.csv"],
            ["reports/atlas-freight-team.html"],
        ),
        (
            ["report", "--csv", "{tmp}/two.csv", "--jobs", "1", "--quiet"],
            ["reports/portfolio/index.html"],
        ),
    ],
)
def test_memos_are_written_without_the_notebooks_extra(
    monkeypatch, capsys, tmp_path, root, argv, memos
):
    """The memo is made in-process: a pip user with no Jupyter still gets it."""
    from cpo_model.cli import main

    monkeypatch.setattr(extras, "missing", lambda extra: ["nbformat"])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "two.csv").write_text("name,headcount\nAcme,300\nBeta,40\n", encoding="utf-8")
    assert main([a.format(root=root, tmp=tmp_path) for a in argv]) == 0, capsys.readouterr().err
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.html"))
    assert set(memos) <= set(written)
    if "--csv" in argv:  # the index and one memo per company of the two-row file
        assert len(written) == 1 + 2


@pytest.mark.parametrize("argv", [["app", "--port", "1"], ["lab", "somewhere"]])
def test_commands_that_need_jupyter_say_so_in_one_line(monkeypatch, capsys, tmp_path, argv):
    from cpo_model.cli import main

    monkeypatch.setattr(extras, "missing", lambda extra: ["nbformat"])
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    extra = "server" if argv[0] == "app" else "notebooks"  # the app needs only its server
    assert err == [
        f"cpo-model: error: cpo-model {argv[0]} needs the {extra} extra (nbformat not "
        f'installed); install it with: pip install "cpo-model[{extra}]"'
    ]
    assert list(tmp_path.iterdir()) == [], "nothing written, nothing copied"
