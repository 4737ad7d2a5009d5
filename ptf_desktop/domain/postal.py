"""A party's postal address, as the printed documents and statements take it."""

from __future__ import annotations

from typing import Any

_PARTS = ("city", "region", "postal_code", "country")


def postal_fields(source: object, prefix: str = "") -> dict[str, Any]:
    """The address fields of a printed party (``Party``, ``StatementParty``) by name.

    Args:
        source: what holds the address: attributes ``<prefix>address_line1``,
            ``<prefix>address_line2``, ``<prefix>city``, ``<prefix>region``,
            ``<prefix>postal_code`` and ``<prefix>country`` (the organizations, the
            foundation's settings, and with ``bill_to_`` a quote's or invoice's bill-to).
        prefix: what the attribute names start with.

    Returns:
        ``address_lines`` (the street lines that are not empty) and the four other parts.
    """
    streets = (getattr(source, f"{prefix}address_line{n}") for n in (1, 2))
    return {
        "address_lines": tuple(line for line in streets if line),
        **{part: getattr(source, prefix + part) for part in _PARTS},
    }
