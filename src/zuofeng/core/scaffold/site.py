"""`zuofeng init`: a new county's site, written whole into a new folder, then its first git commit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from zuofeng.core import gitcmd
from zuofeng.core.safe_write import sync_all, write_new
from zuofeng.core.scaffold.files import Names, fill, scaffold_root, walk

REPORT_TEMPLATE = "report"  # the scaffold folder holding a year's report pages
EXECUTABLE = (".ci/run",)
COMMIT_AUTHOR = ("zuofeng init", "zuofeng@localhost")


class InitProblem(Exception):
    """The site cannot be written; the message is Chinese."""


def site_files(names: Names) -> dict[str, bytes]:
    """Every file of a new site by relative path, the year's report included."""
    files: dict[str, bytes] = {}
    for relative, resource in walk(scaffold_root()):
        if relative.startswith(f"{REPORT_TEMPLATE}/"):
            relative = f"docs/reports/{names.year}/{relative.split('/', 1)[1]}"
        files[relative] = fill(relative, resource.read_bytes(), names)
    return files


def report_template(names: Names) -> dict[str, bytes]:
    """The built-in report pages of a year, by file name."""
    folder = scaffold_root() / REPORT_TEMPLATE
    return {name: fill(f"docs/reports/{names.year}/{name}", resource.read_bytes(), names)
            for name, resource in walk(folder)}


def create_site(target: Path, names: Names) -> list[str]:
    """Write a new site into target (absent or empty), all or nothing; return the files written."""
    _refuse_used(target)
    files = site_files(names)
    staging = target.parent / f".{target.name}.init-{os.getpid()}"
    try:
        write_tree(staging, files)
        _commit(staging)
        if target.exists():
            target.rmdir()  # empty, checked above
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(files)


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Write files below root through the no-overwrite writer, then flush once."""
    for relative, data in sorted(files.items()):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, data, sync=False)
        if relative in EXECUTABLE:
            path.chmod(path.stat().st_mode | 0o111)
    sync_all()


def _refuse_used(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InitProblem(f"{target} 已存在且不是文件夹，未写入任何文件")
    if target.is_dir() and any(target.iterdir()):
        raise InitProblem(f"{target} 不是空文件夹，未写入任何文件；请指定一个新的或空的文件夹")
    if not target.parent.is_dir():
        raise InitProblem(f"上级文件夹 {target.parent} 不存在，未写入任何文件")


def _commit(root: Path) -> None:
    """`git init` and a first commit, by a fixed author when none is configured."""
    for args in (("init", "-q", "-b", "main"), ("add", "-A")):
        _git(root, *args)
    author: tuple[str, ...] = ()
    if not gitcmd.run(root, "config", "user.email").stdout.strip():
        author = ("-c", f"user.name={COMMIT_AUTHOR[0]}", "-c", f"user.email={COMMIT_AUTHOR[1]}")
    _git(root, *author, "commit", "-q", "-m", "zuofeng init")


def _git(root: Path, *args: str) -> None:
    result = gitcmd.run(root, *args)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise InitProblem(f"git {' '.join(a for a in args if not a.startswith('user.'))} 失败：{detail}")
