"""Rows of a csv file in whatever encoding and delimiter an office saved it with.

Indonesian-locale Excel writes ``;``-separated csv, often with a BOM or in cp1252; the delimiter
is sniffed and the encoding detected. Runs inside the sheet child process (:mod:`sheet_child`),
never in the app, like every other parse of an untrusted file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

MAX_FILE = 200 * 1024 * 1024


def decode(raw: bytes) -> str:
    """Text of a csv file in whatever encoding it was saved (UTF-8, UTF-8 BOM, cp1252, …)."""
    for enc in ("utf-8-sig",):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only for a csv that is not UTF-8 (~50 ms to import)

    best = from_bytes(raw[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return raw.decode(encoding, errors="replace")


def parse_csv(path: Path | str) -> list[list[str]]:
    """Rows of a csv file; runs inside the child process, never in the app.

    Raises:
        csv.Error, OSError: the child reports them as an unreadable file.
    """
    path = Path(path)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE:
        raise OSError(f"{len(raw) // (1024 * 1024)} MB")
    content = decode(raw)
    sample = content[:50_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t|"}
        delim = max(counts, key=counts.__getitem__)
        dialect = type("Guess", (csv.excel,), {"delimiter": delim})
    return [list(r) for r in csv.reader(io.StringIO(content), dialect)]
