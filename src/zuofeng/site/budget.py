"""A time budget for turning one record's Markdown into HTML.

python-markdown is quadratic on some inputs (20,000 `[` take a minute, 20,000 `<a ` as
long): one hostile record must not hold CI for hours. A record page that overruns stops
the build with the record named. Only where POSIX interval timers exist, in the main thread.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

from mkdocs.exceptions import PluginError

BASE_SECONDS = 10.0
SECONDS_PER_100K = 1.0  # a large but ordinary body (10 MB: about 4 s) stays far inside its budget


def _available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def seconds_for(text: str, base: float = BASE_SECONDS) -> float:
    """Budget for a page of this length."""
    return base + SECONDS_PER_100K * len(text) / 100_000


def arm(record_path: str, text: str, base: float = BASE_SECONDS) -> None:
    """Start the clock for one record page; rendering past the budget raises PluginError."""
    if not _available():
        return
    seconds = seconds_for(text, base)

    def overrun(signum: int, frame: FrameType | None) -> None:
        raise PluginError(f"{record_path}:1: 正文过于复杂，{seconds:g} 秒内未能排版完成（例如大量未配对的方括号或尖括号），构建已停止")

    signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def disarm() -> None:
    """Stop the clock (the page rendered in time, or the build is over)."""
    if _available():
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
