"""Long CPU-bound reads run in a child process (issue 15 point 3): same result as in-process, no Qt
in the child, Batal kills it within a second, a dead child or a refusal is one sentence."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from rentan_desktop.services import dedupe, demo, process_job, quality
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User


@pytest.fixture
def filled(ctx: AppContext, admin: User) -> AppContext:
    demo.generate(ctx, actor=admin, count=300)
    return ctx


def test_the_child_gives_the_same_counts_and_never_loads_qt(
    filled: AppContext, admin: User
) -> None:
    seen: list[tuple[int, int]] = []
    process_job.last.pid = None
    loaded = process_job.run(
        filled, "quality.page", actor=admin, child_from=0, progress=lambda d, t: seen.append((d, t))
    )
    assert process_job.last.pid is not None and process_job.last.qt_loaded is False
    here = quality.page(filled, actor=admin)
    assert loaded.view.per_desa == here.view.per_desa and loaded.view.records == here.view.records
    assert sum(loaded.view.records.values()) == 300 and loaded.snapshot_taken is False
    assert seen and seen[-1][0] == seen[-1][1]
    clusters = process_job.run(filled, "dedupe.find_clusters", actor=admin, child_from=0)
    assert clusters == dedupe.find_clusters(filled, actor=admin)


def test_a_small_office_runs_the_task_in_process(filled: AppContext, admin: User) -> None:
    process_job.last.pid = None
    loaded = process_job.run(filled, "quality.page", actor=admin)  # 300 < CHILD_FROM
    assert process_job.last.pid is None and sum(loaded.view.records.values()) == 300


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_batal_kills_the_child_within_a_second(filled: AppContext, admin: User) -> None:
    flag = threading.Event()
    pressed: list[float] = []

    def press() -> None:
        while process_job.last.pid is None:
            time.sleep(0.01)
        time.sleep(0.2)
        pressed.append(time.monotonic())
        flag.set()

    process_job.last.pid = None
    threading.Thread(target=press, daemon=True).start()
    with pytest.raises(UserError) as refused:
        process_job.run(filled, "quality.page", actor=admin, child_from=0, cancelled=flag.is_set)
    assert time.monotonic() - pressed[0] < 1.0
    assert refused.value.code == "job.cancelled"
    assert process_job.last.pid is not None and _gone(process_job.last.pid)


def test_a_child_that_dies_is_one_sentence(filled: AppContext, admin: User) -> None:
    def kill() -> None:
        while process_job.last.pid is None:
            time.sleep(0.01)
        os.kill(process_job.last.pid, signal.SIGKILL)

    process_job.last.pid = None
    threading.Thread(target=kill, daemon=True).start()
    with pytest.raises(UserError) as failed:
        process_job.run(filled, "dedupe.find_clusters", actor=admin, child_from=0)
    assert failed.value.code == "job.child_failed"
    assert "tidak ada data yang diubah" in failed.value.message("id")


def test_a_refusal_in_the_child_comes_back_as_itself(filled: AppContext) -> None:
    gone = User(id=9999, username="hilang", full_name="Hilang", role="admin")
    with pytest.raises(UserError) as refused:
        process_job.run(filled, "quality.page", actor=gone, child_from=0)
    assert refused.value.code == "job.user_unknown"
