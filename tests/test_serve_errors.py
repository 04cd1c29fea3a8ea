"""`mkdocs serve --dirty` after a failed rebuild: the last good site, with the problems shown, never a hang."""

from __future__ import annotations

import html
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest
from mkdocs.livereload import LiveReloadServer

from tests.conftest import CliResult
from tests.test_serve_incremental import ENV, _free_port, _generate, _records
from zuofeng.site import seams, serve_errors

REQUEST_SECONDS = 20  # a request not answered by then hangs: MkDocs waiting for a good build
BANNER = 'id="zuofeng-serve-error"'


class Hang(AssertionError):
    """A page request the server did not answer."""


def _fetch(url: str) -> tuple[int, str]:
    """Status and text of a GET; a request left unanswered fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except TimeoutError as exc:
        raise Hang(f"{url} 在 {REQUEST_SECONDS} 秒内没有应答：预览服务器挂起") from exc


def _until(check: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"{what}：超时\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")


def _page_url(base: str, project: Path, record: Path) -> str:
    return base + f"records/{record.relative_to(project / 'records').with_suffix('').as_posix()}/"


def _epoch(page: str) -> int:
    """The site version MkDocs' live-reload script in a served page knows."""
    found = re.search(r"livereload\((\d+), \d+\)", page)
    assert found, "页面中没有 livereload 脚本"
    return int(found.group(1))


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A generated project under a real `mkdocs serve --dirty`: project, base URL, log file."""
    project = tmp_path / "project"
    _generate(project, 30)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=project, env={**ENV, "TMPDIR": str(tmp_path)}, stdout=out, stderr=subprocess.STDOUT)
    try:
        _until(lambda: "Serving on" in log.read_text(encoding="utf-8"), 300, "首次构建", log)
        yield project, base, log
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_failed_rebuild_serves_last_good_site_with_the_problems_then_recovers(
        serving: tuple[Path, str, Path], run_cli: Callable[..., CliResult]) -> None:
    project, base, log = serving
    records = [p for p in _records(project) if "confidential: true" not in p.read_text(encoding="utf-8")
               and "notice" not in p.parts]
    broken, other = records[-1], records[-2]
    page, other_page = _page_url(base, project, broken), _page_url(base, project, other)
    status, good_page = _fetch(page)
    assert status == 200 and BANNER not in good_page
    epoch = _epoch(good_page)

    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("\ndate: ", "\ndate: 2024-13-", 1), encoding="utf-8")
    checked = run_cli("--root", str(project), "check")
    problems = [line for line in checked.out.splitlines() if line and "警告" not in line]
    assert checked.code == 1 and problems and broken.name in problems[0], checked.text
    _until(lambda: "构建已停止" in log.read_text(encoding="utf-8"), 120, "预览发现记录有误", log)

    # The open browser's live-reload poll answers with a newer version: the tab reloads and shows the problems.
    assert int(_fetch(f"{base}livereload/{epoch}/1")[1]) > epoch
    status, shown = _fetch(page)
    assert status == 200 and BANNER in shown
    for line in problems:  # as `zuofeng check` prints them, escaped
        assert html.escape(line, quote=False) in shown, line
    heading = re.search(r"<h1[^>]*>.*?</h1>", good_page, re.S)
    assert heading and heading.group(0) in shown  # the last good page, below the problems
    for url in (other_page, base, base + "reports/"):
        status, text = _fetch(url)
        assert status == 200 and BANNER in text, url
    status, missing = _fetch(base + "no-such-page/")
    assert status == 404 and BANNER in missing
    stylesheet = re.search(r'href="([^"]+\.css)"', good_page)
    assert stylesheet
    status, css = _fetch(urllib.parse.urljoin(page, stylesheet.group(1)))
    assert status == 200 and BANNER not in css  # assets as they are

    broken.write_text(good, encoding="utf-8")
    _until(lambda: (lambda r: r[0] == 200 and BANNER not in r[1])(_fetch(page)), 120, "修正后页面恢复", log)
    assert BANNER not in _fetch(other_page)[1]
    text = log.read_text(encoding="utf-8")
    assert "will appear stuck" not in text and "预览仍显示上次成功构建的站点" in text


@pytest.mark.slow
@pytest.mark.browser
def test_open_tab_shows_the_problems_and_reloads_when_fixed(serving: tuple[Path, str, Path]) -> None:
    """MkDocs' live reload in a real browser: the tab shows the banner by itself, and drops it after the fix."""
    from tests.browser import chromium

    project, base, log = serving
    record = next(p for p in _records(project) if "notice" not in p.parts)
    good = record.read_text(encoding="utf-8")
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto(base)
        tab.wait_for_load_state("load")
        banner = tab.locator("#zuofeng-serve-error")
        assert banner.count() == 0
        record.write_text(good.replace("\ndate: ", "\ndate: 2024-13-", 1), encoding="utf-8")
        banner.wait_for(state="visible", timeout=120_000)
        assert record.name in banner.inner_text()
        record.write_text(good, encoding="utf-8")
        banner.wait_for(state="detached", timeout=120_000)


