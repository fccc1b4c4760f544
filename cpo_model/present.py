"""Presentation: the palette, the labels in words, and number and text formatting.

One place for how things look and read, so cards, charts, widgets, reports and the CLI agree.
Labels of inputs and factors come from `data/` (see `input_label`); the answer, role and
owner labels are here.

>>> count(1, "product line"), count(1200, "engineer")
('1 product line', '1,200 engineers')
>>> points(0), points(1), points(-3)
('no points', '+1 point', '−3 points')
>>> number(2500.0), number(2.5), years(0.4)
('2,500', '2.5', 'in about 5 months')
>>> shorten("a" * 30, 10), one_line("two\\nlines\\x1b[31m")
('aaaaaaaaa…', 'two lines [31m')
"""

from __future__ import annotations

import math

from .errors import quoted  # noqa: F401 - error values are quoted where errors are made
from .types import Decision, Owner, Role, Stage, Suggestion

# Paul Tol's "muted" scheme: colour-blind safe, calm enough for large areas, the same in the
# app, JupyterLab and the memo (https://personal.sron.nl/~pault/).
DECISION_COLOURS = {Decision.NO: "#88CCEE", Decision.CONSIDER: "#DDCC77", Decision.YES: "#44AA99"}
POSITIVE, NEGATIVE, GREY = "#332288", "#CC6677", "#DDDDDD"  # indigo, rose, pale grey
MAP_HEADCOUNT_TOP = 100_000  # maps span 1 to this many people (wider for larger companies)
OWNER_COLOURS = {
    Owner.PRODUCT_LEAD: DECISION_COLOURS[Decision.YES],
    Owner.CEO: DECISION_COLOURS[Decision.CONSIDER],
    Owner.NOBODY: NEGATIVE,
    None: GREY,
}

DECISION_LABELS = {
    Decision.NO: "Not yet",
    Decision.CONSIDER: "Consider it",
    Decision.YES: "Create the role now",
}
ROLE_LABELS = {
    Role.FOUNDER_LED: "Founder-led product with PMs",
    Role.HEAD_OF_PRODUCT: "Head of Product",
    Role.VP_PRODUCT: "VP Product",
    Role.CPO: "Chief Product Officer",
}
OWNER_LABELS = {
    Owner.CEO: "CEO/founder",
    Owner.PRODUCT_LEAD: "a product lead",
    Owner.NOBODY: "nobody",
}
SUGGESTION_LABELS = {
    Suggestion.PROMOTE: "Promote: ready for the CPO role now",
    Suggestion.DEVELOP: "Develop: close the gaps with coaching or a stretch role",
    Suggestion.HIRE_EXTERNALLY: "Hire externally: the gaps are too wide to close in time",
}


def answer(d: Decision | str) -> str:
    """An answer in words: 'Not yet', 'Consider it', 'Create the role now'."""
    return DECISION_LABELS[Decision(d)]


def role(r: Role | str) -> str:
    """A role in words: 'VP Product'."""
    return ROLE_LABELS[Role(r)]


def stage(s: Stage | str, policy=None) -> str:
    """A stage in words, from the policy's stage labels: 'small', 'midsize', 'large'."""
    from .policy import resolve

    return resolve(policy)[0].stages[Stage(s).value].label


def input_label(name: str) -> str:
    """An input's label from data/inputs.yaml: 'Product managers'."""
    from .schema import input_schema

    return input_schema()[name]["label"]


def yes_no_words(name: str, value: bool) -> str:
    """A yes/no input in words, from data/inputs.yaml: 'not a technology company'."""
    from .schema import input_schema

    return input_schema()[name]["true_words" if value else "false_words"]


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NUMBER_WORDS += ("ten", "eleven", "twelve")


def spelled(n: int) -> str:
    """A small count in words, larger ones in figures: spelled(9) -> 'nine', spelled(15) -> '15'."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else number(n)


def count(n: float, noun: str) -> str:
    """'1 product line', '3 product lines' (whole numbers with thousands separators)."""
    return f"{number(n)} {noun}{'' if n == 1 else 's'}"


def about(x: float, noun: str) -> str:
    """An estimate: 'about 45 engineers', 'less than one engineer' (never 'about 0')."""
    if round(x) < 1:
        return f"less than one {noun}"
    return f"about {count(round(x), noun)}"


def people(n: float) -> str:
    """A headcount in words: '1 person', '1,500 people'."""
    return "1 person" if n == 1 else f"{number(n)} people"


def number(x: float) -> str:
    """A number with thousands separators; whole numbers without a decimal point."""
    return f"{int(x):,}" if float(x) == int(x) else f"{x:,.1f}"


def points(p: float) -> str:
    """Points of a factor: 'no points', '+1 point', '−3 points' (a real minus sign)."""
    if p == 0:
        return "no points"
    sign = "+" if p > 0 else "−"
    return f"{sign}{abs(p):g} point{'' if abs(p) == 1 else 's'}"


def signed(p: float) -> str:
    """'+2', '−3', '0' for tables and chart labels."""
    return "0" if p == 0 else f"{'+' if p > 0 else '−'}{abs(p):g}"


def years(y: float) -> str:
    """'in about 2.3 years', 'in about 5 months' (never '0.0 years')."""
    if y < 1:
        months = max(1, math.ceil(y * 12))
        return f"in about {months} month{'s' if months != 1 else ''}"
    return f"in about {y:.1f} years"


def percent(x: float) -> str:
    """A fraction as a percentage: 0.4 -> '40%'."""
    return f"{x:.0%}"


def join(items: list[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def lower_first(text: str) -> str:
    """'Company size' -> 'company size' (an acronym such as 'CEO ...' stays)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def one_line(text: object) -> str:
    """Text on one terminal-safe line: control characters (ANSI escapes too) become spaces."""
    s = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(s.split())


def shorten(text: object, limit: int = 60) -> str:
    """One line of at most `limit` characters, cut with '…'."""
    s = one_line(text)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def as_typed(value: object, limit: int = 60) -> str:
    """A value as the user typed it when printable, else quoted with escapes; at most `limit`
    characters."""
    text = str(value)
    text = text if text.isprintable() else repr(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def escape_controls(text: str) -> str:
    """Control and line-break characters escaped, so a message is always one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
