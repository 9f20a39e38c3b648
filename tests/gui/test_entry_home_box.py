"""After a crash the app opens on the home screen; it tells the clerk an entry is waiting."""

from __future__ import annotations

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry.home_box import DraftNotice, build
from rentan_desktop.services import drafts


def test_notice_leads_to_the_offered_draft(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui.main_window import MainWindow

    drafts.save_field(gui_ctx.ctx, actor=gui_ctx.user, name="nama", value="SITI AMINAH")
    window = MainWindow(gui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_key() == "home"
    home = window.page("home")
    notice = home.findChild(DraftNotice) or build(gui_ctx, home).findChild(DraftNotice)
    assert notice is not None and not notice.isHidden()
    assert "SITI AMINAH" in notice.text.text()
    notice.button.click()
    assert window.current_key() == "entry"
    form = window.page("entry")
    assert form.banner.isVisible() and "SITI AMINAH" in form.banner.text.text()


def test_no_notice_without_a_draft(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    notice = DraftNotice(gui_ctx)
    qtbot.addWidget(notice)
    assert notice.isHidden()
    drafts.save_field(gui_ctx.ctx, actor=gui_ctx.user, name="nik", value="6408014101900001")
    notice.refresh()
    assert not notice.isHidden() and "6408014101900001" in notice.text.text()
