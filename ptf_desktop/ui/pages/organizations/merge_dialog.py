"""The merge tool: two records of one organization side by side, merged into one.

The person picks the record that stays (the survivor) and, field by field, which of the
two values it keeps; fields where both records agree need no choice. What each record
holds (contacts, terms, invoices...) is listed under it: all of it moves to the survivor,
and the other record is kept, marked merged. Nothing is written until Merge is pressed.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ....services.register.merging import (
    MERGE_FIELDS,
    MergeComparison,
    MergeResult,
    MergeService,
    MergeSide,
)
from ...widgets.message_boxes import exec_and_release, result_or_warning
from .display import country_name

_FIRST, _SECOND = 0, 1
_ELIDE_AT = 48  # characters of a value shown on a choice; the full text is its tooltip


class MergeDialog(QDialog):
    """Choose the survivor and the values, then merge.

    Signals:
        merged(object): the MergeResult, after the merge was written.

    Attributes:
        result_of_merge: the MergeResult once merged, else None.
    """

    merged = Signal(object)

    def __init__(
        self, service: MergeService, comparison: MergeComparison, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge organizations")
        self._service = service
        self._comparison = comparison
        self._sides = (comparison.first, comparison.second)
        self.result_of_merge: MergeResult | None = None
        self.survivor_group = QButtonGroup(self)
        self.field_groups: dict[str, QButtonGroup] = {}
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._build()
        survivor = _FIRST if comparison.suggested_survivor == comparison.first.id else _SECOND
        self.survivor_group.button(survivor).setChecked(True)
        self._choose_defaults()
        self.survivor_group.idClicked.connect(self._on_survivor_group_id_clicked)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            "These two records look like the same organization. Choose the record to keep "
            "and, where they differ, the value it keeps. Everything the other record holds "
            "moves to it; the other is kept, marked as merged."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, side in enumerate(self._sides, start=1):
            keep = QRadioButton(_button_text(f"Keep “{_short(side.values['display_name'])}”"))
            keep.setObjectName(f"keepRecord{column}")
            keep.setToolTip(side.values["display_name"])
            keep.setStyleSheet("font-weight: bold")
            self.survivor_group.addButton(keep, column - 1)
            grid.addWidget(keep, 0, column)
        for row, (name, label) in enumerate(MERGE_FIELDS, start=1):
            grid.addWidget(_caption(label), row, 0)
            self._add_field(grid, row, name)
        last = len(MERGE_FIELDS) + 1
        grid.addWidget(_caption("Holds"), last, 0, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(last + 1, 1)  # rows keep their height; the space goes below
        for column, side in enumerate(self._sides, start=1):
            holdings = QLabel(_belongings(side))
            holdings.setObjectName(f"belongings{column}")
            holdings.setWordWrap(True)
            grid.addWidget(holdings, last, column, Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.outcome = QLabel()
        self.outcome.setObjectName("mergeOutcome")
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.resize(900, 580)

    def _add_field(self, grid: QGridLayout, row: int, name: str) -> None:
        first, second = (_display(name, side.values[name]) for side in self._sides)
        if first == second:
            same = QLabel(_short(first) or "—")
            same.setToolTip(first)
            same.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(same, row, 1, 1, 2)
            return
        group = QButtonGroup(self)
        buttons = []
        for column, value in enumerate((first, second), start=1):
            button = QRadioButton(_button_text(_short(value) or "(empty)"))
            button.setToolTip(value)
            group.addButton(button, column - 1)
            grid.addWidget(button, row, column)
            buttons.append(button)
        group.idClicked.connect(self._on_field_group_id_clicked)
        self.field_groups[name] = group
        self.choices[name] = (buttons[0], buttons[1])

    # -- state ------------------------------------------------------------------------------

    @property
    def survivor(self) -> MergeSide:
        """The record chosen to stay."""
        return self._sides[self.survivor_group.checkedId()]

    @property
    def other(self) -> MergeSide:
        """The record merged into the survivor."""
        return self._sides[1 - self.survivor_group.checkedId()]

    def taken_from_other(self) -> set[str]:
        """The fields whose value comes from the record merged away."""
        other = 1 - self.survivor_group.checkedId()
        return {name for name, group in self.field_groups.items() if group.checkedId() == other}

    def _choose_defaults(self) -> None:
        """The survivor's values, except where it has none and the other has one."""
        keep = self.survivor_group.checkedId()
        for name, group in self.field_groups.items():
            mine = self._sides[keep].values[name]
            group.button(keep if mine else 1 - keep).setChecked(True)
        self._show_outcome()

    def _show_outcome(self) -> None:
        moved = _belongings(self.other)
        self.outcome.setText(
            f"“{self.survivor.values['display_name']}” stays. "
            f"“{self.other.values['display_name']}” is kept as merged into it"
            + (f"; its {moved} move to it." if moved != "nothing" else ".")
        )

    # -- slots ------------------------------------------------------------------------------

    def _on_survivor_group_id_clicked(self, _id: int) -> None:
        self._choose_defaults()

    def _on_field_group_id_clicked(self, _id: int) -> None:
        self._show_outcome()

    def _on_buttons_accepted(self) -> None:
        result = result_or_warning(
            self, "Not merged",
            lambda: self._service.merge(self.survivor.id, self.other.id, self.taken_from_other()),
        )  # fmt: skip
        if result is None:
            return
        self.result_of_merge = result
        self.merged.emit(result)
        self.accept()


def _display(name: str, value: str) -> str:
    """A value as the register shows it: a country by name, a number with separators."""
    if name == "country" and value:
        return f"{country_name(value)} ({value})"
    if name == "employees" and value.isdigit():
        return f"{int(value):,}"
    return value


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: palette(placeholder-text)")
    return label


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _ELIDE_AT else line[: _ELIDE_AT - 1] + "…"


def _button_text(text: str) -> str:
    """Text for a button: an ampersand in a name (AT&T) is shown, not a shortcut key."""
    return text.replace("&", "&&")


def _belongings(side: MergeSide) -> str:
    parts = [f"{n} {kind if n != 1 else kind.removesuffix('s')}"
             for kind, n in side.belongings.items() if n]  # fmt: skip
    return ", ".join(parts) or "nothing"


def open_merge(
    parent: QWidget, service: MergeService, first_id: uuid.UUID, second_id: uuid.UUID
) -> MergeResult | None:
    """Show the merge tool for two organizations; the result when they were merged."""
    comparison = result_or_warning(
        parent, "Cannot merge", lambda: service.compare(first_id, second_id)
    )
    if comparison is None:
        return None
    dialog = MergeDialog(service, comparison, parent)
    return exec_and_release(dialog, lambda shown: shown.result_of_merge)
