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


# Browsers drop tabs and newlines anywhere in a URL and read `\` as `/`: `/\host/a.png`,
# `\\host\share` (a Windows share under file://) and `/<tab>/host` all name another host.
_URL_NOISE = re.compile(r"[\t\n\r]")
_OUTSIDE = re.compile(r"^[\x00-\x20]*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)
_SOURCE_ATTR = re.compile(r"""<(?:img|source|script|iframe|embed|video|audio|object|track)\b[^>]*?\s(?:src|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def is_outside(url: str) -> bool:
    """True unless a URL is a same-site relative or absolute path (no scheme, no host, no backslash)."""
    url = _URL_NOISE.sub("", url)
    return "\\" in url or bool(_OUTSIDE.match(url))


def outside_sources(html: str) -> list[str]:
    """Sources of images, scripts, frames and media in a page that would load from another host."""
    urls = (next(v for v in match.groups() if v is not None) for match in _SOURCE_ATTR.finditer(html))
    return [url for url in urls if is_outside(url.replace("&amp;", "&"))]


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # The site is read offline on an intranet: an outside image would be a request to another host.
    if tag == "img" and attribute == "src" and is_outside(value):
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
