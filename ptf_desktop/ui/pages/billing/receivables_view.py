"""Receivables aging: open balances by organization in the buckets current to over 90 days.

Members' credit balances (money owed back to them) are shown in their own column.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from ....domain.billing.aging import AgingBucket, AgingRow
from ....domain.money import Money
from ....services.billing.receivables import ReceivablesService
from ...widgets.table_model import RIGHT, SORT_ROLE, Column, ColumnTableModel, proxy_over
from ...widgets.tables import list_table
from .display import format_day, format_plain_amount

_BUCKETS = tuple(AgingBucket)


def _amount_column(header: str, money_of: Callable[[AgingRow], Money | None]) -> Column[AgingRow]:
    """A column of amounts: blank when zero, sorted by minor units."""

    def text(row: AgingRow) -> str:
        money = money_of(row)
        return format_plain_amount(money) if money and money.amount != Decimal(0) else ""

    def raw(row: AgingRow) -> int:
        money = money_of(row)
        return money.minor_units if money else 0

    return Column(header, text, raw, RIGHT)


def _bucket(bucket: AgingBucket) -> Callable[[AgingRow], Money | None]:
    return lambda row: row.buckets.get(bucket)


class AgingModel(ColumnTableModel[AgingRow]):
    """One row per organization and currency; amounts per bucket and their total."""

    ORGANIZATION, CURRENCY, TOTAL, CREDIT = 0, 1, 7, 8
    SORT_ROLE = SORT_ROLE
    COLUMNS = (
        Column("Organization", lambda r: r.organization),
        Column("Currency", lambda r: r.currency),
        *(
            _amount_column(header, _bucket(bucket))
            for header, bucket in zip(
                ("Current", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"),
                _BUCKETS,
                strict=True,
            )
        ),
        _amount_column("Total", lambda r: r.total),
        _amount_column("Credit", lambda r: r.credit),
    )


class ReceivablesView(QWidget):
    """The aging table, read again each time it is shown."""

    def __init__(self, receivables: ReceivablesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._receivables = receivables
        self.model = AgingModel(parent=self)
        proxy = proxy_over(self.model, self)
        self.table = list_table(
            "agingTable", proxy, sort_column=AgingModel.ORGANIZATION, resize=None, alternate=True
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AgingModel.ORGANIZATION, QHeaderView.ResizeMode.Stretch)
        self.caption = QLabel()
        self.caption.setObjectName("agingCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)

    def refresh(self, as_of: date) -> None:
        """Read the open balances as of a day."""
        rows = self._receivables.aging(as_of)
        self.model.set_rows(rows)
        owed = any(row.total.amount for row in rows)
        credit = any(row.credit for row in rows)
        text = (
            f"Open balances of issued invoices as of {format_day(as_of)}, by days past due."
            if owed else "Nothing is owed: every issued invoice is paid or credited."
        )  # fmt: skip
        if credit:
            text += " Members with a credit balance are owed money back (Credit column)."
        self.caption.setText(text)
