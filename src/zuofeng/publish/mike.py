"""mike, run as a subprocess from this Python environment, on a local site branch."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from zuofeng.publish import PublishError
from zuofeng.publish.git import has_file, show

LATEST = "latest"
# mike 2.2 ships no __main__; call its console entry point directly.
_MIKE = [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())"]


def require_mike() -> None:
    """Stop when mike is not installed in this environment."""
    if importlib.util.find_spec("mike") is None:
        raise PublishError("未安装 mike：请运行 make install（或 pip install mike==2.2.0）")


def versions(root: Path, branch: str) -> list[dict[str, object]]:
    """The versions.json of the site branch (empty before the first publish)."""
    if not has_file(root, branch, "versions.json"):
        return []
    return list(json.loads(show(root, branch, "versions.json")))


def deploy(root: Path, year: int, branch: str, latest: bool, push: bool) -> None:
    """`mike deploy YEAR [latest]` with aliases copied (no symlinks for the intranet server)."""
    aliases = [LATEST] if latest else []
    args = ["deploy", "--branch", branch, "--update-aliases", "--alias-type=copy",
            "--title", f"{year}年", "--message", f"Publish {year} version of the site"]
    _run(root, [*args, *(["--push"] if push else []), str(year), *aliases])


def set_default(root: Path, branch: str, push: bool) -> None:
    """`mike set-default latest`: the branch root redirects to the newest published year."""
    _run(root, ["set-default", "--branch", branch, *(["--push"] if push else []), LATEST])


def _run(root: Path, args: list[str]) -> None:
    # mike runs `mkdocs` from PATH: make it this environment's, even when the venv is not activated.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([*_MIKE, *args], cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise PublishError(f"mike {args[0]} 失败：\n{tail}")
