"""Render member letters: the welcome letter and the renewal reminder.

Portrait A4 or US Letter by the recipient's country, the foundation's logo and address
at the top, the recipient block, a subject line, the body, the signatory and a footer
with "Page i of N" on every page. Every piece of text is drawn shaped, a font per
script (:mod:`~ptf_desktop.documents.text_lines` for lines,
:mod:`~ptf_desktop.documents.rich_text` for sentences that name the member); none of it
goes through Paragraph markup.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ptf_desktop.documents.certificate import ImageSource, format_long_date
from ptf_desktop.documents.coverage import refuse_undrawable, texts_of
from ptf_desktop.documents.fonts import BODY_FONT, BOLD_FONT, register_fonts
from ptf_desktop.documents.layout import NumberedCanvas, format_money
from ptf_desktop.documents.render_lock import one_render_at_a_time
from ptf_desktop.documents.rich_text import RichText, Span, rich
from ptf_desktop.documents.text_lines import TextLines
from ptf_desktop.domain.letters import (
    Letter,
    LetterParty,
    RenewalReminderLetter,
    WelcomeLetter,
    reminder_closing,
    reminder_deadline_rows,
)
from ptf_desktop.domain.paper import PageSize, page_size_for_country
from ptf_desktop.domain.wording import with_article

__all__ = ["LETTER_MARGIN", "render_renewal_reminder", "render_welcome_letter"]

LETTER_MARGIN = 22 * mm
"""Left, right and top margin of a letter page."""

_INK = "#26262e"
_MUTED = "#5f5f6a"
_ACCENT = "#ee4c2c"
_PAPER = {PageSize.A4: A4, PageSize.LETTER: letter}
_TIER_LABELS = {"premier": "Premier", "general": "General", "associate": "Associate"}

_BODY = ParagraphStyle("body", fontName=BODY_FONT, fontSize=10.5, leading=15, textColor=_INK)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=8.5, leading=11.5, textColor=_MUTED)
_SENDER = ParagraphStyle("sender", parent=_SMALL, alignment=TA_RIGHT)
_SUBJECT = ParagraphStyle(
    "subject", parent=_BODY, fontName=BOLD_FONT, fontSize=13, leading=17, spaceAfter=4
)
_BULLET = ParagraphStyle(
    "bullet", parent=_BODY, leftIndent=14, bulletIndent=2, spaceAfter=3, bulletFontName=BODY_FONT
)


def _line(text: str, style: ParagraphStyle = _BODY, *, bold: bool = False) -> TextLines:
    """One line (wrapped if it must be) of text, shaped."""
    return TextLines([text], style, bold=bold)


def _lines(
    lines: Sequence[str], style: ParagraphStyle, *, bold_first: bool = False
) -> list[Flowable]:
    """Lines one below the other, the first in bold when asked."""
    lines = [line for line in lines if line]
    if not bold_first or not lines:
        return [TextLines(lines, style)]
    return [TextLines(lines[:1], style, bold=True), TextLines(lines[1:], style)]


def _header(sender: LetterParty, logo: ImageSource, width: float) -> Table:
    source: Any = io.BytesIO(logo) if isinstance(logo, bytes) else str(logo)
    address = _lines([sender.organization, *sender.address_lines], _SENDER, bold_first=True)
    table = Table(
        [[Image(source, 16 * mm, 16 * mm), address]], colWidths=[24 * mm, width - 24 * mm]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("FONT", (0, 0), (-1, -1), BODY_FONT),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, _ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def _opening(letter_date: Any, recipient: LetterParty, subject: str) -> list[Flowable]:
    addressee = [recipient.person, recipient.title, recipient.organization]
    return [
        Spacer(1, 6 * mm),
        _line(format_long_date(letter_date)),
        Spacer(1, 5 * mm),
        *_lines([*addressee, *recipient.address_lines], _BODY),
        Spacer(1, 7 * mm),
        RichText([Span(subject, bold=True)], _SUBJECT),
        Spacer(1, 3 * mm),
        RichText(rich("Dear ", recipient.person or "member", ","), _BODY),
        Spacer(1, 3 * mm),
    ]


def _text_width(recipient: LetterParty) -> float:
    """The width between the margins of the recipient's paper."""
    return float(_PAPER[page_size_for_country(recipient.country)][0] - 2 * LETTER_MARGIN)


def _first_page(letter: Letter, logo: ImageSource, *, what: str, subject: str) -> list[Flowable]:
    """The letterhead and the opening, once every text of the letter is known to be drawable.

    Args:
        letter: the letter's content.
        logo: the foundation's logo.
        what: the kind of letter, as the refusal names it ("The welcome letter").
        subject: the subject line.

    Returns:
        The first flowables of the letter's story.
    """
    recipient = letter.recipient
    refuse_undrawable(texts_of(letter), what=f"{what} to {recipient.organization}")
    story: list[Flowable] = [_header(letter.sender, logo, _text_width(recipient))]
    return story + _opening(letter.letter_date, recipient, subject)


def _closing(sender: LetterParty) -> list[Flowable]:
    return [
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                _line("Sincerely,"),
                Spacer(1, 10 * mm),
                *_lines([sender.person, sender.title], _BODY, bold_first=True),
                _line(sender.organization),
            ]
        ),
    ]


