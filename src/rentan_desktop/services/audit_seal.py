"""What makes the audit trail tamper-evident against someone holding the database file.

Three things, all under the audit key of the office key store (``signing.key_folder.audit_key``):

1. **Keyed chain.** Every event hash is an HMAC (``services.audit``); the writer connections get
   the SQL function ``rentan_mac`` that computes it, so the key never lies in the database.
2. **Sealed rows.** Every registrant row carries ``row_mac``, the HMAC of its other columns. The
   app's writer connections keep it current with *temporary* triggers (they exist only on the
   app's own connections): a row changed with the sqlite3 tool, or by any program without the
   key, keeps a seal that no longer matches.
3. **Anchored head.** After each write that appended events, the newest event (id and hash, with
   an HMAC) is written beside the key, alternating between two files so a power cut mid-write
   always leaves one intact (an unreadable slot is ignored, a readable one with a bad HMAC is
   forgery). Deleting the newest events, or swapping in an older copy of the
   file, no longer matches the anchor.

:func:`verify` checks all three (``rentan audit verify`` and the GUI's start-up check). An
existing database is re-keyed once, on the first open by this version, with an ``audit.rekey``
event that covers the old chain's head; after a schema upgrade the rows are re-sealed with an
``audit.reseal`` event that counts the rows whose seal changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text as sql_text
from sqlmodel import Session

from rentan_desktop.domain import issues
from rentan_desktop.services import audit, server_seal
from rentan_desktop.signing.key_folder import AuditKeyLocked, KeyFileError, audit_key, key_dir_for
from rentan_desktop.storage import db as storage_db
from rentan_desktop.storage.driver_sql import is_server

if TYPE_CHECKING:
    from rentan_desktop.storage.db import Database

SYSTEM_ACTOR = "sistem"
ANCHOR_FILES = ("audit.anchor.0", "audit.anchor.1")
_RECORD = 256  # bytes of one anchor record (JSON padded with spaces)
_SEAL_EXCLUDED = ("row_mac",)
ROW_MAC_INFO = "rentan_row_mac"  # the row seal's Python function in a server connection's info


def key_dir(db_path: Path) -> Path:
    return key_dir_for(db_path)


def _load_key(db_path: Path) -> bytes:
    """The audit key, made on first use; a damaged key file is kept aside and replaced.

    Raises:
        AuditKeyLocked: sealed under the office key, which is not unlocked in this process.
    """
    folder = key_dir(db_path)
    try:
        key = audit_key(folder, create=True)
        if (
            (folder / "office.key").exists()
            and (folder / "audit.key").exists()
            and not (folder / "office.secret").exists()
        ):
            # A plain key beside a passphrase-protected office key: a folder from before the
            # audit key was sealed. Seal it now when a passphrase source is at hand.
            from rentan_desktop.services import key_unlock  # loads cryptography: only here
            from rentan_desktop.services.errors import UserError

            with contextlib.suppress(UserError):
                key = key_unlock.open_audit_key(folder) or key
    except AuditKeyLocked:
        from rentan_desktop.services import key_unlock  # RENTAN_KEY_PASSPHRASE, keyring

        opened = key_unlock.open_audit_key(folder)
        if opened is None:
            raise
        return opened
    except KeyFileError:
        damaged = folder / "audit.key"
        with contextlib.suppress(OSError):
            damaged.replace(folder / f"audit.key.damaged-{datetime.now():%Y%m%dT%H%M%S}")
        key = audit_key(folder, create=True)
    assert key is not None
    return key


def audit_key_locked(db_path: Path) -> bool:
    """True when the audit key of this database is sealed and not open in this process: nothing
    can be written until the office key is unlocked (``trust.unlock_for_session``)."""
    try:
        audit_key(key_dir(Path(db_path)))
    except AuditKeyLocked:
        return True
    except KeyFileError:
        return False
    return False


def row_mac(key: bytes, row_json: str) -> str:
    return hmac.new(key, b"row\x00" + row_json.encode("utf-8"), hashlib.sha256).hexdigest()


def seal_columns(con: Any) -> list[str]:
    """The registrant columns a seal covers, in table order (every column but the seal)."""
    rows = con.execute("PRAGMA table_info(registrant)").fetchall()
    return [r[1] for r in rows if r[1] not in _SEAL_EXCLUDED]


def _json_expr(columns: list[str], prefix: str = "") -> str:
    return "json_array(" + ", ".join(f"{prefix}{c}" for c in columns) + ")"


class _KeyRef:
    """The audit key of one open database, resolved when first needed.

    A sealed key that no passphrase source could open at start-up leaves the database readable
    but not writable: every write is refused with one sentence (``audit.key_locked``) until the
    office key is unlocked in this process, so nothing is ever written without its seal.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.key: bytes | None = None
        self._anchor_name: str | None = None  # the resolved path, once: not one realpath per save
        self.pending: Database | None = None  # opened while locked: ensure() still to run
        with contextlib.suppress(AuditKeyLocked):
            self.key = _load_key(self.db_path)

    def peek(self) -> bytes | None:
        if self.key is None:
            with contextlib.suppress(KeyFileError):
                self.key = audit_key(key_dir(self.db_path))
        return self.key

    def get(self) -> bytes:
        key = self.peek()
        if key is None:
            raise AuditKeyLocked("the audit key is sealed under the locked office key")
        return key

    def before_write(self) -> None:
        if self.peek() is None:
            from rentan_desktop.services.errors import UserError

            raise UserError(AUDIT_KEY_LOCKED)
        db, self.pending = self.pending, None
        if db is not None:
            ensure(db, self.get())

    def after_open(self, db: Database) -> None:
        if self.peek() is None:
            self.pending = db
            return
        ensure(db, self.get())

    def after_commit(self, con: sqlite3.Connection) -> None:
        key = self.peek()
        if key is not None:
            if self._anchor_name is None:
                self._anchor_name = _anchor_name(self.db_path)
            anchor_for(self.db_path, key, name=self._anchor_name).after_commit(con)


