"""Printed documents as the user runs them: whole `rentan print ...` processes (start-up, login,
database checks included) against bare processes doing the same work with plain sqlite3 and
reportlab canvas calls, interleaved in the same run (issues 16 and 20).

* Cards: ``rentan print cards --request-all`` for 10,000 registered people (queue them, sign the
  version-2 token with the holder binding, lay out fronts and backs, mark the queue printed)
  against a bare Python process that queues the same rows with one INSERT ... SELECT, reads them
  with one joined SELECT, signs the same tokens, draws the same front and back text with
  ``drawString`` and the same QR codes through the cheapest drawing we know (``qr.draw``: one
  literal path per code, the same ink-spread layer), and marks the queue printed with one
  executemany UPDATE, on the same database with the same durability (WAL, synchronous=FULL).
* RT lists: ``rentan print rt-list`` for one RT of 150,000 people against a bare process that
  reads the same rows with one joined SELECT, masks the NIK and computes the age, draws the same
  cells (wrapped only where a cell is wider than its column, each distinct text measured once),
  lines, tick boxes, page header with
  the QR code and page numbers, and stores the list's rows with one executemany INSERT.

The baselines are the honest floor: no ORM, no validation, no audit, no temp-file-and-rename,
nothing the user's command does for safety; Python and reportlab are imported as the command
imports them. Each pair runs ``repeat`` times, alternating which side goes first.

    python bench/bench_documents.py [--quick]
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402
from common import OUT, PASSWORD, VENV_BIN, copy_db, demo_db, keys_of  # noqa: E402

BARE_CARDS = r"""
import sqlite3, sys, uuid
from datetime import date, datetime, timezone
from reportlab.pdfgen.canvas import Canvas
from rentan_desktop.io.pdf import cards, fonts, qr
from rentan_desktop.io.pdf.types import Paper
from rentan_desktop.signing import card_token
from rentan_desktop.signing.keys import SigningKey
db, out = sys.argv[1:3]
key = SigningKey.generate()
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=FULL")
con.execute("PRAGMA cache_size=-262144")
now = datetime.now(timezone.utc).isoformat()
con.execute("BEGIN IMMEDIATE")
con.execute(
    "INSERT INTO card_print (registrant_uuid, kpj, coverage_start, coverage_end, token, state, "
    "requested_by, requested_at, receiver) SELECT uuid, kpj, coverage_start, coverage_end, '', "
    "'requested', 'bare', ?, '' FROM registrant WHERE status='registered' "
    "ORDER BY desa_kode, rt, name_norm", (now,))
con.execute("COMMIT")
rows = con.execute(
    "SELECT c.id, r.uuid, r.nama, r.nik, r.kpj, r.coverage_start, r.coverage_end, r.tanggal_lahir, "
    "w.nama FROM card_print c JOIN registrant r ON r.uuid = c.registrant_uuid "
    "JOIN wilayah w ON w.kode = r.desa_kode WHERE c.state='requested' ORDER BY c.id"
).fetchall()
regular, bold = fonts.names()
canvas = Canvas(out, pagesize=Paper.A4.size)
done = []
for s in range(0, len(rows), 10):
    chunk = rows[s:s + 10]
    for slot, (cid, uid, nama, nik, kpj, start, end, born, desa) in enumerate(chunk):
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        token = card_token.issue(key, uid, kpj, start, end, "640801", holder=nama,
                                 birth_year=int(born[:4]))
        done.append((kpj, token, cid))
        x, y = cards.card_origin(Paper.A4, slot)
        canvas.setFont(bold, 7.2); canvas.drawString(x + 11, y + 140, "PEMERINTAH KABUPATEN KUTAI TIMUR")
        canvas.setFont(bold, 9); canvas.drawString(x + 9, y + 110, nama)
        canvas.setFont(regular, 6.4)
        for line, value in enumerate(("*" * 12 + nik[-4:], kpj, born[:4], "JKK + JKM",
                                      f"{start} - {end}", "APBD Kabupaten Kutai Timur")):
            canvas.drawString(x + 9, y + 100 - 7.6 * line, cards.LABELS[line])
            canvas.drawString(x + 47, y + 100 - 7.6 * line, value)
        canvas.drawString(x + 9, y + 20, cards.ACCIDENT_LINE)
        canvas.drawString(x + 9, y + 10, f"Diterbitkan Kecamatan {desa}, {date.today()}")
        qr.draw(canvas, token, x + cards.QR_X, y + cards.QR_Y, cards.QR_SIZE, cards.QR_GAIN)
    canvas.showPage()
    for slot, (cid, uid, nama, nik, kpj, start, end, born, desa) in enumerate(chunk):
        x, y = cards.card_origin(Paper.A4, slot, back=True)
        canvas.setFont(bold, 7.4); canvas.drawString(x + 9, y + 140, cards.BACK_TITLE)
        canvas.setFont(regular, 6.2)
        for line, step in enumerate(cards.BACK_STEPS):
            canvas.drawString(x + 9, y + 128 - 16 * line, step[:90])
        canvas.drawString(x + 9, y + 70, f"Peserta {nama} KPJ {kpj}")
    canvas.showPage()
