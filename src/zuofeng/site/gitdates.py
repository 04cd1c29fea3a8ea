"""When each record last changed, from one `git log` call for the whole records folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zuofeng.core import gitcmd


def last_updated(folder: Path) -> dict[str, dt.date]:
    """Paths below `folder` (posix, relative) → date of their latest commit; {} outside git."""
    result = _git(folder, "-c", "core.quotePath=false", "log", "--name-only", "--relative", "--no-renames",
                  "--format=%x00%ct", "--", ".")
    return {} if result is None else _parse(result)


def head(folder: Path) -> str | None:
    """The commit checked out (None outside git): the dates above change only when it does."""
    result = _git(folder, "rev-parse", "HEAD")
    return None if result is None else result.strip()


def _git(folder: Path, *args: str) -> str | None:
    """What git printed, or None outside git (or without git)."""
    try:
        result = gitcmd.run(folder, *args)
    except (gitcmd.GitMissing, OSError):
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def _parse(log: str) -> dict[str, dt.date]:
    # Newest commits come first: the first date seen for a path is its last change.
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            stamp = dt.datetime.fromtimestamp(int(line[1:]), tz=dt.timezone(dt.timedelta(hours=8)))
            current = stamp.date()
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates
