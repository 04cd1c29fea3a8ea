"""`zuofeng ledger YEAR`: the year's ledger as an Excel workbook."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", type=int, metavar="YEAR")


def run(args: argparse.Namespace) -> int:
    return 2
