"""The site's page kinds, each declared in one place: where its pages live, what it reads, how it
is made, what HTML it adds beyond its Markdown, whether macros render it, its privacy policy and
its rebuild key.

The build (build.py) asks `kind_of(file)` and follows the declaration: which pages are rendered
with the report macros, which are sanitised, which Material's privacy plugin may skip, and what
besides its Markdown goes into a page's key under `serve --dirty` (incremental.py). Adding a page
kind is one declaration here (before any broader one whose `where` also matches), the function
that makes its pages, and their tests (README: 新增一种页面).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Literal

from mkdocs.structure.files import File

from zuofeng.site.admin import ADMIN_CONFIG, ADMIN_PAGE
from zuofeng.site.downloads import DOWNLOADS_ROOT
from zuofeng.site.figures import is_figure_src
from zuofeng.site.guide import FIELDS_PAGE
from zuofeng.site.notice_register import NOTICES_ROOT
from zuofeng.site.pages import RECORDS_ROOT
from zuofeng.site.recordpage import RecordPage
from zuofeng.site.reports import REPORTS_ROOT
from zuofeng.site.search_docs import SEARCH_PAGE

if TYPE_CHECKING:
    from zuofeng.site.build import SiteBuild

# traced: rendered once in the sandbox with the report macros, each figure a link to its page;
# opt_in: rendered with the macros (figures plain) when its front matter says `render_macros: true`;
# never: its Markdown is converted as it is.
Macros = Literal["traced", "opt_in", "never"]
# sanitised: user-written HTML cleaned (no outside source survives), so Material's privacy parse is skipped;
# escaped: our template around escaped values, also skipped by Material, still refused outside sources;
# checked: Material's privacy plugin parses it and the build refuses any outside source.
Privacy = Literal["sanitised", "escaped", "checked"]
Extra = Callable[["SiteBuild", File], str]


@dataclass(frozen=True)
class PageKind:
    """One kind of page: everything the build needs to know of it."""

    name: str
    where: str  # docs paths of its pages, as readers see them
    generated: bool  # made by this plugin, else written by people in docs/ (or made by another plugin)
    inputs: str  # what its pages are made of
    made_by: str  # the function making its pages' Markdown (or bytes)
    macros: Macros = "never"
    privacy: Privacy = "checked"
    extra: Extra | None = None  # what the plugin adds to its HTML besides the Markdown (in its rebuild key)
    # Under serve --dirty a page is written again when its key changes: its Markdown (after the
    # macros), which of its links resolve, and `extra`. "made every build": not reused from a memo.
    rebuild: str = "key"
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


def _record_extra(build: SiteBuild, file: File) -> str:
    return build.record_extra(file)


RECORD = PageKind(
    "record", "records/<year>/<type>/<slug>.md", True, "one visible record, its amendments, git date, unit and tag slugs",
    "pages.record_markdown; header: pages.record_header", privacy="sanitised", extra=_record_extra,
    rebuild="key; the page object kept while its record is the same object")
NOTICE = PageKind(
    "notice", "records/<year>/notice/<slug>.md", True, "a notice record and the notice settings (as-of date, thresholds)",
    "notice_page.notice_markdown", privacy="sanitised", extra=_record_extra, rebuild="key; made every build")
LISTING = PageKind(
    "listing", "records/**/index.md (by year, type, unit, tag)", True,
    "the visible records but their text (by year, type, unit, tag)", "pages.*_listing, browse.Browse.pages",
    privacy="escaped", rebuild="key; Markdown reused while its records' keys are the same", owns=_listing)
FIGURE = PageKind(
    "figure", "reports/<year>/figures/<key>.md", True, "one traced report figure and the records it counts",
    "figures.figure_markdown", rebuild="key; Markdown reused while the report inputs are the same", owns=is_figure_src)
FULL_REPORT = PageKind(
    "full report", "reports/<year>/full.md", True, "a report's sections, in order", "reports.full_text_markdown",
    macros="traced", rebuild="key; render reused while its text and the report inputs are the same", owns=_full_report)
REPORTS_INDEX = PageKind(
    "reports index", "reports/index.md (when docs/ has none)", True, "the reports' titles and periods", "reports.reports_index_markdown",
    macros="traced", owns=_one_of(f"{REPORTS_ROOT}/index.md"))
REPORT_SECTION = PageKind(
    "report section", "reports/** but figure pages", False, "its text, the records but their text, reports, indicators, notices",
    "written in docs/reports/<year>/", macros="traced",
    rebuild="key; render reused while its text and the report inputs are the same", owns=_report_section)
REGISTER = PageKind(
    "notice register", "notices/index.md, notices/units.md", True, "every notice and the notice settings", "notice_register.generated_pages",
    owns=_under(f"{NOTICES_ROOT}/"))
GUIDE = PageKind(
    "guide fields", "guide/fields.md", True, "the catalogue", "guide.fields_file", owns=_one_of(FIELDS_PAGE))
SEARCH = PageKind(
    "search page", "search/index.md", True, "whether the build is offline", "search_docs.search_page_markdown",
    owns=_one_of(SEARCH_PAGE))
ADMIN = PageKind(
    "admin", "admin/index.html, admin/config.yml", True, "the catalogue and the CMS backend variables", "admin.admin_files",
    owns=_one_of(ADMIN_PAGE, ADMIN_CONFIG))
DOWNLOADS = PageKind(
    "downloads", "downloads/<year>-report.docx, downloads/templates/*.xlsx", True, "the catalogue (templates); a report's full text as rendered (Word)",
    "templates.template_contents, downloads.docx_files", rebuild="bytes reused while their inputs are the same", owns=_under(f"{DOWNLOADS_ROOT}/"))
AUTHORED = PageKind(
    "authored page", "any other page of docs/", False, "its text; with `render_macros: true`, what the macros read",
    "written in docs/", macros="opt_in", owns=lambda src: True)

# Most specific first: the first kind whose `where` matches owns the page.
GENERATED_KINDS = (LISTING, FIGURE, FULL_REPORT, REPORTS_INDEX, REGISTER, GUIDE, SEARCH, ADMIN, DOWNLOADS)
KINDS = (RECORD, NOTICE, *GENERATED_KINDS, REPORT_SECTION, AUTHORED)


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
