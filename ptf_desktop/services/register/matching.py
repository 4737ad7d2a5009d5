"""Matching an organization to the ones the register already holds.

Three rules, in this order, the first that holds wins:

1. **tax ID**: the same tax identifier in the same country, compared compact (letters and
   digits only, as python-stdnum's ``compact`` writes them, and without the country
   prefix of an EU VAT number, so ``DE 136 695 976`` is ``136695976``);
2. **name and country**: the same name key (see ``name_key``) of the display or the legal
   name, and the same country;
3. **website domain**: the same host name, without ``www.``; on a host many organizations
   share (github.com, linkedin.com...) the first path segment is part of the key.

The keys are plain strings, so a ``Matcher`` over 100,000 organizations is three
dictionaries, and matching a row is three look-ups.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from ...domain.organizations import normalized_name
from ...persistence.models import Organization

__all__ = [
    "Match",
    "MatchRule",
    "Matchable",
    "Matcher",
    "domain_key",
    "name_key",
    "duplicate_candidates",
    "register_matcher",
    "tax_id_key",
]


class MatchRule(StrEnum):
    """Which rule matched, as the reports and dialogs name it."""

    TAX_ID = "tax ID"
    NAME_AND_COUNTRY = "name and country"
    WEBSITE_DOMAIN = "website domain"


@dataclass(frozen=True)
class Matchable:
    """The values of an organization that matching compares.

    Attributes:
        id: the organization's key (None for a row not yet in the register).
        display_name: the name the register shows.
        legal_name: the registered name ("" when the same as the display name).
        country: ISO 3166 alpha-2 code.
        vat_id: the tax identifier as entered.
        website: the website as entered.
    """

    id: uuid.UUID | None
    display_name: str
    legal_name: str
    country: str
    vat_id: str
    website: str


@dataclass(frozen=True)
class Match:
    """An organization of the register that an incoming one matches, and by which rule."""

    organization: Matchable
    rule: MatchRule


# Legal forms dropped from a name, compared after case folding and with dots removed
# ("S.A." is "sa"). Latin-script forms are whole words; those of scripts written without
# spaces are removed at either end of the name.
_LEGAL_WORDS = frozenset(
    "inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh mbh ag kg "
    "kgaa se sa sas sasu sarl srl spa bv nv oy oyj ab as asa aps kk pte pty ooo oao zao pao "
    "pjsc ооо оао зао пао ао ае αε επε ike ικε sl slu".split()
)
_LEGAL_AFFIXES = (
    "股份有限公司",
    "有限公司",
    "株式会社",
    "有限会社",
    "주식회사",
    "(주)",
    "㈜",
    "شمم",
)
# EU VAT prefixes that are not the country code.
_EU_PREFIXES = {"GR": "EL"}
_IN_CHUNK = 500  # values per IN (...) list, well below SQLite's limit on parameters
_SEPARATORS = re.compile(r"[\W_]+")
# Hosts that many organizations share: there the first path segment names the organization.
_SHARED_HOSTS = frozenset(
    {"github.com", "gitlab.com", "linkedin.com", "facebook.com", "sites.google.com",
     "medium.com", "x.com", "twitter.com", "huggingface.co"}
)  # fmt: skip
# ASCII punctuation and symbols become spaces (the fast path of name_key).
_ASCII_SPACES = str.maketrans({ch: " " for ch in map(chr, range(128)) if not ch.isalnum()})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# Accents are dropped only from letters of the alphabets where they are accents
# (Latin, Greek, Cyrillic and their extensions); in Indic or Thai scripts a combining
# sign is part of the letter, and dropping it would make different names equal.
_ACCENTED_ALPHABETS = ((0x0000, 0x052F), (0x1E00, 0x1FFF))


def name_key(name: str) -> str:
    """A name reduced for matching: NFKC, case, accents, punctuation and legal forms.

    ``Müller & Söhne AG`` and ``MULLER AND SOHNE`` have the same key; a name that is only
    a legal form (``Company``) keeps it rather than becoming empty.
    """
    if name.isascii():  # most names: no normalization or accents, punctuation by table
        text = name.lower().replace("&", " and ").replace(".", "").translate(_ASCII_SPACES)
    else:
        text = unicodedata.normalize("NFKC", name).casefold()
        text = _without_accents(text).replace("&", " and ").replace(".", "")
        text = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)
        for affix in _LEGAL_AFFIXES:
            text = text.removeprefix(affix).removesuffix(affix)
    words = text.split()
    kept = [word for word in words if word not in _LEGAL_WORDS]
    return " ".join(kept or words)


def _without_accents(text: str) -> str:
    kept: list[str] = []
    base = 0
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            base = ord(ch)
        elif any(low <= base <= high for low, high in _ACCENTED_ALPHABETS):
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def tax_id_key(vat_id: str, country: str) -> str:
    """A tax ID reduced for matching: country, then the number without separators or prefix.

    Compared as python-stdnum's ``compact`` writes numbers (letters and digits only,
    upper case), without the country prefix of an EU VAT number (``EL`` for Greece).
    Returns "" for an empty tax ID (which never matches).
    """
    country = country.strip().upper()
    compact = _SEPARATORS.sub("", vat_id.upper())
    for prefix in (country, _EU_PREFIXES.get(country, "")):
        if prefix and compact.startswith(prefix) and compact[len(prefix) :][:1].isdigit():
            compact = compact[len(prefix) :]
            break
    return f"{country}:{compact}" if compact else ""


def domain_key(website: str) -> str:
    """A website reduced to its host (no ``www.``), plus the first path segment on shared hosts.

    Returns "" when there is no host name in it.
    """
    text = website.strip()
    if not text:
        return ""
    if not _SCHEME.match(text):
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    if "." not in host:
        return ""
    if host in _SHARED_HOSTS:
        segment = parts.path.strip("/").split("/")[0].casefold()
        return f"{host}/{segment}" if segment else ""
    return host


class Matcher:
    """Matches organizations against a fixed set of candidates (the register, usually)."""

    def __init__(self, candidates: Iterable[Matchable]) -> None:
        self._indexes: dict[MatchRule, dict[object, Matchable]] = {rule: {} for rule in MatchRule}
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Matchable) -> None:
        """Make one more organization a candidate (the first one with a key keeps it)."""
        for rule, key in _keys(candidate):
            self._indexes[rule].setdefault(key, candidate)

    def match(self, incoming: Matchable) -> Match | None:
        """The first candidate the incoming organization matches, and the rule; else None.

        A candidate never matches itself (the same id).
        """
        for rule, key in _keys(incoming):
            found = self._indexes[rule].get(key)
            if found is not None and (incoming.id is None or found.id != incoming.id):
                return Match(found, rule)
        return None


def _keys(organization: Matchable) -> list[tuple[MatchRule, object]]:
    """The organization's keys, each with its rule, in the order the rules apply."""
    keys: list[tuple[MatchRule, object]] = []
    tax = tax_id_key(organization.vat_id, organization.country)
    if tax:
        keys.append((MatchRule.TAX_ID, tax))
    country = organization.country.strip().upper()
    for name in dict.fromkeys((organization.display_name, organization.legal_name)):
        key = name_key(name)
        if key:
            keys.append((MatchRule.NAME_AND_COUNTRY, (key, country)))
    domain = domain_key(organization.website)
    if domain:
        keys.append((MatchRule.WEBSITE_DOMAIN, domain))
    return keys


