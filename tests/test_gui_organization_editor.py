"""The organization editor as a person uses it: type, save, see refusals, undo, delete.

Also its tabs (contacts, membership, testimonials, history), the duplicate warning, the
tricky names and the Governing Board view.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QInputMethodEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import ApplicationOutcome, ContactRole, Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.ui.pages.organizations.editor import OrganizationEditorDialog
from ptf_desktop.ui.pages.organizations.form_dialog import FormDialog
from ptf_desktop.ui.pages.organizations.form_widgets import set_value_of
from ptf_desktop.ui.pages.organizations.governance import GovernanceDialog
from ptf_desktop.ui.pages.organizations.record_table import RecordTable

from conftest import click_button, when_modal_dialog_opens
from helpers.billing import configure_seller, membership_spec

# -- the toolkit ------------------------------------------------------------------------------


def test_emitting_a_signal_does_not_leak_a_reference_to_true() -> None:
    """PySide6 6.12.0 drops a reference to True on every Signal.emit() from Python.

    After a few hundred emits (a session of editing) True's count reaches zero and the
    interpreter aborts ("bool_dealloc: deallocating True or False"). 6.11.2 is fine.
    """
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        happened = Signal()

    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(10):
        emitter.happened.emit()
    lost = before - sys.getrefcount(True)
    assert lost <= 0, f"this PySide6 loses a reference to True per emit ({lost} in 10)"


# -- helpers ----------------------------------------------------------------------------------


@pytest.fixture
def undo_stack() -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


def new_org(context: AppContext, name: str, **fields: object) -> uuid.UUID:
    raw = {"display_name": name, "org_type": "commercial", "country": "US", **fields}
    return context.organizations.create(raw)


def open_editor(
    qtbot: QtBot, context: AppContext, stack: QUndoStack, organization_id: uuid.UUID | None
) -> OrganizationEditorDialog:
    dialog = OrganizationEditorDialog(context, organization_id, stack)
    # A failed test may leave edits behind; closing must not stop to ask about them.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.organization_tab.revert_button.click())
    dialog.show()
    return dialog


def line(dialog: OrganizationEditorDialog, name: str) -> QLineEdit:
    found = dialog.findChild(QLineEdit, f"field_{name}")
    assert found is not None, name
    return found


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def commit_text(field: QLineEdit, text: str) -> None:
    """Type text as an input method commits it (any script, replacing a selection)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def choose(dialog: OrganizationEditorDialog, name: str, value: str) -> None:
    """Pick an item of a combo box, as a click in its list does."""
    combo = dialog.findChild(QComboBox, f"field_{name}")
    assert combo is not None, name
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save(qtbot: QtBot, dialog: OrganizationEditorDialog) -> str:
    click(qtbot, dialog.organization_tab.save_button)
    return dialog.organization_tab.status.text()


def error(dialog: OrganizationEditorDialog, name: str) -> str:
    """The message shown next to a field of the Organization tab ("" when none shows)."""
    label = dialog.organization_tab.form.fields[name].error_label
    return label.text() if label.isVisible() else ""


def rows(table: RecordTable) -> list[tuple[str, ...]]:
    model = table.model()
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def fill_form(qtbot: QtBot, button: QPushButton, values: dict[str, Any], accept: str) -> list[str]:
    """Click a button that opens a small form, fill it in and press ``accept``.

    Returns the refusals the form showed (empty when it was accepted); a refused form is
    then cancelled, as a person would.
    """
    shown: list[str] = []

    def act(dialog: Any) -> None:
        assert isinstance(dialog, FormDialog)
        for name, value in values.items():
            editor = dialog.editors[name]
            if isinstance(editor, QLineEdit):
                editor.clear()
                qtbot.keyClicks(editor, value)
            else:
                set_value_of(editor, value)
        click_button(dialog, accept)
        if dialog.isVisible():
            labels = [dialog.message, *dialog.errors.values()]
            shown.extend(label.text() for label in labels if label.isVisible())
            click_button(dialog, "Cancel")

    when_modal_dialog_opens(qtbot, act)
    click(qtbot, button)
    return shown


