"""The Governing Board: Premier members' seats and the seats General members elect."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ....domain.errors import UserError
from ....services.context import AppContext
from ....services.register.membership_service import BoardSeat, Governance
from ...style import MAIN_WINDOW_STYLE
from .form_widgets import plain
from .record_table import Column, RecordTable, RecordTableModel

MAX_GENERAL_SEATS = 3  # the foundation's rule: one seat per 10 General members, at most 3
MISSING = "Missing"

SEAT_COLUMNS: tuple[Column[BoardSeat], ...] = (
    Column("Premier member", lambda s: s.organization),
    Column(
        "Voting representative",
        lambda s: s.voting_representative or MISSING,
        warn=lambda s: not s.voting_representative,
    ),
    Column(
        "Alternate representative",
        lambda s: s.alternate_representative or MISSING,
        warn=lambda s: not s.alternate_representative,
    ),
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
        self.resize(760, 480)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.premier_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.general_label)
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
        self.model.set_records(governance.premier_seats)
        missing = missing_text(governance)
        self.missing_label.setText(missing)
        self.missing_label.setVisible(bool(missing))
        self.general_label.setText(
            f"{general_seats_text(governance)} (One seat per 10 General members.)"
        )


def open_governance(parent: QWidget | None, context: AppContext) -> GovernanceDialog:
    """Show the Governing Board (window-modal over ``parent``); returns the dialog."""
    dialog = GovernanceDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
