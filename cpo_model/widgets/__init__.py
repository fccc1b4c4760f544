"""Widgets for notebooks and the app: the Explorer and smaller panels.

- `explorer`: `Explorer`, the what-if panel (card, charts, every input)
- `panels`: `PortfolioTable`, `ReadinessPanel`
- `controls`: the input controls the Explorer is built from, and `figure_png`

The web app's page (`app_page`) lives in `cpo_model.app`.
"""

from .controls import figure_png
from .explorer import CHARTS, Explorer
from .panels import PortfolioTable, ReadinessPanel

__all__ = ["CHARTS", "Explorer", "PortfolioTable", "ReadinessPanel", "figure_png"]
