"""`zuofeng import` is all or nothing under Ctrl+C, SIGTERM and kill -9, and one writer at a time.

Real processes: the import runs as `zuofeng` in a subprocess, slowed by the test-only hook
ZUOFENG_TEST_SLOW_WRITE (zuofeng.core.journal) so that it can be caught half-way, and is
interrupted once the file system shows it there.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import Workbook

from tests.excel_data import MEETING_HEADER, tree_hash, workbook

ZUOFENG = str(Path(sys.executable).with_name("zuofeng"))
ROWS = 4000
STAGING = Path(".zuofeng/import")
NOTICE_HEADER = ["日期", "标题", "期号", "通报对象"]

pytestmark = pytest.mark.slow  # each test imports 4,000 rows in a real process


@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4,000 meetings (the first one an update of the project's record) and notice no. 1 of 2024."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("会议")
    sheet.append(MEETING_HEADER)
    start = dt.date(2024, 1, 1)
    for n in range(ROWS - 1):
        sheet.append([start + dt.timedelta(days=n % 366), f"第{n}次专题会议", "县政府办公室", "乡镇", None, "专题会议", 60, 20])
    notices = book.create_sheet("督查通报")
    notices.append(NOTICE_HEADER)
    notices.append([dt.date(2024, 2, 1), "关于窗口服务的督查通报", 1, "石门镇"])
    book.save(path := tmp_path_factory.mktemp("books") / "big.xlsx")
    return path


@pytest.fixture
def ledger(project):  # type: ignore[no-untyped-def]
    """A small project: one meeting the big workbook updates (60 minutes instead of 90)."""
    project.record("2024/meeting/2024-01-01-di-0-ci", "type: meeting\ndate: 2024-01-01\ntitle: 第0次专题会议\n"
                   "unit: 县政府办公室\ntags: [乡镇]\nkind: 专题会议\nduration_min: 90\nattendees: 20", "原有纪要")
    return project


def _start(root: Path, book: Path, delay: str = "0.002") -> "subprocess.Popen[str]":
    env = {**os.environ, "ZUOFENG_TEST_SLOW_WRITE": delay}
    return subprocess.Popen([ZUOFENG, "--root", str(root), "import", str(book), "--update"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_until(process: "subprocess.Popen[str]", ready: Callable[[], bool], what: str) -> None:
    """Poll the file system until the import is where the test wants it (bounded; no timing asserted)."""
    for _ in range(6000):
        if ready():
            return
        if process.poll() is not None:
            pytest.fail(f"导入在{what}之前就结束了：{process.communicate()}")
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"等待{what}超时")


def _staged(root: Path) -> int:
    try:
        return len(os.listdir(root / STAGING / "new"))
    except FileNotFoundError:
        return 0


def _committed(root: Path) -> bool:
    return (root / STAGING / "journal.json").exists()


def _records(root: Path) -> int:
    return sum(1 for _ in (root / "records").rglob("*.md"))


@pytest.mark.parametrize(("sent", "code"), [pytest.param(signal.SIGINT, 130, id="SIGINT"),
                                            pytest.param(signal.SIGTERM, 143, id="SIGTERM")])
def test_interrupted_import_writes_nothing(ledger, big_book, run_cli, sent: int, code: int) -> None:  # type: ignore[no-untyped-def]
    root = ledger.root
    before = tree_hash(root)
    process = _start(root, big_book)
    _wait_until(process, lambda: _staged(root) >= 300, "暂存 300 个文件")
    process.send_signal(sent)
    out, err = process.communicate(timeout=600)
    assert process.returncode == code, (out, err)
    assert "导入已中断，未写入任何文件" in err and "Traceback" not in err
    assert tree_hash(root) == before  # no record, no temporary file, no journal, no lock file left
    checked = run_cli("--root", str(root), "check")
    assert checked.code == 0 and "上次导入" not in checked.err, checked.text


def test_import_killed_while_staging_is_undone_by_check(ledger, big_book, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = ledger.root
    before = tree_hash(root / "records")
    process = _start(root, big_book)
    _wait_until(process, lambda: _staged(root) >= 300, "暂存 300 个文件")
    process.kill()
    process.communicate(timeout=600)
    assert tree_hash(root / "records") == before
    checked = run_cli("--root", str(root), "check")
    assert checked.code == 0, checked.text
    assert f"上次导入被中断（{ROWS} 条尚未写入）：已撤销，记录未改动" in checked.err
    assert tree_hash(root / "records") == before and not (root / ".zuofeng").exists()
    again = run_cli("--root", str(root), "check")
    assert again.code == 0 and "上次导入" not in again.err


def test_import_killed_while_moving_is_finished_by_the_next_command(ledger, big_book, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = ledger.root
    process = _start(root, big_book)
    _wait_until(process, lambda: _committed(root) and _staged(root) <= ROWS - 300, "移入 300 个文件")
    process.kill()
    process.communicate(timeout=600)
    assert 301 <= _records(root) < ROWS  # half moved: what the journal is for
    checked = run_cli("--root", str(root), "check")
    assert checked.code == 0, checked.text
    assert f"/{ROWS} 条）：已完成，{ROWS} 条全部写入" in checked.err
    assert _records(root) == ROWS and not (root / ".zuofeng").exists()
    again = run_cli("--root", str(root), "import", str(big_book), "--update")
    assert again.code == 0 and f"新增 0 条、未变 {ROWS} 条、更新 0 条" in again.out, again.text


def test_one_writer_at_a_time(ledger, big_book, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = ledger.root
    other = workbook(root.parent / "other.xlsx", {"督查通报": [NOTICE_HEADER, ["2024-02-02", "另一份督查通报", 1, "县文旅局"]]})
    process = _start(root, big_book)
    _wait_until(process, lambda: _staged(root) >= 100, "暂存 100 个文件")
    second = run_cli("--root", str(root), "import", str(other))
    new = run_cli("--root", str(root), "new", "meeting", "--date", "2024-05-06", "--title", "临时会议", "kind=专题会议")
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, (out, err)
    holder = f"另一个 zuofeng 命令正在写入（进程 {process.pid}，zuofeng import）"
    assert second.code == 1 and holder in second.err, second.text
    assert new.code == 1 and holder in new.err, new.text
    assert _records(root) == ROWS and not (root / ".zuofeng").exists()
    # Once the first import is done, the second is planned against it: its issue number is taken.
    late = run_cli("--root", str(root), "import", str(other))
    assert late.code == 1 and "2024年督查通报期号 1 重复" in late.out, late.text
    assert run_cli("--root", str(root), "check").code == 0


def test_a_write_cut_short_leaves_no_file_that_fails_check(ledger, run_cli) -> None:  # type: ignore[no-untyped-def]
    # What safe_write leaves when killed between writing its temporary file and linking it.
    leftover = ledger.root / "records/2024/meeting/.2024-05-06-lin-shi-hui-yi.md.k3x_9q2z.tmp"
    leftover.touch()
    checked = run_cli("--root", str(ledger.root), "check")
    assert checked.code == 0, checked.text
    assert "已删除中断的写入留下的临时文件 1 个：records/2024/meeting/.2024-05-06-lin-shi-hui-yi.md.k3x_9q2z.tmp" in checked.err
    assert not leftover.exists()
