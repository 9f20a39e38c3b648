"""Pre-flight for every .xlsx the app reads, before any spreadsheet library parses it.

Why: neither openpyxl nor calamine bounds decompression, calamine reports cached values only (a
formula is invisible to it), and openpyxl silently parses without defusedxml when it is missing or
switched off by ``OPENPYXL_DEFUSEDXML=False``. So each file is checked here first:

1. the zip directory alone (no decompression): file size, entry count, declared uncompressed
   total, per-entry compression ratio, part names on an allow-list, no macros, external links,
   data connections, ActiveX/OLE objects, encrypted entries, symlinks or path tricks;
2. then every XML part, streamed through defusedxml with DTDs forbidden (billion laughs, external
   entities), under a deadline: relationships must not point outside the file, and worksheet
   cells must not hold formulas (each refusal names the sheet, row and column).

Usage: ``check_file(path)`` raises :class:`XlsxRefused` or returns a :class:`Report`; readers then
parse as they like. Cell value checks live in :mod:`rentan_desktop.io.xlsx_guard_cells`.
"""

from __future__ import annotations

import os
import re
import stat
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rentan_desktop.domain import issues
from rentan_desktop.io.xlsx_guard_cells import column_letter, split_ref

issues.define_all(
    {
        "xlsx.no_defusedxml": (
            "Perlindungan XML (defusedxml) tidak aktif; impor berkas Excel ditolak demi keamanan.",
            "XML protection (defusedxml) is not active; Excel import is refused for safety.",
        ),
        "xlsx.not_xlsx": (
            "Berkas {name} bukan berkas Excel .xlsx yang sah.",
            "{name} is not a valid .xlsx file.",
        ),
        "xlsx.too_big": (
            "Berkas {name} terlalu besar ({detail}); batasnya {limit}.",
            "{name} is too large ({detail}); the limit is {limit}.",
        ),
        "xlsx.too_many_parts": (
            "Berkas {name} berisi {count} bagian; batasnya {limit}.",
            "{name} has {count} parts; the limit is {limit}.",
        ),
        "xlsx.bomb": (
            "Bagian {part} dalam {name} mengembang {ratio}x saat dibuka (bom zip?); berkas ditolak.",
            "Part {part} in {name} expands {ratio}x (zip bomb?); the file is refused.",
        ),
        "xlsx.unexpected_part": (
            "Berkas {name} berisi bagian tak dikenal {part}; simpan ulang sebagai .xlsx biasa.",
            "{name} contains an unexpected part {part}; save it again as a plain .xlsx.",
        ),
        "xlsx.macro": (
            "Berkas {name} berisi makro/objek aktif ({part}); berkas ditolak.",
            "{name} contains macros or active objects ({part}); the file is refused.",
        ),
        "xlsx.external": (
            "Berkas {name} berisi tautan atau koneksi data eksternal ({part}); berkas ditolak.",
            "{name} contains external links or data connections ({part}); the file is refused.",
        ),
        "xlsx.bad_xml": (
            "Isi XML {part} dalam {name} tidak aman atau rusak ({detail}).",
            "The XML of {part} in {name} is unsafe or damaged ({detail}).",
        ),
        "xlsx.formula_cell": (
            "Sel {sheet}!{column}{row} (baris {row}, kolom {column}) berisi rumus; ketik nilainya sebagai teks.",
            "Cell {sheet}!{column}{row} (row {row}, column {column}) holds a formula; type the value as text.",
        ),
        "xlsx.timeout": (
            "Pemeriksaan {name} melebihi {seconds} detik; berkas ditolak.",
            "Checking {name} took longer than {seconds} seconds; the file is refused.",
        ),
    }
)


