"""Which files changed since a git revision, and which problems concern them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from zuofeng.core import gitcmd
from zuofeng.core.problems import Problem


class ChangesError(Exception):
    """git could not answer; the message is Chinese. `usage` marks a bad revision."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return gitcmd.run(root, *args)
    except gitcmd.GitMissing:
        raise ChangesError("未找到 git 命令，无法确定改动的文件") from None


def _names(output: bytes) -> set[str]:
    return {name.decode("utf-8", "surrogateescape") for name in output.split(b"\0") if name}


def changed_files(root: Path, rev: str = "HEAD") -> set[str]:
    """Paths (relative to root, '/'-separated) changed since rev, uncommitted and untracked ones included."""
    if _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise ChangesError(f"{root} 不在 git 仓库中，无法使用 --changed")
    if rev.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise ChangesError(f"未知的 git 版本 {rev}（可以是分支名、标签或提交号，例如 origin/main）", usage=True)
    # -z: names with Chinese characters come back verbatim instead of octal-quoted.
    diff = _git(root, "diff", "--name-only", "--relative", "-z", rev, "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    for result in (diff, untracked):
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip()
            raise ChangesError(f"git 执行失败：{reason}")
    return _names(diff.stdout) | _names(untracked.stdout)


def concerning(problems: list[Problem], changed: set[str]) -> list[Problem]:
    """Problems in a changed file, and cross-record problems that name a changed file."""
    if not changed:
        return []
    # A cross-record problem (duplicate id) sits on one file and names the other in its message.
    mentions = re.compile("|".join(re.escape(path) for path in sorted(changed, key=len, reverse=True))
                          + r"(?![\w.-])")
    return [p for p in problems if p.path in changed or mentions.search(p.message)]
