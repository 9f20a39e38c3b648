"""Keys page: create this office's key, save the public key and the key sheet, register another
office's key only with the fingerprint read aloud, revoke it with a reason."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE
from tests.gui import test_batches_gui_support as support

from rentan_desktop.gui.keys.unlock import PassphraseDialog, ensure_unlocked
from rentan_desktop.gui.keys.widget import KeysPage
from rentan_desktop.services import auth, trust

kab_db_template, kab_ctx = support.kab_db_template, support.kab_ctx


def _answer(find_top, *typed: str) -> None:
    """Type into the passphrase dialog once it is up (it runs its own event loop), then OK."""

    def fill() -> None:
        dialog = find_top("keyPassphraseDialog")
        if dialog is None or dialog.is_busy():  # busy: the last answer is still being stretched
            QTimer.singleShot(20, fill)
            return
        text = typed[0] if len(typed) == 1 else typed[fill.count]  # type: ignore[attr-defined]
        fill.count += 1  # type: ignore[attr-defined]
        dialog.passphrase.setText(text)
        dialog.again.setText(text)
        if fill.count < len(typed):  # type: ignore[attr-defined]
            QTimer.singleShot(50, fill)  # answer again once the error sentence is up
        if text:
            dialog._check()  # noqa: SLF001 - the OK button's slot
        else:
            dialog.reject()

    fill.count = 0  # type: ignore[attr-defined]
    QTimer.singleShot(0, fill)


def test_the_key_passphrase_is_asked_once_and_a_wrong_one_says_so(
    qtbot, gui_ctx, find_top, monkeypatch
) -> None:
    trust.create_office_key(gui_ctx.ctx, actor=gui_ctx.user, passphrase=KEY_PASSPHRASE)
    trust.lock_office_key(gui_ctx.ctx)
    monkeypatch.delenv(trust.PASSPHRASE_ENV)
    page = KeysPage(gui_ctx)
    qtbot.addWidget(page)
    errors_seen: list[str] = []
    real_show = PassphraseDialog.show_error

    def spy(self, message: str) -> None:  # type: ignore[no-untyped-def]
        errors_seen.append(message)
        real_show(self, message)

    monkeypatch.setattr(PassphraseDialog, "show_error", spy)
    _answer(find_top, "salah-sekali-frasanya", KEY_PASSPHRASE)
    assert ensure_unlocked(page, gui_ctx)
    assert errors_seen and "salah" in errors_seen[0]
    assert trust.office_key_unlocked(gui_ctx.ctx)
    assert ensure_unlocked(page, gui_ctx)  # no second question in the same session
    trust.lock_office_key(gui_ctx.ctx)
    _answer(find_top, "")
    assert not ensure_unlocked(page, gui_ctx)  # Batal


def test_own_key_export_register_and_revoke(qtbot, gui_ctx, kab_ctx, tmp_path, find_top) -> None:
    page = KeysPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()
    assert "belum punya kunci" in page.own_label.text()
    assert page.create_button.isVisibleTo(page) and not page.export_button.isVisibleTo(page)
    _answer(find_top, KEY_PASSPHRASE)
    info = page.create_key()
    assert info is not None and page.fingerprint.text() == info.fingerprint
    # The fingerprint names the key; no hex key ID on screen (issue 15 point 8).
    assert "Sidik jari" in page.own_label.text() and info.key_id not in page.own_label.text()
    assert page.export_button.isVisibleTo(page)
    exported = page.export_key(tmp_path)
    assert exported is not None and exported.name == "KANTOR-640801.rentan-key.json"
    sheet = page.save_sheet(tmp_path / "lembar.pdf")
    assert sheet is not None
    sheet_text = " ".join(PdfReader(sheet).pages[0].extract_text().split())
    assert info.fingerprint in sheet_text.replace(" ", "") or info.fingerprint in sheet_text

    # The regency's key file arrives; trusting it needs its fingerprint, typed by hand.
    kab_admin = auth.authenticate(kab_ctx, "admin", ADMIN_PASSWORD)
    trust.create_office_key(kab_ctx, actor=kab_admin)
    kab_file = trust.export_public_key(kab_ctx, actor=kab_admin, folder=tmp_path)
    kab_fp = trust.office_key_info(kab_ctx).fingerprint
    parsed = page.load_key_file(kab_file)
    assert parsed is not None and page.pending_box.isVisibleTo(page)
    assert "6408 Kabupaten Kutai Timur" in page.pending_label.text()
    wrong = ("0" if kab_fp[0] != "0" else "1") + kab_fp[1:]
    assert page.trust_pending(wrong) is None
    assert page.result_label.property("kind") == "bad" and page.table.rowCount() == 0
    qtbot.keyClicks(page.fp_edit, kab_fp.lower().replace("-", " "))  # as read on the phone
    qtbot.keyClick(page.fp_edit, "\r")
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "6408"
    assert page.table.item(0, 4).text() == "Aktif" and not page.pending_box.isVisibleTo(page)

    page.table.selectRow(0)
    assert page.revoke_selected() is None  # a reason is required
    assert page.result_label.text() == "Alasan pencabutan kunci wajib diisi."
    page.revoke_reason.setText("Laptop koordinator hilang")
    assert page.revoke_selected() is not None
    assert page.table.item(0, 4).text().startswith("Dicabut")
    assert "Laptop koordinator hilang" in page.table.item(0, 4).text()
    assert trust.list_keys(gui_ctx.ctx, actor=gui_ctx.user)[0].revoked_at is not None


def test_operator_sees_fingerprint_but_cannot_manage(
    qtbot, make_user, make_gui_ctx, ctx, admin
) -> None:
    info = trust.create_office_key(ctx, actor=admin)
    page = KeysPage(make_gui_ctx(make_user("operator")))
    qtbot.addWidget(page)
    page.reload()
    assert page.fingerprint.text() == info.fingerprint
    assert not page.export_button.isEnabled() and not page.register_button.isEnabled()
    assert page.copy_button.isEnabled()


def test_the_office_key_is_rotated_from_the_page(qtbot, gui_ctx, find_top, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    trust.create_office_key(gui_ctx.ctx, actor=gui_ctx.user, passphrase=KEY_PASSPHRASE)
    monkeypatch.delenv(trust.PASSPHRASE_ENV, raising=False)
    page = KeysPage(gui_ctx)
    qtbot.addWidget(page)
    page.reload()
    before = page.fingerprint.text()
    assert page.rotate_button.isVisible() or not page.isVisible()
    _answer(find_top, KEY_PASSPHRASE)  # the passphrase is stretched in a job, off the GUI thread
    info = page.rotate_key()
    assert info is not None and info.fingerprint != before
    assert page.fingerprint.text() == info.fingerprint
    assert "Kunci kantor diganti" in page.result_label.text()
    assert trust.office_key_info(gui_ctx.ctx).fingerprint == info.fingerprint  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_trusting_a_key_file_has_its_own_alt_letters(
    qtbot, gui_ctx, kab_ctx, tmp_path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Once a key file is read, the fingerprint box appears under the page's own buttons; the walk
    found Alt+P (Percayai) landing on "Simpan kunci publik" and Alt+D shared with Daftarkan
    (and in English, Alt+T shared with the Tools menu)."""
    from tests.gui.keyboard import duplicated_mnemonics

    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.main_window import MainWindow

    trust.create_office_key(gui_ctx.ctx, actor=gui_ctx.user)
    kab_admin = auth.authenticate(kab_ctx, "admin", ADMIN_PASSWORD)
    trust.create_office_key(kab_ctx, actor=kab_admin)
    kab_file = trust.export_public_key(kab_ctx, actor=kab_admin, folder=tmp_path)
    i18n.install(lang)
    try:
        window = MainWindow(gui_ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        page = window.show_page("keys")
        assert isinstance(page, KeysPage) and page.load_key_file(kab_file) is not None
        assert page.pending_box.isVisible() and page.export_button.isVisible()
        # A running job's progress (Bata&l) comes and goes; the page's own letters must not clash.
        qtbot.waitUntil(lambda: duplicated_mnemonics(window) == {}, timeout=5_000)
    finally:
        i18n.install("id")
