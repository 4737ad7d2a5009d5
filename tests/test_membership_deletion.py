"""An organization with issued invoices stays in the register: the service and ``ptf`` refuse."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from test_gui_organization_editor import answer_with, click, open_editor

from ptf_desktop.cli.main import main
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.organization_service import OrganizationHasInvoices

from conftest import click_button, when_modal_dialog_opens
from helpers.billing import add_organization, configure_seller, membership_spec

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def _issued(context: AppContext, name: str) -> tuple[object, str]:
    configure_seller(context)
    organization = add_organization(context, name)
    invoice = context.invoices.create_draft(membership_spec(organization))
    number = context.invoices.issue(invoice, date(2026, 12, 7)).number
    return organization, str(number)


def test_an_organization_with_an_issued_invoice_cannot_be_deleted(
    context: AppContext, tricky_names: list[str]
) -> None:
    name = tricky_names[0]
    organization, number = _issued(context, name)
    with pytest.raises(OrganizationHasInvoices) as refused:
        context.organizations.delete(organization)  # type: ignore[arg-type]
    assert name in str(refused.value) and number in str(refused.value)
    assert "Cancelled" in str(refused.value)
    assert context.organizations.get(organization).fields.display_name == name  # type: ignore[arg-type]


def test_one_with_drafts_only_is_deleted_and_restored(context: AppContext) -> None:
    organization = add_organization(context, "Draft Only Ltd")
    context.invoices.create_draft(membership_spec(organization))
    context.organizations.delete(organization)
    context.organizations.restore(organization)
    assert context.organizations.get(organization).fields.display_name == "Draft Only Ltd"


@pytest.mark.sqlite_only  # the command line opens a file
def test_ptf_organizations_delete_refuses_in_one_line(
    context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    _, number = _issued(context, "Billed Corp")
    kept = add_organization(context, "Never Billed Corp")
    database = str(context.path)
    assert main(["--database", database, "organizations", "delete", "Billed Corp"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("ptf: error: Billed Corp cannot be deleted")
    assert number in captured.err and captured.err.count("\n") == 1
    assert main(["--database", database, "organizations", "delete", str(kept)]) == 0
    assert capsys.readouterr().out == "Deleted Never Billed Corp.\n"


def test_the_editor_says_why_it_does_not_delete(qtbot: QtBot, context: AppContext) -> None:
    """A person clicks Delete, confirms, and reads why the organization stays."""
    organization, number = _issued(context, "Billed Corp")
    stack = QUndoStack()
    dialog = open_editor(qtbot, context, stack, organization)  # type: ignore[arg-type]
    seen: list[str] = []

    def confirm_then_read(box: Any) -> None:
        seen.append(box.text())
        answer_with(qtbot, "OK", seen)
        click_button(box, "Delete")

    when_modal_dialog_opens(qtbot, confirm_then_read)
    click(qtbot, dialog.delete_button)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1].startswith("Billed Corp cannot be deleted: it has issued invoices")
    assert number in seen[1] and "set its status to Cancelled" in seen[1]
    assert dialog.isVisible() and stack.count() == 0
    assert not context.organizations.get(organization).deleted  # type: ignore[arg-type]
