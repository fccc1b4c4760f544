"""The Explorer's input controls, one builder per kind, labelled from `data/inputs.yaml`.

>>> yes_no_options("tech_company")[0]
('not stated (assume yes)', '')
"""

from __future__ import annotations

import math

import ipywidgets as W
import traitlets

from ..company import OWNER_PREFIX, Company
from ..present import OWNER_LABELS, input_label
from ..resources import responsibilities
from ..schema import complexity_levels, field, fields, headcount_max
from ..types import Owner

LEAD = ("headcount", "complexity")  # the two controls at the top, built apart
NUMBER_FIELDS = tuple(f.name for f in fields() if f.numeric and f.name not in LEAD)
YES_NO_FIELDS = tuple(f.name for f in fields() if f.kind == "bool")
CHOICE_FIELDS = tuple(f.name for f in fields() if f.kind == "choice")
ESTIMATED = ("product_managers", "engineers")  # left blank, the model estimates them
NOT_STATED = "not stated"


class _Text(traitlets.Unicode):
    """Text that takes a number set from Python as its digits (None as blank)."""

    def validate(self, obj, value):
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            value = "" if value is None else f"{value}"
        return super().validate(obj, value)


class NumberBox(W.Text):
    """A text box for a number, read by the model's one parser as typed ("1,200", " 300 ");
    a number set from Python (``box.value = 300``) is shown as its digits."""

    value = _Text(help="String value").tag(sync=True)


def yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def yes_no_options(name: str) -> list[tuple[str, str]]:
    """Not stated (with the default it assumes), yes, no."""
    default = field(name).default
    unstated = NOT_STATED + ("" if default is None else f" (assume {'yes' if default else 'no'})")
    return [(unstated, ""), ("yes", "yes"), ("no", "no")]


def headcount_controls(company: Company) -> tuple[NumberBox, W.FloatLogSlider]:
    """A number box (read as typed) and a log slider from 1 to the schema's largest headcount."""
    top = headcount_max()
    box = NumberBox(
        value=str(company.headcount),
        description=input_label("headcount"),
        tooltip=field("headcount").help,
        layout=W.Layout(width="210px"),
    )
    slider = W.FloatLogSlider(
        value=company.headcount,
        base=10,
        min=0,
        max=math.log10(top),
        step=0.01,
        readout=False,
        tooltip=f"Headcount on a log scale, 1 to {top:,}",
        # a live slider echoes its snapped value and would overwrite a typed headcount
        continuous_update=False,
        layout=W.Layout(width="260px"),
    )
    return box, slider


def complexity_options() -> list[tuple[str, int | str]]:
    """'not stated' first (value "": a None value would leave the list with nothing shown),
    then each level with its words."""
    return [(NOT_STATED, "")] + [
        (f"{k}: {words.rstrip('.')}", k) for k, words in complexity_levels().items()
    ]


def complexity_controls(company: Company) -> tuple[W.Dropdown, W.HTML, W.Checkbox]:
    """A level dropdown ('not stated' first), what the model uses in words, and 'derive from
    the factors' (ticked, the dropdown shows the derived level the answer uses)."""
    dropdown = W.Dropdown(
        options=complexity_options(),
        value="" if company.complexity is None else company.complexity,
        description="Complexity",
        tooltip=field("complexity").help,
        layout=W.Layout(width="330px"),
    )
    factors = ("product_lines", "platforms", "customer_segments", "markets", "regulated")
    derive = W.Checkbox(
        value=company.complexity is None and any(getattr(company, n) is not None for n in factors),
        description="Derive complexity from the factors",
        indent=False,
    )
    return dropdown, W.HTML(), derive


def shown_value(name: str, company: Company) -> object:
    """What the control of input `name` (an owner: `owner_<id>`) shows for `company`: '' when
    not stated, a number as its digits, yes/no as "yes"/"no", a choice as itself.

    >>> shown_value("engineers", Company(headcount=90, engineers=40)), shown_value("regulated",
    ...     Company(headcount=90))
    ('40', '')
    """
    if name.startswith(OWNER_PREFIX):
        owner = company.owners.get(name[len(OWNER_PREFIX) :])
        return "" if owner is None else owner.value
    value = getattr(company, name)
    if name == "name":
        return value or ""
    if field(name).kind == "bool":
        return yes_no(value)
    return "" if value is None else str(value)


def number_field(name: str, shown: str) -> W.Text:
    """A text box for an optional number ('' = not given)."""
    spec = field(name)
    return NumberBox(
        value=shown,
        description=spec.label,
        placeholder="estimated" if name in ESTIMATED else NOT_STATED,
        tooltip=spec.help,
        style={"description_width": "130px"},
        layout=W.Layout(width="260px"),
    )


def yes_no_field(name: str, shown: str) -> W.Dropdown:
    """Not stated / yes / no for a yes/no input."""
    spec = field(name)
    return W.Dropdown(
        options=yes_no_options(name),
        value=shown,
        description=spec.label,
        tooltip=spec.help,
        style={"description_width": "130px"},
        layout=W.Layout(width="330px"),
    )


def choice_field(name: str, shown: str) -> W.Dropdown:
    """Not stated first, then the field's choices (`data/inputs.yaml`)."""
    spec = field(name)
    return W.Dropdown(
        options=[(NOT_STATED, "")] + [(c.replace("_", " "), c) for c in spec.choices],
        value=shown,
        description=spec.label,
        tooltip=spec.help,
        style={"description_width": "130px"},
        layout=W.Layout(width="330px"),
    )


def owner_field(name: str, shown: str) -> W.Dropdown:
    """Who holds one of the nine responsibilities (`owner_<id>`): not stated, the CEO, a product
    lead, nobody."""
    rid = name[len(OWNER_PREFIX) :]
    title = next(r["name"] for r in responsibilities() if r["id"] == rid)
    return W.Dropdown(
        options=[(NOT_STATED, "")] + [(OWNER_LABELS[o], o.value) for o in Owner],
        value=shown,
        description=title,
        style={"description_width": "260px"},
        layout=W.Layout(width="430px"),
    )


def name_field(shown: str) -> W.Text:
    """The company's name (optional)."""
    return W.Text(value=shown, description="Name", placeholder="optional")


def control(name: str, shown: str) -> W.Widget:
    """The control of input `name` (an owner: `owner_<id>`) showing `shown` (see `shown_value`).

    >>> control("engineers", "40").value, control("owner_product_vision", "ceo").value
    ('40', 'ceo')
    """
    if name.startswith(OWNER_PREFIX):
        return owner_field(name, shown)
    if name == "name":
        return name_field(shown)
    if name in YES_NO_FIELDS:
        return yes_no_field(name, shown)
    if name in CHOICE_FIELDS:
        return choice_field(name, shown)
    return number_field(name, shown)
