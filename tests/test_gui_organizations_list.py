"""The Organizations list as a person uses it: search, filters, sorting, counts, scrolling."""

from __future__ import annotations

import calendar
import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ptf_desktop.services.context import AppContext
from ptf_desktop.ui.main_window import MainWindow
from ptf_desktop.ui.pages.organizations.list_page import OrganizationsPage
from ptf_desktop.ui.pages.organizations.table_model import OrganizationTableModel

NAME = OrganizationTableModel.NAME


def new_org(context: AppContext, name: str, **fields: object) -> uuid.UUID:
    raw = {"display_name": name, "org_type": "commercial", "country": "DE", **fields}
    return context.organizations.create(raw)


def month_end(months_ahead: int) -> date:
    today = date.today()
    year, month = divmod(today.year * 12 + today.month - 1 + months_ahead, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def admit(context: AppContext, org: uuid.UUID, tier: Tier, end: date) -> None:
    if tier is Tier.PREMIER:  # the board must approve a Premier application first
        start = end - timedelta(days=400)
        application = context.memberships.record_application(org, tier, start)
        context.memberships.update_application(
            application, outcome=ApplicationOutcome.APPROVED, decided_on=start
        )
    context.memberships.admit(org, tier, end - timedelta(days=364), end)


def organizations_page(window: MainWindow) -> OrganizationsPage:
    page = window.page("organizations")
    assert isinstance(page, OrganizationsPage)
    return page


def shown_names(page: OrganizationsPage) -> list[str]:
    model = page.table.model()
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def search(qtbot: QtBot, page: OrganizationsPage, text: str, *, type_it: bool = True) -> None:
    box = page.filters.search_box
    box.clear()
    if type_it:
        qtbot.keyClicks(box, text)
    else:  # keyClicks cannot type a tab character
        box.setText(text)
    qtbot.waitUntil(lambda: page.model.query.search == text)


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def click_header(qtbot: QtBot, page: OrganizationsPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


@pytest.fixture
def register(context: AppContext) -> dict[str, uuid.UUID]:
    """Five organizations of every kind; two terms end next month, one in four months."""
    ids = {
        "Prospect Co": new_org(context, "Prospect Co", country="US", employees=12),
        "General Co": new_org(context, "General Co", employees=1200, legal_name="General Co GmbH"),
        "Associate Uni": new_org(context, "Associate Uni", org_type="academic", country="FR"),
        "Premier Corp": new_org(context, "Premier Corp", country="US", employees=250_000),
        "Lapsed Ltd": new_org(context, "Lapsed Ltd", country="GB", employees=40),
    }
    admit(context, ids["General Co"], Tier.GENERAL, month_end(1))
    admit(context, ids["Associate Uni"], Tier.ASSOCIATE, month_end(4))
    admit(context, ids["Premier Corp"], Tier.PREMIER, month_end(1))
    admit(context, ids["Lapsed Ltd"], Tier.GENERAL, month_end(-3))
    context.memberships.set_status(ids["Lapsed Ltd"], MembershipStatus.LAPSED)
    context.organizations.add_contact(
        ids["Associate Uni"],
        {"name": "Ada Byron", "email": "ada@uni.example", "roles": ["billing"]},
    )
    return ids


def test_the_list_shows_every_column_as_a_person_reads_it(
    main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    assert page.table.isVisible() and not page.empty_state.isVisible()
    model = page.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name", "Tier", "Status", "Country", "Employees", "Term end", "Billing contact",
    ]  # fmt: skip
    assert shown_names(page) == [
        "Associate Uni", "General Co", "Lapsed Ltd", "Premier Corp", "Prospect Co",
    ]  # fmt: skip
    rows = {
        model.index(row, NAME).data(): [model.index(row, c).data() for c in range(7)]
        for row in range(model.rowCount())
    }
    assert rows["General Co"] == [
        "General Co", "General", "Active", "Germany", "1,200", month_end(1).isoformat(), "",
    ]  # fmt: skip
    assert rows["Associate Uni"][1:4] == ["Associate", "Active", "France"]
    assert rows["Associate Uni"][6] == "Ada Byron <ada@uni.example>"
    assert rows["Prospect Co"][1:5] == ["", "Prospect", "United States", "12"]
    assert rows["Lapsed Ltd"][2] == "Lapsed"
    assert rows["Premier Corp"][4] == "250,000"
    # Numbers line up on the right; the legal name shows when it differs from the name.
    general = shown_names(page).index("General Co")
    employees = model.index(general, OrganizationTableModel.EMPLOYEES)
    assert employees.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert "Legal name: General Co GmbH" in model.index(general, NAME).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert employees.data(OrganizationTableModel.SORT_ROLE) == 1200
    assert page.count_label.text() == "5 organizations"


def test_typing_in_the_search_box_filters_as_you_type(
    qtbot: QtBot, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    search(qtbot, page, "co")
    assert shown_names(page) == ["General Co", "Premier Corp", "Prospect Co"]
    assert page.count_label.text() == "3 of 5 organizations"
    qtbot.keyClicks(page.filters.search_box, "rp")
    qtbot.waitUntil(lambda: page.model.query.search == "corp")
    assert shown_names(page) == ["Premier Corp"]
    search(qtbot, page, "ada@uni")  # contact e-mails are searched too
    assert shown_names(page) == ["Associate Uni"]
    search(qtbot, page, "nothing like it")
    assert shown_names(page) == []
    assert page.count_label.text() == "No organizations match (5 in all)"
    page.filters.search_box.clear()
    qtbot.waitUntil(lambda: len(shown_names(page)) == 5)
    assert page.count_label.text() == "5 organizations"


def test_percent_and_underscore_are_searched_literally(
    qtbot: QtBot, main_window: MainWindow, context: AppContext
) -> None:
    for name in ("100% Open_Source", "1000 Open Source", "Open Systems", "Zero Open Source"):
        new_org(context, name)
    page = organizations_page(main_window)
    search(qtbot, page, "0% o")
    assert shown_names(page) == ["100% Open_Source"]
    search(qtbot, page, "_s")
    assert shown_names(page) == ["100% Open_Source"]
    search(qtbot, page, "%")
    assert shown_names(page) == ["100% Open_Source"]


def test_filters_by_tier_status_country_and_term_end_month(
    qtbot: QtBot, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    filters = page.filters
    choose(filters.tier_combo, "General")
    assert shown_names(page) == ["General Co", "Lapsed Ltd"]
    assert filters.clear_button.isEnabled()
    choose(filters.status_combo, "Lapsed")
    assert shown_names(page) == ["Lapsed Ltd"]
    assert page.count_label.text() == "1 of 5 organizations"
    # Prospects have no tier: choosing them fixes the status to Prospect.
    choose(filters.tier_combo, "Prospects (no tier)")
    assert shown_names(page) == ["Prospect Co"]
    assert filters.status_combo.currentText() == "Prospect"
    assert not filters.status_combo.isEnabled()
    choose(filters.tier_combo, "All tiers")
    assert filters.status_combo.isEnabled() and filters.status_combo.currentText() == "All statuses"
    assert len(shown_names(page)) == 5

    assert [filters.country_combo.itemText(i) for i in range(filters.country_combo.count())] == [
        "All countries", "France (FR)", "Germany (DE)", "United Kingdom (GB)",
        "United States (US)",
    ]  # fmt: skip
    choose(filters.country_combo, "United States (US)")
    assert shown_names(page) == ["Premier Corp", "Prospect Co"]
    choose(filters.country_combo, "All countries")

    next_month = month_end(1)
    month = filters.month_combo.findData(f"{next_month:%Y-%m}")
    filters.month_combo.setCurrentIndex(month)
    assert shown_names(page) == ["General Co", "Premier Corp"]
    assert "(this month)" in filters.month_combo.itemText(month - 1)

    qtbot.mouseClick(filters.clear_button, Qt.MouseButton.LeftButton)
    assert len(shown_names(page)) == 5
    assert filters.month_combo.currentText() == "Any term end"
    assert not filters.clear_button.isEnabled()


def test_clicking_a_header_sorts_the_whole_register(
    qtbot: QtBot, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    assert shown_names(page)[0] == "Associate Uni"
    click_header(qtbot, page, NAME)
    assert shown_names(page)[0] == "Prospect Co"
    assert page.model.query.sort == "display_name" and page.model.query.descending
    click_header(qtbot, page, NAME)
    assert shown_names(page)[0] == "Associate Uni"

    click_header(qtbot, page, OrganizationTableModel.EMPLOYEES)
    assert page.model.query.sort == "employees" and not page.model.query.descending
    employees = [
        page.model.index(row, OrganizationTableModel.EMPLOYEES).data(
            OrganizationTableModel.SORT_ROLE
        )
        for row in range(page.model.rowCount())
    ]
    assert employees == [None, 12, 40, 1200, 250_000]  # unknown first
    click_header(qtbot, page, OrganizationTableModel.EMPLOYEES)
    assert shown_names(page)[0] == "Premier Corp"
    # Sorting keeps the search: only matching organizations are sorted.
    search(qtbot, page, "co")
    assert shown_names(page) == ["Premier Corp", "General Co", "Prospect Co"]


def test_the_model_passes_the_model_tester(
    qtmodeltester: object, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_rows_are_fetched_a_page_at_a_time_as_the_list_scrolls(
    qtbot: QtBot, qtmodeltester: object, main_window: MainWindow, context: AppContext
) -> None:
    for number in range(450):
        new_org(context, f"Organization {number:04d}")
    page = organizations_page(main_window)
    model = page.model
    # A full first page is shown at once; its total is counted right after.
    assert model.rowCount() == OrganizationTableModel.PAGE_SIZE == 200
    qtbot.waitUntil(lambda: not model.counting)
    assert model.total == 450
    assert page.count_label.text() == "450 organizations"

    page.table.scrollToBottom()  # as far as a person can scroll: the view asks for more
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 450)
    assert not model.canFetchMore(page.table.rootIndex())
    names = shown_names(page)
    assert names == sorted(names) and len(set(names)) == 450  # pages neither overlap nor skip
    qtmodeltester.check(model)  # type: ignore[attr-defined]

    search(qtbot, page, "organization 01")  # a new query starts again from the first page
    assert model.total == 100 and model.rowCount() == 100
    assert page.count_label.text() == "100 of 450 organizations"


def test_tricky_names_are_shown_unchanged_and_found(
    qtbot: QtBot, main_window: MainWindow, context: AppContext, tricky_names: list[str]
) -> None:
    for name in tricky_names:
        new_org(context, name)
    page = organizations_page(main_window)
    assert sorted(shown_names(page)) == sorted(name.strip() for name in tricky_names)
    for name in tricky_names:
        stored = name.strip()
        part = stored[len(stored) // 4 : len(stored) // 4 + max(2, len(stored) // 2)]
        search(qtbot, page, part, type_it=False)
        assert stored in shown_names(page), (name, part)


def test_an_empty_register_invites_to_begin(qtbot: QtBot, main_window: MainWindow) -> None:
    page = organizations_page(main_window)
    assert page.empty_state.isVisible() and not page.table.isVisible()
    assert page.empty_state.title.text() == "No organizations yet"
    buttons = [page.empty_state.new_button, page.empty_state.import_button]
    buttons.append(page.empty_state.demo_button)
    assert [b.text() for b in buttons] == ["New organization", "Import CSV…", "Load demo data"]
    assert all(button.isVisible() for button in buttons)
    assert not page.export_button.isVisible()

    new_org(main_window.context, "First Member")
    page.refresh()
    assert page.table.isVisible() and shown_names(page) == ["First Member"]
    assert page.export_button.isVisible() and page.new_button.isVisible()


class _Rename(QUndoCommand):
    """An edit made elsewhere (as the editor will) that the list must follow."""

    def __init__(self, context: AppContext, org: uuid.UUID, old: str, new: str) -> None:
        super().__init__(f"Rename {old}")
        self._context, self._org, self._old, self._new = context, org, old, new

    def redo(self) -> None:
        self._context.organizations.update(self._org, {"display_name": self._new})

    def undo(self) -> None:
        self._context.organizations.update(self._org, {"display_name": self._old})


def test_undo_and_redo_of_an_edit_show_in_the_list_keeping_the_selection(
    qtbot: QtBot, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    page.table.selectRow(shown_names(page).index("Lapsed Ltd"))
    org = register["Lapsed Ltd"]
    main_window.undo_stack.push(_Rename(main_window.context, org, "Lapsed Ltd", "Aardvark AI"))
    qtbot.waitUntil(lambda: shown_names(page)[0] == "Aardvark AI")
    assert page.selected_id() == org
    main_window.undo_stack.undo()
    qtbot.waitUntil(lambda: "Lapsed Ltd" in shown_names(page))
    assert "Aardvark AI" not in shown_names(page) and page.selected_id() == org


def test_ctrl_f_goes_to_the_search_box(
    qtbot: QtBot, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    page = organizations_page(main_window)
    main_window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search_box.hasFocus()


def test_the_governing_board_button_opens_the_board(
    qtbot: QtBot, main_window: MainWindow, register: dict[str, uuid.UUID]
) -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    from ptf_desktop.ui.pages.organizations.governance import GovernanceDialog

    page = organizations_page(main_window)
    qtbot.mouseClick(page.board_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, GovernanceDialog)]
    assert dialogs and dialogs[0].isVisible()
    texts = " ".join(label.text() for label in dialogs[0].findChildren(QLabel))
    assert "1 General member elects 0 of at most 3 seats" in texts
    assert "Premier Corp" in texts
    dialogs[0].close()
