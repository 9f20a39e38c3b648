"""Keys page: create this office's key, save the public key and the key sheet, register another
office's key only with the fingerprint read aloud, revoke it with a reason."""

from __future__ import annotations

from pypdf import PdfReader
from tests.conftest import ADMIN_PASSWORD
from tests.gui import test_batches_gui_support as support

from rentan_desktop.gui.keys.widget import KeysPage
from rentan_desktop.services import auth, trust

kab_db_template, kab_ctx = support.kab_db_template, support.kab_ctx


def test_own_key_export_register_and_revoke(qtbot, gui_ctx, kab_ctx, tmp_path) -> None:
    page = KeysPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()
    assert "belum punya kunci" in page.own_label.text()
    assert page.create_button.isVisibleTo(page) and not page.export_button.isVisibleTo(page)
    info = page.create_key()
    assert info is not None and page.fingerprint.text() == info.fingerprint
    assert "ID kunci" in page.own_label.text() and page.export_button.isVisibleTo(page)
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
