"""本站自己的测试：记录与报告通过检查，站点能以 --strict 构建。"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _tool(name: str) -> str:
    """The command installed beside this Python (the site's venv), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def test_check_passes() -> None:
    result = subprocess.run([_tool("zuofeng"), "check"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_site_builds_strict(tmp_path: Path) -> None:
    result = subprocess.run([_tool("mkdocs"), "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
