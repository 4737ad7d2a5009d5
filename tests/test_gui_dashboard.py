"""The Dashboard page: the tiles a person reads, and each figure opening its list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ptf_desktop.services.dashboard.dashboard_service import DashboardService
from ptf_desktop.ui.pages.dashboard.page import LOADING, DashboardPage
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage
from ptf_desktop.ui.pages.renewals.page import RenewalsPage

from helpers.dashboard_data import TODAY, make_known_data


def open_window(qtbot: Any, context: Any, tmp_path: Path) -> Any:
    from ptf_desktop.paths import AppPaths
    from ptf_desktop.ui.main_window import MainWindow

    context.__dict__["dashboard"] = DashboardService(context.factories, today=lambda: TODAY)
    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=context.path)
    main = MainWindow(context, paths)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def window(qtbot: Any, context: Any, tmp_path: Path) -> Any:
    make_known_data(context)
    return open_window(qtbot, context, tmp_path)


@pytest.fixture
def empty_window(qtbot: Any, context: Any, tmp_path: Path) -> Any:
    return open_window(qtbot, context, tmp_path)


def loaded_dashboard(qtbot: Any, window: Any) -> DashboardPage:
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.figures is not None and not page.busy())
    return page


def test_the_tiles_show_the_figures(qtbot: Any, window: Any) -> None:
    page = loaded_dashboard(qtbot, window)
    tiles = page.tiles
    assert (tiles["premier"].value, tiles["general"].value, tiles["associate"].value) == (
        "1", "2", "1",
    )  # fmt: skip
    assert tiles["associate"].detail == "0 active · 1 in grace · 0 lapsed"
    assert tiles["invoiced"].value == "USD 125,000.00"
    assert tiles["invoiced"].detail == "Last year to 30 Nov: USD 100,000.00"
    assert tiles["collected"].value == "USD 80,000.00"
    assert (tiles["outstanding"].value, tiles["outstanding"].detail) == (
        "USD 65,000.00", "3 open invoices",
    )  # fmt: skip
    assert tiles["overdue"].value == "USD 45,000.00"
    assert (tiles["renewals"].value, tiles["renewals"].detail) == ("3", "Worth USD 215,000.00")
    assert tiles["grace"].detail == "In grace; 1 gave notice of non-renewal"
    assert (tiles["quotes"].value, tiles["quotes"].detail) == ("1", "Worth USD 35,000.00")
    assert page.status_label.text() == "As of 2026-11-30"


def test_refreshing_shows_the_loading_state_and_never_blocks(qtbot: Any, window: Any) -> None:
    page = loaded_dashboard(qtbot, window)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh_button.click()
        assert page.status_label.text() == LOADING  # shown while the worker reads
        assert not page.refresh_button.isEnabled()
    assert page.status_label.text() == "As of 2026-11-30"


def shown_names(page: OrganizationsPage) -> list[str]:
    model = page.table.model()
    return sorted(
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if model.headerData(column, Qt.Orientation.Horizontal) == "Name"
    )


def test_clicking_a_tier_tile_shows_that_tier_in_the_organizations_list(
    qtbot: Any, window: Any
) -> None:
    page = loaded_dashboard(qtbot, window)
    qtbot.mouseClick(page.tiles["general"], Qt.MouseButton.LeftButton)
    organizations = window.pages.currentWidget()
    assert isinstance(organizations, OrganizationsPage)
    assert organizations.filters.tier_combo.currentText() == "General"
    qtbot.waitUntil(lambda: shown_names(organizations) == ["Beta Labs", "Epsilon Networks"])


def test_a_bar_of_the_renewals_chart_shows_the_members_ending_that_month(
    qtbot: Any, window: Any
) -> None:
    page = loaded_dashboard(qtbot, window)
    december = page.charts["renewals"].chart().series()[0].barSets()[0]
    assert december.at(1) == 4
    december.clicked.emit(1)  # what a click on the December bar emits
    organizations = window.pages.currentWidget()
    assert isinstance(organizations, OrganizationsPage)
    assert organizations.filters.month_combo.currentData() == "2026-12"
    qtbot.waitUntil(lambda: len(shown_names(organizations)) == 4)


def test_the_grace_tile_shows_the_members_in_grace(qtbot: Any, window: Any) -> None:
    page = loaded_dashboard(qtbot, window)
    qtbot.mouseClick(page.tiles["grace"], Qt.MouseButton.LeftButton)
    organizations = window.pages.currentWidget()
    assert isinstance(organizations, OrganizationsPage)
    assert organizations.filters.status_combo.currentText() == "Grace period"
    qtbot.waitUntil(lambda: shown_names(organizations) == ["Gamma University"])


def test_the_renewals_tile_opens_the_renewals_due(qtbot: Any, window: Any) -> None:
    page = loaded_dashboard(qtbot, window)
    qtbot.mouseClick(page.tiles["renewals"], Qt.MouseButton.LeftButton)
    renewals = window.pages.currentWidget()
    assert isinstance(renewals, RenewalsPage)
    renewals.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: not renewals.busy() and renewals.overview is not None)
    assert renewals.show_combo.currentText() == "Renewing within the look-ahead (3)"
    proxy = renewals.table.model()
    names = sorted(proxy.index(row, 0).data() for row in range(proxy.rowCount()))
    assert names == ["Alpha AI", "Beta Labs", "Gamma University"]


@pytest.mark.parametrize("dark", [False, True])
def test_charts_take_their_colours_from_the_palette(
    qtbot: Any, window: Any, dark: bool, tmp_path: Path
) -> None:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    original = application.palette()
    palette = QPalette(original)
    if dark:
        for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                             (QPalette.ColorRole.Base, "#2a2b2e"),
                             (QPalette.ColorRole.Text, "#e8e8e8"),
                             (QPalette.ColorRole.WindowText, "#e8e8e8")):  # fmt: skip
            palette.setColor(role, QColor(colour))
    application.setPalette(palette)
    try:
        page = loaded_dashboard(qtbot, window)
        for view in page.charts.values():  # as a page built under this palette gets it
            view.setPalette(palette)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.refresh()
        chart = page.charts["revenue"].chart()
        text = page.charts["revenue"].palette().color(QPalette.ColorRole.Text)
        assert chart.titleBrush().color() == text
        assert chart.backgroundBrush().color() == palette.color(QPalette.ColorRole.Base)
        assert (text.lightness() > 128) is dark
        page.grab().save(str(tmp_path / f"dashboard-{'dark' if dark else 'light'}.png"))
    finally:
        application.setPalette(original)


def test_the_pages_tiers_are_the_registers_tiers() -> None:
    from ptf_desktop.domain.organizations import LABELS, Tier
    from ptf_desktop.ui.pages.dashboard.charts import TIERS, tier_label

    assert TIERS == tuple(tier.value for tier in Tier)
    assert [tier_label(tier) for tier in TIERS] == [LABELS[tier] for tier in TIERS]


def test_an_empty_database_shows_messages_not_bare_axes(qtbot: Any, empty_window: Any) -> None:
    page = loaded_dashboard(qtbot, empty_window)
    messages = {key: view.message for key, view in page.charts.items()}
    assert messages == {
        "revenue": "Nothing invoiced yet",
        "members": "No membership terms in these years yet",
        "renewals": "No member's term ends in the next 12 months",
        "aging": "Nothing outstanding: no open invoices",
    }
    for view in page.charts.values():
        assert view.empty_label.isVisibleTo(page)  # shown whenever the page is
        assert view.chart().series() == [] and view.chart().axes() == []
    tiles = page.tiles
    assert (tiles["premier"].value, tiles["premier"].detail) == ("0", "No Premier members yet")
    assert (tiles["invoiced"].value, tiles["invoiced"].detail) == (
        "USD 0.00", "Last year to 30 Nov: USD 0.00",
    )  # fmt: skip
    assert (tiles["outstanding"].value, tiles["outstanding"].detail) == (
        "USD 0.00", "No open invoices",
    )  # fmt: skip
    assert tiles["overdue"].detail == "No invoice past due"
    assert (tiles["renewals"].value, tiles["renewals"].detail) == (
        "0", "No term ends in the next 90 days",
    )  # fmt: skip
    assert tiles["grace"].detail == "In grace; no notice of non-renewal"
    assert (tiles["quotes"].value, tiles["quotes"].detail) == ("0", "No quote awaiting an answer")


def test_a_chart_with_data_hides_its_message(qtbot: Any, window: Any) -> None:
    page = loaded_dashboard(qtbot, window)
    for key, view in page.charts.items():
        assert view.message == "", key
        assert not view.empty_label.isVisibleTo(page)
        assert view.chart().series(), key
    revenue = page.charts["revenue"].chart().series()[0]
    assert [bar_set.label() for bar_set in revenue.barSets()] == ["Premier", "General", "Associate"]
    assert page.tiles["overdue"].detail == "2 invoices past due"
