"""Search boxes that lead into their lists, sortable certificates, and actions on several rows."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.ui import file_dialogs
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.certificates.certificates_page import CertificatesPage
from ptf_desktop.ui.pages.certificates.issue_dialog import IssueDialog
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage
from ptf_desktop.ui.pages.renewals.models import RenewalTableModel
from ptf_desktop.ui.pages.renewals.page import RenewalsPage

from conftest import click_button, when_modal_dialog_opens
from helpers.billing import add_organization
from helpers.certificates import ISSUE_DAY, add_member, configure_signatory

SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def texts(view: Any, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_rows(view: Any, rows: list[int]) -> None:
    view.selectionModel().clearSelection()
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), SELECT_ROWS)


def test_certificates_are_searched_sorted_and_reached_from_the_search_box(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    names = tricky_names[6:9]
    for name in names:
        _, term = add_member(context, name, start=date(2027, 1, 1))
        context.certificates.issue(term, on=ISSUE_DAY)
    page = main_window.page("certificates")
    assert isinstance(page, CertificatesPage)
    qtbot.waitUntil(lambda: not page.busy())  # the register is read in a worker
    assert texts(page.table, 0) == ["CERT-2027-0003", "CERT-2027-0002", "CERT-2027-0001"]
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the header, clicked
    assert texts(page.table, 0)[0] == "CERT-2027-0001"
    qtbot.keyClicks(page.search_box, "0002")
    assert texts(page.table, 0) == ["CERT-2027-0002"]
    assert texts(page.table, 1) == [names[1]]
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    selected = page.selected()
    assert selected is not None and selected.number == "CERT-2027-0002"
    page.search_box.clear()
    page.select_number("CERT-2027-0003")
    selected = page.selected()
    assert selected is not None and selected.legal_name == names[2]


def test_the_issue_dialog_searches_its_terms(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    configure_signatory(context)
    year = date.today().year
    for name in tricky_names[:4]:
        add_member(context, name, start=date(year, 1, 1))
    dialog = IssueDialog(context, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.proxy.rowCount() == 4
    qtbot.keyClicks(dialog.search_box, "o'reilly")
    assert dialog.proxy.rowCount() == 1
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)  # into the list, not Issue
    assert dialog.focusWidget() is dialog.table and dialog.isVisible()
    chosen = dialog.chosen()
    assert chosen is not None and chosen.legal_name == "O'Reilly Media, Inc."
    assert dialog.issue_button.isEnabled()


def _renewals(
    qtbot: QtBot, main_window: MainWindow, context: Any, names: list[str]
) -> RenewalsPage:
    for name in names:
        organization = add_organization(context, name, employees="600")
        context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    page = main_window.page("renewals")
    assert isinstance(page, RenewalsPage)
    qtbot.waitUntil(lambda: not page.busy())
    page.as_of.setDate(QDate(2026, 12, 1))
    qtbot.waitUntil(lambda: not page.busy() and page.overview is not None
                    and page.overview.today == date(2026, 12, 1))  # fmt: skip
    return page


def test_renewals_search_and_tier_at_renewal_for_several(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    names = [tricky_names[4], tricky_names[5], tricky_names[10]]
    page = _renewals(qtbot, main_window, context, names)
    qtbot.keyClicks(page.search_box, "soci")  # Société Générale d'Électricité S.A.
    assert texts(page.table, RenewalTableModel.NAME) == [tricky_names[5]]
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.selected_row() is not None
    page.search_box.clear()
    assert len(texts(page.table, RenewalTableModel.NAME)) == 3

    select_rows(page.table, [0, 1, 2])
    assert page.buttons["tier"].isEnabled() and not page.buttons["renew"].isEnabled()
    when_modal_dialog_opens(qtbot, lambda d: (d.setTextValue("Premier"), d.accept()))
    page.buttons["tier"].click()
    qtbot.waitUntil(lambda: not page.busy() and page.status.text().startswith("Tier at renewal"))
    assert page.status.text().startswith("Tier at renewal not changed. Not changed: ")
    assert all(name in page.status.text() for name in names)


def test_organizations_selected_are_exported_and_deleted_together(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str],
    tmp_path: Path, monkeypatch: Any,
) -> None:  # fmt: skip
    chosen = [tricky_names[0], tricky_names[18], tricky_names[9]]  # & ; =HYPERLINK Яндекс
    for name in [*chosen, "Kept Organization"]:
        add_organization(context, name)
    page = main_window.page("organizations")
    assert isinstance(page, OrganizationsPage)
    page.refresh()
    shown = texts(page.table, 0)
    select_rows(page.table, [shown.index(name) for name in chosen])
    target = tmp_path / "selected.csv"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a, **_k: QMessageBox.StandardButton.Ok)
    page._on_export_selected_triggered()  # the context menu's "Export 3 selected…"
    with target.open(encoding="utf-8-sig", newline="") as exported:
        # A name that a spreadsheet would take for a formula is written with a quote first.
        names = [row["name"].removeprefix("'") for row in csv.DictReader(exported)]
    assert sorted(names) == sorted(chosen)

    when_modal_dialog_opens(qtbot, lambda d: click_button(d, "Delete"))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: texts(page.table, 0) == ["Kept Organization"])
    assert main_window.undo_stack.undoText() == "deletion of 3 organizations"
    main_window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(texts(page.table, 0)) == 4)


def test_renewal_reminders_for_several_members_are_written_as_drafts(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str],
    tmp_path: Path, monkeypatch: Any,
) -> None:  # fmt: skip
    configure_signatory(context)
    context.settings.save({"billing_email": "billing@pytorch.example"})
    names = [tricky_names[7], tricky_names[12]]
    page = _renewals(qtbot, main_window, context, names)
    for row in page.model.rows:
        context.organizations.add_contact(
            row.organization_id,
            {"name": "Renée O'Neil", "email": "renee@example.com", "roles": ["primary"]},
        )
    folder = tmp_path / "reminders"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "get_existing_directory", lambda *_a, **_k: str(folder))
    select_rows(page.table, [0, 1])
    page.write_reminders()  # the context menu's "Renewal reminders (2)…"
    assert page.status.text() == f"Wrote 2 renewal reminders (2 e-mail drafts) to {folder}."
    assert sorted(path.suffix for path in folder.iterdir()) == [".eml", ".eml", ".pdf", ".pdf"]
