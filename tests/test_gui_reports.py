"""Reports and the members landscape from the menus, as staff use them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.ui import export_actions
from ptf_desktop.ui.dialogs.reports_dialog import ReportsDialog
from ptf_desktop.ui.main_window import MainWindow

from conftest import when_modal_dialog_opens
from helpers.members import PNG, add_member

SCREENSHOTS = Path("/tmp/rp")


def menu(window: MainWindow, title: str):  # type: ignore[no-untyped-def]
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == title:
            return top.menu()
    raise AssertionError(f"no menu {title}")


def test_the_reports_menu_lists_every_report(main_window: MainWindow) -> None:
    reports = menu(main_window, "Reports")
    reports.aboutToShow.emit()
    reports.aboutToShow.emit()  # filled once, not twice
    assert [action.text() for action in reports.actions()] == [
        "Board composition…", "Member list by tier…", "Receivables aging…",
        "Revenue by tier and year…", "Renewal forecast…", "Organizations…",
    ]  # fmt: skip


def test_export_a_member_list_for_a_year_to_excel(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, tricky_names: list[str]
) -> None:
    for name in tricky_names[:6]:
        add_member(main_window.context, name, Tier.GENERAL, start=date(2025, 3, 1))
    dialog = ReportsDialog(main_window.context, "member-list", main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.currentItem().text() == "Member list by tier"
    assert "chosen year" in dialog.description.text()
    assert dialog.for_year.isEnabled() and not dialog.year.isEnabled()
    dialog.for_year.click()
    dialog.year.setValue(2025)
    assert dialog.chosen_year() == 2025
    out = tmp_path / "members.xlsx"
    job = dialog.export_to(out)
    assert not dialog.export_button.isEnabled()
    dialog.reject()  # closing waits for the report
    assert dialog.isVisible() and "still being written" in dialog.status.text()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert dialog.export_button.isEnabled()
    assert dialog.status.text() == f"Wrote Member list by tier (6 rows) to {out}."
    sheet = load_workbook(out).active
    assert sheet["A2"].value.startswith("Members with a term during 2025")
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "reports_dialog.png"))


def test_board_composition_takes_no_year_and_a_bad_file_is_explained(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    dialog = ReportsDialog(main_window.context, "board-composition", main_window)
    qtbot.addWidget(dialog)
    assert not dialog.for_year.isEnabled() and dialog.chosen_year() is None
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal_dialog_opens(qtbot, read_and_close)
    job = dialog.export_to(tmp_path / "missing" / "board.xlsx")
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(seen))
    assert "does not exist" in seen[0]
    assert dialog.status.text() == "The report was not written."
    assert dialog.export_button.isEnabled()


def test_export_members_landscape_from_the_file_menu(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: object
) -> None:
    with_logo = add_member(main_window.context, "AT&T Inc.", Tier.PREMIER)
    main_window.context.organizations.set_logo(with_logo, PNG, "image/png")
    add_member(main_window.context, "Яндекс ООО", Tier.GENERAL)
    out = tmp_path / "site"
    monkeypatch.setattr(export_actions, "ask_landscape_folder", lambda _window: out)  # type: ignore[attr-defined]
    [export_menu] = [a.menu() for a in menu(main_window, "File").actions() if a.text() == "&Export"]
    [action] = [a for a in export_menu.actions() if a.text().replace("&", "").startswith("Members")]
    shown: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append(box.text())
        SCREENSHOTS.mkdir(exist_ok=True)
        box.grab().save(str(SCREENSHOTS / "landscape_message.png"))
        box.accept()

    when_modal_dialog_opens(qtbot, read_and_close)
    action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0].startswith(f"2 current members written to {out / 'landscape.yml'}, 1 logo ")
    assert "Warning: 1 member with no logo and listed without one:\n  • Яндекс ООО" in shown[0]
    document = yaml.safe_load((out / "landscape.yml").read_text("utf-8"))
    names = [
        item["name"] for sub in document["landscape"][0]["subcategories"] for item in sub["items"]
    ]
    assert names == ["AT&T Inc.", "Яндекс ООО"]
    assert main_window.statusBar().currentMessage().startswith("Members landscape written to")
    assert QApplication.activeModalWidget() is None