def register_matcher(session: Session, incoming: Sequence[Matchable] | None = None) -> Matcher:
    """A matcher over the organizations in the register (not deleted or merged away).

    Computing every key of 100,000 organizations in Python takes seconds, so when the
    organizations to match are known, only the register's plausible candidates are
    read: those with the same tax ID once separators are dropped, the same
    ``normalized_name`` (the editor's duplicate key, indexed) or the same website domain.

    Args:
        session: a session in a transaction.
        incoming: the organizations that will be matched; None for the whole register.
    """
    columns = (
        Organization.id, Organization.display_name, Organization.legal_name,
        Organization.country, Organization.vat_id, Organization.website,
    )  # fmt: skip
    query = select(*columns).where(Organization.deleted.is_(False))
    if incoming is None:
        rows = session.execute(query.order_by(Organization.created_at, Organization.id))
        return Matcher(Matchable(*row) for row in rows)
    return Matcher(_read_candidates(session, sorted(_candidate_ids(session, incoming))))


def _read_candidates(session: Session, ids: list[uuid.UUID]) -> list[Matchable]:
    """The organizations with these keys, in the order they were created."""
    query = select(
        Organization.id, Organization.display_name, Organization.legal_name,
        Organization.country, Organization.vat_id, Organization.website, Organization.created_at,
    )  # fmt: skip
    found: list[Any] = []
    for start in range(0, len(ids), _IN_CHUNK):
        found += session.execute(query.where(Organization.id.in_(ids[start : start + _IN_CHUNK])))
    found.sort(key=lambda row: (row[-1], row[0]))  # the first one created keeps a key
    return [Matchable(*row[:-1]) for row in found]


