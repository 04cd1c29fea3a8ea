"""A record's page: the page object that carries its record, its last-updated date and edit link."""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from zuofeng.core.domain.record import Record
from zuofeng.core.domain.wording import format_date


class RecordPage(Page):
    """The generated page of one visible record (as Material's blog gives each post a `Post`)."""

    def __init__(self, record: Record, headed: bool, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)  # becomes file.page: MkDocs builds it instead of a plain Page
        self.record = record
        self.headed = headed  # the type has no renderer of its own: the field table goes before the body

    def _set_canonical_url(self, base: str | None) -> None:
        """MkDocs' Page method, called from its __init__: the same URLs without a urljoin per record.

        A private seam of MkDocs 1.5–1.6 (serve sets site_url: 20,000 urljoins are a quarter of a
        second). A record's URL is a plain relative path; anything else goes to MkDocs' own. Should
        MkDocs rename the method, this one is never called and its own runs.
        """
        url = self.url
        if not base or not _plain(url):
            super()._set_canonical_url(base)  # type: ignore[misc]
            return
        base = base if base.endswith("/") else base + "/"
        self.canonical_url = base + url
        self.abs_url = _base_path(base) + url


def _plain(url: str) -> bool:
    """A relative path that urljoin would append as it is."""
    return (bool(url) and not url.startswith("/") and not any(c in url for c in ":?#\\")
            and not any(part in (".", "..") for part in url.split("/")))


@functools.lru_cache(maxsize=8)
def _base_path(base: str) -> str:
    return urlsplit(base).path


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
