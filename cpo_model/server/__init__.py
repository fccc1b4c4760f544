"""The app's server: the page (`cpo_model.app.app_page`) for many visitors at once, one process
per core, behind the project's guard.

`serve(host, port, limits)` is what `cpo-model app` runs. Modules: `run` (the processes: socket,
server, replacing one that ends, shutdown), `guard` (allowed paths, session cap, message checks,
idle pages), `outbox` (a page's messages sent without waiting), `shell`
(what the page adds: skeleton, lost-connection notice, address bar, busy page), `share` (inputs
<-> a link), `memo` (the memo for a link), `page`/`visit` (one visitor's page), `settings`.
"""

from .settings import Limits

__all__ = ["Limits", "serve"]


def serve(*args, **kwargs) -> int:
    """Run the app's server until interrupted (see `run.serve`)."""
    from .run import serve as _serve

    return _serve(*args, **kwargs)