class XlsxRefused(issues.Refusal):
    """A spreadsheet refused before parsing; ``code`` and ``params`` feed ``issues.text``."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def message(self, lang: str | None = None) -> str:
        """The sentence for the user."""
        return issues.text(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True)
class Limits:
    """Resource bounds. Defaults fit 150,000 rows x 30 text columns with room to spare."""

    max_file_bytes: int = 64 << 20
    max_entries: int = 200
    max_total_uncompressed: int = 1 << 30
    max_part_uncompressed: int = 768 << 20
    # Apache POI refuses ratios above 100; real shared-string parts stay far below.
    max_ratio: int = 100
    # Tiny parts may compress better than max_ratio (a run of spaces); they cannot hurt.
    ratio_floor_bytes: int = 1 << 20
    max_seconds: float = 120.0
    scan_formulas: bool = True


# Parts Excel, LibreOffice, xlsxwriter and openpyxl write for plain data workbooks.
_ALLOWED = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app|custom)\.xml|docProps/thumbnail\.(jpeg|png|wmf)"
    r"|xl/(workbook\.xml|styles\.xml|sharedStrings\.xml|calcChain\.xml|metadata\.xml|theme/theme\d+\.xml"
    r"|_rels/workbook\.xml\.rels|worksheets/sheet\d+\.xml|worksheets/_rels/sheet\d+\.xml\.rels"
    r"|printerSettings/printerSettings\d+\.bin|comments\d*\.xml|drawings/(vml)?[dD]rawing\d+\.(xml|vml)"
    r"|drawings/_rels/(vml)?[dD]rawing\d+\.(xml|vml)\.rels|media/image\d+\.(png|jpeg|jpg|gif|emf)"
    r"|tables/table\d+\.xml|persons/person\.xml|threadedComments/threadedComment\d+\.xml"
    r"|richData/[A-Za-z]+\.xml|richData/_rels/[A-Za-z]+\.xml\.rels))$"
)
_MACRO = re.compile(
    r"(?i)(vbaProject|vbaData|activeX|embeddings/|oleObject|\.bin$(?<!printerSettings\d\.bin))"
)
_EXTERNAL = re.compile(r"(?i)(externalLinks?/|connections\.xml|queryTables?/|customXml/)")
_FORMULA_SHEET = re.compile(r"^xl/worksheets/sheet\d+\.xml$")
_HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@dataclass
class Report:
    """What the pre-flight saw (for logs and the benchmark)."""

    entries: int = 0
    compressed: int = 0
    uncompressed: int = 0
    parts: list[str] = field(default_factory=list)
    seconds: float = 0.0


def require_defusedxml() -> None:
    """Refuse to import spreadsheets unless defusedxml is installed AND openpyxl uses it."""
    try:
        import defusedxml.ElementTree  # noqa: F401 - presence is the check
    except ImportError as exc:
        raise XlsxRefused("xlsx.no_defusedxml") from exc
    # openpyxl's own rule (openpyxl.xml.DEFUSEDXML in the pinned 3.1.5), read here without importing
    # openpyxl: that import costs 0.3-0.5 s of every import command's start-up.
    if os.environ.get("OPENPYXL_DEFUSEDXML", "True") != "True":
        raise XlsxRefused("xlsx.no_defusedxml")


def check_file(path: Path, limits: Limits = Limits()) -> Report:  # noqa: B008 - frozen default
    """Run the whole pre-flight on ``path``; raises :class:`XlsxRefused` on the first problem."""
    require_defusedxml()
    started = time.monotonic()
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise XlsxRefused("xlsx.not_xlsx", name=name) from exc
    if size > limits.max_file_bytes:
        raise XlsxRefused(
            "xlsx.too_big", name=name, detail=_mb(size), limit=_mb(limits.max_file_bytes)
        )
    try:
        with zipfile.ZipFile(path) as zf:
            report = _check_directory(zf, name, limits)
            deadline = started + limits.max_seconds
            for part in report.parts:
                if part.endswith((".xml", ".rels", ".vml")):
                    with zf.open(part) as stream:
                        _scan_xml(stream, part, name, limits, deadline)
            if limits.scan_formulas:
                titles = _sheet_titles(zf)
                for part in report.parts:
                    if _FORMULA_SHEET.match(part):
                        with zf.open(part) as stream:
                            _scan_formulas(stream, titles.get(part, part), name, limits, deadline)
    except zipfile.BadZipFile as exc:
        raise XlsxRefused("xlsx.not_xlsx", name=name) from exc
    except (OSError, EOFError, NotImplementedError, zipfile.LargeZipFile, zlib.error) as exc:
        # zlib.error: a damaged deflate stream (found by bench/fuzz_importers.py)
        raise XlsxRefused("xlsx.not_xlsx", name=name) from exc
    report.seconds = time.monotonic() - started
    return report


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def _check_directory(zf: zipfile.ZipFile, name: str, limits: Limits) -> Report:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise XlsxRefused(
            "xlsx.too_many_parts", name=name, count=len(infos), limit=limits.max_entries
        )
    report = Report(entries=len(infos))
    seen: set[str] = set()
    for info in infos:
        part = info.filename
        if (
            part in seen
            or part.startswith(("/", "\\"))
            or ".." in part.split("/")
            or "\\" in part
            or ":" in part
        ):
            raise XlsxRefused("xlsx.unexpected_part", name=name, part=part)
        seen.add(part)
        if (
            stat.S_ISLNK(info.external_attr >> 16) or info.flag_bits & 0x1
        ):  # symlink / encrypted entry
            raise XlsxRefused("xlsx.unexpected_part", name=name, part=part)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise XlsxRefused("xlsx.unexpected_part", name=name, part=part)
        if _MACRO.search(part) and not part.startswith("xl/printerSettings/"):
            raise XlsxRefused("xlsx.macro", name=name, part=part)
        if _EXTERNAL.search(part):
            raise XlsxRefused("xlsx.external", name=name, part=part)
        if info.is_dir():
            continue
        if not _ALLOWED.match(part):
            raise XlsxRefused("xlsx.unexpected_part", name=name, part=part)
        if info.file_size > limits.max_part_uncompressed:
            raise XlsxRefused(
                "xlsx.too_big",
                name=name,
                detail=f"{part} {_mb(info.file_size)}",
                limit=_mb(limits.max_part_uncompressed),
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio and info.file_size > limits.ratio_floor_bytes:
            raise XlsxRefused("xlsx.bomb", name=name, part=part, ratio=int(ratio))
        report.compressed += info.compress_size
        report.uncompressed += info.file_size
        report.parts.append(part)
    if report.uncompressed > limits.max_total_uncompressed:
        raise XlsxRefused(
            "xlsx.too_big",
            name=name,
            detail=_mb(report.uncompressed),
            limit=_mb(limits.max_total_uncompressed),
        )
    if "[Content_Types].xml" not in seen or "xl/workbook.xml" not in seen:
        raise XlsxRefused("xlsx.not_xlsx", name=name)
    return report


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _events(
    stream: IO[bytes], part: str, name: str, limits: Limits, deadline: float
) -> Iterator[tuple[str, Any]]:
    """Stream (event, element) pairs through defusedxml, mapping every XML failure to a refusal."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    try:
        # forbid_dtd: no legitimate OOXML part carries a DTD; refusing it stops entity tricks early.
        events = iterparse(stream, events=("start", "end"), forbid_dtd=True)
        for count, (event, elem) in enumerate(events):
            if count % 20_000 == 0 and time.monotonic() > deadline:
                raise XlsxRefused("xlsx.timeout", name=name, seconds=int(limits.max_seconds))
            yield event, elem
            if event == "end" and _local(elem.tag) == "row":
                elem.clear()  # keep memory flat on big sheets
    except (DefusedXmlException, ParseError, ValueError, SyntaxError) as exc:
        raise XlsxRefused("xlsx.bad_xml", name=name, part=part, detail=type(exc).__name__) from exc


