"""The composition root's product: one open database plus this office's identity and settings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlmodel import select

from rentan_desktop.domain import issues
from rentan_desktop.services import audit_seal
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import location, scratch
from rentan_desktop.storage.db import Database, open_database
from rentan_desktop.storage.models import Office, Setting
from rentan_desktop.storage.server import ServerDatabase, open_server_database

# Every database the services open carries the audit key's SQL functions, the row-seal triggers
# and the anchored head (services/audit_seal.py).
audit_seal.install()

SETUP_NOT_DONE = issues.define(
    "setup.not_done",
    id="Database ini belum disiapkan; jalankan `rentan init` atau buka aplikasi untuk wizard awal.",
    en="This database is not set up yet; run `rentan init` or open the app's setup wizard.",
)

APP_DIR_NAME = "RentanDesktop"
WITA = timezone(timedelta(hours=8))  # every Kalimantan Timur regency is UTC+8


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / "rentan.db"


def today_wita() -> date:
    return datetime.now(WITA).date()


@dataclass
class AppContext:
    """What every service needs: the database, this office, and settings."""

    db: Database | ServerDatabase
    office: Office | None = None
    language: str = "id"
    _settings_cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path | str | None = None, **kwargs: Any) -> AppContext:
        """Open a database file, or (``postgresql://...``) the office's server database."""
        where = location.parse(path) if path else default_db_path()
        if isinstance(where, location.ServerLocation):
            db: Database | ServerDatabase = open_server_database(where, **kwargs)
        else:
            db = open_database(where, **kwargs)
        ctx = cls(db=db)
        ctx.reload_office()
        # Temp files a killed export or backup left (plaintext NIKs) go at the next start.
        scratch.sweep(ctx.data_dir)
        return ctx

    @property
    def on_server(self) -> bool:
        """Whether the database is a PostgreSQL server (no file, no SQLite backups)."""
        return isinstance(self.db, ServerDatabase)

    @property
    def where(self) -> str:
        """Where the database lives, as a person reads it: the file, or the server's address
        (without its password)."""
        if isinstance(self.db, ServerDatabase):
            return self.db.location.display()
        return str(self.db.path)

    @property
    def data_dir(self) -> Path:
        return self.db.path.parent

    def scratch_dir(self) -> Path:
        """This process's folder for temp files with personal data (never the system temp)."""
        return scratch.process_dir(self.data_dir)

    def reload_office(self) -> Office | None:
        with self.db.reader() as session:
            self.office = session.exec(select(Office)).first()
        return self.office

    def setting(self, key: str, default: Any = None) -> Any:
        with self.db.reader() as session:
            row = session.get(Setting, key)
        return json.loads(row.value) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.db.writer() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
                session.add(row)

    def periode(self) -> int:
        """The programme year new registrations belong to (setting ``periode_aktif`` or this year)."""
        return int(self.setting("periode_aktif", today_wita().year))

    def close(self) -> None:
        self.db.close()


def require_office(ctx: AppContext) -> Office:
    """This office, or a refusal (``setup.not_done``) before the office is set up.

    Here, beside the context it reads, so that setup and the key services both ask it without
    importing each other."""
    office = ctx.office or ctx.reload_office()
    if office is None:
        raise UserError(SETUP_NOT_DONE)
    return office
