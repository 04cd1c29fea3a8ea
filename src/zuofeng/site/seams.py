"""Every use of another package's private name, or of an attribute it does not promise, in one place.

Each seam names the version it was read from, falls back to the package's own behaviour (slower,
or waiting, never wrong) when an upgrade removes it, and is checked by tests/test_seams.py, which
fails loudly on the installed versions if one is gone.

Not here: openpyxl's `openpyxl.worksheet._reader` (CELL_TAG, FORMULA_TAG, ROW_TAG,
WorkSheetParser), read from openpyxl 3.1.5, stays in zuofeng/excel/reader.py, the one module that
reads workbooks (checked by tests/test_seams.py too).
"""

from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from watchdog.observers.api import BaseObserver

Segmenter = Callable[[str], str]

# mkdocs-macros' own names, of no use to a report page, or stale when it is rendered (the
# previous page's `page`): left out of what a page's template sees.
_MACROS_PLUGIN_INTERNALS = ("page", "navigation", "files", "macros", "filters", "filters_builtin")
_SKIPS_MARK = "zuofeng_skips_pages"


def skip_privacy_check(config: MkDocsConfig, skips: Callable[[File], bool]) -> bool:
    """Let Material's privacy plugin (the outside-asset gate) leave the pages `skips` names unparsed.

    Material 9.8.2, material/plugins/privacy/plugin.py: `PrivacyPlugin._parse_html(output,
    initiator, config)` parses every built page. Wrapped on the build's plugin object, once.
    Fallback: no such method, every page is checked as before (False).
    """
    privacy = config.plugins.get("material/privacy")
    parse = getattr(privacy, "_parse_html", None)
    if parse is None:
        return False
    if getattr(parse, _SKIPS_MARK, False):
        return True

    def parse_unskipped(output: str, initiator: File, *args: Any, **kwargs: Any) -> Any:
        if skips(initiator):
            return output
        return parse(output, initiator, *args, **kwargs)

    setattr(parse_unskipped, _SKIPS_MARK, True)
    privacy._parse_html = parse_unskipped  # type: ignore[union-attr]
    return True


def wrap_search_segmenter(search_plugin: Any, wrap: Callable[[Segmenter], Segmenter]) -> bool:
    """Put `wrap` around the Chinese segmentation of this build's Material search index.

    Material 9.8.2, material/plugins/search/plugin.py: `SearchIndex._segment_chinese(data)`, the one
    method cutting every section's text with jieba, on `plugin.search_index` (the object, not the
    class). Fallback: no such method, search segments as before, unmemoised (False).
    """
    index = getattr(search_plugin, "search_index", None)
    method = getattr(index, "_segment_chinese", None)
    if method is None:
        return False
    if not hasattr(method, "__wrapped__"):
        index._segment_chinese = wrap(method)  # type: ignore[union-attr]
    return True


def set_modified(file: File, changed: bool) -> None:
    """Answer MkDocs' dirty build, for this file, whether to read and write its page again.

    MkDocs 1.6.1, mkdocs/structure/files.py: `File.is_modified()`, a method a dirty build asks
    (documented as overridable), replaced on the instance. Fallback: none needed while it is asked;
    if MkDocs stops asking, every page is built (slower, still right).
    """
    file.is_modified = _changed if changed else _unchanged  # type: ignore[method-assign]


def set_title(page: Page, title: str) -> None:
    """Give a page that a dirty build does not read the title it would read from its text.

    MkDocs 1.6.1, mkdocs/structure/pages.py: `Page.title` is a `weak_property` ("allows
    overwriting the field for good"): assigned, it holds the value. Fallback: none needed; were
    it read-only, assigning raises and the build fails loudly (tests/test_serve_incremental.py).
    """
    page.title = title  # type: ignore[misc]


def _changed() -> bool:
    return True


def _unchanged() -> bool:
    return False


