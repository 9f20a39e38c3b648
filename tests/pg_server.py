"""A real PostgreSQL server for tests: Debian's binaries, its own data directory, a non-root user.

One server per test session (about a second to start): ``initdb`` into a fresh temporary directory,
``postgres`` listening on a unix socket in that directory and on 127.0.0.1 at a free port, stopped
(fast shutdown) when the session ends, and also when the test process dies, because the server is
told to stop when its parent goes away. Each test gets its own database (``CREATE DATABASE``).

PostgreSQL refuses to run as root, so under root (CI, the developers' machines) the server runs as
the ``postgres`` system user the Debian package creates, or as a ``rentan-pg`` system user made
for the purpose when there is none. Durability settings are off: a test server's data is thrown
away, and fsync would only make every test slower.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "rentan_test"  # the database superuser initdb creates (not an OS user)
MIN_MAJOR = 15
_PR_SET_PDEATHSIG = 1


def find_bindir() -> Path | None:
    """The newest PostgreSQL >= 15 server binaries on this machine (Debian's layout first)."""
    candidates: list[tuple[int, Path]] = []
    for initdb in Path("/usr/lib/postgresql").glob("*/bin/initdb"):
        if initdb.parent.parent.name.isdigit():
            candidates.append((int(initdb.parent.parent.name), initdb.parent))
    on_path = shutil.which("initdb")
    if on_path:  # another layout: the directory holding the real initdb must have the rest
        bindir = Path(on_path).resolve().parent
        if all((bindir / tool).exists() for tool in ("postgres", "pg_isready")):
            out = subprocess.run(
                [str(bindir / "initdb"), "--version"], capture_output=True, text=True, check=False
            ).stdout
            match = re.search(r"(\d+)", out)
            if match:
                candidates.append((int(match.group(1)), bindir))
    usable = sorted(c for c in candidates if c[0] >= MIN_MAJOR)
    return usable[-1][1] if usable else None


def _server_account() -> pwd.struct_passwd | None:
    """The OS user the server runs as: None for "this user" when not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "rentan-pg"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    subprocess.run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            "rentan-pg",
        ],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam("rentan-pg")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Resolved here, in the parent: the child between fork and exec only calls it (no dlopen, no
# imports), which stays safe when the test process already runs threads (Qt's, from GUI tests).
_prctl = ctypes.CDLL(None, use_errno=True).prctl


def _die_with_parent() -> None:
    """In the server process (after the switch of user): stop (fast shutdown) when pytest dies."""
    _prctl(_PR_SET_PDEATHSIG, int(signal.SIGINT))


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    # Benchmarks want the durability an office server has (fsync, synchronous commits).
    durable: bool = False

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        """A libpq URL over the unix socket (no password: the test server trusts local users)."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run_as(self, account: pwd.struct_passwd | None) -> dict[str, object]:
        if account is None:
            return {}
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    def start(self) -> None:
        account = _server_account()
        self.socket_dir.mkdir()
        if account is not None:
            os.chown(self.root, account.pw_uid, account.pw_gid)
            os.chown(self.socket_dir, account.pw_uid, account.pw_gid)
        as_server = self._run_as(account)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
        done = subprocess.run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
                "--no-instructions",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            check=False,
            **as_server,  # type: ignore[arg-type]
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        self.process = subprocess.Popen(
            [
                str(self.bindir / "postgres"),
                "-D",
                str(self.data_dir),
                "-p",
                str(self.port),
                "-k",
                str(self.socket_dir),
                "-c",
                "listen_addresses=127.0.0.1",
                *(
                    ()
                    if self.durable
                    else (
                        "-c",
                        "fsync=off",
                        "-c",
                        "synchronous_commit=off",
                        "-c",
                        "full_page_writes=off",
                    )
                ),
                "-c",
                "max_connections=60",
                "-c",
                "shared_buffers=32MB",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "server.log", "wb"),  # noqa: SIM115 - the child keeps it
            env=env,
            cwd=self.root,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - only a pre-resolved libc call
            **as_server,  # type: ignore[arg-type]
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited at start: {self.log_tail()}")
            ready = subprocess.run(
                [
                    str(self.bindir / "pg_isready"),
                    "-q",
                    "-h",
                    str(self.socket_dir),
                    "-p",
                    str(self.port),
                    "-U",
                    SUPERUSER,
                ],
                check=False,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.05)
        raise RuntimeError(f"postgres did not accept connections in {timeout}s: {self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return (self.root / "server.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: ends sessions, then exits
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str, template: str = "template0") -> str:
        """A new database ``name`` copied from ``template`` (empty by default); returns its URL.

        FILE_COPY: with fsync off it is several times faster than PostgreSQL 15's default of
        copying the template through the WAL.
        """
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sweep_leftovers(min_age_s: float = 3600) -> None:
    """Remove data directories of earlier sessions that were killed (their server stopped with
    them, see :func:`_die_with_parent`, but nobody removed the directory)."""
    now = time.time()
    for old in Path(tempfile.gettempdir()).glob("rentan-pg-*"):
        with contextlib.suppress(OSError):
            if (
                now - old.stat().st_mtime > min_age_s
                and not (old / "data" / "postmaster.pid").exists()
            ):
                shutil.rmtree(old, ignore_errors=True)


def start_server(*, durable: bool = False) -> PgServer:
    """Start a throwaway server; the caller stops it. Raises LookupError when no binaries exist.
    ``durable``: fsync and synchronous commits on, as on an office's server (benchmarks)."""
    bindir = find_bindir()
    if bindir is None:
        raise LookupError(
            f"PostgreSQL {MIN_MAJOR}+ server binaries not found (Debian: apt-get install postgresql)"
        )
    _sweep_leftovers()
    # Not under pytest's own temp folder: that is private to root, and the server user must reach
    # its data directory.
    root = Path(tempfile.mkdtemp(prefix="rentan-pg-"))
    server = PgServer(bindir=bindir, root=root, port=_free_port(), durable=durable)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server
