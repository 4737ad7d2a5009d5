"""The people of demo organizations: contacts with roles, job titles, e-mails and phones."""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from dataclasses import dataclass

from ...domain.organizations import ContactRole, MembershipStatus, OrgType, Tier
from . import demo_catalog as catalog
from .demo_membership import Plan
from .demo_random import fill, pick

_ASCII_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "œ": "oe"})


@dataclass
class Person:
    """A contact about to be written: roles are ContactRole values."""

    name: str
    email: str
    phone: str
    job_title: str
    roles: set[str]


class PeopleMaker:
    """Draws the contacts of an organization from one random source."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def people(self, plan: Plan, org_type: OrgType, domain: str, calling: str) -> list[Person]:
        """The contacts an organization with this membership history has, primary first.

        Members have a signatory; members other than Associates a billing contact;
        Premier members a voting and an alternate representative.
        """
        rng = self._rng
        member = plan.tier is not None
        primary = self._person(domain, calling, "primary", org_type)
        people = [primary]
        if member or plan.status is MembershipStatus.APPLIED:
            if rng.random() < 0.5:
                primary.roles.add(ContactRole.SIGNATORY.value)
            else:
                people.append(self._person(domain, calling, "signatory", org_type))
        if member and (plan.tier is not Tier.ASSOCIATE or rng.random() < 0.3):
            people += self._billing(primary, domain, calling, org_type)
        if plan.tier is Tier.PREMIER:
            people.append(self._person(domain, calling, "voting_representative", org_type))
            people.append(self._person(domain, calling, "alternate_representative", org_type))
        for role, chance in (("technical", 0.4 if member else 0.2), ("marketing", 0.2)):
            if rng.random() < chance:
                people.append(self._person(domain, calling, role, org_type))
        return people

    def _billing(
        self, primary: Person, domain: str, calling: str, org_type: OrgType
    ) -> list[Person]:
        chance = self._rng.random()
        if chance < 0.35:
            primary.roles.add(ContactRole.BILLING.value)
            return []
        if chance < 0.7:
            mailbox = pick(self._rng, ("accounts.payable", "billing", "invoices", "ap"))
            phone = self._phone(calling)
            return [Person("Accounts Payable", f"{mailbox}@{domain}", phone, "", {"billing"})]
        return [self._person(domain, calling, "billing", org_type)]

    def _person(self, domain: str, calling: str, role: str, org_type: OrgType) -> Person:
        rng = self._rng
        first, last = pick(rng, catalog.FIRST_NAMES), pick(rng, catalog.LAST_NAMES)
        titles = catalog.JOB_TITLES[role]
        if org_type is OrgType.ACADEMIC and role in ("primary", "voting_representative"):
            titles = catalog.ACADEMIC_TITLES
        email = f"{_local_part(first)}.{_local_part(last)}@{domain}"
        phone = self._phone(calling) if rng.random() < 0.7 else ""
        return Person(f"{first} {last}", email, phone, pick(rng, titles), {role})

    def _phone(self, calling: str) -> str:
        if calling == "1":
            return fill(self._rng, "+1 ### 555 01##")  # 555-01xx: reserved for fiction
        return f"+{calling} " + fill(self._rng, "## #### ####")


def representative(people: list[Person]) -> str:
    """Who speaks for the organization: its voting representative, or its first contact."""
    voting = ContactRole.VOTING_REPRESENTATIVE.value
    return next((p.name for p in people if voting in p.roles), people[0].name)


def ascii_fold(text: str) -> str:
    """Lower case without accents or other non-ASCII letters: "Søren" -> "soren"."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_ASCII_FOLD))
    return "".join(ch for ch in folded if ch.isascii())


@functools.lru_cache(maxsize=4096)
def _local_part(name: str) -> str:
    # The same few hundred names come up again and again: fold each once.
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(name))
