"""Demo data for trying the app and for benchmarks: founding members plus generated ones.

``DemoDataService.generate`` writes the six founding members (Premier since September
2022) and as many generated organizations as asked for, with contacts, terms, tier
changes, applications and testimonials (see ``demo_generator``). The same seed on the
same database gives the same rows, keys and timestamps included.

Demo rows are written with Core ``insert()`` in batches inside one transaction, not as
ORM objects: 100,000 organizations take seconds this way, and minutes through the
session. That skips the audit trail's ``before_flush`` hook on purpose: the history of
an organization records changes people made, and generated rows are nobody's change
(auditing them would also multiply the file's size several times). The values the
services normally derive (normalized name, billing contact, term end, search text) are
computed by the generator exactly as the services compute them.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from ...domain.errors import UserError
from ...domain.organizations import normalized_name
from ...domain.progress import NO_PROGRESS, Progress
from ...persistence import search_index
from ...persistence.engine import SessionFactories
from ...persistence.models import ORGANIZATION_RECORDS, Organization
from ..database_errors import translating_database_errors
from .demo_catalog import FOUNDERS, Founder
from .demo_generator import DemoGenerator, DemoRows

# Organizations generated between two inserts: big enough for fast executemany, small
# enough that the rows waiting in memory stay a few megabytes.
BATCH_SIZE = 2_000
MAX_ORGANIZATIONS = 1_000_000
# From this many organizations on, indexes are built after the rows are in.
BULK_THRESHOLD = 10_000

# The tables the generator fills (each a field of DemoRows), by name, parents first.
_MODELS: tuple[type[Any], ...] = (Organization, *ORGANIZATION_RECORDS)
_TABLES: dict[str, Any] = {
    model.__tablename__: model
    for model in _MODELS
    if model.__tablename__ in DemoRows.__dataclass_fields__
}


@dataclass(frozen=True)
class DemoSummary:
    """What ``generate`` wrote.

    Attributes:
        rows: rows written per table ("organizations", "contacts", "membership_terms",
            "tier_changes", "membership_applications", "testimonials").
        founding_members: how many of the organizations are founding members.
        by_status: organizations per membership status value.
        by_type: organizations per organization type value.
        seconds: how long it took.
    """

    rows: Mapping[str, int]
    founding_members: int
    by_status: Mapping[str, int]
    by_type: Mapping[str, int]
    seconds: float

    @property
    def organizations(self) -> int:
        """How many organizations were written."""
        return self.rows.get("organizations", 0)


class DemoDataService:
    """Fill a database with realistic, reproducible demo data."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def is_empty(self) -> bool:
        """Whether the database holds no organization at all (deleted ones count as data)."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return s.scalar(select(Organization.id).limit(1)) is None

    def generate(
        self,
        organizations: int,
        seed: int = 2022,
        today: date | None = None,
        *,
        allow_existing: bool = False,
        progress: Progress = NO_PROGRESS,
    ) -> DemoSummary:
        """Write ``organizations`` demo organizations (the founding members first).

        Args:
            organizations: how many to write in all, founding members included.
            seed: the same seed (on the same database) gives the same data.
            today: the date the data is as of (terms run up to it); default today.
            allow_existing: add to a database that already holds organizations; names
                already in use (founding members included) are not repeated.
            progress: told (written, total) after each batch.

        Raises:
            UserError: the database already holds organizations and ``allow_existing``
                is false, or the number is out of range.
        """
        if not 0 <= organizations <= MAX_ORGANIZATIONS:
            raise UserError(f"Ask for 0 to {MAX_ORGANIZATIONS:,} demo organizations.")
        started = time.perf_counter()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            existing = int(s.scalar(select(func.count()).select_from(Organization)) or 0)
            if existing and not allow_existing:
                raise UserError(
                    f"The database already holds {existing:,} organizations; demo data is "
                    "only added to an empty database."
                )
            taken = set(s.scalars(select(Organization.normalized_name))) if existing else set()
            # Another run on a non-empty database must not draw the same keys again.
            rng = random.Random(f"{seed}:{existing}" if existing else seed)
            generator = DemoGenerator(rng, today or date.today(), taken)
            writer = _Writer(s.connection(), organizations, progress)
            with _indexes_built_afterwards(s.connection(), organizations >= BULK_THRESHOLD):
                founders = _new_founders(taken)[:organizations]
                for founder in founders:
                    generator.add_founder(writer.rows, founder)
                    writer.written_one()
                for _number in range(organizations - len(founders)):
                    generator.add_generated(writer.rows)
                    writer.written_one()
                writer.flush()
        return writer.summary(len(founders), time.perf_counter() - started)


@contextmanager
def _indexes_built_afterwards(connection: Connection, bulk: bool) -> Iterator[None]:
    """For a large load, drop the tables' indexes first and build them again at the end.

    Building an index once over sorted keys is several times faster than updating it row
    by row; the same goes for the search index and its triggers (a smaller load only
    indexes its search text at the end). It happens inside the caller's transaction, so
    a failure leaves every index in place.
    """
    if not bulk:
        with search_index.inserting_many(connection):
            yield
        return
    indexes = [index for model in _TABLES.values() for index in model.__table__.indexes]
    searchable = search_index.available(connection)
    for index in indexes:
        index.drop(connection)
    if searchable:
        search_index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)
    if searchable:
        search_index.create(connection)


def _new_founders(taken: set[str]) -> list[Founder]:
    """The founding members not already in the database (by normalized name)."""
    founders = []
    for founder in FOUNDERS:
        keys = {normalized_name(founder.display_name), normalized_name(founder.legal_name)}
        if not keys & taken:
            taken.update(keys)
            founders.append(founder)
    return founders


class _Writer:
    """Collects generated rows and inserts them a batch at a time."""

    def __init__(self, connection: Connection, total: int, progress: Progress) -> None:
        self.rows = DemoRows()
        self._connection = connection
        self._total = total
        self._progress = progress
        self._done = 0
        self._counts: Counter[str] = Counter()
        self._statuses: Counter[str] = Counter()
        self._types: Counter[str] = Counter()

    def written_one(self) -> None:
        """Note one more organization; insert the batch when it is full."""
        if len(self.rows.organizations) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Insert what has been collected, parents first."""
        for name, rows in self.rows.tables().items():
            if rows:
                self._connection.execute(insert(_TABLES[name]), rows)
                self._counts[name] += len(rows)
        self._statuses.update(row["status"] for row in self.rows.organizations)
        self._types.update(row["org_type"] for row in self.rows.organizations)
        self._done += len(self.rows.organizations)
        self.rows = DemoRows()
        if self._progress.report is not None:
            self._progress.report(self._done, self._total)

    def summary(self, founding_members: int, seconds: float) -> DemoSummary:
        """What was written."""
        return DemoSummary(
            rows={name: self._counts[name] for name in _TABLES},
            founding_members=founding_members,
            by_status=dict(sorted(self._statuses.items())),
            by_type=dict(sorted(self._types.items())),
            seconds=seconds,
        )
