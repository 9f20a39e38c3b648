"""Run a long, CPU-bound read in a child process, so the window's thread keeps turning.

A job thread running pure Python (reading 150,000 rows, the duplicate matcher's name keys and
blocks) holds the interpreter lock most of the time; the GUI thread gets it back only every few
milliseconds, and on a loaded machine each hand-over waits for the operating system: the window
froze 330-480 ms at a time during the duplicate search and the quality count. In a child process
the work has its own interpreter. The parent's job thread only waits on a pipe (which releases
the lock) and relays progress.

The child (``python -m rentan_desktop.services.process_job``, or the frozen app with
:data:`FLAG`) never imports Qt: it opens the same database with its own :class:`AppContext`,
loads the acting user by id, runs one task from :data:`TASKS` and sends back progress, then the
result or the refusal, as pickle frames on its stdout. *Batal* kills it (the tasks only read, or
write in one transaction that a killed process never commits). A child that dies becomes one
sentence (:class:`UserError` ``job.child_failed``); a refusal inside it comes back as itself.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from rentan_desktop.domain import issues

if TYPE_CHECKING:
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import User

log = logging.getLogger(__name__)

FLAG = "--rentan-job-child"  # the frozen app's entry points dispatch on this
#: task name -> "module:function"; each takes (ctx, *, actor, progress, cancelled, **kwargs)
TASKS: dict[str, str] = {
    "dedupe.find_clusters": "rentan_desktop.services.dedupe:find_clusters",
    "quality.page": "rentan_desktop.services.quality:page",
    "quality.view": "rentan_desktop.services.quality:view",
    "cards.print_cards": "rentan_desktop.services.cards:print_cards",
}
#: tasks without a database: each takes (*, progress, cancelled, **kwargs)
PLAIN_TASKS: dict[str, str] = {
    "cards.render": "rentan_desktop.io.pdf.cards:render",
}
#: below this many registrations of the period the task runs in the calling thread: starting a
#: child costs about 0.8 s of CPU (imports, opening the database), more than the whole task, and
#: the short work stalls the window less than the heartbeat of a busy machine does
CHILD_FROM = 10_000
PROGRESS_INTERVAL_S = 0.05
CANCEL_POLL_S = 0.05
_HEADER = struct.Struct("<Q")
#: True inside a child: a task there does its work itself instead of starting another child
IN_CHILD = False

issues.define_all(
    {
        "job.child_failed": (
            "Pekerjaan ini berhenti karena kesalahan di proses latar belakang; tidak ada data "
            "yang diubah. Coba lagi, atau hubungi admin bila terulang.",
            "This job stopped because of an error in its background process; nothing was "
            "changed. Try again, or call the administrator if it happens again.",
        ),
        "job.user_unknown": (
            "Akun yang sedang dipakai tidak ada lagi di basis data; keluar lalu masuk lagi.",
            "The account in use no longer exists in the database; log out and log in again.",
        ),
        "job.cancelled": (
            "Dibatalkan; tidak ada data yang diubah.",
            "Cancelled; nothing was changed.",
        ),
    }
)


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    return [sys.executable, "-m", "rentan_desktop.services.process_job"]


def _write(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read(stream: BinaryIO) -> Any:
    """The next message, or None when the stream ended (the child exited or was killed)."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    body = stream.read(size)
    if len(body) < size:
        return None
    return pickle.loads(body)  # noqa: S301 - our own child, started by us, on a private pipe


# -- parent side ---------------------------------------------------------------------------------


class ChildInfo:
    """How the last child ran (for tests and the benchmark)."""

    qt_loaded: bool | None = None
    knew_it_was_a_child: bool | None = None  # IN_CHILD as the task's modules saw it
    pid: int | None = None
    seconds: float = 0.0


last = ChildInfo()


