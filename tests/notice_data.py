"""Writing notice records into a scratch project, for the notices tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import Project


def problem(unit: str, deadline: str, status: str = "整改中", rectified: str | None = None,
            measures: str | None = None, description: str = "窗口人员脱岗") -> dict[str, Any]:
    """One problem of a notice, as front matter fields."""
    item: dict[str, Any] = {"unit": unit, "description": description, "deadline": deadline, "status": status}
    if rectified:
        item["rectified"] = rectified
    if measures:
        item["measures"] = measures
    return item


def closed(unit: str, deadline: str, rectified: str) -> dict[str, Any]:
    """A problem rectified on `rectified` with its measures (销号)."""
    return problem(unit, deadline, "已整改", rectified, "约谈并完善制度")


def write_notice(project: Project, date: str, issue_no: int, problems: list[dict[str, Any]],
                 rectified: bool | None = None, slug: str | None = None, **extra: str) -> str:
    """Write records/<year>/notice/<date>-<slug>.md; returns its display path."""
    lines = [
        "type: notice", f"date: {date}", f"title: 关于第{issue_no}期督查情况的通报",
        "unit: 县政府督查室", f"issue_no: {issue_no}", "targets: [城关镇, 县财政局]",
    ]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    if problems:
        lines.append("problems:")
    for item in problems:
        first = True
        for key, value in item.items():
            lines.append(("  - " if first else "    ") + f"{key}: {value}")
            first = False
    if rectified is None:
        rectified = bool(problems) and all(p["status"] == "已整改" for p in problems)
    lines.append(f"rectified: {str(rectified).lower()}")
    rel = f"{date[:4]}/notice/{date}-{slug or f'tongbao-{issue_no}'}"
    project.record(rel, "\n".join(lines), "现将督查情况通报如下。\n")
    return f"records/{rel}.md"
