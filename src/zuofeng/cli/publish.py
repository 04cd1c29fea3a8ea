"""`zuofeng publish YEAR`: final check, offline archive, mike version, frozen manifest."""

from __future__ import annotations

import argparse
import sys

from zuofeng.cli import argtypes
from zuofeng.cli.writelock import LockBusy, writing
from zuofeng.core.archive import anchor
from zuofeng.core.report.final import final_problems
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.archive.manifest import manifest_path
from zuofeng.core.problems import Problem, errors_only
from zuofeng.core.project import DEFAULT_SITE_BRANCH, Ledger, Settings, load_ledger
from zuofeng.core.report.reports import Report, load_reports
from zuofeng.publish import PublishError, files, git, mike, offline
from zuofeng.publish.manifest import build_manifest, manifest_bytes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", type=argtypes.year, help="要发布的年份，例如 2023")
    parser.add_argument("--amend", action="store_true", help="重新发布已冻结的年份（须已附更正记录）")
    parser.add_argument("--force", action="store_true", help="覆盖 dist/ 中已有的离线包和 Word 文件")
    parser.add_argument("--push", action="store_true", help="发布后把站点分支推送到远程仓库")
    parser.add_argument("--branch", help=f"站点分支（默认 [tool.zuofeng] site_branch 或 {DEFAULT_SITE_BRANCH}）")


def run(args: argparse.Namespace) -> int:
    # python-docx loads only for this command, not for every `zuofeng` call.
    from zuofeng.export.docx import ExportError

    try:
        with writing(Settings.load(args.root), "publish"):
            _publish(args)
    except (PublishError, ExportError, LockBusy) as exc:
        print(f"zuofeng: {exc}", file=sys.stderr)
        return 1
    return 0


def _publish(args: argparse.Namespace) -> None:
    settings = Settings.load(args.root)
    root, year = settings.root, args.year
    branch = args.branch or settings.site_branch
    git.require_repo(root)
    mike.require_mike()
    git.require_clean(root)
    tags = anchor.freeze_tags(root) or []
    reports, ledger = _checked_year(settings, year, args.amend, anchor.newest_tags(tags).get(year))
    tag = anchor.next_tag(tags, year)
    report, indicators = reports[year], load_indicators()
    outputs = [offline.zip_path(root, year), offline.docx_path(root, year)]
    files.refuse_existing(outputs, args.force, root)

    from zuofeng.export.docx import export_report

    # Frozen first: every build below (offline, mike) checks the year as published, tag included.
    commit = git.git(root, "rev-parse", "HEAD").stdout.strip()
    manifest = manifest_path(root, year)
    files.write(manifest, manifest_bytes(build_manifest(ledger, report, indicators, commit)), force=args.amend)
    message = f"Re-freeze {year} after amendment" if args.amend else f"Freeze {year}: publish manifest"
    frozen = git.commit_only(root, [manifest], message)
    # Annotated, and never moved: a protected tag on the server cannot be, and clones keep the old one.
    git.git(root, "tag", "-a", tag, "-m", f"{year} published: {manifest.relative_to(root).as_posix()} frozen", frozen)
    try:
        _say(f"正在构建 {year} 年离线版……")
        archive = offline.build_offline_zip(root, year)
        docx = export_report(ledger, reports, indicators, year)
        newer = [v for v in mike.versions(root, branch)
                 if str(v.get("version", "")).isdigit() and int(str(v["version"])) > year]
        first = not git.has_file(root, branch, "index.html")
        _say(f"正在用 mike 发布 {year} 版本到分支 {branch}……")
        mike.deploy(root, year, branch, latest=not newer, push=args.push)
    except BaseException:
        git.undo_freeze(root, tag)  # nothing was published: the year is not frozen either
        raise
    if first:
        mike.set_default(root, branch, args.push)
    files.write(outputs[0], archive, args.force)
    files.write(outputs[1], docx, args.force)

    shown = [p.relative_to(root).as_posix() for p in outputs]
    print(f"已发布 {year} 年版本（分支 {branch}{'' if newer else '，latest 已指向该版本'}）。")
    print(f"已冻结 {year} 年记录：{manifest.relative_to(root).as_posix()}（提交 {frozen[:10]}，冻结标签 {tag}）")
    if args.push:
        print(f"站点分支 {branch} 已推送；冻结清单的提交和标签在本地，请另行推送：git push origin HEAD {tag}")
    else:
        print(f"请推送冻结清单的提交和标签：git push origin HEAD {tag}")
    print(f"请在 git 服务器上保护标签 {anchor.TAG_PREFIX}*（GitLab：设置 → 仓库 → 受保护的标签 Protected tags；"
          "Gitea：仓库设置 → 标签 → 保护标签），否则改动清单和标签即可绕过冻结。")
    print("离线包：" + "、".join(shown))


def _checked_year(settings: Settings, year: int, amend: bool, tag: str | None) -> tuple[dict[int, Report], Ledger]:
    """The reports and the ledger, once the year may be published and passes the final check."""
    reports, report_problems = load_reports(settings.reports_dir, settings.root)
    if year not in reports:
        folder = settings.reports_dir.relative_to(settings.root).as_posix()
        details = "".join(f"\n{p}" for p in report_problems if f"/{year}/" in f"/{p.path}")
        raise PublishError(f"{year}年没有报告：缺少 {folder}/{year}/index.md 或其中有错误{details}")
    manifest = manifest_path(settings.root, year)
    if (manifest.exists() or tag) and not amend:
        frozen_by = manifest.relative_to(settings.root).as_posix() + (f"，冻结标签 {tag}" if tag else "")
        raise PublishError(f"{year}年已发布并冻结（{frozen_by}），不能重新发布；"
                           "如确需更正，请先添加更正记录（type: amendment），再加 --amend 重新发布")
    ledger = load_ledger(settings)
    problems: list[Problem] = errors_only(ledger.problems) + report_problems
    if tag is None and not manifest.exists():
        # Deployed but never frozen (a publish stopped half-way): this publish completes it.
        shown = manifest.relative_to(settings.root).as_posix()
        problems = [p for p in problems if p.path != shown]
    problems += final_problems(ledger, reports, load_indicators(), [year])
    if problems:
        listing = "\n".join(str(p) for p in sorted(problems))
        raise PublishError(f"{listing}\n{year}年未通过定稿检查（{len(problems)} 个问题），未发布")
    return reports, ledger


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