def answer_with(qtbot: QtBot, button_text: str, seen: list[str] | None = None) -> None:
    """Answer the next message box with one of its buttons, noting its text."""

    def act(box: Any) -> None:
        if seen is not None:
            seen.append(box.text())
        click_button(box, button_text)

    when_modal_dialog_opens(qtbot, act)


def count(context: AppContext) -> int:
    return context.organization_queries.count(OrganizationQuery())


# -- the Organization tab ---------------------------------------------------------------------


def test_a_new_organization_is_created_from_the_form(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    dialog = open_editor(qtbot, context, undo_stack, None)
    assert dialog.windowTitle() == "New organization"
    assert not dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.contacts_tab))
    qtbot.keyClicks(line(dialog, "display_name"), "Example University")
    qtbot.keyClicks(line(dialog, "legal_name"), "Example University of Technology")
    choose(dialog, "org_type", "academic")
    qtbot.keyClicks(line(dialog, "employees"), "4,200")
    choose(dialog, "country", "DE")
    qtbot.keyClicks(line(dialog, "vat_id"), "DE 136 695 976")
    qtbot.keyClicks(line(dialog, "website"), "example.edu")
    qtbot.keyClicks(line(dialog, "city"), "Berlin")
    with qtbot.waitSignal(dialog.saved) as saved:
        assert save(qtbot, dialog) == "Saved."

    [row] = context.organization_queries.page(OrganizationQuery(search="Example Univ"), 0, 10)
    assert saved.args == [row.id]
    stored = context.organizations.get(row.id).fields
    assert (stored.legal_name, stored.org_type.value, stored.employees) == (
        "Example University of Technology", "academic", 4200,
    )  # fmt: skip
    assert (stored.vat_id, stored.website, stored.city) == (
        "DE136695976", "https://example.edu", "Berlin",
    )  # fmt: skip
    # The form now edits the stored organization and shows the values as stored.
    assert dialog.title.text() == "Example University"
    assert line(dialog, "vat_id").text() == "DE136695976"
    assert dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.contacts_tab))
    assert not dialog.organization_tab.save_button.isEnabled()
    assert undo_stack.undoText() == "creation of Example University"


