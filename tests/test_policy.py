"""The policy file: sourced numbers, validated, loaded safely."""

from __future__ import annotations

import pytest

from cpo_model import Company, PolicyError, assess, load_policy

SOURCE_KEYS = ("source", "magnitude", "non_tech_source", "role_cap_source")


def _cited(raw_policy) -> list[tuple[str, str]]:
    cited = []

    def walk(node, path):
        if isinstance(node, dict):
            for key in SOURCE_KEYS:
                if key in node:
                    cited.append((f"{path}.{key}", node[key]))
            if any(k in node for k in ("value", "bands", "cap", "people_from")) or isinstance(
                node.get("points"), dict
            ):
                assert node.get("rationale"), f"{path} has a number but no rationale"
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk({k: v for k, v in raw_policy.items() if k != "sources"}, "policy")
    return cited


def test_every_number_cites_a_known_source(raw_policy):
    cited = _cited(raw_policy)
    assert len(cited) >= 40
    for path, key in cited:
        assert key in raw_policy["sources"], f"{path} cites unknown source {key}"
    assert "own_judgement" in {k for _, k in cited}, (
        "numbers no source backs are marked as own judgement"
    )


def test_every_source_is_cited_and_none_is_unverified(raw_policy):
    cited = {k for _, k in _cited(raw_policy)}
    assert set(raw_policy["sources"]) == cited, f"never cited: {set(raw_policy['sources']) - cited}"
    for key, source in raw_policy["sources"].items():
        assert (
            "unverified" not in source["title"].lower()
            and "attributed" not in source["title"].lower()
        ), key


def test_points_say_where_the_source_stops(raw_policy):
    """Every factor names the source of its direction and, separately, of the size of its steps."""
    for group in ("factors", "complexity_from_factors"):
        for key, factor in raw_policy[group].items():
            if key == "base_level":
                continue
            assert {"source", "magnitude"} <= factor.keys(), f"{group}.{key}"
            for band in factor.get("bands", [])[1:]:
                assert "source" in band, f"{group}.{key}: every boundary names its source"


def test_size_standards_match_their_sources(policy):
    # EU Recommendation 2003/361/EC: medium < 250, small < 50. Gartner: midsize 100-999.
    assert (policy.standards["eu"].midsize_from, policy.standards["eu"].large_from) == (50, 250)
    assert (policy.standards["gartner"].midsize_from, policy.standards["gartner"].large_from) == (
        100,
        1000,
    )
    assert policy.default_standard == "eu"


def test_own_policy_changes_the_answer(policy_file):
    path = policy_file(lambda d: d["decision"]["yes_from"].update(value=20))
    strict = load_policy(path)
    company = Company(headcount=300, complexity=5)
    assert assess(company).create_cpo == "yes"
    assert assess(company, strict).create_cpo == "consider"
    assert assess(company, strict).policy_version == strict.version


def test_yaml_tags_are_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="valid YAML"):
        load_policy(path)
    assert not marker.exists()


def test_missing_and_huge_policy_files(tmp_path):
    with pytest.raises(PolicyError, match="readable"):
        load_policy(tmp_path / "nope.yaml")
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (2 << 20), encoding="utf-8")
    with pytest.raises(PolicyError, match="at most"):
        load_policy(big)


def test_policy_is_immutable(policy):
    with pytest.raises(TypeError):
        policy.factors["size"] = None  # type: ignore[index]


def test_a_policy_file_written_before_customer_experience_loads_and_answers_as_it_did(
    policy_file,
):
    """A 0.4.0 file has no customer_experience factor and no precedents weights: it loads, the
    factor it lacks scores nothing, while the bundled policy scores a stated "no" -1."""

    def older(d):
        del d["factors"]["customer_experience"]
        del d["precedents"]["business_model_weight"], d["precedents"]["kind_weight"]

    old = load_policy(policy_file(older))
    company = Company(headcount=300, complexity=5, customer_experience=False)
    assert assess(company, old).contributions["customer_experience"] == 0
    assert assess(company).contributions["customer_experience"] == -1
    assert assess(company, old).score == assess(company).score + 1


def test_a_built_policys_hash_is_the_same_whichever_yaml_dumper_writes_it():
    """`Policy.sha256` of a policy built from a dict hashes its YAML; libyaml's dumper (fast)
    and PyYAML's own must write the same text, or a custom policy's label would depend on it."""
    import yaml

    from cpo_model.calibration import variant
    from cpo_model.policy import yaml_dump

    numbers = {"consider_from": 3, "yes_from": 12, "size_step": 0.5, "complexity_step": 0.75}
    for tree in (load_policy().tree, variant(numbers).tree):
        assert yaml_dump(tree) == yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)
