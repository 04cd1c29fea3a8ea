"""Writing a new file atomically, never replacing one that exists."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_new(path: Path, text: str) -> None:
    """Write text to a new file; raises FileExistsError if path exists, leaves no partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; a record is an ordinary shared file
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _publish(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _publish(tmp: Path, path: Path) -> None:
    try:
        # A hard link is created only if the name is free: no window where another writer loses.
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # file systems without hard links: reserve the name, then move the content in
    reserved = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    os.close(reserved)
    try:
        os.replace(tmp, path)
    except OSError:
        path.unlink()
        raise
