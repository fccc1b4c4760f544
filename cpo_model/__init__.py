"""cpo-model: should this company create a Chief Product Officer role?

>>> from cpo_model import Company, assess
>>> assess(Company(headcount=10, complexity=1)).create_cpo.value
'no'
"""

from .assessment import Assessment, Change, Reason
from .company import Company
from .errors import InvalidInputError, PolicyError, Problem
from .frame import assess_frame
from .model import assess
from .policy import Policy, load_policy
from .resources import data_path, responsibilities, skills
from .types import Decision, Owner, Role, Stage

__version__ = "0.1.0"

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
