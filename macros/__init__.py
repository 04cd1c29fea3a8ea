"""mkdocs-macros module: the report macros, answered by the zuofeng plugin's index.

Every macro is bound to the period of the page's report (docs/reports/<year>/index.md),
or to the whole year named by `year:` in a page's front matter.
"""

from __future__ import annotations

from typing import Any, Callable

from zuofeng.core.macros import MACRO_NAMES
from zuofeng.core.render import sandbox_from


def define_env(env: Any) -> None:
    """Register the report macros."""
    for name in MACRO_NAMES:
        env.macro(_bind(env, name), name)


def on_pre_page_macros(env: Any) -> None:
    """Render pages in Jinja's sandbox: mkdocs-macros' own environment is not sandboxed."""
    if not getattr(env, "_zuofeng_sandboxed", False):
        env._env = sandbox_from(env.env)
        env._zuofeng_sandboxed = True


def _bind(env: Any, name: str) -> Callable[..., Any]:
    def macro(*args: Any, **kwargs: Any) -> Any:
        plugin = env.conf.plugins["zuofeng"]
        return getattr(plugin.macros_for(env.page), name)(*args, **kwargs)

    macro.__name__ = name
    return macro
