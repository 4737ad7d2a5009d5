"""Writing the members landscape: ``landscape.yml`` and a ``logos`` folder.

Current members are those whose status is active or in grace (the statuses the
Governing Board and the membership rules count as members); prospects, applicants,
lapsed and cancelled organizations are left out. Only approved testimonials are
published, the newest one per member.

The output is replaced as a whole: the logos are written into a temporary folder that
takes the place of the old ``logos`` folder once complete, and ``landscape.yml`` is
written under a temporary name and renamed last. A failure leaves the previous export
as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from ...domain.errors import UserError
from ...domain.landscape import (
    LandscapeMember,
    landscape_document,
    logo_file_names,
)
from ...domain.organizations import MembershipStatus, Tier
from ...domain.progress import NO_PROGRESS, Progress
from ...persistence.engine import SessionFactories
from ...persistence.models import Organization, Testimonial
from ...private_files import recorded_partial_file
from ..atomic_files import atomic_file, file_problem, new_folder_mode
from ..database_errors import translating_database_errors

LANDSCAPE_FILE = "landscape.yml"
LOGO_FOLDER = "logos"
LOGOS_PER_STEP = 20  # logos between two progress reports (and chances to stop)
CURRENT_MEMBER_STATUSES = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)


@dataclass(frozen=True)
class LandscapeExport:
    """What an export wrote, and what the website team should know about."""

    landscape_file: Path
    logo_folder: Path
    members: int
    logos: int
    without_logo: tuple[str, ...]
    without_homepage: tuple[str, ...]


class LandscapeExporter:
    """Writes the current members as a landscape for the website."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def members(self) -> list[LandscapeMember]:
        """The current members, each with its newest approved testimonial.

        Raises:
            DatabaseProblem: the database cannot be read.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            rows = s.execute(
                select(
                    Organization.id,
                    Organization.display_name,
                    Organization.tier,
                    Organization.website,
                    Organization.logo_mime,
                )  # fmt: skip
                .where(Organization.status.in_(CURRENT_MEMBER_STATUSES))
                .where(Organization.tier.is_not(None), Organization.deleted.is_(False))
            ).all()
            testimonials = _approved_testimonials(s, [row.id for row in rows])
        return [
            LandscapeMember(
                key=str(row.id),
                name=row.display_name,
                tier=Tier(row.tier),
                homepage_url=row.website,
                logo_mime=row.logo_mime,
                testimonial=testimonials.get(row.id, ("", ""))[0],
                testimonial_by=testimonials.get(row.id, ("", ""))[1],
            )  # fmt: skip
            for row in rows
        ]

    def export(self, folder: Path, progress: Progress = NO_PROGRESS) -> LandscapeExport:
        """Write ``landscape.yml`` and the ``logos`` folder into ``folder`` (made if needed).

        ``progress`` hears of the logos written (done, total) and may stop the export
        between two logos; a stopped export leaves the previous one as it was.

        Raises:
            Cancelled: ``progress`` asked to stop.
            UserError: the folder cannot be made or written (the previous export, if
                any, is left as it was).
            DatabaseProblem: the database cannot be read.
        """
        members = self.members()
        logos = logo_file_names(members)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise file_problem(error, folder / LANDSCAPE_FILE) from error
        target = folder / LOGO_FOLDER
        if target.exists() and not target.is_dir():
            raise UserError(f"Cannot export to {folder}: {target} is a file, not a folder.")
        landscape = folder / LANDSCAPE_FILE
        # The YAML is written (under a temporary name) before the logos, so that a full
        # disk is found before the previous logos are replaced; it is renamed last.
        with atomic_file(landscape) as yaml_file:
            yaml_file.write_text(dump_landscape(landscape_document(members, logos)), "utf-8")
            with _staged_folder(target) as staging:
                progress.step(0, len(logos))
                for done, (key, data) in enumerate(self._logo_images(logos), start=1):
                    with atomic_file(staging / logos[key]) as temporary:
                        temporary.write_bytes(data)
                    if done % LOGOS_PER_STEP == 0:
                        progress.step(done, len(logos))
        return LandscapeExport(
            landscape_file=landscape,
            logo_folder=target,
            members=len(members),
            logos=len(logos),
            without_logo=_names(m for m in members if m.key not in logos),
            without_homepage=_names(m for m in members if not m.homepage_url),
        )

    def _logo_images(self, logos: dict[str, str]) -> Iterator[tuple[str, bytes]]:
        """The stored logo images, one at a time (they can be large)."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            for key in logos:
                data = s.scalar(select(Organization.logo).where(Organization.id == uuid.UUID(key)))
                if data:
                    yield key, data


# libyaml's emitter when PyYAML was built with it (ten times faster for the 50,000
# members of a large register); the pure-Python one otherwise. Both write the same YAML.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _LandscapeDumper(_SafeDumper):  # type: ignore[valid-type,misc]  # chosen at run time
    """Writes null as nothing, as landscape files do (``- category:``)."""


def _represent_none(dumper: yaml.SafeDumper, _: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_LandscapeDumper.add_representer(type(None), _represent_none)


def dump_landscape(document: dict[str, Any]) -> str:
    """The landscape as YAML text: keys in layout order, every script written as itself.

    Args:
        document: the landscape as plain data (``domain.landscape.landscape_document``).
    """
    return yaml.dump(
        document, Dumper=_LandscapeDumper, allow_unicode=True, sort_keys=False, width=100
    )


def _approved_testimonials(session: Any, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    found: dict[uuid.UUID, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):  # stay under SQLite's limit of bound parameters
        rows = session.execute(
            select(Testimonial.organization_id, Testimonial.text, Testimonial.person)
            .where(Testimonial.organization_id.in_(ids[start : start + 500]))
            .where(Testimonial.approved.is_(True), Testimonial.deleted.is_(False))
            .order_by(Testimonial.given_on.desc(), Testimonial.created_at.desc())
        )
        for row in rows:
            found.setdefault(row.organization_id, (row.text, row.person))
    return found


def _names(members: Iterator[LandscapeMember]) -> tuple[str, ...]:
    return tuple(sorted((m.name for m in members), key=str.casefold))


@contextmanager
def _staged_folder(target: Path) -> Iterator[Path]:
    """A new folder built beside ``target`` that takes its place when the block succeeds."""
    staging = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    with recorded_partial_file(staging):  # removed at the next start if we are killed
        try:
            staging.mkdir(mode=0o700)
        except OSError as error:
            raise file_problem(error, target) from error
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _replace_folder(staging, target)


def _replace_folder(staging: Path, target: Path) -> None:
    """Put the finished ``staging`` folder in the place of ``target``."""
    os.chmod(staging, new_folder_mode())  # made owner-only; finished, as any new folder
    retired = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if target.exists():
            os.replace(target, retired)
        os.replace(staging, target)
    except OSError as failure:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not target.exists():
            os.replace(retired, target)  # put the previous export back
        raise file_problem(failure, target) from failure
    shutil.rmtree(retired, ignore_errors=True)


def counted(number: int, noun: str) -> str:
    """A count with its noun: "1 logo", "3 logos"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
