#!/usr/bin/env python3
"""Time report macros on a bench project: the index's answers against a scan of every record.

`python bench/macros.py PROJECT` prints JSON, in microseconds per call, for the meeting records
of the last year: `count` (two bisections on the dates), a filtered count with the answer cache
bypassed (bisection, then that period's records only), and the same count by scanning every
record. The first stays flat as N grows, the second grows with the records of one year, the
third with all records.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from zuofeng.core.input.loader import LoadCache
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Settings, load_ledger

CALLS = 200


def per_call_us(function, calls: int = CALLS) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for _ in range(calls):
        function()
    return round((time.perf_counter() - started) / calls * 1e6, 1)


def main() -> None:
    ledger = load_ledger(Settings.load(Path(sys.argv[1])), LoadCache())
    index = ledger.index
    period = ReportPeriod.year(index.years[-1])

    def indexed() -> int:
        return index.count("meeting", period)

    def filtered() -> int:
        return len(index._select("meeting", period, ()))  # the uncached path of a filtered count

    def scanned() -> int:
        return sum(1 for r in index.records if r.type == "meeting" and period.start <= r.date <= period.end)

    assert indexed() == filtered() == scanned(), "index and scan disagree"
    print(json.dumps({"macro_index_us": per_call_us(indexed), "macro_filtered_us": per_call_us(filtered),
                      "macro_scan_us": per_call_us(scanned)}))


if __name__ == "__main__":
    main()
