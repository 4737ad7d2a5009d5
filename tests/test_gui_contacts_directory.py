"""The contacts directory as a person uses it: search, sort, select, copy addresses, open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages import AREAS
from ptf_desktop.ui.pages.contacts.page import ContactsPage
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.pages.record_windows import open_record_windows

from helpers.billing import add_organization


def names(page: ContactsPage, column: int = 0) -> list[str]:
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def directory(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> ContactsPage:
    people = [('Ünal "Quoted" <Primary>', "unal@example.com", ["primary"]),
              ("O'Brien, Pat", "pat@example.com", ["billing", "technical"]),
              ("Zoë No-Mail", "", [])]  # fmt: skip
    for (name, email, roles), organization in zip(people, tricky_names[:3], strict=True):
        org = add_organization(context, organization)
        context.organizations.add_contact(org, {"name": name, "email": email, "roles": roles})
    page = main_window.page("contacts")
    assert isinstance(page, ContactsPage)
    page.refresh()
    qtbot.waitUntil(lambda: not page.reading)
    return page


def test_the_directory_lists_everyone_with_organization_and_role(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    assert "contacts" in [area.key for area in AREAS]
    page = directory(qtbot, main_window, context, tricky_names)
    assert names(page) == ["O'Brien, Pat", "Zoë No-Mail", 'Ünal "Quoted" <Primary>']
    assert names(page, 2) == [tricky_names[1], tricky_names[2], tricky_names[0]]
    assert names(page, 3)[0] == "Billing, Technical"
    assert page.count_label.text() == "3 people"
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by e-mail
    assert names(page, 1) == ["unal@example.com", "pat@example.com", ""]

    qtbot.keyClicks(page.search_box, "pat@")
    qtbot.waitUntil(lambda: names(page) == ["O'Brien, Pat"] and not page.reading)
    assert page.count_label.text() == "1 person"
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)  # into the results
    assert page.table.hasFocus()
    assert [e.name for e in page.selected()] == ["O'Brien, Pat"]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(isinstance(w, OrganizationEditorDialog) for w in open_record_windows())
    )
    dialog = next(w for w in open_record_windows() if isinstance(w, OrganizationEditorDialog))
    assert dialog.title.text() == tricky_names[1]
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Contacts"


def test_addresses_of_the_people_selected_are_copied(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    page = directory(qtbot, main_window, context, tricky_names)
    assert not page.copy_button.isEnabled()
    page.table.selectAll()
    assert page.copy_button.isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == (
        '"O\'Brien, Pat" <pat@example.com>, "Ünal \\"Quoted\\" <Primary>" <unal@example.com>'
    )
    assert page.count_label.text() == "Copied 2 e-mail addresses."
    selection = page.table.selectionModel()
    selection.clearSelection()
    selection.select(
        page.proxy.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert not page.copy_button.isEnabled()  # Zoë has no address
