"""The count under the organizations list when a search matches more than is counted."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from test_gui_organizations_list import choose, new_org, organizations_page, search

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.organizations.table_model import OrganizationTableModel


@pytest.fixture
def crowded(context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """450 organizations (30 in France) and a search count that stops at 250."""
    monkeypatch.setattr(OrganizationTableModel, "COUNT_UP_TO", 250)
    for number in range(450):
        new_org(context, f"Organization {number:04d}", country="FR" if number < 30 else "DE")


def test_a_broad_search_shows_a_bounded_count_until_every_row_is_fetched(
    qtbot: QtBot, qtmodeltester: object, main_window: MainWindow, crowded: None
) -> None:
    page = organizations_page(main_window)
    model = page.model
    search(qtbot, page, "o")
    qtbot.waitUntil(lambda: not model.counting)
    assert model.rowCount() == 200
    assert (model.total, model.total_is_exact) == (250, False)
    assert page.count_label.text() == "250+ of 450 organizations"

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    assert page.count_label.text() == "400+ of 450 organizations"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 450)
    assert not model.canFetchMore(page.table.rootIndex())
    assert (model.total, model.total_is_exact) == (450, True)
    assert page.count_label.text() == "450 organizations"
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_narrow_search_and_filters_alone_are_counted_exactly(
    qtbot: QtBot, main_window: MainWindow, crowded: None
) -> None:
    page = organizations_page(main_window)
    model = page.model
    search(qtbot, page, "organization 00")  # 0000 to 0099
    qtbot.waitUntil(lambda: not model.counting)
    assert (model.total, model.total_is_exact) == (100, True)
    assert page.count_label.text() == "100 of 450 organizations"

    search(qtbot, page, "")
    choose(page.filters.country_combo, "Germany (DE)")  # 420: more than a search counts
    qtbot.waitUntil(lambda: not model.counting)
    assert (model.total, model.total_is_exact) == (420, True)
    assert page.count_label.text() == "420 of 450 organizations"
    search(qtbot, page, "organization")  # search and filter: the count stops again
    qtbot.waitUntil(lambda: not model.counting)
    assert page.count_label.text() == "250+ of 450 organizations"
