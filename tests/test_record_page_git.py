"""A record page built inside a real git repository: last-updated date and edit link."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MEETING_FRONT, mkdocs_build, scratch_site

pytestmark = pytest.mark.slow


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "bgs@example.invalid",
           "GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "bgs@example.invalid",
           "GIT_AUTHOR_DATE": "2023-03-20T09:00:00+08:00", "GIT_COMMITTER_DATE": "2023-03-20T09:00:00+08:00"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_record_page_shows_git_date_and_edits_the_record_file(tmp_path: Path) -> None:
    project = scratch_site(tmp_path)
    root = project.root
    project.record("2023/meeting/2023-03-14-changwu", MEETING_FRONT, "研究春耕生产工作。\n")
    project.record("2023/meeting/2023-03-21-new", "type: meeting\ndate: 2023-03-21\ntitle: 尚未提交的会议\nkind: 常务会议")
    _git(root, "init", "-q")
    _git(root, "add", "records/2023/meeting/2023-03-14-changwu.md")
    _git(root, "commit", "-qm", "记录")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/records/2023/meeting/2023-03-14-changwu/index.html").read_text(encoding="utf-8")
    assert "最后更新：2023年3月20日" in page
    assert ('href="http://git.example.gov.internal/bangongshi/zuofeng/-/edit/main/records/'
            '2023/meeting/2023-03-14-changwu.md"') in page
    uncommitted = (root / "site/records/2023/meeting/2023-03-21-new/index.html").read_text(encoding="utf-8")
    assert "最后更新" not in uncommitted and "md-source-file" not in uncommitted
