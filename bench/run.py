#!/usr/bin/env python3
"""`make bench`: check and build times, peak memory and the plain-Material baseline for N records.

Sizes from BENCH_SIZES (e.g. `BENCH_SIZES=1000,5000`), default 1,000, 5,000 and 20,000.
Each command runs as a child process; its peak RSS comes from os.wait4. Builds of up to 5,000
records run BENCH_REPEAT times (default 3; once above 5,000), ours and the baseline's in turn,
and the medians are reported: a single run here varies by about 5%. Results are printed as
a table and written to bench/results/bench-<time>.json. Save-to-visible (bench/serve.py) edits a
record under a real `mkdocs serve --dirty` and times until its page shows the edit.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import make_baseline  # noqa: E402
from generate import generate  # noqa: E402
from search import measure as measure_search  # noqa: E402
from serve import measure_serve  # noqa: E402

BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def measure(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds of one child; a failure stops the bench.

    CPU time is reported too: on a shared machine it varies far less than wall time.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} 失败（{cwd}）：\n{stderr.decode('utf-8', 'replace')[-3000:]}")
    return round(elapsed, 2), round(usage.ru_maxrss / 1024, 1), round(usage.ru_utime + usage.ru_stime, 2)


def median_of(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Median wall and CPU seconds of repeated runs, and the largest peak memory."""
    return (round(statistics.median(r[0] for r in runs), 2), max(r[1] for r in runs),
            round(statistics.median(r[2] for r in runs), 2))


def html_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def bench_size(n: int, scratch: Path) -> dict[str, object]:
    project = scratch / f"project-{n}"
    info = generate(project, n)
    result: dict[str, object] = {"records": n, **info}
    result["check_s"], result["check_mb"], result["check_cpu"] = measure([str(BIN / "zuofeng"), "check"], project)
    build = [str(BIN / "mkdocs"), "build", "--strict", "-q"]
    ours = [measure(build, project)]
    pages = html_pages(project / "site")
    plain = scratch / f"baseline-{n}"
    result["baseline_pages"] = make_baseline(plain, project, pages)
    theirs = [measure(build, plain)]
    repeat = int(os.environ.get("BENCH_REPEAT", "3")) if n <= 5000 else 1
    result["runs"] = repeat
    for _ in range(repeat - 1):
        ours.append(measure(build, project))
        theirs.append(measure(build, plain))
    result["build_s"], result["build_mb"], result["build_cpu"] = median_of(ours)
    result["baseline_s"], result["baseline_mb"], result["baseline_cpu"] = median_of(theirs)
    result["pages"] = pages
    found = measure_search(project / "site")  # a reader's two-word search in Chromium
    result["search_kb"], result["search_s"] = round(int(found["bytes"]) / 1024), found["first_results_s"]
    result["pages_per_s"] = round(pages / float(result["build_s"]), 1)  # type: ignore[arg-type]
    result["ratio"] = round(float(result["build_s"]) / float(result["baseline_s"]), 2)  # type: ignore[arg-type]
    result["cpu_ratio"] = round(float(result["build_cpu"]) / float(result["baseline_cpu"]), 2)  # type: ignore[arg-type]
    macros = subprocess.run([sys.executable, str(Path(__file__).parent / "macros.py"), str(project)],
                            env=ENV, capture_output=True, text=True, check=True)
    result.update(json.loads(macros.stdout))
    rebuild = subprocess.run([sys.executable, str(Path(__file__).parent / "rebuild.py"), str(project)],
                             env=ENV, capture_output=True, text=True, check=True)
    serve = json.loads(rebuild.stdout.strip().splitlines()[-1])
    result["serve_first_s"], result["serve_rebuild_s"] = serve["first_s"], serve["rebuild_s"]
    result["serve_visible_s"] = measure_serve(project)["serve_visible_s"]  # a real `mkdocs serve --dirty`
    return result


COLUMNS = [("records", "记录"), ("pages", "页面"), ("runs", "构建次数"), ("check_s", "check 秒"), ("check_mb", "check MB"), ("check_cpu", "check CPU秒"),
           ("build_s", "build 秒"), ("build_mb", "build MB"), ("build_cpu", "build CPU秒"), ("pages_per_s", "页/秒"),
           ("baseline_s", "基线 秒"), ("baseline_mb", "基线 MB"), ("baseline_cpu", "基线 CPU秒"),
           ("ratio", "倍数"), ("cpu_ratio", "CPU倍数"), ("search_kb", "搜索下载 KB"), ("search_s", "搜索首批结果 秒"),
           ("serve_first_s", "serve 首次"), ("serve_rebuild_s", "serve 改一条"), ("serve_visible_s", "serve 保存到可见 秒"),
           ("macro_index_us", "count 微秒"), ("macro_filtered_us", "筛选 微秒"), ("macro_scan_us", "全表扫描 微秒")]


def table(rows: list[dict[str, object]]) -> str:
    lines = ["| " + " | ".join(label for _, label in COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(row.get(key, "")) for key, _ in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,5000,20000").split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="zuofeng-bench-") as scratch:
        for n in sizes:
            print(f"… {n} 条记录", file=sys.stderr, flush=True)
            rows.append(bench_size(n, Path(scratch)))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(table(rows))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    load = os.getloadavg()[0]
    print(f"（本机 {os.cpu_count()} 核，结束时 1 分钟平均负载 {load:.1f}：负载高时以 CPU 秒和倍数为准）")
    out.write_text(json.dumps({"cpu_count": os.cpu_count(), "load_at_end": load, "rows": rows}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"结果已写入 {out}")


if __name__ == "__main__":
    main()
