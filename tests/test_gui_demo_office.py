"""Load demo data from the window: the office is built off the GUI thread and summed up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage


def test_load_demo_data_builds_a_working_office(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = main_window.page("organizations")
    assert isinstance(page, OrganizationsPage)
    monkeypatch.setattr(OrganizationsPage, "DEMO_ORGANIZATIONS", 40)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    qtbot.mouseClick(page.empty_state.demo_button, Qt.MouseButton.LeftButton)
    loading = page._demo_loading
    assert loading is not None and loading.dialog.isVisible()  # the work runs in the background
    qtbot.waitUntil(lambda: bool(told), timeout=240_000)
    assert told[0].startswith("The demo office is ready:") and "invoices issued" in told[0]
    assert page.table.isVisible() and page.model.rowCount() == 40
    invoices = main_window.context.invoices.list()
    assert any(invoice.status == "paid" for invoice in invoices)
