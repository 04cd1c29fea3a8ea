"""MkDocs plugin `zuofeng`: its events route into the build (build.py) and the serve session (session.py)."""

from __future__ import annotations

from typing import Any, Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from zuofeng.site import budget, seams
from zuofeng.site.build import SiteBuild
from zuofeng.site.options import ZuofengConfig
from zuofeng.site.session import ServeSession


class ZuofengPlugin(BasePlugin[ZuofengConfig]):
    """Turns every visible record into a page and adds listings by year and type."""

    def __init__(self) -> None:
        super().__init__()
        self.session = ServeSession()  # kept across `mkdocs serve` rebuilds
        self.build: SiteBuild | None = None  # the build under way (or the last one)

    def _current(self) -> SiteBuild:
        assert self.build is not None, "on_config made the build"
        return self.build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Its presence alone makes MkDocs (≥1.4) keep this instance, and its caches, across rebuilds."""
        self.session.start(command, dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.session.begin_config()
        self.build = None
        self.build = SiteBuild(self.config, config, self.session)
        self.build.configure(config)
        return config

    # Not in on_config: mike runs the config event alone to read site_dir, then copies from it.
    @event_priority(100)  # first: every plugin sees the folder this build really writes to
    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._current().start(config)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._current().add_files(files, config)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self._current().plan(nav, config, files)
        return nav

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.session.incremental.enabled:
            env.bytecode_cache = self.session.compiled
            seams.skip_static_templates(config, self.session.incremental.unchanged_templates)
        return env

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        self.session.watch(server, self._current().ledger.settings.records_dir)
        return server

    def on_shutdown(self) -> None:
        self.session.stop()

    def on_build_error(self, error: Exception) -> None:
        self.session.failed()
        budget.disarm()
        if self.build is not None:
            self.build.discard()
        self.session.serve_errors.failed(error)

    @event_priority(50)  # before mkdocs-macros (0): it must receive report pages already rendered
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current().page_markdown(markdown, page, config)

    @event_priority(100)  # first: every plugin sees the whole records table of a long listing
    def _restore_rows(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current().restore_rows(html, page)

    def _page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current().page_content(html, page, config, files)

    on_page_content = CombinedEvent(_restore_rows, _page_content)

    @event_priority(-50)  # after search (0) wrote its index, before offline (-100) inlines it
    def _write_search(self, config: MkDocsConfig) -> None:
        self._current().write_search(config)

    @event_priority(-1000)  # last, after `offline` (-100) and every other plugin wrote its files
    def _swap_site_in(self, config: MkDocsConfig) -> None:
        self._current().finish(config)

    on_post_build = CombinedEvent(_write_search, _swap_site_in)
