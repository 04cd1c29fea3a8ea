"""Sanitising HTML rendered from record bodies: records are data, never code."""

from __future__ import annotations

import re

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"table", "thead", "tbody", "tr", "th", "td", "caption", "span", "div",
                                  "details", "summary", "figure", "figcaption", "sup", "sub", "mark"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # The site is read offline on an intranet: an outside image would be a request to another host.
    if tag == "img" and attribute == "src" and re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.I):
        return None
    # Material reads its settings from the first `#__config` in the page, and the article comes
    # first: a record must not define the theme's own ids (__config, __search, __drawer …).
    if attribute == "id" and value.startswith("_"):
        return None
    return value


def clean(html: str) -> str:
    """Keep the structure Markdown produces; drop scripts, event handlers and javascript: links."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )
