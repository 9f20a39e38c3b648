"""Measure the GUI event loop while an action runs: the longest gap between two timer turns.

A QTimer fires every few milliseconds on the GUI thread; whatever keeps that thread busy (a
service call on the GUI thread, a big table filled at once, a job holding the GIL) shows up as a
gap. Shared by the scale tests and ``bench/bench_gui_stall.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer

TICK_MS = 5


class Heartbeat(QObject):
    """Records the longest wait between two turns of the GUI event loop since :meth:`reset`."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.monotonic()
        self.longest = 0.0

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def reset(self) -> None:
        spin(0.03)  # let queued work drain first: it belongs to what ran before
        self.last = time.monotonic()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def close_gap(self) -> float:
        """The longest gap, counting the one still open now."""
        return max(self.longest, time.monotonic() - self.last)


def spin(seconds: float) -> None:
    """Run the event loop for ``seconds`` (like qtbot.wait, usable outside tests)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def spin_until(done: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if done():
            return True
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    return done()


@dataclass
class Measure:
    action: str
    seconds: float  # until the action (and every job it started) finished
    longest_gap_ms: float
    cancel_ms: float | None = None  # Batal pressed -> job ended


def measure(
    beat: Heartbeat, jobs: object, action: str, run: Callable[[], object], timeout: float = 600
) -> Measure:
    """Run ``run()`` (as a click would) and wait for every job it started; measure the gaps."""
    beat.reset()
    started = time.monotonic()
    run()
    spin(0.02)
    finished = spin_until(lambda: not jobs.running(), timeout)  # type: ignore[attr-defined]
    seconds = time.monotonic() - started
    gap = beat.close_gap()
    if not finished:
        raise AssertionError(f"{action}: still running after {timeout:.0f} s")
    return Measure(action, seconds, gap * 1000)


def measure_cancel(
    beat: Heartbeat,
    jobs: object,
    cancel_button: object,
    action: str,
    run: Callable[[], object],
    after: float = 0.3,
) -> Measure:
    """Start ``run()``, press Batal after ``after`` seconds, time how long the job takes to stop."""
    beat.reset()
    started = time.monotonic()
    run()
    spin_until(lambda: bool(jobs.running()), 5)  # type: ignore[attr-defined]
    spin(after)
    if not jobs.running():  # type: ignore[attr-defined]
        return Measure(action, time.monotonic() - started, beat.close_gap() * 1000, 0.0)
    pressed = time.monotonic()
    cancel_button.click()  # type: ignore[attr-defined]
    spin_until(lambda: not jobs.running(), 60)  # type: ignore[attr-defined]
    stopped = time.monotonic() - pressed
    return Measure(action, time.monotonic() - started, beat.close_gap() * 1000, stopped * 1000)


def floors(beat: Heartbeat, seconds: float = 5.0) -> list[Measure]:
    """The baselines an action's stall is read against, in the same run on the same machine:
    the heartbeat alone (the operating system's scheduling of the GUI thread), and the heartbeat
    while a bare background thread runs pure Python (the least a job thread costs the GUI thread
    through the interpreter lock) for the same time."""
    import threading

    out = []
    beat.reset()
    spin(seconds)
    out.append(Measure("dasar: jam saja", seconds, beat.close_gap() * 1000))
    stop = threading.Event()

    def busy() -> None:
        while not stop.is_set():
            sum(range(2000))

    worker = threading.Thread(target=busy, daemon=True)
    beat.reset()
    worker.start()
    spin(seconds)
    stop.set()
    worker.join()
    out.append(Measure("dasar: jam + utas Python sibuk", seconds, beat.close_gap() * 1000))
    return out


def page_actions(window: object, folder: object) -> list[tuple[str, Callable[[], object]]]:
    """The long actions of a clerk's and coordinator's day, as the buttons run them."""
    from pathlib import Path

    w = window
    out = Path(str(folder))

    def search(text: str) -> Callable[[], object]:
        def run() -> None:
            page = w.show_page("registrants")  # type: ignore[attr-defined]
            page.filters.search.setText(text)
            page.filters.emit_now()

        return run

    def rt_print() -> object:
        tab = w.show_page("printing").rt_list  # type: ignore[attr-defined]
        tab.load()
        tab.desa.setCurrentIndex(max(tab.desa.count() - 1, 0))
        spin_until(lambda: tab.rt.count() > 0, 60)
        tab.rt.setCurrentIndex(0)
        return tab.start_print()

    def export_batch() -> object:
        panel = w.show_page("batches").export  # type: ignore[attr-defined]
        panel.set_folder(out)
        return panel.start_export()

    def page(key: str, method: str, *args: object) -> Callable[[], object]:
        return lambda: getattr(w.show_page(key), method)(*args)  # type: ignore[attr-defined]

    return [
        ("Beranda: Perbarui", page("home", "refresh")),
        ("Daftar: cari nama", search("siti")),
        ("Daftar: cari 4 angka NIK", search("0001")),
        ("Cetak: daftar RT", rt_print),
        ("Cetak: antrekan semua", lambda: w.show_page("printing").card_queue.request_all()),  # type: ignore[attr-defined]
        ("Kualitas: hitung ulang", page("quality", "refresh")),
        ("Data ganda: cari", page("dedupe", "refresh")),
        ("Jejak audit: verifikasi", page("audit", "verify")),
        ("Batch: kirim", export_batch),
        ("Cadangan: cadangkan sekarang", page("backups", "backup_now")),
    ]


def cancel_actions(window: object, folder: object) -> list[tuple[str, Callable[[], object]]]:
    """Long jobs whose Batal is timed (each started, then cancelled)."""
    w = window
    return [
        ("Cetak: kartu", lambda: w.show_page("printing").card_queue.start_print()),  # type: ignore[attr-defined]
        ("Data ganda: cari", lambda: w.show_page("dedupe").refresh()),  # type: ignore[attr-defined]
        ("Jejak audit: verifikasi", lambda: w.show_page("audit").verify()),  # type: ignore[attr-defined]
    ]


def prepare(ctx: object, user: object) -> None:
    """What a working office has before printing cards: its signing key."""
    from rentan_desktop.services import trust

    if trust.office_key_info(ctx) is None:  # type: ignore[arg-type]
        trust.create_office_key(ctx, actor=user)  # type: ignore[arg-type]
