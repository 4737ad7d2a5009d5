"""Board composition: the Premier members' seats and the seats General members elect.

The Governing Board has one seat per Premier member (its voting representative, with
an alternate) and seats elected by the General members (one per ten, at most three; see
``domain.organizations.general_member_board_seats``). The figures come from the same
service the Governing Board dialog uses.
"""

from __future__ import annotations

from ...domain.reports import Column, ColumnType, Report, make_report
from ...domain.wording import count_of
from ..register.membership_service import MembershipService
from .catalog import ReportDefinition, ReportRequest

COLUMNS = (
    Column("Seat"),
    Column("Tier"),
    Column("Organization"),
    Column("Voting representative"),
    Column("Alternate representative"),
    Column("Members represented", ColumnType.NUMBER),
)
NOT_NAMED = "(not named)"


def build(request: ReportRequest) -> Report:
    """The board as it is today."""
    board = MembershipService(request.factories).governance()
    rows: list[tuple[str | int, ...]] = []
    for number, seat in enumerate(board.premier_seats, start=1):
        rows.append((
            f"Premier seat {number}", "Premier", seat.organization,
            seat.voting_representative or NOT_NAMED, seat.alternate_representative, 1,
        ))  # fmt: skip
    for number in range(1, board.general_seats + 1):
        rows.append((
            f"General seat {number} of {board.general_seats}", "General",
            "Elected by the General members", "", "", board.general_members,
        ))  # fmt: skip
    seats = len(board.premier_seats) + board.general_seats
    subtitle = (
        f"{count_of(seats, 'seat')}: {len(board.premier_seats)} Premier, "
        f"{board.general_seats} elected by {count_of(board.general_members, 'General member')}"
    )
    return make_report(DEFINITION.title, COLUMNS, rows, subtitle)


DEFINITION = ReportDefinition(
    name="board-composition",
    title="Board composition",
    description="Governing Board seats: Premier members with their representatives, and "
    "the seats General members elect.",
    takes_year=False,
    build=build,
)
