"""Log files: rotation under the user log folder, and no full NIK, mother's name or address in them."""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rentan_desktop import logging_setup
from rentan_desktop.logging_setup import MASK, configure, scrub

NIK = "6408014512900001"
SIXTEEN = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Puts the root logger and the exception hooks back as pytest had them."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    hook, thread_hook = sys.excepthook, threading.excepthook
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hook, thread_hook
    logging.captureWarnings(False)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_log_file_has_no_full_nik_mother_name_or_address(
    tmp_path: Path, restore_logging: None
) -> None:
    path = configure("rentan", directory=tmp_path)
    assert path == tmp_path / "rentan.log"
    log = logging.getLogger("rentan_desktop.services.test")
    log.info("added nik=%s", NIK)
    log.info("kk %s", "6408 0145 1290 0002")
    log.info(
        "row %s", {"nik": NIK, "nama_ibu": "Siti Aminah", "alamat": "Jl. Pahlawan No. 5, Sangatta"}
    )
    log.info(
        "%(nama_ibu)s / %(alamat)s / %(rt)s",
        {"nama_ibu": "Halimah", "alamat": "Gg. Mawar", "rt": "007"},
    )
    log.warning("changed nama_ibu=Rukmini, alamat=Jl. Yos Sudarso 12, RT 003, desa=Swarga Bara")
    log.info("registrant %r", _Registrant())
    try:
        raise ValueError(f"NIK {NIK} ditolak")
    except ValueError:
        log.exception("import failed")
    _flush()
    text = path.read_text(encoding="utf-8")
    for secret in (
        NIK,
        "0145 1290",
        "Siti",
        "Pahlawan",
        "Halimah",
        "Mawar",
        "Rukmini",
        "Yos Sudarso",
        "Wahyuni",
        "Kenanga",
    ):
        assert secret not in text, secret
    assert "************0001" in text and "************0002" in text  # masked, still useful
    assert not SIXTEEN.search(text)
    assert "rt': '001'" not in text and "/ 007" in text  # other fields stay readable
    assert "desa=Swarga Bara" in text
    assert "Traceback" in text and "ValueError" in text
    assert text.count(MASK) >= 6


class _Registrant:
    def __repr__(self) -> str:
        return f"Registrant(nik='{NIK}', nama='Ani', nama_ibu='Wahyuni', alamat='Jl. Kenanga')"


def test_uncaught_thread_exception_is_logged_scrubbed(
    tmp_path: Path, restore_logging: None
) -> None:
    path = configure("rentan-desktop", directory=tmp_path)
    assert path is not None

    def boom() -> None:
        raise RuntimeError(f"bad row nik {NIK} alamat: Jl. Kenanga 3")

    worker = threading.Thread(target=boom)
    worker.start()
    worker.join()
    _flush()
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "RuntimeError" in text
    assert NIK not in text and "Kenanga" not in text


def test_rotates_and_keeps_a_bounded_number_of_files(tmp_path: Path, restore_logging: None) -> None:
    configure("rentan", directory=tmp_path, max_bytes=2_000)
    log = logging.getLogger("rentan_desktop.rotation")
    for i in range(400):
        log.info("line %04d %s", i, "x" * 60)
    _flush()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "rentan.log.1" in files
    assert len(files) == logging_setup.BACKUP_COUNT + 1
    assert all(p.stat().st_size <= 2_200 for p in tmp_path.iterdir())


def test_configure_twice_keeps_one_file_handler(tmp_path: Path, restore_logging: None) -> None:
    configure("rentan", directory=tmp_path)
    configure("rentan", directory=tmp_path)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_rentan_handler", False)]
    assert len(ours) == 1
    logging.getLogger("rentan_desktop").info("once")
    _flush()
    assert (tmp_path / "rentan.log").read_text(encoding="utf-8").count(": once") == 1


def test_unwritable_folder_falls_back_to_stderr(tmp_path: Path, restore_logging: None) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert configure("rentan", directory=blocker / "logs") is None
    logging.getLogger("rentan_desktop").warning("still alive")  # must not raise


def test_level_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_logging: None
) -> None:
    monkeypatch.setenv("RENTAN_LOG_LEVEL", "debug")
    configure("rentan", directory=tmp_path)
    assert logging.getLogger().level == logging.DEBUG
    monkeypatch.setenv("RENTAN_LOG_LEVEL", "chatty")  # unknown: INFO, never a crash
    configure("rentan", directory=tmp_path)
    assert logging.getLogger().level == logging.INFO


def test_log_dir_honours_environment_and_platform_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTAN_LOG_DIR", str(tmp_path / "custom"))
    assert logging_setup.log_dir() == tmp_path / "custom"
    monkeypatch.delenv("RENTAN_LOG_DIR")
    assert "RentanDesktop" in logging_setup.log_dir().parts


@settings(max_examples=200, deadline=None)
@given(
    before=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=20),
    digits=st.text(alphabet="0123456789", min_size=16, max_size=16),
    sep=st.sampled_from(["", " ", ".", "-"]),
    after=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=20),
)
def test_scrub_never_leaves_sixteen_digits(before: str, digits: str, sep: str, after: str) -> None:
    grouped = sep.join(digits[i : i + 4] for i in range(0, 16, 4))
    out = scrub(f"{before}{grouped}{after}")
    assert digits not in re.sub(r"[ .\-]", "", out)
    assert "*" * 12 + digits[-4:] in out


def test_scrub_leaves_short_numbers_alone() -> None:
    text = "KPJ 12345678901, hp +6281234567890, 200 rows in 1.5 s, RT 001"
    assert scrub(text) == text
