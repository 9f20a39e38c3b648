"""`--lang en` is English throughout the window (issue 15): every source string has its English,
and the English window's pages keep one Alt letter per action."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from tests.gui.keyboard import duplicated_mnemonics

from rentan_desktop import resources
from rentan_desktop.gui import i18n
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.main_window import MainWindow
from rentan_desktop.services.context import AppContext


def test_every_string_of_the_window_has_its_english() -> None:
    tree = ET.parse(resources.path("i18n/rentan_en.ts"))
    untranslated = [
        (context.findtext("name"), message.findtext("source"))
        for context in tree.getroot()
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (message.find("translation").text or list(message.find("translation")))  # type: ignore[union-attr,arg-type]
    ]
    assert untranslated == []


@pytest.fixture
def english(gui_lang: str, ctx: AppContext) -> Iterator[None]:
    i18n.install("en")
    ctx.language = "en"
    yield
    i18n.install("id")
    ctx.language = "id"


def test_the_english_window_has_english_pages_and_no_letter_twice(
    qtbot, english: None, gui_ctx: GuiContext
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(gui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Keying checks" in titles and "Verifikasi entri" not in titles
    clashes = {}
    for key in window.page_keys():
        window.show_page(key)
        qtbot.wait(1)
        if found := duplicated_mnemonics(window):
            clashes[key] = found
    assert clashes == {}


def test_the_english_window_groups_digits_the_english_way(
    qtbot, english: None, gui_ctx: GuiContext
) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: "1.000" reads as one to an English reader; Beranda's target says 1,000."""
    window = MainWindow(gui_ctx)
    qtbot.addWidget(window)
    window.show()
    home = window.show_page("home")
    qtbot.waitUntil(lambda: home.overview is not None, timeout=30_000)
    assert home.overview.target == 1000
    assert home.target_card.value.text() == "1,000"
