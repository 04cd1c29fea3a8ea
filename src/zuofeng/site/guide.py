"""MkDocs plugin `zuofeng-guide`: the staff guide's fields page, generated from the catalogue."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from zuofeng.core.catalogue import Catalogue, CatalogueError, load_catalogue
from zuofeng.core.catalogue_doc import fields_markdown
from zuofeng.core.project import Settings, SettingsError

FIELDS_PAGE = "guide/fields.md"


def fields_file(config: MkDocsConfig, files: Files, catalogue: Catalogue) -> File:
    """The generated `guide/fields.md`; a hand-written copy in docs/ would go stale, so it is refused."""
    if files.get_file_from_path(FIELDS_PAGE) is not None:
        raise PluginError(f"docs/{FIELDS_PAGE} 由记录类型目录在构建时生成，请删除该文件")
    return File.generated(config, FIELDS_PAGE, content=fields_markdown(catalogue))


class GuidePlugin(BasePlugin):  # type: ignore[type-arg]
    """Adds the fields page; needs only the catalogue, not the records."""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path).parent
        try:
            catalogue = load_catalogue(Settings.load(root).catalogue_path)
        except (CatalogueError, SettingsError) as exc:
            raise PluginError(f"zuofeng：{exc}") from None
        files.append(fields_file(config, files, catalogue))
        return files
