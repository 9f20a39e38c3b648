"""Fuzz the spreadsheet import path: mutated workbooks through the guard and the readers.

Not part of CI (it is long and random by nature). Every example must end in one of the refusals
the app shows as a sentence (XlsxRefused, WorkbookReadError, LegacyFileError, UserError), or be
accepted; anything else is a crash, saved under ``bench/out/fuzz-crashes/`` to become a test.

    .venv/bin/python bench/fuzz_importers.py --examples 2000 --seed 7

``run(quick)`` lets ``bench/run.py`` include a short run (crashes must be 0; slowest example
reported against the guard's time limit).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from rentan_desktop.io import batch_xlsx, legacy_read, xlsx_guard  # noqa: E402
from rentan_desktop.legacy.codes import LegacyFileError  # noqa: E402

EXPECTED: tuple[type[BaseException], ...] = (
    xlsx_guard.XlsxRefused,
    batch_xlsx.WorkbookReadError,
    LegacyFileError,
)
HEADERS = ["NIK", "Nama", "Alamat"]
SNIPPETS = [
    b"<f>SUM(A1:A9)</f>",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b"&a;",
    b"\x00\xff\xfe",
    b'<c r="A2"><v>6408014101900001</v></c>',
    b'<c r="ZZZZ99999999" t="s"><v>999999</v></c>',
    b"<is><t>" + b"x" * 40000 + b"</t></is>",
    b"<row>" * 2000,
    b"_x000D_",
    b'TargetMode="External"',
]


def seed_workbook() -> bytes:
    """A valid three-column text workbook as the app itself writes it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.xlsx"
        with batch_xlsx.TextSheetWriter(path, HEADERS) as writer:
            for i in range(30):
                writer.add_row(
                    [
                        f"640801410190{i + 1:04d}",
                        f"Pekerja {i}",
                        '=HYPERLINK("x")' if i == 3 else "Jl. 1",
                    ]
                )
            writer.close([("Batch", "fuzz")])
        return path.read_bytes()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random mutation: raw bytes, or a structure-aware change to one zip member."""
    choice = rng.random()
    if choice < 0.25:
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if choice < 0.3:
        return data[: rng.randrange(len(data))]
    members: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    index = rng.randrange(len(members))
    name, body = members[index]
    op = rng.randrange(6)
    if op == 0:  # splice a hostile snippet into the XML
        cut = rng.randrange(len(body) + 1)
        body = body[:cut] + rng.choice(SNIPPETS) + body[cut:]
    elif op == 1:  # rename a part (unexpected part, path tricks)
        name = rng.choice(
            [
                "xl/vbaProject.bin",
                "../evil.xml",
                "xl/externalLinks/e1.xml",
                name.upper(),
                name + "x",
            ]
        )
    elif op == 2:  # duplicate an entry
        members.append((name, body))
    elif op == 3:  # drop a part
        members.pop(index)
        return _zip(members, rng)
    elif op == 4:  # a highly compressible part (bomb-like)
        body = body + b" " * rng.choice([1 << 10, 1 << 20, 3 << 20])
    else:  # shuffle bytes inside the member
        buf = bytearray(body)
        for _ in range(rng.randint(1, 20)):
            if buf:
                buf[rng.randrange(len(buf))] = rng.choice(b"<>&\"'=/ \x00")
        body = bytes(buf)
    members[index % len(members)] = (name, body) if index < len(members) else members[-1]
    return _zip(members, rng)


def _zip(members: list[tuple[str, bytes]], rng: random.Random) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])) as zf:
        for name, body in members:
            zf.writestr(zipfile.ZipInfo(name), body)
    return out.getvalue()


def target(path: Path) -> None:
    """The import path every reader shares: guard first, then the readers."""
    xlsx_guard.check_file(path)
    for _ in batch_xlsx.read_text_rows(
        path, HEADERS, [True, False, False], sheet=batch_xlsx.DATA_SHEET
    ):
        pass
    legacy_read.read_sheet(path)


def fuzz(examples: int, seed: int, on_crash: Callable[[int, bytes, str], None]) -> dict[str, float]:
    warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name" is a wanted mutation
    rng = random.Random(seed)
    base = seed_workbook()
    crashes = accepted = 0
    slowest = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.xlsx"
        for n in range(examples):
            data = base
            for _ in range(rng.randint(1, 3)):
                try:
                    data = mutate(data, rng)
                except Exception:  # noqa: BLE001 - a raw mutation broke the zip: feed it as is
                    break
            path.write_bytes(data)
            started = time.monotonic()
            try:
                target(path)
                accepted += 1
            except EXPECTED:
                pass
            except Exception:  # noqa: BLE001 - this is what the fuzzer looks for
                crashes += 1
                on_crash(n, data, traceback.format_exc())
            slowest = max(slowest, time.monotonic() - started)
    return {"examples": examples, "crashes": crashes, "accepted": accepted, "slowest": slowest}


def _save_crash(n: int, data: bytes, trace: str) -> None:
    folder = HERE / "out" / "fuzz-crashes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"crash-{n}.xlsx").write_bytes(data)
    (folder / f"crash-{n}.txt").write_text(trace)


def run(quick: bool) -> list[dict[str, object]]:
    stats = fuzz(150 if quick else 2000, seed=1, on_crash=_save_crash)
    return [
        {
            "name": f"fuzz: unexpected exceptions in {stats['examples']:.0f} mutated workbooks",
            "value": stats["crashes"],
            "kind": "max",
            "limit": 0,
            "unit": "",
            "note": f"{stats['accepted']:.0f} accepted; crashers in bench/out/fuzz-crashes/",
        },
        {
            "name": "fuzz: slowest example (guard + readers)",
            "value": stats["slowest"],
            "kind": "max",
            "limit": xlsx_guard.Limits().max_seconds,
            "unit": "s",
        },
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    stats = fuzz(args.examples, args.seed, _save_crash)
    print(stats)
    return 1 if stats["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
