"""What one MkDocs command keeps across its builds: a `mkdocs serve` session (one build for the others)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.api import BaseObserver

from zuofeng.core.input.loader import LoadCache
from zuofeng.site import gitdates, incremental, rows, segments, serve_errors, watch
from zuofeng.site.downloads import WordJob
from zuofeng.site.pagefind_index import IndexJob, SearchDoc


class LastUpdated:
    """Each record's last commit date, read from git again only when HEAD moved (the same dict until then)."""

    def __init__(self) -> None:
        self._head: str | None = None
        self._dates: dict[str, Any] | None = None

    def of(self, records_dir: Path) -> dict[str, Any]:
        head = gitdates.head(records_dir)
        if head is None or self._dates is None or self._head != head:
            self._head, self._dates = head, gitdates.last_updated(records_dir)
        return self._dates


class ServeSession:
    """Caches and services kept for the whole command, across `mkdocs serve` rebuilds.

    A full build (the first, or one after mkdocs.yml, the theme or the catalogue changed)
    clears what only an in-place rebuild may reuse (`start_build`).
    """

    def __init__(self) -> None:
        self.load_caches: dict[Path, LoadCache] = {}  # parsed records per records folder
        self.segment_memo = segments.SegmentMemo()  # segmented search text
        # `mkdocs serve --dirty`: pages built again only when their inputs changed (incremental.py).
        self.incremental = incremental.Incremental()
        self.reuse = incremental.SameInputs()  # generated Markdown, Word and Excel files, by their inputs
        self.record_keys = incremental.RecordKeys()  # what listings and report macros read of each record
        self.compiled = incremental.CompiledTemplates()
        self.rows = rows.TableRows()  # the HTML of each row of the long records tables
        self.kept_rows = rows.KeptRows()  # the Markdown of each row of the listings' tables
        self.search_job = IndexJob()
        self.word_job = WordJob()  # serve --dirty: the Word files an edit changed, after its pages
        self.search_docs: dict[str, SearchDoc] = {}  # URL → entry; a page not built again keeps its own
        self.last_updated = LastUpdated()
        self.serve_errors = serve_errors.ServeErrors()  # a failed rebuild's problems, over the last good site
        self.watcher: BaseObserver | None = None  # records/ watched by the system's file events while serving

    def start(self, command: str, dirty: bool) -> None:
        """The command MkDocs runs: serve keeps problems on screen; serve --dirty rebuilds in place."""
        self.serve_errors.enabled = command == "serve"
        self.incremental.enabled = command == "serve" and dirty
        self.record_keys.enabled = self.incremental.enabled
        self.rows.enabled = self.incremental.enabled
        self.kept_rows.enabled = self.incremental.enabled
        if self.incremental.enabled:
            # MkDocs' caution about dirty builds (stale navigation and links) does not hold here,
            # and under `strict: true` that one warning would abort every build.
            logging.getLogger("mkdocs.commands.build").addFilter(incremental.quiet_dirty_warning)

    def begin_config(self) -> None:
        """First thing of a build: the search index and Word jobs of the last one would compete for the interpreter."""
        self.search_job.cancel()
        self.word_job.cancel()
        if self.incremental.enabled and self.incremental.warm:
            # A fast rebuild allocates about a million objects, and Python's cyclic collector would
            # walk the kept records and pages over and over (a fifth of the rebuild at 20,000
            # records): it runs again once the build is over (or failed).
            gc.disable()

    def start_build(self, config: MkDocsConfig, site_inputs: list[str]) -> bool:
        """Whether this build updates the last one's folder; a full build starts from nothing."""
        in_place = self.incremental.start(config, site_inputs)
        if not in_place:
            self.search_docs.clear()
            self.reuse.clear()
            self.compiled.clear()
            self.rows.clear()
            self.kept_rows.clear()
        search_plugin = config.plugins.get("material/search") or config.plugins.get("search")
        self.segment_memo.start_build(search_plugin)
        return in_place

    def watch(self, server: LiveReloadServer, records_dir: Path) -> None:
        """Records live outside docs/: watch them too, so `mkdocs serve` rebuilds after an edit."""
        self.watcher = watch.watch_natively(server, records_dir)
        self.serve_errors.attach(server)

    def stop(self) -> None:
        self.word_job.cancel()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def succeeded(self, site_dir: str) -> None:
        self.incremental.commit(site_dir)
        gc.enable()
        self.word_job.start()

    def failed(self) -> None:
        gc.enable()
        self.word_job.cancel()
        self.incremental.forget()
        self.rows.clear()
        self.kept_rows.clear()
