"""The git CLI as a subprocess in a project folder: the one place that starts git."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitMissing(Exception):
    """The git command is not installed."""


def run(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `git ARGS` in root and return the result, bytes in and out; never raises on a git failure."""
    try:
        return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitMissing("git") from None


def batch_blobs(root: Path, objects: list[str]) -> dict[str, bytes | None]:
    """Contents of `rev:path` objects in one `git cat-file --batch`; None for a missing one."""
    if not objects:
        return {}
    result = run(root, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in objects).encode("utf-8"))
    if result.returncode != 0:
        return dict.fromkeys(objects)
    out, at = result.stdout, 0
    found: dict[str, bytes | None] = {}
    for name in objects:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        found[name] = None
        # "<oid> <type> <size>" then the content; anything else ("missing", "ambiguous") has none.
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            if header[1] == b"blob":
                found[name] = out[at:at + size]
            at += size + 1
    return found