canvas.save()
con.execute("BEGIN IMMEDIATE")
con.executemany("UPDATE card_print SET state='printed', kpj=?, token=?, printed_by='bare', "
                f"printed_at='{now}' WHERE id=?", done)
con.execute("COMMIT")
"""

BARE_RT = r"""
import sqlite3, sys
from datetime import date, datetime, timezone
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from rentan_desktop.io.pdf import fonts, qr, rt_list
from rentan_desktop.io.pdf.types import Paper
db, desa, rt, out = sys.argv[1:5]
con = sqlite3.connect(db, isolation_level=None)
con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=FULL")
con.execute("PRAGMA cache_size=-262144")
rows = con.execute(
    "SELECT r.uuid, r.nama, r.nik, r.tanggal_lahir, r.alamat, p.nama FROM registrant r "
    "LEFT JOIN pekerjaan p ON p.kode = r.pekerjaan_kode WHERE r.desa_kode=? AND r.rt=? "
    "AND r.status NOT IN ('rejected', 'inactive') ORDER BY r.rw, r.name_norm, r.id", (desa, rt)
).fetchall()
today = date.today()
regular, bold = fonts.names()
lay = rt_list.layout(Paper.A4)
keys = ("no", "nama", "nik", "umur", "alamat", "pekerjaan")
cols = [lay.col(k) for k in keys]
boxes = [lay.col(k)[0] + 4 for k in ("t0", "t1", "t2", "t3")]
size, lead, pad = rt_list.BODY_SIZE, rt_list.BODY_LEADING, rt_list.CELL_PAD
canvas = Canvas(out, pagesize=(lay.width, lay.height))
def header(page):
    canvas.setFont(bold, 12)
    canvas.drawString(30, lay.height - 40, "DAFTAR PERIKSA PEKERJA RENTAN TINGKAT RT")
    qr.draw(canvas, "RT-7K2M-9QX4", lay.width - 100, lay.height - 100, rt_list.QR_SIZE)
    canvas.drawRightString(lay.width - 30, 30, f"Halaman {page}")
    canvas.setFont(regular, size)
page, y = 1, lay.table_top
split = {}
header(page)
for no, (uid, nama, nik, born, alamat, job) in enumerate(rows, start=1):
    b = date.fromisoformat(born)
    age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    values = (str(no), nama, "*" * 12 + nik[-4:], str(age), alamat, job or "")
    cells = []
    for (x, w), value in zip(cols, values):
        lines = split.get((value, w))
        if lines is None:  # remembered: repeated names and jobs are measured once, as ours does
            if stringWidth(value, regular, size) > w - 2 * pad:
                lines = simpleSplit(value, regular, size, w - 2 * pad)
            else:
                lines = (value,)
            split[(value, w)] = lines
        cells.append((x, lines))
    height = rt_list.ROW_H + lead * (max(len(c[1]) for c in cells) - 1)
    if y - height < lay.table_bottom:
        canvas.showPage(); page += 1; y = lay.table_top; header(page)
    for x, lines in cells:
        for i, line in enumerate(lines):
            canvas.drawString(x + pad, y - 12 - lead * i, line)
    canvas.line(30, y - height, lay.width - 30, y - height)
    for bx in boxes:
        canvas.rect(bx, y - 17, rt_list.BOX, rt_list.BOX)
    y -= height
