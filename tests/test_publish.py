"""`zuofeng publish` for real: a temporary git repository, real mike and mkdocs, real Chromium."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from zuofeng.cli.main import main
from zuofeng.core.domain.indicators import load_indicators

from .conftest import REPO, CliResult, copy_site, mkdocs_build

pytestmark = pytest.mark.slow
YEARS = ("2020", "2021", "2022")  # 2020 holds the baselines of 2021's 同比
# A smaller ledger to build (each publish builds twice): the two biggest types keep this many records a year;
# both years' reports still pass the final check.
TRIMMED, KEPT = ("research", "document"), 30
AMENDED = "2022/meeting/2022-01-03-quanti-1-g001"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def call(root: Path, *args: str) -> CliResult:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return CliResult(code, out.getvalue(), err.getvalue())


def amendment(root: Path, target: str, slug: str = "fix") -> Path:
    path = root / "records" / "2023" / "amendment" / f"2023-02-01-{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntype: amendment\ndate: 2023-02-01\ntitle: 更正\ntarget: {target}\n"
                    "reason: 纪要漏记一项议题，补记\napproved_by: 张主任\n---\n", encoding="utf-8")
    return path


@dataclass
class Published:
    root: Path
    first: CliResult
    second: CliResult
    amended: CliResult


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """Two years published in turn, then 2022 re-published with an amendment."""
    root = tmp_path_factory.mktemp("publish") / "project"
    root.mkdir()
    copy_site(root, with_records=False)
    for year in YEARS:
        shutil.copytree(REPO / "records" / year, root / "records" / year)
        for kind in TRIMMED:
            for path in sorted((root / "records" / year / kind).glob("*.md"))[KEPT:]:
                path.unlink()
    for folder in (root / "docs" / "reports").iterdir():
        if folder.name not in YEARS:
            shutil.rmtree(folder)
    (root / ".gitignore").write_text("site/\ndist/\n__pycache__/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "测试")
    git(root, "config", "user.email", "test@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Example ledger")
    first = call(root, "publish", "2021")
    second = call(root, "publish", "2022")
    with (root / "records" / f"{AMENDED}.md").open("a", encoding="utf-8") as record:
        record.write("\n补记：会议还研究了防汛工作。\n")
    amendment(root, AMENDED)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Amend a 2022 meeting")
    amended = call(root, "publish", "2022", "--amend", "--force")
    return Published(root, first, second, amended)


def test_publishes_succeed(published: Published) -> None:
    for result in (published.first, published.second, published.amended):
        assert result.code == 0, result.text
    assert "latest 已指向该版本" in published.second.out
    assert git(published.root, "status", "--porcelain") == ""


def test_site_branch_holds_both_versions(published: Published) -> None:
    versions = json.loads(git(published.root, "show", "gh-pages:versions.json"))
    assert {v["version"]: v["aliases"] for v in versions} == {"2022": ["latest"], "2021": []}
    tree = git(published.root, "ls-tree", "gh-pages").split("\n")
    assert {line.split("\t")[-1] for line in tree if line} >= {"2021", "2022", "latest", "index.html", "versions.json"}
    # Aliases are copies, not symlinks: the intranet server serves plain files.
    mode = git(published.root, "ls-tree", "gh-pages", "latest/index.html").split()[0]
    assert mode == "100644"
    assert "latest/" in git(published.root, "show", "gh-pages:index.html")
    assert "示例县政府作风建设报告站" in git(published.root, "show", "gh-pages:2021/index.html")


def test_manifests_are_committed_alone(published: Published) -> None:
    root = published.root
    for year, message in (("2021", "Freeze 2021: publish manifest"), ("2022", "Re-freeze 2022 after amendment")):
        path = f"archive/{year}/manifest.json"
        commit = git(root, "log", "-1", "--format=%H %s", "--", path).split(" ", 1)
        assert commit[1].strip() == message
        assert git(root, "show", "--name-only", "--format=", commit[0]).split() == [path]
    manifest = json.loads((root / "archive" / "2021" / "manifest.json").read_text(encoding="utf-8"))
    files = sorted((root / "records" / "2021").rglob("*.md"))
    assert manifest["record_count"] == len(files) > 100
    entry = manifest["records"][0]
    assert hashlib.sha256((root / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert [p["path"] for p in manifest["report"]["pages"]][0] == "docs/reports/2021/index.md"
    figures = {f["key"]: f for f in manifest["figures"]}
    assert set(figures) == {i.key for i in load_indicators()}
    meetings = len(list((root / "records" / "2021" / "meeting").glob("*.md")))
    assert figures["meeting"]["value"] == meetings


def test_amendment_shows_on_the_record_page(published: Published) -> None:
    for version in ("2022", "latest"):
        page = git(published.root, "show", f"gh-pages:{version}/records/{AMENDED}/index.html")
        assert "更正说明" in page and "纪要漏记一项议题" in page
    old = git(published.root, "show", f"gh-pages:2021/records/{AMENDED}/index.html")
    assert "更正说明" not in old


def test_changed_frozen_record_fails_check_until_amended(published: Published) -> None:
    root = published.root
    assert call(root, "check").code == 0
    target = "2021/study/" + sorted((root / "records" / "2021" / "study").glob("*.md"))[0].stem
    record = root / "records" / f"{target}.md"
    deleted = sorted((root / "records" / "2021" / "inspection").glob("*.md"))[0]
    try:
        record.write_text(record.read_text(encoding="utf-8").replace("title:", "title: 改", 1), encoding="utf-8")
        result = call(root, "check")
        assert result.code == 1
        assert (f"records/{target}.md:1: 该记录属于已发布的2021年，已冻结；修改须附更正记录"
                f"（type: amendment，target: {target}）") in result.out
        amendment(root, target, "study")
        assert call(root, "check").code == 0, call(root, "check").text
        deleted.unlink()
        result = call(root, "check")
        assert result.code == 1 and f"target: 2021/inspection/{deleted.stem}" in result.out
    finally:
        git(root, "checkout", "-q", "--", "records")
        git(root, "clean", "-q", "-fd", "records")
    assert call(root, "check").code == 0


def test_republish_and_overwrite_refused(published: Published) -> None:
    again = call(published.root, "publish", "2022")
    assert again.code == 1 and "2022年已发布并冻结" in again.err and "--amend" in again.err
    amend = call(published.root, "publish", "2022", "--amend")
    assert amend.code == 1 and "dist/2022/zuofeng-2022-site.zip" in amend.err and "--force" in amend.err


def test_clear_errors(published: Published, tmp_path: Path) -> None:
    root = published.root
    (tmp_path / "pyproject.toml").write_text("[tool.zuofeng]\n", encoding="utf-8")
    outside = call(tmp_path, "publish", "2022")
    assert outside.code == 1 and "不是 git 仓库" in outside.err
    assert "2030年没有报告" in call(root, "publish", "2030").err
    section = root / "docs" / "reports" / "2022" / "04-measures.md"
    original = section.read_text(encoding="utf-8")
    try:
        section.write_text(original + "\n全年召开会议XX次。\n", encoding="utf-8")
        dirty = call(root, "publish", "2022", "--amend", "--force")
        assert dirty.code == 1 and "未提交的修改" in dirty.err and "docs/reports/2022/04-measures.md" in dirty.err
        git(root, "commit", "-q", "-am", "Placeholder")
        failed = call(root, "publish", "2022", "--amend", "--force")
        assert failed.code == 1 and "定稿中仍有占位符“XX次”" in failed.err and "未通过定稿检查" in failed.err
    finally:
        git(root, "reset", "-q", "--hard", "HEAD~1") if "Placeholder" in git(root, "log", "-1", "--format=%s") else None
        section.write_text(original, encoding="utf-8")
    for result in (outside, dirty, failed):
        assert "Traceback" not in result.text
    head = git(root, "rev-parse", "HEAD")
    # An environment without mike (None in sys.modules makes it unimportable): stop before building.
    no_mike = subprocess.run([sys.executable, "-c", "import sys; sys.modules['mike'] = None; "
                              "from zuofeng.cli import console; console()",
                              "--root", str(root), "publish", "2022", "--amend", "--force"],
                             capture_output=True, text=True)
    assert no_mike.returncode == 1 and "未安装 mike" in no_mike.stderr and "make install" in no_mike.stderr
    assert "Traceback" not in no_mike.stderr and "正在构建" not in no_mike.stdout
    assert git(root, "rev-parse", "HEAD") == head


@pytest.mark.browser
def test_offline_zip_opens_from_file_url(published: Published, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with zipfile.ZipFile(published.root / "dist" / "2022" / "zuofeng-2022-site.zip") as archive:
        archive.extractall(tmp_path)
    index = tmp_path / "zuofeng-2022" / "index.html"
    assert (tmp_path / "zuofeng-2022" / "search" / "offline-index.js").is_file()
    assert not (tmp_path / "zuofeng-2022" / "admin").exists()
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"])
        try:
            page = browser.new_page()

            def guard(route) -> None:  # type: ignore[no-untyped-def]
                if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            page.goto(index.as_uri())
            assert page.title().endswith("示例县政府作风建设报告站")
            search = page.locator("input.zf-header-search__input")
            search.fill("常务会议")
            search.press("Enter")
            page.wait_for_selector("#zf-search[data-done='常务会议']", timeout=30000)
            assert page.locator(".zf-search-results li").count() > 0
            assert "常务会议" in page.locator(".zf-search-results").inner_text()
        finally:
            browser.close()
    assert outside == []


def test_each_publish_makes_an_annotated_freeze_tag(published: Published) -> None:
    root = published.root
    tags = git(root, "tag", "-l", "zuofeng-frozen-*").split()
    # An amended republish adds a tag: a protected tag cannot move, and clones keep the one they have.
    assert tags == ["zuofeng-frozen-2021", "zuofeng-frozen-2022", "zuofeng-frozen-2022-2"]
    for tag, message in (("zuofeng-frozen-2021", "Freeze 2021: publish manifest"),
                         ("zuofeng-frozen-2022", "Freeze 2022: publish manifest"),
                         ("zuofeng-frozen-2022-2", "Re-freeze 2022 after amendment")):
        assert git(root, "cat-file", "-t", tag).strip() == "tag"
        assert git(root, "log", "-1", "--format=%s", f"{tag}^{{commit}}").strip() == message
    assert git(root, "show", "zuofeng-frozen-2022-2:archive/2022/manifest.json") == \
        (root / "archive" / "2022" / "manifest.json").read_text(encoding="utf-8")
    for result, tag in ((published.first, "zuofeng-frozen-2021"), (published.amended, "zuofeng-frozen-2022-2")):
        assert f"冻结标签 {tag}" in result.out and f"git push origin HEAD {tag}" in result.out
        assert "受保护的标签 Protected tags" in result.out and "保护标签" in result.out


def test_editing_a_manifest_with_its_record_fails_check_and_build(published: Published) -> None:
    root = published.root
    manifest = root / "archive" / "2021" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entry = data["records"][0]
    record = root / entry["path"]
    try:
        record.write_text(record.read_text(encoding="utf-8").replace("title:", "title: 改", 1), encoding="utf-8")
        entry["sha256"] = hashlib.sha256(record.read_bytes()).hexdigest()
        manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        git(root, "commit", "-qam", "Change a frozen record and its hash")
        expected = ("archive/2021/manifest.json:0: 与发布时的清单（冻结标签 zuofeng-frozen-2021）不一致",
                    f"{entry['path']}:1: 该记录属于已发布的2021年，已冻结")
        result = call(root, "check")
        assert result.code == 1 and all(text in result.out for text in expected), result.text
        build = mkdocs_build(root)
        assert build.returncode == 1 and all(text in build.stderr for text in expected), build.stderr
        manifest.unlink()
        git(root, "commit", "-qam", "Delete the manifest too")
        result = call(root, "check")
        assert result.code == 1 and "2021年已发布（冻结标签 zuofeng-frozen-2021），发布清单不得删除" in result.out
        assert expected[1] in result.out
        # Nor can the year be published afresh once its manifest is gone.
        again = call(root, "publish", "2021")
        assert again.code == 1 and "冻结标签 zuofeng-frozen-2021" in again.err
    finally:
        git(root, "reset", "-q", "--hard", "HEAD~2") if "Delete" in git(root, "log", "-1", "--format=%s") else None
    assert git(root, "status", "--porcelain") == ""
    assert call(root, "check").code == 0


def test_publish_stopped_after_mike_is_completed_by_publishing_again(published: Published) -> None:
    root = published.root
    head, site = git(root, "rev-parse", "HEAD").strip(), git(root, "rev-parse", "gh-pages").strip()
    tag = git(root, "rev-parse", "zuofeng-frozen-2021").strip()
    try:
        # As if publishing 2021 had stopped right after `mike deploy`: on the site, never frozen.
        git(root, "tag", "-d", "zuofeng-frozen-2021")
        git(root, "rm", "-q", "archive/2021/manifest.json")
        git(root, "commit", "-qm", "Back to a half-done publish")
        result = call(root, "check")
        assert result.code == 1 and ("archive/2021/manifest.json:0: 2021年已发布（站点分支 gh-pages 的 versions.json "
                                     "列有该年），但发布清单不存在") in result.out
        again = call(root, "publish", "2021", "--force")
        assert again.code == 0, again.text
        assert "冻结标签 zuofeng-frozen-2021" in again.out and call(root, "check").code == 0
    finally:
        subprocess.run(["git", "tag", "-d", "zuofeng-frozen-2021"], cwd=root, capture_output=True)
        git(root, "update-ref", "refs/tags/zuofeng-frozen-2021", tag)
        git(root, "reset", "-q", "--hard", head)
        git(root, "update-ref", "refs/heads/gh-pages", site)
