"""cpo-model: should this company create a Chief Product Officer role?

>>> from cpo_model import Company, assess
>>> assess(Company(headcount=10, complexity=1)).create_cpo.value
'no'

`import cpo_model` stays light: NumPy loads with the first `assess`, pandas with the first
`assess_frame`.
"""

from importlib import import_module

from .assessment import Assessment, Change, Reason
from .company import Company
from .errors import InvalidInputError, PolicyError, Problem
from .policy import Policy, load_policy, resolve
from .resources import data_path, responsibilities, skills
from .types import Decision, Owner, Role, Stage

_LAZY = {"assess": ".model", "assess_frame": ".frame"}


def __getattr__(name: str):
    """`assess` and `assess_frame` load NumPy and pandas on first use; `__version__` is read
    from the installed package's metadata (pyproject.toml is its one source)."""
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cpo-model")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'cpo_model' has no attribute {name!r}")


__all__ = [
    "Assessment",
    "Change",
    "Company",
    "Decision",
    "InvalidInputError",
    "Owner",
    "Policy",
    "PolicyError",
    "Problem",
    "Reason",
    "Role",
    "Stage",
    "assess",
    "assess_frame",
    "data_path",
    "load_policy",
    "resolve",
    "responsibilities",
    "skills",
]
