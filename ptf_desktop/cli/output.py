"""What the command line prints is safe for a terminal: control characters are escaped.

Names and other text come from data anyone may have typed or imported; a name holding
ESC or BEL would otherwise drive the terminal (change colours, set the window title,
ring the bell). Every print of the ``ptf`` command goes through one escaping stream,
which keeps only the line breaks and tabs the command itself writes.
"""

from __future__ import annotations

import io
import unicodedata
from typing import TextIO

# C0 and C1 controls, DEL, and lone surrogates (undecodable file names) are escaped.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cs"})


def safe_text(text: str, keep: str = "") -> str:
    """``text`` with every control character written as an escape (ESC as a backslash-x1b).

    Args:
        text: what is about to be printed.
        keep: control characters left as they are (the stream keeps line breaks).
    """
    if text.isprintable():  # the common case, answered in C
        return text
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in _UNSAFE_CATEGORIES and ch not in keep
        else ch
        for ch in text
    )


class EscapingStream(io.TextIOBase):
    """A text stream that escapes control characters before writing to another one."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target

    def write(self, text: str) -> int:  # noqa: D102 - the TextIOBase method
        self._target.write(safe_text(text, keep="\n\t"))
        return len(text)

    def flush(self) -> None:  # noqa: D102 - the TextIOBase method
        self._target.flush()

    def fileno(self) -> int:  # noqa: D102 - the TextIOBase method
        return self._target.fileno()

    def isatty(self) -> bool:  # noqa: D102 - the TextIOBase method
        return self._target.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]  # the target's, as print expects
        """The encoding of the stream written to."""
        return getattr(self._target, "encoding", "utf-8") or "utf-8"
