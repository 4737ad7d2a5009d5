"""The small words around a tier, a name or a count: "an Associate member", "1 invoice".

Every sentence that documents, letters and messages build around a value goes through
these helpers, so that it reads correctly whatever the value is.
"""

from __future__ import annotations

import re

__all__ = ["count_of", "indefinite_article", "plural", "with_article"]

_AN_BEFORE_CONSONANT = re.compile(r"^(hour|honest|honou?r|heir)", re.IGNORECASE)
"""Words spelt with a consonant that start with a vowel sound (a silent h)."""

_A_BEFORE_VOWEL = re.compile(
    r"^(uni|use|usu|uti|ure|eu|ewe|one\b|once\b|u[bcfhjkqrst][aeiou])", re.IGNORECASE
)
"""Words spelt with a vowel that start with a consonant sound ("a union", "a one-year")."""

_LETTER_NAMES_WITH_VOWEL_SOUND = frozenset("AEFHILMNORSX")
"""Capital letters read with a vowel sound when an abbreviation is spelt out ("an MBA")."""


def indefinite_article(word: str) -> str:
    """Return "a" or "an" for the word that follows it, by how the word is pronounced.

    Args:
        word: The next word ("Associate", "General", "hour", "MBA", "8-year").

    Returns:
        "an" before a vowel sound, otherwise "a".
    """
    word = word.strip()
    if not word:
        return "a"
    first = word.split()[0]
    if len(first) > 1 and first.isupper() and first.isalpha():
        return "an" if first[0] in _LETTER_NAMES_WITH_VOWEL_SOUND else "a"
    if first[0].isdigit():
        return "an" if re.match(r"^(8|11|18|80+)(\D|$)", first) else "a"
    if _AN_BEFORE_CONSONANT.match(first):
        return "an"
    if _A_BEFORE_VOWEL.match(first):
        return "a"
    return "an" if first[0].lower() in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """Return the phrase after its indefinite article: "an Associate member"."""
    return f"{indefinite_article(phrase)} {phrase}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return the noun in the form the count asks for, without the count.

    Args:
        count: How many.
        singular: The singular ("invoice").
        plural_form: The plural when it is not the singular plus "s" ("entries").

    Returns:
        ``singular`` for one (and minus one), otherwise the plural.
    """
    if abs(count) == 1:
        return singular
    return plural_form if plural_form is not None else f"{singular}s"


def count_of(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return the count and its noun: "1 invoice", "3 invoices", "0 invoices"."""
    return f"{count:,} {plural(count, singular, plural_form)}"
