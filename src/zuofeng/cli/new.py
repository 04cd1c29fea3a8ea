"""`zuofeng new`: write a new record from its type's definition, checked before it is written."""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from zuofeng.cli import prompt
from zuofeng.cli.new_args import add_arguments, split_options
from zuofeng.cli.writelock import LockBusy, writing
from zuofeng.core.domain.catalogue import Catalogue, FieldSpec, load_catalogue
from zuofeng.core.input.fieldtext import parse_text
from zuofeng.core.archive.freeze import AMENDMENT, amendments_by_target, frozen_years
from zuofeng.core.input.loader import load_file, load_records
from zuofeng.core.problems import Problem, display_path
from zuofeng.core.project import Settings
from zuofeng.core.safe_write import write_new
from zuofeng.core.input.template import record_filename, render_record
from zuofeng.core.input.dates import DateRange
from zuofeng.core.input.validate import FieldError, check_length, parse_date

__all__ = ["add_arguments", "run"]


def run(args: argparse.Namespace) -> int:
    usage = split_options(args)
    if usage is not None:
        print(f"zuofeng new：参数错误：{usage}", file=sys.stderr)
        return 2
    settings = Settings.load(args.root)
    catalogue = load_catalogue(settings.catalogue_path)
    if catalogue.get(args.type) is None:
        return _fail(f"未知的记录类型 {args.type}{_suggest(args.type, list(catalogue.types))}")
    specs = catalogue.fields_of(args.type)
    values, errors = _parse_assignments(specs, args.fields)
    if errors:
        return _fail(*errors)
    for name in ("date", "title"):
        if getattr(args, name):
            values[name] = getattr(args, name).strip()
    if sys.stdin.isatty():
        try:
            prompt.fill_missing(specs, values)
        except EOFError:
            return _fail("已取消，未写入文件")
    for name, option in (("date", "--date"), ("title", "--title")):
        if not values.get(name):
            return _fail(f"请用 {option} 指定{specs[name].label}")
    too_long = _too_long(specs, values)
    if too_long:
        return _fail(*too_long, "未写入文件")
    try:
        year = parse_date(values["date"]).year
    except FieldError as exc:
        return _fail(f"字段 date（日期）{exc}")
    missing = [s for s in specs.values() if s.required and s.name != "type" and values.get(s.name) in (None, "", [])]
    if missing and not args.draft:
        return _fail(f"缺少必填字段：{_names(missing)}",
                     "请以 字段=值 的形式给出，或加 --draft 先生成草稿、稍后在文件中补填；未写入文件")
    try:
        with writing(settings, "new"):
            return _write(settings, catalogue, args.type, year, values, missing)
    except LockBusy as exc:
        return _fail(str(exc))


def _write(settings: Settings, catalogue: Catalogue, type_key: str, year: int,
           values: dict[str, Any], missing: list[FieldSpec]) -> int:
    folder = settings.records_dir / str(year) / type_key
    path, clash = _free_path(folder, values["date"], values["title"])
    display = display_path(path, settings.root)
    record_id = path.relative_to(settings.records_dir).with_suffix("").as_posix()
    frozen = year in frozen_years(settings.root, settings.site_branch)
    if frozen and type_key != AMENDMENT and not _amended(settings, catalogue, record_id):
        return _fail(f"{year}年已发布，该年的记录已冻结，不能新增：补记须先建一条更正记录"
                     f"（zuofeng new amendment --date 今天 … target={record_id}），再运行本命令。未写入文件")
    text = render_record(catalogue, type_key, values)
    problems = _validate(text, display, path.relative_to(settings.records_dir).parts, catalogue, missing,
                         settings.dates)
    if problems:
        for problem in problems:
            print(problem)
        return _fail(f"发现 {len(problems)} 个问题，未写入文件")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, text)
    except FileExistsError:
        return _fail(f"{display} 已存在，不会覆盖")
    except OSError as exc:
        return _fail(f"无法写入 {display}：{exc.strerror}")
    print(display)
    if clash is not None:
        print(f"注意：已有 {display_path(clash, settings.root)}（同一天、标题拼音开头相同），新记录写为 {display}",
              file=sys.stderr)
    if missing:
        print(f"注意：草稿中以下必填字段尚未填写，提交前请补填：{_names(missing)}", file=sys.stderr)
    return 0


def _amended(settings: Settings, catalogue: Catalogue, record_id: str) -> bool:
    """An amendment already explains a record added to a frozen year (the records alone tell)."""
    records = load_records(settings.records_dir, catalogue, settings.root, dates=settings.dates).records
    return record_id in amendments_by_target(records)


def _parse_assignments(specs: dict[str, FieldSpec], items: list[str]) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    errors = []
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep:
            errors.append(f"参数 {item} 应写成 字段=值，例如 kind=常务会议")
        elif name == "type" or name not in specs:
            errors.append(f"未知字段 {name}{_suggest(name, [n for n in specs if n != 'type'])}")
        else:
            try:
                values[name] = parse_text(specs[name], text)
            except FieldError:
                # Keep the text as written: the check of the rendered file explains what is wrong.
                values[name] = text.strip()
    return values, errors


def _validate(text: str, display: str, parts: tuple[str, ...], catalogue: Catalogue,
              missing: list[FieldSpec], dates: DateRange) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "record.md"
        draft.write_text(text, encoding="utf-8")
        _, problems = load_file(draft, display, parts, catalogue, dates)
    allowed = {f"必填字段为空：{s.name}（{s.label}）" for s in missing}
    return [p for p in problems if p.message not in allowed]


def _too_long(specs: dict[str, FieldSpec], values: dict[str, Any]) -> list[str]:
    """Values longer than their field allows, found before the title is turned into a file name."""
    errors = []
    for name, value in values.items():
        texts = value if isinstance(value, list) else [value]
        for text in (t for t in texts if isinstance(t, str)):
            try:
                check_length(specs[name], text)
            except FieldError as exc:
                errors.append(f"字段 {name}（{specs[name].label}）{exc}")
                break
    return errors


def _free_path(folder: Path, date: str, title: str) -> tuple[Path, Path | None]:
    """Where the record goes, and the file that took its plain name (a number then follows the slug)."""
    plain = record_filename(date, title)
    clash = _existing(folder, plain)
    if clash is None:
        return folder / plain, None
    return folder / record_filename(date, title, lambda name: _existing(folder, name) is not None), clash


def _existing(folder: Path, name: str) -> Path | None:
    """A file whose name equals this one, up to case or Unicode form (same record id)."""
    key = unicodedata.normalize("NFKC", name).casefold()
    if not folder.is_dir():
        return None
    for other in folder.iterdir():
        if unicodedata.normalize("NFKC", other.name).casefold() == key:
            return other
    return None


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"，是否为 {close[0]}？" if close else f"（可用：{', '.join(options)}）"


def _names(specs: list[FieldSpec]) -> str:
    return "、".join(f"{s.name}（{s.label}）" for s in specs)



def _fail(*lines: str) -> int:
    for line in lines:
        print(f"zuofeng new：{line}", file=sys.stderr)
    return 1
