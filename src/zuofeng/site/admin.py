"""The /admin/ form (Decap CMS) as generated site files: its page and `admin/config.yml`."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.output.cms import config_yaml
from zuofeng.core.output.cms_backend import backend_from_env
from zuofeng.core.output.cms_page import app_page, setup_page

ADMIN_PAGE = "admin/index.html"
ADMIN_CONFIG = "admin/config.yml"


def admin_files(config: MkDocsConfig, files: Files, catalogue: Catalogue, records_folder: str) -> list[File]:
    """The CMS page and its configuration, or only a page saying which variables to set."""
    for src in (ADMIN_PAGE, ADMIN_CONFIG):
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"docs/{src} 由记录类型目录在构建时生成，请删除该文件")
    backend = backend_from_env(os.environ)
    if isinstance(backend, str):
        return [File.generated(config, ADMIN_PAGE, content=setup_page(config.site_name, backend))]
    return [File.generated(config, ADMIN_PAGE, content=app_page(config.site_name)),
            File.generated(config, ADMIN_CONFIG, content=config_yaml(catalogue, backend, records_folder))]
