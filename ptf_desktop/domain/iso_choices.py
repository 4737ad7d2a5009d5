"""Lists offered by combo boxes: countries and currencies from ISO 3166 and ISO 4217."""

from __future__ import annotations

from functools import cache


@cache
def country_choices() -> list[tuple[str, str]]:
    """(label, alpha-2 code) for every country, sorted by name."""
    import pycountry

    return sorted(
        (f"{country.name} ({country.alpha_2})", country.alpha_2) for country in pycountry.countries
    )


@cache
def currency_choices() -> list[tuple[str, str]]:
    """(label, ISO 4217 code) for every currency, sorted by code."""
    import pycountry

    return sorted(
        (f"{currency.alpha_3} — {currency.name}", currency.alpha_3)
        for currency in pycountry.currencies
    )
