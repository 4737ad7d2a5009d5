"""The message of e-mail drafts to several organizations: subject, text, whom to write to.

Each draft greets its contact by name ("Dear …,") above the text written here, so the
text is written once for every organization.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ....services.register.email_drafts import BILLING_FIRST, PRIMARY_FIRST, DraftText
from ...widgets.dialog_buttons import Standard, dialog_buttons
from ...widgets.problem_label import problem_label
from .display import format_count


class EmailDraftsDialog(QDialog):
    """Ask for the subject and text of the drafts and the contact role to write to."""

    def __init__(self, count: int, signature: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailDraftsDialog")
        noun = "organization" if count == 1 else "organizations"
        self.setWindowTitle(f"E-mail drafts to {format_count(count)} {noun}")
        self.subject = QLineEdit()
        self.subject.setObjectName("draftSubject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("draftBody")
        self.body.setPlainText(f"\n\nKind regards,\n{signature}\n" if signature else "")
        self.roles = QComboBox()
        self.roles.setObjectName("draftRoles")
        self.roles.addItem("Primary contact (else billing contact)", PRIMARY_FIRST)
        self.roles.addItem("Billing contact (else primary contact)", BILLING_FIRST)
        self.problem = problem_label("draftProblem")
        note = QLabel(
            "One .eml file per organization, greeting its contact by name above this text; "
            "open them with your mail program to send."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("To:", self.roles)
        form.addRow("Subject:", self.subject)
        form.addRow("Message:", self.body)
        self.buttons = dialog_buttons(self, Standard.Ok, self._on_buttons_accepted)
        self.buttons.button(Standard.Ok).setText("Choose folder…")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self.subject.setFocus()
        self.subject.textEdited.connect(self._on_subject_text_edited)

    def text(self) -> DraftText:
        """The subject and message written."""
        return DraftText(self.subject.text().strip(), self.body.toPlainText())

    def chosen_roles(self) -> tuple[str, ...]:
        """The contact roles to write to, the first preferred."""
        roles: tuple[str, ...] = self.roles.currentData()
        return roles

    def _on_subject_text_edited(self, _text: str) -> None:
        self.problem.hide()  # the refusal said what to do; it is being done

    def _on_buttons_accepted(self) -> None:
        if not self.subject.text().strip():
            self.problem.setText("Write a subject: mail programs list drafts by it.")
            self.problem.show()
            self.subject.setFocus()
            return
        self.accept()
