"""An import's files staged in the project, then moved into the records tree together, or not at all.

Staged files and a copy of every file to be replaced are written and synced first; then the journal
(the list of moves) is synced and renamed into place — that rename is the commit. Until it, the
records tree is untouched and an interruption throws the staging away; after it, the moves are
finished, by this process or by the next command that settles the project. A move that fails
marks the journal for rollback and every move already made is undone.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from zuofeng.core.lock import STATE_FOLDER

FOLDER = f"{STATE_FOLDER}/import"
FINISHED = f"{STATE_FOLDER}/import.done"
JOURNAL, PLANNED, ROLLBACK = "journal.json", "planned", "rollback"
# Test-only: seconds to wait after each staged file and each move, so that a test can interrupt
# an import half-way deterministically (tests/test_import_atomic.py). Never set it otherwise.
SLOW_WRITE = "ZUOFENG_TEST_SLOW_WRITE"


@dataclass(frozen=True)
class Move:
    """One file of the import: where it goes, its staged copy, and the copy of the file it replaces."""

    target: str  # relative to the project root
    staged: str  # relative to the journal folder
    backup: str | None  # relative to the journal folder; None for a new file


@dataclass(frozen=True)
class Journal:
    root: Path
    moves: list[Move]
    folders: list[str]  # folders the moves need that do not exist yet, outermost first

    @property
    def folder(self) -> Path:
        return self.root / FOLDER


class Cancelled(Exception):
    """Staging stopped on request (a signal came); the journal folder was removed again."""


def stage(root: Path, added: dict[Path, bytes], updated: dict[Path, bytes], cancelled: Callable[[], bool]) -> Journal:
    """Write every file into the journal folder and commit the journal; the records tree is untouched.

    `cancelled` is asked after each file: if it says so, or anything fails before the commit, the
    journal folder is removed again (Cancelled is raised for the former).
    """
    folder = root / FOLDER
    (folder / "new").mkdir(parents=True)
    try:
        return _staged(root, folder, added, updated, cancelled)
    except BaseException:
        finish(root)
        raise


def _staged(root: Path, folder: Path, added: dict[Path, bytes], updated: dict[Path, bytes],
            cancelled: Callable[[], bool]) -> Journal:
    (folder / "old").mkdir()
    (folder / PLANNED).write_text(str(len(added) + len(updated)))
    moves, folders = [], _missing_folders(root, added)
    for number, (path, data) in enumerate(sorted(added.items()) + sorted(updated.items())):
        staged, backup = f"new/{number}", f"old/{number}" if path in updated else None
        (folder / staged).write_bytes(data)
        if backup is not None:
            shutil.copyfile(path, folder / backup)
        moves.append(Move(os.path.relpath(path, root), staged, backup))
        _pause()
        if cancelled():
            raise Cancelled()
    os.sync()  # every staged byte on disk before the journal says the import may be finished
    _write_synced(folder, JOURNAL, json.dumps({"moves": [[m.target, m.staged, m.backup] for m in moves],
                                               "folders": folders}))
    return Journal(root, moves, folders)


def apply(journal: Journal) -> None:
    """Move every staged file into place; if one fails, undo those moved and raise its OSError."""
    try:
        roll_forward(journal)
    except OSError:
        mark_rollback(journal)
        roll_back(journal)
        finish(journal.root)
        raise
    finish(journal.root)


def finish(root: Path) -> None:
    """Remove the journal folder: renamed first, so that a half-removed one is never taken for a journal."""
    done = root / FINISHED
    if done.exists():
        shutil.rmtree(done)
    os.rename(root / FOLDER, done)
    shutil.rmtree(done)


def read(root: Path) -> Journal | None:
    """The committed journal of an interrupted import, or None when none was committed."""
    path = root / FOLDER / JOURNAL
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Journal(root, [Move(*m) for m in data["moves"]], data["folders"])


def planned(root: Path) -> str:
    """How many files the interrupted import meant to write (as text; ? when unknown)."""
    with contextlib.suppress(OSError):
        return (root / FOLDER / PLANNED).read_text().strip() or "?"
    return "?"


def marked_for_rollback(root: Path) -> bool:
    return (root / FOLDER / ROLLBACK).exists()


def mark_rollback(journal: Journal) -> None:
    """Record, before undoing anything, that this journal is to be rolled back rather than finished."""
    _write_synced(journal.folder, ROLLBACK, "")


def moved(journal: Journal) -> int:
    """How many of the journal's moves were made."""
    return sum(1 for move in journal.moves if not (journal.folder / move.staged).exists())


def roll_forward(journal: Journal) -> int:
    """Make the moves not made yet; returns how many it made."""
    for folder in journal.folders:
        (journal.root / folder).mkdir(exist_ok=True)
    made = 0
    for move in journal.moves:
        source, target = journal.folder / move.staged, journal.root / move.target
        if not source.exists():
            continue  # moved before the interruption
        if move.backup is None and os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "文件已存在", str(target))
        os.replace(source, target)
        made += 1
        _pause()
    os.sync()
    return made


def roll_back(journal: Journal) -> int:
    """Undo the moves made (newest first) and remove the folders made; returns how many it undid."""
    undone = 0
    for move in reversed(journal.moves):  # the same file's steps, newest first
        if (journal.folder / move.staged).exists():
            continue  # never moved
        target = journal.root / move.target
        if move.backup is None:
            target.unlink(missing_ok=True)
        elif (journal.folder / move.backup).exists():
            os.replace(journal.folder / move.backup, target)
        undone += 1
    for folder in reversed(journal.folders):
        with contextlib.suppress(OSError):
            (journal.root / folder).rmdir()
    os.sync()
    return undone


def _missing_folders(root: Path, added: dict[Path, bytes]) -> list[str]:
    missing: set[Path] = set()
    for path in added:
        folder = path.parent
        while not folder.exists() and folder != root:
            missing.add(folder)
            folder = folder.parent
    return [os.path.relpath(f, root) for f in sorted(missing, key=lambda f: (len(f.parts), f))]


def _write_synced(folder: Path, name: str, text: str) -> None:
    """Write a file under a temporary name, sync it, rename it into place, and sync the folder."""
    temp = folder / f"{name}.part"
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.rename(temp, folder / name)
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _pause() -> None:
    delay = os.environ.get(SLOW_WRITE)
    if delay:
        time.sleep(float(delay))
