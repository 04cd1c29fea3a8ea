"""The page-kind registry: every page has one kind, and the kinds give the gates the build had by path."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.site import kinds
from zuofeng.site.figures import is_figure_src
from zuofeng.site.recordpage import RecordPage

GENERATED = {
    "records/index.md": "listing",
    "records/2024/index.md": "listing",
    "records/2024/meeting/index.md": "listing",
    "records/units/index.md": "listing",
    "records/tags/fu-gong/index.md": "listing",
    "reports/2024/figures/count-abc.md": "figure",
    "reports/2024/full.md": "full report",
    "reports/index.md": "reports index",
    "notices/index.md": "notice register",
    "notices/units.md": "notice register",
    "guide/fields.md": "guide fields",
    "search/index.md": "search page",
    "admin/index.html": "admin",
    "admin/config.yml": "admin",
    "downloads/2024-report.docx": "word files",
    "downloads/templates/meeting.xlsx": "excel templates",
}
AUTHORED = {
    "index.md": "authored page",
    "guide/index.md": "authored page",
    "reports/2024/index.md": "report section",
    "reports/2024/01-zongti.md": "report section",
    "reports/2024/figures/x.md": "authored page",  # a figure's path, written by people: not a report page
    "records/notes.md": "authored page",
}


def _config() -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x"})
    config.validate()
    return config


def _file(src: str, generated_by: str | None) -> File:
    file = File(src, None, "/site", True)
    file.generated_by = generated_by
    return file


def test_every_page_has_the_kind_its_path_declares() -> None:
    for src, name in GENERATED.items():
        assert kinds.kind_of(_file(src, "zuofeng")).name == name, src
    for src, name in AUTHORED.items():
        assert kinds.kind_of(_file(src, None)).name == name, src
    # Another plugin's page is no page of ours: its kind is the authored page's.
    assert kinds.kind_of(_file("records/index.md", "other-plugin")).name == "authored page"


def test_record_pages_are_their_own_kind() -> None:
    config = _config()
    record = RecordPage(None, True, _file("records/2024/meeting/2024-03-05-huiyi.md", "zuofeng"), config)  # type: ignore[arg-type]
    notice = RecordPage(None, False, _file("records/2024/notice/2024-04-01-tongbao.md", "zuofeng"), config)  # type: ignore[arg-type]
    assert kinds.kind_of(record.file) is kinds.RECORD and kinds.kind_of(notice.file) is kinds.NOTICE
    assert kinds.RECORD.extra is not None and kinds.NOTICE.extra is not None


def test_kinds_give_the_gates_the_build_had_by_path() -> None:
    """Privacy: Material skips what zuofeng generates under records/; macros: reports/ but figures, traced."""
    config = _config()
    RecordPage(None, True, record_file := _file("records/2024/meeting/a.md", "zuofeng"), config)  # type: ignore[arg-type]
    files = [record_file] + [_file(src, "zuofeng") for src in GENERATED] + [_file(src, None) for src in AUTHORED]
    for file in files:
        src = file.src_uri
        assert kinds.skips_privacy_parse(file) == (file.generated_by == "zuofeng" and src.startswith("records/")), src
        is_report = src.startswith("reports/") and not is_figure_src(src)
        assert (kinds.kind_of(file).macros == "traced") == is_report, src
        assert (kinds.kind_of(file).privacy == "sanitised") == isinstance(file.page, RecordPage), src


def test_every_kind_declares_where_inputs_and_how_and_is_made_once() -> None:
    names = [kind.name for kind in kinds.KINDS]
    assert len(names) == len(set(names))
    for kind in kinds.KINDS:
        assert kind.where and kind.inputs and kind.rebuild, kind.name
    made = [kind for kind in kinds.KINDS if kind.make is not None]
    assert sorted(k.name for k in made) == sorted(k.name for k in kinds.MADE_IN_ORDER)
    # Written by people, or made with the records (a notice's page): no maker of their own.
    assert {k.name for k in kinds.KINDS if k.make is None} == {"notice", "report section", "authored page"}
    order = list(kinds.MADE_IN_ORDER)
    assert order.index(kinds.RECORD) < order.index(kinds.FIGURE) < order.index(kinds.WORD)
