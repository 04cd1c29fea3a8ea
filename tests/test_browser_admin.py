"""The /admin/ form in headless Chromium against Decap's local backend: a 公务接待 record typed in Chinese."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser import chromium, guarded_page, screenshot, serve
from tests.conftest import REPO, CliResult, mkdocs_build, scratch_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DECAP_SERVER = REPO / "tests/tools/decap/node_modules/decap-server/dist/index.js"
# Dated 1 January and entered in China (UTC+8): it belongs in 2024/, whatever Decap's UTC dates say.
RECORD = "records/2024/reception/2024-01-01-reception.md"
BRANCH = "cms/reception/2024/reception/2024-01-01-reception"
TITLE = "接待省审计厅调研组"
GIT = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.gov.internal", "-c", "commit.gpgsign=false"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@contextmanager
def decap_server(repo: Path, port: int, log: Path) -> Iterator[None]:
    """decap-server in git mode on 127.0.0.1: editorial workflow saves become branches of `repo`."""
    node = shutil.which("node")
    assert node and DECAP_SERVER.exists(), "需要 node 和 decap-server：在 tests/tools/decap 中运行 npm ci（make install 会做）"
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(repo),
           "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "test@example.gov.internal",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "test@example.gov.internal"}
    with log.open("w") as out:
        # cwd outside the repository: decap-server reads a .env file from its working folder.
        server = subprocess.Popen([node, str(DECAP_SERVER)], cwd=log.parent, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(port, server)
            yield
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for_port(port: int, server: subprocess.Popen[bytes]) -> None:
    """Readiness, not timing: poll until the server listens (or has died)."""
    for _ in range(600):
        assert server.poll() is None, "decap-server 未能启动"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("decap-server 未在端口上监听")


def _fill_reception(page: Page) -> None:
    """Fill the form as a person would: pick the date, type each value key by key."""
    page.get_by_label("日期").fill("2024-01-01")
    page.get_by_label("标题").press_sequentially(TITLE)
    page.get_by_label("牵头/承办单位").press_sequentially("县政府办公室")
    page.get_by_label("来访单位").press_sequentially("省审计厅")
    page.get_by_label("来访人数").press_sequentially("6")
    page.get_by_label("陪同人数").press_sequentially("2")
    page.get_by_label("用餐次数").press_sequentially("1")
    page.get_by_label("费用（元）").press_sequentially("360.5")
    page.get_by_label("公函编号").press_sequentially("省审函〔2024〕1号")
    body = page.locator("[data-slate-editor]")
    body.click()
    page.keyboard.type("调研组一行六人，工作餐一次，标准符合规定。")


def test_a_reception_entered_in_the_form_opens_a_merge_request_that_passes_check(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    repo = scratch_site(tmp_path / "repo").root
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "示例项目")
    port = _free_port()
    site = tmp_path / "site"  # outside the repository: decap-server commits everything in it
    built = mkdocs_build(repo, "-d", str(site), ZUOFENG_CMS_LOCAL=f"http://127.0.0.1:{port}/api/v1")
    assert built.returncode == 0, built.stderr

    blocked: list[str] = []
    with decap_server(repo, port, tmp_path / "decap-server.log"), serve(site) as base_url, chromium() as browser:
        page = guarded_page(browser, blocked, timezone_id="Asia/Shanghai")
        page.goto(base_url + "admin/")
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_text("公务接待").first).to_be_visible(timeout=60_000)
        page.goto(base_url + "admin/#/collections/reception/new")
        _fill_reception(page)
        page.get_by_role("button", name="保存").click()
        # Saved under the editorial workflow: the entry has its own page and is a draft.
        expect(page).to_have_url(re.compile(r"/entries/2024/reception/2024-01-01-reception$"), timeout=90_000)
        expect(page.get_by_text("草稿").first).to_be_visible(timeout=60_000)
        screenshot(page, "admin-reception-saved")
        page.context.close()
    assert blocked == []

    # A branch for the merge request; nothing committed to main.
    assert _git(repo, "ls-tree", "-r", "--name-only", "main", "records") == ""
    assert _git(repo, "diff", "--name-only", "main", BRANCH).split() == [RECORD]
    written = _git(repo, "show", f"{BRANCH}:{RECORD}")
    assert written.startswith("---\ntype: reception\ndate: 2024-01-01\ntitle: 接待省审计厅调研组\n"), written
    assert "cost_yuan: 360.5\n" in written and "调研组一行六人" in written

    _git(repo, "checkout", "-q", BRANCH)
    checked = run_cli("--root", str(repo), "check")
    assert checked.code == 0, checked.text
    rebuilt = mkdocs_build(repo, "-d", str(tmp_path / "rebuilt"))
    assert rebuilt.returncode == 0, rebuilt.stderr
    page_html = (tmp_path / "rebuilt/records/2024/reception/2024-01-01-reception/index.html").read_text("utf-8")
    assert TITLE in page_html and "省审计厅" in page_html and "调研组一行六人" in page_html
