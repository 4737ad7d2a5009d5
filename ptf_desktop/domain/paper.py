"""Paper sizes: which countries print on US Letter and which on A4.

One list for every document the application prints (invoices, quotes, credit notes,
reports, certificates, letters), so a member gets the same paper from all of them.
Pure data: the renderers turn a :class:`PageSize` into points with their own PDF library.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["LETTER_COUNTRIES", "PageSize", "page_size_for_country"]

LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PR", "PH", "CL", "CO", "CR", "DO", "GT", "PA", "SV", "VE", "BZ", "NI"}
)
"""ISO 3166 codes of countries whose offices use US Letter paper; everyone else uses A4."""


class PageSize(StrEnum):
    """The two paper sizes the application prints on."""

    A4 = "A4"
    LETTER = "Letter"


def page_size_for_country(country: str) -> PageSize:
    """Return the paper size for an addressee in ``country`` (ISO 3166 alpha-2).

    Args:
        country: the country code, any case and surrounding spaces; "" when unknown.

    Returns:
        US Letter for the Letter countries (:data:`LETTER_COUNTRIES`), A4 otherwise.
    """
    return PageSize.LETTER if country.strip().upper() in LETTER_COUNTRIES else PageSize.A4
