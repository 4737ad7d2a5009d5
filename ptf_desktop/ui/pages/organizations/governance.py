"""The Governing Board: Premier members' seats and the seats General members elect.

The elected seats are recorded here: which General member won a seat, its
representative and the seat's term; the membership service checks the rules (a current
General member, one seat per 10 General members, at most 3) and the form shows a refusal.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import UserError
from ....services.context import AppContext
from ....services.register.board_seats import ElectedSeat
from ....services.register.membership_service import BoardSeat, Governance, default_term_end
from ...style import MAIN_WINDOW_STYLE
from .form_dialog import FormDialog, ask, attempt
from .form_widgets import combo, date_edit, plain
from .record_table import Column, RecordTable, RecordTableModel, date_text, warn_if

MAX_GENERAL_SEATS = 3  # the foundation's rule: one seat per 10 General members, at most 3
MISSING = "Missing"

SEAT_COLUMNS: tuple[Column[BoardSeat], ...] = (
    Column("Premier member", lambda s: s.organization),
    Column(
        "Voting representative",
        lambda s: s.voting_representative or MISSING,
        foreground=warn_if(lambda s: not s.voting_representative),
    ),
    Column(
        "Alternate representative",
        lambda s: s.alternate_representative or MISSING,
        foreground=warn_if(lambda s: not s.alternate_representative),
    ),
)


ELECTED_COLUMNS: tuple[Column[ElectedSeat], ...] = (
    Column(
        "General member", lambda s: s.organization, foreground=warn_if(lambda s: bool(s.problem))
    ),
    Column("Representative", lambda s: s.representative),
    Column("From", lambda s: date_text(s.starts_on), lambda s: s.starts_on),
    Column("Until", lambda s: date_text(s.ends_on), lambda s: s.ends_on),
    Column("Note", lambda s: s.problem or s.note, foreground=warn_if(lambda s: bool(s.problem))),
)


def general_seats_text(governance: Governance) -> str:
    """How many Board seats the General members elect, in words."""
    count = governance.general_members
    members = "1 General member elects" if count == 1 else f"{count} General members elect"
    return f"{members} {governance.general_seats} of at most {MAX_GENERAL_SEATS} seats."


def missing_text(governance: Governance) -> str:
    """Which Premier members have not named their representatives, or nothing."""
    missing = [
        seat.organization
        for seat in governance.premier_seats
        if not (seat.voting_representative and seat.alternate_representative)
    ]
    if not missing:
        return ""
    members = "1 Premier member" if len(missing) == 1 else f"{len(missing)} Premier members"
    return f"⚠ Representatives missing for {members}: " + ", ".join(missing)


class GovernanceDialog(QDialog):
    """Who sits on the Governing Board, from the membership service."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("governanceDialog")
        self.setWindowTitle("Governing Board")
        self.setStyleSheet(MAIN_WINDOW_STYLE)  # the app's look also without a parent
        self.resize(820, 620)
        self._service = context.memberships
        title = QLabel("Governing Board")
        title.setObjectName("pageTitle")
        self.premier_label = QLabel()
        self.premier_label.setObjectName("premierSeats")
        self.model: RecordTableModel[BoardSeat] = RecordTableModel(SEAT_COLUMNS, self)
        self.table = RecordTable(self.model, "boardSeatsTable")
        self.missing_label = plain(QLabel())
        self.missing_label.setObjectName("missingRepresentatives")
        self.missing_label.setProperty("role", "fieldError")
        self.missing_label.setWordWrap(True)
        self.general_label = QLabel()
        self.general_label.setObjectName("generalSeats")
        self.general_label.setWordWrap(True)
        self.elected: RecordTableModel[ElectedSeat] = RecordTableModel(ELECTED_COLUMNS, self)
        self.elected_table = RecordTable(self.elected, "electedSeatsTable")
        self.record_button = QPushButton("Record elected seat\u2026")
        self.record_button.setObjectName("recordElectedSeat")
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.remove_button = QPushButton("Remove seat\u2026")
        self.remove_button.setObjectName("removeElectedSeat")
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.elected_table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        seat_buttons = QHBoxLayout()
        seat_buttons.addStretch(1)
        seat_buttons.addWidget(self.record_button)
        seat_buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.premier_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.general_label)
        layout.addWidget(self.elected_table, 1)
        layout.addLayout(seat_buttons)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the board's composition again."""
        try:
            governance = self._service.governance()
        except UserError as error:
            self.premier_label.setText(f"Cannot read the register: {error}")
            return
        seats = len(governance.premier_seats)
        self.premier_label.setText(
            f"Premier members: {seats} seat{'s' if seats != 1 else ''}, each with a voting "
            "representative and an alternate."
        )
        self.model.set_rows(governance.premier_seats)
        missing = missing_text(governance)
        self.missing_label.setText(missing)
        self.missing_label.setVisible(bool(missing))
        filled = len(governance.elected_seats)
        self.general_label.setText(
            f"{general_seats_text(governance)} (One seat per 10 General members.) "
            f"Elected seats held today: {filled}."
        )
        self.elected.set_rows(governance.elected_seats)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.elected_table.selected_record() is not None)

    def _on_record_button_clicked(self) -> None:
        members = self._service.general_members()

        def submit(values: dict[str, object]) -> None:
            if values["organization"] is None:
                raise UserError("There is no current General member to hold an elected seat.")
            self._service.record_elected_seat(
                values["organization"], str(values["representative"]),  # type: ignore[arg-type]
                values["starts_on"], values["ends_on"], str(values["note"]),  # type: ignore[arg-type]
            )  # fmt: skip

        form = FormDialog("Record an elected Board seat", "Record seat", submit, self)
        form.setObjectName("electedSeatDialog")
        form.add_note("The General members elect one Board seat per 10 General members, at most 3.")
        form.add_field("organization", "Won by", combo([(n, key) for key, n in members]))
        form.add_field("representative", "Representative", QLineEdit())
        form.add_field("starts_on", "Seat from", date_edit())
        form.add_field("ends_on", "Seat until", date_edit(default_term_end(date.today())))
        form.add_field("note", "Note", QLineEdit())
        if form.exec():
            self.refresh()

    def _on_remove_button_clicked(self) -> None:
        seat: ElectedSeat | None = self.elected_table.selected_record()
        if seat is None:
            return
        question = (
            f"Remove the elected seat of {seat.organization} ({seat.starts_on.isoformat()} to "
            f"{seat.ends_on.isoformat()})? Do this for a seat recorded by mistake."
        )
        if not ask(self, "Remove elected seat", question, "Remove"):
            return
        if attempt(self, "Not removed", lambda: self._service.remove_elected_seat(seat.id)):
            self.refresh()


def open_governance(parent: QWidget | None, context: AppContext) -> GovernanceDialog:
    """Show the Governing Board (window-modal over ``parent``); returns the dialog."""
    dialog = GovernanceDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
