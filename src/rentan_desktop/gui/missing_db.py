"""A ``--db`` (or ``RENTAN_DB``) naming a file that does not exist: say so and create nothing.

A mistyped path must not become an empty office database beside the real one (the wizard's
context would create and migrate it the moment the wizard opened). Only ``rentan init``,
``rentan demo`` and this box's own *Buat basis data baru* create a database; the first start on
the default path (no ``--db``) is a new install and goes straight to the set-up wizard.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from rentan_desktop import APP_NAME


def sentence(db_path: Path) -> str:
    return QCoreApplication.translate(
        "missing_db",
        "Berkas basis data {path} tidak ada; periksa nama berkas pada --db, atau pilih Buat basis "
        "data baru bila memang ingin memulai basis data kantor yang baru di sana.",
    ).format(path=db_path)


def ask_create(db_path: Path) -> bool:
    """Show the sentence (also on stderr); True only if the user chose to create the database.

    Nothing is written before the answer: no database, no lock file, no folder.
    """
    text = sentence(db_path)
    sys.stderr.write(text + "\n")
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text)
    box.setObjectName("missingDbBox")
    create = box.addButton(
        QCoreApplication.translate("missing_db", "&Buat basis data baru"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    close = box.addButton(
        QCoreApplication.translate("missing_db", "&Tutup"), QMessageBox.ButtonRole.RejectRole
    )
    create.setObjectName("createDb")
    close.setObjectName("closeBox")
    box.setDefaultButton(close)  # Enter on a typo must not create a database
    box.setEscapeButton(close)
    if os.environ.get("RENTAN_DESKTOP_QUIT_AFTER_MS"):  # smoke tests: no one to press a button
        QTimer.singleShot(int(os.environ["RENTAN_DESKTOP_QUIT_AFTER_MS"]), box.reject)
    box.exec()
    return box.clickedButton() is create
