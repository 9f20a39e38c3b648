"""When the write-ahead log is copied back into the database file: in quiet moments, not on a save.

SQLite's automatic checkpoint runs inside the COMMIT that crosses 1,000 WAL pages, so every
twenty-fifth save or so a clerk waits for thousands of pages to be copied and synced. The writer
connection therefore has ``wal_autocheckpoint = 0`` and this module decides instead:

- after a write, once the database has been quiet for :data:`IDLE_SECONDS`, a background thread
  checkpoints (``PASSIVE``) on the one writer connection, under the writer's lock;
- after :data:`MAX_WRITES` writes without a quiet moment (a long run of saves, a batch applied
  in chunks), the last of them checkpoints at once, as SQLite would have. Writes are counted, not
  WAL bytes: the WAL file keeps its largest size after a checkpoint and is reused from the start,
  so its size says nothing about what is still to copy.

Durability is unchanged: a commit is durable in the WAL (``synchronous = FULL``) before it
returns, whether or not a checkpoint has copied it on. The checkpoint always runs on the writer
connection, never a second one (see the WAL-reset note in :mod:`rentan_desktop.storage.db`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

IDLE_SECONDS = 0.5
MAX_WRITES = 100  # a save writes about 40 pages: some 4,000 pages (16 MiB) at most


class Checkpointer:
    """Runs ``checkpoint`` (which takes the writer's lock itself) after writes, when quiet.

    The background thread lives only while there is something to copy: it ends after a
    checkpoint that no write has overtaken, and the next write starts a new one.
    """

    def __init__(self, checkpoint: Callable[[], None]) -> None:
        self._checkpoint = checkpoint
        self._lock = threading.Lock()
        self._last_write = 0.0
        self._writes = 0
        self._unchecked = 0  # writes since the last checkpoint
        self._stopped = False
        self._thread: threading.Thread | None = None

    def wrote(self) -> None:
        """Called after each committed write transaction, still holding the writer's lock."""
        with self._lock:
            self._unchecked += 1
            due = self._unchecked >= MAX_WRITES
        if due:
            self._checkpointed(self._checkpoint)
            return
        with self._lock:
            self._last_write = time.monotonic()
            self._writes += 1
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(
                    target=self._run, name="rentan-checkpoint", daemon=True
                )
                self._thread.start()

    def stop(self) -> None:
        """End the background thread (the database is closing and checkpoints on its own)."""
        with self._lock:
            self._stopped = True
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stopped:
                    self._thread = None
                    return
                wait = IDLE_SECONDS - (time.monotonic() - self._last_write)
                seen = self._writes
            if wait > 0:
                time.sleep(wait)
                continue
            with contextlib.suppress(
                Exception
            ):  # a failed checkpoint is retried after the next write
                self._checkpointed(self._checkpoint)
            with self._lock:
                if self._writes == seen or self._stopped:
                    self._thread = None
                    return

    def _checkpointed(self, run: Callable[[], None]) -> None:
        run()
        with self._lock:
            self._unchecked = 0
