#!/usr/bin/env python3
"""Save-to-visible through a real `mkdocs serve`: seconds from saving a record to its page showing the edit.

Usage: serve.py PROJECT [--full] [--edits N] — starts `mkdocs serve --dirty` (with --full:
without --dirty, the full-rebuild path) on a free port of 127.0.0.1, waits for the first build, then
appends a sentence with a unique token to the latest meeting record's body N times (default 3),
each time polling the record's page every 20 ms until the token shows. Prints one JSON line:
the median and each round, plus the server's startup seconds and the rebuild times it logged.
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

BIN = Path(sys.executable).parent
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


def edit_rounds(record: Path, url: str, edits: int, timeout: float) -> list[float]:
    runs: list[float] = []
    for i in range(1, edits + 1):
        token = f"zfbench{secrets.token_hex(4)}"
        with record.open("a", encoding="utf-8") as handle:
            handle.write(f"\n会后逐项抓好落实（第{i}次修改{token}）。\n")
        saved = time.perf_counter()
        deadline = time.monotonic() + timeout
        needle = token.encode("ascii")
        while True:
            status, body = get(url, deadline - time.monotonic())
            if status == 200 and needle in body:
                break
            if time.monotonic() >= deadline:
                raise ServeFailed(f"第 {i} 次修改后 {timeout:.0f} 秒内页面仍未显示（最后状态 {status}）：{url}")
            time.sleep(POLL_S)
        runs.append(round(time.perf_counter() - saved, 2))
        print(f"  第 {i} 次修改：{runs[-1]} 秒可见", file=sys.stderr, flush=True)
        if i < edits:
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


def measure_serve(project: Path, edits: int = 3, full: bool = False) -> dict[str, object]:
    """Median and per-round save-to-visible seconds; a failure stops the bench (exit 1, log tail shown)."""
    project = project.resolve()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    command += [] if full else ["--dirty"]
    handle, name = tempfile.mkstemp(prefix="zuofeng-serve-", suffix=".log")  # outside the watched project
    log = Path(name)
    timeout = timeout_for(project)
    record: Path | None = None
    original = ""
    started = time.perf_counter()
    with os.fdopen(handle, "wb") as out:
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_ready(process, log, base, timeout)
        start_s = round(time.perf_counter() - started, 2)
        record, url = pick_record(project, base)
        others = [u for u in (other_record(project, base, record),) if u]
        original = record.read_text(encoding="utf-8")
        runs = edit_rounds(record, url, edits, timeout)
        time.sleep(SETTLE_S)  # let a rebuild the last edit set off again be logged
        site_intact = intact(base, others)
    except ServeFailed as error:
        stop(process)
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"serve 基准失败（{project}，{'全量' if full else '--dirty'}）：{error}\n服务器日志 {log} 末尾：\n{tail}")
    finally:
        stop(process)
        leftovers = sweep_leftovers(process.pid)
        if record is not None:
            record.write_text(original, encoding="utf-8")  # leave the scratch project as it was
    builds = rebuild_times(log)
    log.unlink()
    return {"serve_mode": "full" if full else "dirty", "serve_start_s": start_s,
            "serve_visible_s": round(statistics.median(runs), 2), "serve_visible_runs": runs,
            "serve_first_build_s": builds[0] if builds else None, "serve_rebuilds_logged_s": builds[1:],
            "serve_site_intact": site_intact, "serve_leftovers": leftovers,
            "edited": record.name if record else None}


def main() -> None:
    parser = argparse.ArgumentParser(description="测量真实 mkdocs serve 中保存记录到页面可见的秒数")
    parser.add_argument("project", type=Path)
    parser.add_argument("--full", action="store_true", help="不加 --dirty，走全量重建（对照）")
    parser.add_argument("--edits", type=int, default=3, help="修改次数（取中位数）")
    args = parser.parse_args()
    print(json.dumps(measure_serve(args.project, args.edits, args.full), ensure_ascii=False))


if __name__ == "__main__":
    main()
