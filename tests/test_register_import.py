"""Importing another register: matches shown first, then merged, kept or skipped as decided."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.register.matching import MatchRule
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.services.register.register_import import (
    RegisterDecision,
    RegisterImport,
    RegisterImportError,
)

from helpers.billing import add_organization


@pytest.fixture
def other(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "other" / "ptf.sqlite")
    yield context
    context.close()


def names(context: AppContext) -> list[str]:
    return sorted(
        r.display_name for r in context.organization_queries.page(OrganizationQuery(), 0, 100)
    )


def fill_both(context: AppContext, other: AppContext, tricky: list[str]) -> dict[str, object]:
    ids = {
        "mine": add_organization(context, tricky[4], vat_id="DE136695976", city=""),
        "same name": add_organization(context, tricky[8], country="RU"),
        "skipped": add_organization(context, tricky[1], website="https://rd-labs.example"),
    }
    theirs = add_organization(other, tricky[4].upper(), vat_id="DE 136 695 976", city="München")
    other.organizations.add_contact(
        theirs, {"name": "Zoë Ångström", "email": "zoe@m.example", "roles": ["billing"]}
    )
    other.memberships.admit(theirs, Tier.GENERAL, date(2026, 1, 1))
    add_organization(other, tricky[8], country="RU")
    add_organization(other, "R and D Labs", website="http://www.rd-labs.example/about")
    add_organization(other, tricky[11], country="KR")  # 삼성전자 주식회사: new here
    return ids


def test_preview_shows_each_match_and_writes_nothing(
    context: AppContext, other: AppContext, tricky_names: list[str]
) -> None:
    fill_both(context, other, tricky_names)
    before = names(context)
    preview = RegisterImport(context.factories, context.path).preview(other.path)
    assert [(o.name, o.match_name, o.rule) for o in preview.matches] == [
        (tricky_names[4].upper(), tricky_names[4], MatchRule.TAX_ID),
        ("R and D Labs", tricky_names[1], MatchRule.WEBSITE_DOMAIN),
        (tricky_names[8], tricky_names[8], MatchRule.NAME_AND_COUNTRY),
    ]
    assert [o.name for o in preview.new] == [tricky_names[11]]
    assert names(context) == before


def test_import_merges_keeps_and_skips_as_decided(
    context: AppContext, other: AppContext, tricky_names: list[str]
) -> None:
    ids = fill_both(context, other, tricky_names)
    service = RegisterImport(context.factories, context.path)
    preview = service.preview(other.path)
    decisions = {
        preview.matches[0].id: RegisterDecision.MERGE,
        preview.matches[1].id: RegisterDecision.SKIP,
        preview.matches[2].id: RegisterDecision.KEEP,
    }
    result = service.import_register(other.path, decisions)

    assert (result.created, result.merged, result.skipped) == (2, 1, 1)
    assert names(context) == sorted(
        [tricky_names[4], tricky_names[8], tricky_names[8], tricky_names[1], tricky_names[11]]
    )
    merged = context.organizations.get(ids["mine"])  # type: ignore[arg-type]
    assert merged.fields.city == "München"  # empty here, filled in from the other
    assert [c.fields.name for c in merged.contacts] == ["Zoë Ångström"]
    assert [t.tier for t in merged.terms] == [Tier.GENERAL]
    # Importing again adds nothing twice to the merged organization.
    service.import_register(other.path, {o.id: RegisterDecision.MERGE for o in preview.matches})
    assert len(context.organizations.get(ids["mine"]).contacts) == 1  # type: ignore[arg-type]


def test_the_open_register_itself_is_refused(context: AppContext) -> None:
    with pytest.raises(RegisterImportError, match="the register open now"):
        RegisterImport(context.factories, context.path).preview(context.path)


def test_a_file_that_is_no_database_is_refused(context: AppContext, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database" * 100)
    with pytest.raises(Exception, match="not"):
        RegisterImport(context.factories, context.path).preview(text)