def run(
    ctx: AppContext,
    task: str,
    *,
    actor: User,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    child_from: int | None = None,
    office_key: bytes | None = None,
    commit_point: bool = False,
    **kwargs: Any,
) -> Any:
    """Run ``task`` in a child process on ``ctx``'s database as ``actor``; its result.

    Blocks the calling (job) thread, never the interpreter: waiting on the pipe releases the lock.
    ``cancelled`` is polled every 50 ms; when it says so the child is killed and
    ``UserError("job.cancelled")`` raised. Under ``child_from`` registrations (default
    :data:`CHILD_FROM`) the task runs here instead.

    ``office_key``: the unlocked office key's raw bytes, for a task that signs; they travel in the
    request over the child's stdin pipe only (never a file, an argument or the environment).
    ``commit_point``: the task takes a ``before_commit`` callable and calls it just before its
    one write transaction; from then on *Batal* no longer kills the child, so a job the user
    sees cancelled has written nothing, and one that wrote also finishes its file."""

    if task not in TASKS:
        raise ValueError(f"unknown child task {task!r}")
    # A child opens the database by its file; a server database is opened another way, so the
    # work stays here (the server does the reading there anyway).
    on_file = isinstance(getattr(ctx.db, "path", None), Path)
    if not on_file or _registrations(ctx) < (CHILD_FROM if child_from is None else child_from):
        fn = _task(task)
        return fn(ctx, actor=actor, progress=progress, cancelled=cancelled, **kwargs)
    request = {
        "task": task,
        "db": str(ctx.db.path),
        "user_id": actor.id,
        "lang": ctx.language or issues.language(),
        "kwargs": kwargs,
        "office_key": office_key,
        "commit_point": commit_point,
    }
    return _in_child(request, progress, cancelled)


def run_plain(
    task: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **kwargs: Any,
) -> Any:
    """Run a task of :data:`PLAIN_TASKS` (no database: plain data in, a file or value out) in a
    child process; the same progress, Batal and errors as :func:`run`."""
    if task not in PLAIN_TASKS:
        raise ValueError(f"unknown child task {task!r}")
    request = {"task": task, "db": None, "lang": issues.language(), "kwargs": kwargs}
    return _in_child(request, progress, cancelled)


