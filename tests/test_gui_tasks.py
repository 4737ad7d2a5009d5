"""The task runner: progress, result, failures the person can fix, crashes, cancel, closing.

Every long call of the interface runs through ``ui.tasks``; these tests hold its promises:
the outcome comes back on the GUI thread, a bug reaches the crash handler with its
traceback, Cancel stops the work at its next step, and a closing window waits for every
task and drops their outcomes.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.progress import Progress
from ptf_desktop.paths import AppPaths
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui import tasks
from ptf_desktop.ui.main_window import MainWindow


def record(
    task: tasks.Task, seen: list[tuple[str, object]] | None = None
) -> list[tuple[str, object]]:
    """Every signal the task emits, in order, with its arguments (added to ``seen``)."""
    seen = [] if seen is None else seen
    task.progressed.connect(lambda done, total: seen.append(("progressed", (done, total))))
    task.succeeded.connect(lambda result: seen.append(("succeeded", result)))
    task.failed.connect(lambda message: seen.append(("failed", message)))
    task.cancelled.connect(lambda: seen.append(("cancelled", None)))
    task.finished.connect(lambda: seen.append(("finished", None)))
    return seen


def test_progress_then_the_result_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    threads: list[QThread] = []

    def work(progress: Progress) -> str:
        threads.append(QThread.currentThread())
        progress.step(1, 2)
        progress.step(2, 2)
        return "Acme Ünïcode GmbH"

    task = tasks.run_task(work)
    seen = record(task)
    on_gui_thread: list[bool] = []
    gui_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    task.succeeded.connect(
        lambda _result: on_gui_thread.append(
            QThread.currentThread() is QApplication.instance().thread()
        )  # type: ignore[union-attr]
    )
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    assert seen == [
        ("progressed", (1, 2)),
        ("progressed", (2, 2)),
        ("finished", None),  # first: the caller is usable again when it shows the result
        ("succeeded", "Acme Ünïcode GmbH"),
    ]
    assert threads and threads[0] is not gui_thread
    assert on_gui_thread == [True]
    assert not task.running() and not task.pending() and not tasks.busy()


def test_a_problem_the_person_can_fix_is_a_message(qtbot: QtBot) -> None:
    def refused(_progress: Progress) -> None:
        raise UserError("The folder “Rechnungen 2027” is read-only.")

    task = tasks.run_task(refused)
    seen = record(task)
    with qtbot.waitSignal(task.failed, timeout=10_000):
        pass
    assert seen == [("finished", None), ("failed", "The folder “Rechnungen 2027” is read-only.")]


def test_the_machines_state_is_a_message_too(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "report.csv"
    task = tasks.run_task(lambda _progress: missing.read_text())
    with qtbot.waitSignal(task.failed, timeout=10_000) as failed:
        pass
    assert failed.args == [f"No such file or directory ({missing})."]


def test_a_bug_reaches_the_crash_handler_with_its_traceback(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    handled: list[str] = []

    def crash_handler(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        handled.append("".join(traceback.format_exception(kind, error, tb)))

    monkeypatch.setattr(sys, "excepthook", crash_handler)

    def buggy_work(_progress: Progress) -> None:
        raise KeyError("no such column")

    task = tasks.run_task(buggy_work)
    seen = record(task)
    qtbot.waitUntil(lambda: bool(handled), timeout=10_000)
    assert "KeyError: 'no such column'" in handled[0]
    assert "buggy_work" in handled[0]  # the worker's frame: where the bug is
    assert seen == [("finished", None)]  # no success, no message: the handler shows it


def test_cancel_stops_the_work_at_its_next_step(qtbot: QtBot) -> None:
    started = threading.Event()
    steps: list[int] = []

    def endless(progress: Progress) -> None:
        started.set()
        while True:  # ends by Cancelled, raised by step once a stop is asked for
            steps.append(len(steps))
            progress.step(len(steps), 0)
            threading.Event().wait(0.002)

    task = tasks.run_task(endless)
    seen = record(task)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.cancel()
    assert seen[-2:] == [("finished", None), ("cancelled", None)]
    assert not any(kind in ("succeeded", "failed") for kind, _ in seen)
    counted = len(steps)
    qtbot.waitUntil(lambda: not task.running())
    assert len(steps) == counted  # the work has stopped


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, tmp_path: Path) -> Iterator[MainWindow]:
    """A shown main window the test closes and destroys itself."""
    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=context.path)
    shown = MainWindow(context, paths)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    if shiboken6.isValid(shown):
        shown.close()
        shiboken6.delete(shown)


def test_closing_the_window_waits_for_every_task_and_drops_their_outcomes(
    qtbot: QtBot, window: MainWindow
) -> None:
    started = threading.Event()
    finished_work: list[str] = []

    def cancellable(progress: Progress) -> None:
        started.set()
        while True:
            progress.step(1, 2)
            threading.Event().wait(0.002)

    def uninterruptible(_progress: Progress) -> str:
        # As issuing an invoice: one transaction, it completes once begun.
        threading.Event().wait(0.3)
        finished_work.append("issued")
        return "issued"

    stoppable = tasks.run_task(cancellable)
    stubborn = tasks.run_task(uninterruptible)
    outcomes = record(stubborn, record(stoppable))
    qtbot.waitUntil(started.is_set, timeout=10_000)
    assert tasks.busy()
    assert window.close()
    seen_at_close = len(outcomes)
    # close returned only once both calls had ended: the database can close under none.
    assert finished_work == ["issued"]
    assert not stoppable.running() and not stubborn.running()
    assert tasks.running_tasks() == []
    shiboken6.delete(window)
    qtbot.wait(50)  # queued outcomes, if any, reach no one
    assert len(outcomes) == seen_at_close  # nothing reached anyone after the close
    assert {kind for kind, _ in outcomes} <= {"progressed"}  # no message, no result
    assert QApplication.activeModalWidget() is None


def test_a_task_outlives_the_widget_that_started_it(qtbot: QtBot) -> None:
    """The runner keeps its tasks in Python: a destroyed receiver is simply not called."""
    from PySide6.QtWidgets import QLabel

    release = threading.Event()
    label = QLabel("waiting")
    task = tasks.run_task(lambda _progress: release.wait(10))
    task.succeeded.connect(label.setText)
    shiboken6.delete(label)
    release.set()
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert not tasks.busy()


def test_a_bug_of_a_task_stopped_with_the_window_still_reaches_the_log(
    qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    def buggy_work(_progress: Progress) -> None:
        raise KeyError("no such column")

    task = tasks.run_task(buggy_work)
    task.wait()  # it has crashed; the GUI thread has not seen the outcome yet
    with caplog.at_level("ERROR", logger="ptf_desktop.ui.tasks"):
        assert window.close()
    assert not tasks.busy()
    logged = [r for r in caplog.records if r.name == "ptf_desktop.ui.tasks"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert logged[0].exc_info[0] is KeyError
    shiboken6.delete(window)
    qtbot.wait(50)  # the dropped outcome is not raised: no crash dialog after the close


def test_a_task_ending_after_the_application_deleted_it_ends_quietly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    release = threading.Event()
    task = tasks.Task(lambda _progress: release.wait(30))
    worker = threading.Thread(target=task._run)
    worker.start()
    shiboken6.delete(task)  # as at exit, while the call still runs

    with caplog.at_level(logging.DEBUG, logger="ptf_desktop.ui.tasks"):
        release.set()
        worker.join(30)

    assert not worker.is_alive()
    assert "ended after the application had deleted it" in caplog.text
