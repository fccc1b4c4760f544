"""The Explorer's input controls, one builder per kind, labelled from `data/inputs.yaml`.

>>> yes_no_options("tech_company")[0]
('not stated (assume yes)', '')
"""

from __future__ import annotations

import math

import ipywidgets as W

from ..company import Company
from ..present import OWNER_LABELS, input_label
from ..resources import responsibilities
from ..schema import complexity_levels, headcount_max, input_schema
from ..types import Owner

NUMBER_FIELDS = (
    "product_lines",
    "platforms",
    "customer_segments",
    "markets",
    "product_managers",
    "engineers",
    "annual_growth",
)
YES_NO_FIELDS = (
    "tech_company",
    "product_market_fit",
    "founder_overloaded",
    "ceo_leads_product",
    "regulated",
    "customer_experience",
)
CHOICE_FIELDS = ("business_model",)
ESTIMATED = ("product_managers", "engineers")  # left blank, the model estimates them


def yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def yes_no_options(name: str) -> list[tuple[str, str]]:
    """Not stated (with the default it assumes), yes, no."""
    default = input_schema()[name].get("default")
    unstated = "not stated" + ("" if default is None else f" (assume {'yes' if default else 'no'})")
    return [(unstated, ""), ("yes", "yes"), ("no", "no")]


def headcount_controls(company: Company) -> tuple[W.IntText, W.FloatLogSlider]:
    """A number box and a log slider from 1 to the schema's largest headcount."""
    top = headcount_max()
    box = W.IntText(
        value=company.headcount,
        description=input_label("headcount"),
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


def complexity_controls(company: Company) -> tuple[W.IntSlider, W.HTML, W.Checkbox]:
    """A level slider, its description in words, and 'derive from the factors'."""
    levels = complexity_levels()
    slider = W.IntSlider(
        value=company.complexity or min(levels) + (max(levels) - min(levels)) // 2,
        min=min(levels),
        max=max(levels),
        description="Complexity",
    )
    derive = W.Checkbox(
        value=company.complexity is None,
        description="Derive complexity from the factors",
        indent=False,
    )
    return slider, W.HTML(), derive


def number_field(name: str, value: object) -> W.Text:
    """A text box for an optional number ('' = not given)."""
    spec = input_schema()[name]
    return W.Text(
        value="" if value is None else str(value),
        description=spec["label"],
        placeholder="estimated" if name in ESTIMATED else "not given",
        tooltip=spec["help"],
        style={"description_width": "130px"},
        layout=W.Layout(width="260px"),
    )


def yes_no_field(name: str, value: bool | None) -> W.Dropdown:
    """Not stated / yes / no for a yes/no input."""
    spec = input_schema()[name]
    return W.Dropdown(
        options=yes_no_options(name),
        value=yes_no(value),
        description=spec["label"],
        tooltip=spec["help"],
        style={"description_width": "130px"},
        layout=W.Layout(width="330px"),
    )


def choice_field(name: str, value: str | None) -> W.Dropdown:
    """Not stated first, then the field's choices (`data/inputs.yaml`)."""
    spec = input_schema()[name]
    return W.Dropdown(
        options=[("not stated", "")] + [(c.replace("_", " "), c) for c in spec["choices"]],
        value=value or "",
        description=spec["label"],
        tooltip=spec["help"],
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
