"""Numbers and counts in plain words: plurals, thousands separators, points, durations.

>>> count(1, "product line"), count(1200, "engineer")
('1 product line', '1,200 engineers')
>>> points(0), points(1), points(-3)
('no points', '+1 point', '−3 points')
>>> about(0.3, "engineer"), about(44.6, "engineer")
('less than one engineer', 'about 45 engineers')
>>> number(2500.0), number(2.5), years(0.4)
('2,500', '2.5', 'in about 5 months')
"""

from __future__ import annotations

import math


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


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
