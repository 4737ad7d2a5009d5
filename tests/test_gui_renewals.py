"""The Renewals page as a person uses it: the calendar, actions, preparing a year."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.ui.pages.renewals.models import RenewalTableModel
from ptf_desktop.ui.pages.renewals.page import RenewalsPage
from ptf_desktop.ui.pages.renewals.prepare_dialog import PrepareDialog

from conftest import click_button, when_modal_dialog_opens

TODAY = date(2026, 12, 1)


def _members(context: Any, names: list[str]) -> None:
    for index, name in enumerate(names):
        organization = context.organizations.create(
            {"display_name": name, "org_type": "commercial", "country": "US",
             "employees": str(600 + index)}
        )  # fmt: skip
        end = date(2026, 12, 31) if index % 2 == 0 else date(2026, 10, 31)
        context.memberships.admit(organization, Tier.GENERAL, date(end.year - 1, end.month, 1), end)


def _open(qtbot: Any, main_window: Any) -> RenewalsPage:
    page = main_window.page("renewals")
    assert isinstance(page, RenewalsPage)
    qtbot.waitUntil(lambda: not page.busy())
    page.as_of.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: not page.busy() and page.overview is not None
                    and page.overview.today == TODAY)  # fmt: skip
    return page


def _shown(page: RenewalsPage, column: int) -> list[str]:
    proxy = page.table.model()
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_the_calendar_shows_buckets_prices_and_deadlines(
    qtbot: Any, main_window: Any, context: Any, tricky_names: list[str]
) -> None:
    _members(context, tricky_names)
    page = _open(qtbot, main_window)
    names = _shown(page, RenewalTableModel.NAME)
    # Every name comes out as it went in (surrounding spaces are trimmed on the way in).
    assert sorted(names) == sorted(name.strip() for name in tricky_names)
    first = tricky_names[0].strip()
    row = names.index(first)
    proxy = page.table.model()
    assert proxy.index(row, RenewalTableModel.BUCKET).data() == "Ends within 30 days"
    assert proxy.index(row, RenewalTableModel.NEXT_PRICE).data() == "USD 45,000.00"
    assert proxy.index(row, RenewalTableModel.REMINDER).data() == "30 days before the term ends"
    assert "2026-12-01 Non-renewal notices for 2027 due" in page.deadlines.text()
    # Show only those in grace: the ones whose term ended on 31 October.
    page.show_combo.setCurrentIndex(page.show_combo.findData("grace"))
    qtbot.waitUntil(lambda: not page.busy() and page.overview.shown == "grace")
    assert set(_shown(page, RenewalTableModel.BUCKET)) == {"In grace"}
    assert len(_shown(page, 0)) == len(tricky_names) // 2
    if os.environ.get("PTF_SCREENSHOTS"):
        main_window.resize(1400, 800)
        page.show_combo.setCurrentIndex(0)
        page.show_combo.setCurrentIndex(0)
        main_window.grab().save(str(Path(os.environ["PTF_SCREENSHOTS"]) / "renewals.png"))


def test_actions_on_a_member(qtbot: Any, main_window: Any, context: Any) -> None:
    _members(context, ["Alpha", "Beta"])
    page = _open(qtbot, main_window)
    page.select(next(r.organization_id for r in page.model.rows if r.name == "Beta"))
    assert page.buttons["lapse"].isEnabled() and not page.buttons["reinstate"].isEnabled()
    page.buttons["lapse"].click()
    qtbot.waitUntil(lambda: not page.busy())
    beta = next(r for r in page.model.rows if r.name == "Beta")
    assert beta.status == "lapsed"
    assert page.status.text().startswith("Lapsed: Beta. ")

    page.select(next(r.organization_id for r in page.model.rows if r.name == "Alpha"))

    def late_notice(dialog: QDialog) -> None:
        dialog.date_edit.setDate(QDate(2026, 12, 5))  # type: ignore[attr-defined]
        click_button(dialog, "OK")
        when_modal_dialog_opens(qtbot, refused)

    refusals: list[str] = []

    def refused(box: QMessageBox) -> None:
        refusals.append(box.text())
        box.accept()

    when_modal_dialog_opens(qtbot, late_notice)
    page.buttons["non_renewing"].click()
    qtbot.waitUntil(lambda: bool(refusals))
    assert "after the deadline 2026-12-01" in refusals[0]
    assert next(r for r in page.model.rows if r.name == "Alpha").intent.value == "renewing"

    page.buttons["renew"].click()
    qtbot.waitUntil(lambda: not page.busy())
    assert page.status.text().startswith("Renewed Alpha: 2027-01-01 to 2027-12-31, USD 45,000.00")
    assert all(r.name != "Alpha" for r in page.model.rows)  # renewed: nothing due any more


def test_prepare_shows_the_preview_before_writing(
    qtbot: Any, main_window: Any, context: Any
) -> None:
    _members(context, ["Alpha", "Beta", "Gamma"])
    page = _open(qtbot, main_window)
    page.year.setValue(2027)
    seen: dict[str, Any] = {}

    def look_then_prepare(dialog: QDialog) -> None:
        assert isinstance(dialog, PrepareDialog)
        qtbot.waitUntil(lambda: dialog.plan is not None)
        seen["headline"] = dialog.headline.text()
        table = dialog.table.model()
        seen["rows"] = [
            [table.index(r, c).data() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        if os.environ.get("PTF_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["PTF_SCREENSHOTS"]) / "prepare.png"))
        dialog.prepare_button.click()

    when_modal_dialog_opens(qtbot, look_then_prepare)
    page.prepare_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Prepared") and not page.busy())
    assert seen["headline"].startswith("2 members will renew for 2027, for USD 90,")
    assert seen["rows"][0][:4] == ["Alpha", "General", "2027-01-01 to 2027-12-31", "USD 45,000.00"]
    assert page.status.text().startswith("Prepared 2 renewals for 2027")
    assert context.renewal_preparation.preview(2027).already_renewed == 2
    QApplication.processEvents()
    assert Qt  # the page stays usable


def test_a_long_calendar_shows_a_page_and_more_on_request(
    qtbot: Any, main_window: Any, context: Any, monkeypatch: Any
) -> None:
    from ptf_desktop.services.renewals import renewal_service

    monkeypatch.setattr(renewal_service, "CALENDAR_PAGE_ROWS", 3)
    _members(context, ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])
    page = _open(qtbot, main_window)
    assert len(_shown(page, 0)) == 3 and page.more_button.isVisible()
    assert page.status.text().startswith("3 of 5 members shown")
    assert page.show_combo.currentText() == "All (5)"
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy() and page.model.rowCount() == 5)
    assert sorted(_shown(page, 0)) == ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]
    assert not page.more_button.isVisible()
    assert page.status.text().startswith("5 of 5 members shown")