def _on_connect(ref: _KeyRef) -> Any:
    def register(con: sqlite3.Connection) -> None:
        # The key is looked up per call: it may be unlocked after this connection was opened.
        def mac(text: str) -> str:
            return audit.keyed_hash(ref.get(), text)

        con.create_function("rentan_mac", 1, mac, deterministic=True)
        if isinstance(con, storage_db.WriterConnection):
            con.rentan_mac = mac  # the same function, called without a statement (bulk events)
        con.create_function(
            "rentan_row_mac", 1, lambda text: row_mac(ref.get(), text), deterministic=True
        )
        columns = seal_columns(con)
        if not columns:
            return
        new = _json_expr(columns, "NEW.")
        # TEMP triggers live only on this connection: another program's writes are not sealed.
        con.execute(_insert_trigger(columns))
        con.execute(
            "CREATE TEMP TRIGGER IF NOT EXISTS rentan_seal_update AFTER UPDATE OF "
            f"{', '.join(columns)} ON main.registrant "
            f"BEGIN UPDATE registrant SET row_mac = rentan_row_mac({new}) "
            "WHERE id = NEW.id; END"
        )

    return register


def _insert_trigger(columns: list[str]) -> str:
    return (
        "CREATE TEMP TRIGGER IF NOT EXISTS rentan_seal_insert AFTER INSERT ON main.registrant "
        f"BEGIN UPDATE registrant SET row_mac = rentan_row_mac({_json_expr(columns, 'NEW.')}) "
        "WHERE id = NEW.id; END"
    )


#: From this many rows a bulk load seals its rows after the load (see :func:`sealed_after_load`).
BULK_SEAL_MIN_ROWS = 1000


