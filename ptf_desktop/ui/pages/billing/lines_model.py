"""The editable lines of a draft invoice or quote: text as typed, errors per cell, net shown.

The model keeps what the person typed (so a half-typed "1,2" is not lost) and turns it
into DraftLineSpec records only when saving; cells the service refused are shown in red
with the service's message as their tooltip.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QBrush, QColor

from ....domain.billing.lines import LineInput, line_amounts, parse_decimal, validate_line
from ....domain.errors import ValidationError
from ....domain.money import Money
from ....services.billing.drafts import DraftLineSpec
from ....services.billing.records import LineRecord
from ...style import ERROR
from ...widgets.table_model import RIGHT, Column, ColumnTableModel
from .display import format_plain_amount


def _marked(name: str) -> dict[str, Any]:
    """A cell the service refused: red, with the reason as its tooltip."""
    return {
        "tooltip": lambda line: line.errors.get(name),
        "background": lambda line: (
            QBrush(QColor(ERROR).lighter(190)) if name in line.errors else None
        ),
    }


@dataclass
class EditedLine:
    """One line as typed, with the fee schedule entry and term it came from (kept as is)."""

    description: str = ""
    quantity: str = "1"
    unit_price: str = ""
    discount: str = "0"
    tax_rate: str = "0"
    fee_entry_id: uuid.UUID | None = None
    term_id: uuid.UUID | None = None
    errors: dict[str, str] = field(default_factory=dict)


class LinesModel(ColumnTableModel[EditedLine]):
    """The lines being edited; every column but the net is editable."""

    DESCRIPTION, QUANTITY, UNIT_PRICE, DISCOUNT, TAX_RATE, NET = range(6)
    HEADERS = ("Description", "Quantity", "Unit price", "Discount", "Tax %", "Net")
    FIELDS = ("description", "quantity", "unit_price", "discount", "tax_rate")
    LABELS = ("The description", "The quantity", "The unit price", "The discount", "The tax rate")

    def __init__(self, currency: str = "USD", parent: QObject | None = None) -> None:
        super().__init__(self._columns(), parent)
        self.currency = currency

    def _columns(self) -> tuple[Column[EditedLine], ...]:
        editable = tuple(
            self._editable_column(header, name, align=None if name == "description" else RIGHT)
            for header, name in zip(self.HEADERS, self.FIELDS, strict=False)
        )
        return (*editable, Column("Net", self._net, align=RIGHT, **_marked("net")))

    def _editable_column(self, header: str, name: str, align: Any) -> Column[EditedLine]:
        """A column of what was typed, edited in place."""

        def edit(row: int, value: Any) -> bool:
            line = self._rows[row]
            setattr(line, name, str(value))
            line.errors.pop(name, None)
            return True

        return Column(
            header,
            lambda line: str(getattr(line, name)),
            align=align,
            edit=edit,
            **_marked(name),
        )

    # -- loading and reading ---------------------------------------------------------------

    @staticmethod
    def edited(spec: DraftLineSpec) -> EditedLine:
        """A line as the person would have typed it, from a spec."""
        return EditedLine(
            description=spec.description,
            quantity=f"{spec.quantity.normalize():f}",
            unit_price=f"{spec.unit_price.amount:f}",
            discount=f"{spec.discount.amount:f}" if spec.discount else "0",
            tax_rate=f"{spec.tax_rate.normalize():f}" if spec.tax_rate is not None else "0",
            fee_entry_id=spec.fee_entry_id,
            term_id=spec.term_id,
        )

    def set_records(self, records: tuple[LineRecord, ...]) -> None:
        """Show the stored lines of a document."""
        self.beginResetModel()
        self._rows = [
            EditedLine(
                description=r.description,
                quantity=f"{r.quantity.normalize():f}",
                unit_price=f"{r.unit_price.amount:f}",
                discount=f"{r.discount.amount:f}",
                tax_rate=f"{r.tax_rate.normalize():f}",
                fee_entry_id=r.fee_entry_id,
                term_id=r.term_id,
            )
            for r in records
        ]
        self.endResetModel()

    def lines(self) -> list[EditedLine]:
        """The lines as typed."""
        return list(self._rows)

    def add_line(self, line: EditedLine | None = None) -> int:
        """Append a line (an empty one by default); returns its row."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(line or EditedLine())
        self.endInsertRows()
        return row

    def replace_line(self, row: int, line: EditedLine) -> None:
        """Put another line in a row."""
        self._rows[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.NET))

    def remove_line(self, row: int) -> None:
        """Remove a line."""
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def specs(self) -> tuple[DraftLineSpec, ...]:
        """The lines as the services take them.

        Raises:
            ValidationError: a number cannot be read (keys ``lines[i].field``).
        """
        errors: dict[str, str] = {}
        specs = []
        for row, line in enumerate(self._rows):
            values: dict[str, Decimal] = {}
            for name, label in zip(self.FIELDS[1:], self.LABELS[1:], strict=True):
                raw = getattr(line, name).strip() or "0"
                try:
                    values[name] = parse_decimal(raw, label)
                except ValueError as error:
                    errors[f"lines[{row}].{name}"] = str(error)
            if any(key.startswith(f"lines[{row}].") for key in errors):
                continue
            spec = DraftLineSpec(
                description=line.description.strip(),
                quantity=values["quantity"],
                unit_price=Money(values["unit_price"], self.currency),
                fee_entry_id=line.fee_entry_id,
                term_id=line.term_id,
                discount=Money(values["discount"], self.currency),
                tax_rate=values["tax_rate"],
            )
            # The domain's own rule, so every line's problems show at once, before saving.
            try:
                validate_line(_line_input(spec), self.currency)
            except ValidationError as error:
                errors.update({f"lines[{row}].{k}": m for k, m in error.field_errors.items()})
            specs.append(spec)
        if not self._rows:
            errors["lines"] = "A document needs at least one line."
        if errors:
            raise ValidationError(errors)
        return tuple(specs)

    def show_errors(self, field_errors: dict[str, str]) -> None:
        """Mark the cells named ``lines[i].field`` in the errors (and clear the others)."""
        for line in self._rows:
            line.errors = {}
        for key, message in field_errors.items():
            if not key.startswith("lines["):
                continue
            row_text, _, name = key[len("lines[") :].partition("].")
            if row_text.isdigit() and int(row_text) < len(self._rows):
                self._rows[int(row_text)].errors[name] = message
        if self._rows:
            last = self.index(len(self._rows) - 1, self.NET)
            self.dataChanged.emit(self.index(0, 0), last)

    def _net(self, line: EditedLine) -> str:
        """The line's net amount when its numbers can be read, else nothing."""
        try:
            amounts = line_amounts(
                LineInput(
                    description=line.description,
                    quantity=parse_decimal(line.quantity or "0", "quantity"),
                    unit_price=Money(parse_decimal(line.unit_price or "0", "price"), self.currency),
                    discount=Money(parse_decimal(line.discount or "0", "discount"), self.currency),
                )
            )
        except (ValueError, ArithmeticError):
            return ""
        return format_plain_amount(amounts.net)


def _line_input(spec: DraftLineSpec) -> LineInput:
    """The domain line of a spec (the discount and tax rate are always set here)."""
    assert spec.discount is not None and spec.tax_rate is not None
    return LineInput(spec.description, spec.quantity, spec.unit_price, spec.discount, spec.tax_rate)
