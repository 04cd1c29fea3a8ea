"""`mkdocs serve` after a failed rebuild: the last good site, with the problems shown on every page.

MkDocs (1.6) marks the version it is building as the one wanted and answers no page request
until a build makes it visible: after a failed build every request, and the browser's live
reload, waits until the error is fixed, and the reader sees nothing. Here a failed build
releases them (the last good site is still in place: full builds are swapped in only once they
succeed, and a record's problems stop a dirty build before it writes anything), and every HTML
page served then carries a banner with the problems, as `zuofeng check` prints them. The next
build that succeeds makes a newer version visible: the open tabs reload, without the banner.

The seams: the banner goes in through the server's WSGI application (`get_app`/`set_app` of
the standard library's WSGIServer, public). Releasing the waiting requests has no public
way: it sets MkDocs' private `_visible_epoch` to `_wanted_epoch` under `_epoch_cond`, in
seams.py only; should MkDocs rename them, requests wait as before and the log says so.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any, Callable, Iterable

from mkdocs.exceptions import Abort, BuildError
from mkdocs.livereload import LiveReloadServer

from zuofeng.site import seams

log = logging.getLogger("mkdocs.plugins.zuofeng")

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_STUCK = "An error happened during the rebuild"  # MkDocs' log line after a failed rebuild (no longer true)
_STYLE = ("position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:60vh;overflow:auto;margin:0;"
          "padding:1em 1.5em;background:#fff4f4;color:#5c0000;border-top:4px solid #c62828;"
          "font:14px/1.6 sans-serif;box-shadow:0 -2px 8px rgba(0,0,0,.2)")

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class ServeErrors:
    """The problems of the last build of one `serve` session, shown on the pages it serves."""

    def __init__(self) -> None:
        self.enabled = False  # `mkdocs serve` (any other command: a failed build just stops)
        self.server: LiveReloadServer | None = None  # set once serving (the first build is over)
        self.problems: str | None = None  # the failed build's message; None after a good build

    def attach(self, server: LiveReloadServer) -> None:
        """Serve every HTML page through the banner (`mkdocs serve --clean` included)."""
        self.enabled = True
        self.server = server
        server.set_app(_with_banner(server.get_app(), lambda: self.problems))

    def failed(self, error: BaseException) -> None:
        """A build failed: show its problems over the last good site, or say the preview did not start."""
        if not self.enabled:
            return
        self.problems = describe(error)
        if self.server is None:
            log.warning("zuofeng：首次构建失败，预览没有启动。请按下面列出的问题修改后，重新运行 make serve。")
        elif seams.release_waiting_requests(self.server):
            # MkDocs goes on to say the server will appear stuck: no longer true.
            logging.getLogger("mkdocs.livereload").addFilter(_quiet_stuck_message)
            log.info("zuofeng：预览仍显示上次成功构建的站点，页面底部列出了问题；修正并保存后页面自动刷新。")
        else:
            log.error("zuofeng：无法让预览服务器在构建失败后继续应答（MkDocs 的内部接口已改变）；修正问题并保存后恢复。")

    def succeeded(self) -> None:
        """A build succeeded: pages are served as they are."""
        self.problems = None


def describe(error: BaseException) -> str:
    """A failed build's message for readers: the plugin's Chinese problems, or what kind of failure it was."""
    if isinstance(error, Abort):
        return f"构建已停止（{error.format_message()}）：严格模式把警告当作错误，警告内容见运行 make serve 的终端。"
    if isinstance(error, BuildError):
        return error.format_message()
    return f"构建时出现程序错误（{type(error).__name__}：{error}），详见运行 make serve 的终端。"


def banner(problems: str) -> bytes:
    """The block put at the top of every page's body while the last build has failed."""
    return (f'<div id="zuofeng-serve-error" role="alert" lang="zh-CN" style="{_STYLE}">'
            '<strong>站点未能重新构建，本页仍是上次成功构建的版本。</strong>修正下列问题并保存后，页面会自动刷新。'
            f'<pre style="margin:.5em 0 0;white-space:pre-wrap;font:13px/1.5 monospace">{html.escape(problems, quote=False)}</pre>'
            '</div>').encode("utf-8")


def _with_banner(app: WsgiApp, problems: Callable[[], str | None]) -> WsgiApp:
    """`app` with the banner in its HTML responses while `problems()` names any."""
    def serve(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        shown = problems()
        if shown is None:
            return app(environ, start_response)
        answer: list[Any] = []
        body = app(environ, lambda *args: answer.extend(args))  # status, headers[, exc_info]
        status, headers = answer[:2]
        if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start_response(*answer)
            return body
        content = _read(body)
        found = _BODY.search(content)
        at = found.end() if found else 0
        content = content[:at] + banner(shown) + content[at:]
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"] + [("Content-Length", str(len(content)))]
        start_response(status, headers, *answer[2:])
        return [content]
    return serve


def _read(body: Iterable[bytes]) -> bytes:
    try:
        return b"".join(body)
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()


def _quiet_stuck_message(record: logging.LogRecord) -> bool:
    """Logging filter: drop MkDocs' word that the server will appear stuck (it answers, with the problems)."""
    return _STUCK not in str(record.msg)
