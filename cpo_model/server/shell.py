"""What the server adds to the app's page: the header and the link's answer at once (never a blank
spinner; the controls follow), a notice with a one-click reload when the connection is lost (a
busy server: the page also tries again by itself), the address bar kept in step with the inputs
(the share link), and the plain "busy" page.

>>> "cpo-skeleton" in inject("<html><head></head><body><div id='app'></div></body></html>", "b1")
True
"""

from __future__ import annotations

import json
from html import escape

from ..app import app_css, header_html

QUERY_PARAM = "cpo_query"  # the page's own query, passed on to its session with its websocket
BOOT_PARAM = "cpo_boot"  # which server start served the page (a restarted server refuses it)
CLOSE_IDLE = 4002  # websocket close codes the page explains in words
CLOSE_RESTARTED = 4001
CLOSE_BUSY = 4003
CLOSE_REFUSED = 4004
BUSY_RETRY_SECONDS = 30  # a visitor turned away (busy page or busy notice) is retried after this
LOADING = "Loading the controls to change the inputs…"

SKELETON_CSS = """
body { background: #f3f4f6; margin: 0; }
#cpo-skeleton .cpo-skeleton-card { background: #fff; border: 1px solid #dde1e6; border-radius: 10px;
  padding: 16px; max-width: 560px; min-height: 160px; }
#cpo-skeleton .cpo-skeleton-card p { margin: 0 0 12px; color: #3d4450; }
#cpo-skeleton .cpo-skeleton-answer { max-width: 560px; }
#cpo-skeleton .cpo-loading { color: #3d4450; font-style: italic; margin: 10px 0; }
#cpo-skeleton .cpo-bar { height: 12px; border-radius: 6px; background: #e6e8eb; margin: 10px 0; }
html.cpo-ready #cpo-skeleton { display: none; }
html:not(.cpo-ready) #app { position: absolute; left: -10000px; top: 0; width: 100%; }
#cpo-notice { display: none; position: fixed; left: 50%; top: 12px; transform: translateX(-50%);
  z-index: 10000; background: #fff8e1; color: #1f2328; border: 1px solid #d4a72c;
  border-radius: 8px;
  padding: 10px 14px; box-shadow: 0 2px 8px rgba(0,0,0,.15); max-width: calc(100vw - 32px);
  box-sizing: border-box; font: 15px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
#cpo-notice.cpo-shown { display: block; }
#cpo-notice button { margin-left: 10px; min-height: 36px; padding: 4px 14px; font: inherit;
  font-weight: 600; border-radius: 6px; border: 1px solid #1f2328; background: #1f2328; color: #fff;
  cursor: pointer; }
@media print { #cpo-notice, #cpo-skeleton { display: none !important; } }
"""

MESSAGES = {
    "lost": "The connection to the app was lost (the server may have restarted).",
    str(CLOSE_IDLE): "This page was idle for a while, so the server let its session go.",
    str(CLOSE_RESTARTED): "The app's server has restarted since this page opened.",
    str(CLOSE_BUSY): (
        "The app is busy: it has as many visitors as it takes at once. This page tries again by "
        f"itself in {BUSY_RETRY_SECONDS} seconds."
    ),
    str(CLOSE_REFUSED): "The app stopped this page's session after a message it could not accept.",
    "action": "Reload: your inputs are kept",
}

