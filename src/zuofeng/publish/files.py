"""Writing published files atomically, never replacing one unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from zuofeng.publish import PublishError


def refuse_existing(paths: list[Path], force: bool, root: Path) -> None:
    """Stop before any work when an output already exists and --force was not given."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = "、".join(p.relative_to(root).as_posix() for p in existing)
        raise PublishError(f"{names} 已存在，不会覆盖；确需重新生成请加 --force")


def write_new(path: Path, data: bytes, force: bool = False) -> None:
    """Write bytes through a temporary file in the same folder; without force never overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        if force:
            os.replace(temp, path)
        else:
            try:
                # link() fails when the target exists: no window in which a file is replaced.
                os.link(temp, path)
            except FileExistsError:
                raise PublishError(f"{path} 已存在，不会覆盖；确需重新生成请加 --force") from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