@contextlib.contextmanager
def sealed_after_load(con: sqlite3.Connection, rows: int) -> Iterator[None]:
    """Around a bulk insert of ``rows`` registrant rows on a writer connection, inside its open
    transaction: the rows are sealed by one UPDATE after the load instead of by the insert
    trigger's UPDATE per row (50,000 rows: 3.7 s of CPU less, the same seals). The trigger is
    dropped for the load and made again before the caller commits, also when the load fails
    half-way; the writer lock is held throughout, so no row is committed unsealed."""
    if (
        rows < BULK_SEAL_MIN_ROWS
        or not isinstance(con, sqlite3.Connection)
        or not con.in_transaction
    ):
        yield
        return
    present = con.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger' AND name = 'rentan_seal_insert'"
    ).fetchone()
    if present is None:  # not a sealing connection: nothing to defer
        yield
        return
    (last,) = con.execute("SELECT coalesce(max(id), 0) FROM registrant").fetchone()
    con.execute("DROP TRIGGER temp.rentan_seal_insert")
    try:
        yield
    finally:
        if con.in_transaction:  # else SQLite rolled it all back, the DROP included
            columns = seal_columns(con)
            con.execute(
                f"UPDATE registrant SET row_mac = rentan_row_mac({_json_expr(columns)}) "
                "WHERE id > ?",
                (last,),
            )
            con.execute(_insert_trigger(columns))


@dataclass
class _Anchor:
    """The anchor files of one database; remembers what it wrote last to skip needless writes."""

    folder: Path
    key: bytes
    last_id: int = 0
    slot: int = 0
    # Anchors are made from nothing only right after a re-key or a restore: anchor files that
    # vanished otherwise stay missing, for verify to report, instead of being quietly remade.
    may_create: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    # What :meth:`read` last found, with the files' identity then (inode, size, change times):
    # a save re-reads and re-checks the anchors only when another writer has touched them since.
    # The change time (ctime) cannot be set back by a program, so a forged anchor is always seen.
    _seen: tuple[object, ...] | None = None
    _found: list[tuple[int, str, bool] | None] = field(default_factory=list)

    def mac(self, event_id: int, digest: str) -> str:
        text = f"rentan.audit.anchor\x00{event_id}\x00{digest}".encode()
        return hmac.new(self.key, text, hashlib.sha256).hexdigest()

    def after_commit(self, con: sqlite3.Connection) -> None:
        try:
            found = con.execute(audit._HEAD_ID).fetchone()
        except sqlite3.Error:
            return
        if found is None or found[0] <= self.last_id or not str(found[1]).startswith(audit.KEYED):
            return
        self.write(int(found[0]), str(found[1]))

    def write(self, event_id: int, digest: str) -> None:
        with self.lock:
            if event_id <= self.last_id:
                return
            found = self._read_if_touched()
            if any(a is not None and not a[2] for a in found):
                return  # a forged anchor is evidence: never overwrite it
            valid = [a[0] for a in found if a is not None]
            if not valid and not self.may_create:
                return
            newest = max(valid, default=0)
            if event_id < newest:  # another process anchored a later head already
                self.last_id = newest
                return
            body = json.dumps(
                {"event_id": event_id, "hash": digest, "mac": self.mac(event_id, digest)}
            ).encode()
            self.slot = 1 - self.slot
            path = self.folder / ANCHOR_FILES[self.slot]
            # One fixed-size record written in place: no truncate, rename or fsync, each of which
            # cost milliseconds per save on ext4 (a truncated-and-rewritten file is flushed at
            # close). A power cut can tear only the slot being written; the other holds the head
            # before, and a record this small lies within one disk sector.
            try:
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
                except FileNotFoundError:  # the key folder itself is gone
                    self.folder.mkdir(parents=True, exist_ok=True)
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
                try:
                    os.pwrite(fd, body.ljust(_RECORD), 0)
                    written = _identity_of(os.fstat(fd))
                finally:
                    os.close(fd)
            except OSError:
                self._seen = None
                return  # a full disk must not fail the save; the next write tries again
            self.last_id = event_id
            self.may_create = False
            found = list(found)
            found[self.slot] = (event_id, digest, True)
            seen = list(self._seen or (None,) * len(ANCHOR_FILES))
            seen[self.slot] = written  # the other file: as _read_if_touched just saw it
            self._found, self._seen = found, tuple(seen)

    def _identity(self) -> tuple[object, ...]:
        out: list[object] = []
        for name in ANCHOR_FILES:
            try:
                out.append(_identity_of(os.stat(self.folder / name)))
            except OSError:
                out.append(None)
        return tuple(out)

    def _read_if_touched(self) -> list[tuple[int, str, bool] | None]:
        seen = self._identity()
        if seen != self._seen or len(self._found) != len(ANCHOR_FILES):
            self._found, self._seen = self.read(), seen
        return self._found

    def read(self) -> list[tuple[int, str, bool] | None]:
        """Each anchor file as (event id, hash, MAC ok), None when absent or unreadable."""
        out: list[tuple[int, str, bool] | None] = []
        for name in ANCHOR_FILES:
            try:
                doc = json.loads((self.folder / name).read_bytes())
                event_id, digest = int(doc["event_id"]), str(doc["hash"])
                ok = hmac.compare_digest(self.mac(event_id, digest), str(doc["mac"]))
            except (OSError, ValueError, KeyError, TypeError):
                out.append(None)
                continue
            out.append((event_id, digest, ok))
        return out

    def clear(self) -> None:
        with self.lock:
            self._seen = None
            for name in ANCHOR_FILES:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
            self.last_id = 0
            self.may_create = True


