"""Report pages keep their macros but run sandboxed: an escape attempt stops the build, unrun."""

from __future__ import annotations

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
    assert "全年召开会议1次" in (root / "site/reports/2023/index.html").read_text(encoding="utf-8")


def test_macros_module_swaps_in_a_sandbox(tmp_path: Path) -> None:
    # mkdocs-macros' own environment is a plain Environment: what macros/ replaces it with must not be.
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from zuofeng.core.render import sandbox_from

    plain = jinja2.Environment(undefined=jinja2.StrictUndefined)
    plain.globals["count"] = lambda *a: 3
    mark = tmp_path / "PWNED"
    payload = f"{{{{ cycler.__init__.__globals__.os.system('touch {mark}') }}}}"
    plain.from_string(payload).render()  # the control: unsandboxed, the payload runs
    assert mark.exists()
    mark.unlink()
    sandbox = sandbox_from(plain)
    assert isinstance(sandbox, SandboxedEnvironment)
    assert sandbox.from_string("{{ count() }}").render() == "3"
    with pytest.raises(jinja2.exceptions.SecurityError):
        sandbox.from_string(payload).render()
    assert not mark.exists()
