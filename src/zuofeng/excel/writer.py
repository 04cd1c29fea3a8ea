"""Writing a checked import: all files or none (what was written is undone on failure)."""

from __future__ import annotations

from pathlib import Path

from zuofeng.core.safe_write import replace, sync_all, write_new


class ImportWriteError(Exception):
    """A file could not be written; everything already written was undone. Message in Chinese."""


def write_all(added: dict[Path, bytes], updated: dict[Path, bytes]) -> None:
    """Create the added files and replace the updated ones; on any failure restore the tree."""
    created: list[Path] = []
    folders: list[Path] = []
    originals: dict[Path, bytes] = {}
    try:
        for path, data in sorted(added.items()):
            folders += _make_parents(path.parent)
            write_new(path, data, sync=False)  # one flush for the whole import, below
            created.append(path)
        for path, data in sorted(updated.items()):
            originals[path] = path.read_bytes()
            replace(path, data)
        sync_all()
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        for path, data in originals.items():
            replace(path, data)
        for folder in reversed(folders):
            folder.rmdir()
        raise ImportWriteError(f"无法写入 {exc.filename or ''}：{exc.strerror or exc}；已撤销本次导入写入的文件") from None


def _make_parents(folder: Path) -> list[Path]:
    """Create a folder and its missing parents; returns the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))
