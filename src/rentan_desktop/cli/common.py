"""What every `rentan` command shares: opening the database, the acting user, output, exit codes."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rentan_desktop.domain import issues

if TYPE_CHECKING:  # opening a database loads SQLModel (~0.5 s): only when a command needs it
    from rentan_desktop.services.context import AppContext

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

issues.define_all(
    {
        "cli.user_required": (
            "Perintah ini memerlukan --user (atau RENTAN_USER) dan kata sandinya.",
            "This command needs --user (or RENTAN_USER) and its password.",
        ),
        "cli.db_missing": (
            "Basis data {path} tidak ada; periksa --db (hanya `rentan init` dan `rentan demo` yang membuat basis data baru).",
            "Database {path} does not exist; check --db (only `rentan init` and `rentan demo` create a new database).",
        ),
        "cli.no_key_passphrase": (
            "Frasa sandi kunci kantor tidak diberikan (atur RENTAN_KEY_PASSPHRASE atau jalankan di "
            "terminal).",
            "No office key passphrase given (set RENTAN_KEY_PASSPHRASE or run in a terminal).",
        ),
        "cli.no_answer": (
            "Tidak ada jawaban diketik; perintah dibatalkan, tidak ada yang berubah.",
            "Nothing was typed; the command was cancelled and nothing changed.",
        ),
        "keys.ask_fingerprint": (
            "Ketik sidik kunci yang dibacakan kantor pengirim (mis. K7QM-2XPA-9D0E-RT4B):",
            "Type the fingerprint read aloud by the other office (e.g. K7QM-2XPA-9D0E-RT4B):",
        ),
        "keys.revoke_which": (
            "Sebutkan sidik kunci atau --office kantor yang kuncinya dicabut.",
            "Name the key's fingerprint or the --office whose keys are revoked.",
        ),
        "cli.no_password": (
            "Kata sandi tidak diberikan (atur RENTAN_PASSWORD atau jalankan di terminal).",
            "No password given (set RENTAN_PASSWORD or run in a terminal).",
        ),
    }
)


class CliError(Exception):
    """A refusal to print as one sentence on stderr with exit code 1."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(code)


