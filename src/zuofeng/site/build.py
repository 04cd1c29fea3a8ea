"""One build of the site: the ledger it loaded, and the pages it makes from it, step by step.

The plugin (plugin.py) routes MkDocs' events here, in this order: `SiteBuild(...)` and
`configure` (config), `start` (pre_build), `add_files` (files: each page kind's pages, kinds.py),
`plan` (nav), `page_markdown`, `restore_rows` and `page_content` (each page), `write_search` and `finish`
(post_build), or `discard` (error). The pages rendered with the report macros, and the figure
pages they link to, are made by the build's `ReportPages` (report_pages.py). What lasts longer
than one build lives in the `ServeSession` (session.py).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from zuofeng import installed_version
from zuofeng.core.archive.freeze import amendments_by_target
from zuofeng.core.domain.catalogue import CatalogueError
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.domain.notice_tracking import tracking_for
from zuofeng.core.domain.record import Record
from zuofeng.core.input.loader import LoadCache
from zuofeng.core.input.printable import printable
from zuofeng.core.problems import errors_only
from zuofeng.core.project import Settings, SettingsError, load_ledger
from zuofeng.core.report.reports import load_reports
from zuofeng.site import (
    atomic,
    browse,
    budget,
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
from zuofeng.site.report_pages import ReportPages
from zuofeng.site.reproducible import build_date
from zuofeng.site.sanitize import clean, outside_sources
from zuofeng.site.options import ZuofengConfig
from zuofeng.site.session import ServeSession

log = logging.getLogger("mkdocs.plugins.zuofeng")


class SiteBuild:
    """What one build loaded (ledger, reports, dates) and what it made of it (its report pages in `report_pages`)."""

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
        self.visible = self.ledger.index.shown(self.ledger.index.records)
        self.browse = browse.Browse({}, {})  # the units and tags of the visible records (add_files)
        # The pages rendered with the report macros, and the figure pages they link to (add_files).
        self.report_pages = ReportPages(self.ledger, self.reports, self.indicators, self.tracking, session, config)

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
            self.report_pages.key_report_inputs()
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

    def _listing_pages(self, visible: list[Record]) -> Iterator[tuple[str, str]]:
        """Docs path and Markdown of every listing page."""
        catalogue = self.ledger.catalogue
        reuse, record_keys = self.session.reuse, self.session.record_keys
        root = pages.RECORDS_ROOT
        kept = self._kept_row if self.session.kept_rows.enabled else None
        yield f"{root}/index.md", pages.root_listing(self.by_year, catalogue)
        yield from self.browse.pages(visible, catalogue, reuse, record_keys.of, kept).items()
        for year, records in self.by_year.items():
            src = f"{root}/{year}/index.md"
            yield src, reuse.get(src, record_keys.of(records), lambda: pages.year_listing(year, records, catalogue))
            by_type: dict[str, list[Record]] = defaultdict(list)
            for record in records:
                by_type[record.type].append(record)
            for type_key, items in by_type.items():
                src = f"{root}/{year}/{type_key}/index.md"
                yield src, reuse.get(src, record_keys.of(items),
                                     lambda: pages.type_listing(year, type_key, items, catalogue, kept))
        self.session.kept_rows.keep_only(visible)

    def _kept_row(self, record: Record, table: str, make: Callable[[], str]) -> str:
        """A listing's row for a record, as the last build made it while the record (but its text) is the same."""
        return self.session.kept_rows.row(self.session.record_keys.key(record), table, record.id, make)

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
        rendered = self.report_pages.rendered.get(file.src_uri)
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
        return self.report_pages.page_markdown(markdown, page, kind.macros, config)

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


def _read(path: Path | None) -> str:
    """A project file's text for a key ("" when there is none)."""
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
