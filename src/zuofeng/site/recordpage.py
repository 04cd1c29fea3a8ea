"""A record's page: the page object that carries its record, its last-updated date and edit link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.core.domain.record import Record
from zuofeng.core.domain.wording import format_date
from zuofeng.site.seams import FastCanonicalUrl


class RecordPage(FastCanonicalUrl):
    """The generated page of one visible record (as Material's blog gives each post a `Post`)."""

    def __init__(self, record: Record, headed: bool, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)  # becomes file.page: MkDocs builds it instead of a plain Page
        self.record = record
        self.headed = headed  # the type has no renderer of its own: the field table goes before the body


def edit_url(repo_url: str | None, edit_uri: str | None, records_edit_uri: str | None,
             records_rel: str, record_id: str) -> str | None:
    """Link to edit records/<id>.md on the git server (not the generated docs/ page)."""
    if records_edit_uri:
        return records_edit_uri.rstrip("/") + f"/{record_id}.md"
    if not repo_url or not edit_uri:
        return None
    # edit_uri points at docs/ (e.g. -/edit/main/docs/); records live beside docs/.
    base = edit_uri.rstrip("/")
    if base.rsplit("/", 1)[-1] == "docs":
        base = base[: -len("docs")].rstrip("/")
    prefix = urljoin(repo_url.rstrip("/") + "/", base + "/") if base else repo_url.rstrip("/") + "/"
    return f"{prefix}{records_rel.strip('/')}/{record_id}.md"


def updated_label(day: dt.date | None) -> str | None:
    """Text of the page's last-updated fact (Material shows page.meta.revision_date)."""
    return None if day is None else f"最后更新：{format_date(day)}"
