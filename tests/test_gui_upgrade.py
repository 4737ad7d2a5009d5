"""Upgrading a member mid-year from the Renewals screen: preview, refusal, then the upgrade."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from test_gui_renewals import _open
from test_renewal_services import sql

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.ui.pages.renewals.upgrade_dialog import UpgradeDialog

from conftest import when_modal_dialog_opens


def test_an_upgrade_to_premier_shows_its_price_first_and_needs_the_approval(
    qtbot: Any, main_window: Any, context: Any, tricky_names: list[str]
) -> None:
    name = tricky_names[1].strip()
    organization = context.organizations.create(
        {"display_name": name, "org_type": "commercial", "country": "US", "employees": "600"}
    )
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    page = _open(qtbot, main_window)
    page.select(organization)
    assert page.buttons["upgrade"].isEnabled()
    seen: dict[str, str] = {}

    def refused(dialog: QDialog) -> None:
        assert isinstance(dialog, UpgradeDialog)
        dialog.tier.setCurrentIndex(dialog.tier.findData("premier"))
        dialog.effective.setDate(QDate(2026, 7, 1))
        seen["refused"] = dialog.preview.text()
        assert not dialog.upgrade_button.isEnabled()
        dialog.reject()

    when_modal_dialog_opens(qtbot, refused)
    page.buttons["upgrade"].click()
    assert "approved by the Governing Board" in seen["refused"]
    assert sql(context, "SELECT count(*) FROM invoices") == [(0,)]

    application = context.memberships.record_application(
        organization, Tier.PREMIER, date(2026, 5, 1)
    )
    context.memberships.update_application(
        application, outcome="approved", decided_on=date(2026, 6, 1)
    )

    def upgrade(dialog: QDialog) -> None:
        assert isinstance(dialog, UpgradeDialog)
        dialog.tier.setCurrentIndex(dialog.tier.findData("premier"))
        dialog.effective.setDate(QDate(2026, 7, 1))
        seen["price"] = dialog.preview.text()
        assert sql(context, "SELECT count(*) FROM invoices") == [(0,)]  # not yet
        if os.environ.get("PTF_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["PTF_SCREENSHOTS"]) / "upgrade.png"))
        dialog.upgrade_button.click()

    when_modal_dialog_opens(qtbot, upgrade)
    page.buttons["upgrade"].click()
    assert seen["price"].endswith("Total: USD 60,493.15")
    assert "Premier membership, 2026-07-01 to 2026-12-31" in seen["price"]
    qtbot.waitUntil(lambda: not page.busy())
    assert page.status.text().startswith(
        f"Upgraded {name} to Premier from 2026-07-01: USD 60,493.15 in a draft invoice."
    )
    assert sql(context, "SELECT tier FROM organizations WHERE id = ?", organization.hex) == [
        ("premier",)]  # fmt: skip
    assert sql(context, "SELECT total_minor, status FROM invoices") == [(6_049_315, "draft")]


def test_a_higher_band_from_the_employee_count(qtbot: Any, main_window: Any, context: Any) -> None:
    organization = context.organizations.create(
        {"display_name": "Grower", "org_type": "commercial", "country": "US", "employees": "600"}
    )
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    page = _open(qtbot, main_window)
    page.select(organization)
    seen: list[str] = []

    def band(dialog: QDialog) -> None:
        assert isinstance(dialog, UpgradeDialog)
        dialog.effective.setDate(QDate(2026, 10, 1))
        seen.append(dialog.preview.text())  # the same band: nothing more to pay
        dialog.employees.setValue(3500)
        seen.append(dialog.preview.text())
        dialog.upgrade_button.click()

    when_modal_dialog_opens(qtbot, band)
    page.buttons["upgrade"].click()
    assert "costs nothing more" in seen[0]
    assert seen[1].endswith("Total: USD 2,520.55")
    qtbot.waitUntil(lambda: not page.busy())
    assert sql(context, "SELECT employees FROM organizations") == [(3500,)]
