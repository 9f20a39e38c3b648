"""A coordinator office's connection to its PostgreSQL server: test it, remember it, open it next time.

The connection settings (host, port, database, service account) live in ``server.json`` in this
PC's app data folder, beside where the embedded ``rentan.db`` would be: they say where the
database is, so they cannot live in it. The service account's password is never written to that
file or anywhere else in plaintext: it goes to the OS keyring (Windows Credential Manager, macOS
Keychain, Secret Service) when the optional ``keyring`` package has a usable backend, and
otherwise libpq reads it from the ``PGPASSWORD`` environment variable when the app connects.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL

from rentan_desktop.domain import formatting, issues
from rentan_desktop.services import os_keyring
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import server
from rentan_desktop.storage.location import ServerLocation

SETTINGS_FILE = "server.json"
KEYRING_SERVICE = "rentan-desktop-server"
PASSWORD_ENV = "PGPASSWORD"  # libpq's own: read when the connection string carries no password
DEFAULT_PORT = 5432

issues.define_all(
    {
        "server.connected": (
            "Terhubung ke {server}: PostgreSQL {version}, {schema}, {registrants} data pendaftar.",
            "Connected to {server}: PostgreSQL {version}, {schema}, {registrants} registrations.",
        ),
        "server.schema_current": ("skema terbaru", "newest schema"),
        "server.schema_empty": ("basis data kosong", "empty database"),
        "server.schema_older": (
            "skema lama (diperbarui saat dibuka)",
            "older schema (upgraded on open)",
        ),
        "server.settings_incomplete": (
            "Isi alamat server, nama basis data dan nama pengguna akun layanan.",
            "Fill in the server address, the database name and the service account's user name.",
        ),
        "server.port_invalid": (
            "Port server harus angka 1 sampai 65535.",
            "The server port must be a number from 1 to 65535.",
        ),
        "server.saved_keyring": (
            "Koneksi server disimpan; kata sandi disimpan di brankas kata sandi sistem. Aplikasi "
            "membuka basis data server ini saat dijalankan berikutnya.",
            "Server connection saved; the password is kept in the system's password vault. The "
            "app opens this server database the next time it starts.",
        ),
        "server.saved_no_keyring": (
            "Koneksi server disimpan tanpa kata sandi (tidak ada brankas kata sandi sistem); isi "
            "variabel lingkungan PGPASSWORD sebelum menjalankan aplikasi berikutnya.",
            "Server connection saved without the password (no system password vault); set the "
            "PGPASSWORD environment variable before the app starts next time.",
        ),
        "server.forgotten": (
            "Koneksi server dilupakan; aplikasi membuka berkas basis data di PC ini saat "
            "dijalankan berikutnya.",
            "Server connection forgotten; the app opens the database file on this PC the next "
            "time it starts.",
        ),
    }
)


@dataclass(frozen=True)
class ServerSettings:
    """Where the office's server database is, and as whom the app logs in (no password)."""

    host: str
    port: int
    database: str
    user: str

    @classmethod
    def from_form(cls, host: str, port: str | int, database: str, user: str) -> ServerSettings:
        """The settings as typed; one sentence when a field is missing or the port is not one."""
        host, database, user = host.strip(), database.strip(), user.strip()
        if not (host and database and user):
            raise UserError("server.settings_incomplete")
        try:
            number = int(str(port).strip() or DEFAULT_PORT)
        except ValueError:
            raise UserError("server.port_invalid", "port") from None
        if not 0 < number < 65536:
            raise UserError("server.port_invalid", "port")
        return cls(host, number, database, user)

    def location(self, password: str | None = None) -> ServerLocation:
        """The libpq URL; ``password`` stays in memory only (a ``/`` host is a socket folder)."""
        socket = self.host.startswith("/")
        url = URL.create(
            "postgresql",
            username=self.user,
            password=password or None,
            host=None if socket else self.host,
            port=None if socket else self.port,
            database=self.database,
            query={"host": self.host, "port": str(self.port)} if socket else {},
        )
        return ServerLocation(url.render_as_string(hide_password=False))

    def keyring_name(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


@dataclass(frozen=True)
class ServerStatus:
    """What ``rentan server-check`` and the *Tes koneksi* button report."""

    server: str
    version: str
    schema: str  # current | empty | older
    revision: str | None
    registrants: int

    def sentence(self, lang: str | None = None) -> str:
        return issues.text(
            "server.connected",
            lang,
            server=self.server,
            version=self.version,
            schema=issues.text(f"server.schema_{self.schema}", lang),
            registrants=formatting.angka(self.registrants, lang),
        )


def check(where: ServerLocation) -> ServerStatus:
    """Connect once: the server's version, how far its schema is, and how many registrations it
    holds. :class:`storage.server.ServerUnavailable` or ``ServerTooOld`` (one sentence each) when
    it cannot be used; nothing is written either way."""
    from rentan_desktop.storage import migrate

    version = server.check_connection(where)
    engine = server.server_engine(where, pooled=False)
    try:
        with engine.connect() as conn:
            revision = server.current_revision(conn)
            registrants = (
                int(conn.execute(text("SELECT count(*) FROM registrant")).scalar() or 0)
                if revision is not None
                else 0
            )
    except Exception as exc:  # noqa: BLE001 - dropped between the two connects: same sentence
        raise server.ServerUnavailable(
            where, str(exc).splitlines()[0] if str(exc) else ""
        ) from None
    finally:
        engine.dispose()
    head = migrate.head_revision()
    state = "current" if revision == head else ("empty" if revision is None else "older")
    return ServerStatus(where.display(), version, state, revision, registrants)


@dataclass(frozen=True)
class StartFacts:
    """What the first window needs from the server database (as ``storage.fast_open`` reads from
    a file): whether the office is set up, its language setting and its name."""

    initialised: bool
    language: str | None
    office_name: str | None


def start_facts(url: str, language_key: str) -> StartFacts:
    """Read the office and the language setting once, before the services context opens; one
    sentence (``ServerUnavailable``) when the server cannot be used. A database without the
    schema yet is "not set up" (the wizard's context migrates it)."""
    where = ServerLocation(url)
    server.check_connection(where)
    engine = server.server_engine(where, pooled=False)
    try:
        with engine.connect() as conn:
            if server.current_revision(conn) is None:
                return StartFacts(False, None, None)
            office = conn.execute(text("SELECT nama FROM office LIMIT 1")).scalar()
            value = conn.execute(
                text("SELECT value FROM setting WHERE key = :key"), {"key": language_key}
            ).scalar()
    finally:
        engine.dispose()
    language = json.loads(value) if value else None
    return StartFacts(office is not None, str(language) if language else None, office)


def settings_path(folder: Path | None = None) -> Path:
    from rentan_desktop.services.context import default_data_dir

    return (folder or default_data_dir()) / SETTINGS_FILE


def saved(folder: Path | None = None) -> ServerSettings | None:
    """The server this PC opens at start-up, or None (the embedded database file)."""
    try:
        data = json.loads(settings_path(folder).read_text(encoding="utf-8"))
        return ServerSettings(str(data["host"]), int(data["port"]), data["database"], data["user"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(
    settings: ServerSettings, password: str, *, folder: Path | None = None
) -> tuple[ServerStatus, str]:
    """Test the connection, then remember it for the next start: the settings in ``server.json``,
    the password in the OS keyring when there is one. Returns the check and the sentence saying
    where the password went. A connection that fails is not saved (the refusal's sentence)."""
    status = check(settings.location(password))
    path = settings_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(tmp, path)
    kept = bool(password) and _keyring_set(settings.keyring_name(), password)
    return status, issues.text("server.saved_keyring" if kept else "server.saved_no_keyring")


def forget(folder: Path | None = None) -> str:
    """Open the embedded database file again at the next start (the keyring entry goes too)."""
    found = saved(folder)
    settings_path(folder).unlink(missing_ok=True)
    if found is not None:
        _keyring_delete(found.keyring_name())
    return issues.text("server.forgotten")


def start_location(folder: Path | None = None) -> str | None:
    """The connection string the app opens at start-up (with the password from the keyring, in
    memory only), or None when this PC uses its database file."""
    found = saved(folder)
    if found is None:
        return None
    return found.location(_keyring_get(found.keyring_name())).url


def _keyring_get(name: str) -> str | None:
    # No usable keyring: libpq reads PGPASSWORD instead.
    return os_keyring.get(KEYRING_SERVICE, name)


def _keyring_set(name: str, password: str) -> bool:
    # No usable keyring: the password is not stored at all.
    return os_keyring.put(KEYRING_SERVICE, name, password)


def _keyring_delete(name: str) -> None:
    os_keyring.delete(KEYRING_SERVICE, name)
