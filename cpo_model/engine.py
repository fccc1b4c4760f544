"""The rules, written once: array functions that serve one company or a million.

`evaluate(rules, columns)` takes one float array per input (NaN = not given, yes/no as 1/0,
`uncovered` = responsibilities held by the CEO or nobody, NaN when no owner is stated) and
returns every intermediate and final value as arrays. `assess` (one company) and
`assess_frame` (a DataFrame) only turn their inputs into these columns and the result back
into words or a frame; the benchmark floor calls `evaluate` on prepared arrays.

>>> import numpy as np
>>> from cpo_model.policy import load_policy
>>> rules = rules_for(load_policy(), "eu")
>>> r = evaluate(rules, {"headcount": np.array([10.0, 150.0, 20000.0])})
>>> r.rank.tolist(), r.stage.tolist()
([0, 1, 2], [0, 1, 2])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .policy import Policy
from .policy_schema import GATE_KEYS, NOTE_KEYS
from .schema import complexity_range, input_schema
from .types import Decision, Role, Stage

FACTORS = (
    "size",
    "complexity",
    "product_managers",
    "uncovered_responsibilities",
    "founder_overloaded",
    "tech_company",
    "product_market_fit",
    "customer_experience",
)
COMPLEXITY_FACTORS = ("product_lines", "platforms", "customer_segments", "markets", "regulated")
FLAGS = (
    "tech_company",
    "product_market_fit",
    "founder_overloaded",
    "ceo_leads_product",
    "customer_experience",
)
SIGNALS = ("founder_overloaded", "tech_company", "product_market_fit", "customer_experience")
GATES = GATE_KEYS  # bit i of `Result.gates`: the gates the policy declares
ASSUMABLE = ("complexity", *FLAGS, "owners")  # bit i of `Result.assumed`
LEVERS = ("headcount", "complexity", "product_managers")
HOW = ("given", "derived", "assumed")  # `Result.complexity_how`
BANDED = ("size", "product_managers", "uncovered_responsibilities")  # `Result.band`
STAGE_TEXTS = ("says", "non_tech", "essential")  # `Result.stage_text`: which text of the stage
NOTES = NOTE_KEYS  # bit i of `Result.notes`: the notes in force, in the order they are shown
EPS = 1e-9  # 0.3 * 70 / 7 is 3, not 2.9999...: estimates round down after this nudge
YES, ROLE_TOP = Decision.YES.rank, Role.CPO.rank


@dataclass(frozen=True, eq=False)
class Rules:
    """One policy and size standard as lookup arrays, built once (see `rules_for`)."""

    policy: Policy
    standard: str
    midsize_from: float
    large_from: float
    bands: Mapping[str, tuple[np.ndarray, np.ndarray]]  # factor -> (lower bounds, points)
    flags: Mapping[str, tuple[float, float]]  # factor -> (points when false, when true)
    level_lo: int
    level_hi: int
    level_points: np.ndarray
    base_level: float
    defaults: Mapping[str, bool]
    engineer_share: tuple[float, float]  # (non-tech, tech)
    engineers_per_pm: float
    cutoffs: tuple[float, float]
    gate_caps: tuple[int, ...]  # answer rank cap per gate
    gate_role_caps: tuple[int, ...]  # role rank cap per gate
    ladder: tuple[tuple[int, int], ...]  # (people from, PMs from) for Head of Product, VP Product
    headcount_max: float
    stage_texts: tuple[tuple[bool, bool], ...]  # per stage: (has a non_tech text, an essential)
    cpto_growth_from: float


def rules_for(policy: Policy, standard: str | None = None) -> Rules:
    """The compiled rules of `policy` under `standard` (cached on the policy)."""
    std = policy.standard(standard)
    if std.key not in policy._compiled:
        policy._compiled[std.key] = _compile(policy, std.key)
    return policy._compiled[std.key]


def _compile(policy: Policy, standard: str) -> Rules:
    std = policy.standards[standard]
    banded = {**policy.factors, **policy.complexity_factors}
    bands = {
        k: (np.array([b.lower for b in f.bands]), np.array([b.points for b in f.bands]))
        for k, f in banded.items()
        if f.bands
    }
    flags = {
        k: (f.points[False], f.points[True])
        for k, f in banded.items()
        if set(f.points) == {False, True}
    }
    lo, hi = complexity_range()
    schema = input_schema()
    est = policy.estimates
    gates = [policy.gates[g] for g in GATES]
    return Rules(
        policy=policy,
        standard=standard,
        midsize_from=float(std.midsize_from),
        large_from=float(std.large_from),
        bands=bands,
        flags=flags,
        level_lo=lo,
        level_hi=hi,
        level_points=np.array(
            [policy.factors["complexity"].points[level] for level in range(lo, hi + 1)]
        ),
        base_level=float(policy.base_level.value),
        defaults={k: bool(schema[k]["default"]) for k in FLAGS},
        engineer_share=(
            est["engineers_per_employee_non_tech"].value,
            est["engineers_per_employee"].value,
        ),
        engineers_per_pm=est["engineers_per_pm"].value,
        cutoffs=(policy.decision["consider_from"].value, policy.decision["yes_from"].value),
        gate_caps=tuple(g.cap.rank for g in gates),
        gate_role_caps=tuple(g.role_cap.rank if g.role_cap else ROLE_TOP for g in gates),
        ladder=tuple(
            (policy.roles[k].people_from, policy.roles[k].product_managers_from)
            for k in ("head_of_product", "vp_product")
        ),
        headcount_max=float(schema["headcount"]["max"]),
        stage_texts=tuple(
            (policy.stages[s.value].non_tech is not None, _essential(policy.stages[s.value]))
            for s in Stage
        ),
        cpto_growth_from=float(policy.notes["cpto"].growth_from.value),
    )


def _essential(stage) -> bool:
    return getattr(stage, "essential", None) is not None


@dataclass(frozen=True, eq=False)
class Result:
    """Everything `evaluate` computed, one array element per company."""

    stage: np.ndarray  # 0 pm_only, 1 midsize, 2 large
    complexity: np.ndarray  # effective level
    complexity_how: np.ndarray  # index into HOW
    engineers: np.ndarray  # given or estimated
    product_managers: np.ndarray  # given or estimated
    estimated: np.ndarray  # bit 0: PMs estimated, bit 1: engineers estimated
    flags: Mapping[str, np.ndarray]  # effective yes/no inputs
    assumed: np.ndarray  # bits over ASSUMABLE
    points: Mapping[str, np.ndarray]
    score: np.ndarray
    score_rank: np.ndarray  # the answer from the score alone (0 no, 1 consider, 2 yes)
    gates: np.ndarray  # bits over GATES: the gates whose condition holds
    rank: np.ndarray  # the answer after the gates
    role: np.ndarray  # rank of `Role`
    band: Mapping[str, np.ndarray]  # factor in BANDED -> index of its band (-1: no band used)
    complexity_steps: Mapping[str, np.ndarray]  # complexity factor -> its step (NaN: not given)
    pm_capped: np.ndarray  # the PM estimate was cut so that PMs + engineers fit the headcount
    uncovered: np.ndarray  # responsibilities held by the CEO or nobody (NaN: owners not stated)
    stage_text: np.ndarray  # index into STAGE_TEXTS
    notes: np.ndarray  # bits over NOTES
    rules: Rules | None = None

    def facts(self, i: int = 0) -> Facts:
        """What the words need to know about company `i`, as plain values (see `Facts`)."""
        return _facts(self, i)


def _band_index(rules: Rules, factor: str, x: np.ndarray) -> np.ndarray:
    lower = rules.bands[factor][0]
    return np.clip(np.searchsorted(lower, x, side="right") - 1, 0, len(lower) - 1)


def _band(rules: Rules, factor: str, x: np.ndarray) -> np.ndarray:
    return rules.bands[factor][1][_band_index(rules, factor, x)]


def given(cols: Mapping[str, np.ndarray], name: str, n: int) -> np.ndarray | None:
    arr = cols.get(name)
    return None if arr is None else np.broadcast_to(np.asarray(arr, dtype=float), (n,))


def evaluate(rules: Rules, cols: Mapping[str, np.ndarray]) -> Result:
    """Apply the rules to valid inputs (see the module docstring for the columns)."""
    hc = np.asarray(cols["headcount"], dtype=float)
    n = len(hc)
    complexity, how, steps = _complexity(rules, cols, n)
    flags, assumed = {}, np.zeros(n, dtype=np.int16)
    for name in FLAGS:
        arr = given(cols, name, n)
        missing = np.ones(n, dtype=bool) if arr is None else np.isnan(arr)
        flags[name] = np.where(missing, rules.defaults[name], (arr if arr is not None else 0) > 0.5)
        assumed |= missing.astype(np.int16) << ASSUMABLE.index(name)
    assumed |= (how == HOW.index("assumed")).astype(np.int16) << ASSUMABLE.index("complexity")
    unc = given(cols, "uncovered", n)
    no_owners = np.ones(n, dtype=bool) if unc is None else np.isnan(unc)
    assumed |= no_owners.astype(np.int16) << ASSUMABLE.index("owners")
    eng, pms, estimated, pm_capped = _team(rules, cols, hc, flags["tech_company"])
    uncovered = np.full(n, np.nan) if unc is None else unc.astype(float)
    band = {
        "size": _band_index(rules, "size", hc),
        "product_managers": _band_index(rules, "product_managers", pms),
        "uncovered_responsibilities": np.where(
            no_owners,
            -1,
            _band_index(rules, "uncovered_responsibilities", np.nan_to_num(uncovered)),
        ),
    }
    points = {
        k: np.where(band[k] < 0, 0.0, rules.bands[k][1][np.maximum(band[k], 0)]) for k in BANDED
    }
    points["complexity"] = rules.level_points[complexity - rules.level_lo]
    for name in SIGNALS:  # a policy without a signal's points scores it 0
        f, t = rules.flags.get(name, (0.0, 0.0))
        points[name] = np.where(flags[name], t, f)
    score = sum(points[k] for k in FACTORS)
    consider, yes = rules.cutoffs
    score_rank = (score >= consider).astype(np.int8) + (score >= yes)
    stage = (hc >= rules.midsize_from).astype(np.int8) + (hc >= rules.large_from)
    holds = (stage == 0, ~flags["product_market_fit"], flags["ceo_leads_product"])
    gates = np.zeros(n, dtype=np.int8)
    rank, role_cap = score_rank.copy(), np.full(n, ROLE_TOP, dtype=np.int8)
    for i, cond in enumerate(holds):
        gates |= cond.astype(np.int8) << i
        rank = np.where(cond, np.minimum(rank, rules.gate_caps[i]), rank)
        role_cap = np.where(cond, np.minimum(role_cap, rules.gate_role_caps[i]), role_cap)
    (head_people, head_pms), (vp_people, vp_pms) = rules.ladder
    ladder = np.where(
        (hc >= vp_people) & (pms >= vp_pms),
        2,
        np.where((hc >= head_people) & (pms >= head_pms), 1, 0),
    )
    role = np.where(
        rank == YES, ROLE_TOP, np.minimum(np.minimum(ladder, role_cap), ROLE_TOP - 1)
    ).astype(np.int8)
    stage_text = _stage_text(rules, stage, flags, rank)
    notes = _notes(rules, cols, n, stage, flags, rank, role)
    return Result(
        stage,
        complexity,
        how,
        eng,
        pms,
        estimated,
        flags,
        assumed,
        points,
        score,
        score_rank,
        gates,
        rank.astype(np.int8),
        role,
        band,
        steps,
        pm_capped,
        uncovered,
        stage_text,
        notes,
        rules,
    )


def _stage_text(
    rules: Rules, stage: np.ndarray, flags: Mapping[str, np.ndarray], rank
) -> np.ndarray:
    """Which text of its stage a company gets: `essential` only for a technology company
    committed to superior customer experience whose answer is yes; `non_tech` outside tech."""
    has_non_tech = np.array([t[0] for t in rules.stage_texts])[stage]
    has_essential = np.array([t[1] for t in rules.stage_texts])[stage]
    tech = flags["tech_company"]
    essential = has_essential & tech & flags["customer_experience"] & (rank == YES)
    return np.where(essential, 2, np.where(~tech & has_non_tech, 1, 0)).astype(np.int8)


def _notes(rules: Rules, cols, n, stage, flags, rank, role) -> np.ndarray:
    """The notes in force (bits over NOTES); each condition is the note's `when` in the policy."""
    growth = given(cols, "annual_growth", n)
    fast = (
        np.zeros(n, dtype=bool)
        if growth is None
        else np.nan_to_num(growth, nan=-np.inf) >= (rules.cpto_growth_from)
    )
    tech, fit, ceo = flags["tech_company"], flags["product_market_fit"], flags["ceo_leads_product"]
    consider = rank == Decision.CONSIDER.rank
    cpto = (rank >= Decision.CONSIDER.rank) & tech & fast
    holds = {
        "cpto": cpto,
        "cpto_against": cpto,
        "fractional": consider
        & (stage < Stage.LARGE.rank)
        & ~ceo
        & fit
        & (role < Role.VP_PRODUCT.rank),
        "pre_fit": ~fit,
        "ceo_leads_product": ceo,
        "non_tech": ~tech & (rank >= Decision.CONSIDER.rank),
        "tech_enabled_services": ~tech & consider,
    }
    out = np.zeros(n, dtype=np.int16)
    for i, key in enumerate(NOTES):
        out |= holds[key].astype(np.int16) << i
    return out


