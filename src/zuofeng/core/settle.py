"""Settling what an interrupted command left behind: an import's journal, a write's temporary file."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

from zuofeng.core import journal
from zuofeng.core.input.discover import describe_os_error
from zuofeng.core.interrupt import deferred_signals
from zuofeng.core.problems import display_path

# The temporary file zuofeng.core.safe_write writes beside a record before linking it into place.
TEMP_NAME = re.compile(r"\..+\.md\.[a-z0-9_]{8}\.tmp\Z")


def settle(root: Path, records_dir: Path) -> list[str]:
    """Finish or undo an interrupted import and remove interrupted writes' leftovers; a note for each.

    The caller holds the project's lock: no other command is writing.
    """
    notes = []
    with deferred_signals():  # a second Ctrl+C must not cut the settling itself short
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(root / journal.FINISHED)
        if (root / journal.FOLDER).exists():
            notes.append(_settle_import(root))
        removed = _remove_leftovers(records_dir, root)
    if removed:
        notes.append(f"已删除中断的写入留下的临时文件 {len(removed)} 个：{'、'.join(removed[:3])}"
                     + ("等" if len(removed) > 3 else ""))
    return notes


def _settle_import(root: Path) -> str:
    shown = journal.FOLDER
    try:
        committed = journal.read(root)
    except (ValueError, KeyError, TypeError, OSError):
        return f"上次导入被中断，其日志 {shown}/{journal.JOURNAL} 无法读取：请人工检查 records/ 后删除 {shown}"
    try:
        return _settled(root, committed)
    except OSError as exc:
        return f"上次导入被中断，无法处理其日志（{describe_os_error(exc)}：{exc.filename or ''}）：请人工检查 {shown}"


def _settled(root: Path, committed: journal.Journal | None) -> str:
    if committed is None:  # interrupted before its journal was written: nothing was moved
        count = journal.planned(root)
        journal.finish(root)
        return f"上次导入被中断（{count} 条尚未写入）：已撤销，记录未改动"
    total, before = len(committed.moves), journal.moved(committed)
    head = f"上次导入被中断（已写入 {before}/{total} 条）"
    if not journal.marked_for_rollback(root):
        try:
            journal.roll_forward(committed)
            journal.finish(root)
            return f"{head}：已完成，{total} 条全部写入"
        except OSError as exc:
            journal.mark_rollback(committed)
            head += f"，无法补完（{describe_os_error(exc)}：{exc.filename or ''}）"
    journal.roll_back(committed)
    journal.finish(root)
    return f"{head}：已撤销，记录恢复原状"


def _remove_leftovers(records_dir: Path, root: Path) -> list[str]:
    removed = []
    for folder, _, names in os.walk(records_dir):
        for name in names:
            if TEMP_NAME.match(name):
                path = Path(folder, name)
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(display_path(path, root))
    return removed


def needs_settling(root: Path, records_dir: Path) -> bool:
    """Whether an interrupted command left anything (checked without the lock, for read-only commands)."""
    if (root / journal.FOLDER).exists() or (root / journal.FINISHED).exists():
        return True
    return any(TEMP_NAME.match(name) for _, _, names in os.walk(records_dir) for name in names)
