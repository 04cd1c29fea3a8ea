#!/usr/bin/env python3
"""Save-to-visible through a real `mkdocs serve`: seconds from saving a record to its page showing the edit.

Usage: serve.py [PROJECT] [--full] [--edits N] [--kinds body,title,…] [--keep DIR] — starts
`mkdocs serve --dirty` (with --full: without --dirty, the full-rebuild path) on a free port of
127.0.0.1, waits for the first build, then makes each kind of edit to the latest meeting record
N times (default 3): body (a sentence appended), title, date (field and file name), number
(duration_min), unit, add (a new record) and delete (that record again), each time polling the
page every 20 ms until it shows the edit. Without PROJECT it generates one project per size in
BENCH_SIZES (default 1000,5000,20000). Prints a table (median and range per kind) and writes
bench/results/serve-<time>.json: each round, the server's startup and the rebuild times it logged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
POLL_S = 0.02
SETTLE_S = 1.5
READY_LINE = "Serving on http://"  # MkDocs logs it once the first build is done and the port is bound
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


class ServeFailed(Exception):
    """A Chinese message for the user; the server log's tail is added by measure_serve."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, timeout: float) -> tuple[int, bytes]:
    """Status and body; 0 when nothing answers yet. The dev server holds requests while it rebuilds."""
    try:
        with urllib.request.urlopen(url, timeout=max(timeout, 0.1)) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


def timeout_for(project: Path) -> float:
    """Generous: 20 minutes at 20,000 records, never under 5 minutes."""
    records = sum(1 for _ in (project / "records").glob("*/*/*.md"))
    return max(300.0, records * 0.06)


def wait_ready(process: subprocess.Popen[bytes], log: Path, base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeFailed(f"mkdocs serve 启动失败，退出码 {process.returncode}")
        if READY_LINE in log.read_text(encoding="utf-8", errors="replace"):
            status, _ = get(base, deadline - time.monotonic())
            if status == 200:
                return
        time.sleep(0.2)
    raise ServeFailed(f"mkdocs serve 在 {timeout:.0f} 秒内未完成首次构建")


def page_url(project: Path, base: str, record: Path) -> str:
    """A record's page: its id is its path under records/ without .md, its page records/<id>/."""
    return f"{base}records/{record.relative_to(project / 'records').with_suffix('').as_posix()}/"


def pick_record(project: Path, base: str) -> tuple[Path, str]:
    """The latest meeting record whose page answers 200 (the latest one, unless it is not shown)."""
    candidates = sorted((project / "records").glob("*/meeting/*.md"))
    if not candidates:
        raise ServeFailed(f"{project / 'records'} 下没有会议记录（records/*/meeting/*.md）")
    for path in reversed(candidates[-20:]):
        url = page_url(project, base, path)
        if get(url, 60)[0] == 200:
            return path, url
    raise ServeFailed(f"最新的会议记录页面均未返回 200（如 {base}records/…/）")


def intact(base: str, urls: list[str]) -> bool:
    """The home page and an unedited record still answer 200: a dirty rebuild must not drop pages."""
    missing = [url for url in [base, *urls] if get(url, 60)[0] != 200]
    for url in missing:
        print(f"  警告：修改后页面不再返回 200：{url}", file=sys.stderr, flush=True)
    return not missing


def other_record(project: Path, base: str, edited: Path) -> str | None:
    """The page of the earliest meeting record (not edited), when it answers 200 now."""
    first = sorted((project / "records").glob("*/meeting/*.md"))[0]
    if first == edited:
        return None
    url = page_url(project, base, first)
    return url if get(url, 60)[0] == 200 else None


def rebuild_times(log: Path) -> list[float]:
    """Every build the server logged, in seconds: the first is the initial build."""
    return [float(s) for s in BUILT.findall(log.read_text(encoding="utf-8", errors="replace"))]


class Edit:
    """One kind of edit a clerk makes to a record, and what its page shows once the edit is served."""

    def __init__(self, name: str, label: str) -> None:
        self.name, self.label = name, label
        self.moved: Path | None = None  # where the edit moved the record (a date edit renames its file)

    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        """Save the edit; the URL to poll and when its answer shows the edit."""
        raise NotImplementedError


def _set_field(record: Path, key: str, value: str) -> None:
    text = record.read_text(encoding="utf-8")
    text, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)
    if not count:
        text = text.replace("---\n", f"---\n{key}: {value}\n", 1)
    record.write_text(text, encoding="utf-8")


def _shows(url: str, needle: str) -> tuple[str, Callable[[int, bytes], bool]]:
    encoded = needle.encode("utf-8")
    return url, lambda status, body: status == 200 and encoded in body


class Body(Edit):
    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        token = f"zfbench{secrets.token_hex(4)}"
        with record.open("a", encoding="utf-8") as handle:
            handle.write(f"\n会后逐项抓好落实（第{i}次修改{token}）。\n")
        return _shows(page_url(project, base, record), token)


