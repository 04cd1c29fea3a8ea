"""Chinese search: the project's jieba dictionary and the inner words of long index tokens."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import jieba

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# The extra field Material's search indexes but never displays.
WORDS_FIELD = "words"
_loaded: set[str] = set()


def load_user_dict(path: Path | None = None) -> None:
    """Teach jieba the domain words (八项规定, 督查通报, township names …), once per dictionary text and process."""
    jieba.setLogLevel(logging.WARNING)
    if path is None:
        source = resources.files("zuofeng").joinpath("data/jieba_dict.txt")
        text = source.read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()  # an edited dictionary adds its words
    if key in _loaded:
        return
    for line in text.splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            jieba.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)
    _loaded.add(key)


def inner_words(token: str) -> list[str]:
    """The 2- and 3-character dictionary words inside a token, as `jieba.cut_for_search` yields them."""
    freq = jieba.dt.FREQ if jieba.dt.initialized else _initialized_freq()
    found = []
    for size in (2, 3):
        if len(token) > size:
            for start in range(len(token) - size + 1):
                gram = token[start:start + size]
                if freq.get(gram):
                    found.append(gram)
    return found


def _initialized_freq() -> dict[str, int]:
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


def index_tokens(*texts: str) -> set[str]:
    """Chinese tokens already in an index entry (Material joins jieba's words with \\u200b)."""
    tokens: set[str] = set()
    for text in texts:
        for part in text.split("\u200b"):
            tokens.update(_HAN.findall(part))
    return tokens


def extra_words(entry: dict[str, Any]) -> list[str]:
    """Inner words of an entry's long tokens that the entry does not already hold, sorted."""
    return missing_inner_words(index_tokens(str(entry.get("title", "")), str(entry.get("text", ""))))


def missing_inner_words(tokens: set[str]) -> list[str]:
    """Inner words of the long tokens (暗访 in 明察暗访) that are not tokens themselves, sorted."""
    extra = {word for token in tokens if len(token) > 2 for word in inner_words(token)}
    return sorted(extra - tokens)


def expand_entries(entries: Iterable[dict[str, Any]]) -> None:
    """Add each entry's missing inner words as a hidden field."""
    for entry in entries:
        words = extra_words(entry)
        if words:
            entry[WORDS_FIELD] = "\u200b".join(words)


def expand_index(site_dir: Path) -> int | None:
    """Rewrite site/search/search_index.json with inner words; returns its new size in bytes."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    expand_entries(data.get("docs", []))
    data.setdefault("config", {}).setdefault("fields", {}).setdefault(WORDS_FIELD, {"boost": 1.0})
    # UTF-8, not \uXXXX: a Chinese character takes 3 bytes instead of 6, and readers download the
    # whole index on their first search. U+2028/2029 stay escaped for the offline plugin's JS copy.
    text = json.dumps(data, separators=(",", ":"), default=str, ensure_ascii=False)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