def _complexity(
    rules: Rules, cols: Mapping[str, np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The effective level: as given, else derived from the factors given, else the base level.
    Also each given factor's step (NaN where not given)."""
    level = np.full(n, rules.base_level)
    any_factor = np.zeros(n, dtype=bool)
    steps = {}
    for name in COMPLEXITY_FACTORS:
        arr = given(cols, name, n)
        if arr is None:
            steps[name] = np.full(n, np.nan)
            continue
        missing = np.isnan(arr)
        if name in rules.flags:
            f, t = rules.flags[name]
            pts = np.where(arr > 0.5, t, f)
        else:
            pts = _band(rules, name, np.where(missing, 0.0, arr))
        steps[name] = np.where(missing, np.nan, pts)
        level = level + np.where(missing, 0.0, pts)
        any_factor |= ~missing
    derived = np.clip(np.round(level), rules.level_lo, rules.level_hi)
    stated = given(cols, "complexity", n)
    has_level = np.zeros(n, dtype=bool) if stated is None else ~np.isnan(stated)
    how = np.where(has_level, 0, np.where(any_factor, 1, 2)).astype(np.int8)
    effective = np.where(
        has_level,
        stated if stated is not None else 0.0,
        np.where(any_factor, derived, rules.base_level),
    )
    return effective.astype(np.int64), how, steps


def _team(rules: Rules, cols: Mapping[str, np.ndarray], hc: np.ndarray, tech: np.ndarray):
    """Engineers and PMs as given, else estimated; an estimate keeps PMs + engineers <=
    headcount."""
    n = len(hc)
    eng_given, pm_given = given(cols, "engineers", n), given(cols, "product_managers", n)
    eng_missing = np.ones(n, dtype=bool) if eng_given is None else np.isnan(eng_given)
    pm_missing = np.ones(n, dtype=bool) if pm_given is None else np.isnan(pm_given)
    share = np.where(tech, rules.engineer_share[1], rules.engineer_share[0])
    eng = np.where(eng_missing, share * hc, eng_given if eng_given is not None else 0.0)
    room = np.floor(hc - eng + EPS)
    by_ratio = np.floor(eng / rules.engineers_per_pm + EPS)
    est = np.maximum(0.0, np.minimum(by_ratio, room))
    pms = np.where(pm_missing, est, pm_given if pm_given is not None else 0.0)
    estimated = pm_missing.astype(np.int8) | ((pm_missing & eng_missing).astype(np.int8) << 1)
    return eng, pms, estimated, pm_missing & (by_ratio > room)


@dataclass(frozen=True)
class BandFact:
    """The band a value fell in: from `lower` up to (not including) `upper`, None at the top."""

    lower: float
    upper: float | None
    points: float
    source: str | None  # the source of the lower boundary (None for the first band)
    first: bool


@dataclass(frozen=True)
class GateFact:
    """A gate whose condition held, the caps it applies, and whether it lowered the answer."""

    key: str
    cap: Decision
    role_cap: Role | None
    lowered: bool  # the score alone said more than `cap`


@dataclass(frozen=True)
class Facts:
    """Everything the words need about one company, as `evaluate` decided it.

    >>> import numpy as np
    >>> from cpo_model.policy import load_policy
    >>> rules = rules_for(load_policy(), "eu")
    >>> f = evaluate(rules, {"headcount": np.array([120.0])}).facts(0)
    >>> f.stage.value, f.bands["size"].lower, f.bands["size"].upper, f.points["size"]
    ('midsize', 100.0, 250.0, 3.0)
    """

    stage: Stage
    stage_lower: int  # the stage's headcount band on the standard: from ...
    stage_upper: int | None  # ... up to (not including); None for the large stage
    stage_text: str  # which of the stage's texts applies: one of STAGE_TEXTS
    standard: str
    bands: Mapping[str, BandFact]  # size, product_managers, uncovered (when owners stated)
    points: Mapping[str, float]
    score: float
    score_answer: Decision
    answer: Decision
    role: Role
    complexity: int
    complexity_how: str  # one of HOW
    complexity_steps: Mapping[str, float]  # each complexity factor given -> its step
    product_managers: float
    engineers: float
    estimated: tuple[str, ...]  # "product_managers", "engineers"
    pm_capped: bool  # the PM estimate was cut so that PMs + engineers fit the headcount
    uncovered: float | None  # responsibilities with the CEO or nobody; None: owners not stated
    flags: Mapping[str, bool]  # the yes/no inputs as used
    assumed: tuple[str, ...]  # over ASSUMABLE
    gates: tuple[GateFact, ...]
    notes: tuple[str, ...]  # over NOTES


def _facts(res: Result, i: int) -> Facts:
    from types import MappingProxyType as frozen

    rules = res.rules
    policy = rules.policy
    stage = list(Stage)[int(res.stage[i])]
    bounds = (1, int(rules.midsize_from), int(rules.large_from), None)
    bands = {}
    for key in BANDED:
        j = int(res.band[key][i])
        if j < 0:
            continue
        spec = policy.factors[key].bands
        bands[key] = BandFact(
            float(spec[j].lower),
            float(spec[j + 1].lower) if j + 1 < len(spec) else None,
            float(spec[j].points),
            spec[j].source,
            j == 0,
        )
    score_rank = int(res.score_rank[i])
    gates = tuple(
        GateFact(
            key,
            list(Decision)[rules.gate_caps[g]],
            policy.gates[key].role_cap,
            score_rank > rules.gate_caps[g],
        )
        for g, key in enumerate(GATES)
        if res.gates[i] >> g & 1
    )
    unc = float(res.uncovered[i])
    return Facts(
        stage=stage,
        stage_lower=bounds[stage.rank],
        stage_upper=bounds[stage.rank + 1],
        stage_text=STAGE_TEXTS[int(res.stage_text[i])],
        standard=rules.standard,
        bands=frozen(bands),
        points=frozen({k: float(res.points[k][i]) for k in FACTORS}),
        score=float(res.score[i]),
        score_answer=list(Decision)[score_rank],
        answer=list(Decision)[int(res.rank[i])],
        role=list(Role)[int(res.role[i])],
        complexity=int(res.complexity[i]),
        complexity_how=HOW[int(res.complexity_how[i])],
        complexity_steps=frozen(
            {k: float(v[i]) for k, v in res.complexity_steps.items() if not np.isnan(v[i])}
        ),
        product_managers=float(res.product_managers[i]),
        engineers=float(res.engineers[i]),
        estimated=tuple(
            k for b, k in enumerate(("product_managers", "engineers")) if res.estimated[i] >> b & 1
        ),
        pm_capped=bool(res.pm_capped[i]),
        uncovered=None if np.isnan(unc) else unc,
        flags=frozen({k: bool(v[i]) for k, v in res.flags.items()}),
        assumed=tuple(k for b, k in enumerate(ASSUMABLE) if res.assumed[i] >> b & 1),
        gates=gates,
        notes=tuple(k for b, k in enumerate(NOTES) if res.notes[i] >> b & 1),
    )
