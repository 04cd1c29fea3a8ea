"""Writing a year's manifest: record and report hashes and the figures its report printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zuofeng.core.archive.freeze import AMENDMENT
from zuofeng.core.domain.indicators import Indicator, evaluate
from zuofeng.core.archive.manifest import hash_tree, manifest_path, sha256_file
from zuofeng.core.project import Ledger
from zuofeng.core.report.reports import Report


def build_manifest(ledger: Ledger, report: Report, indicators: list[Indicator], commit: str) -> dict[str, Any]:
    """The manifest of one year, as JSON-ready data (same inputs, same manifest)."""
    settings = ledger.settings
    root = settings.root
    records = hash_tree(settings.records_dir / str(report.year), root)
    pages = [root / report.path] + [root / s.path for s in report.sections]
    amendments = sorted(r.id for r in ledger.index.records if r.type == AMENDMENT)
    return {
        "year": report.year,
        "source_commit": commit,
        "report": {
            "title": report.title,
            "issuer": report.issuer,
            "date": report.date.isoformat(),
            "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
            "pages": [{"path": p.relative_to(root).as_posix(), "sha256": sha256_file(p)} for p in pages],
        },
        "figures": [_figure(ledger, report, indicator) for indicator in indicators],
        "records": [{"path": path, "sha256": digest} for path, digest in records.items()],
        "record_count": len(records),
        "amendments_known": amendments,
    }


def _figure(ledger: Ledger, report: Report, indicator: Indicator) -> dict[str, Any]:
    value = evaluate(ledger.index, indicator, report.period)
    return {
        "key": indicator.key,
        "label": indicator.label,
        "unit": indicator.unit,
        "key_figure": indicator.key_figure,
        "value": value.value,
        "previous": value.previous,
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """Stable JSON text: keys in order written, Chinese kept readable."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def target(root: Path, year: int) -> Path:
    """Where the year's manifest is written."""
    return manifest_path(root, year)
