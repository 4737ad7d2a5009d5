"""Exports from the GUI show progress, can be cancelled, and stop when the window closes.

A QThread destroyed while it runs aborts the application ("QThread: Destroyed while
thread is still running"), so closing the window must stop and wait for every export.
The exports here are held in their writing step until they are asked to stop, so the
window is surely closed while they run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.domain.progress import Progress
from ptf_desktop.domain.reports import Report, ReportMetadata
from ptf_desktop.paths import AppPaths
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.marketing.landscape_export import LandscapeExporter
from ptf_desktop.services.reports import export
from ptf_desktop.ui import export_actions
from ptf_desktop.ui.dialogs.reports_dialog import ReportsDialog
from ptf_desktop.ui.main_window import MainWindow

from helpers.members import PNG, add_member

SCREENSHOTS = Path("/tmp/rp")


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, tmp_path: Path) -> Iterator[MainWindow]:
    """A shown main window the test closes and destroys itself (not left to qtbot)."""
    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=context.path)
    shown = MainWindow(context, paths)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    if shiboken6.isValid(shown):
        shown.close()
        shiboken6.delete(shown)


@pytest.fixture
def writing() -> threading.Event:
    """Set once the held export has started writing."""
    return threading.Event()


@pytest.fixture
def held_csv(monkeypatch: pytest.MonkeyPatch, writing: threading.Event) -> None:
    """The CSV writer writes half a file, then reports progress until told to stop."""

    def write(report: Report, path: Path, _metadata: ReportMetadata, progress: Progress) -> None:
        path.write_text("half a report")
        writing.set()
        while True:  # ends by Cancelled, raised by step once a stop is asked for
            progress.step(1, len(report.rows))
            threading.Event().wait(0.005)

    monkeypatch.setitem(export.WRITERS, ".csv", write)


def open_dialog(qtbot: QtBot, window: MainWindow) -> ReportsDialog:
    add_member(window.context, "Alpha Inc.", Tier.GENERAL, start=date(2026, 1, 1))
    add_member(window.context, "Beta GmbH", Tier.GENERAL, start=date(2026, 1, 1))
    dialog = ReportsDialog(window.context, "member-list", window)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.usefixtures("held_csv")
def test_cancel_stops_a_report_export_and_leaves_no_file(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, writing: threading.Event
) -> None:
    dialog = open_dialog(qtbot, main_window)
    out = tmp_path / "members.csv"
    job = dialog.export_to(out)
    assert dialog.progress.isVisible() and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 2 and dialog.progress.value() == 1)
    assert dialog.status.text() == "Writing members.csv: 1 of 2 rows…"
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "reports_dialog_progress.png"))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        dialog.cancel_button.click()
        assert dialog.status.text() == "Cancelling…"
    assert writing.is_set()
    assert dialog.status.text() == "Export cancelled: members.csv was not written."
    assert not dialog.progress.isVisible() and not dialog.cancel_button.isVisible()
    assert dialog.export_button.isEnabled()
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []


@pytest.mark.usefixtures("held_csv")
def test_closing_the_window_stops_a_report_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, writing: threading.Event
) -> None:
    main_window = window
    dialog = open_dialog(qtbot, main_window)
    job = dialog.export_to(tmp_path / "members.csv")
    qtbot.waitUntil(writing.is_set)
    outcomes: list[str] = []
    job.finished.connect(lambda: outcomes.append("finished"))
    assert main_window.close()
    assert not job.running() and not job.pending()
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []
    shiboken6.delete(main_window)  # the thread objects go with the window: no abort
    qtbot.wait(50)  # queued outcome signals, if any, reach no one
    assert outcomes == [] and QApplication.activeModalWidget() is None


def test_quitting_during_a_landscape_export_stops_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main_window = window
    for number in range(3):
        member = add_member(main_window.context, f"Member {number}", Tier.GENERAL)
        main_window.context.organizations.set_logo(member, PNG, "image/png")
    writing = threading.Event()

    def endless_logos(_self: Any, logos: dict[str, str]) -> Iterator[tuple[str, bytes]]:
        key = next(iter(logos))
        writing.set()
        while True:  # as a register with very many logos: one after the other
            yield key, PNG

    monkeypatch.setattr(LandscapeExporter, "_logo_images", endless_logos)
    monkeypatch.setattr("ptf_desktop.services.marketing.landscape_export.LOGOS_PER_STEP", 1)
    out = tmp_path / "site"
    monkeypatch.setattr(export_actions, "ask_landscape_folder", lambda _window: out)
    action = export_actions.export_landscape(main_window)
    assert action is not None and action.job is not None
    job = action.job
    qtbot.waitUntil(writing.is_set)
    qtbot.waitUntil(lambda: "logos written" in main_window.statusBar().currentMessage())
    assert main_window.close()
    assert not job.running()
    assert sorted(p.name for p in out.iterdir()) == []  # the staged logos are gone too
    shiboken6.delete(main_window)
    qtbot.wait(50)
    assert QApplication.activeModalWidget() is None
