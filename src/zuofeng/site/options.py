"""The `zuofeng` plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from zuofeng.site import budget


class ZuofengConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    records_nav = c.Type(str, default="records/index.md")
    reports_nav = c.Type(str, default="reports/index.md")
    render_seconds = c.Type((int, float), default=budget.BASE_SECONDS)  # per record page, plus 1 s per 100 KB
    records_edit_uri = c.Optional(c.Type(str))