def _candidate_ids(session: Session, incoming: Sequence[Matchable]) -> set[uuid.UUID]:
    tax_ids: set[str] = set()
    names: set[str] = set()
    domains: set[str] = set()
    for organization in incoming:
        country, _, number = tax_id_key(organization.vat_id, organization.country).partition(":")
        if number:
            tax_ids.update({number, country + number, _EU_PREFIXES.get(country, "") + number})
        names.update(
            normalized_name(n) for n in (organization.display_name, organization.legal_name)
        )
        domains.add(domain_key(organization.website))
    names.discard("")
    domains.discard("")
    live = Organization.deleted.is_(False)
    ids: set[uuid.UUID] = set()
    wanted = sorted(names)
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        ids.update(
            session.scalars(
                select(Organization.id).where(live, Organization.normalized_name.in_(chunk))
            )
        )
    # Tax IDs and hosts in one pass over the rows that have either, compared roughly
    # (a superset): each candidate is then matched by its exact keys.
    hosts = {domain.split("/")[0] for domain in domains}
    rows = session.execute(
        select(Organization.id, Organization.vat_id, Organization.website).where(
            live, or_(Organization.vat_id != "", Organization.website != "")
        )
    )
    for key, vat_id, website in rows:
        if (vat_id and _SEPARATORS.sub("", vat_id.upper()) in tax_ids) or (
            website and _rough_host(website) in hosts
        ):
            ids.add(key)
    return ids


def duplicate_candidates(session: Session) -> list[Matchable]:
    """The candidates for finding duplicates within the register.

    Only organizations that share a compact tax ID, a ``normalized_name`` or a website
    host with another one are read (grouped in SQL), in the order they were created.

    Returns:
        The candidates as Matchable values, oldest first; match each against those before.
    """
    live = Organization.deleted.is_(False)
    ids: set[uuid.UUID] = set()
    for key in (_compact_tax_id_sql(), Organization.normalized_name, _host_sql()):
        shared = select(key).where(live, key != "").group_by(key).having(func.count() > 1)
        ids.update(session.scalars(select(Organization.id).where(live, key.in_(shared))))
    return _read_candidates(session, sorted(ids))


def _rough_host(website: str) -> str:
    """The host of a website, quickly: no scheme, path, port or "www."."""
    text = website.strip().lower()
    text = text.partition("://")[2] or text
    host = text.split("/", 1)[0].split(":", 1)[0].rstrip(".")
    return host.removeprefix("www.")


def _compact_tax_id_sql() -> Any:
    """The tax ID in SQL without spaces, dots, dashes and slashes, upper case."""
    compact = func.upper(Organization.vat_id)
    for separator in (" ", ".", "-", "/"):
        compact = func.replace(compact, separator, "")
    return compact


def _host_sql() -> Any:
    """The website's host in SQL, roughly: scheme, "www." and path dropped.

    Candidates found by it are a superset; each is then matched by its exact domain key.
    """
    host = func.replace(
        func.replace(func.lower(Organization.website), "https://", ""), "http://", ""
    )
    host = func.replace(host, "www.", "")
    return case(
        (func.instr(host, "/") > 0, func.substr(host, 1, func.instr(host, "/") - 1)), else_=host
    )


def matchable(organization: Organization) -> Matchable:
    """The matching values of an organization row."""
    return Matchable(
        organization.id, organization.display_name, organization.legal_name,
        organization.country, organization.vat_id, organization.website,
    )  # fmt: skip
