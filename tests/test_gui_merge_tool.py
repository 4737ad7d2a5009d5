"""The merge tool as a person uses it: two duplicates selected in the list, merged into one."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QRadioButton
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.organizations.duplicates_dialog import DuplicatesDialog
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage
from ptf_desktop.ui.pages.organizations.merge_dialog import MergeDialog
from ptf_desktop.ui.pages.organizations.table_model import OrganizationTableModel

from conftest import click_button, when_modal_dialog_opens
from helpers.billing import add_organization


def organizations_page(window: MainWindow) -> OrganizationsPage:
    page = window.page("organizations")
    assert isinstance(page, OrganizationsPage)
    return page


def shown_names(page: OrganizationsPage) -> list[str]:
    model = page.table.model()
    return [model.index(r, OrganizationTableModel.NAME).data() for r in range(model.rowCount())]


def select_rows(page: OrganizationsPage, names: list[str]) -> None:
    """Ctrl+click each row, as a person selects two records."""
    page.table.clearSelection()
    for name in names:
        row = shown_names(page).index(name)
        page.table.selectionModel().select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def answering(act: object, failures: list[BaseException]) -> object:
    """Run act(dialog); a failed check closes the dialog, so the test ends and reports it."""

    def answer(dialog: object) -> None:
        try:
            act(dialog)  # type: ignore[operator]
        except BaseException as failure:  # noqa: BLE001  (re-raised by the test)
            failures.append(failure)
            dialog.reject()  # type: ignore[attr-defined]

    return answer


def duplicates(context: AppContext, tricky_names: list[str]) -> tuple[uuid.UUID, uuid.UUID]:
    name = tricky_names[5]  # Société Générale d'Électricité S.A.
    first = add_organization(
        context,
        name,
        country="FR",
        website="https://sge.example",
        address_line1="1 rue de la Paix",
        city="Paris",
        postal_code="75002",
    )
    second = add_organization(context, "SOCIETE GENERALE D'ELECTRICITE", country="FR",
                              vat_id="FR40303265045", address_line1="", city="Paris",
                              postal_code="75002")  # fmt: skip
    context.organizations.add_contact(
        second, {"name": "Zoë Ångström", "email": "zoe@sge.example", "roles": ["billing"]}
    )
    context.memberships.admit(second, Tier.GENERAL, date(2026, 1, 1))
    return first, second


def test_merging_two_selected_duplicates_from_the_list(
    qtbot: QtBot,
    main_window: MainWindow,
    context: AppContext,
    tricky_names: list[str],
    tmp_path: Path,
) -> None:
    first, second = duplicates(context, tricky_names)
    add_organization(context, tricky_names[0])  # AT&T Inc.: not part of the merge
    page = organizations_page(main_window)
    page.refresh()
    action = page.merge_actions.merge_action
    assert action in page.table.actions() and action.text() == "Merge the two selected…"
    select_rows(page, [tricky_names[5]])
    assert not action.isEnabled()  # one record cannot be merged
    select_rows(page, [tricky_names[5], "SOCIETE GENERALE D'ELECTRICITE"])
    assert action.isEnabled()
    seen: dict[str, object] = {}

    def merge(dialog: object) -> None:
        assert isinstance(dialog, MergeDialog)
        # The member is suggested to stay; its empty address takes the other's.
        assert dialog.survivor.id == second
        assert dialog.findChild(QRadioButton, "keepRecord2").isChecked()
        street = dialog.choices["address_line1"]
        assert [b.text() for b in street] == ["1 rue de la Paix", "(empty)"]
        assert street[0].isChecked()
        # The person prefers the accented name of the first record.
        name_choice = dialog.choices["display_name"]
        qtbot.mouseClick(name_choice[0], Qt.MouseButton.LeftButton)
        assert "1 contact" in dialog.findChild(type(dialog.outcome), "belongings2").text()
        seen["outcome"] = dialog.outcome.text()
        assert dialog.grab().save(str(tmp_path / "merge-tool.png"))
        click_button(dialog, "Merge")

    failures: list[BaseException] = []
    when_modal_dialog_opens(qtbot, answering(merge, failures))
    action.trigger()
    if failures:
        raise failures[0]

    qtbot.waitUntil(lambda: shown_names(page) == sorted([tricky_names[5], tricky_names[0]]))
    assert "is kept as merged into it" in str(seen["outcome"])
    record = context.organizations.get(second)
    assert record.fields.display_name == tricky_names[5]
    assert record.fields.address_line1 == "1 rue de la Paix"
    assert record.fields.vat_id == "FR40303265045" and record.tier is Tier.GENERAL
    assert [c.fields.name for c in record.contacts] == ["Zoë Ångström"]
    assert main_window.statusBar().currentMessage().startswith(f"Merged into {tricky_names[5]}")
    assert context.organizations.get(first).deleted


def test_possible_duplicates_list_opens_the_merge_tool(
    qtbot: QtBot, context: AppContext, tricky_names: list[str], tmp_path: Path
) -> None:
    first, second = duplicates(context, tricky_names)
    add_organization(context, tricky_names[0])
    from ptf_desktop.services.register.merging import MergeService

    dialog = DuplicatesDialog(MergeService(context.factories))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.show()
    model = dialog.table.model()
    assert [[model.index(0, c).data() for c in range(4)]] == [
        [tricky_names[5], "SOCIETE GENERALE D'ELECTRICITE", "FR", "name and country"]
    ]
    assert "1 pair of organizations" in dialog.headline.text()
    assert dialog.grab().save(str(tmp_path / "possible-duplicates.png"))

    def merge(merge_dialog: object) -> None:
        assert isinstance(merge_dialog, MergeDialog)
        click_button(merge_dialog, "Merge")

    failures: list[BaseException] = []
    when_modal_dialog_opens(qtbot, answering(merge, failures))
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.review_button.click()
    if failures:
        raise failures[0]
    assert model is not dialog.table.model() and dialog.table.model().rowCount() == 0
    assert dialog.headline.text() == "No organization seems to be recorded twice."
    assert QApplication.activeModalWidget() is None
