"""The quote editor: fee-schedule and free lines, currency, valid-until date and notes.

Free lines (event sponsorship, training) show the member discount as their discount.

A new quote is created from the organization's details in one call; a changed bill-to is
sent right after. If that second call is refused the quote exists already, so the editor
stays open on it to show what to correct.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ....domain.billing.lines import parse_decimal
from ....domain.money import Money
from ....services.billing.quote_lines import free_line
from ....services.billing.quote_service import QuoteService, QuoteSpec
from ....services.billing.records import BillTo, QuoteDetails
from ....services.errors import UserError
from .display import day_of
from .draft_editor import DraftEditor
from .fee_lines_dialog import FeeLinesDialog
from .lines_model import LinesModel

VALIDITY_DAYS = 30


class QuoteEditor(DraftEditor):
    """Edit a draft quote, or write a new one for an organization.

    Signals:
        saved(object): the quote's UUID, after a successful save.
    """

    def __init__(
        self,
        quotes: QuoteService,
        fees: Any,
        today: date,
        *,
        details: QuoteDetails | None = None,
        organization_id: uuid.UUID | None = None,
        bill_to: BillTo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("quoteEditor", "quote", parent)
        self._quotes = quotes
        self._fees = fees
        self._today = today
        self._prefilled = bill_to
        self.organization_id = details.summary.organization_id if details else organization_id
        self.quote_id: uuid.UUID | None = details.summary.id if details else None
        self.valid_until = QDateEdit()
        self.valid_until.setObjectName("field_valid_until")
        self.valid_until.setCalendarPopup(True)
        self.member_discount = QLineEdit("0")
        self.member_discount.setObjectName("field_member_discount")
        self.member_discount.setMaximumWidth(80)
        self.member_discount.setToolTip("Percent off free lines (events, training) for members")
        self.valid_until_error = QLabel()
        self.valid_until_error.setProperty("role", "fieldError")
        self.valid_until_error.hide()
        self.form.extra_rows.addRow("Valid until:", self.valid_until)
        self.form.extra_rows.addRow("", self.valid_until_error)
        self.form.extra_rows.addRow("Member discount %:", self.member_discount)
        self.fee_button = QPushButton("Membership from fee schedule…")
        self.discount_button = QPushButton("Apply member discount")
        self.discount_button.setToolTip("Take the member discount off the selected free line")
        self.form.line_buttons.insertWidget(2, self.fee_button)
        self.form.line_buttons.insertWidget(3, self.discount_button)
        if fees is None:
            self.fee_button.setEnabled(False)
            self.fee_button.setToolTip("The fee schedule is not available in this version")
        self._lay_out(900, 760)
        self.fee_button.clicked.connect(self._on_fee_button_clicked)
        self.discount_button.clicked.connect(self._on_discount_button_clicked)
        if details is not None:
            self.setWindowTitle(f"Draft quote \u2013 {details.bill_to.name}")
            self._fill(details.bill_to, details.summary.currency, None, details.notes)
            self.form.set_lines(details.lines)
            self._set_valid_until(details.summary.valid_until)
            self.member_discount.setText(f"{details.member_discount_percent.normalize():f}")
        else:
            assert bill_to is not None
            self.setWindowTitle(f"New quote \u2013 {bill_to.name}")
            self._fill(bill_to, "USD", None, "")
            self._set_valid_until(today + timedelta(days=VALIDITY_DAYS))
        self._mark_stored()

    def _set_valid_until(self, day: date) -> None:
        self.valid_until.setDate(QDate(day.year, day.month, day.day))

    # -- lines -------------------------------------------------------------------------------------

    def _on_fee_button_clicked(self) -> None:
        assert self.organization_id is not None
        dialog = FeeLinesDialog(self._fees, self.organization_id, self._today, self)
        if dialog.exec():
            for spec in dialog.lines:
                self.form.lines.add_line(LinesModel.edited(spec))

    def _on_discount_button_clicked(self) -> None:
        index = self.form.lines_table.currentIndex()
        if not index.isValid():
            self._show_problem("Select the free line the member discount is for.")
            return
        line = self.form.lines.lines()[index.row()]
        currency = self.form.currency() or "USD"
        try:
            percent = parse_decimal(self.member_discount.text() or "0", "The member discount")
            spec = free_line(
                line.description,
                parse_decimal(line.quantity or "0", "The quantity"),
                Money(parse_decimal(line.unit_price or "0", "The unit price"), currency),
                percent,
            )
        except (ValueError, UserError) as error:
            self._show_problem(str(error))
            return
        edited = LinesModel.edited(spec)
        edited.tax_rate = line.tax_rate
        self.form.lines.replace_line(index.row(), edited)
        self.problem.hide()

    # -- saving ------------------------------------------------------------------------------------

    def _own_state(self) -> object:
        return (self.valid_until.date(), self.member_discount.text())

    def _saved_id(self) -> object:
        return self.quote_id

    def _show_own_errors(self, errors: Mapping[str, str]) -> None:
        message = errors.get("valid_until", "")
        self.valid_until_error.setText(message)
        self.valid_until_error.setVisible(bool(message))

    def _save(self) -> None:
        lines = self.form.lines.specs()
        values = self.form.values()
        valid_until = day_of(self.valid_until.date())
        if self.quote_id is not None:
            changes = {**values, "lines": lines, "valid_until": valid_until}
            if not changes["exchange_rate_to_usd"]:
                del changes["exchange_rate_to_usd"]  # keep the stored rate (not shown on quotes)
            self._quotes.update_draft(self.quote_id, changes)
            return
        assert self.organization_id is not None and self._prefilled is not None
        rate = values["exchange_rate_to_usd"]
        try:
            percent = parse_decimal(self.member_discount.text() or "0", "The member discount")
            rate_value = parse_decimal(rate, "The exchange rate") if rate else None
        except ValueError as error:
            raise UserError(str(error)) from None
        spec = QuoteSpec(
            organization_id=self.organization_id,
            currency=values["currency"],
            valid_until=valid_until,
            lines=lines,
            member_discount_percent=percent if percent else Decimal(0),
            exchange_rate_to_usd=rate_value,
            buyer_reference=values["buyer_reference"],
            notes=values["notes"],
        )
        self.quote_id = self._quotes.create_draft(spec)
        changed = {
            name: value
            for name, value in values.items()
            if (name.startswith("bill_to") or name == "buyer_vat_id")
            and value != _prefilled_value(self._prefilled, name)
        }
        if changed:
            self._quotes.update_draft(self.quote_id, changed)


def _prefilled_value(bill_to: BillTo, name: str) -> str:
    """The organization's value of a bill-to field, as prefilled."""
    field = "vat_id" if name == "buyer_vat_id" else name.removeprefix("bill_to_")
    return str(getattr(bill_to, field))
