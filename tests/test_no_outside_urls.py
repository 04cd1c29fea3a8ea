"""Every built HTML, JS and CSS file loads scripts, styles, images and fonts from the site only."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import OFFICE_URLS, mkdocs_build, scratch_site

pytestmark = pytest.mark.slow

_OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Attributes the browser fetches by itself; <a href> and <link rel=canonical> are only links.
_FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
            ("iframe", "src"), ("embed", "src"), ("object", "data"), ("video", "src"), ("audio", "src"),
            ("video", "poster"), ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href")}
_LINK_FETCHED = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
# In scripts, URLs of things a script could load (most URLs there are licence and doc comments).
_JS_RESOURCE = re.compile(r"\.(m?js|css|woff2?|ttf|otf|png|jpe?g|gif|svg|webp|json)(\?|#|$)|/shim|unpkg|cdn|"
                          r"googleapis|gstatic|googletagmanager|analytics|jsdelivr|cloudflare", re.I)
# Loaded by Material's bundle only for mermaid diagrams (none here) or where the browser lacks
# ResizeObserver (every supported browser has it). The browser tests prove no request leaves the site.
_JS_ALLOWED = re.compile(r"^https://unpkg\.com/(mermaid@\d+/dist/mermaid\.min\.js|resize-observer-polyfill)$")
# The vendored Decap CMS (/admin/) names these for features its generated config never turns on:
# a JSON Schema $id (never fetched), the map widget's tiles, GitHub-backend avatars, and the
# Uploadcare and Cloudinary media libraries. test_cms_config checks the config has none of them;
# test_browser_admin proves the form makes no outside request.
_DECAP = "assets/vendor/decap-cms/"
_DECAP_ALLOWED = re.compile(r"^https://(raw\.githubusercontent\.com/ajv-validator/ajv/master/lib/refs/data\.json#"
                            r"|\{a-c\}\.tile\.openstreetmap\.org/\{z\}/\{x\}/\{y\}\.png|github\.com/\$\{n\}\.png"
                            r"|ucarecdn\.com|media-library\.cloudinary\.com/global/all\.js)$")


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if (tag, name) in _FETCHED or (tag == "link" and name == "href"
                                           and set(values.get("rel", "").split()) & _LINK_FETCHED):
                self.urls.extend(u.strip().split(" ")[0] for u in value.split(","))
        self.urls.extend(m.group(1) or m.group(2) for m in _CSS_URL.finditer(values.get("style", "")))

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.urls.extend(m.group(1) or m.group(2) for m in _CSS_URL.finditer(data))


def outside_urls(site: Path) -> list[str]:
    """Outside URLs the site would fetch, as 'file: url'."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            parser = _Fetches()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.urls
        elif path.suffix == ".css":
            urls = [m.group(1) or m.group(2) for m in _CSS_URL.finditer(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".js" and path.name != "search_index.js":
            code = re.sub(r"/\*.*?\*/|(?:^|(?<=\s))//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S | re.M)
            vetted = _DECAP_ALLOWED if path.relative_to(site).as_posix().startswith(_DECAP) else _JS_ALLOWED
            urls = [u for u in re.findall(r"https?://[^\s\"'`)<>\\]+", code)
                    if _JS_RESOURCE.search(u) and not _JS_ALLOWED.match(u) and not vetted.match(u)]
        else:
            continue
        found += [f"{path.relative_to(site)}: {u}" for u in urls if _OUTSIDE.match(u) or u.startswith("http")]
    return found


def test_example_site_fetches_nothing_from_outside(example_site: Path) -> None:
    assert outside_urls(example_site) == []


def test_the_scan_sees_an_outside_script(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="https://example.org/">链接</a><script src="https://cdn.example/x.js">'
                                     '</script><link rel="stylesheet" href="//fonts.example/css">', encoding="utf-8")
    (tmp_path / "b.css").write_text("@font-face{src:url(https://fonts.example/f.woff2)}", encoding="utf-8")
    (tmp_path / "c.js").write_text('// see https://example.org/docs\nload("https://cdn.example/lib.js")', encoding="utf-8")
    assert outside_urls(tmp_path) == ["a.html: https://cdn.example/x.js", "a.html: //fonts.example/css",
                                      "b.css: https://fonts.example/f.woff2", "c.js: https://cdn.example/lib.js"]


@dataclass
class Builds:
    """One scratch site (a record with an outside image) built three ways."""

    root: Path
    failed: subprocess.CompletedProcess[str]  # the guide page naming an outside image
    built: subprocess.CompletedProcess[str]  # the office's addresses set, as in every other test
    bare: subprocess.CompletedProcess[str]  # no office address set, into site-bare/


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    site = scratch_site(tmp_path_factory.mktemp("outside") / "site")
    site.record("2024/meeting/2024-03-01-changwu", """
        type: meeting
        date: 2024-03-01
        title: 县政府常务会议
        unit: 县政府办公室
        kind: 常务会议
        duration_min: 60
        """, "会议纪要。\n\n![外部图片](https://cdn.example/record.png)\n")
    guide = site.root / "docs/guide/index.md"
    written = guide.read_text(encoding="utf-8")
    guide.write_text(written + "\n![外部图片](https://cdn.example/guide.png)\n", encoding="utf-8")
    failed = mkdocs_build(site.root)
    guide.write_text(written, encoding="utf-8")
    built = mkdocs_build(site.root)
    env = {**os.environ}
    for name in OFFICE_URLS:
        env.pop(name, None)
    bare = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site-bare"], cwd=site.root,
                          env=env, capture_output=True, text=True, timeout=600)
    return Builds(site.root, failed, built, bare)


def test_an_outside_image_stops_the_build_of_a_written_page_and_is_dropped_from_a_record(builds: Builds) -> None:
    failed, built = builds.failed, builds.built
    assert failed.returncode != 0 and "https://cdn.example/guide.png" in failed.stderr, failed.stderr
    assert "record.png" not in failed.stderr
    assert built.returncode == 0, built.stderr
    page = (builds.root / "site/records/2024/meeting/2024-03-01-changwu/index.html").read_text(encoding="utf-8")
    assert "会议纪要" in page and "cdn.example" not in page and outside_urls(builds.root / "site") == []


def test_without_the_office_urls_the_site_names_no_host(builds: Builds) -> None:
    """mkdocs.yml takes the site's and the git server's addresses from the environment only."""
    assert builds.bare.returncode == 0, builds.bare.stderr
    bare = builds.root / "site-bare"
    pages = [p.read_text(encoding="utf-8") for p in bare.rglob("*.html")]
    assert pages and not any(re.search(r'(?:src|href)="https?://', page) for page in pages)
    record = (bare / "records/2024/meeting/2024-03-01-changwu/index.html").read_text(encoding="utf-8")
    assert "常务会议" in record and "/-/edit/" not in record
    # No git server named: /admin/ says in Chinese what to set instead of starting the form.
    admin = (bare / "admin/index.html").read_text(encoding="utf-8")
    assert "表单填报尚未启用" in admin and "ZUOFENG_CMS_APP_ID" in admin and "decap-cms.js" not in admin
    assert not (bare / "admin/config.yml").exists()
    configured = builds.root / "site"  # the office's addresses set, as in every other test
    assert builds.built.returncode == 0, builds.built.stderr
    assert "decap-cms.js" in (configured / "admin/index.html").read_text("utf-8") and (configured / "admin/config.yml").exists()
    assert 'href="http://git.example.gov.internal/bangongshi/zuofeng/-/edit/main/records/2024/meeting/' \
           '2024-03-01-changwu.md"' in (configured / "records/2024/meeting/2024-03-01-changwu/index.html").read_text("utf-8")
