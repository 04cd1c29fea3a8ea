"""A project: its settings (`[tool.zuofeng]` in pyproject.toml) and its loaded ledger."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from zuofeng.core.domain.catalogue import Catalogue, load_catalogue
from zuofeng.core.archive.freeze import frozen_problems
from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.input.dates import DateRange, DateRangeError, date_range, default_range
from zuofeng.core.input.loader import LoadCache, load_records
from zuofeng.core.domain.notices import check_notices
from zuofeng.core.problems import Problem
from zuofeng.core.domain.rules import Breach, Rule, as_problems, find_breaches, load_rules
from zuofeng.core.input.validate import FieldError, parse_date


DEFAULT_SITE_BRANCH = "gh-pages"


class SettingsError(Exception):
    """pyproject.toml's [tool.zuofeng] table is wrong; the message is Chinese."""


@dataclass(frozen=True)
class Settings:
    """Where the project keeps its records and reports, and how it reads them."""

    root: Path
    records_dir: Path
    reports_dir: Path
    catalogue_path: Path | None = None
    rules_path: Path | None = None
    as_of: dt.date | None = None
    dates: DateRange = field(default_factory=default_range)  # [tool.zuofeng.dates]: plausible record dates
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Settings:
        """Read `[tool.zuofeng]` from root/pyproject.toml (all keys optional)."""
        root = root.resolve()
        table: dict[str, Any] = {}
        pyproject = root / "pyproject.toml"
        if pyproject.is_file():
            try:
                table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("zuofeng", {})
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise SettingsError(f"{pyproject}：无法解析（{exc}）") from None
        return cls.from_table(root, table)

    @property
    def site_branch(self) -> str:
        """The branch mike publishes the site to (`site_branch`, default gh-pages)."""
        return str(self.extra.get("site_branch", DEFAULT_SITE_BRANCH))

    @classmethod
    def from_table(cls, root: Path, table: dict[str, Any]) -> Settings:
        def path(key: str, default: str | None) -> Path | None:
            value = table.get(key, default)
            return None if value is None else (root / value).resolve()

        as_of = table.get("as_of")
        if isinstance(as_of, str):
            try:
                as_of = parse_date(as_of)
            except FieldError as exc:
                raise SettingsError(f"[tool.zuofeng] as_of {exc}") from None
        try:
            dates = date_range(table.get("dates", {}), as_of if isinstance(as_of, dt.date) else None)
        except DateRangeError as exc:
            raise SettingsError(str(exc)) from None
        known = {"records", "reports", "catalogue", "rules", "as_of", "dates"}
        return cls(
            root=root,
            records_dir=path("records", "records"),  # type: ignore[arg-type]
            reports_dir=path("reports", "docs/reports"),  # type: ignore[arg-type]
            catalogue_path=path("catalogue", None),
            rules_path=path("rules", None),
            as_of=as_of,
            dates=dates,
            extra={k: v for k, v in table.items() if k not in known},
        )


@dataclass
class Ledger:
    """Everything loaded once: the catalogue, the index of valid records, and all problems."""

    settings: Settings
    catalogue: Catalogue
    index: RecordIndex
    problems: list[Problem]
    breaches: list[Breach]
    rules: list[Rule] = field(default_factory=list)


def load_ledger(settings: Settings, cache: LoadCache | None = None,
                staged: Mapping[Path, bytes] | None = None) -> Ledger:
    """Load and validate every record of the project once (`staged` files count as written)."""
    catalogue = load_catalogue(settings.catalogue_path)
    result = load_records(settings.records_dir, catalogue, settings.root, cache, staged, settings.dates)
    index = RecordIndex(result.records, catalogue)
    rules = load_rules(settings.rules_path)
    breaches = find_breaches(index.records, rules, catalogue, cache.breaches if cache is not None else None)
    frozen = frozen_problems(settings.root, settings.records_dir, index.records, settings.site_branch, staged,
                             cache.hashes if cache is not None else None)
    if cache is not None:  # a file removed or renamed since the last load is forgotten
        cache.files.prune()
        cache.hashes.prune()
    problems = result.problems + check_notices(index) + as_problems(breaches) + frozen
    return Ledger(settings, catalogue, index, problems, breaches, rules)
