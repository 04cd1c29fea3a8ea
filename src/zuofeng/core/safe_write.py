"""Writing user-visible files atomically: never a half-written file, never a silent overwrite.

Every command that writes into the project (`new`, `export`, `publish` …) goes through
`write_new` (refuses to replace anything) or `replace` (for an explicit `--force`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExistsProblem(FileExistsError):
    """The target exists and the caller did not ask to replace it; the message is Chinese."""


def _to_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _write_temp(path: Path, data: bytes, sync: bool = True) -> Path:
    """Write data to a new temporary file beside path (same file system), synced to disk."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _umask() -> int:
    """The process's umask, read where the system tells it (Linux), else set and set back.

    Setting it is not safe beside other threads (serve's Word files are written from one): a file
    another thread creates in between would get no mask.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path | str, data: bytes | str, sync: bool = True) -> Path:
    """Create path with data, atomically; raise FileExistsProblem if anything is already there.

    The content is written to a temporary file first and then hard-linked into place: a
    link never replaces an existing name, so a file created meanwhile by someone else is
    kept, and readers never see a partial file. A caller writing many files may pass
    sync=False and call `sync_all()` once at the end (one flush instead of one per file).
    """
    path = Path(path)
    if os.path.lexists(path):
        raise FileExistsProblem(f"{path} 已存在，不会覆盖")
    temp = _write_temp(path, _to_bytes(data), sync)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise FileExistsProblem(f"{path} 已存在，不会覆盖") from None
        except OSError:
            # File systems without hard links: exclusive creation keeps the no-overwrite promise.
            _copy_exclusive(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def _copy_exclusive(temp: Path, path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise FileExistsProblem(f"{path} 已存在，不会覆盖") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(temp.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def replace(path: Path | str, data: bytes | str) -> Path:
    """Write path with data, atomically replacing any existing file (for an explicit --force)."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} 是文件夹，不能写入")
    temp = _write_temp(path, _to_bytes(data))
    try:
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def sync_all() -> None:
    """Flush every file written with sync=False to disk."""
    os.sync()
