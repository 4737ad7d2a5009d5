"""Importing another register: the organizations of another database of this application.

A person who kept a register of their own before joining the team brings it in here. The
other file is opened read-only (by SQLite, never copied), and each of its organizations
is matched to this register (services/register/matching.py). Before anything is
written the person decides for each match:

- ``merge``: the other record is merged into the matching one: its empty fields are
  filled in, and its contacts, terms, tier changes, applications, board seats and
  testimonials are added (those this register already has are not added twice);
- ``keep``: both are kept: the other record is created as a separate organization;
- ``skip``: the other record is left out.

Organizations without a match are created, with everything listed above. Documents
(invoices, quotes, credit notes, payments, certificates) stay in the other register:
their numbers belong to its number series. One transaction: all of it or none.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...persistence.base import SYNC_COLUMNS
from ...persistence.database_file import SCHEMA_VERSION, check_is_sqlite, read_schema_version
from ...persistence.engine import SessionFactories, make_engine, make_session_factories
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import ORGANIZATION_RECORDS, Organization
from ..database_errors import translating_database_errors
from .matching import Matcher, MatchRule, matchable, register_matcher
from .organization_summary import refresh_summary

__all__ = [
    "OtherOrganization",
    "RegisterDecision",
    "RegisterImport",
    "RegisterImportResult",
    "RegisterPreview",
]

_NEVER_COPIED = SYNC_COLUMNS | {"deleted", "organization_id", "merged_into"}


class RegisterDecision(StrEnum):
    """What to do with an organization of the other register that matches one of this."""

    MERGE = "merge"
    KEEP = "keep"
    SKIP = "skip"


class RegisterImportError(UserError):
    """The other file cannot be imported (the same file, another version, not ours)."""


@dataclass(frozen=True)
class OtherOrganization:
    """An organization of the other register, and what it matches here (if anything).

    Attributes:
        id: its key in the other register.
        name: its name there.
        country: its country.
        match_id: the organization of this register it matches, or None.
        match_name: that organization's name here ("" without a match).
        rule: the rule that matched (None without a match).
    """

    id: uuid.UUID
    name: str
    country: str
    match_id: uuid.UUID | None = None
    match_name: str = ""
    rule: MatchRule | None = None


@dataclass(frozen=True)
class RegisterPreview:
    """What the other register holds: matches first, then those to be created."""

    path: Path
    organizations: tuple[OtherOrganization, ...]

    @property
    def matches(self) -> tuple[OtherOrganization, ...]:
        """Those that match an organization of this register."""
        return tuple(o for o in self.organizations if o.match_id is not None)

    @property
    def new(self) -> tuple[OtherOrganization, ...]:
        """Those without a match: they are created."""
        return tuple(o for o in self.organizations if o.match_id is None)


@dataclass(frozen=True)
class RegisterImportResult:
    """What the import did: organizations created, merged and skipped, and rows added."""

    created: int
    merged: int
    skipped: int
    rows_added: int

    def summary(self) -> str:
        """One sentence for the status bar."""
        return (
            f"Created {self.created}, merged {self.merged} and skipped {self.skipped} "
            f"organizations; {self.rows_added} contacts, terms and other records added."
        )


class RegisterImport:
    """Preview and import another register of this application."""

    def __init__(self, factories: SessionFactories, own_path: Path) -> None:
        self._factories = factories
        self._own_path = own_path

    def preview(self, path: Path) -> RegisterPreview:
        """Match the other register's organizations to this one; nothing is written.

        Raises:
            RegisterImportError: the same file as this register, or another version's.
            DatabaseProblem: the other file cannot be read.
        """
        read = self._factories.read
        with self._other(path) as other, translating_database_errors(self._factories):
            with read.begin() as session:
                theirs = _organizations(other)
                matcher = register_matcher(session, [matchable(row) for row in theirs])
                found = [_matched(row, matcher) for row in theirs]
        found.sort(key=lambda o: (o.match_id is None, o.name.casefold()))
        return RegisterPreview(path, tuple(found))

    def import_register(
        self, path: Path, decisions: Mapping[uuid.UUID, RegisterDecision]
    ) -> RegisterImportResult:
        """Import the other register, with the person's decision for each match.

        Args:
            path: the other database file.
            decisions: by the other register's organization id; a match without a
                decision is merged.

        Raises:
            RegisterImportError: the same file as this register, or another version's.
            DatabaseProblem: a file cannot be read or written; nothing was written.
        """
        counts = {"created": 0, "merged": 0, "skipped": 0, "rows": 0}
        with self._other(path) as other, translating_database_errors(self._factories):
            with self._factories.write.begin() as session:
                theirs = _organizations(other)
                matcher = register_matcher(session, [matchable(row) for row in theirs])
                for row in theirs:
                    match = matcher.match(matchable(row))
                    decision = RegisterDecision.KEEP
                    if match is not None and match.organization.id is not None:
                        decision = decisions.get(row.id, RegisterDecision.MERGE)
                    if decision is RegisterDecision.SKIP:
                        counts["skipped"] += 1
                        continue
                    if decision is RegisterDecision.MERGE and match is not None:
                        target = session.get(Organization, match.organization.id)
                        assert target is not None
                        _fill_empty_fields(target, row)
                        counts["merged"] += 1
                    else:
                        target = Organization(id=time_ordered_uuid(), **_values(row))
                        session.add(target)
                        counts["created"] += 1
                    session.flush()
                    counts["rows"] += _add_children(session, other, row.id, target.id)
                    refresh_summary(session, target)
        return RegisterImportResult(
            counts["created"], counts["merged"], counts["skipped"], counts["rows"]
        )

    def _other(self, path: Path) -> _OtherRegister:
        if path.resolve() == self._own_path.resolve():
            raise RegisterImportError(
                "That is the register open now. Choose the database file of the other register."
            )
        check_is_sqlite(path)
        version = read_schema_version(path, read_only=True)
        if version != SCHEMA_VERSION:
            age = "an older" if (version or 0) < SCHEMA_VERSION else "a newer"
            raise RegisterImportError(
                f"{path.name} was written by {age} version of this application. Open it "
                "once with this version (File > Open database…) so that it is brought up "
                "to date, then import it."
            )
        return _OtherRegister(path)


class _OtherRegister:
    """A read-only session on the other database, closed with its engine."""

    def __init__(self, path: Path) -> None:
        self._engine = make_engine(path, read_only=True)
        self._session: Session | None = None

    def __enter__(self) -> Session:
        self._session = make_session_factories(self._engine, "").read()
        return self._session

    def __exit__(self, *_exc: object) -> None:
        if self._session is not None:
            self._session.close()
        self._engine.dispose()


def _organizations(other: Session) -> list[Organization]:
    return list(
        other.scalars(
            select(Organization)
            .where(Organization.deleted.is_(False))
            .order_by(Organization.created_at, Organization.id)
        )
    )


def _matched(row: Organization, matcher: Matcher) -> OtherOrganization:
    match = matcher.match(matchable(row))
    if match is None or match.organization.id is None:
        return OtherOrganization(row.id, row.display_name, row.country)
    return OtherOrganization(
        row.id, row.display_name, row.country, match.organization.id,
        match.organization.display_name, match.rule,
    )  # fmt: skip


def _values(row: Any) -> dict[str, Any]:
    """The row's own columns, without its key, bookkeeping and owner."""
    return {
        attribute.key: getattr(row, attribute.key)
        for attribute in inspect(type(row)).column_attrs
        if attribute.key not in _NEVER_COPIED
    }


