"""Writing a checked import: all files or none, even when the process is interrupted or killed."""

from __future__ import annotations

from pathlib import Path

from zuofeng.core import journal
from zuofeng.core.interrupt import deferred_signals, raise_received


class ImportWriteError(Exception):
    """A file could not be written; everything already written was undone. Message in Chinese."""


def write_all(root: Path, added: dict[Path, bytes], updated: dict[Path, bytes]) -> bool:
    """Create the added files and replace the updated ones through the project's journal.

    Ctrl+C or SIGTERM while the files are staged stops the import with nothing written (the
    signal is raised once the staging is gone); once the journal is committed, the moves are
    finished first. Returns whether a signal came during that last step.
    """
    if not added and not updated:
        return False
    with deferred_signals() as received:
        try:
            staged = journal.stage(root, added, updated, lambda: bool(received))
            journal.apply(staged)
        except journal.Cancelled:
            raise_received(received)
        except OSError as exc:
            raise ImportWriteError(f"无法写入 {exc.filename or ''}：{exc.strerror or exc}；已撤销本次导入写入的文件") from None
    return bool(received)
