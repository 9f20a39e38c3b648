"""Legacy spreadsheet import: reading, header detection, column mapping, cleaning, matching, report.

Everything in this package is pure (no database, no file formats): the spreadsheet adapters live in
``rentan_desktop.io.legacy_read`` / ``legacy_report`` and the transaction in
``rentan_desktop.services.legacy_import``.
"""
