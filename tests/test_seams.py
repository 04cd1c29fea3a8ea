"""Each private seam of seams.py (and openpyxl's in excel/reader.py) still exists in the installed versions,
and falls back safely where it does not: an upgrade that removes one fails here, loudly."""

from __future__ import annotations

import inspect
import socket
import threading
import warnings
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from watchdog.observers.api import BaseObserver

from zuofeng.site import seams

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # jieba imports pkg_resources
    from material.plugins.privacy.plugin import PrivacyPlugin
    from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs_macros.plugin import MacrosPlugin


class _Nothing:
    """A plugin or server of a future version: none of the names a seam uses."""


def _config(**plugins: object) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x"})
    config.validate()
    for name, plugin in plugins.items():
        config.plugins[name] = plugin  # type: ignore[assignment]
    return config


def _server(tmp_path: Path) -> LiveReloadServer:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=port, root=str(tmp_path))


def test_material_privacy_parse_html_is_there_and_skipped_for_the_pages_named() -> None:
    assert list(inspect.signature(PrivacyPlugin._parse_html).parameters)[:4] == ["self", "output", "initiator", "config"]
    privacy = PrivacyPlugin()
    seen: list[str] = []
    privacy._parse_html = lambda output, initiator, config: seen.append(initiator.src_uri) or "parsed"  # type: ignore[method-assign]
    config = _config(**{"material/privacy": privacy})
    skip = File("records/2024/a.md", None, "/site", True)
    keep = File("reports/2024/index.md", None, "/site", True)
    assert seams.skip_privacy_check(config, lambda f: f.src_uri.startswith("records/"))
    assert seams.skip_privacy_check(config, lambda f: False)  # wrapped once only
    assert privacy._parse_html("<p>", skip, config) == "<p>"
    assert privacy._parse_html("<p>", keep, config) == "parsed" and seen == ["reports/2024/index.md"]
    assert seams.skip_privacy_check(_config(**{"material/privacy": _Nothing()}), lambda f: True) is False


def test_material_search_segment_chinese_is_there_and_wrapped() -> None:
    assert "_segment_chinese" in vars(SearchIndex)
    plugin = SearchPlugin()
    plugin.search_index = SearchIndex(lang=["zh"], separator=r"[\s\-]+", pipeline=[], fields={})
    calls: list[str] = []

    def wrap(original):  # type: ignore[no-untyped-def]
        def segment(data: str) -> str:
            calls.append(data)
            return original(data)
        segment.__wrapped__ = original  # type: ignore[attr-defined]
        return segment
    assert seams.wrap_search_segmenter(plugin, wrap)
    assert seams.wrap_search_segmenter(plugin, wrap)  # not wrapped twice
    plugin.search_index._segment_chinese("作风建设")
    assert calls == ["作风建设"]
    assert seams.wrap_search_segmenter(_Nothing(), wrap) is False


def test_mkdocs_file_is_modified_and_abs_dest_path() -> None:
    assert callable(File.is_modified)
    assert isinstance(inspect.getattr_static(File, "abs_dest_path"), cached_property)
    config = _config()
    file = File("records/2024/a.md", None, "/site", True)
    seams.set_modified(file, False)
    assert file.is_modified() is False
    seams.set_modified(file, True)
    assert file.is_modified() is True
    seams.move_dest(file, "/elsewhere/site")
    assert file.dest_dir == "/elsewhere/site" and file.abs_dest_path == str(Path("/elsewhere/site/records/2024/a/index.html"))


def test_mkdocs_theme_static_templates_is_a_set() -> None:
    config = _config()
    assert isinstance(config.theme, Theme) and isinstance(config.theme.static_templates, set)
    config.theme.static_templates.add("sitemap.xml")
    seams.skip_static_templates(config, {"sitemap.xml"})
    assert "sitemap.xml" not in config.theme.static_templates
    config.theme.static_templates = ("404.html",)  # type: ignore[assignment]
    seams.skip_static_templates(config, {"404.html"})  # not a set: left alone
    assert config.theme.static_templates == ("404.html",)


def test_mkdocs_livereload_observer_and_epochs(tmp_path: Path) -> None:
    server = _server(tmp_path)
    try:
        polling = seams.polling_observer(server)
        assert isinstance(polling, BaseObserver)
        native = BaseObserver(emitter_class=object)  # type: ignore[arg-type]
        with seams.observer_swapped(server, native):
            assert server.observer is native
        assert server.observer is polling
        assert isinstance(server._epoch_cond, threading.Condition)
        server._wanted_epoch += 1
        assert seams.release_waiting_requests(server) and server._visible_epoch == server._wanted_epoch
    finally:
        server.server_close()
    assert seams.polling_observer(_Nothing()) is None  # type: ignore[arg-type]
    assert seams.release_waiting_requests(_Nothing()) is False  # type: ignore[arg-type]


def test_mkdocs_macros_variables_and_macros_properties() -> None:
    assert isinstance(inspect.getattr_static(MacrosPlugin, "variables"), property)
    assert isinstance(inspect.getattr_static(MacrosPlugin, "macros"), property)
    macros = MacrosPlugin()
    assert seams.macros_plugin_names(_config(macros=macros)) == {}  # before its on_config: it raises AttributeError
    macros._variables = {"county": "示例县", "page": "stale"}
    macros._macros = {"greet": len}
    assert seams.macros_plugin_names(_config(macros=macros)) == {"county": "示例县", "greet": len}
    assert seams.macros_plugin_names(_config(macros=_Nothing())) == {}
    assert seams.macros_plugin_names(_config()) == {}


def test_mkdocs_page_title_can_be_given_to_a_page_not_read() -> None:
    config = _config()
    page = Page(None, File("reports/2024/index.md", "/docs", "/site", True), config)
    assert page.markdown is None and page.title is None  # a dirty build did not read it
    seams.set_title(page, "2024年报告")
    assert page.title == "2024年报告"


def test_mkdocs_page_set_canonical_url_is_called_from_init() -> None:
    assert "_set_canonical_url" in vars(Page)
    assert "self._set_canonical_url(" in inspect.getsource(Page.__init__)


def test_openpyxl_worksheet_reader_names() -> None:
    from openpyxl.worksheet import _reader

    assert {"CELL_TAG", "FORMULA_TAG", "ROW_TAG", "WorkSheetParser"} <= set(vars(_reader))
    assert callable(getattr(_reader.WorkSheetParser, "parse_cell", None))
