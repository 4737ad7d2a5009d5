"""File > Import another register…: the matches, a decision for each, then the import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.services.register.register_import import RegisterDecision
from ptf_desktop.ui import file_dialogs
from ptf_desktop.ui.dialogs.register_import_dialog import RegisterImportDialog
from ptf_desktop.ui.main_window import MainWindow

from conftest import click_button, when_modal_dialog_opens
from helpers.billing import add_organization


@pytest.fixture
def other(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "theirs" / "ptf.sqlite")
    yield context
    context.close()


def names(context: AppContext) -> list[str]:
    rows = context.organization_queries.page(OrganizationQuery(), 0, 100)
    return sorted(r.display_name for r in rows)


def table_text(dialog: RegisterImportDialog) -> list[list[str]]:
    model = dialog.table.model()
    return [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]


def test_import_another_register_from_the_file_menu(
    qtbot: QtBot,
    main_window: MainWindow,
    context: AppContext,
    other: AppContext,
    tricky_names: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_organization(context, tricky_names[4], vat_id="DE136695976")
    add_organization(context, tricky_names[0], country="US")
    add_organization(other, tricky_names[4].upper(), vat_id="DE 136 695 976", city="München")
    add_organization(other, "AT&T", country="US")
    add_organization(other, tricky_names[9], country="CN")  # 华为技术有限公司: new here
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", lambda *_args, **_kw: (str(other.path), "")
    )
    failures: list[BaseException] = []
    seen: dict[str, object] = {}

    def decide(dialog: object) -> None:
        try:
            assert isinstance(dialog, RegisterImportDialog)
            seen["headline"] = dialog.headline.text()
            seen["before"] = table_text(dialog)
            # The person skips AT&T: select its row, press Skip.
            row = [r[0] for r in table_text(dialog)].index("AT&T")
            dialog.table.selectionModel().select(
                dialog.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            qtbot.mouseClick(
                dialog.choice_buttons[RegisterDecision.SKIP], Qt.MouseButton.LeftButton
            )
            seen["after"] = table_text(dialog)
            click_button(dialog, "Import")
        except BaseException as failure:  # noqa: BLE001  (re-raised below)
            failures.append(failure)
            if isinstance(dialog, QDialog):
                dialog.reject()

    when_modal_dialog_opens(qtbot, decide)
    action = next(a for a in main_window.menuBar().actions()[0].menu().actions()
                  if a.text() == "&Import another register…")  # fmt: skip
    action.trigger()
    if failures:
        raise failures[0]

    assert "2 organizations of ptf.sqlite match one already in this register" in str(
        seen["headline"]
    )
    assert seen["before"] == [
        ["AT&T", tricky_names[0], "name and country", "Merge into this register's record"],
        [tricky_names[4].upper(), tricky_names[4], "tax ID", "Merge into this register's record"],
    ]
    assert [r[3] for r in seen["after"]] == ["Skip", "Merge into this register's record"]  # type: ignore[union-attr]
    assert names(context) == sorted([tricky_names[4], tricky_names[0], tricky_names[9]])
    assert main_window.statusBar().currentMessage().startswith("Created 1, merged 1 and skipped 1")
