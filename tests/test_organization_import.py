"""CSV import of organizations.

What Excel writes imports; bad files get a full report and leave the database exactly as
it was; members arrive active with a term covering today.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ptf_desktop.persistence.models import AuditEntry
from ptf_desktop.services.context import AppContext, open_context
from ptf_desktop.services.register.organization_columns import IMPORT_COLUMNS
from ptf_desktop.services.register.organization_import import (
    ImportProblem,
    ImportReport,
    OnMatch,
)
from ptf_desktop.services.register.organization_records import OrganizationQuery

from helpers.organization_csv import DEFAULTS, csv_text, row, row_counts, write_csv

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2026, 6, 15)


def run_import(context: AppContext, path: Path, dry_run: bool = False) -> ImportReport:
    return context.organization_import.import_csv(path, dry_run, today=TODAY)


def all_rows(context: AppContext, search: str = "") -> list:  # type: ignore[type-arg]
    return context.organization_queries.page(OrganizationQuery(search=search), 0, 100_000)


def problems(report: ImportReport) -> list[tuple[int, str]]:
    return [(problem.line, problem.column) for problem in report.errors]


def assert_refused(context: AppContext, path: Path) -> ImportReport:
    """The file is refused with a report, and nothing at all was written."""
    before = row_counts(context)
    report = run_import(context, path)
    assert not report.ok and not report.imported and report.preview == ()
    assert "nothing was imported" in report.summary()
    assert row_counts(context) == before
    return report


# -- what must import -------------------------------------------------------------------------


def test_an_excel_file_with_bom_crlf_and_multiline_cells_imports(
    context: AppContext, tmp_path: Path
) -> None:
    notes = 'First line, with a comma\r\nsecond line with "quotes"'
    path = write_csv(
        tmp_path / "excel.csv",
        [row(name="Alpha AG", notes=notes), row(name="Beta Oy", country="FI", employees="")],
        excel=True,
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbfname,legal_name,")
    report = run_import(context, path)
    assert report.ok and report.imported, report.summary()
    assert [p.line for p in report.preview] == [2, 4]  # the notes cell spans lines 2 and 3
    alpha, beta = sorted(all_rows(context), key=lambda r: r.display_name)
    details = context.organizations.get(alpha.id)
    assert details.fields.notes == notes
    assert details.fields.address_line1 == "Hauptstra\u00dfe 1"
    assert (beta.display_name, beta.country, beta.employees) == ("Beta Oy", "FI", None)


def test_a_plain_utf8_file_with_lf_and_columns_in_any_order_imports(
    context: AppContext, tmp_path: Path
) -> None:
    header = list(reversed(IMPORT_COLUMNS))
    path = write_csv(tmp_path / "plain.csv", [row(name="Gamma Inc.")], header=header)
    report = run_import(context, path)
    assert report.ok and [r.display_name for r in all_rows(context)] == ["Gamma Inc."]


def test_a_member_row_is_active_with_the_calendar_year_term_covering_today(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "members.csv",
        [row(name="Member Co", tier="General", member_since="2021-03-04"), row(name="Maybe Co")],
    )
    report = run_import(context, path)
    assert report.by_tier == {"general": 1, "prospect": 1}
    assert report.by_status == {"active": 1, "prospect": 1}
    rows = {r.display_name: r for r in all_rows(context)}
    member = context.organizations.get(rows["Member Co"].id)
    assert (member.tier, member.status) == (Tier.GENERAL, MembershipStatus.ACTIVE)
    assert member.member_since == date(2021, 3, 4)
    [term] = member.terms
    assert (term.tier, term.start_date, term.end_date) == (
        Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31),
    )  # fmt: skip
    assert term.start_date <= TODAY <= term.end_date
    assert rows["Member Co"].term_end == date(2026, 12, 31)
    [change] = member.tier_changes
    assert (change.from_tier, change.to_tier, change.effective_date) == (
        None, Tier.GENERAL, date(2021, 3, 4),
    )  # fmt: skip
    prospect = context.organizations.get(rows["Maybe Co"].id)
    assert (prospect.tier, prospect.status, prospect.terms) == (
        None, MembershipStatus.PROSPECT, (),
    )  # fmt: skip


def test_a_premier_member_has_an_application_approved_on_member_since(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "premier.csv", [row(name="Big Co", tier="premier", member_since="2022-09-12")]
    )
    report = run_import(context, path)
    assert report.applications == 1
    details = context.organizations.get(all_rows(context)[0].id)
    [application] = details.applications
    assert application.tier is Tier.PREMIER
    assert application.outcome is ApplicationOutcome.APPROVED
    assert application.applied_on == application.decided_on == date(2022, 9, 12)
    assert details.tier is Tier.PREMIER and details.status is MembershipStatus.ACTIVE
    # The membership is then as if admitted in the app: a later tier change is allowed.
    context.memberships.change_tier(details.id, Tier.GENERAL, date(2026, 7, 1))
    context.memberships.change_tier(details.id, Tier.PREMIER, date(2026, 8, 1))


def test_an_associate_member_of_an_eligible_type_imports(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "associate.csv",
        [row(org_type="academic", tier="associate", member_since="2020-01-01")],
    )
    assert run_import(context, path).ok


def test_the_billing_contact_is_a_contact_with_the_billing_role(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [row(billing_contact_name="  Ana Lima ", billing_contact_email="Ana@Example.org")],
    )
    run_import(context, path)
    listed = all_rows(context)[0]
    [contact] = context.organizations.get(listed.id).contacts
    assert (contact.fields.name, contact.fields.email) == ("Ana Lima", "Ana@example.org")
    assert {role.value for role in contact.fields.roles} == {"billing"}
    assert listed.billing_contact == "Ana Lima <Ana@example.org>"
    assert [r.id for r in all_rows(context, "ana@example")] == [listed.id]


def test_list_values_are_what_the_summary_refresh_computes(
    context: AppContext, tmp_path: Path
) -> None:
    """The import fills the list columns without a query per row; they must be identical."""
    from ptf_desktop.persistence.models import Organization
    from ptf_desktop.services.register.organization_summary import refresh_summary

    path = write_csv(
        tmp_path / "s.csv",
        [
            row(name="One", vat_id="DE136695976", tier="general", member_since="2020-02-02"),
            row(name="Two", legal_name="", billing_contact_name="", billing_contact_email=""),
            row(name="Three", billing_contact_email=""),
        ],
    )
    run_import(context, path)
    with context.factories.write.begin() as session:
        for organization in session.query(Organization).all():
            before = (organization.billing_contact, organization.term_end,
                      organization.search_text, organization.normalized_name)  # fmt: skip
            refresh_summary(session, organization)
            after = (organization.billing_contact, organization.term_end,
                     organization.search_text, organization.normalized_name)  # fmt: skip
            assert after == before
        session.rollback()


def test_each_created_record_is_in_the_audit_trail(context: AppContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [row(tier="premier", member_since="2020-05-05")])
    run_import(context, path)
    organization_id = all_rows(context)[0].id
    # Stored: one entry per created record, as the ORM records one.
    with context.factories.read.begin() as s:
        stored = s.execute(
            select(AuditEntry.entity_type, AuditEntry.action, AuditEntry.field)
            .where(AuditEntry.owner_id == organization_id).order_by(AuditEntry.entity_type)
        ).all()  # fmt: skip
    kinds = ("application", "contact", "organization", "term", "tier change")
    assert stored == [(kind, "create", "*") for kind in kinds]
    # Shown: the fields each record was created with.
    history = context.audit.history(owner_id=organization_id)
    shown = {(e.entity_type, e.field, e.new_value) for e in history}
    assert {("organization", "tier", "premier"), ("term", "tier", "premier"),
            ("organization", "legal_name", all_rows(context)[0].legal_name)} <= shown  # fmt: skip
    assert {e.action for e in history} == {"create"}


def test_a_cell_the_export_protected_gets_its_one_quote_removed(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "q.csv",
        [
            row(name="'=SUM(A1)", legal_name="", notes="'@mention"),
            row(name="''+plus", legal_name=""),
            row(name="'quoted but harmless", legal_name=""),
        ],
    )
    run_import(context, path)
    names = {r.display_name for r in all_rows(context)}
    assert names == {"=SUM(A1)", "'+plus", "'quoted but harmless"}


def test_the_exports_extra_columns_and_blank_rows_are_accepted(
    context: AppContext, tmp_path: Path
) -> None:
    header = [*IMPORT_COLUMNS, "status", "term_end"]
    text = csv_text([{**row(name="Extra"), "status": "lapsed", "term_end": "2020-12-31"}], header)
    path = tmp_path / "x.csv"
    path.write_text(text + "," * (len(header) - 1) + "\n\n")
    report = run_import(context, path)
    assert report.ok and report.organizations == 1


def test_many_rows_go_in_batches_in_one_transaction(context: AppContext, tmp_path: Path) -> None:
    count = 2_345  # more than two batches
    member = {"tier": "general", "member_since": "2020-01-01"}
    rows = [row(name=f"Org {n}", **(member if n % 2 else {})) for n in range(count)]
    report = run_import(context, write_csv(tmp_path / "many.csv", rows))
    assert report.imported and report.organizations == count
    assert context.organization_queries.count(OrganizationQuery()) == count
    counts = row_counts(context)
    assert counts["membership_terms"] == counts["tier_changes"] == count // 2
    assert counts["contacts"] == count


# -- dry run ----------------------------------------------------------------------------------


def test_a_dry_run_reports_what_would_be_created_and_writes_nothing(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "dry.csv",
        [row(name="A", tier="premier", member_since="2020-01-01"), row(name="B")],
    )
    before = row_counts(context)
    report = run_import(context, path, dry_run=True)
    assert report.ok and report.dry_run and not report.imported
    assert row_counts(context) == before
    assert [(p.name, p.tier, p.status, p.term_end) for p in report.preview] == [
        ("A", Tier.PREMIER, MembershipStatus.ACTIVE, date(2026, 12, 31)),
        ("B", None, MembershipStatus.PROSPECT, None),
    ]
    assert (report.by_tier, report.contacts, report.applications) == (
        {"premier": 1, "prospect": 1}, 2, 1,
    )  # fmt: skip
    assert "Would import 2 organizations" in report.summary()
    assert "Dry run: nothing was written." in report.summary()


def test_a_dry_run_of_a_bad_file_gives_the_same_report(context: AppContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [row(employees="-3")])
    dry = run_import(context, path, dry_run=True)
    real = run_import(context, path)
    assert dry.errors == real.errors and problems(dry) == [(2, "employees")]


# -- bad input: a report, and the database unchanged -------------------------------------------


def test_a_missing_header_is_reported_on_line_1(context: AppContext, tmp_path: Path) -> None:
    text = csv_text([row(name="First"), row(name="Second")])
    path = tmp_path / "noheader.csv"
    path.write_text(text.split("\n", 1)[1])
    report = assert_refused(context, path)
    [problem] = report.errors
    assert problem.line == 1 and "header row" in problem.message


def test_missing_unknown_and_repeated_columns_are_each_reported(
    context: AppContext, tmp_path: Path
) -> None:
    header = [c for c in IMPORT_COLUMNS if c != "vat_id"] + ["colour", "city"]
    report = assert_refused(context, write_csv(tmp_path / "h.csv", [row()], header=header))
    assert sorted(problems(report)) == [(1, "city"), (1, "colour"), (1, "vat_id")]
    messages = {p.column: p.message for p in report.errors}
    assert "missing" in messages["vat_id"] and "more than once" in messages["city"]
    assert messages["colour"].startswith("Unknown column")


def test_an_empty_file_is_reported(context: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf")
    assert problems(assert_refused(context, path)) == [(1, "")]


def test_a_wrong_number_of_cells_is_reported_with_its_line(
    context: AppContext, tmp_path: Path
) -> None:
    text = csv_text([row(name="Good"), row(name="Also good")])
    lines = text.splitlines()
    lines.insert(2, "Short,row,only")
    lines.append(lines[1] + ",one too many")
    path = tmp_path / "cells.csv"
    path.write_text("\n".join(lines) + "\n")
    report = assert_refused(context, path)
    assert problems(report) == [(3, ""), (5, "")]
    assert report.errors[0].message == "This line has 3 values; the header has 18."


def test_bad_encoding_is_reported_for_every_line_it_affects(
    context: AppContext, tmp_path: Path
) -> None:
    plain = {"address_line1": "Main Street 1"}
    rows = [row(name="Ok", **plain), row(name="M\u00fcller AG", **plain),
            row(name="Soci\u00e9t\u00e9", **plain), row(name="Fine", **plain)]  # fmt: skip
    path = tmp_path / "latin1.csv"
    path.write_bytes(csv_text(rows).encode("latin-1"))
    report = assert_refused(context, path)
    assert problems(report) == [(3, ""), (4, "")]
    assert "not UTF-8" in report.errors[0].message


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"member_since": "2027-02-30", "tier": "general"}, "member_since", "not a real date"),
        ({"member_since": "30/01/2020", "tier": "general"}, "member_since", "YYYY-MM-DD"),
        ({"tier": "general"}, "member_since", "needs the date"),
        ({"member_since": "2020-01-01"}, "member_since", "give the tier"),
        ({"member_since": "2026-07-01", "tier": "general"}, "member_since", "in the future"),
        ({"employees": "-5"}, "employees", "not a whole number"),
        ({"employees": "many"}, "employees", "not a whole number"),
        ({"tier": "gold", "member_since": "2020-01-01"}, "tier", "not a known tier"),
        ({"tier": "associate", "member_since": "2020-01-01"}, "tier", "Associate membership"),
        ({"org_type": "club"}, "org_type", "organization type"),
        ({"country": "XX"}, "country", "ISO 3166"),
        ({"name": "   "}, "name", "required"),
        ({"website": "not a site"}, "website", "web address"),
        ({"lf_membership": "bronze"}, "lf_membership", "LF level"),
        ({"billing_contact_email": "nobody@"}, "billing_contact_email", "e-mail"),
        ({"billing_contact_name": ""}, "billing_contact_name", "required"),
        ({"vat_id": "DE123"}, "vat_id", ""),
    ],
)
def test_a_bad_value_is_reported_with_line_column_and_reason(
    context: AppContext, tmp_path: Path, values: dict[str, str], column: str, words: str
) -> None:
    rows = [row(name="Fine Co"), row(**{**{"name": "Bad Co"}, **values})]
    report = assert_refused(context, write_csv(tmp_path / "bad.csv", rows))
    [problem] = report.errors
    assert (problem.line, problem.column) == (3, column)
    assert words in problem.message
    assert f"line 3, {column}: {problem.message}" in report.summary()


def test_associate_follows_the_eligibility_setting(context: AppContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [row(tier="associate", member_since="2020-01-01")])
    assert not run_import(context, path, dry_run=True).ok
    context.settings.save({"associate_eligible_types": "academic, nonprofit, commercial"})
    assert run_import(context, path).ok


def test_every_bad_row_is_reported_and_none_is_imported(
    context: AppContext, tmp_path: Path
) -> None:
    rows = [
        row(name="Good 1"),
        row(name="Bad date", tier="general", member_since="2027-02-30"),
        row(name="Good 2", notes="two\nlines"),
        row(name="Bad employees and tier", employees="-1", tier="platinum"),
        row(name="Good 3"),
        row(name="Bad email", billing_contact_email="x@@y"),
    ]
    report = assert_refused(context, write_csv(tmp_path / "mixed.csv", rows))
    assert problems(report) == [
        (3, "member_since"), (6, "employees"), (6, "tier"), (8, "billing_contact_email"),
    ]  # fmt: skip
    assert all(isinstance(problem, ImportProblem) for problem in report.errors)


def test_malformed_quoting_is_reported(context: AppContext, tmp_path: Path) -> None:
    text = csv_text([row(name="Good")])
    path = tmp_path / "quotes.csv"
    path.write_text(text + '"Unclosed,' + ",".join([""] * 17) + "\n")
    assert problems(assert_refused(context, path)) == [(3, "")]


def test_a_file_that_cannot_be_read_is_a_user_error(context: AppContext, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="There is no file"):
        run_import(context, tmp_path / "missing.csv")
    with pytest.raises(UserError, match="is a folder"):
        run_import(context, tmp_path)


def test_look_alikes_are_warnings_not_errors(context: AppContext, tmp_path: Path) -> None:
    context.organizations.create({"display_name": "Known GmbH", "org_type": "commercial",
                                  "country": "DE"})  # fmt: skip
    rows = [row(name="Known", legal_name=""), row(name="Twin", legal_name=""),
            row(name="twin", legal_name="")]  # fmt: skip
    path = write_csv(tmp_path / "w.csv", rows)
    # Created anyway, a row like the register's is a warning (skipped, it is a match).
    report = context.organization_import.import_csv(path, today=TODAY, on_match=OnMatch.CREATE)
    assert report.imported
    assert [(w.line, w.column) for w in report.warnings] == [(2, "name"), (4, "name")]
    assert "Same name as line 3" in report.warnings[1].message


# -- the tricky names ---------------------------------------------------------------------------


def test_tricky_names_survive_import_search_export_and_reimport(
    context: AppContext, tmp_path: Path, tricky_names: list[str]
) -> None:
    rows = [row(name=name, legal_name=name, billing_contact_email="") for name in tricky_names]
    report = run_import(context, write_csv(tmp_path / "tricky.csv", rows, excel=True))
    assert report.imported, report.summary()
    expected = sorted(name.strip() for name in tricky_names)
    assert sorted(r.display_name for r in all_rows(context)) == expected
    assert sorted(r.legal_name for r in all_rows(context)) == expected
    for name in expected:
        assert name in [r.display_name for r in all_rows(context, name)], name

    exported = tmp_path / "exported.csv"
    assert context.organization_export.export(OrganizationQuery(), exported) == len(expected)
    other = open_context(tmp_path / "other.sqlite")
    try:
        again = other.organization_import.import_csv(exported, today=TODAY)
        assert again.imported, again.summary()
        assert sorted(r.display_name for r in all_rows(other)) == expected
        assert sorted(r.legal_name for r in all_rows(other)) == expected
    finally:
        other.close()


def test_an_export_reimports_with_the_same_values(context: AppContext, tmp_path: Path) -> None:
    rows = [
        row(name="-minus", notes="=1+2", tier="premier", member_since="2020-02-29"),
        row(name="@at", city="+city", org_type="nonprofit", tier="associate",
            member_since="2019-12-31", vat_id=""),
        row(name="\tTabbed", employees=""),
    ]  # fmt: skip
    run_import(context, write_csv(tmp_path / "in.csv", rows))
    exported = tmp_path / "out.csv"
    context.organization_export.export(OrganizationQuery(), exported)
    other = open_context(tmp_path / "other.sqlite")
    try:
        assert other.organization_import.import_csv(exported, today=TODAY).imported

        def snapshot(ctx: AppContext) -> list[tuple[object, ...]]:
            found = []
            for listed in all_rows(ctx):
                details = ctx.organizations.get(listed.id)
                found.append((dataclasses.astuple(details.fields), details.tier,
                              details.member_since, listed.billing_contact))  # fmt: skip
            return sorted(found, key=repr)

        assert snapshot(other) == snapshot(context)
    finally:
        other.close()


def test_defaults_row_is_valid() -> None:
    assert set(DEFAULTS) == set(IMPORT_COLUMNS)


def test_a_header_without_rows_imports_nothing_and_says_so(
    context: AppContext, tmp_path: Path
) -> None:
    report = run_import(context, write_csv(tmp_path / "header-only.csv", []))
    assert report.ok and not report.imported and report.organizations == 0
    assert report.summary() == "header-only.csv has no organizations to import."


def test_a_name_with_characters_no_document_can_print_is_imported_with_a_warning(
    context: AppContext, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "scripts.csv",
        [row(name="ᏣᎳᎩ Nation Technologies"), row(name="มหาวิทยาลัยมหิดล")],
    )

    report = run_import(context, path)

    assert report.imported
    [warning] = [w for w in report.warnings if "cannot be printed" in w.message]
    assert warning.line == 2
    assert '"Ꮳ" (U+13E3 CHEROKEE LETTER TSA, Cherokee script)' in warning.message
    assert "will be refused until it is changed" in warning.message
    assert warning.message in report.summary()
