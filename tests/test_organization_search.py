"""Search over the organizations list: the index answers exactly what a literal scan would."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date

import pytest

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence import search_index
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.register import organization_queries
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.services.register.organization_summary import search_key

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

NEEDLES = (
    "a", "e", "@", "%", "_", "*", "?", "[", "ø", "ü", "go", "om", "e.", "@t", "\"'", "qz",
    "goo", "google", "example.org", ".example.com", "accounts.pay", "100%", "100% o", "_s",
    "[x]", "a*b", "MÜLLER", "  Müller  ", "de", "gmbh & co", "'; drop table organizations;--",
    "zzzz", "  ", "\x1f",
)  # fmt: skip
# Every plan, forced by its thresholds: (fetch up to, fetch to count up to, probe up to).
PLANS = {"fetch": (10**9, 10**9, 0), "probe": (0, 0, 10**9), "test": (0, 0, 0)}


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """Demo organizations plus every tricky name, one of them deleted."""
    from conftest import read_tricky_names

    context = open_context(tmp_path_factory.mktemp("search") / "ptf.sqlite")
    context.demo.generate(300, seed=4, today=date(2026, 6, 1))
    for name in read_tricky_names():
        context.organizations.create(organization(name, "nonprofit"))
    context.organizations.delete(context.organizations.create(organization("Gone Google")))
    yield context
    context.close()


def organization(name: str, org_type: str = "commercial") -> dict[str, str]:
    return {"display_name": name, "org_type": org_type, "country": "DE"}


def expected(context: AppContext, text: str, tier: str | None = None) -> set[str]:
    """What a literal, case-insensitive scan of the stored search text finds."""
    needle = search_key(text)
    with closing(sqlite3.connect(context.path)) as connection:
        rows = connection.execute(
            "SELECT id, search_text, tier FROM organizations WHERE NOT deleted"
        ).fetchall()
    return {
        row[0]
        for row in rows
        if needle in row[1] and "\x1f" not in needle and (tier is None or row[2] == tier)
    }


def found(context: AppContext, query: OrganizationQuery) -> tuple[int, set[str]]:
    queries = context.organization_queries
    rows = queries.page(query, 0, 10_000)
    return queries.count(query), {row.id.hex for row in rows}


@pytest.mark.parametrize("plan", PLANS)
def test_every_plan_finds_exactly_the_literal_matches(
    register: AppContext, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ("FETCH_UP_TO", "FETCH_TO_COUNT_UP_TO", "PROBE_UP_TO")
    for name, value in zip(names, PLANS[plan], strict=True):
        monkeypatch.setattr(organization_queries, name, value)
    for needle in NEEDLES:
        want = expected(register, needle)
        assert found(register, OrganizationQuery(search=needle)) == (len(want), want), needle
        with_tier = OrganizationQuery(search=needle, tiers=frozenset({Tier.GENERAL}))
        want = expected(register, needle, "general")
        assert found(register, with_tier) == (len(want), want), needle


@pytest.mark.parametrize("plan", PLANS)
def test_a_bounded_count_stops_at_its_limit_and_is_exact_below_it(
    register: AppContext, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ("FETCH_UP_TO", "FETCH_TO_COUNT_UP_TO", "PROBE_UP_TO")
    for name, value in zip(names, PLANS[plan], strict=True):
        monkeypatch.setattr(organization_queries, name, value)
    queries = register.organization_queries
    for needle in ("a", "e", "go", "qz", "%", "_s", "goo", "example.org", "\x1f", ""):
        for tier in (None, "general"):
            query = OrganizationQuery(
                search=needle, tiers=frozenset({Tier(tier)}) if tier else frozenset()
            )
            want = len(expected(register, needle, tier))
            for at_most in (1, 5, 40, 10_000):
                assert queries.count(query, at_most=at_most) == min(want, at_most), needle


def test_pages_of_a_search_follow_each_other_in_order(register: AppContext) -> None:
    queries = register.organization_queries
    query = OrganizationQuery(search="e", sort="employees", descending=True)
    pages = [queries.page(query, offset, 7) for offset in range(0, 70, 7)]
    whole = queries.page(query, 0, 70)
    assert [row.id for page in pages for row in page] == [row.id for row in whole]


def test_the_index_follows_every_change(context: AppContext) -> None:
    def ids(text: str) -> list[object]:
        rows = context.organization_queries.page(OrganizationQuery(search=text), 0, 50)
        return [row.id for row in rows]

    org = context.organizations.create(organization("Zyxw Labs"))
    assert ids("yxw") == [org] and ids("yx") == [org] and ids("zy") == [org]
    context.organizations.update(org, {"display_name": "Qrst Labs", "legal_name": "Qrst Labs"})
    assert ids("yxw") == [] and ids("rst") == [org]
    contact = context.organizations.add_contact(
        org, {"name": "Pat", "email": "pat@vwxq.example.org"}
    )
    assert ids("vwxq") == [org]
    context.organizations.remove_contact(contact)
    assert ids("vwxq") == []
    context.organizations.delete(org)
    assert ids("rst") == []
    assert context.organization_queries.count(OrganizationQuery(search="rst")) == 0
    context.organizations.restore(org)
    assert ids("rst") == [org]


@pytest.mark.sqlite_only
def test_search_works_the_same_without_the_index(context: AppContext) -> None:
    context.organizations.create(organization("Müller & Söhne"))
    with context.factories.engine.begin() as connection:
        search_index.drop(connection)
    context.close()  # forget that the index was there
    assert context.organization_queries.count(OrganizationQuery(search="MÜLLER")) == 1
    with context.factories.engine.begin() as connection:
        search_index.create(connection)
    context.close()
    assert context.organization_queries.count(OrganizationQuery(search="ü")) == 1


@pytest.mark.sqlite_only
def test_the_index_is_not_counted_as_data(context: AppContext) -> None:
    from ptf_desktop.persistence.database_file import row_counts

    assert not any(search_index.is_index_table(name) for name in row_counts(context.path))


def test_rows_inserted_in_bulk_are_indexed_once_at_the_end(context: AppContext) -> None:
    import uuid

    from ptf_desktop.persistence.models import Organization

    with context.factories.write.begin() as session:
        with search_index.inserting_many(session.connection()):
            rows = [
                Organization(
                    id=uuid.uuid4(),
                    display_name=name,
                    legal_name=name,
                    normalized_name=name,
                    org_type="commercial",
                    country="DE",
                    status="prospect",
                    search_text=name.casefold(),
                    deleted=name.startswith("Gone"),
                )  # fmt: skip
                for name in ("Bulk Alpha", "Bulk Beta", "Gone Bulk")
            ]
            session.add_all(rows)
            session.flush()
            rows[1].search_text = "bulk beta renamed"  # indexed by the update trigger
            session.flush()
    assert found(context, OrganizationQuery(search="bulk")) == (2, {rows[0].id.hex, rows[1].id.hex})
    assert found(context, OrganizationQuery(search="renamed")) == (1, {rows[1].id.hex})
    context.organizations.update(rows[0].id, {"display_name": "Alpha Again"})
    assert found(context, OrganizationQuery(search="again"))[0] == 1


def test_every_sort_column_has_its_list_index() -> None:
    from ptf_desktop.persistence.models.organizations import LIST_SORT_COLUMNS
    from ptf_desktop.services.register.organization_records import SORTABLE_COLUMNS

    assert LIST_SORT_COLUMNS == SORTABLE_COLUMNS
