"""Where the database lives: a SQLite file on this PC, or a PostgreSQL server (coordinator offices).

``--db`` (and ``RENTAN_DB``) take either a file path or a ``postgresql://`` connection string in
libpq's URL form, e.g. ``postgresql://rentan@db.kantor.lan/rentan`` or, over a unix socket,
``postgresql://rentan@/rentan?host=/run/postgresql``. Anything else written as a URL
(``mysql://``, ``sqlite://``) is refused with one sentence instead of becoming a strange file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from rentan_desktop.domain import issues

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

issues.define_all(
    {
        "storage.location_unknown": (
            "Alamat basis data {given} tidak dikenal: berikan nama berkas basis data, atau alamat "
            "server PostgreSQL yang dimulai dengan postgresql://.",
            "Database address {given} is not understood: give a database file name, or a "
            "PostgreSQL server address starting with postgresql://.",
        ),
    }
)


class LocationRefused(issues.Refusal):
    """A ``--db`` value that is neither a file nor a PostgreSQL URL."""

    code = "storage.location_unknown"

    def __init__(self, given: str) -> None:
        # Never echo a password typed into the URL.
        self.params = {"given": _without_password(given)}
        super().__init__(issues.text(self.code, "en", **self.params))


@dataclass(frozen=True)
class ServerLocation:
    """A PostgreSQL database on a server, as the libpq URL the user gave."""

    url: str

    def sqlalchemy_url(self) -> URL:
        """The same address for SQLAlchemy, always through psycopg 3."""
        return make_url(self.url).set(drivername="postgresql+psycopg")

    def display(self) -> str:
        """The address to show or log: the password is replaced by ``***``."""
        return _without_password(self.url)

    def __str__(self) -> str:
        return self.display()

    def local_dir(self, root: Path | None = None) -> Path:
        """This PC's folder for the server database: the office key folder (audit key, office
        key, anchored audit head), scratch files and export journals, as beside a database file.

        One folder per server database (host, port and database name), under the app's data
        folder unless ``root`` is given.
        """
        if root is None:
            from platformdirs import user_data_dir

            root = Path(user_data_dir("RentanDesktop", appauthor=False)) / "server"
        url = make_url(self.url)
        host = url.host or str(url.query.get("host") or "local")
        port = url.port or url.query.get("port") or 5432
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{host}-{port}-{url.database}").strip("_")
        return root / slug


def _without_password(given: str) -> str:
    """The address as a person reads it: no password (neither ``user:PASSWORD@`` nor libpq's
    ``?password=``), and a socket folder shown as a path, not %2F-escaped."""
    try:
        url = make_url(given)
        if "password" in url.query:
            url = url.update_query_dict({"password": "***"})
        return unquote(url.render_as_string(hide_password=True))
    except (ArgumentError, ValueError):
        return given.split("@")[-1] if "@" in given else given


def looks_like_url(given: str | Path) -> bool:
    return isinstance(given, str) and "://" in given


def parse(given: str | Path) -> Path | ServerLocation:
    """A SQLite file path or a :class:`ServerLocation`; :class:`LocationRefused` for other URLs."""
    if not looks_like_url(given):
        return Path(given)
    text = str(given).strip()
    scheme = text.split("://", 1)[0].lower()
    if scheme not in SERVER_SCHEMES:
        raise LocationRefused(text)
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise LocationRefused(text) from None
    if not url.database:
        raise LocationRefused(text)
    return ServerLocation(text)


def is_server(location: Path | ServerLocation) -> bool:
    return isinstance(location, ServerLocation)
