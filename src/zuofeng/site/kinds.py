"""The site's page kinds, each declared in one place: where its pages live, what it reads, how it
is made, what HTML it adds beyond its Markdown, whether macros render it, its privacy policy and
its rebuild key.

The build (build.py, its report pages in report_pages.py) makes each kind's pages in `MADE_IN_ORDER`,
asks `kind_of(file)` and follows the declaration: which pages are rendered with the report macros, which are sanitised,
which Material's privacy plugin may skip, and what besides its Markdown goes into a page's key
under `serve --dirty` (incremental.py). Adding a page kind is one declaration here (before any
broader one whose `owns` also matches), its place in `MADE_IN_ORDER`, and its tests (README:
新增一种页面).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Literal, Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.domain.notice_tracking import Tracking
from zuofeng.core.domain.notices import notices
from zuofeng.core.project import Ledger
from zuofeng.core.report.reports import Report
from zuofeng.site import admin, downloads, guide, notice_register, reports, search_docs, templates
from zuofeng.site.admin import ADMIN_CONFIG, ADMIN_PAGE
from zuofeng.site.downloads import DOWNLOADS_ROOT
from zuofeng.site.figures import is_figure_src
from zuofeng.site.guide import FIELDS_PAGE
from zuofeng.site.notice_register import NOTICES_ROOT
from zuofeng.site.options import ZuofengConfig
from zuofeng.site.pages import RECORDS_ROOT
from zuofeng.site.recordpage import RecordPage
from zuofeng.site.rendered import ReportRenders
from zuofeng.site.reports import REPORTS_ROOT
from zuofeng.site.search_docs import SEARCH_PAGE
from zuofeng.site.session import ServeSession
from zuofeng.site.templates import TEMPLATES_ROOT

# traced: rendered once in the sandbox with the report macros, each figure a link to its page;
# opt_in: rendered with the macros (figures plain) when its front matter says `render_macros: true`;
# never: its Markdown is converted as it is.
Macros = Literal["traced", "opt_in", "never"]
# sanitised: user-written HTML cleaned (no outside source survives), so Material's privacy parse is skipped;
# escaped: our template around escaped values, also skipped by Material, still refused outside sources;
# checked: Material's privacy plugin parses it and the build refuses any outside source.
Privacy = Literal["sanitised", "escaped", "checked"]
# What a page's rebuild key is made of. markdown: its Markdown as converted (after the macros);
# links: which of its relative links resolve (MkDocs writes a link to a missing page otherwise);
# extra: what the plugin adds to its HTML besides (`PageKind.extra`).
KeyPart = Literal["markdown", "links", "extra"]


class ReportSteps(Protocol):
    """What a kind reads of the build's report pages (report_pages.ReportPages)."""

    renders: ReportRenders

    def render_pages(self, files: Files, config: MkDocsConfig) -> list[File]: ...
    def report_version(self, year: int) -> str: ...
    def kept_report_markdown(self, key: tuple[str, int], make: Callable[[], str], template: str | None = None) -> str: ...


class Build(Protocol):
    """What a kind reads of the build under way (build.SiteBuild)."""

    options: ZuofengConfig
    session: ServeSession
    ledger: Ledger
    reports: dict[int, Report]
    indicators: list[Indicator]
    tracking: Tracking
    pagefind: bool
    offline: bool
    records_rel: str

    @property
    def report_pages(self) -> ReportSteps: ...
    def record_extra(self, file: File) -> str: ...
    def record_files(self, config: MkDocsConfig) -> list[File]: ...
    def listing_files(self, config: MkDocsConfig) -> list[File]: ...


Extra = Callable[[Build, File], str]
Make = Callable[[Build, Files, MkDocsConfig], Iterable[File]]


@dataclass(frozen=True)
class PageKind:
    """One kind of page: everything the build needs to know of it."""

    name: str
    where: str  # docs paths of its pages, as readers see them
    generated: bool  # made by this plugin, else written by people in docs/ (or made by another plugin)
    inputs: str  # what its pages are made of
    make: Make | None  # its pages (in kinds.MADE_IN_ORDER); None: written by people, or made with another kind
    macros: Macros = "never"
    privacy: Privacy = "checked"
    extra: Extra | None = None  # what the plugin adds to its HTML besides the Markdown (in its rebuild key)
    # Under serve --dirty a page is written again when its rebuild key changes: the parts named here
    # (incremental.Incremental.plan makes the key of exactly these). A title edit thus rewrites the
    # record's page and the listings and figure pages whose Markdown shows the title, nothing else.
    rebuild: tuple[KeyPart, ...] = ("markdown", "links")
    reuse: str = ""  # what of its making is kept from the last build while its inputs are the same
    rows: bool = False  # its records table converted row by row, each row's HTML kept (rows.py)
    owns: Callable[[str], bool] = lambda src: False  # whether a docs path is one of its pages


