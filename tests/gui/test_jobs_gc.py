"""The cyclic collector pauses while any job runs and resumes when the last one ends."""

from __future__ import annotations

import gc
import threading

from rentan_desktop.gui.jobs import JobRunner


def test_collector_paused_during_jobs_and_resumed_after(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner(max_threads=2)
    release = threading.Event()
    seen: list[bool] = []

    def work(_c: object) -> None:
        seen.append(gc.isenabled())
        release.wait(10)

    assert gc.isenabled()
    first, second = runner.start(work), runner.start(work)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert seen == [False, False] and not gc.isenabled()
    release.set()
    qtbot.waitUntil(lambda: not first.running and not second.running, timeout=10_000)
    assert gc.isenabled()

    def fails(_c: object) -> None:
        raise ValueError("boom")

    failed = runner.start(fails, on_error=lambda _e: None)
    qtbot.waitUntil(lambda: not failed.running, timeout=10_000)
    assert gc.isenabled()  # a failed job resumes it too
    assert runner.shutdown(10_000)
