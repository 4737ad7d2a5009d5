"""The dashboard opens the Invoices and Quotes pages narrowed; the pages say so and clear it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.quote_service import QuoteService
from ptf_desktop.services.dashboard.dashboard_service import DashboardService
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.quotes_page import QuotesPage
from ptf_desktop.ui.pages.dashboard.page import DashboardPage

from helpers.dashboard_data import TODAY, make_known_data


@pytest.fixture
def window(qtbot: Any, context: Any, tmp_path: Path) -> Any:
    from ptf_desktop.paths import AppPaths
    from ptf_desktop.ui.main_window import MainWindow

    make_known_data(context)
    # Every service sees the same day as the dashboard, so "overdue" means the same.
    context.__dict__["dashboard"] = DashboardService(context.factories, today=lambda: TODAY)
    context.__dict__["invoices"] = InvoiceService(context.factories, today=lambda: TODAY)
    context.__dict__["quotes"] = QuoteService(context.factories, today=lambda: TODAY)
    paths = AppPaths(data_dir=tmp_path, log_dir=tmp_path / "logs", database=context.path)
    main = MainWindow(context, paths)
    qtbot.addWidget(main)
    main.resize(1300, 850)
    main.show()
    return main


def loaded_dashboard(qtbot: Any, window: Any) -> DashboardPage:
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.figures is not None and not page.busy())
    return page


def shown_numbers(page: InvoicesPage) -> list[str]:
    proxy = page.proxy
    return sorted(proxy.index(row, 0).data() for row in range(proxy.rowCount()))


def test_the_overdue_tile_opens_the_overdue_invoices_and_show_all_clears_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    dashboard = loaded_dashboard(qtbot, window)
    qtbot.mouseClick(dashboard.tiles["overdue"], Qt.MouseButton.LeftButton)

    invoices = window.pages.currentWidget()
    assert isinstance(invoices, InvoicesPage)
    assert shown_numbers(invoices) == [
        "INV-2026-0001",
        "INV-2026-0002",
    ]  # Gamma's, issued before Beta's
    assert invoices.status_filter.currentText() == "Overdue"
    assert invoices.filter_banner.isVisible()
    assert invoices.filter_banner.text.text() == "Showing only invoices: Overdue"
    assert invoices.count_label.text() == "2 invoices"
    window.grab().save(str(tmp_path / "invoices-overdue.png"))

    qtbot.mouseClick(invoices.filter_banner.clear_button, Qt.MouseButton.LeftButton)
    assert not invoices.filter_banner.isVisible()
    assert invoices.status_filter.currentText() == "All statuses"
    assert len(shown_numbers(invoices)) == 5


def test_a_bar_of_the_aging_chart_and_the_revenue_chart_narrow_the_invoices(
    qtbot: Any, window: Any
) -> None:
    dashboard = loaded_dashboard(qtbot, window)
    aging = dashboard.charts["aging"].chart().series()[0].barSets()[0]
    aging.clicked.emit(4)  # what a click on the "Over 90" bar emits
    invoices = window.pages.currentWidget()
    assert isinstance(invoices, InvoicesPage)
    assert shown_numbers(invoices) == ["INV-2026-0001"]
    assert invoices.filter_banner.text.text() == (
        "Showing only invoices: Overdue \u00b7 over 90 days past due"
    )

    window.open_filtered("invoices", {"year": 2025, "tier": "general"})  # a revenue bar
    assert shown_numbers(invoices) == ["INV-2025-0002"]
    assert invoices.status_filter.currentText() == "All statuses"
    assert invoices.filter_banner.text.text() == (
        "Showing only invoices: issued in 2025 \u00b7 General tier"
    )
    # Choosing another status keeps the dashboard's year and tier, and says so.
    invoices.status_filter.setCurrentIndex(invoices.status_filter.findData("paid"))
    assert shown_numbers(invoices) == ["INV-2025-0002"]
    assert invoices.filter_banner.text.text().startswith("Showing only invoices: Paid \u00b7")


def test_the_open_quotes_tile_opens_the_sent_quotes(qtbot: Any, window: Any) -> None:
    dashboard = loaded_dashboard(qtbot, window)
    qtbot.mouseClick(dashboard.tiles["quotes"], Qt.MouseButton.LeftButton)
    quotes = window.pages.currentWidget()
    assert isinstance(quotes, QuotesPage)
    assert quotes.status_filter.currentText() == "Sent"
    assert quotes.count_label.text() == "1 quote"
    assert quotes.filter_banner.text.text() == "Showing only quotes: Sent"
    qtbot.mouseClick(quotes.filter_banner.clear_button, Qt.MouseButton.LeftButton)
    assert quotes.count_label.text() == "2 quotes"
    assert not quotes.filter_banner.isVisible()
