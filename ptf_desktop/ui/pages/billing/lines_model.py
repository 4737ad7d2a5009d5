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

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ....domain.billing.lines import LineInput, line_amounts, parse_decimal, validate_line
from ....domain.errors import ValidationError
from ....domain.money import Money
from ....services.billing.drafts import DraftLineSpec
from ....services.billing.records import LineRecord
from ...style import ERROR
from .display import format_plain_amount

_Index = QModelIndex | QPersistentModelIndex


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


class LinesModel(QAbstractTableModel):
    """The lines being edited; every column but the net is editable."""

    DESCRIPTION, QUANTITY, UNIT_PRICE, DISCOUNT, TAX_RATE, NET = range(6)
    HEADERS = ("Description", "Quantity", "Unit price", "Discount", "Tax %", "Net")
    FIELDS = ("description", "quantity", "unit_price", "discount", "tax_rate")
    LABELS = ("The description", "The quantity", "The unit price", "The discount", "The tax rate")

    def __init__(self, currency: str = "USD", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[EditedLine] = []
        self.currency = currency

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
        self._lines = [
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
        return list(self._lines)

    def add_line(self, line: EditedLine | None = None) -> int:
        """Append a line (an empty one by default); returns its row."""
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(line or EditedLine())
        self.endInsertRows()
        return row

    def replace_line(self, row: int, line: EditedLine) -> None:
        """Put another line in a row."""
        self._lines[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.NET))

    def remove_line(self, row: int) -> None:
        """Remove a line."""
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()

    def specs(self) -> tuple[DraftLineSpec, ...]:
        """The lines as the services take them.

        Raises:
            ValidationError: a number cannot be read (keys ``lines[i].field``).
        """
        errors: dict[str, str] = {}
        specs = []
        for row, line in enumerate(self._lines):
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
        if not self._lines:
            errors["lines"] = "A document needs at least one line."
        if errors:
            raise ValidationError(errors)
        return tuple(specs)

    def show_errors(self, field_errors: dict[str, str]) -> None:
        """Mark the cells named ``lines[i].field`` in the errors (and clear the others)."""
        for line in self._lines:
            line.errors = {}
        for key, message in field_errors.items():
            if not key.startswith("lines["):
                continue
            row_text, _, name = key[len("lines[") :].partition("].")
            if row_text.isdigit() and int(row_text) < len(self._lines):
                self._lines[int(row_text)].errors[name] = message
        if self._lines:
            last = self.index(len(self._lines) - 1, self.NET)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() != self.NET:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        name = self.FIELDS[column] if column < self.NET else "net"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._net(line) if column == self.NET else getattr(line, name)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.DESCRIPTION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if name in line.errors:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(ERROR).lighter(190))
            if role == Qt.ItemDataRole.ToolTipRole:
                return line.errors[name]
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() >= self.NET:
            return False
        line = self._lines[index.row()]
        name = self.FIELDS[index.column()]
        setattr(line, name, str(value))
        line.errors.pop(name, None)
        self.dataChanged.emit(index, self.index(index.row(), self.NET))
        return True

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
