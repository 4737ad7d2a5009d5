"""The start-up status check as staff meet it: the status bar says who moved."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot
from test_renewal_services import member, sql

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.renewals.status_check import check_statuses


def test_start_up_moves_members_in_the_background_and_says_so(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    context = main_window.context
    member(context, "Overdue Co")
    member(context, "Long Gone Co", end=date(2026, 6, 30))
    member(context, "Fine Co", end=date(2027, 12, 31))
    job = check_statuses(main_window, lambda: date(2027, 1, 15))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert main_window.statusBar().currentMessage() == (
        "Membership statuses updated today: 1 moved to grace, 1 lapsed."
    )
    statuses = dict(sql(context, "SELECT display_name, status FROM organizations"))
    assert statuses == {"Overdue Co": "grace", "Long Gone Co": "lapsed", "Fine Co": "active"}

    main_window.statusBar().clearMessage()
    again = check_statuses(main_window, lambda: date(2027, 1, 15))
    with qtbot.waitSignal(again.finished, timeout=10_000):
        pass
    assert main_window.statusBar().currentMessage() == ""
