"""The Explorer's input controls, one builder per kind, labelled from `data/inputs.yaml`.

>>> yes_no_options("tech_company")[0]
('not stated (assume yes)', '')
"""

from __future__ import annotations

import math

import ipywidgets as W
import traitlets

from ..company import Company
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


def number_field(name: str, value: object) -> W.Text:
    """A text box for an optional number ('' = not given)."""
    spec = field(name)
    return NumberBox(
        value="" if value is None else str(value),
        description=spec.label,
        placeholder="estimated" if name in ESTIMATED else NOT_STATED,
        tooltip=spec.help,
        style={"description_width": "130px"},
        layout=W.Layout(width="260px"),
    )


def yes_no_field(name: str, value: bool | None) -> W.Dropdown:
    """Not stated / yes / no for a yes/no input."""
    spec = field(name)
    return W.Dropdown(
        options=yes_no_options(name),
        value=yes_no(value),
        description=spec.label,
        tooltip=spec.help,
        style={"description_width": "130px"},
        layout=W.Layout(width="330px"),
    )


def choice_field(name: str, value: str | None) -> W.Dropdown:
    """Not stated first, then the field's choices (`data/inputs.yaml`)."""
    spec = field(name)
    return W.Dropdown(
        options=[(NOT_STATED, "")] + [(c.replace("_", " "), c) for c in spec.choices],
        value=value or "",
        description=spec.label,
        tooltip=spec.help,
        style={"description_width": "130px"},
        layout=W.Layout(width="330px"),
    )


def owner_fields(company: Company) -> dict[str, W.Dropdown]:
    """Who holds each of the nine responsibilities (not stated, CEO, a product lead, nobody)."""
    options = [("not stated", "")] + [(OWNER_LABELS[o], o.value) for o in Owner]
    return {
        r["id"]: W.Dropdown(
            options=options,
            value=company.owners[r["id"]].value if r["id"] in company.owners else "",
            description=r["name"],
            style={"description_width": "260px"},
            layout=W.Layout(width="430px"),
        )
        for r in responsibilities()
    }
