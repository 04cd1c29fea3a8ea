"""Report pages keep their macros but run sandboxed: an escape attempt stops the build, unrun."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import mkdocs_build, scratch_site

pytestmark = pytest.mark.slow

REPORT = """---
year: 2023
title: 县政府党组关于2023年度落实中央八项规定精神情况的报告
issuer: 中共示例县人民政府党组
date: 2024-01-15
---

# 报告

全年召开会议{{{{ count("meeting") }}}}次。

{payload}
"""


def _payloads(mark: Path) -> dict[str, str]:
    return {
        "globals": f"{{{{ cycler.__init__.__globals__.os.popen('touch {mark}').read() }}}}",
        "subclasses": "{% for x in ''.__class__.__mro__[1].__subclasses__() %}"
                      f"{{% if 'warning' in x.__name__ %}}{{{{ x()._module.__builtins__['__import__']('os').system('touch {mark}') }}}}{{% endif %}}{{% endfor %}}",
        "macro-globals": f"{{{{ count.__globals__['os'].system('touch {mark}') }}}}",
    }


def _report_site(tmp_path: Path, payload: str) -> Path:
    """A scratch site with one meeting and a 2023 report page ending in the given text."""
    project = scratch_site(tmp_path / "site-project")
    project.record("2023/meeting/2023-03-14-changwu", "type: meeting\ndate: 2023-03-14\ntitle: 常务会议\nkind: 常务会议")
    project.write("docs/reports/2023/index.md", REPORT.format(payload=payload))
    return project.root


@pytest.mark.parametrize("name", ["globals", "subclasses", "macro-globals"])
def test_escape_attempt_in_a_report_page_fails_the_build_unrun(name: str, tmp_path: Path, run_cli) -> None:
    mark = tmp_path / "PWNED"
    root = _report_site(tmp_path, _payloads(mark)[name])
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert not mark.exists()
    assert "Traceback" not in result.stderr
    assert "报告页面有误，构建已停止" in result.stderr
    assert "docs/reports/2023/index.md:12: " in result.stderr, result.stderr
    assert "不允许的模板操作" in result.stderr or "未定义的名称" in result.stderr, result.stderr
    checked = run_cli("--root", str(root), "check", "--final")
    assert checked.code == 1 and "docs/reports/2023/index.md:12: " in checked.out, checked.text
    assert not mark.exists()


def test_the_same_report_without_the_payload_builds(tmp_path: Path) -> None:
    # The control: the scaffolding above is a valid report, so only the payload fails it.
    root = _report_site(tmp_path, "完。")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "全年召开会议1次" in _page_text(root / "site/reports/2023/index.html")


OFFICE_MACROS = """
def define_env(env):
    env.variables["county"] = "示例县"

    @env.macro
    def office_unit():
        return "县政府办公室"
"""


def test_report_page_is_rendered_once_in_the_sandbox_with_the_office_macros(tmp_path: Path) -> None:
    # Where it runs: a real build, mkdocs-macros loading the office's macros/ module.
    root = _report_site(tmp_path, "{{ county }}{{ office_unit() }}牵头。\n\n{{ records_table('meeting') }}")
    (root / "macros/__init__.py").write_text(OFFICE_MACROS, encoding="utf-8")
    (root / "records/2023/meeting/2023-03-14-changwu.md").write_text(
        "---\ntype: meeting\ndate: 2023-03-14\ntitle: 会议{{ 6*7 }}\nkind: 常务会议\n---\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    page = _page_text(root / "site/reports/2023/index.html")
    assert "全年召开会议1次" in page and "示例县县政府办公室牵头" in page
    # A record's title reaches the page as text: a second render (mkdocs-macros') would make it 42.
    assert "会议{{ 6*7 }}" in page and "会议42" not in page


def test_an_office_macro_does_not_open_the_sandbox(tmp_path: Path) -> None:
    mark = tmp_path / "PWNED"
    root = _report_site(tmp_path, f"{{{{ office_unit.__globals__['os'].system('touch {mark}') }}}}")
    (root / "macros/__init__.py").write_text(OFFICE_MACROS, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1 and not mark.exists()
    assert "docs/reports/2023/index.md:12: 宏计算失败：不允许的模板操作" in result.stderr, result.stderr


def _page_text(path: Path) -> str:
    """A built page with each figure's link (数字溯源) reduced to the figure."""
    return re.sub(r'<a class="zf-figure"[^>]*>(.*?)</a>', r"\1", path.read_text(encoding="utf-8"))
