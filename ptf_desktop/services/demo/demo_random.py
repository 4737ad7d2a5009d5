"""Small, fast random helpers shared by the demo-data generator.

``random.Random.choice`` draws by rejection sampling, one method call deep; the demo
generator makes millions of draws, so these scale ``random()`` instead. They are as
deterministic as the generator they are given.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_POOLS = {"#": "0123456789", "@": "123456789", "?": "ABCDEFGHJKLMNPRSTUVWXY"}


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One item, each equally likely."""
    return items[int(rng.random() * len(items))]


def fill(rng: random.Random, pattern: str) -> str:
    """Fill a pattern: ``#`` any digit, ``@`` a digit from 1, ``?`` a capital letter."""
    out = []
    for ch in pattern:
        pool = _POOLS.get(ch)
        out.append(pool[int(rng.random() * len(pool))] if pool else ch)
    return "".join(out)