def move_dest(file: File, site_dir: str) -> None:
    """Point a file kept from an earlier build at this build's folder.

    MkDocs 1.6.1: `File.abs_dest_path` is a `functools.cached_property` over `dest_dir` and
    `dest_uri`, so it is computed again by assigning it (a plain property would refuse).
    """
    if file.dest_dir != site_dir:
        file.dest_dir = site_dir
        file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))


def skip_static_templates(config: MkDocsConfig, names: set[str]) -> None:
    """Leave theme templates unwritten by this build (their output on disk is still right).

    MkDocs 1.6.1, mkdocs/theme.py: `Theme.static_templates`, the set of templates build.py
    renders as static pages. Fallback: not a set, every template is written as before.
    """
    templates = getattr(config.theme, "static_templates", None)
    if isinstance(templates, set):
        templates -= names


def polling_observer(server: LiveReloadServer) -> BaseObserver | None:
    """The observer MkDocs' `watch()` schedules on, or None when it has none we can swap.

    MkDocs 1.6.1, mkdocs/livereload/__init__.py: `LiveReloadServer.observer` (a PollingObserver).
    Fallback: None, the caller lets MkDocs poll as before.
    """
    observer = getattr(server, "observer", None)
    return observer if isinstance(observer, BaseObserver) else None


@contextmanager
def observer_swapped(server: LiveReloadServer, native: BaseObserver) -> Iterator[None]:
    """Inside, `server.watch()` schedules on `native` instead of its own observer."""
    polling = server.observer
    server.observer = native
    try:
        yield
    finally:
        server.observer = polling


def release_waiting_requests(server: LiveReloadServer) -> bool:
    """Let the requests waiting for a build through, to the site as it is.

    MkDocs 1.6.1, mkdocs/livereload/__init__.py: no public way; `_visible_epoch` is set to
    `_wanted_epoch` under `_epoch_cond`, as MkDocs does after a good build. Fallback: False,
    requests wait for the next good build as before.
    """
    condition = getattr(server, "_epoch_cond", None)
    if not isinstance(condition, threading.Condition) or not all(
            isinstance(getattr(server, name, None), int) for name in ("_wanted_epoch", "_visible_epoch")):
        return False
    with condition:
        server._visible_epoch = server._wanted_epoch
        condition.notify_all()
    return True


def macros_plugin_names(config: MkDocsConfig) -> dict[str, Any]:
    """What the office's `macros/` module registered with mkdocs-macros (variables, then macros).

    mkdocs-macros-plugin 1.5.0: `MacrosPlugin.variables` and `.macros`, properties over private
    dicts that raise AttributeError before its on_config. Fallback: {} (pages see only ours).
    """
    plugin = config.plugins.get("macros")
    if plugin is None:
        return {}
    names = {k: v for k, v in getattr(plugin, "variables", {}).items() if k not in _MACROS_PLUGIN_INTERNALS}
    names.update(getattr(plugin, "macros", {}))
    return names


class FastCanonicalUrl(Page):
    """A page whose plain relative URL is joined to site_url without a urljoin per page.

    MkDocs 1.5–1.6.1, mkdocs/structure/pages.py: `Page._set_canonical_url(base)`, called from
    `Page.__init__` (serve sets site_url: 20,000 urljoins are a quarter of a second). Anything but a
    plain relative path goes to MkDocs' own. Fallback: renamed, this one is never called and its own runs.
    """

    def _set_canonical_url(self, base: str | None) -> None:
        url = self.url
        if not base or not _plain(url):
            super()._set_canonical_url(base)  # type: ignore[misc]
            return
        base = base if base.endswith("/") else base + "/"
        self.canonical_url = base + url
        self.abs_url = _base_path(base) + url


def _plain(url: str) -> bool:
    """A relative path that urljoin would append as it is."""
    return (bool(url) and not url.startswith("/") and not any(c in url for c in ":?#\\")
            and not any(part in (".", "..") for part in url.split("/")))


@functools.lru_cache(maxsize=8)
def _base_path(base: str) -> str:
    return urlsplit(base).path