canvas.showPage()
canvas.save()
now = datetime.now(timezone.utc).isoformat()
con.execute("BEGIN IMMEDIATE")
cur = con.execute(
    "INSERT INTO rt_review_list (code, desa_kode, rt, rw, periode, paper, row_count, status, "
    "created_by, created_at) VALUES ('RT-BARE', ?, ?, '', 2026, 'a4', ?, 'printed', 'bare', ?)",
    (desa, rt, len(rows), now))
list_id = cur.lastrowid
con.executemany("INSERT INTO rt_review_row (list_id, row_no, registrant_uuid, correction, outcome) "
                "VALUES (?, ?, ?, '', '')", [(list_id, n, r[0]) for n, r in enumerate(rows, 1)])
con.execute("COMMIT")
"""


def _env() -> dict[str, str]:
    return {**common.app_env(), "RENTAN_PASSWORD": PASSWORD, "RENTAN_KEY_PASSPHRASE": PASSWORD,
            "HOME": str(OUT)}  # fmt: skip


def _run(args: list[str]) -> common.ProcessRun:
    return common.run_process(args, env=_env())


def _office_copy(src: Path, dst: Path) -> Path:
    copy_db(src, dst)
    shutil.rmtree(keys_of(dst), ignore_errors=True)
    if keys_of(src).is_dir():
        shutil.copytree(keys_of(src), keys_of(dst))
    return dst


def _demo(count: int) -> Path:
    """The cached demo database with its key folder (``demo_db`` builds it under a temporary
    name and renames only the file, leaving the folder under the temporary name)."""
    path = demo_db(count)
    built = path.parent / f"{path.stem}.tmp-keys"
    if not keys_of(path).is_dir() and built.is_dir():
        shutil.copytree(built, keys_of(path))
    return path


def _prepare_cards(count: int) -> Path:
    db = _office_copy(_demo(count), OUT / f"cards-{count}.db")
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE registrant SET status='registered', kpj=printf('2601%07d', id), "
        "coverage_start='2026-01-01', coverage_end='2026-12-31'"
    )
    con.execute("DELETE FROM card_print")
    con.commit()
    con.close()
    rentan = str(VENV_BIN / "rentan")
    subprocess.run([rentan, "keys", "create", "--db", str(db), "--user", "admin"], env=_env(),
                   stdout=subprocess.DEVNULL, check=False)  # fmt: skip
    return _migrated(db)


def _prepare_rt(count: int) -> tuple[Path, str]:
    """A database where ``count`` people live in RT 001 / RW 001 of one desa.

    Above 10,000 the cached 10,000-person demo is repeated with new UUIDs and NIKs (``rentan
    demo --count 150000`` takes over 20 minutes on the shared machine): same names, addresses
    and jobs, so the same wrapping, and rows the list reads exactly as it reads real ones.
    """
    base = min(count, 10_000)
    db = _office_copy(_demo(base), OUT / f"rt-{count}.db")
    con = sqlite3.connect(db)
    columns = [r[1] for r in con.execute("PRAGMA table_info(registrant)") if r[1] != "id"]
    copied = ", ".join(
        "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
        "substr(lower(hex(randomblob(2))), 2) || '-a' || substr(lower(hex(randomblob(2))), 2) || "
        "'-' || lower(hex(randomblob(6)))"
        if c == "uuid"
        else "substr(nik, 1, 6) || printf('%010d', ? * 100000 + id)"
        if c == "nik"
        else c
        for c in columns
    )
    for generation in range(1, -(-count // base)):
        con.execute(
            f"INSERT INTO registrant ({', '.join(columns)}) SELECT {copied} FROM registrant "
            "WHERE id <= ?",
            (generation, base),
        )
    con.execute("DELETE FROM registrant WHERE id > ?", (count,))
    desa = con.execute(
        "SELECT desa_kode FROM registrant GROUP BY desa_kode ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    con.execute("UPDATE registrant SET desa_kode=?, rt='001', rw='001', status='verified'", (desa,))
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return _migrated(db), desa


def _migrated(db: Path) -> Path:
    """Open the prepared file once with the app, so a schema migration (and the copy kept before
    it) happens here, not inside every timed run."""
    subprocess.run([str(VENV_BIN / "rentan"), "stats", "--db", str(db), "--json"], env=_env(),
                   stdout=subprocess.DEVNULL, check=True)  # fmt: skip
    return db


def _fresh(src: Path, name: str) -> Path:
    """Each run starts from the same prepared file (the command changes the queue / list rows)."""
    return _office_copy(src, OUT / name)


def run(quick: bool) -> list[dict]:
    OUT.mkdir(exist_ok=True)
    return card_rows(quick) + rt_rows(quick)


def card_rows(quick: bool) -> list[dict]:
    repeat = common.repeat(3 if quick else 2)
    rentan, python = str(VENV_BIN / "rentan"), str(VENV_BIN / "python")
    count = 1_000 if quick else 10_000
    cards_db = _prepare_cards(count)
    bare_cards = OUT / "bare_cards.py"
    bare_cards.write_text(BARE_CARDS)
    pair = common.interleave(
        lambda _i: _run([rentan, "print", "cards", "--db", str(_fresh(cards_db, "cards-run.db")),
                         "--user", "admin", "--request-all", "-o", str(OUT / "bench-cards-cli.pdf")]),
        lambda _i: _run([python, str(bare_cards), str(_fresh(cards_db, "cards-bare.db")),
                         str(OUT / "bench-cards-bare-process.pdf")]),
        repeat,
    )  # fmt: skip
    return common.process_rows(
        f"{count:,} cards: rentan print cards --request-all",
        pair,
        floor="python + sqlite3: INSERT..SELECT into the queue, one joined SELECT, the same signed "
        "tokens, drawString text on fronts and backs, the same QR codes through qr.draw, one "
        "executemany UPDATE; WAL, synchronous=FULL, 256 MiB page cache",
        target=1.5,
    )


def rt_rows(quick: bool) -> list[dict]:
    repeat = common.repeat(3 if quick else 2)
    rentan, python = str(VENV_BIN / "rentan"), str(VENV_BIN / "python")
    people = 15_000 if quick else 150_000
    rt_db, desa = _prepare_rt(people)
    bare_rt = OUT / "bare_rt.py"
    bare_rt.write_text(BARE_RT)
    pair = common.interleave(
        lambda _i: _run([rentan, "print", "rt-list", "--db", str(_fresh(rt_db, "rt-run.db")),
                         "--user", "admin", "--desa", desa, "--rt", "1",
                         "-o", str(OUT / "bench-rt-cli.pdf")]),
        lambda _i: _run([python, str(bare_rt), str(_fresh(rt_db, "rt-bare.db")), desa, "001",
                         str(OUT / "bench-rt-bare-process.pdf")]),
        repeat,
    )  # fmt: skip
    return common.process_rows(
        f"RT list of {people:,} people in one RT: rentan print rt-list",
        pair,
        floor="python + sqlite3: one joined SELECT, masked NIK and age, drawString cells wrapped "
        "only when wider than the column (each distinct text measured once), lines, tick boxes, header with the QR code, one "
        "executemany INSERT of the list rows; WAL, synchronous=FULL, 256 MiB page cache",
        target=1.5,
    )


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(row)