def _fill_empty_fields(target: Organization, other: Organization) -> None:
    """Fill in the target's empty text fields from the other record; the rest stays."""
    for name in ("legal_name", "address_line1", "address_line2", "city", "region",
                 "postal_code", "vat_id", "website", "notes"):  # fmt: skip
        if not getattr(target, name) and getattr(other, name):
            setattr(target, name, getattr(other, name))
    if target.employees is None and other.employees is not None:
        target.employees = other.employees


def _add_children(
    session: Session, other: Session, source_id: uuid.UUID, target_id: uuid.UUID
) -> int:
    """Copy the other organization's contacts, terms... to the target, those not there yet."""
    added = 0
    for model in ORGANIZATION_RECORDS:
        identity = model.__same_record__
        present = {
            tuple(getattr(row, column) for column in identity)
            for row in session.scalars(
                select(model).where(model.organization_id == target_id, model.deleted.is_(False))
            )
        }
        for row in other.scalars(
            select(model).where(model.organization_id == source_id, model.deleted.is_(False))
        ):
            key = tuple(getattr(row, column) for column in identity)
            if key in present:
                continue
            owned = {"id": time_ordered_uuid(), "organization_id": target_id}
            session.add(model(**owned, **_values(row)))
            present.add(key)
            added += 1
    session.flush()
    return added
