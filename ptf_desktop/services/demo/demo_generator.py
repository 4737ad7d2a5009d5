"""Demo organizations as table rows: plausible, varied, and the same for the same seed.

Everything random comes from one ``random.Random``: keys (``uuid.UUID(int=..., version=4)``),
names, dates and timestamps, so two runs with the same seed write identical rows. The
rows are written in bulk by ``demo_data``; the values the services normally derive
(normalized name, billing contact, term end, search text) are computed here the same
way as ``domain.organizations.normalized_name`` and ``organization_summary`` do.
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ...domain.organizations import ContactRole, MembershipStatus, OrgType, Tier, normalized_name
from ..register.organization_summary import search_key
from . import demo_catalog as catalog
from .demo_membership import LAUNCH, Plan, founder_plan, plan_membership
from .demo_names import organization_names
from .demo_people import PeopleMaker, Person, ascii_fold, representative
from .demo_random import fill, pick
from .demo_tax_ids import TaxIdMaker

Row = dict[str, Any]

_TYPE_WEIGHTS = {
    OrgType.COMMERCIAL: 60, OrgType.ACADEMIC: 18, OrgType.NONPROFIT: 14, OrgType.GOVERNMENT: 8,
}  # fmt: skip
# Decimal exponents of the consolidated employee count, by type (log-uniform).
_EMPLOYEE_EXPONENTS = {
    OrgType.COMMERCIAL: (0.7, 5.3), OrgType.ACADEMIC: (2.3, 4.6),
    OrgType.NONPROFIT: (0.0, 3.3), OrgType.GOVERNMENT: (1.7, 4.8),
}  # fmt: skip
_ACTIVE = (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
_TESTIMONIAL_CHANCE = {Tier.PREMIER: 0.3, Tier.GENERAL: 0.03, Tier.ASSOCIATE: 0.02}


@dataclass
class DemoRows:
    """Rows for each table, in the order they must be inserted (parents first)."""

    organizations: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    membership_terms: list[Row] = field(default_factory=list)
    tier_changes: list[Row] = field(default_factory=list)
    membership_applications: list[Row] = field(default_factory=list)
    testimonials: list[Row] = field(default_factory=list)

    def tables(self) -> dict[str, list[Row]]:
        """Table name to rows, parents first."""
        return dict(self.__dict__)


class DemoGenerator:
    """Makes the rows of demo organizations one at a time.

    Args:
        rng: the only source of randomness.
        today: the date the demo data is "as of" (terms run up to it).
        taken_names: normalized names already in use; new names avoid them and are added.
    """

    def __init__(self, rng: random.Random, today: date, taken_names: set[str]) -> None:
        self._rng = rng
        self._today = today
        self._names = organization_names(rng, taken_names)
        self._tax_ids = TaxIdMaker(rng)
        self._people = PeopleMaker(rng)
        self._country_weights = [country.weight for country in catalog.COUNTRIES]

    def add_founder(self, rows: DemoRows, founder: catalog.Founder) -> None:
        """Add one founding member: Premier since the launch, with its representatives."""
        org: Row = {
            "display_name": founder.display_name,
            "legal_name": founder.legal_name,
            "normalized_name": normalized_name(founder.legal_name),
            "org_type": OrgType.COMMERCIAL.value,
            "employees": founder.employees,
            "country": "US",
            "address_line1": founder.address_line1,
            "address_line2": "",
            "city": founder.city,
            "region": founder.region,
            "postal_code": founder.postal_code,
            "vat_id": "",
            "website": founder.website,
            "lf_membership": founder.lf_membership,
            "founding_member": True,
            "notes": "Founding member (September 2022).",
        }
        plan = founder_plan(self._today)
        created = datetime(2022, 7, 4, 9, 0, tzinfo=UTC) + timedelta(
            hours=self._rng.randint(0, 400)
        )
        people = self._people.people(plan, OrgType.COMMERCIAL, founder.domain, "1")
        self._add(rows, org, plan, people, created, testimonial_chance=1.0)

    def add_generated(self, rows: DemoRows) -> None:
        """Add one generated organization of a random type, country and history."""
        rng = self._rng
        org_type = rng.choices(list(_TYPE_WEIGHTS), weights=list(_TYPE_WEIGHTS.values()))[0]
        country = rng.choices(catalog.COUNTRIES, weights=self._country_weights)[0]
        display, legal, normalized = self._names.draw(org_type, country)
        plan = plan_membership(rng, org_type, self._today)
        domain = _slug(display) + (
            ".example.com" if org_type is OrgType.COMMERCIAL else ".example.org"
        )
        org = {
            "display_name": display,
            "legal_name": legal,
            "normalized_name": normalized,
            "org_type": org_type.value,
            "employees": self._employees(org_type, plan),
            "country": country.code,
            **self._address(country),
            "vat_id": self._tax_ids.make(country, 0.75 if org_type is OrgType.COMMERCIAL else 0.15),
            "website": f"https://www.{domain}" if rng.random() < 0.9 else "",
            "lf_membership": self._lf_membership(org_type, plan),
            "founding_member": False,
            "notes": pick(rng, catalog.NOTES) if rng.random() < 0.1 else "",
        }
        people = self._people.people(plan, org_type, domain, country.calling_code)
        self._add(rows, org, plan, people, self._created_at(plan))

    # -- rows ---------------------------------------------------------------------------

    def _add(
        self,
        rows: DemoRows,
        org: Row,
        plan: Plan,
        people: list[Person],
        created: datetime,
        testimonial_chance: float | None = None,
    ) -> None:
        org_id = self._key()
        contacts = [
            self._row(
                created + timedelta(minutes=number + 1),
                organization_id=org_id,
                name=p.name,
                email=p.email,
                phone=p.phone,
                job_title=p.job_title,
                roles=",".join(sorted(p.roles)),
            )
            for number, p in enumerate(people)
        ]
        rows.organizations.append(
            self._row(
                created,
                id=org_id,
                **org,
                **_summary(org, plan, contacts),
                logo=None,
                logo_mime="",
                tier=plan.tier.value if plan.tier else None,
                status=plan.status.value,
                member_since=plan.member_since,
            )
        )
        rows.contacts += contacts
        rows.membership_terms += [
            self._held(term.start, org_id, tier=term.tier.value, start_date=term.start,
                       end_date=term.end)
            for term in plan.terms
        ]  # fmt: skip
        rows.tier_changes += [
            self._held(effective, org_id, note=note, effective_date=effective,
                       from_tier=old.value if old else None, to_tier=new.value)
            for old, new, effective, note in plan.tier_changes
        ]  # fmt: skip
        rows.membership_applications += [
            self._held(a.applied_on, org_id, tier=a.tier.value, applied_on=a.applied_on,
                       questionnaire_received_on=a.questionnaire_received_on,
                       decided_on=a.decided_on, outcome=a.outcome.value, notes="")
            for a in plan.applications
        ]  # fmt: skip
        if plan.status in _ACTIVE and plan.tier is not None:
            chance = (
                _TESTIMONIAL_CHANCE[plan.tier] if testimonial_chance is None else testimonial_chance
            )
            if self._rng.random() < chance:
                self._add_testimonial(rows, org_id, org["display_name"], plan, people)

    def _add_testimonial(
        self, rows: DemoRows, org_id: uuid.UUID, name: str, plan: Plan, people: list[Person]
    ) -> None:
        rng = self._rng
        assert plan.member_since is not None
        given_on = plan.member_since + timedelta(
            days=rng.randint(0, max(0, (self._today - plan.member_since).days))
        )
        approved = rng.random() < 0.6
        rows.testimonials.append(
            self._held(
                given_on,
                org_id,
                person=representative(people),
                text=pick(rng, catalog.TESTIMONIALS).format(org=name),
                given_on=given_on,
                approved=approved,
                published_where=pick(rng, catalog.PUBLISHED_WHERE) if approved else "",
            )
        )

    def _held(self, on: date, org_id: uuid.UUID, **values: Any) -> Row:
        """A row of a record the organization holds, created at noon on the day it is of."""
        return self._row(_noon(on), organization_id=org_id, **values)

    def _row(self, created: datetime, **values: Any) -> Row:
        if "id" not in values:
            values["id"] = self._key()
        return {
            "row_version": 0,
            "created_at": created,
            "updated_at": created,
            "deleted": False,
            **values,
        }

    def _key(self) -> uuid.UUID:
        return uuid.UUID(int=self._rng.getrandbits(128), version=4)

    # -- fields -------------------------------------------------------------------------

    def _employees(self, org_type: OrgType, plan: Plan) -> int | None:
        low, high = _EMPLOYEE_EXPONENTS[org_type]
        number = max(1, int(10 ** self._rng.uniform(low, high)))
        if plan.status is MembershipStatus.PROSPECT and self._rng.random() < 0.06:
            return None  # not known yet
        return number

    def _lf_membership(self, org_type: OrgType, plan: Plan) -> str:
        if org_type is not OrgType.COMMERCIAL or plan.tier is None:
            return "silver" if self._rng.random() < 0.05 else "none"
        levels, weights = ("none", "silver", "gold", "platinum"), (70, 20, 6, 4)
        return self._rng.choices(levels, weights=weights)[0]

    def _address(self, country: catalog.Country) -> Row:
        rng = self._rng
        city, region, postal = pick(rng, country.cities)
        style, streets = catalog.STREET_STYLES[country.streets]
        line1 = style.format(
            number=rng.randint(1, 2400),
            number2=rng.randint(1, 40),
            name=pick(rng, streets),
            kind=pick(rng, catalog.STREET_KINDS),
        )
        extra = ("Suite {n}", "Floor {n}", "Building {n}", "Unit {n}")
        line2 = pick(rng, extra).format(n=rng.randint(2, 40)) if rng.random() < 0.15 else ""
        return {
            "address_line1": line1,
            "address_line2": line2,
            "city": city,
            "region": region,
            "postal_code": fill(rng, postal),
        }

    def _created_at(self, plan: Plan) -> datetime:
        rng = self._rng
        if plan.first_seen == date.max:  # a prospect: first met at some point
            day = (
                LAUNCH
                - timedelta(days=200)
                + timedelta(days=rng.randint(0, max(0, (self._today - LAUNCH).days + 199)))
            )
        else:
            day = plan.first_seen - timedelta(days=rng.randint(14, 200))
        moment = time(rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59))
        return datetime.combine(day, moment, tzinfo=UTC)


def _summary(org: Row, plan: Plan, contacts: list[Row]) -> Row:
    """The derived list columns, computed as ``organization_summary.refresh_summary`` does."""
    billing = next(
        (c for c in contacts if ContactRole.BILLING.value in c["roles"].split(",")), None
    )
    label = ""
    if billing is not None:
        label = f"{billing['name']} <{billing['email']}>" if billing["email"] else billing["name"]
    parts = [org["display_name"], org["legal_name"], org["vat_id"]]
    parts += [contact["email"] for contact in contacts if contact["email"]]
    return {
        "billing_contact": label,
        "term_end": max((term.end for term in plan.terms), default=None),
        "search_text": "\x1f".join(search_key(part) for part in parts if part),
    }


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _slug(name: str) -> str:
    """A domain label from a name: "Blue Harbor Analytics" -> "blue-harbor-analytics"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-")[:40].strip("-") or "org"
