"""Last-updated dates of records from one real `git log` call."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from zuofeng.site.gitdates import last_updated


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_dates_come_from_the_latest_commit_of_each_file(tmp_path: Path) -> None:
    records = tmp_path / "records"
    (records / "2023/meeting").mkdir(parents=True)
    _git(tmp_path, "init", "-q")
    (records / "2023/meeting/a.md").write_text("一", encoding="utf-8")
    (records / "2023/meeting/乙.md").write_text("二", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first", when="2023-03-01T10:00:00+08:00")
    (records / "2023/meeting/a.md").write_text("一改", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "second", when="2024-01-02T23:30:00+08:00")
    (records / "2023/meeting/new.md").write_text("未提交", encoding="utf-8")
    dates = last_updated(records)
    assert dates == {"2023/meeting/a.md": dt.date(2024, 1, 2), "2023/meeting/乙.md": dt.date(2023, 3, 1)}


def test_outside_git_there_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    assert last_updated(tmp_path / "records") == {}
