"""Every broken record through `zuofeng check`: exit 1, the file named, one clear message, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import Project

GOOD = "type: meeting\ndate: 2023-03-14\ntitle: 常务会议\nkind: 常务会议\n"
REL = "records/2023/meeting/2023-03-14-bad.md"


def _text(front: str, body: str = "") -> bytes:
    return f"---\n{front}---\n{body}".encode("utf-8")


def _write(content: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(content)
    return make


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("../../../nowhere.md")


def _outside(path: Path) -> None:
    path.symlink_to("/etc/passwd")


def _folder(path: Path) -> None:
    path.mkdir()


# name: (how to make records/2023/meeting/2023-03-14-bad.md, expected line, expected message part)
CASES: dict[str, tuple[Callable[[Path], None], int, str]] = {
    "bad-yaml": (_write(_text(GOOD + "unit: [县政府办公室\n")), 6, "方括号或花括号未闭合"),
    "tab": (_write(_text(GOOD + "tags:\n\t- 常务会议\n")), 7, "制表符"),
    "gbk": (_write(_text(GOOD + "unit: 县政府办公室\n").decode().encode("gbk")), 4, "不是 UTF-8 编码（看起来是 GBK"),
    "utf16": (_write(("\ufeff" + _text(GOOD).decode()).encode("utf-16-le")), 1, "UTF-16"),
    "empty": (_write(b""), 1, "文件为空"),
    "whitespace-only": (_write(b" \n\n\t\n"), 1, "文件为空"),
    "not-mapping": (_write(_text("- type\n- meeting\n")), 2, "应为“字段: 值”的映射"),
    "scalar-front-matter": (_write(_text("就一句话\n")), 2, "应为“字段: 值”的映射"),
    "list-for-title": (_write(_text(GOOD.replace("title: 常务会议", "title: [甲, 乙]"))), 4, "字段 title（标题）应为文本，实际为列表"),
    "list-for-int": (_write(_text(GOOD + "duration_min: [90]\n")), 6, "应为整数，实际为列表"),
    "fullwidth-digits": (_write(_text(GOOD + "duration_min: ９０\n")), 6, "请使用半角数字"),
    "fullwidth-date": (_write(_text(GOOD.replace("date: 2023-03-14", "date: ２０２３-03-14"))), 3, "请使用半角数字"),
    "impossible-date": (_write(_text(GOOD.replace("date: 2023-03-14", "date: 2023-02-30"))), 3, "不存在的日期 2023-02-30"),
    "slash-date": (_write(_text(GOOD.replace("date: 2023-03-14", "date: 2023/03/14"))), 3, "应为 YYYY-MM-DD 格式的日期"),
    "nan": (_write(_text(GOOD + "duration_min: .nan\n")), 6, "应为整数"),
    "unknown-field": (_write(_text(GOOD + "atendees: 12\n")), 6, "未知字段 atendees，是否为 attendees？"),
    "render-macros-meta": (_write(_text(GOOD + "render_macros: true\n")), 6, "未知字段 render_macros"),
    "python-tag": (_write(_text(GOOD + "unit: !!python/object/apply:os.system ['touch PWNED']\n")), 6, "不允许的 YAML 标签"),
    "binary": (_write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"), 3, "二进制文件"),
    "binary-utf8": (_write(b"---\ntype: meeting\x00\x00\n---\n"), 2, "二进制文件"),
    "deep-nesting": (_write(_text(GOOD, "".join("    " * i + "- 甲\n" for i in range(30)))), 32, "正文嵌套过深"),
    "no-front-matter": (_write("# 会议纪要\n".encode()), 1, "缺少元数据"),
    "unterminated": (_write(b"---\n" + GOOD.encode()), 1, "元数据未结束"),
    "symlink-loop": (_symlink_loop, 1, "符号链接形成循环"),
    "dangling-symlink": (_dangling, 1, "符号链接指向不存在的文件"),
    "symlink-outside": (_outside, 1, "记录不能是符号链接"),
    "folder-named-md": (_folder, 1, "这是一个文件夹而不是记录文件"),
}


def _make(project: Project, name: str) -> Path:
    path = project.root / REL
    path.parent.mkdir(parents=True, exist_ok=True)
    CASES[name][0](path)
    return path


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_each_broken_record_gets_one_clear_error(name: str, project: Project, run_cli) -> None:
    _make(project, name)
    result = run_cli("--root", str(project.root), "check")
    _, line, message = CASES[name]
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    [printed] = result.out.splitlines()
    assert printed.startswith(f"{REL}:{line}: "), printed
    assert message in printed, printed
    assert "发现 1 个问题" in result.err


def _console() -> str:
    script = Path(sys.executable).parent / "zuofeng"
    return str(script) if script.exists() else shutil.which("zuofeng") or "zuofeng"


def test_console_script_reports_the_whole_corpus_at_once(tmp_path: Path) -> None:
    # Every case in one project, checked by the installed console script in a real process.
    project = Project(tmp_path / "corpus")
    for name in CASES:
        path = project.root / f"records/2023/meeting/2023-03-14-{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        CASES[name][0](path)
    result = subprocess.run([_console(), "check"], cwd=project.root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name, (_, line, message) in CASES.items():
        [printed] = [p for p in lines if p.startswith(f"records/2023/meeting/2023-03-14-{name}.md:")]
        assert printed.startswith(f"records/2023/meeting/2023-03-14-{name}.md:{line}: ") and message in printed, printed
    assert len(lines) == len(CASES)
    assert result.stderr == f"发现 {len(CASES)} 个问题，0 个警告。\n"


def test_unreadable_record_is_named(tmp_path: Path) -> None:
    # Root reads anything: then run the check as `nobody`, for whom mode 000 really means unreadable.
    folder = tmp_path / "p"
    project = Project(folder)
    path = project.record("2023/meeting/2023-03-14-locked", GOOD)
    path.chmod(0)
    command = [_console(), "check"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        for parent in [folder, *folder.parents][:-1]:
            parent.chmod(parent.stat().st_mode | 0o005)
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == "records/2023/meeting/2023-03-14-locked.md:1: 无法读取文件：没有读取权限"
    assert "Traceback" not in result.stderr


def test_huge_body_is_a_warning_not_a_failure(project: Project, run_cli) -> None:
    project.record("2023/meeting/2023-03-14-big", GOOD, "会议纪要。" * 250_000)
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 0, result.text
    assert result.out == "records/2023/meeting/2023-03-14-big.md:7: 警告：正文过大（1.3 百万字符），网站的搜索索引会随之变大，请精简或将附件另行存放\n"


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {mark}']",
    "!!python/object/new:subprocess.Popen [['touch', '{mark}']]",
    "!!python/object/apply:subprocess.check_output [['touch', '{mark}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {mark}']",
])
def test_yaml_tags_that_construct_objects_are_rejected_unrun(tag: str, project: Project, run_cli, tmp_path: Path) -> None:
    mark = tmp_path / "PWNED"
    project.record("2023/meeting/2023-03-14-tag", GOOD + "unit: " + tag.format(mark=mark))
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert result.out == "records/2023/meeting/2023-03-14-tag.md:6: 元数据 YAML 有误：不允许的 YAML 标签（不能构造对象）\n"
    assert not mark.exists()


def test_alias_bomb_is_refused_quickly(project: Project, run_cli) -> None:
    # Nine levels of nine aliases: 387 million strings if anything expanded it.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    project.record("2023/meeting/2023-03-14-bomb", GOOD + "\n".join(lines) + "\ntags: *a8")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert "records/2023/meeting/2023-03-14-bomb.md:15: 字段 tags（标签）列表中的每一项应为文本，实际有列表" in result.out
    assert "Traceback" not in result.text


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `zuofeng stats --explain | head`: the pipe closes before zuofeng writes; it stops quietly, as `cat` would.
    zuofeng = Path(sys.executable).with_name("zuofeng")
    result = subprocess.run(["bash", "-c", f'"{zuofeng}" stats --year 2024 --explain | true; echo "${{PIPESTATUS[0]}}"'],
                            cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.stdout.strip() == "141"
