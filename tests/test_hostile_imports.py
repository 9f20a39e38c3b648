"""Every import path refuses the hostile corpus with one sentence, quickly, in bounded memory, and
changes nothing: the service layer in this process, the CLI as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests import hostile_files
from tests import test_batch_support as support
from tests.test_batch_support import Link, add_verified, snapshot

from conftest import ADMIN_PASSWORD
from rentan_desktop.io import safe_sheet
from rentan_desktop.services import (
    batch_import,
    batches,
    bpjs,
    legacy_import,
    receipts,
    template_import,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
MAX_SECONDS = 20.0
MAX_RSS = 600 << 20  # the CLI process or its child, whichever peaked higher


def _one_sentence(message: str, name: str) -> None:
    assert name in message, message
    assert "Traceback" not in message and "{" not in message and "\n" not in message.strip(), (
        message
    )


@pytest.fixture(scope="module")
def xlsx_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_files.corpus(tmp_path_factory.mktemp("hostile-xlsx"))


@pytest.fixture(scope="module")
def legacy_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_files.legacy_corpus(tmp_path_factory.mktemp("hostile-legacy"))


def _count(ctx: AppContext) -> int:
    import sqlite3

    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute("SELECT count(*) FROM registrant").fetchone()[0]
    finally:
        con.close()


def test_template_import_refuses_each_file(
    ctx: AppContext, admin: User, xlsx_corpus: dict[str, Path]
) -> None:
    for what, path in xlsx_corpus.items():
        started = time.monotonic()
        with pytest.raises(UserError) as refused:
            template_import.import_template(ctx, actor=admin, path=path)
        assert time.monotonic() - started < MAX_SECONDS, what
        assert safe_sheet.last_stats.peak_rss < MAX_RSS, what
        _one_sentence(refused.value.message("id"), path.name)
    assert _count(ctx) == 0


def test_legacy_import_refuses_each_file(
    ctx: AppContext, admin: User, legacy_corpus: dict[str, Path]
) -> None:
    for what, path in legacy_corpus.items():
        started = time.monotonic()
        with pytest.raises(UserError) as refused:
            legacy_import.check(ctx, actor=admin, path=path)
        # Listing sheets reads only the workbook's index: it refuses what the cheap checks catch
        # and otherwise lists names; reading a sheet (above) is where the rest is refused.
        try:
            names = legacy_import.sheet_names(ctx, actor=admin, path=path)
        except UserError as exc:
            _one_sentence(exc.message("id"), path.name)
        else:
            assert what in ("cell at XFD1048576", "csv endless line"), (what, names)
        assert time.monotonic() - started < MAX_SECONDS, what
        assert safe_sheet.last_stats.peak_rss < MAX_RSS, what
        _one_sentence(refused.value.message("id"), path.name)
    assert _count(ctx) == 0


def test_batch_verify_and_import_refuse_a_tampered_batch(
    link: Link, xlsx_corpus: dict[str, Path]
) -> None:
    # The coordinator only verifies: no key is needed to meet the file, so it must not kill the app.
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    before = snapshot(link.kab)
    for what, path in xlsx_corpus.items():
        done.xlsx.write_bytes(path.read_bytes())
        started = time.monotonic()
        report = batch_import.verify_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
        result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
        assert time.monotonic() - started < MAX_SECONDS, what
        assert len(report.errors) == 1 and not result.imported, what
        message = report.errors[0].message("id")
        assert "Traceback" not in message and "{" not in message, (what, message)
    assert snapshot(link.kab) == before


def test_bpjs_result_import_refuses_each_file(link: Link, xlsx_corpus: dict[str, Path]) -> None:
    before = snapshot(link.kab)
    for what, path in xlsx_corpus.items():
        with pytest.raises(UserError) as refused:
            bpjs.import_result(link.kab, actor=link.kab_admin, path=path)
        _one_sentence(refused.value.message("id"), path.name)
        assert safe_sheet.last_stats.peak_rss < MAX_RSS, what
    assert snapshot(link.kab) == before


def test_nested_json_receipt_and_manifest_are_refused_not_recursion_errors(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    deep = b"[" * 200_000 + b"]" * 200_000
    receipt = link.usb / "RECEIPT-640801-00001-01.json"
    receipt.write_bytes(deep)
    receipt.with_suffix(".sig").write_bytes(deep)
    before = snapshot(link.kec)
    applied = receipts.import_receipt(link.kec, actor=link.kec_admin, path=receipt)
    assert not applied.ok and "RECEIPT" in applied.errors[0].message("id")
    assert snapshot(link.kec) == before
    manifest = done.xlsx.with_name(done.xlsx.stem + ".manifest.json")
    manifest.write_bytes(b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
    report = batch_import.verify_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert len(report.errors) == 1 and "Traceback" not in report.errors[0].message("id")


def _data(ctx: AppContext) -> dict[str, object]:
    return {k: v for k, v in snapshot(ctx).items() if k != "audit_event"}


# ---- the CLI, as a separate process ------------------------------------------------------------

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
    "print(p.returncode, rss, time.monotonic() - t)\n"
    "sys.stderr.write(p.stdout + p.stderr)\n"
)


def _cli(rentan_bin: str, *args: str) -> tuple[int, int, float, str]:
    """Exit code, peak RSS of the CLI or its child (whichever is larger), seconds, output."""
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, rentan_bin, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    code, rss, seconds = out.stdout.split()
    return int(code), int(rss), float(seconds), out.stderr


def _assert_refused(rentan_bin: str, seen: list[object], *args: str) -> None:
    code, rss, seconds, output = _cli(rentan_bin, *args)
    seen.append((args[0], Path(args[-1]).name, code, rss >> 20, round(seconds, 1)))
    assert code == 1, (args, output)  # refused with a sentence: not a crash, not a signal
    assert "Traceback" not in output and output.strip(), (args, output)
    assert seconds < MAX_SECONDS * 2 and rss < MAX_RSS, (args, rss, seconds)


def test_cli_template_and_legacy_imports_refuse_each_file(
    rentan_bin: str,
    db_path: Path,
    xlsx_corpus: dict[str, Path],
    legacy_corpus: dict[str, Path],
) -> None:
    common = ["--db", str(db_path), "--user", "admin"]
    seen: list[object] = []
    # Each CLI start costs seconds: the service tests above cover every file in every path;
    # here one file of each kind shows the separate process ends with a sentence and exit code 1.
    for what in ("cell at XFD1048576", "four billion strings", "zip bomb"):
        _assert_refused(rentan_bin, seen, "import-xlsx", *common, str(xlsx_corpus[what]))
    for what in (
        "dimension A1:XFD1048576",
        "ods rows repeated",
        "xlsb whole grid",
        "csv endless line",
        "truncated zip",
        "xls cell at column 65535",
    ):
        _assert_refused(rentan_bin, seen, "import-legacy", *common, str(legacy_corpus[what]))
    _assert_refused(
        rentan_bin,
        seen,
        "import-legacy",
        *common,
        "--commit",
        str(legacy_corpus["ods empty rows then a value"]),
    )
    print(json.dumps(seen))


def test_cli_batch_verify_import_and_bpjs_refuse_a_tampered_file(
    rentan_bin: str,
    link: Link,
    xlsx_corpus: dict[str, Path],
) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    common = ["--db", str(link.kab.db.path), "--user", "admin"]
    before = _data(link.kab)
    seen: list[object] = []
    for what in ("cell at XFD1048576", "four billion strings"):
        done.xlsx.write_bytes(xlsx_corpus[what].read_bytes())
        _assert_refused(rentan_bin, seen, "verify-batch", *common, str(done.xlsx))
        _assert_refused(rentan_bin, seen, "import-batch", *common, str(done.xlsx))
        _assert_refused(rentan_bin, seen, "bpjs", "import-result", *common, str(xlsx_corpus[what]))
    assert _data(link.kab) == before  # (each CLI login adds its own audit event)
    print(json.dumps(seen))
