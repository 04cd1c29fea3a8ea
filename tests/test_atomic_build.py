"""A build that fails or is killed half-way leaves the previous site/ exactly as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, mkdocs_build, scratch_site

pytestmark = pytest.mark.slow


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def siblings(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("site"))


def test_failed_or_killed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    # One year of the example records: enough pages that the build is still writing when it is killed.
    root = scratch_site(tmp_path / "site-project").root
    shutil.copytree(REPO / "records" / "2023", root / "records" / "2023")
    first = mkdocs_build(root)
    assert first.returncode == 0, first.stderr
    (root / "site" / ".keep").write_text("部署用的隐藏文件", encoding="utf-8")  # MkDocs never cleans hidden files
    good = snapshot(root / "site")
    assert "index.html" in good and siblings(root) == ["site"]

    # A bad record stops the build in on_config: nothing written, no temporary folder left.
    bad = root / "records" / "2023" / "meeting" / "2023-12-31-bad.md"
    bad.write_text("---\ntype: meeting\ndate: 2023-12-31\ntitle: 坏记录\nduration_min: 很长\n---\n", encoding="utf-8")
    failed = mkdocs_build(root)
    assert failed.returncode == 1 and "duration_min" in failed.stderr
    assert snapshot(root / "site") == good and siblings(root) == ["site"]
    bad.unlink()

    # Killed while writing pages: the half-written folder is a sibling, site/ is untouched.
    (root / "docs" / "index.md").write_text("# 改过的首页\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = root / f"site.building-{build.pid}"
    while build.poll() is None and not (partial / "assets").is_dir():
        time.sleep(0.01)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert snapshot(root / "site") == good
    assert siblings(root) == ["site", partial.name]

    # A strict build that only warns (a dead link) is a failure too; it also clears the killed build's folder.
    (root / "docs" / "index.md").write_text("# 改过的首页\n\n[无此页](nowhere.md)\n", encoding="utf-8")
    # Not -q: a quiet MkDocs never logs the warning, so strict mode would not abort.
    warned = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=900)
    assert warned.returncode == 1 and "nowhere.md" in warned.stderr
    assert snapshot(root / "site") == good and siblings(root) == ["site"]

    # A good build replaces the site whole, keeping the hidden file as MkDocs always did.
    (root / "docs" / "index.md").write_text("# 改过的首页\n", encoding="utf-8")
    again = mkdocs_build(root)
    assert again.returncode == 0, again.stderr
    new = snapshot(root / "site")
    assert new[".keep"] == good[".keep"] and "改过的首页" in new["index.html"].decode("utf-8")
    assert siblings(root) == ["site"]
