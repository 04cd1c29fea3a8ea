"""`mkdocs serve --dirty`: after any sequence of edits the served site equals a clean build, byte for byte."""

from __future__ import annotations

import contextlib
import filecmp
import importlib.util
import itertools
import json
import logging
import os
import posixpath
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import markdown
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from zuofeng.core.output.dashboard import relative_link
from zuofeng.site.incremental import _link_targets, quiet_dirty_warning
from zuofeng.site.recordpage import RecordPage
from zuofeng.site.rows import RowsLost, TableRows
from zuofeng.site.watch import watch_natively

REPO = Path(__file__).resolve().parent.parent
BUILDER = Path(__file__).resolve().parent / "tools" / "serve_builder.py"
URL = "http://127.0.0.1:8000/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1733000000"}


def _generate(dest: Path, n: int) -> None:
    """bench/generate.py's project: records of two years and a report with every macro."""
    spec = importlib.util.spec_from_file_location("zuofeng_bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(dest, n)


class Served:
    """A serve-like builder process (tests/tools/serve_builder.py) kept across edits, as `mkdocs serve`."""

    def __init__(self, project: Path, site: Path, mode: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(BUILDER), str(project / "mkdocs.yml"), str(site), URL, mode],
            cwd=project, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def build(self) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, self.stop()
        return json.loads(line)  # type: ignore[no-any-return]

    def stop(self) -> str:
        try:
            _, stderr = self.process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, stderr = self.process.communicate()
        return stderr[-3000:]


@contextlib.contextmanager
def served_project(tmp_path: Path, records: int) -> Iterator[tuple[Path, Served, Path, dict[str, object]]]:
    """A generated project, its serve-like builder, the folder it serves and its first build's result."""
    project, site = tmp_path / "project", tmp_path / "served"
    _generate(project, records)
    served = Served(project, site, "dirty")
    try:
        first = served.build()
        assert first["ok"], first
        yield project, served, site, first
    finally:
        served.stop()


def clean_build(project: Path, site: Path, builder: Served | None = None) -> None:
    """A complete build into `site`: by `builder` (clean mode, a new session per build) or a new process."""
    shutil.rmtree(site, ignore_errors=True)
    served = builder or Served(project, site, "clean")
    result = served.build()
    if builder is None:
        served.stop()
    assert result["ok"], result


def differences(a: Path, b: Path) -> list[str]:
    """Paths (relative) present in one tree only or with other bytes."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], rel: str) -> None:
        found.extend(f"{rel}{name}（只在一边）" for name in cmp.left_only + cmp.right_only)
        for name in cmp.common_files:
            if (Path(cmp.left) / name).read_bytes() != (Path(cmp.right) / name).read_bytes():
                found.append(f"{rel}{name}")
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")
    walk(filecmp.dircmp(a, b), "")
    return found


# --- the edits a clerk or an editor makes -----------------------------------------------------


def _records(project: Path) -> list[Path]:
    return sorted((project / "records").rglob("*.md"))


def _visible(project: Path) -> list[Path]:
    """Records with a page of their own (not internal, not notices: their pages are always made)."""
    return [p for p in _records(project)
            if "notice" not in p.parts and "confidential: true" not in p.read_text(encoding="utf-8")]


def _set_field(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(rf"^{key}:", text, re.M):
        text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    else:
        text = text.replace("---\n", f"---\n{key}: {value}\n", 1)
    path.write_text(text, encoding="utf-8")


def edit_body(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice(_visible(project))
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n第{step}次修改：会后各单位逐项抓好落实。\n")
    return f"正文 {path.name}"


def edit_title(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice(_visible(project))
    _set_field(path, "title", f"修改后的标题第{step}号")
    return f"标题 {path.name}"


def edit_date(project: Path, rng: random.Random, step: int) -> str:
    """Another day of the same year: the date field and the file name's date together, as `zuofeng check` asks."""
    path = rng.choice(_visible(project))
    day = f"{path.name[:4]}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    _set_field(path, "date", day)
    target = path.with_name(day + path.name[10:])
    if target.exists():
        target = target.with_name(f"{target.stem}-riqi{step}.md")
    path.rename(target)
    return f"日期 {path.name} → {target.name}"


def edit_number(project: Path, rng: random.Random, step: int) -> str:
    """A numeric field (会议时长, 参会人数, 接待人数 …) of a record that has one."""
    found = [(p, m.group(1)) for p in _visible(project)
             for m in [re.search(r"^([a-z_]+): \d+\s*$", p.read_text(encoding="utf-8"), re.M)] if m]
    path, key = rng.choice(found)
    _set_field(path, key, str(rng.randint(1, 400)))
    return f"数字 {key} {path.name}"


def edit_unit(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice(_visible(project))
    _set_field(path, "unit", rng.choice(["县财政局", f"新设单位{step}"]))
    return f"单位 {path.name}"


def add_record(project: Path, rng: random.Random, step: int) -> str:
    source = rng.choice(_records(project))
    target = source.with_name(f"{source.stem[:10]}-xinzeng{step}.md")
    shutil.copy(source, target)
    _set_field(target, "title", f"新增记录第{step}号")
    return f"新增 {target.name}"


def delete_record(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice([p for p in _records(project) if "notice" not in p.parts])
    path.unlink()
    return f"删除 {path.name}"


def rename_record(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice([p for p in _records(project) if "notice" not in p.parts])
    target = path.with_name(f"{path.stem[:10]}-gaiming{step}.md")
    path.rename(target)
    return f"改名 {path.name} → {target.name}"


def make_internal(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice(_visible(project))
    _set_field(path, "confidential", "true")
    return f"改为内部 {path.name}"


def edit_report(project: Path, rng: random.Random, step: int) -> str:
    path = rng.choice(sorted((project / "docs" / "reports").rglob("0*.md")))
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n第{step}次修改报告：全年召开会议{{{{ count(\"meeting\") }}}}次。\n")
    return f"报告 {path.name}"


def edit_config(project: Path, rng: random.Random, step: int) -> str:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^site_name: .*$", f"site_name: 示例县作风建设报告站{step}", text, count=1, flags=re.M),
                    encoding="utf-8")
    return "mkdocs.yml"


EDITS = [edit_body, edit_title, edit_date, edit_number, edit_unit, add_record, delete_record, rename_record,
         make_internal, edit_report, edit_config]


@pytest.mark.slow
def test_random_edits_serve_equals_clean_build(tmp_path: Path) -> None:
    clean_site = tmp_path / "clean"
    with served_project(tmp_path, 120) as (project, served, served_site, first):
        clean = Served(project, clean_site, "clean")  # one process, a new session for every build
        try:
            pages = len(first["built"])  # type: ignore[arg-type]
            rng = random.Random(20261201)
            # Every kind of edit at least once, in a random order, then a few more at random.
            sequence = [edit_body] + rng.sample(EDITS, len(EDITS)) + [rng.choice(EDITS) for _ in range(2)] + [edit_body]
            later = 0  # Word files made after their build's pages (downloads.WordJob), then compared too
            for step, edit in enumerate(sequence, 1):
                what = edit(project, rng, step)
                result = served.build()
                assert result["ok"], (what, result)
                assert not result["search_failure"] and not result["word_failure"], result
                later += result["word_later"]  # type: ignore[operator]
                clean_build(project, clean_site, clean)
                assert differences(served_site, clean_site) == [], f"第 {step} 步（{what}）后站点与完整构建不同"
                built = len(result["built"])  # type: ignore[arg-type]
                if edit is edit_config:
                    assert built == pages or built > pages * 0.9, (what, built)  # every page again
                elif edit in (edit_body, edit_title, edit_number):
                    assert built < pages / 4, (what, built)  # the fast path: a few pages, not the site
            assert later > 0
        finally:
            clean.stop()


@pytest.mark.slow
def test_figure_pages_follow_each_field_edit_of_the_records_they_list(tmp_path: Path) -> None:
    """A figure page's Markdown is kept while its trace (the records it lists, but their text) is the same:
    each edit of a field of a counted record, of one year then of another, is still the clean build's."""
    clean_site = tmp_path / "clean"
    with served_project(tmp_path, 60) as (project, served, served_site, _):
        clean = Served(project, clean_site, "clean")
        try:
            for year in sorted({p.parts[-3] for p in _visible(project) if "/meeting/" in p.as_posix()})[-2:]:
                path = [p for p in _visible(project) if f"/{year}/meeting/" in p.as_posix()][0]
                edits = [("title", f"改过标题的会议{year}"), ("duration_min", "345"), ("unit", "县财政局"),
                         ("kind", "常务会议"), ("confidential", "true")]
                for key, value in edits:
                    _set_field(path, key, value)
                    result = served.build()
                    assert result["ok"], (key, result)
                    clean_build(project, clean_site, clean)
                    assert differences(served_site, clean_site) == [], f"{year} 年记录改 {key} 后站点与完整构建不同"
        finally:
            clean.stop()


def _output(site: Path, src: str) -> Path:
    """The HTML file MkDocs writes for a docs page (directory URLs)."""
    stem = src[:-3]
    return site / (f"{stem[:-5]}index.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html")


def _pages_html(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html") if p.name != "404.html"}


@pytest.mark.slow
def test_title_edit_writes_only_the_pages_that_show_the_title(tmp_path: Path) -> None:
    """MkDocs renders again the record's page and the listings that show its title, no other page
    (seen through MkDocs' own `post_page` event); a long listing is put together row by row, and
    the site is still the clean build's."""
    with served_project(tmp_path, 60) as (project, served, served_site, _):
        assert served.build()["written"] == []  # nothing saved, nothing written (not even the nav's pages)
        path = [p for p in _visible(project) if "/meeting/" in p.as_posix()][-1]
        before = _pages_html(served_site)
        _set_field(path, "title", "修改后的会议标题")
        result = served.build()
        written = set(result["written"])  # type: ignore[arg-type]
        after = _pages_html(served_site)
        changed = {name for name, html in after.items() if before.get(name) != html}
        assert {_output(served_site, src).relative_to(served_site).as_posix() for src in written} == changed
        record = f"records/{path.relative_to(project / 'records').with_suffix('').as_posix()}.md"
        year = record.split("/")[1]
        assert record in written and f"records/{year}/meeting/index.md" in written
        units = [src for src in written if src.startswith("records/units/")]
        assert len(units) == 1 and all(src.startswith(("records/", f"reports/{year}/")) for src in written), written
        assert len(written) < 12, written
        listing = _output(served_site, units[0]).read_text(encoding="utf-8")
        assert "修改后的会议标题" in listing and listing.count("<tr>") > 21  # long enough to be kept row by row
        clean_build(project, tmp_path / "clean")
        assert differences(served_site, tmp_path / "clean") == []


@pytest.mark.slow
def test_failed_rebuild_then_fixed_equals_clean_build(tmp_path: Path) -> None:
    """A build that fails (bad record) leaves the served site; the next one after the fix is exact again."""
    clean_site = tmp_path / "clean"
    with served_project(tmp_path, 60) as (project, served, served_site, _):
        path = _records(project)[3]
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("date: ", "date: 2024-13-", 1), encoding="utf-8")
        failed = served.build()
        assert not failed["ok"], failed
        path.write_text(good + "\n修好以后又补了一句。\n", encoding="utf-8")
        assert served.build()["ok"]
        clean_build(project, clean_site)
        assert differences(served_site, clean_site) == []


# --- a real `mkdocs serve --dirty`, over HTTP -----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _until(check, seconds: float, what: str, log: Path) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"{what}：超时\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")


@pytest.mark.slow
def test_real_mkdocs_serve_dirty_shows_edits_deletions_and_search(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _generate(project, 60)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    env = {**ENV, "TMPDIR": str(tmp_path)}  # serve's own site folder and ours beside it, to check what remains
    with log.open("w", encoding="utf-8") as out:
        # mkdocs.yml has `strict: true`: MkDocs' warning about dirty builds must not abort them.
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _until(lambda: _get(base)[0] == 200 and "Serving on" in log.read_text(encoding="utf-8"), 300, "首次构建", log)
        records = [p for p in _records(project) if "confidential: true" not in p.read_text(encoding="utf-8")
                   and "notice" not in p.parts]
        edited, deleted = records[-1], records[-2]
        page = base + f"records/{edited.relative_to(project / 'records').with_suffix('').as_posix()}/"
        gone = base + f"records/{deleted.relative_to(project / 'records').with_suffix('').as_posix()}/"
        assert _get(page)[0] == 200 and _get(gone)[0] == 200
        with edited.open("a", encoding="utf-8") as handle:
            handle.write("\n会上还讨论了冰糖葫芦摊位的占道问题。\n")
        _until(lambda: "冰糖葫芦摊位" in _get(page)[1], 120, "修改后的页面", log)
        deleted.unlink()
        _until(lambda: _get(gone)[0] == 404, 120, "删除记录后页面消失", log)
        _until(lambda: "葫芦" in _get(base + "search/words.txt")[1], 120, "搜索词表更新", log)
        text = log.read_text(encoding="utf-8")
        assert "Aborted" not in text and "A 'dirty' build" not in text
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C, as a person stops it
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    leftovers = [p.name for p in tmp_path.iterdir() if ".building-" in p.name or ".search-" in p.name
                 or p.name.startswith("zuofeng-pagefind-")]
    assert leftovers == []


def _listing(titles: list[str]) -> str:
    """A unit's listing of records titled `titles` (each record's date and page follow from its title)."""
    rows = [f"| 2024-03-{len(t) % 28 + 1:02d} | 会议 | [{t}](../../2024/meeting/{abs(hash(t))}.md) | 县财政局 |" for t in titles]
    return "# 单位：县财政局\n\n共 {n} 条。\n\n| 日期 | 类型 | 标题 | 单位 |\n|---|---|---|---|\n".format(n=len(rows)) \
        + "\n".join(rows) + "\n\n页尾的一段话。\n"


def _convert(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "admonition", "toc"])


def test_a_records_table_converted_row_by_row_is_the_whole_table_converted() -> None:
    table = TableRows()
    table.enabled = True
    src = "records/units/xian-cai-zheng-ju/index.md"
    titles = [f"第{i}次会议 *要点* <b>" for i in range(40)]
    for edit in range(5):
        page = _listing(titles)
        sent = table.shorten(src, page)
        assert table.restore(src, _convert(sent)) == _convert(page), edit
        if edit:
            assert sent.count("\n| 2024-") == 1, edit  # only the row that changed (or came) goes to Markdown
        if edit == 3:
            titles.insert(11, "新增的一条")  # the count above the table changes too
        else:
            titles[7 * edit] = f"改过的标题{edit}"
    assert table.shorten("records/2024/index.md", _listing(titles[:5])) == _listing(titles[:5])  # short: whole


def test_a_table_that_does_not_come_back_row_by_row_stops_the_build() -> None:
    table = TableRows()
    table.enabled = True
    src = "records/units/x/index.md"
    titles = [f"会议{i}" for i in range(30)]
    table.restore(src, _convert(table.shorten(src, _listing(titles))))
    titles[3] = "改过"
    sent = table.shorten(src, _listing(titles))
    with pytest.raises(RowsLost):
        table.restore(src, _convert(sent).replace("<tr>", "<tr class=\"x\">"))


# --- the seams, each checked against what MkDocs itself does ---------------------------------------


def test_record_page_canonical_urls_equal_mkdocs_own() -> None:
    for base, use_dirs in itertools.product(["http://127.0.0.1:8000/", "http://zuofeng.example/sub", None], [True, False]):
        config = MkDocsConfig()
        config.load_dict({"site_name": "x", "site_url": base, "use_directory_urls": use_dirs})
        config.validate()
        for src in ["records/2024/meeting/2024-03-05-huiyi.md", "records/2024/reception/记录 一.md", "index.md"]:
            ours = RecordPage(None, True, File(src, None, "/site", use_dirs), config)  # type: ignore[arg-type]
            theirs = Page(None, File(src, None, "/site", use_dirs), config)
            assert (ours.canonical_url, ours.abs_url) == (theirs.canonical_url, theirs.abs_url), (base, src)


def test_relative_link_equals_posixpath_relpath() -> None:
    rng = random.Random(7)
    parts = ["records", "2024", "meeting", "a.md", "units", "x", "index.md", "reports"]
    for _ in range(3000):
        target = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        start = "/".join(rng.choice(parts[:-1]) for _ in range(rng.randint(0, 3)))
        assert relative_link(target, start) == posixpath.relpath(target, start or "."), (target, start)


def test_link_targets_are_docs_paths_of_relative_links() -> None:
    text = ("[a](../2023/x.md) [b](y.md#part) <a href=\"z/index.md\">z</a> ![i](../../img/p.png)\n"
            "[c](https://example.org/x.md) [d](#only) [e](/abs.md)\n[ref]: ../ref.md\n")
    assert _link_targets(text, "records/2024/a.md") == (
        "img/p.png", "records/2023/x.md", "records/2024/y.md", "records/2024/z/index.md", "records/ref.md")


def test_only_mkdocs_dirty_warning_is_quieted() -> None:
    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, msg, None, None)
    assert not quiet_dirty_warning(record("A 'dirty' build is being performed, this will likely lead to …"))
    assert quiet_dirty_warning(record("Doc file 'x.md' contains a link 'y.md', but the target is not found"))


def _watched_by(observer: BaseObserver) -> set[str]:
    return {emitter.watch.path for emitter in observer.emitters}


def test_records_are_watched_by_system_events_and_an_edit_asks_for_a_rebuild(tmp_path: Path) -> None:
    """MkDocs polls what it watches; records/ goes to a native observer through `server.observer` (the seam)."""
    records = tmp_path / "records" / "2024" / "meeting"
    records.mkdir(parents=True)
    (records / "2024-03-05-a.md").write_text("---\ntitle: a\n---\n", encoding="utf-8")
    built = threading.Event()
    server = LiveReloadServer(builder=built.set, host="127.0.0.1", port=_free_port(), root=str(tmp_path / "site"))
    polling = server.observer
    native = watch_natively(server, tmp_path / "records")
    try:
        assert native is not None and not isinstance(native, PollingObserver)
        assert server.observer is polling  # MkDocs' own observer is back, and does not poll records/
        assert _watched_by(native) == {str(tmp_path / "records")} and _watched_by(polling) == set()
        serving = threading.Thread(target=server.serve)
        serving.start()
        try:
            time.sleep(0.3)
            # The build reads the edited record: reading is no change, or each edit would build twice.
            assert (records / "2024-03-05-a.md").read_text(encoding="utf-8")
            assert not built.wait(1.5), "只读取记录不应触发重建"
            (records / "2024-03-05-a.md").write_text("---\ntitle: b\n---\n", encoding="utf-8")
            assert built.wait(30), "修改记录后没有触发重建"
        finally:
            server.shutdown()
            serving.join(30)
    finally:
        native.stop()  # type: ignore[union-attr]
        server.server_close()


def test_records_are_polled_as_before_when_the_system_refuses_the_watch(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(tmp_path / "site"))
    missing = tmp_path / "no-such-folder"  # inotify refuses it, as it refuses a folder past its limits
    try:
        assert watch_natively(server, missing) is None
        assert _watched_by(server.observer) == {str(missing)}
    finally:
        server.server_close()
