"""One writing command at a time per project: an advisory lock the kernel releases when its holder dies."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, commands are not serialised there
    fcntl = None  # type: ignore[assignment]

STATE_FOLDER = ".zuofeng"  # the lock and an import's journal; ignored by git, never read as records
LOCK_NAME = f"{STATE_FOLDER}/lock"


class LockBusy(Exception):
    """Another zuofeng command holds the project's lock; `holder` says which, the message is Chinese."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"另一个 zuofeng 命令正在写入（{holder}），请等它结束后再试；未写入任何文件")
        self.holder = holder


@contextlib.contextmanager
def project_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the project's write lock, or raise LockBusy at once (fail fast, never wait)."""
    path = root / LOCK_NAME
    fd = _locked(path)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {command}\n".encode())
        yield
    finally:
        # Removed while still held: whoever opens the name next gets a fresh file (see _locked).
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # only when empty: an unfinished journal keeps the folder


def _locked(path: Path) -> int:
    """An open descriptor of the lock file, locked; retried if the name was removed meanwhile."""
    while True:
        path.parent.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        if fcntl is None:
            return fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise LockBusy(holder) from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder released and removed this file between our open and our lock


def _holder(fd: int) -> str:
    """`进程 N，zuofeng CMD` from what the holder wrote into the lock file."""
    pid, _, command = os.pread(fd, 200, 0).decode("utf-8", "replace").strip().partition(" ")
    if not pid.isdigit():
        return "进程未知"
    return f"进程 {pid}，zuofeng {command}" if command else f"进程 {pid}"
