"""Services say in the log what they did: one INFO line with the essentials per operation."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services import database_service
from ptf_desktop.services.context import open_context

from conftest import read_tricky_names
from helpers.billing import add_organization, membership_spec
from helpers.billing_ui import use_plain_pdfs
from helpers.organization_csv import row, write_csv


def _info(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]


def test_creating_a_database_is_logged(
    database_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="ptf_desktop"):
        open_context(database_path).close()
    assert any(m.startswith(f"Created {database_path} at schema ") for m in _info(caplog))


def test_backups_issuing_imports_and_batches_are_logged(
    context: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    use_plain_pdfs(context)
    name = read_tricky_names()[0]
    organization = add_organization(context, name)
    context.memberships.admit(organization, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    draft = context.invoices.create_draft(membership_spec(organization, "1000"))
    csv = write_csv(tmp_path / "members.csv", [row(name="Initech")])

    with caplog.at_level(logging.INFO, logger="ptf_desktop"):
        backup = database_service.back_up(context.path)
        issued = context.invoices.issue(draft)
        context.organization_import.import_csv(csv)
        context.renewal_preparation.prepare(2027)

    lines = _info(caplog)
    assert f"Backed up {context.path} to {backup}" in lines
    assert f"Issued invoice {issued.number} ({issued.id})" in lines
    assert "Imported 1 organizations from members.csv" in lines
    assert any(m.startswith("Prepared ") and " for 2027 (" in m for m in lines)
    assert not any(name in m for m in lines)  # names stay out of the log
