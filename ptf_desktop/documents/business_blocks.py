"""The blocks of a quote, invoice or credit note: header, buyer, references, lines, totals.

Each function lays out one part of the page for :mod:`ptf_desktop.documents.business`
(which stacks them) from an immutable document of :mod:`ptf_desktop.documents.model`.
Amounts are plain right-aligned strings in columns measured to fit them, so they never
wrap; user text goes through :mod:`~ptf_desktop.documents.text_runs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ptf_desktop.documents.addresses import address_lines
from ptf_desktop.documents.blocks import Stack
from ptf_desktop.documents.cached_image import CachedImage
from ptf_desktop.documents.layout import (
    RULE,
    SHADE,
    TEXT,
    Columns,
    Pair,
    Pairs,
    format_amount,
    format_date,
    format_money,
    format_quantity,
    format_rate,
)
from ptf_desktop.documents.lines_table import LineRow, LinesTable
from ptf_desktop.documents.model import (
    CreditNoteDocument,
    InvoiceDocument,
    Party,
    QuoteDocument,
)
from ptf_desktop.documents.text_lines import make_text
from ptf_desktop.documents.text_runs import string_width
from ptf_desktop.domain.tax_ids import vat_identifier

Document = InvoiceDocument | QuoteDocument | CreditNoteDocument
Kind = Literal["Invoice", "Quote", "Credit note"]
Styles = Mapping[str, ParagraphStyle]


def tax_wording(doc: Document) -> str:
    """The tax note, saying which lines it is for when others are taxed (19% + 0%)."""
    if any(summary.rate > 0 for summary in doc.tax_summaries):
        return f"Lines at 0%: {doc.tax_note}"
    return doc.tax_note


def after(space: float, flowable: Flowable) -> Flowable:
    """``flowable`` with ``space`` points above it (dropped at the top of a page)."""
    flowable.spaceBefore = space
    return flowable


def party_lines(party: Party) -> list[str]:
    """Address lines of a party as its country writes them, ending with the country's name."""
    return address_lines(
        party.address_lines, party.city, party.region, party.postal_code, party.country
    )


def header(doc: Document, kind: Kind, width: float, st: Styles) -> Flowable:
    """Seller and logo on the left; the title and the document's key dates on the right."""
    seller = doc.seller
    # A 96-pixel copy of logo.png flattened on white (made from it, see
    # resources/images/README.md): no alpha channel, so no soft mask for PDF/A, and
    # 1/7 of the pixels to decode and compress for a 14 mm mark (~170 dpi).
    # Decoded and compressed once per process, not once per document.
    logo = CachedImage("images/logo-document.png", 14 * mm, 14 * mm, h_align="LEFT")
    seller_parts: list[Flowable] = [
        logo,
        Spacer(1, 2 * mm),
        make_text(seller.legal_name, st["seller"]),
        make_text(party_lines(seller), st["small"]),
    ]
    contact = [f"Tax ID: {seller.tax_id}" if seller.tax_id else "", seller.email]
    if any(contact):
        seller_parts.append(make_text([c for c in contact if c], st["small"]))

    rows = [Pair("Number", doc.number), Pair("Issue date", format_date(doc.issue_date))]
    if isinstance(doc, InvoiceDocument):
        rows.append(Pair("Due date", format_date(doc.due_date)))
    elif isinstance(doc, QuoteDocument):
        rows.append(Pair("Valid until", format_date(doc.valid_until)))
    else:
        rows.append(Pair("Corrects invoice", doc.corrected_invoice))
        rows.append(Pair("Invoice date", format_date(doc.corrected_invoice_date)))
    title = kind.upper()
    key_table = Pairs(rows)
    title_parts: list[Flowable] = [make_text(title, st["title"]), Spacer(1, 3 * mm), key_table]
    key_width = key_table.width
    right_width = max(key_width, string_width(title, 22, bold=True)) + 2
    return Columns(
        [(width - right_width, seller_parts), (right_width, title_parts)],
        align_last_right=True,
    )


def bill_to(buyer: Party, st: Styles, label: str) -> Flowable:
    """The buyer's name, address, tax ID, contact and e-mail under ``label``."""
    parts: list[Flowable] = [
        make_text(label, st["label"]),
        make_text(buyer.legal_name, st["name"]),
    ]
    lines = party_lines(buyer)
    if lines:
        parts.append(make_text(lines, st["body"]))
    extra = []
    if buyer.tax_id:
        # The same identifier the e-invoice gives: a VAT number with its country prefix.
        vat = vat_identifier(buyer.tax_id, buyer.country)
        extra.append(f"VAT ID: {vat}" if vat else f"Tax ID: {buyer.tax_id}")
    if buyer.contact_name:
        extra.append(f"Attn: {buyer.contact_name}")
    if buyer.email:
        extra.append(f"E-mail: {buyer.email}")
    if extra:
        parts.append(make_text(extra, st["body"]))
    return Stack(parts)


