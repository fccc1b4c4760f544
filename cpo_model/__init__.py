"""cpo-model: should this company create a Chief Product Officer role?

>>> from cpo_model import Company, assess
>>> assess(Company(headcount=10, complexity=1)).create_cpo.value
'no'
"""

from .assessment import Assessment, Change, Reason
from .company import Company
from .errors import InvalidInputError, PolicyError, Problem
from .model import assess
from .policy import Policy, load_policy
from .resources import data_path, responsibilities, skills
from .types import Decision, Owner, Role, Stage

__version__ = "0.1.0"


def __getattr__(name: str):
    """`assess_frame` loads pandas on first use, so `import cpo_model` stays light."""
    if name == "assess_frame":
        from .frame import assess_frame

        return assess_frame
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
    "responsibilities",
    "skills",
]
