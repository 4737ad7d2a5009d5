"""The Testimonials tab: statements by member representatives and their approval.

Marketing exports use approved testimonials only; approving, withdrawing, adding and
removing are undoable steps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from ....services.register.organization_records import OrganizationDetails, TestimonialRecord
from .form_dialog import FormDialog, attempt
from .form_widgets import date_edit
from .record_table import Column, date_text
from .register_tab import RecordListTab, named_button
from .testimonial_commands import (
    AddTestimonialCommand,
    RemoveTestimonialCommand,
    TestimonialApprovalCommand,
)

TESTIMONIAL_COLUMNS: tuple[Column[TestimonialRecord], ...] = (
    Column("Person", lambda t: t.person),
    Column("Given on", lambda t: date_text(t.given_on), lambda t: t.given_on),
    Column("Approved", lambda t: "Yes" if t.approved else "No"),
    Column("Where published", lambda t: t.published_where),
    Column("Text", lambda t: " ".join(t.text.split())),  # one line in the table
)


class TestimonialsTab(RecordListTab[TestimonialRecord]):
    """A table of testimonials with Add, Approve / Withdraw approval and Remove."""

    COLUMNS = TESTIMONIAL_COLUMNS
    TABLE_NAME = "testimonialsTable"

    def _build_buttons(self) -> None:
        self.add_button = named_button("Add…", "addTestimonialButton")
        self.approve_button = named_button("Approve…", "approveTestimonialButton")
        self.remove_button = named_button("Remove", "removeTestimonialButton")
        note = QLabel("Marketing material uses approved testimonials only.")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.approve_button.clicked.connect(self._on_approve_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._finish(note, (self.add_button, self.approve_button, self.remove_button))

    def show_details(self, details: OrganizationDetails) -> None:
        """Show the organization's testimonials, keeping the selection on the same person."""
        self._show_rows(
            details.id,
            details.testimonials,
            lambda t, old: (t.person, t.given_on) == (old.person, old.given_on),
        )

    def _update_buttons(self) -> None:
        selected = self.table.selected_record()
        self.approve_button.setEnabled(selected is not None)
        self.remove_button.setEnabled(selected is not None)
        approved = selected is not None and selected.approved
        self.approve_button.setText("Withdraw approval" if approved else "Approve…")

    # -- actions ----------------------------------------------------------------------------

    def _add(self, values: dict[str, Any]) -> None:
        assert self.organization_id is not None
        arguments = (values["person"], values["text"], values["given_on"], values["approved"])
        testimonial_id = self._service.add_testimonial(
            self.organization_id, *arguments, values["published_where"]
        )
        record = TestimonialRecord(
            testimonial_id, values["person"].strip(), values["text"].strip(),
            values["given_on"], values["approved"], values["published_where"].strip(),
        )  # fmt: skip
        self._push(AddTestimonialCommand(self._service, self._events, self.organization_id, record))

    def _set_approval(self, testimonial: TestimonialRecord, approved: bool, where: str) -> None:
        assert self.organization_id is not None
        self._service.set_testimonial_approval(testimonial.id, approved, where)
        self._push(
            TestimonialApprovalCommand(
                self._service, self._events, self.organization_id, testimonial, approved,
                where.strip(),
            )
        )  # fmt: skip

    def _push(self, command: Any) -> None:
        self._undo_stack.push(command)

    # -- slots ------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        dialog = FormDialog("Add testimonial", "Add", self._add, self)
        dialog.setObjectName("testimonialDialog")
        dialog.add_field("person", "Person", QLineEdit())
        dialog.add_field("given_on", "Given on", date_edit(date.today()))
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)
        dialog.add_field("text", "Text", text)
        dialog.add_field("approved", "", QCheckBox("Approved for marketing use"))
        dialog.add_field("published_where", "Where published", QLineEdit())
        dialog.exec()

    def _on_approve_button_clicked(self) -> None:
        testimonial: TestimonialRecord | None = self.table.selected_record()
        if testimonial is None:
            return
        if testimonial.approved:
            attempt(
                self, "Approval not withdrawn",
                lambda: self._set_approval(testimonial, False, testimonial.published_where),
            )  # fmt: skip
            return
        dialog = FormDialog(
            f"Approve the testimonial by {testimonial.person}", "Approve",
            lambda values: self._set_approval(testimonial, True, values["published_where"]),
            self,
        )  # fmt: skip
        dialog.setObjectName("approveDialog")
        dialog.add_note("Approved testimonials may be used in marketing material.")
        where = QLineEdit(testimonial.published_where)
        where.setPlaceholderText("e.g. pytorch.org/members, annual report 2025")
        dialog.add_field("published_where", "Where published", where)
        dialog.exec()

    def _on_remove_button_clicked(self) -> None:
        testimonial: TestimonialRecord | None = self.table.selected_record()
        if testimonial is None or self.organization_id is None:
            return
        organization_id = self.organization_id

        def remove() -> None:
            self._service.remove_testimonial(testimonial.id)
            self._push(
                RemoveTestimonialCommand(self._service, self._events, organization_id, testimonial)
            )

        attempt(self, "Testimonial not removed", remove)
