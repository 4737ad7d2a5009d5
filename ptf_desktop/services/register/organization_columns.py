"""The columns of the organizations CSV and how cells are kept from running as formulas.

The import reads, and the export writes, the same columns, so an export imports again.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some also one
that starts with a tab or a carriage return) as a formula: a name such as
``=HYPERLINK("http://evil","click")`` would become a live link, or worse. The export
therefore writes such a cell with one single quote (``'``) in front. The import removes
exactly that one quote again: from a cell that starts with one or more quotes followed by
one of those characters, the first quote is dropped. Because the export also adds a quote
to a value that itself starts with quotes before such a character, a round trip gives
back every value unchanged.
"""

from __future__ import annotations

import re

IMPORT_COLUMNS: tuple[str, ...] = (
    "name", "legal_name", "org_type", "employees", "country", "address_line1",
    "address_line2", "city", "region", "postal_code", "vat_id", "website", "tier",
    "member_since", "lf_membership", "billing_contact_name", "billing_contact_email", "notes",
)  # fmt: skip

# Written by the export for people to read; the import accepts them and ignores them
# (an imported member is active with a term covering today, whatever the file says).
EXPORT_ONLY_COLUMNS: tuple[str, ...] = ("status", "term_end")

EXPORT_COLUMNS: tuple[str, ...] = IMPORT_COLUMNS + EXPORT_ONLY_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def neutralize(text: str) -> str:
    """Make a cell value safe for a spreadsheet: a leading ``'`` when it could run.

    Args:
        text: the value as stored.

    Returns:
        The value to write into the cell.
    """
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def restore(text: str) -> str:
    """Undo ``neutralize``: drop the one quote it put in front of a formula character.

    Args:
        text: a cell as read from a file.

    Returns:
        The value that was exported.
    """
    return text[1:] if _QUOTED.match(text) else text
