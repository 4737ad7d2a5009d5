"""The server's own business rules, whatever a client sends."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.persistence.sync import local_state
from ptf_desktop.services.sync.client import SyncClient

from helpers.billing import add_organization, membership_spec
from helpers.sync_laptops import Laptop, server_snapshot
from helpers.sync_server import RunningServer, running_server


@pytest.fixture
def server(sync_database_url: str, memory_keyring: object) -> Iterator[RunningServer]:
    with running_server(sync_database_url, upgrade=False) as running:
        yield running


@pytest.fixture
def setup(server: RunningServer, tmp_path: Path, memory_keyring: Any) -> Iterator[dict[str, Any]]:
    alpha, bravo = Laptop(tmp_path, "alpha"), Laptop(tmp_path, "bravo")
    org = add_organization(alpha.context, "Rules Apply GmbH")
    invoice = alpha.invoices.create_draft(membership_spec(org))
    alpha.invoices.issue(invoice, date(2027, 1, 4))
    alpha.context.payments.record("INV-2027-0001", "1000", date(2027, 1, 20))
    alpha.join(server)
    bravo.join(server)
    with bravo.context.factories.read.begin() as session:
        key = local_state.get(session.connection(), "token_key")
    token = memory_keyring.passwords[("ptf-desktop", f"sync-device-token-{key}")]
    client = SyncClient(server.url, token)
    yield {"alpha": alpha, "bravo": bravo, "client": client, "invoice": invoice, "org": org}
    client.close()
    alpha.close()
    bravo.close()


def push(client: SyncClient, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.push(str(uuid.uuid4()), list(changes), False)
    return list(answer["results"])


def change(table: str, row_id: Any, fields: dict[str, Any], old: dict[str, Any] | None = None,
           base: int = 1, op: str = "update") -> dict[str, Any]:  # fmt: skip
    return {"change_id": str(uuid.uuid4()), "table": table, "row_id": str(row_id), "op": op,
            "base_version": base, "fields": fields, "old": old or {}}  # fmt: skip


def new_invoice(server: RunningServer, invoice: Any, number: str) -> dict[str, Any]:
    row = dict(server_snapshot(server)["invoices"][str(invoice)])
    row.update(id=str(uuid.uuid4()), number=number, series=number.rsplit("-", 1)[0])
    return change("invoices", row["id"], row, op="insert", base=0)


def test_issued_invoices_and_payments_do_not_change(
    server: RunningServer, setup: dict[str, Any]
) -> None:
    client, invoice = setup["client"], setup["invoice"]
    payment = next(iter(server_snapshot(server)["payments"]))
    [edited, paid_more, back_to_draft] = push(
        client,
        change("invoices", invoice, {"bill_to_name": "Someone Else"}, {"bill_to_name": "x"}),
        change("payments", payment, {"amount_minor": 1}, {"amount_minor": 100000}),
        change("invoices", invoice, {"status": "draft"}, {"status": "partially paid"}),
    )
    assert edited["status"] == "refused" and "INV-2027-0001 is issued" in edited["reason"]
    assert paid_more["status"] == "refused" and "payment" in paid_more["reason"]
    assert back_to_draft["status"] == "refused" and "cannot become draft" in back_to_draft["reason"]
    assert server_snapshot(server)["invoices"][str(invoice)]["bill_to_name"] != "Someone Else"


def test_a_device_numbers_only_in_its_own_series_without_gaps_or_duplicates(
    server: RunningServer, setup: dict[str, Any]
) -> None:
    client, invoice = setup["client"], setup["invoice"]
    results = push(
        client,
        new_invoice(server, invoice, "INV-2027-0002"),
        new_invoice(server, invoice, "INV-L01-2027-0001"),
        new_invoice(server, invoice, "INV-L02-2027-0002"),
        new_invoice(server, invoice, "INV-L02-2027-0001"),
        new_invoice(server, invoice, "INV-L02-2027-0001"),
    )
    reasons = [(r["status"], r.get("reason", "")) for r in results]
    assert reasons[0][0] == "refused" and "not this device's (L02)" in reasons[0][1]
    assert reasons[1][0] == "refused" and "belongs to device L01" in reasons[1][1]
    assert reasons[2][0] == "refused" and "gap" in reasons[2][1]
    assert reasons[3][0] == "applied"
    assert reasons[4][0] == "refused" and "duplicate" in reasons[4][1]


def test_a_refused_local_change_is_kept_for_a_person_and_the_row_comes_back(
    server: RunningServer, setup: dict[str, Any]
) -> None:
    bravo, alpha = setup["bravo"], setup["alpha"]
    path = bravo.context.path
    with closing(sqlite3.connect(path)) as connection:  # what no service would do
        # The laptop's own guard refuses it too; a laptop without it (an older version, a
        # script) must still meet the server's rule.
        connection.execute("DROP TRIGGER guard_payment_update")
        connection.execute("UPDATE payments SET amount_minor = 1, updated_at = ?",
                           (datetime.now(UTC).replace(tzinfo=None),))  # fmt: skip
        connection.commit()
    report = bravo.sync()
    assert report.refused == 1
    assert bravo.context.sync.status().changes_refused == 1
    with closing(sqlite3.connect(path)) as connection:
        reason = connection.execute("SELECT reason FROM sync_refused").fetchone()[0]
        amount = connection.execute("SELECT amount_minor FROM payments").fetchone()[0]
    assert "cannot be changed" in reason and amount == 100000
    alpha.sync()
    assert alpha.snapshot() == bravo.snapshot() == server_snapshot(server)
