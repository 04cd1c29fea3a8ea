"""Continuity: ProperDocs, the maintained drop-in fork of MkDocs 1.6, builds the same site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.sitecheck import site_files

pytestmark = pytest.mark.slow
# Installed by `make install` beside the venv (in it, mike would build with ProperDocs too).
PROPERDOCS = REPO / ".venv" / "properdocs"


def test_properdocs_builds_the_same_pages(example_site: Path) -> None:
    assert (PROPERDOCS / "properdocs").is_dir(), "ProperDocs is missing: run `make install`"
    root = example_site.parent
    env = {**os.environ, "PYTHONPATH": str(PROPERDOCS), "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-d", str(root / "site-properdocs")],
                            cwd=root, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    ours, theirs = site_files(example_site), site_files(root / "site-properdocs")
    assert sorted(ours) == sorted(theirs)
    # Only the generator's name may differ (`<meta name="generator" content="mkdocs-1.6.1, …">`).
    generator = (b"mkdocs-1.6.1, ", b"mkdocs-ProperDocs 1.6.7, ")
    different = [name for name in ours if ours[name] != theirs[name].replace(generator[1], generator[0])]
    assert different == []
    assert b"mkdocs-ProperDocs 1.6.7" in theirs["index.html"]
