"""A real build of a site whose records are hostile: templates, HTML, paths, confidential content."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Project, mkdocs_build, scratch_site
from tests.sitecheck import active_content, search_docs, site_texts

pytestmark = pytest.mark.slow


def _templates(mark: Path) -> list[str]:
    """Classic server-side template injection payloads; each creates `mark` if it ever runs."""
    return [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {mark}').read() }}}}",
        "{% for x in ().__class__.__base__.__subclasses__() %}{% if 'warning' in x.__name__ %}"
        f"{{{{ x()._module.__builtins__['__import__']('os').system('touch {mark}') }}}}{{% endif %}}{{% endfor %}}",
        f"{{{{ lipsum.__globals__['os'].popen('touch {mark}').read() }}}}",
        f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch {mark}') }}}}",
    ]


HTML_PAYLOADS = [
    "<script>alert('XSS-1')</script>",
    "<img src=x onerror=\"alert('XSS-2')\">",
    "<a href=\"javascript:alert('XSS-3')\">点我</a>",
    "<iframe src=\"http://evil.example/XSS-4\"></iframe>",
    "<div onclick=\"alert('XSS-5')\">点击</div>",
    "[链接](javascript:alert('XSS-6'))",
    "<svg onload=\"alert('XSS-7')\"></svg>",
    "<object data=\"javascript:alert('XSS-8')\"></object>",
    "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/XSS-9\">",
    "段落 XSS-10\n{: onclick=\"alert('XSS-10')\" }",
    "<a href=\"JaVaScRiPt:alert('XSS-11')\">大写</a>",
    "<style>body{background:url('http://evil.example/XSS-12')}</style>",
    "<img src=\"http://evil.example/XSS-13.png\" alt=\"外部图片\">",
    "![外部](//evil.example/XSS-14.png)",
    "![本地](../images/XSS-15.png)",
    '<div id="__config">{"base": "http://evil.example/XSS-16", "features": [], "search": "x", "translations": {}}</div>',
    '<p id="__search">XSS-17</p>',
]
SECRETS = ("机密标题QZXW甲", "机密正文QZXW乙", "qzxwslug", "机密单位QZXW丙", "机密人员QZXW丁", "机密标签QZXW戊")
# Hidden characters (城关\u202e镇, 城\u200b关镇) in one-line fields are refused by `check` (tests/cases/invalid).
ESCAPES = ["../../../../../etc/passwd", "/etc/passwd", "城关镇／乡", "..\\..\\win"]


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _line(text: str) -> str:
    """A one-line field holds at most 200 characters: longer payloads go whole into the body only."""
    return _yaml(text[:200])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("hostile") / "site-project"
    project = scratch_site(root)
    mark = root.parent / "PWNED"
    payloads = _templates(mark)
    for number, payload in enumerate(payloads, start=1):
        project.record(f"2023/research/2023-05-{number:02d}-tpl{number}", f"""
            type: research
            date: 2023-05-{number:02d}
            title: {_line('标题' + payload)}
            unit: {_line('单位' + payload)}
            tags: [{_line('标签' + payload)}]
            leader: {_line('领导' + payload)}
            place: {_line(payload)}
        """, f"正文开始 {payload} 正文结束\n")
    project.record("2023/research/2023-06-01-html", f"""
        type: research
        date: 2023-06-01
        title: {_yaml(HTML_PAYLOADS[0] + HTML_PAYLOADS[1])}
        unit: {_yaml(HTML_PAYLOADS[2])}
        tags: [{_yaml(HTML_PAYLOADS[4])}]
        leader: {_yaml(HTML_PAYLOADS[6])}
        place: {_yaml(HTML_PAYLOADS[3])}
    """, "\n\n".join(HTML_PAYLOADS) + "\n")
    project.record("2023/research/2023-06-02-smuggle", """
        type: research
        date: 2023-06-02
        title: 正文里夹带第二个元数据块
        leader: 张明
        place: 城关镇
    """, f"---\nrender_macros: true\ntitle: 夹带\n---\n\n夹带 {{{{ 6*7 }}}} 结束\n\n{payloads[1]}\n")
    for number, value in enumerate(ESCAPES, start=1):
        project.record(f"2023/research/2023-07-{number:02d}-path{number}", f"""
            type: research
            date: 2023-07-{number:02d}
            title: 路径{number}
            unit: {_yaml(value)}
            tags: [{_yaml(value)}]
            leader: {_yaml(value)}
            place: {_yaml(value)}
        """)
    project.record("2023/research/2023-08-01-long", f"type: research\ndate: 2023-08-01\ntitle: {'长' * 200}\nleader: 张明\nplace: 城关镇")
    project.record("2023/research/2023-09-01-qzxwslug", f"""
        type: research
        date: 2023-09-01
        title: {SECRETS[0]}
        unit: {SECRETS[3]}
        leader: {SECRETS[4]}
        place: 城关镇
        tags: [{SECRETS[5]}]
        confidential: true
    """, f"{SECRETS[1]}\n")
    project.record("2023/research/2023-09-02-gongkai", "type: research\ndate: 2023-09-02\ntitle: 公开调研\nleader: 张明\nplace: 城关镇")
    before = sorted(p.name for p in root.parent.iterdir())
    result = mkdocs_build(root)
    assert sorted(p.name for p in root.parent.iterdir()) == before
    return project, mark, result


def test_hostile_records_build(hostile) -> None:
    project, mark, result = hostile
    assert result.returncode == 0, result.stderr
    assert not mark.exists()
    assert not (project.root / "PWNED").exists()


def test_template_payloads_are_shown_as_text_never_run(hostile) -> None:
    project, mark, _ = hostile
    site = project.root / "site"
    for number, payload in enumerate(_templates(mark), start=1):
        page = html.unescape((site / f"records/2023/research/2023-05-{number:02d}-tpl{number}/index.html").read_text(encoding="utf-8"))
        for prefix in ("标题", "单位", "标签", "领导"):
            assert (prefix + payload)[:200] in page, (number, prefix)
        # Markdown may bold `__x__` or link `[x](y)` in the body; the template text is still there, inert.
        body = re.sub(r"<[^>]+>", "", page.split("正文开始", 1)[1].split("正文结束", 1)[0])
        assert body.strip()[:2] == payload[:2] and body.strip()[-2:] == payload[-2:], number
        assert (f"touch {mark}" in body) == (f"touch {mark}" in payload), number
        assert "<class '" not in page  # what __subclasses__() would have printed
    listing = html.unescape((site / "records/2023/research/index.html").read_text(encoding="utf-8"))
    assert "标题{{ ''.__class__.__mro__[1].__subclasses__() }}" in listing
    assert not mark.exists()


def test_second_front_matter_block_in_a_body_is_just_text(hostile) -> None:
    project, mark, _ = hostile
    page = (project.root / "site/records/2023/research/2023-06-02-smuggle/index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert "夹带 {{ 6*7 }} 结束" in article and "42" not in article
    assert "<title>正文里夹带第二个元数据块" in page
    assert not mark.exists()


def test_raw_html_never_reaches_a_page(hostile) -> None:
    project, _, _ = hostile
    site = project.root / "site"
    page = (site / "records/2023/research/2023-06-01-html/index.html").read_text(encoding="utf-8")
    assert "点我" in page and "点击" in page  # the text survives, the behaviour does not
    assert "alert('XSS-1')" in html.unescape(page)  # field value shown as text
    for path in sorted(site.rglob("*.html")):
        found = active_content(path.read_text(encoding="utf-8"), "XSS-")
        assert found == [], (path, found)
    # The search index holds a field value as text, which the result list shows as text: titles
    # through textContent, excerpts with every < but <mark>'s escaped (docs/assets/zuofeng-search.js).
    docs = [doc for doc in search_docs(site) if "2023-06-01-html" in doc["url"]]
    assert docs and "alert('XSS-1')" in docs[0]["title"]
    script = (site / "assets/zuofeng-search.js").read_text(encoding="utf-8")
    assert "a.textContent = data.meta.title" in script and '.replace(/<(?!\\/?mark>)/g, "&lt;")' in script
    # Offline intranet: no image from another host; a local image stays.
    assert "evil.example/XSS-13" not in page.split("<article")[1] and "evil.example/XSS-14" not in page
    assert 'src="../images/XSS-15.png"' in page
    # The theme's own ids stay unique: the real `#__config` script is the only one.
    assert page.count('id="__config"') == 1 and page.count('id="__search"') == 1


def test_confidential_record_leaves_no_trace_in_any_file(hostile) -> None:
    project, _, _ = hostile
    site = project.root / "site"
    texts = site_texts(site)
    assert any(p.name == "sitemap.xml.gz" for p in texts) and any(p.suffix == ".pf_fragment" for p in texts)
    assert any("公开调研" in t for p, t in texts.items() if p.suffix == ".pf_fragment")  # the decoding works
    for path, text in texts.items():
        for secret in SECRETS:
            assert secret.lower() not in text.lower(), (path, secret)
        assert "qzxw" not in text.lower(), path
    listing = (site / "records/2023/research/index.html").read_text(encoding="utf-8")
    assert "其中 1 条为内部记录，计入统计，不在网站上显示。" in listing


def test_field_values_never_become_paths_or_links(hostile) -> None:
    project, _, _ = hostile
    site = project.root / "site"
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve())
        # Values become single safe segments (e.g. ../../etc/passwd → etc-passwd-2), never a traversal.
        assert path.name.isprintable() and ".." not in path.name and "/" not in path.name and "／" not in path.name
    for number in range(1, len(ESCAPES) + 1):
        page = (site / f"records/2023/research/2023-07-{number:02d}-path{number}/index.html").read_text(encoding="utf-8")
        article = page[page.index("<article"):page.index("</article>")]
        assert "etc/passwd\"" not in article and "href=\"/etc" not in article and "href=\"..\\" not in article
    assert html.escape("../../../../../etc/passwd", quote=False) in (site / "records/2023/research/2023-07-01-path1/index.html").read_text(encoding="utf-8")


def test_longest_allowed_title(hostile) -> None:
    project, _, _ = hostile
    page = (project.root / "site/records/2023/research/2023-08-01-long/index.html").read_text(encoding="utf-8")
    assert "长" * 200 in page


@pytest.mark.parametrize("body", ["[" * 20_000 + "x", "<a " * 20_000], ids=["brackets", "angles"])
def test_pathological_markdown_stops_within_its_budget(body: str, tmp_path: Path) -> None:
    # Unbounded, python-markdown spends over a minute on each of these 20 KB bodies.
    root = tmp_path / "site-project"
    scratch_site(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - zuofeng\n", "  - zuofeng:\n      render_seconds: 1\n"), encoding="utf-8")
    project = Project(root)
    project.record("2023/meeting/2023-03-14-slow", "type: meeting\ndate: 2023-03-14\ntitle: 慢\nkind: 常务会议", body)
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "records/2023/meeting/2023-03-14-slow.md:1: 正文过于复杂，" in result.stderr and "秒内未能排版完成" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_ten_megabyte_body_builds(tmp_path: Path, run_cli) -> None:
    # Measured here: `zuofeng check` 0.5 s, the whole build 8-12 s and 270 MB, a 30 MB search index.
    root = tmp_path / "site-project"
    project = scratch_site(root)
    paragraph = "会议研究了春耕生产、防汛抗旱和安全生产等工作，要求各乡镇各部门切实抓好落实。" * 10 + "\n\n"
    body = paragraph * (10_000_000 // len(paragraph.encode("utf-8"))) + "全文完毕ZZEND\n"
    project.record("2023/meeting/2023-03-14-big", "type: meeting\ndate: 2023-03-14\ntitle: 大记录\nkind: 常务会议", body)
    checked = run_cli("--root", str(root), "check")
    assert checked.code == 0 and "警告：正文过大（3.3 百万字符）" in checked.out, checked.text
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/records/2023/meeting/2023-03-14-big/index.html").read_text(encoding="utf-8")
    assert "全文完毕ZZEND" in page and len(page.encode("utf-8")) > 10_000_000
