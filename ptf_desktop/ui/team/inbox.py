"""The conflicts inbox: what two people changed differently, and changes the server refused.

Each conflict shows the record, the field, the value before, the value sent by the
device whose change met the server's ("mine" when that device is this one), the
server's value, and who changed it and when. The person keeps one side or types another
value; a deletion against an edit is shown as such and decided by keeping one side.
Refused changes are listed with the server's reason; they are never dropped.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.sync.team_records import ConflictItem, RefusedChange
from ..tasks import start_task
from ..widgets.table_model import Column, ColumnTableModel, bold_font
from ..widgets.tables import ROWS, list_table
from .runner import TeamSyncRunner
from .status import local_time


def _mine_header(item: ConflictItem) -> str:
    return item.mine if item.from_this_device else f"{item.mine}  ({item.device})"


DELETION_TIP = ("One device deleted this record while another edited it. Keep mine or keep "
                "theirs decides whether the record stays.")  # fmt: skip

CONFLICT_COLUMNS: tuple[Column[ConflictItem], ...] = (
    Column("Record", lambda c: c.record),
    Column(
        "Field",
        lambda c: c.field,
        font=lambda c: bold_font() if c.deletion else None,
        tooltip=lambda c: DELETION_TIP if c.deletion else None,
    ),  # fmt: skip
    Column("Before", lambda c: c.before),
    Column("Mine", _mine_header, tooltip=lambda c: f"Sent by {c.device}"),
    Column("Theirs", lambda c: c.theirs),
    Column("Changed by", lambda c: c.theirs_by or "unknown"),
    Column(
        "When",
        lambda c: local_time(c.theirs_at) if c.theirs_at else "",
        sort=lambda c: c.theirs_at.isoformat() if c.theirs_at else "",
    ),  # fmt: skip
)
REFUSED_COLUMNS: tuple[Column[RefusedChange], ...] = (
    Column("Record", lambda r: r.record),
    Column("Change", lambda r: r.fields),
    Column("Refused", lambda r: local_time(r.refused_at)),
    Column("Server's reason", lambda r: r.reason, tooltip=lambda r: r.reason),
)


def _table(model: ColumnTableModel[object], name: str) -> QTableView:
    table = list_table(name, model, rows=ROWS, resize=QHeaderView.ResizeMode.ResizeToContents,
                       wrap=False)  # fmt: skip
    table.horizontalHeader().setMaximumSectionSize(220)
    return table


class ConflictsInbox(QDialog):
    """Open conflicts and refused changes, and the decisions a person makes on them."""

    def __init__(self, runner: TeamSyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsInbox")
        self.setWindowTitle("Conflicts to review")
        self.resize(980, 560)
        self._runner = runner
        self.conflicts = ColumnTableModel(CONFLICT_COLUMNS, self)
        self.refused = ColumnTableModel(REFUSED_COLUMNS, self)
        self.conflict_table = _table(self.conflicts, "conflictTable")  # type: ignore[arg-type]
        self.refused_table = _table(self.refused, "refusedTable")  # type: ignore[arg-type]
        self.notice = QLabel("Reading the conflicts from the team server…")
        self.notice.setObjectName("inboxNotice")
        self.notice.setWordWrap(True)
        self.keep_mine = QPushButton("Keep mine")
        self.keep_theirs = QPushButton("Keep theirs")
        self.typed = QLineEdit()
        self.typed.setPlaceholderText("or type another value")
        self.use_typed = QPushButton("Use this value")
        self.close_button = QPushButton("Close")
        self.keep_mine.clicked.connect(self._on_keep_mine_clicked)
        self.keep_theirs.clicked.connect(self._on_keep_theirs_clicked)
        self.use_typed.clicked.connect(self._on_use_typed_clicked)
        self.close_button.clicked.connect(self.close)
        self.conflict_table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._lay_out()
        self._enable()
        self.reload()

    def _lay_out(self) -> None:
        decide = QHBoxLayout()
        for widget in (self.keep_mine, self.keep_theirs, self.typed, self.use_typed):
            decide.addWidget(widget)
        conflicts = QGroupBox("Conflicts: the same field changed differently on two devices")
        box = QVBoxLayout(conflicts)
        box.addWidget(self.conflict_table)
        box.addLayout(decide)
        refused = QGroupBox("Changes the server refused (kept here, not sent)")
        QVBoxLayout(refused).addWidget(self.refused_table)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(conflicts, 3)
        layout.addWidget(refused, 1)
        layout.addLayout(bottom)

    def reload(self) -> None:
        """Read the open conflicts (from the server) and the refused changes again."""
        team = self._runner.team
        if team is None:
            self.notice.setText("This database has not joined a team.")
            return
        self._busy(True)
        start_task(lambda _p: (team.conflicts(), team.refused()), self._on_read, self._on_failed)

    def selected(self) -> ConflictItem | None:
        """The conflict chosen in the table."""
        rows = self.conflict_table.selectionModel().selectedRows()
        return self.conflicts.record_at(rows[0].row()) if rows else None

    # -- outcomes ---------------------------------------------------------------------------

    def _on_read(self, found: tuple[list[ConflictItem], list[RefusedChange]]) -> None:
        conflicts, refused = found
        self.conflicts.set_rows(conflicts)
        self.refused.set_rows(refused)
        count = len(conflicts)
        self.notice.setText(
            "No open conflicts." if not count else
            f"{count} conflict{'s' if count != 1 else ''} to review. Choose one, then keep "
            "one side or type the value it should have."
        )  # fmt: skip
        if count:
            self.conflict_table.selectRow(0)
        self._busy(False)

    def _on_failed(self, message: str) -> None:
        self.notice.setText(f"The conflicts cannot be read now: {message}")
        self._busy(False)

    def _on_decided(self, outcome: object) -> None:
        self._runner.take_outcome(outcome)  # type: ignore[arg-type]
        self.typed.clear()
        self.reload()

    # -- deciding ---------------------------------------------------------------------------

    def _decide(self, keep: str | None) -> None:
        item, team = self.selected(), self._runner.team
        if item is None or team is None:
            return
        typed = self.typed.text()
        self._busy(True)
        self.notice.setText(f"Saving your decision on {item.record}, {item.field}…")
        if keep is None:
            start_task(lambda _p: team.resolve_with(item, typed), self._on_decided, self._on_failed)
        else:
            start_task(lambda _p: team.resolve(item, keep), self._on_decided, self._on_failed)

    def _on_keep_mine_clicked(self) -> None:
        self._decide("mine")

    def _on_keep_theirs_clicked(self) -> None:
        self._decide("theirs")

    def _on_use_typed_clicked(self) -> None:
        self._decide(None)

    def _on_selection_changed(self, *_args: object) -> None:
        self._enable()

    def _busy(self, busy: bool) -> None:
        self._working = busy
        self._enable()

    def _enable(self) -> None:
        item = self.selected()
        free = item is not None and not getattr(self, "_working", False)
        self.keep_mine.setEnabled(free)
        self.keep_theirs.setEnabled(free)
        typable = free and item is not None and not item.deletion
        self.typed.setEnabled(typable)
        self.use_typed.setEnabled(typable)
