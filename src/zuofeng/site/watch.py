"""Watching records/ while serving: the system's own file events instead of MkDocs' polling.

MkDocs' LiveReloadServer polls every watched folder twice a second. records/ holds the whole
ledger: at 20,000 records one poll stats every file (0.12–0.18 s of Python), so the poller
takes a quarter of the interpreter, competing with the very rebuild it asked for, and an edit
waits up to half a second to be seen. watchdog's native observer (inotify on Linux, FSEvents
on macOS, ReadDirectoryChangesW on Windows) is told of each change as it happens. It is asked
for changes only, as MkDocs' poller sees them: opening or reading a file is not a change, and
the build itself reads the edited record (which would set off a second build).

The seam: MkDocs' `LiveReloadServer.watch()` schedules its handler (which asks for a rebuild)
on `server.observer`, a public attribute (seams.py); it is pointed at a native observer for that one call.
Where there is no such attribute, no native observer, or the system refuses the watches (inotify
limits, some network drives), records/ is polled as before.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from zuofeng.site import seams

log = logging.getLogger("mkdocs.plugins.zuofeng")

CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirModifiedEvent, DirMovedEvent,
]


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, telling of changes only (watchdog's documented `event_filter`)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None, follow_symlink: bool = False) -> ObservedWatch:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def watch_natively(server: LiveReloadServer, folder: Path) -> BaseObserver | None:
    """Have `server` rebuild on any change below `folder`; the native observer started for it, if any."""
    if seams.polling_observer(server) is None or issubclass(Observer, PollingObserver):
        server.watch(str(folder))
        return None
    native = ChangesObserver()
    try:
        native.start()
        # The system may refuse the watches (too many folders for inotify): found out before MkDocs is told.
        native.unschedule(native.schedule(FileSystemEventHandler(), str(folder), recursive=True))
    except OSError as exc:
        native.stop()
        log.info("zuofeng：无法使用系统的文件变更通知（%s），改为定时扫描 %s", exc, folder)
        server.watch(str(folder))
        return None
    with seams.observer_swapped(server, native):
        server.watch(str(folder))
    return native
