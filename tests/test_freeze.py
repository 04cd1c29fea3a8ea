"""Frozen years, amendments and the small publish helpers, on scratch projects (no site build)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from tests.notice_data import problem, write_notice
from zuofeng.core.archive.anchor import newest_tags, next_tag
from zuofeng.core.archive.manifest import hash_tree
from zuofeng.core.domain.notice_tracking import tracking_for
from zuofeng.core.input.loader import LoadCache
from zuofeng.core.project import Settings, load_ledger
from zuofeng.publish import PublishError
from zuofeng.publish.files import write
from zuofeng.publish.git import require_clean
from zuofeng.site import notice_page
from zuofeng.site.pages import record_markdown

MEETING = "type: meeting\ndate: 2023-03-14\ntitle: 常务会议\nkind: 常务会议"


def amendment_front(target: str, date: str = "2024-02-01", extra: str = "") -> str:
    return f"type: amendment\ndate: {date}\ntitle: 更正\ntarget: {target}\nreason: 补记<议题>\napproved_by: 张主任\n{extra}"


def freeze(project, year: int = 2023) -> Path:  # type: ignore[no-untyped-def]
    """A manifest of the year's records as they are now, written by hand."""
    records = hash_tree(project.root / "records" / str(year), project.root)
    data = {"year": year, "records": [{"path": p, "sha256": h} for p, h in records.items()],
            "report": {"pages": []}}
    return project.write(f"archive/{year}/manifest.json", json.dumps(data))


def problems(project) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(p) for p in load_ledger(Settings.load(project.root)).problems]