class Title(Edit):
    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        token = f"zfbench{secrets.token_hex(4)}"
        _set_field(record, "title", f"研究安全生产工作专题会议{token}")
        return _shows(page_url(project, base, record), f'zf-record-title">研究安全生产工作专题会议{token}<')


class Date(Edit):
    """Another day of the same year: the date field and the file name's date together (as `zuofeng check` asks)."""

    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        year = record.name[:4]
        day = 10 + i
        target = record.with_name(f"{year}-11-{day:02d}{record.name[10:]}")
        _set_field(record, "date", f"{year}-11-{day:02d}")
        record.rename(target)
        self.moved = target
        return _shows(page_url(project, base, target), f"<th>日期</th><td>{year}年11月{day}日</td>")


class Number(Edit):
    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        value = 300 + secrets.randbelow(600)
        _set_field(record, "duration_min", str(value))
        return _shows(page_url(project, base, record), f"<td>{value}</td>")


UNITS = ("县财政局", "县政府办公室")


class Unit(Edit):
    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        current = re.search(r"(?m)^unit: (.*)$", record.read_text(encoding="utf-8"))
        unit = next(u for u in UNITS if current is None or current.group(1).strip() != u)
        _set_field(record, "unit", unit)
        return _shows(page_url(project, base, record), f"<th>单位</th><td>{unit}</td>")


class Add(Edit):
    """A new record (a copy of the edited one, another title); `Delete` removes it again."""

    added: list[Path] = []

    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        token = f"zfbench{secrets.token_hex(4)}"
        target = record.with_name(f"{record.stem}-zfbench{i}.md")
        target.write_text(record.read_text(encoding="utf-8"), encoding="utf-8")
        _set_field(target, "title", f"新增会议{token}")
        Add.added.append(target)
        return _shows(page_url(project, base, target), token)


class Delete(Edit):
    def apply(self, record: Path, base: str, project: Path, i: int) -> tuple[str, Callable[[int, bytes], bool]]:
        target = Add.added.pop() if Add.added else record.with_name(f"{record.stem}-zfbench{i}.md")
        if not target.exists():
            raise ServeFailed(f"没有可删除的新增记录（先测“新增”）：{target}")
        target.unlink()
        return page_url(project, base, target), lambda status, body: status == 404


EDITS: dict[str, Edit] = {e.name: e for e in (
    Body("body", "正文"), Title("title", "标题"), Date("date", "日期"), Number("number", "数字字段"),
    Unit("unit", "单位"), Add("add", "新增"), Delete("delete", "删除"))}


