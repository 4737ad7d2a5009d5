"""File names for documents that are safe on Windows, macOS and Linux.

Names come from the document number and the organization's name, which may be in any
script and contain anything a person can type. What would break a file system or fool a
person is removed: path separators, characters Windows forbids, control and bidi
override characters (which can disguise an extension), trailing dots and spaces,
reserved device names (CON, NUL, COM1...), and excess length (counted in UTF-8 bytes,
which is what Linux and macOS limit).
"""

from __future__ import annotations

import re
import unicodedata

# Well under the 255-byte limit of common file systems, leaving room for a folder's
# temporary-file suffix and a " (2)" when a name is taken.
MAX_NAME_BYTES = 160
_FORBIDDEN = set('<>:"/\\|?*')
# Bidi embeddings, overrides and isolates, and the marks: invisible, and able to make
# "invoice‮fdp.exe" look like a PDF.
_BIDI_CONTROLS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{device}{n}" for device in ("COM", "LPT") for n in [*range(10), "¹", "²", "³"]
}
_SPACES = re.compile(r"\s+")
_REPEATED = re.compile(r"_{2,}")


def sanitize_component(text: str) -> str:
    """Make free text usable as (part of) a file name on every operating system.

    Returns:
        The cleaned text, possibly empty; never containing a path separator.
    """
    text = unicodedata.normalize("NFC", text)
    cleaned = []
    for char in text:
        if char in _FORBIDDEN or unicodedata.category(char) == "Cc":
            cleaned.append("_")
        elif char in _BIDI_CONTROLS or char == "\ufeff":
            continue
        else:
            cleaned.append(char)
    result = _REPEATED.sub("_", _SPACES.sub(" ", "".join(cleaned)))
    return result.strip(" ._-")


def document_file_name(number: str, organization_name: str, extension: str = "pdf") -> str:
    """The file name of a document, e.g. ``INV-2027-0001 AT_T Inc.pdf``.

    Args:
        number: the document number (always kept whole).
        organization_name: the buyer's name, shortened when the name would be too long.
        extension: without the dot.
    """
    stem = sanitize_component(number) or "document"
    name = sanitize_component(organization_name)
    if name:
        stem = f"{stem} {name}"
    suffix = f".{extension}"
    stem = _truncate_utf8(stem, MAX_NAME_BYTES - len(suffix.encode()))
    stem = stem.rstrip(" ._-")
    if stem.split(".")[0].upper().rstrip() in _RESERVED:
        stem = f"_{stem}"
    return f"{stem}{suffix}"


def _truncate_utf8(text: str, max_bytes: int) -> str:
    """Cut text to at most max_bytes of UTF-8 without splitting a character or a cluster mark."""
    if len(text.encode()) <= max_bytes:
        return text
    cut = text.encode()[:max_bytes].decode(errors="ignore")
    # Do not leave a combining mark or joiner orphaned at the end.
    while cut and (unicodedata.combining(cut[-1]) or cut[-1] in "\u200c\u200d"):
        cut = cut[:-1]
    return cut
