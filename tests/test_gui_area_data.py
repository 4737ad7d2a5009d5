"""Areas open with their data at once: read ahead by the warm-up, kept, or built when wanted.

Never with data older than the last write.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_gui_organizations_list import admit, month_end, new_org, organizations_page, shown_names

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.area_data import AreaData, area_data
from ptf_desktop.ui.changes import Changes, announce
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.billing import invoices_page
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.certificates.certificates_page import CertificatesPage
from ptf_desktop.ui.pages.dashboard.page import DashboardPage
from ptf_desktop.ui.pages.fee_schedules_tab import FeeSchedulesTab
from ptf_desktop.ui.pages.renewals.page import RenewalsPage
from ptf_desktop.ui.pages.settings_page import SettingsPage

from helpers.billing import add_organization, configure_seller, membership_spec
from helpers.certificates import add_member, configure_signatory


def warmed_up(qtbot: QtBot, window: MainWindow) -> None:
    warm_up = window.start_warm_up()
    qtbot.waitUntil(lambda: warm_up.worker is not None and not warm_up.worker.is_alive(),
                    timeout=60_000)  # fmt: skip


def no_read(*_arguments: Any, **_keywords: Any) -> Any:
    raise AssertionError("read from the database while the page was built")


def test_the_register_read_ahead_opens_the_list_without_a_query(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    for name, country in zip(tricky_names[:5], ("DE", "FR", "JP", "DE", "BR"), strict=True):
        new_org(context, name, country=country)
    warmed_up(qtbot, main_window)
    queries = context.organization_queries
    for read in ("page", "count", "countries"):
        monkeypatch.setattr(queries, read, no_read)

    page = organizations_page(main_window)

    assert sorted(shown_names(page)) == sorted(tricky_names[:5])
    assert page.count_label.text() == "5 organizations"
    combo = page.filters.country_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All countries", "Brazil (BR)", "France (FR)", "Germany (DE)", "Japan (JP)",
    ]  # fmt: skip


def test_a_write_after_the_read_ahead_makes_the_list_read_again(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str]
) -> None:
    new_org(context, tricky_names[0])
    warmed_up(qtbot, main_window)
    new_org(context, tricky_names[1], country="FR")
    announce(Changes.ORGANIZATIONS)  # as the window that saved it does

    page = organizations_page(main_window)

    assert sorted(shown_names(page)) == sorted(tricky_names[:2])
    assert page.count_label.text() == "2 organizations"
    assert page.filters.country_combo.findData("FR") > 0


def test_the_renewal_calendar_read_ahead_shows_at_once(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = new_org(context, "Renewing Member")
    admit(context, member, Tier.GENERAL, month_end(1))
    warmed_up(qtbot, main_window)
    monkeypatch.setattr(context.renewals, "calendar", no_read)

    page = main_window.page("renewals")

    assert isinstance(page, RenewalsPage)
    assert not page.busy()
    assert page.model.rowCount() == 1
    assert page.status.text().startswith("1 of 1 members shown")


def test_the_certificate_register_read_ahead_shows_at_once(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    configure_signatory(context)
    for name in tricky_names[:3]:
        _, term = add_member(context, name, start=date(2027, 1, 1))
        context.certificates.issue(term, on=date(2027, 1, 5))
    warmed_up(qtbot, main_window)
    monkeypatch.setattr(context.certificates, "list", no_read)

    page = main_window.page("certificates")

    assert isinstance(page, CertificatesPage)
    assert not page.busy()
    shown = [page.model.index(row, 1).data() for row in range(page.model.rowCount())]
    assert shown == list(reversed(tricky_names[:3]))  # newest first
    assert page.message.text() == ""


def test_a_certificate_issued_after_the_read_ahead_is_in_the_register(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    _, first = add_member(context, tricky_names[4], start=date(2027, 1, 1))
    _, second = add_member(context, tricky_names[5], start=date(2027, 1, 1))
    context.certificates.issue(first, on=date(2027, 1, 5))
    warmed_up(qtbot, main_window)
    context.certificates.issue(second, on=date(2027, 1, 6))
    announce(Changes.CERTIFICATES)  # as the window that issued it does

    page = main_window.page("certificates")

    assert isinstance(page, CertificatesPage)
    assert page.busy()  # the kept register was dropped: read again
    qtbot.waitUntil(lambda: not page.busy())
    assert [page.model.index(row, 1).data() for row in range(2)] == [
        tricky_names[5], tricky_names[4],
    ]  # fmt: skip


def test_the_invoices_read_ahead_show_at_once_and_a_payment_drops_them(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    configure_seller(context)
    drafts = [
        context.invoices.create_draft(membership_spec(add_organization(context, name), "1000"))
        for name in tricky_names[:2]
    ]
    number = context.invoices.issue(drafts[0], date(2027, 1, 5)).number
    warmed_up(qtbot, main_window)
    reads: list[object] = []
    listed = context.invoices.list
    monkeypatch.setattr(
        context.invoices, "list", lambda *a, **k: reads.append(a) or listed(*a, **k)
    )

    page = main_window.page("invoices")

    assert isinstance(page, InvoicesPage)
    assert reads == []  # built from the invoices read ahead
    assert page.count_label.text().startswith("2 ")
    organizations = {page.model.index(row, 1).data() for row in range(page.model.rowCount())}
    assert organizations == set(tricky_names[:2])

    context.payments.record(number, "250", date(2027, 1, 20))
    announce(Changes.PAYMENTS)  # the page on screen reads again at once
    assert len(reads) == 1
    page.refresh()
    assert len(reads) == 2  # nothing is kept after the first read


def test_a_long_list_of_invoices_is_read_in_a_worker_and_a_filter_wins_over_it(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    configure_seller(context)
    for name in tricky_names[:3]:
        context.invoices.create_draft(membership_spec(add_organization(context, name), "1000"))
    monkeypatch.setattr(invoices_page, "READ_AT_ONCE", 2)  # three drafts make a long list

    page = main_window.page("invoices")

    assert isinstance(page, InvoicesPage) and page.busy()
    assert page.count_label.text() == "Reading the invoices…"
    qtbot.waitUntil(lambda: not page.busy())
    assert page.count_label.text().startswith("3 ")

    again = InvoicesPage(context)  # another page reading the long list
    qtbot.addWidget(again)
    assert again.busy()
    again.apply_filter({"status": "issued"})  # from the dashboard, while it reads
    qtbot.waitUntil(lambda: not again.busy())
    assert again.model.rowCount() == 0  # the filter's read, not the first one's


def test_kept_dashboard_figures_show_at_once_until_a_write_makes_them_stale(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str]
) -> None:
    page = main_window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.figures is not None and not page.busy())
    first = page.figures
    assert page.tiles["general"].value == "0"

    main_window.page("organizations")
    main_window.page("dashboard")
    assert not page.busy() and page.figures is first  # shown at once: nothing read

    member = new_org(context, tricky_names[0])
    admit(context, member, Tier.GENERAL, month_end(6))
    announce(Changes.MEMBERSHIPS)  # while another area is on screen
    main_window.page("organizations")
    main_window.page("dashboard")
    assert page.busy()  # the kept figures were dropped: read again
    qtbot.waitUntil(lambda: not page.busy())
    assert page.figures is not first
    assert page.tiles["general"].value == "1"


def test_a_read_that_began_before_a_write_is_not_kept(context: AppContext) -> None:
    data = AreaData()
    generation = data.generation("renewals")
    data.on_changed(Changes.INVOICES)  # renewals show invoices: what is being read is stale
    assert not data.put(context, "renewals", generation, "stale calendar")
    assert data.get(context, "renewals") is None

    generation = data.generation("renewals")
    assert data.put(context, "renewals", generation, "calendar")
    data.on_changed(Changes.QUOTES)  # not shown by the renewals
    assert data.get(context, "renewals") == "calendar"
    assert data.take(context, "renewals") == "calendar"
    assert data.get(context, "renewals") is None


def test_kept_data_belongs_to_one_database(context: AppContext) -> None:
    data = area_data()
    data.put(context, "organizations", data.generation("organizations"), "register")
    other = AppContext(context.database, "someone else")
    assert data.get(other, "organizations") is None
    assert data.take(context, "organizations") == "register"


def test_settings_opens_on_its_first_tab_and_builds_another_when_it_is_clicked(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = main_window.page("settings")
    assert isinstance(page, SettingsPage)
    titles = [page.tabs.tabText(index) for index in range(page.tabs.count())]
    assert titles[:2] == ["Foundation settings", "Fee schedules"]
    assert page.findChildren(FeeSchedulesTab) == []  # not built until wanted

    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())

    tab = page.tabs.currentWidget()
    assert isinstance(tab, FeeSchedulesTab) and tab is page.fee_schedules
    assert [page.tabs.tabText(index) for index in range(page.tabs.count())] == titles
    assert tab.schedules.rowCount() > 0  # read when first shown
    assert "applies" in tab.applies.text()
