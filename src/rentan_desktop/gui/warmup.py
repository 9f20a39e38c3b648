"""Import the pages' services and fill the rule tables in the background after the window opens.

Each page imports its services the first time it is used (the window must open fast), and the
first NIK check builds the table of valid kecamatan codes. Done on the GUI thread, that first use
froze the window for one to several seconds (cards and PDF modules when *Cetak* opened, the rule
tables when *Entri data* opened). A daemon thread does it while the clerk reads Beranda; Python
hands the GIL back every few milliseconds, so the window keeps turning meanwhile.
"""

from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
import threading

log = logging.getLogger(__name__)

PACKAGES = (
    "rentan_desktop.gui",  # the pages' widget modules (class definitions only, no widgets)
    "rentan_desktop.services",
    "rentan_desktop.io",
    "rentan_desktop.legacy",
    "rentan_desktop.signing",
)


def _modules() -> list[str]:
    names: list[str] = []
    for package in PACKAGES:
        try:
            root = importlib.import_module(package)
        except Exception:  # noqa: BLE001 - a missing optional part only loses the warm-up
            continue
        prefix = package + "."
        names += [m.name for m in pkgutil.walk_packages(root.__path__, prefix)]
    return names


def _warm() -> None:
    for name in _modules():
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - imported for speed only; the real use reports errors
            log.debug("warm-up import of %s failed", name, exc_info=True)
    try:
        from rentan_desktop.domain import registrant_rules

        registrant_rules.warm_tables()
    except Exception:  # noqa: BLE001
        log.debug("warm-up of the rule tables failed", exc_info=True)
    finally:
        # Everything imported so far lives as long as the process: move it out of the cyclic
        # collector's sight. Otherwise each full collection, triggered by whatever a job
        # allocates, walks every module, class and cached row again while holding the GIL:
        # 0.3-2.5 s frozen windows during the quality count and duplicate search at 20,000-150,000
        # records, gone with this (storage.fast_open.startup_gc does the same for start-up).
        gc.freeze()
        # Fewer, larger young collections: a job building 150,000 rows otherwise triggers full
        # collections over its own objects every few hundred milliseconds, each one a stall of
        # the window (measured: the duplicate search's longest stall 256 -> 166 ms).
        gc.set_threshold(*GC_THRESHOLDS)
        finished.set()


GC_THRESHOLDS = (50_000, 20, 100)
_started = threading.Event()
finished = threading.Event()  # set once everything is imported (tests and benchmarks wait on it)


def start() -> threading.Thread | None:
    """Start the warm-up once per process (later windows find everything imported)."""
    if _started.is_set():
        return None
    _started.set()
    thread = threading.Thread(target=_warm, name="warm-up", daemon=True)
    thread.start()
    return thread