def _build(
    story: list[Flowable], recipient: LetterParty, *, title: str, author: str, subject: str
) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    page = _PAPER[page_size_for_country(recipient.country)]
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=LETTER_MARGIN,
        rightMargin=LETTER_MARGIN,
        topMargin=LETTER_MARGIN,
        bottomMargin=LETTER_MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="ptf_desktop",
        lang="en",
        invariant=1,
        initialFontName=BODY_FONT,
    )
    canvas = functools.partial(
        NumberedCanvas, footer=lambda page, pages: (author, f"Page {page} of {pages}")
    )
    document.build(story, canvasmaker=canvas)
    return buffer.getvalue()


def _tier_label(tier: str) -> str:
    return _TIER_LABELS.get(str(tier), str(tier).title())


def _render(
    letter: Letter,
    logo: ImageSource,
    kind: str,
    subject: str,
    body: Callable[[], list[Flowable]],
    pdf_subject: str,
) -> bytes:
    """A letter: letterhead and opening, its ``body``, the closing; as PDF bytes.

    Args:
        letter: the letter's content.
        logo: the foundation's logo (path or image bytes).
        kind: what it is, e.g. "welcome letter" (the refusal and the PDF title name it).
        subject: the subject line.
        body: makes the paragraphs between the opening and the closing (called once
            every text of the letter is known to be drawable).
        pdf_subject: the PDF's subject property.

    Returns:
        The PDF bytes; the same letter always gives the same bytes.
    """
    story = _first_page(letter, logo, what=f"The {kind}", subject=subject)
    story += body()
    story += _closing(letter.sender)
    organization = letter.recipient.organization
    return _build(
        story,
        letter.recipient,
        title=f"{kind[:1].upper()}{kind[1:]}: {organization}",
        author=letter.sender.organization,
        subject=pdf_subject,
    )


@one_render_at_a_time
def render_welcome_letter(letter_data: WelcomeLetter, *, logo: ImageSource) -> bytes:
    """Render a welcome letter for a new member (see ``_render``)."""
    tier = _tier_label(letter_data.tier)
    term = f"{format_long_date(letter_data.term_start)} to {format_long_date(letter_data.term_end)}"
    return _render(
        letter_data,
        logo,
        "welcome letter",
        f"Welcome to {letter_data.sender.organization}",
        lambda: _welcome_body(letter_data, tier, term),
        f"{tier} membership, {term}",
    )


def _welcome_body(letter_data: WelcomeLetter, tier: str, term: str) -> list[Flowable]:
    sender, recipient = letter_data.sender, letter_data.recipient
    story: list[Flowable] = [
        RichText(
            rich(
                "On behalf of ",
                sender.organization,
                ", it is a pleasure to welcome ",
                Span(recipient.organization, bold=True),
                f" as {with_article(tier)} member. Your first membership term runs from ",
                term,
                ".",
            ),
            _BODY,
        ),
        Spacer(1, 3 * mm),
        RichText(rich(f"As {with_article(tier)} member, your organization enjoys:"), _BODY),
        Spacer(1, 1.5 * mm),
    ]
    story += [RichText(rich(benefit), _BULLET, bullet="•") for benefit in letter_data.benefits]
    return [
        *story,
        Spacer(1, 3 * mm),
        RichText(
            rich(
                recipient.person or "Your representative",
                " is your organization's representative with the foundation; we will send "
                "invitations and governance papers to them. Please let us know if that "
                "should change.",
            ),
            _BODY,
        ),
    ]


@one_render_at_a_time
def render_renewal_reminder(letter_data: RenewalReminderLetter, *, logo: ImageSource) -> bytes:
    """Render a renewal reminder: term end, the next term's fee and the deadlines.

    See ``_render`` for the arguments and the result.
    """
    tier = _tier_label(letter_data.tier)
    next_term = (
        f"{format_long_date(letter_data.next_term_start)} to "
        f"{format_long_date(letter_data.next_term_end)}"
    )
    return _render(
        letter_data,
        logo,
        "renewal reminder",
        f"Renewal of your {tier} membership",
        lambda: _reminder_body(letter_data, tier, next_term),
        f"{tier} membership renewal, {next_term}",
    )


def _reminder_body(letter_data: RenewalReminderLetter, tier: str, next_term: str) -> list[Flowable]:
    sender, recipient = letter_data.sender, letter_data.recipient
    width = _text_width(recipient)
    story: list[Flowable] = [
        RichText(
            rich(
                f"The {tier} membership of ",
                Span(recipient.organization, bold=True),
                " in ",
                sender.organization,
                f" ends on {format_long_date(letter_data.term_end)} and renews for the next "
                "term unless you tell us otherwise. Thank you for your support.",
            ),
            _BODY,
        )
    ]
    rows = [
        ("Current term ends", format_long_date(letter_data.term_end)),
        ("Next term", next_term),
        ("Membership fee for the next term", format_money(letter_data.amount)),
        *reminder_deadline_rows(letter_data),  # as the member's invoice and dates stand
    ]
    table = Table(
        [[_line(label), _line(value, bold=True)] for label, value in rows],
        colWidths=[width * 0.45, width * 0.55],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BODY_FONT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, "#d8d8de"),
                ("BOX", (0, 0), (-1, -1), 0.8, _ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [
        *story,
        Spacer(1, 5 * mm),
        table,
        Spacer(1, 5 * mm),
        RichText(rich(reminder_closing(letter_data)), _BODY),
    ]
