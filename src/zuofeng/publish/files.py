"""Writing published files atomically, never replacing one unless asked."""

from __future__ import annotations

from pathlib import Path

from zuofeng.core import safe_write
from zuofeng.publish import PublishError


def refuse_existing(paths: list[Path], force: bool, root: Path) -> None:
    """Stop before any work when an output already exists and --force was not given."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = "、".join(p.relative_to(root).as_posix() for p in existing)
        raise PublishError(f"{names} 已存在，不会覆盖；确需重新生成请加 --force")


def write(path: Path, data: bytes, force: bool = False) -> None:
    """Write bytes atomically; without force never overwrite an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        (safe_write.replace if force else safe_write.write_new)(path, data)
    except FileExistsError:
        raise PublishError(f"{path} 已存在，不会覆盖；确需重新生成请加 --force") from None
