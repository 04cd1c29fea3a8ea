"""The Excel templates as generated site files (downloads/templates/<type>.xlsx), for the staff guide."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from zuofeng.core.domain.catalogue import Catalogue

TEMPLATES_ROOT = "downloads/templates"
ALL_TYPES = "all"


def template_src(name: str) -> str:
    """Docs path of a type's template (`all` for the workbook with every clerk's type)."""
    return f"{TEMPLATES_ROOT}/{name}.xlsx"


def template_files(config: MkDocsConfig, contents: dict[str, bytes]) -> list[File]:
    """The templates as this build's files (File objects belong to one build: they know its folder)."""
    return [File.generated(config, src, content=data) for src, data in contents.items()]


def template_contents(catalogue: Catalogue) -> dict[str, bytes]:
    """Docs path → bytes of one template per record type, and one with every type a clerk fills in."""
    # openpyxl loads only when the site is built, never for the other commands.
    from zuofeng.excel.columns import template_types
    from zuofeng.excel.template import template_bytes

    contents = {template_src(key): template_bytes(catalogue, [key]) for key in catalogue.types}
    contents[template_src(ALL_TYPES)] = template_bytes(catalogue, template_types(catalogue))
    return contents
