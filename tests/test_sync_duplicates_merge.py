"""Duplicates made offline: two laptops create the same organization, one merges them.

Real laptops (SQLite) and a real ptf-server (uvicorn, PostgreSQL): the merge travels
like any other change, issued invoices included (the server lets an issued invoice move
only to the organization its own was merged into).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ptf_desktop.services.register.matching import MatchRule
from ptf_desktop.services.register.merging import MergeService

from helpers.billing import add_organization, membership_spec
from helpers.sync_laptops import Laptop, first_difference, server_snapshot
from helpers.sync_server import RunningServer, running_server


@pytest.fixture
def server(empty_postgres_url: str, memory_keyring: object) -> Iterator[RunningServer]:
    with running_server(empty_postgres_url) as running:
        yield running


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[list[Laptop]]:
    made = [Laptop(tmp_path, name) for name in ("alpha", "bravo")]
    yield made
    for laptop in made:
        laptop.close()


def test_two_records_made_offline_are_found_merged_and_the_merge_travels(
    server: RunningServer, laptops: list[Laptop], tricky_names: list[str]
) -> None:
    alpha, bravo = laptops
    add_organization(alpha.context, "Seed Org")
    alpha.join(server)
    bravo.join(server)
    name = tricky_names[4]  # Müller & Söhne Maschinenbau AG
    # Offline, each laptop records the same new member.
    mine = add_organization(alpha.context, name, vat_id="DE136695976")
    theirs = add_organization(bravo.context, name.upper(), vat_id="DE 136695976")
    bravo.context.organizations.add_contact(
        theirs, {"name": "Zoë Ångström", "email": "zoe@m.example", "roles": ["billing"]}
    )
    invoice = bravo.invoices.create_draft(membership_spec(theirs))
    number = bravo.invoices.issue(invoice, date(2027, 1, 4)).number
    bravo.sync()
    alpha.sync()

    merges = MergeService(alpha.context.factories)
    pairs = merges.possible_duplicates()
    assert [(p.first_id, p.second_id, p.rule) for p in pairs] == [(mine, theirs, MatchRule.TAX_ID)]
    merges.merge(mine, theirs)
    alpha.sync()
    bravo.sync()

    for laptop in (alpha, bravo):
        record = laptop.context.organizations.get(mine)
        assert [c.fields.name for c in record.contacts] == ["Zoë Ångström"]
        assert laptop.context.organizations.get(theirs).deleted
        details = laptop.invoices.get(invoice)
        assert (details.summary.organization_id, details.summary.number) == (mine, number)
        assert MergeService(laptop.context.factories).possible_duplicates() == []
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None
    assert alpha.context.sync.status().changes_waiting == 0
