"""The membership actions as small forms: admit, change tier, set status, terms, applications.

Each form's OK button calls the membership service; a rule refusal (Associate for a
commercial organization, Premier without the board's approval) or a bad date is shown
in the form, and nothing changes. These steps are records of what happened, so they are
not on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ....domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ....services.register.membership_service import MembershipService, default_term_end
from ....services.register.organization_records import ApplicationRecord, OrganizationDetails
from .form_dialog import FormDialog
from .form_widgets import OptionalDate, combo, date_edit, enum_choices, qdate

# Combo boxes hand back an enumeration's value as a plain string (Qt keeps no Python
# type for it): the submit functions below turn it back into the member.

# The statuses staff set by hand; prospect and applied follow from the register itself.
SETTABLE_STATUSES = (
    ("Active (reinstate)", MembershipStatus.ACTIVE),
    ("Grace period", MembershipStatus.GRACE),
    ("Lapsed", MembershipStatus.LAPSED),
    ("Cancelled", MembershipStatus.CANCELLED),
)


def admit_dialog(
    parent: QWidget, service: MembershipService, details: OrganizationDetails
) -> FormDialog:
    """Admit to a tier with a first term (ending a year later unless changed)."""

    def submit(values: dict[str, Any]) -> None:
        service.admit(details.id, Tier(values["tier"]), values["start_date"], values["end_date"])

    dialog = FormDialog(f"Admit {details.fields.display_name}", "Admit", submit, parent)
    dialog.setObjectName("admitDialog")
    dialog.add_field("tier", "Tier", combo(enum_choices(Tier), Tier.GENERAL))
    start = dialog.add_field("start_date", "First term starts", date_edit())
    end = dialog.add_field("end_date", "First term ends", date_edit(default_term_end(date.today())))
    start.dateChanged.connect(  # type: ignore[attr-defined]
        lambda day: end.setDate(qdate(default_term_end(day.toPython())))  # type: ignore[attr-defined]
    )
    return dialog


def change_tier_dialog(
    parent: QWidget, service: MembershipService, details: OrganizationDetails
) -> FormDialog:
    """Move a member to another tier from a date, with a note for the history."""

    def submit(values: dict[str, Any]) -> None:
        service.change_tier(details.id, Tier(values["tier"]), values["effective"], values["note"])

    others = [tier for tier in Tier if tier is not details.tier]
    title = f"Change tier of {details.fields.display_name}"
    dialog = FormDialog(title, "Change tier", submit, parent)
    dialog.setObjectName("changeTierDialog")
    dialog.add_note(
        "From this date the membership is at the new tier: the term that includes it is "
        "split there, and later terms move too. To bill the difference for the rest of "
        "the term, use 'Upgrade now' in Renewals instead."
    )
    dialog.add_field("tier", "New tier", combo(enum_choices(others)))
    dialog.add_field("effective", "Effective from", date_edit())
    dialog.add_field("note", "Note", QLineEdit())
    return dialog


def set_status_dialog(
    parent: QWidget, service: MembershipService, details: OrganizationDetails
) -> FormDialog:
    """Lapse, cancel or reinstate a membership."""

    def submit(values: dict[str, Any]) -> None:
        service.set_status(details.id, MembershipStatus(values["status"]))

    dialog = FormDialog(f"Status of {details.fields.display_name}", "Set status", submit, parent)
    dialog.setObjectName("setStatusDialog")
    dialog.add_field("status", "Status", combo(SETTABLE_STATUSES, details.status))
    return dialog


def add_term_dialog(
    parent: QWidget, service: MembershipService, details: OrganizationDetails
) -> FormDialog:
    """Add a term at the current tier; by default the calendar year after the last one."""

    def submit(values: dict[str, Any]) -> None:
        service.add_term(details.id, values["start_date"], values["end_date"])

    last_end = max((term.end_date for term in details.terms), default=None)
    start = last_end + timedelta(days=1) if last_end else date.today()
    dialog = FormDialog(f"Add a term for {details.fields.display_name}", "Add term", submit, parent)
    dialog.setObjectName("addTermDialog")
    dialog.add_note("After the first term, membership renews with the calendar year.")
    dialog.add_field("start_date", "Starts", date_edit(start))
    dialog.add_field("end_date", "Ends", date_edit(date(start.year, 12, 31)))
    return dialog


def application_dialog(
    parent: QWidget, service: MembershipService, details: OrganizationDetails
) -> FormDialog:
    """Record an application (Premier needs one the Governing Board approves)."""

    def submit(values: dict[str, Any]) -> None:
        service.record_application(
            details.id, Tier(values["tier"]), values["applied_on"],
            values["questionnaire_received_on"], values["notes"],
        )  # fmt: skip

    title = f"Application of {details.fields.display_name}"
    dialog = FormDialog(title, "Record application", submit, parent)
    dialog.setObjectName("applicationDialog")
    dialog.add_field("tier", "Tier", combo(enum_choices(Tier), Tier.PREMIER))
    dialog.add_field("applied_on", "Applied on", date_edit())
    dialog.add_field("questionnaire_received_on", "", OptionalDate("Questionnaire received on"))
    dialog.add_field("notes", "Notes", _notes(""))
    return dialog


def decision_dialog(
    parent: QWidget, service: MembershipService, application: ApplicationRecord
) -> FormDialog:
    """Record the board's decision (and the questionnaire, if it came since)."""

    def submit(values: dict[str, Any]) -> None:
        service.update_application(
            application.id,
            questionnaire_received_on=values["questionnaire_received_on"],
            outcome=ApplicationOutcome(values["outcome"]),
            decided_on=values["decided_on"],
            notes=values["notes"],
        )

    decided = [ApplicationOutcome.APPROVED, ApplicationOutcome.REJECTED, ApplicationOutcome.PENDING]
    title = f"Board decision on the {application.tier.value} application"
    dialog = FormDialog(title, "Record decision", submit, parent)
    dialog.setObjectName("decisionDialog")
    dialog.add_note(f"Applied on {application.applied_on.isoformat()}.")
    dialog.add_field("outcome", "Outcome", combo(enum_choices(decided)))
    dialog.add_field("decided_on", "Decided on", date_edit(application.decided_on))
    dialog.add_field(
        "questionnaire_received_on", "",
        OptionalDate("Questionnaire received on", application.questionnaire_received_on),
    )  # fmt: skip
    dialog.add_field("notes", "Notes", _notes(application.notes))
    return dialog


def _notes(text: str) -> QPlainTextEdit:
    editor = QPlainTextEdit(text)
    editor.setTabChangesFocus(True)
    editor.setFixedHeight(64)
    return editor


OrganizationForm = Callable[[QWidget, MembershipService, OrganizationDetails], FormDialog]
# The forms about the organization itself, as its Membership tab offers them:
# (key, button text, the form). The button is named membership_<key>.
ORGANIZATION_FORMS: tuple[tuple[str, str, OrganizationForm], ...] = (
    ("admit", "Admit…", admit_dialog),
    ("change_tier", "Change tier…", change_tier_dialog),
    ("set_status", "Set status…", set_status_dialog),
    ("add_term", "Add term…", add_term_dialog),
    ("application", "Record application…", application_dialog),
)
