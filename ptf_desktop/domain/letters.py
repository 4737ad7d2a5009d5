"""Member letters: the welcome letter and the renewal reminder, as plain data.

The tier benefits are the foundation's published wording (FEES.md, "Tiers"); they are
data handed to the letter, so a service can take them from editable settings later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .money import Money
from .organizations import Tier

__all__ = [
    "TIER_BENEFITS",
    "LetterParty",
    "RenewalReminderLetter",
    "WelcomeLetter",
    "benefits_for",
]

TIER_BENEFITS: dict[Tier, tuple[str, ...]] = {
    Tier.PREMIER: (
        "One voting representative, and one alternate, on the Governing Board and on any "
        "of its subcommittees.",
        "Prominent placement on the foundation's website, landscape and marketing material.",
        "Membership of the Linux Foundation at Silver level, which Premier membership includes.",
    ),
    Tier.GENERAL: (
        "Eligibility for a seat on the Governing Board: one seat for every ten General "
        "members, up to three seats, elected among the General members.",
        "Discounts on event sponsorships and on training courses.",
        "Membership of the Linux Foundation at Silver level, which General membership includes.",
    ),
    Tier.ASSOCIATE: (
        "Participation in the foundation's community, technical projects and events, "
        "free of charge for academic and non-profit organizations.",
        "Recognition as an Associate member on the foundation's website.",
    ),
}
"""The benefits of each tier as published by the foundation (FEES.md)."""


def benefits_for(tier: Tier) -> tuple[str, ...]:
    """Return the published benefits of a tier, one sentence each."""
    return TIER_BENEFITS[tier]


@dataclass(frozen=True)
class LetterParty:
    """Sender or recipient of a letter.

    Attributes:
        organization: the organization's legal name as recorded.
        person: the person writing or addressed ("" when none).
        title: the person's title ("" when none).
        address_lines: the postal address, one line each.
        country: ISO 3166 alpha-2 code; the recipient's country decides the paper.
    """

    organization: str
    person: str
    title: str
    address_lines: tuple[str, ...]
    country: str


@dataclass(frozen=True)
class WelcomeLetter:
    """A welcome letter for a new member.

    Attributes:
        letter_date: the date printed on the letter.
        sender: the foundation and its signatory.
        recipient: the member organization and its representative.
        tier: the membership tier.
        term_start: first day of the first term.
        term_end: last day of the first term.
        benefits: the tier's benefits (:func:`benefits_for`).
    """

    letter_date: date
    sender: LetterParty
    recipient: LetterParty
    tier: Tier
    term_start: date
    term_end: date
    benefits: tuple[str, ...]


@dataclass(frozen=True)
class RenewalReminderLetter:
    """A reminder that a membership term ends and renews.

    Attributes:
        letter_date: the date printed on the letter.
        sender: the foundation and its signatory.
        recipient: the member organization and its representative.
        tier: the membership tier.
        term_end: last day of the current term.
        next_term_start: first day of the next term.
        next_term_end: last day of the next term.
        amount: the fee of the next term.
        notice_deadline: last day to give written notice of non-renewal.
        payment_due: the day the renewal invoice is due.
    """

    letter_date: date
    sender: LetterParty
    recipient: LetterParty
    tier: Tier
    term_end: date
    next_term_start: date
    next_term_end: date
    amount: Money
    notice_deadline: date
    payment_due: date

    def __post_init__(self) -> None:
        if self.next_term_end < self.next_term_start:
            raise ValueError("The next term ends before it starts")
        if self.amount.amount < 0:
            raise ValueError("A renewal fee cannot be negative")
