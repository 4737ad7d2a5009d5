"""Lists select what the application asks for, whatever keys the person is holding.

Qt's ``selectRow`` and ``setCurrentIndex`` read the keyboard's modifiers when a list
lets several rows be selected: with Ctrl still down just after Ctrl+S, the row a page
selects after saving was toggled off, and its buttons went grey.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.billing.invoices_page import InvoicesPage
from ptf_desktop.ui.widgets.tables import MANY_ROWS, list_table, select_only_row

from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import use_plain_pdfs

NAME = 'R&D <b>Labs</b> "Ünïcødé" 株式会社'


@pytest.fixture
def ctrl_held(qtbot: QtBot) -> Iterator[None]:
    """The application believes Ctrl is held (as after a Ctrl+S typed a moment ago)."""
    from PySide6.QtWidgets import QLineEdit

    line = QLineEdit()
    qtbot.addWidget(line)
    qtbot.keyPress(line, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    yield
    qtbot.keyRelease(line, Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)


def test_a_row_selected_while_ctrl_is_held_stays_selected(qtbot: QtBot, ctrl_held: None) -> None:
    model = QStandardItemModel(3, 1)
    for row in range(3):
        model.setItem(row, 0, QStandardItem(f"row {row}"))
    table = list_table("heldKeys", model, rows=MANY_ROWS)
    qtbot.addWidget(table)
    table.show()

    select_only_row(table, 1)
    select_only_row(table, 1)  # again, as a page does when it refreshes

    assert [index.row() for index in table.selectionModel().selectedRows()] == [1]
    assert table.currentIndex().row() == 1


def test_the_invoice_a_page_selects_while_ctrl_is_held_keeps_its_buttons(
    qtbot: QtBot, context: AppContext, ctrl_held: None
) -> None:
    use_plain_pdfs(context)
    invoice = context.invoices.issue(
        context.invoices.create_draft(membership_spec(add_organization(context, NAME), "1000"))
    )
    context.credit_notes.create(invoice.number or "", "Discount agreed", "250")
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.show()

    page.refresh(invoice.id)
    page.refresh()  # keeps the selection

    assert [chosen.id for chosen in page.selected()] == [invoice.id]
    assert page.buttons["credit_notes"].isEnabled()
