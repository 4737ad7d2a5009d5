"""How the organizations list writes numbers, countries and months for people."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QDate, QLocale


def number_locale() -> QLocale:
    """The user's locale, always grouping digits.

    The "C" locale (what a bare environment gives) omits the group separator by default,
    and "100000" is much harder to read than "100,000".
    """
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale


def format_count(number: int) -> str:
    """A whole number with the locale's digit grouping: "100,000"."""
    return number_locale().toString(number)


def organizations_count_text(shown: int, total: int, exact: bool = True) -> str:
    """The count under the list: "1,234 of 100,000 organizations" or "500 organizations".

    When the count of ``shown`` stopped early (``exact`` False) it reads "1,000+ of ...".
    """
    noun = "organization" if total == 1 else "organizations"
    matching = format_count(shown) + ("" if exact else "+")
    if shown == total and exact:
        return f"{format_count(total)} {noun}"
    return f"{matching} of {format_count(total)} {noun}"


@cache
def country_name(code: str) -> str:
    """The short English name of an ISO 3166 alpha-2 code ("South Korea"); the code if unknown."""
    import pycountry  # loaded when the list first shows a country, not at start-up

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def month_label(year: int, month: int) -> str:
    """A month as the locale writes it: "December 2026"."""
    return QLocale().toString(QDate(year, month, 1), "MMMM yyyy")
