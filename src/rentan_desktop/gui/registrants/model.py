"""A table model over every registrant that never loads all rows.

Rows are fetched in blocks of :data:`BLOCK` from ``services.registrant_pages`` by keyset paging:
a block next to a cached one continues from its edge key, the last block is read backwards from the
end, and only a jump into the middle of a huge list falls back to ``OFFSET``. At most :data:`MAX_BLOCKS`
blocks stay cached. The total is counted on a worker thread (the live count) while the first block
is already on screen. ``data()`` only formats cached tuples; a row that is not cached yet shows
"…" and its block is fetched on the next turn of the event loop.
"""

from __future__ import annotations

import queue
import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from rentan_desktop.domain import formatting, lifecycle
from rentan_desktop.services import registrant_pages
from rentan_desktop.services.context import WITA
from rentan_desktop.services.registrant_pages import (
    LIST_FIELDS,
    PageReader,
    PreparedCount,
    ReaderFactory,
)
from rentan_desktop.services.search import Query

BLOCK = 100
DRAG_RETRY_MS = 80
MAX_BLOCKS = 60
COLUMNS = (
    "nik",
    "nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "desa_kode",
    "rt",
    "pekerjaan_kode",
    "status",
    "kpj",
    "updated_at",
)
_POS = {name: i for i, name in enumerate(LIST_FIELDS)}
SORT_OF_COLUMN = {
    0: "nik",
    1: "nama",
    2: "tanggal_lahir",
    4: "desa_kode",
    7: "status",
}  # "Diubah" is not offered: updated_at has no index, so each page would sort every row (~3 s at 1M)
UUID, ID = _POS["uuid"], _POS["id"]
Index = QModelIndex | QPersistentModelIndex
_CountJob = tuple[int, PreparedCount]  # generation, the count to run


class _Counter(QObject):
    counted = Signal(int, int)  # generation, total


class _CountWorker:
    """One long-lived thread that counts each query's rows on its own page reader.

    A plain Python thread (not a Qt pool: starting pooled runnables cost ~20 ms of GUI time in
    thread start-up and lock hand-offs). A count nobody will see any more is interrupted, and queued
    counts are skipped to the newest, so the core stays free for the query the clerk is looking at.
    """

    def __init__(self, connect: ReaderFactory, out: _Counter) -> None:
        self.connect, self.out = connect, out
        self._queue: queue.Queue[_CountJob | None] = queue.Queue()
        self._lock = threading.Lock()
        self._running: int | None = None  # generation being counted
        self._reader: PageReader | None = None
        self._thread = threading.Thread(target=self._work, name="list-count", daemon=True)
        self._thread.start()

    def submit(self, generation: int, query: Query) -> None:
        # The statement is built here, on the GUI thread, so the woken worker holds Python's lock
        # for as few steps as possible before SQLite (which releases it) takes over.
        prepared = PageReader.prepare_count(query)
        self.interrupt_stale(generation)
        self._queue.put((generation, prepared))

    def stop(self, timeout: float = 5.0) -> None:
        self.interrupt_stale(None)
        self._queue.put(None)
        self._thread.join(timeout)

    def interrupt_stale(self, generation: int | None) -> None:
        """Stop a running count that is not for ``generation`` (None: any)."""
        with self._lock:
            if self._reader is not None and self._running not in (None, generation):
                self._reader.interrupt()  # thread-safe; the running count returns None

    def _work(self) -> None:
        reader = self.connect()
        try:
            while (item := self._latest()) is not None:
                generation, prepared = item
                with self._lock:
                    self._running, self._reader = generation, reader
                try:
                    total = reader.count(prepared)  # None: a newer query interrupted it
                finally:
                    with self._lock:
                        self._running = None
                if total is not None:
                    try:
                        self.out.counted.emit(generation, total)
                    except RuntimeError:
                        return  # the list was closed while counting
        finally:
            with self._lock:
                self._reader = None
            reader.close()

    def _latest(self) -> _CountJob | None:
        item = self._queue.get()
        while item is not None and not self._queue.empty():
            item = self._queue.get_nowait()
        return item


