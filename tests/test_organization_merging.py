"""Merging two records of one organization: everything moves, the other is kept as merged."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence.models import Invoice, Organization
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.matching import MatchRule
from ptf_desktop.services.register.merging import MergeError, MergeService
from ptf_desktop.services.register.organization_records import OrganizationQuery

from helpers.billing import add_organization, configure_seller, membership_spec

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def merger(context: AppContext) -> MergeService:
    return MergeService(context.factories)


def listed(context: AppContext) -> list[str]:
    return [r.display_name for r in context.organization_queries.page(OrganizationQuery(), 0, 100)]


def test_merge_moves_contacts_terms_documents_and_keeps_the_other_as_merged(
    context: AppContext, tricky_names: list[str]
) -> None:
    configure_seller(context)
    name = tricky_names[4]  # Müller & Söhne Maschinenbau AG
    survivor = add_organization(context, name, website="https://mueller.example")
    other = add_organization(context, name.upper(), vat_id="DE136695976", city="München")
    context.organizations.add_contact(
        other, {"name": "Zoë Ångström", "email": "zoe@mueller.example", "roles": ["billing"]}
    )
    context.memberships.admit(other, Tier.GENERAL, date(2026, 1, 1))
    invoice = context.invoices.create_draft(membership_spec(other))
    issued = context.invoices.issue(invoice, date(2026, 2, 1))
    context.organizations.add_testimonial(
        other, "Zoë Ångström", "Great foundation.", date(2026, 3, 1)
    )

    comparison = merger(context).compare(survivor, other)
    assert comparison.suggested_survivor == other  # the member is suggested
    assert comparison.second.values["vat_id"] == "DE136695976"
    assert comparison.second.belongings["invoices"] == 1

    result = merger(context).merge(
        survivor, other, take_from_merged={"vat_id", "city", "membership"}
    )

    assert result.moved["contacts"] == 1 and result.moved["invoices"] == 1
    assert result.moved["membership terms"] == 1 and result.moved["testimonials"] == 1
    record = context.organizations.get(survivor)
    assert record.fields.vat_id == "DE136695976" and record.fields.city == "München"
    assert record.fields.website == "https://mueller.example"
    assert record.tier is Tier.GENERAL and record.term_end == date(2026, 12, 31)
    assert [c.fields.name for c in record.contacts] == ["Zoë Ångström"]
    assert [t.tier for t in record.terms] == [Tier.GENERAL]
    assert [t.person for t in record.testimonials] == ["Zoë Ångström"]
    # The issued invoice now belongs to the survivor; what was printed stays.
    details = context.invoices.get(invoice)
    assert details.summary.organization_id == survivor
    assert details.summary.number == issued.number
    assert details.bill_to.name == name.upper()
    # The other record is kept, merged, and out of the list.
    assert listed(context) == [name]
    with context.factories.read.begin() as session:
        kept = session.get(Organization, other)
        assert kept is not None and kept.merged_into == survivor and kept.deleted
    # The survivor's history shows the merged record's history and the move.
    history = context.audit.history(owner_id=survivor)
    assert any(entry.entity_id == other for entry in history)
    assert any(
        entry.entity_type == "contact" and entry.field == "organization_id" for entry in history
    )


# The guard is a trigger of the laptops' SQLite (the team server checks its own rules).
@pytest.mark.sqlite_only
def test_an_issued_invoice_still_cannot_move_to_any_other_organization(context: AppContext) -> None:
    configure_seller(context)
    first = add_organization(context, "Acme")
    second = add_organization(context, "Bravo")
    invoice = context.invoices.create_draft(membership_spec(first))
    context.invoices.issue(invoice, date(2026, 2, 1))
    with pytest.raises(IntegrityError, match="issued invoice cannot be changed"):
        with context.factories.write.begin() as session:
            row: Any = session.get(Invoice, invoice)
            row.organization_id = second


def test_merging_a_record_with_itself_or_twice_is_refused(context: AppContext) -> None:
    first = add_organization(context, "Acme")
    second = add_organization(context, "Acme GmbH")
    with pytest.raises(MergeError):
        merger(context).merge(first, first)
    merger(context).merge(first, second)
    with pytest.raises(Exception, match="no longer exists"):
        merger(context).merge(first, second)


def test_possible_duplicates_name_each_pair_once_with_its_rule(
    context: AppContext, tricky_names: list[str]
) -> None:
    for name in tricky_names:
        add_organization(context, name)
    add_organization(context, tricky_names[0].upper())  # AT&T INC.
    add_organization(context, "Other name", website="https://www.acme.example")
    add_organization(context, "Third name", website="acme.example/contact")
    pairs = merger(context).possible_duplicates()
    assert [(p.first_name, p.second_name, p.rule) for p in pairs] == [
        (tricky_names[0], tricky_names[0].upper(), MatchRule.NAME_AND_COUNTRY),
        ("Other name", "Third name", MatchRule.WEBSITE_DOMAIN),
    ]
    merger(context).merge(pairs[0].first_id, pairs[0].second_id)
    assert len(merger(context).possible_duplicates()) == 1


def test_organizations_of_another_id(context: AppContext) -> None:
    with pytest.raises(Exception, match="no longer exists"):
        merger(context).compare(uuid.uuid4(), add_organization(context))
    with context.factories.read.begin() as session:
        assert session.scalars(select(Organization.merged_into)).all() == [None]


def test_a_merged_organization_cannot_be_restored_on_its_own(context: AppContext) -> None:
    first = add_organization(context, "Acme")
    second = add_organization(context, "ACME GmbH")
    merger(context).merge(first, second)
    with pytest.raises(UserError, match="was merged into Acme"):
        context.organizations.restore(second)
    assert context.organizations.get(second).deleted