def _identity_of(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


_ANCHORS: dict[str, _Anchor] = {}


def _anchor_name(db_path: Path) -> str:
    return str(Path(db_path).resolve())


def anchor_for(db_path: Path, key: bytes | None = None, *, name: str | None = None) -> _Anchor:
    """The anchor of the database at ``db_path`` (``name``: its resolved path, when known)."""
    name = name or _anchor_name(db_path)
    found = _ANCHORS.get(name)
    if found is None or (key is not None and found.key != key):
        found = _Anchor(key_dir(db_path), key or _load_key(Path(db_path)))
        _ANCHORS[name] = found
    return found


def hooks_for(path: Path) -> storage_db.Hooks:
    ref = _KeyRef(path)

    def row_seal(text: str) -> str:
        return row_mac(ref.get(), text)

    def server_connect(info: dict[Any, Any]) -> None:
        # The server's counterpart of the SQL functions: Python callables (see services/audit.py).
        info[audit.MAC_INFO] = lambda text: audit.keyed_hash(ref.get(), text)
        info[ROW_MAC_INFO] = row_seal
        info[audit.KEY_DIR_INFO] = key_dir(ref.db_path)

    def before_commit(session: Session) -> None:
        session.flush()
        server_seal.seal_touched(session.connection(), row_seal, _SEAL_EXCLUDED)

    return storage_db.Hooks(
        on_connect=_on_connect(ref),
        after_commit=ref.after_commit,
        after_open=ref.after_open,
        before_write=ref.before_write,
        server_connect=server_connect,
        before_commit=before_commit,
    )


def install() -> None:
    """Give every database opened from now on the key, the seal triggers and the anchor."""
    storage_db.install_hooks(hooks_for)


def _seal_all(con: Any) -> tuple[int, int]:
    """(rows, rows whose seal changed): recompute every row's seal on a writer connection."""
    if is_server(con):
        return server_seal.seal_all(con.conn, con.info[ROW_MAC_INFO], _SEAL_EXCLUDED)
    expr = f"rentan_row_mac({_json_expr(seal_columns(con))})"
    total = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
    changed = con.execute(
        f"UPDATE registrant SET row_mac = {expr} WHERE row_mac IS NOT {expr}"
    ).rowcount
    return int(total), int(changed)


def _rekey_state(con: sqlite3.Connection) -> tuple[str, str | None]:
    """(head hash, key id of the last re-key or None when the chain was never keyed)."""
    found = con.execute(audit._HEAD_ID).fetchone()
    last = con.execute(
        "SELECT detail FROM audit_event WHERE action = 'audit.rekey' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return (
        str(found[1]) if found else audit.GENESIS,
        json.loads(last[0]).get("key_id") if last else None,
    )


def ensure(db: Database, key: bytes) -> None:
    """Re-key a chain not yet keyed (or keyed under a key no longer here) and re-seal after an
    upgrade; each once, with an audit event. Runs when the app opens the database.

    Decided on a read first: an open that has nothing to do never waits for the write lock
    (a command-line look-up while the GUI exports must still start).
    """
    key_id = audit.audit_seal_key_id(key)
    reader = db.raw_reader()
    try:
        _, last_key = _rekey_state(reader)
    finally:
        reader.close()
    if last_key == key_id and not db.migrated:
        return
    with db.raw_writer() as con:
        head, last_key = _rekey_state(con)
        # The first keyed event is always an audit.rekey. An unkeyed head after keyed events is
        # tampering for verify to report, not a reason to re-key (which would cover it).
        if last_key != key_id:
            events = con.execute("SELECT count(*) FROM audit_event").fetchone()[0]
            rows, _ = _seal_all(con)
            anchor_for(db.path, key).may_create = True
            audit.append(
                con,
                SYSTEM_ACTOR,
                "audit.rekey",
                "database",
                None,
                {
                    "key_id": key_id,
                    "previous_key_id": last_key,
                    "previous_head": head,
                    "previous_events": events,
                    "rows_sealed": rows,
                },
            )
        elif db.migrated:
            rows, changed = _seal_all(con)
            audit.append(
                con,
                SYSTEM_ACTOR,
                "audit.reseal",
                "database",
                None,
                {"reason": "schema upgrade", "rows": rows, "rows_changed": changed},
            )


def forget_anchor(db: Database) -> None:
    """Forget the anchored head, so the next event becomes it: only for a restore, which brings
    back an earlier state on purpose (and records that in its own audit event)."""
    anchor_for(db.path).clear()


AUDIT_KEY_LOCKED = issues.define(
    "audit.key_locked",
    id="Kunci kantor terkunci: data tidak dapat disimpan dan jejak audit tidak dapat diperiksa "
    "sebelum frasa sandi kunci kantor dimasukkan (di aplikasi saat diminta, atau lewat "
    "RENTAN_KEY_PASSPHRASE untuk perintah rentan).",
    en="The office key is locked: nothing can be saved and the audit trail cannot be checked "
    "until the office key passphrase is entered (in the app when asked, or through "
    "RENTAN_KEY_PASSPHRASE for rentan commands).",
)

issues.define_all(
    {
        "audit.ok": (
            "Jejak audit utuh: {events} kejadian dan {rows} data penerima sesuai segelnya.",
            "The audit trail is intact: {events} events and {rows} registrant rows match their seals.",
        ),
        "audit.broken": (
            "Jejak audit rusak pada kejadian #{event_id} ({when}, {action}): {reason}. Basis data "
            "mungkin diubah di luar aplikasi; laporkan ke koordinator.",
            "Audit trail broken at event #{event_id} ({when}, {action}): {reason}. The database may "
            "have been changed outside the app; report it to the coordinator.",
        ),
        "audit.reason.old_key": (
            "dibuat dengan kunci audit yang tidak ada lagi di komputer ini",
            "made under an audit key that is no longer on this computer",
        ),
        "audit.reason.downgrade": (
            "kejadian tanpa kunci muncul setelah rantai berkunci",
            "an unkeyed event follows the keyed chain",
        ),
        "audit.rows_broken": (
            "Data diubah di luar aplikasi: {count} data penerima tidak cocok dengan segelnya "
            "(pertama: {nama}, {uuid}). Laporkan ke koordinator.",
            "Data changed outside the app: {count} registrant rows do not match their seals "
            "(first: {nama}, {uuid}). Report it to the coordinator.",
        ),
        "audit.truncated": (
            "Jejak audit dipotong atau diganti: kejadian #{event_id} yang tercatat di luar basis data "
            "{problem}. Laporkan ke koordinator.",
            "Audit trail cut or replaced: event #{event_id}, recorded outside the database, "
            "{problem}. Report it to the coordinator.",
        ),
        "audit.truncated.missing": ("tidak ada lagi", "is gone"),
        "audit.truncated.changed": ("isinya berbeda", "is different"),
        "audit.anchor_forged": (
            "Jejak audit: berkas jangkar di folder kunci kantor dipalsukan. Laporkan ke koordinator.",
            "Audit trail: the anchor file in the office key folder was forged. Report it to the "
            "coordinator.",
        ),
        "audit.anchor_missing": (
            "Jejak audit: berkas jangkar di folder kunci kantor hilang; penghapusan kejadian terakhir "
            "tidak dapat diperiksa. Laporkan ke koordinator.",
            "Audit trail: the anchor file in the office key folder is missing; deleted newest events "
            "cannot be checked. Report it to the coordinator.",
        ),
        "audit.no_key": (
            "Jejak audit: kunci audit kantor tidak ditemukan di folder kunci; jejak tidak dapat "
            "diperiksa.",
            "Audit trail: the office audit key is not in the key folder; the trail cannot be checked.",
        ),
    }
)


@dataclass(frozen=True)
class SealReport:
    """Everything :func:`verify` found; ``message`` is the one sentence to show."""

    ok: bool
    events: int
    rows: int
    first_broken_id: int | None
    message_code: str
    params: dict[str, Any]
    broken_rows: int = 0

    def message(self, lang: str | None = None) -> str:
        params = dict(self.params)
        for name in ("reason", "problem"):
            if name in params:
                params[name] = issues.text(str(params[name]), lang)
        return issues.text(self.message_code, lang, **params)


def verify(db_path: Path, session: Session, check: Callable[[], None] | None = None) -> SealReport:
    """Chain, row seals and anchor of the database ``session`` reads (a consistent snapshot).

    ``check`` is called every few thousand events or rows and may raise to stop (Batal).
    """
    try:
        key = audit_key(key_dir(db_path)) if key_dir(db_path).exists() else None
    except AuditKeyLocked:
        return SealReport(False, 0, 0, None, AUDIT_KEY_LOCKED, {})
    if key is None:
        return SealReport(False, 0, 0, None, "audit.no_key", {})
    chain = audit.verify_chain(session, key, check)
    if not chain.ok:
        row = (
            session.connection()
            .execute(
                sql_text("SELECT ts, action FROM audit_event WHERE id = :id"),
                {"id": chain.first_broken_id},
            )
            .first()
        )
        when = datetime.fromisoformat(row[0]).isoformat(timespec="seconds") if row else "?"
        return SealReport(
            False,
            chain.events,
            0,
            chain.first_broken_id,
            "audit.broken",
            {
                "event_id": chain.first_broken_id,
                "when": when,
                "action": row[1] if row else "?",
                "reason": f"audit.reason.{chain.reason}",
            },
        )
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        found = raw.execute(  # type: ignore[union-attr]
            f"SELECT uuid, nama, row_mac, {_json_expr(seal_columns(raw))} FROM registrant "
            "ORDER BY id"
        )
    else:
        found = server_seal.rows_with_json(conn, _SEAL_EXCLUDED)
    rows = 0
    broken: list[tuple[str, str]] = []
    for uuid, nama, seal, text in found:
        rows += 1
        if check is not None and rows % audit.CHECK_EVERY == 0:
            check()
        if seal is None or not hmac.compare_digest(row_mac(key, text), seal):
            broken.append((uuid, nama))
    if broken:
        return SealReport(
            False,
            chain.events,
            rows,
            None,
            "audit.rows_broken",
            {"count": len(broken), "uuid": broken[0][0], "nama": broken[0][1]},
            broken_rows=len(broken),
        )
    anchored = anchor_for(db_path, key).read()
    if any(a is not None and not a[2] for a in anchored):
        return SealReport(False, chain.events, rows, None, "audit.anchor_forged", {})
    valid = [a for a in anchored if a is not None]
    if not valid and chain.events:
        return SealReport(False, chain.events, rows, None, "audit.anchor_missing", {})
    for event_id, digest, _ in sorted(valid, reverse=True):  # the newest anchored head first
        found = conn.execute(
            sql_text("SELECT hash FROM audit_event WHERE id = :id"), {"id": event_id}
        ).first()
        if found is None or found[0] != digest:
            problem = "audit.truncated.missing" if found is None else "audit.truncated.changed"
            return SealReport(
                False,
                chain.events,
                rows,
                event_id,
                "audit.truncated",
                {"event_id": event_id, "problem": problem},
            )
    return SealReport(
        True, chain.events, rows, None, "audit.ok", {"events": chain.events, "rows": rows}
    )
