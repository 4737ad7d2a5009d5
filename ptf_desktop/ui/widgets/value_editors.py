"""Editors for settings that are lists or yearly dates, so nobody types raw text.

Each keeps the stored text form (``academic,nonprofit``, ``90,60,30,0,-15``, ``10-15``)
behind ``value()``/``set_value()``, which the domain validates as before; the person
ticks boxes, picks a month and a day, and adds or removes reminders.
"""

from __future__ import annotations

import calendar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class ValueEditor(QWidget):
    """An editor of one setting whose value is text. ``edited``: the person changed it."""

    edited = Signal()

    def value(self) -> str:
        """The value in its stored text form."""
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        """Show a stored value (without emitting ``edited``)."""
        raise NotImplementedError


class ChoiceListEditor(ValueEditor):
    """A box to tick per choice; the value is the ticked keys, comma-separated, sorted."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, label in choices:
            box = QCheckBox(label)
            box.setObjectName(f"choice_{key}")
            box.clicked.connect(self.edited)
            self.boxes[key] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def value(self) -> str:
        return ",".join(sorted(key for key, box in self.boxes.items() if box.isChecked()))

    def set_value(self, value: str) -> None:
        chosen = {part.strip() for part in str(value).split(",")}
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)


class MonthDayEditor(ValueEditor):
    """A yearly date: a month and a day (29 February is not offered: not every year has it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = QComboBox()
        self.month.setObjectName("month")
        for number in range(1, 13):
            self.month.addItem(calendar.month_name[number], number)
        self.day = QSpinBox()
        self.day.setObjectName("day")
        self.day.setRange(1, 31)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day)
        layout.addWidget(self.month)
        layout.addStretch(1)
        self.month.activated.connect(self._on_month_activated)
        self.day.valueChanged.connect(self.edited)

    def _on_month_activated(self, _index: int) -> None:
        self._limit_days()
        self.edited.emit()

    def _limit_days(self) -> None:
        month = self.month.currentData()
        # A non-leap year: the setting repeats every year.
        self.day.setMaximum(calendar.monthrange(2001, month)[1])

    def value(self) -> str:
        return f"{self.month.currentData():02d}-{self.day.value():02d}"

    def set_value(self, value: str) -> None:
        month, _, day = str(value).partition("-")
        if not (month.isdigit() and day.isdigit() and 1 <= int(month) <= 12):
            return
        self.blockSignals(True)
        self.day.blockSignals(True)
        self.month.setCurrentIndex(int(month) - 1)
        self._limit_days()
        self.day.setValue(int(day))
        self.day.blockSignals(False)
        self.blockSignals(False)


def offset_text(days: int) -> str:
    """How a reminder offset reads: "90 days before", "On the end day", "15 days after"."""
    if days == 0:
        return "On the day the term ends"
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days)} {unit} {'before' if days > 0 else 'after'} the term ends"


class OffsetListEditor(ValueEditor):
    """Reminder days: a list, a number of days (negative: after the end), Add and Remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("offsets")
        self.list.setMaximumHeight(120)
        self.days = QSpinBox()
        self.days.setObjectName("offsetDays")
        self.days.setRange(-366, 366)
        self.days.setSuffix(" days")
        self.days.setToolTip("Days before the term ends; negative for days after it")
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("addOffset")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeOffset")
        row = QHBoxLayout()
        row.addWidget(self.days)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def offsets(self) -> list[int]:
        """The reminder days, largest (earliest reminder) first."""
        return [int(self.list.item(row).data(256)) for row in range(self.list.count())]

    def value(self) -> str:
        return ",".join(str(days) for days in self.offsets())

    def set_value(self, value: str) -> None:
        numbers = []
        for part in str(value).replace(" ", ",").split(","):
            part = part.strip()
            if part.lstrip("+-").isdigit():
                numbers.append(int(part))
        self._fill(numbers)

    def _fill(self, numbers: list[int]) -> None:
        self.list.clear()
        for days in sorted(set(numbers), reverse=True):
            item = QListWidgetItem(offset_text(days))
            item.setData(256, days)  # Qt.UserRole
            self.list.addItem(item)

    def _on_add_button_clicked(self) -> None:
        self._fill([*self.offsets(), self.days.value()])
        self.edited.emit()

    def _on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.edited.emit()