class RegistrantModel(QAbstractTableModel):
    """Pages registrants from a page reader for a ``QTableView``; ``set_query`` changes search/filter/sort."""

    count_changed = Signal(int)  # the exact total, once counted

    def __init__(
        self,
        connect: ReaderFactory,
        *,
        full_nik: bool,
        names: dict[str, dict[str, str]] | None = None,
        lang: str = "id",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.connect = connect
        self.reader = connect()
        self.full_nik, self.lang = full_nik, lang
        self.names = names or {"desa": {}, "pekerjaan": {}}
        self.query = Query()
        self.blocks: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self.rows = 0  # rows the view knows about (the total once counted)
        self.total: int | None = None
        self.generation = 0
        self.queries = 0  # pages read on the GUI thread (tests and benchmarks read it)
        self._wanted: set[int] = set()
        self.paused = False  # set while the view's scrollbar is dragged
        self._counter = _Counter(self)
        self._counter.counted.connect(self._on_counted)
        self._pending_count: tuple[int, Query] | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._submit_count)
        self.counter = _CountWorker(connect, self._counter)
        jobs = (
            self.counter._queue
        )  # end the thread with the model (not via self, already half-gone)
        self.destroyed.connect(lambda: jobs.put(None))
        self.headers = (
            self.tr("NIK"), self.tr("Nama"), self.tr("Thn lahir"), self.tr("L/P"), self.tr("Desa/kel."),
            self.tr("RT/RW"), self.tr("Pekerjaan"), self.tr("Status"), self.tr("KPJ"), self.tr("Diubah"),
        )  # fmt: skip

    # -- queries -------------------------------------------------------------------------------

    def set_query(self, query: Query, *, count: bool = True) -> None:
        """Show ``query``'s rows: first block now, the total from a worker thread."""
        self.beginResetModel()
        self.query = query
        self.generation += 1
        self.blocks.clear()
        self._wanted.clear()
        self.total = None
        first = self._run(query, limit=BLOCK)
        self.blocks[0] = first
        self.rows = len(first)
        if len(first) < BLOCK:
            self.total = len(first)
        self.endResetModel()
        if self.total is not None:
            self.count_changed.emit(self.total)
        elif count:
            # Counted from the next turn of the event loop: the view paints the first page before
            # the count thread wakes up to compete with it (a stale count stops at once).
            self.counter.interrupt_stale(self.generation)
            self._pending_count = (self.generation, query)
            self._count_timer.start()

    def _submit_count(self) -> None:
        pending, self._pending_count = self._pending_count, None
        if pending is not None and pending[0] == self.generation:
            self.counter.submit(*pending)

    def refresh(self) -> None:
        """Re-read after data changed elsewhere (keeps the query)."""
        self.set_query(self.query)

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self.generation:
            return  # a count for a query the clerk has already left
        self.total = total
        if total > self.rows:
            self.beginInsertRows(QModelIndex(), self.rows, total - 1)
            self.rows = total
            self.endInsertRows()
        elif total < self.rows:
            self.beginRemoveRows(QModelIndex(), total, self.rows - 1)
            self.rows = total
            self.endRemoveRows()
        self.count_changed.emit(total)

    def _run(
        self,
        query: Query,
        *,
        limit: int,
        after: tuple[Any, int] | None = None,
        offset: int = 0,
    ) -> list[tuple[Any, ...]]:
        self.queries += 1
        return self.reader.page(query, limit=limit, after=after, offset=offset)

    def _key(self, row: tuple[Any, ...]) -> tuple[Any, int]:
        return registrant_pages.edge_key(self.query, row)

    def _fetch_block(self, b: int) -> list[tuple[Any, ...]]:
        """Read block ``b`` by the cheapest route: keyset from a neighbour or from the end."""
        start = b * BLOCK
        n = BLOCK if self.total is None else max(0, min(BLOCK, self.total - start))
        backwards = replace(self.query, descending=not self.query.descending)
        if b == 0:
            return self._run(self.query, limit=n)
        if b - 1 in self.blocks and len(self.blocks[b - 1]) == BLOCK:
            return self._run(self.query, limit=n, after=self._key(self.blocks[b - 1][-1]))
        if b + 1 in self.blocks and self.blocks[b + 1]:
            rows = self._run(backwards, limit=n, after=self._key(self.blocks[b + 1][0]))
            return rows[::-1]
        if self.total is not None and start >= self.total // 2:
            from_end = self.total - start - n
            return self._run(backwards, limit=n, offset=from_end)[::-1]
        return self._run(self.query, limit=n, offset=start)

    def _block(self, b: int) -> list[tuple[Any, ...]]:
        rows = self.blocks.get(b)
        if rows is None:
            rows = self._fetch_block(b)
            self.blocks[b] = rows
            while len(self.blocks) > MAX_BLOCKS:
                self.blocks.popitem(last=False)
        else:
            self.blocks.move_to_end(b)
        return rows

    def prefetch(self, first: int, last: int) -> None:
        """Make rows ``first..last`` available before the view paints them (scrolling, jumps)."""
        if self.rows == 0:
            return
        first, last = max(0, first), min(self.rows - 1, last)
        for b in range(first // BLOCK, last // BLOCK + 1):
            self._block(b)

    def row_values(self, row: int) -> tuple[Any, ...] | None:
        """The raw values of a cached row (None when not fetched)."""
        rows = self.blocks.get(row // BLOCK)
        if rows is None or row % BLOCK >= len(rows):
            return None
        return rows[row % BLOCK]

    def uuid_at(self, row: int, *, fetch: bool = True) -> str | None:
        if fetch and self.row_values(row) is None and 0 <= row < self.rows:
            self._block(row // BLOCK)
        values = self.row_values(row)
        return str(values[UUID]) if values else None

    def _fill_wanted(self) -> None:
        if self.paused:
            # The scrollbar thumb is being dragged: rows fly past; fetch where it stops.
            QTimer.singleShot(DRAG_RETRY_MS, self._fill_wanted)
            return
        wanted, self._wanted = sorted(self._wanted), set()
        for b in wanted:
            if b not in self.blocks and b * BLOCK < self.rows:
                self._block(b)
                last = min(self.rows, (b + 1) * BLOCK) - 1
                self.dataChanged.emit(self.index(b * BLOCK, 0), self.index(last, len(COLUMNS) - 1))

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 - Qt API
        return (
            not parent.isValid() and self.total is None and self.rows % BLOCK == 0 and self.rows > 0
        )

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 - Qt API
        """Before the count arrives, scrolling down extends the list block by block."""
        if not self.canFetchMore(parent):
            return
        b = self.rows // BLOCK
        rows = self._block(b)
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), self.rows, self.rows + len(rows) - 1)
        self.rows += len(rows)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        values = self.row_values(index.row())
        if values is None:
            # Never a read here: ask for the block on the next turn of the event loop.
            if not self._wanted:
                QTimer.singleShot(0, self._fill_wanted)
            self._wanted.add(index.row() // BLOCK)
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.UserRole:
            return values[UUID]
        return self._display(values, index.column())

    def _display(self, v: tuple[Any, ...], column: int) -> str:
        name = COLUMNS[column]
        value = v[_POS[name]]
        if name == "nik":
            # UU PDP: a list never shows a full NIK, whatever the role (``full_nik`` only matters
            # to the detail view). Search by full NIK still works: it runs in SQL, not on this text.
            return formatting.mask_nik(value)
        if name == "tanggal_lahir":
            # Beside a masked NIK only the year: the full date is half the NIK (docs/security.md).
            return formatting.tahun_lahir(str(value or ""))
        if name == "desa_kode":
            return self.names["desa"].get(value, value)
        if name == "rt":
            return f"{v[_POS['rt']]}/{v[_POS['rw']]}" if v[_POS["rw"]] else str(v[_POS["rt"]])
        if name == "pekerjaan_kode":
            return self.names["pekerjaan"].get(value, value)
        if name == "status":
            return lifecycle.label(value, self.lang) if value else ""
        if name == "jenis_kelamin" and self.lang == "en":
            return {"L": "M", "P": "F"}.get(value, value)  # Laki-laki / Perempuan
        if name == "updated_at" and value:
            local = datetime.fromisoformat(str(value)).astimezone(WITA)
            return f"{local:%d-%m-%Y %H.%M}"
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_OF_COLUMN.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key != self.query.sort or descending != self.query.descending:
            self.set_query(replace(self.query, sort=key, descending=descending))

    def close(self) -> None:
        """Stop counting and release the reader (the model is not used afterwards)."""
        self.generation += 1
        self.counter.stop()
        self.reader.close()
