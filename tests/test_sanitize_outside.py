"""Record bodies cannot make the site fetch from another host."""

from __future__ import annotations

import pytest

from zuofeng.site.sanitize import clean


@pytest.mark.parametrize("src", ["https://tracker.example/p.gif", "//cdn.example/x.png", "HTTP://a.example/b.png",
                                 "data:image/png;base64,AAAA"])
def test_outside_images_lose_their_source(src: str) -> None:
    assert clean(f'<p><img src="{src}" alt="图"></p>') == '<p><img alt="图"></p>'


def test_local_images_and_outside_links_stay() -> None:
    html = '<p><img src="../../assets/a.png" alt="图"><a href="https://example.org/">链接</a></p>'
    assert clean(html) == html
