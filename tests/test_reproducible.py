"""Two builds of the same inputs are byte-identical, whatever day they run on."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Project, scratch_site

pytestmark = pytest.mark.slow
UNITS = ["县政府办公室", "县发改局", "城关镇", "县财政局"]


def _build(root: Path, dest: str, **env_extra: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", **env_extra)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", dest], cwd=root,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root / dest


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("repro") / "p"
    project = scratch_site(root)
    for n in range(60):
        month, day = n % 12 + 1, n % 27 + 1
        date = f"2023-{month:02d}-{day:02d}"
        project.record(f"2023/research/{date}-diaoyan{n}", f"""
            type: research
            date: {date}
            title: 赴{UNITS[n % 4]}调研复工复产第{n}次
            unit: {UNITS[n % 4]}
            tags: [复工复产, 调研]
            leader: 张明
            place: 城关镇
            confidential: {str(n % 10 == 0).lower()}
        """, f"调研了企业复工复产情况，第{n}条记录。\n")
    project.record("2022/meeting/2022-11-30-changwu", "type: meeting\ndate: 2022-11-30\ntitle: 常务会议\nkind: 常务会议")
    return project


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(scratch: Project) -> None:
    first = _files(_build(scratch.root, "site-a"))
    second = _files(_build(scratch.root, "site-b"))
    assert sorted(first) == sorted(second)
    assert "admin/config.yml" in first  # the /admin/ form's configuration, generated from the catalogue
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert len(first) > 80 and "sitemap.xml.gz" in first and "pagefind/pagefind-entry.json" in first


def test_pages_are_dated_from_the_inputs_not_the_clock(scratch: Project) -> None:
    site = scratch.root / "site-a" if (scratch.root / "site-a").exists() else _build(scratch.root, "site-a")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # Not a git checkout: the latest record date (2023-12-24 here) dates every page.
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2023-12-24"}
    raw = (site / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == int(dt.datetime(2023, 12, 24, tzinfo=dt.timezone.utc).timestamp())
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_git_commit_date_and_source_date_epoch(scratch: Project) -> None:
    git = ["git", "-C", str(scratch.root), "-c", "user.name=测试", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    when = "2024-02-03T10:00:00+00:00"
    subprocess.run([*git, "commit", "-q", "-m", "台账"], check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when})
    site = _build(scratch.root, "site-git")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8"))) == {"2024-02-03"}
    epoch = str(int(dt.datetime(2021, 5, 6, tzinfo=dt.timezone.utc).timestamp()))
    site = _build(scratch.root, "site-epoch", SOURCE_DATE_EPOCH=epoch)
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8"))) == {"2021-05-06"}
