"""Chinese search recall: every word jieba.cut_for_search yields is in the index entry."""

from __future__ import annotations

import json
import warnings

import pytest

with warnings.catch_warnings():
    # jieba imports pkg_resources, whose import machinery warns; not ours to fix.
    warnings.simplefilter("ignore")
    import jieba
    from material.plugins.search.plugin import SearchIndex

    from zuofeng.site import search

SENTENCES = [
    "采取明察暗访方式，对各乡镇便民服务中心窗口作风进行检查。",
    "县自然资源局赴城关镇调研复工复产情况。",
    "坚持无会月制度，认真召开民主生活会，开展批评与自我批评。",
    "贯彻落实中央八项规定精神，坚决反对形式主义、官僚主义。",
    "厉行节约反对浪费，严格执行公务接待标准。",
    "督查通报指出西河乡、白杨乡存在午间无人值守问题。",
    "深入推进三会一课制度化规范化，持续整治四风问题。",
    "县市场监管局、县交通运输局联合开展安全生产大检查。",
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    search.load_user_dict()
    return SearchIndex(lang=["zh"], separator=r"[\s\u200b\-]+", pipeline=[], fields={})


def _entry_terms(index: SearchIndex, sentence: str) -> set[str]:
    """Terms the browser's index holds for an entry whose text is the sentence."""
    entry = {"title": "", "text": index._segment_chinese(sentence)}
    search.expand_entries([entry])
    return search.index_tokens(entry["text"], entry.get(search.WORDS_FIELD, ""))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_cut_for_search_word_is_indexed(index: SearchIndex, sentence: str) -> None:
    terms = _entry_terms(index, sentence)
    wanted = {w for w in jieba.cut_for_search(sentence) if search.index_tokens(w) == {w}}
    assert wanted, sentence
    assert wanted - terms == set()


@pytest.mark.parametrize("sentence, word", [
    (SENTENCES[0], "乡镇"), (SENTENCES[0], "暗访"), (SENTENCES[0], "明察暗访"), (SENTENCES[1], "复工复产"),
    (SENTENCES[2], "民主生活会"), (SENTENCES[2], "无会月"), (SENTENCES[6], "三会一课"), (SENTENCES[6], "四风"),
    (SENTENCES[5], "西河乡"), (SENTENCES[5], "督查通报"), (SENTENCES[7], "县市场监管局"),
])
def test_domain_words_and_inner_words(index: SearchIndex, sentence: str, word: str) -> None:
    assert word in _entry_terms(index, sentence)


def test_domain_words_stay_whole_in_accurate_mode(index: SearchIndex) -> None:
    # Phrase queries keep working: the accurate cut keeps the compound as one token.
    tokens = index._segment_chinese(SENTENCES[1]).split("\u200b")
    assert "复工复产" in tokens and "城关镇" in tokens and "县自然资源局" in tokens
    assert "明察暗访" in index._segment_chinese(SENTENCES[0]).split("\u200b")


def test_words_field_only_adds_missing_inner_words(index: SearchIndex) -> None:
    entry = {"title": "乡镇", "text": index._segment_chinese("乡镇干部到各乡镇明察暗访")}
    search.expand_entries([entry])
    words = entry[search.WORDS_FIELD].split("\u200b")
    assert "乡镇" not in words and "暗访" in words and words == sorted(set(words))


def test_index_file_is_written_as_utf8_with_line_separators_escaped(index: SearchIndex, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    entry = {"location": "a/", "title": "明察暗访", "text": index._segment_chinese("明察暗访\u2028乡镇")}
    path.write_text(json.dumps({"config": {}, "docs": [entry]}), encoding="utf-8")
    size = search.expand_index(tmp_path)
    raw = path.read_bytes()
    data = json.loads(raw)
    assert size == len(raw) < len(json.dumps(data, separators=(",", ":")))
    assert "明察暗访".encode() in raw and b"\\u660e" not in raw
    assert "\u2028".encode() not in raw and b"\\u2028" in raw
    assert data["docs"][0]["text"] == entry["text"] and "暗访" in data["docs"][0]["words"].split("\u200b")
