"""Excel in and out: templates, atomic import and the ledger workbook (openpyxl, loaded lazily)."""
