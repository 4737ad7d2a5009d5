"""Board composition: the Premier members' seats and the seats General members elect.

The Governing Board has one seat per Premier member (its voting representative, with
an alternate) and seats elected by the General members (one per ten, at most three; see
``domain.organizations.general_member_board_seats``): the General members that won them,
with their representatives and the seats' terms, then the seats still vacant. The
figures come from the same service the Governing Board dialog uses.
"""

from __future__ import annotations

from datetime import date

from ...domain.reports import Column, ColumnType
from ...domain.wording import count_of
from ..register.membership_service import MembershipService
from .catalog import ReportContent, ReportRequest

COLUMNS = (
    Column("Seat"),
    Column("Tier"),
    Column("Organization"),
    Column("Voting representative"),
    Column("Alternate representative"),
    Column("Members represented", ColumnType.NUMBER),
    Column("Seat from", ColumnType.DATE),
    Column("Seat until", ColumnType.DATE),
)
NOT_NAMED = "(not named)"
VACANT = "Elected by the General members"


def content(request: ReportRequest) -> ReportContent:
    """The board as it is on the request's day."""
    board = MembershipService(request.factories).governance(request.day())
    rows: list[tuple[str | int | date | None, ...]] = []
    for number, seat in enumerate(board.premier_seats, start=1):
        rows.append((
            f"Premier seat {number}", "Premier", seat.organization,
            seat.voting_representative or NOT_NAMED, seat.alternate_representative, 1,
            None, None,
        ))  # fmt: skip
    # Seats won beyond what the General members elect today (members left) still show.
    total = max(board.general_seats, len(board.elected_seats))
    for number in range(1, total + 1):
        label = f"General seat {number} of {board.general_seats}"
        if number <= len(board.elected_seats):
            won = board.elected_seats[number - 1]
            holder = won.organization + (f" ({won.problem})" if won.problem else "")
            rows.append((label, "General", holder, won.representative, "",
                         board.general_members, won.starts_on, won.ends_on))  # fmt: skip
        else:
            rows.append((label, "General", VACANT, "", "", board.general_members, None, None))
    seats = len(board.premier_seats) + board.general_seats
    subtitle = (
        f"{count_of(seats, 'seat')}: {len(board.premier_seats)} Premier, "
        f"{board.general_seats} elected by {count_of(board.general_members, 'General member')} "
        f"({len(board.elected_seats)} filled)"
    )
    return rows, subtitle
