"""The staff guide: the fields page is generated from the catalogue at build time, never committed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO, Project, scratch_site
from tests.conftest import mkdocs_build as build
from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.output.catalogue_doc import fields_markdown

CATALOGUE = load_catalogue()


def test_fields_markdown_lists_every_type_and_field() -> None:
    text = fields_markdown(CATALOGUE)
    for key, record_type in CATALOGUE.types.items():
        assert f"## {record_type.label}（{key}） {{#{key}}}" in text
        for name, spec in record_type.fields.items():
            assert f"| `{name}` | {spec.label} |" in text
    assert "| `tags` | 标签 |" in text
    assert "zuofeng new meeting --date 2023-03-14 --title \"标题\" kind=常务会议" in text
    assert "`problems`（通报问题）的每一项包含" in text


def test_fields_page_is_not_committed() -> None:
    assert not (REPO / "docs/guide/fields.md").exists()
    assert (REPO / "docs/guide/index.md").is_file()


@pytest.mark.slow
def test_built_site_has_the_generated_fields_page(tmp_path: Path) -> None:
    root = tmp_path / "guide-site"
    scratch_site(root)
    Project(root).record("2023/meeting/2023-03-14-changwu", "type: meeting\ndate: 2023-03-14\ntitle: 常务会议\nkind: 常务会议")
    result = build(root)
    assert result.returncode == 0, result.stderr
    page_source = (root / "site/guide/fields/index.html").read_text(encoding="utf-8")
    page = html.unescape(page_source)
    for key, record_type in CATALOGUE.types.items():
        assert f"{record_type.label}（{key}）" in page, key
    assert "记录类型与字段" in page
    guide = (root / "site/guide/index.html").read_text(encoding="utf-8")
    assert "zuofeng new" in guide and 'href="fields/"' in guide
    # The form's section links to /admin/ and says what only CI can catch.
    assert "用表单填报" in guide and 'href="../admin/"' in guide and "陪同人数" in guide
    assert "填报指南" in (root / "site/index.html").read_text(encoding="utf-8")
    # Each type's Excel template is built beside the page and offered from it (the same build).
    templates = root / "site/downloads/templates"
    assert load_workbook(templates / "meeting.xlsx").sheetnames == ["会议", "填写说明"]
    assert "上年基数" not in load_workbook(templates / "all.xlsx").sheetnames
    assert 'href="../../downloads/templates/meeting.xlsx"' in page_source
    assert 'href="../downloads/templates/all.xlsx"' in guide
