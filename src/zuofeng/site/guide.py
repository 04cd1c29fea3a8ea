"""The staff guide's fields page (`guide/fields.md`), generated from the catalogue at build time."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.output.catalogue_doc import fields_markdown
from zuofeng.site.templates import template_src

FIELDS_PAGE = "guide/fields.md"


def fields_file(config: MkDocsConfig, files: Files, catalogue: Catalogue) -> File:
    """The generated page; a hand-written copy in docs/ would go stale, so it is refused."""
    if files.get_file_from_path(FIELDS_PAGE) is not None:
        raise PluginError(f"docs/{FIELDS_PAGE} 由记录类型目录在构建时生成，请删除该文件")
    # guide/fields.md → ../downloads/templates/<type>.xlsx
    content = fields_markdown(catalogue, lambda key: f"../{template_src(key)}")
    return File.generated(config, FIELDS_PAGE, content=content)
