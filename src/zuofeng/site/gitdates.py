"""When each record last changed, from one `git log` call for the whole records folder."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_updated(folder: Path) -> dict[str, dt.date]:
    """Paths below `folder` (posix, relative) → date of their latest commit; {} outside git."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--name-only", "--relative", "--no-renames", "--format=%x00%ct", "--", "."],
            cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return _parse(result.stdout)


def head(folder: Path) -> str | None:
    """The commit checked out (None outside git): the dates above change only when it does."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


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
