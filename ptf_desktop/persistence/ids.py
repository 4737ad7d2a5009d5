"""Keys for rows written in bulk: time-ordered UUIDs (version 7, RFC 9562).

A random (version 4) key lands anywhere in a primary-key index, so ten thousand new rows
touch nearly every page of every index keyed by them: the primary key and, in the child
tables, the foreign key to their organization. A version 7 key starts with the time in
milliseconds, so the keys made by one import sit next to each other in those indexes
and fill a few pages instead of rewriting them all (an import of 10,000 organizations
into a register of 100,000 writes about half as much). The key is still a UUID, made on
the client and unique everywhere (74 random bits per millisecond), as sync requires.
"""

from __future__ import annotations

import os
import time
import uuid

# Of 80 bits of randomness after the time, the 4 version bits (76-79) and the 2 variant
# bits (62-63) are replaced: 74 random bits stay.
_RANDOM_KEPT = ((1 << 80) - 1) & ~(0xF << 76) & ~(0b11 << 62)
_VERSION_AND_VARIANT = 0x7 << 76 | 0b10 << 62
_MILLISECONDS = (1 << 48) - 1


def time_ordered_uuid() -> uuid.UUID:
    """A new UUID version 7: 48 bits of Unix time in milliseconds, then 74 random bits.

    Returns:
        The key; keys made later sort after it (those of the same millisecond in any
        order).
    """
    # A renewal run makes hundreds of thousands of keys: the random bits come from a
    # pool filled by one read of the system's source per few thousand keys (a read per
    # key was a third of the key's cost). list.pop is atomic: no two threads get the
    # same bits.
    try:
        random_bits = _random_pool.pop()
    except IndexError:
        _random_pool.extend(_fresh_random_bits())
        random_bits = _random_pool.pop()
    key = _new_uuid(uuid.UUID)
    # What uuid.UUID(int=...) stores, without its checks of arguments that are right by
    # construction (the checks were half a key's cost).
    _set_slot(
        key,
        "int",
        (time.time_ns() // 1_000_000 & _MILLISECONDS) << 80 | random_bits | _VERSION_AND_VARIANT,
    )
    _set_slot(key, "is_safe", uuid.SafeUUID.unknown)
    return key


_new_uuid = object.__new__
_set_slot = object.__setattr__


def _fresh_random_bits(count: int = 4096) -> list[int]:
    raw = os.urandom(10 * count)
    return [
        int.from_bytes(raw[at : at + 10], "big") & _RANDOM_KEPT for at in range(0, len(raw), 10)
    ]


_random_pool: list[int] = []
# A forked process must not make the keys its parent makes too.
os.register_at_fork(after_in_child=_random_pool.clear)
