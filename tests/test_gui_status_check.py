"""The start-up status check as staff meet it: the status bar says who moved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from test_renewal_services import member, sql

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.renewals.page import RenewalsPage
from ptf_desktop.ui.pages.renewals.status_check import day_status_check

DAY = date(2027, 1, 15)


def warm_up_with_check(qtbot: QtBot, window: MainWindow, today: Callable[[], date]) -> None:
    """Start the warm-up with the day's check, as the app does, and wait until it is done."""
    done: list[bool] = []
    window.start_warm_up(then=lambda: done.append(True), day_check=day_status_check(today))
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)


def test_start_up_moves_members_in_the_background_and_says_so(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    context = main_window.context
    member(context, "Overdue Co")
    member(context, "Long Gone Co", end=date(2026, 6, 30))
    member(context, "Fine Co", end=date(2027, 12, 31))
    warm_up_with_check(qtbot, main_window, lambda: DAY)
    assert main_window.statusBar().currentMessage() == (
        "Membership statuses updated today: 1 moved to grace, 1 lapsed."
    )
    statuses = dict(sql(context, "SELECT display_name, status FROM organizations"))
    assert statuses == {"Overdue Co": "grace", "Long Gone Co": "lapsed", "Fine Co": "active"}

    main_window.statusBar().clearMessage()
    warm_up_with_check(qtbot, main_window, lambda: DAY)
    assert main_window.statusBar().currentMessage() == ""


def test_the_areas_are_read_ahead_after_the_check_and_kept(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's changes do not drop what the warm-up read: it read after them."""
    member(context, "Overdue Co")
    warm_up_with_check(qtbot, main_window, lambda: DAY)
    assert "1 moved to grace" in main_window.statusBar().currentMessage()
    monkeypatch.setattr(context.renewals, "calendar", _no_read)

    page = main_window.page("renewals")

    assert isinstance(page, RenewalsPage) and not page.busy()
    statuses = {
        page.model.index(row, page.model.STATUS).data() for row in range(page.model.rowCount())
    }
    assert statuses == {"Grace period"}, statuses


def test_a_check_that_cannot_write_says_so_and_the_areas_are_still_read(
    qtbot: QtBot, main_window: MainWindow, context: AppContext
) -> None:
    member(context, "Overdue Co")

    def refused(_today: date) -> object:
        from ptf_desktop.services.errors import UserError

        raise UserError("The database is busy.")

    context.renewals.apply_status_transitions = refused  # type: ignore[method-assign]
    warm_up_with_check(qtbot, main_window, lambda: DAY)
    assert main_window.statusBar().currentMessage() == (
        "Membership statuses could not be updated: The database is busy."
    )
    assert main_window.warm_up is not None and main_window.warm_up.is_loaded("renewals")


def _no_read(*_arguments: object, **_keywords: object) -> object:
    raise AssertionError("the renewal calendar was read again")