# Runs before the app's own scripts: the websocket to the session carries the page's query and
# the server start that served it; the address bar follows the share link; lost connections are
# said within 2 s with a one-click reload (the address holds the inputs); a phone-sized screen
# asks for the decision map drawn for its width (`page.NARROW_PARAM`).
SCRIPT = """
(function () {
  var BOOT = %(boot)s, QP = %(qp)s, BP = %(bp)s, MSG = %(messages)s;
  var BUSY = %(busy)s, RETRY_MS = %(retry_ms)s;
  var Native = window.WebSocket, open = 0, timer = null, shown = false, cause = 'lost';
  function notice(why) {
    if (shown) return; shown = true;
    var box = document.getElementById('cpo-notice');
    if (!box) return;
    box.querySelector('span').textContent = MSG[why] || MSG.lost;
    box.classList.add('cpo-shown');
  }
  function Tracked(url, protocols) {
    var kernel = typeof url === 'string' && url.indexOf('/jupyter/api/kernels/') >= 0;
    if (kernel) {
      var q = location.search.replace(/^\\?/, '');
      if (window.matchMedia && window.matchMedia('(max-width: 600px)').matches) {
        q += (q ? '&' : '') + 'cpo_view=narrow';  // a phone: the map drawn for its width
      }
      url += (url.indexOf('?') >= 0 ? '&' : '?') + QP + '=' + encodeURIComponent(q) +
        '&' + BP + '=' + BOOT;
    }
    var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (kernel) {
      ws.addEventListener('open', function () { open += 1; clearTimeout(timer); });
      ws.addEventListener('close', function (e) {
        open = Math.max(0, open - 1);
        if (e.code >= 4000) {
          cause = String(e.code); notice(cause);
          if (e.code === BUSY) setTimeout(function () { location.reload(); }, RETRY_MS);
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(function () { if (open === 0) notice(cause); }, 2000);
      });
    }
    return ws;
  }
  Tracked.prototype = Native.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { Tracked[k] = Native[k]; });
  window.WebSocket = Tracked;
  function sync() {
    var a = document.querySelector('.cpo-app .cpo-share-link');
    if (a) {
      var q = a.getAttribute('href').replace(/^[^?]*/, '');
      if (q !== location.search) history.replaceState(null, '', location.pathname + q);
    }
    if (document.querySelector('#app .cpo-app .cpo-card')) {
      document.documentElement.classList.add('cpo-ready');
      var sk = document.getElementById('cpo-skeleton');
      if (sk) sk.remove();  // once the app is up, the page holds one header, not two
    }
  }
  new MutationObserver(sync).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['href']});
  document.addEventListener('click', function (e) {
    var t = e.target.closest && e.target.closest('.cpo-print, #cpo-notice button');
    if (!t) return;
    e.preventDefault();
    if (t.classList.contains('cpo-print')) window.print(); else location.reload();
  });
})();
"""


def skeleton_html(answer: str = "") -> str:
    """The header as the app shows it, and the answer (`answer`, the card's HTML: the app's
    first answer for the link) or a placeholder for it, until the controls arrive."""
    if answer:
        card = (
            f"<div class='cpo-skeleton-answer'>{answer}<p class='cpo-loading'>{LOADING}</p></div>"
        )
    else:
        card = (
            "<div class='cpo-skeleton-card'><p>Working out the answer for your company…</p>"
            "<div class='cpo-bar' style='width:70%'></div><div class='cpo-bar' "
            "style='width:90%'></div><div class='cpo-bar' style='width:55%'></div></div>"
        )
    return (
        "<div id='cpo-skeleton' class='cpo-app' aria-busy='true'>"
        f"{header_html()}{card}</div>"
        "<div id='cpo-notice' role='alert'><span></span>"
        f"<button type='button'>{escape(MESSAGES['action'])}</button></div>"
    )


def inject(page: str, boot: str, answer: str = "") -> str:
    """The app's page with our script and styles first in <head> and the skeleton (with
    `answer`, when given) first in <body>."""
    script = SCRIPT % {
        "boot": json.dumps(boot),
        "qp": json.dumps(QUERY_PARAM),
        "bp": json.dumps(BOOT_PARAM),
        "messages": json.dumps(MESSAGES),
        "busy": json.dumps(CLOSE_BUSY),
        "retry_ms": json.dumps(BUSY_RETRY_SECONDS * 1000),
    }
    head = (
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Should we create a Chief Product Officer role? — cpo-model</title>"
        f"<style>{app_css()}{SKELETON_CSS}</style><script>{script}</script>"
    )
    page = page.replace("<head>", "<head>" + head, 1)
    at = page.find("<body")
    if at >= 0:
        end = page.find(">", at) + 1
        page = page[:end] + skeleton_html(answer) + page[end:]
    return page


def busy_page(sessions: int, retry_seconds: int) -> str:
    """The plain page for a visitor the server cannot take now; it retries by itself."""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<meta http-equiv='refresh' content='{retry_seconds}'>"
        "<title>The app is busy — cpo-model</title>"
        "<style>body{font:17px/1.5 system-ui,sans-serif;max-width:36em;margin:3em auto;"
        "padding:0 1em;color:#1f2328}</style></head><body>"
        "<h1>The app is busy</h1>"
        f"<p>{sessions} people are using it, the most this server takes at once. This page "
        f"tries again by itself in {retry_seconds} seconds; your link and its inputs are "
        "kept.</p></body></html>"
    )


def plain_page(title: str, text: str, status_line: str = "") -> str:
    """A short page in plain words (not found, a bad link, a memo that failed)."""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)} — cpo-model</title>"
        "<style>body{font:17px/1.5 system-ui,sans-serif;max-width:36em;margin:3em auto;"
        "padding:0 1em;color:#1f2328}</style></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(text)}</p>"
        f"{escape(status_line)}<p><a href='./'>Open the app</a></p></body></html>"
    )
