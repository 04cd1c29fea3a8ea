"""`zuofeng new`: a record for every type that `check` accepts, never overwriting, never half-written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from zuofeng.core.domain.catalogue import FieldSpec, load_catalogue
from zuofeng.core.input.template import slugify

CATALOGUE = load_catalogue()
DATE = "2023-03-14"


def _sample(spec: FieldSpec) -> str:
    """A valid command-line value for a required field."""
    if spec.kind == "enum":
        return spec.choices[0]
    if spec.kind in ("int", "number"):
        return str(int(spec.minimum) if spec.minimum is not None and spec.minimum > 1 else 1)
    if spec.kind == "date":
        return DATE
    if spec.kind == "bool":
        return "是"
    if spec.kind == "list":
        return spec.choices[0] if spec.choices else "甲,乙"
    return f"示例{spec.label}"


def _required_args(type_key: str) -> list[str]:
    specs = CATALOGUE.types[type_key].fields.values()
    return [f"{s.name}={_sample(s)}" for s in specs if s.required]


@pytest.mark.parametrize("type_key", sorted(CATALOGUE.types))
def test_new_record_of_every_type_passes_check(type_key, project, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = str(project.root)
    result = run_cli("--root", root, "new", type_key, "--date", DATE, "--title", "县政府第3次常务会议",
                     *_required_args(type_key))
    assert result.code == 0, result.text
    rel = f"records/2023/{type_key}/2023-03-14-xian-zheng-fu-di-3-ci-chang-wu-hui-yi.md"
    assert result.out.strip() == rel
    text = (project.root / rel).read_text(encoding="utf-8")
    # Every field of the type is present, each explained by a Chinese comment.
    for name, spec in CATALOGUE.fields_of(type_key).items():
        assert f"\n{name}:" in text, name
        assert f"# {spec.label}" in text
    check = run_cli("--root", root, "check")
    assert check.code == 0, check.text


def test_confidential_type_stays_confidential(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), "new", "talk", "--date", DATE, "--title", "谈话", "kind=提醒谈话")
    assert result.code == 0, result.text
    assert "\nconfidential: true\n" in (project.root / result.out.strip()).read_text(encoding="utf-8")


def test_values_are_parsed_with_the_field_type(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), "new", "meeting", "--date", DATE, "--title", "常务会议",
                     "kind=常务会议", "attendees=30", "video=是", "merged=false", "tags=八项规定，乡镇", "unit=县政府办公室")
    assert result.code == 0, result.text
    text = (project.root / result.out.strip()).read_text(encoding="utf-8")
    for line in ("attendees: 30", "video: true", "merged: false", "tags: [八项规定, 乡镇]", "unit: 县政府办公室"):
        assert f"\n{line}\n" in text


def test_never_overwrites(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    args = ("--root", str(project.root), "new", "study", "--date", DATE, "--title", "中心组学习", "form=中心组学习", "topic=学习")
    first = run_cli(*args)
    assert first.code == 0
    path = project.root / first.out.strip()
    path.write_text(path.read_text(encoding="utf-8") + "手写的正文\n", encoding="utf-8")
    again = run_cli(*args)  # the same title on the same day is another record, under the next number
    assert again.code == 0 and again.out.strip() == first.out.strip().replace(".md", "-2.md")
    assert path.read_text(encoding="utf-8").endswith("手写的正文\n")
    # Same name up to case is the same record id: also taken.
    upper = path.with_name(path.name.replace("zhong", "ZHONG"))
    path.rename(upper)
    assert run_cli(*args).out.strip() == first.out.strip().replace(".md", "-3.md")
    assert upper.read_text(encoding="utf-8").endswith("手写的正文\n")


def test_bad_values_are_rejected_with_the_check_message(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), "new", "meeting", "--date", DATE, "--title", "会议",
                     "kind=常委会议", "attendees=很多")
    assert result.code == 1
    assert "records/2023/meeting/2023-03-14-hui-yi.md:" in result.out
    assert "字段 kind（会议类别）应为 常务会议 / 全体会议" in result.out and "是否为 常务会议？" in result.out
    assert "字段 attendees（参会人数）应为整数，实际为'很多'" in result.out
    assert "未写入文件" in result.err
    assert not list((project.root / "records").rglob("*.md"))


def test_unknown_type_and_field_get_a_hint(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = str(project.root)
    assert "是否为 meeting？" in run_cli("--root", root, "new", "meetin", "--date", DATE, "--title", "会").err
    result = run_cli("--root", root, "new", "meeting", "--date", DATE, "--title", "会", "kid=常务会议")
    assert result.code == 1 and "未知字段 kid，是否为 kind？" in result.err
    assert run_cli("--root", root, "new", "meeting", "--date").code == 2


def test_missing_required_fields_without_terminal(project, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a tty: never prompt
    root = str(project.root)
    result = run_cli("--root", root, "new", "reception", "--date", DATE, "--title", "接待", "guests=3")
    assert result.code == 1
    assert "缺少必填字段：guest_unit（来访单位）、escorts（陪同人数）" in result.err
    assert not list((project.root / "records").rglob("*.md"))
    draft = run_cli("--root", root, "new", "reception", "--date", DATE, "--title", "接待", "guests=3", "--draft")
    assert draft.code == 0, draft.text
    assert "尚未填写" in draft.err and "guest_unit（来访单位）" in draft.err
    text = (project.root / draft.out.strip()).read_text(encoding="utf-8")
    assert "\nguest_unit:  # 必填\n" in text
    check = run_cli("--root", root, "check")
    assert check.code == 1 and "必填字段为空：guest_unit（来访单位）" in check.out
    assert run_cli("--root", root, "new", "reception", "--date", DATE).code == 1  # no title, no prompt


def test_prompts_in_a_terminal(project, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["", "第一次党组会议", "常委会议", "党组会议"])
    monkeypatch.setattr("sys.stdin", Tty())
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    result = run_cli("--root", str(project.root), "new", "meeting")
    assert result.code == 0, result.text
    assert "应为 常务会议" in result.out  # the bad enum answer was explained and asked again
    path = Path(project.root / result.out.strip().splitlines()[-1])
    assert path.name.endswith("-di-yi-ci-dang-zu-hui-yi.md")
    assert "\nkind: 党组会议\n" in path.read_text(encoding="utf-8")


def test_slug_is_pinyin() -> None:
    assert slugify("县政府第3次常务会议") == "xian-zheng-fu-di-3-ci-chang-wu-hui-yi"
    assert slugify("赴城关镇调研 Field Trip") == "fu-cheng-guan-zhen-diao-yan-field-trip"
    long = slugify("关于进一步加强和改进新形势下全县作风建设工作的实施意见的通知")
    assert len(long) <= 40 and long.startswith("guan-yu-jin-yi-bu") and not long.endswith("-")
    assert slugify("！？") == "jilu"
