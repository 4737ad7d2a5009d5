"""The members landscape: current members laid out as a CNCF/LF ``landscape.yml``.

The layout follows the landscape files of the CNCF and the Linux Foundation: a list
``landscape`` of categories, each a mapping ``{category: null, name, subcategories}``,
each subcategory ``{subcategory: null, name, items}``, each item
``{item: null, name, homepage_url, logo, ...}``. Our category is "PyTorch Foundation
Members", with one subcategory per tier (Premier, General, Associate; an empty tier is
left out). An approved testimonial goes under the item's ``extra`` mapping, the place the
layout keeps for data of a landscape's own (``extra: {testimonial, testimonial_by}``),
so the landscape tools that do not know it ignore it.

Logo file names are made from the member's name: letters and digits of any script in
lower case, everything else as one underscore (as the landscape's own logos are named),
without reserved device names, bounded in length, and unique even on file systems that
ignore case. A member without a logo has no ``logo`` key; the export lists them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .billing.file_names import document_file_name
from .organizations import LABELS, Tier

CATEGORY_NAME = "PyTorch Foundation Members"
TIER_ORDER = (Tier.PREMIER, Tier.GENERAL, Tier.ASSOCIATE)
LOGO_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}


@dataclass(frozen=True)
class LandscapeMember:
    """A current member as the landscape shows it."""

    key: str
    name: str
    tier: Tier
    homepage_url: str
    logo_mime: str = ""
    testimonial: str = ""
    testimonial_by: str = ""

    @property
    def has_logo(self) -> bool:
        """Whether a logo image of a known type is stored."""
        return self.logo_mime in LOGO_EXTENSIONS


def logo_file_names(members: Sequence[LandscapeMember]) -> dict[str, str]:
    """A unique, portable logo file name for every member that has a logo, by member key.

    Two names that differ only in case or in characters that are removed get "_2",
    "_3"... in the order given.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for member in members:
        if not member.has_logo:
            continue
        extension = LOGO_EXTENSIONS[member.logo_mime]
        stem = _slug(member.name) or "member"
        candidate = document_file_name(stem, "", extension)
        counter = 1
        while candidate.casefold() in taken:
            counter += 1
            candidate = document_file_name(f"{stem[:100]}_{counter}", "", extension)
        taken.add(candidate.casefold())
        names[member.key] = candidate
    return names


def _slug(name: str) -> str:
    """Letters, marks and digits of any script, lower case, other runs as one underscore.

    "AT&T Inc." gives "at_t_inc", as the landscape's own logos are named; a name can
    then never start with "-" or "." (read as an option or a hidden file by tools).
    """
    kept = [
        char if unicodedata.category(char)[0] in "LMN" else " "
        for char in unicodedata.normalize("NFC", name).casefold()
    ]
    return "_".join("".join(kept).split())


def landscape_document(members: Sequence[LandscapeMember], logos: dict[str, str]) -> dict[str, Any]:
    """The landscape as plain data, ready to be written as YAML.

    Args:
        members: the current members (any order; items are sorted by name per tier).
        logos: logo file names by member key (``logo_file_names``).
    """
    subcategories = []
    for tier in TIER_ORDER:
        in_tier = sorted(
            (m for m in members if m.tier is tier), key=lambda m: (m.name.casefold(), m.key)
        )
        if in_tier:
            items = [{"item": None, **_item(member, logos)} for member in in_tier]
            subcategories.append({"subcategory": None, "name": LABELS[tier.value], "items": items})
    category = {"category": None, "name": CATEGORY_NAME, "subcategories": subcategories}
    return {"landscape": [category]}


def _item(member: LandscapeMember, logos: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {"name": member.name, "homepage_url": member.homepage_url}
    if member.key in logos:  # without one, the website team adds it (the export warns)
        item["logo"] = logos[member.key]
    if member.testimonial:
        item["extra"] = {"testimonial": member.testimonial, "testimonial_by": member.testimonial_by}
    return item
