"""Reading a Markdown file with YAML front matter: decoding and splitting."""

from __future__ import annotations

from dataclasses import dataclass

from zuofeng.core.problems import Problem, ProblemsFound

BOM = "\ufeff"
# Git's conflict markers: seven of one character at the start of a line, then a space or nothing.
# `=======` alone is also a Markdown heading underline, so it counts only after an opening marker.
_STRONG = ("<<<<<<<", ">>>>>>>", "|||||||")


@dataclass(frozen=True)
class Source:
    """A file split into its front matter text and its body."""

    path: str
    front_matter: str
    body: str
    body_line: int  # 1-based line where the body starts


class SourceError(ProblemsFound):
    """A file that cannot be split into front matter and body: one problem."""

    @property
    def problem(self) -> Problem:
        return self.problems[0]


def decode(path: str, raw: bytes) -> str:
    """Decode UTF-8 (BOM tolerated) and normalise line endings; GBK gets a clear error."""
    if not raw.strip():
        raise SourceError(Problem(path, 1, "文件为空，应以 --- 开头的元数据块开始"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(Problem(path, 1, "文件是 UTF-16 编码（“记事本”的 Unicode 选项），请用 UTF-8 编码另存"))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise SourceError(Problem(path, line, "文件含空字节（NUL），看起来是二进制文件而不是文本记录"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = _encoding_hint(raw)
        raise SourceError(Problem(path, line, f"文件不是 UTF-8 编码{hint}，请用 UTF-8 编码另存")) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_hint(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return "（看起来是 GBK/GB2312，常见于“记事本”保存的文件）"


def split_front_matter(path: str, text: str) -> Source:
    """Split `---` delimited front matter from the body."""
    lines = text.split("\n")
    closing = _closing_line(lines)
    if any(marker in text for marker in _STRONG):  # at C speed: almost every file has none
        _refuse_conflict_markers(path, lines, closing)
    if not lines or lines[0].strip() != "---":
        raise SourceError(Problem(path, 1, "缺少元数据：文件第一行应为 ---"))
    if closing is None:
        raise SourceError(Problem(path, 1, "元数据未结束：缺少结束的 --- 行"))
    front = "\n".join(lines[1 : closing - 1])
    if not front.strip():
        raise SourceError(Problem(path, 1, "元数据为空：--- 与 --- 之间应填写 type、date、title 等字段"))
    return Source(path, front, "\n".join(lines[closing:]), closing + 1)


def _closing_line(lines: list[str]) -> int | None:
    """1-based line of the `---` (or `...`) that closes the front matter; None without one."""
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return number
    return None


def _refuse_conflict_markers(path: str, lines: list[str], closing: int | None) -> None:
    """A merge left half-resolved would otherwise publish both sides, or count a record twice."""
    marked: list[int] = []
    for number, line in enumerate(lines, start=1):
        strong = line.startswith(_STRONG) and line[7:8] in ("", " ")
        if strong or (line == "=======" and marked):
            marked.append(number)
    if not marked:
        return
    where = "元数据中" if closing is None or marked[0] < closing else ""
    others = f"（标记在第 {'、'.join(map(str, marked))} 行）" if len(marked) > 1 else ""
    raise SourceError(Problem(path, marked[0], f"{where}合并冲突标记未解决{others}：请保留正确的内容，"
                                               "删除 <<<<<<<、=======、>>>>>>> 等标记行"))
