"""The import dialog as a person uses it: the report first, Import only for a clean file.

Nothing is written before Import is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.ui import file_dialogs
from ptf_desktop.ui.dialogs import import_dialog
from ptf_desktop.ui.dialogs.import_dialog import (
    ImportDialog,
    PreviewTableModel,
    ProblemTableModel,
)

from conftest import click_button
from helpers.organization_csv import row, row_counts, write_csv


def open_dialog(qtbot: QtBot, context: AppContext, path: Path) -> ImportDialog:
    """The dialog with its dry run finished."""
    dialog = ImportDialog(context.organization_import, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=20_000):  # delivered by the event loop
        dialog.show()
    return dialog


def shown(dialog: ImportDialog, table: Any = None) -> list[list[str]]:
    model = (table or dialog.table).model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def names(context: AppContext) -> list[str]:
    rows = context.organization_queries.page(OrganizationQuery(), 0, 1000)
    return [r.display_name for r in rows]


def test_a_bad_file_shows_every_problem_and_import_stays_disabled(
    qtbot: QtBot, context: AppContext, tmp_path: Path, qtmodeltester: Any
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [row(name="Good"), row(employees="-5"), row(tier="associate", member_since="2020-01-01")],
    )
    before = row_counts(context.path)
    dialog = open_dialog(qtbot, context, path)
    assert isinstance(dialog.table.model(), ProblemTableModel)
    qtmodeltester.check(dialog.table.model())
    assert dialog.table.model().headerData(2, _horizontal()) == "Reason"
    rows = shown(dialog)
    assert [line[:2] for line in rows] == [["3", "employees"], ["4", "tier"]]
    assert "not a whole number" in rows[0][2] and "Associate membership" in rows[1][2]
    assert "bad.csv has 2 problems" in dialog.headline.text()
    assert not dialog.import_button.isEnabled()
    click_button(dialog, "Import")  # a disabled button does nothing
    assert dialog.isVisible() and row_counts(context.path) == before
    click_button(dialog, "Cancel")
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert row_counts(context.path) == before


def test_a_good_file_shows_the_preview_then_imports(
    qtbot: QtBot, context: AppContext, tmp_path: Path, qtmodeltester: Any
) -> None:
    path = write_csv(
        tmp_path / "good.csv",
        [
            row(name="Premier Corp", tier="premier", member_since="2021-04-01"),
            row(name="Campus Lab", org_type="academic", billing_contact_email=""),
        ],
    )
    dialog = open_dialog(qtbot, context, path)
    assert isinstance(dialog.table.model(), PreviewTableModel)
    qtmodeltester.check(dialog.table.model())
    rows = shown(dialog)
    assert [line[1] for line in rows] == ["Premier Corp", "Campus Lab"]
    assert rows[0][4:6] == ["Premier", "Active"] and rows[1][4:6] == ["", "Prospect"]
    assert "Ready to import 2 organizations" in dialog.headline.text()
    assert "Premier: 1" in dialog.headline.text()
    assert names(context) == []  # nothing written by looking
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.completed, timeout=20_000):
        click_button(dialog, "Import")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sorted(names(context)) == ["Campus Lab", "Premier Corp"]


def test_look_alikes_are_shown_but_do_not_stop_the_import(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    context.organizations.create({"display_name": "Twin", "org_type": "commercial",
                                  "country": "DE"})  # fmt: skip
    path = write_csv(tmp_path / "twin.csv", [row(name="Twin", legal_name="")])
    dialog = open_dialog(qtbot, context, path)
    # Matched to the register, it is skipped by default; created anyway, it is a warning.
    assert shown(dialog, dialog.matches_table)[0][1:4] == ["Twin", "Twin", "name and country"]
    assert not dialog.import_button.isEnabled()
    combo = dialog.on_match_combo
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        combo.setCurrentIndex(combo.findData("create"))
    assert dialog.warnings_table.isVisible() and dialog.import_button.isEnabled()
    assert shown(dialog, dialog.warnings_table)[0][:2] == ["2", "name"]


def test_tricky_names_are_shown_unchanged(
    qtbot: QtBot, context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    path = write_csv(tmp_path / "t.csv", [row(name=n, legal_name=n) for n in tricky_names])
    dialog = open_dialog(qtbot, context, path)
    assert [line[1] for line in shown(dialog)] == [n.strip() for n in tricky_names]


def test_a_file_that_cannot_be_read_is_explained(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    dialog = ImportDialog(context.organization_import, tmp_path / "gone.csv")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)
    assert "There is no file" in dialog.headline.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_while_checking_waits_and_writes_nothing(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "many.csv", [row(name=f"Org {n}") for n in range(300)])
    dialog = ImportDialog(context.organization_import, path)
    qtbot.addWidget(dialog)
    dialog.show()
    click_button(dialog, "Cancel")
    assert dialog.result() == QDialog.DialogCode.Rejected and names(context) == []


def answer_modals(qtbot: QtBot, *answers: Callable[[QWidget], bool]) -> list[str]:
    """Answer modal dialogs in turn; an answer returns False when it is not its dialog yet."""
    pending = list(answers)
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if pending and dialog is not None and pending[0](dialog):
            seen.append(dialog.windowTitle())
            pending.pop(0)
        if pending:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_run_import_asks_for_a_file_shows_the_report_and_imports(
    qtbot: QtBot, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "members.csv", [row(name="Asked For Co")])
    monkeypatch.setattr(file_dialogs, "get_open_file_name", lambda *_a, **_k: (str(path), ""))

    def press_import(dialog: QWidget) -> bool:
        if not isinstance(dialog, ImportDialog) or not dialog.import_button.isEnabled():
            return False  # still checking
        click_button(dialog, "Import")
        return True

    def close_message(dialog: QWidget) -> bool:
        if not isinstance(dialog, QMessageBox):
            return False
        assert "Imported 1 organization " in dialog.text()
        dialog.accept()
        return True

    parent = QWidget()
    qtbot.addWidget(parent)
    seen = answer_modals(qtbot, press_import, close_message)
    assert import_dialog.run_import(parent, context) is True
    assert seen == ["Import organizations \u2013 members.csv", "Import finished"]
    assert names(context) == ["Asked For Co"]


def test_run_import_does_nothing_when_no_file_is_chosen(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_dialogs, "get_open_file_name", lambda *_a, **_k: ("", ""))
    assert import_dialog.run_import(None, context) is False


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
