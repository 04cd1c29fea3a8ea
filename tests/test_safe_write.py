"""safe_write: atomic creation that never overwrites, atomic replace, no temp left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zuofeng.core import safe_write
from zuofeng.core.safe_write import FileExistsProblem, replace, write_new


def test_write_new_creates_file_with_content(tmp_path: Path) -> None:
    target = tmp_path / "记录.md"
    assert write_new(target, "甲乙\n") == target
    assert target.read_text(encoding="utf-8") == "甲乙\n"
    write_new(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bin", "记录.md"]


def test_write_new_never_replaces_an_existing_file_or_link(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("原有内容", encoding="utf-8")
    with pytest.raises(FileExistsProblem, match="已存在，不会覆盖"):
        write_new(target, "新内容")
    assert target.read_text(encoding="utf-8") == "原有内容"
    dangling = tmp_path / "link.md"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsProblem):
        write_new(dangling, "x")
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "link.md"]


def test_write_new_loses_a_race_without_overwriting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Another process creates the file between our existence check and our link.
    target = tmp_path / "a.md"
    real_write_temp = safe_write._write_temp

    def racing(path: Path, data: bytes, sync: bool = True) -> Path:
        temp = real_write_temp(path, data, sync)
        target.write_text("别人写的", encoding="utf-8")
        return temp

    monkeypatch.setattr(safe_write, "_write_temp", racing)
    with pytest.raises(FileExistsProblem):
        write_new(target, "我们的")
    assert target.read_text(encoding="utf-8") == "别人写的"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_new(tmp_path / "a.md", 12345)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        write_new(tmp_path / "missing-folder" / "a.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_replace_swaps_content_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    replace(target, b"one")
    before = os.stat(target).st_ino
    replace(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.stat(target).st_ino != before  # a new file renamed over the old one, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError):
        replace(tmp_path / "folder", b"x")


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_new(tmp_path / "a.md", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644
