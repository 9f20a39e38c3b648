"""The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service), when the optional
``keyring`` package and a usable backend are there. Every failure means "not kept": the caller
asks again (office key passphrase) or leaves the secret to libpq (server password)."""

from __future__ import annotations

import contextlib


def get(service: str, name: str) -> str | None:
    """The secret kept under ``service``/``name``; None when nothing is kept or no keyring works."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(service, name)
    except Exception:  # noqa: BLE001 - any backend failure (none, locked, D-Bus): not kept
        return None


def put(service: str, name: str, secret: str) -> bool:
    """Keep ``secret``; False when no usable keyring is there (then nothing is kept)."""
    try:
        import keyring
    except ImportError:
        return False
    try:
        keyring.set_password(service, name, secret)
    except Exception:  # noqa: BLE001 - no usable backend
        return False
    return True


def delete(service: str, name: str) -> None:
    """Forget the secret; nothing kept, or no backend, is nothing to do."""
    try:
        import keyring
    except ImportError:
        return
    with contextlib.suppress(Exception):
        keyring.delete_password(service, name)
