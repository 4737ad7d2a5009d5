"""The global search as a person uses it: Ctrl+K, type, see every kind in one list, Enter opens."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.billing.pdf_preview import PdfPreview
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.pages.record_windows import open_record_windows

from helpers.billing import add_organization
from helpers.member_record import full_member

SHOTS = os.environ.get("PTF_SCREENSHOTS")


def results(window: MainWindow) -> list[tuple[str, str]]:
    model = window.search.results.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def type_text(widget: Any, text: str) -> None:
    """Type as a keyboard would, letters outside ASCII too (QTest cannot type those)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    field = window.search.field
    assert field.hasFocus()
    type_text(field, text)
    qtbot.waitUntil(lambda: window.search.results.isVisible() and window.search._task is None)


def test_every_kind_in_one_list_and_enter_opens(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    name = "Müller & Söhne Maschinenbau AG"
    record = full_member(context, name, contact="Mülleria Quoted")
    add_organization(context, tricky_names[0])
    main_window.resize(1100, 720)
    type_search(qtbot, main_window, "Müller")
    assert ("Organization", name) in results(main_window)
    assert ("Contact", "Mülleria Quoted") in results(main_window)
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "global-search.png"))
    qtbot.keyClick(main_window.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(isinstance(w, OrganizationEditorDialog) for w in open_record_windows())
    )
    record_window = next(
        w for w in open_record_windows() if isinstance(w, OrganizationEditorDialog)
    )
    assert record_window.title.text() == name
    assert not main_window.search.results.isVisible()
    assert QApplication.activeModalWidget() is None

    main_window.activateWindow()
    main_window.search.field.clear()
    type_search(qtbot, main_window, "2027-000")
    kinds = {kind for kind, _ in results(main_window)}
    assert kinds == {"Invoice", "Quote", "Credit note", "Certificate"}
    assert ("Certificate", record.certificate_number) in results(main_window)
    field = main_window.search.field
    for _ in results(main_window)[
        : results(main_window).index(("Certificate", record.certificate_number))
    ]:
        qtbot.keyClick(field, Qt.Key.Key_Down)
    assert main_window.search.results.current_hit().title == record.certificate_number
    qtbot.keyClick(field, Qt.Key.Key_Return)
    title = f"Certificate {record.certificate_number} (valid) — {name}"
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, PdfPreview) and w.windowTitle() == title for w in open_record_windows()
        )
    )


def test_a_contact_opens_its_organization_on_the_contacts_tab_and_nothing_found_says_so(
    qtbot: QtBot, main_window: MainWindow, context: Any, tricky_names: list[str]
) -> None:
    organization = add_organization(context, tricky_names[8])
    context.organizations.add_contact(
        organization, {"name": "Ivana Petrova", "email": "ivana@example.com"}
    )
    type_search(qtbot, main_window, "ivana@")
    assert results(main_window) == [("Organization", tricky_names[8]), ("Contact", "Ivana Petrova")]
    qtbot.keyClick(main_window.search.field, Qt.Key.Key_Down)
    qtbot.keyClick(main_window.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(isinstance(w, OrganizationEditorDialog) for w in open_record_windows())
    )
    dialog = next(w for w in open_record_windows() if isinstance(w, OrganizationEditorDialog))
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Contacts"

    main_window.activateWindow()
    main_window.search.field.clear()
    type_search(qtbot, main_window, "%_ nothing")
    assert results(main_window) == []
    assert main_window.search.results.empty.text() == "Nothing matches “%_ nothing”."
    qtbot.keyClick(main_window.search.field, Qt.Key.Key_Escape)
    assert not main_window.search.results.isVisible()


def test_ctrl_k_reaches_the_field_from_any_window(main_window: MainWindow) -> None:
    from PySide6.QtGui import QShortcut

    shortcut = next(
        s for s in main_window.findChildren(QShortcut) if s.key().toString() == "Ctrl+K"
    )
    assert shortcut.context() == Qt.ShortcutContext.ApplicationShortcut
