"""The Settings page: the foundation's business settings, validated field by field.

Save stores the changed fields in one transaction (an undoable step); Revert shows the
stored values again. A refused value is explained next to its field and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.foundation_settings import (
    FIELD_LABELS,
    MAX_BACKUPS_KEPT,
    MIN_BACKUPS_KEPT,
    TERM_HELD_CHOICES,
    FoundationSettings,
    validate_settings,
)
from ...domain.iso_choices import country_choices, currency_choices
from ...domain.organizations import LABELS, OrgType
from ...services.audit_service import AuditService
from ...services.errors import DatabaseProblem
from ...services.renewals.fee_service import FeeService
from ...services.settings_service import SettingsService
from ..changes import Changes, announce
from ..feedback import say
from ..settings_store import SaveSettingsCommand, SettingsStore, settings_as_dict
from ..widgets.choices import choice_combo
from ..widgets.form_field import FormField, show_stored, show_unsaved
from ..widgets.lazy_tabs import LazyTabs
from ..widgets.value_editors import (
    ChoiceListEditor,
    MonthDayEditor,
    OffsetListEditor,
    ValueEditor,
)
from .area_page import AreaPage
from .history_view import HistoryView

if TYPE_CHECKING:
    from ...services.billing.document_settings_service import DocumentSettingsService
    from ...services.certificates.certificate_settings import CertificateSettingsService

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Foundation", ("legal_name", "tax_id", "billing_email")),
    ("Address", ("address_line1", "address_line2", "city", "region", "postal_code", "country")),
    ("Bank details", ("bank_name", "bank_account", "aba_routing", "iban", "swift_bic")),
    (
        "Invoicing",
        (
            "default_currency",
            "payment_terms_days",
            "invoice_prefix",
            "credit_note_prefix",
            "quote_prefix",
            "books_closed_through",
        ),
    ),
    ("Signatory", ("signatory_name", "signatory_title")),
    ("Membership", ("associate_eligible_types", "term_held_when")),
    (
        "Terms and renewals",
        (
            "premier_commitment_years",
            "fee_increase_notice_date",
            "non_renewal_notice_deadline",
            "grace_days",
            "reminder_offsets",
        ),
    ),
    ("Backups", ("backups_to_keep",)),
)
# Whole-number settings: (minimum, maximum, suffix) of their spin boxes.
SPIN_BOXES = {
    "payment_terms_days": (0, 365, " days"),
    "premier_commitment_years": (1, 10, " years"),
    "grace_days": (0, 365, " days"),
    "backups_to_keep": (MIN_BACKUPS_KEPT, MAX_BACKUPS_KEPT, " backups"),
}

# Lists and yearly dates are edited as such, never as raw text.
LIST_AND_DATE_EDITORS: dict[str, Callable[[], ValueEditor]] = {
    "associate_eligible_types": lambda: ChoiceListEditor(
        [(kind.value, LABELS[kind.value]) for kind in OrgType]
    ),
    "fee_increase_notice_date": MonthDayEditor,
    "non_renewal_notice_deadline": MonthDayEditor,
    "reminder_offsets": OffsetListEditor,
}

PLACEHOLDERS = {
    "tax_id": "e.g. 46-0825839 (US EIN) or a VAT number",
    "billing_email": "billing@example.org",
    "aba_routing": "9 digits, for US payers",
    "iban": "e.g. GB82 WEST 1234 5698 7654 32",
    "swift_bic": "8 or 11 characters",
    "invoice_prefix": "e.g. INV, or INV-L07 for this laptop",
    "books_closed_through": "e.g. 2025-12-31; empty while no period is closed",
}


class SettingsPage(AreaPage):
    """Form over the settings store, with a History tab from the audit trail."""

    KEY = "settings"

    def __init__(
        self,
        service: SettingsService,
        audit: AuditService,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        signing: CertificateSettingsService | None = None,
        fees: FeeService | None = None,
        documents: DocumentSettingsService | None = None,
    ) -> None:
        super().__init__(parent)
        self._signing_service = signing
        self.store = SettingsStore(service, self)
        self.undo_stack = undo_stack
        self._fees = fees
        self._documents = documents
        self.fields = {name: self._make_field(name) for name in FIELD_LABELS}
        self.history = HistoryView(audit, "settings", FIELD_LABELS)
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("Revert")
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self._lay_out()
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self.store.changed.connect(self._on_store_changed)
        self._show(self.store.current)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._on_save_shortcut_activated)

    # -- unsaved edits (see ui/unsaved.py) ------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """Whether a field shows a value that is not stored."""
        return bool(self.pending_changes())

    def save_changes(self) -> bool:
        """Save the shown values; whether nothing is left unsaved."""
        self._on_save_button_clicked()
        return not self.pending_changes()

    def discard_changes(self) -> None:
        """Show the stored values again."""
        self._show(self.store.current)

    # -- layout -----------------------------------------------------------------------------

    def _make_field(self, name: str) -> FormField:
        editor: QLineEdit | QSpinBox | QComboBox | ValueEditor
        if name == "country":
            editor = choice_combo(country_choices())
        elif name == "default_currency":
            editor = choice_combo(currency_choices())
        elif name == "term_held_when":
            editor = choice_combo([(label, key) for key, label in TERM_HELD_CHOICES.items()])
            editor.setToolTip(
                "When a Premier or General term counts as held (and is certified). "
                "Associate terms are held once admitted; a term no invoice bills, as recorded."
            )
        elif name in LIST_AND_DATE_EDITORS:
            editor = LIST_AND_DATE_EDITORS[name]()
        elif name in SPIN_BOXES:
            minimum, maximum, suffix = SPIN_BOXES[name]
            editor = QSpinBox()
            editor.setRange(minimum, maximum)
            editor.setSuffix(suffix)
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        label = FIELD_LABELS[name].removesuffix(" (MM-DD)")  # the editor shows month and day
        field = FormField(name, label, editor, self)
        field.edited.connect(self._on_field_edited)
        field.left.connect(lambda: self._check_field(field))
        return field

    def _lay_out(self) -> None:
        form = QWidget()
        grid = QGridLayout(form)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(1, 360)
        row = 0
        for section, names in SECTIONS:
            heading = QLabel(section)
            heading.setObjectName("sectionTitle")
            grid.addWidget(heading, row, 0, 1, 2)
            row += 1
            for name in names:
                label, editor, error = self.fields[name].widgets()
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(editor, row, 1)
                grid.addWidget(error, row + 1, 1)
                row += 2
        grid.setRowStretch(row, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        settings_tab = QWidget()
        tab_layout = QVBoxLayout(settings_tab)
        tab_layout.addWidget(scroll)
        tab_layout.addLayout(buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(settings_tab, "Foundation settings")
        # The other tabs are built when first shown (or asked for): the page opens sooner.
        self._lazy_tabs = LazyTabs(self.tabs)
        if self._fees is not None:
            self._lazy_tabs.add("fee_schedules", "Fee schedules", self._build_fee_schedules)
        if self._documents is not None:
            self._lazy_tabs.add("tax", "Invoices and tax", self._build_tax)
        if self._signing_service is not None:
            self._lazy_tabs.add("signing", "Certificates and signing", self._build_signing)
        self.tabs.addTab(self.history, "History")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = self._page_layout("Settings")
        layout.addWidget(self.tabs)

    def _build_fee_schedules(self) -> QWidget:
        from .fee_schedules_tab import FeeSchedulesTab

        assert self._fees is not None
        return FeeSchedulesTab(self._fees)

    def _build_tax(self) -> QWidget:
        from .tax_settings_tab import TaxSettingsTab

        assert self._documents is not None
        return TaxSettingsTab(self._documents, self.store, self.undo_stack)

    def _build_signing(self) -> QWidget:
        from .certificates.signing_settings import SigningSettingsWidget

        assert self._signing_service is not None
        return SigningSettingsWidget(self._signing_service)

    @property
    def fee_schedules(self) -> Any:
        """The Fee schedules tab (built now if it was not yet)."""
        return self._lazy_tabs.widget("fee_schedules")

    @property
    def tax(self) -> Any:
        """The Invoices and tax tab (built now if it was not yet)."""
        return self._lazy_tabs.widget("tax")

    @property
    def signing(self) -> Any:
        """The Certificates and signing tab (built now if it was not yet)."""
        return self._lazy_tabs.widget("signing")

    # -- state ------------------------------------------------------------------------------

    def _show(self, settings: FoundationSettings) -> None:
        show_stored(self.fields, settings_as_dict(settings))
        self._update_buttons()

    def pending_changes(self) -> dict[str, Any]:
        """The fields whose shown value differs from the stored one, with the shown value."""
        stored = settings_as_dict(self.store.current)
        return {
            name: field.value()
            for name, field in self.fields.items()
            if str(field.value()).strip() != str(stored[name])
        }

    def _update_buttons(self) -> None:
        dirty = bool(self.pending_changes())
        show_unsaved(dirty, self.save_button, self.revert_button, self.status)

    def _check_field(self, field: FormField) -> None:
        """Validate one field when the user leaves it, so mistakes show before saving."""
        try:
            validate_settings(self.store.current, {field.name: field.value()})
        except ValidationError as error:
            field.set_error(error.field_errors.get(field.name))
        else:
            field.set_error(None)

    # -- slots ------------------------------------------------------------------------------

    def _on_field_edited(self) -> None:
        self._update_buttons()

    def _on_save_button_clicked(self) -> None:
        changes = self.pending_changes()
        before = self.store.current
        try:
            after = self.store.save(changes)
        except ValidationError as error:
            for name, field in self.fields.items():
                field.set_error(error.field_errors.get(name))
            count = len(error.field_errors)
            self.status.setText(f"Not saved: {count} field{'s' if count > 1 else ''} to correct.")
            return
        except DatabaseProblem as problem:
            QMessageBox.critical(self, "Settings not saved", str(problem))
            return
        if after != before:  # retyping a value in another spelling changes nothing
            self.undo_stack.push(SaveSettingsCommand(self.store, before, after))
        self.status.setText("Saved.")
        say("Settings saved")

    def _on_save_shortcut_activated(self) -> None:
        if self.has_unsaved_changes():
            self._on_save_button_clicked()

    def _on_revert_button_clicked(self) -> None:
        self._show(self.store.current)
        self.status.setText("Reverted to the stored settings.")

    def _on_store_changed(self, settings: FoundationSettings) -> None:
        # Saved, undone or redone: the pages that show the settings read them again.
        announce(Changes.SETTINGS, initiator=self)
        self._show(settings)
        self.history.refresh()

    def _on_tabs_current_changed(self, index: int) -> None:
        self._lazy_tabs.build_at(index)
        if self.tabs.widget(index) is self.history:
            self.history.refresh()
