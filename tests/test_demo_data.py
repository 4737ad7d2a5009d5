"""Demo data: reproducible, valid by the register's own rules, and consistent with the services."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ptf_desktop.cli.main import main
from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.organizations import (
    ContactRole,
    MembershipStatus,
    Tier,
    normalized_name,
    validate_contact,
    validate_organization,
)
from ptf_desktop.persistence.models import Organization
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.services.register.organization_summary import refresh_summary

TODAY = date(2026, 6, 15)
TABLES = (
    "organizations", "contacts", "membership_terms", "tier_changes", "membership_applications",
    "testimonials",
)  # fmt: skip
FOUNDERS = {"AMD", "Amazon Web Services", "Google", "Meta", "Microsoft", "NVIDIA"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """One database with 400 demo organizations, shared by the read-only tests."""
    context = open_context(tmp_path_factory.mktemp("demo") / "ptf.sqlite")
    context.demo.generate(400, seed=11, today=TODAY)
    yield context
    context.close()


def rows(path: Path, sql: str) -> list[sqlite3.Row]:
    with closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(sql).fetchall()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: [tuple(r) for r in rows(path, f"SELECT * FROM {table} ORDER BY id")]
            for table in TABLES}  # fmt: skip


def test_the_same_seed_gives_the_same_rows_and_another_seed_does_not(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        context = open_context(tmp_path / name / "ptf.sqlite")
        context.demo.generate(120, seed=seed, today=TODAY)
        context.close()
        dumps.append(dump(tmp_path / name / "ptf.sqlite"))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["organizations"]) == 120
    assert dumps[0]["organizations"] != dumps[2]["organizations"]


def test_the_founding_members_are_premier_with_their_representatives(demo: AppContext) -> None:
    founders = rows(demo.path, "SELECT id, display_name FROM organizations WHERE founding_member")
    assert {row["display_name"] for row in founders} == FOUNDERS
    for row in founders:
        details = demo.organizations.get(_uuid(row["id"]))
        assert (details.tier, details.status) == (Tier.PREMIER, MembershipStatus.ACTIVE)
        assert details.member_since == date(2022, 9, 12)
        assert details.problems == ()
        roles = {role for contact in details.contacts for role in contact.fields.roles}
        assert {ContactRole.VOTING_REPRESENTATIVE, ContactRole.ALTERNATE_REPRESENTATIVE} <= roles
        assert [a.outcome.value for a in details.applications] == ["approved"]
        assert details.terms[-1].start_date <= TODAY <= details.terms[-1].end_date
    seats = {seat.organization: seat for seat in demo.memberships.governance().premier_seats}
    assert FOUNDERS <= set(seats)
    assert all(seats[name].voting_representative for name in FOUNDERS)


def test_every_organization_and_contact_validates_unchanged(demo: AppContext) -> None:
    for row in rows(demo.path, "SELECT * FROM organizations"):
        raw = dict(row)
        fields = validate_organization(raw)
        assert {k: getattr(v, "value", v) for k, v in asdict(fields).items()} == {
            k: raw[k] if k != "founding_member" else bool(raw[k]) for k in asdict(fields)
        }
    for row in rows(demo.path, "SELECT name, email, phone, job_title, roles FROM contacts"):
        contact = validate_contact({**dict(row), "roles": row["roles"].split(",")})
        assert (contact.name, contact.email) == (row["name"], row["email"])
        assert contact.email.endswith((".example.com", ".example.org"))


def test_the_mix_covers_every_type_status_and_many_countries(demo: AppContext) -> None:
    organizations = rows(demo.path, "SELECT org_type, status, tier, country FROM organizations")
    assert {r["org_type"] for r in organizations} == {
        "commercial", "academic", "nonprofit", "government",
    }  # fmt: skip
    assert {r["status"] for r in organizations} == {s.value for s in MembershipStatus}
    assert {r["tier"] for r in organizations} == {None, "premier", "general", "associate"}
    assert len({r["country"] for r in organizations}) >= 15
    assert rows(demo.path, "SELECT count(*) FROM testimonials WHERE approved")[0][0] > 0
    assert rows(demo.path, "SELECT count(*) FROM testimonials WHERE NOT approved")[0][0] > 0


def test_the_membership_rules_hold(demo: AppContext) -> None:
    commercial_associates = rows(
        demo.path,
        "SELECT count(*) FROM organizations WHERE tier = 'associate' "
        "AND org_type NOT IN ('academic', 'nonprofit')",
    )
    assert commercial_associates[0][0] == 0
    premier_without_approval = rows(
        demo.path,
        "SELECT o.display_name FROM organizations o JOIN tier_changes c "
        "ON c.organization_id = o.id AND c.to_tier = 'premier' WHERE NOT EXISTS ("
        "SELECT 1 FROM membership_applications a WHERE a.organization_id = o.id "
        "AND a.tier = 'premier' AND a.outcome = 'approved' AND a.decided_on <= c.effective_date)",
    )
    assert premier_without_approval == []
    assert rows(demo.path, "SELECT count(*) FROM organizations WHERE tier = 'premier'")[0][0] > 6
    for row in rows(demo.path, "SELECT id FROM organizations WHERE status IN ('active', 'grace')"):
        assert demo.organizations.get(_uuid(row["id"])).problems == ()


def test_terms_follow_each_other_without_gaps(demo: AppContext) -> None:
    terms: dict[str, list[sqlite3.Row]] = {}
    for row in rows(demo.path, "SELECT * FROM membership_terms ORDER BY start_date"):
        terms.setdefault(row["organization_id"], []).append(row)
    for chain in terms.values():
        for before, after in zip(chain, chain[1:], strict=False):
            assert date.fromisoformat(after["start_date"]).toordinal() == (
                date.fromisoformat(before["end_date"]).toordinal() + 1
            )
        assert all(t["end_date"] > t["start_date"] for t in chain)


def test_derived_columns_match_what_the_services_compute(demo: AppContext) -> None:
    with demo.factories.write() as session:
        for organization in session.scalars(select(Organization).limit(150)):
            stored = (organization.billing_contact, organization.term_end, organization.search_text)
            assert organization.normalized_name == normalized_name(organization.legal_name)
            refresh_summary(session, organization)
            assert stored == (
                organization.billing_contact, organization.term_end, organization.search_text,
            )  # fmt: skip
        session.rollback()


def test_demo_data_is_only_added_to_an_empty_database(context: AppContext) -> None:
    assert context.demo.is_empty()
    context.demo.generate(20, seed=3, today=TODAY)
    assert not context.demo.is_empty()
    with pytest.raises(UserError, match="already holds 20 organizations"):
        context.demo.generate(20, seed=3, today=TODAY)
    added = context.demo.generate(30, seed=3, today=TODAY, allow_existing=True)
    assert (added.organizations, added.founding_members) == (30, 0)
    names = rows(context.path, "SELECT normalized_name FROM organizations")
    assert len({row[0] for row in names}) == 50


def test_the_demo_command_reports_what_it_created(
    database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(database_path)
    assert main(["--database", database, "demo", "--organizations", "5"]) == 1
    assert "There is no database at" in capsys.readouterr().err  # `db upgrade` creates one
    assert main(["--database", database, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--database", database, "demo", "--organizations", "60", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "Created 60 organizations (6 founding members) with seed 7 in" in out
    assert "by status: prospect" in out
    office = r"^Office: \d+ invoices issued \(\d+ paid, .* quotes, \d+ certificates"
    assert re.search(office, out, re.M)
    assert "signing certificate: none (The system keyring" in out  # the tests' keyring fails
    assert not (database_path.parent / "demo-signing-certificate.p12").exists()
    assert main(["--database", database, "demo", "--organizations", "5"]) == 1
    assert "already holds 60 organizations" in capsys.readouterr().err


def _uuid(text: str) -> uuid.UUID:
    return uuid.UUID(hex=text)


def test_a_large_load_builds_every_index_afterwards(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ptf_desktop.services.demo import demo_data

    before = rows(context.path, "SELECT type, name FROM sqlite_master ORDER BY name")
    monkeypatch.setattr(demo_data, "BULK_THRESHOLD", 10)
    context.demo.generate(60, seed=8, today=TODAY)
    after = rows(context.path, "SELECT type, name FROM sqlite_master ORDER BY name")
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    [google] = context.organization_queries.page(OrganizationQuery(search="GOOGLE LLC"), 0, 5)
    assert google.display_name == "Google"
    assert context.organization_queries.count(OrganizationQuery(search="e")) == 60
