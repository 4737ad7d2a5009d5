"""Membership histories for demo organizations: status, tier, terms, applications.

The histories follow the foundation's rules (FEES.md) so that demo data never shows what
the services would refuse: Associate only for eligible types, Premier only after an
approved application decided before admission, a first term of one year from signature
(two for Premier: the initial commitment), then a term pro-rated to 31 December, then
calendar years.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ...domain.organizations import (
    DEFAULT_ASSOCIATE_TYPES,
    ApplicationOutcome,
    MembershipStatus,
    OrgType,
    Tier,
)
from ..register.membership_service import default_term_end
from .demo_random import pick

# The foundation was announced on this day with its six founding members.
LAUNCH = date(2022, 9, 12)

STATUS_WEIGHTS = {
    MembershipStatus.PROSPECT: 28,
    MembershipStatus.APPLIED: 5,
    MembershipStatus.ACTIVE: 50,
    MembershipStatus.GRACE: 4,
    MembershipStatus.LAPSED: 8,
    MembershipStatus.CANCELLED: 5,
}
# Chance of Premier among members, by type; the rest is General or (if eligible) Associate.
_PREMIER_SHARE = {OrgType.COMMERCIAL: 0.03, OrgType.GOVERNMENT: 0.02}
_ASSOCIATE_SHARE = 0.7


@dataclass(frozen=True)
class Application:
    """A membership application and the board's decision."""

    tier: Tier
    applied_on: date
    questionnaire_received_on: date | None
    decided_on: date | None
    outcome: ApplicationOutcome


@dataclass(frozen=True)
class Term:
    """One membership period at one tier."""

    tier: Tier
    start: date
    end: date


@dataclass
class Plan:
    """An organization's membership history, oldest first."""

    status: MembershipStatus
    tier: Tier | None = None
    member_since: date | None = None
    terms: list[Term] = field(default_factory=list)
    tier_changes: list[tuple[Tier | None, Tier, date, str]] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)

    @property
    def first_seen(self) -> date:
        """The earliest date in the history (the organization was known before it)."""
        dates = [a.applied_on for a in self.applications]
        dates += [self.member_since] if self.member_since else []
        return min(dates, default=date.max)


def founder_plan(today: date) -> Plan:
    """A founding member: Premier since the launch, approved beforehand, still active."""
    plan = Plan(MembershipStatus.ACTIVE, Tier.PREMIER, LAUNCH)
    plan.applications.append(
        Application(Tier.PREMIER, date(2022, 8, 1), date(2022, 8, 8), date(2022, 9, 1),
                    ApplicationOutcome.APPROVED)
    )  # fmt: skip
    plan.tier_changes.append((None, Tier.PREMIER, LAUNCH, "Founding member"))
    plan.terms = [Term(Tier.PREMIER, s, e) for s, e in _chain_until(LAUNCH, 2, today)]
    return plan


def plan_membership(rng: random.Random, org_type: OrgType, today: date) -> Plan:
    """Draw a plausible membership history for an organization of this type."""
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    if status is MembershipStatus.PROSPECT:
        return _prospect(rng, org_type, today)
    if status is MembershipStatus.APPLIED:
        return _applicant(rng, org_type, today)
    return _member(rng, org_type, today, status)


def _prospect(rng: random.Random, org_type: OrgType, today: date) -> Plan:
    plan = Plan(MembershipStatus.PROSPECT)
    if rng.random() < 0.03 and today - timedelta(days=120) > LAUNCH:
        applied = _day_between(rng, LAUNCH, today - timedelta(days=60))
        plan.applications.append(_decided(rng, Tier.PREMIER, applied, ApplicationOutcome.REJECTED))
    return plan


def _applicant(rng: random.Random, org_type: OrgType, today: date) -> Plan:
    tier = Tier.PREMIER if rng.random() < 0.25 else _tier_for(rng, org_type, premier_share=0.0)
    applied = max(LAUNCH, today - timedelta(days=rng.randint(1, 60)))
    questionnaire = applied + timedelta(days=rng.randint(0, 10)) if rng.random() < 0.5 else None
    if questionnaire is not None and questionnaire > today:
        questionnaire = today
    pending = Application(tier, applied, questionnaire, None, ApplicationOutcome.PENDING)
    return Plan(MembershipStatus.APPLIED, applications=[pending])


