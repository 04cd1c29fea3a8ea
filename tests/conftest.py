"""Shared fixtures: a scratch project in tmp_path and the CLI called in-process."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from zuofeng.cli.main import main

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
# The tests build as a configured office would (mkdocs.yml reads these; unset, no host is named).
OFFICE_URLS = {"ZUOFENG_SITE_URL": "http://zuofeng.example.gov.internal/",
               "ZUOFENG_REPO_URL": "http://git.example.gov.internal/bangongshi/zuofeng/",
               "ZUOFENG_CMS_APP_ID": "zuofeng-form"}  # the /admin/ form's OAuth application on that server
for _name, _url in OFFICE_URLS.items():
    os.environ.setdefault(_name, _url)
# A job started in the background (`make test &`, some CI runners) inherits Ctrl+C ignored, and so would
# every command the tests interrupt with it (a Python that starts with SIGINT ignored never raises
# KeyboardInterrupt): a handled signal is reset to its default in a new program.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """Call `zuofeng` in-process; returns exit code and output."""

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def report_index(year: int = 2023, period_end: str | None = None, body: str = "") -> str:
    """docs/reports/<year>/index.md of a small report, optionally for a period ending before 31 December."""
    period = f"period:\n  start: {year}-01-01\n  end: {period_end}\n" if period_end else ""
    return (f"---\nyear: {year}\ntitle: 县政府党组关于{year}年度作风建设情况的报告\nissuer: 示例县人民政府\n"
            f"date: {year + 1}-01-05\n{period}---\n{body}")


# Front matter of one ordinary meeting record, for the site tests.
MEETING_FRONT = "type: meeting\ndate: 2023-03-14\ntitle: 县政府第3次常务会议\nunit: 县政府办公室\nkind: 常务会议\n"


class Project:
    """A scratch project: pyproject.toml, records/ and docs/ in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "records").mkdir(parents=True, exist_ok=True)
        (root / "pyproject.toml").write_text('[tool.zuofeng]\nrecords = "records"\n', encoding="utf-8")

    def record(self, rel: str, front: str, body: str = "") -> Path:
        """Write records/<rel>.md from dedented front matter text."""
        path = self.root / "records" / f"{rel}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{textwrap.dedent(front).strip()}\n---\n\n{body}", encoding="utf-8")
        return path

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


def copy_site(dest: Path, with_records: bool = True) -> Path:
    """A copy of the repository's site (mkdocs.yml, docs, macros, records) to build elsewhere."""
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, dest / name)
    for name in ("docs", "macros") + (("records",) if with_records else ()):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def scratch_site(root: Path) -> Project:
    """The repository's site (mkdocs.yml, docs, macros) without its records and reports, to fill by hand.

    Reports need a full ledger (同比 against the previous year); they are tested on the example site.
    """
    root.mkdir(parents=True, exist_ok=True)
    copy_site(root, with_records=False)
    shutil.rmtree(root / "docs/reports")
    return Project(root)


def mkdocs_build(root: Path, *extra: str, **env: str) -> "subprocess.CompletedProcess[str]":
    """A real `mkdocs build --strict` of a site folder, run as a subprocess; extra env vars allowed."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", *extra], cwd=root,
                          env=full_env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built once per test session with `mkdocs build --strict`."""
    root = copy_site(tmp_path_factory.mktemp("example"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def offline_example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built for file:// (`ZUOFENG_OFFLINE=true`), once per session for every offline test."""
    root = copy_site(tmp_path_factory.mktemp("offline-example"))
    result = mkdocs_build(root, ZUOFENG_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base_url(example_site: Path) -> Iterator[str]:
    """The session's example site served over HTTP for one browser test module."""
    from tests.browser import serve

    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium (Playwright's Browser) for one test module."""
    from tests.browser import chromium

    with chromium() as launched:
        yield launched
