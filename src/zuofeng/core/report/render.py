"""Rendering report text with the macros in Jinja's sandbox: the one renderer of the site, the Word export and the final check."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import jinja2
import jinja2.meta
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from zuofeng.core.domain.index import QueryError
from zuofeng.core.problems import Problem
from zuofeng.core.report.trace import Figure

# What a render prints in place of a traced figure (a link, or the figure once noted); absent, the figure itself.
FigureHook = Callable[[Figure], str]
_HOOK = "_zuofeng_figure"


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: Any) -> Any:
    """Every `{{ … }}` output: a traced figure goes through the render's hook, if it has one."""
    if isinstance(value, Figure):
        hook = context.get(_HOOK)
        if hook is not None:
            return hook(value)
    return value


_ENVIRONMENT = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, finalize=_finalize)
# A build renders each section twice (its page and the Word export): compile it once.
# A compiled template holds no macro: they are passed to each render.
_compile = lru_cache(maxsize=512)(_ENVIRONMENT.from_string)


@lru_cache(maxsize=512)
def names_used(text: str) -> frozenset[str] | None:
    """The names a template takes from what it is rendered with (None: it does not parse)."""
    try:
        return frozenset(jinja2.meta.find_undeclared_variables(_ENVIRONMENT.parse(text)))
    except jinja2.TemplateSyntaxError:
        return None


@lru_cache(maxsize=512)
def captures_output(text: str) -> bool:
    """Whether a template captures what it prints (`{% set %}…{% endset %}`, `{% filter %}`, macros, calls)."""
    try:
        tree = _ENVIRONMENT.parse(text)
    except jinja2.TemplateSyntaxError:
        return False
    return any(True for _ in tree.find_all((nodes.AssignBlock, nodes.FilterBlock, nodes.Macro, nodes.CallBlock)))


def render(text: str, functions: dict[str, Callable[..., Any]], path: str, first_line: int = 1,
           figure: FigureHook | None = None) -> str | Problem:
    """Render a report page's body; any error becomes a Problem at the template's line.

    `figure` turns each traced figure printed into its output (the site's link to its records).
    """
    try:
        return _compile(text).render(**functions, **({_HOOK: figure} if figure is not None else {}))
    except jinja2.TemplateSyntaxError as exc:
        return Problem(path, first_line + (exc.lineno or 1) - 1, f"模板语法错误：{exc.message}")
    except (QueryError, jinja2.TemplateError, TypeError, ValueError) as exc:
        return Problem(path, first_line + _error_line(exc) - 1, f"宏计算失败：{_reason(exc)}")


def _reason(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"未定义的名称（{exc.message}）"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"不允许的模板操作（{exc}）"
    return str(exc)


def _error_line(exc: BaseException) -> int:
    """Line in the template where a runtime error happened, read from the traceback."""
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
