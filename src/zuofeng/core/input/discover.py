"""Finding record files under records/ without following links, and naming what cannot be read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from zuofeng.core.problems import Problem, display_path

# Files under records/ that are not records on purpose: git's placeholders, a folder's README,
# and what file managers and editors leave beside files. Anything else that is not `*.md` is an
# error, since a record saved as `x.md.txt` or `x.MD` would otherwise leave every total unseen.
IGNORED_NAMES = frozenset({".gitkeep", ".gitignore", ".gitattributes", "readme.md", "readme.txt", "readme",
                           "说明.md", "说明.txt", ".ds_store", "thumbs.db", "desktop.ini"})


@dataclass
class Found:
    """Regular `*.md` files to load, and a problem for every `*.md` entry that is not one.

    A file is its path as the system takes it and its parts below the records folder (a
    string and a tuple: at 20,000 records a `Path` each is a tenth of a serve rebuild).
    """

    files: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_record_files(records_dir: Path, root: Path) -> Found:
    """Every regular `*.md` file below records_dir, in sorted order; links are never followed.

    A record that is a symbolic link could point anywhere on the machine that builds the
    site (a CI runner's keys, /dev/zero, itself); a folder or link named `*.md` would
    otherwise be skipped without a word.
    """
    found = Found()
    _walk(records_dir, (), root, found)
    found.files.sort(key=lambda file: file[1])
    return found


def _walk(folder: Path, parts: tuple[str, ...], root: Path, found: Found) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.problems.append(Problem(display_path(folder, root), 0, f"无法读取文件夹：{describe_os_error(exc)}"))
        return
    for entry in entries:
        if entry.is_file(follow_symlinks=False) and entry.name.endswith(".md") and not _ignored(entry.name):
            found.files.append((entry.path, (*parts, entry.name)))  # the common case first, without a Path
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            if entry.name.endswith(".md") or _points_to_dir(path):
                found.problems.append(Problem(display_path(path, root), 1, _link_message(path)))
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name.endswith(".md"):
                found.problems.append(Problem(display_path(path, root), 1, "这是一个文件夹而不是记录文件：请改名，记录文件夹名不能以 .md 结尾"))
            _walk(path, (*parts, entry.name), root, found)
        elif _ignored(entry.name):
            continue
        elif entry.name.endswith(".md"):
            found.problems.append(Problem(display_path(path, root), 1, "不是普通文件（可能是管道或设备），不能作为记录"))
        else:
            found.problems.append(Problem(display_path(path, root), 0, _not_markdown_message(entry.name)))


def _ignored(name: str) -> bool:
    # Vim's swap files (.x.md.swp) exist only while a record is open in the editor.
    return name.casefold() in IGNORED_NAMES or (name.startswith(".") and name[-4:-1] == ".sw")


def _not_markdown_message(name: str) -> str:
    stem = name.rstrip(" .~")
    lower = stem.casefold()
    if lower.endswith(".md") and stem != name:
        hint = f"，请改名为 {stem}（去掉末尾的空格、点或 ~）" if not name.endswith("~") else "（编辑器留下的备份文件？不需要请删除）"
    elif ".md." in lower:
        hint = f"，请改名为 {name[: lower.index('.md.') + 3]}（Windows 可能隐藏了扩展名 {name[lower.index('.md.') + 3:]}）"
    elif lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
        hint = f"，请把扩展名改为 .md（{name[: name.rindex('.')]}.md）"
    else:
        hint = "；记录文件名应为 YYYY-MM-DD-名称.md，其他文件请移出 records/"
    return f"不是 .md 文件，不会计入台账{hint}"


def _points_to_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _link_message(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return f"符号链接形成循环（指向 {target}），记录不能是符号链接，请换成普通文件"
    except OSError:
        return f"符号链接指向不存在的文件 {target}，记录不能是符号链接，请换成普通文件"
    return f"是指向 {target} 的符号链接：记录不能是符号链接（可能指向仓库之外），请换成普通文件"


def describe_os_error(exc: OSError) -> str:
    """A Chinese reason for a failed read."""
    import errno

    reasons = {
        errno.EACCES: "没有读取权限",
        errno.EPERM: "没有读取权限",
        errno.ENOENT: "文件不存在（可能在读取时被删除）",
        errno.EISDIR: "这是一个文件夹",
        errno.ELOOP: "符号链接形成循环",
        errno.ENAMETOOLONG: "文件名过长",
        errno.EIO: "磁盘读取错误",
    }
    return reasons.get(exc.errno or 0, f"系统错误（{exc.strerror or exc}）")
