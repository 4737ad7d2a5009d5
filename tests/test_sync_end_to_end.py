"""Team sync end to end: real laptops (SQLite), a real ptf-server (uvicorn, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ptf_desktop.services.sync.client import SyncError

from helpers.billing import add_organization, membership_spec
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


def test_seed_then_join_then_edits_flow_both_ways(
    server: RunningServer, laptops: list[Laptop], tricky_names: list[str]
) -> None:
    alpha, bravo, _ = laptops
    names = tricky_names[:12]
    orgs = [add_organization(alpha.context, name) for name in names]
    first = alpha.invoices.create_draft(membership_spec(orgs[0]))
    assert alpha.invoices.issue(first, ISSUED_ON).number == "INV-2027-0001"

    alpha.join(server)
    bravo.join(server)

    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None
    assert bravo.invoices.pdf(first) == alpha.invoices.pdf(first)
    # Entries of one moment may list in any order.
    histories = [laptop.context.audit.history(owner_id=orgs[0]) for laptop in (alpha, bravo)]
    # The same entries; on bravo they arrived by sync, on alpha (which seeded) they did not.
    assert not any(record.arrived_by_sync for record in histories[0])
    assert all(record.arrived_by_sync for record in histories[1])
    seen_here = [replace(record, arrived_by_sync=False) for record in histories[1]]
    assert sorted(histories[0], key=repr) == sorted(seen_here, key=repr)
    second = bravo.invoices.create_draft(membership_spec(orgs[1]))
    assert bravo.invoices.issue(second, ISSUED_ON).number == "INV-L02-2027-0001"
    third = alpha.invoices.create_draft(membership_spec(orgs[2]))
    assert alpha.invoices.issue(third, ISSUED_ON).number == "INV-2027-0002"

    alpha.context.organizations.update(orgs[3], {"city": "Lyon"})
    bravo.context.organizations.update(orgs[3], {"website": "https://example.org"})
    alpha.sync()
    bravo.sync()
    alpha.sync()

    for laptop in (alpha, bravo):
        fields = laptop.context.organizations.get(orgs[3]).fields
        assert (fields.city, fields.website) == ("Lyon", "https://example.org")
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None
    assert alpha.context.sync.status().changes_waiting == 0


def test_same_field_edits_make_one_conflict_and_a_person_decides(
    server: RunningServer, laptops: list[Laptop]
) -> None:
    alpha, bravo, _ = laptops
    org = add_organization(alpha.context, "Conflicted Labs")
    alpha.join(server)
    bravo.join(server)
    alpha.context.organizations.update(org, {"city": "Lyon"})
    bravo.context.organizations.update(org, {"city": "Graz", "postal_code": "8010"})
    alpha.sync()
    report = bravo.sync()

    assert report.conflicts == 1
    [conflict] = bravo.context.sync.conflicts()
    assert (conflict["field"], conflict["base"], conflict["mine"], conflict["theirs"]) == (
        "city",
        "Berlin",
        "Graz",
        "Lyon",
    )
    fields = bravo.context.organizations.get(org).fields
    assert (fields.city, fields.postal_code) == ("Lyon", "8010")  # server value stays

    bravo.context.sync.resolve(conflict["id"], "mine")
    alpha.sync()
    assert alpha.context.organizations.get(org).fields.city == "Graz"
    assert bravo.context.sync.conflicts() == []
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None


def test_delete_against_edit_is_a_conflict(server: RunningServer, laptops: list[Laptop]) -> None:
    alpha, bravo, _ = laptops
    org = add_organization(alpha.context, "Deleted Or Not")
    alpha.join(server)
    bravo.join(server)
    alpha.context.organizations.update(org, {"city": "Lyon"})
    bravo.context.organizations.delete(org)
    alpha.sync()
    report = bravo.sync()

    assert report.conflicts == 1
    [conflict] = bravo.context.sync.conflicts()
    assert conflict["field"] == "*" and conflict["mine"]["deleted"] is True
    assert not bravo.context.organizations.get(org).deleted  # kept until a person decides
    alpha.sync()
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None


def test_a_register_cannot_join_a_server_that_has_one(
    server: RunningServer, laptops: list[Laptop]
) -> None:
    alpha, bravo, charlie = laptops
    add_organization(alpha.context, "First Register")
    alpha.join(server)
    add_organization(bravo.context, "Second Register")
    code = server.add_device("bravo")
    with pytest.raises(SyncError, match="already holds a register"):
        bravo.context.sync.join(server.url, code, "bravo")
    assert bravo.context.sync.status().server_url is None
    charlie.context.sync.join(server.url, code, "charlie")  # the code is still good
    assert [
        r.display_name
        for r in charlie.context.organization_queries.page(
            __import__(
                "ptf_desktop.services.register.organization_records", fromlist=["OrganizationQuery"]
            ).OrganizationQuery(),
            0,
            10,
        )
    ] == ["First Register"]


def test_a_join_in_tiny_pages_gets_every_parent_in_time(
    server: RunningServer, laptops: list[Laptop]
) -> None:
    from ptf_desktop.services.sync.engine import SyncEngine

    alpha, bravo, _ = laptops
    orgs = [add_organization(alpha.context, f"Paged Org {i}") for i in range(4)]
    for org in orgs:
        alpha.context.organizations.add_contact(org, {"name": "Kim", "email": "k@example.org"})
    draft = alpha.invoices.create_draft(membership_spec(orgs[0]))
    alpha.invoices.issue(draft, ISSUED_ON)
    alpha.join(server)
    alpha.context.organizations.update(orgs[1], {"city": "Lyon"})  # a parent logged again
    alpha.sync()

    paged = SyncEngine(bravo.context.factories, bravo.context.path, page_rows=3)
    report = paged.join(server.url, server.add_device("bravo"), "bravo")

    assert report.pulled < 2 * len(server_snapshot(server)["organizations"]) + 200
    assert first_difference(alpha.snapshot(), bravo.snapshot(), server_snapshot(server)) is None