def test_first_build_failing_exits_with_the_problems_and_what_to_do(tmp_path: Path) -> None:
    project = tmp_path / "project"
    _generate(project, 4)
    record = [p for p in _records(project) if "notice" not in p.parts][0]
    record.write_text(record.read_text(encoding="utf-8").replace("\ndate: ", "\ndate: 2024-13-", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{_free_port()}"],
                          cwd=project, env={**ENV, "TMPDIR": str(tmp_path)}, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert record.name in output and "构建已停止" in output
    assert "预览没有启动" in output and "Traceback" not in output


# --- the one private seam of MkDocs' LiveReloadServer --------------------------------------------------


def _server(tmp_path: Path) -> LiveReloadServer:
    (tmp_path / "site").mkdir(exist_ok=True)
    (tmp_path / "site" / "index.html").write_text("<html><body><p>上次的页面</p></body></html>", encoding="utf-8")
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(tmp_path / "site"))


def _request(server: LiveReloadServer, path: str) -> tuple[dict[str, str], str]:
    """One GET through the server's WSGI application, as its request handler makes it."""
    headers: dict[str, str] = {}
    body = server.get_app()({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, lambda status, h, *exc: headers.update(h))
    try:
        return headers, b"".join(body).decode("utf-8")
    finally:
        getattr(body, "close", lambda: None)()


def test_release_lets_requests_waiting_for_a_build_through(tmp_path: Path) -> None:
    """MkDocs' epochs: a request waits while the wanted version is not the visible one; release ends that wait."""
    server = _server(tmp_path)
    try:
        server._wanted_epoch += 1  # a build under way, as MkDocs' build loop marks it
        answered: list[str] = []
        waiting = threading.Thread(target=lambda: answered.append(_request(server, "/index.html")[1]), daemon=True)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive(), "MkDocs 不再让请求等待构建：检查 serve_errors 的私有接口是否仍需要"
        assert seams.release_waiting_requests(server)
        waiting.join(REQUEST_SECONDS)
        assert not waiting.is_alive() and "上次的页面" in answered[0]
    finally:
        server.server_close()


def test_release_falls_back_when_mkdocs_changed_its_internals() -> None:
    class Other:
        pass
    assert seams.release_waiting_requests(Other()) is False  # type: ignore[arg-type]


def test_banner_is_escaped_and_shown_in_every_html_response(tmp_path: Path) -> None:
    server = _server(tmp_path)
    try:
        errors = serve_errors.ServeErrors()
        errors.attach(server)
        errors.failed(ValueError("records/2024/a.md:3: 字段 title 不能是 <script>alert(1)</script>"))
        headers, body = _request(server, "/index.html")
        assert BANNER in body and "上次的页面" in body and "<script>alert" not in body
        assert "records/2024/a.md:3: 字段 title 不能是 &lt;script&gt;" in body
        assert int(headers["Content-Length"]) == len(body.encode("utf-8"))
        errors.succeeded()
        assert BANNER not in _request(server, "/index.html")[1]
    finally:
        server.server_close()
