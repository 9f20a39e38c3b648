"""Rotating log files under the user log folder, with personal data kept out of them.

UU 27/2022 (personal data protection) means a log file copied to a USB stick for support must not
carry a full NIK or KK, a mother's name or an address. Two layers make that hold whatever a caller
writes: a filter cleans each record's message and arguments, and the formatter cleans the final
line again (that catches exception text and tracebacks, which the filter never sees).

The composition roots call ``configure("rentan")`` (CLI) or ``configure("rentan-desktop")`` (GUI)
once at start-up.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import re
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from platformdirs import user_log_dir

from rentan_desktop.domain.formatting import mask_nik

APP_DIR_NAME = "RentanDesktop"  # same folder name as services.context (data) uses
LOG_DIR_ENV = "RENTAN_LOG_DIR"  # override for tests, the smoke check and portable installs
LOG_LEVEL_ENV = "RENTAN_LOG_LEVEL"  # e.g. DEBUG, when support asks for more detail
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(name)s: %(message)s"
MASK = "[disembunyikan]"

# 16 digits, alone or in groups split by spaces, dots or dashes ("6408 0101 0101 0001"): NIK and KK.
_SIXTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9](?:[ .\-]?[0-9]){15}(?![0-9])")
# Fields whose values never belong in a log, however they are written: key=value, key: value,
# 'key': 'value' (a dict's repr) or "key": "value" (JSON).
SENSITIVE_FIELDS = (
    "nama_ibu",
    "ibu_kandung",
    "nama_ibu_kandung",
    "alamat",
    "address",
    "mother_name",
)
_FIELD = "|".join(SENSITIVE_FIELDS)
_SENSITIVE_PAIR = re.compile(
    rf"""(?P<key>['"]?\b(?:{_FIELD})\b['"]?\s*[:=]\s*)"""
    # An unquoted value runs to the end of the line or the next "key=" (addresses hold commas).
    r"""(?P<value>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|(?:(?![,;]\s*\w+\s*[=:])[^;}\)\]\n])*)""",
    re.IGNORECASE,
)


def mask_digits(match: re.Match[str]) -> str:
    """A NIK-like number found in a log line, masked as everywhere else."""
    return mask_nik(re.sub(r"[^0-9]", "", match.group(0)))


def scrub(text: str) -> str:
    """``text`` with every NIK-like 16-digit number masked and sensitive field values hidden.

    Args:
        text: a formatted log line, message or traceback.

    Returns:
        The same text, e.g. ``"nik=************0001 nama_ibu=[disembunyikan]"``.
    """
    text = _SENSITIVE_PAIR.sub(lambda m: m.group("key") + MASK, text)
    return _SIXTEEN_DIGITS.sub(mask_digits, text)


def _hide_fields(args: Any) -> Any:
    """Replaces the values of sensitive keys in mapping arguments (``"%(nama_ibu)s"`` style)."""
    if isinstance(args, Mapping):
        return {
            k: MASK if str(k).lower() in SENSITIVE_FIELDS else _hide_fields(v)
            for k, v in args.items()
        }
    if isinstance(args, tuple):
        return tuple(_hide_fields(v) for v in args)
    return args


class PrivacyFilter(logging.Filter):
    """Cleans a record in place: message, arguments and any ``extra`` attribute named like a field."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.args = _hide_fields(record.args)
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = scrub(message), None
        for name in SENSITIVE_FIELDS:
            if hasattr(record, name):
                setattr(record, name, MASK)
        return True


class PrivacyFormatter(logging.Formatter):
    """Scrubs the whole formatted line, including exception text and stack."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_dir() -> Path:
    """Where log files go: ``$RENTAN_LOG_DIR`` or the platform's user log folder.

    Linux ``~/.local/state/RentanDesktop/log``; Windows ``%LOCALAPPDATA%\\RentanDesktop\\Logs``.
    """
    override = os.environ.get(LOG_DIR_ENV)
    return Path(override) if override else Path(user_log_dir(APP_DIR_NAME, appauthor=False))


_OURS = "_rentan_handler"


def configure(
    app: str,
    *,
    level: int | None = None,
    directory: Path | None = None,
    console: bool = False,
    excepthook: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Path | None:
    """Send the root logger to a rotating ``<app>.log``; safe to call again (handlers are replaced).

    Args:
        app: file stem, ``"rentan"`` for the CLI or ``"rentan-desktop"`` for the GUI. Separate files
            because Windows cannot rotate a file another process holds open.
        level: the root logger's level (default ``$RENTAN_LOG_LEVEL`` or INFO).
        directory: log folder (default: :func:`log_dir`).
        console: also log warnings and worse to stderr (when there is one).
        excepthook: log uncaught exceptions (main thread and worker threads) before the default hook.
        max_bytes: size at which the file rotates (``BACKUP_COUNT`` older files are kept).

    Returns:
        The log file's path, or ``None`` when the folder cannot be written (logging then goes to
        stderr only; the app must keep working on a locked-down profile).
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    formatter = PrivacyFormatter(FORMAT)
    handlers: list[logging.Handler] = []
    path: Path | None = (directory or log_dir()) / f"{app}.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                path, maxBytes=max_bytes, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
        )
    except OSError:
        path = None
    if (console or path is None) and sys.stderr is not None:  # windowed .exe: stderr is None
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        handlers.append(stream)
    for handler in handlers:
        setattr(handler, _OURS, True)
        handler.addFilter(PrivacyFilter())
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(level if level is not None else _level_from_env())
    logging.captureWarnings(True)
    if excepthook:
        _install_hooks()
    from rentan_desktop import __version__

    logging.getLogger("rentan_desktop").info(
        "%s %s started (python %s, %s, frozen=%s)",
        app,
        __version__,
        platform.python_version(),
        platform.platform(terse=True),
        bool(getattr(sys, "frozen", False)),
    )
    return path


def _level_from_env() -> int:
    name = os.environ.get(LOG_LEVEL_ENV, "").strip().upper()
    value = logging.getLevelName(name) if name else logging.INFO
    return value if isinstance(value, int) else logging.INFO  # unknown names fall back to INFO


def _log_uncaught(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        logging.getLogger("rentan_desktop").critical(
            "uncaught exception", exc_info=(kind, value, tb)
        )


def _install_hooks() -> None:
    if getattr(sys.excepthook, _OURS, False):
        return
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        _log_uncaught(kind, value, tb)
        previous(kind, value, tb)

    setattr(hook, _OURS, True)
    sys.excepthook = hook
    previous_thread = threading.excepthook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)
        previous_thread(args)

    threading.excepthook = thread_hook
