"""One build of the site: the ledger it loaded, and the pages it makes from it, step by step.

The plugin (plugin.py) routes MkDocs' events here, in this order: `SiteBuild(...)` and
`configure` (config), `start` (pre_build), `add_files` (files: each page kind's pages, kinds.py),
`plan` (nav), `page_markdown`, `restore_rows` and `page_content` (each page), `write_search` and `finish`
(post_build), or `discard` (error). What lasts longer than one build lives in the
`ServeSession` (session.py).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from zuofeng import installed_version
from zuofeng.core.archive.freeze import amendments_by_target
from zuofeng.core.domain.catalogue import CatalogueError
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.domain.notice_tracking import tracking_for
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record
from zuofeng.core.input.loader import LoadCache
from zuofeng.core.input.printable import printable
from zuofeng.core.problems import Problem, errors_only
from zuofeng.core.project import Settings, SettingsError, load_ledger
from zuofeng.core.report.macros import MACRO_NAMES, ReportMacros
from zuofeng.core.report.render import FigureHook, names_used, render
from zuofeng.core.report.reports import load_reports
from zuofeng.core.report.trace import Trace
from zuofeng.site import (
    atomic,
    browse,
    budget,
    figures,
    incremental,
    kinds,
    notice_page,
    pages,
    recordpage,
    reports,
    rows,
    search,
    search_docs,
    seams,
)
from zuofeng.site.nav import expand_nav
from zuofeng.site.offline_index import write_offline_index
from zuofeng.site.pagefind_index import segment, write_index
from zuofeng.site.recordpage import RecordPage
from zuofeng.site.rendered import ReportRenders
from zuofeng.site.reproducible import build_date
from zuofeng.site.sanitize import clean, outside_sources
from zuofeng.site.options import ZuofengConfig
from zuofeng.site.session import ServeSession

log = logging.getLogger("mkdocs.plugins.zuofeng")
# The report macros that print records' titles (every other macro counts, sums or names fields).
TITLE_READERS = frozenset({"records_table", "latest_records"})
T = TypeVar("T")


class SiteBuild:
    """What one build loaded (ledger, reports, dates) and what it made of it (renders, figure pages)."""

    def __init__(self, options: ZuofengConfig, config: MkDocsConfig, session: ServeSession) -> None:
        """Load the ledger, the reports, indicators and notice settings; any problem stops the build."""
        self.options = options
        self.session = session
        root = Path(options.root or Path(config.config_file_path).parent)
        try:
            settings = Settings.load(root)
            self.ledger = load_ledger(settings, session.load_caches.setdefault(settings.records_dir, LoadCache()))
            self.indicators = load_indicators()
            self.tracking = tracking_for(settings)
        except (CatalogueError, SettingsError) as exc:
            raise PluginError(f"zuofeng：{exc}") from None
        search.load_user_dict()
        # Material's search on (a mkdocs.yml that enables it): its index, expanded. Off (this project's
        # mkdocs.yml): the zuofeng search page, with Pagefind or, offline, search/offline-index.js.
        self.pagefind = not _material_search_enabled(config)
        # The offline archive (file://): the same search words, in one script instead of Pagefind's chunks.
        self.offline = _offline_enabled(config)
        self.charts: dict[str, str] = {}  # drawn once per build, shared by the pages that show them
        self.reports, report_problems = load_reports(settings.reports_dir, settings.root)
        errors = errors_only(self.ledger.problems) + report_problems
        if errors:
            listing = "\n".join(str(p) for p in sorted(errors))
            raise PluginError(f"记录有 {len(errors)} 个问题，构建已停止：\n{listing}")
        for problem in self.ledger.problems:
            log.info(str(problem))
        self.by_year = _group_by_year(self.ledger.index.records)
        self.build_date = build_date(settings.root, (r.date for r in self.ledger.index.records))
        self.updated = session.last_updated.of(settings.records_dir)
        self.records_rel = settings.records_dir.relative_to(settings.root).as_posix() \
            if settings.records_dir.is_relative_to(settings.root) else "records"
        self.swap: atomic.SiteSwap | None = None  # a full build's new folder (start)
        self.figures = figures.FigurePages(config)
        self.rendered: dict[str, tuple[str, str]] = {}  # src_uri → Markdown, and its render (add_files)
        self.macro_inputs = ""  # what every report render reads besides its page (add_files)
        self._catalogue_key: str | None = None
        self.macro_inputs_but_titles = ""  # the same for a page that shows no record's title (add_files)
        self._current: dict[str, Record] | None = None  # id → this build's record (figures of reused renders)
        self.visible = self.ledger.index.shown(self.ledger.index.records)
        self.browse = browse.Browse({}, {})  # the units and tags of the visible records (add_files)
        # Each report rendered once, on first use: its section pages, full text and Word file read it.
        self.renders = ReportRenders(self.ledger, self.reports, self.indicators, self.charts,
                                     lambda: _office_names(config))

    def configure(self, config: MkDocsConfig) -> None:
        """The config this build runs with: edit links, the theme's overrides, the privacy gate, the nav."""
        if not config.repo_url:
            # No git server named (ZUOFENG_REPO_URL unset): a relative edit_uri would be a dead link.
            config.edit_uri = None
        config.theme.dirs.insert(0, str(Path(__file__).parent / "theme"))
        config.extra["zuofeng_version"] = installed_version()  # the footer's 由 zuofeng X 生成
        _gate_authored_pages_only(config)
        years = [{f"{year}年": f"{pages.RECORDS_ROOT}/{year}/index.md"} for year in sorted(self.by_year, reverse=True)]
        config.nav = expand_nav(config.nav, self.options.records_nav, years)
        config.nav = expand_nav(config.nav, self.options.reports_nav, reports.nav_children(self.reports))

    def start(self, config: MkDocsConfig) -> None:
        """Update the last build's folder in place, or build into a new folder swapped in once it succeeded."""
        settings = self.ledger.settings
        site_inputs = [_read(settings.catalogue_path), _read(settings.rules_path), str(self.pagefind),
                       str(self.offline)]
        if not self.session.start_build(config, site_inputs):
            self.swap = atomic.SiteSwap.start(config.site_dir, bool(config.strict))
            config.site_dir = str(self.swap.temp)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Every generated page and download of this build, kind by kind (kinds.MADE_IN_ORDER)."""
        if self.offline:
            _drop_unused_offline(files, material_search=not self.pagefind)
        # Before anything keyed by records: listings, record pages, report renders, audit pages.
        self.session.record_keys.update(self.ledger.index.records)
        if self.session.record_keys.enabled:
            self._key_report_inputs()
        self.browse = self.session.reuse.get("browse", self.session.record_keys.of(self.visible),
                                             lambda: browse.Browse.of(self.visible))
        for kind in kinds.MADE_IN_ORDER:
            for file in kind.make(self, files, config) if kind.make is not None else ():
                files.append(file)

    def listing_files(self, config: MkDocsConfig) -> list[File]:
        """The listing pages (by year, type, unit and tag) of the visible records."""
        return [File.generated(config, src, content=content) for src, content in self._listing_pages(self.visible)]

    def record_files(self, config: MkDocsConfig) -> list[File]:
        """One page per visible record, in the index's order (a notice's laid out as the document)."""
        renderers = {"notice": notice_page.renderer(self.tracking)}
        amended = amendments_by_target(self.ledger.index.records)
        return [self._record_file(record, renderers, amended, config) for record in self.visible]

    def render_pages(self, files: Files, config: MkDocsConfig) -> list[File]:
        """Render the pages of the kinds with macros, once; the figure pages they link to."""
        self._render_templates(files, config)
        return self.figures.files(self.ledger.catalogue, lambda year: self.reports[year].title
                                  if year in self.reports else f"{year}年报告", self._kept_figure_markdown,
                                  lambda year: self.reports[year].period if year in self.reports else None)

    def _kept_figure_markdown(self, src: str, trace: Trace, title: str, period: ReportPeriod | None,
                              make: Callable[[], str]) -> str:
        """A figure page's Markdown: under serve --dirty, the last build's while its trace (its records but
        their text), the report's title and period and the catalogue are the same."""
        if not self.macro_inputs:
            return make()
        if self._catalogue_key is None:
            self._catalogue_key = incremental.digest(repr(self.ledger.catalogue))
        key = incremental.digest(self._catalogue_key, title, repr(period), _trace_key(trace, self.session.record_keys.key))
        return self.session.reuse.get(("figure", src, key), (), make)

    def kept_report_markdown(self, key: tuple[Any, ...], make: Callable[[], str], template: str | None = None) -> str:
        """Markdown made of the report inputs only (records but their text, reports, indicators, notice
        settings): under serve --dirty, the last build's while they are the same. Made from a
        `template` that shows no record's title, it is kept after a title edit too."""
        if not self.macro_inputs:
            return make()
        return self.session.reuse.get((*key, self._report_inputs(template)), (), make)

    def _key_report_inputs(self) -> None:
        """Keys of what report renders read: every record but its text; and but its title too, for
        pages that show no title (unless a rule, an indicator or the notice settings name titles)."""
        record_keys = self.session.record_keys
        rest = (repr(self.reports), repr(self.indicators), repr(self.tracking))
        self.macro_inputs = incremental.digest(record_keys.all, *rest)
        counted = "title" in repr(self.ledger.rules) or any("title" in part for part in rest[1:])
        self.macro_inputs_but_titles = self.macro_inputs if counted else \
            incremental.digest("but titles", record_keys.all_but_titles, *rest)

    def _report_inputs(self, template: str | None) -> str:
        """The key of the report inputs a page's template reads: titles only when it may show them."""
        if template is None or "title" in template:
            return self.macro_inputs
        used = names_used(template)
        return self.macro_inputs if used is None or used & TITLE_READERS else self.macro_inputs_but_titles

    def _render_templates(self, files: Files, config: MkDocsConfig) -> None:
        """Render every report page (and page with `render_macros: true`) now, once.

        Figures' pages must exist before MkDocs builds any page, and serve's fast path keys a
        page by its text after the macros.
        """
        # The kinds rendered with the macros: not the thousands of generated record pages.
        for file in files:
            if not file.is_documentation_page():
                continue
            macros = kinds.kind_of(file).macros
            if macros == "never":
                continue
            markdown, meta = get_data(file.content_string)
            if macros == "traced":
                self.rendered[file.src_uri] = (markdown, self._render_once(
                    markdown, meta, file, config, lambda: self._render_shared(markdown, meta, file, config)))
            elif meta.get("render_macros") is True:
                self.rendered[file.src_uri] = (markdown, self._render_once(
                    markdown, meta, file, config, lambda: self._render_page(markdown, meta, file, config)))

    def _render_once(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig,
                     render: Callable[[], str]) -> str:
        """A page's render, reused (with the figure pages it links to) while nothing it reads changed.

        It reads its text, the records but their text, the reports, indicators and notice
        settings, and the office's own names it uses: a page calling one of the office's
        functions (whose result no key can tell) is rendered at every build.
        """
        used = names_used(markdown)
        office = _office_names(config)
        values = [office[name] for name in sorted(used & office.keys())] if used is not None else None
        if values is None or any(callable(value) for value in values):
            return render()
        key = incremental.digest(markdown, repr(meta), repr(values), self._report_inputs(markdown))

        def make() -> tuple[str, list[Any]]:
            with self.figures.recording() as linked:
                return render(), linked
        text, linked = self.session.reuse.get(("render", file.src_uri, key), (), make)
        self.figures.adopt(linked, self._now)
        return text

    def _now(self, record: Record) -> Record:
        """This build's record of the same id (a reused render's figures list this build's titles)."""
        if self._current is None:
            self._current = {r.id: r for r in self.ledger.index.records}
        return self._current.get(record.id, record)

    def _render_report(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig,
                       new_figures: bool) -> str:
        """The one render of a report page, in Jinja's sandbox, each figure a link to its page.

        The macros are bound once to its period: a bad macro call stops the build here with the
        page and line named. `new_figures` false: a figure with no page yet prints plain.
        """
        src = file.src_uri
        year = reports.page_year(src, meta, self.ledger.index, self.reports)
        first_line = _body_first_line(file, markdown)  # before anything is appended to the text
        if src == f"{reports.REPORTS_ROOT}/{year}/index.md" and year in self.reports:
            markdown += reports.section_links(self.reports[year])
        macros = reports.macros_for(src, meta, self.ledger, self.reports, self.indicators, self.charts, traced=True)
        macros.linker = self.figures.linker(file, new_figures)
        return _render_or_stop(markdown, macros, file, config, first_line, self.figures.hook(year, file, new_figures))

    def _render_shared(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig) -> str:
        """A report section's page, or the full text, from the report's one render; other report pages on their own."""
        year = reports.page_year(file.src_uri, meta, self.ledger.index, self.reports)
        hook = self.figures.hook(year, file)
        found = self.renders.section(file.src_uri, markdown)
        if found is not None:
            section = _or_stop(found[1])
            return section.text(hook)
        if kinds.kind_of(file) is kinds.FULL_REPORT and year in self.reports:
            text = self.renders.full_text(year, hook)
            if text is not None:
                return _or_stop(text)
        return self._render_report(markdown, meta, file, config, True)

    def _render_page(self, markdown: str, meta: dict[str, Any], file: File, config: MkDocsConfig) -> str:
        """A page that opted in to the macros (`render_macros: true`): rendered once, figures plain but for the
        key-figure cards and the indicator table, linked to the figure pages (数字溯源)."""
        macros = reports.macros_for(file.src_uri, meta, self.ledger, self.reports, self.indicators, self.charts)
        macros.linker = self.figures.linker(file)
        return _render_or_stop(markdown, macros, file, config, _body_first_line(file, markdown))

    def _record_file(self, record: Record, renderers: dict[str, pages.Renderer], amended: dict[str, list[Record]],
                     config: MkDocsConfig) -> File:
        """A record's page file, with its `RecordPage`; the same objects again while the record is unchanged.

        A file knows where it is written: one made by a full build (into a new folder, swapped
        in since) is pointed at this build's folder. A notice's page shows how its problems
        were dealt with: always made.
        """
        amendments = amended.get(record.id, ())

        def make() -> File:
            content = pages.record_markdown(record, self.ledger.catalogue, renderers, amendments)
            file = File.generated(config, pages.record_src(record), content=content)
            # Record pages of the other types get their HTML header in on_page_content.
            RecordPage(record, record.type not in renderers, file, config)
            return file
        if record.type in renderers:
            return make()
        file = self.session.reuse.get(("record", record.id), (record, *amendments), make)
        seams.move_dest(file, config.site_dir)
        return file

    def report_version(self, year: int) -> str:
        """What a year's Word file is made of, as the site rendered it: its full text and its details."""
        report = self.reports[year]
        full = self.rendered.get(reports.full_text_src(year), ("", ""))[1]
        return incremental.digest(full, repr((report.title, report.issuer, report.date, report.period)))

    def _listing_pages(self, visible: list[Record]) -> Iterator[tuple[str, str]]:
        """Docs path and Markdown of every listing page."""
        catalogue = self.ledger.catalogue
        reuse, record_keys = self.session.reuse, self.session.record_keys
        root = pages.RECORDS_ROOT
        yield f"{root}/index.md", pages.root_listing(self.by_year, catalogue)
        yield from self.browse.pages(visible, catalogue, reuse, record_keys.of).items()
        for year, records in self.by_year.items():
            src = f"{root}/{year}/index.md"
            yield src, reuse.get(src, record_keys.of(records), lambda: pages.year_listing(year, records, catalogue))
            by_type: dict[str, list[Record]] = defaultdict(list)
            for record in records:
                by_type[record.type].append(record)
            for type_key, items in by_type.items():
                src = f"{root}/{year}/{type_key}/index.md"
                yield src, reuse.get(src, record_keys.of(items),
                                     lambda: pages.type_listing(year, type_key, items, catalogue))

    def plan(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """Date every page from the inputs; under serve --dirty, choose the pages to build again."""
        session = self.session
        documents = [file for file in files if file.is_documentation_page()]
        for file in documents:
            page = file.page if file.page is not None else Page(None, file, config)
            # Same commit, same site: no page carries the day it happened to be built.
            if self.build_date is not None:
                page.update_date = self.build_date
        if session.incremental.enabled:
            session.incremental.plan(files, documents, nav, self._page_text, self._page_extra,
                                     lambda file: kinds.kind_of(file).rebuild)
            session.rows.keep_only({file.src_uri for file in documents})
        if session.incremental.in_place:  # a full build starts with no search entries (start)
            # Search entries of the pages not built again stay; the others come back in page_content.
            kept = {f.page.url for f in documents if f.page and f.src_uri not in session.incremental.built}
            for url in [url for url in session.search_docs if url not in kept]:
                del session.search_docs[url]
        # Last use of the memo in this build: entries nobody asked for are dropped.
        session.reuse.end_build()

    def _page_text(self, file: File) -> str:
        """A page's Markdown as MkDocs converts it: after the macros for the pages rendered with them."""
        rendered = self.rendered.get(file.src_uri)
        return file.content_string if rendered is None else f"{file.content_string}\x00{rendered[1]}"

    def _page_extra(self, file: File) -> str:
        """What this plugin adds to a page's HTML besides its Markdown, as its kind declares."""
        extra = kinds.kind_of(file).extra
        return "" if extra is None else extra(self, file)

    def record_extra(self, file: File) -> str:
        """A record page's HTML besides its Markdown (its text): its field table, slugs and dates."""
        page = file.page
        assert isinstance(page, RecordPage)
        record = page.record

        def extra() -> str:
            slugs = "|".join([self.browse.units.get(record.unit or "", "")] + [self.browse.tags.get(t, "") for t in record.tags])
            return f"{self.session.record_keys.key(record)}|{page.headed}|{slugs}|{self.updated.get(f'{record.id}.md')}"
        return self.session.reuse.get(("extra", file.src_uri), (page, self.browse, self.updated), extra)

    def page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """A record page armed with its time budget and dated; a report or opted-in page as rendered."""
        src = page.file.src_uri
        if isinstance(page, RecordPage):
            record = page.record
            budget.arm(record.path, markdown, self.options.render_seconds)
            page.meta["revision_date"] = recordpage.updated_label(self.updated.get(f"{record.id}.md"))
            page.edit_url = recordpage.edit_url(config.repo_url, config.edit_uri, self.options.records_edit_uri,
                                                self.records_rel, record.id)
            return markdown
        kind = kinds.kind_of(page.file)
        if kind.rows:
            return self.session.rows.shorten(src, markdown)
        rendered = self.rendered.get(src)
        if rendered is not None and rendered[0] == markdown:
            result = rendered[1]  # rendered in add_files; again below only if a plugin changed the text since
        elif kind.macros == "traced":
            result = self._render_report(markdown, page.meta, page.file, config, False)
        elif kind.macros == "opt_in" and page.meta.get("render_macros") is True:
            result = self._render_page(markdown, page.meta, page.file, config)
        else:
            return markdown
        # mkdocs-macros honours `render_macros: false` before anything else: it leaves the text as it is.
        page.meta["render_macros"] = False
        return result

    def page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Record pages hold user-written HTML: sanitised, headed by their fields; others checked for outside sources."""
        if kinds.kind_of(page.file).privacy == "sanitised" and isinstance(page, RecordPage):
            budget.disarm()
            html = clean(html)
            if page.headed:
                url_for = _urls_from(page, files)
                html = pages.record_header(page.record, self.ledger.catalogue, url_for, self.browse.units,
                                           self.browse.tags) + html
        else:
            _refuse_outside_sources(html, page, config)
        self._index_page(page, html)
        return html

    def restore_rows(self, html: str, page: Page) -> str:
        """Every row of the page's records table back in place (serve --dirty converted only the new ones)."""
        if not kinds.kind_of(page.file).rows:
            return html
        try:
            return self.session.rows.restore(page.file.src_uri, html)
        except rows.RowsLost:
            raise PluginError(f"预览重建时 {page.file.src_uri} 的表格未能按行复用，已放弃本次重建；"
                              "下一次保存将完整构建") from None

    def _index_page(self, page: Page, html: str) -> None:
        """Keep a page for the search index (Pagefind, or the offline script), unless it asks to stay out of search."""
        search_meta = page.meta.get("search")
        if not self.pagefind or (isinstance(search_meta, dict) and search_meta.get("exclude")):
            return
        if isinstance(page, RecordPage):
            doc = search_docs.record_doc(page.url, page.record, self.ledger.catalogue, html)
        else:
            doc = search_docs.page_doc(page.url, page.file.src_uri, page.title or "", html)
        self.session.search_docs[page.url] = doc

    def write_search(self, config: MkDocsConfig) -> None:
        """The search index: Pagefind's (in the background while serving in place), the offline script, or Material's expanded."""
        budget.disarm()
        session = self.session
        if self.pagefind:
            docs = list(session.search_docs.values())
            cut = session.segment_memo.wrap(segment)
            if self.offline:
                write_offline_index(docs, Path(config.site_dir), cut)
            elif session.incremental.in_place:  # serve --dirty: the page first, its search entry seconds later
                session.search_job.start(docs, Path(config.site_dir), cut)
            else:
                write_index(docs, Path(config.site_dir), cut)
        else:
            search.expand_index(Path(config.site_dir))

    def finish(self, config: MkDocsConfig) -> None:
        """The build succeeded: its new folder swapped in (`gh-deploy` and mike read site_dir after it)."""
        self.session.succeeded(config.site_dir)
        final = self._end_swap(success=True)
        if final is not None:
            config.site_dir = final
        self.session.serve_errors.succeeded()

    def discard(self) -> None:
        """The build failed: its new folder removed, the last good site left in place."""
        self._end_swap(success=False)

    def _end_swap(self, success: bool) -> str | None:
        swap, self.swap = self.swap, None
        if swap is None:
            return None
        if success:
            swap.finish()
        else:
            swap.discard()
        return str(swap.final)


def _group_by_year(records: list[Record]) -> dict[int, list[Record]]:
    by_year: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        by_year[record.year].append(record)
    return dict(by_year)


def _material_search_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's search plugin is on (`search: enabled:`), which keeps its box and index."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin is not None and bool(plugin.config.enabled)


def _offline_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on (`offline: enabled:`): the site is built for file://."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(plugin.config.enabled)


# What the offline archive cannot use: the /admin/ form app (Decap CMS needs a git server) and source
# maps; Material's own search (lunr and its worker) too, unless it is the search of this build.
_OFFLINE_UNUSED = re.compile(r"assets/vendor/decap-cms/|.*\.map$")
_MATERIAL_SEARCH_FILES = re.compile(r"assets/javascripts/(lunr|workers)/")


def _drop_unused_offline(files: Files, material_search: bool) -> None:
    """Leave out of the offline archive the files nobody can use from file://."""
    unused = [f for f in files if _OFFLINE_UNUSED.match(f.src_uri)
              or (not material_search and _MATERIAL_SEARCH_FILES.match(f.src_uri))]
    for file in unused:
        files.remove(file)


def _gate_authored_pages_only(config: MkDocsConfig) -> None:
    """Let Material's privacy plugin (our outside-asset gate) skip the kinds whose privacy is not "checked".

    It parses every built page: about 5% of the build at 5,000 records. Record pages and listings
    are our template around escaped values or a record body that `clean` has already stripped of
    every outside image, and the template is checked on every other page. Pages people write
    (reports, guide, home) are still checked. Should Material rename the method, it checks every page again.
    """
    seams.skip_privacy_check(config, kinds.skips_privacy_parse)


def _render_or_stop(markdown: str, macros: ReportMacros, file: File, config: MkDocsConfig, first_line: int,
                    hook: FigureHook | None = None) -> str:
    """A page's one render in the sandbox, with the office's names and the bound macros; an error stops the build."""
    display = f"{Path(config.docs_dir).name}/{file.src_uri}"
    return _or_stop(render(markdown, {**_office_names(config), **macros.functions()}, display, first_line, hook))


def _or_stop(result: T | Problem) -> T:
    """A render of the report, or the build stopped at its error."""
    if isinstance(result, Problem):
        raise PluginError(f"报告页面有误，构建已停止：\n{result}")
    return result


def _office_names(config: MkDocsConfig) -> dict[str, Any]:
    """What the office's `macros/` module registered with mkdocs-macros (macros and variables)."""
    return {k: v for k, v in seams.macros_plugin_names(config).items() if k not in MACRO_NAMES}


def _refuse_outside_sources(html: str, page: Page, config: MkDocsConfig) -> None:
    """Stop the build on a written page's image or script from another host.

    Material's privacy plugin already reports `https://` and `//` sources; it takes `/\\host`
    and `\\\\share` for local paths, which browsers resolve to another host.
    """
    outside = outside_sources(html)
    if outside:
        listed = "、".join(printable(url) for url in outside)
        raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}: 页面引用了站外资源（{listed}），"
                          "内网站点只能引用本站的相对路径，构建已停止")


def _urls_from(page: Page, files: Files) -> pages.UrlFor:
    """Docs path → URL of that page relative to `page`, as MkDocs writes Markdown links."""
    def url_for(src: str) -> str | None:
        target = files.get_file_from_path(src)
        return get_relative_url(target.url, page.file.url) if target is not None else None
    return url_for


def _body_first_line(file: File, markdown: str) -> int:
    """File line where the page's Markdown (front matter removed by MkDocs) starts."""
    source = file.content_string
    head = markdown[:200]
    offset = source.find(head) if head else -1
    return source[:offset].count("\n") + 1 if offset > 0 else 1


def _read(path: Path | None) -> str:
    """A project file's text for a key ("" when there is none)."""
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _trace_key(trace: Trace, key: Callable[[Record], str]) -> str:
    """A trace's every field, its records (and those of its parts) by their keys: all a figure page shows of it."""
    values: list[Any] = []
    for item in dataclasses.fields(trace):
        value = getattr(trace, item.name)
        if item.name in ("records", "previous_records"):
            value = [key(record) for record in value]
        elif item.name == "problems":
            value = [(key(record), position) for record, position in value]
        elif item.name == "parts":
            value = [_trace_key(part, key) for part in value]
        values.append(value)
    return repr(values)
