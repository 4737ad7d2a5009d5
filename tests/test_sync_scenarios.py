"""Team sync scenarios made offline: derived totals, every certificate key, conflicts kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from ptf_desktop.persistence.postgres import make_postgres_engine

from helpers.billing import add_organization, membership_spec
from helpers.certificates import ISSUE_DAY, add_member, configure_signatory, enable_signing
from helpers.sync_laptops import Laptop, first_difference, server_snapshot
from helpers.sync_server import RunningServer, running_server

ISSUED_ON = date(2027, 1, 4)


@pytest.fixture
def server(sync_database_url: str, memory_keyring: object) -> Iterator[RunningServer]:
    with running_server(sync_database_url, upgrade=False) as running:
        yield running


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[list[Laptop]]:
    made = [Laptop(tmp_path, name) for name in ("alpha", "bravo", "charlie")]
    yield made
    for laptop in made:
        laptop.close()


def _server_invoice(server: RunningServer, number: str) -> tuple[int, int, str]:
    engine = make_postgres_engine(server.database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT paid_minor, credited_minor, status FROM invoices WHERE number = :n"),
                {"n": number},
            ).one()
    finally:
        engine.dispose()
    return int(row.paid_minor), int(row.credited_minor), str(row.status)


def test_payments_recorded_offline_on_two_laptops_add_up_on_the_server(
    server: RunningServer, laptops: list[Laptop], tricky_names: list[str]
) -> None:
    alpha, bravo, _ = laptops
    org = add_organization(alpha.context, tricky_names[0])
    invoice = alpha.invoices.create_draft(membership_spec(org, "1000"))
    number = alpha.invoices.issue(invoice, ISSUED_ON).number
    alpha.join(server)
    bravo.join(server)
    # Offline, each laptop records a part payment: each stores its own sum on the invoice.
    alpha.context.payments.record(number, "300", date(2027, 1, 20))
    bravo.context.payments.record(number, "700", date(2027, 1, 21))

    alpha.sync()
    report = bravo.sync()
    alpha.sync()

    assert report.conflicts == 0  # derived fields never conflict: the server works them out
    assert bravo.context.sync.conflicts() == []
    assert _server_invoice(server, number) == (100_000, 0, "paid")
    for laptop in (alpha, bravo):
        summary = laptop.invoices.get(invoice).summary
        assert (summary.paid.amount, summary.status) == (1000, "paid")
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None


def test_the_server_ignores_a_total_a_laptop_writes_itself(
    server: RunningServer, laptops: list[Laptop]
) -> None:
    alpha, bravo, _ = laptops
    org = add_organization(alpha.context, "Derived Totals SA")
    invoice = alpha.invoices.create_draft(membership_spec(org, "1000"))
    number = alpha.invoices.issue(invoice, ISSUED_ON).number
    alpha.context.payments.record(number, "250", date(2027, 1, 20))
    alpha.join(server)
    bravo.join(server)
    # A client that writes the totals directly (a bug, an old version, a hand edit).
    with bravo.context.factories.write.begin() as session:
        session.execute(
            text("UPDATE invoices SET paid_minor = 99999, status = 'paid' WHERE number = :n"),
            {"n": number},
        )

    bravo.sync()

    assert _server_invoice(server, number) == (25_000, 0, "partially paid")
    summary = bravo.invoices.get(invoice).summary
    assert (summary.paid.amount, summary.status) == (250, "partially paid")
    alpha.sync()
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None


def test_certificates_issued_offline_with_two_keys_verify_on_every_laptop(
    server: RunningServer, laptops: list[Laptop], tmp_path: Path, tricky_names: list[str]
) -> None:
    alpha, bravo, charlie = laptops
    configure_signatory(alpha.context)
    _, alpha_term = add_member(alpha.context, tricky_names[1])
    _, bravo_term = add_member(alpha.context, tricky_names[2])
    alpha.join(server)
    bravo.join(server)
    for laptop in (alpha, bravo):  # each signs with its own file, which stays on it
        (tmp_path / laptop.name).mkdir()
        enable_signing(laptop.context, tmp_path / laptop.name)
    # Neither laptop had a key when joining; each makes its own offline with its first
    # certificate.
    issued = {
        laptop.name: laptop.context.certificates.issue(term, on=ISSUE_DAY)
        for laptop, term in ((alpha, alpha_term), (bravo, bravo_term))
    }
    keys = [laptop.context.certificate_settings.verification_key() for laptop in (alpha, bravo)]
    assert keys[0] != keys[1]
    files = {
        laptop.name: laptop.context.certificates.save_pdf(
            issued[laptop.name].id, tmp_path / f"{laptop.name}.pdf"
        )
        for laptop in (alpha, bravo)
    }
    assert not alpha.context.certificate_verifier.verify_file(files["bravo"]).valid  # not yet

    bravo.sync()
    alpha.sync()
    bravo.sync()
    charlie.join(server)

    for laptop in (alpha, bravo, charlie):
        for name, path in files.items():
            verdict = laptop.context.certificate_verifier.verify_file(path)
            assert verdict.problems == (), (laptop.name, name)
            assert verdict.number == issued[name].number
        # Both keys are kept, and new certificates take the newest, the same everywhere.
        assert laptop.context.certificate_settings.verification_key() in keys
    newest = {laptop.context.certificate_settings.verification_key()
              for laptop in (alpha, bravo, charlie)}  # fmt: skip
    assert len(newest) == 1
    assert alpha.context.sync.status().changes_waiting == 0
    snapshots = (alpha.snapshot(), bravo.snapshot(), charlie.snapshot(), server_snapshot(server))
    assert first_difference(*snapshots) is None
    assert len(snapshots[0]["certificate_verification_keys"]) == 2


def test_conflicting_offline_edits_on_three_laptops_keep_every_value(
    server: RunningServer, laptops: list[Laptop]
) -> None:
    alpha, bravo, charlie = laptops
    org = add_organization(alpha.context, "Three Ways Ltd")
    for laptop in laptops:
        laptop.join(server)
    for laptop, city in zip(laptops, ("Lyon", "Graz", "Porto"), strict=True):
        laptop.context.organizations.update(org, {"city": city})

    for _ in range(2):  # the second round brings each laptop what the others pushed
        for laptop in laptops:
            laptop.sync()

    kept = sorted((c["base"], c["mine"], c["theirs"]) for c in alpha.context.sync.conflicts())
    assert kept == [("Berlin", "Graz", "Lyon"), ("Berlin", "Porto", "Lyon")]
    for laptop in laptops:  # the first value to arrive stands until a person decides
        assert laptop.context.organizations.get(org).fields.city == "Lyon"
    snapshots = [laptop.snapshot() for laptop in laptops]
    assert first_difference(*snapshots, server_snapshot(server)) is None
