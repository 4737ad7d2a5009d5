"""The import dialog with rows already in the register: the matches, and the person's choice."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.organization_import import OnMatch
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.ui.dialogs.import_dialog import ImportDialog

from helpers.organization_csv import row, write_csv


def open_dialog(qtbot: QtBot, context: AppContext, path: Path) -> ImportDialog:
    dialog = ImportDialog(context.organization_import, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        dialog.show()
    return dialog


def table_text(table: object) -> list[list[str]]:
    model = table.model()  # type: ignore[attr-defined]
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def choose(qtbot: QtBot, dialog: ImportDialog, choice: OnMatch) -> None:
    combo = dialog.on_match_combo
    with qtbot.waitSignal(dialog.checked, timeout=20_000):
        combo.setCurrentIndex(combo.findData(choice.value))


def register(context: AppContext) -> dict[str, str]:
    rows = context.organization_queries.page(OrganizationQuery(), 0, 100)
    return {r.display_name: context.organizations.get(r.id).fields.city for r in rows}


def test_importing_a_file_again_shows_each_match_and_skips_them(
    qtbot: QtBot, context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    names = tricky_names[:6]
    rows = [row(name=name, legal_name="", website=f"https://site{i}.example")
            for i, name in enumerate(names)]  # fmt: skip
    path = write_csv(tmp_path / "members.csv", rows)
    assert context.organization_import.import_csv(path).imported

    dialog = open_dialog(qtbot, context, path)

    assert dialog.on_match_combo.currentText() == "Skip them (keep the register as it is)"
    assert dialog.matches_table.isVisible()
    shown = table_text(dialog.matches_table)
    assert [r[1] for r in shown] == [name.strip() for name in names]
    assert [r[2] for r in shown] == [name.strip() for name in names]
    assert {r[3] for r in shown} == {"name and country"} and {r[4] for r in shown} == {"Skipped"}
    assert "Every row of members.csv matches" in dialog.headline.text()
    assert not dialog.import_button.isEnabled()


def test_choosing_update_changes_the_register_and_create_makes_second_records(
    qtbot: QtBot, context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    first = write_csv(
        tmp_path / "first.csv",
        [row(name=tricky_names[5], legal_name="", vat_id="FR40303265045", country="FR")],
    )
    assert context.organization_import.import_csv(first).imported
    again = write_csv(
        tmp_path / "again.csv",
        [row(name=tricky_names[5].upper(), legal_name="", vat_id="FR 40 303 265 045",
             country="FR", city="Lyon"),
         row(name="Campus Lab", legal_name="", website="https://campus.example")],
    )  # fmt: skip
    dialog = open_dialog(qtbot, context, again)
    assert [r[3] for r in table_text(dialog.matches_table)] == ["tax ID"]
    assert dialog.import_button.isEnabled()  # Campus Lab is new

    choose(qtbot, dialog, OnMatch.UPDATE)
    assert [r[4] for r in table_text(dialog.matches_table)] == ["Updated"]
    with qtbot.waitSignal(dialog.completed, timeout=20_000):
        dialog.import_button.click()

    assert dialog.report is not None and dialog.report.updated == 1
    assert register(context) == {tricky_names[5].upper(): "Lyon", "Campus Lab": "Berlin"}

    dialog = open_dialog(qtbot, context, again)
    choose(qtbot, dialog, OnMatch.CREATE)
    assert {r[4] for r in table_text(dialog.matches_table)} == {"Created anyway"}
    with qtbot.waitSignal(dialog.completed, timeout=20_000):
        dialog.import_button.click()
    rows = context.organization_queries.page(OrganizationQuery(), 0, 100)
    assert sorted(r.display_name for r in rows) == sorted(
        [tricky_names[5].upper()] * 2 + ["Campus Lab"] * 2
    )
