"""Warn, as a name is typed or imported, about characters no document could print.

The documents refuse to draw a character that no bundled font has (an empty box would
be printed instead); this module finds such characters early, in the fields that are
printed on invoices, certificates and letters, so that the person can change the text
before any document is due.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["PRINTED_FIELDS", "unprintable_warnings"]

PRINTED_FIELDS: dict[str, str] = {
    "legal_name": "Legal name",
    "display_name": "Display name",
    "address_line1": "Address",
    "address_line2": "Address",
    "city": "City",
    "region": "Region",
    "postal_code": "Postal code",
}
"""Organization fields that documents print -> their label."""


def unprintable_warnings(values: Mapping[str, object]) -> dict[str, str]:
    """Name each character of the printed fields that no bundled font can draw.

    Args:
        values: Organization field values by name (as typed or as imported).

    Returns:
        A warning per field that holds such characters, e.g. 'Legal name: "ⵣ" (U+2D63
        TIFINAGH LETTER YAZ, Tifinagh script) cannot be printed: invoices, certificates
        and letters for this organization will be refused until it is changed.'
    """
    values = {name: value for name, value in values.items() if name in PRINTED_FIELDS}
    if all(not isinstance(value, str) or value.isascii() for value in values.values()):
        return {}  # every ASCII character prints; the fonts need not be loaded to know
    # Loaded on first use: the fonts and shaping libraries are not needed at start-up.
    from ...documents.coverage import missing_characters

    warnings: dict[str, str] = {}
    for field, label in PRINTED_FIELDS.items():
        value = values.get(field)
        if not isinstance(value, str):
            continue
        missing = missing_characters(value)
        if missing:
            characters = ", ".join(character.describe() for character in missing)
            warnings[field] = (
                f"{label}: {characters} cannot be printed: no font of the application has "
                f"{'it' if len(missing) == 1 else 'them'}. Invoices, certificates and letters "
                "for this organization will be refused until it is changed."
            )
    return warnings
