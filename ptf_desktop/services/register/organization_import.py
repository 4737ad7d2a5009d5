"""CSV import of organizations: all or nothing, with a report of every bad line.

The file has a header row with the columns of ``organization_columns.IMPORT_COLUMNS`` in
any order (the export's ``status`` and ``term_end`` are accepted and ignored, so an
export imports again). Every row is checked first, with the same rules as the editor; if
any row is bad nothing is written and the report names each bad line, column and reason.
A row with a tier is an existing member: active, with the term of the current calendar
year, and (for Premier) the Governing Board's approval recorded on ``member_since``.
A cell that the export protected from running as a formula gets its one quote removed
again (see ``organization_columns``). A row that matches an organization already in the
register is skipped, updates it, or is created anyway, as the person chooses
(``organization_import_matches``); the report lists each match.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.organizations import LABELS, MembershipStatus, OrgType, Tier
from ...domain.wording import count_of
from ...persistence.engine import SessionFactories
from ...persistence.models import Organization
from ..database_errors import translating_database_errors
from .organization_csv_reader import ImportProblem, read_table
from .organization_import_matches import ImportMatch, OnMatch, apply_updates, split_matches
from .organization_import_rows import ImportedOrganization, current_term
from .organization_import_validation import validate_rows
from .organization_import_writer import write_organizations
from .organization_service import associate_types
from .printable_names import PRINTED_FIELDS, unprintable_warnings

log = logging.getLogger(__name__)

__all__ = [
    "ImportMatch", "ImportPreviewRow", "ImportProblem", "ImportReport", "OnMatch",
    "OrganizationImporter",
]  # fmt: skip

_IN_CHUNK = 500  # values per IN (...) list, well below SQLite's limit on parameters


@dataclass(frozen=True)
class ImportPreviewRow:
    """An organization the import creates (or would create), as the preview shows it."""

    line: int
    name: str
    org_type: OrgType
    country: str
    tier: Tier | None
    status: MembershipStatus
    member_since: date | None
    term_end: date | None
    billing_contact: str


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did.

    Attributes:
        path: the file.
        dry_run: True when nothing was meant to be written.
        imported: True when the organizations were written.
        errors: every problem that stops the import, by line.
        warnings: what deserves a look but does not stop it (possible duplicates).
        preview: the organizations created, or that would be created.
        by_tier: how many of them per tier ("prospect" for those without one).
        by_status: how many of them per membership status.
        contacts: billing contacts created.
        applications: approved Premier applications recorded.
        seconds: how long checking and writing took.
        matches: the rows that match an organization of the register, and what was done.
        updated: how many matching organizations the import changed (``update``).
    """

    path: Path
    dry_run: bool
    imported: bool
    errors: tuple[ImportProblem, ...] = ()
    warnings: tuple[ImportProblem, ...] = ()
    preview: tuple[ImportPreviewRow, ...] = ()
    by_tier: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    contacts: int = 0
    applications: int = 0
    seconds: float = 0.0
    matches: tuple[ImportMatch, ...] = ()
    updated: int = 0

    @property
    def ok(self) -> bool:
        """True when no row stops the import."""
        return not self.errors

    @property
    def organizations(self) -> int:
        """How many organizations are (or would be) created."""
        return len(self.preview)

    def summary(self) -> str:
        """The report as text, for the command line and the log."""
        if self.errors:
            problems = count_of(len(self.errors), "problem")
            lines = [f"{self.path.name}: {problems}; nothing was imported."]
            lines += [f"  {_where(problem)}: {problem.message}" for problem in self.errors]
            return "\n".join(lines)
        if not self.organizations and not self.matches:
            return f"{self.path.name} has no organizations to import."
        verb = "Imported" if self.imported else "Would import"
        lines = [f"{verb} {count_of(self.organizations, 'organization')} from {self.path.name}."]
        if self.dry_run:
            lines[0] += " Dry run: nothing was written."
        lines += self._match_lines()
        lines.append("  By tier: " + _counts_text(self.by_tier))
        lines.append("  By status: " + _counts_text(self.by_status))
        lines.append(
            f"  Billing contacts: {self.contacts}; "
            f"approved Premier applications: {self.applications}"
        )
        if self.warnings:
            lines.append(f"{count_of(len(self.warnings), 'warning')}:")
            lines += [f"  {_where(problem)}: {problem.message}" for problem in self.warnings]
        return "\n".join(lines)

    def _match_lines(self) -> list[str]:
        if not self.matches:
            return []
        verb = "matches" if len(self.matches) == 1 else "match"
        head = f"{count_of(len(self.matches), 'row')} {verb} the register"
        if self.updated:
            head += f" ({count_of(self.updated, 'organization')} updated)"
        return [head + ":"] + [f"  {match.describe()}" for match in self.matches]


