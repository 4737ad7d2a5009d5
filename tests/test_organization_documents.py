"""An organization's documents, the global search and the contacts directory (services)."""

from __future__ import annotations

from typing import Any

import pytest

from ptf_desktop.services.register.global_search import (
    CERTIFICATE,
    CONTACT,
    CREDIT_NOTE,
    INVOICE,
    ORGANIZATION,
    QUOTE,
)

from helpers.billing import add_organization, usd
from helpers.member_record import full_member

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def test_the_documents_of_an_organization_are_its_own(
    context: Any, tricky_names: list[str]
) -> None:
    record = full_member(context, tricky_names[1])
    other = full_member(context, tricky_names[2], contact="Someone Else")
    documents = context.organization_documents.of(record.organization_id)
    assert [i.number for i in documents.invoices] == [record.invoice_number, None]
    assert documents.invoices[1].id == record.draft_id
    assert [q.number for q in documents.quotes] == [record.quote_number]
    assert [n.number for n in documents.credit_notes] == [record.credit_note_number]
    assert [p.amount for p in documents.payments] == [usd("300")]
    assert documents.balances == (usd("500"),)  # the draft is not owed yet
    assert [c.number for c in documents.certificates] == [record.certificate_number]
    assert other.invoice_number not in {i.number for i in documents.invoices}


def test_an_organization_without_documents_has_empty_lists(context: Any) -> None:
    documents = context.organization_documents.of(add_organization(context, "CON"))
    assert documents.invoices == documents.quotes == documents.certificates == ()
    assert documents.balances == ()


def test_global_search_finds_every_kind(context: Any, tricky_names: list[str]) -> None:
    name = "Müller & Söhne Maschinenbau AG"
    record = full_member(context, name)
    add_organization(context, "+1 Solutions; DROP TABLE organizations;--")

    def kinds(text: str) -> set[tuple[str, str]]:
        return {(hit.kind, hit.title) for hit in context.global_search.search(text)}

    assert (ORGANIZATION, name) in kinds("müller & SÖHNE")
    assert (CONTACT, 'Ünal "Quoted" <Primary>') in kinds('"Quoted"')
    assert (CONTACT, 'Ünal "Quoted" <Primary>') in kinds("unal@example")
    assert (INVOICE, record.invoice_number) in kinds(record.invoice_number.lower())
    assert (QUOTE, record.quote_number) in kinds(record.quote_number)
    assert (CREDIT_NOTE, record.credit_note_number) in kinds(record.credit_note_number)
    assert (CERTIFICATE, record.certificate_number) in kinds(record.certificate_number)
    assert kinds("DROP TABLE") == {(ORGANIZATION, "+1 Solutions; DROP TABLE organizations;--")}
    assert kinds("%") == set()  # a wildcard is a character, not a pattern
    assert kinds("   ") == set()
    hit = next(h for h in context.global_search.search('"Quoted"') if h.kind == CONTACT)
    assert hit.organization_id == record.organization_id


def test_global_search_is_bounded(context: Any) -> None:
    for n in range(12):
        add_organization(context, f"Bounded Org {n:02}")
    hits = context.global_search.search("bounded org", per_kind=5)
    assert [h.title for h in hits] == [f"Bounded Org {n:02}" for n in range(5)]


def test_the_contacts_directory_lists_and_searches_people(
    context: Any, tricky_names: list[str]
) -> None:
    for n, name in enumerate(tricky_names[:6]):
        organization = add_organization(context, name)
        context.organizations.add_contact(
            organization,
            {"name": f"Person {n}", "email": f"p{n}@example.com", "roles": ["billing"]},
        )
    page = context.contact_directory.list()
    assert not page.more and len(page.entries) == 6
    assert {(e.name, e.organization) for e in page.entries} >= {("Person 3", tricky_names[3])}
    found = context.contact_directory.list("person p2@example")
    assert [(e.name, e.email, e.roles) for e in found.entries] == [
        ("Person 2", "p2@example.com", "billing")
    ]
    assert (
        context.contact_directory.list("o'reilly").entries[0].organization == "O'Reilly Media, Inc."
    )
    capped = context.contact_directory.list(limit=2)
    assert capped.more and len(capped.entries) == 2
