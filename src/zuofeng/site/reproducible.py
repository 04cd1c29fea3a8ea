"""A fixed build date, so that two builds of the same commit give byte-identical sites.

MkDocs stamps every page's `update_date` (the sitemap's `<lastmod>`, and the mtime inside
sitemap.xml.gz) with today's date unless SOURCE_DATE_EPOCH is set. An archive must not
depend on the day it was built, so we pick a date from the inputs instead.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable

from zuofeng.core import gitcmd

FALLBACK = "1980-01-01"  # the ZIP epoch: an empty project still builds the same way every time


def build_date(root: Path, dates: Iterable[dt.date]) -> str | None:
    """YYYY-MM-DD for every page: None when SOURCE_DATE_EPOCH is set (MkDocs honours it),
    else the date of the project's last git commit, else the latest record date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return None
    epoch = _last_commit_time(root)
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    latest = max(dates, default=None)
    return latest.isoformat() if latest else FALLBACK


def _last_commit_time(root: Path) -> int | None:
    try:
        result = gitcmd.run(root, "--no-optional-locks", "log", "-1", "--format=%ct")
    except (gitcmd.GitMissing, OSError):
        return None
    text = result.stdout.decode("ascii", "replace").strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None
