"""Valid, distinct tax IDs for demo organizations.

Each is made by drawing the digits a country's format needs and then finding the check
digit that its python-stdnum rule accepts; the stored form is whatever
``domain.tax_ids.validate_tax_id`` returns, so editing a demo organization never trips
over its own tax ID. A country with no scheme here gets none (empty is always valid).
"""

from __future__ import annotations

import random
from typing import Any

from stdnum import get_cc_module, luhn

from ...domain.tax_ids import validate_tax_id
from .demo_catalog import Country
from .demo_random import fill, pick

_DIGITS = "0123456789"
_ATTEMPTS = 30


class TaxIdMaker:
    """Makes tax IDs from one random source, never the same one twice."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._made: set[str] = set()
        self._rules: dict[str, Any] = {}

    def make(self, country: Country, chance: float) -> str:
        """A valid tax ID for the country with the given chance, otherwise ""."""
        if country.vat is None or self._rng.random() >= chance:
            return ""
        for _attempt in range(_ATTEMPTS):
            candidate = self._candidate(country)
            if candidate and candidate not in self._made:
                self._made.add(candidate)
                return candidate
        return ""

    def _candidate(self, country: Country) -> str:
        scheme = country.vat
        if isinstance(scheme, str):
            try:
                return validate_tax_id(_COMPUTED[scheme](self._rng), country.code)
            except ValueError:  # a rule changed in python-stdnum: try other digits
                return ""
        assert scheme is not None
        prefix, pattern, suffix = scheme
        rule = self._rule(country.code)
        base = prefix + fill(self._rng, pattern)
        for digit in _DIGITS:
            if rule.is_valid(base + digit + suffix):
                return validate_tax_id(base + digit + suffix, country.code)
        return ""

    def _rule(self, code: str) -> Any:
        # The national module, not the EU-wide one: same rule, half the work per try.
        if code not in self._rules:
            self._rules[code] = get_cc_module(code.lower(), "vat")
        return self._rules[code]


# EIN prefixes assigned to IRS campuses (python-stdnum's list); an EIN has no check digit.
_EIN_PREFIXES = (
    "01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 "
    "38 39 40 41 42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 "
    "68 71 72 73 74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99"
).split()


def _us(rng: random.Random) -> str:
    """US EIN: a campus prefix and seven digits."""
    return pick(rng, _EIN_PREFIXES) + fill(rng, "#######")


def _gb(rng: random.Random) -> str:
    """UK VAT: nine digits whose weighted sum is 0 modulo 97 (the last two are the check)."""
    digits = fill(rng, "@######")
    total = sum(w * int(d) for w, d in zip((8, 7, 6, 5, 4, 3, 2), digits, strict=True))
    return f"{digits}{-total % 97:02d}"


def _fr(rng: random.Random) -> str:
    """French TVA: a two-digit key computed from a SIREN (whose last digit is Luhn)."""
    head = fill(rng, "@#######")
    siren = head + luhn.calc_check_digit(head)
    return f"FR{int(siren + '12') % 97:02d}{siren}"


def _be(rng: random.Random) -> str:
    """Belgian VAT: ten digits starting with 0, the last two being 97 - (first eight mod 97)."""
    head = "0" + fill(rng, "@######")
    return f"{head}{97 - int(head) % 97:02d}"


_COMPUTED = {"us": _us, "gb": _gb, "fr": _fr, "be": _be}