@dataclass
class Runtime:
    """Parsed arguments plus lazily opened context and user."""

    args: argparse.Namespace
    _ctx: AppContext | None = None
    _user: Any = None

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def lang(self) -> str:
        return str(getattr(self.args, "lang", "id") or "id")

    def ctx(self, *, create: bool = False) -> AppContext:
        """The open database; only ``create=True`` (``rentan init``, ``rentan demo``) may make a new file."""
        if self._ctx is None:
            from rentan_desktop.services import backups
            from rentan_desktop.services.context import AppContext, default_db_path

            db = getattr(self.args, "db", None) or os.environ.get("RENTAN_DB")
            if db and "://" in db:
                # Never a file named "postgresql:": a server address is recognised (and any other
                # URL refused) before anything is created. The server database is made by its
                # administrator; `rentan init` only fills its tables.
                from rentan_desktop.storage import location

                self._ctx = AppContext.open(str(location.parse(db).url))
                self._ctx.language = self.lang
                self._unlock_audit_key(self._ctx)
                return self._ctx
            path = Path(db) if db else default_db_path()
            if not create and not path.exists():
                # A mistyped --db must not leave an empty database behind that looks like a
                # fresh office: say which file is missing instead.
                raise CliError("cli.db_missing", path=str(path))
            # A damaged file is refused with the way out (rentan restore) before anything writes to it.
            backups.ensure_healthy(path)
            self._ctx = AppContext.open(path)
            self._ctx.language = self.lang
            self._unlock_audit_key(self._ctx)
            self._tell_cut_short(self._ctx)
            self._tell_moved(self._ctx)
        return self._ctx

    def _unlock_audit_key(self, ctx: AppContext) -> None:
        """In a terminal, ask for the office key passphrase when the audit key is still sealed
        (nothing could be written without it); without a terminal, writes say so themselves."""
        from rentan_desktop.services import audit_seal, trust

        if not audit_seal.audit_key_locked(ctx.db.path) or not sys.stdin.isatty():
            return
        trust.unlock_for_session(ctx, passphrase=self.key_passphrase())

    def _tell_moved(self, ctx: AppContext) -> None:
        """Every command on a file moved to a server says so on stderr (its changes stay here)."""
        from rentan_desktop.services import server_migration

        notice = server_migration.moved_notice(ctx, self.lang)
        if notice:
            sys.stderr.write(notice + "\n")

    def _tell_cut_short(self, ctx: AppContext) -> None:
        """Every command says, on stderr, when a batch export was cut short and how to finish it."""
        from rentan_desktop.services import export_journal

        if not export_journal.folder_of(ctx.db.path).is_dir():
            return  # the usual case: no journal, nothing more to import
        from rentan_desktop.services import batch_recovery

        for entry in batch_recovery.pending(ctx):
            sys.stderr.write(batch_recovery.describe(entry, self.lang) + "\n")

    def password(self, prompt: str = "Kata sandi: ") -> str:
        value = os.environ.get("RENTAN_PASSWORD")
        if value:
            return value
        if not sys.stdin.isatty():
            raise CliError("cli.no_password")
        return getpass.getpass(prompt)

    def key_passphrase(
        self,
        prompt: str = "Frasa sandi kunci kantor: ",
        env: str = "RENTAN_KEY_PASSPHRASE",
        confirm: bool = False,
    ) -> str:
        """The office key passphrase from ``env`` or the terminal (twice when ``confirm``)."""
        value = os.environ.get(env)
        if value:
            return value
        if not sys.stdin.isatty():
            raise CliError("cli.no_key_passphrase")
        first = getpass.getpass(prompt)
        if confirm and first != getpass.getpass("Ulangi frasa sandi: "):
            raise CliError("cli.password_mismatch")
        return first

    def unlock_key(self) -> None:
        """Before a command that signs or decrypts: ask for the key passphrase in a terminal.

        With ``RENTAN_KEY_PASSPHRASE`` set, or no terminal, the service unlocks (or refuses with
        one sentence) on its own.
        """
        from rentan_desktop.services import trust

        ctx = self.ctx()
        if os.environ.get(trust.PASSPHRASE_ENV) or not sys.stdin.isatty():
            return
        if not trust.key_store(ctx).exists() or trust.office_key_unlocked(ctx):
            return
        trust.unlock_office_key(ctx, actor=self.user(), passphrase=self.key_passphrase())

    def ask(self, code: str) -> str:
        """One line typed at a prompt (the prompt is the catalogue sentence ``code``, on stderr)."""
        print(issues.text(code, self.lang), end=" ", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line.strip():
            raise CliError("cli.no_answer")
        return line.strip()

    def user(self) -> Any:
        """The authenticated acting user (``--user`` / RENTAN_USER, password from env or prompt)."""
        if self._user is None:
            from rentan_desktop.services import auth
            from rentan_desktop.services.context import require_office

            name = getattr(self.args, "user", None) or os.environ.get("RENTAN_USER")
            if not name:
                raise CliError("cli.user_required")
            ctx = self.ctx()
            require_office(ctx)
            self._user = auth.authenticate(ctx, name, self.password())
        return self._user

    def say(self, indonesian: str, english: str) -> str:
        """The message in the language of ``--lang`` (both spellings written where it is used)."""
        return english if self.lang == "en" else indonesian

    def out(self, data: Any, text: str | Callable[[], str]) -> None:
        """Print ``data`` as JSON with --json, otherwise the human text."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            print(text() if callable(text) else text)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()


Handler = Callable[[Runtime], int]


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default: the user data folder)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--user", help="acting user (password from RENTAN_PASSWORD or the prompt)")
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=os.environ.get("RENTAN_LANG", "id"),
        help="language of messages (default id)",
    )
