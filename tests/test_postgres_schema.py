"""The laptops' schema on PostgreSQL: the migrations make what the models say.

The main services work the same on PostgreSQL as on SQLite (the team server's schema is
the laptops' schema).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from ptf_desktop.domain.organizations import MembershipStatus, Tier
from ptf_desktop.persistence import search_index
from ptf_desktop.persistence.base import Base
from ptf_desktop.persistence.postgres import make_postgres_engine, upgrade_postgres
from ptf_desktop.services.billing.invoice_service import InvoiceIssued, InvoiceService
from ptf_desktop.services.context import open_context
from ptf_desktop.services.register.organization_records import OrganizationQuery

from helpers.billing import add_organization, membership_spec
from helpers.members import add_member
from helpers.postgres import postgres_context

ISSUED_ON = date(2027, 1, 4)


def test_migrations_on_postgresql_create_exactly_what_the_models_describe(
    empty_postgres_url: str,
) -> None:
    engine = make_postgres_engine(empty_postgres_url)
    upgrade_postgres(engine)
    upgrade_postgres(engine)  # a second run finds nothing to do
    with engine.connect() as connection:
        options = {"include_name": search_index.include_name}
        differences = compare_metadata(MigrationContext.configure(connection, opts=options),
                                       Base.metadata)  # fmt: skip
        tables = set(inspect(connection).get_table_names())
        uuid_type = inspect(connection).get_columns("organizations")[0]["type"]
    engine.dispose()
    assert differences == []
    assert set(Base.metadata.tables) <= tables
    assert "UUID" in str(uuid_type).upper()


def test_both_databases_have_the_same_tables_and_columns(
    postgres_url: str, database_path: Path
) -> None:
    open_context(database_path).close()
    from ptf_desktop.persistence.engine import make_engine

    def columns(engine: Any) -> dict[str, list[str]]:
        inspector = inspect(engine)
        return {
            name: sorted(c["name"] for c in inspector.get_columns(name))
            for name in Base.metadata.tables
        }

    sqlite_engine = make_engine(database_path)
    postgres_engine = make_postgres_engine(postgres_url)
    try:
        assert columns(sqlite_engine) == columns(postgres_engine)
    finally:
        sqlite_engine.dispose()
        postgres_engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_context(request: pytest.FixtureRequest, database_path: Path) -> Iterator[Any]:
    """An AppContext on SQLite, then on PostgreSQL."""
    if request.param == "sqlite":
        context = open_context(database_path)
    else:
        context = postgres_context(request.getfixturevalue("postgres_url"), database_path)
    yield context
    context.close()


class FixedRenderer:
    def render(self, document: Any) -> bytes:
        return b"%PDF-1.7\n" + repr(document).encode()

    def warm_up(self) -> None:
        pass


def test_register_services_with_tricky_names(any_context: Any, tricky_names: list[str]) -> None:
    names = tricky_names[:40]
    ids = [any_context.organizations.create(
        {"display_name": name, "org_type": "commercial", "country": "US", "employees": "10"}
    ) for name in names]  # fmt: skip
    any_context.organizations.update(ids[0], {"employees": "1200", "city": "Austin"})
    any_context.organizations.delete(ids[1])

    details = any_context.organizations.get(ids[0])
    assert (details.fields.display_name, details.fields.employees) == (names[0], 1200)
    listed = [r.display_name for r in any_context.organization_queries.page(
        OrganizationQuery(), 0, 100)]  # fmt: skip
    stored = [any_context.organizations.get(i).fields.display_name for i in ids]
    assert sorted(listed) == sorted(stored[:1] + stored[2:])
    assert any_context.organization_queries.count(OrganizationQuery()) == len(names) - 1
    history = any_context.audit.history(owner_id=ids[0])
    assert ("employees", "10", "1200") in {(h.field, h.old_value, h.new_value) for h in history}


def test_search_is_literal_on_both(any_context: Any) -> None:
    for name in ("100% Open_Source", "1000 Open Source", "Müller & Söhne"):
        any_context.organizations.create({"display_name": name, "org_type": "commercial",
                                          "country": "US"})  # fmt: skip

    def found(text: str) -> list[str]:
        rows = any_context.organization_queries.page(OrganizationQuery(search=text), 0, 10)
        return [row.display_name for row in rows]

    assert found("0% o") == ["100% Open_Source"]
    assert found("MÜLLER") == ["Müller & Söhne"]
    assert found("'; DROP TABLE organizations;--") == []


def test_memberships_and_renewal_status(any_context: Any) -> None:
    member = add_member(any_context, "Example Labs", Tier.PREMIER)
    other = add_member(any_context, "Other Labs", Tier.GENERAL, status=MembershipStatus.GRACE)
    assert any_context.organizations.get(member).tier == Tier.PREMIER
    assert any_context.organizations.get(other).status == MembershipStatus.GRACE


def test_billing_issue_pay_credit(any_context: Any) -> None:
    invoices = InvoiceService(any_context.factories, FixedRenderer(),
                              today=lambda: date(2027, 1, 10))  # fmt: skip
    organization_id = add_organization(any_context)
    first = invoices.create_draft(membership_spec(organization_id))
    second = invoices.create_draft(membership_spec(organization_id, "25000"))
    assert invoices.issue(first, ISSUED_ON).number == "INV-2027-0001"
    assert invoices.issue(second, ISSUED_ON).number == "INV-2027-0002"
    pdf = invoices.pdf(first)
    assert invoices.get(first).pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    with pytest.raises(InvoiceIssued):
        invoices.update_draft(first, {"bill_to_name": "Someone else"})

    paid = any_context.payments.record("INV-2027-0001", "35000", date(2027, 1, 20))
    assert paid.status == "paid"
    from ptf_desktop.services.billing.credit_note_service import CreditNoteService

    credit_notes = CreditNoteService(any_context.factories, FixedRenderer(),
                                     today=lambda: date(2027, 1, 10))  # fmt: skip
    note = credit_notes.create("INV-2027-0002", "Wrong amount", "5000", date(2027, 1, 21))
    assert note.number == "CN-2027-0001"
    assert [n.number for n in credit_notes.list()] == ["CN-2027-0001"]


def test_renewals_and_status_changes_are_written_in_bulk_on_both(
    any_context: Any, tricky_names: list[str]
) -> None:
    # The bulk writer (persistence/bulk_writer.py) and the audit writer on either dialect.
    general = add_member(any_context, tricky_names[0], Tier.GENERAL)
    premier = add_member(any_context, tricky_names[1], Tier.PREMIER)
    assert any_context.renewal_preparation.prepare(2027).renewed == 2
    assert any_context.renewal_preparation.prepare(2027).renewed == 0  # nothing twice
    drafts = [i for i in InvoiceService(any_context.factories, FixedRenderer()).list()
              if i.status == "draft"]  # fmt: skip
    assert {d.organization_id for d in drafts} == {general, premier}
    assert any_context.organizations.get(general).term_end == date(2027, 12, 31)
    history = any_context.audit.history(owner_id=general)
    created = {(h.entity_type, h.field, h.new_value) for h in history if h.action == "create"}
    assert {("term", "end_date", "2027-12-31"), ("invoice", "renewal_year", "2027"),
            ("invoice", "bill_to_name", tricky_names[0])} <= created  # fmt: skip

    changes = any_context.renewals.apply_status_transitions(date(2028, 2, 1))
    assert {(c.organization_id, c.new) for c in changes} == {
        (general, MembershipStatus.GRACE), (premier, MembershipStatus.GRACE)
    }  # fmt: skip
    assert any_context.organizations.get(premier).status == MembershipStatus.GRACE
    history = any_context.audit.history(owner_id=premier)
    assert ("status", "active", "grace") in {(h.field, h.old_value, h.new_value) for h in history}


def test_settings_round_trip(any_context: Any) -> None:
    any_context.settings.save({"signatory_name": "Ada Lovelace", "payment_terms_days": 45})
    loaded = any_context.settings.load()
    assert (loaded.signatory_name, loaded.payment_terms_days) == ("Ada Lovelace", 45)
