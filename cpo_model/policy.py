"""The decision policy: every number the model uses, with its source, loaded from YAML.

`load_policy()` reads and validates a file (the bundled `data/policy.yaml` by default) into an
immutable `Policy`; `policy_check` holds the validation. Each number carries the source of its
direction (`source`) and, for points, of its size (`magnitude`).

>>> policy = load_policy()
>>> policy.standards["eu"].large_from
250
>>> policy.band_points("product_managers", 4)
1.0
>>> policy.gates["small_stage"].cap
<Decision.CONSIDER: 'consider'>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InvalidInputError, PolicyError, Problem
from .resources import data_path
from .types import Decision, Role

MAX_POLICY_BYTES = 1 << 20  # a policy file is a few KB; refuse anything past 1 MiB unread


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str | None
    year: int | None
    kind: str

    def cite(self) -> str:
        """Short citation: title, year."""
        return f"{self.title}, {self.year}" if self.year else self.title


@dataclass(frozen=True)
class SizeStandard:
    key: str
    label: str
    midsize_from: int
    large_from: int
    source: str
    rationale: str


@dataclass(frozen=True)
class StageText:
    """What the source text says of one stage; `non_tech` replaces it outside tech (when set);
    `essential` replaces it where the engine says the role is essential (when set)."""

    key: str
    label: str
    says: str
    source: str
    non_tech: str | None = None
    non_tech_source: str | None = None
    essential: str | None = None
    essential_source: str | None = None


@dataclass(frozen=True)
class Band:
    lower: float
    points: float
    source: str | None  # the boundary's source; None for the first band


@dataclass(frozen=True)
class Factor:
    """Points for one input: by category (`points`) or by lower bounds (`bands`)."""

    key: str
    label: str
    points: Mapping[Any, float]  # category -> points (empty for bands)
    bands: tuple[Band, ...]  # ascending (empty for points)
    source: str  # the direction
    magnitude: str  # the size of the steps
    rationale: str


@dataclass(frozen=True)
class Number:
    value: float
    source: str
    rationale: str
    label: str = ""


@dataclass(frozen=True)
class Gate:
    key: str
    label: str
    cap: Decision
    role_cap: Role | None
    source: str
    rationale: str
    role_cap_source: str | None = None


@dataclass(frozen=True)
class RoleStep:
    key: str
    people_from: int
    product_managers_from: int
    source: str
    rationale: str


@dataclass(frozen=True)
class Note:
    key: str
    text: str
    source: str
    when: str
    growth_from: Number | None = None


@dataclass(frozen=True, eq=False)
class Policy:
    """A validated, immutable policy. Build it with `load_policy` or `Policy.from_dict`."""

    version: str
    sources: Mapping[str, Source]
    standards: Mapping[str, SizeStandard]
    default_standard: str
    stages: Mapping[str, StageText]
    factors: Mapping[str, Factor]
    complexity_factors: Mapping[str, Factor]
    base_level: Number
    estimates: Mapping[str, Number]
    decision: Mapping[str, Number]
    gates: Mapping[str, Gate]
    roles: Mapping[str, RoleStep]
    precedents: Mapping[str, Number]
    notes: Mapping[str, Note]
    path: str | None = None
    text: str | None = field(default=None, repr=False)  # the YAML it was loaded from
    _compiled: dict = field(
        default_factory=dict, repr=False
    )  # engine rules by standard (see engine.rules_for)

    def __reduce__(self):
        """Pickled as its YAML text (to Dask or process workers): rebuilt and validated there."""
        if self.text is None:
            raise TypeError(
                "a Policy built with Policy.from_dict cannot be sent to another process; "
                "load it from a file with load_policy"
            )
        return parse_policy, (self.text, self.path or "policy")

    @classmethod
    def from_dict(cls, raw: Any, path: str | None = None) -> Policy:
        """Validate a parsed policy; raise `PolicyError` naming every bad key path."""
        from .policy_check import build

        return build(raw, path)

    def band_points(self, factor: str, value: float) -> float:
        """Points of a banded factor (main or complexity) for `value`."""
        f = self.factors.get(factor) or self.complexity_factors[factor]
        pts = 0.0
        for band in f.bands:
            if value >= band.lower:
                pts = float(band.points)
        return pts

    def cite(self, *keys: str) -> str:
        """Short citation of one or more source keys, joined with '; ' (each once)."""
        out = []
        for key in dict.fromkeys(k for k in keys if k):
            source = self.sources.get(key)
            out.append(source.cite() if source else key)
        return "; ".join(out)

    def standard(self, key: str | None = None) -> SizeStandard:
        """A size standard by key (the policy's default when None); unknown keys are refused."""
        key = self.default_standard if key is None else key
        if key not in self.standards:
            raise InvalidInputError(
                [Problem("standard", key, f"one of {', '.join(self.standards)}")]
            )
        return self.standards[key]


def resolve(
    policy: Policy | str | Path | None = None, standard: str | None = None
) -> tuple[Policy, SizeStandard]:
    """The one policy resolver: a `Policy`, a path to a policy file, or None (the bundled one),
    and its size standard (the policy's default when None).

    >>> resolve(None, "gartner")[1].large_from
    1000
    """
    if not isinstance(policy, Policy):
        policy = load_policy(policy)
    return policy, policy.standard(standard)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Policy:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise PolicyError(
            [Problem("policy", path, f"a readable YAML file ({exc.strerror})")]
        ) from None
    if size > MAX_POLICY_BYTES:
        raise PolicyError(
            [Problem("policy", path, f"a file of at most {MAX_POLICY_BYTES} bytes, not {size}")]
        )
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(
            [Problem("policy", path, f"a readable UTF-8 YAML file ({exc})")]
        ) from None
    return parse_policy(text, path)


@lru_cache(maxsize=8)
def parse_policy(text: str, path: str = "policy") -> Policy:
    """A policy from its YAML text (`path` names it in errors)."""
    import yaml  # loaded on first use: `import cpo_model` stays light

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        msg = " ".join(str(exc).split())
        raise PolicyError(
            [Problem("policy", path, f"valid YAML with plain values only ({msg})")]
        ) from None
    return replace(Policy.from_dict(raw, path), text=text)


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate a policy file; the bundled `data/policy.yaml` when `path` is None."""
    return _load_cached(str(Path(path) if path is not None else data_path("policy.yaml")))