def test_added_record_in_frozen_year_needs_amendment(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-a", MEETING)
    freeze(project)
    assert problems(project) == []
    project.record("2023/meeting/2023-03-15-b", MEETING.replace("03-14", "03-15"))
    assert problems(project) == [
        "records/2023/meeting/2023-03-15-b.md:1: 该记录属于已发布的2023年，已冻结；修改须附更正记录"
        "（type: amendment，target: 2023/meeting/2023-03-15-b）（记录为新增）"]
    project.record("2024/amendment/2024-02-01-b", amendment_front("2023/meeting/2023-03-15-b"))
    assert problems(project) == []


def test_amendment_filed_in_frozen_year_is_allowed(project) -> None:  # type: ignore[no-untyped-def]
    path = project.record("2023/meeting/2023-03-14-a", MEETING)
    freeze(project)
    path.write_text(path.read_text(encoding="utf-8") + "补记\n", encoding="utf-8")
    project.record("2023/amendment/2023-12-30-a", amendment_front("2023/meeting/2023-03-14-a", "2023-12-30"))
    assert problems(project) == []


def test_amendment_of_unknown_record_is_an_error(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/amendment/2024-02-01-x", amendment_front("2023/meeting/2023-09-09-none"))
    freeze(project)
    assert problems(project) == [
        "records/2024/amendment/2024-02-01-x.md:5: 更正对象 2023/meeting/2023-09-09-none 不是已有记录的编号"
        "（records/ 下的路径去掉 .md）"]


def test_unreadable_manifest_and_changed_report_page(project) -> None:  # type: ignore[no-untyped-def]
    page = project.write("docs/reports/2023/index.md", "---\nyear: 2023\n---\n")
    project.write("archive/2023/manifest.json", json.dumps({
        "year": 2023, "records": [], "report": {"pages": [{"path": "docs/reports/2023/index.md", "sha256": "0" * 64}]}}))
    project.write("archive/2022/manifest.json", "{")
    found = problems(project)
    assert found[0].startswith("archive/2022/manifest.json:0: 发布清单无法读取")
    assert found[1].startswith(f"{page.relative_to(project.root).as_posix()}:0: 警告：2023年报告已发布")


def test_record_page_lists_visible_amendments(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-a", MEETING)
    project.record("2024/amendment/2024-02-01-a", amendment_front("2023/meeting/2023-03-14-a"))
    project.record("2024/amendment/2024-03-01-b", amendment_front("2023/meeting/2023-03-14-a", "2024-03-01",
                                                                  "confidential: true"))
    ledger = load_ledger(Settings.load(project.root))
    record = ledger.index.by_id["2023/meeting/2023-03-14-a"]
    amendments = [r for r in ledger.index.records if r.type == "amendment"]
    page = record_markdown(record, ledger.catalogue, amendments=amendments)
    assert '!!! warning "更正说明"' in page
    assert "[2024年2月1日](../../2024/amendment/2024-02-01-a.md)：补记&lt;议题&gt;（批准人：张主任）" in page
    assert "2024-03-01-b" not in page
    assert "更正说明" not in record_markdown(record, ledger.catalogue)


def test_notice_page_lists_its_amendments_too(project) -> None:  # type: ignore[no-untyped-def]
    write_notice(project, "2023-06-01", 1, [problem("城关镇", "2023-07-01")])
    project.record("2024/amendment/2024-02-01-a", amendment_front("2023/notice/2023-06-01-tongbao-1"))
    settings = Settings.load(project.root)
    ledger = load_ledger(settings)
    record = ledger.index.by_id["2023/notice/2023-06-01-tongbao-1"]
    amendments = [r for r in ledger.index.records if r.type == "amendment"]
    renderers = {"notice": notice_page.renderer(tracking_for(settings))}
    page = record_markdown(record, ledger.catalogue, renderers, amendments)
    assert 'class="zf-notice-targets"' in page and "## 问题整改情况" in page
    box = page.index('!!! warning "更正说明"')
    assert page.index("zf-notice-targets") < box < page.index("现将督查情况通报如下")
    assert "[2024年2月1日](../../2024/amendment/2024-02-01-a.md)：补记&lt;议题&gt;（批准人：张主任）" in page
    assert "更正说明" not in record_markdown(record, ledger.catalogue, renderers)


def test_publish_write_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "dist" / "a.zip"
    write(target, b"one")
    with pytest.raises(PublishError, match="已存在"):
        write(target, b"two")
    assert target.read_bytes() == b"one"
    write(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.zip"]


def test_clean_tree_ignores_untracked_build_output(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "a.zip").write_text("x", encoding="utf-8")
    require_clean(tmp_path)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "new.md").write_text("x", encoding="utf-8")
    with pytest.raises(PublishError, match="records/new.md"):
        require_clean(tmp_path)


def in_git(project) -> Callable[..., str]:  # type: ignore[no-untyped-def]
    """Make the scratch project a git repository with everything committed; returns a git runner."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True, text=True).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.name", "测试")
    git("config", "user.email", "test@example.org")
    git("add", "-A")
    git("commit", "-q", "-m", "Ledger")
    return git


def published_2023(project) -> tuple[Path, Path, Callable[..., str]]:  # type: ignore[no-untyped-def]
    """A 2023 record frozen as `zuofeng publish` leaves it: manifest committed, annotated tag on that commit."""
    record = project.record("2023/meeting/2023-03-14-a", MEETING)
    manifest = freeze(project)
    git = in_git(project)
    git("tag", "-a", "zuofeng-frozen-2023", "-m", "2023 published")
    return record, manifest, git


def test_manifest_edited_with_its_record_fails_against_the_tag(project) -> None:  # type: ignore[no-untyped-def]
    record, manifest, git = published_2023(project)
    assert problems(project) == []
    record.write_text(record.read_text(encoding="utf-8").replace("常务会议", "专题会议", 1), encoding="utf-8")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["records"][0]["sha256"] = hash_tree(project.root / "records" / "2023", project.root)[data["records"][0]["path"]]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    git("commit", "-qam", "Quietly change a frozen record and its hash")
    assert problems(project) == [
        "archive/2023/manifest.json:0: 与发布时的清单（冻结标签 zuofeng-frozen-2023）不一致：已发布年份的清单不得修改；"
        "请恢复：git checkout zuofeng-frozen-2023 -- archive/2023/manifest.json；"
        "更正记录后请用 zuofeng publish 2023 --amend --force 重新发布",
        "records/2023/meeting/2023-03-14-a.md:1: 该记录属于已发布的2023年，已冻结；修改须附更正记录"
        "（type: amendment，target: 2023/meeting/2023-03-14-a）（记录已被修改）"]


def test_deleted_manifest_of_a_tagged_year_is_an_error(project) -> None:  # type: ignore[no-untyped-def]
    record, manifest, git = published_2023(project)
    manifest.unlink()
    record.write_text(record.read_text(encoding="utf-8") + "改\n", encoding="utf-8")
    assert problems(project) == [
        "archive/2023/manifest.json:0: 2023年已发布（冻结标签 zuofeng-frozen-2023），发布清单不得删除；"
        "请恢复：git checkout zuofeng-frozen-2023 -- archive/2023/manifest.json",
        "records/2023/meeting/2023-03-14-a.md:1: 该记录属于已发布的2023年，已冻结；修改须附更正记录"
        "（type: amendment，target: 2023/meeting/2023-03-14-a）（记录已被修改）"]
    # The remedy the message names works.
    git("checkout", "zuofeng-frozen-2023", "--", "archive/2023/manifest.json")
    git("checkout", "--", "records")
    assert problems(project) == []


def test_newest_freeze_tag_wins_after_an_amended_republish(project) -> None:  # type: ignore[no-untyped-def]
    record, manifest, git = published_2023(project)
    record.write_text(record.read_text(encoding="utf-8") + "补记\n", encoding="utf-8")
    project.record("2024/amendment/2024-02-01-a", amendment_front("2023/meeting/2023-03-14-a"))
    freeze(project)
    git("add", "-A")
    git("commit", "-qm", "Re-freeze 2023")
    assert any("冻结标签 zuofeng-frozen-2023）不一致" in p for p in problems(project))
    git("tag", "-a", "zuofeng-frozen-2023-2", "-m", "2023 republished")
    assert problems(project) == []


def test_year_on_the_site_branch_needs_its_manifest(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-a", MEETING)
    git = in_git(project)
    git("checkout", "-q", "--orphan", "gh-pages")
    git("rm", "-rqf", ".")
    (project.root / "versions.json").write_text('[{"version": "2023", "title": "2023年", "aliases": ["latest"]}]',
                                                encoding="utf-8")
    git("add", "versions.json")
    git("commit", "-qm", "Deployed 2023")
    git("checkout", "-q", "main")
    assert problems(project) == [
        "archive/2023/manifest.json:0: 2023年已发布（站点分支 gh-pages 的 versions.json 列有该年），"
        "但发布清单不存在；请从 git 历史中恢复"]


def test_manifest_without_a_tag_is_a_warning_in_git_only(project) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-a", MEETING)
    freeze(project)
    assert problems(project) == []  # not a git repository: the manifests are all there is
    in_git(project)
    assert problems(project) == [
        "archive/2023/manifest.json:0: 警告：没有冻结标签 zuofeng-frozen-2023，无法确认清单与发布时一致"
        "（CI 中请先 git fetch --tags；较早发布的年份见 README 补打标签）"]


def test_crlf_checkout_of_a_frozen_record_is_unchanged(project) -> None:  # type: ignore[no-untyped-def]
    record, manifest, _ = published_2023(project)
    # What a Windows clone (core.autocrlf=true) puts in the work tree, manifest included.
    for path in (record, manifest):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert b"\r\n" in record.read_bytes()
    assert problems(project) == []
    record.write_bytes(record.read_bytes().replace("常务会议".encode(), "专题会议".encode(), 1))
    assert [p.split(":")[0] for p in problems(project)] == ["records/2023/meeting/2023-03-14-a.md"]


def test_crlf_record_frozen_with_its_raw_hash_stays_valid(project) -> None:  # type: ignore[no-untyped-def]
    record = project.record("2023/meeting/2023-03-14-a", MEETING)
    record.write_bytes(record.read_bytes().replace(b"\n", b"\r\n"))
    raw = hashlib.sha256(record.read_bytes()).hexdigest()
    project.write("archive/2023/manifest.json", json.dumps({
        "year": 2023, "records": [{"path": "records/2023/meeting/2023-03-14-a.md", "sha256": raw}],
        "report": {"pages": []}}))
    assert problems(project) == []


def test_freeze_tag_names() -> None:
    assert next_tag([], 2023) == "zuofeng-frozen-2023"
    tags = ["zuofeng-frozen-2023", "zuofeng-frozen-2023-2", "zuofeng-frozen-2022", "zuofeng-frozen-2023-x"]
    assert newest_tags(tags) == {2023: "zuofeng-frozen-2023-2", 2022: "zuofeng-frozen-2022"}
    assert next_tag(tags, 2023) == "zuofeng-frozen-2023-3"
    assert next_tag(tags, 2022) == "zuofeng-frozen-2022-2"
    assert newest_tags(["zuofeng-frozen-2023-10", "zuofeng-frozen-2023-9"]) == {2023: "zuofeng-frozen-2023-10"}


def test_kept_hashes_still_see_an_edit_of_a_frozen_record(project) -> None:  # type: ignore[no-untyped-def]
    """serve's rebuilds keep the frozen years' hashes (LoadCache): an edit of the same size is still found."""
    path = project.record("2023/meeting/2023-03-14-a", MEETING)
    freeze(project)
    cache = LoadCache()
    settings = Settings.load(project.root)
    assert load_ledger(settings, cache).problems == [] and cache.hashes
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("常务会议", "党组会议", 1), encoding="utf-8")  # the same size
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert [str(p) for p in load_ledger(settings, cache).problems] == [
        "records/2023/meeting/2023-03-14-a.md:1: 该记录属于已发布的2023年，已冻结；修改须附更正记录"
        "（type: amendment，target: 2023/meeting/2023-03-14-a）（记录已被修改）"]
