"""Render a member's statement of account to PDF with ReportLab.

The statement (``domain.billing.statement.Statement``) is laid out like the invoices:
the foundation top left, the title and date top right, the member, then per currency a
table of every charge and credit with the running balance, the balance on the date in
words (owed, or to the member's credit) and the invoices still open. User text goes
through :mod:`~ptf_desktop.documents.text_runs` (any script, escaped); output is
byte-reproducible (``invariant=1``).
"""

from __future__ import annotations

import functools
import io

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from ptf_desktop.documents import fonts
from ptf_desktop.documents.addresses import address_lines
from ptf_desktop.documents.blocks import Stack
from ptf_desktop.documents.cached_image import CachedImage
from ptf_desktop.documents.layout import (
    MARGIN,
    RULE,
    TEXT,
    Columns,
    NumberedCanvas,
    Pair,
    Pairs,
    format_amount,
    format_date,
    format_money,
    page_size_for,
    styles,
)
from ptf_desktop.documents.lines_table import LineRow, LinesTable
from ptf_desktop.documents.render_lock import one_render_at_a_time
from ptf_desktop.documents.text_lines import make_text
from ptf_desktop.domain.billing.statement import CurrencyAccount, Statement, StatementParty
from ptf_desktop.domain.money import Money

__all__ = ["balance_words", "render_statement_pdf"]

TITLE = "STATEMENT OF ACCOUNT"


def balance_words(balance: Money) -> str:
    """The balance in words: "USD 1,000.00 owed", "USD 300.00 to your credit", "Nothing owed"."""
    if balance.amount > 0:
        return f"{format_money(balance)} owed"
    if balance.amount < 0:
        return f"{format_money(-balance)} to your credit"
    return f"Nothing owed in {balance.currency}"


@one_render_at_a_time
def render_statement_pdf(statement: Statement) -> bytes:
    """The statement as PDF bytes (the same statement always gives the same bytes)."""
    fonts.register_fonts()
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    member = statement.member
    title = f"Statement of account {statement.as_of.isoformat()}"
    template = BaseDocTemplate(
        buffer,
        pagesize=page_size_for(member.country),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=statement.seller.name,
        subject=f"{title} of {' '.join(member.name.split())}",
        creator="PTF Desktop",
        producer="PTF Desktop (ReportLab)",
        lang="en",
        invariant=1,
        initialFontName=fonts.BODY_FONT,
    )
    frame = Frame(
        template.leftMargin, template.bottomMargin, template.width, template.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    seller_line = " · ".join(p for p in (statement.seller.name, statement.seller.email) if p)

    def footer(page: int, pages: int) -> tuple[str, str]:
        return seller_line, f"Statement {statement.as_of.isoformat()} · Page {page} of {pages}"

    template.build(
        _story(statement, template.width),
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()


def _story(statement: Statement, width: float) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [_header(statement, width), Spacer(1, 6 * mm), _member(statement)]
    if not statement.accounts:
        story += [Spacer(1, 6 * mm), make_text("No invoices have been issued.", st["body"])]
    for account in statement.accounts:
        story += [Spacer(1, 6 * mm), *_account(account, statement, width)]
    story.append(Spacer(1, 6 * mm))
    if statement.remittance:
        story.append(make_text(statement.remittance, st["body"]))
    if statement.seller.email:
        story.append(make_text(f"Billing questions: {statement.seller.email}", st["small"]))
    return story


def _party_lines(party: StatementParty) -> list[str]:
    return address_lines(
        party.address_lines, party.city, party.region, party.postal_code, party.country
    )


def _header(statement: Statement, width: float) -> Flowable:
    st = styles()
    seller = statement.seller
    left: list[Flowable] = [
        CachedImage("images/logo-document.png", 14 * mm, 14 * mm, h_align="LEFT"),
        Spacer(1, 2 * mm),
        make_text(seller.name, st["seller"]),
        make_text(_party_lines(seller), st["small"]),
    ]
    if seller.tax_id:
        left.append(make_text(f"Tax ID: {seller.tax_id}", st["small"]))
    facts = Pairs([Pair("Statement date", format_date(statement.as_of))])
    right_width = max(facts.width, stringWidth(TITLE, fonts.BOLD_FONT, 16)) + 2
    title_style = st["title"].clone("statement_title", fontSize=16, leading=20)
    right: list[Flowable] = [make_text(TITLE, title_style), Spacer(1, 3 * mm), facts]
    return Columns([(width - right_width, left), (right_width, right)], align_last_right=True)


def _member(statement: Statement) -> Flowable:
    st = styles()
    member = statement.member
    parts: list[Flowable] = [
        make_text("ACCOUNT OF", st["label"]),
        make_text(member.name, st["name"]),
    ]
    lines = _party_lines(member)
    if lines:
        parts.append(make_text(lines, st["body"]))
    extra = [f"Attn: {member.contact_name}" if member.contact_name else ""]
    extra.append(f"E-mail: {member.email}" if member.email else "")
    if any(extra):
        parts.append(make_text([e for e in extra if e], st["body"]))
    return Stack(parts)


def _account(account: CurrencyAccount, statement: Statement, width: float) -> list[Flowable]:
    st = styles()
    currency = account.currency
    header = ["Date and entry", "Charges", "Credits", f"Balance ({currency})"]
    rows = [
        LineRow(
            " · ".join(
                part for part in (format_date(line.on), line.label, line.reference, line.note)
                if part
            ),
            (
                format_amount(line.charge) if line.charge else "–",
                format_amount(line.credit) if line.credit else "–",
                format_amount(line.balance),
            ),
        )
        for line in account.lines
    ]  # fmt: skip
    parts: list[Flowable] = [make_text(f"Account in {currency}", st["heading"]), Spacer(1, 2)]
    if rows:
        parts.append(_table(header, rows, width))
    totals = Pairs(
        [
            Pair("Charges", format_money(account.charges), size=9, bold=False),
            Pair("Credits", format_money(account.credits), size=9, bold=False),
            Pair(
                f"Balance on {format_date(statement.as_of)}",
                balance_words(account.balance),
                size=11,
                strong=True,
                rule_above=True,
            ),
        ],
        gap=40,
    )
    parts += [Spacer(1, 3 * mm), totals]
    if account.open_invoices:
        open_rows = [
            LineRow(
                f"{item.number} · issued {format_date(item.issue_date)}",
                (
                    format_date(item.due_date),
                    str(item.days_overdue(statement.as_of)),
                    format_amount(item.total),
                    format_amount(item.open),
                ),
            )
            for item in account.open_invoices
        ]
        parts += [
            Spacer(1, 4 * mm),
            make_text("Open invoices", st["heading"]),
            Spacer(1, 2),
            _table(
                ["Invoice", "Due", "Days overdue", "Total", f"Open ({currency})"], open_rows, width
            ),
        ]
    return parts


def _table(header: list[str], rows: list[LineRow], width: float) -> Flowable:
    st = styles()
    body, head = st["body"], st["column"]
    columns = len(header) - 1
    widths = [
        max(
            stringWidth(header[col + 1], fonts.BOLD_FONT, head.fontSize),
            *(stringWidth(row.figures[col], fonts.BODY_FONT, body.fontSize) for row in rows),
        )
        + 12
        for col in range(columns)
    ]
    return LinesTable(
        header, rows, [width - sum(widths), *widths], body, head, rule=RULE, header_rule=TEXT
    )
