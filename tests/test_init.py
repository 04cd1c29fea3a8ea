"""`zuofeng init` and `zuofeng report` for real: zuofeng installed from a built wheel, one new site shared."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.excel_data import fill

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
COUNTY, YEAR = "青山县", 2025


@dataclass
class Installed:
    """zuofeng from a wheel, in a folder put first on PYTHONPATH (dependencies from the test venv)."""

    target: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.target), "NO_MKDOCS_2_WARNING": "1",
                "DISABLE_MKDOCS_2_WARNING": "true"}

    def run(self, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=cwd, env=self.env(), capture_output=True, text=True,
                              timeout=900)

    def zuofeng(self, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(cwd, "-c", "from zuofeng.cli import console; console()", *args)

    def build(self, cwd: Path) -> subprocess.CompletedProcess[str]:
        return self.run(cwd, "-m", "mkdocs", "build", "--strict", "-q")


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """One wheel of this source tree per session, installed (without dependencies) into its own folder."""
    target = tmp_path_factory.mktemp("installed")
    # One pip run: pip builds the wheel of the source tree and installs that wheel.
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(REPO)],
                   check=True, capture_output=True)
    assert list(target.glob("zuofeng-*.dist-info/WHEEL")), "not installed from a wheel"
    return Installed(target)


@pytest.fixture(scope="module")
def site(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    parent = tmp_path_factory.mktemp("county")
    result = installed.zuofeng(parent, "init", "site", "--county", COUNTY, "--year", str(YEAR))
    assert result.returncode == 0, result.stderr
    return parent / "site"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def test_zuofeng_comes_from_the_wheel(installed: Installed, tmp_path: Path) -> None:
    where = installed.run(tmp_path, "-c", "import zuofeng, zuofeng.site.plugin as p; print(zuofeng.__file__); print(p.__file__)")
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).is_relative_to(installed.target) and not Path(line).is_relative_to(REPO / "src")
    version = installed.zuofeng(tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.strip() == "zuofeng 0.1.0"


def test_init_writes_the_layout_with_the_county_names(site: Path) -> None:
    for name in ("mkdocs.yml", "pyproject.toml", "README.md", "Makefile", ".gitignore", ".pre-commit-config.yaml",
                 ".ci/run", "macros/__init__.py", "tests/test_site.py", "docs/index.md", "docs/indicators.md",
                 "docs/guide/index.md", "docs/assets/zuofeng.css", "examples/ci/gitea-workflow.yml",
                 "examples/ci/.gitlab-ci.yml", "records/.gitkeep", f"docs/reports/{YEAR}/index.md",
                 f"docs/reports/{YEAR}/02-eight-rules.md"):
        assert (site / name).is_file(), name
    assert os.access(site / ".ci/run", os.X_OK)
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file() and ".git" not in p.parts
             and "assets" not in p.parts]
    assert not [t for t in texts if "示例县" in t or "@COUNTY@" in t or "@YEAR@" in t]
    assert "site_name: 青山县政府作风建设报告站" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert '"zuofeng==0.1.0"' in (site / "pyproject.toml").read_text(encoding="utf-8")
    index = (site / f"docs/reports/{YEAR}/index.md").read_text(encoding="utf-8")
    assert f"year: {YEAR}" in index and "issuer: 中共青山县人民政府党组" in index and "\ndate:\n" in index
    sections = "".join(p.read_text(encoding="utf-8") for p in (site / f"docs/reports/{YEAR}").glob("0*.md"))
    assert '{{ count("meeting") }}' in sections and "XX" not in sections
    assert _git(site, "log", "--format=%s").split("\n")[0] == "zuofeng init"
    assert _git(site, "status", "--porcelain") == ""


def test_init_refuses_a_folder_in_use(installed: Installed, tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x", encoding="utf-8")
    result = installed.zuofeng(tmp_path, "init", "used", "--county", COUNTY)
    assert result.returncode == 1 and "不是空文件夹" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["used"]


def test_empty_ledger_checks_builds_and_says_no_data(installed: Installed, site: Path) -> None:
    assert installed.zuofeng(site, "check").returncode == 0
    final = installed.zuofeng(site, "check", "--final")
    assert final.returncode == 1
    assert f"docs/reports/{YEAR}/index.md:1: 成文日期 date 尚未填写" in final.stdout
    assert "上年基数记录（type: baseline，metric: meeting" in final.stdout
    # The site's own tests build it (`mkdocs build --strict`): the pages are read from that build.
    temp = site.parent / "site-tests"
    tests = installed.run(site, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(temp), "tests")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    built = temp / "test_site_builds_strict0" / "site"
    home = (built / "index.html").read_text(encoding="utf-8")
    assert home.count("暂无数据") >= 6 and "上年无数据" in home and f"{YEAR}年1月1日" in home
    assert "由 zuofeng 0.1.0 生成" in home
    section = (built / "reports" / str(YEAR) / "02-eight-rules" / "index.html").read_text(encoding="utf-8")
    assert "上年同期无数据" in section
    assert installed.zuofeng(site, "stats", "--year", str(YEAR)).returncode == 0
    out = site.parent / "empty.docx"
    assert installed.zuofeng(site, "export", str(YEAR), "--out", str(out)).returncode == 0 and out.stat().st_size


def test_records_report_export_and_publish(installed: Installed, site: Path) -> None:
    for args in (("meeting", "--date", f"{YEAR}-03-14", "--title", "县政府第1次常务会议", "kind=常务会议", "duration_min=90"),
                 ("study", "--date", f"{YEAR}-04-02", "--title", "理论中心组第1次学习", "form=集中研讨", "topic=学习党的二十届三中全会精神"),
                 ("research", "--date", f"{YEAR}-05-06", "--title", "赴城关镇调研", "leader=县长", "place=城关镇")):
        made = installed.zuofeng(site, "new", *args)
        assert made.returncode == 0, made.stderr
    template = site.parent / "meeting.xlsx"
    assert installed.zuofeng(site, "template", "meeting", "--out", str(template)).returncode == 0
    fill(template, "会议", [[f"{YEAR}-06-05", "县政府第2次常务会议", None, None, None, "常务会议", 60]])
    imported = installed.zuofeng(site, "import", str(template))
    assert imported.returncode == 0, imported.stdout + imported.stderr

    started = installed.zuofeng(site, "report", str(YEAR + 1))
    assert started.returncode == 0, started.stderr
    index = (site / f"docs/reports/{YEAR + 1}/index.md").read_text(encoding="utf-8")
    assert f"year: {YEAR + 1}" in index and f"{YEAR + 1}年度" in index and f"start: {YEAR + 1}-01-01" in index
    assert "date:  #" in index and f"{YEAR}" not in index
    assert '{{ count("meeting") }}' in (site / f"docs/reports/{YEAR + 1}/02-eight-rules.md").read_text(encoding="utf-8")
    again = installed.zuofeng(site, "report", str(YEAR + 1))
    assert again.returncode == 1 and "不会覆盖" in again.stderr
    # One build for both: the new report builds, and the home page (the latest year with records) has data.
    built = installed.build(site)
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "reports" / str(YEAR + 1) / "index.html").is_file()
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "暂无数据" not in home.split("主要数据")[1].split("历年走势")[0]

    # Finish the year: the date, and a baseline for each 同比 the final check names.
    (site / f"docs/reports/{YEAR + 1}").rename(site.parent / "next-report")
    report = site / f"docs/reports/{YEAR}/index.md"
    report.write_text(report.read_text(encoding="utf-8").replace("\ndate:\n", f"\ndate: {YEAR}-12-10\n"),
                      encoding="utf-8")
    for metric, extra in (("meeting", ()), ("document", ()), ("study", ("filter=form=集中研讨",))):
        made = installed.zuofeng(site, "new", "baseline", "--date", f"{YEAR - 1}-12-31", "--title", f"上年基数{metric}",
                                 f"metric={metric}", "value=10", *extra)
        assert made.returncode == 0, made.stderr
    final = installed.zuofeng(site, "check", "--final")
    assert final.returncode == 0, final.stdout + final.stderr
    out = site.parent / "report.docx"
    assert installed.zuofeng(site, "export", str(YEAR), "--out", str(out)).returncode == 0
    _git(site, "add", "-A")
    _git(site, "-c", "user.name=测试", "-c", "user.email=test@example.org", "commit", "-q", "-m", "First records")
    published = installed.zuofeng(site, "publish", str(YEAR))
    assert published.returncode == 0, published.stdout + published.stderr
    assert str(YEAR) in _git(site, "show", "gh-pages:versions.json")
