"""The registrant list: search, filters, a live count, multi-select bulk actions and the detail view."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import formatting, issues
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import focus
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.registrants import actions
from rentan_desktop.gui.registrants.actions import StatusDialog
from rentan_desktop.gui.registrants.detail import RegistrantDetail
from rentan_desktop.gui.registrants.filters import FilterBar
from rentan_desktop.gui.registrants.model import SORT_OF_COLUMN, RegistrantModel
from rentan_desktop.gui.signals import Changes
from rentan_desktop.services import lookups, registrant_pages
from rentan_desktop.services.search import Query

DETAIL_DELAY_MS = 150  # arrowing through rows must not load every record on the way


class RegistrantList(QWidget):
    """Every registrant of the database, paged from SQLite; opening a row shows its detail."""

    edit_requested = Signal(str)  # uuid (when no main window can show the entry page)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.lang = gui.ctx.language
        self.names = lookups.list_names(gui.ctx)
        self.status_dialog: StatusDialog | None = None
        self._restore = (-1, 0)  # (current row, scroll value) to return to after a refresh
        self._shown = False
        self.model = RegistrantModel(
            partial(registrant_pages.open_reader, gui.ctx, actor=gui.user),
            full_nik=gui.can(Perm.VIEW_FULL_NIK),
            names=self.names.as_model_names(),
            lang=self.lang,
            parent=self,
        )
        self.filters = FilterBar(self.names, self.lang, self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("registrantCount")
        self.count_label.setStyleSheet("font-weight: bold;")
        self.view = QTableView(self)
        self.view.setObjectName("registrantTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        # No indicator first: enabling sorting sorts by the indicator's column at once.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        vertical = self.view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        for column, width in enumerate((140, 190, 85, 35, 130, 65, 150, 120, 90)):
            self.view.setColumnWidth(column, width)
        self.detail = RegistrantDetail(gui, self.names, self)
        self.detail.hide()
        self.detail.edit_requested.connect(self.edit)

        self.verify_button = QPushButton(
            self.tr("Catat hasil &verifikasi RT… (Ctrl+Shift+V)"), self
        )
        self.verify_button.clicked.connect(lambda: self.bulk(actions.VERIFY))
        self.verify_button.setVisible(gui.can(Perm.STATUS_VERIFY))
        self.deactivate_button = QPushButton(self.tr("N&onaktifkan… (Ctrl+Shift+D)"), self)
        self.deactivate_button.clicked.connect(lambda: self.bulk(actions.DEACTIVATE))
        self.deactivate_button.setVisible(gui.can(Perm.STATUS_DEACTIVATE))
        self.message = QLabel(self)
        self.message.setObjectName("listMessage")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.verify_button)
        top.addWidget(self.deactivate_button)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self.open_current)
        self.filters.changed.connect(self.set_query)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._header_sorted)
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(self._show_count_pending)
        bar = self.view.verticalScrollBar()
        bar.valueChanged.connect(self._prefetch_visible)
        # Dragging the thumb across a million rows must not read every block on the way (a jump
        # into the middle reads by OFFSET, ~0.3 s): rows show "…" until the thumb stops.
        bar.sliderPressed.connect(lambda: setattr(self.model, "paused", True))
        bar.sliderReleased.connect(self._slider_released)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        gui.signals.data_changed.connect(self._on_data_changed)
        self._shortcut("Ctrl+F", self.filters.focus_search)
        self._shortcut("Ctrl+Shift+V", lambda: self.bulk(actions.VERIFY))
        self._shortcut("Ctrl+Shift+D", lambda: self.bulk(actions.DEACTIVATE))
        self._shortcut("Ctrl+E", lambda: self.detail.uuid and self.edit(self.detail.uuid))
        self.filters.search.installEventFilter(self)
        focus.chain(
            self.filters.descending, self.verify_button, self.deactivate_button, self.view,
            self.detail,
        )  # fmt: skip
        self.set_query(self.filters.query())

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)  # type: ignore[arg-type]

    # -- query and count -----------------------------------------------------------------------

    def set_query(self, query: Query) -> None:
        """Show ``query`` (from the filter bar, sort order included)."""
        self.model.set_query(query)
        self._show_indicator(query)

    def _show_indicator(self, query: Query) -> None:
        column = next((c for c, k in SORT_OF_COLUMN.items() if k == query.sort), -1)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _header_sorted(self) -> None:
        # The view already asked the model to sort; show the same order in the sort box.
        self.filters.show_sort(self.model.query.sort, self.model.query.descending)
        self._show_indicator(self.model.query)  # a column that cannot sort keeps the old order

    def _show_count_pending(self) -> None:
        if self.model.total is None:
            self.count_label.setText(self.tr("Menghitung…"))

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 pendaftar").replace("%1", formatting.angka(total)))
        text = self.model.query.text.strip()
        if total == 0 and text:
            self.message.setText(
                self.tr(
                    'Tidak ada yang cocok dengan "{text}". Ketik NIK lengkap (16 angka), '
                    "4 angka terakhir NIK, NIK seperti tampil di daftar (6408********0001), "
                    "atau awal nama."
                ).format(text=text)
            )
        elif self.message.property("searchHint"):
            self.message.clear()
        self.message.setProperty("searchHint", total == 0 and bool(text))
        self._restore_position()

    def _restore_position(self) -> None:
        row, scroll = self._restore
        if row < 0 or row >= self.model.rowCount():
            return
        self._restore = (-1, 0)
        self.model.prefetch(row, row)
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        # The scroll range follows the new row count only after the view's next layout pass.
        QTimer.singleShot(0, lambda: self.view.verticalScrollBar().setValue(scroll))

    def _slider_released(self) -> None:
        self.model.paused = False
        self._prefetch_visible()
        self.view.viewport().update()

    def _prefetch_visible(self) -> None:
        if self.model.paused:
            return
        top = self.view.rowAt(0)
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        if top < 0:
            return
        self.model.prefetch(top, bottom if bottom >= 0 else top + 60)

    def jump_to_end(self) -> None:
        """Ctrl+End with rows ready: the last block is read backwards from the end."""
        last = self.model.rowCount() - 1
        if last < 0:
            return
        self.model.prefetch(max(0, last - 60), last)
        index = self.model.index(last, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollToBottom()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entity != "registrant":
            return
        if not self.isVisible():
            # Hidden: re-read when next shown (page_shown), not at every change made elsewhere
            # in the app or by another process (a query over 150,000 records each time).
            self._shown = False
            return
        self._reread()

    def _reread(self) -> None:
        # Re-read, then put the clerk back where they were once the count says the row exists.
        self._restore = (self.view.currentIndex().row(), self.view.verticalScrollBar().value())
        self.model.refresh()
        self._restore_position()
        if not self.detail.isHidden() and self.detail.uuid:  # opened, even if the page is not shown
            self.detail.show_record(self.detail.uuid)

    # -- opening and editing ---------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.detail.isVisible():
            self._detail_timer.start()

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        uuid = self.model.uuid_at(index.row())
        if uuid:
            self.open_record(uuid)

    def open_record(self, uuid: str) -> None:
        """Show one record's detail (also used by the entry form's "open existing record")."""
        self.detail.show_record(uuid)
        self.detail.show()

    def edit(self, uuid: str) -> None:
        window = self.window()
        show_page = getattr(window, "show_page", None)
        if callable(show_page) and "entry" in getattr(window, "page_keys", lambda: [])():
            show_page("entry").edit(uuid)
        else:
            self.edit_requested.emit(uuid)

    # -- bulk actions ----------------------------------------------------------------------------

    def selected_uuids(self) -> list[str] | None:
        """The selected rows' uuids (fetching their blocks); None when too many are selected."""
        ranges = self.view.selectionModel().selection()
        total = sum(r.height() for r in ranges)
        if total > actions.MAX_BULK:
            self.message.setText(
                issues.text("list.too_many", self.lang, count=total, max=actions.MAX_BULK)
            )
            return None
        rows = sorted({row for r in ranges for row in range(r.top(), r.bottom() + 1)})
        return [u for row in rows if (u := self.model.uuid_at(row))]

    def bulk(self, mode: str) -> None:
        uuids = self.selected_uuids()
        if not uuids:
            if uuids is not None:
                self.message.setText(
                    self.tr("Pilih dulu pendaftar di daftar (Shift/Ctrl + klik atau panah).")
                )
            return
        dialog = StatusDialog(mode, len(uuids), self.lang, self)
        dialog.accepted.connect(lambda: self._apply(dialog, uuids))
        self.status_dialog = dialog
        dialog.open()

    def _apply(self, dialog: StatusDialog, uuids: list[str]) -> None:
        self.message.setText(
            actions.apply(
                self.gui, uuids, dialog.status(), dialog.reason_text(), self, self.message.setText
            )
        )
        self.status_dialog = None
        dialog.deleteLater()

    def page_shown(self) -> None:
        # A clerk comes here to find someone: typing starts in the search box.
        self.filters.focus_search()
        if not self._shown:
            # Built ahead in idle time (MainWindow.PREBUILD), or changed while hidden: read the
            # list again on showing.
            self._shown = True
            self._reread()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Down or Enter in the search box moves into the results, as in any search field.
        if (
            watched is self.filters.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.filters.emit_now()
                self.focus_results()
                return True
            if event.key() == Qt.Key.Key_Down:
                self.filters.flush()
                self.focus_results()
                return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> None:
        """Focus the table on its first row (or keep the row the clerk was on)."""
        if self.model.rowCount() == 0:
            return
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid():
            self.model.prefetch(0, 0)
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
