"""`policy_schema`: an invalid policy names every bad key path at once; the policy modules sit
below the presentation layer."""

from __future__ import annotations

import pytest

from cpo_model import (
    PolicyError,
    load_policy,
)


def _errors(policy_file, edit) -> str:
    with pytest.raises(PolicyError) as exc:
        load_policy(policy_file(edit))
    return str(exc.value)


@pytest.mark.parametrize(
    "edit, key",
    [
        (lambda d: d.pop("decision"), "decision"),
        (lambda d: d["decision"]["yes_from"].update(value=3), "decision.yes_from.value"),
        (
            lambda d: d["decision"]["consider_from"].update(value="five"),
            "decision.consider_from.value",
        ),
        (lambda d: d["size_standards"]["eu"].update(large_from=40), "size_standards.eu.large_from"),
        (
            lambda d: d["factors"]["product_managers"]["bands"][2].update(points=0),
            "factors.product_managers.bands[2].points",
        ),
        (
            lambda d: d["factors"]["product_managers"]["bands"][1].update({"from": 0}),
            "factors.product_managers.bands[1].from",
        ),
        (
            lambda d: d["factors"]["size"]["bands"][3].update(points=0),
            "factors.size.bands[3].points",
        ),
        (lambda d: d["factors"]["size"]["bands"][2].pop("source"), "factors.size.bands[2].source"),
        (lambda d: d["factors"]["size"].update(magnitude="vibes"), "factors.size.magnitude"),
        (lambda d: d["gates"]["small_stage"].update(cap="yes"), "gates.small_stage.cap"),
        (lambda d: d["gates"].pop("ceo_leads_product"), "gates.ceo_leads_product"),
        (lambda d: d["roles"]["vp_product"].update(people_from=5), "roles.vp_product.people_from"),
        (lambda d: d["notes"]["cpto"].update(text="{growth.__class__}"), "notes.cpto.text"),
        (lambda d: d["notes"]["pre_fit"].update(text="{growth}"), "notes.pre_fit.text"),
        (lambda d: d["stages"]["large"].pop("says"), "stages.large.says"),
        (
            lambda d: d["complexity_from_factors"]["base_level"].update(value=9),
            "complexity_from_factors.base_level.value",
        ),
        (lambda d: d["factors"]["complexity"]["points"].pop(5), "factors.complexity.points.5"),
        (
            lambda d: d["factors"]["tech_company"]["points"].update({True: -9}),
            "factors.tech_company.points.True",
        ),
        (lambda d: d["factors"]["size"].update(source="my_blog"), "factors.size.source"),
        (
            lambda d: d["estimates"]["engineers_per_pm"].update(value=0),
            "estimates.engineers_per_pm.value",
        ),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["factors"].update(vibes={"points": {}}), "factors.vibes"),
        (lambda d: d.update(default_standard="iso"), "default_standard"),
    ],
)
def test_invalid_policy_names_the_key(policy_file, edit, key):
    message = _errors(policy_file, edit)
    assert f"{key}=" in message, message
    assert "\n" not in message


def test_all_policy_problems_are_reported_at_once(policy_file):
    def edit(d):
        d["decision"]["yes_from"]["value"] = 1
        d["size_standards"]["gartner"]["midsize_from"] = -4

    message = _errors(policy_file, edit)
    assert "decision.yes_from.value" in message and "size_standards.gartner.midsize_from" in message


def _imports(module: str) -> set[str]:
    """The cpo_model modules `module` imports (at any depth in its code), by name."""
    import ast
    from pathlib import Path

    import cpo_model

    path = Path(cpo_model.__file__).parent / f"{module}.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module or "")
    return found


def test_errors_import_nothing_of_the_package():
    assert _imports("errors") == set()


@pytest.mark.parametrize("module", ["policy", "policy_schema", "policy_diff"])
def test_policy_modules_never_import_presentation(module):
    above = {"present", "render", "explain", "method", "app", "report", "widgets", "charts"}
    assert not _imports(module) & above, _imports(module)
    assert "policy" not in _imports("policy_schema"), "the schema sits below the policy"
