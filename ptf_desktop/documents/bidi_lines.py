"""Bidi levels and reordering of one line of text (UAX #9), with ``python-bidi``.

``python-bidi`` resolves the embedding level of every character (rules X1 to I2);
:func:`reorder` then puts the pieces of a line in display order (rule L2). It is applied
to one line at a time, after wrapping, so the lines of a right-to-left text read top down.
"""

from __future__ import annotations

from bidi import algorithm as bidi_algorithm

__all__ = ["base_direction", "levels", "reorder"]


def base_direction(text: str) -> int:
    """The paragraph level of ``text``: 1 when its first strong letter is right to left."""
    return 0 if text.isascii() else int(bidi_algorithm.get_base_level(text))


def levels(text: str, base: int) -> list[int]:
    """Resolved bidi embedding levels of each character (rules X1 to I2 of UAX #9)."""
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    bidi_algorithm.get_embedding_levels(text, storage)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    return [int(char["level"]) for char in storage["chars"]]


def reorder(pieces: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Rule L2 of UAX #9: reverse runs of pieces at each level or higher.

    From the highest level down to the lowest odd one, every maximal run of pieces at
    that level or higher is reversed.
    """
    if not pieces:
        return pieces
    highest = max(level for level, _, _ in pieces)
    lowest_odd = min((level for level, _, _ in pieces if level % 2), default=highest + 1)
    ordered = list(pieces)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(ordered):
            if ordered[index][0] >= level:
                end = index
                while end < len(ordered) and ordered[end][0] >= level:
                    end += 1
                ordered[index:end] = reversed(ordered[index:end])
                index = end
            else:
                index += 1
    return ordered
