"""The git CLI, run as a subprocess in the project folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

from zuofeng.core import gitcmd
from zuofeng.publish import PublishError

# Built output that publishing itself creates and that never belongs to the ledger
# (site.building-<pid>/: a build under way or killed, see zuofeng.site.atomic).
IGNORED_UNTRACKED = ("site/", "dist/", "site.building-", "site.old-", ".zuofeng/")  # .zuofeng/: the write lock


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `git ARGS` in root; a failure becomes a PublishError with git's own message."""
    try:
        raw = gitcmd.run(root, *args)
    except gitcmd.GitMissing:
        raise PublishError("未找到 git 命令：请先安装 git（apt-get install git）") from None
    result = subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode("utf-8", "replace"),
                                         raw.stderr.decode("utf-8", "replace"))
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} 失败：{result.stderr.strip() or result.stdout.strip()}")
    return result


def require_repo(root: Path) -> None:
    """Stop unless root is inside a git work tree."""
    result = git(root, "rev-parse", "--is-inside-work-tree", check=False)
    if result.returncode != 0 or result.stdout.strip() != "true":
        raise PublishError(f"{root} 不是 git 仓库：发布需要在 git 仓库中进行（git init 并提交全部文件）")


def require_clean(root: Path) -> None:
    """Stop when the work tree has uncommitted changes (untracked site/ and dist/ excepted)."""
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all").stdout
    prefix = git(root, "rev-parse", "--show-prefix").stdout.strip()
    ignored = tuple(prefix + folder for folder in IGNORED_UNTRACKED)
    dirty = []
    for entry in filter(None, out.split("\0")):
        status, path = entry[:2], entry[3:]
        if status == "??" and path.startswith(ignored):
            continue
        if len(status.strip()) and path:
            dirty.append(path)
    if dirty:
        shown = "\n".join(f"  {p}" for p in dirty[:10]) + ("\n  ……" if len(dirty) > 10 else "")
        raise PublishError(f"工作区有未提交的修改，请先提交（git add、git commit）再发布：\n{shown}")


def has_file(root: Path, branch: str, path: str) -> bool:
    """Whether a branch exists and holds a file."""
    return git(root, "cat-file", "-e", f"{branch}:{path}", check=False).returncode == 0


def show(root: Path, branch: str, path: str) -> str:
    """A file's text on a branch."""
    return git(root, "show", f"{branch}:{path}").stdout


def commit_only(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly these files (whatever else is staged) and return the new commit id."""
    names = [p.relative_to(root).as_posix() for p in paths]
    git(root, "add", "--", *names)
    git(root, "commit", "-q", "-m", message, "--", *names)
    return git(root, "rev-parse", "HEAD").stdout.strip()


def undo_freeze(root: Path, tag: str) -> None:
    """Take back the freeze commit just made (HEAD) and its tag; the manifest file goes back with it."""
    git(root, "tag", "-d", tag, check=False)
    git(root, "reset", "-q", "--keep", "HEAD~1", check=False)