def _under(*prefixes: str) -> Callable[[str], bool]:
    return lambda src: src.startswith(prefixes)


def _one_of(*paths: str) -> Callable[[str], bool]:
    return lambda src: src in paths


def _listing(src: str) -> bool:
    return src.startswith(f"{RECORDS_ROOT}/") and src.endswith("/index.md") or src == f"{RECORDS_ROOT}/index.md"


def _full_report(src: str) -> bool:
    parts = src.split("/")
    return len(parts) == 3 and parts[0] == REPORTS_ROOT and parts[2] == "full.md"


def _report_section(src: str) -> bool:
    return src.startswith(f"{REPORTS_ROOT}/") and not is_figure_src(src)


def _record_extra(build: Build, file: File) -> str:
    return build.record_extra(file)


def _make_records(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    return build.record_files(config)


def _make_listings(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    return build.listing_files(config)


def _make_figures(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    return build.report_pages.render_pages(files, config)


def _make_full_reports(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    return [File.generated(config, reports.full_text_src(year), content=reports.full_text_markdown(report))
            for year, report in build.reports.items()]


def _audit(src: str) -> bool:
    parts = src.split("/")
    return len(parts) == 3 and parts[0] == REPORTS_ROOT and parts[2] == "audit.md"


def _make_audits(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    return [File.generated(config, reports.audit_src(year), content=build.report_pages.kept_report_markdown(
        ("audit", year), lambda year=year: reports.audit_markdown(build.ledger, build.reports, build.indicators, year),
        "\n".join(section.body for section in report.sections)))
        for year, report in build.reports.items()]


def _make_reports_index(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    src = build.options.reports_nav
    if files.get_file_from_path(src) is not None:
        return []  # written in docs/: a report section like the others
    return [File.generated(config, src, content=reports.reports_index_markdown(build.reports))]


def _make_register(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    pages = notice_register.generated_pages(notices(build.ledger.index), build.tracking)
    return [File.generated(config, src, content=content) for src, content in pages.items()]


def _make_guide(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    return [guide.fields_file(config, files, build.ledger.catalogue)]


def _make_search(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    if not build.pagefind:
        return []  # Material's own search
    return [File.generated(config, SEARCH_PAGE, content=search_docs.search_page_markdown(offline=build.offline))]


def _make_admin(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    if build.offline:
        return []  # Decap CMS needs a git server
    return admin.admin_files(config, files, build.ledger.catalogue, build.records_rel)


def _make_templates(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    catalogue = build.ledger.catalogue
    # The memo starts empty whenever the catalogue changed (it is one of the site inputs).
    contents = build.session.reuse.get("templates", (), lambda: templates.template_contents(catalogue))
    return templates.template_files(config, contents)


def _make_word(build: Build, files: Files, config: MkDocsConfig) -> list[File]:
    session = build.session
    later = session.word_job if session.incremental.in_place else None
    report_pages = build.report_pages
    return downloads.docx_files(config, report_pages.renders, session.reuse, report_pages.report_version, later)


RECORD = PageKind(
    "record", "records/<year>/<type>/<slug>.md", True, "one visible record, its amendments, git date, unit and tag slugs",
    _make_records, privacy="sanitised", extra=_record_extra, rebuild=("markdown", "links", "extra"),
    reuse="the page object, while its record is the same object")
NOTICE = PageKind(
    "notice", "records/<year>/notice/<slug>.md", True, "a notice record and the notice settings (as-of date, thresholds)",
    None, privacy="sanitised", extra=_record_extra, rebuild=("markdown", "links", "extra"),
    reuse="nothing: made every build (with the records, in their order)")
LISTING = PageKind(
    "listing", "records/**/index.md (by year, type, unit, tag)", True,
    "the visible records but their text (by year, type, unit, tag)", _make_listings,
    privacy="escaped", reuse="Markdown, while its records' keys are the same", rows=True, owns=_listing)
FIGURE = PageKind(
    "figure", "reports/<year>/figures/<key>.md", True, "one traced report figure and the records it counts",
    _make_figures, reuse="Markdown, while the report inputs are the same", rows=True, owns=is_figure_src)
FULL_REPORT = PageKind(
    "full report", "reports/<year>/full.md", True, "a report's sections, in order", _make_full_reports,
    macros="traced", reuse="render, while its text and the report inputs are the same", owns=_full_report)
AUDIT = PageKind(
    "report audit", "reports/<year>/audit.md", True, "a report's sentences and the ledger values behind them (报告核查)",
    _make_audits, macros="traced", reuse="Markdown, while the report inputs are the same", owns=_audit)
REPORTS_INDEX = PageKind(
    "reports index", "reports/index.md (when docs/ has none)", True, "the reports' titles and periods", _make_reports_index,
    macros="traced", owns=_one_of(f"{REPORTS_ROOT}/index.md"))
REPORT_SECTION = PageKind(
    "report section", "reports/** but figure pages", False, "its text, the records but their text, reports, indicators, notices",
    None, macros="traced",
    reuse="render, while its text and the report inputs are the same", owns=_report_section)
REGISTER = PageKind(
    "notice register", "notices/index.md, notices/units.md", True, "every notice and the notice settings", _make_register,
    owns=_under(f"{NOTICES_ROOT}/"))
GUIDE = PageKind(
    "guide fields", "guide/fields.md", True, "the catalogue", _make_guide, owns=_one_of(FIELDS_PAGE))
SEARCH = PageKind(
    "search page", "search/index.md", True, "whether the build is offline", _make_search,
    owns=_one_of(SEARCH_PAGE))
ADMIN = PageKind(
    "admin", "admin/index.html, admin/config.yml", True, "the catalogue and the CMS backend variables", _make_admin,
    owns=_one_of(ADMIN_PAGE, ADMIN_CONFIG))
TEMPLATES = PageKind(
    "excel templates", "downloads/templates/<type>.xlsx, all.xlsx", True, "the catalogue", _make_templates,
    reuse="bytes, while the catalogue is the same", owns=_under(f"{TEMPLATES_ROOT}/"))
WORD = PageKind(
    "word files", "downloads/<year>-report.docx", True, "a report, its full text as the site rendered it", _make_word,
    reuse="bytes, while that full text and the report's details are the same; under serve --dirty a changed "
          "file is made after the pages (downloads.WordJob)", owns=_under(f"{DOWNLOADS_ROOT}/"))
AUTHORED = PageKind(
    "authored page", "any other page of docs/", False, "its text; with `render_macros: true`, what the macros read",
    None, macros="opt_in", owns=lambda src: True)

# Most specific first: the first kind whose `where` matches owns the page.
GENERATED_KINDS = (LISTING, FIGURE, FULL_REPORT, AUDIT, REPORTS_INDEX, REGISTER, GUIDE, SEARCH, ADMIN, TEMPLATES, WORD)
KINDS = (RECORD, NOTICE, *GENERATED_KINDS, REPORT_SECTION, AUTHORED)
# The order pages are added in (MkDocs builds them in it): records are keyed before anything made
# from them; report renders (which make the figure pages) after the pages they render; the Word
# files, made of the rendered full texts, last.
MADE_IN_ORDER = (GUIDE, TEMPLATES, ADMIN, SEARCH, REPORTS_INDEX, FULL_REPORT, AUDIT, REGISTER, LISTING, RECORD, FIGURE, WORD)


def kind_of(file: File) -> PageKind:
    """The kind of a page (or other file) of this build."""
    page = file.page
    if isinstance(page, RecordPage):
        return NOTICE if not page.headed else RECORD
    src = file.src_uri
    if file.generated_by == "zuofeng":
        for kind in GENERATED_KINDS:
            if kind.owns(src):
                return kind
    if REPORT_SECTION.owns(src):
        return REPORT_SECTION
    return AUTHORED


def skips_privacy_parse(file: File) -> bool:
    """Whether Material's privacy plugin may leave this page unparsed (its kind keeps outside sources out)."""
    return kind_of(file).privacy != "checked"
