"""The Membership tab: tier, status, terms, tier history and applications, with the actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.organizations import ApplicationOutcome, MembershipStatus
from ....services.context import AppContext
from ....services.register.organization_records import (
    ApplicationRecord,
    OrganizationDetails,
    TermRecord,
    TierChangeRecord,
)
from ..certificates.letter_actions import MemberLettersBox
from .form_dialog import FormDialog, ask, attempt
from .membership_actions import ORGANIZATION_FORMS, OrganizationForm, decision_dialog
from .record_table import Column, RecordTable, RecordTableModel, date_text, label
from .undo_commands import RegisterEvents

TERM_COLUMNS: tuple[Column[TermRecord], ...] = (
    Column("Tier", lambda t: label(t.tier)),
    Column("Starts", lambda t: date_text(t.start_date), lambda t: t.start_date),
    Column("Ends", lambda t: date_text(t.end_date), lambda t: t.end_date),
)
TIER_CHANGE_COLUMNS: tuple[Column[TierChangeRecord], ...] = (
    Column("Effective", lambda c: date_text(c.effective_date), lambda c: c.effective_date),
    Column("From", lambda c: label(c.from_tier) or "—"),
    Column("To", lambda c: label(c.to_tier)),
    Column("Note", lambda c: c.note),
)
APPLICATION_COLUMNS: tuple[Column[ApplicationRecord], ...] = (
    Column("Tier", lambda a: label(a.tier)),
    Column("Applied on", lambda a: date_text(a.applied_on), lambda a: a.applied_on),
    Column("Questionnaire", lambda a: date_text(a.questionnaire_received_on) or "not yet"),
    Column("Board decision", lambda a: label(a.outcome)),
    Column("Decided on", lambda a: date_text(a.decided_on)),
    Column("Notes", lambda a: a.notes),
)
MEMBERS = (MembershipStatus.ACTIVE, MembershipStatus.GRACE)


class MembershipTab(QWidget):
    """What membership an organization holds, and the actions that change it."""

    def __init__(
        self, context: AppContext, events: RegisterEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = context.memberships
        self.letters = MemberLettersBox(context.letters)
        self._events = events
        self.details: OrganizationDetails | None = None
        self.summary = {key: QLabel() for key in ("tier", "status", "member_since", "term_end")}
        for key, value_label in self.summary.items():
            value_label.setObjectName(f"membership_{key}")
        self.terms = RecordTableModel(TERM_COLUMNS, self)
        self.tier_changes = RecordTableModel(TIER_CHANGE_COLUMNS, self)
        self.applications = RecordTableModel(APPLICATION_COLUMNS, self)
        self.terms_table = RecordTable(self.terms, "termsTable")
        self.tier_changes_table = RecordTable(self.tier_changes, "tierChangesTable")
        self.applications_table = RecordTable(self.applications, "applicationsTable")
        self.buttons = {
            key: self._button(text, partial(self._open_form, form))
            for key, text, form in ORGANIZATION_FORMS
        }
        self.buttons["remove_term"] = self._button(
            "Remove term", self._on_remove_term_button_clicked
        )
        self.buttons["decision"] = self._button(
            "Record board decision…", self._on_decision_button_clicked
        )
        for key, button in self.buttons.items():
            button.setObjectName(f"membership_{key}")
        self._lay_out()
        for table in (self.terms_table, self.applications_table):
            table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

    def _button(self, text: str, slot: Callable[..., None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        summary = QFormLayout()
        summary.addRow("Tier:", self.summary["tier"])
        summary.addRow("Status:", self.summary["status"])
        summary.addRow("Member since:", self.summary["member_since"])
        summary.addRow("Current term ends:", self.summary["term_end"])
        actions = QVBoxLayout()
        for key in ("admit", "change_tier", "set_status"):
            actions.addWidget(self.buttons[key])
        actions.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(summary, 1)
        top.addLayout(actions)
        top.addWidget(self.letters, 1)
        terms = _group(
            "Terms", self.terms_table, self.buttons["add_term"], self.buttons["remove_term"]
        )
        changes = _group("Tier changes", self.tier_changes_table)
        tables = QHBoxLayout()
        tables.addWidget(terms, 2)
        tables.addWidget(changes, 3)
        applications = _group(
            "Applications (Premier needs the Governing Board's approval)",
            self.applications_table, self.buttons["application"], self.buttons["decision"],
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tables, 1)
        layout.addWidget(applications, 1)

    def show_details(self, details: OrganizationDetails) -> None:
        """Show the organization's membership."""
        self.details = details
        self.summary["tier"].setText(label(details.tier) or "None (not a member)")
        self.summary["status"].setText(label(details.status))
        self.summary["member_since"].setText(date_text(details.member_since) or "—")
        self.summary["term_end"].setText(date_text(details.term_end) or "—")
        self.terms.set_rows(details.terms)
        self.tier_changes.set_rows(details.tier_changes)
        self.applications.set_rows(details.applications)
        self._update_buttons()

    def _update_buttons(self) -> None:
        details = self.details
        member = details is not None and details.status in MEMBERS
        self.letters.show_organization(details.id if details else None, member=member)
        has_tier = details is not None and details.tier is not None
        self.buttons["admit"].setEnabled(details is not None and not member)
        self.buttons["change_tier"].setEnabled(has_tier)
        self.buttons["add_term"].setEnabled(has_tier)
        self.buttons["remove_term"].setEnabled(self.terms_table.selected_record() is not None)
        self.buttons["decision"].setEnabled(self._application() is not None)

    def _application(self) -> ApplicationRecord | None:
        """The selected application, or else the one still waiting for the board."""
        selected: ApplicationRecord | None = self.applications_table.selected_record()
        if selected is not None or self.details is None:
            return selected
        pending = [a for a in self.details.applications if a.outcome is ApplicationOutcome.PENDING]
        return pending[-1] if pending else None

    def _run(self, dialog: FormDialog) -> None:
        if dialog.exec() and self.details is not None:
            self._events.changed.emit(self.details.id)

    # -- slots ------------------------------------------------------------------------------

    def _open_form(self, form: OrganizationForm, *_: object) -> None:
        if self.details is not None:
            self._run(form(self, self._service, self.details))

    def _on_decision_button_clicked(self) -> None:
        application = self._application()
        if application is not None:
            self._run(decision_dialog(self, self._service, application))

    def _on_remove_term_button_clicked(self) -> None:
        term: TermRecord | None = self.terms_table.selected_record()
        if term is None or self.details is None:
            return
        question = (
            f"Remove the {label(term.tier)} term {date_text(term.start_date)} to "
            f"{date_text(term.end_date)}? Only remove a term entered by mistake; this "
            "cannot be undone."
        )
        if not ask(self, "Remove term", question, "Remove term"):
            return
        if attempt(self, "Term not removed", lambda: self._service.remove_term(term.id)):
            self._events.changed.emit(self.details.id)

    def _on_table_selection_changed(self) -> None:
        self._update_buttons()


def _group(title: str, table: RecordTable, *buttons: QPushButton) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    if buttons:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout.addLayout(row)
    return box