def references(doc: Document, width: float, st: Styles) -> Flowable:
    """The shaded strip of references: PO, buyer reference, terms, period, currency."""
    cells: list[tuple[str, str]] = []
    if doc.purchase_order:
        cells.append(("PO NUMBER", doc.purchase_order))
    if doc.buyer_reference:
        cells.append(("BUYER REFERENCE", doc.buyer_reference))
    if isinstance(doc, InvoiceDocument):
        cells.append(("TERMS", doc.terms))
    if isinstance(doc, CreditNoteDocument):
        cells.append(("CORRECTS INVOICE", doc.corrected_invoice))
    if doc.billing_period is not None:
        first, last = doc.billing_period
        cells.append(("PERIOD", f"{format_date(first)} to {format_date(last)}"))
    cells.append(("CURRENCY", doc.currency))
    column = width / len(cells)
    return Columns(
        [
            (column, [make_text(label, st["label"]), Spacer(1, 2), make_text(value, st["body"])])
            for label, value in cells
        ],
        padding=6,
        background=SHADE,
    )


def lines_table(doc: Document, width: float, st: Styles, *, negative: bool) -> Flowable:
    """The lines with quantity, prices, discount, tax rate and amount."""
    header = ["Description", "Qty", "Unit price", "Discount", "Tax", f"Amount ({doc.currency})"]
    rows = [
        LineRow(
            line.description,
            (
                format_quantity(line.quantity),
                # Price and discount as on the corrected invoice; only the amount is negated.
                format_amount(line.unit_price),
                format_amount(line.discount) if line.discount.amount else "–",
                format_rate(line.tax_rate),
                format_amount(line.amount, negative=negative),
            ),
        )
        for line in doc.lines
    ]
    body, head = st["body"], st["column"]
    widths = [
        max(
            string_width(header[col + 1], head.fontSize, bold=True),
            *(string_width(row.figures[col], body.fontSize) for row in rows),
        )
        + 12
        for col in range(5)
    ]
    return LinesTable(
        header,
        rows,
        [width - sum(widths), *widths],
        body,
        head,
        rule=RULE,
        header_rule=TEXT,
    )


def totals(doc: Document, width: float, *, negative: bool) -> Flowable:
    """Net, tax per rate and total (and, for a paid invoice, paid and balance due)."""
    rows = [Pair("Net total", format_money(doc.net_total, negative=negative), size=9, bold=False)]
    for summary in doc.tax_summaries:
        base = format_amount(summary.base, negative=negative)
        rows.append(
            Pair(
                f"Tax {format_rate(summary.rate)} on {base}",
                format_money(summary.tax, negative=negative),
                size=9,
                bold=False,
            )
        )
    label = "Total credited" if isinstance(doc, CreditNoteDocument) else "Total"
    paid = isinstance(doc, InvoiceDocument) and doc.amount_paid is not None
    rows.append(
        Pair(
            label,
            format_money(doc.total, negative=negative),
            size=9 if paid else 11,
            strong=True,
            rule_above=True,
        )
    )
    if isinstance(doc, InvoiceDocument) and doc.amount_paid is not None:
        assert doc.balance_due is not None
        rows.append(Pair("Amount paid", format_money(doc.amount_paid, negative=True), 9, False))
        rows.append(Pair("Balance due", format_money(doc.balance_due), 11, strong=True))
    return Pairs(rows, gap=40)


def payment(doc: InvoiceDocument, width: float, st: Styles) -> Flowable:
    """How to pay an invoice: amount and due date, bank details, what to quote."""
    bank = doc.bank
    holder = bank.account_holder or doc.seller.legal_name
    domestic = [("Account number", bank.account_number), ("ABA routing (US)", bank.aba_routing)]
    wire = [("IBAN", bank.iban_grouped), ("SWIFT/BIC", bank.swift_bic)]
    # A payer abroad or in another currency wires: the international details come first.
    abroad = doc.currency != "USD" or doc.buyer.country.upper() not in ("", doc.seller.country)
    rows: list[tuple[str, str]] = [
        ("Amount due", f"{format_money(doc.payable)} by {format_date(doc.due_date)}"),
        ("Bank", bank.bank_name),
        ("Account holder", holder),
        *(wire + domestic if abroad else domestic + wire),
    ]
    table = Pairs(
        [Pair(label, value) for label, value in rows if value],
        value_align="left",
        max_width=width,
        h_align="LEFT",
    )
    parts: list[Flowable] = [make_text("How to pay", st["heading"]), Spacer(1, 1 * mm), table]
    remittance = doc.remittance_note or (
        f"Please quote the invoice number {doc.number} with your payment."
    )
    parts += [Spacer(1, 2 * mm), make_text(remittance, st["body"])]
    if doc.seller.email:
        parts.append(make_text(f"Billing questions: {doc.seller.email}", st["small"]))
    return Stack(parts)


def correction(doc: CreditNoteDocument, st: Styles) -> Flowable:
    """Which invoice a credit note corrects, the amount credited and why."""
    return Stack(
        [
            make_text("Credit note", st["heading"]),
            make_text(
                f"This credit note corrects invoice {doc.corrected_invoice} of "
                f"{format_date(doc.corrected_invoice_date)}. Amounts shown negative are "
                "credited to the buyer.",
                st["body"],
            ),
            Spacer(1, 1 * mm),
            Pairs(
                # Positive: "credited" already says which way the money goes.
                [Pair("Amount credited", format_money(doc.total))],
                value_align="left",
                h_align="LEFT",
            ),
            make_text(f"Reason: {doc.reason}", st["body"]),
        ]
    )
