"""Turning a field value (unit, tag …) into one safe path segment for a site URL."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from zuofeng.core.printable import is_hidden

MAX_SEGMENT = 60  # characters; long values are cut and keep a short hash to stay distinct
_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")


def path_segment(value: str) -> str:
    """A non-empty segment of letters, digits, Chinese, - and _ only: never `..`, `/` or hidden characters.

    NFKC first, so a full-width slash or digit becomes its ASCII form and is then replaced
    like any other separator; distinct values that would collapse keep a hash suffix.
    """
    text = unicodedata.normalize("NFKC", value)
    text = "".join(c for c in text if not is_hidden(c))
    safe = _UNSAFE.sub("-", text).strip("-_")
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not safe:
        return f"x-{digest}"
    if safe != value or len(safe) > MAX_SEGMENT:
        return f"{safe[:MAX_SEGMENT]}-{digest}"
    return safe
