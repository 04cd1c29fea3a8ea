"""Each row of the --trace appendix quotes the report's words around its figure, short."""

from __future__ import annotations

from tests.conftest import REPO
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.explain import SectionFigures, appendix_rows, report_figures
from zuofeng.core.report.reports import load_reports


def test_every_appendix_row_quotes_the_words_around_its_figure() -> None:
    ledger = load_ledger(Settings.load(REPO))
    reports, _ = load_reports(ledger.settings.reports_dir, ledger.settings.root)
    figures = report_figures(ledger, reports, load_indicators(), 2024)
    assert isinstance(figures, list)
    plain = report_figures(ledger, reports, load_indicators(), 2024, traced=False)
    assert [part.text for part in figures] == [part.text for part in plain]  # type: ignore[union-attr]
    rows = [row for row in appendix_rows(figures, ledger.index)[1:] if len(row) == 4]
    assert len(rows) > 20
    for number, shown, _, records in rows:
        quote = records.splitlines()[0]
        assert quote.startswith("“") and quote.endswith("”") and shown in quote, (number, quote)
        assert len(quote) <= 34, quote  # about 30 characters, quotation marks and an ellipsis
        assert any(quote.strip("“”…") in part.text for part in figures if isinstance(part, SectionFigures)), quote
    quotes = [row[3].splitlines()[0] for row in rows]
    assert any(quote.endswith("印发督查通报7期”") for quote in quotes)
    assert any("正在整改3个" in quote for quote in quotes)
