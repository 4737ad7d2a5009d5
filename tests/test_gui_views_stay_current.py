"""Every open view shows what a write changed, without its filter touched or a Refresh."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.ui.changes import Changes, announce, change_hub
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.pages.billing.money_dialogs import PaymentDialog
from ptf_desktop.ui.pages.dashboard.page import DashboardPage
from ptf_desktop.ui.pages.organizations.undo_commands import register_events
from ptf_desktop.ui.pages.renewals.page import RenewalsPage
from ptf_desktop.ui.pages.renewals.prepare_dialog import PrepareDialog
from ptf_desktop.ui.pages.settings_page import SettingsPage

from conftest import read_tricky_names, when_modal_dialog_opens
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import use_plain_pdfs, when_dialog_opens

NAMES = read_tricky_names()[:3]


def _members(context: Any) -> None:
    for index, name in enumerate(NAMES):
        organization = context.organizations.create(
            {"display_name": name, "org_type": "commercial", "country": "US",
             "employees": str(600 + index)}
        )  # fmt: skip
        context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))


def _go_to(window: MainWindow, key: str) -> Any:
    window.navigation.setCurrentRow(next(i for i, area in enumerate(AREAS) if area.key == key))
    return window.pages.currentWidget()


def _organizations_listed(page: InvoicesPage) -> list[str]:
    column = _column(page, "Organization")
    return sorted(page.proxy.index(row, column).data() for row in range(page.proxy.rowCount()))


def _column(page: InvoicesPage, title: str) -> int:
    model = page.model
    return next(
        c for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    )  # fmt: skip


def test_prepared_renewals_appear_in_the_invoices_list_as_it_stands(
    qtbot: QtBot, main_window: MainWindow, context: Any
) -> None:
    _members(context)
    invoices = main_window.page("invoices")
    assert isinstance(invoices, InvoicesPage)
    status_before = invoices.status_filter.currentIndex()
    assert invoices.count_label.text() == "0 invoices"
    renewals = main_window.page("renewals")
    assert isinstance(renewals, RenewalsPage)
    qtbot.waitUntil(lambda: not renewals.busy())
    renewals.as_of.setDate(QDate(2026, 12, 1))
    qtbot.waitUntil(lambda: not renewals.busy() and renewals.overview is not None)
    renewals.year.setValue(2027)

    def prepare(dialog: QDialog) -> None:
        assert isinstance(dialog, PrepareDialog)
        qtbot.waitUntil(lambda: dialog.plan is not None)
        dialog.prepare_button.click()

    when_modal_dialog_opens(qtbot, prepare)
    with qtbot.waitSignal(change_hub().changed, timeout=20000) as announced:
        renewals.prepare_button.click()
    assert announced.args[0] & Changes.INVOICES
    qtbot.waitUntil(lambda: renewals.status.text().startswith("Prepared") and not renewals.busy())
    # The hidden list is not read while hidden, only once it is shown again.
    assert invoices.count_label.text() == "0 invoices"

    assert _go_to(main_window, "invoices") is invoices
    assert invoices.count_label.text() == "3 invoices"
    assert _organizations_listed(invoices) == sorted(NAMES)
    assert invoices.status_filter.currentIndex() == status_before


def test_a_payment_recorded_shows_in_the_aging_and_on_the_dashboard(
    qtbot: QtBot, main_window: MainWindow, context: Any
) -> None:
    use_plain_pdfs(context)
    organization = add_organization(context, NAMES[0])
    invoice = context.invoices.issue(
        context.invoices.create_draft(membership_spec(organization, "1000"))
    )
    dashboard = main_window.page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(lambda: dashboard.figures is not None and not dashboard.busy())
    assert dashboard.tiles["outstanding"].value == "USD 1,000.00"
    invoices = _go_to(main_window, "invoices")
    assert isinstance(invoices, InvoicesPage)
    invoices.tabs.setCurrentWidget(invoices.receivables)
    assert invoices.receivables.model.rowCount() == 1
    invoices.tabs.setCurrentIndex(0)
    invoices.select(invoice.id)

    def pay(dialog: PaymentDialog) -> None:
        dialog.amount.setText("1000")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_dialog_opens(qtbot, PaymentDialog, pay)
    with qtbot.waitSignal(change_hub().changed) as announced:
        invoices.buttons["payment"].click()
    assert announced.args[0] & Changes.PAYMENTS
    invoices.tabs.setCurrentWidget(invoices.receivables)
    assert invoices.receivables.model.rowCount() == 0

    assert _go_to(main_window, "dashboard") is dashboard
    qtbot.waitUntil(lambda: dashboard.tiles["outstanding"].value != "USD 1,000.00")
    assert dashboard.tiles["outstanding"].value in {"USD 0.00", "None", "\u2014", "0"}


def test_the_page_on_screen_reads_again_when_a_write_it_shows_is_announced(
    qtbot: QtBot, main_window: MainWindow, context: Any
) -> None:
    invoices = main_window.page("invoices")
    assert isinstance(invoices, InvoicesPage)
    context.invoices.create_draft(membership_spec(add_organization(context, NAMES[1])))

    announce(Changes.CERTIFICATES)  # not shown on this page: nothing read
    assert invoices.count_label.text() == "0 invoices"
    announce(Changes.INVOICES)
    assert invoices.count_label.text() == "1 invoice"
    assert _organizations_listed(invoices) == [NAMES[1]]


def test_f5_reads_the_current_view_again(
    qtbot: QtBot, main_window: MainWindow, context: Any
) -> None:
    invoices = main_window.page("invoices")
    assert isinstance(invoices, InvoicesPage)
    # Written elsewhere (another window or the command line): nothing is announced here.
    context.invoices.create_draft(membership_spec(add_organization(context, NAMES[2])))
    assert invoices.count_label.text() == "0 invoices"

    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    assert invoices.count_label.text() == "1 invoice"

    view = next(a for a in main_window.menuBar().actions() if a.text() == "&View").menu()
    assert [action.text() for action in view.actions()] == ["&Refresh", "&Go to"]
    context.invoices.create_draft(membership_spec(add_organization(context, "Second")))
    view.actions()[0].trigger()
    assert invoices.count_label.text() == "2 invoices"


def test_settings_saved_and_undone_are_shown_by_the_pages_that_use_them(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    renewals = main_window.page("renewals")
    assert isinstance(renewals, RenewalsPage)
    qtbot.waitUntil(lambda: not renewals.busy() and renewals.overview is not None)
    settings = _go_to(main_window, "settings")
    assert isinstance(settings, SettingsPage)
    field = settings.findChild(QLineEdit, "field_signatory_name")
    assert field is not None
    field.clear()
    qtbot.keyClicks(field, "Jane Example")
    with qtbot.waitSignal(change_hub().changed) as announced:
        settings.save_button.click()
    assert announced.args[0] == Changes.SETTINGS
    assert not renewals.busy()  # hidden: nothing read yet

    _go_to(main_window, "renewals")
    assert renewals.busy()  # read again once shown
    qtbot.waitUntil(lambda: not renewals.busy())
    with qtbot.waitSignal(change_hub().changed):
        main_window.undo_stack.undo()  # Edit > Undo, on the Renewals page
    assert renewals.busy()  # the page on screen reads at once
    qtbot.waitUntil(lambda: not renewals.busy())
    assert main_window.context.settings.load().signatory_name != "Jane Example"


def test_changes_of_the_register_are_announced(
    qtbot: QtBot, main_window: MainWindow, context: Any
) -> None:
    organization = add_organization(context, NAMES[0])
    events = register_events(main_window.undo_stack)
    with qtbot.waitSignal(change_hub().changed) as announced:
        events.changed.emit(organization)  # what the editor, undo and redo emit
    assert announced.args[0] == Changes.ORGANIZATIONS | Changes.MEMBERSHIPS
