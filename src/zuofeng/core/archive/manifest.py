"""Publish manifests (archive/<year>/manifest.json): what a published year froze."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from zuofeng.core.filememo import FileMemo
from zuofeng.core.problems import Problem

ARCHIVE_DIR = "archive"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """The frozen state of one published year: file path (from the project root) → SHA-256."""

    path: str
    year: int
    records: dict[str, str]
    pages: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def manifest_path(root: Path, year: int) -> Path:
    """Where the manifest of a year lives."""
    return root / ARCHIVE_DIR / str(year) / MANIFEST_NAME


def sha256_text(data: bytes) -> str:
    """Hex SHA-256 of a text file's bytes with CRLF line ends read as LF (what a Windows checkout holds)."""
    # An LF file hashes exactly as before: manifests written before this rule stay valid.
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def sha256_file(path: Path) -> str:
    """`sha256_text` of a file."""
    return sha256_text(path.read_bytes())


def frozen_as(data: bytes, digest: str) -> bool:
    """The content a manifest froze: its hash as read now, or its raw bytes (how CRLF files were hashed at first)."""
    return sha256_text(data) == digest or hashlib.sha256(data).hexdigest() == digest


def hash_tree(folder: Path, root: Path, memo: FileMemo[str] | None = None) -> dict[str, str]:
    """SHA-256 of every .md file below a folder, keyed by its path from the root.

    With a `memo` (serve's rebuilds), a file is read again only when its size or time changed.
    """
    if not folder.is_dir():
        return {}

    def digest(path: Path) -> str:
        return sha256_file(path) if memo is None else memo.get(str(path), partial(sha256_file, path))
    return {path.relative_to(root).as_posix(): digest(path) for path in sorted(folder.rglob("*.md")) if path.is_file()}


def load_manifests(root: Path) -> tuple[list[Manifest], list[Problem]]:
    """Every archive/<year>/manifest.json of the project, with a problem for each unreadable one."""
    manifests: list[Manifest] = []
    problems: list[Problem] = []
    archive = root / ARCHIVE_DIR
    if not archive.is_dir():
        return manifests, problems
    for path in sorted(archive.glob(f"*/{MANIFEST_NAME}")):
        display = path.relative_to(root).as_posix()
        try:
            manifests.append(read_manifest(display, path.read_bytes()))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(display, 0, f"发布清单无法读取（{exc}），请从 git 历史中恢复"))
    return manifests, problems


def read_manifest(display: str, raw: bytes) -> Manifest:
    """Parse a manifest's JSON text; ValueError, KeyError or TypeError when it is not one."""
    data = json.loads(raw.decode("utf-8"))
    records = {item["path"]: item["sha256"] for item in data["records"]}
    pages = {item["path"]: item["sha256"] for item in data["report"]["pages"]}
    return Manifest(display, int(data["year"]), records, pages, data)
