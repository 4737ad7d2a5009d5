"""The form shared by the invoice and quote editors: bill-to, reference, currency, lines, notes.

Messages from the services (``ValidationError.field_errors``) are shown under the field
they name, or on the line cell they name, so a person sees what to fix where.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....services.billing.records import BillTo, LineRecord
from ...widgets.form_field import FormField
from ...widgets.problem_label import problem_label
from .lines_model import EditedLine, LinesModel

# (service field name, label) of the bill-to block, in the order they are shown.
BILL_TO = (
    ("bill_to_name", "Name"),
    ("bill_to_address_line1", "Address"),
    ("bill_to_address_line2", "Address (2)"),
    ("bill_to_city", "City"),
    ("bill_to_region", "Region"),
    ("bill_to_postal_code", "Postal code"),
    ("bill_to_country", "Country (ISO code)"),
    ("bill_to_contact", "Attn: (contact)"),
    ("bill_to_email", "Billing e-mail"),
    ("buyer_vat_id", "VAT ID"),
)


class DraftForm(QWidget):
    """Bill-to fields, buyer reference, currency and rate, lines and notes of a draft."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, FormField] = {
            name: FormField(name, label, QLineEdit(), self) for name, label in BILL_TO
        }
        self.fields["buyer_reference"] = FormField(
            "buyer_reference", "PO number / buyer reference", QLineEdit(), self
        )
        currency = QLineEdit()
        currency.setMaxLength(3)
        currency.setMaximumWidth(80)
        self.fields["currency"] = FormField("currency", "Currency", currency, self)
        self.fields["exchange_rate_to_usd"] = FormField(
            "exchange_rate_to_usd", "USD per unit", QLineEdit(), self
        )
        self.lines = LinesModel(parent=self)
        self.lines_table = QTableView()
        self.lines_table.setObjectName("linesTable")
        self.lines_table.setModel(self.lines)
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_table.verticalHeader().hide()
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(LinesModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(LinesModel.HEADERS)):
            header.resizeSection(column, 95)
        self.lines_error = problem_label("error_lines")
        self.add_line_button = QPushButton("Add line")
        self.remove_line_button = QPushButton("Remove line")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setMaximumHeight(70)
        self.notes_error = QLabel()
        self.notes_error.setProperty("role", "fieldError")
        self.notes_error.hide()
        self._lay_out()
        self.add_line_button.clicked.connect(self._on_add_line_button_clicked)
        self.remove_line_button.clicked.connect(self._on_remove_line_button_clicked)
        currency.textEdited.connect(self._on_currency_text_edited)

    def _lay_out(self) -> None:
        bill_to = QGroupBox("Bill to")
        grid = QGridLayout(bill_to)
        for number, (name, _label) in enumerate(BILL_TO):
            label, editor, error = self.fields[name].widgets()
            row, column = (number // 2) * 2, (number % 2) * 2
            grid.addWidget(label, row, column)
            grid.addWidget(editor, row, column + 1)
            grid.addWidget(error, row + 1, column + 1)
        terms = QFormLayout()
        for name in ("buyer_reference", "currency", "exchange_rate_to_usd"):
            label, editor, error = self.fields[name].widgets()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            terms.addRow(label, box)
        self.extra_rows = terms  # the quote editor adds valid-until and the member discount
        line_buttons = self.line_buttons = QHBoxLayout()  # the quote editor adds its own
        line_buttons.addWidget(QLabel("Lines"))
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bill_to)
        layout.addLayout(terms)
        layout.addLayout(line_buttons)
        layout.addWidget(self.lines_table, 1)
        layout.addWidget(self.lines_error)
        layout.addWidget(QLabel("Notes (printed on the document):"))
        layout.addWidget(self.notes)
        layout.addWidget(self.notes_error)

    # -- filling and reading -------------------------------------------------------------------

    def set_bill_to(self, bill_to: BillTo) -> None:
        """Show bill-to details and the buyer reference."""
        values = {
            "bill_to_name": bill_to.name,
            "bill_to_address_line1": bill_to.address_line1,
            "bill_to_address_line2": bill_to.address_line2,
            "bill_to_city": bill_to.city,
            "bill_to_region": bill_to.region,
            "bill_to_postal_code": bill_to.postal_code,
            "bill_to_country": bill_to.country,
            "bill_to_contact": bill_to.contact,
            "bill_to_email": bill_to.email,
            "buyer_vat_id": bill_to.vat_id,
            "buyer_reference": bill_to.reference,
        }
        for name, value in values.items():
            self.fields[name].set_value(value)

    def set_terms(self, currency: str, rate: object, notes: str) -> None:
        """Show the currency, its exchange rate (None for none) and the notes."""
        self.fields["currency"].set_value(currency)
        self.fields["exchange_rate_to_usd"].set_value("" if rate is None else str(rate))
        self.notes.setPlainText(notes)
        self._on_currency_text_edited(currency)

    def set_lines(self, records: tuple[LineRecord, ...]) -> None:
        """Show stored lines."""
        self.lines.set_records(records)

    def currency(self) -> str:
        """The currency typed, upper case."""
        return str(self.fields["currency"].value()).strip().upper()

    def values(self) -> dict[str, Any]:
        """Every field as the services' ``update_draft`` takes it, except the lines."""
        values: dict[str, Any] = {name: self.fields[name].value() for name, _ in BILL_TO}
        values["buyer_reference"] = self.fields["buyer_reference"].value()
        values["currency"] = self.currency()
        values["exchange_rate_to_usd"] = self.fields["exchange_rate_to_usd"].value().strip()
        values["notes"] = self.notes.toPlainText()
        return values

    def show_errors(self, field_errors: dict[str, str]) -> None:
        """Show each message where it belongs; clear the others."""
        for name, form_field in self.fields.items():
            form_field.set_error(field_errors.get(name))
        self.notes_error.setText(field_errors.get("notes", ""))
        self.notes_error.setVisible("notes" in field_errors)
        self.lines.show_errors(field_errors)
        line_messages = [
            _line_message(key, message)
            for key, message in field_errors.items()
            if key == "lines" or key.startswith("lines[")
        ]
        self.lines_error.setText("\n".join(line_messages))
        self.lines_error.setVisible(bool(line_messages))

    def first_error(self) -> str | None:
        """The first message shown, if any (for the dialog's summary)."""
        for form_field in self.fields.values():
            if form_field.error():
                return form_field.error()
        return self.lines_error.text() or None

    # -- slots ----------------------------------------------------------------------------------

    def _on_add_line_button_clicked(self) -> None:
        self.lines.currency = self.currency() or "USD"
        row = self.lines.add_line(EditedLine())
        self.lines_table.setCurrentIndex(self.lines.index(row, LinesModel.DESCRIPTION))
        self.lines_table.edit(self.lines.index(row, LinesModel.DESCRIPTION))

    def _on_remove_line_button_clicked(self) -> None:
        index = self.lines_table.currentIndex()
        if index.isValid():
            self.lines.remove_line(index.row())

    def _on_currency_text_edited(self, text: str) -> None:
        is_usd = text.strip().upper() in ("", "USD")
        rate = self.fields["exchange_rate_to_usd"]
        rate.editor.setEnabled(not is_usd)
        rate.label.setEnabled(not is_usd)
        if is_usd:
            rate.set_value("")
        self.lines.currency = text.strip().upper() or "USD"


def _line_message(key: str, message: str) -> str:
    """The message of a line error, naming the line: "Line 2: ..." for ``lines[1]``."""
    if key == "lines":
        return message
    row_text = key[len("lines[") :].partition("]")[0]
    return f"Line {int(row_text) + 1}: {message}" if row_text.isdigit() else message
