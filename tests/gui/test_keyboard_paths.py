"""Issue 15.4: keyboard paths. No Alt letter twice in one window; focus where typing starts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget
from tests.conftest import person
from tests.gui.keyboard import duplicated_mnemonics, mnemonic, mnemonics

from rentan_desktop.gui.jobs import JobProgress
from rentan_desktop.gui.main_window import MainWindow
from rentan_desktop.gui.registrants.widget import RegistrantList
from rentan_desktop.services import registrants, trust


def _tab_states(page):  # type: ignore[no-untyped-def]
    """Every tab of every tab widget on the page in turn (their contents hold live letters)."""
    tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
    yield "-"
    for tab in tabs:
        for index in range(tab.count()):
            tab.setCurrentIndex(index)
            yield f"{tab.objectName()}[{tab.tabText(index)}]"


def test_no_page_has_a_duplicated_mnemonic(main_window: MainWindow, qtbot, ctx, admin) -> None:
    # The office has its key, so the key page shows its own-key buttons too.
    trust.create_office_key(ctx, actor=admin)
    # As while a long job runs: the status bar's Batal and its Alt letter are on screen with
    # every page, so no page may use that letter either.
    (bar,) = [p for p in main_window.findChildren(JobProgress) if "&" in p.cancel_button.text()]
    batal = mnemonic(bar.cancel_button.text())
    clashes = {}
    for key in main_window.page_keys():
        page = main_window.show_page(key)
        qtbot.wait(1)
        for state in _tab_states(page):
            bar.show()  # a page's own quick jobs ending hide it again
            assert batal in mnemonics(main_window)
            found = duplicated_mnemonics(main_window)
            if found:
                clashes[f"{key} {state}"] = found
    assert clashes == {}


def test_menus_have_no_duplicated_mnemonic(main_window: MainWindow) -> None:
    for menu_action in main_window.menuBar().actions():
        letters = [mnemonic(a.text()) for a in menu_action.menu().actions() if a.text()]
        letters = [x for x in letters if x]
        assert len(letters) == len(set(letters)), menu_action.text()


def test_dialogs_open_on_their_first_field(main_window: MainWindow, qtbot) -> None:
    settings = main_window.show_page("settings")
    opened = [
        settings.general.own_password_dialog(),
        settings.users.add_user_dialog(),
        settings.funders.add_dialog(),
    ]
    for dialog in opened:
        qtbot.waitExposed(dialog)
        first = next(iter(dialog.fields.values()))
        qtbot.waitUntil(lambda d=dialog, f=first: d.focusWidget() is f, timeout=2_000)
        assert duplicated_mnemonics(dialog) == {}, dialog.windowTitle()
        dialog.reject()


def _seed(ctx, admin, funder_id) -> None:  # type: ignore[no-untyped-def]
    for n, nama in enumerate(("Siti Aminah", "Rina Wati", "Yusuf Hamdan"), start=1):
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik=f"640801410190{n:04d}", nama=nama)
        )


def test_list_opens_in_search_and_moves_to_results(
    main_window: MainWindow, qtbot, ctx, admin, funder_id
) -> None:
    _seed(ctx, admin, funder_id)
    main_window.show_page("home")
    main_window.activateWindow()
    page = main_window.show_page("registrants")
    assert isinstance(page, RegistrantList)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.filters.search, timeout=2_000)
    # The four digits the list shows at the end of a masked NIK find the record.
    shown = page.model.data(page.model.index(0, 0))
    assert shown.endswith("0002") or page.model.rowCount() == 3
    qtbot.keyClicks(page.filters.search, "0002")
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.count_label.text() == "1 pendaftar", timeout=5_000)
    assert page.model.data(page.model.index(0, 1)) == "RINA WATI"
    assert QApplication.focusWidget() is page.view
    assert page.view.currentIndex().row() == 0
    # Pasting the NIK as the list prints it works too.
    page.filters.focus_search()
    page.filters.search.setText("6408********0003")
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.count_label.text() == "1 pendaftar", timeout=5_000)
    assert page.model.data(page.model.index(0, 1)) == "YUSUF HAMDAN"
    # Nothing found: the list says what to type.
    page.filters.focus_search()
    page.filters.search.setText("123")
    page.filters.emit_now()
    qtbot.waitUntil(lambda: page.count_label.text() == "0 pendaftar", timeout=5_000)
    assert "4 angka terakhir NIK" in page.message.text()


def test_list_tab_order_follows_the_screen(main_window: MainWindow, qtbot, ctx, admin, funder_id):
    _seed(ctx, admin, funder_id)
    page = main_window.show_page("registrants")
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.filters.search, timeout=2_000)
    seen = []
    for _ in range(30):
        widget = QApplication.focusWidget()
        if widget is page.view or widget in seen:
            break
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.view, [w.objectName() for w in seen]
    # Reading order: each stop is below, or on the same row and to the right of, the last one.
    points = [w.mapTo(page, w.rect().topLeft()) for w in seen]
    for (a, b), pa, pb in zip(zip(seen, seen[1:]), points, points[1:]):  # noqa: B905
        same_row = abs(pa.y() - pb.y()) < 12
        assert pb.y() > pa.y() or (same_row and pb.x() > pa.x()), (a.objectName(), b.objectName())
