"""Hardening, round two: nothing silently dropped, no leak through ids or paths, sane command lines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MEETING_FRONT, Project, mkdocs_build, scratch_site
from tests.sitecheck import compact, site_texts
from zuofeng.core.archive.freeze import public_records
from zuofeng.core.domain.record import INTERNAL_RECORD
from zuofeng.core.archive.manifest import hash_tree
from zuofeng.core.project import Settings, load_ledger
from zuofeng.site.sanitize import clean, outside_sources

CONFLICT = "<<<<<<< HEAD\n研究了甲事项。\n=======\n研究了乙事项。\n>>>>>>> branch-b\n"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def _repo(project: Project) -> None:
    _git(project.root, "init", "-q")
    _git(project.root, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "--allow-empty", "-m", "init")


@pytest.mark.parametrize("name", ["2023-03-14-a.md.txt", "2023-03-14-b.MD", "2023-03-14-c.markdown",
                                  "2023-03-14-d.md ", "2023-03-14-e.md~", "2023-03-14-f.md.", "notes.docx"])
def test_every_file_under_records_is_a_record_or_an_error(project: Project, run_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT)
    (project.root / "records/2023/meeting" / name).write_text(f"---\n{MEETING_FRONT}---\n", encoding="utf-8")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert f"records/2023/meeting/{name}:0: 不是 .md 文件，不会计入台账" in result.out


def test_names_ignored_on_purpose_pass(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT)
    for name in (".gitkeep", "README.md", "readme.txt", ".2023-03-14-x.md.swp", "Thumbs.db"):
        (project.root / "records/2023/meeting" / name).write_text("说明", encoding="utf-8")
    (project.root / "records/README.md").write_text("# 台账说明\n", encoding="utf-8")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 0, result.text
    assert "检查通过：1 条记录" in result.err


def test_conflict_markers_in_a_report_page_fail_check_final_and_changed(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    project = scratch_site(tmp_path / "site")
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT)
    project.write("docs/reports/2023/index.md", "---\nyear: 2023\ntitle: 报告\nissuer: 县政府党组\ndate: 2023-12-20\n---\n")
    project.write("docs/reports/2023/01-study.md", "---\norder: 1\ntitle: 一、学习\n---\n\n召开会议{{ count('meeting') }}次。\n")
    _repo(project)
    _git(project.root, "add", "-A")
    _git(project.root, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "-m", "site")
    assert run_cli("--root", str(project.root), "check", "--final").code == 0
    section = project.root / "docs/reports/2023/01-study.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n" + CONFLICT, encoding="utf-8")
    for args in (["check"], ["check", "--final"], ["check", "--changed"]):
        result = run_cli("--root", str(project.root), *args)
        assert result.code == 1, args
        assert "docs/reports/2023/01-study.md:8: 合并冲突标记未解决（标记在第 8、10、12 行）" in result.out, args


def test_a_markdown_heading_underline_is_not_a_conflict(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT, "议题\n=======\n\n> 引用\n")
    assert run_cli("--root", str(project.root), "check").code == 0


def _amended_internal(project: Project) -> None:
    project.record("2023/talk/2023-05-06-zhangsan-tanhua", "type: talk\ndate: 2023-05-06\ntitle: 与张三谈话\nkind: 提醒谈话")
    project.record("2024/amendment/2024-02-01-gengzheng", "type: amendment\ndate: 2024-02-01\ntitle: 更正一条谈话记录\n"
                   "target: 2023/talk/2023-05-06-zhangsan-tanhua\nreason: 补记谈话时间\napproved_by: 张主任")


def test_an_amendment_does_not_name_a_confidential_record(project: Project) -> None:
    _amended_internal(project)
    project.record("2024/amendment/2024-03-01-gengzheng2", "type: amendment\ndate: 2024-03-01\ntitle: 更正会议\n"
                   "target: 2023/meeting/2023-03-14-x\nreason: 补记\napproved_by: 张主任")
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT)
    ledger = load_ledger(Settings.load(project.root))
    visible = {r.id: r for r in public_records(ledger.index.records)}
    assert "2023/talk/2023-05-06-zhangsan-tanhua" not in visible
    assert visible["2024/amendment/2024-02-01-gengzheng"].fields["target"] == INTERNAL_RECORD
    assert visible["2024/amendment/2024-03-01-gengzheng2"].fields["target"] == "2023/meeting/2023-03-14-x"
    # The ledger itself (and so every count and the freeze) still sees the real target.
    assert {r.fields.get("target") for r in ledger.index.records if r.type == "amendment"} >= {"2023/talk/2023-05-06-zhangsan-tanhua"}


@pytest.mark.slow
def test_built_site_never_shows_a_confidential_target_id(tmp_path: Path) -> None:
    project = scratch_site(tmp_path / "site")
    _amended_internal(project)
    result = mkdocs_build(project.root)
    assert result.returncode == 0, result.stderr
    site = project.root / "site"
    page = (site / "records/2024/amendment/2024-02-01-gengzheng/index.html").read_text(encoding="utf-8")
    assert INTERNAL_RECORD in page
    for path, text in site_texts(site).items():  # every file, gzip, zips and the search index decoded
        assert "zhangsan" not in text and "张三" not in compact(text), path


@pytest.mark.parametrize("src", ["\\\\host\\share\\a.png", "/\\host/b.png", "\\/host/c.png", "/\t/host/d.png",
                                 " //host/e.png", "\\\\?\\UNC\\host\\f.png"])
def test_backslash_and_disguised_sources_are_outside(src: str) -> None:
    assert clean(f'<p><img src="{src}" alt="图"></p>') == '<p><img alt="图"></p>'
    assert outside_sources(f'<p><img alt="图" src="{src}"></p>') == [src]


def test_same_site_sources_stay() -> None:
    html = '<p><img src="../a.png" alt="图"><img src="/assets/b.png" alt="图"><img src="c%5Cd.png" alt="图"></p>'
    assert clean(html) == html and outside_sources(html) == []


@pytest.mark.slow
def test_a_written_page_with_a_backslash_image_stops_the_build(tmp_path: Path) -> None:
    project = scratch_site(tmp_path / "site")
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT)
    project.write("docs/guide/share.md", '# 说明\n\n<img src="/\\fileserver/share/a.png" alt="图">\n')
    result = mkdocs_build(project.root)
    assert result.returncode == 1
    assert "docs/guide/share.md: 页面引用了站外资源（/\\fileserver/share/a.png）" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (["check", "--year", "3000"], "参数 --year：年份应在 1949—2100 之间，实际为 3000"),
    (["stats", "--year", "1948"], "年份应在 1949—2100 之间，实际为 1948"),
    (["check", "--year", "二〇二三"], "年份应为四位数字"),
    (["export", "2023", "--out", "missing-folder/report.docx"], "输出文件夹 missing-folder 不存在"),
    (["export", "2023", "--out", "report.pdf"], "输出文件应以 .docx 结尾"),
    (["export"], "缺少参数：YEAR"),
    (["stats", "--year"], "参数 --year 后面需要一个值"),
    (["frob"], "参数 命令 的值 'frob' 无效（可选：'check'"),
])
def test_bad_arguments_are_usage_errors(project: Project, run_cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), *args)
    assert result.code == 2 and message in result.err, result.text
    assert list(project.root.rglob("*.docx")) == []


def test_new_refuses_a_frozen_year_before_writing(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-x", MEETING_FRONT)
    records = hash_tree(project.root / "records/2023", project.root)
    project.write("archive/2023/manifest.json", json.dumps(
        {"year": 2023, "records": [{"path": p, "sha256": h} for p, h in records.items()], "report": {"pages": []}}))
    before = sorted(p.as_posix() for p in project.root.rglob("*"))
    args = ["--root", str(project.root), "new", "meeting", "--date", "2023-06-01", "--title", "补记的会议", "kind=专题会议"]
    result = run_cli(*args)
    assert result.code == 1 and "2023年已发布，该年的记录已冻结，不能新增" in result.err
    assert sorted(p.as_posix() for p in project.root.rglob("*")) == before
    # With an amendment explaining it, the late record may be added (and `check` accepts both).
    amend = run_cli("--root", str(project.root), "new", "amendment", "--date", "2024-01-05", "--title", "补记会议",
                    "target=2023/meeting/2023-06-01-bu-ji-de-hui-yi", "reason=漏记", "approved_by=张主任")
    assert amend.code == 0, amend.text
    assert run_cli(*args).code == 0
    assert run_cli("--root", str(project.root), "check").code == 0


def _interrupt(delay: float, root: Path) -> subprocess.CompletedProcess[str]:
    console = Path(sys.executable).parent / "zuofeng"
    process = subprocess.Popen([str(console), "--root", str(root), "check"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_ctrl_c_at_any_moment_exits_130_quietly(project: Project) -> None:
    for day in range(1, 29):
        project.record(f"2023/meeting/2023-02-{day:02d}-x", MEETING_FRONT.replace("2023-03-14", f"2023-02-{day:02d}"))
    # Late in a whole run the command is past start-up and still working: how late depends on the machine.
    started = time.monotonic()
    subprocess.run([str(Path(sys.executable).parent / "zuofeng"), "--root", str(project.root), "check"],
                   capture_output=True, check=False)
    whole = time.monotonic() - started
    interrupted = 0
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, *(whole * share for share in (0.7, 0.8, 0.85, 0.9, 0.95))):
        result = _interrupt(delay, project.root)
        if "init_import_site" in result.stderr:
            continue  # Python's own start-up, before any code of ours can run: not ours to catch
        assert "Traceback" not in result.stderr, (delay, result.stderr)
        if result.returncode == 130:
            assert result.stderr.strip().endswith("zuofeng: 已中断"), result.stderr
            interrupted += 1
        else:  # the signal came before Python set its handler up, or after the command finished
            assert result.returncode in (-signal.SIGINT, 0), (delay, result.returncode, result.stderr)
    assert interrupted, "no run was interrupted: the delays no longer reach start-up"


def test_help_is_in_chinese(run_cli) -> None:  # type: ignore[no-untyped-def]
    for args in (["--help"], ["export", "--help"]):
        result = run_cli(*args)
        assert result.code == 0
        assert result.out.startswith("用法：zuofeng") and "选项" in result.out and "显示本帮助并退出" in result.out
        assert "usage:" not in result.out and "show this help" not in result.out