def edit_rounds(edit: Edit, record: Path, project: Path, base: str, edits: int, timeout: float) -> list[float]:
    """Seconds from each save to the served page showing it."""
    runs: list[float] = []
    for i in range(1, edits + 1):
        url, shown = edit.apply(record, base, project, i)
        record = edit.moved or record
        saved = time.perf_counter()
        deadline = time.monotonic() + timeout
        while True:
            status, body = get(url, deadline - time.monotonic())
            if shown(status, body):
                break
            if time.monotonic() >= deadline:
                raise ServeFailed(f"{edit.label}：第 {i} 次修改后 {timeout:.0f} 秒内页面仍未显示（最后状态 {status}）：{url}")
            time.sleep(POLL_S)
        runs.append(round(time.perf_counter() - saved, 2))
        print(f"  {edit.label} 第 {i} 次：{runs[-1]} 秒可见", file=sys.stderr, flush=True)
        time.sleep(SETTLE_S)
    return runs


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C first (MkDocs then removes its temporary site), terminate and kill if it hangs."""
    if process.poll() is not None:
        return
    for send, wait in ((lambda: process.send_signal(signal.SIGINT), 10), (process.terminate, 10), (process.kill, None)):
        send()
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def sweep_leftovers(pid: int) -> list[str]:
    """Folders the server left beside its temporary site (`mkdocs_….building-<pid>` and the like): warned, removed."""
    found = sorted(Path(tempfile.gettempdir()).glob(f"mkdocs_*.*-{pid}"))
    for folder in found:
        print(f"  警告：mkdocs serve 退出后留下了 {folder}（已删除）", file=sys.stderr, flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    return [folder.name for folder in found]


def measure_serve(project: Path, edits: int = 3, full: bool = False,
                  kinds: tuple[str, ...] = ("body",)) -> dict[str, object]:
    """Median and per-round save-to-visible seconds of each kind of edit; a failure stops the bench (exit 1, log tail shown).

    `serve_visible_s` is the body edit's median (bench/run.py reads it); `serve_edits` has every kind's.
    """
    project = project.resolve()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    command += [] if full else ["--dirty"]
    handle, name = tempfile.mkstemp(prefix="zuofeng-serve-", suffix=".log")  # outside the watched project
    log = Path(name)
    timeout = timeout_for(project)
    first: Path | None = None
    record: Path | None = None
    original = ""
    results: dict[str, dict[str, object]] = {}
    started = time.perf_counter()
    with os.fdopen(handle, "wb") as out:
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_ready(process, log, base, timeout)
        start_s = round(time.perf_counter() - started, 2)
        first, _ = pick_record(project, base)
        record = first
        others = [u for u in (other_record(project, base, record),) if u]
        original = record.read_text(encoding="utf-8")
        for kind in kinds:
            edit = EDITS[kind]
            logged = len(rebuild_times(log))
            runs = edit_rounds(edit, record, project, base, edits, timeout)
            record = edit.moved or record
            time.sleep(SETTLE_S)  # let a rebuild the last edit set off again be logged
            results[kind] = {"median_s": round(statistics.median(runs), 2), "runs_s": runs,
                             "rebuilds_logged_s": rebuild_times(log)[logged:]}
        site_intact = intact(base, others)
    except ServeFailed as error:
        stop(process)
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"serve 基准失败（{project}，{'全量' if full else '--dirty'}）：{error}\n服务器日志 {log} 末尾：\n{tail}")
    finally:
        stop(process)
        leftovers = sweep_leftovers(process.pid)
        restore(first, record, original)
    builds = rebuild_times(log)
    log.unlink()
    body = results.get("body", {})
    return {"serve_mode": "full" if full else "dirty", "serve_start_s": start_s,
            "serve_visible_s": body.get("median_s"), "serve_visible_runs": body.get("runs_s"),
            "serve_edits": results,
            "serve_first_build_s": builds[0] if builds else None, "serve_rebuilds_logged_s": builds[1:],
            "serve_site_intact": site_intact, "serve_leftovers": leftovers,
            "edited": first.name if first else None}


def restore(first: Path | None, record: Path | None, original: str) -> None:
    """Leave the scratch project as it was: the edited record back in its file, added ones removed."""
    for added in Add.added:
        added.unlink(missing_ok=True)
    Add.added.clear()
    if record is not None and record != first:
        record.unlink(missing_ok=True)
    if first is not None:
        first.write_text(original, encoding="utf-8")


def bench_sizes(sizes: list[int], kinds: tuple[str, ...], edits: int, keep: Path | None) -> list[dict[str, object]]:
    """Generate a project of each size (bench/generate.py; kept in `keep` and reused when given) and measure it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import generate  # noqa: PLC0415

    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"zuofeng-serve-{n}-") as scratch:
            project = (keep / f"p{n}") if keep is not None else Path(scratch) / "project"
            if not (project / "mkdocs.yml").is_file():
                print(f"生成 {n} 条记录的项目：{project}", file=sys.stderr, flush=True)
                generate(project, n)
            print(f"{n} 条记录：启动 mkdocs serve --dirty", file=sys.stderr, flush=True)
            rows.append({"records": n, **measure_serve(project, edits, kinds=kinds)})
    return rows


def print_table(rows: list[dict[str, object]], kinds: tuple[str, ...]) -> None:
    """Per size and kind of edit: median save-to-visible seconds and the range of the rounds."""
    print("| 记录 | 首次构建 | " + " | ".join(EDITS[k].label for k in kinds) + " |")
    print("|---:|---:|" + "---:|" * len(kinds))
    for row in rows:
        edits = row["serve_edits"]
        assert isinstance(edits, dict)
        cells = [f"{edits[k]['median_s']:.2f}（{min(edits[k]['runs_s']):.2f}–{max(edits[k]['runs_s']):.2f}）" for k in kinds]
        print(f"| {row['records']:,} | {row['serve_first_build_s']} 秒 | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description="测量真实 mkdocs serve --dirty 中每种修改从保存到页面可见的秒数")
    parser.add_argument("project", type=Path, nargs="?", help="已有项目；不给时按 BENCH_SIZES 生成（默认 1000,5000,20000）")
    parser.add_argument("--full", action="store_true", help="不加 --dirty，走全量重建（对照）")
    parser.add_argument("--edits", type=int, default=3, help="每种修改的次数（取中位数）")
    parser.add_argument("--kinds", default=",".join(EDITS), help=f"修改种类，逗号分隔（{','.join(EDITS)}）")
    parser.add_argument("--keep", type=Path, default=None, help="生成的项目存放于此并重复使用")
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = [k for k in kinds if k not in EDITS]
    if unknown:
        sys.exit(f"未知的修改种类：{'、'.join(unknown)}（可选：{','.join(EDITS)}）")
    if args.project is not None:
        rows = [{"records": sum(1 for _ in (args.project / "records").glob("*/*/*.md")),
                 **measure_serve(args.project, args.edits, args.full, kinds)}]
    else:
        sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,5000,20000").split(",") if n.strip()]
        rows = bench_sizes(sizes, kinds, args.edits, args.keep)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"serve-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print_table(rows, kinds)
    print(f"结果已写入 {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
