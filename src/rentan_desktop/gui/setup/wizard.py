"""First-start wizard: office, first admin, funder and target; ends logged in as that admin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWizard

from rentan_desktop import APP_NAME
from rentan_desktop.gui.setup.pages import AdminPage, FunderPage, OfficePage

if TYPE_CHECKING:
    from rentan_desktop.gui.app import Application
    from rentan_desktop.services.context import AppContext


class SetupWizard(QWizard):
    """Creates the office in one transaction (``services.setup.init_office``) on Selesai."""

    completed = Signal(object)  # the first admin, authenticated

    def __init__(self, app: Application) -> None:
        super().__init__()
        self.app = app
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Penyiapan awal — {app}").format(app=APP_NAME))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Batal"))
        self.office_page = OfficePage(self)
        self.admin_page = AdminPage(self)
        self.funder_page = FunderPage(self)
        for page in (self.office_page, self.admin_page, self.funder_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.resize(720, 520)
        app.when_ready(self.office_page.set_context)

    def _page_changed(self, page_id: int) -> None:
        if self.page(page_id) is self.funder_page and self.app.ctx is not None:
            region = self.office_page.region()
            if region is not None:
                self.funder_page.prepare(
                    self.app.ctx, self.office_page.level(), region[0], region[1]
                )

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is self.funder_page:
            return self._create()
        return True

    def _create(self) -> bool:
        from rentan_desktop.gui.errors import show_error, user_text
        from rentan_desktop.services import auth

        ctx: AppContext | None = self.app.ctx
        region = self.office_page.region()
        if ctx is None or region is None:
            return False
        funder = self.funder_page
        try:
            # A retry after another process kept the database busy: the office may already be
            # there (it is one transaction), and only the steps after it are left.
            if ctx.office is None and ctx.reload_office() is None:
                self._init_office(ctx, region[0])
            ctx.set_setting("periode_aktif", funder.periode.value())
            user = auth.authenticate(
                ctx, self.admin_page.username.text().strip(), self.admin_page.password.text()
            )
        except Exception as exc:  # noqa: BLE001 - user errors on the page, bugs to the crash dialog
            text = user_text(exc)
            if text is None:
                show_error(self, exc)
            else:
                funder.error.setText(text)
                from rentan_desktop.gui.errors import retry_if_busy

                retry_if_busy(self, exc, self.button(QWizard.WizardButton.FinishButton).click)
            return False
        self.admin_page.password.clear()
        self.admin_page.password2.clear()
        self.created_user = user
        return True

    def _init_office(self, ctx: AppContext, kode: str) -> None:
        from rentan_desktop.services import setup

        funder = self.funder_page
        setup.init_office(
            ctx,
            kode=kode,
            nama=self.office_page.nama.text().strip(),
            level=self.office_page.level(),
            admin_username=self.admin_page.username.text().strip(),
            admin_full_name=self.admin_page.full_name.text().strip(),
            admin_password=self.admin_page.password.text(),
            funder=setup.FunderSpec(
                kode=funder.kode.text().strip().upper(),
                nama=funder.nama.text().strip(),
                usia_min=funder.usia_min.value(),
                usia_max=funder.usia_max.value(),
                domisili_kab=funder.domisili.currentData(),
                dasar_hukum=funder.dasar_hukum.text().strip(),
            ),
            target=funder.target.value() or None,
            periode=funder.periode.value(),
        )

    def done(self, result: int) -> None:
        super().done(result)
        user = getattr(self, "created_user", None)
        if result == QWizard.DialogCode.Accepted and user is not None:
            self.completed.emit(user)
        elif self.app.main_window is None:
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
