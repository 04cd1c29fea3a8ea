"""The project's write lock as commands take it: what an interrupted command left is settled, and said."""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator

from zuofeng.core.lock import LockBusy, project_lock
from zuofeng.core.project import Settings
from zuofeng.core.settle import needs_settling, settle

__all__ = ["LockBusy", "settle_for_reading", "writing"]


@contextlib.contextmanager
def writing(settings: Settings, command: str) -> Iterator[None]:
    """Hold the lock for a command that writes (LockBusy at once if another holds it), settled first."""
    with project_lock(settings.root, command):
        _say(settle(settings.root, settings.records_dir))
        yield


def settle_for_reading(settings: Settings) -> None:
    """For `check`: settle what an interrupted command left, unless another command is writing now."""
    if not needs_settling(settings.root, settings.records_dir):
        return
    try:
        with project_lock(settings.root, "check"):
            _say(settle(settings.root, settings.records_dir))
    except LockBusy as exc:
        print(f"注意：另一个 zuofeng 命令正在写入（{exc.holder}），检查的可能是写入一半的记录", file=sys.stderr)
    except OSError as exc:  # a read-only checkout: say why nothing was settled, and check what is there
        print(f"注意：无法处理上次中断的写入（{exc.strerror or exc}）", file=sys.stderr)


def _say(notes: list[str]) -> None:
    for note in notes:
        print(f"zuofeng：{note}", file=sys.stderr)
