"""How much of a workbook `zuofeng import` reads: generous for a real 台账, checked before allocating."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 ** 2


@dataclass(frozen=True)
class Limits:
    """Bounds on a workbook's XML parts and sheets; a file past any of them is refused, not read."""

    unpacked_bytes: int = 50 * MB  # all XML parts together, uncompressed (pictures are not read)
    part_bytes: int = 40 * MB  # one XML part, uncompressed
    ratio: int = 400  # uncompressed / compressed size of one part (a zip bomb packs far tighter)
    ratio_from: int = 1 * MB  # smaller parts may pack as tight as they like
    rows: int = 50_000  # <row> elements in one sheet, empty ones included
    columns: int = 200  # the rightmost column holding a value
    cells: int = 1_000_000  # <c> elements in the whole workbook, empty ones included
    strings: int = 1_000_000  # entries in the shared-string table
    cell_parts: int = 1_000  # XML elements inside one cell or shared string (rich-text runs)
    depth: int = 64  # XML nesting in a sheet or the shared strings (a real one nests about 8 deep)
    merged_ranges: int = 10_000  # merged ranges in one sheet
    merged_cells: int = 1_000_000  # cells covered by a sheet's merged ranges, together


LIMITS = Limits()
