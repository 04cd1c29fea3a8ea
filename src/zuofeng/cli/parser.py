"""argparse speaking Chinese: help headings, usage line and the usage errors a user meets."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

# argparse's own messages (Python 3.11), as a user meets them → their Chinese.
_ERRORS = (
    (r"^the following arguments are required: (.+)$", r"缺少参数：\1"),
    (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
    (r"^argument (\S+): invalid choice: (.+) \(choose from (.+)\)$", r"参数 \1 的值 \2 无效（可选：\3）"),
    (r"^argument (\S+): expected one argument$", r"参数 \1 后面需要一个值"),
    (r"^argument (\S+): not allowed with argument (\S+)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (\S+): invalid (\w+) value: (.+)$", r"参数 \1 的值 \3 无效"),
    (r"^argument (\S+): ", r"参数 \1："),
)


def chinese_error(message: str) -> str:
    """argparse's English usage error in Chinese (unknown messages keep their text)."""
    for pattern, replacement in _ERRORS:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese help and usage errors, exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "用法：", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"zuofeng: 参数错误：{chinese_error(message)}\n")
        sys.exit(2)
