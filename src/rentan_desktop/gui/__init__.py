"""The desktop app (PySide6). The only package that imports Qt.

Conventions every page follows:

- Visible strings are written in Bahasa Indonesia inside ``self.tr("...")`` (or
  ``QCoreApplication.translate(context, "...")``); ``resources/i18n/rentan_en.ts`` holds the English
  translations. Run ``packaging/update_translations.sh`` after adding strings.
- A page module exposes ``PAGE = PageSpec(...)`` (see :mod:`rentan_desktop.gui.pages`); its factory
  receives a :class:`~rentan_desktop.gui.context.GuiContext` with the services context, the logged-in
  user, the app signals and the job runner.
- Slow work goes through ``gui.jobs``; after a commit, emit ``gui.signals.data_changed``.
- User errors: ``gui.errors.show_error(parent, exc)``.
"""