def test_a_refused_vat_id_and_an_empty_name_are_explained_and_nothing_is_stored(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    dialog = open_editor(qtbot, context, undo_stack, None)
    choose(dialog, "country", "DE")
    vat_id = line(dialog, "vat_id")
    qtbot.keyClicks(vat_id, "DE123")
    qtbot.keyClick(vat_id, Qt.Key.Key_Return)  # leaving the field checks it
    assert "Not a valid" in error(dialog, "vat_id")
    assert error(dialog, "display_name") == ""  # not touched yet: no message

    assert save(qtbot, dialog) == "Not saved: 2 fields to correct."
    assert error(dialog, "display_name") == "The name is required."
    assert "Not a valid" in error(dialog, "vat_id")
    assert vat_id.property("invalid") is True
    assert count(context) == 0 and undo_stack.count() == 0

    # A VAT ID is valid for its country only: changing the country re-checks it.
    retype(qtbot, vat_id, "136695976")
    qtbot.keyClicks(line(dialog, "display_name"), "Example GmbH")
    assert save(qtbot, dialog) == "Saved."
    assert error(dialog, "vat_id") == "" and error(dialog, "display_name") == ""
    assert context.organization_queries.page(OrganizationQuery(), 0, 1)[0].vat_id == "DE136695976"


def test_an_unchosen_country_asks_for_one(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    dialog = open_editor(qtbot, context, undo_stack, None)
    qtbot.keyClicks(line(dialog, "display_name"), "Nowhere Ltd")
    assert save(qtbot, dialog) == "Not saved: 1 field to correct."
    assert error(dialog, "country") == "Choose the country."


def test_edit_save_undo_and_redo(qtbot: QtBot, context: AppContext, undo_stack: QUndoStack) -> None:
    org = new_org(context, "Example Labs", city="Austin", employees="800")
    dialog = open_editor(qtbot, context, undo_stack, org)
    assert not dialog.organization_tab.save_button.isEnabled()
    retype(qtbot, line(dialog, "city"), "Boston")
    retype(qtbot, line(dialog, "employees"), "1200")
    assert dialog.organization_tab.status.text() == "Unsaved changes"
    assert save(qtbot, dialog) == "Saved."
    fields = context.organizations.get(org).fields
    assert (fields.city, fields.employees) == ("Boston", 1200)
    assert undo_stack.undoText() == "edit of Example Labs (Employees, City)"

    undo_stack.undo()
    fields = context.organizations.get(org).fields
    assert (fields.city, fields.employees) == ("Austin", 800)
    assert (line(dialog, "city").text(), line(dialog, "employees").text()) == ("Austin", "800")

    undo_stack.redo()
    assert context.organizations.get(org).fields.city == "Boston"
    assert line(dialog, "city").text() == "Boston"


def test_the_dialogs_undo_action_and_undo_after_closing(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Labs", city="Austin")
    dialog = open_editor(qtbot, context, undo_stack, org)
    retype(qtbot, line(dialog, "city"), "Boston")
    save(qtbot, dialog)
    [undo] = [a for a in dialog.actions() if a.text().startswith("Undo")]
    assert QKeySequence("Ctrl+Z") in undo.shortcuts()
    assert dialog.undo_button.toolTip() == "edit of Example Labs (City)"
    assert not dialog.redo_button.isEnabled()
    click(qtbot, dialog.undo_button)
    assert line(dialog, "city").text() == "Austin"
    click(qtbot, dialog.redo_button)
    assert line(dialog, "city").text() == "Boston"
    dialog.close()
    # The commands do not need the dialog: Edit > Undo works once it is gone.
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    undo_stack.undo()
    assert context.organizations.get(org).fields.city == "Austin"


def test_edit_menu_undo_of_the_main_window_undoes_a_save(
    qtbot: QtBot, main_window: Any, context: AppContext
) -> None:
    org = new_org(context, "Example Labs", city="Austin")
    dialog = OrganizationEditorDialog(context, org, main_window.undo_stack, main_window)
    dialog.show()
    retype(qtbot, line(dialog, "city"), "Boston")
    save(qtbot, dialog)
    click(qtbot, dialog.close_button)
    edit_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&Edit")
    undo = next(a for a in edit_menu.actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo edit of Example Labs (City)"
    assert QKeySequence("Ctrl+Z") in undo.shortcuts()
    undo.trigger()
    assert context.organizations.get(org).fields.city == "Austin"


def test_an_undo_the_rules_refuse_is_explained_and_dropped(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Institute")
    dialog = open_editor(qtbot, context, undo_stack, org)
    choose(dialog, "org_type", "academic")
    save(qtbot, dialog)
    context.memberships.admit(org, Tier.ASSOCIATE, date(2025, 1, 1))  # not undoable
    seen: list[str] = []

    def act(box: Any) -> None:
        seen.append(box.text())
        box.accept()

    when_modal_dialog_opens(qtbot, act)
    undo_stack.undo()  # would make an Associate member commercial
    assert seen == [
        "Could not undo the edit of Example Institute (Type): Associate membership is only "
        "for academic and non-profit organizations; this one is commercial."
    ]
    assert context.organizations.get(org).fields.org_type.value == "academic"
    assert undo_stack.count() == 0  # the step is gone rather than lying about the database
    assert dialog.findChild(QComboBox, "field_org_type").currentData() == "academic"


def test_saving_unchanged_values_stores_nothing(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example GmbH", country="DE", vat_id="DE136695976")
    dialog = open_editor(qtbot, context, undo_stack, org)
    retype(qtbot, line(dialog, "vat_id"), "de 136695976")  # the same ID, spelt otherwise
    assert save(qtbot, dialog) == "Nothing to save: the stored values are the same."
    assert line(dialog, "vat_id").text() == "DE136695976"
    assert undo_stack.count() == 0


def test_revert_shows_the_stored_values_again(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Labs", city="Austin")
    dialog = open_editor(qtbot, context, undo_stack, org)
    retype(qtbot, line(dialog, "city"), "Nowhere")
    click(qtbot, dialog.organization_tab.revert_button)
    assert line(dialog, "city").text() == "Austin"
    assert not dialog.organization_tab.save_button.isEnabled()


def test_closing_with_unsaved_changes_asks_first(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Labs")
    dialog = open_editor(qtbot, context, undo_stack, org)
    retype(qtbot, line(dialog, "city"), "Boston")
    seen: list[str] = []
    answer_with(qtbot, "Cancel", seen)
    click(qtbot, dialog.close_button)
    assert seen[0] == "Example Labs has changes that are not saved. Save them?"
    assert dialog.isVisible()
    answer_with(qtbot, "Discard")
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()
    assert context.organizations.get(org).fields.city == ""


def test_a_logo_is_chosen_previewed_saved_and_undone(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tmp_path: Path
) -> None:
    org = new_org(context, "Example Labs")
    dialog = open_editor(qtbot, context, undo_stack, org)
    logo = dialog.organization_tab.form.logo
    assert logo.preview.text() == "No logo"
    gif = tmp_path / "logo.gif"
    gif.write_bytes(b"GIF89a")
    assert not logo.load_file(gif)
    assert logo.error_label.text() == "A logo must be a PNG, JPEG or SVG image."
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    png = tmp_path / "logo.png"
    image.save(str(png))
    assert logo.load_file(png)
    assert not logo.preview.pixmap().isNull() and not logo.error_label.isVisible()
    assert save(qtbot, dialog) == "Saved."
    assert context.organizations.logo(org) == (png.read_bytes(), "image/png")
    undo_stack.undo()
    assert context.organizations.logo(org) is None
    assert logo.preview.text() == "No logo"


# -- delete -----------------------------------------------------------------------------------


def test_delete_asks_first_and_undo_restores(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "O'Reilly Media, Inc.")
    dialog = open_editor(qtbot, context, undo_stack, org)
    seen: list[str] = []
    answer_with(qtbot, "Cancel", seen)
    click(qtbot, dialog.delete_button)
    assert seen == [
        "Delete O'Reilly Media, Inc.? It disappears from the register; "
        "Edit > Undo (Ctrl+Z) brings it back with everything it had."
    ]
    assert not context.organizations.get(org).deleted and dialog.isVisible()

    answer_with(qtbot, "Delete")
    with qtbot.waitSignal(dialog.deleted) as deleted:
        click(qtbot, dialog.delete_button)
    assert deleted.args == [org]
    assert context.organizations.get(org).deleted and count(context) == 0
    assert not dialog.isVisible()

    undo_stack.undo()
    assert not context.organizations.get(org).deleted and count(context) == 1
    undo_stack.redo()
    assert count(context) == 0


def test_undoing_a_creation_shows_the_organization_as_deleted(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    dialog = open_editor(qtbot, context, undo_stack, None)
    qtbot.keyClicks(line(dialog, "display_name"), "Short Lived Inc")
    choose(dialog, "country", "US")
    save(qtbot, dialog)
    undo_stack.undo()
    assert count(context) == 0
    assert dialog.deleted_notice.isVisible() and not dialog.tabs.isEnabled()
    undo_stack.redo()
    assert count(context) == 1 and not dialog.deleted_notice.isVisible()


# -- contacts ---------------------------------------------------------------------------------


def test_contacts_are_added_edited_and_removed_with_their_roles(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Labs")
    dialog = open_editor(qtbot, context, undo_stack, org)
    dialog.tabs.setCurrentWidget(dialog.contacts_tab)
    tab = dialog.contacts_tab
    roles = [ContactRole.BILLING.value, ContactRole.VOTING_REPRESENTATIVE.value]
    refused = fill_form(
        qtbot, tab.add_button, {"name": "Pat Doe", "email": "pat@", "roles": roles}, "Add"
    )
    assert len(refused) == 1 and refused[0].startswith("Not a valid e-mail address")
    assert context.organizations.get(org).contacts == ()

    values = {"name": "Pat Doe", "email": "pat@example.org", "job_title": "AP", "roles": roles}
    assert fill_form(qtbot, tab.add_button, values, "Add") == []
    assert rows(tab.table) == [
        ("Pat Doe", "pat@example.org", "", "AP", "Billing, Voting representative")
    ]
    [contact] = context.organizations.get(org).contacts
    assert contact.fields.roles == {ContactRole.BILLING, ContactRole.VOTING_REPRESENTATIVE}

    tab.table.selectRow(0)
    new_roles = [ContactRole.PRIMARY.value]
    edited = {"job_title": "Controller", "roles": new_roles}
    assert fill_form(qtbot, tab.edit_button, edited, "Save") == []
    assert rows(tab.table)[0][3:] == ("Controller", "Primary")
    assert undo_stack.undoText() == "edit of contact Pat Doe"
    undo_stack.undo()
    assert rows(tab.table)[0][3:] == ("AP", "Billing, Voting representative")
    undo_stack.redo()

    tab.table.selectRow(0)
    click(qtbot, tab.remove_button)
    assert rows(tab.table) == [] and context.organizations.get(org).contacts == ()
    undo_stack.undo()
    assert [c.id for c in context.organizations.get(org).contacts] == [contact.id]
    assert rows(tab.table)[0][0] == "Pat Doe"


def test_the_contacts_model_passes_qts_model_checks(
    qtbot: QtBot, qtmodeltester: Any, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Labs")
    context.organizations.add_contact(org, {"name": "Ada", "roles": ["primary"]})
    dialog = open_editor(qtbot, context, undo_stack, org)
    qtmodeltester.check(dialog.contacts_tab.model)


# -- membership -------------------------------------------------------------------------------


def test_associate_is_refused_for_a_commercial_organization(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Corp")
    dialog = open_editor(qtbot, context, undo_stack, org)
    dialog.tabs.setCurrentWidget(dialog.membership_tab)
    admit = dialog.membership_tab.buttons["admit"]
    refused = fill_form(qtbot, admit, {"tier": Tier.ASSOCIATE}, "Admit")
    assert refused == [
        "Associate membership is only for academic and non-profit organizations; "
        "this one is commercial."
    ]
    assert context.organizations.get(org).tier is None
    assert dialog.membership_tab.summary["tier"].text() == "None (not a member)"


def test_premier_needs_an_approved_application_first(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Corp")
    dialog = open_editor(qtbot, context, undo_stack, org)
    tab = dialog.membership_tab
    dialog.tabs.setCurrentWidget(tab)
    start = {"tier": Tier.PREMIER, "start_date": date(2025, 3, 1), "end_date": date(2026, 2, 28)}
    [refusal] = fill_form(qtbot, tab.buttons["admit"], start, "Admit")
    assert refusal.startswith("Premier membership needs an application approved by the Gov")
    assert context.organizations.get(org).tier is None

    application = {"tier": Tier.PREMIER, "applied_on": date(2025, 1, 10), "notes": "Complete"}
    assert fill_form(qtbot, tab.buttons["application"], application, "Record application") == []
    assert rows(tab.applications_table)[0][:4] == ("Premier", "2025-01-10", "not yet", "Pending")
    assert tab.summary["status"].text() == "Applied"

    decision = {"outcome": ApplicationOutcome.APPROVED, "decided_on": date(2025, 1, 5)}
    [refusal] = fill_form(qtbot, tab.buttons["decision"], decision, "Record decision")
    assert refusal == "The decision cannot come before the application."
    decision["decided_on"] = date(2025, 1, 24)
    assert fill_form(qtbot, tab.buttons["decision"], decision, "Record decision") == []
    assert rows(tab.applications_table)[0][3:5] == ("Approved", "2025-01-24")

    assert fill_form(qtbot, tab.buttons["admit"], start, "Admit") == []
    details = context.organizations.get(org)
    assert (details.tier, details.member_since) == (Tier.PREMIER, date(2025, 3, 1))
    assert tab.summary["tier"].text() == "Premier"
    assert rows(tab.terms_table) == [("Premier", "2025-03-01", "2026-02-28")]
    assert not tab.buttons["admit"].isEnabled()


def test_the_banner_shows_missing_representatives(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Corp")
    application = context.memberships.record_application(org, Tier.PREMIER, date(2025, 1, 1))
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2025, 1, 2)
    )
    context.memberships.admit(org, Tier.PREMIER, date(2025, 2, 1))
    dialog = open_editor(qtbot, context, undo_stack, org)
    assert dialog.banner.isVisible()
    assert "name a voting representative; none is recorded" in dialog.banner.text()
    assert "name an alternate representative; none is recorded" in dialog.banner.text()

    values = {"name": "Ada", "roles": ["voting_representative", "billing"]}
    fill_form(qtbot, dialog.contacts_tab.add_button, values, "Add")
    assert "voting representative" not in dialog.banner.text()
    assert "alternate representative" in dialog.banner.text()


def test_tier_change_and_status_are_recorded(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Corp")
    context.memberships.admit(org, Tier.GENERAL, date(2025, 1, 1))
    dialog = open_editor(qtbot, context, undo_stack, org)
    tab = dialog.membership_tab
    change = {"tier": Tier.PREMIER, "effective": date(2025, 6, 1)}
    [refusal] = fill_form(qtbot, tab.buttons["change_tier"], change, "Change tier")
    assert "approved by the Governing Board" in refusal
    assert fill_form(qtbot, tab.buttons["set_status"], {"status": "lapsed"}, "Set status") == []
    assert tab.summary["status"].text() == "Lapsed"
    assert tab.buttons["admit"].isEnabled()


# -- testimonials -----------------------------------------------------------------------------


def test_testimonials_are_added_approved_and_removed_with_undo(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Corp")
    dialog = open_editor(qtbot, context, undo_stack, org)
    tab = dialog.testimonials_tab
    values = {"person": "Ada", "given_on": date(2025, 4, 1), "text": "PyTorch rocks."}
    assert fill_form(qtbot, tab.add_button, values, "Add") == []
    assert rows(tab.table) == [("Ada", "2025-04-01", "No", "", "PyTorch rocks.")]

    tab.table.selectRow(0)
    assert tab.approve_button.text() == "Approve…"
    published = {"published_where": "pytorch.org/members"}
    assert fill_form(qtbot, tab.approve_button, published, "Approve") == []
    assert rows(tab.table)[0][2:4] == ("Yes", "pytorch.org/members")
    assert tab.approve_button.text() == "Withdraw approval"
    click(qtbot, tab.approve_button)
    assert rows(tab.table)[0][2] == "No"
    undo_stack.undo()  # approval given again
    assert context.organizations.get(org).testimonials[0].approved

    tab.table.selectRow(0)
    click(qtbot, tab.remove_button)
    assert rows(tab.table) == []
    undo_stack.undo()  # back, as it was
    assert rows(tab.table)[0][2:4] == ("Yes", "pytorch.org/members")
    assert undo_stack.undoText() == "approval of the testimonial by Ada"
    undo_stack.undo()
    undo_stack.undo()  # the testimonial itself
    assert rows(tab.table) == [] and not undo_stack.canUndo()
    for _ in range(3):  # and all of it again, whatever key the testimonial has now
        undo_stack.redo()
    assert rows(tab.table) == []
    undo_stack.undo()
    assert rows(tab.table)[0][2] == "Yes"
    undo_stack.undo()
    assert rows(tab.table)[0][2] == "No"
    assert len(context.organizations.get(org).testimonials) == 1


# -- history ----------------------------------------------------------------------------------


def test_the_history_tab_shows_old_and_new_values(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    org = new_org(context, "Example Labs")
    context.organizations.add_contact(org, {"name": "Pat", "roles": ["billing", "primary"]})
    dialog = open_editor(qtbot, context, undo_stack, org)
    retype(qtbot, line(dialog, "display_name"), "Example Labs International")
    choose(dialog, "org_type", "nonprofit")
    save(qtbot, dialog)
    dialog.tabs.setCurrentWidget(dialog.history)
    model = dialog.history.model
    assert model.headers == ("When", "Who", "What", "Field", "Old value", "New value", "Where")
    shown = [
        tuple(model.index(row, column).data() for column in range(1, 6))
        for row in range(model.rowCount())
    ]
    actor = context.actor
    assert (actor, "Organization", "Name", "Example Labs", "Example Labs International") in shown
    assert (actor, "Organization", "Type", "Commercial", "Non-profit") in shown
    assert (actor, "Contact", "Roles", "", "Billing, Primary") in shown
    assert not any(row[2] in ("normalized_name", "search_text") for row in shown)
    # A later change shows up without reopening the dialog.
    retype(qtbot, line(dialog, "city"), "Lyon")
    save(qtbot, dialog)
    assert model.index(0, 3).data() == "City" and model.index(0, 5).data() == "Lyon"


def test_the_history_names_a_documents_fields_and_keeps_keys_and_hashes_out(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    org = new_org(context, tricky_names[2])
    configure_seller(context)
    context.invoices.issue(context.invoices.create_draft(membership_spec(org)))
    dialog = open_editor(qtbot, context, undo_stack, org)
    dialog.tabs.setCurrentWidget(dialog.history)
    model = dialog.history.model
    fields = {model.index(row, 3).data() for row in range(model.rowCount())}
    assert {"Number", "Issued on", "Total (minor units)", "Bill to"} <= fields
    assert not fields & {"pdf_sha256", "term_id", "issue_date", "issue_year", "total_minor",
                          "bill_to_name"}  # fmt: skip


# -- duplicates -------------------------------------------------------------------------------


def test_the_duplicate_warning_for_a_normalized_name(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    new_org(context, "AT&T Inc.")
    dialog = open_editor(qtbot, context, undo_stack, None)
    qtbot.keyClicks(line(dialog, "display_name"), "AT&T Inc")
    choose(dialog, "country", "US")
    seen: list[str] = []
    answer_with(qtbot, "Cancel", seen)
    assert save(qtbot, dialog) == "Not saved."
    assert "• AT&T Inc. — US · Prospect" in seen[0] and seen[0].endswith("Save anyway?")
    assert count(context) == 1
    answer_with(qtbot, "Save anyway")
    assert save(qtbot, dialog) == "Saved."
    assert count(context) == 2


def test_the_duplicate_warning_for_the_same_vat_id_when_editing(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    new_org(context, "Example GmbH", country="DE", vat_id="DE136695976")
    other = new_org(context, "Other AG", country="DE")
    dialog = open_editor(qtbot, context, undo_stack, other)
    retype(qtbot, line(dialog, "city"), "Cologne")
    assert save(qtbot, dialog) == "Saved."  # neither name nor VAT ID changed: no question
    retype(qtbot, line(dialog, "vat_id"), "136695976")
    seen: list[str] = []
    answer_with(qtbot, "Cancel", seen)
    assert save(qtbot, dialog) == "Not saved."
    assert "Example GmbH — DE · VAT ID DE136695976" in seen[0]
    assert context.organizations.get(other).fields.vat_id == ""


# -- tricky names -----------------------------------------------------------------------------


def test_tricky_names_survive_the_form(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    org = new_org(context, "Placeholder")
    dialog = open_editor(qtbot, context, undo_stack, org)
    for name in tricky_names:
        for field in ("display_name", "legal_name"):
            editor = line(dialog, field)
            editor.setText(name)  # keyClicks cannot type a tab character into a line edit
            editor.textEdited.emit(name)
        assert save(qtbot, dialog) == "Saved.", name
        fields = context.organizations.get(org).fields
        assert (fields.display_name, fields.legal_name) == (name.strip(), name.strip())
        assert line(dialog, "display_name").text() == name.strip()
        assert line(dialog, "legal_name").text() == name.strip()
        assert dialog.title.text() == name.strip()
        assert dialog.title.textFormat() == Qt.TextFormat.PlainText  # "<b>" is not bold


def test_a_tricky_name_is_shown_as_typed_in_the_duplicate_warning(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack, tricky_names: list[str]
) -> None:
    name = next(n for n in tricky_names if "<b>" in n)
    new_org(context, name)
    dialog = open_editor(qtbot, context, undo_stack, None)
    line(dialog, "display_name").setText(name)
    choose(dialog, "country", "US")
    seen: list[str] = []

    def act(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text() if box.textFormat() == Qt.TextFormat.PlainText else "rich")
        click_button(box, "Cancel")

    when_modal_dialog_opens(qtbot, act)
    save(qtbot, dialog)
    assert f"• {name} — US" in seen[0]


# -- governance -------------------------------------------------------------------------------


def admit_many(context: AppContext, count: int, tier: Tier = Tier.GENERAL) -> None:
    for number in range(count):
        org = new_org(context, f"Member {tier.value} {number}")
        context.memberships.admit(org, tier, date(2025, 1, 1))


@pytest.mark.parametrize(
    ("general", "text"),
    [
        (0, "0 General members elect 0 of at most 3 seats."),
        (1, "1 General member elects 0 of at most 3 seats."),
        (10, "10 General members elect 1 of at most 3 seats."),
        (35, "35 General members elect 3 of at most 3 seats."),
    ],
)
def test_the_governance_view_counts_general_member_seats(
    qtbot: QtBot, context: AppContext, general: int, text: str
) -> None:
    admit_many(context, general)
    dialog = GovernanceDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.general_label.text().startswith(text)


def test_the_governance_view_lists_premier_seats_and_flags_missing_people(
    qtbot: QtBot, context: AppContext
) -> None:
    for name, roles in (("Alpha Corp", ["voting_representative"]), ("Beta Corp", [])):
        org = new_org(context, name)
        application = context.memberships.record_application(org, Tier.PREMIER, date(2025, 1, 1))
        context.memberships.update_application(
            application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2025, 1, 2)
        )
        context.memberships.admit(org, Tier.PREMIER, date(2025, 2, 1))
        if roles:
            context.organizations.add_contact(org, {"name": "Ada", "roles": roles})
    dialog = GovernanceDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert rows(dialog.table) == [
        ("Alpha Corp", "Ada", "Missing"),
        ("Beta Corp", "Missing", "Missing"),
    ]
    assert dialog.premier_label.text().startswith("Premier members: 2 seats")
    assert dialog.missing_label.isVisible()
    assert dialog.missing_label.text().endswith("2 Premier members: Alpha Corp, Beta Corp")


def test_open_governance_shows_the_dialog_over_its_parent(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    from ptf_desktop.ui.pages.organizations.governance import open_governance

    editor = open_editor(qtbot, context, undo_stack, None)
    dialog = open_governance(editor, context)
    assert dialog.isVisible() and dialog.parent() is editor
    dialog.close()


def test_a_character_no_document_can_print_is_named_as_it_is_typed(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    dialog = open_editor(qtbot, context, undo_stack, None)
    warning = dialog.organization_tab.print_warning
    qtbot.keyClicks(line(dialog, "display_name"), "Cherokee Nation Technologies")
    assert not warning.isVisible()

    # Typed through an input method, as a Cherokee keyboard does (key clicks are ASCII).
    commit_text(line(dialog, "legal_name"), "ᏣᎳᎩ Technologies")

    qtbot.waitUntil(warning.isVisible)
    text = warning.text()
    assert text.startswith('Legal name: "Ꮳ" (U+13E3 CHEROKEE LETTER TSA, Cherokee script)')
    assert "CHEROKEE LETTER LA" in text and "will be refused" in text
    line(dialog, "legal_name").selectAll()
    commit_text(line(dialog, "legal_name"), "มหาวิทยาลัยมหิดล")  # Thai prints
    qtbot.waitUntil(lambda: not warning.isVisible())


def test_a_name_longer_than_any_document_holds_is_refused_with_its_length(
    qtbot: QtBot, context: AppContext, undo_stack: QUndoStack
) -> None:
    dialog = open_editor(qtbot, context, undo_stack, None)
    choose(dialog, "country", "DE")
    name = line(dialog, "display_name")
    name.setText("N" * 2_500)  # pasted: typing 2,500 keys would take a while
    name.editingFinished.emit()
    assert save(qtbot, dialog) == "Not saved: 1 field to correct."
    assert error(dialog, "display_name") == "The name is 2,500 characters long; at most 300 fit."
    assert name.text() == "N" * 2_500  # kept for the person to shorten, never cut silently
    assert count(context) == 0
