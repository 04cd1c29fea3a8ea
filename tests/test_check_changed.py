"""`zuofeng check --changed`: only the changed records' problems, cross-record rules over all records."""

from __future__ import annotations

import os
import subprocess

import pytest

MEETING = "type: meeting\ndate: {date}\ntitle: 会议\nkind: {kind}"


def git(root, *args: str) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(project):  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-a", MEETING.format(date="2023-03-14", kind="常务会议"))
    project.record("2023/meeting/2023-02-30-old", MEETING.format(date="2023-02-30", kind="常务会议"))
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "first")
    return project


def check(run_cli, project, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--root", str(project.root), "check", "--changed", *args)


def test_only_changed_records_are_reported(repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("--root", str(repo.root), "check").code == 1  # the old error is still there
    clean = check(run_cli, repo)
    assert clean.code == 0, clean.text
    assert "改动的文件 0 个" in clean.err
    repo.record("2023/meeting/2023-04-01-new", MEETING.format(date="2023-04-01", kind="常务会议"))
    assert check(run_cli, repo).code == 0
    repo.record("2023/meeting/2023-04-02-bad", MEETING.format(date="2023-04-02", kind="常委会议"))
    result = check(run_cli, repo)
    assert result.code == 1
    assert result.out.startswith("records/2023/meeting/2023-04-02-bad.md:5: 字段 kind")
    assert "2023-02-30-old" not in result.out


def test_uncommitted_edit_of_a_tracked_record_is_seen(repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    repo.record("2023/meeting/2023-03-14-a", MEETING.format(date="2023-03-14", kind="常委会议"))
    result = check(run_cli, repo)
    assert result.code == 1 and "records/2023/meeting/2023-03-14-a.md:5:" in result.out


def test_duplicate_id_involving_a_changed_record_is_caught(repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    # The new file sorts first, so the duplicate is reported on the *unchanged* file, naming the new one.
    repo.record("2023/meeting/2023-03-14-A", MEETING.format(date="2023-03-14", kind="常务会议"))
    result = check(run_cli, repo)
    assert result.code == 1, result.text
    assert "records/2023/meeting/2023-03-14-a.md:1: 记录编号 2023/meeting/2023-03-14-a 与 records/2023/meeting/2023-03-14-A.md 重复" in result.out
    assert "2023-02-30-old" not in result.out


def test_revision_argument(repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    repo.record("2023/meeting/2023-04-02-bad", MEETING.format(date="2023-04-02", kind="常委会议"))
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "second")
    assert check(run_cli, repo).code == 0  # nothing changed since HEAD
    result = check(run_cli, repo, "HEAD~1")
    assert result.code == 1 and "2023-04-02-bad.md:5:" in result.out
    unknown = check(run_cli, repo, "no-such-branch")
    assert unknown.code == 2 and "未知的 git 版本 no-such-branch" in unknown.err


def test_not_a_git_repository(project, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.root.parent))
    result = check(run_cli, project)
    assert result.code == 1 and "不在 git 仓库中" in result.err and "Traceback" not in result.text