class OrganizationImporter:
    """Imports organizations from CSV files."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def import_csv(
        self,
        path: Path,
        dry_run: bool = False,
        *,
        today: date | None = None,
        on_match: OnMatch = OnMatch.SKIP,
    ) -> ImportReport:
        """Check a CSV file and, unless it is a dry run or a row is bad, import it.

        Args:
            path: the CSV file.
            dry_run: only check and tell what would be created.
            today: the import date (members get the term of its calendar year);
                defaults to today.
            on_match: what to do with a row that matches an organization of the
                register: skip it, update the organization, or create it anyway.

        Returns:
            The report. When ``errors`` is not empty nothing was written.

        Raises:
            UserError: the file cannot be read at all.
            DatabaseProblem: the database is locked, damaged or full; nothing was written.
        """
        started = time.perf_counter()
        today = today or date.today()
        table = read_table(path)
        factory = self._factories.read if dry_run else self._factories.write
        with translating_database_errors(self._factories), factory.begin() as session:
            eligible = tuple(associate_types(session))
            organizations, problems = validate_rows(table.rows, eligible, today)
            errors = [*table.problems, *problems]
            # Matched first: only the rows to create go on to the bulk writer.
            to_create, matched = split_matches(session, organizations, on_match)
            warnings = duplicate_warnings(session, to_create)
            warnings += unprintable_name_warnings(organizations)
            write = not errors and not dry_run and bool(organizations)
            updated = 0
            if write and on_match is OnMatch.UPDATE:
                updated = apply_updates(session, matched, eligible)
            if write and to_create:
                write_organizations(session, to_create, today)
        if write:
            log.info("Imported %d organizations from %s", len(to_create), path.name)
        if write and matched:
            log.info("%d rows of %s matched the register (%s)", len(matched), path.name, on_match)
        report = _report(
            path, dry_run, write, errors, warnings, to_create, today,
            time.perf_counter() - started,
        )  # fmt: skip
        if errors:
            return report
        return replace(report, matches=tuple(match for match, _ in matched), updated=updated)


def unprintable_name_warnings(
    organizations: Sequence[ImportedOrganization],
) -> list[ImportProblem]:
    """Rows whose printed fields hold characters no document can print (each named)."""
    warnings = []
    for organization in organizations:
        values = {name: getattr(organization.fields, name) for name in PRINTED_FIELDS}
        for name, message in unprintable_warnings(values).items():
            warnings.append(ImportProblem(organization.line, name, message))
    return warnings


def duplicate_warnings(
    session: Session, organizations: Sequence[ImportedOrganization]
) -> list[ImportProblem]:
    """Rows that look like an organization already in the register or earlier in the file.

    Like the editor's duplicate warning: the same normalized name or the same VAT ID.
    """
    names = _existing(
        session, Organization.normalized_name, (o.normalized_name for o in organizations)
    )
    vat_ids = _existing(session, Organization.vat_id, (o.fields.vat_id for o in organizations))
    first_name: dict[str, int] = {}
    first_vat: dict[str, int] = {}
    warnings = []
    for organization in organizations:
        line, name, vat_id = (
            organization.line,
            organization.normalized_name,
            organization.fields.vat_id,
        )
        if name and name in names:
            warnings.append(
                ImportProblem(line, "name", "The register has an organization with this name.")
            )
        elif name and name in first_name:
            warnings.append(ImportProblem(line, "name", f"Same name as line {first_name[name]}."))
        if vat_id and vat_id in vat_ids:
            warnings.append(
                ImportProblem(line, "vat_id", "The register has an organization with this VAT ID.")
            )
        elif vat_id and vat_id in first_vat:
            warnings.append(
                ImportProblem(line, "vat_id", f"Same VAT ID as line {first_vat[vat_id]}.")
            )
        first_name.setdefault(name, line)
        first_vat.setdefault(vat_id, line)
    return warnings


def _existing(session: Session, column: Any, values: Iterable[str]) -> set[str]:
    """Which of the values the register already holds in a column (one query per chunk)."""
    wanted = sorted({value for value in values if value})
    found: set[str] = set()
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        found.update(
            session.scalars(
                select(column).where(column.in_(chunk), Organization.deleted.is_(False))
            )
        )
    return found


def _report(
    path: Path,
    dry_run: bool,
    imported: bool,
    errors: list[ImportProblem],
    warnings: list[ImportProblem],
    organizations: list[ImportedOrganization],
    today: date,
    seconds: float,
) -> ImportReport:
    errors.sort(key=lambda problem: problem.line)
    if errors:
        return ImportReport(path, dry_run, False, tuple(errors), tuple(warnings), seconds=seconds)
    preview = tuple(_preview_row(organization, today) for organization in organizations)
    return ImportReport(
        path, dry_run, imported, (), tuple(warnings), preview,
        by_tier=_ordered_counts(
            (row.tier.value if row.tier else "prospect" for row in preview),
            [*(tier.value for tier in Tier), "prospect"],
        ),
        by_status=_ordered_counts(
            (row.status.value for row in preview), [status.value for status in MembershipStatus]
        ),
        contacts=sum(1 for o in organizations if o.billing_contact is not None),
        applications=sum(1 for row in preview if row.tier is Tier.PREMIER),
        seconds=seconds,
    )  # fmt: skip


def _preview_row(organization: ImportedOrganization, today: date) -> ImportPreviewRow:
    contact = organization.billing_contact
    label = ""
    if contact is not None:
        label = f"{contact.name} <{contact.email}>" if contact.email else contact.name
    return ImportPreviewRow(
        line=organization.line,
        name=organization.fields.display_name,
        org_type=organization.fields.org_type,
        country=organization.fields.country,
        tier=organization.tier,
        status=organization.status,
        member_since=organization.member_since,
        term_end=current_term(today)[1] if organization.tier else None,
        billing_contact=label,
    )


def _ordered_counts(keys: Iterable[str], order: list[str]) -> dict[str, int]:
    counted = Counter(keys)
    return {key: counted[key] for key in order if counted[key]}


def _where(problem: ImportProblem) -> str:
    return f"line {problem.line}" + (f", {problem.column}" if problem.column else "")


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{LABELS.get(key, key.capitalize())}: {n}" for key, n in counts.items())