def _in_child(
    request: dict[str, Any],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Any:
    from rentan_desktop.services.errors import UserError

    task = request["task"]
    started = time.monotonic()
    proc = subprocess.Popen(
        child_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        close_fds=True,
    )
    last.pid, last.qt_loaded, last.knew_it_was_a_child = proc.pid, None, None
    stop = threading.Event()
    killed = threading.Event()
    committing = threading.Event()

    def watch() -> None:
        # Batal: the child is killed at once; the read below then ends.
        while not stop.wait(CANCEL_POLL_S):
            if committing.is_set():
                return  # writing its one transaction: it finishes, as the user will be told
            if cancelled is not None and cancelled():
                killed.set()
                with contextlib.suppress(OSError):
                    proc.kill()
                return

    watcher = threading.Thread(target=watch, name="process-job-cancel", daemon=True)
    watcher.start()
    assert proc.stdin is not None and proc.stdout is not None
    try:
        # stdin stays open: the child exits by itself when it closes (this process died). A
        # child that died at once cannot be written to; the read below says so.
        with contextlib.suppress(OSError):
            _write(proc.stdin, request)  # type: ignore[arg-type]
        while True:
            message = _read(proc.stdout)  # type: ignore[arg-type]
            if message is None:
                break
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif kind == "committing":
                committing.set()
            elif kind == "done":
                last.qt_loaded = message[2].get("qt_loaded")
                last.knew_it_was_a_child = message[2].get("in_child")
                return message[1]
            elif kind == "refused":
                raise _refusal(message[1])
            elif kind == "crashed":
                log.error("child task %s failed:\n%s", task, message[1])
                raise UserError("job.child_failed")
        if killed.is_set() or (cancelled is not None and cancelled()):
            raise UserError("job.cancelled")
        log.error("child task %s ended without a result (exit %s)", task, proc.poll())
        raise UserError("job.child_failed")
    finally:
        stop.set()
        with contextlib.suppress(OSError):
            proc.stdin.close()
        if proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        proc.stdout.close()
        last.seconds = time.monotonic() - started


def _canonical() -> Any:
    return importlib.import_module("rentan_desktop.services.process_job")


def _task(name: str) -> Callable[..., Any]:
    module, attr = {**TASKS, **PLAIN_TASKS}[name].split(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def _registrations(ctx: AppContext) -> int:
    from sqlalchemy import text

    with ctx.db.reader() as session:
        row = session.exec(  # type: ignore[call-overload]
            text("SELECT COUNT(*) FROM registrant WHERE periode = :p"), params={"p": ctx.periode()}
        ).first()
    return int(row[0]) if row else 0


def _refusal(data: dict[str, Any]) -> Exception:
    from rentan_desktop.domain.roles import Perm, RoleRefused
    from rentan_desktop.services.errors import UserError

    if data["kind"] == "role":
        return RoleRefused(data["role"], Perm(data["perm"]))
    return UserError(data["code"], data["field"], **data["params"])


# -- child side ----------------------------------------------------------------------------------


def _describe_refusal(exc: BaseException) -> dict[str, Any] | None:
    from rentan_desktop.domain.roles import RoleRefused

    if isinstance(exc, RoleRefused):
        return {"kind": "role", "role": exc.role, "perm": exc.perm.value}
    if isinstance(exc, issues.Refusal):
        params = dict(getattr(exc, "params", {}) or {})
        try:
            pickle.dumps(params)
        except Exception:  # noqa: BLE001 - a parameter that cannot travel travels as text
            params = {k: str(v) for k, v in params.items()}
        return {
            "kind": "user",
            "code": exc.code,
            "field": getattr(exc, "field", None),
            "params": params,
        }
    return None


def _orphan_guard(stdin: BinaryIO) -> None:
    """Exit when the parent's end of stdin closes: a parent that died leaves no child behind."""

    def wait() -> None:
        with contextlib.suppress(Exception):
            while stdin.read(65536):
                pass
        os._exit(3)

    threading.Thread(target=wait, name="orphan-guard", daemon=True).start()


def main() -> int:
    # Frames go to a private copy of stdout; anything else printing lands on stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer
    request = _read(stdin)
    if request is None:
        return 2
    _orphan_guard(stdin)
    try:
        result = _run_task(request, out)
    except BaseException as exc:  # noqa: BLE001 - every ending goes back to the parent
        refusal = _describe_refusal(exc)
        if refusal is not None:
            _write(out, ("refused", refusal))
        else:
            import traceback

            _write(out, ("crashed", "".join(traceback.format_exception(exc))))
        return 1
    qt = any(name == "PySide6" or name.startswith("PySide6.") for name in sys.modules)
    buffer = io.BytesIO()
    meta = {"qt_loaded": qt, "in_child": _canonical().IN_CHILD}
    pickle.dump(("done", result, meta), buffer, protocol=pickle.HIGHEST_PROTOCOL)
    data = buffer.getvalue()
    out.write(_HEADER.pack(len(data)))
    out.write(data)
    out.flush()
    return 0


def _run_task(request: dict[str, Any], out: BinaryIO) -> Any:
    import gc

    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import User

    # Run as ``python -m``, this file is ``__main__``; the tasks import it under its own name, and
    # that module is the one whose flag they read (a big card print laid out in a grandchild else).
    _canonical().IN_CHILD = True
    gc.disable()  # a short-lived process: reference counting frees what it makes
    issues.set_language(request["lang"])
    fn = _task(request["task"])
    sent = [0.0]

    def progress(done: int, total: int, *_: object) -> None:
        now = time.monotonic()
        if done < total and now - sent[0] < PROGRESS_INTERVAL_S:
            return
        sent[0] = now
        _write(out, ("progress", int(done), int(total)))

    if request["db"] is None:
        return fn(progress=progress, cancelled=None, **request["kwargs"])
    ctx = AppContext.open(request["db"])
    ctx.language = request["lang"]
    kwargs = dict(request["kwargs"])
    if request.get("commit_point"):
        kwargs["before_commit"] = lambda: _write(out, ("committing",))
    try:
        if request.get("office_key") is not None:
            from rentan_desktop.services import trust

            trust.adopt_office_key(ctx, request["office_key"])
        with ctx.db.reader() as session:
            actor = session.get(User, request["user_id"])
        if actor is None:
            from rentan_desktop.services.errors import UserError

            raise UserError("job.user_unknown")
        return fn(ctx, actor=actor, progress=progress, cancelled=None, **kwargs)
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
