"""The decision policy: every number the model uses, with its source, loaded from YAML.

`load_policy()` reads and validates a file (the bundled `data/policy.yaml` by default) into an
immutable `Policy`; `policy_schema` declares its parts and validates them. Each number carries
the source of its direction (`source`) and, for points, of its size (`magnitude`). A policy knows
its identity (`Policy.identity`: version, sha256 of its file, whether it is the bundled one).

>>> policy = load_policy()
>>> policy.standards["eu"].large_from
250
>>> policy.band_points("product_managers", 4)
1.0
>>> policy.gates["small_stage"].cap
<Decision.CONSIDER: 'consider'>
>>> policy.identity.bundled, policy.identity.label == policy.version
(True, True)
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from .errors import InvalidInputError, PolicyError, Problem
from .policy_schema import (  # noqa: F401 - the parts of a policy, importable from here too
    Band,
    Factor,
    Gate,
    Note,
    Number,
    RoleStep,
    SizeStandard,
    Source,
    StageText,
    check,
)
from .resources import data_path

POLICY_ENV = "CPO_MODEL_POLICY"  # how `cpo-model app/lab --policy` pass a policy to notebooks
MAX_POLICY_BYTES = 1 << 20  # a policy file is a few KB; refuse anything past 1 MiB unread


@dataclass(frozen=True)
class PolicyIdentity:
    """Which policy an answer came from: its version, the sha256 of its file, whether it is the
    bundled (calibrated) one, and its path (None for the bundled one).

    >>> PolicyIdentity("2026.12-1", "ab" * 32, False, "mine.yaml").label
    '2026.12-1+custom.abababababab'
    """

    version: str
    sha256: str
    bundled: bool
    path: str | None = None

    @property
    def label(self) -> str:
        """The version for the bundled policy; `<version>+custom.<sha12>` for any other."""
        return self.version if self.bundled else f"{self.version}+custom.{self.sha256[:12]}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: version, sha256, bundled, and path for a policy other than the bundled."""
        out: dict[str, Any] = {
            "version": self.version,
            "sha256": self.sha256,
            "bundled": self.bundled,
        }
        if not self.bundled and self.path:
            out["path"] = self.path
        return out


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
    _tree: Any = field(default=None, repr=False)  # the parsed YAML (for identity and diffs)
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
        return cls(**check(raw, path), path=path, _tree=copy.deepcopy(raw))

    @property
    def tree(self) -> Any:
        """The policy as parsed YAML (a copy: nested dicts and lists), for diffs and tables."""
        if self._tree is None and self.text is not None:
            return _yaml_tree(self.text)
        return copy.deepcopy(self._tree)

    @cached_property
    def sha256(self) -> str:
        """The sha256 of the policy file's bytes (of its YAML dump when built from a dict)."""
        if self.text is not None:
            return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return hashlib.sha256(yaml_dump(self._tree).encode("utf-8")).hexdigest()

    @property
    def bundled(self) -> bool:
        """True when this is the bundled, calibrated policy (the same bytes as its file)."""
        return self.sha256 == _bundled_sha256()

    @property
    def identity(self) -> PolicyIdentity:
        """Version, sha256, bundled or not, and path (a custom policy's)."""
        bundled = self.bundled
        return PolicyIdentity(self.version, self.sha256, bundled, None if bundled else self.path)

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


@cache
def _bundled_sha256() -> str:
    return hashlib.sha256(data_path("policy.yaml").read_bytes()).hexdigest()


def yaml_dump(tree: Any) -> str:
    """A policy tree as YAML, keys in order: libyaml's safe dumper where PyYAML has it (the same
    text as the pure-Python one, several times faster; a test checks they agree), else that one.
    """
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(tree, Dumper=dumper, sort_keys=False, allow_unicode=True)


def _yaml_tree(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def _load(path: str) -> Policy:
    try:
        st = Path(path).stat()
    except OSError as exc:
        raise PolicyError(
            [Problem("policy", path, f"a readable YAML file ({exc.strerror})")]
        ) from None
    return _load_cached(path, st.st_mtime_ns, st.st_size)  # an edited file is read again


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> Policy:
    p = Path(path)
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
    return Policy(**check(raw, path), path=path, text=text, _tree=raw)


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate a policy file; the bundled `data/policy.yaml` when `path` is None."""
    return _load(str(Path(path) if path is not None else data_path("policy.yaml")))


def policy_from_env() -> str | None:
    """The policy file `cpo-model app --policy` or `lab --policy` named for the notebooks they
    run (the CPO_MODEL_POLICY environment variable), or None for the bundled policy.

    >>> policy_from_env() is None or isinstance(policy_from_env(), str)
    True
    """
    return os.environ.get(POLICY_ENV) or None
