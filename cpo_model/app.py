"""The Explorer as a web app for people who never open Jupyter: the page, and serving it with Voilà.

`app_page()` is what `notebooks/app.ipynb` shows: a title, a short intro, the Explorer (answers
in words, no code labels) and a note on sources, styled by `app.css`. `serve()` runs Voilà on
127.0.0.1 unless told otherwise, with a page template that loads nothing from the network.

cpo-model app [--port 8866] [--host 127.0.0.1]
"""

from __future__ import annotations

import os
import socket
import sys
from html import escape
from importlib.resources import files
from pathlib import Path

from .errors import InputFileError

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8866
APP_NOTEBOOK = "app.ipynb"
# jupyter_data/voila/templates/cpo-offline: Voila's lab page without its CDN icon fonts
TEMPLATE = "cpo-offline"
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"


def app_css() -> str:
    """The app's stylesheet (`cpo_model/app.css`)."""
    return files("cpo_model").joinpath("app.css").read_text(encoding="utf-8")


def app_page(company=None):
    """The web app's page: a title, a short intro, the Explorer and a team's views (two tabs),
    and a note on sources."""
    import ipywidgets as W

    from .method import footer_text
    from .present import DECISION_COLOURS, DECISION_LABELS
    from .types import Decision
    from .widgets import Explorer, TeamPanel

    chips = "".join(
        "<span class='cpo-chip'><i "
        f"style='background:{DECISION_COLOURS[d]}'></i>{escape(DECISION_LABELS[d])}</span>"
        for d in Decision
    )
    header = W.HTML(
        f"<style>{app_css()}</style>"
        "<header class='cpo-header'><h1>Should we create a Chief Product Officer role?</h1>"
        "<p class='cpo-intro'>Set your company's <b>headcount</b> and <b>product "
        "complexity</b> and get an answer "
        "you can defend: the role that fits today, every reason with its source, the "
        "smallest change that would "
        "move the answer, and real companies of your size. Open <b>Advanced</b> for the "
        "product team, signals and "
        "who owns each product responsibility today.</p>"
        f"<div class='cpo-answers'><span>Three possible answers:</span>{chips}</div></header>"
    )
    explorer = Explorer(company, code_labels=False)
    footer = W.HTML(  # the stages as the policy words them
        f"<footer class='cpo-footer'>{escape(footer_text(explorer.policy))}</footer>"
    )
    team = TeamPanel(explorer.assessment.company, policy=explorer.policy)
    team_intro = W.HTML(
        "<p class='cpo-intro'>A CPO is created by a leadership team, not by one person. Add "
        "each person's view of the judgement calls; the team's answer takes the median and the "
        "majority, and the first line says which disagreement to settle first.</p>"
    )
    views = W.Tab(children=[explorer, W.VBox([team_intro, team])])
    views.set_title(0, "Your view")
    views.set_title(1, "A team's views")
    views.add_class("cpo-views")
    page = W.VBox([header, views, footer], layout=W.Layout(width="100%"))
    page.add_class("cpo-app")
    page.explorer, page.team = explorer, team
    return page


def app_notebook() -> Path:
    """The app notebook: inside the package (a wheel) or notebooks/ (a checkout)."""
    from .resources import notebooks_dir

    try:
        nb = notebooks_dir() / APP_NOTEBOOK
    except FileNotFoundError as exc:
        raise InputFileError(str(exc)) from None
    if not nb.is_file():
        raise InputFileError(f"app notebook {nb} not found")
    return nb


def check_port(host: str, port: int) -> None:
    """Raise `InputFileError` with one clear line when `port` cannot be bound on `host`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            msg = (
                f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); choose another "
                "port with --port"
            )
            raise InputFileError(msg) from None


def voila_command(host: str, port: int, notebook: Path | None = None) -> list[str]:
    """The Voilà command line that serves the app (run it with `voila_env()`)."""
    nb = notebook or app_notebook()
    return [
        sys.executable,
        "-m",
        "voila",
        str(nb),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={host}",
        f"--template={TEMPLATE}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
    ]


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voilà: our page template on JUPYTER_PATH, and no MPLBACKEND
    (kernels inherit it, and inline figures would stop rendering)."""
    env = dict(os.environ if base is None else base)
    env.pop("MPLBACKEND", None)
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p
    )
    return env


def serve(host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> int:
    """Run the app until interrupted; Voilà replaces this process (its signals and exit status)."""
    from .extras import require

    require("notebooks", "the app")
    check_port(host, port)
    nb = app_notebook()
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    print(f"cpo-model app: serving {nb.name} at {url} (Ctrl-C to stop)", flush=True)
    cmd = voila_command(host, port, nb)
    os.chdir(nb.parent)
    os.execve(cmd[0], cmd, voila_env())
    return 0  # pragma: no cover - not reached
