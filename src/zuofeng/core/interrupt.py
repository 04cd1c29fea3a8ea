"""SIGINT and SIGTERM for commands that write: an exception where stopping is safe, deferred where it is not."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any, Iterator, NoReturn

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so that the same cleanup runs (and no traceback is printed)."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated()


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Inside the block SIGTERM raises Terminated, as Ctrl+C raises KeyboardInterrupt."""
    if not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def deferred_signals() -> Iterator[list[int]]:
    """Inside the block SIGINT and SIGTERM are only noted (in the yielded list), not acted upon."""
    received: list[int] = []
    if not _in_main_thread():
        yield received
        return
    previous = {number: signal.signal(number, lambda n, _f: received.append(n)) for number in _SIGNALS}
    try:
        yield received
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def raise_received(received: list[int]) -> NoReturn:
    """Act on a deferred signal now: Terminated for SIGTERM, KeyboardInterrupt for Ctrl+C."""
    raise Terminated() if signal.SIGTERM in received else KeyboardInterrupt()