def _scan_xml(stream: IO[bytes], part: str, name: str, limits: Limits, deadline: float) -> None:
    """Safety scan of one part: no DTD (so no entities), and no external relationships.

    A DTD can only stand before the root element, so for ordinary parts the parse stops at the
    first element: cost O(1) per part instead of a pass over every cell. Relationship parts are
    small and read whole.
    """
    is_rels = part.endswith(".rels")
    for event, elem in _events(stream, part, name, limits, deadline):
        if not is_rels:
            return
        if not (event == "start" and _local(elem.tag) == "Relationship"):
            continue
        # Plain hyperlinks are inert text; anything else pointing outside the file is not.
        if elem.get("TargetMode", "") == "External" and elem.get("Type") != _HYPERLINK_REL:
            raise XlsxRefused("xlsx.external", name=name, part=part)


# A formula is an <f> element (any namespace prefix) inside a <c> cell. With DTDs refused no entity
# can produce markup, so a byte search is exact and ~50x faster than walking the XML in Python.
_F_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_C_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=\"([A-Z]{1,3}[0-9]{1,7})\"")


def _scan_formulas(
    stream: IO[bytes], sheet: str, name: str, limits: Limits, deadline: float
) -> None:
    tail = b""
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            return
        if time.monotonic() > deadline:
            raise XlsxRefused("xlsx.timeout", name=name, seconds=int(limits.max_seconds))
        buffer = tail + chunk
        found = _F_TAG.search(buffer)
        if found:
            refs = list(_C_REF.finditer(buffer, 0, found.start()))
            row, col = split_ref(refs[-1].group(1).decode("ascii")) if refs else (0, 0)
            raise XlsxRefused("xlsx.formula_cell", sheet=sheet, row=row, column=column_letter(col))
        tail = buffer[-4096:]  # a cell's opening tag is far shorter; keeps matches across chunks


def _sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map ``xl/worksheets/sheetN.xml`` to the tab name the user sees (best effort)."""
    from defusedxml.ElementTree import fromstring

    try:
        book = fromstring(zf.read("xl/workbook.xml"), forbid_dtd=True)
        rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    except Exception:  # noqa: BLE001 - titles only decorate messages; the scan already vetted XML
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    titles: dict[str, str] = {}
    for elem in book.iter():
        if _local(elem.tag) != "sheet":
            continue
        rid = next((v for k, v in elem.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        titles[part] = elem.get("name", part)
    return titles
