"""Issue 15.2: every page fits 1366x768 and 1280x720 screens with a taskbar; the size is kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

from rentan_desktop.gui import window_state
from rentan_desktop.gui.main_window import MainWindow

# Free area of the two common office screens once a taskbar (~40 px) is taken off, less what a
# window manager's title bar and borders take (window_state.FRAME_ALLOWANCE).
SCREENS = {
    "1366x768": QSize(1366, 728) - window_state.FRAME_ALLOWANCE,
    "1280x720": QSize(1280, 680) - window_state.FRAME_ALLOWANCE,
}


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return window.rect().contains(rect)


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_every_page_fits_with_the_status_bar_on_screen(main_window: MainWindow, qtbot, screen):
    free = SCREENS[screen]
    main_window.resize(free)
    for key in main_window.page_keys():
        main_window.show_page(key)
        qtbot.wait(1)
        hint = main_window.minimumSizeHint()
        assert hint.width() <= free.width() and hint.height() <= free.height(), (key, hint)
        assert main_window.size() == free, (key, main_window.size())
        bar = main_window.statusBar()
        assert _inside(bar, main_window), key
        assert _inside(main_window.progress, main_window) or not main_window.progress.isVisible()
        page = main_window.current_page()
        assert page is not None and page.isVisible()
        # Usable means no sideways scrolling: a clerk keys with a horizontal scroll bar hidden
        # fields. Scrolling down is acceptable on a short screen.
        viewport = main_window._scrollers[key].viewport()
        assert page.minimumSizeHint().width() <= viewport.width(), (key, screen)


def test_progress_and_batal_visible_on_the_smallest_screen(main_window: MainWindow, qtbot):
    main_window.resize(SCREENS["1280x720"])
    main_window.show_page("entry")
    gate: list[int] = []
    job = main_window.gui.jobs.start(
        lambda c: [c.check() or __import__("time").sleep(0.02) for _ in range(500)] and gate,
        title="Uji",
    )
    qtbot.waitUntil(lambda: main_window.progress.isVisible(), timeout=2_000)
    assert _inside(main_window.progress.cancel_button, main_window)
    main_window.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not job.running, timeout=2_000)


def test_window_fits_a_small_screen_and_remembers_its_size(gui_ctx, qtbot) -> None:
    first = MainWindow(gui_ctx)
    qtbot.addWidget(first)
    free = first.screen().availableGeometry().size() - window_state.FRAME_ALLOWANCE
    assert first.width() <= free.width() and first.height() <= free.height()
    first.show()
    qtbot.waitExposed(first)
    first.resize(QSize(700, 500))
    first.close()
    second = MainWindow(gui_ctx)
    qtbot.addWidget(second)
    assert second.size() == QSize(700, 500)
