"""Plausible, distinct names for demo organizations, by type and country."""

from __future__ import annotations

import random
from collections.abc import Callable

from ...domain.organizations import OrgType, normalized_name
from . import demo_catalog as catalog
from .demo_random import pick

_NONPROFIT_FORMS = {"US": "Inc.", "DE": "e.V.", "CH": "Verein", "GB": "CIC"}


class _Names:
    """Draws names no other organization has (by normalized name, as duplicates are found)."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self._rng = rng
        self._taken = taken
        # Exact names drawn so far: most repeats are caught here, before the (much
        # slower) normalization.
        self._drawn: set[str] = set()
        # Generated legal names only add a legal form to the display name, so among
        # themselves the normalized legal name is the key; names already in the database
        # may collide with a display name too.
        self._check_display = bool(taken)
        self._makers: dict[OrgType, Callable[[catalog.Country], str]] = {
            OrgType.COMMERCIAL: self._commercial,
            OrgType.ACADEMIC: self._academic,
            OrgType.NONPROFIT: self._nonprofit,
            OrgType.GOVERNMENT: self._government,
        }

    def draw(self, org_type: OrgType, country: catalog.Country) -> tuple[str, str, str]:
        """A new (display name, legal name, normalized legal name)."""
        for attempt in range(100):
            display = self._makers[org_type](country)
            if attempt > 20:  # the word lists are nearly used up for this form
                display = f"{display} {pick(self._rng, country.cities)[0]}"
            if display in self._drawn:
                continue
            self._drawn.add(display)
            legal = self._legal(display, org_type, country)
            key = normalized_name(legal)
            keys = {normalized_name(display), key} if self._check_display else {key}
            if not keys & self._taken:
                self._taken.update(keys)
                return display, legal, key
        raise RuntimeError("ran out of distinct demo names")  # not with these word lists

    def _legal(self, display: str, org_type: OrgType, country: catalog.Country) -> str:
        if org_type is OrgType.COMMERCIAL:
            suffix = pick(self._rng, country.suffixes)
            return f"{display}, {suffix}" if suffix == "Inc." else f"{display} {suffix}"
        form = _NONPROFIT_FORMS.get(country.code)
        if org_type is OrgType.NONPROFIT and form and self._rng.random() < 0.7:
            return f"{display} {form}"
        return display

    def _commercial(self, country: catalog.Country) -> str:
        rng = self._rng
        form = rng.random()
        if form < 0.45:
            base = pick(rng, catalog.NAME_STARTS) + pick(rng, catalog.NAME_ENDS)
            return base if rng.random() < 0.05 else f"{base} {pick(rng, catalog.INDUSTRIES)}"
        if form < 0.9:
            start, noun = pick(rng, catalog.NAME_STARTS), pick(rng, catalog.NAME_NOUNS)
            return f"{start} {noun} {pick(rng, catalog.INDUSTRIES)}"
        first, second = rng.sample(catalog.LAST_NAMES, 2)
        return f"{first} & {second} {pick(rng, catalog.FIRMS)}"

    def _academic(self, country: catalog.Country) -> str:
        rng = self._rng
        city, field = pick(rng, country.cities)[0], pick(rng, catalog.FIELDS)
        first, person = pick(rng, catalog.FIRST_NAMES), pick(rng, catalog.LAST_NAMES)
        # Invented: a surname or a field with a city, never a real university's name.
        forms = (
            f"{person} Institute of Technology", f"{city} {field} Institute",
            f"{person} University", f"{person} College of {field}",
            f"{person} Institute for {field}", f"{field} Lab, {person} University",
            f"Center for {field}, {person} University", f"{city} School of {field}",
            f"Department of {field}, {person} University",
            f"{first} {person} Institute for {field}", f"{first} {person} Center for {field}",
        )  # fmt: skip
        return pick(rng, forms)

    def _nonprofit(self, country: catalog.Country) -> str:
        rng = self._rng
        noun, cause = pick(rng, catalog.NAME_NOUNS), pick(rng, catalog.CAUSES)
        field, person = pick(rng, catalog.FIELDS), pick(rng, catalog.LAST_NAMES)
        project = pick(rng, catalog.NAME_STARTS) + pick(rng, catalog.NAME_ENDS)
        city, first = pick(rng, country.cities)[0], pick(rng, catalog.FIRST_NAMES)
        forms = (
            f"{noun} Foundation", f"Open {field} Alliance", f"{cause} Initiative",
            f"{city} {field} Society", f"{person} Foundation for {cause}",
            f"The {project} Project", f"{noun} Collective for {cause}",
            f"{noun} Institute for {cause}", f"{first} {person} Foundation",
            f"{project} Foundation", f"{city} {cause} Network", f"{noun} {field} Consortium",
        )  # fmt: skip
        return pick(rng, forms)

    def _government(self, country: catalog.Country) -> str:
        rng = self._rng
        city, region, _postal = pick(rng, country.cities)
        region = region or city
        area, field = pick(rng, catalog.AGENCY_AREAS), pick(rng, catalog.FIELDS)
        forms = (
            f"{city} Agency for {area}", f"{region} Office of {area}",
            f"National Laboratory for {field}, {city}", f"{city} Department of {area}",
            f"{region} Center for {field}", f"{city} Institute for {field} Research",
            f"{region} {area} Authority", f"{field} Directorate, {city}",
            f"{city} {field} Service",
        )  # fmt: skip
        return pick(rng, forms)


def organization_names(rng: random.Random, taken: set[str]) -> _Names:
    """A source of distinct organization names; ``taken`` grows as names are drawn."""
    return _Names(rng, taken)
