"""Elected Governing Board seats: recorded with their terms, checked, and reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_gui_organization_editor import rows, set_value_of

from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.domain.organizations import MembershipRuleError, MembershipStatus, Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.pages.organizations.governance import GovernanceDialog

from conftest import click_button, when_modal_dialog_opens
from helpers.members import add_member

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

# The board is reported as of today: seat terms are placed around it.
YEAR = date.today().year
TERM = (date(YEAR, 1, 1), date(YEAR + 1, 12, 31))
NEXT_YEAR = (date(YEAR + 1, 1, 1), date(YEAR + 1, 12, 31))
AFTER = (date(YEAR + 2, 1, 1), date(YEAR + 3, 12, 31))


@pytest.fixture
def electorate(context: AppContext) -> list[Any]:
    """Twenty-one General members (two elected seats) and a Premier member."""
    members = [add_member(context, f"General {n:02d}", Tier.GENERAL) for n in range(21)]
    add_member(context, "Premier Corp", Tier.PREMIER)
    return members


def test_seats_are_recorded_and_the_report_shows_them(
    context: AppContext, electorate: list[Any], tricky_names: list[str]
) -> None:
    context.memberships.record_elected_seat(electorate[3], tricky_names[5], *TERM, "Election")
    report = context.reports.build("board-composition")
    assert report.subtitle.endswith("2 elected by 21 General members (1 filled)")
    general = [row for row in report.rows if row[1] == "General"]
    assert general == [
        ("General seat 1 of 2", "General", "General 03", " ".join(tricky_names[5].split()), "",
         21, *TERM),
        ("General seat 2 of 2", "General", "Elected by the General members", "", "", 21, None,
         None),
    ]  # fmt: skip
    [seat] = context.memberships.governance().elected_seats
    assert (seat.organization, seat.note, seat.problem) == ("General 03", "Election", "")
    assert context.memberships.governance(AFTER[0]).elected_seats == ()


def test_the_rules_are_checked_with_clear_messages(
    context: AppContext, electorate: list[Any]
) -> None:
    seats = context.memberships
    with pytest.raises(ValidationError) as refused:
        seats.record_elected_seat(electorate[0], " ", TERM[1], TERM[0])
    assert refused.value.field_errors == {
        "representative": "Name the representative who sits on the Board.",
        "ends_on": "A seat's term ends after it starts.",
    }
    seats.record_elected_seat(electorate[0], "Ada", *TERM)
    with pytest.raises(MembershipRuleError, match="General 00 already holds an elected seat"):
        seats.record_elected_seat(electorate[0], "Bob", *NEXT_YEAR)
    seats.record_elected_seat(electorate[1], "Bea", *TERM)
    with pytest.raises(MembershipRuleError, match=(
        r"The 21 General members elect 2 seats \(one per 10 General members, at most 3\), "
        rf"and 2 are held during {YEAR + 1}-01-01 to {YEAR + 1}-12-31: end or remove one first."
    )):  # fmt: skip
        seats.record_elected_seat(electorate[2], "Cy", *NEXT_YEAR)
    seats.record_elected_seat(electorate[2], "Cy", *AFTER)  # once those seats' terms are over


def test_only_a_current_general_member_wins_a_seat(
    context: AppContext, electorate: list[Any]
) -> None:
    premier = add_member(context, "Second Premier", Tier.PREMIER)
    with pytest.raises(MembershipRuleError, match="Second Premier is a Premier member"):
        context.memberships.record_elected_seat(premier, "Pia", *TERM)
    context.memberships.record_elected_seat(electorate[4], "Lou", *TERM)
    context.memberships.set_status(electorate[4], MembershipStatus.LAPSED)
    [seat] = context.memberships.governance().elected_seats
    assert seat.problem == "no longer a current General member: a General member (lapsed)"
    row = next(r for r in context.reports.build("board-composition").rows if r[1] == "General")
    assert str(row[2]).startswith("General 04 (no longer a current General member")


def test_a_seat_is_recorded_and_removed_in_the_governing_board_dialog(
    qtbot: QtBot, context: AppContext, electorate: list[Any], tmp_path: Path
) -> None:
    """A person records the seat a General member won, sees it, then removes it."""
    dialog = GovernanceDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert rows(dialog.elected_table) == []
    refusals: list[str] = []

    def fill(form: Any, representative: str) -> None:
        won_by = form.editors["organization"]  # picked by name, as a person does
        won_by.setCurrentIndex(won_by.findText("General 07"))
        form.editors["representative"].setText(representative)
        set_value_of(form.editors["starts_on"], TERM[0])
        set_value_of(form.editors["ends_on"], TERM[1])
        click_button(form, "Record seat")

    def refused_then_fixed(form: Any) -> None:
        fill(form, "")
        refusals.append(form.errors["representative"].text())
        fill(form, "Grace Hopper")

    when_modal_dialog_opens(qtbot, refused_then_fixed)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert refusals == ["Name the representative who sits on the Board."]
    assert rows(dialog.elected_table) == [
        ("General 07", "Grace Hopper", TERM[0].isoformat(), TERM[1].isoformat(), "")
    ]
    assert "Elected seats held today: 1." in dialog.general_label.text()
    dialog.grab().save(str(tmp_path / "board.png"))

    dialog.elected_table.selectRow(0)
    when_modal_dialog_opens(qtbot, lambda box: click_button(box, "Remove"))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert rows(dialog.elected_table) == []
    assert context.memberships.governance().elected_seats == ()
