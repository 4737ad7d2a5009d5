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
    "RenewalInvoice",
    "RenewalReminderLetter",
    "WelcomeLetter",
    "benefits_for",
    "reminder_closing",
    "reminder_deadline_rows",
]

_MONTHS = (
    "January February March April May June July August September October November December"
).split()

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
class Letter:
    """What every letter to a member has: date, parties and the member's tier.

    Attributes:
        letter_date: the date printed on the letter.
        sender: the foundation and its signatory.
        recipient: the member organization and its representative.
        tier: the membership tier.
    """

    letter_date: date
    sender: LetterParty
    recipient: LetterParty
    tier: Tier


@dataclass(frozen=True)
class WelcomeLetter(Letter):
    """A welcome letter for a new member (and the fields of every ``Letter``).

    Attributes:
        term_start: first day of the first term.
        term_end: last day of the first term.
        benefits: the tier's benefits (:func:`benefits_for`).
    """

    term_start: date
    term_end: date
    benefits: tuple[str, ...]


@dataclass(frozen=True)
class RenewalReminderLetter(Letter):
    """A reminder that a membership term ends and renews (and the fields of every ``Letter``).

    Attributes:
        term_end: last day of the current term.
        next_term_start: first day of the next term.
        next_term_end: last day of the next term.
        amount: the fee of the next term.
        notice_deadline: last day to give written notice of non-renewal.
        payment_due: the day the renewal invoice is due.
    """

    term_end: date
    next_term_start: date
    next_term_end: date
    amount: Money
    notice_deadline: date
    payment_due: date
    invoice: RenewalInvoice | None = None
    next_notice_deadline: date | None = None

    def __post_init__(self) -> None:
        if self.next_term_end < self.next_term_start:
            raise ValueError("The next term ends before it starts")
        if self.amount.amount < 0:
            raise ValueError("A renewal fee cannot be negative")

    @property
    def notice_passed(self) -> bool:
        """Whether the notice deadline of this renewal is before the letter's date."""
        return self.notice_deadline < self.letter_date


@dataclass(frozen=True)
class RenewalInvoice:
    """The renewal invoice already issued for the next term, as the letter refers to it.

    Attributes:
        number: its number.
        issued_on: its issue date.
        due_on: its due date.
        paid: paid in full.
    """

    number: str
    issued_on: date
    due_on: date
    paid: bool = False


def long_date(day: date) -> str:
    """A date as letters print it, e.g. ``1 December 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def reminder_deadline_rows(letter: RenewalReminderLetter) -> tuple[tuple[str, str], ...]:
    """The notice and payment rows of the reminder, as the member's state has them.

    The notice deadline is never shown as still open once it is past the letter's date:
    the row says it has passed and gives the deadline for the term after. The payment
    row gives the issued invoice's number and due date (or that it is paid); before the
    invoice is issued, the day it will be payable by under the payment terms.
    """
    if letter.notice_passed:
        passed = f"deadline passed on {long_date(letter.notice_deadline)}"
        if letter.next_notice_deadline is not None:
            passed += f"; for the following term: by {long_date(letter.next_notice_deadline)}"
        notice = ("Written notice of non-renewal", passed)
    else:
        notice = ("Written notice of non-renewal by", long_date(letter.notice_deadline))
    invoice = letter.invoice
    if invoice is None:
        payment = ("Renewal invoice payable by", long_date(letter.payment_due))
    elif invoice.paid:
        payment = (f"Renewal invoice {invoice.number}", "paid, thank you")
    else:
        payment = (f"Renewal invoice {invoice.number} payable by", long_date(invoice.due_on))
    return notice, payment


def reminder_closing(letter: RenewalReminderLetter) -> str:
    """The reminder's closing paragraph: the invoice sent or to come, and what notice applies."""
    invoice = letter.invoice
    if invoice is None:
        sent = "We will send the renewal invoice before the new term starts."
    elif invoice.paid:
        sent = f"We have received the payment of our renewal invoice {invoice.number}, thank you."
    else:
        sent = (
            f"We sent the renewal invoice {invoice.number} on {long_date(invoice.issued_on)}; "
            f"it is payable by {long_date(invoice.due_on)}."
        )
    if not letter.notice_passed:
        notice = (
            "If your organization does not wish to renew, please tell us in writing by "
            f"{long_date(letter.notice_deadline)}."
        )
    else:
        notice = (
            f"The deadline for notice of non-renewal, {long_date(letter.notice_deadline)}, has "
            "passed, so the membership renews for the next term"
        )
        if letter.next_notice_deadline is not None:
            notice += (
                "; to end it after that term, please tell us in writing by "
                f"{long_date(letter.next_notice_deadline)}"
            )
        notice += "."
    return f"{sent} {notice}"
