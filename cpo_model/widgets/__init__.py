"""Widgets for notebooks and the app: the Explorer and smaller panels.

- `explorer`: `Explorer`, the what-if panel (card, charts, every input)
- `panels`: `PortfolioTable`, `ReadinessPanel`
- `team`: `TeamPanel`, a leadership team's views side by side
- `controls`: the input controls the Explorer is built from
- `reopen`: the bundled notebooks tidied after running (nbval markers as tags, a panel's repr
  as one line saying to run the cell)

The web app's page (`app_page`) lives in `cpo_model.app`.
"""

try:
    import ipywidgets  # noqa: F401
except ImportError as exc:  # a plain `pip install cpo-model`
    from ..errors import MissingExtraError

    raise MissingExtraError("cpo_model.widgets", "notebooks", [exc.name or "ipywidgets"]) from None

from ..charts.live import figure_png  # noqa: E402
from .explorer import CHARTS, Explorer
from .panels import PortfolioTable, ReadinessPanel
from .team import TeamPanel

__all__ = ["CHARTS", "Explorer", "PortfolioTable", "ReadinessPanel", "TeamPanel", "figure_png"]