def _member(rng: random.Random, org_type: OrgType, today: date, status: MembershipStatus) -> Plan:
    # A former or late member needs a term that has already ended; before there can be
    # one (a database dated in the foundation's first year) everyone is active.
    latest_start = {
        MembershipStatus.ACTIVE: today,
        MembershipStatus.GRACE: today - timedelta(days=400),
    }.get(status, today - timedelta(days=800))
    if latest_start < LAUNCH:
        status, latest_start = MembershipStatus.ACTIVE, today
    tier = _tier_for(rng, org_type, _PREMIER_SHARE.get(org_type, 0.02))
    since = _day_between(rng, LAUNCH + timedelta(days=1), latest_start)
    plan = Plan(status, tier, since)
    plan.terms = _terms(rng, tier, since, today, status)
    if tier is Tier.PREMIER:
        _premier_admission(rng, plan)
    else:
        plan.tier_changes.append((None, tier, since, "Admitted"))
        if tier is Tier.GENERAL and rng.random() < 0.02:
            applied = since + timedelta(days=rng.randint(30, 200))
            if applied < today - timedelta(days=30):
                plan.applications.append(
                    _decided(rng, Tier.PREMIER, applied, ApplicationOutcome.REJECTED)
                )
    return plan


def _terms(
    rng: random.Random, tier: Tier, since: date, today: date, status: MembershipStatus
) -> list[Term]:
    commitment = 2 if tier is Tier.PREMIER else 1
    chain = list(_chain_until(since, commitment, today))
    if status is MembershipStatus.ACTIVE:
        return [Term(tier, start, end) for start, end in chain]
    ended = [(start, end) for start, end in chain if end < today]
    if status is not MembershipStatus.GRACE and len(ended) > 1:
        # Lapsed or cancelled some time ago: keep the terms up to a past one, at least a
        # year before today.
        last_possible = max(1, sum(1 for _, end in ended if end < today - timedelta(days=365)))
        ended = ended[: rng.randint(1, last_possible)]
    return [Term(tier, start, end) for start, end in ended]


def _premier_admission(rng: random.Random, plan: Plan) -> None:
    """Premier directly, or General first and upgraded on a 1 January after approval."""
    assert plan.member_since is not None
    upgrades = [t.start for t in plan.terms[1:] if (t.start.month, t.start.day) == (1, 1)]
    if upgrades and rng.random() < 0.35:
        upgraded_on = pick(rng, upgrades)
        plan.terms = [
            Term(Tier.GENERAL if t.start < upgraded_on else Tier.PREMIER, t.start, t.end)
            for t in plan.terms
        ]
        plan.tier_changes.append((None, Tier.GENERAL, plan.member_since, "Admitted"))
        plan.tier_changes.append(
            (Tier.GENERAL, Tier.PREMIER, upgraded_on, "Upgraded after the board's approval")
        )
        admitted_on = upgraded_on
    else:
        plan.tier_changes.append((None, Tier.PREMIER, plan.member_since, "Admitted"))
        admitted_on = plan.member_since
    applied = admitted_on - timedelta(days=rng.randint(30, 90))
    plan.applications.append(_decided(rng, Tier.PREMIER, applied, ApplicationOutcome.APPROVED))


def _decided(
    rng: random.Random, tier: Tier, applied: date, outcome: ApplicationOutcome
) -> Application:
    """An application decided within the board's 14 days of a complete questionnaire."""
    questionnaire = applied + timedelta(days=rng.randint(0, 10))
    decided = questionnaire + timedelta(days=rng.randint(3, 14))
    return Application(tier, applied, questionnaire, decided, outcome)


def _tier_for(rng: random.Random, org_type: OrgType, premier_share: float) -> Tier:
    if rng.random() < premier_share:
        return Tier.PREMIER
    if org_type in DEFAULT_ASSOCIATE_TYPES and rng.random() < _ASSOCIATE_SHARE:
        return Tier.ASSOCIATE
    return Tier.GENERAL


def _chain(since: date, commitment: int) -> Iterator[tuple[date, date]]:
    """Terms from ``since`` on: ``commitment`` years from signature, then to 31 December."""
    start, number = since, 0
    while True:
        end = default_term_end(start) if number < commitment else date(start.year, 12, 31)
        yield start, end
        start, number = end + timedelta(days=1), number + 1


def _chain_until(since: date, commitment: int, today: date) -> Iterator[tuple[date, date]]:
    """The terms that have started by today (the last one covers today)."""
    for start, end in _chain(since, commitment):
        if start > today:
            return
        yield start, end


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))
