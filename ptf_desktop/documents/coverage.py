"""Never a silent empty box: find characters no bundled font can draw.

A character that no bundled font has would be drawn as the font's .notdef glyph (an
empty box), which nobody can read, which breaks PDF/A (rule 6.2.11.8) and which makes a
certificate's printed name differ from the register. :func:`missing_characters` finds
such characters when a name is typed or imported (to warn), and
:func:`refuse_undrawable` refuses a document that would draw one, before anything of it
is issued, numbered or signed.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from fontTools import unicodedata as script_data

from ptf_desktop.documents.text_runs import font_for
from ptf_desktop.domain.errors import UserError

__all__ = [
    "MissingCharacter",
    "UndrawableTextError",
    "missing_characters",
    "refuse_undrawable",
    "texts_of",
]


@dataclass(frozen=True)
class MissingCharacter:
    """A character of some text that no bundled font can draw.

    Attributes:
        char: The character.
        name: Its Unicode name (or its code point when it has none).
        script: The name of its script ("Tifinagh", "Cherokee", ...).
    """

    char: str
    name: str
    script: str

    def describe(self) -> str:
        """A sentence part naming the character: '"ⵣ" (U+2D63 TIFINAGH LETTER YAZ, Tifinagh)'."""
        return f'"{self.char}" (U+{ord(self.char):04X} {self.name}, {self.script} script)'


class UndrawableTextError(UserError):
    """A document would show a character no bundled font can draw; it is not made."""


def _invisible(char: str) -> bool:
    """Controls, format characters and white space draw nothing and need no glyph."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def missing_characters(text: str) -> list[MissingCharacter]:
    """Return the characters of ``text`` that no bundled font can draw, each once.

    Args:
        text: Any text (a name, an address line).

    Returns:
        The characters in order of first appearance; empty when every one can be drawn.
    """
    if text.isascii():
        return []
    found: dict[str, MissingCharacter] = {}
    for char in text:
        if char in found or _invisible(char):
            continue
        if font_for(char) is None or font_for(char, bold=True) is None:
            code = f"U+{ord(char):04X}"
            name = unicodedata.name(char, code)
            script = script_data.script_name(script_data.script(char), "Unknown")
            found[char] = MissingCharacter(char, name, script)
    return list(found.values())


def texts_of(value: object) -> Iterator[str]:
    """Every string inside a document model (dataclasses, tuples, lists, dicts)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts_of(getattr(value, field.name))
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from texts_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item)


def refuse_undrawable(texts: Iterable[str], *, what: str = "The document") -> None:
    """Raise unless every character of ``texts`` can be drawn with a bundled font.

    Args:
        texts: The texts the document shows.
        what: The document, for the message ("Invoice for ACME").

    Raises:
        UndrawableTextError: naming each character, its code point and its script.
    """
    for text in texts:
        missing = missing_characters(text)
        if missing:
            characters = ", ".join(character.describe() for character in missing)
            raise UndrawableTextError(
                f"{what} cannot be made: no font of the application can print "
                f"{characters} in {text!r}. Change the text (for example, write the "
                "name in another script), then try again."
            )
